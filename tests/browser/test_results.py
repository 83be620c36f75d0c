"""The public sees the ranked result and checks a signed sheet by uploading it."""

import pytest
from playwright.sync_api import expect

from exam.documents import keystore
from exam.results import service, sheets
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import Clock
from tests.results.helpers import make_scene
from tests.results.test_sheets import flip_inside_signed_range

pytestmark = pytest.mark.browser


@pytest.fixture
def keys(live_server, tmp_path):
    """The live server signs with a throw-away key while this test runs."""
    folder = tmp_path / "keys"
    keystore.create_dev_keys(folder, "Sở Nội vụ")
    saved = {k: live_server.app.config.get(k) for k in ("SIGNING_KEY_FOLDER", "SIGNED_SHEET_FOLDER")}
    live_server.app.config.update(SIGNING_KEY_FOLDER=str(folder),
                                  SIGNED_SHEET_FOLDER=str(tmp_path / "signed"))
    yield folder
    live_server.app.config.update(saved)


def test_public_reads_the_ranking_and_verifies_the_signed_sheet(page, live_server, app_context,
                                                                keys, tmp_path):
    session = live_server.session()
    clock = Clock()
    scene = make_scene(session, clock)
    version = service.publish_provisional_results(session, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    sheet = sheets.sign_result_sheet(session, scene.chair, version,
                                     key=keystore.organization_key(keys),
                                     folder=tmp_path / "signed", base_url=live_server.url,
                                     organization="Sở Nội vụ", now=clock.now)
    session.commit()
    competition_id, code = scene.competition.id, sheet.code
    pdf = sheets.sheet_file(sheet, tmp_path / "signed")
    session.close()
    url = live_server.url

    page.goto(f"{url}/competitions/{competition_id}/results")
    rows = page.locator("#ranking tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Nguyễn Thị Hương")
    expect(rows.nth(0)).to_contain_text("Đề nghị trúng tuyển")
    expect(rows.nth(3)).to_contain_text("Lê Thị Ánh Tuyết")
    expect(rows.nth(3)).to_contain_text("Không đạt")
    assert_accessible(page, "results")
    screenshot(page, "results-public")

    genuine = tmp_path / "ket-qua.pdf"
    genuine.write_bytes(pdf)
    page.goto(f"{url}/verify")
    page.get_by_label("Hoặc tải lên tệp PDF").set_input_files(str(genuine))
    page.get_by_role("button", name="Xác minh", exact=True).click()
    expect(page.locator("#verdict")).to_contain_text("Văn bản thật")
    expect(page.get_by_text(code).first).to_be_visible()
    assert_accessible(page, "verify-report")
    screenshot(page, "verify-genuine")

    forged = tmp_path / "ket-qua-sua.pdf"
    forged.write_bytes(flip_inside_signed_range(pdf))
    page.goto(f"{url}/verify")
    page.get_by_label("Hoặc tải lên tệp PDF").set_input_files(str(forged))
    page.get_by_role("button", name="Xác minh", exact=True).click()
    expect(page.locator("#verdict")).to_contain_text("KHÔNG phải văn bản thật")
