"""The board sees its statistics and, on the dashboard, what waits for whom."""

from exam.competitions.models import Role
from tests.conftest import login
from tests.factories import make_application, make_board, make_competition, make_user
from tests.results.helpers import make_scene


def test_statistics_page_draws_each_part_with_a_table_behind_the_chart(client, db, clock):
    scene = make_scene(db, clock)
    login(client, scene.chair)
    page = client.get(f"/manage/{scene.competition.id}/insights/").get_data(as_text=True)
    assert "Phổ điểm từng phần thi" in page
    assert "Thi viết" in page
    assert "Đề án chuyên môn" in page
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert "js/charts.js" in page
    assert "Chưa có bài nộp" in page
    assert f"/scoring/{scene.competition.id}/statistics" in page


def test_statistics_are_for_the_board_only(client, db, clock):
    scene = make_scene(db, clock)
    login(client, make_user(db, full_name="Hoàng Văn Nam"))
    assert client.get(f"/manage/{scene.competition.id}/insights/").status_code == 403


def test_dashboard_says_what_waits_and_offers_the_next_action(client, db, clock):
    competition = make_competition(db, now=clock.days(-5))
    board = make_board(db, competition)
    for name in ("Trần Đức Anh", "Lê Thị Ánh Tuyết"):
        make_application(db, competition, user=make_user(db, full_name=name))
    login(client, board[Role.SECRETARY])
    page = client.get(f"/manage/{competition.id}").get_data(as_text=True)
    assert "Bước 2 trên 12: " in page  # the appointment is the twelfth stage
    assert "Việc đang chờ ai" in page
    review = f"/manage/{competition.id}/applications?status=submitted"
    assert f'<p class="next-action"><a class="button" href="{review}">Hồ sơ chờ quyết định: 2</a>' in page
