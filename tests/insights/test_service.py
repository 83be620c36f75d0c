"""Item statistics checked against a worked example, then against a real sitting."""

from datetime import timedelta
from decimal import Decimal

import pytest

from exam.documents import keystore
from exam.documents.signing import sign_detached
from exam.errors import PermissionDenied
from exam.insights import service
from exam.insights.service import Response
from exam.sitting import attempts
from exam.sitting.service import parts_of
from tests.factories import make_user
from tests.sitting.helpers import open_sitting, sitting_competition

# Worked example: five candidates, four right-or-wrong items, everyone given the same paper.
#
#          i1 i2 i3 i4 | total
#   An      1  1  1  1 |   4
#   Bình    1  1  1  0 |   3
#   Chi     1  1  0  0 |   2
#   Dung    1  0  0  0 |   1
#   Giang   0  0  0  0 |   0
#
# Facility = mean of the column: i1 4/5 = 0.8, i2 0.6, i3 0.4, i4 0.2.
# KR-20 = k/(k-1) (1 - sum pq / var(total)) with var over n: sum pq = .16+.24+.24+.16 = 0.8,
#   totals 4 3 2 1 0 have mean 2 and variance 10/5 = 2, so KR-20 = 4/3 * (1 - 0.8/2) = 0.8.
# Cronbach's alpha with n-1 variances: item variances sum to 0.8 * 5/4 = 1.0, total variance
#   10/4 = 2.5, so alpha = 4/3 * (1 - 1/2.5) = 0.8 (equal to KR-20 for 0/1 items).
# Discrimination of i1 = correlation of (1 1 1 1 0) with the rest score (3 2 1 0 0):
#   deviations .2 .2 .2 .2 -.8 and 1.8 .8 -.2 -1.2 -1.2; Sxy = 1.2, Sxx = 0.8, Syy = 6.8,
#   r = 1.2 / sqrt(0.8 * 6.8) = 0.5145.
MATRIX = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]


def worked_example(points_per_item=1):
    return [Response(candidate=c, item_key=f"i{s + 1}", part_key="A", slot=s,
                     points=MATRIX[c][s] * points_per_item, max_points=points_per_item)
            for c in range(5) for s in range(4)]


def test_item_statistics_match_the_worked_example():
    report = service.analyse_items(worked_example())
    assert [round(i.facility, 4) for i in report.items] == [0.8, 0.6, 0.4, 0.2]
    assert report.items[0].discrimination == pytest.approx(1.2 / (0.8 * 6.8) ** 0.5)
    assert round(report.items[0].discrimination, 4) == 0.5145
    assert report.kr20 == pytest.approx(0.8)
    assert report.alpha == pytest.approx(0.8)
    assert (report.candidates, report.slots) == (5, 4)


def test_points_are_read_as_a_share_of_each_items_maximum():
    report = service.analyse_items(worked_example(points_per_item=2.5))
    assert [round(i.facility, 4) for i in report.items] == [0.8, 0.6, 0.4, 0.2]
    assert report.alpha == pytest.approx(0.8)


def test_an_item_drawn_for_some_candidates_is_judged_on_those_only():
    responses = worked_example()
    # Giang's and Dung's fourth line was another item of the same cell, which both got right.
    responses = [r if not (r.candidate in (3, 4) and r.slot == 3)
                 else Response(r.candidate, "i5", "A", 3, 1, 1) for r in responses]
    report = service.analyse_items(responses)
    by_key = {i.item_key: i for i in report.items}
    assert by_key["i4"].given_to == 3
    assert by_key["i4"].facility == pytest.approx(1 / 3)
    assert by_key["i5"].facility == 1.0
    assert by_key["i5"].advice == "too_easy"


def test_advice_flags_items_to_revise():
    report = service.analyse_items(worked_example())
    assert [i.advice for i in report.items] == ["", "", "", "too_hard"]


def test_histogram_puts_full_marks_in_the_last_tenth():
    assert service.histogram([0, 9.99, 10, 55, 100], 100) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]


def correct_response(pl):
    item = pl.item
    if item.type.is_choice:
        return pl.tokens_for(item.correct_indices)
    if item.type == "numeric":
        return str(item.numeric_answer)
    return item.accepted_answers[0]


def test_a_sitting_where_strong_candidates_answer_everything_is_perfectly_reliable(
        db, clock, tmp_path):
    world = open_sitting(db, sitting_competition(db, now=clock.now, candidates=4), now=clock.now)
    keystore.create_dev_keys(tmp_path, "Hội đồng thi tuyển")
    key = keystore.organization_key(tmp_path)
    strong_items, given = {}, {}
    for n, application in enumerate(world["applications"]):
        user = application.user
        attempt = attempts.start_attempt(db, user, world["competition"], now=clock.now)
        for seq, pl in enumerate(attempts.paper_lines(db, attempt), 1):
            if pl.item.type == "essay":
                continue
            given[pl.line.item_key] = given.get(pl.line.item_key, 0) + 1
            if n < 2:
                strong_items[pl.line.item_key] = strong_items.get(pl.line.item_key, 0) + 1
                attempts.save_answer(db, user, attempt, pl.line.id, response=correct_response(pl),
                                     is_flagged=False, client_seq=seq, now=clock.now)
        attempts.submit_attempt(db, user, attempt, now=clock.now + timedelta(minutes=30),
                                sign=lambda data: sign_detached(data, key))

    report = service.item_report(db, world["chair"], world["competition"])
    assert report.candidates == 4
    assert report.alpha == pytest.approx(1.0)
    for item in report.items:
        assert item.given_to == given[item.item_key]
        assert item.facility == pytest.approx(strong_items.get(item.item_key, 0) / item.given_to)
    (objective,) = [d for d in service.part_distributions(db, world["chair"], world["competition"])
                    if d.part_key == "A"]
    offered = sum(Decimal(line.points) for line in attempt.paper.items if line.part_key == "A")
    assert objective.title == parts_of(db, world["competition"])[0].title
    assert objective.max_points == float(offered)
    assert objective.counts[0] == 2, "the two who answered nothing sit in the lowest tenth"
    assert objective.counts[-1] == 2, "the two who answered everything sit in the highest"
    with pytest.raises(PermissionDenied):
        service.item_report(db, make_user(db, full_name="Vũ Minh Khôi"), world["competition"])
