"""`thituyen demo` shows the presentation round and a tie the board decides by vote."""

from __future__ import annotations

from sqlalchemy import func, select

from exam.oversight.models import BoardVote
from exam.presentation import service as presentation
from exam.presentation.models import CollegialDecision, ConflictOfInterest, Programme
from exam.results import service as results


def test_the_demo_shows_programmes_a_recorded_session_a_conflict_and_a_tie_decided_by_vote(db):
    from exam.demo import run_demo

    made = run_demo(db, candidates=12)
    finished = made["finished"]
    accepted = results.accepted_applications(db, finished)
    freeze = presentation.freeze_of(db, finished)
    assert freeze is not None
    assert len(freeze.digests) == len(accepted) - 1
    assert db.scalar(select(func.count()).select_from(Programme).where(
        Programme.competition_id == finished.id)) == len(accepted)  # one redraft
    sitting = presentation.sitting_of(db, finished)
    assert [s.application_id for s in sitting.slots] == sitting.order
    assert all(s.questions.startswith("Hỏi:") for s in sitting.slots)
    assert db.scalar(select(func.count()).select_from(ConflictOfInterest).where(
        ConflictOfInterest.competition_id == finished.id)) == 1
    tie = db.scalar(select(CollegialDecision).where(CollegialDecision.subject == "tie",
                                                    CollegialDecision.competition_id == finished.id))
    assert tie.outcome == "decided"
    vote = db.get(BoardVote, tie.vote_id)
    assert sorted(c.count for c in vote.counters) == [1, 2]
    decided = results.tie_decisions(db, finished)
    assert [d.application_ids for d in decided] == [tie.option_orders[tie.decided_option]]
    final = results.latest_version(db, finished)
    assert final.kind == "final"
