"""Nothing names candidates next to totals before the reveal; the result rules freeze at the lock.

Between the lock and the reveal the marks are final but still anonymous: a ranking with names
would tell the board whom a rule change or a priority decision would lift, and would open the
code map by another door.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.competitions.models import Stage
from exam.errors import Conflict, PermissionDenied
from exam.jobs import service as jobs
from exam.jobs.models import Job
from exam.results import service
from tests.conftest import login
from tests.results.helpers import NAMES, PARTS, make_scene


def test_the_result_rules_are_frozen_once_the_scores_are_locked(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    heavier = [{**PARTS[0], "weight": "3"}, PARTS[1]]
    with pytest.raises(Conflict, match="scores are locked"):
        service.set_result_rules(db, scene.chair, scene.competition, parts=heavier,
                                 now=clock.now)
    assert service.rules_for(db, scene.competition).parts[0].weight == 1


def test_the_rules_page_refuses_a_change_after_the_lock_and_says_why(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    login(client, scene.chair)
    url = f"/manage/{scene.competition.id}/results"
    page = client.get(url).text
    assert f'action="/manage/{scene.competition.id}/results/rules"' not in page
    assert "Thi viết" in page, "the frozen rules stay readable"
    response = client.post(url + "/rules", data={
        "parts": "written; Thi viết; 100; 3\nspecialised; Đề án chuyên môn; 100; 1",
        "reserve_months": "12"}, follow_redirects=True)
    assert "đã khóa điểm" in response.text
    assert service.rules_for(db, scene.competition).parts[0].weight == 1


def test_no_ranking_is_computed_before_identities_are_revealed(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    with pytest.raises(Conflict, match="revealed"):
        service.compute_ranking(db, scene.competition, part_scores=scene.scores)


def test_the_recompute_job_cannot_start_before_the_reveal(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    with pytest.raises(Conflict, match="revealed"):
        jobs.start_recompute(db, scene.chair, scene.competition, now=clock.now)
    login(client, scene.chair)
    response = client.post(f"/manage/{scene.competition.id}/jobs/recompute",
                           follow_redirects=True)
    assert not any(name in response.text for name in NAMES)
    assert db.scalar(select(func.count()).select_from(Job)) == 0


def test_a_recompute_job_from_before_the_reveal_names_nobody(client, db, clock):
    """A job started before this rule existed: its next step stops, its page names nobody."""
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    left = Job(kind=jobs.RECOMPUTE, competition_id=scene.competition.id,
               created_by_id=scene.member.id, total=2, done=0, state="running", params={},
               outcome={}, error="", created_at=clock.now)
    shown = Job(kind=jobs.RECOMPUTE, competition_id=scene.competition.id,
                created_by_id=scene.member.id, total=2, done=2, state="finished", params={},
                outcome={"rows": [{"name": "Nguyễn Thị Hương", "candidate_number": "0001",
                                   "total": "165.00", "rank": 1, "standing": "recommended"}]},
                error="", created_at=clock.now, finished_at=clock.now)
    db.add_all([left, shown])
    db.flush()
    jobs.run_step(db, scene.chair, left, now=clock.now)
    jobs.run_step(db, scene.chair, left, now=clock.now)
    assert left.state == "failed"
    assert "revealed" in left.error
    assert "rows" not in left.outcome
    assert "scores" not in left.outcome
    login(client, scene.member)
    for job in (left, shown):
        page = client.get(f"/jobs/{job.id}").text
        assert not any(name in page for name in NAMES)
        assert "165" not in page


def test_running_the_recompute_is_the_chair_or_secretary_and_on_record(client, db, clock):
    scene = make_scene(db, clock)
    with pytest.raises(PermissionDenied):
        jobs.start_recompute(db, scene.member, scene.competition, now=clock.now)
    job = jobs.start_recompute(db, scene.secretary, scene.competition, now=clock.now)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "results.recomputed")).one()
    assert entry.actor_id == scene.secretary.id
    assert entry.competition_id == scene.competition.id
    assert json.loads(entry.payload) == {"job": job.id}
    login(client, scene.member)
    dashboard = client.get(f"/manage/{scene.competition.id}")
    assert "/jobs/recompute" not in dashboard.text
    login(client, scene.chair)
    assert "/jobs/recompute" in client.get(f"/manage/{scene.competition.id}").text


def _board_urls(app, competition_id: int) -> list[str]:
    """Every page the board opens with only the competition in its address."""
    from flask import url_for

    with app.test_request_context():
        return sorted({url_for(rule.endpoint, competition_id=competition_id)
                       for rule in app.url_map.iter_rules()
                       if "GET" in rule.methods and set(rule.arguments) == {"competition_id"}})


def test_between_the_lock_and_the_reveal_no_page_puts_a_name_next_to_a_mark(app, client, db,
                                                                              clock):
    """Real locked marks, every page and job the chair can reach: no line (or JSON object)
    holds a candidate's name together with that candidate's mark."""
    from exam.scoring import service as scoring
    from tests.scoring.helpers import assignments, give
    from tests.scoring.helpers import scene as scoring_scene

    s = scoring_scene(db, scripts=2, examiners=5)
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    marks = {}
    for script, application, total in zip(s.scripts, s.applications, ("3.5", "8.5"),
                                          strict=True):
        for assignment in assignments(db, script).values():
            give(db, assignment, total, clock.now)
        marks[application.user.full_name] = total
    service.set_result_rules(db, s.chair, s.competition, now=clock.now, parts=[
        {"key": "essay", "title": "Đề án", "max_points": "10", "weight": "1"}])
    scoring.lock_scores(db, s.chair, s.competition, now=clock.now)
    db.commit()
    login(client, s.chair)
    pages = {url: client.get(url, follow_redirects=True).text
             for url in _board_urls(app, s.competition.id)}
    assert len(pages) >= 10
    started = client.post(f"/manage/{s.competition.id}/jobs/recompute")
    job_url = started.headers.get("Location", "")
    if "/jobs/" in job_url:
        for _ in range(2):
            client.post(job_url.rstrip("/") + "/step")
    pages["recompute"] = client.get(job_url or "/", follow_redirects=True).text

    def shows(text: str, mark: str) -> bool:
        return any(form in text for form in (mark, mark.replace(".", ","), mark + "0",
                                             mark.replace(".", ",") + "0"))

    leaks = [(url, line.strip()[:200]) for url, text in pages.items()
             for line in text.splitlines() for name, mark in marks.items()
             if name in line and shows(line, mark)]
    assert not leaks
