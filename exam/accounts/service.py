"""Accounts: registration, password checks, sign-in with lockout."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exam.accounts.models import RecoveryCode, SignInThrottle, User
from exam.audit import service as audit
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 30 ms a check on
# one core, so a room of candidates signing in together does not queue behind hashing.
hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

MIN_PASSWORD_LENGTH = 10
# A hash of a random password, checked against what is typed for an unknown email.
_UNKNOWN_EMAIL_HASH = hasher.hash(secrets.token_urlsafe(16))


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
    require(full_name, _("Please enter your full name."), InvalidInput, field="full_name")
    problems = password_problems(password, email)
    if problems:
        raise InvalidInput(" ".join(problems), field="password")
    exists = session.scalar(select(func.count()).select_from(User).where(User.email == email))
    require(not exists, _("An account with this email already exists."), Conflict,
            field="email")
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


# Wrong passwords. A stranger must not be able to lock the owner out (a rival on exam day),
# so the lock holds only for the (email, address) pair that made the guesses; across all
# addresses a slower account-wide limit only spaces attempts out, and never for an address the
# right password was typed from before. Keys are the email as typed, registered or not, so every
# answer is the same for an unknown email.
MAX_FAILED_LOGINS = 5            # per (email, address), then locked for LOCKOUT
LOCKOUT = timedelta(minutes=15)
ACCOUNT_FREE_FAILURES = 20       # per email from all addresses within LOCKOUT, then ...
ACCOUNT_SPACING = timedelta(seconds=10)  # ... one attempt per ACCOUNT_SPACING from new addresses
ANY_ADDRESS = "*"


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"thituyen-sign-in\x00{kind}\x00{value}".encode()).hexdigest()


def _find_throttle(session: Session, email_digest: str, address_digest: str):
    return session.scalar(select(SignInThrottle).where(
        SignInThrottle.email_digest == email_digest,
        SignInThrottle.address_digest == address_digest))


def _throttle(session: Session, email_digest: str, address_digest: str) -> SignInThrottle:
    """The counter row for this key, created if new (a concurrent sign-in may create it first)."""
    row = _find_throttle(session, email_digest, address_digest)
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = SignInThrottle(email_digest=email_digest, address_digest=address_digest,
                                 failures=0, signed_in_before=False)
            session.add(row)
    except IntegrityError:
        row = _find_throttle(session, email_digest, address_digest)
    return row


THROTTLE_KEPT = timedelta(days=1)


def forget_stale_throttles(session: Session, *, now: datetime) -> int:
    """Drop counters nobody has failed on for a day (emails sprayed by a guesser would
    otherwise pile up); the addresses an owner signed in from are kept."""
    result = session.execute(delete(SignInThrottle).where(
        SignInThrottle.signed_in_before.is_(False),
        SignInThrottle.last_failed_at < now - THROTTLE_KEPT,
        (SignInThrottle.locked_until.is_(None)) | (SignInThrottle.locked_until < now)))
    return result.rowcount or 0


def _count_failure(row: SignInThrottle, now: datetime) -> None:
    if row.last_failed_at is None or now - row.last_failed_at > LOCKOUT:
        row.failures = 0
    row.failures += 1
    row.last_failed_at = now


def _locked_message(until: datetime) -> str:
    return _("Too many failed attempts from this address. Try again after %(time)s.",
             time=format_datetime(until, "HH:mm"))


def authenticate(session: Session, email: str, password: str, *, address: str = "",
                 now: datetime) -> User:
    """Check the password. Five failures for one email from one address lock that pair for
    fifteen minutes; over twenty from everywhere space new addresses' attempts out."""
    failure = PermissionDenied(_("Wrong email or password."))
    try:
        email = normalise_email(email)
    except InvalidInput:
        email = unicodedata.normalize("NFC", (email or "").strip().lower())
    email_digest, address_digest = _digest("email", email), _digest("address", address or "")
    # rows are written only after a failure: a clean sign-in writes nothing (SQLite-friendly)
    pair = _find_throttle(session, email_digest, address_digest)
    everywhere = _find_throttle(session, email_digest, ANY_ADDRESS)
    if pair and pair.locked_until and pair.locked_until > now:
        raise PermissionDenied(_locked_message(pair.locked_until))
    if (everywhere and not (pair and pair.signed_in_before)
            and everywhere.failures >= ACCOUNT_FREE_FAILURES and everywhere.last_failed_at
            and now - everywhere.last_failed_at < ACCOUNT_SPACING):
        raise PermissionDenied(_("Many attempts were made on this email just now. Wait "
                                 "%(seconds)d seconds and try again.",
                                 seconds=int(ACCOUNT_SPACING.total_seconds())))
    user = session.scalar(select(User).where(User.email == email))
    try:
        # an unknown email costs the same check, so the time taken does not reveal accounts
        hasher.verify(user.password_hash if user else _UNKNOWN_EMAIL_HASH, password)
        if user is None:
            raise VerificationError
    except (VerificationError, InvalidHashError):
        pair = pair or _throttle(session, email_digest, address_digest)
        everywhere = everywhere or _throttle(session, email_digest, ANY_ADDRESS)
        _count_failure(pair, now)
        _count_failure(everywhere, now)
        if secrets.randbelow(64) == 0:  # now and then, so no request pays for it every time
            forget_stale_throttles(session, now=now)
        if pair.failures >= MAX_FAILED_LOGINS:
            pair.locked_until = now + LOCKOUT
            pair.failures = 0
            if user is not None:
                audit.record(session, user, "account.locked", at=now, target=user)
        session.flush()
        raise failure from None
    if everywhere is not None:  # this email has drawn guesses: remember the owner's address
        pair = pair or _throttle(session, email_digest, address_digest)
        pair.failures = 0
        pair.locked_until = None
        pair.signed_in_before = True
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    session.flush()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such account."))
    return user


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def find_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(_("No account with that email."))
    return user


# ---------------------------------------------------------------------- two-factor sign-in

TOTP_ISSUER = "thituyen"
RECOVERY_CODES = 10
MAX_FAILED_CODES = 5
SECOND_FACTOR_ROLES = frozenset({"chair", "secretary", "board_member", "examiner",
                                 "question_author", "appointing_authority"})


def requires_second_factor(session: Session, user: User) -> bool:
    """Whoever can tilt an outcome signs in with a second factor: administrators, inspectors,
    and anyone on a board, a panel of examiners or the question authors of any competition."""
    from exam.competitions.models import Membership

    if user.is_admin or user.is_inspector:
        return True
    return bool(session.scalar(select(func.count()).select_from(Membership).where(
        Membership.user_id == user.id, Membership.role.in_(sorted(SECOND_FACTOR_ROLES)))))


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str, issuer: str = TOTP_ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(("thituyen-recovery\x00" + _plain_code(code)).encode()).hexdigest()


def _plain_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").upper()


def _new_recovery_codes(session: Session, user: User, now: datetime) -> list[str]:
    """Ten one-time codes of 80 random bits each, shown once; only their hashes are kept."""
    codes = []
    for _i in range(RECOVERY_CODES):
        raw = base64.b32encode(secrets.token_bytes(10)).decode()
        code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
        session.add(RecoveryCode(user_id=user.id, code_hash=_recovery_hash(code), created_at=now))
        codes.append(code)
    return codes


def _totp_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """The time step `code` belongs to (this one or a neighbour), if not used before."""
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if (after is None or step > after) and hmac.compare_digest(
                totp.generate_otp(step), code):
            return step
    return None


def enrol_second_factor(session: Session, user: User, secret: str, code: str, *,
                        now: datetime) -> list[str]:
    """Turn on the authenticator once it proves it holds `secret`; return the recovery codes."""
    require(not user.totp_secret, _("Two-step sign-in is already on for this account."), Conflict)
    step = _totp_step(secret, code, now, None)
    require(step is not None, _("That code is not right. Check the time on your phone and "
                                "type the six digits the app shows now."), InvalidInput)
    user.totp_secret = secret
    user.totp_last_step = step
    codes = _new_recovery_codes(session, user, now)
    session.flush()
    audit.record(session, user, "account.two_factor_enabled", at=now, target=user)
    return codes


def check_second_factor(session: Session, user: User, code: str, *, now: datetime) -> None:
    """A code from the authenticator (each usable once) or an unused recovery code.

    Wrong codes have their own counter, which a right password does not reset: five lock the
    second step for fifteen minutes. Only someone who knows the password gets here, so a
    stranger cannot use this lock against the owner.
    """
    require(user.totp_secret, _("Two-step sign-in is not set up for this account."), Conflict)
    if user.second_factor_locked_until and user.second_factor_locked_until > now:
        raise PermissionDenied(_("Too many wrong codes. Try again after %(time)s.",
                                 time=format_datetime(user.second_factor_locked_until, "HH:mm")))
    step = _totp_step(user.totp_secret, code, now, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        user.second_factor_failures = 0
        session.flush()
        return
    recovery = session.scalar(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _recovery_hash(code),
        RecoveryCode.used_at.is_(None)))
    if recovery is not None:
        recovery.used_at = now
        user.second_factor_failures = 0
        session.flush()
        audit.record(session, user, "account.recovery_code_used", at=now, target=user)
        return
    user.second_factor_failures = (user.second_factor_failures or 0) + 1
    if user.second_factor_failures >= MAX_FAILED_CODES:
        user.second_factor_locked_until = now + LOCKOUT
        user.second_factor_failures = 0
        audit.record(session, user, "account.second_factor_locked", at=now, target=user)
    session.flush()
    raise PermissionDenied(_("That code is not right, or it was already used."))


def remaining_recovery_codes(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def sign_out_everywhere(session: Session, user: User, *, now: datetime) -> None:
    """Every session cookie issued before now stops working, copies included."""
    user.sessions_revoked_at = now
    session.flush()
    audit.record(session, user, "account.signed_out_everywhere", at=now, target=user)
