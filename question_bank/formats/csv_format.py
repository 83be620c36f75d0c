"""CSV for authors who work in a spreadsheet: one row per item, one header row.

Columns (UTF-8, a leading BOM from Excel is accepted; order is free; ``key``,
``type``, ``topic``, ``difficulty`` and ``stem`` are required, the others optional):

======================  ==========================================================
``key``                 unique item key (no spaces)
``type``                single_choice, multiple_response, true_false, short_answer,
                        numeric, essay, matching or description
``topic``               blueprint topic
``difficulty``          easy, medium or hard
``points``              default 1 (0 for a description, which is not scored)
``stem``                the question text (may span lines inside quotes)
``options``             one option per line, ``fraction|text``: ``1|Quốc hội``;
                        true/false items use ``1|Đúng`` and ``0|Sai`` (in that order)
``accepted_answers``    short answer: one accepted answer per line
``numeric_answer``      numeric: the answer; ``tolerance``: the allowed deviation
``case_sensitive``      true/false, default false
``diacritics_sensitive`` true/false, default true
``rubric``              essay: JSON ``[{"name", "max_points", "descriptors"}, …]``
``source``              legal source or reference
``general_feedback``    shown after the sitting
``stem_format``         plain (default) or html (sanitised)
``partial_answers``     short answer or numeric: one per line, ``fraction|answer`` or
                        ``fraction|number|tolerance`` (``0.5|Cat``)
``pairs``               matching: JSON ``[["prompt", "answer"], …]``; an empty
                        prompt makes a distractor answer
======================  ==========================================================

The last three columns are written only when an exported item needs them. An empty
``difficulty`` or ``topic`` leaves the item to classify before approval.

Unknown columns are an error, so that a misspelt header is not silently dropped. A cell that
a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...) is exported with a leading
apostrophe, which the import removes again (``question_bank.safe_csv``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from question_bank import safe_csv
from question_bank.formats._common import (
    ERROR,
    IMPORTED,
    Entry,
    ImportFormatError,
    ImportReport,
    decode_text,
    finish,
    parse_bool,
)
from question_bank.html import sanitize
from question_bank.items import (
    Criterion,
    Difficulty,
    Item,
    ItemType,
    Option,
    Pair,
    PartialAnswer,
    TextFormat,
    decimal_str,
)

__all__ = ["COLUMNS", "ImportFormatError", "dump", "parse", "read"]

COLUMNS = (
    "key", "type", "topic", "difficulty", "points", "stem", "options", "accepted_answers",
    "numeric_answer", "tolerance", "case_sensitive", "diacritics_sensitive", "rubric",
    "source", "general_feedback",
)
OPTIONAL_COLUMNS = ("stem_format", "partial_answers", "pairs")
REQUIRED = ("key", "type", "topic", "difficulty", "stem")


def _options(cell: str) -> tuple[Option, ...]:
    options = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        fraction, sep, text = line.partition("|")
        if not sep:
            raise ValueError(f"option {line.strip()[:40]!r} is not written as fraction|text")
        options.append(Option(text, fraction))
    return tuple(options)


def _partial(cell: str) -> tuple[PartialAnswer, ...]:
    answers = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        parts = line.split("|")
        if len(parts) not in (2, 3):
            raise ValueError(f"partial answer {line.strip()[:40]!r} is not written as fraction|answer")
        answers.append(PartialAnswer(parts[1], parts[0], parts[2] if len(parts) == 3 else 0))
    return tuple(answers)


def _rubric(cell: str) -> tuple[Criterion, ...]:
    if not cell.strip():
        return ()
    try:
        return tuple(Criterion(c["name"], c["max_points"], c.get("descriptors", ""))
                     for c in json.loads(cell))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValueError('rubric must be JSON [{"name": …, "max_points": …, "descriptors": …}]') from None


def _pairs(cell: str) -> tuple[Pair, ...]:
    if not cell.strip():
        return ()
    try:
        return tuple(Pair(prompt, answer) for prompt, answer in json.loads(cell))
    except (ValueError, TypeError):
        raise ValueError('pairs must be JSON [["prompt", "answer"], …]') from None


def _row_item(row: dict[str, str]) -> Item:
    get = row.get
    numeric = (get("numeric_answer") or "").strip()
    stem_format = (get("stem_format") or "").strip() or TextFormat.PLAIN
    stem = sanitize(row["stem"]) if stem_format == TextFormat.HTML else row["stem"]
    return Item(
        key=row["key"], type=row["type"].strip(), stem=stem, stem_format=stem_format,
        topic=row["topic"], partial_answers=_partial(get("partial_answers") or ""),
        difficulty=row["difficulty"].strip(), pairs=_pairs(get("pairs") or ""),
        points=(get("points") or "").strip()
        or ("0" if row["type"].strip() == ItemType.DESCRIPTION else "1"),
        options=_options(get("options") or ""),
        accepted_answers=tuple(a for a in (get("accepted_answers") or "").splitlines() if a.strip()),
        numeric_answer=numeric or None, tolerance=(get("tolerance") or "").strip() or "0",
        case_sensitive=parse_bool(get("case_sensitive") or "", False),
        diacritics_sensitive=parse_bool(get("diacritics_sensitive") or "", True),
        rubric=_rubric(get("rubric") or ""), source=get("source") or "",
        general_feedback=get("general_feedback") or "",
    )


def parse(data: bytes | str) -> list[Item]:
    """Every row of a CSV bank, or ``ImportFormatError`` naming each bad line."""
    return read(data).strict()


def read(data: bytes | str) -> ImportReport:
    """What importing a CSV bank would do, row by row."""
    report = ImportReport()
    text = decode_text(data, report)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[str] = []
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFormatError(["line 1: the file is empty"]) from None
    except csv.Error as exc:
        raise ImportFormatError([f"line 1: {exc}"]) from None
    problems += [f"line 1: unknown column {h!r}" for h in header
                 if h not in COLUMNS + OPTIONAL_COLUMNS]
    problems += [f"line 1: required column {c!r} is missing" for c in REQUIRED if c not in header]
    problems += [f"line 1: column {h!r} appears twice" for h in set(header) if header.count(h) > 1]
    if problems:
        raise ImportFormatError(problems)
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.file_problems.append(f"line {start}: {exc}")
            break
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            report.entries.append(Entry(f"line {line}", ERROR, line=line, notes=[
                f"{len(row)} cells, but the header has {len(header)}"]))
            continue
        try:
            item = _row_item(dict(zip(header, map(safe_csv.restore, row), strict=True)))
        except (ValueError, TypeError, ArithmeticError) as exc:
            report.entries.append(Entry(f"line {line}", ERROR, notes=[str(exc)], line=line))
            continue
        report.entries.append(Entry(f"line {line} ({item.key})", IMPORTED, item, line=line))
    return finish(report, rename_duplicates=False)


def _cells(item: Item, extra: bool) -> list[str]:
    difficulty = "" if item.difficulty is Difficulty.UNCLASSIFIED else str(item.difficulty)
    optional = [str(item.stem_format), "\n".join(
        f"{decimal_str(a.fraction)}|{a.text}" + (f"|{decimal_str(a.tolerance)}" if a.tolerance else "")
        for a in item.partial_answers),
        json.dumps([[p.prompt, p.answer] for p in item.pairs], ensure_ascii=False)
        if item.pairs else ""] if extra else []
    return [
        item.key, str(item.type), item.topic, difficulty, decimal_str(item.points),
        item.stem,
        "\n".join(f"{decimal_str(o.fraction)}|{o.text}" for o in item.options),
        "\n".join(item.accepted_answers),
        "" if item.numeric_answer is None else decimal_str(item.numeric_answer),
        decimal_str(item.tolerance) if item.tolerance else "",
        "true" if item.case_sensitive else "false",
        "true" if item.diacritics_sensitive else "false",
        json.dumps([{"name": c.name, "max_points": decimal_str(c.max_points),
                     "descriptors": c.descriptors} for c in item.rubric], ensure_ascii=False)
        if item.rubric else "",
        item.source, item.general_feedback, *optional,
    ]


def dump(items: Iterable[Item]) -> str:
    """CSV with every column, which ``parse`` reads back to equal items."""
    buffer = io.StringIO()
    writer = safe_csv.writer(buffer, lineterminator="\n")
    items = list(items)
    extra = any(i.stem_format is not TextFormat.PLAIN or i.partial_answers or i.pairs
                for i in items)
    writer.writerow(COLUMNS + (OPTIONAL_COLUMNS if extra else ()))
    for item in items:
        writer.writerow(_cells(item, extra))
    return buffer.getvalue()
