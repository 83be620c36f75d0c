"""The appointment: the authority's decisions on the final ranking, answers, call-ups, closing.

After final results the board transmits the ranking to the appointing authority. The
authority appoints the next candidate in line, or someone else further down the list with
reasons that are published. The candidate accepts or declines; a decline, a withdrawal or no
answer within the authority's reply time lets the authority call the next candidate on the
reserve list until it expires. Every decision's digest goes into the audit log and a signed
checkpoint.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam import storage
from exam.appointment import permissions
from exam.appointment.models import (
    AppointingAuthority,
    AppointmentDecision,
    DecisionStatus,
    ProcessOutcome,
    Remedy,
    RemedyKind,
)
from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Membership, Role, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.notifications import service as notifications
from exam.registration.models import Application, ApplicationStatus
from exam.results import service as results
from exam.results.models import ResultKind

MIN_REASONS = 20
CALLABLE_STANDINGS = ("recommended", "reserve")

notifications.KINDS.update({
    "appointment_decided": (
        _l("You are appointed: please answer"),
        _l("The appointing authority has decided to appoint you to the post of “%(title)s”. "
           "Accept or decline in the platform by %(reply_by)s."),
    ),
    "appointment_transmitted": (
        _l("A final ranking awaits your decision"),
        _l("The board has transmitted the final ranking of “%(title)s” to the appointing "
           "authority. Record the appointment decision in the platform."),
    ),
    "remedy_decided": (
        _l("A decision concerning you was recorded"),
        _l("A decision was recorded in “%(title)s”: %(what)s. Reasons: %(reason)s You may "
           "contest it in the platform within the appeal period."),
    ),
})

OUTCOME_LABELS = {
    ProcessOutcome.OPEN: _l("Awaiting the appointment"),
    ProcessOutcome.FILLED: _l("Post filled"),
    ProcessOutcome.EXHAUSTED: _l("Closed: the list is exhausted"),
}

DECISION_STATUS_LABELS = {
    DecisionStatus.OFFERED: _l("Awaiting the candidate's answer"),
    DecisionStatus.ACCEPTED: _l("Accepted"),
    DecisionStatus.DECLINED: _l("Declined"),
    DecisionStatus.LAPSED: _l("Lapsed: no answer in time"),
    DecisionStatus.WITHDRAWN: _l("The candidate withdrew"),
    DecisionStatus.REVOKED: _l("Revoked"),
}


@dataclass(frozen=True)
class DecisionDocument:
    filename: str
    data: bytes


def clean(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def authority_of(session: Session, competition: Competition) -> AppointingAuthority | None:
    return session.scalar(select(AppointingAuthority).where(
        AppointingAuthority.competition_id == competition.id))


def signers_of(session: Session, competition: Competition) -> list[Membership]:
    return list(session.scalars(select(Membership).where(
        Membership.competition_id == competition.id,
        Membership.role == Role.APPOINTING_AUTHORITY).order_by(Membership.id)))


def decisions_of(session: Session, competition: Competition) -> list[AppointmentDecision]:
    return list(session.scalars(select(AppointmentDecision).where(
        AppointmentDecision.competition_id == competition.id)
        .order_by(AppointmentDecision.sequence)))


def get_decision(session: Session, decision_id: int) -> AppointmentDecision:
    decision = session.get(AppointmentDecision, decision_id)
    require(decision is not None, _("No such decision."), NotFound)
    return decision


def name_authority(session: Session, actor, competition: Competition, *, name: str,
                   reply_days: int, now: datetime) -> AppointingAuthority:
    """The administrator names the body competent to appoint, like the board, per competition."""
    require(getattr(actor, "is_admin", False),
            _("Only the administrator names the appointing authority."))
    require(not competition.has_reached(Stage.APPOINTMENT),
            _("The appointing authority cannot change once it holds the ranking."), Conflict)
    name = clean(name)
    require(3 <= len(name) <= 300, _("Give the name of the appointing authority."), InvalidInput)
    require(1 <= int(reply_days) <= 90,
            _("The time to answer must be between 1 and 90 days."), InvalidInput)
    authority = authority_of(session, competition)
    if authority is None:
        authority = AppointingAuthority(competition_id=competition.id, named_at=now,
                                        named_by_id=actor.id, outcome=ProcessOutcome.OPEN)
        session.add(authority)
    authority.name, authority.reply_days = name, int(reply_days)
    session.flush()
    audit.record(session, actor, "appointment.authority_named", at=now, competition=competition,
                 target=authority, payload={"name": name, "reply_days": int(reply_days)})
    return authority


def transmit_to_authority(session: Session, actor, competition: Competition, *,
                          now: datetime) -> AppointingAuthority:
    """The board hands the final ranking to the authority: the competition enters appointment."""
    require(permissions.can_transmit(session, actor, competition),
            _("Only the board chair or secretary transmits the ranking."))
    require(competition.stage == Stage.FINAL_RESULTS,
            _("The ranking is transmitted once the final results are published."), Conflict)
    authority = authority_of(session, competition)
    signers = signers_of(session, competition)
    require(authority is not None and signers,
            _("The administrator must first name the appointing authority and its signers."),
            Conflict)
    competitions.enter_stage(session, actor, competition, Stage.APPOINTMENT, now=now,
                             via_domain_action=True)
    authority.transmitted_at = now
    for membership in signers:
        notifications.notify(session, membership.user, "appointment_transmitted", now=now,
                             competition=competition)
    return authority


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class ListEntry:
    application_id: int
    position: int
    candidate_number: str
    name: str
    standing: str
    total: str


def final_version(session: Session, competition: Competition):
    version = results.latest_version(session, competition)
    require(version is not None and version.kind == ResultKind.FINAL,
            _("There is no final ranking to appoint from."), Conflict)
    annulled = session.scalar(select(func.count()).select_from(Remedy).where(
        Remedy.competition_id == competition.id, Remedy.kind == RemedyKind.RESULT_ANNULMENT,
        Remedy.result_version_number == version.number))
    require(not annulled, _("The final ranking was annulled; the board must publish a new one "
                            "before anyone is appointed."), Conflict)
    return version


def callable_list(session: Session, competition: Competition) -> list[ListEntry]:
    """Recommended and reserve candidates of the current final ranking, in ranking order,
    who are still candidates and have never been the subject of a decision."""
    version = final_version(session, competition)
    decided = set(session.scalars(select(AppointmentDecision.application_id).where(
        AppointmentDecision.competition_id == competition.id)))
    active = set(session.scalars(select(Application.id).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED)))
    entries = []
    for position, row in enumerate(version.data["rows"], 1):
        if (row["standing"] in CALLABLE_STANDINGS and row["application_id"] in active
                and row["application_id"] not in decided):
            entries.append(ListEntry(row["application_id"], position, row["candidate_number"],
                                     row["name"], row["standing"], row["total"]))
    return entries


def reserve_expired(session: Session, competition: Competition, now: datetime) -> bool:
    version = final_version(session, competition)
    return version.reserve_expires_on is not None and now.date() > version.reserve_expires_on


def pending_decision(session: Session, competition: Competition) -> AppointmentDecision | None:
    return session.scalar(select(AppointmentDecision).where(
        AppointmentDecision.competition_id == competition.id,
        AppointmentDecision.status == DecisionStatus.OFFERED))


def accepted_count(session: Session, competition: Competition) -> int:
    return session.scalar(select(func.count()).select_from(AppointmentDecision).where(
        AppointmentDecision.competition_id == competition.id,
        AppointmentDecision.status == DecisionStatus.ACCEPTED)) or 0


def _lapse_if_overdue(session: Session, actor, competition: Competition, now: datetime) -> None:
    pending = pending_decision(session, competition)
    if pending is None:
        return
    require(now > pending.reply_by,
            _("The candidate called has until %(when)s to answer; the next one can be called "
              "after that.", when=format_datetime(pending.reply_by, "short")), Conflict)
    pending.status = DecisionStatus.LAPSED
    pending.responded_at = now
    session.flush()
    audit.record(session, actor, "appointment.lapsed", at=now, competition=competition,
                 target=pending, payload={"sequence": pending.sequence})


def _decision_data(competition, authority, entry: ListEntry, *, sequence, number, decided_on,
                   term_months, reasons, departs, next_in_line, document_sha256,
                   version_number) -> dict:
    return {"competition_id": competition.id, "authority": authority.name,
            "sequence": sequence, "number": number, "decided_on": decided_on.isoformat(),
            "term_months": term_months, "candidate_number": entry.candidate_number,
            "name": entry.name, "ranking_position": entry.position,
            "next_in_line_position": next_in_line.position, "departs_from_ranking": departs,
            "reasons": reasons, "result_version": version_number,
            "document_sha256": document_sha256}


def record_decision(session: Session, actor, competition: Competition, *, application_id: int,
                    number: str, decided_on: date, term_months: int, reasons: str = "",
                    document: DecisionDocument, upload_folder: str, max_bytes: int,
                    now: datetime) -> AppointmentDecision:
    """The authority appoints one candidate of the list; away from the ranking only with
    public reasons, from the reserve list only until it expires."""
    from exam.documents.uploads import document_problem
    from exam.registration.service import Upload

    require(permissions.is_authority_signer(session, actor, competition),
            _("Only a signer of the appointing authority records its decision."))
    require(competition.stage == Stage.APPOINTMENT,
            _("The authority decides once the board has transmitted the final ranking."),
            Conflict)
    competitions.require_not_suspended(competition)
    authority = authority_of(session, competition)
    require(authority.outcome == ProcessOutcome.OPEN,
            _("The appointment is closed."), Conflict)
    require(accepted_count(session, competition) < competition.vacancies,
            _("Every vacancy is already filled."), Conflict)
    number, reasons = clean(number), clean(reasons)
    require(1 <= len(number) <= 60, _("Give the number of the decision."), InvalidInput)
    require(isinstance(decided_on, date) and decided_on <= now.date(),
            _("Give the date the decision was signed (not in the future)."), InvalidInput)
    require(1 <= int(term_months) <= 120,
            _("The term of office is between 1 and 120 months."), InvalidInput)
    problem = document_problem(Upload("decision", document.filename, document.data), max_bytes)
    require(problem is None, problem or "", InvalidInput)
    _lapse_if_overdue(session, actor, competition, now)
    entries = callable_list(session, competition)
    require(entries, _("Nobody is left on the list to appoint."), Conflict)
    entry = next((e for e in entries if e.application_id == int(application_id)), None)
    require(entry is not None,
            _("This candidate is not on the list the authority may appoint from."),
            InvalidInput)
    next_in_line = entries[0]
    departs = entry.application_id != next_in_line.application_id
    require(not departs or len(reasons) >= MIN_REASONS,
            _("Appointing someone other than the next candidate in the ranking requires the "
              "reasons, which will be published."), InvalidInput)
    sequence = (session.scalar(select(func.max(AppointmentDecision.sequence)).where(
        AppointmentDecision.competition_id == competition.id)) or 0) + 1
    version = final_version(session, competition)
    if sequence > 1 or entry.standing == "reserve":
        require(not reserve_expired(session, competition, now),
                _("The reserve list expired on %(day)s; nobody can be called from it.",
                  day=format_date(version.reserve_expires_on)), Conflict)
    document_sha256 = hashlib.sha256(document.data).hexdigest()
    stored = storage.store_file(session, upload_folder, document.data, ".pdf")
    data = _decision_data(competition, authority, entry, sequence=sequence, number=number,
                          decided_on=decided_on, term_months=int(term_months), reasons=reasons,
                          departs=departs, next_in_line=next_in_line,
                          document_sha256=document_sha256, version_number=version.number)
    decision = AppointmentDecision(
        competition_id=competition.id, application_id=entry.application_id, sequence=sequence,
        result_version_id=version.id, ranking_position=entry.position,
        next_in_line_position=next_in_line.position, departs_from_ranking=departs,
        reasons=reasons, number=number, decided_on=decided_on, term_months=int(term_months),
        document_name=clean(document.filename)[:255] or "decision.pdf", stored_name=stored,
        document_sha256=document_sha256, data=data, data_sha256=results.canonical_sha256(data),
        status=DecisionStatus.OFFERED, reply_by=now + timedelta(days=authority.reply_days),
        recorded_at=now, recorded_by_id=actor.id)
    session.add(decision)
    session.flush()
    audit.record(session, actor, "appointment.decided", at=now, competition=competition,
                 target=decision, payload={
                     "sequence": sequence, "ranking_position": entry.position,
                     "departs_from_ranking": departs, "data_sha256": decision.data_sha256,
                     "document_sha256": document_sha256, "result_version": version.number})
    audit.publish_checkpoint(session, competition, now=now)
    notifications.notify(session, entry_user(session, entry), "appointment_decided", now=now,
                         competition=competition, subject_id=decision.id,
                         reply_by=decision.reply_by)
    return decision


def entry_user(session: Session, entry: ListEntry):
    return session.get(Application, entry.application_id).user


def answer(session: Session, actor, decision: AppointmentDecision, *, accept: bool,
           now: datetime) -> AppointmentDecision:
    """The candidate appointed accepts or declines, within the reply time."""
    application = decision.application
    require(application.user_id == getattr(actor, "id", None),
            _("Only the candidate appointed can answer this decision."))
    require(decision.status == DecisionStatus.OFFERED,
            _("This decision has already been answered or closed."), Conflict)
    require(now <= decision.reply_by, _("The time to answer this decision has passed."),
            Conflict)
    competition = session.get(Competition, decision.competition_id)
    decision.status = DecisionStatus.ACCEPTED if accept else DecisionStatus.DECLINED
    decision.responded_at = now
    session.flush()
    audit.record(session, actor, "appointment.accepted" if accept else "appointment.declined",
                 at=now, competition=competition, target=decision,
                 payload={"sequence": decision.sequence})
    if accept and accepted_count(session, competition) >= competition.vacancies:
        close(session, actor, competition, ProcessOutcome.FILLED, now=now)
    elif not accept:
        close_if_exhausted(session, actor, competition, now=now)
    return decision


def close(session: Session, actor, competition: Competition, outcome: ProcessOutcome, *,
          now: datetime) -> None:
    authority = authority_of(session, competition)
    authority.outcome, authority.closed_at = outcome, now
    session.flush()
    audit.record(session, actor, "appointment.closed", at=now, competition=competition,
                 target=authority, payload={"outcome": str(outcome)})
    audit.publish_checkpoint(session, competition, now=now)


def close_if_exhausted(session: Session, actor, competition: Competition, *,
                       now: datetime) -> bool:
    """Nobody left to call (or the reserve list expired): the competition closes unfilled."""
    if competition.stage != Stage.APPOINTMENT:
        return False
    authority = authority_of(session, competition)
    if authority.outcome != ProcessOutcome.OPEN or pending_decision(session, competition):
        return False
    if accepted_count(session, competition) >= competition.vacancies:
        return False
    if callable_list(session, competition) and not reserve_expired(session, competition, now):
        return False
    close(session, actor, competition, ProcessOutcome.EXHAUSTED, now=now)
    return True


def declare_exhausted(session: Session, actor, competition: Competition, *,
                      now: datetime) -> AppointingAuthority:
    """The authority closes the competition once the list is empty or has expired."""
    require(permissions.is_authority_signer(session, actor, competition),
            _("Only a signer of the appointing authority records its decision."))
    require(competition.stage == Stage.APPOINTMENT, _("The appointment is not open."), Conflict)
    pending = pending_decision(session, competition)
    if pending is not None:
        _lapse_if_overdue(session, actor, competition, now)
    require(close_if_exhausted(session, actor, competition, now=now),
            _("Candidates on the list can still be called."), Conflict)
    return authority_of(session, competition)


def decisions_for_candidate(session: Session, actor) -> list[AppointmentDecision]:
    return list(session.scalars(select(AppointmentDecision).join(Application).where(
        Application.user_id == actor.id).order_by(AppointmentDecision.id.desc())))


def document_path(decision: AppointmentDecision, upload_folder: str) -> str:
    import os

    return os.path.join(upload_folder, decision.stored_name)


# --------------------------------------------------------------------------- public record


def remedies_of(session: Session, competition: Competition) -> list[Remedy]:
    return list(session.scalars(select(Remedy).where(Remedy.competition_id == competition.id)
                                .order_by(Remedy.id)))
