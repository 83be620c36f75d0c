"""Fixtures for the audit log: a signing key for checkpoints, and direct database tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from exam.audit import service as audit
from exam.documents import keystore


@pytest.fixture(scope="session")
def key_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    keystore.create_dev_keys(folder, "Hội đồng thi tuyển Sở Nội vụ")
    return folder


@pytest.fixture
def signing_key(app, key_folder):
    """The app signs checkpoints with a development key for the length of the test."""
    before = app.config["SIGNING_KEY_FOLDER"]
    app.config["SIGNING_KEY_FOLDER"] = str(key_folder)
    yield key_folder
    app.config["SIGNING_KEY_FOLDER"] = before


def as_superuser(db) -> None:
    """Lift the append-only triggers inside the test's transaction, as a DB superuser could."""
    if db.get_bind().dialect.name == "postgresql":
        for table in ("audit_entry", "audit_checkpoint"):
            db.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    else:
        for table in ("audit_entry", "audit_checkpoint"):
            for verb in ("update", "delete"):
                db.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{verb}"))


def write_entries(db, clock, n: int, competition=None) -> list[int]:
    """Append `n` entries; return their sequence numbers."""
    return [audit.record(db, None, "test.event", at=clock.hours(i), competition=competition,
                         payload={"n": i}).seq for i in range(n)]


def rehash_from(db, seq: int) -> None:
    """Recompute every hash from `seq` on, as someone rewriting history would."""
    from sqlalchemy import select

    from exam.audit.models import AuditEntry

    prev = db.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == seq - 1)) or audit.GENESIS
    entries = list(db.scalars(select(AuditEntry).where(AuditEntry.seq >= seq)
                              .order_by(AuditEntry.seq)))
    for entry in entries:
        db.expunge(entry)
        entry.prev_hash = prev
        entry.entry_hash = audit.compute_hash(entry)
        db.execute(text("UPDATE audit_entry SET prev_hash = :p, entry_hash = :h WHERE seq = :s"),
                   {"p": prev, "h": entry.entry_hash, "s": entry.seq})
        prev = entry.entry_hash
    db.expire_all()
