"""The practice paper: the board's own questions, timed and saved like the day, scored at
once, closed when the sitting opens, counted nowhere."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.rooms import practice
from exam.sitting.models import Attempt, ObjectiveScore
from tests.sitting.helpers import open_sitting, sitting_competition

QUESTIONS = """Luật Cán bộ, công chức được ban hành năm nào? | 2008 | 2010 | 2019 | 1
Cơ quan nào quyết định tuyển dụng công chức cấp tỉnh? | Sở Nội vụ | UBND tỉnh | 2
"""


@pytest.fixture
def world(db, clock):
    world = sitting_competition(db, now=clock.now, candidates=2,
                                sitting_opens=clock.days(10), sitting_closes=clock.days(10.2))
    practice.add_items(db, world["chair"], world["competition"], QUESTIONS, now=clock.now)
    return world


def test_a_practice_paper_is_timed_saved_and_scored_at_once(db, world, clock):
    competition = world["competition"]
    candidate = world["applications"][0].user
    attempt = practice.start(db, candidate, competition, now=clock.now)
    assert attempt.duration_seconds == 2 * practice.MINUTES_PER_QUESTION * 60
    first, second = [pl.item for pl in practice.lines(db, attempt)]
    assert practice.save(db, candidate, attempt, first.id, response=["A"], is_flagged=False,
                         client_seq=10, now=clock.now)[0]
    # a slower, older save from another tab does not overwrite the newer answer
    assert not practice.save(db, candidate, attempt, first.id, response=["C"],
                             is_flagged=False, client_seq=5, now=clock.now)[0]
    practice.save(db, candidate, attempt, second.id, response=["A"], is_flagged=True,
                  client_seq=11, now=clock.now)
    with pytest.raises(PermissionDenied):
        practice.save(db, world["applications"][1].user, attempt, first.id, response=["B"],
                      is_flagged=False, client_seq=12, now=clock.now)
    assert practice.submit(db, candidate, attempt, now=clock.now + timedelta(minutes=1)) == 1
    assert attempt.max_score == 2
    with pytest.raises(Conflict):
        practice.save(db, candidate, attempt, first.id, response=["B"], is_flagged=False,
                      client_seq=20, now=clock.now + timedelta(minutes=2))
    # counted nowhere: no attempt, no objective score of the real test
    assert db.scalar(select(func.count(Attempt.id))) == 0
    assert db.scalar(select(func.count(ObjectiveScore.id))) == 0


def test_a_save_after_the_practice_time_is_refused(db, world, clock):
    candidate = world["applications"][0].user
    attempt = practice.start(db, candidate, world["competition"], now=clock.now)
    item = practice.lines(db, attempt)[0].item
    late = practice.deadline(attempt) + practice.GRACE + timedelta(seconds=1)
    with pytest.raises(Conflict, match="time is up"):
        practice.save(db, candidate, attempt, item.id, response=["A"], is_flagged=False,
                      client_seq=1, now=late)


def test_only_accepted_candidates_practise_and_only_before_the_sitting(db, world, clock):
    with pytest.raises(PermissionDenied):
        practice.start(db, world["proctor"], world["competition"], now=clock.now)
    with pytest.raises(InvalidInput, match="Line 1"):
        practice.add_items(db, world["chair"], world["competition"], "Câu hỏi | A | 3",
                           now=clock.now)
    with pytest.raises(PermissionDenied):
        practice.add_items(db, world["applications"][0].user, world["competition"], QUESTIONS,
                           now=clock.now)


def test_the_practice_paper_closes_when_the_sitting_opens(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now, candidates=1), now=clock.now)
    with pytest.raises(Conflict):
        practice.add_items(db, world["chair"], world["competition"], QUESTIONS, now=clock.now)
    with pytest.raises(Conflict, match="closes when the sitting opens"):
        practice.start(db, world["applications"][0].user, world["competition"], now=clock.now)
