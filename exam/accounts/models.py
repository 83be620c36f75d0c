from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from exam.db import Base, UTCDateTime


class User(UserMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_inspector: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    sessions_revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Wrong second-factor codes: only someone who knows the password reaches that step, so
    # this lock is per account (wrong passwords are counted in SignInThrottle instead).
    second_factor_failures: Mapped[int] = mapped_column(Integer, default=0)
    second_factor_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class RecoveryCode(Base):
    """A one-time code that replaces the authenticator once; only its SHA-256 is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInThrottle(Base):
    """Wrong passwords typed for one email from one address (or, with address "*", from
    anywhere): what locks a guesser out without letting a stranger lock out the owner.

    Keyed by digests of what was typed, whether or not an account has that email, so the
    answers are the same for registered and unregistered emails; no email or address is kept.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (UniqueConstraint("email_digest", "address_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email_digest: Mapped[str] = mapped_column(String(64))
    address_digest: Mapped[str] = mapped_column(String(64))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The right password was once typed from this address: the account-wide slowdown that a
    # stranger can trigger does not hold its owner back here.
    signed_in_before: Mapped[bool] = mapped_column(Boolean, default=False)
