"""Until the lock a mark is seen by its examiner only: the audit log holds a commitment to it,
which the lock opens in the log itself."""

from __future__ import annotations

import json

from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.audit.service import verify_chain
from exam.scoring import service
from exam.scoring.seals import seal
from tests.conftest import login
from tests.factories import make_admin, make_inspector
from tests.scoring.helpers import assignments, give, scene


def _payloads(db, action):
    return [json.loads(e.payload) for e in db.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))]


def test_nobody_reads_a_mark_in_the_audit_log_before_the_lock(app, client, db, clock):
    s = scene(db, scripts=2)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6.25", clock.now)
    submitted = _payloads(db, "scoring.mark_submitted")
    finals = _payloads(db, "scoring.final_mark")
    assert len(submitted) == 4
    assert len(finals) == 2
    assert all("total" not in p and len(p["total_sealed"]) == 64 for p in submitted)
    assert all("mark" not in p and len(p["mark_sealed"]) == 64 for p in finals)
    db.flush()
    for viewer in (s.chair, make_admin(db), make_inspector(db)):
        login(client, viewer)
        page = client.get(f"/audit/?competition={s.competition.id}").get_data(as_text=True)
        assert "scoring.mark_submitted" in page
        assert "6.25" not in page
        assert "6,25" not in page


def test_the_lock_opens_every_seal_in_the_log(db, clock):
    s = scene(db, scripts=2)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6.25", clock.now)
    sealed = {p["total_sealed"] for p in _payloads(db, "scoring.mark_submitted")}
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    opened = _payloads(db, "scoring.mark_unsealed")
    assert {p["total_sealed"] for p in opened} == sealed
    assert all(p["total"] == "6.25" for p in opened)
    finals = _payloads(db, "scoring.final_mark_unsealed")
    assert [p["mark"] for p in finals] == ["6.25", "6.25"]
    assert {p["mark_sealed"] for p in finals} == {
        p["mark_sealed"] for p in _payloads(db, "scoring.final_mark")}
    # Anyone holding the log can check an opened seal: the commitment binds the value.
    mark = opened[0]
    assert mark["total_sealed"] != seal(mark["nonce"], {"total": "9.00", "criteria": []})
    assert verify_chain(db).is_intact



def test_the_panel_chair_sees_the_marks_of_disputed_scripts_only(client, db, clock):
    s = scene(db, scripts=2)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    agreed, disputed = s.scripts
    for a in assignments(db, agreed).values():
        give(db, a, "6.25", clock.now)
    first, second = assignments(db, disputed).values()
    give(db, first, "2.5", clock.now)
    give(db, second, "9.5", clock.now)
    db.flush()
    login(client, s.panel.chair)
    sealed = client.get(f"/scoring/{s.competition.id}/settle/{agreed.code}")
    assert sealed.status_code == 403
    assert "6,25" not in sealed.get_data(as_text=True)
    page = client.get(f"/scoring/{s.competition.id}/settle/{disputed.code}")
    assert page.status_code == 200
    assert "9,5" in page.get_data(as_text=True)
