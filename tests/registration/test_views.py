from exam.competitions.models import Stage
from tests.conftest import login
from tests.factories import make_application, make_competition, make_user


def test_an_accepted_candidate_finds_the_ticket_the_sitting_and_the_results(client, db):
    competition = make_competition(db, stage=Stage.SITTING)
    user = make_user(db)
    application = make_application(db, competition, user=user, status="accepted")
    login(client, user)
    page = client.get(f"/applications/{application.id}").text
    assert "Tải giấy báo dự thi của tôi" in page
    assert f"/sitting/{competition.id}" in page
    assert f"/applications/{application.id}/result" not in page
    competition.stage = Stage.PROVISIONAL_RESULTS
    db.flush()
    page = client.get(f"/applications/{application.id}").text
    assert f"/applications/{application.id}/result" in page
    assert f"/sitting/{competition.id}\"" not in page


def test_a_rejected_candidate_reads_the_reason(client, db):
    competition = make_competition(db)
    user = make_user(db)
    application = make_application(db, competition, user=user, status="rejected",
                                   rejection_reason="Chưa đủ 3 năm giữ chức vụ quản lý.")
    login(client, user)
    page = client.get(f"/applications/{application.id}").text
    assert "Chưa đủ 3 năm giữ chức vụ quản lý." in page
    assert "admission_ticket" not in page


def test_another_candidate_cannot_open_an_application(client, db):
    competition = make_competition(db)
    application = make_application(db, competition)
    login(client, make_user(db))
    assert client.get(f"/applications/{application.id}").status_code == 403
