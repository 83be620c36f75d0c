from __future__ import annotations

import pytest

from exam.documents import keystore
from tests.results.helpers import key_folder


@pytest.fixture(scope="session")
def signing_folder(tmp_path_factory):
    return key_folder(tmp_path_factory)


@pytest.fixture
def signing_key(signing_folder):
    return keystore.organization_key(signing_folder)


@pytest.fixture
def roots(signing_folder):
    return keystore.trust_roots(signing_folder)


@pytest.fixture
def sheet_folder(app, signing_folder, tmp_path):
    """The app signs with the test key and keeps sheets in a per-test folder."""
    saved = {k: app.config.get(k) for k in ("SIGNING_KEY_FOLDER", "SIGNED_SHEET_FOLDER",
                                             "SIGNING_PASSWORD")}
    app.config.update(SIGNING_KEY_FOLDER=str(signing_folder),
                      SIGNED_SHEET_FOLDER=str(tmp_path / "signed"), SIGNING_PASSWORD=None)
    yield tmp_path / "signed"
    app.config.update(saved)
