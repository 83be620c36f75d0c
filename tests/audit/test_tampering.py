"""Must show 2: edit, delete, insert and reorder audit rows in the database directly, and
`thituyen audit verify` names the first entry that does not hold."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from exam.audit import service as audit
from exam.audit.models import AuditEntry
from tests.audit.conftest import as_superuser, rehash_from, write_entries


def verify(runner, *args):
    return runner.invoke(args=["audit", "verify", *args])


def test_an_untouched_log_verifies(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    result = verify(runner)
    assert result.exit_code == 0, result.output
    assert f"{seqs[-1]} entries" in result.output


def test_the_database_refuses_to_update_or_delete_audit_rows(db, clock):
    (seq,) = write_entries(db, clock, 1)
    for statement in ("UPDATE audit_entry SET action = 'x' WHERE seq = :s",
                      "DELETE FROM audit_entry WHERE seq = :s"):
        savepoint = db.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text(statement), {"s": seq})
        savepoint.rollback()
    assert db.get(AuditEntry, seq).action == "test.event"


def test_an_edited_entry_is_named(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": '{"n":99}', "s": seqs[2]})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {seqs[2]}: entry {seqs[2]} was changed" in result.output


def test_an_edit_with_the_hash_recomputed_breaks_the_next_link(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    entry = db.get(AuditEntry, seqs[1])
    db.expunge(entry)
    entry.payload = '{"n":42}'
    db.execute(text("UPDATE audit_entry SET payload = :p, entry_hash = :h WHERE seq = :s"),
               {"p": entry.payload, "h": audit.compute_hash(entry), "s": entry.seq})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {seqs[2]}: entry {seqs[2]} does not link to entry {seqs[1]}" \
        in result.output


def test_a_deleted_entry_is_named(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    db.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": seqs[3]})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {seqs[3]}: entry {seqs[3]} is missing" in result.output


def test_a_deletion_with_the_rest_renumbered_is_named(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    db.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": seqs[2]})
    for seq in seqs[3:]:
        db.execute(text("UPDATE audit_entry SET seq = :new WHERE seq = :old"),
                   {"new": seq - 1, "old": seq})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {seqs[2]}: entry {seqs[2]} does not link" in result.output


def test_an_inserted_entry_is_named(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    for seq in reversed(seqs[2:]):
        db.execute(text("UPDATE audit_entry SET seq = :new WHERE seq = :old"),
                   {"new": seq + 1, "old": seq})
    forged = AuditEntry(seq=seqs[2], at=clock.hours(1.5), actor_id=None, action="test.forged",
                        competition_id=None, object_type="", object_id="", payload="{}",
                        address="", prev_hash=db.get(AuditEntry, seqs[1]).entry_hash)
    forged.entry_hash = audit.compute_hash(forged)  # a careful forger links it correctly
    db.add(forged)
    db.flush()
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {seqs[2]}: entry {seqs[2]} was inserted" in result.output


def test_reordered_entries_are_named(runner, db, clock):
    seqs = write_entries(db, clock, 5)
    as_superuser(db)
    a, b = seqs[1], seqs[2]
    db.execute(text("UPDATE audit_entry SET seq = -1 WHERE seq = :a"), {"a": a})
    db.execute(text("UPDATE audit_entry SET seq = :a WHERE seq = :b"), {"a": a, "b": b})
    db.execute(text("UPDATE audit_entry SET seq = :b WHERE seq = -1"), {"b": b})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"broken at entry {a}: entry {a} is out of order" in result.output


def test_a_whole_rewrite_passes_the_chain_check_alone(runner, db, clock):
    """Why checkpoints exist: someone in control of the database can recompute every hash."""
    seqs = write_entries(db, clock, 4)
    as_superuser(db)
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": '{"n":7}', "s": seqs[0]})
    rehash_from(db, seqs[0])
    assert verify(runner).exit_code == 0
