from __future__ import annotations

import pytest

from tests.results.helpers import key_folder


@pytest.fixture(scope="session")
def rooms_signing_folder(tmp_path_factory):
    return key_folder(tmp_path_factory)


@pytest.fixture
def signing_app(app, rooms_signing_folder):
    """The app signs with the test key."""
    saved = {k: app.config.get(k) for k in ("SIGNING_KEY_FOLDER", "SIGNING_PASSWORD")}
    app.config.update(SIGNING_KEY_FOLDER=str(rooms_signing_folder), SIGNING_PASSWORD=None)
    yield app
    app.config.update(saved)
