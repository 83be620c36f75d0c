"""The merit rule, as a pure function over plain data: no database, no Flask.

How a competition ranks its candidates (``rank``):

1. Every part score is rounded half-up to two decimals first; the ranking compares exactly
   the numbers that are printed. A missing score counts as 0 and fails the part.
2. A candidate passes a part at or above its pass mark (default: half its maximum), and
   passes the competition only by passing every part.
3. Total = sum over parts of (weight x score), plus the priority points granted to the
   candidate (rounded to two decimals).
4. Passing candidates are ranked by total, highest first. Equal totals are split by the
   tie-break parts in order (default: the specialised part, then the written part), higher
   weighted score first, then by a recorded board decision (its order within the tied group).
   Candidates the order cannot split share a rank and are shown as tied.
5. The first passing candidates, up to the number of vacancies, are recommended for
   appointment. If a tie that nothing splits straddles the last vacancy, nobody in that tied
   group is recommended until the board records its decision.
6. The next passing candidates form the reserve list (all of them, or at most
   ``reserve_size``); any remaining passing candidates simply passed.
7. Candidates who failed a part get no rank and are listed after the ranked ones, by total.
8. Candidates listed at the same place are ordered by name as Vietnamese rosters are: given
   name first, letters in Vietnamese order (a ă â ... đ ...), tones after letters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from exam.vietnamese import name_key

CENT = Decimal("0.01")


def two_places(value: Decimal | int | str | None) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PartRule:
    """One part (or round) of the competition."""

    key: str
    title: str
    max_points: Decimal
    weight: Decimal = Decimal(1)
    pass_mark: Decimal | None = None  # None: half the maximum

    @property
    def effective_pass_mark(self) -> Decimal:
        return self.pass_mark if self.pass_mark is not None else self.max_points / 2


@dataclass(frozen=True)
class PriorityCategory:
    key: str
    label: str
    points: Decimal


@dataclass(frozen=True)
class ResultRules:
    parts: tuple[PartRule, ...]
    vacancies: int
    tie_break_parts: tuple[str, ...] = ()  # e.g. (specialised, written)
    reserve_size: int | None = None  # None: every further passing candidate

    def part(self, key: str) -> PartRule:
        return next(p for p in self.parts if p.key == key)


@dataclass(frozen=True)
class RankInput:
    application_id: int
    candidate_number: str
    name: str
    scores: Mapping[str, Decimal | None]
    priority_points: Decimal = Decimal(0)
    board_position: int | None = None  # order the board decided within a tied group


class Standing(StrEnum):
    RECOMMENDED = "recommended"
    RESERVE = "reserve"
    PASSED = "passed"
    TIE_UNRESOLVED = "tie_unresolved"
    FAILED = "failed"


@dataclass(frozen=True)
class RankedRow:
    application_id: int
    candidate_number: str
    name: str
    scores: dict[str, Decimal]
    weighted: dict[str, Decimal]
    passed_parts: dict[str, bool]
    priority_points: Decimal
    total: Decimal
    passed: bool
    rank: int | None
    is_tied: bool
    split_by: str  # "" | "total" | "part:<key>" | "board"
    standing: Standing
    board_position: int | None = field(default=None, compare=False)


def _prepare(row: RankInput, rules: ResultRules) -> dict:
    scores = {p.key: two_places(row.scores.get(p.key)) for p in rules.parts}
    present = {p.key: row.scores.get(p.key) is not None for p in rules.parts}
    weighted = {p.key: two_places(scores[p.key] * p.weight) for p in rules.parts}
    passed_parts = {p.key: present[p.key] and scores[p.key] >= p.effective_pass_mark
                    for p in rules.parts}
    priority = two_places(row.priority_points)
    return {
        "row": row,
        "scores": scores,
        "weighted": weighted,
        "passed_parts": passed_parts,
        "priority": priority,
        "total": sum(weighted.values(), Decimal(0)) + priority,
        "passed": all(passed_parts.values()),
    }


def _merit_key(item: dict, rules: ResultRules) -> tuple:
    return (item["total"], *(item["weighted"][k] for k in rules.tie_break_parts))


def _groups(items: list[dict], key) -> list[list[dict]]:
    out: list[list[dict]] = []
    for item in items:
        if out and key(out[-1][0]) == key(item):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _order_tied(group: list[dict]) -> list[list[dict]]:
    """Split a group equal on every score by the board's recorded order, if it covers them all."""
    positions = [i["row"].board_position for i in group]
    if len(group) == 1 or any(p is None for p in positions) or len(set(positions)) != len(group):
        return [group]
    return [[i] for i in sorted(group, key=lambda i: i["row"].board_position)]


def _split_reason(item: dict, previous: dict | None, rules: ResultRules) -> str:
    """What set this candidate below the one ranked just before."""
    if previous is None:
        return ""
    if item["total"] != previous["total"]:
        return "total"
    for key in rules.tie_break_parts:
        if item["weighted"][key] != previous["weighted"][key]:
            return f"part:{key}"
    return "board"


def rank(rows: Sequence[RankInput], rules: ResultRules) -> list[RankedRow]:
    """Rank candidates by the rule in this module's docstring; ranked first, then the failed."""
    items = [_prepare(r, rules) for r in rows]
    def by_number(item):
        return name_key(item["row"].name), item["row"].candidate_number

    passing = sorted((i for i in items if i["passed"]), key=by_number)
    passing.sort(key=lambda i: _merit_key(i, rules), reverse=True)
    failing = sorted((i for i in items if not i["passed"]), key=by_number)
    failing.sort(key=lambda i: i["total"], reverse=True)

    slots: list[list[dict]] = []  # items sharing one rank
    for group in _groups(passing, lambda i: _merit_key(i, rules)):
        slots += _order_tied(group)

    out: list[RankedRow] = []
    position = 1
    recommended = reserve = 0
    previous = None
    for group in slots:
        tied = len(group) > 1
        free = rules.vacancies - recommended
        for item in group:
            if free > 0 and (len(group) <= free):
                standing = Standing.RECOMMENDED
            elif free > 0:
                standing = Standing.TIE_UNRESOLVED
            elif rules.reserve_size is None or reserve < rules.reserve_size:
                standing = Standing.RESERVE
            else:
                standing = Standing.PASSED
            split = "" if tied and item is not group[0] else _split_reason(item, previous, rules)
            out.append(_row(item, position, tied, split, standing))
        if free > 0 and len(group) <= free:
            recommended += len(group)
        elif free > 0:
            recommended = rules.vacancies  # nobody below an unresolved tie moves up past it
        elif free <= 0 and out[-1].standing == Standing.RESERVE:
            reserve += len(group)
        position += len(group)
        previous = group[-1]
    out += [_row(item, None, False, "", Standing.FAILED) for item in failing]
    return out


def _row(item: dict, position: int | None, tied: bool, split_by: str, standing: Standing):
    row: RankInput = item["row"]
    return RankedRow(
        application_id=row.application_id,
        candidate_number=row.candidate_number,
        name=row.name,
        scores=item["scores"],
        weighted=item["weighted"],
        passed_parts=item["passed_parts"],
        priority_points=item["priority"],
        total=item["total"],
        passed=item["passed"],
        rank=position,
        is_tied=tied,
        split_by=split_by,
        standing=standing,
        board_position=row.board_position,
    )


def unresolved_ties(ranked: Sequence[RankedRow]) -> list[list[RankedRow]]:
    """Tied groups straddling the last vacancy: the board must record an order before publishing."""
    groups: dict[int, list[RankedRow]] = {}
    for row in ranked:
        if row.standing == Standing.TIE_UNRESOLVED and row.rank is not None:
            groups.setdefault(row.rank, []).append(row)
    return list(groups.values())
