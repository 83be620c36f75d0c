import pytest
from playwright.sync_api import expect

from exam.competitions.models import Role
from tests.browser.conftest import assert_accessible, pdf_file, screenshot
from tests.factories import PASSWORD, make_board, make_competition

pytestmark = pytest.mark.browser


def sign_in(page, url, email, password=PASSWORD):
    page.goto(f"{url}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_candidate_applies_and_the_board_accepts(page, live_server, app_context, tmp_path):
    session = live_server.session()
    competition = make_competition(session, title="Thi tuyển Trưởng phòng Kế hoạch – Tài chính")
    chair = make_board(session, competition)[Role.CHAIR]
    session.commit()
    competition_id, chair_email = competition.id, chair.email
    session.close()
    url = live_server.url

    page.goto(f"{url}/account/register")
    page.get_by_label("Họ và tên").fill("Đặng Thuỳ Dương")
    page.get_by_label("Email").fill("duong@example.vn")
    page.get_by_label("Mật khẩu", exact=True).fill("sông Hồng mùa lũ 2026")
    page.get_by_label("Nhập lại mật khẩu").fill("sông Hồng mùa lũ 2026")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Đặng Thuỳ Dương").first).to_be_visible()

    page.goto(f"{url}/competitions/{competition_id}")
    page.get_by_role("link", name="Nộp hồ sơ").click()
    page.get_by_label("Ngày sinh").fill("1986-04-12")
    page.get_by_label("Số căn cước công dân").fill("001086004567")
    page.get_by_label("Chức vụ hiện tại", exact=True).fill("Phó Trưởng phòng")
    page.get_by_label("Đơn vị hiện tại", exact=True).fill("Sở Kế hoạch và Đầu tư")
    page.get_by_label("Số năm giữ chức vụ quản lý").fill("6")
    page.get_by_label("Sơ yếu lý lịch (PDF)").set_input_files(pdf_file(tmp_path))
    screenshot(page, "vi-apply")
    assert_accessible(page, "application form")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp, chờ xét duyệt")).to_be_visible()
    assert_accessible(page, "candidate's application")
    screenshot(page, "vi-application-submitted")

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, url, chair_email)
    page.goto(f"{url}/manage/{competition_id}/applications")
    page.get_by_role("link", name="Đặng Thuỳ Dương").click()
    expect(page.get_by_role("cell", name="Số năm giữ chức vụ quản lý")).to_be_visible()
    assert_accessible(page, "board's review of an application")
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator(".flash-success")).to_contain_text("Số báo danh: 0001")

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, url, "duong@example.vn", "sông Hồng mùa lũ 2026")
    expect(page.locator(".candidate-number")).to_have_text("0001")
    screenshot(page, "vi-candidate-number")
