"""The board's gate: decisions nobody takes alone.

Accepting an application whose findings fail needs a written reason. Below the minimum of
accepted candidates the competition goes on only after the board extends registration or votes
to proceed. Decisions the rules make collegial (a tie at the last place, proceeding below the
minimum, proposing an annulment) are secret votes: the tally records the decision, the chair
cannot record another one, and a vote without majority follows the rules' fallback. Members
who declared a conflict with a candidate concerned are not electors.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.oversight import votes
from exam.oversight.models import BoardVote, VoteKind
from exam.presentation import service as presentation
from exam.presentation.models import (
    CollegialDecision,
    DecisionSubject,
    EligibilityOverride,
    RegistrationExtension,
    TieFallback,
)
from exam.registration.models import Application

SUBJECT_LABELS = {
    DecisionSubject.TIE: _l("Tie at the last place"),
    DecisionSubject.PROCEED: _l("Proceeding with fewer candidates than the minimum"),
    DecisionSubject.ANNULMENT: _l("Proposing to annul the competition"),
}
EXTEND, PROPOSE, REJECT = "extend", "propose", "reject"
PROCEED = presentation.PROCEED
MAX_TIED = 3  # 3! = 6 orders, the most options a vote takes


_reason = presentation.written_reason


# --------------------------------------------------------------------------- eligibility


def override_of(session: Session, application: Application) -> EligibilityOverride | None:
    return session.scalar(select(EligibilityOverride).where(
        EligibilityOverride.application_id == application.id))


# --------------------------------------------------------------------------- minimum


def extend_registration(session: Session, actor, competition: Competition, *,
                        closes_at: datetime, reason: str, now: datetime) -> RegistrationExtension:
    """The board moves the registration deadline later, with a public reason."""
    require(permissions.can_run_stages(session, actor, competition),
            _("Only the board chair or secretary extends registration."))
    require(competition.stage == Stage.REGISTRATION_OPEN and not competition.is_suspended,
            _("Registration can only be extended while it is open."), Conflict)
    require(isinstance(closes_at, datetime) and closes_at > now
            and closes_at > competition.registration_closes_at,
            _("The new deadline must be later than the current one and in the future."),
            InvalidInput)
    require(competition.sitting_opens_at is None or closes_at < competition.sitting_opens_at,
            _("Registration must close before the sitting opens."), InvalidInput)
    text = _reason(reason, _("Give the reason for extending registration."))
    row = RegistrationExtension(competition_id=competition.id,
                                closes_before=competition.registration_closes_at,
                                closes_after=closes_at, reason=text, by_id=actor.id, at=now)
    competition.registration_closes_at = closes_at
    session.add(row)
    session.flush()
    audit.record(session, actor, "competition.registration_extended", at=now,
                 competition=competition, target=row,
                 payload={"from": row.closes_before, "to": closes_at, "reason": text})
    return row


def extensions_of(session: Session, competition: Competition) -> list[RegistrationExtension]:
    return list(session.scalars(select(RegistrationExtension).where(
        RegistrationExtension.competition_id == competition.id)
        .order_by(RegistrationExtension.id)))


# --------------------------------------------------------------------------- collegial votes


decisions_of = presentation.decisions_of
decision_for_vote = presentation.decision_for_vote


def tied_groups(session: Session, competition: Competition, part_scores=None) -> list[list]:
    from exam.results import ranking
    from exam.results import service as results

    return ranking.unresolved_ties(results.compute_ranking(session, competition,
                                                           part_scores=part_scores))


def _options_for(session: Session, competition: Competition, subject: str,
                 application_ids: list[int], part_scores=None):
    if subject == DecisionSubject.TIE:
        require(competition.stage in {Stage.IDENTITIES_REVEALED, Stage.PROVISIONAL_RESULTS},
                _("Ties are decided after identities are revealed and before final results."),
                Conflict)
        groups = [sorted(r.application_id for r in g)
                  for g in tied_groups(session, competition, part_scores)]
        require(sorted(application_ids) in groups and len(set(application_ids)) > 1,
                _("Name exactly the candidates of one tied group at the last place."),
                InvalidInput)
        require(len(application_ids) <= MAX_TIED,
                _("A vote orders at most %(n)d tied candidates; split the group into successive "
                  "votes.", n=MAX_TIED), InvalidInput)
        numbers = {a: session.get(Application, a).candidate_number or "" for a in application_ids}
        orders = [list(p) for p in itertools.permutations(sorted(application_ids,
                                                                  key=numbers.get))]
        # candidate numbers, not names: the options go into the audit log with the vote
        labels = [" > ".join(numbers[a] for a in order) for order in orders]
        return VoteKind.TIE, labels, orders
    if subject == DecisionSubject.PROCEED:
        require(competition.stage in {Stage.REGISTRATION_OPEN, Stage.REGISTRATION_CLOSED},
                _("Proceeding with few candidates is decided before eligibility is declared "
                  "reviewed."), Conflict)
        return (VoteKind.PROCEED,
                [_("Proceed with the candidates there are"),
                 _("Do not proceed: extend registration or end the competition")],
                [PROCEED, EXTEND])
    if subject == DecisionSubject.ANNULMENT:
        return (VoteKind.CANCELLATION,
                [_("Propose to annul the competition"), _("Do not propose an annulment")],
                [PROPOSE, REJECT])
    raise InvalidInput(_("Choose what kind of decision this is."))


def open_collegial_vote(session: Session, actor, competition: Competition, *, subject: str,
                        reasons: str, closes_at: datetime, now: datetime,
                        application_ids=(), quorum: int | None = None,
                        part_scores=None) -> CollegialDecision:
    """The chair puts a collegial decision to the board's secret vote; the options say what
    each outcome decides, and members with a conflict about a candidate concerned do not vote."""
    require(permissions.is_board(session, actor, competition),
            _("Only the board chair puts a question to a vote."))
    ids = [int(a) for a in application_ids]
    for application_id in ids:
        presentation._candidate(session, competition, application_id)
    kind, labels, orders = _options_for(session, competition, subject, ids, part_scores)
    text = _reason(reasons, _("State the board's reasons for putting this to a vote."))
    pending = [d for d in decisions_of(session, competition, subject)
               if d.applied_at is None and sorted(d.application_ids) == sorted(ids)]
    require(not pending, _("A vote on this decision is already under way."), Conflict)
    excluded = set()
    for application_id in ids:
        excluded |= presentation.conflicted_ids(session, competition, application_id)
    question = f"{SUBJECT_LABELS[DecisionSubject(subject)]}: {text}"
    vote = votes.open_vote(session, actor, competition, kind=kind, question=question,
                           options=labels, closes_at=closes_at, now=now, quorum=quorum,
                           excluded=excluded)
    decision = CollegialDecision(competition_id=competition.id, vote_id=vote.id, subject=subject,
                                 application_ids=ids, option_orders=orders, reasons=text,
                                 excluded_ids=sorted(excluded & presentation.board_member_ids(
                                     session, competition)), opened_at=now)
    session.add(decision)
    session.flush()
    audit.record(session, actor, "decision.vote_opened", at=now, competition=competition,
                 target=decision, payload={"subject": subject, "vote_id": vote.id,
                                           "application_ids": ids,
                                           "excluded": decision.excluded_ids})
    return decision


def apply_decision(session: Session, actor, decision: CollegialDecision, *,
                   now: datetime, part_scores=None) -> CollegialDecision:
    """Once the vote has closed, its tally becomes the decision: a tie's order is recorded as
    the winning option says, whoever presses the button."""
    vote = session.get(BoardVote, decision.vote_id)
    competition = vote.competition
    require(permissions.is_board(session, actor, competition)
            or getattr(actor, "is_admin", False),
            _("Only the board records the result of its vote."))
    require(decision.applied_at is None, _("This decision is already recorded."), Conflict)
    require(votes.results_due(vote, now),
            _("The tally is shown when the vote closes: at its deadline or once every board "
              "member has voted."), Conflict)
    if vote.closed_at is None:
        votes.close_vote(session, actor, vote, now=now)
    result = votes.tally(vote, now)
    decision.outcome = result["decision"]
    decision.applied_at = now
    if result["decision"] == "decided":
        decision.decided_option = vote.options.index(result["outcome"])
    session.flush()
    audit.record(session, actor, "decision.recorded", at=now, competition=competition,
                 target=decision, payload={"subject": str(decision.subject),
                                           "vote_id": vote.id, "outcome": decision.outcome,
                                           "option": decision.decided_option})
    if decision.subject == DecisionSubject.TIE and decision.outcome == "decided":
        from exam.results import service as results

        order = decision.option_orders[decision.decided_option]
        results.store_tie_decision(
            session, actor, competition, order, now=now, part_scores=part_scores,
            reason=_("Decided by the board's secret vote: %(votes)d of %(electorate)d votes. "
                     "%(reasons)s", votes=max(r["votes"] for r in result["tally"]),
                     electorate=result["electorate"], reasons=decision.reasons))
    return decision


def fallback_applies(session: Session, competition: Competition,
                     decision: CollegialDecision) -> str | None:
    """What the rules say after a vote that decided nothing: None while nothing is owed."""
    if decision.applied_at is None or decision.outcome == "decided":
        return None
    return str(presentation.rules_of(session, competition).tie_fallback)


def record_authority_tie(session: Session, actor, decision: CollegialDecision, order, *,
                         reference: str, now: datetime, part_scores=None):
    """After a tie vote without majority, when the rules refer it to the appointing authority,
    the administrator records the authority's decision and cites its document."""
    from exam.results import service as results

    competition = session.get(Competition, decision.competition_id)
    require(getattr(actor, "is_admin", False),
            _("Only the administrator records the appointing authority's decision."))
    require(decision.subject == DecisionSubject.TIE
            and fallback_applies(session, competition, decision) == TieFallback.AUTHORITY,
            _("The rules refer a tie to the appointing authority only after a vote without "
              "majority."), Conflict)
    ids = [int(a) for a in order]
    require(sorted(ids) == sorted(decision.application_ids),
            _("Order exactly the candidates of one tied group."), InvalidInput)
    text = _reason(reference, _("Cite the appointing authority's document (number and date)."))
    return results.store_tie_decision(session, actor, competition, ids, now=now,
                                      part_scores=part_scores, reason=_("Decided by the appointing authority: %(ref)s",
                                               ref=text))


def require_tie_mandate(session: Session, competition: Competition, order: list[int], *,
                        now: datetime) -> CollegialDecision:
    """A tie order is recorded only as a vote's tally decided it: returns the decision whose
    tally gives exactly this order and is not recorded yet; refuses any other order."""
    mine = [d for d in decisions_of(session, competition, DecisionSubject.TIE)
            if sorted(d.application_ids) == sorted(order)]
    require(mine, _("A tie at the last place is decided by the board's secret vote; put it to "
                    "a vote first."), Conflict)
    decision = mine[-1]
    vote = session.get(BoardVote, decision.vote_id)
    require(votes.results_due(vote, now),
            _("The board's vote on this tie is still open."), Conflict)
    result = votes.tally(vote, now)
    require(result["decision"] == "decided",
            _("The board's vote decided nothing; the rules' fallback applies."), Conflict)
    winner = decision.option_orders[vote.options.index(result["outcome"])]
    require(winner == list(order),
            _("The board's vote decided another order; the chair cannot record a different "
              "one."), Conflict)
    require(decision.applied_at is None, _("This decision is already recorded."), Conflict)
    return decision


def public_decisions(session: Session, competition: Competition, *, now: datetime) -> list[dict]:
    """Every recorded collegial decision with its reasons and tally, for the public record."""
    out = []
    for decision in decisions_of(session, competition):
        if decision.applied_at is None:
            continue
        vote = session.get(BoardVote, decision.vote_id)
        result = votes.tally(vote, now)
        chosen = (vote.options[decision.decided_option]
                  if decision.decided_option is not None else None)
        out.append({"subject": str(decision.subject),
                    "subject_label": str(SUBJECT_LABELS[DecisionSubject(decision.subject)]),
                    "reasons": decision.reasons, "outcome": decision.outcome,
                    "decision": chosen, "tally": result["tally"], "voted": result["voted"],
                    "electorate": result["electorate"], "quorum": result["quorum"],
                    "excluded_for_conflict": len(decision.excluded_ids),
                    "recorded_at": decision.applied_at})
    return out


def get_decision(session: Session, competition: Competition, decision_id: int):
    decision = session.get(CollegialDecision, decision_id)
    require(decision is not None and decision.competition_id == competition.id,
            _("No such decision."), NotFound)
    return decision


def record_tie_decision(session: Session, actor, competition: Competition,
                        application_ids: list[int], *, reason: str, now: datetime,
                        part_scores=None):
    """The chair records the order of candidates that no score splits, as the board's vote
    decided it: a different order is refused."""
    from exam.results import service as results
    from exam.results.permissions import can_decide_ties

    require(can_decide_ties(session, actor, competition),
            _("Only the board chair records a tie decision."))
    decision = require_tie_mandate(session, competition, [int(i) for i in application_ids],
                                   now=now)
    apply_decision(session, actor, decision, now=now, part_scores=part_scores)
    return results.tie_decisions(session, competition)[-1]
