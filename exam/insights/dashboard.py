"""Where a competition stands and what is waiting for whom, for the board's dashboard.

Every line names who must act, how many things wait, and the page where they act; the
first line with something waiting is the next action, shown first.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.competitions.models import Competition, Stage

WHO = {"board": _l("Board"), "examiners": _l("Examiners"), "inspectors": _l("Inspectors"),
       "candidates": _l("Candidates")}


@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    who: str
    count: int
    endpoint: str
    args: dict
    query: dict | None = None

    @property
    def url_args(self) -> dict:
        return {**self.args, **(self.query or {})}


def _count(session: Session, query) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def waiting_work(session: Session, competition: Competition) -> list[Waiting]:
    """Counts of what waits, in the order the life of the competition needs it done."""
    from exam.appeals.cases import open_cases
    from exam.oversight.models import IrregularityReport, ReportStatus
    from exam.registration.models import Application, ApplicationStatus
    from exam.scoring.models import FinalMark, Script
    from exam.sitting.models import Attempt, Seal

    cid = competition.id
    lines = []
    pending = _count(session, select(Application.id).where(
        Application.competition_id == cid, Application.status == ApplicationStatus.SUBMITTED))
    lines.append(Waiting("applications", str(_l("Applications to decide")), "board", pending,
                         "registration.review_list", {"competition_id": cid},
                         {"status": "submitted"}))
    sealed = session.scalar(select(func.count()).select_from(Seal).where(
        Seal.competition_id == cid)) or 0
    to_seal = int(competition.stage == Stage.ELIGIBILITY_REVIEWED and not sealed)
    lines.append(Waiting("seal", str(_l("Papers to seal")), "board", to_seal, "sitting.setup",
                         {"competition_id": cid}))
    if competition.stage == Stage.SITTING:
        sitting = _count(session, select(Attempt.id).where(Attempt.competition_id == cid,
                                                           Attempt.started_at.is_not(None),
                                                           Attempt.submitted_at.is_(None)))
        lines.append(Waiting("sitting", str(_l("Candidates still writing")), "candidates",
                             sitting, "sitting.board", {"competition_id": cid}))
    unmarked = _count(session, select(Script.id).where(
        Script.competition_id == cid, Script.is_calibration.is_(False),
        ~select(FinalMark.id).where(FinalMark.script_id == Script.id).exists()))
    lines.append(Waiting("scripts", str(_l("Scripts to mark")), "examiners", unmarked,
                         "scoring.home", {"competition_id": cid}))
    lines.append(Waiting("appeals", str(_l("Objections and appeals to decide")), "board",
                         open_cases(session, competition), "appeals.manage",
                         {"competition_id": cid}))
    reports = _count(session, select(IrregularityReport.id).where(
        IrregularityReport.competition_id == cid,
        IrregularityReport.status != ReportStatus.RESOLVED))
    lines.append(Waiting("reports", str(_l("Irregularity reports open")), "inspectors", reports,
                         "oversight.reports", {}))
    return lines


def acting_groups(user, roles, *, is_board: bool) -> set[str]:
    """Whose waiting work this person may open from the dashboard."""
    groups = set()
    if is_board:
        groups |= {"board", "examiners", "candidates"}
    if "examiner" in roles:
        groups.add("examiners")
    if "proctor" in roles:
        groups.add("candidates")
    if getattr(user, "is_inspector", False) or "chair" in roles:
        groups.add("inspectors")
    return groups
