"""Accounts: registration, password checks, sign-in with lockout."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.accounts.models import User
from exam.audit import service as audit
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require

hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidInput(_("That email address is not valid.")) from exc


def password_problems(password: str, email: str = "") -> list[str]:
    """Length over composition rules (NIST SP 800-63B), plus the obvious guesses."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("The password must have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    if len(set(password)) < 4:
        problems.append(_("The password repeats too few different characters."))
    local = email.split("@")[0].lower()
    if local and len(local) >= 4 and local in password.lower():
        problems.append(_("The password must not contain your email name."))
    if re.fullmatch(r"(0123456789|1234567890|password\d*|matkhau\d*)", password.lower()):
        problems.append(_("That password is too common."))
    return problems


def create_user(
    session: Session, *, email: str, full_name: str, password: str, now: datetime, is_admin=False
) -> User:
    email = normalise_email(email)
    full_name = unicodedata.normalize("NFC", " ".join(full_name.split()))
    require(full_name, _("Please enter your full name."), InvalidInput)
    problems = password_problems(password, email)
    if problems:
        raise InvalidInput(" ".join(problems))
    exists = session.scalar(select(func.count()).select_from(User).where(User.email == email))
    require(not exists, _("An account with this email already exists."), Conflict)
    user = User(
        email=email,
        full_name=full_name,
        password_hash=hasher.hash(password),
        is_admin=is_admin,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def register_candidate(session: Session, *, email, full_name, password, now) -> User:
    user = create_user(session, email=email, full_name=full_name, password=password, now=now)
    audit.record(session, user, "account.registered", at=now, target=user)
    return user


def create_admin(session: Session, *, email, full_name, password, now) -> User:
    user = create_user(
        session, email=email, full_name=full_name, password=password, now=now, is_admin=True
    )
    audit.record(session, None, "account.admin_created", at=now, target=user)
    return user


def authenticate(session: Session, email: str, password: str, *, now: datetime) -> User:
    """Check the password; five failures lock the account for fifteen minutes."""
    failure = PermissionDenied(_("Wrong email or password."))
    try:
        email = normalise_email(email)
    except InvalidInput:
        raise failure from None
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        hasher.hash(password)  # same work as a real check, so timing does not reveal accounts
        raise failure
    if user.locked_until and user.locked_until > now:
        raise PermissionDenied(
            _("Too many failed attempts. Try again after %(time)s UTC.",
              time=user.locked_until.strftime("%H:%M"))
        )
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
            audit.record(session, user, "account.locked", at=now, target=user)
        session.flush()
        raise failure from None
    user.failed_logins = 0
    user.locked_until = None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    session.flush()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such account."))
    return user


def find_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(_("No account with that email."))
    return user
