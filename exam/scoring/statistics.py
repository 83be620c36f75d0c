"""Examiner statistics for the board: who is lenient, harsh or careless, and how well markers agree.

Marks are taken as a percentage of the script's maximum so parts of different size compare.
Agreement is Krippendorff's alpha (interval metric) over every submitted first-round mark —
examiners as observers, scripts as units, scripts no examiner pair shares left out — computed
as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"; alpha suits double
marking where each script has its own pair of examiners. ICC(2,1) of Shrout & Fleiss (1979)
of first against second mark is given beside it. Calibration samples and re-marks do not count.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, require
from exam.scoring.marking import submitted_mark
from exam.scoring.models import Assignment, AssignmentRole, Panel, Script
from exam.scoring.panels import panels
from exam.scoring.permissions import can_manage_scoring
from question_bank.statistics import icc, krippendorff_alpha

ALPHA_SOURCE = ("Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. "
                "University of Pennsylvania, Annenberg School for Communication.")
ICC_SOURCE = ("Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing "
              "rater reliability. Psychological Bulletin 86(2), 420–428.")


@dataclass(frozen=True)
class ExaminerRow:
    examiner_id: int
    name: str
    marks: int
    mean: float | None
    spread: float | None
    versus_others: float | None  # mean of (own - the other marker) on shared scripts
    absolute_gap: float | None


@dataclass(frozen=True)
class PanelStatistics:
    panel: Panel
    examiners: list[ExaminerRow]
    panel_mean: float | None
    pairs: list[tuple[float, float]]
    alpha: float | None
    icc_2_1: float | None


def _mean(xs):
    return math.fsum(xs) / len(xs) if xs else None


def _sd(xs):
    if len(xs) < 2:
        return None
    m = _mean(xs)
    return math.sqrt(math.fsum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def panel_statistics(session: Session, panel: Panel) -> PanelStatistics:
    by_script: dict[int, dict[int, float]] = defaultdict(dict)
    roles: dict[int, dict[str, float]] = defaultdict(dict)
    names = {}
    rows = session.scalars(select(Assignment).join(Script).where(
        Script.competition_id == panel.competition_id, Script.part_key == panel.part_key,
        Script.is_calibration.is_(False), Assignment.remark_id.is_(None),
        Assignment.role != AssignmentRole.CALIBRATION).order_by(Script.code, Assignment.id))
    for assignment in rows:
        mark = submitted_mark(session, assignment)
        if mark is None:
            continue
        percent = float(mark.total / assignment.script.max_points * 100)
        by_script[assignment.script_id][assignment.examiner_id] = percent
        roles[assignment.script_id].setdefault(str(assignment.role), percent)
        names[assignment.examiner_id] = assignment.examiner.full_name
    examiners = sorted(names, key=lambda e: names[e])
    per_examiner: dict[int, list[float]] = defaultdict(list)
    gaps: dict[int, list[float]] = defaultdict(list)
    for marks in by_script.values():
        for examiner, value in marks.items():
            per_examiner[examiner].append(value)
            others = [v for e, v in marks.items() if e != examiner]
            if others:
                gaps[examiner].append(value - _mean(others))
    table = [ExaminerRow(e, names[e], len(per_examiner[e]), _mean(per_examiner[e]),
                         _sd(per_examiner[e]), _mean(gaps[e]),
                         _mean([abs(g) for g in gaps[e]])) for e in examiners]
    pairs = [(r["first"], r["second"]) for r in roles.values() if "first" in r and "second" in r]
    scripts = sorted(by_script)
    matrix = [[by_script[s].get(e) for s in scripts] for e in examiners]
    alpha = krippendorff_alpha(matrix, "interval") if matrix and scripts else None
    agreement = icc([list(p) for p in pairs], "2,1") if len(pairs) >= 2 else None
    everything = [v for marks in by_script.values() for v in marks.values()]
    return PanelStatistics(panel, table, _mean(everything), pairs, alpha, agreement)


def examiner_statistics(session: Session, actor, competition: Competition) -> list[PanelStatistics]:
    require(can_manage_scoring(session, actor, competition),
            _("Only the board sees examiner statistics."))
    require(competition.has_reached(Stage.SCORES_LOCKED),
            _("Examiner statistics open at the lock: until then every mark is sealed and "
              "seen only by its examiner."), Conflict)
    return [panel_statistics(session, p) for p in panels(session, competition)
            if not p.is_presentation]
