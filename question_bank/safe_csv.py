"""The one CSV writer of the project: no cell a spreadsheet would run as a formula.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is opened by Excel,
LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``, ``=cmd|...``), so a candidate's
name or a question's text could act on the reader's computer. Following OWASP's guidance on CSV
injection, such a cell is written with a leading apostrophe, which spreadsheets show as text.

Plain numbers stay as they are (``-0.5`` is a number to a spreadsheet, not a formula), so
columns of scores keep sorting and summing. Cells already starting with apostrophes before a
trigger character get one more, so that ``restore`` gives back exactly what was written: our own
CSV imports read exports back unchanged.

Plain Python (no Flask), like the rest of ``question_bank``, so every export can use it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_TRIGGERS", "neutralise", "restore", "writer"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")


def neutralise(value: Any) -> Any:
    """The cell as written: text a spreadsheet could run gets an apostrophe in front."""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    if _NEEDS_ESCAPE.match(value):
        return "'" + value
    return value


def restore(cell: str) -> str:
    """Undo `neutralise` on a cell read back from one of our CSV files."""
    if _ESCAPED.match(cell):
        return cell[1:]
    return cell


class _Writer:
    def __init__(self, target, **options):
        self._writer = csv.writer(target, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(target, **options) -> _Writer:
    """`csv.writer` with every text cell passed through `neutralise`."""
    return _Writer(target, **options)
