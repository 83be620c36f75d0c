"""The proctor opens the room, the board reads the log in sentences, anyone reads its public
view, an author approves several questions at once: in Vietnamese at 390 px, screenshots kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from exam.bank import service as bank
from exam.db import utcnow
from exam.sitting import service as sitting
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_registration import sign_in
from tests.sitting.helpers import seal, sitting_competition

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_proctor_opens_the_room_and_anyone_reads_it_in_the_public_log(page, live_server,
                                                                         app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = sitting_competition(session, now=now, candidates=2)
    seal(session, world, now=now)
    sitting.enter_public_value(session, world["chair"], world["competition"],
                               "Xổ số kiến thiết Thủ đô ngày 20/11/2026: 482913",
                               now=now - timedelta(days=2))
    session.commit()
    cid, proctor, chair = world["competition"].id, world["proctor"].email, world["chair"].email
    session.close()
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, proctor)
    page.goto(f"{live_server.url}/manage/{cid}/sitting")
    page.get_by_label("Tôi hiểu bước này không thể hoàn tác.").check()
    page.get_by_role("button", name="Mở phòng thi").click()
    expect(page.get_by_text("Phòng thi đã mở: thí sinh có thể bắt đầu làm bài")).to_be_visible()
    screenshot(page, "vi-proctor-opened-the-room-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/audit/public?competition={cid}")
    expect(page.locator(".audit-entry .what", has_text="Phòng thi đã mở")).to_be_visible()
    assert_accessible(page, "public audit log")
    screenshot(page, "vi-public-audit-log-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    sign_in(page, live_server.url, chair)
    page.goto(f"{live_server.url}/audit/?competition={cid}")
    expect(page.locator(".audit-entry .what", has_text="Đã niêm phong đề thi").first).to_be_visible()
    expect(page.locator("dt", has_text="Nguồn của giá trị công khai").first).to_be_visible()
    assert_accessible(page, "audit log")
    screenshot(page, "vi-audit-log-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_author_approves_several_questions_with_one_confirmation(page, live_server,
                                                                   app_context):
    from exam.competitions.models import Role
    from question_bank.items import Item, Option
    from tests.factories import appoint, make_competition

    session = live_server.session()
    competition = make_competition(session)
    writer = appoint(session, competition, Role.QUESTION_AUTHOR)
    approver = appoint(session, competition, Role.QUESTION_AUTHOR)
    now = utcnow()
    for key in ("dl-01", "dl-02", "dl-03"):
        version = bank.create_item(session, writer, Item(
            key=key, type="single_choice", stem=f"Câu hỏi {key}", points=1,
            topic="Luật Cán bộ, công chức", difficulty="easy",
            options=(Option("Đúng", 1), Option("Sai", 0))), now=now)
        bank.review_version(session, approver, version, now=now)
    session.commit()
    email = approver.email
    session.close()
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/bank/?status=reviewed")
    page.get_by_label("Chọn dl-01").check()
    page.get_by_label("Chọn dl-03").check()
    page.get_by_label("Tôi đã đọc từng câu hỏi đã đánh dấu").check()
    page.get_by_role("button", name="Duyệt các câu hỏi đã đánh dấu").click()
    expect(page.get_by_text("Đã duyệt 2 câu hỏi")).to_be_visible()
    expect(page.get_by_label("Chọn dl-02")).to_be_visible()
    expect(page.get_by_label("Chọn dl-01")).to_have_count(0)
    screenshot(page, "vi-bank-bulk-approved-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
