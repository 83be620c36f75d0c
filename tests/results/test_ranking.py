"""The merit rule on hand-made inputs: ties, tie-breaks, failing a part, too few passing."""

from __future__ import annotations

from decimal import Decimal as D

from exam.results.ranking import (
    PartRule,
    RankInput,
    ResultRules,
    Standing,
    rank,
    unresolved_ties,
)
from exam.vietnamese import name_key

WRITTEN = PartRule("written", "Thi viết", D(100))
SPECIALISED = PartRule("specialised", "Chuyên môn", D(100))


def rules(vacancies=1, **kw) -> ResultRules:
    return ResultRules(parts=(WRITTEN, SPECIALISED), vacancies=vacancies,
                       tie_break_parts=("specialised", "written"), **kw)


def cand(number, written, specialised, *, priority=0, board=None) -> RankInput:
    return RankInput(int(number), number, f"Ứng viên {number}",
                     {"written": None if written is None else D(str(written)),
                      "specialised": None if specialised is None else D(str(specialised))},
                     priority_points=D(str(priority)), board_position=board)


def by_number(ranked):
    return {r.candidate_number: r for r in ranked}


def test_highest_total_first_and_recommended_up_to_vacancies():
    ranked = rank([cand("0001", 60, 60), cand("0002", 80, 90), cand("0003", 70, 75)], rules(2))
    assert [r.candidate_number for r in ranked] == ["0002", "0003", "0001"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert [r.standing for r in ranked] == [Standing.RECOMMENDED, Standing.RECOMMENDED,
                                            Standing.RESERVE]
    assert ranked[0].total == D("170.00")


def test_top_total_failing_a_part_is_not_recommended():
    ranked = by_number(rank([cand("0001", 100, 49.99), cand("0002", 60, 60)], rules(1)))
    assert ranked["0001"].total > ranked["0002"].total
    assert ranked["0001"].passed_parts == {"written": True, "specialised": False}
    assert ranked["0001"].standing == Standing.FAILED
    assert ranked["0001"].rank is None
    assert ranked["0002"].standing == Standing.RECOMMENDED
    assert ranked["0002"].rank == 1


def test_pass_mark_is_inclusive_and_a_missing_part_fails():
    ranked = by_number(rank([cand("0001", 50, 50), cand("0002", 90, None)], rules(2)))
    assert ranked["0001"].passed
    assert ranked["0002"].standing == Standing.FAILED


def test_fewer_passing_candidates_than_vacancies():
    ranked = rank([cand("0001", 70, 70), cand("0002", 30, 90), cand("0003", 20, 20)], rules(3))
    standings = [r.standing for r in ranked]
    assert standings.count(Standing.RECOMMENDED) == 1
    assert standings.count(Standing.FAILED) == 2
    assert not any(r.standing == Standing.RESERVE for r in ranked)


def test_equal_totals_split_by_the_specialised_part_then_the_written_part():
    ranked = rank([cand("0001", 80, 70), cand("0002", 70, 80), cand("0003", 75, 75)], rules(1))
    assert [r.candidate_number for r in ranked] == ["0002", "0003", "0001"]
    assert [r.split_by for r in ranked] == ["", "part:specialised", "part:specialised"]
    assert ranked[0].standing == Standing.RECOMMENDED
    assert not ranked[0].is_tied


def test_written_part_breaks_what_the_specialised_part_cannot():
    custom = ResultRules(parts=(WRITTEN, SPECIALISED, PartRule("interview", "PV", D(100))),
                         vacancies=1, tie_break_parts=("specialised", "written"))
    a = RankInput(1, "0001", "A", {"written": D(60), "specialised": D(70), "interview": D(80)})
    b = RankInput(2, "0002", "B", {"written": D(70), "specialised": D(70), "interview": D(70)})
    ranked = rank([a, b], custom)
    assert [r.candidate_number for r in ranked] == ["0002", "0001"]
    assert ranked[1].split_by == "part:written"


def test_a_tie_nothing_splits_is_shown_as_a_tie_and_blocks_the_last_vacancy():
    ranked = rank([cand("0001", 70, 70), cand("0002", 70, 70), cand("0003", 90, 90),
                   cand("0004", 60, 60)], rules(2))
    rows = by_number(ranked)
    assert rows["0003"].standing == Standing.RECOMMENDED
    assert rows["0003"].rank == 1
    assert rows["0001"].rank == rows["0002"].rank == 2
    assert rows["0001"].is_tied
    assert rows["0002"].is_tied
    assert rows["0001"].standing == rows["0002"].standing == Standing.TIE_UNRESOLVED
    assert rows["0004"].rank == 4
    assert rows["0004"].standing == Standing.RESERVE
    assert [{r.candidate_number for r in g} for g in unresolved_ties(ranked)] == [{"0001", "0002"}]


def test_the_board_decision_splits_the_tie():
    ranked = rank([cand("0001", 70, 70, board=2), cand("0002", 70, 70, board=1),
                   cand("0003", 90, 90)], rules(2))
    assert [r.candidate_number for r in ranked] == ["0003", "0002", "0001"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert ranked[2].split_by == "board"
    assert not ranked[1].is_tied
    assert [r.standing for r in ranked] == [Standing.RECOMMENDED, Standing.RECOMMENDED,
                                            Standing.RESERVE]
    assert unresolved_ties(ranked) == []


def test_a_tie_inside_the_vacancies_needs_no_decision():
    ranked = rank([cand("0001", 70, 70), cand("0002", 70, 70), cand("0003", 60, 60)], rules(2))
    assert [r.standing for r in ranked] == [Standing.RECOMMENDED, Standing.RECOMMENDED,
                                            Standing.RESERVE]
    assert ranked[0].is_tied
    assert ranked[0].rank == ranked[1].rank == 1


def test_priority_points_and_weights_count_in_the_total():
    weighted = ResultRules(parts=(PartRule("written", "W", D(100), weight=D("0.4")),
                                  PartRule("specialised", "S", D(100), weight=D("0.6"))),
                           vacancies=1, tie_break_parts=("specialised", "written"))
    ranked = rank([cand("0001", 80, 70), cand("0002", 70, 70, priority="5")], weighted)
    rows = by_number(ranked)
    assert rows["0001"].total == D("74.00")
    assert rows["0002"].total == D("75.00")
    assert ranked[0].candidate_number == "0002"


def test_scores_are_rounded_before_comparing():
    ranked = rank([cand("0001", "70.004", 70), cand("0002", 70, "70.001")], rules(2))
    assert ranked[0].total == ranked[1].total == D("140.00")
    assert ranked[0].is_tied


def test_reserve_size_limits_the_reserve_list():
    rows = [cand(f"{i:04d}", 50 + i, 50 + i) for i in range(1, 6)]
    ranked = rank(rows, rules(1, reserve_size=2))
    assert [r.standing for r in ranked] == [Standing.RECOMMENDED, Standing.RESERVE,
                                            Standing.RESERVE, Standing.PASSED, Standing.PASSED]


def test_names_sort_in_vietnamese_order_given_name_first():
    names = ["Trần Văn Ước", "Nguyễn Thị Ánh", "Lê Văn Bình", "Phạm Thị Anh", "Đỗ Văn Đức",
             "Hoàng Văn Dũng", "Vũ Thị Ân"]
    assert sorted(names, key=name_key) == [
        "Phạm Thị Anh", "Nguyễn Thị Ánh", "Vũ Thị Ân", "Lê Văn Bình", "Hoàng Văn Dũng",
        "Đỗ Văn Đức", "Trần Văn Ước"]


def test_candidates_sharing_a_place_are_listed_by_name():
    rows = [RankInput(1, "0001", "Trần Văn Yên", {"written": D(70), "specialised": D(70)}),
            RankInput(2, "0002", "Lê Thị An", {"written": D(70), "specialised": D(70)})]
    assert [r.name for r in rank(rows, rules(2))] == ["Lê Thị An", "Trần Văn Yên"]
