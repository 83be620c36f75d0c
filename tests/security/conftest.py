"""A second app on the same test database, for controls the shared test app turns off
(CSRF, rate limits, secure cookies)."""

from __future__ import annotations

from contextlib import contextmanager

from exam.web import limiter
from tests.audit.conftest import key_folder, signing_key  # noqa: F401  (shared fixtures)
from tests.conftest import make_test_app


@contextmanager
def dedicated_app(app, tmp_path, **config):
    """An app with `config`, sharing the rolled-back connection of the `db` fixture.

    Flask-Limiter keeps one `enabled` flag on its single Limiter object (each request now sets
    it from its own app); it is put back afterwards all the same.
    """
    enabled = limiter.enabled
    other = make_test_app(app.config["DATABASE_URL"], tmp_path, **config)
    database = other.extensions["thituyen_db"]
    own_engine = database.engine
    database.sessionmaker = app.extensions["thituyen_db"].sessionmaker
    try:
        with other.app_context():
            yield other
    finally:
        limiter.enabled = enabled
        own_engine.dispose()
