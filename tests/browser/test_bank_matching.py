"""A Moodle XML file with a matching question (its picture embedded) and a description:
the author previews and imports it at 390 px, the question form offers the matching lines in
both languages, and the candidate reads the description before the part and answers the
matching question with one list per item, the answers kept across a reload."""

import base64
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from exam.bank import service as bank
from exam.bank.models import BankItem, ItemVersion
from exam.db import utcnow
from exam.sitting import service
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.test_bank_import_image import red_square_png, sign_in
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.browser

TOPIC = "Tổ chức bộ máy nhà nước"
PAIRS = [("Quốc hội", "quyền lập pháp"), ("Chính phủ", "quyền hành pháp"),
         ("Tòa án nhân dân", "quyền tư pháp")]


def moodle_file() -> bytes:
    png = base64.b64encode(red_square_png()).decode()
    subquestions = "".join(
        f'<subquestion format="html"><text><![CDATA[<p>{p}</p>]]></text>'
        f"<answer><text>{a}</text></answer></subquestion>" for p, a in PAIRS)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/{TOPIC}</text></category></question>
  <question type="description">
    <name><text>Hướng dẫn phần ghép</text></name>
    <questiontext format="html"><text><![CDATA[<p>Phần này gồm câu hỏi <b>ghép nối</b>: chọn một quyền cho mỗi cơ quan.</p>]]></text></questiontext>
    <defaultgrade>0</defaultgrade>
  </question>
  <question type="matching">
    <name><text>Ghép cơ quan với quyền</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Ghép mỗi cơ quan với quyền của nó theo sơ đồ:</p><p><img src="@@PLUGINFILE@@/so-do.png" alt="Sơ đồ quyền lực"></p>]]></text>
      <file name="so-do.png" path="/" encoding="base64">{png}</file>
    </questiontext>
    <defaultgrade>3</defaultgrade>
    <shuffleanswers>true</shuffleanswers>
    {subquestions}
    <subquestion format="html"><text></text><answer><text>quyền công tố</text></answer></subquestion>
    <tags><tag><text>difficulty:medium</text></tag></tags>
  </question>
</quiz>
""".encode()


@pytest.fixture
def world(live_server, app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = sitting_competition(session, now=now, candidates=1)
    session.commit()
    return session, {"world": world, "now": now, "author": world["author"].email,
                     "candidate": world["applications"][0].user.email}


def test_matching_and_instructions_from_moodle_reach_the_paper(page, live_server, world, tmp_path):
    session, info = world
    url = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    upload = tmp_path / "ghep.xml"
    upload.write_bytes(moodle_file())

    sign_in(page, url, info["author"])
    page.goto(f"{url}/bank/import")
    page.select_option("select[name=format]", "moodle_xml")
    page.set_input_files("input[name=file]", str(upload))
    page.locator("form button[type=submit]").last.click()
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("Ghép cơ quan với quyền")
    expect(preview).to_contain_text("Hướng dẫn phần ghép")
    expect(preview.locator("img[alt='Sơ đồ quyền lực']")).to_be_visible()
    screenshot(page, "bank-import-matching-preview-390-vi")
    page.locator("form[action$='/import/confirm'] button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Ghép cơ quan với quyền")

    # The question form: the matching lines show for a matching question only.
    page.goto(f"{url}/bank/new")
    page.select_option("select[name=type]", "matching")
    expect(page.locator("textarea[name=pairs]")).to_be_visible()
    expect(page.locator("textarea[name=options]")).to_be_hidden()
    screenshot(page, "bank-form-matching-390-vi")
    page.locator("button[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("select[name=type]", "matching")
    expect(page.get_by_text("Items and their matches (matching)")).to_be_visible()
    screenshot(page, "bank-form-matching-390-en")
    page.goto(f"{url}/bank/import")
    screenshot(page, "bank-import-390-en")
    page.locator("button[lang=vi]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("button", name="Đăng xuất").click()

    # A colleague approves both; the board shows the description before a matching part.
    world = info["world"]
    session.commit()
    versions = {v.item.key: v for v in session.scalars(select(ItemVersion).join(BankItem))}
    for key in ("Hướng dẫn phần ghép", "Ghép cơ quan với quyền"):
        bank.review_version(session, world["reviewer"], versions[key], now=info["now"])
        bank.approve_version(session, world["reviewer"], versions[key], now=info["now"])
    service.configure_part(session, world["chair"], world["competition"], key="C",
                           title="Phần III. Ghép nối", kind="objective", duration_minutes=10,
                           instructions="Hướng dẫn phần ghép",
                           cells=[{"topic": TOPIC, "difficulty": "medium", "type": "matching",
                                   "count": 1, "points": "3"}],
                           now=info["now"] - timedelta(days=5))
    open_sitting(session, world, now=info["now"])
    session.commit()
    competition_id = world["competition"].id
    session.close()

    sign_in(page, url, info["candidate"])
    page.goto(f"{url}/sitting/{competition_id}")
    page.locator("form[action$='/start'] button[type=submit]").click()
    instructions = page.locator("[data-role=instructions]")
    expect(instructions).to_contain_text("chọn một quyền cho mỗi cơ quan")
    question = page.locator("form[data-type=matching]")
    expect(question.locator(".stem img[alt='Sơ đồ quyền lực']")).to_be_visible()
    selects = question.locator("select[name=response]")
    expect(selects).to_have_count(3)
    assert question.locator("option").all_inner_texts()[:1] == ["—"]
    for prompt, answer in PAIRS[:2]:
        chooser = question.get_by_label(prompt)
        value = chooser.locator("option", has_text=answer).get_attribute("value")
        chooser.select_option(value)
    expect(page.locator("[data-role=save-state]")).to_contain_text("Đã lưu")
    instructions.evaluate("e => e.scrollIntoView()")
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "paper-matching-390-vi.png"))
    page.reload()
    question = page.locator("form[data-type=matching]")
    for prompt, answer in PAIRS[:2]:
        chosen = question.get_by_label(prompt).evaluate("s => s.selectedOptions[0].textContent")
        assert chosen.endswith(answer)
    assert question.get_by_label(PAIRS[2][0]).input_value() == ""
