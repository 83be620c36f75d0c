"""The lean autosave and the Flask route agree: same answer to the page, same rows.

Random sequences of saves (ordinary, stale, retried, after the deadline, into another
candidate's paper, malformed, with a bad CSRF token, after "sign out everywhere") go to two
copies of one database: one app with the lean path in front, one without. After every step
both pages got the same answer; after the sequence both databases hold the same rows.
"""

from __future__ import annotations

import base64
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from benchmarks.pgtemp import throwaway_database
from benchmarks.seed import PASSWORD, seed_sitting
from exam.db import db_session
from exam.migrate import upgrade
from exam.sitting import attempts, lean
from exam.sitting.models import Attempt
from tests.conftest import make_test_app

POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgresql")
needs_postgres = pytest.mark.skipif(
    not POSTGRES, reason="the lean path serves PostgreSQL; SQLite keeps the Flask route")
EXAMPLES = int(os.environ.get("THITUYEN_LEAN_EXAMPLES", "25"))
QUESTION = re.compile(r'data-role="question" data-item="(\d+)" data-position="(\d+)" '
                      r'data-type="([a-z_]+)"')
CSRF = re.compile(r'data-csrf="([^"]+)"')
LOGIN_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CHOICE = ("single_choice", "true_false", "multiple_response")


def _config(tmp_path, **overrides):
    return {"WTF_CSRF_ENABLED": True, "SIGNING_KEY_FOLDER": str(tmp_path / "no-keys"),
            **overrides}


class World:
    """A seeded sitting kept as a template database; each example runs on two fresh copies."""

    def __init__(self, base_url: str, tmp_path):
        self.base_url, self.tmp_path = base_url, tmp_path
        self.admin = create_engine(make_url(base_url), isolation_level="AUTOCOMMIT")
        self.names = {}

    def database_url(self, name: str) -> str:
        return make_url(self.base_url).set(database=name).render_as_string(hide_password=False)

    def copy(self, template: str, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def open_two_apps(self, seeding, seed_url: str) -> None:
        """The seeded database copied twice: one app with the lean path, one without."""
        seeding.extensions["thituyen_db"].engine.dispose()
        if "thituyen_lean" in seeding.extensions:
            seeding.extensions["thituyen_lean"].pool.close()
        self.template = make_url(seed_url).database
        self.lean_db, self.flask_db = f"{self.template}_l", f"{self.template}_f"
        self.copy(self.template, self.lean_db)
        self.copy(self.template, self.flask_db)
        config = _config(self.tmp_path)
        self.lean_app = make_test_app(self.database_url(self.lean_db), self.tmp_path, **config)
        self.flask_app = make_test_app(self.database_url(self.flask_db), self.tmp_path,
                                       **{**config, "LEAN_AUTOSAVE": False})

    def close(self) -> None:
        for app in (self.lean_app, self.flask_app):
            app.extensions["thituyen_db"].engine.dispose()
        self.lean_app.extensions["thituyen_lean"].pool.close()
        self.drop(self.lean_db)
        self.drop(self.flask_db)
        self.admin.dispose()

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


def _signed_in_and_posted(app, email: str, competition_id: int, action: str):
    """A candidate signed in who posted the sitting's form (start or check-in): the browser
    and the paper page it then sees."""
    browser = app.test_client()
    page = browser.get("/account/login").get_data(as_text=True)
    assert browser.post("/account/login", data={
        "csrf_token": LOGIN_CSRF.search(page).group(1), "email": email,
        "password": PASSWORD}).status_code == 302
    landing = browser.get(f"/sitting/{competition_id}").get_data(as_text=True)
    assert browser.post(f"/sitting/{competition_id}/{action}", data={
        "csrf_token": LOGIN_CSRF.search(landing).group(1)}).status_code == 302
    return browser, browser.get(f"/sitting/{competition_id}/paper").get_data(as_text=True)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    if not POSTGRES:
        pytest.skip("the lean path serves PostgreSQL; SQLite keeps the Flask route")
    tmp_path = tmp_path_factory.mktemp("lean")
    base = os.environ["DATABASE_URL"]
    with throwaway_database(base, "leanseed") as seed_url:
        upgrade(seed_url)
        seeding = make_test_app(seed_url, tmp_path, **_config(tmp_path))
        with seeding.app_context():
            seeded = seed_sitting(db_session(), 3, tag="lean", progress=lambda _m: None)
        w = World(base, tmp_path)
        w.competition_id = seeded.competition_id
        clients = []
        for email in seeded.emails[:2]:  # two candidates start; the third never does
            browser, paper = _signed_in_and_posted(seeding, email, w.competition_id, "start")
            clients.append((browser, CSRF.search(paper).group(1),
                            [(int(i), int(p), t) for i, p, t in QUESTION.findall(paper)]))
        (browser, w.csrf, w.questions), (_other, _csrf, w.foreign) = clients
        w.cookie = browser.get_cookie("session").value
        with seeding.app_context():
            first = db_session().scalars(select(Attempt).order_by(Attempt.id)).first()
            w.started_at = first.started_at
            w.due = attempts.deadline(first) + timedelta(seconds=attempts.default_grace_seconds())
        w.open_two_apps(seeding, seed_url)
        assert "thituyen_lean" in w.lean_app.extensions
        assert "thituyen_lean" not in w.flask_app.extensions
        yield w
        w.close()


RESET = (
    "DELETE FROM objective_score",
    "DELETE FROM answer_save",
    "UPDATE attempt SET position = 1, submitted_at = NULL, is_auto_submitted = false, "
    "answers_sha256 = NULL, receipt_statement = NULL, receipt_signature = NULL",
    "UPDATE user_account SET sessions_revoked_at = NULL",
)


def _fresh(world) -> dict:
    """Both databases back to the seeded state: what a save, a refusal or an automatic
    submission may have written is undone (copying the template each time is too slow).
    The audit log is append-only: each app's entries are compared from its mark on."""
    marks = {}
    for app in (world.lean_app, world.flask_app):
        with app.app_context():
            session = db_session()
            for statement in RESET:
                session.execute(text(statement))
            session.commit()
            marks[app] = session.scalar(text("SELECT max(seq) FROM audit_entry"))
    return marks


# ----------------------------------------------------------------------------- the steps

BAD_BODIES = {
    "not json": ("text", "paper_item_id=1"),
    "a list": ("json", [1, 2]),
    "no question": ("json", {"response": "x", "seq": 5}),
    "question as text": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": 5}),
    "question as bool": ("json", {"paper_item_id": True, "response": "x", "seq": 5}),
    "question too large": ("json", {"paper_item_id": 2**40, "response": "x", "seq": 5}),
    "no such question": ("json", {"paper_item_id": 2**31 - 1, "response": "x", "seq": 5}),
    "seq as float": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": 5.5}),
    "negative seq": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": -1}),
    "huge seq": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": 2**62}),
    "flag as text": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": 5,
                              "flagged": "yes"}),
    "position as text": ("json", {"paper_item_id": "ITEM", "response": "x", "seq": 5,
                                  "position": "2"}),
    "number as answer": ("json", {"paper_item_id": "ITEM", "response": 7, "seq": 5}),
    "token not shown": ("json", {"paper_item_id": "ITEM", "response": ["Q"], "seq": 5}),
    "too long": ("json", {"paper_item_id": "ITEM", "response": "x" * (attempts.MAX_TEXT + 1),
                          "seq": 5}),
}

save_step = st.tuples(st.just("save"), st.integers(0, 40),
                      st.sampled_from(["A", "B", "AB", "", "text"]), st.integers(-3, 4),
                      st.booleans(), st.one_of(st.none(), st.integers(0, 60)))
STEPS = {
    "save": save_step,
    "retry": st.just(("retry",)),
    "foreign": st.tuples(st.just("foreign"), st.integers(0, 40)),
    "bad": st.tuples(st.just("bad"), st.sampled_from(sorted(BAD_BODIES)), st.integers(0, 40)),
    "clock": st.tuples(st.just("clock"), st.sampled_from([5, 60, 600])),
    "deadline": st.tuples(st.just("deadline"), st.sampled_from([-5, -1, 1, 5, 40])),
    "bad csrf": st.just(("bad csrf",)),
    "revoke": st.just(("revoke",)),
}
# Mostly saves; the steps that end a sequence's interest (revoke, past the deadline) rarely.
WEIGHTED = ["save"] * 8 + ["retry"] * 2 + ["foreign", "bad", "bad", "clock", "deadline",
                                            "deadline", "bad csrf", "revoke"]
steps = st.lists(st.sampled_from(WEIGHTED).flatmap(STEPS.__getitem__), min_size=1, max_size=14)


class Run:
    """One sequence of steps, applied alike to both apps."""

    def __init__(self, world):
        self.world = world
        self.now = world.started_at + timedelta(seconds=30)
        self.seq = 1000
        self.last = None
        self.browsers = {}
        for name, app in (("lean", world.lean_app), ("flask", world.flask_app)):
            browser = app.test_client()
            browser.set_cookie("session", world.cookie)
            self.browsers[name] = browser

    def clock(self):
        return self.now

    def request_for(self, step):
        w = self.world
        kind = step[0]
        headers = {"X-CSRFToken": w.csrf, "Accept": "application/json"}
        if kind == "save":
            _k, index, answer, seq_move, flagged, position = step
            item, _position, item_type = w.questions[index % len(w.questions)]
            if item_type in CHOICE:
                response = [] if answer in ("", "text") else sorted(set(answer))
            else:
                response = f"Trả lời {answer} {self.seq}" if answer else ""
            self.seq += seq_move
            body = {"paper_item_id": item, "response": response, "flagged": flagged,
                    "seq": self.seq}
            if position is not None:
                body["position"] = position
            self.last = ("json", body, headers)
            return self.last
        if kind == "retry" and self.last:
            return self.last
        if kind == "retry":
            return None
        if kind == "foreign":
            item, _position, _type = w.foreign[step[1] % len(w.foreign)]
            return ("json", {"paper_item_id": item, "response": "x", "seq": self.seq + 1},
                    headers)
        if kind == "bad":
            form, body = BAD_BODIES[step[1]]
            item = w.questions[step[2] % len(w.questions)][0]
            if isinstance(body, dict):
                body = {k: (item if v == "ITEM" else v) for k, v in body.items()}
            return (form, body, headers)
        if kind == "bad csrf":
            item = w.questions[0][0]
            return ("json", {"paper_item_id": item, "response": "x", "seq": self.seq + 1},
                    {**headers, "X-CSRFToken": "not-the-token"})
        return None

    def act(self, step):
        kind = step[0]
        if kind == "clock":
            self.now += timedelta(seconds=step[1])
            return None
        if kind == "deadline":
            self.now = self.world.due + timedelta(seconds=step[1])
            return None
        if kind == "revoke":
            revoked = datetime.now(UTC)
            for app in (self.world.lean_app, self.world.flask_app):
                with app.app_context():
                    db_session().execute(text(
                        "UPDATE user_account SET sessions_revoked_at = :at WHERE id = ("
                        "SELECT user_id FROM application a JOIN attempt t ON t.application_id"
                        " = a.id ORDER BY t.id LIMIT 1)"), {"at": revoked})
                    db_session().commit()
            return None
        planned = self.request_for(step)
        if planned is None:
            return None
        form, body, headers = planned
        url = f"/sitting/{self.world.competition_id}/answer"
        answers = {}
        for name, browser in self.browsers.items():
            if form == "json":
                response = browser.post(url, json=body, headers=headers)
            else:
                response = browser.post(url, data=body, headers=headers,
                                        content_type="text/plain")
            answers[name] = _page_sees(response)
        return answers


def _page_sees(response):
    """Status, body and every header (the body's length aside when the body is an HTML
    page: its CSRF token differs from app to app)."""
    headers = sorted((k, v) for k, v in response.headers.items()
                     if k != "Content-Length" or response.is_json)
    return {"status": response.status_code,
            "json": response.get_json(silent=True) if response.is_json else None,
            "headers": headers, "type": response.mimetype}


def _rows(app, mark=0):
    with app.app_context():
        session = db_session()
        return {
            "saves": session.execute(text(
                "SELECT attempt_id, paper_item_id, response, is_flagged, client_seq, saved_at "
                "FROM answer_save ORDER BY id")).all(),
            "attempts": session.execute(text(
                "SELECT id, position, submitted_at, is_auto_submitted, answers_sha256, "
                "receipt_statement FROM attempt ORDER BY id")).all(),
            "scores": session.execute(text(
                "SELECT attempt_id, paper_item_id, points FROM objective_score "
                "ORDER BY attempt_id, paper_item_id")).all(),
            "audit": session.execute(text(
                "SELECT action, competition_id, payload FROM audit_entry WHERE seq > :mark "
                "ORDER BY seq"), {"mark": mark}).all(),
        }


@needs_postgres
@settings(max_examples=EXAMPLES, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sequence=steps)
@example(sequence=[("save", 0, "A", 1, False, 2), ("save", 1, "text", 1, True, None),
                   ("retry",), ("save", 1, "text", -1, False, None),
                   ("save", 1, "B", 0, False, None)])
@example(sequence=[("deadline", -1), ("save", 2, "text", 1, False, 3), ("deadline", 1),
                   ("save", 3, "text", 1, False, None), ("save", 2, "A", 1, False, None)])
@example(sequence=[("save", 0, "A", 1, False, None), ("revoke",),
                   ("save", 0, "B", 1, False, None)])
@example(sequence=[("foreign", 0), ("bad", "token not shown", 0), ("bad", "too long", 1),
                   ("bad", "question too large", 0), ("bad csrf",),
                   ("save", 4, "AB", 1, False, 70)])
def test_the_lean_path_and_the_flask_route_agree(world, sequence):
    marks = _fresh(world)
    run = Run(world)
    lean_path = world.lean_app.extensions["thituyen_lean"]
    with mock.patch("exam.sitting.views.utcnow", run.clock), \
            mock.patch.object(lean_path, "clock", run.clock):
        for number, step in enumerate(sequence):
            answers = run.act(step)
            if answers is not None:
                assert answers["lean"] == answers["flask"], (number, step)
    assert (_rows(world.lean_app, marks[world.lean_app])
            == _rows(world.flask_app, marks[world.flask_app]))


@needs_postgres
def test_an_ordinary_save_is_answered_by_the_lean_path_and_is_in_the_database(world):
    _fresh(world)
    lean_path = world.lean_app.extensions["thituyen_lean"]
    before = lean_path.outcomes["saved"]
    item = next(i for i, _p, t in world.questions if t not in CHOICE)
    browser = world.lean_app.test_client()
    browser.set_cookie("session", world.cookie)
    url = f"/sitting/{world.competition_id}/answer"
    headers = {"X-CSRFToken": world.csrf}
    first = browser.post(url, json={"paper_item_id": item, "response": "Một", "seq": 10},
                         headers=headers)
    assert first.get_json()["saved"] is True
    assert lean_path.outcomes["saved"] == before + 1
    stale = browser.post(url, json={"paper_item_id": item, "response": "Cũ", "seq": 9},
                         headers=headers).get_json()
    assert stale["stale"] is True
    assert stale["response"] == "Một"
    assert lean_path.outcomes["saved"] == before + 1
    assert lean_path.outcomes["stale or retried"] >= 1
    assert _rows(world.lean_app)["saves"][-1][2] == '"Một"'


@needs_postgres
def test_a_save_from_another_browser_goes_to_the_flask_route(world):
    """Session protection: a cookie carried to another browser is not taken at face value."""
    _fresh(world)
    lean_path = world.lean_app.extensions["thituyen_lean"]
    before = lean_path.outcomes["session protection"]
    browser = world.lean_app.test_client()
    browser.set_cookie("session", world.cookie)
    item = world.questions[0][0]
    browser.post(f"/sitting/{world.competition_id}/answer",
                 json={"paper_item_id": item, "response": [], "seq": 10},
                 headers={"X-CSRFToken": world.csrf, "User-Agent": "another browser"})
    assert lean_path.outcomes["session protection"] == before + 1


def _hook_name(function) -> str:
    function = getattr(function, "func", function)  # functools.partial
    return f"{function.__module__}.{function.__qualname__}"


def _hooks(app) -> dict[str, set[str]]:
    def names(funcs):
        return {_hook_name(f) for key, fs in funcs.items() if key in (None, "sitting")
                for f in fs}

    return {"before_request": names(app.before_request_funcs),
            "after_request": names(app.after_request_funcs),
            "teardown_request": names(app.teardown_request_funcs),
            "teardown_appcontext": {_hook_name(f) for f in app.teardown_appcontext_funcs}}


@pytest.mark.parametrize("rate_limits", [True, False])
def test_the_lean_path_knows_every_hook_of_the_flask_app(tmp_path, rate_limits):
    """A new before_request hook or teardown must be looked at for the lean path first
    (and added to lean.KNOWN_HOOKS with what the lean path does about it)."""
    app = make_test_app(f"sqlite:///{tmp_path}/hooks.sqlite", tmp_path,
                        RATELIMIT_ENABLED=rate_limits)
    found = _hooks(app)
    for kind, hooks in found.items():
        assert hooks <= set(lean.KNOWN_HOOKS[kind]), (kind, hooks - set(lean.KNOWN_HOOKS[kind]))
    assert "exam.accounts.views._refuse_stale_sessions" in found["before_request"]
    assert not any(key in (None, "sitting") for key in app.url_value_preprocessors)


def test_the_lean_routes_are_guarded_by_the_browser_rule_and_csrf_as_the_lean_path_assumes(
        tmp_path):
    from exam.extensions import csrf
    from exam.rooms.views import SEB_GUARDED

    app = make_test_app(f"sqlite:///{tmp_path}/lean.sqlite", tmp_path)
    assert set(lean.ENDPOINTS) <= SEB_GUARDED
    for endpoint in lean.ENDPOINTS:
        view = app.view_functions[endpoint]
        assert f"{view.__module__}.{view.__name__}" not in csrf._exempt_views
        assert endpoint.split(".")[0] not in {b.name for b in csrf._exempt_blueprints}


def test_on_sqlite_every_save_takes_the_flask_route(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path}/lean.sqlite", tmp_path)
    assert "thituyen_lean" not in app.extensions
    assert not isinstance(app.wsgi_app, lean.LeanExamDay)


def test_the_pools_of_every_worker_fit_in_postgresqls_default_connections(tmp_path):
    """gunicorn.conf.py's workers, each with its Flask pool and its lean pool, leave room
    under PostgreSQL's default 100 connections for cron, the command line and a second host."""
    import runpy

    from exam.config import engine_options

    gunicorn = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    app = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path)
    options = engine_options(app.config)
    per_worker = (options["pool_size"] + options["max_overflow"]
                  + app.config["LEAN_AUTOSAVE_POOL"])
    assert options["pool_size"] >= gunicorn["threads"]
    assert app.config["LEAN_AUTOSAVE_POOL"] >= gunicorn["threads"]
    assert gunicorn["workers"] * per_worker <= 50
    app.extensions["thituyen_lean"].pool.close()


# ----------------------------------------------------------------------------- the key

SEALED = {name: re.compile(rf'data-{name}="([^"]*)"') for name in ("attempt", "csrf")}
KEY_RESET = ("UPDATE attempt SET started_at = NULL, duration_seconds = :duration",
             "UPDATE user_account SET sessions_revoked_at = NULL")


@pytest.fixture(scope="module")
def keyworld(tmp_path_factory):
    """Two candidates checked in, ten minutes before the start; two copies of the database."""
    if not POSTGRES:
        pytest.skip("the lean path serves PostgreSQL; SQLite keeps the Flask route")
    from exam.competitions.models import Competition

    tmp_path = tmp_path_factory.mktemp("leankey")
    base = os.environ["DATABASE_URL"]
    with throwaway_database(base, "leankey") as seed_url:
        upgrade(seed_url)
        seeding = make_test_app(seed_url, tmp_path, **_config(tmp_path))
        with seeding.app_context():
            seeded = seed_sitting(db_session(), 3, tag="leankey", progress=lambda _m: None)
            competition = db_session().get(Competition, seeded.competition_id)
            competition.sitting_opens_at = datetime.now(UTC) + timedelta(minutes=10)
            w = World(base, tmp_path)
            w.competition_id, w.opens = competition.id, competition.sitting_opens_at
            db_session().commit()
        sealed = []
        for email in seeded.emails[:2]:
            browser, page = _signed_in_and_posted(seeding, email, w.competition_id, "check-in")
            sealed.append((browser.get_cookie("session").value,
                           *(SEALED[n].search(page).group(1) for n in ("attempt", "csrf"))))
        (w.cookie, w.attempt, w.csrf), (_cookie, w.foreign, _csrf) = sealed
        w.attempt, w.foreign = int(w.attempt), int(w.foreign)
        with seeding.app_context():
            w.duration = db_session().get(Attempt, w.attempt).duration_seconds
        w.open_two_apps(seeding, seed_url)
        yield w
        w.close()


key_steps = st.lists(st.one_of(
    st.tuples(st.just("key"), st.sampled_from(["own", "own", "own", "foreign"])),
    st.tuples(st.just("clock"), st.sampled_from([-90, -1, 0, 1, 30, 16 * 60, 4 * 3600])),
    st.tuples(st.just("bad"), st.sampled_from(["csrf", "attempt as text", "no attempt",
                                               "attempt as bool", "not json"])),
    st.just(("revoke",))), min_size=1, max_size=8)


@needs_postgres
@settings(max_examples=EXAMPLES, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sequence=key_steps)
@example(sequence=[("key", "own"), ("clock", 1), ("key", "own"), ("key", "own"),
                   ("key", "foreign"), ("clock", 30), ("key", "own")])
@example(sequence=[("clock", 16 * 60), ("key", "own"), ("clock", 1), ("bad", "csrf"),
                   ("revoke",), ("key", "own")])
def test_the_lean_key_and_the_flask_route_agree(keyworld, sequence):
    """Before the start, at it, again, late, too late, someone else's paper, bad requests,
    after "sign out everywhere": the same answer, the same headers, the same start kept."""
    w = keyworld
    marks = {}
    for app in (w.lean_app, w.flask_app):
        with app.app_context():
            for statement in KEY_RESET:
                db_session().execute(text(statement), {"duration": w.duration})
            db_session().commit()
            marks[app] = db_session().scalar(text("SELECT max(seq) FROM audit_entry"))
    now = [w.opens - timedelta(minutes=2)]
    lean_path = w.lean_app.extensions["thituyen_lean"]
    browsers = {}
    for name, app in (("lean", w.lean_app), ("flask", w.flask_app)):
        browsers[name] = app.test_client()
        browsers[name].set_cookie("session", w.cookie)
    url = f"/sitting/{w.competition_id}/key"
    headers = {"X-CSRFToken": w.csrf, "Accept": "application/json"}
    bad = {"csrf": ({"attempt": w.attempt}, {**headers, "X-CSRFToken": "forged"}),
           "attempt as text": ({"attempt": str(w.attempt)}, headers),
           "no attempt": ({}, headers), "attempt as bool": ({"attempt": True}, headers),
           "not json": (None, headers)}
    with mock.patch("exam.sitting.views.utcnow", side_effect=lambda: now[0]), \
            mock.patch.object(lean_path, "clock", side_effect=lambda: now[0]):
        for number, step in enumerate(sequence):
            if step[0] == "clock":
                now[0] = w.opens + timedelta(seconds=step[1])
                continue
            if step[0] == "revoke":
                for app in (w.lean_app, w.flask_app):
                    with app.app_context():
                        db_session().execute(text(
                            "UPDATE user_account SET sessions_revoked_at = :at WHERE id = ("
                            "SELECT a.user_id FROM application a JOIN attempt t ON "
                            "t.application_id = a.id WHERE t.id = :attempt)"),
                            {"at": datetime.now(UTC), "attempt": w.attempt})
                        db_session().commit()
                continue
            if step[0] == "key":
                body = {"attempt": w.attempt if step[1] == "own" else w.foreign}
                sent = (body, headers)
            else:
                sent = bad[step[1]]
            answers = {}
            for name, browser in browsers.items():
                if sent[0] is None:
                    response = browser.post(url, data="attempt=1", headers=sent[1],
                                            content_type="text/plain")
                else:
                    response = browser.post(url, json=sent[0], headers=sent[1])
                answers[name] = _page_sees(response)
            assert answers["lean"] == answers["flask"], (number, step)

    def starts(app):
        with app.app_context():
            return (db_session().execute(text(
                "SELECT id, started_at, duration_seconds FROM attempt ORDER BY id")).all(),
                db_session().execute(text(
                    "SELECT action, payload FROM audit_entry WHERE seq > :mark ORDER BY seq"),
                    {"mark": marks[app]}).all())

    assert starts(w.lean_app) == starts(w.flask_app)


@needs_postgres
def test_the_ordinary_key_is_answered_by_the_lean_path(keyworld):
    w = keyworld
    with w.lean_app.app_context():
        for statement in KEY_RESET:
            db_session().execute(text(statement), {"duration": w.duration})
        db_session().commit()
    lean_path = w.lean_app.extensions["thituyen_lean"]
    before = dict(lean_path.outcomes)
    browser = w.lean_app.test_client()
    browser.set_cookie("session", w.cookie)
    url = f"/sitting/{w.competition_id}/key"
    headers = {"X-CSRFToken": w.csrf}
    at = [w.opens - timedelta(seconds=5)]
    with mock.patch("exam.sitting.views.utcnow", side_effect=lambda: at[0]), \
            mock.patch.object(lean_path, "clock", side_effect=lambda: at[0]):
        early = browser.post(url, json={"attempt": w.attempt}, headers=headers)
        assert early.status_code == 409
        assert early.get_json()["wait_ms"] == 5001
        assert lean_path.outcomes["key refused"] == before.get("key refused", 0) + 1
        at[0] = w.opens + timedelta(seconds=2)
        first = browser.post(url, json={"attempt": w.attempt}, headers=headers).get_json()
        at[0] += timedelta(seconds=10)
        again = browser.post(url, json={"attempt": w.attempt}, headers=headers).get_json()
    assert first["key"] == again["key"]
    assert len(base64.b64decode(first["key"])) == 32
    assert again["remaining"] == first["remaining"] - 10
    assert lean_path.outcomes["key"] == before.get("key", 0) + 2
    with w.lean_app.app_context():
        started = db_session().get(Attempt, w.attempt).started_at
    assert started == w.opens + timedelta(seconds=2)


# ------------------------------------------------- the checks the lean path makes without Flask

CSRF_CASES = {
    "the page's token": ("http", "token", None, True),
    "the other header": ("http", "other header", None, True),
    "a forged token": ("http", "forged", None, False),
    "no token": ("http", None, None, False),
    "HTTPS from this host": ("https", "token", "https://exam.example/sitting/1/paper", True),
    "HTTPS from another host": ("https", "token", "https://evil.example/", False),
    "HTTPS without referrer": ("https", "token", None, False),
}


@pytest.mark.parametrize("case", sorted(CSRF_CASES))
def test_the_lean_csrf_check_decides_as_flask_wtf(tmp_path, case):
    from flask import request, session
    from flask_wtf.csrf import CSRFError, generate_csrf

    from exam.extensions import csrf

    scheme, token_kind, referrer, expected = CSRF_CASES[case]
    app = make_test_app(f"sqlite:///{tmp_path}/csrf.sqlite", tmp_path, WTF_CSRF_ENABLED=True)
    with app.test_request_context():
        token = generate_csrf()
        kept = dict(session)
    headers = {"X-CSRFToken": {"token": token, "forged": token[:-2] + "xx"}.get(token_kind)}
    if token_kind == "other header":
        headers = {"X-CSRF-Token": token}
    if referrer:
        headers["Referer"] = referrer
    headers = {k: v for k, v in headers.items() if v}
    with app.test_request_context("/sitting/1/answer", method="POST", json={},
                                  headers=headers, base_url=f"{scheme}://exam.example"):
        session.update(kept)
        try:
            csrf.protect()
            flask_wtf_allows = True
        except CSRFError:
            flask_wtf_allows = False
        assert lean.csrf_allows(app, request._get_current_object(), session) is flask_wtf_allows
    assert flask_wtf_allows is expected


@pytest.mark.parametrize("headers", [
    {}, {"User-Agent": "Mozilla/5.0 (Cốc Cốc)"}, {"X-Forwarded-For": "10.0.0.7, 10.0.0.1"},
    {"X-Forwarded-For": "10.0.0.7", "User-Agent": "SEB/3.7"}])
def test_the_lean_session_identifier_is_flask_logins(tmp_path, headers):
    from exam.extensions import login_manager

    app = make_test_app(f"sqlite:///{tmp_path}/id.sqlite", tmp_path)
    with app.test_request_context("/", headers=headers,
                                  environ_base={"REMOTE_ADDR": "192.0.2.9"}):
        from flask import request

        assert (lean.session_identifier(request._get_current_object())
                == login_manager._session_identifier_generator())


@needs_postgres
@pytest.mark.parametrize("is_staff", [False, True])
def test_a_session_due_for_its_role_check_is_checked_on_the_lean_path_as_in_flask(world,
                                                                                 is_staff):
    """Every five minutes a password-only session is checked again (its holder may have
    joined a board since): the lean path renews it with the same cookie Flask would set, or
    leaves a new staff member to Flask, which signs them out."""
    _fresh(world)
    serializer = world.lean_app.session_interface.get_signing_serializer(world.lean_app)
    due = serializer.dumps({**serializer.loads(world.cookie), "role_checked_at": 0})
    lean_path = world.lean_app.extensions["thituyen_lean"]
    before = dict(lean_path.outcomes)
    membership = text(
        "INSERT INTO membership (competition_id, user_id, role, appointed_at) SELECT "
        ":competition, a.user_id, 'examiner', now() FROM application a JOIN attempt t ON "
        "t.application_id = a.id ORDER BY t.id LIMIT 1")
    item = next(i for i, _p, t in world.questions if t not in CHOICE)
    answers = {}
    try:
        for name, app in (("lean", world.lean_app), ("flask", world.flask_app)):
            app.config["TWO_FACTOR_REQUIRED"] = True
            if is_staff:
                with app.app_context():
                    db_session().execute(membership, {"competition": world.competition_id})
                    db_session().commit()
            browser = app.test_client()
            browser.set_cookie("session", due)
            moment = world.started_at + timedelta(seconds=30)
            with mock.patch("exam.sitting.views.utcnow", return_value=moment), \
                    mock.patch.object(lean_path, "clock", return_value=moment):
                response = browser.post(f"/sitting/{world.competition_id}/answer",
                                        json={"paper_item_id": item, "response": "Mới",
                                              "seq": 50},
                                        headers={"X-CSRFToken": world.csrf})
            cookie = browser.get_cookie("session")
            answers[name] = (response.status_code, response.get_json(silent=True),
                             serializer.loads(cookie.value) if cookie else None)
    finally:
        for app in (world.lean_app, world.flask_app):
            app.config["TWO_FACTOR_REQUIRED"] = False
            with app.app_context():
                db_session().execute(text("DELETE FROM membership WHERE role = 'examiner' "
                                          "AND competition_id = :c"), {"c": world.competition_id})
                db_session().commit()
    (status, body, renewed), (flask_status, flask_body, flask_renewed) = (answers["lean"],
                                                                          answers["flask"])
    assert (status, body) == (flask_status, flask_body)
    if is_staff:
        assert status != 200
        assert "_user_id" not in (renewed or {})
        assert lean_path.outcomes["second factor now needed"] == before.get(
            "second factor now needed", 0) + 1
    else:
        assert body["saved"] is True
        assert lean_path.outcomes["saved"] == before.get("saved", 0) + 1
        assert renewed["role_checked_at"] > 0
        assert flask_renewed["role_checked_at"] > 0
        assert ({k: v for k, v in renewed.items() if k != "role_checked_at"}
                == {k: v for k, v in flask_renewed.items() if k != "role_checked_at"})
