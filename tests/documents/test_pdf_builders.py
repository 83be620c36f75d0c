"""Builders: Vietnamese text survives, long tables split across pages, metadata reads back."""

from __future__ import annotations

from exam.documents import fonts
from exam.documents.pdf import (
    AdmissionTicket,
    ScoreSheet,
    SubmissionReceipt,
    build_admission_ticket,
    build_result_sheet,
    build_score_sheet,
    build_submission_receipt,
    read_sheet_metadata,
)

from .conftest import NAMES, header, nfd, pdftotext, result_sheet, verification


def test_fonts_register_once_and_files_exist():
    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FAMILY
    for filename in fonts._FILES.values():
        assert fonts.font_path(filename).is_file()


def test_pdftotext_returns_vietnamese_names_exactly(tmp_path, unsigned_sheet):
    text = pdftotext(unsigned_sheet, tmp_path)
    lines = {line.strip() for line in text.splitlines()}
    for name in NAMES:
        assert name in lines  # given in NFD, printed (and extracted) as NFC
    assert "KẾT QUẢ THI TUYỂN" in text
    assert "Mã xác minh: 7KQ2-M9TX" in text
    assert verification().data_sha256 in text


def test_output_is_reproducible():
    sheet = result_sheet(30)
    assert build_result_sheet(sheet) == build_result_sheet(sheet)


def test_two_thousand_rows_split_with_repeated_header(tmp_path):
    names = NAMES + ["Nguyễn Hoàng Phương Thảo Một Tên Rất Dài Để Thử Xuống Dòng Trong Bảng"]
    sheet = result_sheet(2000, names)
    pdf = build_result_sheet(sheet)
    last = pdftotext(pdf, tmp_path, "-f", "2", "-l", "2")
    assert "Họ và tên" in last  # header row repeated on later pages
    text = pdftotext(pdf, tmp_path)
    assert "2000" in text
    pages = text.count("\f")
    assert pages > 20
    assert f"Trang {pages}/{pages}" in text
    assert "7KQ2-M9TX" in text.split("\f")[pages - 1]  # verification box on the last page


def test_result_sheet_metadata_reads_back(unsigned_sheet):
    v = verification()
    assert read_sheet_metadata(unsigned_sheet) == {
        "ThituyenKind": "result_sheet",
        "ThituyenCode": v.code,
        "ThituyenDataSHA256": v.data_sha256,
        "ThituyenChainHead": v.chain_head,
        "ThituyenChainLength": str(v.chain_length),
    }


def test_score_sheet(tmp_path):
    pdf = build_score_sheet(
        ScoreSheet(
            header=header(),
            candidate_number="0042",
            candidate_name=nfd("Lê Thị Ánh Tuyết"),
            candidate_number_label="Số báo danh",
            candidate_name_label="Họ và tên",
            columns=["Phần thi", "Điểm tối đa", "Điểm"],
            rows=[["Viết đề án", "100", "82,5"], ["Phỏng vấn", "100", "90"]],
            total=["Tổng", "200", "172,5"],
            verification=verification(),
        )
    )
    text = pdftotext(pdf, tmp_path)
    for expected in ("Lê Thị Ánh Tuyết", "Phỏng vấn", "172,5", "Số báo danh"):
        assert expected in text
    assert read_sheet_metadata(pdf)["ThituyenKind"] == "score_sheet"


def test_admission_ticket(tmp_path):
    pdf = build_admission_ticket(
        AdmissionTicket(
            header=header(),
            candidate_number="0007",
            candidate_name="Phạm Quốc Việt",
            competition="Thi tuyển chức danh Vụ trưởng năm 2026",
            sitting_time="08:00 ngày 15/07/2026",
            location="Phòng 301, số 8 Tôn Thất Thuyết, Hà Nội",
            instructions=["Có mặt trước 30 phút.", "Mang theo căn cước công dân."],
            competition_label="Kỳ thi",
            sitting_time_label="Thời gian",
        )
    )
    text = pdftotext(pdf, tmp_path)
    for expected in ("0007", "Phạm Quốc Việt", "08:00 ngày 15/07/2026", "Mang theo căn cước"):
        assert expected in text
    assert read_sheet_metadata(pdf) == {"ThituyenKind": "admission_ticket"}


def test_submission_receipt(tmp_path):
    digest = "ab" * 32
    pdf = build_submission_receipt(
        SubmissionReceipt(
            header=header(),
            candidate_number="0013",
            candidate_name="Đặng Thuỳ Dương",
            submitted_at="10:59:58 ngày 15/07/2026",
            answers_sha256=digest,
        )
    )
    text = pdftotext(pdf, tmp_path)
    assert digest in text
    assert "Đặng Thuỳ Dương" in text
    assert read_sheet_metadata(pdf) == {
        "ThituyenKind": "submission_receipt",
        "ThituyenDataSHA256": digest,
    }


def test_columns_kept_whole_are_not_split_even_when_the_table_is_too_wide(tmp_path):
    from exam.documents.pdf import ResultSheet

    names = ["Nguyễn Thị Phương Thảo", "Trần Đức Anh"]
    columns = ["Hạng", "SBD", "Họ và tên", "Phần I. Trắc nghiệm kiến thức chung",
               "Phần II. Tự luận về quản lý nhà nước", "Thuyết trình đề án", "Ưu tiên",
               "Tổng điểm", "Kết quả"]
    rows = [["1", "0001", names[0], "22,00", "8,53", "90,40", "0,00", "120,93",
             "Đề nghị trúng tuyển"],
            ["2", "0002", names[1], "17,50", "9,16", "65,40", "0,00", "92,06", "Danh sách dự bị"]]
    sheet = ResultSheet(header=header(), columns=columns, rows=rows, keep_whole=(1, 2))
    lines = {line.strip() for line in pdftotext(build_result_sheet(sheet), tmp_path).splitlines()}
    for name in names:
        assert any(name in line for line in lines), name
