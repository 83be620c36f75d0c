"""Item analysis and rater agreement against published worked examples."""

import statistics

import pytest

from question_bank.statistics import (
    cronbach_alpha,
    facility,
    icc,
    item_statistics,
    kr20,
    krippendorff_alpha,
    point_biserial_rest,
    upper_lower_index,
)

# Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2: 6 targets x 4 judges.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]

N = None
# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, missing values.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize(("form", "published"), [("1,1", 0.17), ("2,1", 0.29), ("3,1", 0.71),
                                                  ("1,k", 0.44), ("2,k", 0.62), ("3,k", 0.91)])
def test_icc_matches_shrout_fleiss_table_4(form, published):
    """Shrout & Fleiss 1979, Table 4 reports all six ICCs for the Table 2 data to two decimals."""
    assert icc(SHROUT_FLEISS, form) == pytest.approx(published, abs=0.005)


def test_icc_perfect_agreement_and_bad_form():
    assert icc([[1, 1], [2, 2], [5, 5]]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown ICC form"):
        icc(SHROUT_FLEISS, "4,1")


def test_icc_2_1_punishes_a_lenient_rater_but_3_1_does_not():
    """Absolute agreement vs consistency: adding 3 points to one rater only lowers ICC(2,1)."""
    lenient = [[a, b + 3] for a, b in [[1, 1], [2, 3], [3, 3], [4, 5], [5, 4]]]
    assert icc(lenient, "3,1") == pytest.approx(icc([[1, 1], [2, 3], [3, 3], [4, 5], [5, 4]], "3,1"))
    assert icc(lenient, "2,1") < 0.5 < icc(lenient, "3,1")


@pytest.mark.parametrize(("metric", "published"), [("nominal", 0.743), ("interval", 0.849),
                                                    ("ratio", 0.797)])
def test_krippendorff_alpha_matches_the_2011_worked_example(metric, published):
    """Krippendorff 2011 gives alpha = .743 (nominal), .849 (interval), .797 (ratio) for this data."""
    assert krippendorff_alpha(KRIPPENDORFF, metric) == pytest.approx(published, abs=0.0005)


def test_krippendorff_alpha_degenerate_cases():
    assert krippendorff_alpha([[3, 3, 3], [3, 3, 3]]) is None
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown metric"):
        krippendorff_alpha(KRIPPENDORFF, "ordinal")


def test_cronbach_alpha_equals_icc_3k_on_shrout_fleiss():
    """Cronbach's alpha of the judges as items equals ICC(3,k) (Hoyt 1941; Shrout & Fleiss
    1979 p. 426), reported as .91 for Table 2."""
    assert cronbach_alpha(SHROUT_FLEISS) == pytest.approx(0.9093, abs=0.0001)
    assert cronbach_alpha(SHROUT_FLEISS) == pytest.approx(icc(SHROUT_FLEISS, "3,k"))


DICHOTOMOUS = [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 0],
    [1, 1, 1, 0, 0],
    [1, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 1, 1, 0, 1],
]


def test_kr20_by_hand_and_equal_to_alpha_on_dichotomous_items():
    """Worked by hand: totals 5,4,3,2,1,3 have mean 3 and population variance 10/6;
    p = 5/6,5/6,4/6,2/6,2/6 so sum pq = (5+5+8+8+8)/36 = 34/36;
    KR-20 = 5/4 * (1 - (34/36)/(10/6)) = 13/24."""
    assert kr20(DICHOTOMOUS) == pytest.approx(13 / 24)
    assert cronbach_alpha(DICHOTOMOUS) == pytest.approx(13 / 24)
    with pytest.raises(ValueError, match="dichotomous"):
        kr20([[0, 2], [1, 1]])


def test_point_biserial_uses_the_rest_score():
    rows = DICHOTOMOUS
    item = [r[4] for r in rows]
    rest = [sum(r) - r[4] for r in rows]
    assert point_biserial_rest(rows, 4) == pytest.approx(statistics.correlation(item, rest))
    assert point_biserial_rest([[1, 1], [1, 0], [1, 1]], 0) is None


def test_upper_lower_index_with_27_percent_groups():
    rows = [[1, t] for t in range(10)] + [[0, t] for t in range(10)]
    rows = [[int(r[1] >= 5), r[1]] for r in rows]
    assert upper_lower_index(rows, 0, 1) == pytest.approx(1.0)
    flat = [[1, t] for t in range(10)]
    assert upper_lower_index(flat, 0, 1) == 0
    assert upper_lower_index([[1, 2], [0, 1]], 0, 1) == 1


def test_item_statistics_flags_a_reversed_item():
    """Item 4 is answered right only by the weakest candidates: negative discrimination."""
    rows = [[1, 1, 1, 1, 0], [1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [1, 0, 1, 0, 1], [0, 1, 0, 0, 1],
            [0, 0, 0, 0, 1]]
    stats = item_statistics(rows, [1] * 5)
    assert [s.facility for s in stats] == pytest.approx([4 / 6, 4 / 6, 3 / 6, 2 / 6, 3 / 6])
    assert stats[4].discrimination < 0
    assert stats[4].upper_lower < 0
    assert stats[0].discrimination > 0
    assert min(stats, key=lambda s: s.discrimination).index == 4
    assert facility([2, 4], 4) == 0.75
