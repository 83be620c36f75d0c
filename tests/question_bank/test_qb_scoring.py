"""Automatic scoring rules of objective items."""

from decimal import Decimal

import pytest

from question_bank.items import Criterion, Item, Option, true_false_options
from question_bank.scoring import normalise_answer, parse_number, score_response

D = Decimal


def choice(kind, *fractions, points=2):
    options = tuple(Option(f"O{i}", f) for i, f in enumerate(fractions))
    return Item("c", kind, "?", points, "T", "easy", options=options)


def test_single_choice_is_all_or_nothing():
    item = choice("single_choice", 0, 1, 0)
    assert score_response(item, [1]) == D("2.00")
    assert score_response(item, [0]) == 0
    assert score_response(item, [0, 1]) == 0
    assert score_response(item, []) == 0
    assert score_response(item, None) == 0


def test_true_false_uses_original_indices():
    item = Item("t", "true_false", "?", 1, "T", "easy", options=true_false_options(False))
    assert score_response(item, [1]) == 1
    assert score_response(item, [0]) == 0


def test_multiple_response_sums_fractions_and_floors_at_zero():
    item = choice("multiple_response", "0.5", "0.5", "-0.5", "-1", points=4)
    assert score_response(item, [0, 1]) == D("4.00")
    assert score_response(item, [0]) == D("2.00")
    assert score_response(item, [0, 1, 2]) == D("2.00")
    assert score_response(item, [0, 3]) == D("0.00")
    assert score_response(item, [2, 3]) == D("0.00")
    assert score_response(item, [1, 1]) == D("2.00")


def test_multiple_response_thirds_reach_full_marks():
    item = choice("multiple_response", "0.33333", "0.33333", "0.33333", "0", points=1)
    assert score_response(item, [0, 1, 2]) == D("1.00")
    assert score_response(item, [0]) == D("0.33")


def test_choice_response_must_be_indices_in_range():
    item = choice("single_choice", 1, 0)
    with pytest.raises(ValueError, match="out of range"):
        score_response(item, [2])
    with pytest.raises(TypeError):
        score_response(item, "0")
    with pytest.raises(TypeError):
        score_response(item, [True])


def short(*answers, **flags):
    return Item("s", "short_answer", "?", 1, "T", "easy", accepted_answers=answers, **flags)


def test_short_answer_trims_collapses_and_folds_case():
    item = short("Quốc hội")
    assert score_response(item, "  quốc   HỘI ") == 1
    assert score_response(item, "Quoc hoi") == 0
    assert score_response(item, "Chính phủ") == 0
    assert score_response(item, "   ") == 0


def test_short_answer_case_sensitive():
    item = short("SWOT", case_sensitive=True)
    assert score_response(item, "SWOT") == 1
    assert score_response(item, "swot") == 0


def test_short_answer_diacritics_ignored_only_when_allowed():
    lenient = short("Đường lối", diacritics_sensitive=False)
    assert score_response(lenient, "duong loi") == 1
    assert score_response(lenient, "Đuờng lối") == 1
    strict = short("Đường lối")
    assert score_response(strict, "duong loi") == 0
    assert normalise_answer("Đà Nẵng", case_sensitive=True, diacritics_sensitive=False) == "Da Nang"


def numeric(answer, tolerance):
    return Item("n", "numeric", "?", 1, "T", "easy", numeric_answer=answer, tolerance=tolerance)


def test_numeric_tolerance_and_decimal_comma():
    item = numeric("3.5", "0.1")
    assert score_response(item, "3,5") == 1
    assert score_response(item, "3.6") == 1
    assert score_response(item, "3,61") == 0
    assert score_response(item, "3.4") == 1
    assert score_response(item, "ba phẩy năm") == 0
    assert score_response(numeric(2017, 0), "2017") == 1
    assert score_response(numeric(2017, 0), "2016") == 0


@pytest.mark.parametrize(("text", "value"), [("3,5", D("3.5")), (" -2.25 ", D("-2.25")),
                                             ("1 000", D("1000")), ("abc", None), ("1,2,3", None),
                                             ("1e5", None), ("", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_essay_is_left_to_examiners():
    essay = Item("e", "essay", "?", 5, "T", "hard", rubric=(Criterion("a", 5),))
    assert score_response(essay, "bài làm") is None
