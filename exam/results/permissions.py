"""Who may act on results: pure predicates over a person's roles in the competition."""

from __future__ import annotations

from sqlalchemy.orm import Session

from exam.competitions.models import Competition, Role
from exam.competitions.permissions import is_board, roles_in

__all__ = ["can_countersign", "can_decide_ties", "can_manage_results", "is_board"]


def can_manage_results(session: Session, user, competition: Competition) -> bool:
    """The chair and the secretary set result rules, grant priority points and publish."""
    return bool(roles_in(session, user, competition) & {Role.CHAIR, Role.SECRETARY})


def can_decide_ties(session: Session, user, competition: Competition) -> bool:
    """A tie nothing splits is the chair's decision, recorded with its reason."""
    return Role.CHAIR in roles_in(session, user, competition)


def can_countersign(session: Session, user, competition: Competition) -> bool:
    return is_board(session, user, competition)
