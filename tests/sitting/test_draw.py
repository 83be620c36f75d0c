"""Seal and draw: commitments, stored papers equal the published draw, fairness, verification."""

import json
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.bank.models import ItemVersion
from exam.competitions.models import Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.sitting import service
from exam.sitting.demo import demo_parts
from exam.sitting.models import Paper, PaperItem, SnapshotItem
from question_bank import draw
from question_bank.samples import load_sample
from tests.sitting.helpers import PUBLIC_VALUE, open_sitting, seal, sitting_competition

SECRET = bytes(range(32))
# Candidate 0001's paper under SECRET, PUBLIC_VALUE and the demo blueprint over the sample bank.
# Computed once; a change in the draw, the snapshot or the blueprint must fail here.
EXPECTED_FINGERPRINT_0001 = "3a7b2a24004a7a933d43f4a4e8ceeabc6dfd0dc881e7796b6c6525ed2f1b22e1"


def demo_blueprint():
    return [draw.Part(p["key"], p["title"], tuple(service._cells(p["cells"])),
                      essay_mode=p.get("essay_mode", "per_candidate")) for p in demo_parts()]


def test_seal_publishes_commitments_in_the_log_and_moves_the_stage(db, clock):
    world = sitting_competition(db, now=clock.now)
    sealed = seal(db, world, now=clock.now, secret=SECRET)
    assert world["competition"].stage == Stage.PAPERS_SEALED
    assert sealed.secret_commitment == draw.commitment("board-secret", SECRET)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.sealed"))
    payload = json.loads(entry.payload)
    assert payload["secret_commitment"] == sealed.secret_commitment
    assert payload["snapshot_commitment"] == sealed.snapshot_commitment
    assert SECRET.hex() not in entry.payload
    stored = db.scalar(select(func.count()).select_from(SnapshotItem)
                       .where(SnapshotItem.seal_id == sealed.id))
    assert stored == 40


def test_a_short_cell_is_named_and_nothing_is_sealed(db, clock):
    world = sitting_competition(db, now=clock.now)
    service.configure_part(
        db, world["chair"], world["competition"], key="C", title="Thêm", kind="objective",
        duration_minutes=10, now=clock.now,
        cells=[{"topic": "Luật Ngân sách nhà nước", "difficulty": "hard", "type": "single_choice",
                "count": 3, "points": "1"}])
    with pytest.raises(Conflict, match="Luật Ngân sách nhà nước, Hard, Single choice: 3 approved "
                                       "questions needed, 1 in the bank"):
        seal(db, world, now=clock.now)
    from flask_babel import force_locale

    with force_locale("vi"), pytest.raises(Conflict) as refused:
        seal(db, world, now=clock.now)
    assert "Luật Ngân sách nhà nước, Khó, Một lựa chọn: cần 3 câu hỏi đã duyệt, ngân hàng " \
        "có 1" in refused.value.message
    assert "single_choice" not in refused.value.message
    assert service.seal_of(db, world["competition"]) is None
    assert world["competition"].stage == Stage.ELIGIBILITY_REVIEWED


@pytest.mark.parametrize("who", ["member", "proctor", "author"])
def test_only_the_chair_or_secretary_seals(db, clock, who):
    world = sitting_competition(db, now=clock.now)
    with pytest.raises(PermissionDenied):
        seal(db, world, now=clock.now, who=who)


def test_the_blueprint_is_frozen_once_sealed(db, clock):
    world = sitting_competition(db, now=clock.now)
    seal(db, world, now=clock.now)
    with pytest.raises(Conflict, match="sealed"):
        service.configure_part(db, world["chair"], world["competition"], **demo_parts()[0],
                               now=clock.now)


def test_stored_papers_are_exactly_the_draw_for_every_candidate(db, clock):
    world = sitting_competition(db, now=clock.now, candidates=4)
    open_sitting(db, world, now=clock.now)
    seed = draw.derive_seed(SECRET, PUBLIC_VALUE)
    items = load_sample("gift")
    papers = list(db.scalars(select(Paper).order_by(Paper.candidate_number)))
    assert [p.candidate_number for p in papers] == ["0001", "0002", "0003", "0004"]
    for paper in papers:
        expected = draw.draw_paper(seed, items, demo_blueprint(), paper.candidate_number)
        served = [draw.DrawnItem(i.part_key, i.position, i.item_key, tuple(i.option_order))
                  for i in paper.items]
        assert served == expected
        assert paper.fingerprint == draw.paper_fingerprint(
            expected, draw_version="thituyen-draw-v3", competition=world["competition"].id,
            candidate_number=paper.candidate_number)
    # draw v3 serves the papers v1 and v2 served: their row-only fingerprint is unchanged
    first = [draw.DrawnItem(i.part_key, i.position, i.item_key, tuple(i.option_order))
             for i in papers[0].items]
    assert draw.paper_fingerprint(first) == EXPECTED_FINGERPRINT_0001
    assert len({p.fingerprint for p in papers}) == 4


def test_every_cell_of_the_blueprint_is_filled_on_every_stored_paper(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now, candidates=3), now=clock.now)
    versions = {v.id: v for v in db.scalars(select(ItemVersion))}
    for paper in db.scalars(select(Paper).where(Paper.competition_id == world["competition"].id)):
        for part in demo_blueprint():
            lines = [i for i in paper.items if i.part_key == part.key]
            assert sorted(i.position for i in lines) == list(range(1, len(lines) + 1))
            for cell in part.cells:
                filled = [i for i in lines
                          if (versions[i.item_version_id].topic, versions[i.item_version_id].difficulty,
                              versions[i.item_version_id].type)
                          == (cell.topic, str(cell.difficulty), str(cell.type))]
                assert len(filled) == cell.count
                assert all(Decimal(i.points) == cell.points for i in filled)
        assert len({i.item_key for i in paper.items}) == len(paper.items)


def test_each_eligible_item_is_drawn_with_near_equal_frequency():
    """1,200 candidates under the demo blueprint: an item of a cell taking k of n appears
    about 1200·k/n times; every item stays within 12% of that, and each cell's chi-square
    stays under the 0.1% critical value (3 items: 13.82, 2 degrees of freedom)."""
    items = load_sample("gift")
    seed = draw.derive_seed(SECRET, PUBLIC_VALUE)
    parts = demo_blueprint()
    counts = Counter()
    for n in range(1, 1201):
        counts.update(d.item_key for d in draw.draw_paper(seed, items, parts, f"{n:04d}"))
    for part in parts:
        for cell in part.cells:
            pool = [it.key for it in items if cell.matches(it)]
            expected = 1200 * cell.count / len(pool)
            assert all(abs(counts[k] - expected) <= 0.12 * expected for k in pool), \
                (cell.label, {k: counts[k] for k in pool})
            if len(pool) > cell.count:
                chi2 = sum((counts[k] - expected) ** 2 / expected for k in pool)
                assert chi2 < 13.82, cell.label


def test_the_public_value_is_entered_once_and_papers_are_never_redrawn(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    with pytest.raises(Conflict):
        service.enter_public_value(db, world["chair"], world["competition"], "khác 999999",
                                   now=clock.now)


def test_verify_draw_holds_after_reveal_and_names_an_altered_paper(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    competition = world["competition"]
    assert "not been revealed" in service.verify_draw(db, competition).problems[0]
    competition.stage = Stage.SCORING
    service.reveal_secret(db, world["chair"], competition, now=clock.now)
    report = service.verify_draw(db, competition)
    assert report.is_intact
    assert report.papers_checked == 3
    line = next(i for i in db.scalars(select(PaperItem).join(Paper)
                                       .where(Paper.candidate_number == "0002"))
                if len(i.option_order) > 2)
    line.option_order = list(reversed(line.option_order))
    db.flush()
    assert service.verify_draw(db, competition).problems == [
        "candidate 0002: the served paper differs from the draw"]


def test_verify_draw_notices_an_altered_snapshot(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    competition = world["competition"]
    competition.stage = Stage.SCORING
    service.reveal_secret(db, world["chair"], competition, now=clock.now)
    row = db.scalars(select(SnapshotItem).where(SnapshotItem.item_key == "cc-01")).one()
    data = json.loads(row.data)
    data["stem"] += " (đã sửa)"
    row.data = json.dumps(data, ensure_ascii=False)
    db.flush()
    problems = service.verify_draw(db, competition).problems
    assert "the stored bank snapshot does not match the published commitment" in problems


def test_the_secret_stays_hidden_until_the_sitting_is_over(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    competition = world["competition"]
    assert service.public_commitments(db, competition)["revealed_secret"] is None
    with pytest.raises(Conflict):
        service.reveal_secret(db, world["chair"], competition, now=clock.now)
    competition.stage = Stage.SCORING
    service.reveal_secret(db, world["chair"], competition, now=clock.now + timedelta(hours=5))
    shown = service.public_commitments(db, competition)
    assert shown["revealed_secret"] == SECRET.hex()
    assert shown["public_value"] == PUBLIC_VALUE


def test_a_cell_used_twice_in_the_test_is_refused(db, clock):
    world = sitting_competition(db, now=clock.now)
    cell = {"topic": "Luật Cán bộ, công chức", "difficulty": "easy", "type": "single_choice",
            "count": 1, "points": "1"}
    with pytest.raises(InvalidInput, match="Luật Cán bộ, công chức / easy / single_choice"):
        service.configure_part(db, world["chair"], world["competition"], key="C", title="Thêm",
                               kind="objective", duration_minutes=10, cells=[cell], now=clock.now)
