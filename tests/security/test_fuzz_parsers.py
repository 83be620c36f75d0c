"""Must show 4 (parsers): any text given to an import parser yields a list of valid items or
an ImportFormatError naming the problems, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import ImportFormatError, parse
from question_bank.samples import sample_path

FORMATS = ("gift", "moodle_xml", "csv")
SETTINGS = settings(max_examples=80, deadline=None)

# Characters each syntax gives a meaning to, so random text hits the parsers' branches.
SYNTAX = {
    "gift": "{}=~#:%->\\\n/[]",
    "moodle_xml": "<>/=\"'&;![]-?\n",
    "csv": ",;\"\n\r|=",
}


def check(fmt: str, text: str) -> None:
    try:
        items = parse(fmt, text)
    except ImportFormatError as error:
        problems = error.problems
        items = []
    else:
        problems = ["-"]
    assert problems
    assert all(isinstance(p, str) and p for p in problems)
    for item in items:
        assert item.validate() == [], (item.key, item.validate())


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(data=st.data())
def test_any_text_is_parsed_or_refused_with_problems(fmt, data):
    alphabet = st.one_of(st.sampled_from(SYNTAX[fmt]), st.characters(codec="utf-8"))
    check(fmt, data.draw(st.text(alphabet=alphabet, max_size=400)))


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(data=st.data())
def test_a_damaged_sample_bank_is_parsed_or_refused_with_problems(fmt, data):
    """Real files with a few bytes changed reach the deep branches random text does not."""
    text = sample_path(fmt).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(st.text(alphabet=st.sampled_from(SYNTAX[fmt] + "aĐ1 "), max_size=6))
        text = text[:start] + insert + text[end:]
    check(fmt, text)
