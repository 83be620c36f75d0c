"""A whole sitting with the keyboard only: Tab, Shift+Tab, Space, Enter and the arrow keys.

No mouse click and no programmatic fill: every control is reached by Tab, and the element
that has the focus must show it (WCAG 2.1.1 Keyboard, 2.4.7 Focus Visible).
"""

import pytest
from playwright.sync_api import expect

from exam.db import utcnow
from tests.browser.conftest import assert_accessible, screenshot, screenshot_phone
from tests.factories import PASSWORD
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.browser

TEXTS = {
    "vi": {"signed_in": "Đăng xuất", "saved": "Đã lưu lúc", "answered": "Đã trả lời 4/25 câu.",
           "receipt": "Biên nhận nộp bài"},
    "en": {"signed_in": "Sign out", "saved": "Saved at", "answered": "4 of 25 questions answered.",
           "receipt": "Submission receipt"},
}


@pytest.fixture
def sitting(live_server, app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = open_sitting(session, sitting_competition(session, now=now, candidates=1), now=now)
    session.commit()
    info = {"competition_id": world["competition"].id,
            "email": world["applications"][0].user.email}
    session.close()
    return info


def focus_is_visible(page) -> bool:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return outlined || s.boxShadow !== 'none';
    }""")


def tab_to(page, selector: str, *, limit: int = 120, backwards: bool = False) -> None:
    """Press Tab until the focus lands on `selector`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            assert focus_is_visible(page), f"the focus on {selector} cannot be seen"
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_candidate_sits_the_whole_test_with_the_keyboard_only(page, live_server, sitting, lang):
    url, text = live_server.url, TEXTS[lang]
    page.goto(f"{url}/account/login")
    if lang == "en":
        tab_to(page, "button[lang=en]")
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "en")
    tab_to(page, "input[name=email]")
    page.keyboard.type(sitting["email"])
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=text["signed_in"])).to_be_visible()

    page.goto(f"{url}/sitting/{sitting['competition_id']}")
    tab_to(page, "form[action$='/start'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#time-left")).to_be_visible()
    assert_accessible(page, "the paper")
    page.set_viewport_size({"width": 640, "height": 900})  # a 1280 px screen at 200% zoom
    assert page.evaluate("document.documentElement.scrollWidth <= "
                         "document.documentElement.clientWidth + 1"), "the paper scrolls sideways"
    expect(page.locator("#time-left")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 720})

    choice = page.locator("form[data-type=single_choice]").first
    tab_to(page, "form[data-type=single_choice] input[name=response]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(choice.locator("input[name=response]").nth(1)).to_be_checked()
    expect(choice.locator("[data-role=saved-at]")).to_contain_text(text["saved"])
    expect(page.locator("#save-state")).to_contain_text(text["saved"])

    several = page.locator("form[data-type=multiple_response]").first
    tab_to(page, "form[data-type=multiple_response] input[name=response]")
    page.keyboard.press("Space")
    expect(several.locator("input[name=response]").first).to_be_checked()
    expect(several.locator("[data-role=saved-at]")).to_contain_text(text["saved"])

    short = page.locator("form[data-type=short_answer]").first
    tab_to(page, "form[data-type=short_answer] input[name=response]")
    page.keyboard.type("Ủy ban nhân dân cấp tỉnh")
    expect(short.locator("[data-role=saved-at]")).to_contain_text(text["saved"])

    essay = page.locator("form[data-type=essay]").first
    tab_to(page, "form[data-type=essay] textarea")
    page.keyboard.type("Chương trình hành động gồm ba nhóm giải pháp.")
    # A screen reader hears the save state, and the time warnings, without moving the focus.
    expect(page.locator("#save-state")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#time-announcer")).to_have_attribute("aria-live", "assertive")
    expect(essay.locator("[data-role=saved-at]")).to_contain_text(text["saved"])
    screenshot(page, f"{lang}-keyboard-sitting")
    screenshot_phone(page, f"{lang}-390-keyboard-sitting")

    tab_to(page, "a[href$='/review']")
    page.keyboard.press("Enter")
    expect(page.get_by_text(text["answered"])).to_be_visible()
    assert_accessible(page, "review before submitting")
    tab_to(page, "input[type=checkbox]")
    page.keyboard.press("Space")
    tab_to(page, "form[action$='/submit'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=text["receipt"])).to_be_visible()
    assert_accessible(page, "receipt")
    screenshot(page, f"{lang}-keyboard-sitting-receipt")
    screenshot_phone(page, f"{lang}-390-keyboard-sitting-receipt")
