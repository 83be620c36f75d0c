"""The ranked result sheet, a candidate's score sheet and the admission ticket are Vietnamese
administrative documents (Decree 30/2020/NĐ-CP):
read back with pdftotext, it shows the national title and motto, the issuing body, number and
symbol, place and date, the signer's capacity, and each part's weight so anyone can recompute
a total by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from exam.results import sheets
from exam.sitting.models import TestPart
from tests.documents.conftest import pdftotext
from tests.results.helpers import PARTS, make_scene
from tests.results.test_sheets import pdfsig_report, publish


def one_line(pdf, tmp_path) -> str:
    return " ".join(pdftotext(pdf, tmp_path).split())


def test_the_result_sheet_has_the_decree_30_parts_and_the_weights(
        db, clock, signing_key, sheet_folder, tmp_path):
    parts = [{**PARTS[0], "weight": "2"}, PARTS[1]]
    scene = make_scene(db, clock, parts=parts)
    version, sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    text = one_line(pdf, tmp_path)
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "SỞ NỘI VỤ", "HỘI ĐỒNG THI TUYỂN", f"Số: {sheet.code}/TB-HĐTT",
                 "TM. HỘI ĐỒNG THI TUYỂN", "CHỦ TỊCH", "Nơi nhận:"):
        assert part in text, part
    assert "Hà Nội, ngày " in text
    assert "Thi viết × 2 + Đề án chuyên môn × 1" in text
    assert "Thi viết (hệ số 2)" in text
    # the weights printed are the ones that make the totals
    row = version.data["rows"][0]
    by_hand = (Decimal(row["scores"]["written"]) * 2 + Decimal(row["scores"]["specialised"])
               + Decimal(row["priority_points"]))
    assert by_hand == Decimal(row["total"])
    assert f"{by_hand:.2f}".replace(".", ",") in text


def test_an_automatically_scored_part_is_not_called_blind_and_no_reserve_is_invented(
        db, clock, signing_key, sheet_folder, tmp_path):
    scene = make_scene(db, clock)
    db.add(TestPart(competition_id=scene.competition.id, key="written", title="Thi viết",
                    kind="objective", position=0, duration_minutes=60, cells=[]))
    db.flush()
    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    text = one_line(pdf, tmp_path)
    assert "không có giám khảo: Thi viết." in text
    blind = text.split("Chấm phách", 1)[1].split(".", 1)[0] if "Chấm phách" in text else ""
    assert "Đề án chuyên môn" in blind
    assert "Thi viết" not in blind
    if not any(r["standing"] == "reserve" for r in _version.data["rows"]):
        assert "danh sách dự bị" not in text.lower()


DECREE_30 = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ NỘI VỤ",
             "HỘI ĐỒNG THI TUYỂN", "TM. HỘI ĐỒNG THI TUYỂN", "CHỦ TỊCH", "Nơi nhận:",
             "Lưu: VT, Hội đồng thi tuyển.")


def test_the_admission_ticket_is_laid_out_as_decree_30_asks_and_still_validates(
        db, clock, signing_key, sheet_folder, roots, tmp_path):
    """The ticket a candidate downloads is issued by the board and signed in its chair's name,
    whoever presses the button."""
    scene = make_scene(db, clock)
    viet = scene.app("Phạm Quốc Việt")
    sheet = sheets.sign_admission_ticket(db, viet.user, viet, key=signing_key,
                                         folder=sheet_folder, base_url="http://testserver",
                                         organization="Sở Nội vụ", now=clock.now)
    pdf = sheets.sheet_file(sheet, sheet_folder)
    text = one_line(pdf, tmp_path)
    for part in (*DECREE_30, f"Số: {sheet.code}/GB-HĐTT", "GIẤY BÁO DỰ THI",
                 "Ông/Bà Phạm Quốc Việt", scene.chair.full_name):
        assert part in text, part
    assert re.search(r"Hà Nội, ngày \d\d tháng \d\d năm \d{4}", text)
    assert "Signature Validation: Signature is Valid." in pdfsig_report(pdf, tmp_path)
    assert sheets.check_pdf(db, pdf, roots, signing_key.certificate_sha256).is_genuine


def test_a_candidates_score_sheet_has_the_decree_30_parts(db, clock, signing_key, sheet_folder,
                                                          tmp_path):
    scene = make_scene(db, clock)
    version, _sheet, _pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    huong = scene.app("Nguyễn Thị Hương")
    sheet = sheets.sign_score_sheet(db, huong.user, version, huong, key=signing_key,
                                    folder=sheet_folder, base_url="http://testserver",
                                    organization="Sở Nội vụ", now=clock.now)
    pdf = sheets.sheet_file(sheet, sheet_folder)
    text = one_line(pdf, tmp_path)
    for part in (*DECREE_30, f"Số: {sheet.code}/PB-HĐTT", "Ông/Bà Nguyễn Thị Hương"):
        assert part in text, part
    assert "Signature Validation: Signature is Valid." in pdfsig_report(pdf, tmp_path)
