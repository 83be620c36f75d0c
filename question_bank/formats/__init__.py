"""Import and export of question banks: GIFT, Moodle XML, CSV, Aiken and IMS QTI.

``parse`` is all or nothing: a file with any bad item raises ``ImportFormatError``
listing every problem with its line (or item), and returns nothing, so an author
fixes the file and imports it again instead of hunting for what got in.
"""

from __future__ import annotations

from collections.abc import Iterable

from question_bank.formats import aiken, csv_format, gift, moodle_xml, qti
from question_bank.formats._common import ImportFormatError, ImportReport
from question_bank.items import Item

__all__ = ["FORMATS", "IMPORT_FORMATS", "ImportFormatError", "ImportReport", "dump", "parse", "read"]

_MODULES = {"gift": gift, "moodle_xml": moodle_xml, "csv": csv_format, "aiken": aiken, "qti": qti}
# Formats that hold every item type and field (export, round trips); Aiken holds only
# single-choice questions, so it is offered for import.
FORMATS = ("gift", "moodle_xml", "csv")
EXPORT_FORMATS = (*FORMATS, "qti")  # QTI 3.0 content package (bytes: a zip)
IMPORT_FORMATS = tuple(_MODULES)


def _module(fmt: str):
    try:
        return _MODULES[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None


def read(fmt: str, data: bytes | str) -> ImportReport:
    """What importing ``data`` would do, question by question (the import preview)."""
    return _module(fmt).read(data)


def parse(fmt: str, data: bytes | str) -> list[Item]:
    """The items of a file, or ``ImportFormatError`` if any question is refused or skipped."""
    return _module(fmt).parse(data)


def dump(fmt: str, items: Iterable[Item]) -> str | bytes:
    return _module(fmt).dump(items)
