"""Numbers with decimals in forms, in Chromium at 390 px: typed "7,5", shown back "7,5" in
Vietnamese and "7.5" in English; a refused form keeps what was typed. The question form, the
result rules, a panel's threshold and an examiner's draft marks, with screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exam.competitions.models import Role, Stage
from exam.db import utcnow
from exam.scoring import service as scoring
from exam.scoring.models import AssignmentRole
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_registration import sign_in
from tests.conftest import Clock
from tests.factories import appoint, make_competition, make_user
from tests.results.helpers import make_scene
from tests.scoring.helpers import assignments, scene

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _phone(browser):
    context = browser.new_context(viewport=PHONE)
    return context, context.new_page()


def _english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


def test_a_numeric_question_takes_decimal_commas_at_390px(browser, live_server, app_context,
                                                         page):
    session = live_server.session()
    competition = make_competition(session, title="Thi tuyển Trưởng phòng Ngân sách")
    author = appoint(session, competition, Role.QUESTION_AUTHOR,
                     make_user(session, full_name="Hà Thị Số"))
    session.commit()
    email = author.email
    session.close()
    url = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, url, email)
    page.goto(f"{url}/bank/new")
    page.locator("#key").fill("ns-75")
    page.locator("#type").select_option("numeric")
    page.locator("#topic").fill("Luật Ngân sách nhà nước")
    page.locator("#points").fill("1,5,0")
    page.locator("#stem").fill("Tỷ lệ dự phòng ngân sách tối đa là bao nhiêu phần trăm?")
    page.locator("#numeric_answer").fill("7,5")
    page.locator("#tolerance").fill("0,25")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#points-err")).to_be_visible()
    expect(page.locator("#points")).to_have_value("1,5,0")
    expect(page.locator("#numeric_answer")).to_have_value("7,5")
    screenshot(page, "vi-bank-decimal-refused-390px")
    page.locator("#points").fill("1,5")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".flash-success")).to_be_visible()
    page.goto(page.url + "/edit")
    expect(page.locator("#numeric_answer")).to_have_value("7,5")
    expect(page.locator("#tolerance")).to_have_value("0,25")
    expect(page.locator("#points")).to_have_value("1,5")
    assert page.locator("#points").get_attribute("inputmode") == "decimal"
    assert_accessible(page, "question form with decimals")
    screenshot(page, "vi-bank-decimal-edit-390px")
    _english(page)
    expect(page.locator("#numeric_answer")).to_have_value("7.5")
    expect(page.locator("#tolerance")).to_have_value("0.25")
    screenshot(page, "en-bank-decimal-edit-390px")


def test_result_rules_take_weights_with_a_comma_at_390px(browser, live_server, app_context, page):
    session = live_server.session()
    s = make_scene(session, Clock(), stage=Stage.SCORING)
    session.commit()
    cid, email = s.competition.id, s.secretary.email
    session.close()
    url = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, url, email)
    page.goto(f"{url}/manage/{cid}/results")
    page.locator("#parts-0-weight").fill("một rưỡi")
    page.locator("#parts-0-pass_mark").fill("47,5")
    page.get_by_role("button", name="Lưu quy tắc").click()
    expect(page.locator("#parts-0-weight")).to_have_value("một rưỡi")
    expect(page.locator("#parts-0-pass_mark")).to_have_value("47,5")
    screenshot(page, "vi-result-rules-refused-390px")
    page.locator("#parts-0-weight").fill("1,5")
    page.get_by_role("button", name="Lưu quy tắc").click()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#parts-0-weight")).to_have_value("1,5")
    expect(page.locator("#parts-0-pass_mark")).to_have_value("47,5")
    screenshot(page, "vi-result-rules-390px")
    _english(page)
    expect(page.locator("#parts-0-weight")).to_have_value("1.5")
    expect(page.locator("#parts-0-pass_mark")).to_have_value("47.5")
    screenshot(page, "en-result-rules-390px")


def test_a_panel_threshold_and_draft_marks_with_commas_at_390px(browser, live_server,
                                                                app_context, page):
    session = live_server.session()
    s = scene(session, scripts=5)
    scoring.assign_markers(session, s.chair, s.competition, s.panel, now=utcnow())
    first = assignments(session, s.scripts[0])[AssignmentRole.FIRST].examiner
    session.commit()
    cid, code, chair, examiner = s.competition.id, s.scripts[0].code, s.chair.email, first.email
    session.close()
    url = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, url, chair)
    page.goto(f"{url}/scoring/{cid}/")
    page.locator("#part_key").fill("tinh_huong")
    page.locator("#threshold_percent").fill("7,5")
    page.get_by_role("button", name="Lập Ban chấm thi").click()
    expect(page.locator("#threshold_percent")).to_have_value("7,5")
    screenshot(page, "vi-panel-refused-390px")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, url, examiner)
    page.goto(f"{url}/scoring/{cid}/scripts/{code}")
    page.locator("#c0").fill("3,5")
    page.locator("#c1").fill("2,25")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".flash-success").first).to_be_visible()
    expect(page.locator("#c0")).to_have_value("3,5")
    expect(page.locator("#c1")).to_have_value("2,25")
    expect(page.locator(".mark-total")).to_have_text("5,75")
    screenshot(page, "vi-draft-marks-390px")
    _english(page)
    expect(page.locator("#c0")).to_have_value("3.5")
    expect(page.locator(".mark-total")).to_have_text("5.75")
    screenshot(page, "en-draft-marks-390px")
