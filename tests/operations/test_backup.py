"""A backup that has been restored: run a competition into scoring, back it up, restore it on a
fresh instance and database, and find every check passing and the competition able to go on."""

from __future__ import annotations

import hashlib
import io
import json
import random
import tarfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from exam import create_app
from exam.db import db_session, utcnow
from exam.migrate import upgrade
from tests.conftest import fresh_database

PASSPHRASE = "drill-passphrase-2026"
pytestmark = pytest.mark.slow


def instance_app(folder, url, monkeypatch):
    """An install of its own: instance folder (keys, uploads, signed sheets, secret) and database."""
    monkeypatch.setenv("THITUYEN_INSTANCE_PATH", str(folder))
    return create_app({"TESTING": True, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False, "PUBLIC_BASE_URL": "http://testserver"})


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


@pytest.fixture
def passphrase(monkeypatch):
    monkeypatch.setenv("THITUYEN_BACKUP_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


def _receipts_pass(app) -> int:
    from exam.sitting import receipts
    from exam.sitting.models import Attempt

    with app.app_context():
        attempts = db_session().scalars(select(Attempt).where(
            Attempt.submitted_at.is_not(None))).all()
        assert attempts
        for attempt in attempts:
            assert receipts.is_receipt_signature_valid(attempt), attempt.id
            assert json.loads(attempt.receipt_statement)["answers_sha256"] == attempt.answers_sha256
        return len(attempts)


def test_restored_backup_verifies_and_the_competition_goes_on(tmp_path, monkeypatch, passphrase):
    from exam.competitions.models import Stage
    from exam.demo import run_demo
    from exam.results.demo import prepare_demo_rules, publish_demo_results
    from exam.scoring.demo import simulate_scoring
    from exam.sitting.demo import build_finished_competition

    now = utcnow().replace(microsecond=0)
    with fresh_database(tmp_path, "origin") as origin_url, \
            fresh_database(tmp_path, "restored") as restored_url:
        upgrade(origin_url)
        origin = instance_app(tmp_path / "origin", origin_url, monkeypatch)
        assert invoke(origin, "keys", "create-dev").exit_code == 0
        with origin.app_context():
            session = db_session()
            made = run_demo(session, candidates=4, now=now)
            in_scoring = build_finished_competition(session, made["cast"], now=now,
                                                    rng=random.Random(7))
            prepare_demo_rules(session, in_scoring, board_chair=made["cast"].chair)
            session.commit()
            assert in_scoring.stage == Stage.SCORING
            in_scoring_id, chair_id = in_scoring.id, made["cast"].chair.id
            sheet_name = made["signed_sheet"].name
        origin_receipts = _receipts_pass(origin)
        archive = tmp_path / "drill.tar.gz"
        result = invoke(origin, "backup", "--output", str(archive))
        assert result.exit_code == 0, result.output
        origin.extensions["thituyen_db"].engine.dispose()

        restored = instance_app(tmp_path / "restored", restored_url, monkeypatch)
        result = invoke(restored, "restore", str(archive))
        assert result.exit_code == 0, result.output
        assert invoke(restored, "db", "upgrade").exit_code == 0

        result = invoke(restored, "audit", "verify")
        assert result.exit_code == 0, result.output
        for competition_id in (made["finished"].id, in_scoring_id):
            result = invoke(restored, "verify-draw", str(competition_id))
            assert result.exit_code == 0, result.output
        sheet = tmp_path / "restored" / "signed" / sheet_name
        result = invoke(restored, "verify-pdf", str(sheet))
        assert result.exit_code == 0, result.output
        assert _receipts_pass(restored) == origin_receipts
        assert (tmp_path / "restored" / "secret_key").read_text() == \
            (tmp_path / "origin" / "secret_key").read_text()

        from exam.accounts.models import User
        from exam.competitions.models import Competition

        with restored.app_context():  # the competition in scoring goes on to a signed result
            session = db_session()
            competition = session.get(Competition, in_scoring_id)
            chair = session.get(User, chair_id)
            simulate_scoring(session, competition, board_chair=chair,
                             now=competition.sitting_closes_at + timedelta(days=1),
                             rng=random.Random(8))
            new_sheet = publish_demo_results(session, competition, board_chair=chair, now=now)
            session.commit()
            assert competition.stage == Stage.FINAL_RESULTS
        result = invoke(restored, "verify-pdf", str(new_sheet))
        assert result.exit_code == 0, result.output
        result = invoke(restored, "audit", "verify")
        assert result.exit_code == 0, result.output
        restored.extensions["thituyen_db"].engine.dispose()


@pytest.fixture
def small_backup(tmp_path, monkeypatch, passphrase):
    """An install with keys and one uploaded file, backed up; yields the archive and a maker of
    fresh instances."""
    with fresh_database(tmp_path, "small") as url, fresh_database(tmp_path, "target") as target:
        upgrade(url)
        origin = instance_app(tmp_path / "small", url, monkeypatch)
        assert invoke(origin, "keys", "create-dev").exit_code == 0
        (tmp_path / "small" / "uploads").mkdir()
        (tmp_path / "small" / "uploads" / "cv.pdf").write_bytes(b"%PDF-1.4 a CV")
        archive = tmp_path / "small.tar.gz"
        assert invoke(origin, "backup", "--output", str(archive)).exit_code == 0
        origin.extensions["thituyen_db"].engine.dispose()
        app = instance_app(tmp_path / "target", target, monkeypatch)
        yield archive, app
        app.extensions["thituyen_db"].engine.dispose()


def _table_count(app) -> int:
    from sqlalchemy import inspect

    with app.app_context():
        return len(inspect(db_session().connection()).get_table_names())


def test_wrong_passphrase_restores_nothing(small_backup, tmp_path, monkeypatch):
    archive, app = small_backup
    monkeypatch.setenv("THITUYEN_BACKUP_PASSPHRASE", "not the passphrase")
    result = invoke(app, "restore", str(archive))
    assert result.exit_code == 1
    assert "Wrong passphrase" in result.output
    assert _table_count(app) == 0
    assert not (tmp_path / "target" / "uploads").exists()
    assert not (tmp_path / "target" / "keys").exists()


def test_a_changed_archive_is_refused_before_anything_is_written(small_backup, tmp_path):
    archive, app = small_backup
    with tarfile.open(archive, "r:gz") as source:
        members = {info.name: source.extractfile(info).read() for info in source}
    members["files/uploads/cv.pdf"] = b"%PDF-1.4 another CV"
    changed = tmp_path / "changed.tar.gz"
    with tarfile.open(changed, "w:gz") as target:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    result = invoke(app, "restore", str(changed))
    assert result.exit_code == 1
    assert "files/uploads/cv.pdf does not match its digest" in result.output
    assert _table_count(app) == 0
    assert not (tmp_path / "target" / "uploads").exists()


def test_restore_refuses_a_database_in_use(small_backup, tmp_path):
    archive, app = small_backup
    assert invoke(app, "db", "upgrade").exit_code == 0
    result = invoke(app, "restore", str(archive))
    assert result.exit_code == 1
    assert "database is not empty" in result.output
    assert not (tmp_path / "target" / "keys").exists()


def test_the_archive_keeps_keys_encrypted_and_lists_every_digest(small_backup, tmp_path):
    archive, app = small_backup
    with tarfile.open(archive, "r:gz") as source:
        members = {info.name: source.extractfile(info).read() for info in source}
    manifest = json.loads(members.pop("manifest.json"))
    assert set(manifest["members"]) == set(members)
    for name, data in members.items():
        assert hashlib.sha256(data).hexdigest() == manifest["members"][name]["sha256"]
    assert not any(name.startswith("keys/") for name in members)
    password = (tmp_path / "small" / "keys" / "dev-password").read_bytes()
    assert password not in members["keys.tar.enc"]
    assert b"PRIVATE KEY" not in b"".join(members.values())
    result = invoke(app, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "target" / "keys" / "dev-password").read_bytes() == password
    assert (tmp_path / "target" / "uploads" / "cv.pdf").read_bytes() == b"%PDF-1.4 a CV"
    assert oct((tmp_path / "target" / "keys" / "signing.p12").stat().st_mode & 0o777) == "0o600"
    with app.app_context():
        from exam.accounts.models import User

        assert db_session().scalar(select(func.count()).select_from(User)) == 0


def test_backup_into_a_folder_names_the_archive_by_time_and_never_overwrites(
        small_backup, tmp_path, monkeypatch):
    _archive, app = small_backup
    assert invoke(app, "db", "upgrade").exit_code == 0
    assert invoke(app, "keys", "create-dev").exit_code == 0
    folder = tmp_path / "backups"
    folder.mkdir()
    result = invoke(app, "backup", "--output", str(folder))
    assert result.exit_code == 0, result.output
    [written] = folder.iterdir()
    assert written.name.startswith("thituyen-backup-")
    assert written.name.endswith(".tar.gz")
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    again = invoke(app, "backup", "--output", str(written))
    assert again.exit_code == 1
    assert "already exists" in again.output
