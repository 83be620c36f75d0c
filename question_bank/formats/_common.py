"""What every format shares: the all-or-nothing import error and final validation."""

from __future__ import annotations

from collections.abc import Sequence

from question_bank.items import Item

TRUE_WORDS = {"true", "1", "yes", "có"}
FALSE_WORDS = {"false", "0", "no", "không"}


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


def parse_bool(text: str, default: bool) -> bool:
    value = text.strip().casefold()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(f"{text!r} is not true or false")


def check(where: str, item: Item, problems: list[str]) -> tuple[str, Item]:
    """Validate as soon as an item is read, so problems come out in file order."""
    problems.extend(f"{where}: {p}" for p in item.validate())
    return where, item


def finish(entries: Sequence[tuple[str, Item]], problems: list[str]) -> list[Item]:
    """Check keys across the file and reject it if anything at all is wrong."""
    seen: dict[str, str] = {}
    for where, item in entries:
        if item.key in seen:
            problems.append(f"{where}: the key {item.key!r} is already used at {seen[item.key]}")
        else:
            seen[item.key] = where
    if not entries and not problems:
        problems.append("the file contains no question")
    if problems:
        raise ImportFormatError(problems)
    return [item for _, item in entries]
