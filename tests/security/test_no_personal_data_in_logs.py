"""No personal data in logs: after the demo has run every area's services end to end, the
audit log holds ids, not names, emails or ID numbers, and the application log holds neither
those nor the draw secrets, the examiner-draw seeds or the code map."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from exam.accounts.models import User
from exam.audit.models import AuditEntry
from exam.registration.models import Application


@pytest.fixture
def demo(app, db, caplog, tmp_path):
    from exam.demo import run_demo

    before = app.config["UPLOAD_FOLDER"]
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    caplog.set_level(logging.DEBUG)
    try:
        with app.test_request_context():
            made = run_demo(db, candidates=6)
    finally:
        app.config["UPLOAD_FOLDER"] = before
    return made


def _personal(db) -> set[str]:
    values = set()
    for user in db.scalars(select(User)):
        values |= {user.full_name, user.email}
    for application in db.scalars(select(Application)):
        values |= {application.id_number}
    return {v for v in values if v and len(v) >= 5}


def _secrets(db) -> set[str]:
    values = set()
    try:
        from exam.sitting.models import Seal

        values |= {s.secret_hex for s in db.scalars(select(Seal))}
    except ImportError:
        pass
    try:
        from exam.scoring.models import AssignmentDraw, Script, ScriptIdentity

        values |= {d.seed_hex for d in db.scalars(select(AssignmentDraw))}
        for script, identity in db.execute(select(Script, ScriptIdentity).join(
                ScriptIdentity, ScriptIdentity.script_id == Script.id)):
            values.add(f"{script.code}")
    except ImportError:
        pass
    return {v for v in values if v}


def test_the_audit_log_names_nobody(db, demo):
    personal = _personal(db)
    assert personal
    leaks = []
    for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        text = entry.payload + entry.object_id
        leaks += [f"entry {entry.seq} ({entry.action}) holds {value!r}"
                  for value in personal if value in text]
    assert not leaks, "; ".join(leaks)


def test_the_application_log_holds_no_personal_data_or_secrets(db, demo, caplog):
    text = "\n".join(record.getMessage() for record in caplog.records)
    leaks = [value for value in _personal(db) | _secrets(db) if value in text]
    assert not leaks, f"the log shows: {leaks}"
