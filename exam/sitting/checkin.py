"""Check-in before the start, and the start as a key.

During the check-in window (``SittingSetup.checkin_minutes`` before the sitting opens) a
candidate checks in: their attempt is made, not started, and their paper is rendered once
and encrypted with AES-256-GCM under a fresh key of its own (``SealedPaper``). The page holds
the ciphertext before the start; nobody can read it, the candidate included.

At the start the page asks for the key (``release_paper_key``): the server's clock alone
decides, with the rules of a start (the proctor's "present" mark in a competition sat in
rooms, the late-entry limit or the proctor's late admission, the room's network). The first
release is the attempt's start: the candidate's time counts from it. A browser without
JavaScript or WebCrypto (plain HTTP on a LAN address) starts with the form instead
(``start_sitting``), under the same rule, and reads the paper rendered by the server.
"""

from __future__ import annotations

import base64
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from exam.accounts import session_rules
from exam.accounts.models import User
from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, NotFound, PermissionDenied, require
from exam.registration.models import Application, ApplicationStatus
from exam.rooms.models import CheckIn, ExamRoom, SeatAssignment
from exam.sitting import attempts, service
from exam.sitting.models import Attempt, LateAdmission, Paper, SealedPaper, SittingSetup

LOCALES = ("vi", "en")
KEY_BYTES = 32
NONCE_BYTES = 12
PAD_BYTES = 16 * 1024

# (paper lines, locale) -> the HTML of the questions as the candidate's page shows them
PaperRenderer = Callable[[list, str], str]


class NotYet(Conflict):
    """The key was asked for before the start; ``wait_seconds`` until it."""

    def __init__(self, message: str, wait_seconds: float):
        super().__init__(message)
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class KeyRelease:
    key_b64: str
    started_at: datetime
    deadline: datetime
    remaining_seconds: int
    is_first_release: bool


def checkin_opens_at(competition: Competition, setup: SittingSetup) -> datetime:
    return competition.sitting_opens_at - timedelta(minutes=setup.checkin_minutes)


def is_checkin_window(competition: Competition, setup: SittingSetup, now: datetime) -> bool:
    return (competition.stage == Stage.SITTING and not competition.is_suspended
            and competition.sitting_opens_at is not None
            and checkin_opens_at(competition, setup) <= now < competition.sitting_opens_at)


def aad(attempt_id: int, locale: str) -> bytes:
    """What the ciphertext is bound to: a blob cannot be passed off as another attempt's."""
    return f"thituyen-paper-v1|{attempt_id}|{locale}".encode()


def seal_paper(session: Session, attempt: Attempt, render: PaperRenderer, *,
               now: datetime) -> SealedPaper:
    """Render the paper once per language and encrypt it under a new key."""
    key = AESGCM.generate_key(bit_length=8 * KEY_BYTES)
    lines = attempts.paper_lines(session, attempt)
    blobs = {}
    for locale in LOCALES:
        nonce = os.urandom(NONCE_BYTES)
        plain = render(lines, locale).encode("utf-8")
        plain += b" " * (-len(plain) % PAD_BYTES)  # the length says no more than a bucket
        sealed = AESGCM(key).encrypt(nonce, plain, aad(attempt.id, locale))
        blobs[locale] = base64.b64encode(nonce + sealed).decode("ascii")
    paper = SealedPaper(attempt_id=attempt.id, paper_key=key.hex(), blobs=blobs, sealed_at=now)
    session.add(paper)
    session.flush()
    return paper


def sealed_paper_of(session: Session, attempt: Attempt) -> SealedPaper | None:
    return session.get(SealedPaper, attempt.id)


def check_in(session: Session, actor, competition: Competition, *, access_code: str = "",
             address: str = "", render: PaperRenderer, now: datetime) -> Attempt:
    """Within the check-in window: the attempt, not started, with its paper sealed. Checking
    in again changes nothing."""
    application = attempts.application_of(session, actor, competition)
    existing = attempts.attempt_of(session, application)
    if existing is not None:
        require(existing.submitted_at is None, _("You have already submitted your paper."),
                Conflict)
        return existing
    setup = service.setup_of(session, competition)
    require(competition.stage == Stage.SITTING and not competition.is_suspended
            and competition.sitting_opens_at is not None, _("The sitting is not open."),
            Conflict)
    require(now < competition.sitting_opens_at,
            _("The test has started: start it now."), Conflict)
    require(now >= checkin_opens_at(competition, setup),
            _("Check-in opens at %(time)s.", time=format_datetime(
                checkin_opens_at(competition, setup), "HH:mm")), Conflict)
    attempts.check_room_rules(setup, access_code=access_code, address=address)
    paper = session.scalar(select(Paper).where(Paper.application_id == application.id))
    require(paper is not None, _("No paper was drawn for you. Ask the proctor."), Conflict)
    attempt = Attempt(paper_id=paper.id, competition_id=competition.id,
                      application_id=application.id, started_at=None, checked_in_at=now,
                      is_start_logged=False,
                      duration_seconds=service.duration_seconds(session, competition),
                      extra_seconds=0, start_address=address[:64], position=1)
    session.add(attempt)
    session.flush()
    seal_paper(session, attempt, render, now=now)
    audit.record(session, actor, "sitting.checked_in", at=now, competition=competition,
                 target=attempt, payload={"candidate_number": application.candidate_number})
    return attempt


class KeyStatements(Protocol):
    """The key release's three statements on some connection: SQLAlchemy's for the Flask
    route and the start form, a pooled psycopg connection for the lean path
    (``exam.sitting.lean``). Both run the statements of ``key_statements``."""

    def row(self, attempt_id: int, competition_id: int): ...

    def claim(self, attempt_id: int, now: datetime, duration: int) -> bool: ...

    def reread(self, attempt_id: int) -> tuple[datetime, int]: ...


class SqlKeyStatements:
    def __init__(self, conn: Connection):
        self.conn = conn

    def row(self, attempt_id: int, competition_id: int):
        return self.conn.execute(key_statements()[0], {"attempt_id": attempt_id,
                                                        "competition_id": competition_id}).first()

    def claim(self, attempt_id: int, now: datetime, duration: int) -> bool:
        return self.conn.execute(key_statements()[1], {"attempt_id": attempt_id, "now": now,
                                                        "duration": duration}).rowcount == 1

    def reread(self, attempt_id: int) -> tuple[datetime, int]:
        return tuple(self.conn.execute(key_statements()[2], {"attempt_id": attempt_id}).one())


def release_paper_key(conn: Connection, *, user_id: int, competition_id: int, attempt_id: int,
                      address: str, now: datetime) -> KeyRelease:
    """The key release on the request's own SQLAlchemy connection (see ``release_key``)."""
    return release_key(SqlKeyStatements(conn), user_id=user_id, competition_id=competition_id,
                       attempt_id=attempt_id, address=address, now=now)


def release_key(statements: KeyStatements, *, user_id: int, competition_id: int,
                attempt_id: int, address: str, now: datetime,
                signed_in_at: float | None = None) -> KeyRelease:
    """The start: the paper's key, by the server's clock and the rules of a start, to the
    attempt's own candidate. The first release starts the attempt (one guarded UPDATE);
    later ones (a reload, a second tab) return the same key and the same start.

    Plain SQL in two statements, no ORM and no audit lock, so thousands of candidates can
    start in the same second; ``attempts.log_released_starts`` writes the audit entries
    after. ``signed_in_at``: the session's sign-in time, refused when its holder has since
    signed out everywhere (the Flask route checks that before any view runs)."""
    row = statements.row(attempt_id, competition_id)
    # Thousands of these run in the start's second: refusals are worded only when they happen.
    if row is None:
        raise NotFound(_("No such attempt."))
    if row.user_id != user_id or row.status != ApplicationStatus.ACCEPTED:
        raise PermissionDenied(_("This is not your paper."))
    if signed_in_at is not None and session_rules.is_revoked(signed_in_at,
                                                             row.sessions_revoked_at):
        raise PermissionDenied(_("Please sign in again."))
    if row.submitted_at is not None:
        raise Conflict(_("You have already submitted your paper."))
    started_at, duration = row.started_at, row.duration_seconds
    is_first = started_at is None
    if is_first:
        duration = _start_allowed(row, address, now)
        if statements.claim(attempt_id, now, duration):
            started_at = now
        else:
            is_first = False
            started_at, duration = statements.reread(attempt_id)
    ends = started_at + timedelta(seconds=duration + row.extra_seconds)
    return KeyRelease(base64.b64encode(bytes.fromhex(row.paper_key)).decode("ascii"),
                      started_at, ends, max(0, int((ends - now).total_seconds())), is_first)


@functools.cache
def key_statements():
    """The key release's three statements, built once per process (it runs in a storm)."""
    a, app, c = Attempt.__table__, Application.__table__, Competition.__table__
    u = User.__table__
    s, sp, ci, la = (SittingSetup.__table__, SealedPaper.__table__, CheckIn.__table__,
                     LateAdmission.__table__)
    room, seat = ExamRoom.__table__, SeatAssignment.__table__
    any_room = room.alias("any_room")
    row = (select(a.c.started_at, a.c.duration_seconds, a.c.extra_seconds, a.c.submitted_at,
                  app.c.user_id, app.c.status, u.c.sessions_revoked_at, c.c.stage,
                  c.c.is_suspended, c.c.sitting_opens_at,
                  c.c.sitting_closes_at, s.c.late_entry_minutes, s.c.allowed_networks,
                  sp.c.paper_key, ci.c.status.label("presence"), la.c.id.label("admission"),
                  room.c.session_starts_at,
                  exists().where(any_room.c.competition_id == a.c.competition_id)
                  .label("uses_rooms"))
           .join(app, app.c.id == a.c.application_id)
           .join(u, u.c.id == app.c.user_id)
           .join(c, c.c.id == a.c.competition_id)
           .join(sp, sp.c.attempt_id == a.c.id)
           .outerjoin(s, s.c.competition_id == a.c.competition_id)
           .outerjoin(ci, ci.c.application_id == a.c.application_id)
           .outerjoin(la, la.c.application_id == a.c.application_id)
           .outerjoin(seat, seat.c.application_id == a.c.application_id)
           .outerjoin(room, room.c.id == seat.c.room_id)
           .where(a.c.id == bindparam("attempt_id"),
                  a.c.competition_id == bindparam("competition_id")))
    claim = (update(a).where(a.c.id == bindparam("attempt_id"), a.c.started_at.is_(None))
             .values(started_at=bindparam("now", type_=a.c.started_at.type),
                     duration_seconds=bindparam("duration")))
    reread = select(a.c.started_at, a.c.duration_seconds).where(a.c.id == bindparam("attempt_id"))
    return row, claim, reread


def _start_allowed(row, address: str, now: datetime) -> int:
    """The rules of a start, as ``attempts.start_attempt`` applies them; the time allowed."""
    if row.stage != Stage.SITTING or row.is_suspended:
        raise Conflict(_("The sitting is not open."))
    opens, closes = row.sitting_opens_at, row.sitting_closes_at
    starts = max(opens, row.session_starts_at or opens)
    if now < starts:
        raise NotYet(_("The test starts at %(time)s.", time=format_datetime(starts, "HH:mm:ss")),
                     (starts - now).total_seconds())
    if now >= closes:
        raise Conflict(_("The sitting window has closed."))
    if row.uses_rooms and row.presence != "present":
        raise Conflict(_("The proctor has not marked you present. Show your ID card at the door."))
    late_minutes = 15 if row.late_entry_minutes is None else row.late_entry_minutes
    late_closes = attempts.entry_closes_at(opens, late_minutes, row.session_starts_at)
    if now > late_closes and row.admission is None:
        raise Conflict(_("Late entry closed at %(time)s. Ask the proctor to admit you.",
                         time=format_datetime(late_closes, "HH:mm")))
    if not attempts.address_allowed(row.allowed_networks or "", address):
        raise PermissionDenied(_("This sitting can only be started from the exam room's network."))
    return attempts.time_left(closes, row.duration_seconds, now, row.session_starts_at)


def start_sitting(session: Session, actor, competition: Competition, *, access_code: str = "",
                  address: str = "", now: datetime) -> Attempt:
    """The start form (no JavaScript, no WebCrypto): a checked-in candidate's key is
    released and the start logged at once; anyone else starts as before check-in existed."""
    application = attempts.application_of(session, actor, competition)
    existing = attempts.attempt_of(session, application)
    if existing is None or existing.is_started or existing.submitted_at is not None:
        return attempts.start_attempt(session, actor, competition, access_code=access_code,
                                      address=address, now=now)
    release_paper_key(session.connection(), user_id=actor.id, competition_id=competition.id,
                      attempt_id=existing.id, address=address, now=now)
    session.expire(existing)
    attempts.log_start(session, existing)
    return existing
