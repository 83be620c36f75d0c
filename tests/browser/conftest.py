"""Browser tests: Debian's chromium, driven by Playwright, against a live server of the app.

The live server has its own database (committed data, a real thread), separate from the
rolled-back unit-test database.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from exam.migrate import upgrade
from tests.conftest import fresh_database, make_test_app

CHROMIUM = os.environ.get("THITUYEN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("THITUYEN_ARTIFACTS", "artifacts"))


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("THITUYEN_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"{CHROMIUM} is missing and browser tests are required")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed")
    for item in items:
        if "browser" in item.nodeid.split("/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"],
    }


def answered_whole(app):
    """The app's answer read (and its file closed) before the development server writes it:
    when the browser drops a request midway (a favicon, a page left), werkzeug's server can
    fail in its own error path and leave a static file to the collector."""

    def buffered(environ, start_response):
        started = {}

        def remember(status, headers, exc_info=None):
            started["status"] = (status, headers)
            return lambda _data: None

        body = app(environ, remember)
        try:
            whole = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        start_response(*started["status"])
        return [whole]

    return buffered


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, answered_whole(app), threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._server.shutdown()

    def session(self):
        """A database session for arranging data; callers commit."""
        return self.app.extensions["thituyen_db"].sessionmaker()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    tmp_dir = tmp_path_factory.mktemp("live")
    with fresh_database(tmp_dir, "live") as url:
        upgrade(url)
        app = make_test_app(url, tmp_dir, WTF_CSRF_ENABLED=True)
        server = LiveServer(app)
        server.start()
        yield server
        server.stop()
        app.extensions["thituyen_db"].engine.dispose()


@pytest.fixture
def app_context(live_server):
    with live_server.app.test_request_context():
        yield


def screenshot(page, name: str) -> None:
    """Keep a picture of a key page for people to look at (CI leaves the folder behind)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    if HANDBOOK_SHOTS and name in handbook_pictures():
        handbook_picture(page, Path(HANDBOOK_SHOTS) / f"{name}.png")


def screenshot_phone(page, name: str) -> None:
    """The same page on a 390 px wide phone, for people to look at in the CI artifacts."""
    before = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, name)
    page.set_viewport_size(before)


HANDBOOK_SHOTS = os.environ.get("THITUYEN_HANDBOOK_SHOTS")  # e.g. docs/handbooks/img
HANDBOOK_WIDTH, HANDBOOK_MAX_HEIGHT = 1024, 1400


def handbook_pictures() -> set[str]:
    """The pictures the handbooks show (`![...](img/<name>.png)`): the screenshots by those
    names are also written for them, so the handbooks show the pages as they are."""
    from tests.test_handbooks import referenced_pictures

    return {path.stem for path in referenced_pictures()}


def handbook_picture(page, path: Path) -> None:
    """The page at a modest width, its top only, in a palette of 256 colours: readable in a
    handbook and small in the repository."""
    import io

    from PIL import Image

    before = page.viewport_size
    scrolled = page.evaluate("() => [window.scrollX, window.scrollY]")
    page.set_viewport_size({"width": HANDBOOK_WIDTH, "height": 800})
    page.evaluate("() => window.scrollTo(0, 0)")  # sticky panels drawn where the top is
    shot = page.screenshot(full_page=True)
    page.set_viewport_size(before)
    page.evaluate("([x, y]) => window.scrollTo(x, y)", scrolled)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    image = image.crop((0, 0, min(image.width, HANDBOOK_WIDTH),
                        min(image.height, HANDBOOK_MAX_HEIGHT)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"


def assert_accessible(page, name: str = "") -> None:
    """axe-core's WCAG 2.1 A/AA rules on the current page: no serious or critical violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"accessibility violations on {name or page.url}:\n" + "\n".join(bad)


def pdf_file(tmp_path, name="so-yeu-ly-lich.pdf") -> str:
    from tests.factories import pdf_bytes

    path = tmp_path / name
    path.write_bytes(pdf_bytes())
    return str(path)




@pytest.fixture
def page(page):
    """Every page a browser test loads in Vietnamese is read as a Vietnamese reader would:
    the test fails on English messages, stored codes, or dates and numbers in a foreign format
    (tests/browser/words.py). Each distinct page is judged once, after it has loaded."""
    from tests.browser.words import EXTRACT_JS, page_problems

    found: dict[str, list[str]] = {}

    def judge(loaded):
        try:
            seen = loaded.evaluate(EXTRACT_JS)
        except Exception:  # navigated away meanwhile: the next load is judged
            return
        if seen["lang"] == "vi":
            problems = page_problems(seen["texts"])
            if problems:
                found.setdefault(loaded.url.split("?")[0], problems)

    page.on("load", judge)
    yield page
    page.remove_listener("load", judge)
    assert not found, "Vietnamese pages a reader would stumble on:\n" + "\n".join(
        f"{url}: {problem}" for url, problems in found.items() for problem in problems)
