"""Rows of SECURITY.md whose proof crosses areas: the attack is tried end to end, and the test
shows it is refused or leaves evidence."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select, text

from exam.audit import service as audit
from exam.audit.models import AuditEntry
from exam.documents import keystore
from exam.errors import Conflict
from exam.scoring import service as scoring
from exam.scoring.models import AssignmentRole, FinalMark
from tests.audit.conftest import as_superuser, rehash_from
from tests.scoring.helpers import assignments, give, scene


def _locked(db, clock):
    s = scene(db, scripts=2)
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6", clock.now)
    scoring.lock_scores(db, s.chair, s.competition, now=clock.now)
    return s


def _locked_digest(db, competition) -> str:
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "scoring.scores_locked",
                                               AuditEntry.competition_id == competition.id))
    return json.loads(entry.payload)["final_marks_sha256"]


def _current_digest(db, s) -> str:
    rows = [[script.code, str(scoring.final_mark(db, script).mark)]
            for script in scoring.scripts_of(db, s.competition)]
    return hashlib.sha256(audit.canonical_json(rows).encode()).hexdigest()


def test_an_examiner_cannot_change_a_mark_after_the_lock(db, clock):
    s = _locked(db, clock)
    first = assignments(db, s.scripts[0])[AssignmentRole.FIRST]
    with pytest.raises(Conflict, match="locked"):
        give(db, first, "9", clock.now)


def test_a_mark_changed_in_the_database_after_the_lock_no_longer_matches_the_log(
        db, clock, signing_key):
    """Someone with database access edits a final mark: the digest the log sealed at the lock
    no longer matches; changing that entry breaks the chain, and recomputing the chain breaks
    the checkpoint signed when the scores were locked."""
    s = _locked(db, clock)
    locked_checkpoint = audit.checkpoint_text(audit.checkpoints_of(db, s.competition)[0])
    assert _current_digest(db, s) == _locked_digest(db, s.competition)
    final = db.scalar(select(FinalMark).where(FinalMark.script_id == s.scripts[0].id))
    db.execute(text("UPDATE scoring_final_mark SET mark = 9.5 WHERE id = :i"), {"i": final.id})
    db.expire_all()
    assert _current_digest(db, s) != _locked_digest(db, s.competition)

    as_superuser(db)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "scoring.scores_locked"))
    forged = json.loads(entry.payload) | {"final_marks_sha256": _current_digest(db, s)}
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": audit.canonical_json(forged), "s": entry.seq})
    db.expire_all()
    report = audit.verify_chain(db)
    assert not report.is_intact
    assert report.first_bad_seq == entry.seq

    rehash_from(db, entry.seq)
    assert audit.verify_chain(db).is_intact
    result = audit.verify_checkpoint(db, locked_checkpoint, keystore.trust_roots(signing_key))
    assert not result.holds
    assert "history was rewritten" in result.reason


def test_the_administrator_cannot_make_themselves_an_examiner(db, clock):
    from exam.competitions import service as competitions
    from exam.competitions.models import Role
    from exam.errors import PermissionDenied
    from tests.factories import make_admin, make_competition

    admin = make_admin(db)
    competition = make_competition(db, created_by=admin)
    with pytest.raises(PermissionDenied, match="cannot score"):
        competitions.appoint(db, admin, competition, admin, Role.EXAMINER, now=clock.now)
