"""The steps a candidate must not miss each leave a notification: ticket, results, appeals."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from exam.appeals import service as appeals
from exam.competitions.models import Role, Stage
from exam.competitions.service import enter_stage
from exam.notifications.models import Notification
from exam.registration.models import ApplicationStatus
from exam.results import service as results
from tests.factories import make_application, make_board, make_competition
from tests.results.helpers import make_scene


@pytest.fixture(autouse=True)
def mail_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)


def kinds_for(db, application) -> list[str]:
    return list(db.scalars(select(Notification.kind).where(
        Notification.user_id == application.user_id,
        Notification.subject_id == application.id).order_by(Notification.id)))


def test_admission_tickets_are_announced_when_eligibility_is_reviewed(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED, now=clock.days(-20))
    chair = make_board(db, competition)[Role.CHAIR]
    accepted = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    make_application(db, competition, status=ApplicationStatus.ACCEPTED)  # the minimum is two
    rejected = make_application(db, competition, status=ApplicationStatus.REJECTED)
    enter_stage(db, chair, competition, Stage.ELIGIBILITY_REVIEWED, now=clock.now)
    assert kinds_for(db, accepted) == ["ticket_ready"]
    assert kinds_for(db, rejected) == []


def test_every_ranked_candidate_hears_that_results_are_published(db, clock):
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    for application in scene.applications:
        assert kinds_for(db, application) == ["results_published"]


def test_an_objection_decided_is_told_to_the_candidate_who_raised_it(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    huong, anh = scene.app("Nguyễn Thị Hương"), scene.app("Trần Đức Anh")
    objection = appeals.file_objection(db, huong.user, huong, item_key="Q-07",
                                       reason="Phương án B mới đúng theo Luật 2025.",
                                       now=scene.competition.sitting_closes_at + timedelta(hours=1))
    appeals.decide_objection(db, scene.chair, objection, uphold=False,
                             reason="Luật 2025 chưa có hiệu lực vào ngày ra đề.", now=clock.now)
    assert kinds_for(db, huong) == ["appeal_decided"]
    assert kinds_for(db, anh) == []


def test_a_refused_re_mark_request_is_told_to_the_candidate(db, clock):
    scene = make_scene(db, clock)
    huong = scene.app("Nguyễn Thị Hương")
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    appeal = appeals.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                        reason="Bài làm đủ ý nhưng bị chấm thấp.",
                                        now=clock.days(1))
    appeals.answer_remark_appeal(db, scene.chair, appeal, grant=False,
                                 reason="Đơn không nêu căn cứ cụ thể nào.", now=clock.days(2))
    assert kinds_for(db, huong) == ["results_published", "appeal_decided"]
