"""Shared fixtures: one migrated database per run, one rolled-back transaction per test.

DATABASE_URL picks PostgreSQL; the suite then creates a throwaway database on that server
(and drops it at the end) so runs never see each other's rows. Without it, SQLite in a
temporary folder.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy.orm import sessionmaker

from benchmarks.pgtemp import throwaway_database
from exam import create_app
from exam.db import utcnow
from exam.migrate import upgrade


@contextmanager
def fresh_database(tmp_dir, label: str):
    """A new, empty database for this run: a file on SQLite, a created database on PostgreSQL."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_dir}/{label}.sqlite"
        return
    with throwaway_database(base, label) as url:
        yield url


def make_test_app(database_url: str, tmp_dir, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "UPLOAD_FOLDER": str(tmp_dir / "uploads"),
        "MAIL_FOLDER": str(tmp_dir / "mail"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_BASE_URL": "http://testserver",
        "RECEIPT_INLINE_AFTER_SECONDS": 0,  # no worker runs in tests: the page prepares it
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    tmp_dir = tmp_path_factory.mktemp("app")
    with fresh_database(tmp_dir, "unit") as url:
        upgrade(url)
        application = make_test_app(url, tmp_dir)
        yield application
        application.extensions["thituyen_db"].engine.dispose()


@pytest.fixture
def db(app):
    """A session inside a transaction that is rolled back after the test, shared with requests."""
    database = app.extensions["thituyen_db"]
    connection = database.engine.connect()
    outer = connection.begin()
    original = database.sessionmaker
    database.sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    session = database.sessionmaker()
    with app.app_context():  # outside a request, messages come in CLI_LANGUAGE (English)
        yield session
    session.close()
    database.sessionmaker = original
    if outer.is_active:
        outer.rollback()
    connection.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


class Clock:
    """Moments relative to one fixed 'now', so tests read as the timeline they mean."""

    def __init__(self):
        self.now = utcnow().replace(microsecond=0)

    def days(self, n: float):
        return self.now + timedelta(days=n)

    def hours(self, n: float):
        return self.now + timedelta(hours=n)

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock():
    return Clock()


def login(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright keeps an event loop running in the main thread
    for the rest of the session, which synchronous asyncio users (pyHanko) cannot share."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)
