"""Newcomers' journeys in Chromium: a refused application comes back filled, the administrator
invites a staff member who opens the one-time link, the board builds a blueprint from choices.
Each in Vietnamese and English, and at 390 px, with screenshots kept for people to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from exam.competitions.models import Role, Stage
from tests.browser.conftest import assert_accessible, pdf_file, screenshot
from tests.browser.test_registration import sign_in
from tests.factories import make_admin, make_competition, make_user
from tests.sitting.helpers import sitting_competition

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _english(page, url):
    """The visitor switches the language with the header's button."""
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_application_comes_back_filled(browser, live_server, app_context, tmp_path,
                                                  width):
    session = live_server.session()
    competition = make_competition(session, title=f"Thi tuyển Trưởng phòng Pháp chế {width}")
    candidate = make_user(session, full_name="Ngô Minh Châu")
    session.commit()
    competition_id, email = competition.id, candidate.email
    session.close()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/competitions/{competition_id}/apply")
    page.get_by_label("Ngày sinh").fill("1985-02-03")
    page.get_by_label("Số căn cước công dân").fill("12345")
    page.get_by_label("Chức vụ hiện tại", exact=True).fill("Phó Trưởng phòng Pháp chế")
    page.get_by_label("Đơn vị hiện tại", exact=True).fill("Sở Tư pháp")
    page.locator("#degree").select_option("master")
    page.locator("#field_of_study").fill("Luật hành chính")
    page.get_by_label("Số năm giữ chức vụ quản lý").fill("7")
    page.locator("#statement").fill("Tôi đã điều hành phòng trong bảy năm.")
    page.locator("#cv").set_input_files(pdf_file(tmp_path))
    page.get_by_role("button", name="Nộp hồ sơ").click()

    expect(page.locator("#id_number-err")).to_contain_text("9 hoặc 12 chữ số")
    expect(page.locator("#id_number")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Chức vụ hiện tại", exact=True)).to_have_value("Phó Trưởng phòng Pháp chế")
    expect(page.get_by_label("Đơn vị hiện tại", exact=True)).to_have_value("Sở Tư pháp")
    expect(page.locator("#degree")).to_have_value("master")
    expect(page.locator("#field_of_study")).to_have_value("Luật hành chính")
    expect(page.get_by_label("Số năm giữ chức vụ quản lý")).to_have_value("7")
    expect(page.locator("#statement")).to_have_value("Tôi đã điều hành phòng trong bảy năm.")
    expect(page.locator("#id_number")).to_have_value("12345")
    assert_accessible(page, "refused application")
    screenshot(page, f"vi-apply-refused-{width}px")

    page.locator("#id_number").fill("001085004321")
    page.locator("#cv").set_input_files(pdf_file(tmp_path))
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp, chờ xét duyệt")).to_be_visible()
    page.goto(f"{live_server.url}/competitions/{competition_id}")
    expect(page.get_by_role("link", name="Nộp hồ sơ")).to_have_count(0)
    screenshot(page, f"vi-competition-after-applying-{width}px")
    context.close()


def test_the_administrator_invites_a_staff_member_who_opens_the_link(browser, live_server,
                                                                   app_context):
    from exam.notifications.models import OutboxMail

    session = live_server.session()
    admin = make_admin(session, email="quantri@sonoivu.gov.vn")
    competition = make_competition(session, created_by=admin, stage=Stage.DRAFT,
                                   title="Thi tuyển Chánh Văn phòng Sở")
    session.commit()
    competition_id = competition.id
    session.close()
    url = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, url, "quantri@sonoivu.gov.vn")
    page.goto(f"{url}/manage/{competition_id}")
    page.locator("#email").fill("le.van.khao@sonoivu.gov.vn")
    page.locator("#full_name").fill("Lê Văn Khảo")
    page.locator("#role").select_option("examiner")
    page.get_by_role("button", name="Phân công").click()
    expect(page.locator(".flash-success")).to_contain_text("le.van.khao@sonoivu.gov.vn")
    expect(page.get_by_role("cell", name="le.van.khao@sonoivu.gov.vn")).to_be_visible()
    assert_accessible(page, "dashboard after an invitation")
    screenshot(page, "vi-admin-invited-staff")
    _english(page, url)
    page.goto(f"{url}/manage/{competition_id}")
    screenshot(page, "en-admin-staff-list")
    page.get_by_role("button", name="Sign out").click()

    session = live_server.session()
    body = session.scalars(select(OutboxMail.body).where(
        OutboxMail.to_address == "le.van.khao@sonoivu.gov.vn")).one()
    session.close()
    path = re.search(r"/account/invitation/\S+", body).group(0)
    phone = browser.new_context(viewport=PHONE)
    invited = phone.new_page()
    invited.goto(url + path)
    expect(invited.get_by_text("Lê Văn Khảo")).to_be_visible()
    invited.locator("#password").fill("đồi chè Thái Nguyên 2027")
    invited.locator("#confirm").fill("đồi chè Thái Nguyên 2027")
    screenshot(invited, "vi-invitation-390px")
    invited.locator("form.form button[type=submit]").click()
    expect(invited.locator(".flash-success")).to_be_visible()
    assert invited.goto(url + path).status == 410  # the link works once
    sign_in(invited, url, "le.van.khao@sonoivu.gov.vn", "đồi chè Thái Nguyên 2027")
    expect(invited.get_by_text("Lê Văn Khảo").first).to_be_visible()
    phone.close()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_board_builds_a_blueprint_from_choices(browser, live_server, app_context, width):
    from exam.bank.models import ItemVersion
    from exam.db import utcnow

    session = live_server.session()
    world = sitting_competition(session, now=utcnow().replace(microsecond=0), candidates=1)
    session.commit()
    competition_id, chair_email = world["competition"].id, world["chair"].email
    topic = session.scalars(select(ItemVersion.topic).order_by(ItemVersion.id)).first()
    session.close()
    url = live_server.url
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, url, chair_email)
    page.goto(f"{url}/manage/{competition_id}/test")
    page.locator("#part-form > summary").click()
    page.locator("#key").fill("C")
    page.locator("#title").fill("Phần III. Xử lý tình huống")
    page.locator("#kind").select_option("objective")
    page.locator("#duration_minutes").fill("20")
    page.locator("#cells-0-topic").fill(topic)
    page.locator("#cells-0-difficulty").select_option(label="Khó")
    page.locator("#cells-0-type").select_option("true_false")
    page.locator("#cells-0-count").fill("1")
    page.locator("#cells-0-points").fill("0,5")
    screenshot(page, f"vi-blueprint-form-{width}px")
    page.get_by_role("button", name="Lưu phần thi").click()
    expect(page.locator(".flash-success")).to_be_visible()
    panel = page.locator(".panel", has_text="Phần III. Xử lý tình huống")
    expect(panel.get_by_role("cell", name="Khó")).to_be_visible()
    expect(panel.get_by_role("cell", name=topic)).to_be_visible()
    assert "true_false" not in panel.inner_text()

    # The same row again in a new part: refused, and the form comes back as it was filled.
    page.locator("#part-form > summary").click()
    page.locator("#key").fill("D")
    page.locator("#title").fill("Phần IV. Trùng ô")
    page.locator("#duration_minutes").fill("10")
    page.locator("#cells-0-topic").fill(topic)
    page.locator("#cells-0-difficulty").select_option("hard")
    page.locator("#cells-0-type").select_option("true_false")
    page.locator("#cells-0-count").fill("1")
    page.get_by_role("button", name="Lưu phần thi").click()
    expect(page.locator("#cells-err")).to_be_visible()
    expect(page.locator("#title")).to_have_value("Phần IV. Trùng ô")
    expect(page.locator("#cells-0-topic")).to_have_value(topic)
    assert_accessible(page, "refused blueprint part")
    screenshot(page, f"vi-blueprint-refused-{width}px")
    _english(page, url)
    page.goto(f"{url}/manage/{competition_id}/test?part=C")
    expect(page.locator("#cells-0-difficulty")).to_have_value("hard")
    screenshot(page, f"en-blueprint-edit-{width}px")
    context.close()



def test_an_author_finds_the_bank_and_sees_only_the_chosen_types_fields(page, live_server,
                                                                       app_context):
    from tests.factories import appoint

    session = live_server.session()
    competition = make_competition(session, title="Thi tuyển Phó Chánh Thanh tra Sở")
    author = appoint(session, competition, Role.QUESTION_AUTHOR,
                     make_user(session, full_name="Phan Thị Soạn"))
    session.commit()
    email = author.email
    session.close()
    sign_in(page, live_server.url, email)
    page.get_by_role("link", name="Ngân hàng câu hỏi").click()
    page.goto(f"{live_server.url}/bank/new")
    page.locator("#type").select_option("essay")
    expect(page.locator("#rubric")).to_be_visible()
    expect(page.locator("#options")).to_be_hidden()
    page.locator("#type").select_option("single_choice")
    expect(page.locator("#options")).to_be_visible()
    expect(page.locator("#rubric")).to_be_hidden()
    screenshot(page, "vi-bank-new-question")
