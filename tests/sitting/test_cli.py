"""`thituyen verify-draw` after a real sitting, and after tampering; `sitting close-expired`."""

import json
import random
from datetime import timedelta

from sqlalchemy import select, text

from exam.competitions.models import Stage
from exam.sitting import attempts
from exam.sitting.demo import simulate_sitting
from exam.sitting.models import Attempt, Paper, PaperItem, SnapshotItem
from tests.sitting.helpers import open_sitting, sitting_competition


def finished_sitting(db, clock):
    """A whole sitting through the services: bank, seal, draw, answers, submissions, reveal."""
    world = sitting_competition(db, now=clock.now, candidates=4, sitting_opens=clock.days(-3),
                                sitting_closes=clock.days(-3) + timedelta(hours=4))
    competition = world["competition"]
    simulate_sitting(db, competition, board_chair=world["chair"], proctor=world["proctor"],
                     now=clock.now, rng=random.Random(3))
    assert competition.stage == Stage.SCORING
    return competition


def test_verify_draw_passes_after_a_real_sitting(db, clock, runner):
    competition = finished_sitting(db, clock)
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 0, result.output
    assert "4 papers recomputed, all identical" in result.output


def test_verify_draw_fails_when_a_served_paper_is_altered(db, clock, runner):
    competition = finished_sitting(db, clock)
    paper = db.scalars(select(Paper).where(Paper.competition_id == competition.id)
                       .order_by(Paper.candidate_number)).first()
    first, second = paper.items[0], paper.items[1]
    first.item_key, second.item_key = second.item_key, first.item_key
    db.flush()
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 1
    assert f"candidate {paper.candidate_number}: the served paper differs" in result.output


def test_verify_draw_fails_when_the_snapshot_is_altered(db, clock, runner):
    competition = finished_sitting(db, clock)
    row = db.scalars(select(SnapshotItem).order_by(SnapshotItem.id)).first()
    data = json.loads(row.data)
    data["points"] = "5"
    row.data = json.dumps(data, ensure_ascii=False)
    db.flush()
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 1
    assert "snapshot does not match the published commitment" in result.output


def test_verify_draw_fails_before_the_secret_is_revealed(db, clock, runner):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    result = runner.invoke(args=["verify-draw", str(world["competition"].id)])
    assert result.exit_code == 1
    assert "not been revealed" in result.output


def test_close_expired_submits_an_abandoned_attempt(db, clock, runner):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    user = world["applications"][0].user
    attempt = attempts.start_attempt(db, user, world["competition"], now=clock.now)
    attempt.started_at -= timedelta(hours=3)
    db.flush()
    result = runner.invoke(args=["sitting", "close-expired"])
    assert result.exit_code == 0, result.output
    assert "1 attempt(s) submitted automatically" in result.output
    stored = db.scalars(select(Attempt)).one()
    db.refresh(stored)
    assert stored.is_auto_submitted
    assert stored.answers_sha256 is None  # the receipt is queued for the worker
    assert "1 receipt(s) prepared" in runner.invoke(args=["sitting", "work", "--once"]).output
    db.refresh(stored)
    assert stored.answers_sha256


def test_verify_draw_notices_a_paper_pointing_at_another_version(db, clock, runner):
    competition = finished_sitting(db, clock)
    line = db.scalars(select(PaperItem).order_by(PaperItem.id)).first()
    line.item_version_id = db.scalars(select(SnapshotItem.item_version_id)
                                      .where(SnapshotItem.item_key != line.item_key)).first()
    db.flush()
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 1
    assert "point at a version outside the snapshot" in result.output


def test_verify_draw_fails_when_the_published_commitment_is_rewritten(db, clock, runner):
    from exam.audit.models import AuditEntry

    competition = finished_sitting(db, clock)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "sitting.sealed")).one()
    payload = json.loads(entry.payload)
    payload["secret_commitment"] = "0" * 64
    if db.get_bind().dialect.name == "postgresql":  # as a database superuser could
        db.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
    else:
        db.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_update"))
    db.execute(text("UPDATE audit_entry SET payload = :p WHERE seq = :s"),
               {"p": json.dumps(payload), "s": entry.seq})
    db.expire_all()
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 1
    assert f"broken at entry {entry.seq}" in result.output
    assert "does not match the published commitment" in result.output


def test_an_exported_bundle_verifies_without_the_database_and_a_forged_one_does_not(
        db, clock, runner, tmp_path):
    competition = finished_sitting(db, clock)
    path = tmp_path / "boc-de.json"
    result = runner.invoke(args=["verify-draw", str(competition.id), "--export", str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["verify-draw", "--bundle", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 papers recomputed" in result.output
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["papers"][0]["items"][0][3] = list(reversed(bundle["papers"][0]["items"][0][3]))
    bundle["public_value"] += " (khác)"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["verify-draw", "--bundle", str(path)])
    assert result.exit_code == 1
    assert "the served paper differs from the draw" in result.output
