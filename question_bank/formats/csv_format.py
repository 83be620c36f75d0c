"""CSV for authors who work in a spreadsheet: one row per item, one header row.

Columns (UTF-8, a leading BOM from Excel is accepted; order is free; ``key``,
``type``, ``topic``, ``difficulty`` and ``stem`` are required, the others optional):

======================  ==========================================================
``key``                 unique item key (no spaces)
``type``                single_choice, multiple_response, true_false, short_answer,
                        numeric or essay
``topic``               blueprint topic
``difficulty``          easy, medium or hard
``points``              default 1
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
======================  ==========================================================

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
from question_bank.formats._common import ImportFormatError, check, finish, parse_bool
from question_bank.items import Criterion, Item, Option, decimal_str

__all__ = ["COLUMNS", "ImportFormatError", "dump", "parse"]

COLUMNS = (
    "key", "type", "topic", "difficulty", "points", "stem", "options", "accepted_answers",
    "numeric_answer", "tolerance", "case_sensitive", "diacritics_sensitive", "rubric",
    "source", "general_feedback",
)
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


def _rubric(cell: str) -> tuple[Criterion, ...]:
    if not cell.strip():
        return ()
    try:
        return tuple(Criterion(c["name"], c["max_points"], c.get("descriptors", ""))
                     for c in json.loads(cell))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValueError('rubric must be JSON [{"name": …, "max_points": …, "descriptors": …}]') from None


def _row_item(row: dict[str, str]) -> Item:
    get = row.get
    numeric = (get("numeric_answer") or "").strip()
    return Item(
        key=row["key"], type=row["type"].strip(), stem=row["stem"], topic=row["topic"],
        difficulty=row["difficulty"].strip(), points=(get("points") or "").strip() or "1",
        options=_options(get("options") or ""),
        accepted_answers=tuple(a for a in (get("accepted_answers") or "").splitlines() if a.strip()),
        numeric_answer=numeric or None, tolerance=(get("tolerance") or "").strip() or "0",
        case_sensitive=parse_bool(get("case_sensitive") or "", False),
        diacritics_sensitive=parse_bool(get("diacritics_sensitive") or "", True),
        rubric=_rubric(get("rubric") or ""), source=get("source") or "",
        general_feedback=get("general_feedback") or "",
    )


def parse(text: str) -> list[Item]:
    """Every row of a CSV bank, or ``ImportFormatError`` naming each bad line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    problems: list[str] = []
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFormatError(["line 1: the file is empty"]) from None
    except csv.Error as exc:
        raise ImportFormatError([f"line 1: {exc}"]) from None
    problems += [f"line 1: unknown column {h!r}" for h in header if h not in COLUMNS]
    problems += [f"line 1: required column {c!r} is missing" for c in REQUIRED if c not in header]
    problems += [f"line 1: column {h!r} appears twice" for h in set(header) if header.count(h) > 1]
    if problems:
        raise ImportFormatError(problems)
    entries = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {start}: {exc}")
            break
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"line {line}: {len(row)} cells, but the header has {len(header)}")
            continue
        try:
            item = _row_item(dict(zip(header, map(safe_csv.restore, row), strict=True)))
        except (ValueError, TypeError) as exc:
            problems.append(f"line {line}: {exc}")
            continue
        entries.append(check(f"line {line} ({item.key})", item, problems))
    return finish(entries, problems)


def _cells(item: Item) -> list[str]:
    return [
        item.key, str(item.type), item.topic, str(item.difficulty), decimal_str(item.points),
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
        item.source, item.general_feedback,
    ]


def dump(items: Iterable[Item]) -> str:
    """CSV with every column, which ``parse`` reads back to equal items."""
    buffer = io.StringIO()
    writer = safe_csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(_cells(item))
    return buffer.getvalue()
