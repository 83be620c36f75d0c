"""The presentation round: rules, the minimum of candidates, conflicts of interest, programmes,
the recorded session.

A candidate's action programme is frozen at the deadline the rules set: its digest goes into
the audit log and the panel reads that very file. The order of presentation is drawn from a
recorded seed. A member who declared a conflict with a candidate neither scores that
candidate's presentation nor takes part in any board decision about them; a panel left below
its quorum for a candidate says so and waits for the board to add a member.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam import storage
from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import BOARD_ROLES, Competition, Membership, Role, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.presentation.models import (
    CollegialDecision,
    ConflictKind,
    ConflictOfInterest,
    DecisionSubject,
    EligibilityOverride,
    PresentationRules,
    PresentationSitting,
    PresentationSlot,
    Programme,
    ProgrammeFreeze,
    ScoringRule,
    TieFallback,
)
from exam.registration.models import Application, ApplicationStatus

CONFLICT_KINDS = {
    ConflictKind.RELATIVE: _l("Relative of the candidate"),
    ConflictKind.LINE: _l("Direct subordinate or superior of the candidate"),
    ConflictKind.OTHER: _l("Other conflict of interest"),
}
SCORING_RULES = {
    ScoringRule.SPREAD: _l("Sealed scores; a spread of 5 or less takes the mean, a wider one goes "
                           "to the chair or a new round"),
    ScoringRule.SINGLE_MEAN: _l("One secret round; the plain mean of the scores"),
}
TIE_FALLBACKS = {
    TieFallback.REVOTE: _l("The board votes again"),
    TieFallback.AUTHORITY: _l("The appointing authority decides"),
}
DEFAULT_MIN_CANDIDATES = 2
DEFAULT_PANEL_QUORUM = 3


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((value or "").split()))


def _minutes(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").strip())


# --------------------------------------------------------------------------- rules


def stored_rules(session: Session, competition: Competition) -> PresentationRules | None:
    return session.scalar(select(PresentationRules).where(
        PresentationRules.competition_id == competition.id))


def rules_of(session: Session, competition: Competition) -> PresentationRules:
    """The stored rules, or the defaults (an unsaved row) when the board set none."""
    return stored_rules(session, competition) or PresentationRules(
        competition_id=competition.id, scoring_rule=ScoringRule.SPREAD, programme_deadline=None,
        panel_quorum=DEFAULT_PANEL_QUORUM, min_candidates=DEFAULT_MIN_CANDIDATES,
        tie_fallback=TieFallback.REVOTE)


def _any_presentation_score(session: Session, competition: Competition) -> bool:
    from exam.scoring.models import PresentationScore

    return session.scalar(select(PresentationScore.id).where(
        PresentationScore.competition_id == competition.id).limit(1)) is not None


def set_presentation_rules(session: Session, actor, competition: Competition, *,
                           scoring_rule: str, programme_deadline: datetime | None,
                           panel_quorum: int, min_candidates: int, tie_fallback: str,
                           now: datetime) -> PresentationRules:
    """Fixed before they could favour anyone: the minimum before registration closes, the
    deadline before it passes, the scoring rule before the written scores are locked."""
    require(permissions.can_set_rules(session, actor, competition),
            _("Only the administrator or the board chair or secretary can change the rules."))
    require(scoring_rule in set(ScoringRule), _("Choose a scoring rule."), InvalidInput)
    require(tie_fallback in set(TieFallback), _("Choose what happens when a vote is tied."),
            InvalidInput)
    require(isinstance(panel_quorum, int) and 2 <= panel_quorum <= 15,
            _("The panel's quorum must be from 2 to 15 members."), InvalidInput)
    require(isinstance(min_candidates, int) and 1 <= min_candidates <= 100,
            _("The minimum number of candidates must be from 1 to 100."), InvalidInput)
    current = rules_of(session, competition)
    stored = stored_rules(session, competition)
    if (current.scoring_rule, current.panel_quorum) != (scoring_rule, panel_quorum):
        require(not competition.has_reached(Stage.SCORES_LOCKED)
                and not _any_presentation_score(session, competition),
                _("The scores are locked; the presentation's scoring rule can no longer change."),
                Conflict)
    if current.min_candidates != min_candidates:
        require(not competition.has_reached(Stage.REGISTRATION_CLOSED),
                _("Registration has closed; the minimum number of candidates can no longer "
                  "change."), Conflict)
    if current.programme_deadline != programme_deadline:
        require(current.programme_deadline is None or now < current.programme_deadline,
                _("The programme deadline has passed; it can no longer change."), Conflict)
        require(programme_deadline is None or programme_deadline > now,
                _("The programme deadline must be in the future."), InvalidInput)
    if current.tie_fallback != tie_fallback:
        require(not competition.has_reached(Stage.SCORES_LOCKED),
                _("The scores are locked; the tie rule can no longer change."), Conflict)
    if stored is None:
        stored = current
        session.add(stored)
    stored.scoring_rule = scoring_rule
    stored.programme_deadline = programme_deadline
    stored.panel_quorum = panel_quorum
    stored.min_candidates = min_candidates
    stored.tie_fallback = tie_fallback
    stored.updated_at = now
    stored.updated_by_id = actor.id
    session.flush()
    audit.record(session, actor, "presentation.rules_set", at=now, competition=competition,
                 target=stored, payload={
                     "scoring_rule": scoring_rule, "programme_deadline": programme_deadline,
                     "panel_quorum": panel_quorum, "min_candidates": min_candidates,
                     "tie_fallback": tie_fallback})
    return stored


# --------------------------------------------------------------------------- minimum

PROCEED = "proceed"  # the option of the board's vote to go on below the minimum


def decisions_of(session: Session, competition: Competition,
                 subject: str | None = None) -> list[CollegialDecision]:
    query = select(CollegialDecision).where(CollegialDecision.competition_id == competition.id)
    if subject:
        query = query.where(CollegialDecision.subject == subject)
    return list(session.scalars(query.order_by(CollegialDecision.id)))


def _count(session: Session, competition: Competition, statuses) -> int:
    return session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id, Application.status.in_(statuses))) or 0


def proceed_decided(session: Session, competition: Competition) -> bool:
    return any(d.outcome == "decided" and d.option_orders[d.decided_option] == PROCEED
               for d in decisions_of(session, competition, DecisionSubject.PROCEED))


def below_minimum(session: Session, competition: Competition, target: Stage) -> tuple[int, int]:
    """(candidates counted, minimum) when the stage move would go below the minimum."""
    minimum = rules_of(session, competition).min_candidates
    if target == Stage.REGISTRATION_CLOSED:
        have = _count(session, competition, [ApplicationStatus.SUBMITTED,
                                             ApplicationStatus.ACCEPTED])
    else:
        have = _count(session, competition, [ApplicationStatus.ACCEPTED])
    return have, minimum


def require_enough_candidates(session: Session, competition: Competition,
                              target: Stage) -> None:
    """Registration closes, and eligibility is declared reviewed, with at least the minimum
    of candidates per post, or after the board's recorded vote to proceed."""
    if target not in (Stage.REGISTRATION_CLOSED, Stage.ELIGIBILITY_REVIEWED):
        return
    have, minimum = below_minimum(session, competition, target)
    if have >= minimum or proceed_decided(session, competition):
        return
    raise Conflict(_("%(have)d candidate(s) for a minimum of %(min)d per post: the board must "
                     "extend registration or decide by vote to proceed, with its reasons.",
                     have=have, min=minimum))


# --------------------------------------------------------------------------- conflicts


def _presentation_panel(session: Session, competition: Competition):
    from exam.scoring.models import PRESENTATION, panel_for

    return panel_for(session, competition, PRESENTATION)


def panel_member_ids(session: Session, competition: Competition) -> set[int]:
    panel = _presentation_panel(session, competition)
    if panel is None:
        return set()
    return {m.user_id for m in panel.members} | {panel.chair_id}


def board_member_ids(session: Session, competition: Competition) -> set[int]:
    return set(session.scalars(select(Membership.user_id).where(
        Membership.competition_id == competition.id, Membership.role.in_(BOARD_ROLES))))


def _candidate(session: Session, competition: Competition, application_id) -> Application:
    application = session.get(Application, int(application_id)) if str(
        application_id).isdigit() else None
    require(application is not None and application.competition_id == competition.id
            and application.status != ApplicationStatus.REJECTED,
            _("No such candidate."), NotFound)
    return application


def declare_conflict(session: Session, actor, competition: Competition, application_id, *,
                     kind: str, note: str, now: datetime) -> ConflictOfInterest:
    """A board or presentation panel member declares a conflict with one candidate; it stays."""
    member = getattr(actor, "id", None)
    require(member in board_member_ids(session, competition)
            | panel_member_ids(session, competition),
            _("Only members of the board or of the presentation panel declare conflicts of "
              "interest here."))
    application = _candidate(session, competition, application_id)
    require(kind in set(ConflictKind), _("Choose the kind of conflict."), InvalidInput)
    note = _text(note)[:2000]
    require(kind != ConflictKind.OTHER or len(note) >= 5,
            _("Describe the conflict in a few words."), InvalidInput)
    exists = session.scalar(select(ConflictOfInterest.id).where(
        ConflictOfInterest.member_id == member,
        ConflictOfInterest.application_id == application.id))
    require(exists is None, _("You have already declared a conflict with this candidate."),
            Conflict)
    row = ConflictOfInterest(competition_id=competition.id, member_id=member,
                             application_id=application.id, kind=kind, note=note,
                             declared_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "presentation.conflict_declared", at=now,
                 competition=competition, target=row,
                 payload={"application_id": application.id, "kind": kind})
    return row


def conflicted_ids(session: Session, competition: Competition, application_id: int) -> set[int]:
    """Everyone who declared a conflict with this candidate, here or in an examiner's
    declaration for the written parts."""
    from exam.scoring.models import conflicts_of

    declared = set(session.scalars(select(ConflictOfInterest.member_id).where(
        ConflictOfInterest.competition_id == competition.id,
        ConflictOfInterest.application_id == application_id)))
    examiners = {member for member, ids in conflicts_of(session, competition).items()
                 if application_id in ids}
    return declared | examiners


def has_conflict(session: Session, user, competition: Competition, application_ids) -> bool:
    user_id = getattr(user, "id", None)
    return any(user_id in conflicted_ids(session, competition, int(a)) for a in application_ids)


def require_no_conflict(session: Session, actor, competition: Competition,
                        application_ids) -> None:
    require(not has_conflict(session, actor, competition, application_ids),
            _("You declared a conflict of interest with this candidate; you take no part in "
              "decisions about them."))


def conflicts_of_competition(session: Session, actor, competition: Competition):
    """The declared conflicts, for the board and inspectors."""
    from exam.oversight.permissions import is_inspector_for

    require(permissions.is_board(session, actor, competition)
            or is_inspector_for(session, actor, competition)
            or getattr(actor, "is_admin", False),
            _("Only the board and inspectors see the declared conflicts."))
    return list(session.scalars(select(ConflictOfInterest).where(
        ConflictOfInterest.competition_id == competition.id).order_by(ConflictOfInterest.id)))


def my_conflicts(session: Session, actor, competition: Competition) -> list[ConflictOfInterest]:
    return list(session.scalars(select(ConflictOfInterest).where(
        ConflictOfInterest.competition_id == competition.id,
        ConflictOfInterest.member_id == getattr(actor, "id", None))
        .order_by(ConflictOfInterest.id)))


def eligible_scorers(session: Session, competition: Competition, members: list[int],
                     application_id: int) -> list[int]:
    """The panel members who may score this candidate: those without a declared conflict."""
    conflicted = conflicted_ids(session, competition, application_id)
    return [m for m in members if m not in conflicted]


# --------------------------------------------------------------------------- programmes


def _accepted_application_of(session: Session, actor, competition: Competition) -> Application:
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id,
        Application.user_id == getattr(actor, "id", None)))
    require(application is not None and application.status == ApplicationStatus.ACCEPTED,
            _("Only accepted candidates submit an action programme."))
    return application


def freeze_of(session: Session, competition: Competition) -> ProgrammeFreeze | None:
    return session.scalar(select(ProgrammeFreeze).where(
        ProgrammeFreeze.competition_id == competition.id))


def latest_programmes(session: Session, competition: Competition) -> dict[int, Programme]:
    rows = session.scalars(select(Programme).where(
        Programme.competition_id == competition.id).order_by(Programme.id))
    return {p.application_id: p for p in rows}


def submit_programme(session: Session, actor, competition: Competition, *, upload,
                     upload_folder: str, max_bytes: int, now: datetime) -> Programme:
    """Before the deadline a candidate may replace their programme; after it, nobody can."""
    from exam.documents.uploads import base_name, document_problem

    application = _accepted_application_of(session, actor, competition)
    rules = rules_of(session, competition)
    require(rules.programme_deadline is not None,
            _("The board has not set a deadline for action programmes yet."), Conflict)
    require(now < rules.programme_deadline and freeze_of(session, competition) is None,
            _("The deadline for action programmes has passed; the programme the panel reads "
              "can no longer be replaced."), Conflict)
    problem = document_problem(upload, max_bytes)
    require(problem is None, problem or "", InvalidInput)
    stored = storage.store_file(session, upload_folder, upload.data, ".pdf")
    row = Programme(competition_id=competition.id, application_id=application.id,
                    original_name=base_name(upload.filename)[:255] or "programme.pdf",
                    stored_name=stored, size=len(upload.data),
                    sha256=hashlib.sha256(upload.data).hexdigest(), uploaded_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "presentation.programme_submitted", at=now,
                 competition=competition, target=row,
                 payload={"application_id": application.id, "sha256": row.sha256,
                          "size": row.size})
    return row


def freeze_programmes(session: Session, actor, competition: Competition, *,
                      now: datetime) -> ProgrammeFreeze:
    """At the deadline: the latest programme of each accepted candidate, with its digest in
    the audit log. The chair or secretary presses it, or the job does (actor None)."""
    require(actor is None or permissions.can_run_stages(session, actor, competition),
            _("Only the board chair or secretary freezes the programmes."))
    rules = rules_of(session, competition)
    require(rules.programme_deadline is not None and now >= rules.programme_deadline,
            _("Programmes are frozen at their deadline, not before."), Conflict)
    require(freeze_of(session, competition) is None, _("The programmes are already frozen."),
            Conflict)
    accepted = {a.id for a in session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED))}
    latest = {a: p for a, p in latest_programmes(session, competition).items() if a in accepted}
    freeze = ProgrammeFreeze(
        competition_id=competition.id,
        programme_ids={str(a): p.id for a, p in sorted(latest.items())},
        digests={str(a): p.sha256 for a, p in sorted(latest.items())},
        frozen_at=now, frozen_by_id=getattr(actor, "id", None))
    session.add(freeze)
    session.flush()
    audit.record(session, actor, "presentation.programmes_frozen", at=now,
                 competition=competition, target=freeze,
                 payload={"digests": freeze.digests,
                          "missing": sorted(accepted - set(latest))})
    return freeze


def freeze_due_programmes(session: Session, *, now: datetime) -> list[ProgrammeFreeze]:
    """Freeze every competition's programmes whose deadline has passed (the CLI runs this)."""
    frozen = []
    for rules in session.scalars(select(PresentationRules).where(
            PresentationRules.programme_deadline.is_not(None),
            PresentationRules.programme_deadline <= now)):
        competition = session.get(Competition, rules.competition_id)
        if freeze_of(session, competition) is None:
            frozen.append(freeze_programmes(session, None, competition, now=now))
    return frozen


def programme_for_reader(session: Session, actor, competition: Competition,
                         application_id: int) -> Programme:
    """The panel and the board read the frozen programme; the candidate reads their own."""
    application = _candidate(session, competition, application_id)
    own = application.user_id == getattr(actor, "id", None)
    reader = getattr(actor, "id", None) in (panel_member_ids(session, competition)
                                            | board_member_ids(session, competition))
    require(own or reader, _("You may not read this programme."))
    freeze = freeze_of(session, competition)
    if freeze is None:
        require(own, _("Programmes are read once they are frozen at the deadline."), Conflict)
        programme = latest_programmes(session, competition).get(application.id)
    else:
        programme_id = freeze.programme_ids.get(str(application.id))
        programme = session.get(Programme, programme_id) if programme_id else None
    require(programme is not None, _("This candidate submitted no programme."), NotFound)
    return programme


def programme_path(upload_folder: str, programme: Programme) -> Path:
    return Path(upload_folder) / programme.stored_name


# --------------------------------------------------------------------------- session record


def sitting_of(session: Session, competition: Competition) -> PresentationSitting | None:
    return session.scalar(select(PresentationSitting).where(
        PresentationSitting.competition_id == competition.id))


def drawn_order(seed_hex: str, applications: list[tuple[int, str]]) -> list[int]:
    """Each candidate's place is the SHA-256 of the seed and their candidate number: anyone
    with the published seed recomputes the same order."""
    return [a for a, _n in sorted(applications, key=lambda item: hashlib.sha256(
        f"{seed_hex}:{item[1]}".encode()).hexdigest())]


def _accepted(session: Session, competition: Competition) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED).order_by(Application.candidate_number)))


def draw_presentation_order(session: Session, actor, competition: Competition, *,
                            now: datetime, seed_hex: str | None = None) -> PresentationSitting:
    """The order of presentation is drawn, never chosen, from a seed kept in the audit log."""
    require(permissions.can_run_stages(session, actor, competition),
            _("Only the board chair or secretary draws the order of presentation."))
    require(competition.stage == Stage.IDENTITIES_REVEALED,
            _("The presentation round takes place after the written scores are locked and the "
              "identities revealed, before the results."), Conflict)
    require(_presentation_panel(session, competition) is not None,
            _("This competition has no presentation round."), NotFound)
    require(sitting_of(session, competition) is None,
            _("The order of presentation is already drawn."), Conflict)
    rules = rules_of(session, competition)
    require(rules.programme_deadline is None or freeze_of(session, competition) is not None,
            _("Freeze the action programmes before the presentations."), Conflict)
    seed_hex = seed_hex or secrets.token_hex(32)
    order = drawn_order(seed_hex, [(a.id, a.candidate_number or "")
                                   for a in _accepted(session, competition)])
    sitting = PresentationSitting(competition_id=competition.id, seed_hex=seed_hex, order=order,
                                  drawn_at=now, drawn_by_id=actor.id)
    session.add(sitting)
    session.flush()
    audit.record(session, actor, "presentation.order_drawn", at=now, competition=competition,
                 target=sitting, payload={"seed": seed_hex, "order": order})
    return sitting


def _parse_moment(value) -> datetime:
    require(isinstance(value, datetime) and value.tzinfo is not None,
            _("Enter the times the presentation started and ended."), InvalidInput)
    return value


def record_presentation(session: Session, actor, competition: Competition, application_id, *,
                        started_at: datetime, ended_at: datetime, present_ids, questions: str,
                        now: datetime) -> PresentationSlot:
    """The secretary's minutes of one presentation, in the drawn order: when it started and
    ended, who of the panel was present, the questions asked. They are not rewritten."""
    require(Role.SECRETARY in permissions.roles_in(session, actor, competition),
            _("Only the board secretary records the presentation session."))
    sitting = sitting_of(session, competition)
    require(sitting is not None, _("Draw the order of presentation first."), Conflict)
    require(competition.stage == Stage.IDENTITIES_REVEALED,
            _("The presentation round takes place after the written scores are locked and the "
              "identities revealed, before the results."), Conflict)
    application = _candidate(session, competition, application_id)
    require(application.id in sitting.order, _("No such candidate."), NotFound)
    done = {s.application_id for s in sitting.slots}
    require(application.id not in done, _("This presentation is already recorded."), Conflict)
    position = sitting.order.index(application.id) + 1
    expected = next(a for a in sitting.order if a not in done)
    require(application.id == expected,
            _("Presentations are recorded in the drawn order: record candidate %(number)s "
              "first.", number=session.get(Application, expected).candidate_number), Conflict)
    started_at, ended_at = _parse_moment(started_at), _parse_moment(ended_at)
    require(started_at < ended_at <= now,
            _("A presentation ends after it starts, and not in the future."), InvalidInput)
    previous = sitting.slots[-1] if sitting.slots else None
    require(previous is None or started_at >= previous.ended_at,
            _("This presentation cannot start before the previous one ended."), InvalidInput)
    members = panel_member_ids(session, competition)
    try:
        present = sorted({int(m) for m in present_ids})
    except (TypeError, ValueError):
        raise InvalidInput(_("Tick the panel members who were present.")) from None
    require(present and set(present) <= members,
            _("Tick the panel members who were present."), InvalidInput)
    questions = _minutes(questions)
    require(10 <= len(questions) <= 20000,
            _("Write down the questions the panel asked."), InvalidInput)
    slot = PresentationSlot(sitting_id=sitting.id, application_id=application.id,
                            position=position, started_at=started_at, ended_at=ended_at,
                            present_ids=present, questions=questions, recorded_by_id=actor.id,
                            recorded_at=now)
    session.add(slot)
    session.flush()
    session.expire(sitting, ["slots"])
    audit.record(session, actor, "presentation.recorded", at=now, competition=competition,
                 target=slot, payload={
                     "application_id": application.id, "position": position,
                     "started_at": started_at, "ended_at": ended_at, "present": present,
                     "questions_sha256": hashlib.sha256(questions.encode()).hexdigest()})
    return slot


def slot_of(session: Session, competition: Competition, application_id: int):
    sitting = sitting_of(session, competition)
    if sitting is None:
        return None
    return next((s for s in sitting.slots if s.application_id == application_id), None)


def require_present(session: Session, actor, competition: Competition,
                    application_id: int) -> None:
    """Once the session is drawn, only members recorded as present score a presentation."""
    if sitting_of(session, competition) is None:
        return
    slot = slot_of(session, competition, application_id)
    require(slot is not None,
            _("The secretary has not recorded this presentation yet."), Conflict)
    require(actor.id in slot.present_ids,
            _("You were not recorded as present at this presentation."))


# --------------------------------------------------------------------------- after results


def results_are_out(competition: Competition) -> bool:
    return competition.has_reached(Stage.PROVISIONAL_RESULTS)


def breakdown(session: Session, competition: Competition, application_id: int) -> dict | None:
    """One candidate's presentation scores per round, sorted, with no member named."""
    from exam.scoring.models import PresentationResult, PresentationScore

    result = session.scalar(select(PresentationResult).where(
        PresentationResult.application_id == application_id))
    if result is None:
        return None
    rounds: dict[int, list[Decimal]] = {}
    for row in session.scalars(select(PresentationScore).where(
            PresentationScore.application_id == application_id)):
        rounds.setdefault(row.round_no, []).append(row.score)
    return {"rounds": [{"round": n, "scores": [str(s) for s in sorted(v, reverse=True)]}
                       for n, v in sorted(rounds.items())],
            "score": str(result.score), "basis": str(result.basis),
            "reason": result.reason}


def own_presentation(session: Session, actor, competition: Competition) -> dict:
    """After the results, a candidate reads their programme, the minutes and their scores."""
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id,
        Application.user_id == getattr(actor, "id", None)))
    require(application is not None and application.status == ApplicationStatus.ACCEPTED,
            _("Only accepted candidates see their presentation."))
    out = {"application": application, "is_out": results_are_out(competition),
           "slot": None, "breakdown": None,
           "programme": latest_programmes(session, competition).get(application.id),
           "deadline": rules_of(session, competition).programme_deadline,
           "frozen": freeze_of(session, competition) is not None}
    if out["is_out"]:
        out["slot"] = slot_of(session, competition, application.id)
        out["breakdown"] = breakdown(session, competition, application.id)
    return out


def written_reason(text: str | None, message: str) -> str:
    """A reason the board writes for the record: at least a few words, NFC."""
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    require(len(text) >= 10, message, InvalidInput)
    return text[:5000]


def check_acceptance(session: Session, actor, application: Application, *, failed: list[str],
                     reason: str, now: datetime) -> None:
    """Called before an application is accepted: refuses a member with a conflict, and an
    application whose eligibility findings `failed` without the board's written reason (kept
    for inspectors)."""
    competition = application.competition
    require_no_conflict(session, actor, competition, [application.id])
    if not failed:
        return
    text = written_reason(reason, _("This application fails: %(failed)s. Accepting it needs the "
                                    "board's written reason.", failed=", ".join(failed)))
    session.add(EligibilityOverride(application_id=application.id, failed=failed, reason=text,
                                    by_id=actor.id, at=now))
    session.flush()
    audit.record(session, actor, "application.accepted_despite_findings", at=now,
                 competition=competition, target=application,
                 payload={"failed": failed, "reason": text})


def decision_for_vote(session: Session, vote) -> CollegialDecision | None:
    """The collegial decision a board vote was opened for, if any."""
    return session.scalar(select(CollegialDecision).where(CollegialDecision.vote_id == vote.id))


def require_no_conflict_in_vote(session: Session, actor, vote) -> None:
    """A member who declared a conflict after the vote opened does not vote either."""
    decision = decision_for_vote(session, vote)
    if decision is not None and decision.application_ids:
        require_no_conflict(session, actor, vote.competition, decision.application_ids)
