"""Aiken, the simplest format Moodle reads and writes: single-choice questions only.

::

    Cơ quan nào ban hành Luật Cán bộ, công chức?
    A. Quốc hội
    B) Chính phủ
    ANSWER: A

A question is its text (one or more lines), then options ``A.`` or ``A)`` in order,
then ``ANSWER: letter``; questions are separated by blank lines. Aiken carries no
name, topic or difficulty: the item is named from its first words and left to
classify before approval.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from question_bank.formats._common import (
    ERROR,
    IMPORTED,
    Entry,
    ImportFormatError,
    ImportReport,
    decode_text,
    finish,
    key_from_text,
)
from question_bank.items import Difficulty, Item, ItemType, Option

__all__ = ["ImportFormatError", "dump", "parse", "read"]

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*([A-Z])\s*$", re.IGNORECASE)


def _item(lines: list[str]) -> Item:
    stem: list[str] = []
    options: list[str] = []
    answer = None
    for line in lines:
        m_answer = _ANSWER.match(line)
        m_option = _OPTION.match(line)
        if m_answer:
            if answer is not None:
                raise ValueError("ANSWER is given twice")
            answer = m_answer.group(1).upper()
        elif answer is not None:
            raise ValueError("text after the ANSWER line")
        elif m_option and (options or stem):
            expected = string.ascii_uppercase[len(options)]
            if m_option.group(1) != expected:
                raise ValueError(f"option {m_option.group(1)} comes where {expected} was expected")
            options.append(m_option.group(2))
        elif options:
            raise ValueError(f"the line {line[:40]!r} is neither an option nor the ANSWER")
        else:
            stem.append(line)
    if answer is None:
        raise ValueError("the question has no ANSWER: line")
    index = string.ascii_uppercase.index(answer)
    if index >= len(options):
        raise ValueError(f"ANSWER: {answer} names no option")
    text = "\n".join(stem)
    return Item(key=key_from_text(text), type=ItemType.SINGLE_CHOICE, stem=text, points=1,
                topic="", difficulty=Difficulty.UNCLASSIFIED,
                options=tuple(Option(o, 1 if i == index else 0) for i, o in enumerate(options)))


def read(data: bytes | str) -> ImportReport:
    """What importing an Aiken file would do, question by question."""
    report = ImportReport()
    text = decode_text(data, report)
    block: list[str] = []
    start = 0
    numbered = list(enumerate(text.split("\n"), start=1)) + [(0, "")]
    for number, raw in numbered:
        line = raw.strip()
        if line:
            start = start or number
            block.append(line)
            continue
        if not block:
            continue
        where = f"line {start}"
        try:
            item = _item(block)
        except (ValueError, TypeError) as exc:
            report.entries.append(Entry(where, ERROR, notes=[str(exc)], line=start))
        else:
            report.entries.append(Entry(f"{where} ({item.key})", IMPORTED, item, line=start))
        block, start = [], 0
    return finish(report, rename_duplicates=True)


def parse(data: bytes | str) -> list[Item]:
    """Every question of an Aiken file, or ``ImportFormatError`` naming each bad line."""
    return read(data).strict()


def dump(items: Iterable[Item]) -> str:
    """Aiken text of single-choice items (Aiken has no other type, key, topic or difficulty)."""
    out = []
    for item in items:
        if item.type is not ItemType.SINGLE_CHOICE:
            raise ValueError(f"{item.key}: Aiken holds single-choice questions only, not {item.type}")
        if len(item.options) > len(string.ascii_uppercase):
            raise ValueError(f"{item.key}: Aiken holds at most 26 options")
        if any("\n" in o.text for o in item.options) or any(
                _ANSWER.match(line) or _OPTION.match(line) for line in item.stem.split("\n")[1:]):
            raise ValueError(f"{item.key}: the text cannot be written in Aiken")
        out.append(item.stem)
        out += [f"{string.ascii_uppercase[i]}. {o.text}" for i, o in enumerate(item.options)]
        out.append(f"ANSWER: {string.ascii_uppercase[item.correct_indices[0]]}")
        out.append("")
    return "\n".join(out)
