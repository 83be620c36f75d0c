"""Import and export of question banks: GIFT, Moodle XML and CSV.

``parse`` is all or nothing: a file with any bad item raises ``ImportFormatError``
listing every problem with its line (or item), and returns nothing, so an author
fixes the file and imports it again instead of hunting for what got in.
"""

from __future__ import annotations

from collections.abc import Iterable

from question_bank.formats import csv_format, gift, moodle_xml
from question_bank.formats._common import ImportFormatError
from question_bank.items import Item

__all__ = ["FORMATS", "ImportFormatError", "dump", "parse"]

_MODULES = {"gift": gift, "moodle_xml": moodle_xml, "csv": csv_format}
FORMATS = tuple(_MODULES)


def _module(fmt: str):
    try:
        return _MODULES[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None


def parse(fmt: str, text: str) -> list[Item]:
    return _module(fmt).parse(text)


def dump(fmt: str, items: Iterable[Item]) -> str:
    return _module(fmt).dump(items)
