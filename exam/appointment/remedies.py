"""Remedies: withdrawal, exclusion, disqualification, annulment and revocation.

Each is a service verb with its deciding body, its preconditions, an audit entry, a
notification to the people affected and a row in the public record. The public row names a
candidate only by the candidate number, and only once a published result already shows it.
Each can be contested by the candidate it concerns within the competition's appeal period;
an inspector who did not take the decision rules on the contest.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.appointment import permissions
from exam.appointment import service as appointment
from exam.appointment.models import (
    AppointmentDecision,
    DecidingBody,
    DecisionStatus,
    ProcessOutcome,
    Remedy,
    RemedyKind,
    RoomRecord,
)
from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Role, Stage
from exam.competitions.permissions import roles_in
from exam.errors import Conflict, InvalidInput, require
from exam.notifications import service as notifications
from exam.oversight.models import IrregularityReport, ReportStatus
from exam.oversight.permissions import is_inspector_for
from exam.registration.models import Application, ApplicationStatus
from exam.results import service as results
from exam.results.models import ResultKind, ResultRow, ResultVersion

KIND_LABELS = {
    RemedyKind.WITHDRAWAL: _l("Withdrawal of an application"),
    RemedyKind.EXCLUSION: _l("Acceptance annulled: candidate found ineligible"),
    RemedyKind.DISQUALIFICATION: _l("Disqualification: score voided"),
    RemedyKind.RESULT_ANNULMENT: _l("Result version annulled"),
    RemedyKind.COMPETITION_ANNULMENT: _l("Competition annulled"),
    RemedyKind.REVOCATION: _l("Appointment revoked"),
}
BODY_LABELS = {
    DecidingBody.CANDIDATE: _l("The candidate"),
    DecidingBody.BOARD: _l("The competition board"),
    DecidingBody.INSPECTORATE: _l("The inspectors"),
    DecidingBody.APPOINTING_AUTHORITY: _l("The appointing authority"),
}
EFFECT_LABELS = {
    "left": _l("Left the competition before the sitting"),
    "absent": _l("Recorded as absent"),
    "paper_unused": _l("Excluded; the sealed paper stays unused"),
    "excluded": _l("Excluded before the papers were sealed"),
    "republished": _l("Ranking recomputed and republished"),
    "voided": _l("Score voided"),
    "frozen": _l("Every further step is frozen"),
    "reopened": _l("The post is open again for the reserve list"),
}
# Reasons of these kinds concern the public act itself and are published; the others may
# speak of a person's circumstances and stay with the parties.
PUBLIC_REASONS = {RemedyKind.RESULT_ANNULMENT, RemedyKind.COMPETITION_ANNULMENT,
                  RemedyKind.REVOCATION}
MIN_REASONS = 20


def _reasons(text: str) -> str:
    text = appointment.clean(text)
    require(len(text) >= MIN_REASONS, _("Give the reasons for the decision."), InvalidInput)
    return text


def _substantiated(session: Session, competition: Competition, report_id) -> IrregularityReport:
    report = session.get(IrregularityReport, int(report_id)) if report_id else None
    require(report is not None and report.competition_id == competition.id
            and report.status == ReportStatus.RESOLVED and report.is_substantiated,
            _("This decision rests on a report of this competition that an inspector found "
              "substantiated."), Conflict)
    return report


def _record(session: Session, actor, competition: Competition, kind: RemedyKind,
            body: DecidingBody, *, now: datetime, application: Application | None = None,
            effect: str = "", reasons: str = "", report=None, decision=None,
            version_number: int | None = None) -> Remedy:
    remedy = Remedy(competition_id=competition.id, kind=kind, body=body,
                    application_id=application.id if application else None,
                    decision_id=decision.id if decision else None,
                    result_version_number=version_number,
                    report_id=report.id if report else None, effect=effect, reasons=reasons,
                    decided_at=now, decided_by_id=actor.id)
    session.add(remedy)
    session.flush()
    audit.record(session, actor, f"remedy.{kind}", at=now, competition=competition,
                 target=remedy, payload={"body": str(body), "effect": effect,
                                         "application_id": remedy.application_id,
                                         "result_version": version_number,
                                         "report": remedy.report_id})
    return remedy


def _tell(session: Session, users, competition: Competition, remedy: Remedy, *, now) -> None:
    seen = set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        notifications.notify(session, user, "remedy_decided", now=now, competition=competition,
                             subject_id=remedy.id, what=str(KIND_LABELS[remedy.kind]),
                             reason=remedy.reasons or "–")


def _board_users(session: Session, competition: Competition):
    from exam.competitions.models import BOARD_ROLES

    return [m.user for m in competitions.staff_of(session, competition) if m.role in BOARD_ROLES]


# --------------------------------------------------------------------------- withdrawal


def withdraw(session: Session, actor, application: Application, *, now: datetime) -> Remedy:
    """The candidate withdraws: before the sitting the application simply leaves; after it
    the candidate is recorded as absent. A pending appointment decision ends with it."""
    require(application.user_id == getattr(actor, "id", None),
            _("Only the candidate can withdraw their own application."))
    require(application.status in {ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED},
            _("This application is no longer in the competition."), Conflict)
    competition = application.competition
    accepted = session.scalar(select(AppointmentDecision).where(
        AppointmentDecision.application_id == application.id,
        AppointmentDecision.status == DecisionStatus.ACCEPTED))
    require(accepted is None, _("You have accepted the appointment; resigning from the post "
                                "goes through the appointing authority."), Conflict)
    effect = "absent" if competition.has_reached(Stage.SITTING) else "left"
    application.status = ApplicationStatus.WITHDRAWN
    pending = session.scalar(select(AppointmentDecision).where(
        AppointmentDecision.application_id == application.id,
        AppointmentDecision.status == DecisionStatus.OFFERED))
    if pending is not None:
        pending.status, pending.responded_at = DecisionStatus.WITHDRAWN, now
    session.flush()
    remedy = _record(session, actor, competition, RemedyKind.WITHDRAWAL, DecidingBody.CANDIDATE,
                     now=now, application=application, effect=effect, decision=pending)
    _tell(session, [actor], competition, remedy, now=now)
    if pending is not None:
        appointment.close_if_exhausted(session, actor, competition, now=now)
    return remedy


# --------------------------------------------------------------------------- room records


def record_room_incident(session: Session, actor, application: Application, *, body: str,
                         now: datetime) -> RoomRecord:
    """A proctor writes down what they saw a candidate do in the room, during the sitting."""
    competition = application.competition
    require(Role.PROCTOR in roles_in(session, actor, competition),
            _("Only a proctor of this competition writes a record from the room."))
    require(competition.stage == Stage.SITTING,
            _("A record from the room is written during the sitting."), Conflict)
    require(application.status == ApplicationStatus.ACCEPTED,
            _("Only a candidate of the sitting can be the subject of a record."), Conflict)
    record = RoomRecord(competition_id=competition.id, application_id=application.id,
                        body=_reasons(body), recorded_at=now, recorded_by_id=actor.id)
    session.add(record)
    session.flush()
    audit.record(session, actor, "remedy.room_record", at=now, competition=competition,
                 target=record, payload={"application_id": application.id})
    return record


def room_records(session: Session, competition: Competition) -> list[RoomRecord]:
    return list(session.scalars(select(RoomRecord).where(
        RoomRecord.competition_id == competition.id).order_by(RoomRecord.id)))


# --------------------------------------------------------------------------- the board's voids


def _republish_if_published(session: Session, actor, competition: Competition, reason: str,
                            now: datetime, part_scores=None) -> ResultVersion | None:
    """A ranking already published is recomputed without the candidate, as a new version."""
    if not competition.has_reached(Stage.PROVISIONAL_RESULTS):
        return None
    kind = (ResultKind.FINAL if competition.has_reached(Stage.FINAL_RESULTS)
            else ResultKind.PROVISIONAL)
    return results._new_version(session, actor, competition, kind=kind, reason=reason,
                                now=now, part_scores=part_scores)


def exclude(session: Session, actor, application: Application, *, report_id: int,
            reasons: str, now: datetime, part_scores=None) -> Remedy:
    """The board annuls an acceptance on an inspector's finding that the candidate was not
    eligible. A paper already drawn stays unused: the draw is not touched."""
    competition = application.competition
    require(permissions.can_decide_for_board(session, actor, competition),
            _("Only the board chair records the board's decision."))
    competitions.require_not_suspended(competition)
    require(application.status == ApplicationStatus.ACCEPTED,
            _("Only an accepted application can be annulled."), Conflict)
    require(not competition.has_reached(Stage.APPOINTMENT),
            _("After the ranking went to the appointing authority, only revocation remains."),
            Conflict)
    report = _substantiated(session, competition, report_id)
    reasons = _reasons(reasons)
    application.status = ApplicationStatus.EXCLUDED
    session.flush()
    version = _republish_if_published(
        session, actor, competition,
        _("Candidate %(n)s excluded as ineligible by decision of the board.",
          n=application.candidate_number or ""), now, part_scores)
    effect = ("republished" if version else
              "paper_unused" if competition.has_reached(Stage.PAPERS_SEALED) else "excluded")
    remedy = _record(session, actor, competition, RemedyKind.EXCLUSION, DecidingBody.BOARD,
                     now=now, application=application, effect=effect, reasons=reasons,
                     report=report, version_number=version.number if version else None)
    _tell(session, [application.user], competition, remedy, now=now)
    return remedy


def disqualify(session: Session, actor, application: Application, *, reasons: str,
               report_id: int | None = None, room_record_id: int | None = None,
               now: datetime, part_scores=None) -> Remedy:
    """The board voids a cheating candidate's score, on a substantiated report or the
    proctor's record from the room; a published ranking is recomputed as a new version (the
    old one stays genuine, marked superseded)."""
    competition = application.competition
    require(permissions.can_decide_for_board(session, actor, competition),
            _("Only the board chair records the board's decision."))
    competitions.require_not_suspended(competition)
    require(application.status == ApplicationStatus.ACCEPTED,
            _("Only a candidate still in the competition can be disqualified."), Conflict)
    require(competition.has_reached(Stage.SITTING),
            _("A candidate is disqualified for what happened at the sitting or after it."),
            Conflict)
    require(not competition.has_reached(Stage.APPOINTMENT),
            _("After the ranking went to the appointing authority, only revocation remains."),
            Conflict)
    report = _substantiated(session, competition, report_id) if report_id else None
    record = session.get(RoomRecord, int(room_record_id)) if room_record_id else None
    require(record is None or record.application_id == application.id,
            _("This record from the room is about another candidate."), InvalidInput)
    require(report is not None or record is not None,
            _("A disqualification rests on a substantiated report or on the proctor's record "
              "from the room."), InvalidInput)
    reasons = _reasons(reasons)
    application.status = ApplicationStatus.DISQUALIFIED
    session.flush()
    version = _republish_if_published(
        session, actor, competition,
        _("Candidate %(n)s disqualified by decision of the board; score voided.",
          n=application.candidate_number or ""), now, part_scores)
    remedy = _record(session, actor, competition, RemedyKind.DISQUALIFICATION,
                     DecidingBody.BOARD, now=now, application=application,
                     effect="republished" if version else "voided", reasons=reasons,
                     report=report, version_number=version.number if version else None)
    remedy.room_record_id = record.id if record else None
    session.flush()
    _tell(session, [application.user], competition, remedy, now=now)
    return remedy


# --------------------------------------------------------------------------- the inspectors


def annul_result(session: Session, actor, competition: Competition, *, version_number: int,
                 report_id: int, reasons: str, now: datetime) -> Remedy:
    """An inspector annuls one published result version; the board must publish anew."""
    require(permissions.can_annul(session, actor, competition),
            _("Only an inspector annuls a result or a competition."))
    version = results.get_version(session, competition, int(version_number))
    already = session.scalar(select(Remedy).where(
        Remedy.competition_id == competition.id, Remedy.kind == RemedyKind.RESULT_ANNULMENT,
        Remedy.result_version_number == version.number))
    require(already is None, _("This result version is already annulled."), Conflict)
    report = _substantiated(session, competition, report_id)
    remedy = _record(session, actor, competition, RemedyKind.RESULT_ANNULMENT,
                     DecidingBody.INSPECTORATE, now=now, reasons=_reasons(reasons),
                     report=report, version_number=version.number, effect="voided")
    candidates = [session.get(Application, r.application_id).user for r in session.scalars(
        select(ResultRow).where(ResultRow.version_id == version.id))]
    _tell(session, candidates + _board_users(session, competition), competition, remedy, now=now)
    return remedy


def republish_after_annulment(session: Session, actor, competition: Competition, *,
                              now: datetime, part_scores=None) -> ResultVersion:
    """After inspectors annulled the current version, the board recomputes the ranking from
    the locked marks and publishes it as a new version of the same kind."""
    from exam.results import permissions as result_permissions

    require(result_permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can publish results."))
    current = results.latest_version(session, competition)
    require(current is not None and current.number in annulled_versions(session, competition),
            _("Only an annulled result is republished this way."), Conflict)
    kind = current.kind
    return results._new_version(
        session, actor, competition, kind=kind, now=now, part_scores=part_scores,
        reason=_("Republished after the inspectors annulled version %(n)d.", n=current.number))


def annulled_versions(session: Session, competition: Competition) -> set[int]:
    return set(session.scalars(select(Remedy.result_version_number).where(
        Remedy.competition_id == competition.id, Remedy.kind == RemedyKind.RESULT_ANNULMENT)))


def is_annulled(session: Session, version: ResultVersion) -> bool:
    return session.scalar(select(Remedy.id).where(
        Remedy.competition_id == version.competition_id,
        Remedy.kind == RemedyKind.RESULT_ANNULMENT,
        Remedy.result_version_number == version.number).limit(1)) is not None


def annulment_of(session: Session, competition: Competition) -> Remedy | None:
    return session.scalar(select(Remedy).where(
        Remedy.competition_id == competition.id,
        Remedy.kind == RemedyKind.COMPETITION_ANNULMENT))


def annul_competition(session: Session, actor, competition: Competition, *, report_id: int,
                      reasons: str, now: datetime) -> Remedy:
    """An inspector annuls the whole competition: it is frozen for good (no suspension to
    lift), and may be re-run as a new competition linked to it."""
    require(permissions.can_annul(session, actor, competition),
            _("Only an inspector annuls a result or a competition."))
    require(annulment_of(session, competition) is None,
            _("This competition is already annulled."), Conflict)
    report = _substantiated(session, competition, report_id)
    reasons = _reasons(reasons)
    competition.is_suspended = True
    session.flush()
    remedy = _record(session, actor, competition, RemedyKind.COMPETITION_ANNULMENT,
                     DecidingBody.INSPECTORATE, now=now, reasons=reasons, report=report,
                     effect="frozen")
    audit.publish_checkpoint(session, competition, now=now)
    applicants = [a.user for a in session.scalars(select(Application).where(
        Application.competition_id == competition.id))]
    _tell(session, applicants + _board_users(session, competition), competition, remedy, now=now)
    return remedy


def rerun(session: Session, actor, competition: Competition, *, now: datetime) -> Competition:
    """The administrator opens an annulled competition again as a new draft, linked to it."""
    require(getattr(actor, "is_admin", False),
            _("Only the administrator can create a competition."))
    annulment = annulment_of(session, competition)
    require(annulment is not None, _("Only an annulled competition can be re-run."), Conflict)
    require(annulment.rerun_competition_id is None,
            _("This competition has already been re-run."), Conflict)
    fields = {k: getattr(competition, k) for k in competitions.RULE_FIELDS
              if not k.endswith("_at")}
    fresh = competitions.create_competition(session, actor, now=now, **fields)
    annulment.rerun_competition_id = fresh.id
    session.flush()
    audit.record(session, actor, "remedy.rerun", at=now, competition=competition,
                 target=fresh, payload={"annulled": competition.id, "rerun": fresh.id})
    return fresh


def rerun_of(session: Session, competition: Competition) -> Remedy | None:
    return session.scalar(select(Remedy).where(Remedy.rerun_competition_id == competition.id))


# --------------------------------------------------------------------------- revocation


def revoke(session: Session, actor, decision: AppointmentDecision, *, reasons: str,
           report_id: int | None = None, now: datetime) -> Remedy:
    """An appointment made against the rules is revoked, publicly, with reasons: the post
    opens again for the reserve list."""
    competition = session.get(Competition, decision.competition_id)
    require(permissions.can_revoke(session, actor, competition),
            _("Only an inspector or the appointing authority revokes an appointment."))
    inspector = is_inspector_for(session, actor, competition)
    report = _substantiated(session, competition, report_id) if inspector else None
    require(decision.status in {DecisionStatus.OFFERED, DecisionStatus.ACCEPTED},
            _("Only a standing appointment can be revoked."), Conflict)
    reasons = _reasons(reasons)
    decision.status, decision.responded_at = DecisionStatus.REVOKED, decision.responded_at or now
    authority = appointment.authority_of(session, competition)
    reopened = authority.outcome == ProcessOutcome.FILLED
    if reopened:
        authority.outcome, authority.closed_at = ProcessOutcome.OPEN, None
    session.flush()
    body = DecidingBody.INSPECTORATE if inspector else DecidingBody.APPOINTING_AUTHORITY
    remedy = _record(session, actor, competition, RemedyKind.REVOCATION, body, now=now,
                     application=decision.application, decision=decision, reasons=reasons,
                     report=report, effect="reopened")
    audit.publish_checkpoint(session, competition, now=now)
    signers = [m.user for m in appointment.signers_of(session, competition)]
    _tell(session, [decision.application.user, *signers], competition, remedy, now=now)
    return remedy


# --------------------------------------------------------------------------- contests


def _affected(remedy: Remedy):
    return remedy.application.user if remedy.application is not None else None


def contest(session: Session, actor, remedy: Remedy, *, reason: str, now: datetime) -> Remedy:
    """The candidate a remedy concerns contests it, like an appeal, within the appeal period."""
    require(_affected(remedy) is not None and _affected(remedy).id == getattr(actor, "id", None),
            _("Only the candidate this decision concerns can contest it."))
    require(remedy.kind != RemedyKind.WITHDRAWAL, _("A withdrawal is your own act."), Conflict)
    competition = session.get(Competition, remedy.competition_id)
    require(now < remedy.decided_at + timedelta(days=competition.appeal_days),
            _("This decision can be contested for %(n)d days.", n=competition.appeal_days),
            Conflict)
    require(remedy.contested_at is None, _("You have already contested this decision."),
            Conflict)
    reason = _reasons(reason)
    remedy.contested_at, remedy.contest_reason = now, reason
    session.flush()
    audit.record(session, actor, "remedy.contested", at=now, competition=competition,
                 target=remedy, payload={"kind": str(remedy.kind)})
    return remedy


def decide_contest(session: Session, actor, remedy: Remedy, *, upheld: bool, decision: str,
                   now: datetime) -> Remedy:
    """An inspector who did not take the decision rules on the contest, with reasons."""
    competition = session.get(Competition, remedy.competition_id)
    require(is_inspector_for(session, actor, competition) and actor.id != remedy.decided_by_id,
            _("An inspector who did not take the decision rules on the contest."))
    require(remedy.contested_at is not None and remedy.contest_decided_at is None,
            _("There is no open contest of this decision."), Conflict)
    remedy.contest_upheld, remedy.contest_decision = bool(upheld), _reasons(decision)
    remedy.contest_decided_at, remedy.contest_decided_by_id = now, actor.id
    session.flush()
    audit.record(session, actor, "remedy.contest_decided", at=now, competition=competition,
                 target=remedy, payload={"upheld": bool(upheld)})
    _tell(session, [_affected(remedy)], competition, remedy, now=now)
    return remedy


# --------------------------------------------------------------------------- public record


def public_remedies(session: Session, competition: Competition) -> list[dict]:
    published = set(session.scalars(select(ResultRow.application_id).join(ResultVersion).where(
        ResultVersion.competition_id == competition.id)))
    rows = []
    for remedy in appointment.remedies_of(session, competition):
        kind = RemedyKind(remedy.kind)
        shown = remedy.application_id in published and remedy.application is not None
        rows.append({
            "kind": str(kind), "kind_label": KIND_LABELS[kind],
            "body": str(remedy.body), "body_label": BODY_LABELS[DecidingBody(remedy.body)],
            "decided_at": remedy.decided_at,
            "candidate_number": remedy.application.candidate_number if shown else None,
            "effect": remedy.effect, "effect_label": EFFECT_LABELS.get(remedy.effect, ""),
            "reasons": remedy.reasons if kind in PUBLIC_REASONS else None,
            "result_version": remedy.result_version_number,
            "rerun_competition_id": remedy.rerun_competition_id,
            "contested_at": remedy.contested_at,
            "contest_upheld": remedy.contest_upheld,
            "contest_decided_at": remedy.contest_decided_at,
        })
    rerun = rerun_of(session, competition)
    if rerun is not None:
        rows.append({"kind": "rerun_of", "kind_label": _("Re-run of an annulled competition"),
                     "body": "administrator", "body_label": _("The administrator"),
                     "decided_at": competition.created_at, "candidate_number": None,
                     "effect": "", "effect_label": "", "reasons": None, "result_version": None,
                     "rerun_competition_id": rerun.competition_id, "contested_at": None,
                     "contest_upheld": None, "contest_decided_at": None})
    return rows
