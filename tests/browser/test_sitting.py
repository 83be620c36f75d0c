"""A candidate sits the test in Chromium: autosave, reload, the server's clock, submit, deadline."""

import json
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from exam.db import utcnow
from exam.sitting.models import Attempt
from tests.browser.conftest import screenshot
from tests.browser.test_registration import sign_in
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.browser


@pytest.fixture
def sitting(live_server, app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = open_sitting(session, sitting_competition(session, now=now, candidates=2), now=now)
    session.commit()
    info = {"competition_id": world["competition"].id,
            "emails": [a.user.email for a in world["applications"]]}
    session.close()
    return info


def move_start(live_server, email, **back):
    """Pretend the candidate started earlier: the server's clock is all that counts."""
    from exam.accounts.models import User
    from exam.registration.models import Application

    session = live_server.session()
    user = session.query(User).filter_by(email=email).one()
    application = session.query(Application).filter_by(user_id=user.id).one()
    attempt = session.query(Attempt).filter_by(application_id=application.id).one()
    attempt.started_at -= timedelta(**back)
    session.commit()
    session.close()


def attempt_of(live_server, email):
    from exam.accounts.models import User
    from exam.registration.models import Application

    session = live_server.session()
    user = session.query(User).filter_by(email=email).one()
    application = session.query(Application).filter_by(user_id=user.id).one()
    attempt = session.query(Attempt).filter_by(application_id=application.id).one()
    session.close()
    return attempt


def option_order(live_server, paper_item_id) -> list[int]:
    from exam.sitting.models import PaperItem

    session = live_server.session()
    order = list(session.get(PaperItem, paper_item_id).option_order)
    session.close()
    return order


def minutes_left(page) -> float:
    hours, minutes, seconds = map(int, page.locator("#time-left").inner_text().split(":"))
    return hours * 60 + minutes + seconds / 60


def start(page, url, sitting, n):
    sign_in(page, url, sitting["emails"][n])
    page.goto(f"{url}/sitting/{sitting['competition_id']}")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page.locator("#time-left")).to_be_visible()


def test_answers_survive_a_reload_with_the_right_time_left_then_submit(page, live_server, sitting):
    url = live_server.url
    start(page, url, sitting, 0)
    assert 89 < minutes_left(page) <= 90

    choice = page.locator("form[data-type=single_choice]").first
    choice.locator("input[name=response]").nth(2).check()
    expect(choice.locator("[data-role=saved-at]")).to_contain_text("Đã lưu lúc")
    # the page names the third option shown "C", never its place in the bank; the server
    # stores the bank option that was shown third
    expect(choice.locator("input[name=response]").nth(2)).to_have_attribute("value", "C")
    choice_id = int(choice.get_attribute("data-item"))
    stored = saved_answers(live_server, sitting["emails"][0])[choice_id]
    assert json.loads(stored) == [option_order(live_server, choice_id)[2]]
    short = page.locator("form[data-type=short_answer]").first
    short.locator("input[name=response]").fill("Ủy ban nhân dân cấp tỉnh")
    expect(short.locator("[data-role=saved-at]")).to_contain_text("Đã lưu lúc")
    essay = page.locator("form[data-type=essay]").first
    essay.locator("textarea").fill("Chương trình hành động gồm ba nhóm giải pháp…")
    essay.locator("input[name=flagged]").check()
    expect(essay.locator("[data-role=saved-at]")).to_contain_text("Đã lưu lúc")
    expect(page.locator("#save-state")).to_contain_text("Đã lưu lúc")
    essay_id = essay.get_attribute("data-item")
    expect(page.locator(f"#nav-{essay_id}")).to_have_class(re.compile("flagged"))
    expect(page.locator("[data-role=summary]")).to_have_text("Đã trả lời 3/25 câu, đánh dấu 1 câu")
    screenshot(page, "vi-sitting-saved")

    move_start(live_server, sitting["emails"][0], minutes=30)
    page.goto(f"{url}/sitting/{sitting['competition_id']}/paper")
    assert 59 < minutes_left(page) <= 60
    choice = page.locator("form[data-type=single_choice]").first
    expect(choice.locator("input[name=response]").nth(2)).to_be_checked()
    expect(page.locator("form[data-type=short_answer]").first.locator("input[name=response]")
           ).to_have_value("Ủy ban nhân dân cấp tỉnh")
    essay = page.locator("form[data-type=essay]").first
    expect(essay).to_be_in_viewport()
    expect(essay.locator("textarea")).to_have_value("Chương trình hành động gồm ba nhóm giải pháp…")
    expect(essay.locator("input[name=flagged]")).to_be_checked()

    page.get_by_role("link", name="Kết thúc và nộp bài").first.click()
    expect(page.get_by_text("Đã trả lời 3/25 câu.")).to_be_visible()
    page.get_by_label("Tôi hiểu bước này không thể hoàn tác.").check()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.get_by_role("heading", name="Biên nhận nộp bài")).to_be_visible()
    attempt = attempt_of(live_server, sitting["emails"][0])
    expect(page.locator("[data-role=answers-sha256]")).to_have_text(attempt.answers_sha256)
    assert not attempt.is_auto_submitted
    screenshot(page, "vi-sitting-receipt")


def test_a_save_after_the_deadline_is_refused_and_the_paper_submits_itself(page, live_server,
                                                                          sitting):
    url = live_server.url
    start(page, url, sitting, 1)
    choice = page.locator("form[data-type=single_choice]").first
    choice.locator("input[name=response]").nth(1).check()
    expect(choice.locator("[data-role=saved-at]")).to_contain_text("Đã lưu lúc")

    move_start(live_server, sitting["emails"][1], minutes=91)
    choice.locator("input[name=response]").nth(0).check()
    expect(page.locator("#save-state")).to_contain_text("Hết giờ")
    screenshot(page, "vi-sitting-refused")
    attempt = attempt_of(live_server, sitting["emails"][1])
    assert attempt.is_auto_submitted
    assert attempt.submitted_at is not None
    expect(page.get_by_role("heading", name="Biên nhận nộp bài")).to_be_visible(timeout=10000)
    expect(page.get_by_text("Bài được nộp tự động khi hết giờ")).to_be_visible()


def saved_answers(live_server, email) -> dict[int, str]:
    from exam.sitting.attempts import current_saves

    session = live_server.session()
    attempt = session.get(Attempt, attempt_of(live_server, email).id)
    answers = {line_id: save.response for line_id, save in current_saves(session, attempt).items()}
    session.close()
    return answers


def test_answers_typed_while_the_server_is_cut_off_are_kept_and_saved_once_it_is_back(
        page, live_server, sitting):
    url, email = live_server.url, sitting["emails"][1]
    start(page, url, sitting, 1)
    answer_url = f"**/sitting/{sitting['competition_id']}/answer"
    page.route(answer_url, lambda route: route.abort("connectionrefused"))

    short = page.locator("form[data-type=short_answer]").first
    short.locator("input[name=response]").fill("Trả lời khi máy chủ không liên lạc được")
    expect(page.locator("#save-state")).to_have_text("Chưa lưu, đang thử lại…")
    expect(short.locator("[data-role=saved-at]")).to_have_text("")
    screenshot(page, "vi-sitting-retrying")
    assert saved_answers(live_server, email) == {}

    essay = page.locator("form[data-type=essay]").first
    essay.locator("textarea").fill("Đề án viết trong lúc mất kết nối, không được mất chữ nào.")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved answers?"
    page.reload()  # at once: the essay's send still waits for a pause in typing
    expect(short.locator("input[name=response]")).to_have_value(
        "Trả lời khi máy chủ không liên lạc được")
    expect(essay.locator("textarea")).to_have_value(
        "Đề án viết trong lúc mất kết nối, không được mất chữ nào.")
    expect(page.locator("#save-state")).to_have_text("Chưa lưu, đang thử lại…")

    page.unroute(answer_url)
    expect(page.locator("#save-state")).to_contain_text("Đã lưu lúc", timeout=20_000)
    expect(essay.locator("[data-role=saved-at]")).to_contain_text("Đã lưu lúc")
    stored = saved_answers(live_server, email)
    assert stored[int(short.get_attribute("data-item"))] == '"Trả lời khi máy chủ không liên lạc được"'
    assert stored[int(essay.get_attribute("data-item"))] == (
        '"Đề án viết trong lúc mất kết nối, không được mất chữ nào."')
