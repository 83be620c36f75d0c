"""Two examiners mark the same script blind; a discrepancy goes to a third; the board locks
and reveals."""

import pytest
from playwright.sync_api import expect

from exam.competitions.models import Stage
from exam.db import utcnow
from exam.scoring import codes, service
from exam.scoring.models import AssignmentRole
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import PASSWORD
from tests.scoring.helpers import assignments, give, scene

pytestmark = pytest.mark.browser


def sign_in(page, url, email):
    page.goto(f"{url}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def mark_script(page, url, competition_id, code, content, argument, comment):
    page.goto(f"{url}/scoring/{competition_id}/")
    page.get_by_role("link", name=codes.display(code)).click()
    expect(page.locator(".script-code")).to_have_text(codes.display(code))
    page.get_by_label("Nội dung").fill(content)
    page.get_by_label("Lập luận").fill(argument)
    page.get_by_label("Nhận xét").fill(comment)
    page.locator("#final").check()  # submitting is final: the examiner confirms it first
    page.get_by_role("button", name="Nộp điểm").click()
    expect(page.locator(".flash-success").first).to_contain_text("Đã nộp điểm của Ông/Bà")


def test_blind_double_marking_a_third_examiner_then_lock_and_reveal(page, live_server,
                                                                   app_context):
    session = live_server.session()
    s = scene(session, scripts=5, examiners=3)
    now = utcnow()
    service.assign_markers(session, s.chair, s.competition, s.panel, now=now)
    disputed = s.scripts[0]
    pair = assignments(session, disputed)
    first, second = pair[AssignmentRole.FIRST].examiner, pair[AssignmentRole.SECOND].examiner
    for script in s.scripts[1:]:
        for a in assignments(session, script).values():
            give(session, a, "7", now)
    session.commit()
    url, cid, code = live_server.url, s.competition.id, disputed.code
    emails = {"first": first.email, "second": second.email, "panel_chair": s.panel.chair.email,
              "board_chair": s.chair.email}
    names = [a.user.full_name for a in s.applications]
    session.close()

    sign_in(page, url, emails["first"])
    mark_script(page, url, cid, code, "5,5", "3,5", "Bài viết rất tốt, giải pháp khả thi")
    expect(page.locator(".mark-total")).to_have_text("9")
    sign_out(page)

    sign_in(page, url, emails["second"])
    page.goto(f"{url}/scoring/{cid}/scripts/{code}")
    assert_accessible(page, "scoring-script")
    screenshot(page, "vi-scoring-script")
    body = page.content()
    assert "Bài viết rất tốt" not in body
    assert "5,5" not in body
    assert not any(name in body for name in names)
    mark_script(page, url, cid, code, "2", "1", "Chưa bám sát yêu cầu đề")
    assert "Bài viết rất tốt" not in page.content()
    sign_out(page)

    session = live_server.session()
    third = assignments(session, session.merge(disputed))[AssignmentRole.THIRD].examiner
    third_email = third.email
    assert third_email not in {emails["first"], emails["second"], emails["panel_chair"]}
    session.close()

    sign_in(page, url, third_email)
    page.goto(f"{url}/scoring/{cid}/")
    expect(page.get_by_role("row", name=codes.display(code))).to_contain_text("Chấm lần ba")
    mark_script(page, url, cid, code, "5", "2", "Khá, còn thiếu dẫn chứng")
    sign_out(page)

    sign_in(page, url, emails["panel_chair"])
    page.goto(f"{url}/scoring/{cid}/")
    page.get_by_role("link", name=codes.display(code)).click()
    expect(page.get_by_role("row", name="Chấm lần ba")).to_contain_text("7")
    page.get_by_label("Điểm chính thức").fill("7")
    page.get_by_label("Lý do").fill("Theo điểm lần ba, sau khi trao đổi với hai giám khảo.")
    page.get_by_role("button", name="Ghi điểm chính thức").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã ghi điểm chính thức")
    sign_out(page)

    sign_in(page, url, emails["board_chair"])
    page.goto(f"{url}/scoring/{cid}/")
    expect(page.locator(".summary-final")).to_have_text("5")
    assert not any(name in page.content() for name in names)
    screenshot(page, "vi-scoring-board")
    page.get_by_label("Tôi hiểu bước này không thể hoàn tác.").check()
    page.get_by_role("button", name="Khóa điểm").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã khóa điểm")
    # examiners' statistics show marks, so they open only at the lock
    page.get_by_role("link", name="Thống kê giám khảo").click()
    expect(page.locator(".alpha")).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas.pair-chart'))")
    assert page.evaluate("() => Chart.getChart(document.querySelector('canvas.pair-chart'))"
                         ".data.datasets[0].data.length") == 5
    assert_accessible(page, "scoring-statistics")
    screenshot(page, "vi-scoring-statistics")
    page.goto(f"{url}/scoring/{cid}/")
    page.get_by_label("Tôi hiểu bước này không thể hoàn tác.").check()
    page.get_by_role("button", name="Ghép phách").click()
    expect(page.locator(".code-map")).to_contain_text(names[0])
    assert_accessible(page, "scoring-code-map")
    screenshot(page, "vi-scoring-code-map")

    session = live_server.session()
    competition = session.merge(s.competition)
    session.refresh(competition)
    assert competition.stage == Stage.IDENTITIES_REVEALED
    assert service.final_mark(session, session.merge(disputed)).mark == 7
    session.close()
