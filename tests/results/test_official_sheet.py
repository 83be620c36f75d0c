"""The ranked result sheet is a Vietnamese administrative document (Decree 30/2020/NĐ-CP):
read back with pdftotext, it shows the national title and motto, the issuing body, number and
symbol, place and date, the signer's capacity, and each part's weight so anyone can recompute
a total by hand."""

from __future__ import annotations

from decimal import Decimal

from exam.sitting.models import TestPart
from tests.documents.conftest import pdftotext
from tests.results.helpers import PARTS, make_scene
from tests.results.test_sheets import publish


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
