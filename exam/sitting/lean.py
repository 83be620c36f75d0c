"""The lean autosave: the JSON save of exam day in one SQL statement, beside Flask.

A candidate's page saves every few seconds; through Flask each save paid for the ORM, the
user load and the request machinery (about 7 ms of CPU). This WSGI callable, mounted in
front of the Flask app on PostgreSQL, answers the ordinary save itself: it reads Flask's
signed session with Flask's own serializer, checks CSRF with Flask-WTF's own check, and
writes the save in one prepared statement on a pooled psycopg connection in autocommit, so
the save is durable (committed) before the page is told "saved".

It only ever answers "saved". Everything else goes, untouched, to the Flask route, which
stays the reference: a stale or retried save, a session that is not plainly valid (revoked,
too old, due for its role re-check, from another browser, remembered by cookie), a body it
does not read exactly, an attempt that is not running or out of time, a question not on the
paper, a database error. The rules (grace, limits, answer validation, session expiry) come
from `exam.sitting.attempts` and `exam.accounts.session_rules`; the statement is the one
place that repeats the ownership and deadline checks in SQL, and tests/sitting/test_lean.py
drives random saves through both paths to hold them to the same answers and rows.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
import weakref
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace

from flask import Flask, current_app, request, session
from flask_babel import format_datetime
from flask_wtf.csrf import CSRFError
from psycopg import Error as DatabaseError

from exam.accounts import session_rules
from exam.db import LARGEST_DATABASE_INT, db_session, utcnow
from exam.errors import DomainError
from exam.extensions import csrf, login_manager
from exam.registration.models import ApplicationStatus
from exam.sitting import attempts, service

log = logging.getLogger("thituyen.lean")

ENDPOINT = "sitting.answer"
# A save's body: the longest text answer, every character escaped, and the other fields.
BODY_LIMIT = 6 * attempts.MAX_TEXT + 4096
LINES_KEPT = 400_000  # paper lines remembered per process (a few tens of MB at most)

# One statement: the attempt is this candidate's, accepted, running and within its deadline
# plus grace, the session was not revoked since it signed in, and no newer save (or the same
# save, retried) of this question is stored; then the save is appended and the position
# moved. It answers with the attempt's clock and whether it saved.
SAVE = """
WITH target AS (
    SELECT a.id, a.started_at, a.duration_seconds, a.extra_seconds
    FROM attempt a
    JOIN application p ON p.id = a.application_id
    JOIN user_account u ON u.id = p.user_id
    LEFT JOIN sitting_setup s ON s.competition_id = a.competition_id
    WHERE a.competition_id = %(competition)s::integer AND a.paper_id = %(paper)s::integer
      AND p.user_id = %(user)s::integer AND p.status = %(accepted)s::varchar
      AND a.submitted_at IS NULL
      AND (u.sessions_revoked_at IS NULL OR u.sessions_revoked_at <= %(auth_at)s::timestamptz)
      AND %(now)s::timestamptz <= a.started_at + make_interval(
          secs => a.duration_seconds + a.extra_seconds
                  + COALESCE(s.grace_seconds, %(grace)s::integer))
),
latest AS (
    SELECT l.client_seq, l.response, l.is_flagged FROM answer_save l
    WHERE l.attempt_id = (SELECT id FROM target) AND l.paper_item_id = %(line)s::integer
    ORDER BY l.client_seq DESC, l.id DESC LIMIT 1
),
saved AS (
    INSERT INTO answer_save (attempt_id, paper_item_id, response, is_flagged, client_seq, saved_at)
    SELECT t.id, %(line)s::integer, %(response)s::text, %(flagged)s::boolean,
           %(seq)s::bigint, %(now)s::timestamptz
    FROM target t
    WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.client_seq > %(seq)s::bigint
                      OR (l.client_seq = %(seq)s::bigint AND l.response = %(response)s::text
                          AND l.is_flagged = %(flagged)s::boolean))
    RETURNING id
),
moved AS (
    UPDATE attempt SET position = %(position)s::integer
    WHERE id = (SELECT id FROM target) AND %(position)s::integer IS NOT NULL
      AND position <> %(position)s::integer AND EXISTS (SELECT 1 FROM saved)
)
SELECT t.started_at, t.duration_seconds, t.extra_seconds, EXISTS (SELECT 1 FROM saved)
FROM target t
"""

# Every hook the Flask app runs around a request, and how the lean path honours it. A hook
# not listed here fails tests/sitting/test_lean.py: decide what the lean path must do first.
KNOWN_HOOKS = {
    "before_request": {
        "flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect": "csrf.protect(), same check",
        "exam.web._limiter_follows_this_app": "no rate limit applies to the save route",
        "flask_limiter._extension.Limiter._check_request_limit": "no rate limit on the save route",
        "exam.web._refuse_nul_characters": "a NUL in the query string falls through",
        "exam.web._remember_address": "the lean path writes no audit entry",
        "exam.web._forget_request_state": "each lean request has its own context",
        "exam.accounts.views._refuse_stale_sessions": "session_rules; revocation in SQL",
        "exam.rooms.views.require_safe_exam_browser": "seb.request_allowed, same rule",
    },
    "after_request": {
        "flask_limiter._extension.Limiter.__inject_headers": "run: app.process_response",
        "flask_login.login_manager.LoginManager._update_remember_cookie": "run",
        "exam.web._security_headers": "run",
    },
    "teardown_request": {
        "exam.db._close_session": "run: the request context is popped",
        "flask_limiter._extension.Limiter.__release_context": "run",
        "exam.web._forget_request_state": "run",
    },
    "teardown_appcontext": {"exam.db._close_session": "run"},
}


@dataclass(frozen=True)
class LineInfo:
    """What checking a save needs of a paper line; a drawn paper never changes."""

    competition_id: int
    paper_id: int
    item: object
    line: SimpleNamespace  # option_order, as `attempts.stored_answer` reads it
    paper_length: int


class PoolExhausted(Exception):
    pass


class ConnectionPool:
    """A few psycopg connections in autocommit, one per serving thread at most."""

    def __init__(self, conninfo: str, size: int, wait: float = 2.0):
        self.conninfo, self.size, self.wait = conninfo, size, wait
        self._idle: list = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        # The idle connections are closed when the pool goes (an app dropped, the process
        # ending), not left for the garbage collector to find open.
        weakref.finalize(self, _close_all, self._idle)

    @contextmanager
    def connection(self):
        import psycopg

        if not self._slots.acquire(timeout=self.wait):
            raise PoolExhausted
        connection = None
        try:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None or connection.closed:
                connection = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
            yield connection
        except psycopg.Error:
            if connection is not None:
                connection.close()
                connection = None
            raise
        finally:
            if connection is not None and not connection.closed:
                with self._lock:
                    self._idle.append(connection)
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            idle = list(self._idle)
            self._idle.clear()
        _close_all(idle)


def _close_all(connections: list) -> None:
    for connection in connections:
        connection.close()


class LeanAutosave:
    """WSGI middleware: the ordinary JSON save answered here, everything else by `wsgi_app`."""

    def __init__(self, app: Flask, wsgi_app, conninfo: str, *, pool_size: int, clock=utcnow):
        self.app, self.wsgi_app, self.clock = app, wsgi_app, clock
        self.pool = ConnectionPool(conninfo, pool_size)
        self.grace_seconds = attempts.default_grace_seconds()
        self.lines: dict[int, LineInfo] = {}
        self.seb_rules: dict[int, object] = {}
        self.outcomes: Counter[str] = Counter()  # "saved" or why a save fell through

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") != "POST"
                or not environ.get("PATH_INFO", "").endswith("/answer")):
            return self.wsgi_app(environ, start_response)
        body = self._read_body(environ)
        response = None
        if body is None:
            self.outcomes["body size"] += 1
        else:
            try:
                response = self._save(dict(environ, **{"wsgi.input": io.BytesIO(body)}), body)
            except (PoolExhausted, DatabaseError) as error:  # the Flask route answers (503)
                log.warning("lean autosave fell through: %s", type(error).__name__)
                self.outcomes["database"] += 1
            except Exception:  # the Flask route then answers, and says what went wrong
                log.exception("lean autosave fell through on an error")
                self.outcomes["error"] += 1
            if response is None:
                environ["wsgi.input"] = io.BytesIO(body)
        if response is None:
            return self.wsgi_app(environ, start_response)
        return response(environ, start_response)

    @staticmethod
    def _read_body(environ) -> bytes | None:
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        if not 0 <= length <= BODY_LIMIT:
            return None
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return body if len(body) == length else None

    def _save(self, environ, body: bytes):
        with self.app.request_context(environ):
            refusal = self._why_not(body)
            if isinstance(refusal, str):
                self.outcomes[refusal] += 1
                return None
            self.outcomes["saved"] += 1
            return self.app.process_response(self.app.json.response(refusal))

    def _why_not(self, body: bytes):
        """The body to answer with, or (a string) why the Flask route must answer instead."""
        rule = request.url_rule
        if rule is None or rule.endpoint != ENDPOINT or not request.is_json:
            return "not a JSON save"
        if any("\x00" in value for value in request.args.values()):
            return "NUL in query"
        config = current_app.config
        if config.get("WTF_CSRF_ENABLED", True) and config.get("WTF_CSRF_CHECK_DEFAULT", True):
            try:
                csrf.protect()
            except CSRFError:
                return "csrf"
        user_id, auth_at = session.get("_user_id"), session.get("auth_at")
        if user_id is None or not isinstance(auth_at, int | float) or "_remember" in session:
            return "session"
        mode = config.get("SESSION_PROTECTION", login_manager.session_protection)
        if mode in ("basic", "strong") and (
                session.get("_id") != login_manager._session_identifier_generator()):
            return "session protection"
        now_ts = time.time()
        if session_rules.is_too_old(auth_at, now_ts) or session_rules.is_role_check_due(
                session, now_ts):
            return "session check due"
        competition_id = request.view_args["competition_id"]
        if not self._browser_allowed(competition_id):
            return "browser rule"
        try:
            data = json.loads(body)
        except ValueError:
            return "body"
        if not isinstance(data, dict):
            return "body"
        line_id, seq = data.get("paper_item_id"), data.get("seq")
        flagged, position = data.get("flagged", False), data.get("position")
        if (type(line_id) is not int or not 1 <= line_id <= LARGEST_DATABASE_INT
                or type(seq) is not int or not attempts.is_valid_client_seq(seq)
                or type(flagged) is not bool
                or (position is not None and type(position) is not int)):
            return "body"
        info = self._line(line_id)
        if info is None or info.competition_id != competition_id:
            return "not on a paper of this competition"
        try:
            stored = attempts.stored_answer(info.item, info.line, data.get("response"))
        except DomainError:
            return "answer refused"
        if position is not None and not attempts.is_position_on_paper(position,
                                                                       info.paper_length):
            position = None
        now = self.clock()
        try:
            user = int(user_id)
        except ValueError:
            return "session"
        with self.pool.connection() as connection:
            row = connection.execute(SAVE, {
                "competition": competition_id, "paper": info.paper_id, "user": user,
                "accepted": str(ApplicationStatus.ACCEPTED),
                "auth_at": datetime.fromtimestamp(auth_at, UTC), "now": now,
                "grace": self.grace_seconds, "line": line_id,
                "response": stored, "flagged": flagged, "seq": seq, "position": position,
            }, prepare=True).fetchone()
        if row is None:
            return "attempt not running"
        started_at, duration, extra, is_saved = row
        if not is_saved:
            return "stale or retried"
        clock = SimpleNamespace(started_at=started_at, duration_seconds=duration,
                                extra_seconds=extra, submitted_at=None)
        return {"saved": True, "saved_at": format_datetime(now, "HH:mm:ss"),
                "remaining": attempts.remaining_seconds(clock, now),
                "server_now": int(now.timestamp() * 1000)}

    def _line(self, line_id: int) -> LineInfo | None:
        info = self.lines.get(line_id)
        if info is not None:
            return info
        from exam.competitions.models import Competition
        from exam.sitting.models import PaperItem

        orm = db_session()
        line = orm.get(PaperItem, line_id)
        if line is None:
            return None
        competition = orm.get(Competition, line.paper.competition_id)
        seal = service.seal_of(orm, competition)
        if seal is None:
            return None
        item = service.snapshot_items(orm, seal).get(line.item_key)
        if item is None:
            return None
        info = LineInfo(competition.id, line.paper_id, item,
                        SimpleNamespace(option_order=list(line.option_order or [])),
                        attempts.paper_length(orm, line.paper_id))
        if len(self.lines) >= LINES_KEPT:
            self.lines.clear()
        self.lines[line_id] = info
        return info

    def _browser_allowed(self, competition_id: int) -> bool:
        """The Safe Exam Browser rule, as the rooms' hook applies it; a rule is fixed once the
        sitting has begun, so it is read once per process from then on."""
        from exam.competitions.models import Competition, Stage
        from exam.rooms import seb

        if competition_id in self.seb_rules:
            rule = self.seb_rules[competition_id]
        else:
            orm = db_session()
            competition = orm.get(Competition, competition_id)
            if competition is None:
                return False
            rule = seb.rule_of(orm, competition)
            if competition.has_reached(Stage.SITTING):
                self.seb_rules[competition_id] = rule
        return seb.request_allowed(rule, request.url, request.headers)


def mount(app: Flask) -> LeanAutosave | None:
    """Put the lean save in front of the app (PostgreSQL only; LEAN_AUTOSAVE=False turns it
    off). SQLite deployments keep the Flask route for every save."""
    from sqlalchemy.engine import make_url

    url = make_url(app.config["DATABASE_URL"])
    if not app.config.get("LEAN_AUTOSAVE", True) or url.get_backend_name() != "postgresql":
        return None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    lean = LeanAutosave(app, app.wsgi_app, conninfo,
                        pool_size=int(app.config.get("LEAN_AUTOSAVE_POOL", 4)))
    app.wsgi_app = lean
    app.extensions["thituyen_lean"] = lean
    return lean
