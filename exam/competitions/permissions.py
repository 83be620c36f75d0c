"""Who may do what in a competition: pure predicates over a person's roles there."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions.models import BOARD_ROLES, Competition, Membership, Role


def roles_in(session: Session, user, competition: Competition) -> frozenset[Role]:
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    rows = session.scalars(
        select(Membership.role).where(
            Membership.competition_id == competition.id, Membership.user_id == user.id
        )
    )
    return frozenset(Role(r) for r in rows)


def board_chair(session: Session, competition: Competition):
    """The chair of the competition's board (the first appointed, should there be several)."""
    membership = session.scalar(select(Membership).where(
        Membership.competition_id == competition.id, Membership.role == Role.CHAIR)
        .order_by(Membership.id).limit(1))
    return membership.user if membership is not None else None


def is_staff(session: Session, user, competition: Competition) -> bool:
    return bool(roles_in(session, user, competition))


def is_board(session: Session, user, competition: Competition) -> bool:
    return bool(roles_in(session, user, competition) & BOARD_ROLES)


def can_run_stages(session: Session, user, competition: Competition) -> bool:
    """The chair and the secretary move a competition through its life."""
    return bool(roles_in(session, user, competition) & {Role.CHAIR, Role.SECRETARY})


def can_open_sitting(session: Session, user, competition: Competition) -> bool:
    """The proctor opens the room on the day; the chair and the secretary may open it too."""
    return bool(roles_in(session, user, competition) & {Role.CHAIR, Role.SECRETARY, Role.PROCTOR})


def can_enter(session: Session, user, competition: Competition, target) -> bool:
    """Who may move a competition into ``target``: the chair and the secretary every stage,
    the proctor the sitting only (through its own action, which checks the papers)."""
    from exam.competitions.models import Stage

    if can_run_stages(session, user, competition):
        return True
    return target == Stage.SITTING and can_open_sitting(session, user, competition)


def can_set_rules(session: Session, user, competition: Competition) -> bool:
    return bool(getattr(user, "is_admin", False)) or can_run_stages(session, user, competition)


def can_appoint(session: Session, user, competition: Competition, role: Role) -> bool:
    """The administrator appoints anyone; the chair appoints staff below the board, never the
    appointing authority's signers (the board does not choose who decides on its ranking)."""
    if getattr(user, "is_admin", False):
        return True
    return (role not in BOARD_ROLES and role != Role.APPOINTING_AUTHORITY
            and Role.CHAIR in roles_in(session, user, competition))


def can_review_applications(session: Session, user, competition: Competition) -> bool:
    return is_board(session, user, competition)


# ----------------------------------------------------- candidate or staff, never both at once
# The question bank serves every competition, so separation holds across the whole install.

BANK_ROLES = frozenset({Role.QUESTION_AUTHOR})


def _unfinished():
    from exam.competitions.models import Stage

    return Competition.stage != Stage.FINAL_RESULTS


def has_live_application(session: Session, user) -> bool:
    """A candidacy still in play: submitted or accepted, its competition not yet finished
    (final results). A rejected application no longer makes anyone a candidate."""
    from exam.registration.models import Application, ApplicationStatus

    if user is None or getattr(user, "id", None) is None:
        return False
    return session.scalar(
        select(Application.id).join(Competition, Application.competition_id == Competition.id)
        .where(Application.user_id == user.id,
               Application.status.in_([ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED]),
               _unfinished()).limit(1)) is not None


def holds_bank_role(session: Session, user) -> bool:
    """A question author anywhere reaches the whole bank, whatever stage their competition is in."""
    return session.scalar(select(Membership.id).where(
        Membership.user_id == user.id, Membership.role.in_(sorted(BANK_ROLES))).limit(1)) is not None


def serves_on_unfinished_staff(session: Session, user) -> bool:
    return session.scalar(
        select(Membership.id).join(Competition, Membership.competition_id == Competition.id)
        .where(Membership.user_id == user.id, _unfinished()).limit(1)) is not None
