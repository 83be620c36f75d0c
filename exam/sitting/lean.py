"""The lean exam-day paths: the JSON save and the paper's key, answered beside Flask.

A candidate's page saves every few seconds, and at the start every page asks for its key in
the same second; through Flask each request paid for the ORM, the user load and the request
machinery (7 to 10 ms of CPU). This WSGI callable, mounted in front of the Flask app on
PostgreSQL, answers the ordinary save and the ordinary key itself, without pushing a request
context: it matches the route with Flask's URL map, opens Flask's signed session with Flask's
own session interface, checks the CSRF token as Flask-WTF does, and runs plain SQL on a
pooled psycopg connection in autocommit, so that what it answers is durable first. A save is
one prepared statement; a key is the two statements of ``checkin.release_key``, the same
function the Flask route calls.

It only ever answers "saved" or "here is your key". Everything else goes, untouched, to the
Flask route, which stays the reference: a stale or retried save, a refused key (too early,
not present, late), a session that is not plainly valid (revoked, too old, due for its role
re-check, from another browser, remembered by cookie), a body it does not read exactly, an
attempt that is not running or out of time, a question not on the paper, a database error.
The rules (grace, limits, answer validation, session expiry, the start's rules) come from
`exam.sitting.attempts`, `exam.sitting.checkin` and `exam.accounts.session_rules`; the save
statement is the one place that repeats the ownership and deadline checks in SQL, and
tests/sitting/test_lean.py drives random saves and keys through both paths to hold them to
the same answers, headers and rows.
"""

from __future__ import annotations

import atexit
import hmac
import io
import json
import logging
import os
import threading
import time
import weakref
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha512
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from flask import Flask
from flask_wtf.csrf import same_origin
from itsdangerous import BadData, URLSafeTimedSerializer
from psycopg import Error as DatabaseError
from psycopg.rows import namedtuple_row
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from exam.accounts import session_rules
from exam.db import LARGEST_DATABASE_INT, db_session, utcnow
from exam.errors import DomainError
from exam.extensions import login_manager
from exam.registration.models import ApplicationStatus
from exam.sitting import attempts, checkin, service
from exam.web import apply_security_headers

log = logging.getLogger("thituyen.lean")

# The routes answered here, by endpoint, and the ends of their paths (a cheap first filter).
ENDPOINTS = {"sitting.answer": "_save", "sitting.paper_key": "_key"}
PATH_ENDS = ("/answer", "/key")
# A save's body: the longest text answer, every character escaped, and the other fields.
BODY_LIMIT = 6 * attempts.MAX_TEXT + 4096
LINES_KEPT = 400_000  # paper lines remembered per process (a few tens of MB at most)
CSRF_SALT = "wtf-csrf-token"  # Flask-WTF's

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

# Every line of the paper a line belongs to, with the paper's length: what checking a save
# needs, read in one round trip the first time a worker sees a candidate's paper.
PAPER_LINES = """
SELECT l.id, l.item_key, l.option_order, p.id, p.competition_id, count(*) OVER ()
FROM paper_item l JOIN paper p ON p.id = l.paper_id
WHERE l.paper_id = (SELECT paper_id FROM paper_item WHERE id = %(line)s::integer)
"""

# Every hook the Flask app runs around a request, and how the lean path honours it. A hook
# not listed here fails tests/sitting/test_lean.py: decide what the lean path must do first.
KNOWN_HOOKS = {
    "before_request": {
        "flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect": "csrf_allows, same check",
        "exam.web._limiter_follows_this_app": "no rate limit applies to these routes",
        "flask_limiter._extension.Limiter._check_request_limit": "no rate limit on these routes",
        "exam.web._refuse_nul_characters": "a NUL in the query string falls through",
        "exam.web._remember_address": "the lean paths write no audit entry",
        "exam.web._forget_request_state": "no request context: nothing cached to forget",
        "exam.accounts.views._refuse_stale_sessions": "session_rules; revocation in SQL",
        "exam.rooms.views.require_safe_exam_browser": "seb.request_allowed, same rule",
    },
    "after_request": {
        "flask_limiter._extension.Limiter.__inject_headers": "no limit applies: no header",
        "flask_login.login_manager.LoginManager._update_remember_cookie":
            "a remembered session falls through",
        "exam.web._security_headers": "web.apply_security_headers, same function",
    },
    "teardown_request": {
        "exam.db._close_session": "no request context is pushed",
        "flask_limiter._extension.Limiter.__release_context": "no request context is pushed",
        "exam.web._forget_request_state": "no request context is pushed",
    },
    "teardown_appcontext": {"exam.db._close_session": "run: the app context is popped"},
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


class LeanExamDay:
    """WSGI middleware: the ordinary save and key answered here, everything else by `wsgi_app`."""

    def __init__(self, app: Flask, wsgi_app, conninfo: str, *, pool_size: int, clock=utcnow):
        self.app, self.wsgi_app, self.clock = app, wsgi_app, clock
        self.pool = ConnectionPool(conninfo, pool_size)
        self.grace_seconds = attempts.default_grace_seconds()
        self.key_sql = PsycopgKeyStatements.compile()
        # as Flask's JSON provider lays out a response: indented when debugging, else compact
        compact = app.json.compact if app.json.compact is not None else not app.debug
        self.json_layout = ({"separators": (",", ":")} if compact
                            else {"indent": 2, "separators": (", ", ": ")})
        self.session_serializer = app.session_interface.get_signing_serializer(app)
        self.session_max_age = int(app.permanent_session_lifetime.total_seconds())
        self.csrf_serializer = URLSafeTimedSerializer(
            app.config.get("WTF_CSRF_SECRET_KEY", app.secret_key), salt=CSRF_SALT)
        self.headers = {secure: self._headers_of_a_signed_in_answer(secure)
                        for secure in (False, True)}
        self.timezone = ZoneInfo(app.config.get("BABEL_DEFAULT_TIMEZONE", "UTC"))
        self.lines: dict[int, LineInfo] = {}
        self.items: dict[int, dict] = {}
        self.seb_rules: dict[int, object] = {}
        self.outcomes: Counter[str] = Counter()  # "saved", "key", or why a request fell through

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") != "POST"
                or not environ.get("PATH_INFO", "").endswith(PATH_ENDS)):
            return self.wsgi_app(environ, start_response)
        body = self._read_body(environ)
        response = None
        if body is None:
            self.outcomes["body size"] += 1
        else:
            try:
                response = self._answer(environ, body)
            except (PoolExhausted, DatabaseError) as error:  # the Flask route answers (503)
                log.warning("lean path fell through: %s", type(error).__name__)
                self.outcomes["database"] += 1
            except Exception:  # the Flask route then answers, and says what went wrong
                log.exception("lean path fell through on an error")
                self.outcomes["error"] += 1
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

    def _answer(self, environ, body: bytes):
        """The JSON answer as a WSGI response, or None when the Flask route must answer."""
        with self.app.app_context():
            request = self.app.request_class(environ)
            answered = self._route(request, body)
            if isinstance(answered, str):
                self.outcomes[answered] += 1
                return None
            kind, payload, *cookie = answered
            self.outcomes[kind] += 1
            text = f"{self.app.json.dumps(payload, **self.json_layout)}\n".encode()
        headers = [("Content-Type", self.app.json.mimetype), ("Content-Length", str(len(text))),
                   *self.headers[request.is_secure], *cookie]

        def response(_environ, start_response):
            start_response("200 OK", headers)
            return [text]
        return response

    def _open_session(self, request):
        """Flask's ``open_session`` with its serializer made once: the signed cookie's
        content, or None (no cookie, a bad signature, too old) for the Flask route to judge."""
        cookie = request.cookies.get(self.app.session_interface.get_cookie_name(self.app))
        if not cookie:
            return None
        try:
            return self.app.session_interface.session_class(
                self.session_serializer.loads(cookie, max_age=self.session_max_age))
        except BadData:
            return None

    def _session_cookie(self, session) -> tuple[str, str]:
        """The Set-Cookie of a session the lean path changed, made by Flask's own
        ``save_session`` (it needs no request)."""
        holder = self.app.response_class()
        self.app.session_interface.save_session(self.app, session, holder)
        return "Set-Cookie", holder.headers["Set-Cookie"]

    def _needs_second_factor(self, user_id: int) -> bool:
        from exam.accounts import service as accounts
        from exam.accounts.models import User

        user = db_session().get(User, user_id)
        return user is None or accounts.requires_second_factor(db_session(), user)

    @staticmethod
    def _headers_of_a_signed_in_answer(is_secure: bool) -> list[tuple[str, str]]:
        """The headers every signed-in answer carries (worked out once: a header set is
        slow to build per request), with Vary: Cookie as Flask adds it for the session."""
        headers = Headers()
        apply_security_headers(headers, is_secure=is_secure, is_signed_in=True)
        headers.add("Vary", "Cookie")
        return list(headers.items())

    def _route(self, request, body: bytes):
        """(kind, body) to answer with, or (a string) why the Flask route must answer."""
        try:
            rule, view_args = self.app.create_url_adapter(request).match(return_rule=True)
        except HTTPException:
            return "no route"
        handler = ENDPOINTS.get(rule.endpoint)
        if handler is None or not request.is_json:
            return "not a JSON exam-day request"
        if any("\x00" in value for value in request.args.values()):
            return "NUL in query"
        session = self._open_session(request)
        if session is None:
            return "session"
        if not csrf_allows(self.app, request, session, self.csrf_serializer):
            return "csrf"
        user_id, auth_at = session.get("_user_id"), session.get("auth_at")
        if user_id is None or not isinstance(auth_at, int | float) or "_remember" in session:
            return "session"
        mode = self.app.config.get("SESSION_PROTECTION", login_manager.session_protection)
        if mode in ("basic", "strong") and session.get("_id") != session_identifier(request):
            return "session protection"
        try:
            user = int(user_id)
        except ValueError:
            return "session"
        now_ts = time.time()
        if session_rules.is_too_old(auth_at, now_ts):
            return "session too old"
        renewed = session_rules.is_role_check_due(session, now_ts)
        if renewed:
            # as the stale-session hook does: the holder must still need no second factor
            if self._needs_second_factor(user):
                return "second factor now needed"
            session["role_checked_at"] = now_ts
        competition_id = view_args["competition_id"]
        if not self._browser_allowed(competition_id, request):
            return "browser rule"
        try:
            data = json.loads(body)
        except ValueError:
            return "body"
        if not isinstance(data, dict):
            return "body"
        answered = getattr(self, handler)(request, user, auth_at, competition_id, data)
        if isinstance(answered, str) or not renewed:
            return answered
        return (*answered, self._session_cookie(session))

    def _save(self, _request, user: int, auth_at: float, competition_id: int, data: dict):
        line_id, seq = data.get("paper_item_id"), data.get("seq")
        flagged, position = data.get("flagged", False), data.get("position")
        if (type(line_id) is not int or not 1 <= line_id <= LARGEST_DATABASE_INT
                or type(seq) is not int or not attempts.is_valid_client_seq(seq)
                or type(flagged) is not bool
                or (position is not None and type(position) is not int)):
            return "body"
        with self.pool.connection() as connection:
            info = self.lines.get(line_id) or self._read_paper(connection, line_id)
            if info is None or info.competition_id != competition_id:
                return "not on a paper of this competition"
            try:
                stored = attempts.stored_answer(info.item, info.line, data.get("response"))
            except DomainError:
                return "answer refused"
            if position is not None and not attempts.is_position_on_paper(
                    position, info.paper_length):
                position = None
            now = self.clock()
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
        return "saved", {"saved": True, "saved_at": self._clock_text(now),
                         "remaining": attempts.remaining_seconds(clock, now),
                         "server_now": int(now.timestamp() * 1000)}

    def _key(self, request, user: int, auth_at: float, competition_id: int, data: dict):
        attempt_id = data.get("attempt")
        if type(attempt_id) is not int or not 1 <= attempt_id <= LARGEST_DATABASE_INT:
            return "body"
        now = self.clock()
        with self.pool.connection() as connection:
            try:
                release = checkin.release_key(
                    PsycopgKeyStatements(connection, self.key_sql), user_id=user,
                    competition_id=competition_id, attempt_id=attempt_id,
                    address=request.remote_addr or "", now=now, signed_in_at=auth_at)
            except DomainError:  # too early, not present, late...: the route says so
                return "key refused"
        return "key", {"key": release.key_b64, "remaining": release.remaining_seconds,
                       "server_now": int(now.timestamp() * 1000),
                       "deadline": self._clock_text(release.deadline)}

    def _clock_text(self, moment: datetime) -> str:
        """A time as the pages print it (``format_datetime(moment, "HH:mm:ss")``: the same
        digits in every language, in the app's time zone), without Babel's cost."""
        return moment.astimezone(self.timezone).strftime("%H:%M:%S")

    def _read_paper(self, connection, line_id: int) -> LineInfo | None:
        """Every line of the line's paper, remembered; the line's own, or None."""
        rows = connection.execute(PAPER_LINES, {"line": line_id}, prepare=True).fetchall()
        if not rows:
            return None
        items = self._items(rows[0][4])
        if items is None:
            return None
        if len(self.lines) + len(rows) > LINES_KEPT:
            self.lines.clear()
        for line, item_key, option_order, paper_id, competition_id, length in rows:
            item = items.get(item_key)
            if item is not None:
                self.lines[line] = LineInfo(
                    competition_id, paper_id, item,
                    SimpleNamespace(option_order=list(option_order or [])), length)
        return self.lines.get(line_id)

    def _items(self, competition_id: int) -> dict | None:
        """The sealed items papers are drawn from; fixed once the sitting has begun."""
        from exam.competitions.models import Competition, Stage

        items = self.items.get(competition_id)
        if items is not None:
            return items
        orm = db_session()
        competition = orm.get(Competition, competition_id)
        seal = service.seal_of(orm, competition) if competition is not None else None
        if seal is None:
            return None
        items = service.snapshot_items(orm, seal)
        if competition.has_reached(Stage.SITTING):
            self.items[competition_id] = items
        return items

    def _browser_allowed(self, competition_id: int, request) -> bool:
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
        # the URL is only worked out when the rule asks for the browser's hashes of it
        return (rule is None or not rule.is_required
                or seb.request_allowed(rule, request.url, request.headers))


class PsycopgKeyStatements:
    """``checkin.key_statements`` compiled once for psycopg, run on a pooled connection."""

    def __init__(self, connection, sql: tuple[str, str, str]):
        self.connection, self.sql = connection, sql

    @staticmethod
    def compile() -> tuple[str, str, str]:
        from sqlalchemy.dialects.postgresql.psycopg import dialect

        return tuple(str(statement.compile(dialect=dialect()))
                     for statement in checkin.key_statements())

    def row(self, attempt_id: int, competition_id: int):
        with self.connection.cursor(row_factory=namedtuple_row) as cursor:
            return cursor.execute(self.sql[0], {"attempt_id": attempt_id,
                                                "competition_id": competition_id},
                                  prepare=True).fetchone()

    def claim(self, attempt_id: int, now: datetime, duration: int) -> bool:
        return self.connection.execute(self.sql[1], {"attempt_id": attempt_id, "now": now,
                                                     "duration": duration},
                                       prepare=True).rowcount == 1

    def reread(self, attempt_id: int) -> tuple[datetime, int]:
        return tuple(self.connection.execute(self.sql[2], {"attempt_id": attempt_id}).fetchone())


def csrf_allows(app: Flask, request, session, serializer=None) -> bool:
    """Flask-WTF's check of a JSON request (its `protect`, which needs a request context):
    the token from the headers, signed with the app's key, within its time limit, equal to
    the session's; over HTTPS, a referrer of this host."""
    config = app.config
    if not (config.get("WTF_CSRF_ENABLED", True) and config.get("WTF_CSRF_CHECK_DEFAULT", True)):
        return True
    if request.method not in config["WTF_CSRF_METHODS"]:
        return True
    token = next((request.headers.get(h) for h in config["WTF_CSRF_HEADERS"]
                  if request.headers.get(h)), None)
    field = config["WTF_CSRF_FIELD_NAME"]
    if not token or field not in session:
        return False
    serializer = serializer or URLSafeTimedSerializer(
        config.get("WTF_CSRF_SECRET_KEY", app.secret_key), salt=CSRF_SALT)
    try:
        signed = serializer.loads(token, max_age=config["WTF_CSRF_TIME_LIMIT"])
    except BadData:
        return False
    if not hmac.compare_digest(session[field], signed):
        return False
    return not (request.is_secure and config["WTF_CSRF_SSL_STRICT"]) or bool(
        request.referrer and same_origin(request.referrer, f"https://{request.host}/"))


def session_identifier(request) -> str:
    """Flask-Login's session identifier (address and browser) for a request not pushed."""
    address = request.headers.get("X-Forwarded-For", request.remote_addr)
    if address is not None:
        address = address.encode("utf-8").split(b",")[0].strip()
    agent = request.headers.get("User-Agent")
    if agent is not None:
        agent = agent.encode("utf-8")
    return sha512(f"{address}|{agent}".encode()).hexdigest()


def mount(app: Flask) -> LeanExamDay | None:
    """Put the lean paths in front of the app (PostgreSQL only; LEAN_AUTOSAVE=False turns
    them off). SQLite deployments keep the Flask routes for every save and key."""
    from sqlalchemy.engine import make_url

    url = make_url(app.config["DATABASE_URL"])
    if not app.config.get("LEAN_AUTOSAVE", True) or url.get_backend_name() != "postgresql":
        return None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    lean = LeanExamDay(app, app.wsgi_app, conninfo,
                        pool_size=int(app.config.get("LEAN_AUTOSAVE_POOL", 4)))
    app.wsgi_app = lean
    app.extensions["thituyen_lean"] = lean
    report = os.environ.get("THITUYEN_LEAN_REPORT")
    if report:  # the benchmark reads what each worker answered and why it fell through
        atexit.register(_report_outcomes, lean, report)
    return lean


def _report_outcomes(lean: LeanExamDay, path: str) -> None:
    with open(path, "a", encoding="utf-8") as report:
        report.write(json.dumps(dict(lean.outcomes)) + "\n")
