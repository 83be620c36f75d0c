"""An upheld key objection recomputes every candidate's objective score, once, on record."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest

from exam.appeals import service
from exam.appeals.models import ScoreAdjustment
from exam.appeals.rescoring import adjusted_objective_scores, rescore_item
from exam.errors import Conflict
from exam.sitting import attempts
from exam.sitting.service import objective_part_scores
from tests.sitting.helpers import open_sitting, sitting_competition


@pytest.fixture
def sat(db, clock):
    """Three candidates sat: the first answers every choice item right, the second wrong,
    the third leaves them blank."""
    world = open_sitting(db, sitting_competition(db, now=clock.now, candidates=3), now=clock.now)
    papers = {}
    for n, application in enumerate(world["applications"]):
        attempt = attempts.start_attempt(db, application.user, world["competition"],
                                         now=clock.now)
        lines = attempts.paper_lines(db, attempt)
        for seq, pl in enumerate(lines, 1):
            if pl.item.type != "single_choice" or n == 2:
                continue
            right = list(pl.item.correct_indices)
            wrong = [next(i for i in range(len(pl.item.options)) if i not in right)]
            attempts.save_answer(db, application.user, attempt, pl.line.id,
                                 response=pl.tokens_for(right if n == 0 else wrong), is_flagged=False,
                                 client_seq=seq, now=clock.now)
        attempts.submit_attempt(db, application.user, attempt, now=clock.now + timedelta(minutes=30))
        papers[application.id] = lines
    keys = Counter(pl.line.item_key for lines in papers.values() for pl in lines
                   if pl.item.type == "single_choice")
    item_key = next(k for k, count in keys.most_common() if count == 3)
    return world, papers, item_key


def _line(papers, application_id, item_key):
    return next(pl for pl in papers[application_id] if pl.line.item_key == item_key)


def test_awarding_the_item_gives_its_points_to_those_who_missed_it(db, clock, sat):
    world, papers, item_key = sat
    before = objective_part_scores(db, world["competition"])
    rescore_item(db, world["chair"], world["competition"], item_key, action="award",
                 corrected_key=None, now=clock.now)
    after = adjusted_objective_scores(db, world["competition"])
    first, second, third = (a.id for a in world["applications"])
    points = Decimal(_line(papers, second, item_key).line.points)
    assert after[first]["A"] == before[first]["A"]
    assert after[second]["A"] == before[second]["A"] + points
    assert after[third]["A"] == before[third]["A"] + points
    assert objective_part_scores(db, world["competition"]) == before  # the sitting's own record


def test_correcting_the_key_rescores_every_answer(db, clock, sat):
    world, papers, item_key = sat
    first, second, third = (a.id for a in world["applications"])
    chosen_by_second = _line(papers, second, item_key)
    wrong_answer = next(i for i in range(len(chosen_by_second.item.options))
                        if i not in chosen_by_second.item.correct_indices)
    before = objective_part_scores(db, world["competition"])
    rescore_item(db, world["chair"], world["competition"], item_key, action="correct",
                 corrected_key=[wrong_answer], now=clock.now)
    after = adjusted_objective_scores(db, world["competition"])
    points = Decimal(chosen_by_second.line.points)
    assert after[first]["A"] == before[first]["A"] - points
    assert after[second]["A"] == before[second]["A"] + points
    assert after[third]["A"] == before[third]["A"]
    with pytest.raises(Conflict, match="already"):
        rescore_item(db, world["chair"], world["competition"], item_key, action="award",
                     corrected_key=None, now=clock.now)


def test_neutralising_spreads_the_item_over_the_rest_of_the_part(db, clock, sat):
    world, papers, item_key = sat
    first = world["applications"][0].id
    lines = papers[first]
    part_max = sum(Decimal(pl.line.points) for pl in lines if pl.line.part_key == "A")
    points = Decimal(_line(papers, first, item_key).line.points)
    before = objective_part_scores(db, world["competition"])
    rescore_item(db, world["chair"], world["competition"], item_key, action="neutralise",
                 corrected_key=None, now=clock.now)
    after = adjusted_objective_scores(db, world["competition"])
    expected = ((before[first]["A"] - points) * part_max / (part_max - points)).quantize(
        Decimal("0.01"))
    assert after[first]["A"] == expected
    assert db.query(ScoreAdjustment).count() == 3


def test_an_upheld_objection_recomputes_scores_and_is_published(db, clock, sat):
    world, papers, item_key = sat
    second = world["applications"][1]
    objection = service.file_objection(
        db, second.user, second, item_key=item_key, reason="Câu hỏi có hai phương án đúng.",
        now=world["competition"].sitting_closes_at + timedelta(hours=1))
    before = objective_part_scores(db, world["competition"])
    service.decide_objection(db, world["chair"], objection, uphold=True, action="award",
                             reason="Đề có hai phương án đúng; cho điểm mọi thí sinh.",
                             now=clock.now)
    after = adjusted_objective_scores(db, world["competition"])
    assert after[second.id]["A"] > before[second.id]["A"]
    (published,) = service.decided_objections(db, world["competition"])
    assert published.action == "award"


def test_a_matching_key_is_corrected_by_match_number_and_answers_follow_the_text():
    from exam.appeals.rescoring import _in_corrected_terms, corrected_item
    from exam.errors import InvalidInput
    from question_bank.items import Item, Pair
    from question_bank.scoring import score_response

    item = Item("gh", "matching", "Ghép:", 2, "T", "medium",
                pairs=(Pair("Quốc hội", "lập pháp"), Pair("Chính phủ", "hành pháp"),
                       Pair("", "tư pháp")))
    # The board upholds an objection: Quốc hội's match is the third match, "tư pháp".
    fixed = corrected_item(item, ["2", "1"])
    assert fixed.pairs == (Pair("Quốc hội", "tư pháp"), Pair("Chính phủ", "hành pháp"),
                           Pair("", "lập pháp"))
    assert fixed.match_choices != item.match_choices  # the matches are listed in another order
    answer = [2, 1]  # what a candidate chose, in the item's own numbering
    assert score_response(item, answer) == 1
    assert score_response(fixed, _in_corrected_terms(item, fixed, answer)) == 2
    assert score_response(fixed, _in_corrected_terms(item, fixed, [0, None])) == 0
    with pytest.raises(InvalidInput, match="one match number per item"):
        corrected_item(item, ["2"])
