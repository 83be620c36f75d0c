"""Item construction, validation and the canonical dict."""

import unicodedata
from decimal import Decimal

import pytest

from question_bank.items import (
    Criterion,
    Item,
    ItemType,
    Option,
    item_from_dict,
    item_to_dict,
    true_false_options,
)


def single(**overrides):
    base = {"key": "k1", "type": "single_choice", "stem": "Câu hỏi?", "points": 1, "topic": "T",
                "difficulty": "easy", "options": (Option("A", 1), Option("B", 0))}
    base.update(overrides)
    return Item(**base)


def test_text_is_nfc_so_keyboards_do_not_matter():
    decomposed = unicodedata.normalize("NFD", "Luật Cán bộ, công chức")
    item = single(stem=decomposed, topic=decomposed, options=(Option(decomposed, 1), Option("B")))
    assert item.stem == "Luật Cán bộ, công chức"
    assert item.topic == item.stem
    assert item.options[0].text == item.stem
    assert item == single(stem="Luật Cán bộ, công chức", topic="Luật Cán bộ, công chức",
                          options=(Option("Luật Cán bộ, công chức", 1), Option("B")))


def test_numbers_become_exact_decimals():
    item = Item("n", "numeric", "?", 0.1, "T", "easy", numeric_answer=3.3, tolerance="0.05")
    assert item.points == Decimal("0.1")
    assert item.numeric_answer == Decimal("3.3")
    assert item.tolerance == Decimal("0.05")


def test_items_are_frozen():
    with pytest.raises(AttributeError):
        single().stem = "x"  # type: ignore[misc]


def test_sound_items_have_no_problems():
    assert single().validate() == []
    assert Item("t", "true_false", "?", 1, "T", "hard", options=true_false_options(True)).validate() == []


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        (single(options=(Option("A", 1), Option("B", 1))), "exactly one correct"),
        (single(options=(Option("A", 0), Option("B", 0))), "exactly one correct"),
        (single(options=(Option("A", 1),)), "at least 2 options"),
        (single(options=(Option("A", 1), Option("A", 0))), "same text"),
        (single(stem="  "), "stem is empty"),
        (single(topic=""), "topic is empty"),
        (single(points=0), "greater than 0"),
        (single(key="a|b"), "key"),
        (single(key="a\nb"), "key"),
        (single(accepted_answers=("x",)), "must not have accepted answers"),
        (single(type="multiple_response", options=(Option("A", "0.5"), Option("B", "0.4"))),
         "sum to 0.9"),
        (single(type="true_false", options=(Option("Yes", 1), Option("No", 0))), "true/false"),
        (Item("s", "short_answer", "?", 1, "T", "easy"), "accepted answer"),
        (Item("n", "numeric", "?", 1, "T", "easy"), "numeric answer"),
        (Item("n", "numeric", "?", 1, "T", "easy", numeric_answer=1, tolerance=-1), "negative"),
        (Item("e", "essay", "?", 10, "T", "hard"), "needs a rubric"),
        (Item("e", "essay", "?", 10, "T", "hard", rubric=(Criterion("a", 6), Criterion("b", 3))),
         "sum to 9, but the item is worth 10"),
    ],
)
def test_validate_names_the_problem(item, fragment):
    problems = item.approval_problems()
    assert any(fragment in p for p in problems), problems


def test_unknown_type_or_difficulty_is_refused():
    with pytest.raises(ValueError, match="cloze"):
        single(type="cloze")
    with pytest.raises(ValueError, match="extreme"):
        single(difficulty="extreme")


def test_dict_round_trip_is_exact_and_json_ready():
    item = Item("e", ItemType.ESSAY, "Phân tích…", "10.0", "T", "hard",
                rubric=(Criterion("Nội dung", "6.50", "đủ ý"), Criterion("Trình bày", "3.5")),
                source="Điều 4", general_feedback="gợi ý")
    data = item_to_dict(item)
    assert data["points"] == "10"
    assert data["rubric"][0]["max_points"] == "6.5"
    assert item_from_dict(data) == item


def test_dict_with_unknown_field_is_refused():
    data = item_to_dict(single())
    data["dificulty"] = "easy"
    with pytest.raises(ValueError, match="dificulty"):
        item_from_dict(data)


def test_imported_items_wait_for_classification_before_approval():
    """Stored as drafts (validate passes), approvable only once classified."""
    essay = Item("Bài luận 1", "essay", "?", 10, "", "")
    assert essay.validate() == []
    problems = essay.approval_problems()
    assert any("topic is empty" in p for p in problems)
    assert any("difficulty is not set" in p for p in problems)
    assert any("needs a rubric" in p for p in problems)


def test_examiners_read_an_html_essay_prompt_as_text():
    essay = Item("e", "essay", "<p>Nêu <b>ba</b> giải pháp.</p><p>Trình bày rõ.</p>", 10, "T", "hard",
                 stem_format="html")
    assert essay.stem_text == "Nêu ba giải pháp.\nTrình bày rõ."
    assert single().stem_text == single().stem
