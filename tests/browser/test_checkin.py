"""Check-in, the start as a key, autosave through a cut network, the queued finish, in Chromium.

The candidate checks in before the start: the page then holds the paper encrypted, with no
key and no question text anywhere in the DOM. At the start the page asks for the key, opens
the paper in place (no page load) and the sitting runs; answers typed offline are saved once
the network is back; the submission answers at once and the receipt follows from the queue.
"""

import base64
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from exam.accounts.models import User
from exam.db import utcnow
from exam.registration.models import Application
from exam.sitting import attempts, finish
from exam.sitting.models import AnswerSave, Attempt, SealedPaper
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_registration import sign_in
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.browser

LEAD_SECONDS = 25


@pytest.fixture
def soon(live_server, app_context):
    """A sitting opened by the board whose start is a few seconds away: check-in is open."""
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    opens = now + timedelta(seconds=LEAD_SECONDS)
    world = open_sitting(session, sitting_competition(
        session, now=now, candidates=1, sitting_opens=opens,
        sitting_closes=opens + timedelta(hours=3)), now=now)
    session.commit()
    info = {"competition_id": world["competition"].id, "opens": opens,
            "email": world["applications"][0].user.email}
    session.close()
    return info


def _attempt(live_server, email):
    session = live_server.session()
    user = session.scalar(select(User).where(User.email == email))
    application = session.scalar(select(Application).where(Application.user_id == user.id))
    attempt = session.scalar(select(Attempt).where(Attempt.application_id == application.id))
    return session, attempt


@pytest.mark.parametrize("language", ["vi", "en"])
def test_check_in_then_the_start_opens_the_paper_in_place_and_saves_survive_a_cut(
        page, live_server, soon, language):
    url, cid = live_server.url, soon["competition_id"]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, url, soon["email"])
    if language == "en":
        page.locator("button[lang=en]").first.click()
    page.goto(f"{url}/sitting/{cid}")
    expect(page.locator("[data-role=checkin-open]")).to_be_visible()
    screenshot(page, f"{language}-checkin-landing-390")
    assert_accessible(page, "check-in")
    page.locator(f"form[action='/sitting/{cid}/check-in'] button[type=submit]").click()
    expect(page.locator("[data-role=countdown]")).to_be_visible()
    expect(page.locator("[data-role=start-form]")).to_be_hidden()

    session, attempt = _attempt(live_server, soon["email"])
    sealed = session.get(SealedPaper, attempt.id)
    lines = attempts.paper_lines(session, attempt)
    stems = [pl.item.stem_text for pl in lines]
    key_hex = sealed.paper_key
    session.close()
    dom = page.content()
    assert 'data-blob="' in dom  # the paper is fetched at check-in
    assert base64.b64encode(bytes.fromhex(key_hex)).decode() not in dom
    assert key_hex not in dom
    assert key_hex.upper() not in dom
    assert page.locator("form[data-role=question]").count() == 0
    for stem in stems:
        assert stem[:40] not in dom
    assert page.evaluate("() => document.body.innerText.length") < 3000
    screenshot(page, f"{language}-checkin-sealed-390")
    assert_accessible(page, "sealed paper")

    page.evaluate("() => { window.stillTheSamePage = true; }")
    expect(page.locator("form[data-role=question]").first).to_be_visible(
        timeout=(LEAD_SECONDS + 15) * 1000)
    assert page.evaluate("() => window.stillTheSamePage === true")  # opened without a load
    assert stems[0][:40] in page.content()
    assert page.evaluate("() => document.querySelector('input[name=csrf_token]').value") != ""
    expect(page.locator("#time-left")).not_to_have_text("")
    session, attempt = _attempt(live_server, soon["email"])
    assert attempt.started_at >= soon["opens"]
    session.close()
    screenshot(page, f"{language}-checkin-opened-390")

    text_line = next((pl for pl in lines if not pl.item.type.is_choice), None)
    choice_line = next(pl for pl in lines if pl.item.type.is_choice)
    choice = page.locator(f"form[data-role=question][data-item='{choice_line.line.id}']")
    choice.locator("input[name=response]").first.check()
    expect(page.locator("[data-role=save-state]")).to_have_class("save-state saved",
                                                                 timeout=10000)
    page.context.set_offline(True)
    if text_line is not None:
        box = page.locator(f"form[data-role=question][data-item='{text_line.line.id}'] "
                           "[name=response]")
        box.fill("Trả lời khi mất mạng")
    else:
        choice.locator("input[name=response]").nth(1).check()
    expect(page.locator("[data-role=save-state]")).to_have_class("save-state offline",
                                                                 timeout=10000)
    screenshot(page, f"{language}-checkin-offline-390")
    page.context.set_offline(False)
    expect(page.locator("[data-role=save-state]")).to_have_class("save-state saved",
                                                                 timeout=20000)
    session, attempt = _attempt(live_server, soon["email"])
    saved = {s.paper_item_id: s.response for s in session.scalars(
        select(AnswerSave).where(AnswerSave.attempt_id == attempt.id)
        .order_by(AnswerSave.client_seq))}
    session.close()
    assert choice_line.line.id in saved
    if text_line is not None:
        assert saved[text_line.line.id] == '"Trả lời khi mất mạng"'

    live_server.app.config["RECEIPT_INLINE_AFTER_SECONDS"] = 600
    try:
        page.locator("a[href$='/review']").first.click()
        page.locator("form.confirm-form input[type=checkbox]").check()
        page.locator("form.confirm-form button[type=submit]").click()
        expect(page.locator("[data-role=receipt-pending]")).to_be_visible()
        screenshot(page, f"{language}-checkin-receipt-pending-390")
        session = live_server.session()
        with live_server.app.app_context():
            assert finish.work(session, now=utcnow(), sign=None) == 1
        session.close()
        expect(page.locator("[data-role=answers-sha256]")).to_be_visible(timeout=10000)
    finally:
        live_server.app.config["RECEIPT_INLINE_AFTER_SECONDS"] = 0
    screenshot(page, f"{language}-checkin-receipt-390")
