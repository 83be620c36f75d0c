"""Appeals through HTTP: a candidate files, the board answers; outsiders are refused."""

from __future__ import annotations

from datetime import timedelta

from exam.appeals.models import AppealStatus, Objection, ObjectionStatus, RemarkAppeal
from exam.competitions.models import Stage
from exam.results import service as results
from tests.conftest import login
from tests.factories import make_user
from tests.results.helpers import make_scene


def test_candidate_files_a_re_mark_request_from_their_result_page(client, db, clock):
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition,
                                        now=clock.hours(-1), part_scores=scene.scores)
    huong = scene.app("Nguyễn Thị Hương")
    login(client, huong.user)
    page = client.get(f"/applications/{huong.id}/result").get_data(as_text=True)
    assert "Đề án chuyên môn" in page
    client.post(f"/applications/{huong.id}/appeals",
                data={"part_key": "specialised", "reason": "Bài đề án bị chấm thiếu hai ý."})
    appeal = db.query(RemarkAppeal).filter_by(application_id=huong.id).one()
    assert appeal.status == AppealStatus.FILED

    login(client, scene.chair)
    board = client.get(f"/manage/{scene.competition.id}/appeals").get_data(as_text=True)
    assert "Bài đề án bị chấm thiếu hai ý." in board
    client.post(f"/appeals/{appeal.id}/answer",
                data={"decision": "refuse", "reason": "Đơn không nêu căn cứ cụ thể."})
    db.refresh(appeal)
    assert appeal.status == AppealStatus.REFUSED

    login(client, huong.user)
    assert "Đơn không nêu căn cứ cụ thể." in client.get(
        f"/applications/{huong.id}/result").get_data(as_text=True)


def test_objection_filed_and_rejected_through_the_pages(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    scene.competition.sitting_closes_at = clock.hours(-2)
    db.flush()
    huong = scene.app("Nguyễn Thị Hương")
    login(client, huong.user)
    client.post(f"/applications/{huong.id}/objections",
                data={"item_key": "A-07", "reason": "Phương án C cũng đúng theo Nghị định."})
    objection = db.query(Objection).filter_by(application_id=huong.id).one()
    assert objection.filed_at > scene.competition.sitting_closes_at - timedelta(seconds=1)
    login(client, make_user(db))
    assert client.post(f"/objections/{objection.id}/decide",
                       data={"decision": "reject", "reason": "x" * 12}).status_code == 403
    login(client, scene.chair)
    client.post(f"/objections/{objection.id}/decide",
                data={"decision": "reject", "reason": "Nghị định chưa có hiệu lực khi ra đề."})
    db.refresh(objection)
    assert objection.status == ObjectionStatus.REJECTED


def test_objection_decisions_are_public_without_names(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    huong = scene.app("Nguyễn Thị Hương")
    objection = service_file(db, scene, huong)
    from exam.appeals import service

    service.decide_objection(db, scene.chair, objection, uphold=False,
                             reason="Luật mới chưa có hiệu lực khi ra đề.", now=clock.now)
    page = client.get(f"/competitions/{scene.competition.id}/key-decisions").get_data(
        as_text=True)
    assert "A-09" in page
    assert "Luật mới chưa có hiệu lực khi ra đề." in page
    assert "Nguyễn Thị Hương" not in page


def service_file(db, scene, application):
    from exam.appeals import service

    return service.file_objection(
        db, application.user, application, item_key="A-09", reason="Phương án D cũng đúng.",
        now=scene.competition.sitting_closes_at + timedelta(hours=1))
