"""The board secretary records a presentation session: the drawn order, times, members present
and the questions asked, in the minutes the candidate reads after the results."""

import pytest
from playwright.sync_api import expect

from exam.presentation import service as presentation
from exam.timefmt import to_local
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import Clock
from tests.presentation.helpers import presentation_round

pytestmark = pytest.mark.browser


def sign_in(page, url, email):
    from tests.factories import PASSWORD

    page.goto(f"{url}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def local(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_secretary_records_a_presentation_session(page, live_server, app_context):
    session = live_server.session()
    clock = Clock()
    r = presentation_round(session, clock)
    presentation.freeze_programmes(session, r.secretary, r.competition, now=clock.now)
    sitting = presentation.draw_presentation_order(session, r.chair, r.competition,
                                                   now=clock.hours(-4))
    session.commit()
    url, cid, email = live_server.url, r.competition.id, r.secretary.email
    by_id = {a.id: a.user.full_name for a in r.applications}
    order = [by_id[a] for a in sitting.order]
    members = [m.full_name for m in r.members]
    session.close()

    sign_in(page, url, email)
    page.goto(f"{url}/manage/{cid}/presentation")
    minutes = page.locator("#session-minutes")
    expect(minutes.locator("tbody tr")).to_have_count(3)
    for row, name in zip(minutes.locator("tbody tr").all(), order, strict=True):
        expect(row).to_contain_text(name)  # the drawn order, first to present first
    expect(page.locator("#record-heading")).to_contain_text(order[0])
    form = page.locator("#record-form")
    form.locator("#started_at").fill(local(clock.hours(-3)))
    form.locator("#ended_at").fill(local(clock.hours(-2.5)))
    form.locator("#present-0").check()
    form.locator("#present-1").check()
    form.locator("#questions").fill("Hỏi: Đề án cần bao nhiêu biên chế để triển khai?\n"
                                    "Hỏi: Lộ trình trong 12 tháng đầu?")
    assert_accessible(page, "presentation session")
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash-success").first).to_be_visible()
    first_row = page.locator("#session-minutes tbody tr").first
    expect(first_row).to_contain_text("bao nhiêu biên chế")
    expect(first_row).to_contain_text(members[0])
    expect(page.locator("#record-heading")).to_contain_text(order[1])
    screenshot(page, "presentation-session")

    # A presentation that ends before it starts is refused with a message, nothing recorded.
    form = page.locator("#record-form")
    form.locator("#started_at").fill(local(clock.hours(-2)))
    form.locator("#ended_at").fill(local(clock.hours(-2.2)))
    form.locator("#present-0").check()
    form.locator("#questions").fill("Hỏi: Nguồn kinh phí thực hiện lấy từ đâu?")
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash-error").first).to_be_visible()
    expect(page.locator("#session-minutes tbody tr").nth(1)).not_to_contain_text("kinh phí")
