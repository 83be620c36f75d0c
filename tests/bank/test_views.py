"""The bank over HTTP: who gets in, imports and their refusals, the edit form."""

import html
import io
import re

import pytest
from sqlalchemy import func, select

from exam.bank.models import ItemStatus, ItemVersion
from exam.competitions.models import Role
from question_bank import formats
from question_bank.samples import sample_path
from tests.bank.test_service import broken
from tests.conftest import login
from tests.factories import appoint, make_application, make_competition, make_user


@pytest.fixture
def competition(db):
    return make_competition(db)


def upload(client, fmt, text):
    return client.post("/bank/import", data={
        "format": fmt, "file": (io.BytesIO(text.encode("utf-8")), f"bank.{fmt}")},
        content_type="multipart/form-data")


def confirm(client, preview_page: str):
    """Press the preview's import button: post back its hidden fields."""
    form = preview_page[preview_page.index('action="/bank/import/confirm"'):]
    fields = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', form.split("</form>")[0]))
    return client.post("/bank/import/confirm", data={k: html.unescape(v) for k, v in fields.items()})


@pytest.mark.parametrize("role", [Role.EXAMINER, Role.PROCTOR, Role.CHAIR])
def test_staff_who_are_not_authors_cannot_reach_the_bank(db, client, competition, role):
    login(client, appoint(db, competition, role))
    for path in ("/bank/", "/bank/new", "/bank/import", "/bank/export/gift"):
        assert client.get(path).status_code == 403


def test_candidates_cannot_reach_the_bank(db, client, competition):
    login(client, make_application(db, competition).user)
    assert client.get("/bank/").status_code == 403
    response = upload(client, "gift", sample_path("gift").read_text())
    assert response.status_code == 403
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/bank/")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_an_author_imports_each_sample_format(db, client, competition, fmt):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    preview = upload(client, fmt, sample_path(fmt).read_text(encoding="utf-8"))
    assert preview.status_code == 200
    assert "cc-01" in preview.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0  # nothing yet
    response = confirm(client, preview.get_data(as_text=True))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "40" in page
    assert "cc-01" in page
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 40


NAMED_VI = {"gift": "dòng 9 (cc-01): Câu hỏi một lựa chọn cần đúng một phương án đúng",
            "moodle_xml": "câu 1 (cc-01), dòng 8: Câu hỏi một lựa chọn cần đúng một phương án đúng",
            "csv": "dòng 2: impossible không phải là độ khó: ghi easy, medium hoặc hard."}


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_a_malformed_upload_names_the_line_and_adds_nothing(db, client, competition, fmt):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    response = client.post("/bank/import", data={
        "format": fmt, "file": (io.BytesIO(broken(fmt).encode()), "bank.txt")},
        content_type="multipart/form-data", headers={"Referer": "http://localhost/bank/import"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert NAMED_VI[fmt] in page  # where, and what, in the reader's language
    assert "/bank/import/confirm" not in page
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0


def test_two_authors_write_review_and_approve_through_the_pages(db, client, competition):
    author = appoint(db, competition, Role.QUESTION_AUTHOR)
    colleague = appoint(db, competition, Role.QUESTION_AUTHOR, make_user(db, full_name="Lê Văn Duyệt"))
    login(client, author)
    response = client.post("/bank/new", data={
        "key": "ns-99", "type": "multiple_response", "topic": "Luật Ngân sách nhà nước",
        "difficulty": "medium", "points": "2",
        "stem": "Những khoản nào thuộc chi thường xuyên?",
        "options": "0.5|Chi lương\n0.5|Chi hoạt động bộ máy\n-0.5|Chi xây dựng trụ sở",
        "diacritics_sensitive": "y"})
    assert response.status_code == 302
    version = db.scalars(select(ItemVersion)).one()
    page = client.get(f"/bank/versions/{version.id}").get_data(as_text=True)
    assert "Chi hoạt động bộ máy" in page
    assert "Đánh dấu đã thẩm định" not in page
    assert client.post(f"/bank/versions/{version.id}/review").status_code == 403
    login(client, colleague)
    client.post(f"/bank/versions/{version.id}/review")
    client.post(f"/bank/versions/{version.id}/approve")
    db.refresh(version)
    assert version.status == ItemStatus.APPROVED
    exported = client.get("/bank/export/csv").get_data(as_text=True)
    assert "ns-99" in exported


def test_moodles_own_gift_file_is_previewed_then_imported_whole(db, client, competition):
    from pathlib import Path

    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    data = (Path(__file__).parent.parent / "fixtures" / "moodle" / "questions.gift.txt").read_bytes()
    preview = client.post("/bank/import", data={
        "format": "gift", "file": (io.BytesIO(data), "questions.gift.txt")},
        content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert "Moodle activities" in page  # the matching question, imported
    assert "2-08 TSL (2)" in page
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0
    assert confirm(client, page).status_code == 302
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 9


def test_a_tampered_confirmation_imports_nothing(db, client, competition):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    preview = upload(client, "gift", sample_path("gift").read_text(encoding="utf-8"))
    original = preview.get_data(as_text=True)
    page = original.replace('name="sha256" type="hidden" value="', 'name="sha256" type="hidden" value="0')
    assert page != original
    response = confirm(client, page)
    assert response.status_code == 400
    assert "Không đọc lại được tệp đã xem trước" in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0


def test_a_refused_new_question_comes_back_filled_with_the_reason_by_its_field(
        db, client, competition):
    author = appoint(db, competition, Role.QUESTION_AUTHOR)
    login(client, author)
    question = {"key": "ns-77", "type": "single_choice", "topic": "Luật Ngân sách nhà nước",
                "difficulty": "hard", "points": "2",
                "stem": "Cơ quan nào quyết định dự toán ngân sách nhà nước?",
                "options": "1|Quốc hội\n0|Chính phủ\nBộ Tài chính"}
    response = client.post("/bank/new", data=question)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="options-err"' in page
    assert "Cơ quan nào quyết định dự toán ngân sách nhà nước?" in page
    assert "0|Chính phủ" in page
    assert 'value="Luật Ngân sách nhà nước"' in page
    assert db.scalar(select(func.count()).select_from(ItemVersion)) == 0
    client.post("/bank/new", data=question | {"options": "1|Quốc hội\n0|Chính phủ"})
    again = client.post("/bank/new", data=question | {"stem": "Một câu hỏi khác?",
                                                      "options": "1|Có\n0|Không"})
    assert 'id="key-err"' in again.get_data(as_text=True)
    assert "Một câu hỏi khác?" in again.get_data(as_text=True)


def test_the_header_links_the_bank_for_authors_only(db, client, competition):
    author = appoint(db, competition, Role.QUESTION_AUTHOR)
    login(client, author)
    assert 'href="/bank/"' in client.get("/").get_data(as_text=True)
    login(client, make_application(db, competition).user)
    assert 'href="/bank/"' not in client.get("/").get_data(as_text=True)


def test_the_question_form_groups_each_types_answer_fields(db, client, competition):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    page = client.get("/bank/new").get_data(as_text=True)
    assert '<div data-for-types="essay">' in page
    assert 'id="rubric"' in page.split('<div data-for-types="essay">')[1].split("</div>")[0] or \
        'id="rubric"' in page.split('<div data-for-types="essay">')[1]
    assert "/static/js/bank.js" in page


def test_the_import_page_says_what_a_file_needs(db, client, competition):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    page = client.get("/bank/import").get_data(as_text=True)
    assert "key,type,topic,difficulty,points,stem,options" in page
    assert "$CATEGORY" in page


def test_an_author_writes_a_matching_question_and_a_description_in_the_form(db, client, competition):
    from exam.bank.service import item_of

    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    matching = {"key": "gh-01", "type": "matching", "topic": "Tổ chức bộ máy", "difficulty": "medium",
                "points": "3", "stem": "Ghép cơ quan với quyền:",
                "pairs": "Quốc hội|lập pháp\nChính phủ hành pháp\n|tư pháp"}
    refused = client.post("/bank/new", data=matching)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert 'id="pairs-err"' in page
    assert "Dòng ghép nối thứ 2" in page
    assert "Chính phủ hành pháp" in page  # the form comes back as filled
    assert client.post("/bank/new", data=matching | {
        "pairs": "Quốc hội|lập pháp\nChính phủ|hành pháp\n|tư pháp"}).status_code == 302
    assert client.post("/bank/new", data={
        "key": "hd-01", "type": "description", "topic": "Tổ chức bộ máy", "difficulty": "easy",
        "points": "1", "stem": "Phần sau gồm các câu hỏi ghép nối."}).status_code == 302
    items = {item.key: item for item in map(item_of, db.scalars(select(ItemVersion)))}
    assert [(p.prompt, p.answer) for p in items["gh-01"].pairs] == [
        ("Quốc hội", "lập pháp"), ("Chính phủ", "hành pháp"), ("", "tư pháp")]
    assert items["hd-01"].type == "description"
    assert items["hd-01"].points == 0  # a description carries no points, whatever was typed
    version = db.scalar(select(ItemVersion).where(ItemVersion.id == max(
        v.id for v in db.scalars(select(ItemVersion)) if item_of(v).key == "gh-01")))
    shown = client.get(f"/bank/versions/{version.id}").get_data(as_text=True)
    assert "vế ghép gây nhiễu" in shown
    edit = client.get(f"/bank/versions/{version.id}/edit").get_data(as_text=True)
    assert "Quốc hội|lập pháp" in edit


def test_the_import_preview_speaks_vietnamese(db, client, competition):
    login(client, appoint(db, competition, Role.QUESTION_AUTHOR))
    text = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multianswer"><name><text>Cloze 1</text></name></question>
  <question type="numerical"><name><text>n</text></name><questiontext format="plain_text"><text>Bao nhiêu?</text></questiontext>
    <answer fraction="100"><text>9</text><tolerance>0</tolerance></answer>
    <answer fraction="0"><text>5.5</text><tolerance>0</tolerance></answer>
    <units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units>
  </question>
</quiz>"""
    page = upload(client, "moodle_xml", text).get_data(as_text=True)
    assert "Câu hỏi loại &#39;multianswer&#39; chưa được hỗ trợ: bỏ qua." in page
    assert "Đáp án &#39;5.5&#39; có giá trị 0%: bỏ qua (không mang lại điểm)." in page
    assert "Không giữ đơn vị đo" in page
    assert "câu 1 (Cloze 1), dòng 3" in page
    for english in ("is not supported", "dropped", "units are not kept", "line 3"):
        assert english not in page
