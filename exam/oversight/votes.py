"""Secret board votes on the decisions the rules leave to the board.

Each board member (chair, secretary, members at the time the vote opens) votes once. A vote
closes at its deadline or with the last ballot, never earlier: the tally and the list of who
voted are shown only then, because together, after a few ballots, they would tell whose
ballot went where. A ballot flips the voter's `has_voted` and adds one to the chosen option's
counter in the same statement that rewrites every counter of the vote, so neither the rows,
their ids nor the last writer of a row tells whose ballot went where; its audit entry names
nobody. The tally counts only when the quorum voted (default: more than half of the board;
the chair may ask for more); the decision is the option chosen by more than half of the whole
board; otherwise the board reached no decision.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import permissions as competition_permissions
from exam.competitions.models import BOARD_ROLES, Competition, Membership
from exam.db import utcnow
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.oversight import permissions
from exam.oversight.models import BoardVote, VoteCounter, VoteElector, VoteKind

KIND_LABELS = {
    VoteKind.ELIGIBILITY_DISPUTE: _l("Eligibility dispute"),
    VoteKind.APPEAL: _l("Appeal"),
    VoteKind.TIE: _l("Tie the stated order cannot split"),
    VoteKind.SUSPENSION: _l("Suspending the competition"),
    VoteKind.CANCELLATION: _l("Cancelling the competition"),
    VoteKind.PROCEED: _l("Proceeding with fewer candidates than the minimum"),
}

MAX_OPTIONS = 6


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((value or "").split()))


def default_quorum(electorate: int) -> int:
    """More than half of the electors."""
    return electorate // 2 + 1


def quorum_of(vote: BoardVote) -> int:
    return vote.quorum or default_quorum(len(vote.electors))


def open_vote(session: Session, actor, competition: Competition, *, kind: str, question: str,
              options: list[str], closes_at: datetime, now: datetime,
              quorum: int | None = None, excluded=frozenset()) -> BoardVote:
    """The chair puts a question to the whole board; the electorate is fixed at this moment.
    `excluded`: members who declared a conflict with a candidate the vote is about."""
    require(permissions.can_open_vote(session, actor, competition),
            _("Only the board chair puts a question to a vote."))
    require(kind in set(VoteKind), _("Choose what kind of decision this is."), InvalidInput)
    question = unicodedata.normalize("NFC", (question or "").strip())
    require(10 <= len(question) <= 5000, _("State the question in a sentence or more."),
            InvalidInput)
    options = [_text(o)[:200] for o in options if _text(o)]
    require(2 <= len(options) <= MAX_OPTIONS and len(set(options)) == len(options),
            _("Give from 2 to %(n)d different options.", n=MAX_OPTIONS), InvalidInput)
    require(closes_at > now, _("The deadline must be in the future."), InvalidInput)
    board = sorted(set(session.scalars(select(Membership.user_id).where(
        Membership.competition_id == competition.id, Membership.role.in_(BOARD_ROLES))))
        - set(excluded))
    require(len(board) >= 2, _("A vote needs a board of at least two members."), Conflict)
    lowest = default_quorum(len(board))
    if quorum is None:
        quorum = lowest
    require(isinstance(quorum, int) and lowest <= quorum <= len(board),
            _("The quorum must be from %(low)d to %(high)d board members: more than half of "
              "the board, at most all of it.", low=lowest, high=len(board)), InvalidInput)
    vote = BoardVote(competition_id=competition.id, kind=kind, question=question,
                     options=options, opened_by_id=actor.id, opened_at=now, closes_at=closes_at,
                     quorum=quorum)
    session.add(vote)
    session.flush()
    session.add_all(VoteElector(vote_id=vote.id, user_id=user_id, has_voted=False)
                    for user_id in board)
    session.add_all(VoteCounter(vote_id=vote.id, option_index=i, count=0)
                    for i in range(len(options)))
    session.flush()
    audit.record(session, actor, "vote.opened", at=now, competition=competition, target=vote,
                 payload={"kind": str(kind), "question": question, "options": options,
                          "electorate": len(board), "quorum": quorum, "closes_at": closes_at})
    return vote


def is_closed(vote: BoardVote, now: datetime) -> bool:
    """No more ballots are taken."""
    return vote.closed_at is not None or now >= vote.closes_at


def results_due(vote: BoardVote, now: datetime) -> bool:
    """The tally and who voted may be shown: the deadline has passed or everyone has voted
    (a vote closed early before this rule existed still waits for its deadline)."""
    return now >= vote.closes_at or all(e.has_voted for e in vote.electors)


def ballots_cast(vote: BoardVote) -> tuple[int, int]:
    """How many electors have voted, of how many: names nobody."""
    return sum(1 for e in vote.electors if e.has_voted), len(vote.electors)


def get_vote(session: Session, actor, competition: Competition, vote_id: int) -> BoardVote:
    vote = session.get(BoardVote, vote_id)
    require(vote is not None and vote.competition_id == competition.id, _("No such vote."),
            NotFound)
    require(permissions.can_see_votes(session, actor, competition),
            _("Only the board sees its votes."))
    return vote


def votes_of(session: Session, competition: Competition) -> list[BoardVote]:
    return list(session.scalars(select(BoardVote).where(
        BoardVote.competition_id == competition.id).order_by(BoardVote.id.desc())))


def may_vote(session: Session, actor, vote: BoardVote, now: datetime) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or is_closed(vote, now):
        return False
    return any(e.user_id == actor.id and not e.has_voted for e in vote.electors)


def cast_ballot(session: Session, actor, vote: BoardVote, option_index: int, *, now) -> None:
    """One ballot per elector; nothing is returned or recorded that says what it was."""
    require(any(e.user_id == getattr(actor, "id", None) for e in vote.electors),
            _("Only the members of the board when the vote opened take part."))
    require(not is_closed(vote, now), _("This vote is closed."), Conflict)
    from exam.presentation.service import require_no_conflict_in_vote

    require_no_conflict_in_vote(session, actor, vote)
    require(isinstance(option_index, int) and 0 <= option_index < len(vote.options),
            _("Choose one of the options."), InvalidInput)
    marked = session.execute(
        update(VoteElector)
        .where(VoteElector.vote_id == vote.id, VoteElector.user_id == actor.id,
               VoteElector.has_voted.is_(False))
        .values(has_voted=True)
        .execution_options(synchronize_session=False))
    require(marked.rowcount == 1, _("You have already voted."), Conflict)
    session.execute(
        update(VoteCounter)
        .where(VoteCounter.vote_id == vote.id)
        .values(count=VoteCounter.count + case((VoteCounter.option_index == option_index, 1),
                                               else_=0))
        .execution_options(synchronize_session=False))
    for row in (*vote.electors, *vote.counters):
        session.expire(row)
    token = audit.current_address.set("")  # nor an address that would tell who it was
    try:
        audit.record(session, None, "vote.ballot_cast", at=now,
                     competition=vote.competition_id, target=vote)
    finally:
        audit.current_address.reset(token)
    if all(e.has_voted for e in vote.electors):
        _close(session, None, vote, now=now, why="all_voted")


def close_vote(session: Session, actor, vote: BoardVote, *, now) -> BoardVote:
    """After its deadline any board member records the result; nobody closes a vote early,
    since a tally after a few ballots, next to who cast them, would tell who chose what."""
    competition = vote.competition
    may = competition_permissions.is_board(session, actor, competition) or (
        now >= vote.closes_at and permissions.can_see_votes(session, actor, competition))
    require(may, _("Only the board records the result of its vote."))
    require(vote.closed_at is None, _("This vote is already closed."), Conflict)
    require(now >= vote.closes_at,
            _("A vote stays open until its deadline or until every board member has voted; "
              "nobody closes it earlier."), Conflict)
    return _close(session, actor, vote, now=now, why="deadline")


def close_due_votes(session: Session, *, now) -> list[BoardVote]:
    """Record the result of every vote whose deadline has passed (the CLI runs this)."""
    due = list(session.scalars(select(BoardVote).where(
        BoardVote.closed_at.is_(None), BoardVote.closes_at <= now)))
    for vote in due:
        _close(session, None, vote, now=now, why="deadline")
    return due


def _close(session, actor, vote: BoardVote, *, now, why: str) -> BoardVote:
    vote.closed_at = min(now, vote.closes_at)
    vote.closed_by_id = getattr(actor, "id", None)
    session.flush()
    result = tally(vote, now)
    payload = {"why": why, "decision": result["decision"], "outcome": result["outcome"],
               "voted": result["voted"], "electorate": result["electorate"],
               "quorum": result["quorum"],
               "voters": sorted(e.user_id for e in vote.electors if e.has_voted)}
    if result["quorum_reached"]:
        payload["tally"] = result["tally"]
    audit.record(session, actor, "vote.closed", at=now, competition=vote.competition_id,
                 target=vote, payload=payload)
    return vote


def tally(vote: BoardVote, now: datetime) -> dict:
    """The counts per option and the decision; refused before the deadline unless everyone
    has voted. Without quorum the counts stay untold (a few ballots next to the list of who
    cast them would tell whose they were) and the vote reached no decision."""
    require(results_due(vote, now),
            _("The tally is shown when the vote closes: at its deadline or once every board "
              "member has voted."), Conflict)
    voted, electorate = ballots_cast(vote)
    quorum = quorum_of(vote)
    if voted < quorum:
        return {"tally": [], "outcome": None, "decision": "no_quorum", "quorum_reached": False,
                "voted": voted, "electorate": electorate, "quorum": quorum}
    counts = {c.option_index: c.count for c in vote.counters}
    rows = [{"option": label, "votes": counts.get(i, 0)} for i, label in enumerate(vote.options)]
    winners = [r["option"] for r in rows if 2 * r["votes"] > electorate]
    return {"tally": rows, "outcome": winners[0] if winners else None,
            "decision": "decided" if winners else "no_majority", "quorum_reached": True,
            "voted": voted, "electorate": electorate, "quorum": quorum}


def participation(vote: BoardVote, now: datetime) -> list[tuple[str, bool]]:
    """Who has voted, by name, once the vote closes; silent on what anyone chose."""
    require(results_due(vote, now),
            _("Who has voted is shown when the vote closes: at its deadline or once every "
              "board member has voted."), Conflict)
    return sorted(((e.user.full_name, e.has_voted) for e in vote.electors), key=lambda r: r[0])


def vote_outcomes(session: Session, competition: Competition, *, now: datetime | None = None,
                  kinds: set[str] | None = None) -> list[dict]:
    """Closed votes of a competition with their tallies, oldest first: for the result sheet
    (pass kinds={"tie"} there) and the public record. Open votes are left out."""
    now = now or utcnow()
    outcomes = []
    for vote in reversed(votes_of(session, competition)):
        if not results_due(vote, now) or (kinds and vote.kind not in kinds):
            continue
        outcomes.append({"id": vote.id, "kind": str(vote.kind),
                         "kind_label": str(KIND_LABELS[VoteKind(vote.kind)]),
                         "question": vote.question, "closed_at": vote.closed_at or vote.closes_at,
                         **tally(vote, now)})
    return outcomes
