from __future__ import annotations

import pytest

from tests.results.helpers import key_folder


@pytest.fixture(scope="session")
def rooms_signing_folder(tmp_path_factory):
    return key_folder(tmp_path_factory)


@pytest.fixture
def signing_app(app, rooms_signing_folder, tmp_path):
    """The app signs with the test key and keeps sheets in a per-test folder."""
    saved = {k: app.config.get(k) for k in ("SIGNING_KEY_FOLDER", "SIGNING_PASSWORD",
                                             "SIGNED_SHEET_FOLDER")}
    app.config.update(SIGNING_KEY_FOLDER=str(rooms_signing_folder), SIGNING_PASSWORD=None,
                      SIGNED_SHEET_FOLDER=str(tmp_path / "signed"))
    yield app
    app.config.update(saved)
