"""Long work runs in steps the page can follow, and a step never makes anything twice."""

import pytest
from sqlalchemy import func, select

from exam.documents import keystore
from exam.jobs import service
from exam.results import service as results
from exam.results.models import SignedSheet
from tests.conftest import login
from tests.factories import make_user
from tests.results.helpers import key_folder, make_scene


@pytest.fixture(scope="module")
def signing_folder(tmp_path_factory):
    return key_folder(tmp_path_factory)


@pytest.fixture
def signed(app, signing_folder, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNING_KEY_FOLDER", str(signing_folder))
    monkeypatch.setitem(app.config, "SIGNED_SHEET_FOLDER", str(tmp_path / "signed"))
    monkeypatch.setitem(app.config, "SIGNING_PASSWORD", None)
    return keystore.organization_key(signing_folder)


@pytest.fixture
def scene(db, clock):
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    return scene


def sheet_count(db) -> int:
    return db.scalar(select(func.count()).select_from(SignedSheet).where(
        SignedSheet.kind == "score_sheet"))


def test_score_sheets_are_produced_batch_by_batch_with_progress(db, clock, scene, signed,
                                                                signing_folder, tmp_path):
    job = service.start_score_sheets(db, scene.chair, scene.competition, now=clock.now)
    assert (job.done, job.total, job.state) == (0, 4, "running")
    options = {"key": signed, "folder": tmp_path / "signed", "base_url": "http://testserver",
               "organization": "Sở Nội vụ"}
    service.run_step(db, scene.chair, job, now=clock.now, signing=options, batch=3)
    assert (job.done, job.percent, job.state, sheet_count(db)) == (3, 75, "running", 3)
    service.run_step(db, scene.chair, job, now=clock.now, signing=options, batch=3)
    assert (job.done, job.state, sheet_count(db)) == (4, "finished", 4)
    again = service.start_score_sheets(db, scene.chair, scene.competition, now=clock.now)
    service.run_step(db, scene.chair, again, now=clock.now, signing=options, batch=10)
    assert sheet_count(db) == 4, "a sheet already made is served again, never made twice"
    assert again.outcome["codes"] == job.outcome["codes"]


def test_the_page_follows_a_job_with_or_without_javascript(client, db, clock, scene, signed):
    login(client, scene.chair)
    started = client.post(f"/manage/{scene.competition.id}/jobs/score-sheets")
    assert started.status_code == 303
    url = started.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "Đã xong 0 trên 4." in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "js/jobs.js" in page
    job_id = int(url.rstrip("/").split("/")[-1])
    steps = []
    while not steps or steps[-1]["state"] == "running":
        steps.append(client.post(f"/jobs/{job_id}/step",
                                 headers={"Accept": "application/json"}).json)
    assert [(p["done"], p["percent"]) for p in steps] == [(3, 75), (4, 100)]
    page = client.get(url).get_data(as_text=True)
    assert "Đã xong." in page
    assert "refresh" not in page
    assert page.count("/sheets/") == 4


def test_recomputing_shows_todays_ranking_without_publishing(client, db, clock, scene):
    login(client, scene.chair)
    url = client.post(f"/manage/{scene.competition.id}/jobs/recompute").headers["Location"]
    job_id = int(url.rstrip("/").split("/")[-1])
    client.post(f"/jobs/{job_id}/step")
    assert "Đã xong 1 trên 2." in client.get(url).get_data(as_text=True)
    client.post(f"/jobs/{job_id}/step")
    table = client.get(url).get_data(as_text=True).split("<tbody>")[1]
    # No locked mark exists in this scene: nobody passes, and equal candidates are listed
    # by given name in Vietnamese order (Anh, Hương, Tuyết, Việt).
    order = [table.index(name) for name in
             ("Trần Đức Anh", "Nguyễn Thị Hương", "Lê Thị Ánh Tuyết", "Phạm Quốc Việt")]
    assert order == sorted(order)
    assert results.count_versions(db, scene.competition) == 1


def test_only_the_board_runs_or_watches_jobs(client, db, clock, scene):
    job = service.start_recompute(db, scene.chair, scene.competition, now=clock.now)
    db.commit()
    login(client, make_user(db, full_name="Đỗ Văn Hải"))
    assert client.get(f"/jobs/{job.id}").status_code == 403
    assert client.post(f"/jobs/{job.id}/step").status_code in (303, 403)
    db.refresh(job)
    assert job.done == 0


def test_results_are_recomputed_only_from_locked_marks(db, clock):
    from exam.competitions.models import Stage
    from exam.errors import Conflict

    scene = make_scene(db, clock, stage=Stage.SCORING)
    with pytest.raises(Conflict, match="lock the scores first"):
        service.start_recompute(db, scene.chair, scene.competition, now=clock.now)
