"""Who may do what in scoring: the board runs it, examiners mark, nobody else sees a script."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions.models import Competition, Role
from exam.competitions.permissions import can_run_stages, is_board, roles_in
from exam.scoring.models import Panel, PanelMember


def can_manage_scoring(session: Session, user, competition: Competition) -> bool:
    """Panels, leak flags, the draw and calibration samples are board work."""
    return is_board(session, user, competition)


def can_lock_and_reveal(session: Session, user, competition: Competition) -> bool:
    return can_run_stages(session, user, competition)


def is_examiner(session: Session, user, competition: Competition) -> bool:
    return Role.EXAMINER in roles_in(session, user, competition)


def panels_of(session: Session, user, competition: Competition) -> list[Panel]:
    """The panels a person sits on, as a member or as the chair."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    member = select(PanelMember.panel_id).where(PanelMember.user_id == user.id)
    return list(session.scalars(select(Panel).where(
        Panel.competition_id == competition.id,
        (Panel.id.in_(member)) | (Panel.chair_id == user.id)).order_by(Panel.part_key)))


def chairs(session: Session, user, panel: Panel) -> bool:
    return user is not None and getattr(user, "id", None) == panel.chair_id
