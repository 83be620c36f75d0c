"""Who may read reports, act on them and take part in board votes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.competitions import permissions as competition_permissions
from exam.competitions.models import Competition, Role
from exam.oversight.models import IrregularityReport, ReportNamedPerson


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_candidate(session: Session, user, competition: Competition) -> bool:
    from exam.registration.models import Application

    return bool(session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id, Application.user_id == user.id)))


def is_inspector_for(session: Session, user, competition: Competition) -> bool:
    """An inspector oversees a competition only where they are neither staff nor candidate."""
    if not _signed_in(user) or not user.is_inspector:
        return False
    return not (competition_permissions.is_staff(session, user, competition)
                or is_candidate(session, user, competition))


def is_named_in(session: Session, user, report: IrregularityReport) -> bool:
    if not _signed_in(user):
        return False
    return bool(session.scalar(select(func.count()).select_from(ReportNamedPerson).where(
        ReportNamedPerson.report_id == report.id, ReportNamedPerson.user_id == user.id)))


def can_read_report(session: Session, user, report: IrregularityReport) -> bool:
    """Inspectors only, never a person named in the list. Not the board: a member named only in
    the free text (or able to guess the reporter from it) would read a report about themselves;
    the board learns how many reports of each kind came in (`can_see_report_counts`)."""
    if not _signed_in(user) or is_named_in(session, user, report):
        return False
    return is_inspector_for(session, user, report.competition)


def can_see_report_counts(session: Session, user, competition: Competition) -> bool:
    """The board and the competition's inspectors see how many reports of each category."""
    if not _signed_in(user):
        return False
    return (competition_permissions.is_board(session, user, competition)
            or is_inspector_for(session, user, competition))


def can_handle_report(session: Session, user, report: IrregularityReport) -> bool:
    """Only an inspector reviews, resolves and suspends: the board does not judge itself."""
    return is_inspector_for(session, user, report.competition) and not is_named_in(
        session, user, report)


def can_see_reporter(session: Session, user, report: IrregularityReport) -> bool:
    return can_handle_report(session, user, report)


def can_lift_suspension(session: Session, user, competition: Competition) -> bool:
    return is_inspector_for(session, user, competition)


def can_open_vote(session: Session, user, competition: Competition) -> bool:
    return Role.CHAIR in competition_permissions.roles_in(session, user, competition)


def can_see_votes(session: Session, user, competition: Competition) -> bool:
    """The board sees votes and who took part; the administrator and inspectors may look too."""
    if not _signed_in(user):
        return False
    return (user.is_admin or competition_permissions.is_board(session, user, competition)
            or is_inspector_for(session, user, competition))
