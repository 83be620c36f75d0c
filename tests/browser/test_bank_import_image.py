"""An author uploads a Moodle XML file with an embedded picture, reads the preview,
confirms, and the candidate sees the picture in the paper (stored with the item version,
served inside the page: nothing is loaded from elsewhere)."""

import base64
import struct
import zlib

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from exam.bank import service as bank
from exam.bank.models import BankItem, ItemStatus, ItemVersion
from exam.db import utcnow
from exam.sitting.demo import TOPICS
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.browser


def red_square_png(size: int = 24) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xcc\x00\x00" * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def moodle_file() -> bytes:
    png = base64.b64encode(red_square_png()).decode()
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/{TOPICS[0]}</text></category></question>
  <question type="truefalse">
    <name><text>Sơ đồ tổ chức</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Sơ đồ dưới đây là của <b>Ủy ban nhân dân cấp tỉnh</b>?</p><p><img src="@@PLUGINFILE@@/so-do.png" alt="Sơ đồ tổ chức"></p>]]></text>
      <file name="so-do.png" path="/" encoding="base64">{png}</file>
    </questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text></answer>
    <tags><tag><text>difficulty:easy</text></tag></tags>
  </question>
</quiz>
""".encode()


@pytest.fixture
def world(live_server, app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = sitting_competition(session, now=now, candidates=1)
    session.commit()
    info = {"world": world, "now": now, "author": world["author"].email,
            "candidate": world["applications"][0].user.email}
    return session, info


def sign_in(page, url, email):
    page.goto(f"{url}/account/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_an_imported_picture_reaches_the_candidates_paper(page, live_server, world, tmp_path):
    session, info = world
    url = live_server.url
    upload = tmp_path / "moodle.xml"
    upload.write_bytes(moodle_file())

    sign_in(page, url, info["author"])
    page.goto(f"{url}/bank/import")
    page.select_option("select[name=format]", "moodle_xml")
    page.set_input_files("input[name=file]", str(upload))
    page.locator("form button[type=submit]").last.click()
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("Sơ đồ tổ chức")
    expect(preview.locator("img[alt='Sơ đồ tổ chức']")).to_be_visible()
    screenshot(page, "bank-import-preview")
    page.locator("form[action$='/import/confirm'] button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Sơ đồ tổ chức")
    page.get_by_role("button", name="Đăng xuất").click()

    # A colleague approves it; the other true/false items of its cell are retired so the
    # draw must put it on the paper.
    world = info["world"]
    session.commit()  # end the snapshot taken before the upload
    version = session.scalars(select(ItemVersion).join(BankItem)
                              .where(BankItem.key == "Sơ đồ tổ chức")).one()
    assert "data:image/png;base64," in bank.item_of(version).stem
    bank.review_version(session, world["reviewer"], version, now=info["now"])
    bank.approve_version(session, world["reviewer"], version, now=info["now"])
    for other in bank.approved_versions(session):
        if (other.id != version.id and other.topic == TOPICS[0] and other.type == "true_false"
                and other.difficulty == "easy"):
            other.status = ItemStatus.RETIRED
    open_sitting(session, world, now=info["now"])
    session.commit()
    competition_id = world["competition"].id
    session.close()

    sign_in(page, url, info["candidate"])
    page.goto(f"{url}/sitting/{competition_id}")
    page.locator("form[action$='/start'] button[type=submit]").click()
    picture = page.locator(".stem img[alt='Sơ đồ tổ chức']")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth") == 24
    assert picture.get_attribute("src").startswith("data:image/png;base64,")
    screenshot(page, "paper-with-imported-picture")
