"""What every format shares: the import report, the all-or-nothing error, decoding,
categories as topics, and final checks across the file."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from question_bank.items import KEY_MAX, Item

TRUE_WORDS = {"true", "1", "yes", "có"}
FALSE_WORDS = {"false", "0", "no", "không"}

IMPORTED, CHANGED, SKIPPED, ERROR = "imported", "changed", "skipped", "error"


class ImportFormatError(ValueError):
    """A bank file was rejected; ``problems`` says where and why, one line each.

    Nothing from a rejected file is imported, so that a half-imported bank never
    reaches a blueprint draw.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n".join(self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(f"{len(self.problems)} problem(s):\n{shown}" + (f"\n… {more} more" if more > 0 else ""))


@dataclass
class Entry:
    """One question of a file as the preview shows it.

    ``status`` is imported (as written), changed (imported, but differently from the
    file: ``notes`` say how), skipped (a type the platform does not score: ``notes``
    say which) or error (the file must be fixed before anything is imported)."""

    where: str
    status: str
    item: Item | None = None
    notes: list[str] = field(default_factory=list)
    line: int | None = None

    @property
    def key(self) -> str:
        return self.item.key if self.item is not None else ""


@dataclass
class ImportReport:
    """What importing a file would do, question by question, before anything is written."""

    entries: list[Entry] = field(default_factory=list)
    file_notes: list[str] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [e.item for e in self.entries if e.item is not None and e.status in (IMPORTED, CHANGED)]

    @property
    def problems(self) -> list[str]:
        """Everything that blocks the import: file problems and items in error."""
        return self.file_problems + [f"{e.where}: {n}" for e in self.entries if e.status == ERROR
                                     for n in e.notes]

    @property
    def skipped(self) -> list[str]:
        return [f"{e.where}: {n}" for e in self.entries if e.status == SKIPPED for n in e.notes]

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e.status == status)

    def strict(self) -> list[Item]:
        """The items, or ``ImportFormatError`` if anything was refused or skipped."""
        problems = self.file_problems + [f"{e.where}: {n}" for e in self.entries
                                         if e.status in (ERROR, SKIPPED) for n in e.notes]
        if problems:
            raise ImportFormatError(problems)
        return self.items


def parse_bool(text: str, default: bool) -> bool:
    value = text.strip().casefold()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(f"{text!r} is not true or false")


def decode_text(data: bytes | str, report: ImportReport) -> str:
    """Text of a plain-text upload (GIFT, Aiken, CSV): UTF-8 (with or without BOM) or
    UTF-16 with its BOM; Windows line ends; Vietnamese composed (NFC)."""
    if isinstance(data, str):
        text = data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise ImportFormatError([f"line {line}: the file is not UTF-8 text; "
                                     "save it as UTF-8 and try again"]) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


_CONTEXT = re.compile(r"^\$(course|system|module|cat\d+|\w+)\$/(top(/|$))?")
_SEPARATOR = re.compile(r"(?<!/)/(?!/)")


def topic_from_category(path: str) -> str:
    """The topic of a Moodle category path, the same from GIFT, Moodle XML and QTI:
    the context (``$course$/top/``) dropped, levels joined by " / " (a ``//`` in a
    name is a literal slash, as Moodle writes it)."""
    path = _CONTEXT.sub("", path.strip())
    parts = [p.replace("//", "/").strip() for p in _SEPARATOR.split(path)]
    return " / ".join(p for p in parts if p)


def category_of_topic(topic: str) -> str:
    """The Moodle category path that ``topic_from_category`` reads back as ``topic``."""
    return "$course$/top/" + "/".join(p.strip().replace("/", "//") for p in topic.split(" / "))


def key_from_text(text: str) -> str:
    """A name for a question that has none, from its first words (as Moodle does)."""
    words = " ".join(text.split())
    return words[:40].rstrip() or "question"


def finish(report: ImportReport, *, rename_duplicates: bool) -> ImportReport:
    """Validate every item, then make keys unique across the file: files from Moodle often
    repeat a name (renamed with a note), the project's own formats may not."""
    seen: dict[str, str] = {}
    for entry in report.entries:
        entry.notes = list(dict.fromkeys(entry.notes))
        item = entry.item
        if item is None or entry.status == SKIPPED:
            continue
        if len(item.key) > KEY_MAX and rename_duplicates:
            short = item.key[:KEY_MAX - 6].rstrip()
            entry.notes.append(f"the name is longer than {KEY_MAX} characters: shortened to {short!r}")
            entry.item = item = _rekey(item, short)
            entry.status = CHANGED
        if item.key in seen:
            if rename_duplicates:
                n = 2
                while f"{item.key} ({n})" in seen:
                    n += 1
                new = f"{item.key} ({n})"
                entry.notes.append(f"the name {item.key!r} is already used at {seen[item.key]}: "
                                   f"imported as {new!r}")
                entry.item = item = _rekey(item, new)
                if entry.status == IMPORTED:
                    entry.status = CHANGED
            else:
                entry.notes.append(f"the key {item.key!r} is already used at {seen[item.key]}")
                entry.status = ERROR
        seen.setdefault(item.key, entry.where)
        problems = item.validate()
        if problems:
            entry.status = ERROR
            entry.notes.extend(problems)
    if not report.entries and not report.file_problems:
        report.file_problems.append("the file contains no question")
    return report


def _rekey(item: Item, key: str) -> Item:
    from dataclasses import replace

    return replace(item, key=key)
