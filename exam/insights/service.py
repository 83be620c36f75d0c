"""What a sitting tells the board and the question authors, computed from stored attempts.

Item statistics use the objective lines as scored at submission (before any upheld key
objection), each line's points divided by its maximum:

* facility: mean share of the points earned by those who were given the item;
* discrimination: the corrected point-biserial, i.e. the correlation of the item with the
  candidate's rest score (objective total minus the item), over those given the item;
* reliability: Cronbach's alpha over the blueprint's slots (the k-th objective line of every
  paper), and KR-20 when every line is scored right or wrong. With a per-candidate draw a slot
  holds parallel items of the same cell, so alpha estimates the reliability of the test form.

Formulas: question_bank.statistics (Cronbach 1951; Kuder & Richardson 1937).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions import permissions
from exam.competitions.models import Competition, Stage
from exam.errors import require
from question_bank import statistics

TOO_EASY = 0.90
TOO_HARD = 0.20
WEAK_DISCRIMINATION = 0.20
BINS = 10


@dataclass(frozen=True)
class Response:
    """One objective line of one candidate's paper, as scored."""

    candidate: int
    item_key: str
    part_key: str
    slot: int
    points: float
    max_points: float


@dataclass(frozen=True)
class ItemRow:
    item_key: str
    part_key: str
    given_to: int
    facility: float
    discrimination: float | None

    @property
    def advice(self) -> str:
        if self.facility >= TOO_EASY:
            return "too_easy"
        if self.facility <= TOO_HARD:
            return "too_hard"
        if self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION:
            return "weak"
        return ""


@dataclass(frozen=True)
class ItemReport:
    items: list[ItemRow]
    candidates: int
    slots: int
    alpha: float | None
    kr20: float | None


@dataclass(frozen=True)
class Distribution:
    part_key: str
    title: str
    max_points: float
    counts: list[int]  # BINS bins of the share of the maximum, the last one closed
    mean: float | None
    candidates: int


def analyse_items(responses: list[Response]) -> ItemReport:
    """Facility and discrimination per item and the test's reliability (see the module)."""
    share = {}
    totals: dict[int, float] = defaultdict(float)
    for r in responses:
        value = r.points / r.max_points if r.max_points else 0.0
        share[(r.candidate, r.slot)] = value
        totals[r.candidate] += value
    by_item: dict[str, list[Response]] = defaultdict(list)
    for r in responses:
        by_item[r.item_key].append(r)
    items = []
    for key in sorted(by_item):
        lines = by_item[key]
        own = [share[(r.candidate, r.slot)] for r in lines]
        rest = [totals[r.candidate] - share[(r.candidate, r.slot)] for r in lines]
        items.append(ItemRow(
            item_key=key, part_key=lines[0].part_key, given_to=len(lines),
            facility=statistics.facility(own, 1.0),
            discrimination=statistics.pearson(own, rest) if len(lines) >= 2 else None))
    slots = sorted({r.slot for r in responses})
    candidates = sorted(totals)
    matrix = [[share[(c, s)] for s in slots] for c in candidates
              if all((c, s) in share for s in slots)]
    alpha = kr20 = None
    if len(matrix) >= 2 and len(slots) >= 2:
        alpha = statistics.cronbach_alpha(matrix)
        if all(x in (0.0, 1.0) for row in matrix for x in row):
            kr20 = statistics.kr20(matrix)
    return ItemReport(items=items, candidates=len(candidates), slots=len(slots), alpha=alpha,
                      kr20=kr20)


def stored_responses(session: Session, competition: Competition) -> list[Response]:
    """Every objective line of every submitted attempt of the competition."""
    from exam.sitting.models import Attempt, ObjectiveScore, PaperItem

    rows = session.execute(
        select(Attempt.id, PaperItem.item_key, PaperItem.part_key, PaperItem.sequence,
               ObjectiveScore.points, PaperItem.points)
        .join(ObjectiveScore, ObjectiveScore.attempt_id == Attempt.id)
        .join(PaperItem, PaperItem.id == ObjectiveScore.paper_item_id)
        .where(Attempt.competition_id == competition.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.id, PaperItem.sequence)).all()
    return [Response(candidate=a, item_key=k, part_key=p, slot=s, points=float(Decimal(got)),
                     max_points=float(Decimal(top))) for a, k, p, s, got, top in rows]


def item_report(session: Session, actor, competition: Competition) -> ItemReport:
    require(permissions.is_board(session, actor, competition),
            _("Only the board sees the statistics of the competition."))
    return analyse_items(stored_responses(session, competition))


def histogram(values: list[float], max_points: float, bins: int = BINS) -> list[int]:
    """Counts per equal slice of [0, max]; a full score falls in the last slice."""
    counts = [0] * bins
    for value in values:
        share = min(max(value / max_points, 0.0), 1.0) if max_points else 0.0
        counts[min(int(math.floor(share * bins)), bins - 1)] += 1
    return counts


def part_distributions(session: Session, actor, competition: Competition) -> list[Distribution]:
    """Scores per part: the objective lines from the sitting on, marked parts once locked."""
    from exam.appeals.rescoring import adjusted_objective_scores
    from exam.results import service as results

    require(permissions.is_board(session, actor, competition),
            _("Only the board sees the statistics of the competition."))
    if competition.has_reached(Stage.SCORES_LOCKED):
        scores = results.collect_part_scores(session, competition)
    else:
        scores = adjusted_objective_scores(session, competition)
    stored = results.rule_set(session, competition)
    parts = [(p["key"], p["title"], float(Decimal(p["max_points"]))) for p in stored.parts] \
        if stored is not None else []
    known = {key for key, _title, _top in parts}
    titles, maxima = _sitting_parts(session, competition)
    for key in sorted({k for per in scores.values() for k in per} - known):
        top = maxima.get(key) or max(float(per[key]) for per in scores.values() if key in per)
        parts.append((key, titles.get(key, key), top or 1.0))
    out = []
    for key, title, top in parts:
        values = [float(per[key]) for per in scores.values() if key in per]
        out.append(Distribution(part_key=key, title=title, max_points=top,
                                counts=histogram(values, top),
                                mean=math.fsum(values) / len(values) if values else None,
                                candidates=len(values)))
    return out


def _sitting_parts(session: Session, competition: Competition) -> tuple[dict, dict]:
    """Titles of the written test's parts and the points a paper offers in each."""
    from exam.sitting.models import Paper, PaperItem
    from exam.sitting.service import parts_of

    titles = {part.key: part.title for part in parts_of(session, competition)}
    maxima: dict[str, float] = {}
    per_paper = session.execute(
        select(PaperItem.paper_id, PaperItem.part_key, PaperItem.points)
        .join(Paper, Paper.id == PaperItem.paper_id)
        .where(Paper.competition_id == competition.id)).all()
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for paper_id, part_key, points in per_paper:
        sums[(paper_id, part_key)] += Decimal(points)
    for (_paper, part_key), total in sums.items():
        maxima[part_key] = max(maxima.get(part_key, 0.0), float(total))
    return titles, maxima
