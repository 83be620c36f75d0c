"""The public checks a draw bundle in the browser (static/js/draw-verify.js) and reaches the
same verdict as `thituyen verify-draw --bundle` on the same file: a genuine bundle holds, a
forged paper, secret or seal digest does not."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.sitting.test_draw_source import (
    V2_BUNDLE,
    exported,  # noqa: F401  (the fixture)
)


def swap_two_items(data):
    items = data["papers"][0]["items"]
    items[0][2], items[1][2] = items[1][2], items[0][2]


def another_public_value(data):
    data["public_value"] = data["public_value"] + "1"


def forged_seal(data):
    data["seal_digest"] = "0" * 64


def unchanged(_data):
    pass


def moved_to_another_competition(data):
    data["competition_id"] += 1


def _browser_verdict(page, live_server, path) -> tuple[bool, object]:
    page.goto(f"{live_server.url}/verify-draw")
    page.get_by_label("Tệp kết quả bốc đề (JSON)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    verdict = page.locator("#draw-verdict")
    expect(verdict).to_be_visible(timeout=20_000)
    return "flash-success" in (verdict.get_attribute("class") or ""), verdict


def test_a_bundle_published_under_draw_v2_holds_in_the_browser_and_the_cli(page, live_server,
                                                                           runner, tmp_path):
    """Bundles published before draw v3 stay verifiable, in both checkers; a forged
    fingerprint fails in both."""
    data = json.loads(V2_BUNDLE.read_text(encoding="utf-8"))
    for forged in (False, True):
        if forged:
            data["papers"][1]["fingerprint"] = data["papers"][0]["fingerprint"]
        path = tmp_path / f"v2-{forged}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        cli = runner.invoke(args=["verify-draw", "--bundle", str(path)])
        holds, verdict = _browser_verdict(page, live_server, path)
        assert holds == (cli.exit_code == 0) == (not forged), (cli.output,
                                                               verdict.text_content())


@pytest.mark.parametrize("change", [unchanged, swap_two_items, another_public_value,
                                    forged_seal, moved_to_another_competition])
def test_the_browser_and_the_cli_agree_on_a_draw_bundle(page, live_server, exported,  # noqa: F811
                                                        runner, tmp_path, change):
    data = json.loads(exported.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "boc-de.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cli = runner.invoke(args=["verify-draw", "--bundle", str(path)])
    holds, verdict = _browser_verdict(page, live_server, path)
    assert data["draw_version"] == "thituyen-draw-v3"
    assert holds == (cli.exit_code == 0), (cli.output, verdict.text_content())
    if change is unchanged:
        assert holds
        expect(verdict).to_contain_text(str(len(data["papers"])))
        screenshot(page, "public-verify-draw-vi")
    else:
        assert not holds
        assert page.locator("#draw-problems li").count() >= 1
