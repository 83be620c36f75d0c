"""Aiken files, as Moodle documents them, import as single-choice drafts to classify."""

import pytest

from question_bank.formats import ImportFormatError, dump, parse, read
from question_bank.items import Difficulty, ItemType

# The example of Moodle's Aiken format documentation, with Windows line ends and a BOM.
MOODLE_DOCS_EXAMPLE = (
    "\ufeffWhat is the correct answer to this question?\r\n"
    "A. Is it this one?\r\n"
    "B. Maybe this answer?\r\n"
    "C. Possibly this one?\r\n"
    "D. Must be this one!\r\n"
    "ANSWER: D\r\n"
    "\r\n"
    "Which LMS has the most quiz import formats?\r\n"
    "A) Moodle\r\n"
    "B) ATutor\r\n"
    "C) Claroline\r\n"
    "D) Blackboard\r\n"
    "E) WebCT\r\n"
    "F) Ilias\r\n"
    "ANSWER: A\r\n"
).encode("utf-8")


def test_moodle_docs_aiken_example_imports():
    first, second = parse("aiken", MOODLE_DOCS_EXAMPLE)
    assert first.type is ItemType.SINGLE_CHOICE
    assert first.stem == "What is the correct answer to this question?"
    assert [o.text for o in first.options][3] == "Must be this one!"
    assert first.correct_indices == (3,)
    assert second.correct_indices == (0,)
    assert len(second.options) == 6
    assert first.difficulty is Difficulty.UNCLASSIFIED
    assert first.approval_problems()


def test_vietnamese_aiken_round_trip():
    text = "Cơ quan nào ban hành Luật?\nA. Quốc hội\nB. Chính phủ\nANSWER: A\n"
    items = parse("aiken", text)
    assert parse("aiken", dump("aiken", items)) == items


def test_bad_aiken_names_the_line_and_imports_nothing():
    text = "Câu 1?\nA. Có\nB. Không\nANSWER: A\n\nCâu 2?\nA. Có\nC. Không\nANSWER: C\n"
    with pytest.raises(ImportFormatError, match="line 6: option C comes where B was expected"):
        parse("aiken", text)
    assert [e.status for e in read("aiken", text).entries] == ["imported", "error"]
