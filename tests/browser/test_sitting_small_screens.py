"""The sitting on a phone (390 px) and at 200% zoom: nothing covers the question text, the
navigator's finish button is readable, and the bar never claims an unsent answer is saved."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_sitting import sitting, start  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

# Where a stem's text sits on the screen, and what the browser shows at those points.
COVERED = """(stem) => {
  const box = stem.getBoundingClientRect();
  const points = [[box.left + 4, box.top + 4], [box.left + box.width / 2, box.top + box.height / 2],
                  [box.right - 4, box.bottom - 4]];
  return points.filter(([x, y]) => y >= 0 && y < window.innerHeight)
               .map(([x, y]) => document.elementFromPoint(x, y))
               .filter((el) => !(el && (el === stem || stem.contains(el))))
               .map((el) => el ? el.className || el.tagName : 'nothing');
}"""


def _viewport_shot(page, name):
    """What the candidate sees on the screen (a full-page picture hides what is sticky)."""
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"{name}.png"))


def _every_stem_is_uncovered(page):
    stems = page.locator(".question .stem")
    assert stems.count() > 3
    for n in range(stems.count()):
        stem = stems.nth(n)
        stem.scroll_into_view_if_needed()
        assert stem.evaluate(COVERED) == [], f"question {n + 1} is covered"
        link = page.locator("[data-role=nav]").nth(n)
        link.scroll_into_view_if_needed()
        link.click()  # the navigator takes the candidate to the question, in plain view
        assert stem.evaluate(COVERED) == [], f"question {n + 1} is covered after the navigator"


def _finish_button_is_readable(page):
    button = page.locator(".question-list a.button")
    colours = button.evaluate("""(b) => { const s = getComputedStyle(b);
        return [s.color, s.backgroundColor]; }""")
    assert colours[0] != colours[1]
    assert colours[1] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    button.focus()
    focused = button.evaluate("(b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert focused[0] != focused[1]


def test_at_390_px_the_questions_are_never_covered(browser, live_server, sitting):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    start(page, live_server.url, sitting, 0)
    _every_stem_is_uncovered(page)
    _finish_button_is_readable(page)
    _viewport_shot(page, "sitting-390px-question")
    page.evaluate("window.scrollTo(0, 0)")
    _viewport_shot(page, "sitting-390px-top")
    context.close()


def test_at_200_percent_zoom_the_questions_are_never_covered(browser, live_server, sitting):  # noqa: F811
    # 200% zoom of a 1280 x 800 window: the page lays out in 640 x 400 CSS pixels, twice as big.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    start(page, live_server.url, sitting, 1)
    _every_stem_is_uncovered(page)
    _finish_button_is_readable(page)
    _viewport_shot(page, "sitting-200-percent-question")
    page.evaluate("window.scrollTo(0, 0)")
    _viewport_shot(page, "sitting-200-percent-top")
    context.close()


def test_the_bar_says_typing_then_offline_then_saved(browser, live_server, sitting):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    start(page, live_server.url, sitting, 0)
    state = page.locator("[data-role=save-state]")
    essay = page.locator(".question[data-type=essay] textarea").first
    essay.scroll_into_view_if_needed()
    essay.press_sequentially("Đổi mới")
    expect(state).not_to_contain_text("Đã lưu")
    expect(state).to_have_class("save-state typing")
    expect(state).to_have_class("save-state saved", timeout=10000)
    context.set_offline(True)
    essay.press_sequentially(" phương thức lãnh đạo")
    expect(state).to_have_class("save-state offline", timeout=3000)
    _viewport_shot(page, "sitting-offline-390px")
    context.set_offline(False)
    expect(state).to_have_class("save-state saved", timeout=40000)
    context.close()
