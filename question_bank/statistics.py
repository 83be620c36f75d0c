"""Item analysis after a sitting and agreement between examiners, in pure Python.

Item analysis tells authors which questions to revise (too easy, too hard, or
not separating stronger from weaker candidates); agreement statistics tell the
board whether double marking is consistent. Formulas follow the cited sources so
that the numbers can be checked by hand against them:

* facility: mean score / maximum (the "p-value" of classical test theory);
* discrimination: corrected point-biserial (Pearson correlation of the item with
  the rest-score, i.e. total minus the item) and the upper-lower index with the
  top and bottom 27 % (Kelley 1939);
* reliability: Cronbach's alpha (1951) and KR-20 (Kuder & Richardson 1937);
* ICC(1,1), (2,1), (3,1) and their k-rater averages from the two-way ANOVA table
  of Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
  reliability", Psychological Bulletin 86(2), 420-428;
* Krippendorff's alpha with missing values, via the coincidence matrix of
  Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".

Matrices are lists of rows: ``scores[candidate][item]`` for item analysis and
``ratings[target][rater]`` for ICC. Degenerate inputs (no variance, too few rows)
return ``None`` instead of a misleading number.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

__all__ = [
    "ItemStats",
    "cronbach_alpha",
    "facility",
    "icc",
    "item_statistics",
    "kr20",
    "krippendorff_alpha",
    "pearson",
    "point_biserial_rest",
    "upper_lower_index",
]

Matrix = Sequence[Sequence[float]]
UPPER_LOWER_FRACTION = 0.27


def _mean(xs: Sequence[float]) -> float:
    return math.fsum(xs) / len(xs)


def _var(xs: Sequence[float], ddof: int = 1) -> float:
    m = _mean(xs)
    return math.fsum((x - m) ** 2 for x in xs) / (len(xs) - ddof)


def _rectangular(matrix: Matrix, min_rows: int = 2, min_cols: int = 1) -> list[list[float]]:
    rows = [list(map(float, r)) for r in matrix]
    if len(rows) < min_rows:
        raise ValueError(f"need at least {min_rows} rows")
    width = len(rows[0])
    if width < min_cols or any(len(r) != width for r in rows):
        raise ValueError(f"rows must all have the same length (at least {min_cols})")
    return rows


def _column(rows: list[list[float]], j: int) -> list[float]:
    return [r[j] for r in rows]


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; None when either variable is constant."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("need two sequences of the same length >= 2")
    mx, my = _mean(xs), _mean(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def facility(item_scores: Sequence[float], max_points: float) -> float:
    """Mean score as a fraction of the maximum: 1 = everyone got full marks."""
    if max_points <= 0 or not item_scores:
        raise ValueError("need scores and a positive maximum")
    return _mean([float(s) for s in item_scores]) / max_points


def point_biserial_rest(scores: Matrix, item: int) -> float | None:
    """Correlation of an item with the rest of the test, so the item does not inflate it."""
    rows = _rectangular(scores)
    own = _column(rows, item)
    rest = [math.fsum(r) - r[item] for r in rows]
    return pearson(own, rest)


def upper_lower_index(
    scores: Matrix, item: int, max_points: float, fraction: float = UPPER_LOWER_FRACTION
) -> float | None:
    """Facility in the top group minus facility in the bottom group, ranked by total.

    Groups hold ``round(fraction * n)`` candidates (at least 1); ties at the border
    are broken by row order, which is stable for a given export.
    """
    rows = _rectangular(scores)
    size = max(1, round(fraction * len(rows)))
    if 2 * size > len(rows):
        return None
    order = sorted(range(len(rows)), key=lambda i: math.fsum(rows[i]))
    low = [rows[i][item] for i in order[:size]]
    high = [rows[i][item] for i in order[-size:]]
    return (_mean(high) - _mean(low)) / max_points


@dataclass(frozen=True)
class ItemStats:
    index: int
    facility: float
    discrimination: float | None
    upper_lower: float | None


def item_statistics(scores: Matrix, max_points: Sequence[float]) -> list[ItemStats]:
    """Facility and discrimination of every item (columns of ``scores``)."""
    rows = _rectangular(scores)
    if len(max_points) != len(rows[0]):
        raise ValueError("one maximum per item is needed")
    return [
        ItemStats(
            index=j,
            facility=facility(_column(rows, j), max_points[j]),
            discrimination=point_biserial_rest(rows, j) if len(rows[0]) > 1 else None,
            upper_lower=upper_lower_index(rows, j, max_points[j]),
        )
        for j in range(len(rows[0]))
    ]


def cronbach_alpha(scores: Matrix) -> float | None:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of totals)."""
    rows = _rectangular(scores, min_cols=2)
    k = len(rows[0])
    total_var = _var([math.fsum(r) for r in rows])
    if total_var == 0:
        return None
    item_var = math.fsum(_var(_column(rows, j)) for j in range(k))
    return k / (k - 1) * (1 - item_var / total_var)


def kr20(scores: Matrix) -> float | None:
    """KR-20 for items scored 0/1: alpha with p*q as the item variance."""
    rows = _rectangular(scores, min_cols=2)
    if any(x not in (0.0, 1.0) for r in rows for x in r):
        raise ValueError("KR-20 needs dichotomous (0/1) scores")
    k = len(rows[0])
    total_var = _var([math.fsum(r) for r in rows], ddof=0)
    if total_var == 0:
        return None
    pq = math.fsum(p * (1 - p) for p in (_mean(_column(rows, j)) for j in range(k)))
    return k / (k - 1) * (1 - pq / total_var)


def _anova(rows: list[list[float]]) -> tuple[float, float, float, float]:
    n, k = len(rows), len(rows[0])
    grand = _mean([x for r in rows for x in r])
    ss_targets = k * math.fsum((_mean(r) - grand) ** 2 for r in rows)
    ss_raters = n * math.fsum((_mean(_column(rows, j)) - grand) ** 2 for j in range(k))
    ss_total = math.fsum((x - grand) ** 2 for r in rows for x in r)
    ss_error = ss_total - ss_targets - ss_raters
    bms = ss_targets / (n - 1)
    jms = ss_raters / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))
    wms = (ss_raters + ss_error) / (n * (k - 1))
    return bms, jms, ems, wms


def icc(ratings: Matrix, form: str = "2,1") -> float | None:
    """Shrout & Fleiss intraclass correlation; ``form`` in 1,1 2,1 3,1 1,k 2,k 3,k.

    ICC(2,1) — two-way random effects, absolute agreement, single rater — is the
    one to report for double marking, because a lenient examiner lowers it.
    """
    rows = _rectangular(ratings, min_cols=2)
    n, k = len(rows), len(rows[0])
    bms, jms, ems, wms = _anova(rows)
    formulas = {
        "1,1": (bms - wms, bms + (k - 1) * wms),
        "2,1": (bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        "3,1": (bms - ems, bms + (k - 1) * ems),
        "1,k": (bms - wms, bms),
        "2,k": (bms - ems, bms + (jms - ems) / n),
        "3,k": (bms - ems, bms),
    }
    if form not in formulas:
        raise ValueError(f"unknown ICC form {form!r}")
    num, den = formulas[form]
    return None if den == 0 else num / den


def _delta(metric: str):
    if metric == "nominal":
        return lambda a, b: 0.0 if a == b else 1.0
    if metric == "interval":
        return lambda a, b: (a - b) ** 2
    if metric == "ratio":
        return lambda a, b: 0.0 if a == b else ((a - b) / (a + b)) ** 2
    raise ValueError(f"unknown metric {metric!r}")


def krippendorff_alpha(
    reliability_data: Sequence[Sequence[float | None]], metric: str = "interval"
) -> float | None:
    """Krippendorff's alpha; rows are raters, columns units, ``None`` = not rated.

    Units rated by fewer than two raters are not pairable and are ignored.
    """
    delta = _delta(metric)
    width = len(reliability_data[0]) if reliability_data else 0
    if any(len(r) != width for r in reliability_data):
        raise ValueError("every rater row must cover the same units")
    coincidence: Counter = Counter()
    for u in range(width):
        values = [r[u] for r in reliability_data if r[u] is not None]
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(values, 2):
            coincidence[(a, b)] += 1.0 / (m - 1)
    marginals: Counter = Counter()
    for (a, _), weight in coincidence.items():
        marginals[a] += weight
    n = math.fsum(marginals.values())
    if n < 2:
        return None
    observed = math.fsum(w * delta(a, b) for (a, b), w in coincidence.items()) / n
    expected = math.fsum(
        marginals[a] * marginals[b] * delta(a, b) for a in marginals for b in marginals
    ) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
