"""What other areas read about objections and appeals, on the models alone: results wait for
open cases and publish the decided objections, without importing the appeal rules that
republish results."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.appeals.models import AppealStatus, Objection, ObjectionStatus, RemarkAppeal
from exam.competitions.models import Competition


def decided_objections(session: Session, competition: Competition) -> list[Objection]:
    """Published with their reasons, without the names of those who objected."""
    return list(session.scalars(select(Objection).where(
        Objection.competition_id == competition.id,
        Objection.status != ObjectionStatus.PENDING).order_by(Objection.decided_at)))


def open_cases(session: Session, competition: Competition) -> int:
    """Objections and appeals still waiting for the board: final results wait for them."""
    objections = session.scalar(select(func.count()).select_from(Objection).where(
        Objection.competition_id == competition.id,
        Objection.status == ObjectionStatus.PENDING)) or 0
    appeals = session.scalar(select(func.count()).select_from(RemarkAppeal).where(
        RemarkAppeal.competition_id == competition.id,
        RemarkAppeal.status.in_([AppealStatus.FILED, AppealStatus.REMARKING]))) or 0
    return objections + appeals
