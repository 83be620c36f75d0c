"""The presentation round: sealed scores out of 100 from every panel member, then the spread rule.

Rule (Quy chế ban hành kèm Thông tư 6/2020/TT-BNV, Điều 31 khoản 2, for the first two cases;
the third is this platform's choice):
spread = highest - lowest score of the round. Spread <= 5: the mean, rounded half up to one
decimal. Over 5 and under 10: the chair decides after a discussion, with a written reason.
10 or more: the panel scores again (a new round, the old scores kept). The competition's rules
may choose instead a single secret round with a plain mean (`exam.presentation`). A member who
declared a conflict with a candidate does not score them; with fewer scorers left than the
panel's quorum, the candidate's score waits for the board to add a member. Every member then
confirms the summary sheet. The candidate stands in front of the panel, so this round is
never blind; it opens after the identities are revealed so that no essay examiner meets a
name while written scripts are still being marked, and the result sheet says it is not blind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.registration.models import Application, ApplicationStatus
from exam.scoring.models import (
    PRESENTATION,
    FinalBasis,
    Panel,
    PresentationConfirmation,
    PresentationResult,
    PresentationScore,
)
from exam.scoring.panels import panel_for
from exam.scoring.preparation import _reason, lock_row

IS_BLIND = False
MEAN_SPREAD = Decimal(5)
RESCORE_SPREAD = Decimal(10)
TENTH = Decimal("0.1")


def scorers(panel: Panel) -> list[int]:
    """Everyone on the presentation panel scores, the chair included."""
    return sorted({m.user_id for m in panel.members} | {panel.chair_id})


def _panel(session: Session, competition: Competition) -> Panel:
    panel = panel_for(session, competition, PRESENTATION)
    if panel is None:
        raise NotFound(_("This competition has no presentation round."))
    return panel


def _open(competition: Competition) -> None:
    require(competition.stage == Stage.IDENTITIES_REVEALED,
            _("The presentation round takes place after the written scores are locked and the "
              "identities revealed, before the results."), Conflict)


@dataclass(frozen=True)
class RoundState:
    round_no: int
    scores: dict[int, Decimal]  # member id -> score, complete rounds only are shown
    submitted: frozenset[int]
    is_complete: bool
    spread: Decimal | None
    outcome: str  # pending, mean, chair, rescore, decided
    result: PresentationResult | None
    confirmed: frozenset[int]


def scorers_for(session: Session, panel: Panel, application_id: int) -> list[int]:
    """The panel members who score this candidate: none with a declared conflict."""
    from exam.presentation.service import eligible_scorers

    competition = session.get(Competition, panel.competition_id)
    return eligible_scorers(session, competition, scorers(panel), application_id)


def _rules(session: Session, panel: Panel):
    from exam.presentation.service import rules_of

    return rules_of(session, session.get(Competition, panel.competition_id))


def round_state(session: Session, panel: Panel, application_id: int) -> RoundState:
    from exam.presentation.models import ScoringRule

    result = session.scalar(select(PresentationResult).where(
        PresentationResult.application_id == application_id))
    rows = list(session.scalars(select(PresentationScore).where(
        PresentationScore.application_id == application_id).order_by(PresentationScore.id)))
    rules = _rules(session, panel)
    single = rules.scoring_rule == ScoringRule.SINGLE_MEAN
    members = scorers_for(session, panel, application_id)
    round_no = 1
    while True:
        current = {r.member_id: r.score for r in rows
                   if r.round_no == round_no and r.member_id in members}
        complete = bool(members) and set(current) >= set(members)
        spread = (max(current.values()) - min(current.values())) if complete else None
        if complete and not single and spread >= RESCORE_SPREAD and result is None:
            round_no += 1
            continue
        break
    confirmed = frozenset(session.scalars(select(PresentationConfirmation.member_id).where(
        PresentationConfirmation.result_id == result.id))) if result else frozenset()
    if result is not None:
        outcome = "decided"
    elif len(members) < rules.panel_quorum:
        outcome = "below_quorum"
    elif not complete:
        outcome = "pending"
    elif single or spread <= MEAN_SPREAD:
        outcome = "mean"
    else:
        outcome = "chair"
    return RoundState(round_no, current if complete else {}, frozenset(current), complete, spread,
                      outcome, result, confirmed)


def _candidate(session, competition, application_id) -> Application:
    application = session.get(Application, application_id)
    if (application is None or application.competition_id != competition.id
            or application.status != ApplicationStatus.ACCEPTED):
        raise NotFound(_("No such candidate."))
    return application


def submit_presentation_score(session: Session, actor, competition: Competition,
                              application_id: int, *, score, now: datetime) -> PresentationScore:
    """A sealed score: nobody sees it until every member has scored this round."""
    panel = _panel(session, competition)
    require(getattr(actor, "id", None) in scorers(panel),
            _("Only members of the presentation panel score it."))
    _open(competition)
    _candidate(session, competition, application_id)
    from exam.presentation.service import require_no_conflict, require_present

    require_no_conflict(session, actor, competition, [application_id])
    require_present(session, actor, competition, application_id)
    try:
        value = Decimal(str(score).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Enter a score from 0 to 100.")) from None
    require(value.is_finite() and 0 <= value <= 100 and value == value.quantize(TENTH),
            _("Enter a score from 0 to 100 with at most one decimal."), InvalidInput)
    lock_row(session, Application, application_id)
    state = round_state(session, panel, application_id)
    require(state.result is None, _("This candidate's presentation score is decided."), Conflict)
    require(state.outcome != "below_quorum",
            _("Too few panel members without a conflict remain to score this candidate; the "
              "board must add a member to the panel."), Conflict)
    require(actor.id not in state.submitted,
            _("You have already scored this round; your score is sealed."), Conflict)
    row = PresentationScore(competition_id=competition.id, application_id=application_id,
                            member_id=actor.id, round_no=state.round_no, score=value,
                            submitted_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "scoring.presentation_scored", at=now, competition=competition,
                 target=row, payload={"application_id": application_id, "round": state.round_no})
    after = round_state(session, panel, application_id)
    if after.outcome == "mean":
        mean = (sum(after.scores.values()) / len(after.scores)).quantize(TENTH, ROUND_HALF_UP)
        _decide(session, actor, competition, application_id, after.round_no, mean,
                FinalBasis.MEAN, "", now)
    elif after.round_no > state.round_no:
        audit.record(session, actor, "scoring.presentation_rescore", at=now,
                     competition=competition,
                     payload={"application_id": application_id, "round": after.round_no})
    return row


def _decide(session, actor, competition, application_id, round_no, score, basis, reason, now):
    result = PresentationResult(competition_id=competition.id, application_id=application_id,
                                round_no=round_no, score=score, basis=basis, reason=reason,
                                decided_by_id=actor.id if basis == FinalBasis.CHAIR else None,
                                decided_at=now)
    session.add(result)
    session.flush()
    audit.record(session, actor, "scoring.presentation_decided", at=now, competition=competition,
                 target=result, payload={"application_id": application_id, "score": str(score),
                                         "basis": str(basis), "round": round_no})
    return result


def decide_presentation(session: Session, actor, competition: Competition, application_id: int,
                        *, score, reason: str, now: datetime) -> PresentationResult:
    """Spread over 5 and under 10: the chair decides, within the members' range, with a reason."""
    panel = _panel(session, competition)
    require(panel.chair_id == getattr(actor, "id", None),
            _("Only the chair of the presentation panel decides."))
    _open(competition)
    from exam.presentation.service import require_no_conflict

    require_no_conflict(session, actor, competition, [application_id])
    lock_row(session, Application, application_id)
    state = round_state(session, panel, application_id)
    require(state.outcome == "chair", _("This score does not await the chair's decision."),
            Conflict)
    try:
        value = Decimal(str(score).strip().replace(",", ".")).quantize(TENTH, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Enter a score from 0 to 100.")) from None
    low, high = min(state.scores.values()), max(state.scores.values())
    require(low <= value <= high,
            _("The decided score must lie between the lowest and highest member's score."),
            InvalidInput)
    return _decide(session, actor, competition, application_id, state.round_no, value,
                   FinalBasis.CHAIR, _reason(reason), now)


def confirm_presentation(session: Session, actor, competition: Competition, application_id: int,
                         *, now: datetime) -> PresentationConfirmation:
    panel = _panel(session, competition)
    require(getattr(actor, "id", None) in scorers_for(session, panel, application_id),
            _("Only members of the presentation panel confirm its summary."))
    state = round_state(session, panel, application_id)
    require(state.result is not None, _("There is no decided score to confirm yet."), Conflict)
    require(actor.id not in state.confirmed, _("You have already confirmed."), Conflict)
    row = PresentationConfirmation(result_id=state.result.id, member_id=actor.id, confirmed_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "scoring.presentation_confirmed", at=now, competition=competition,
                 target=row, payload={"application_id": application_id})
    return row


def presentation_sheet(session: Session, actor, competition: Competition):
    """Rows for the panel's summary sheet: candidate, own score, revealed scores, outcome."""
    panel = _panel(session, competition)
    require(getattr(actor, "id", None) in scorers(panel),
            _("Only members of the presentation panel see its sheet."))
    _open(competition)
    rows = []
    for application in session.scalars(select(Application).where(
            Application.competition_id == competition.id,
            Application.status == ApplicationStatus.ACCEPTED).order_by(Application.candidate_number)):
        rows.append((application, round_state(session, panel, application.id)))
    return panel, rows


def presentation_results(session: Session, competition: Competition) -> dict[int, Decimal]:
    return dict(session.execute(select(PresentationResult.application_id, PresentationResult.score)
                                .where(PresentationResult.competition_id == competition.id)).all())


def part_is_blind(part_key: str) -> bool:
    """What the result sheet prints beside each part: the presentation round is never blind."""
    return part_key != PRESENTATION
