"""Staff invitations: an account made for a person by email, opened with a one-time link.

The administrator (or whoever may appoint the role) names the person; the account is created
with a password nobody knows, and the link lets its owner choose one. The link is signed with
the application's secret and bound to the account's current password hash: once a password
is chosen the hash changes and the link is spent, so it works once and nothing about it is
stored. It expires after INVITATION_DAYS.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.accounts import service as accounts
from exam.accounts.models import User
from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Membership, Role
from exam.errors import Conflict, DomainError, InvalidInput, require

INVITATION_DAYS = 7


class InvitationGone(DomainError):
    """A link that is spent, expired or was never issued: one answer for all three."""

    status = 410

_SALT = "thituyen-staff-invitation"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _bound_to(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def invitation_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "h": _bound_to(user)})


def invite_and_appoint(session: Session, actor: User, competition: Competition, *, email: str,
                       full_name: str, role: str, now: datetime,
                       link_for: Callable[[str], str]) -> Membership:
    """Appoint a person who has no account yet: create it, appoint, and email the link."""
    from exam.notifications import service as notifications

    role = Role(role)
    require(permissions.can_appoint(session, actor, competition, role),
            _("You may not appoint this role in this competition."))
    email = accounts.normalise_email(email or "")
    require("@" in email and "." in email.rsplit("@", 1)[-1],
            _("Enter the person's email address."), InvalidInput, field="email")
    exists = session.scalar(select(func.count()).select_from(User).where(User.email == email))
    require(not exists, _("An account with this email already exists."), Conflict, field="email")
    require(" ".join((full_name or "").split()),
            _("Give the full name of the person you invite."), InvalidInput, field="full_name")
    # A password nobody knows: the account opens only through the link.
    user = accounts.create_user(session, email=email, full_name=full_name,
                                password=secrets.token_urlsafe(32), now=now)
    audit.record(session, actor, "account.invited", at=now, competition=competition, target=user,
                 payload={"role": str(role)})
    membership = competitions.appoint(session, actor, competition, user, role, now=now)
    notifications.notify(session, user, "staff_invited", now=now, competition=competition,
                         role=str(competitions.ROLE_LABELS.get(role, role)),
                         link=link_for(invitation_token(user)), days=INVITATION_DAYS)
    return membership


def invited_user(session: Session, token: str) -> User:
    """The account the link opens, while it is unspent and fresh; otherwise one plain refusal."""
    spent = InvitationGone(_("This invitation link has expired or was already used. Ask the person "
                       "who invited you for a new one."))
    try:
        data = _serializer().loads(token, max_age=INVITATION_DAYS * 24 * 3600)
    except (SignatureExpired, BadSignature):
        raise spent from None
    user = session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not secrets.compare_digest(_bound_to(user), str(data.get("h", ""))):
        raise spent
    return user


def accept_invitation(session: Session, token: str, *, password: str, now: datetime) -> User:
    user = invited_user(session, token)
    problems = accounts.password_problems(password, user.email)
    if problems:
        raise InvalidInput(" ".join(problems), field="password")
    user.password_hash = accounts.hasher.hash(password)  # spends the link
    session.flush()
    audit.record(session, user, "account.invitation_accepted", at=now, target=user)
    return user
