"""Who may act in the appointment and the remedies: pure predicates over roles."""

from __future__ import annotations

from sqlalchemy.orm import Session

from exam.competitions.models import Competition, Role
from exam.competitions.permissions import roles_in
from exam.oversight.permissions import is_inspector_for


def is_authority_signer(session: Session, user, competition: Competition) -> bool:
    """A person who signs for the appointing authority of this competition."""
    return Role.APPOINTING_AUTHORITY in roles_in(session, user, competition)


def can_transmit(session: Session, user, competition: Competition) -> bool:
    """The chair or the secretary hands the final ranking to the appointing authority."""
    return bool(roles_in(session, user, competition) & {Role.CHAIR, Role.SECRETARY})


def can_decide_for_board(session: Session, user, competition: Competition) -> bool:
    """Exclusions and disqualifications are the board's decisions, signed by its chair."""
    return Role.CHAIR in roles_in(session, user, competition)


def can_annul(session: Session, user, competition: Competition) -> bool:
    """Only inspectors annul: the board being inspected never annuls its own work."""
    return is_inspector_for(session, user, competition)


def can_revoke(session: Session, user, competition: Competition) -> bool:
    return is_inspector_for(session, user, competition) or is_authority_signer(
        session, user, competition)
