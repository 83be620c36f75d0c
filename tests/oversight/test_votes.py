"""Secret board votes: one ballot each, tally only when closed, choices never tied to voters."""

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select

from exam.audit.models import AuditEntry
from exam.competitions.models import Role
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.models import Base
from exam.oversight import votes
from exam.oversight.models import BoardVote, VoteCounter, VoteElector
from tests.factories import appoint, make_admin, make_board, make_competition, make_user, make_vote


def _open(db, clock, competition, chair, **fields):
    values = {"kind": "tie", "question": "Hai ứng viên 0004 và 0007 bằng điểm ở mọi tiêu chí; "
                  "ai được đề nghị bổ nhiệm?", "options": ["Ứng viên 0004", "Ứng viên 0007"],
                  "closes_at": clock.days(2), "now": clock.now}
    values.update(fields)
    return votes.open_vote(db, chair, competition, **values)


@pytest.fixture
def board_vote(db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    return _open(db, clock, competition, board[Role.CHAIR]), board


def test_only_the_chair_opens_a_vote_of_the_whole_board(db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    appoint(db, competition, Role.EXAMINER)
    for person in (board[Role.SECRETARY], make_admin(db)):
        with pytest.raises(PermissionDenied):
            _open(db, clock, competition, person)
    with pytest.raises(InvalidInput, match="different options"):
        _open(db, clock, competition, board[Role.CHAIR], options=["Có", "Có"])
    vote = _open(db, clock, competition, board[Role.CHAIR])
    assert {e.user_id for e in vote.electors} == {u.id for u in board.values()}


def test_the_tally_appears_only_when_every_member_has_voted(db, clock, board_vote):
    vote, board = board_vote
    chair, secretary, member = board[Role.CHAIR], board[Role.SECRETARY], board[Role.BOARD_MEMBER]
    votes.cast_ballot(db, chair, vote, 0, now=clock.now)
    votes.cast_ballot(db, secretary, vote, 1, now=clock.now)
    with pytest.raises(Conflict, match="when the vote closes"):
        votes.tally(vote, clock.now)
    assert votes.vote_outcomes(db, vote.competition, now=clock.now) == []
    assert votes.ballots_cast(vote) == (2, 3)
    votes.cast_ballot(db, member, vote, 0, now=clock.hours(1))
    assert vote.closed_at == clock.hours(1)
    result = votes.tally(vote, clock.hours(1))
    assert result["tally"] == [{"option": "Ứng viên 0004", "votes": 2},
                               {"option": "Ứng viên 0007", "votes": 1}]
    assert result["outcome"] == "Ứng viên 0004"
    closed = db.query(AuditEntry).filter_by(action="vote.closed").one()
    payload = json.loads(closed.payload)
    assert payload["tally"] == result["tally"]
    assert payload["outcome"] == "Ứng viên 0004"
    assert [o["outcome"] for o in votes.vote_outcomes(db, vote.competition)] == ["Ứng viên 0004"]


def test_the_chair_cannot_close_a_vote_early_and_the_deadline_closes_it(db, clock, board_vote):
    """Closing after one ballot would name that ballot: who voted plus the tally."""
    vote, board = board_vote
    votes.cast_ballot(db, board[Role.SECRETARY], vote, 1, now=clock.now)
    for person in (board[Role.CHAIR], board[Role.BOARD_MEMBER]):
        with pytest.raises((Conflict, PermissionDenied), match="deadline"):
            votes.close_vote(db, person, vote, now=clock.hours(1))
    assert vote.closed_at is None
    with pytest.raises(Conflict):
        votes.tally(vote, clock.hours(1))
    with pytest.raises(Conflict):
        votes.participation(vote, clock.hours(1))
    votes.cast_ballot(db, board[Role.CHAIR], vote, 0, now=clock.hours(2))
    votes.close_vote(db, board[Role.BOARD_MEMBER], vote, now=clock.days(3))
    result = votes.tally(vote, clock.days(3))
    assert (result["voted"], result["outcome"], result["quorum_reached"]) == (2, None, True)
    with pytest.raises(Conflict, match="closed"):
        votes.cast_ballot(db, board[Role.BOARD_MEMBER], vote, 0, now=clock.days(3))

    late = _open(db, clock, vote.competition, board[Role.CHAIR], kind="appeal",
                 question="Chấp nhận đơn phúc khảo của ứng viên 0002?", options=["Có", "Không"])
    assert not votes.is_closed(late, clock.days(1))
    assert votes.tally(late, clock.days(3))["voted"] == 0
    assert votes.close_due_votes(db, now=clock.days(3)) == [late]
    assert late.closed_at == late.closes_at


def test_who_voted_is_told_only_at_the_deadline_or_once_everyone_has(db, clock, board_vote):
    vote, board = board_vote
    chair, secretary, member = board[Role.CHAIR], board[Role.SECRETARY], board[Role.BOARD_MEMBER]
    votes.cast_ballot(db, secretary, vote, 0, now=clock.now)
    with pytest.raises(Conflict, match="deadline"):
        votes.participation(vote, clock.now)
    assert votes.ballots_cast(vote) == (1, 3)
    cast = db.scalars(select(AuditEntry).where(AuditEntry.action == "vote.ballot_cast")).one()
    assert cast.actor_id is None, "the audit log is no list of who voted either"
    assert cast.address == ""
    assert votes.participation(vote, clock.days(3)) == sorted(
        [(chair.full_name, False), (secretary.full_name, True), (member.full_name, False)])


def test_a_vote_closed_without_quorum_records_no_decision_and_no_tally(db, clock, board_vote):
    vote, board = board_vote
    assert vote.quorum == 2, "default: more than half of the three electors"
    votes.cast_ballot(db, board[Role.SECRETARY], vote, 1, now=clock.now)
    assert votes.close_due_votes(db, now=clock.days(3)) == [vote]
    result = votes.tally(vote, clock.days(3))
    assert result["quorum_reached"] is False
    assert result["outcome"] is None
    assert result["tally"] == [], "one ballot's tally would tell whose it was"
    assert (result["voted"], result["quorum"], result["electorate"]) == (1, 2, 3)
    closed = db.scalars(select(AuditEntry).where(AuditEntry.action == "vote.closed")).one()
    payload = json.loads(closed.payload)
    assert payload["decision"] == "no_quorum"
    assert "tally" not in payload
    assert payload["outcome"] is None
    outcome = votes.vote_outcomes(db, vote.competition, now=clock.days(3))[0]
    assert outcome["tally"] == []
    assert outcome["quorum_reached"] is False


def test_the_chair_may_ask_for_a_larger_quorum_never_a_smaller_one(db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    members = [*board.values(), appoint(db, competition, Role.BOARD_MEMBER),
               appoint(db, competition, Role.BOARD_MEMBER)]
    chair = board[Role.CHAIR]
    for too_few_or_many in (2, 6, 0):
        with pytest.raises(InvalidInput, match="quorum"):
            _open(db, clock, competition, chair, quorum=too_few_or_many)
    vote = _open(db, clock, competition, chair, quorum=5)
    for person in members[:4]:
        votes.cast_ballot(db, person, vote, 0, now=clock.now)
    votes.close_due_votes(db, now=clock.days(3))
    result = votes.tally(vote, clock.days(3))
    assert (result["quorum_reached"], result["outcome"], result["voted"]) == (False, None, 4)
    everyone = _open(db, clock, competition, chair, quorum=5)
    for person in members:
        votes.cast_ballot(db, person, everyone, 0, now=clock.now)
    result = votes.tally(everyone, clock.now)
    assert (result["quorum_reached"], result["outcome"]) == (True, "Ứng viên 0004")
    assert result["tally"][0]["votes"] == 5


def test_each_member_votes_once_and_only_members_vote(db, clock, board_vote):
    vote, board = board_vote
    votes.cast_ballot(db, board[Role.CHAIR], vote, 0, now=clock.now)
    with pytest.raises(Conflict, match="already voted"):
        votes.cast_ballot(db, board[Role.CHAIR], vote, 1, now=clock.now)
    late_member = appoint(db, vote.competition, Role.BOARD_MEMBER)
    for outsider in (late_member, make_admin(db), make_user(db)):
        with pytest.raises(PermissionDenied):
            votes.cast_ballot(db, outsider, vote, 0, now=clock.now)
    with pytest.raises(InvalidInput):
        votes.cast_ballot(db, board[Role.SECRETARY], vote, 7, now=clock.now)
    counts = db.scalars(select(VoteCounter.count).where(VoteCounter.vote_id == vote.id)
                        .order_by(VoteCounter.option_index)).all()
    assert counts == [1, 0]


def test_the_schema_cannot_link_a_choice_to_a_voter(db, clock, board_vote):
    """No table that can hold a choice knows a person or a time, and no table that knows a
    person holds a choice; the rows a vote leaves behind read the same whoever chose what."""
    mapper_tables = {m.class_: m.local_table for m in Base.registry.mappers}
    counter, elector, vote_table = (mapper_tables[VoteCounter], mapper_tables[VoteElector],
                                    mapper_tables[BoardVote])
    assert {c.name for c in counter.columns} == {"id", "vote_id", "option_index", "count"}
    assert {fk.column.table.name for fk in counter.foreign_keys} == {"board_vote"}
    assert {c.name for c in elector.columns} == {"id", "vote_id", "user_id", "has_voted"}
    assert not any("option" in c.name or "choice" in c.name for c in vote_table.columns
                   if c.name != "options")
    for table in Base.metadata.tables.values():
        if table.name in {"vote_counter", "vote_elector"}:
            continue
        assert not {fk.column.table.name for fk in table.foreign_keys} & {"vote_counter",
                                                                          "vote_elector"}
    live = inspect(db.connection())  # the migrated database, not only the models
    assert {c["name"] for c in live.get_columns("vote_counter")} == {
        "id", "vote_id", "option_index", "count"}
    assert {c["name"] for c in live.get_columns("vote_elector")} == {
        "id", "vote_id", "user_id", "has_voted"}
    assert {fk["referred_table"] for fk in live.get_foreign_keys("vote_counter")} == {"board_vote"}

    vote, board = board_vote
    members = sorted(board.values(), key=lambda u: u.id)
    votes.cast_ballot(db, members[0], vote, 0, now=clock.now)
    votes.cast_ballot(db, members[1], vote, 1, now=clock.now)
    votes.cast_ballot(db, members[2], vote, 0, now=clock.now)
    rows = {table: [tuple(r) for r in db.execute(select(Base.metadata.tables[table]).where(
        Base.metadata.tables[table].c.vote_id == vote.id).order_by("id")).all()]
        for table in ("vote_counter", "vote_elector")}
    electors = [(r[2], r[3]) for r in rows["vote_elector"]]
    assert electors == [(m.id, True) for m in members]  # in member order, not in voting order
    assert [(r[2], r[3]) for r in rows["vote_counter"]] == [(0, 2), (1, 1)]
    cast = db.query(AuditEntry).filter_by(action="vote.ballot_cast").all()
    assert len(cast) == 3
    assert all(json.loads(e.payload) == {} for e in cast)


def test_a_vote_needs_a_board_of_two(db, clock):
    competition = make_competition(db)
    chair = appoint(db, competition, Role.CHAIR)
    with pytest.raises(Conflict):
        _open(db, clock, competition, chair)


def test_the_deadline_must_be_ahead(db, clock):
    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    with pytest.raises(InvalidInput, match="future"):
        _open(db, clock, competition, chair, closes_at=clock.now - timedelta(minutes=1))


def test_the_cli_records_votes_past_their_deadline(runner, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    due = make_vote(db, competition, electors=list(board.values()),
                    closes_at=clock.now - timedelta(hours=1))
    make_vote(db, competition, electors=list(board.values()))
    result = runner.invoke(args=["oversight", "close-due-votes"])
    assert result.exit_code == 0, result.output
    assert f"vote {due.id} " in result.output
    assert "no decision (quorum not reached: 0 of 3 voted, 2 needed)" in result.output
    assert "1 vote(s) closed" in result.output
    entry = db.query(AuditEntry).filter_by(action="vote.closed").one()
    assert json.loads(entry.payload)["why"] == "deadline"


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_stored_rows_read_the_same_whoever_chose_what(db, clock, data):
    """Two votes with the same ballots handed out differently, cast in different orders,
    leave identical rows: nothing stored can tell who chose what."""
    competition = make_competition(db)
    members = [appoint(db, competition, Role.BOARD_MEMBER) for _ in range(data.draw(
        st.integers(3, 5), label="board size"))]
    choices = data.draw(st.lists(st.integers(0, 2), min_size=len(members), max_size=len(members)),
                        label="choices")
    stored = []
    for _world in range(2):
        owners = data.draw(st.permutations(members), label="who casts which ballot")
        order = data.draw(st.permutations(range(len(members))), label="voting order")
        vote = make_vote(db, competition, electors=members, options=("A", "B", "C"))
        for i in order:
            votes.cast_ballot(db, owners[i], vote, choices[i], now=clock.now)
        first_counter = min(c.id for c in vote.counters)
        first_elector = min(e.id for e in vote.electors)
        stored.append((
            [(c.id - first_counter, c.option_index, c.count) for c in vote.counters],
            [(e.id - first_elector, e.user_id, e.has_voted) for e in vote.electors],
            [json.loads(e.payload) for e in db.query(AuditEntry).filter_by(
                object_type="BoardVote", object_id=str(vote.id)).order_by(AuditEntry.seq)
                if e.action != "vote.opened"],
        ))
    assert stored[0] == stored[1]
