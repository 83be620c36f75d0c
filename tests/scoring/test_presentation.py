"""The presentation round: sealed scores, the spread rule, the chair's decision, confirmations."""

from decimal import Decimal

import pytest

from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.scoring import service
from exam.scoring.models import PRESENTATION, FinalBasis
from tests.factories import appoint, make_user
from tests.scoring.helpers import assignments, give, scene


@pytest.fixture
def round_(db, clock):
    s = scene(db, scripts=2)
    people = [appoint(db, s.competition, Role.EXAMINER, make_user(db, full_name=f"Thành viên {i}"))
              for i in range(3)]
    service.set_up_panel(db, s.chair, s.competition, part_key=PRESENTATION, chair=people[0],
                         examiners=people[1:], now=clock.now)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6", clock.now)
    return s, people


def reveal(db, s, clock):
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    service.reveal_identities(db, s.chair, s.competition, now=clock.now)


def score_all(db, s, people, application, scores, clock):
    for person, score in zip(people, scores, strict=True):
        service.submit_presentation_score(db, person, s.competition, application.id, score=score,
                                          now=clock.now)


def state_of(db, s, person, application):
    _panel, rows = service.presentation_sheet(db, person, s.competition)
    return {a.id: st for a, st in rows}[application.id]


def test_the_round_waits_for_the_reveal_so_no_essay_examiner_meets_a_name(db, clock, round_):
    s, people = round_
    with pytest.raises(Conflict, match="after the written scores are locked"):
        service.submit_presentation_score(db, people[0], s.competition, s.applications[0].id,
                                          score="80", now=clock.now)


def test_scores_stay_sealed_until_everyone_has_scored_and_a_small_spread_gives_the_mean(
        db, clock, round_):
    s, people = round_
    reveal(db, s, clock)
    application = s.applications[0]
    score_all(db, s, people[:2], application, ["70", "72"], clock)
    sealed = state_of(db, s, people[2], application)
    assert sealed.scores == {}
    assert sealed.outcome == "pending"
    with pytest.raises(Conflict, match="sealed"):
        service.submit_presentation_score(db, people[0], s.competition, application.id,
                                          score="90", now=clock.now)
    score_all(db, s, people[2:], application, ["75"], clock)
    done = state_of(db, s, people[2], application)
    assert done.spread == Decimal(5)
    assert done.result.score == Decimal("72.3")
    assert done.result.basis == FinalBasis.MEAN
    for person in people:
        service.confirm_presentation(db, person, s.competition, application.id, now=clock.now)
    assert len(state_of(db, s, people[0], application).confirmed) == 3
    assert service.final_part_marks(db, s.competition)[application.id]["presentation"] == \
        Decimal("72.3")
    assert not service.part_is_blind(PRESENTATION)
    summary = service.scoring_summary(db, s.competition)
    assert summary["has_presentation"]
    assert summary["presentation_pending"] == 1


def test_a_spread_over_5_and_under_10_goes_to_the_chair_with_a_reason(db, clock, round_):
    s, people = round_
    reveal(db, s, clock)
    application = s.applications[1]
    score_all(db, s, people, application, ["70", "74", "76"], clock)
    assert state_of(db, s, people[0], application).outcome == "chair"
    with pytest.raises(PermissionDenied):
        service.decide_presentation(db, people[1], s.competition, application.id, score="74",
                                    reason="Sau khi trao đổi thống nhất.", now=clock.now)
    with pytest.raises(InvalidInput, match="between the lowest and highest"):
        service.decide_presentation(db, people[0], s.competition, application.id, score="80",
                                    reason="Sau khi trao đổi thống nhất.", now=clock.now)
    with pytest.raises(InvalidInput, match="reason"):
        service.decide_presentation(db, people[0], s.competition, application.id, score="74",
                                    reason="ok", now=clock.now)
    result = service.decide_presentation(db, people[0], s.competition, application.id,
                                         score="74", reason="Sau khi trao đổi thống nhất.",
                                         now=clock.now)
    assert result.basis == FinalBasis.CHAIR
    assert result.score == Decimal(74)


def test_a_spread_of_10_or_more_makes_the_panel_score_again(db, clock, round_):
    s, people = round_
    reveal(db, s, clock)
    application = s.applications[0]
    score_all(db, s, people, application, ["60", "65", "70"], clock)
    again = state_of(db, s, people[0], application)
    assert again.round_no == 2
    assert again.outcome == "pending"
    assert again.result is None
    score_all(db, s, people, application, ["66", "67", "68"], clock)
    final = state_of(db, s, people[0], application)
    assert final.result.round_no == 2
    assert final.result.score == Decimal("67.0")
    assert s.competition.stage == Stage.IDENTITIES_REVEALED
