"""Shared fixtures: one throw-away PKI per test module, sample sheets in Vietnamese."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from exam.documents.pdf import ResultSheet, SheetHeader, Verification, build_result_sheet
from exam.documents.signing import (
    DevPki,
    SigningKey,
    certify_pdf,
    create_dev_pki,
    issue_dev_signer,
    load_signer,
)

PASSWORD = b"dev-password"
ORG = "Bộ Nội vụ"
NAMES = [
    "Nguyễn Thị Hương",
    "Trần Đức Anh",
    "Lê Thị Ánh Tuyết",
    "Phạm Quốc Việt",
    "Đặng Thuỳ Dương",
]


def nfd(text: str) -> str:
    """Decomposed form, to check that builders normalise their input."""
    return unicodedata.normalize("NFD", text)


def header() -> SheetHeader:
    return SheetHeader(
        organization=ORG,
        competition_title="Thi tuyển chức danh Vụ trưởng năm 2026",
        title="KẾT QUẢ THI TUYỂN",
        post="Vụ trưởng Vụ Tổ chức cán bộ",
        unit="Bộ Nội vụ",
        post_label="Chức danh",
        unit_label="Đơn vị",
        status_label="CHÍNH THỨC",
        generated_at_label="Lập lúc 09:00 ngày 01/07/2026",
        page_label="Trang {page}/{pages}",
    )


def verification() -> Verification:
    return Verification(
        code="7KQ2-M9TX",
        url="https://thituyen.example/xac-minh/7KQ2-M9TX",
        data_sha256=hashlib.sha256(b"canonical results").hexdigest(),
        chain_head=hashlib.sha256(b"audit head").hexdigest(),
        chain_length=4321,
        heading_label="Xác minh",
        code_label="Mã xác minh",
    )


def result_sheet(n_rows: int = 5, names=NAMES) -> ResultSheet:
    rows = [
        [f"{i + 1:04d}", nfd(names[i % len(names)]), f"{70 + i % 30},5", "Đạt"]
        for i in range(n_rows)
    ]
    return ResultSheet(
        header=header(),
        columns=["SBD", "Họ và tên", "Điểm", "Kết quả"],
        rows=rows,
        notes=["Điểm được làm tròn đến 0,5."],
        verification=verification(),
        column_align=["CENTER", "LEFT", "RIGHT", "CENTER"],
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("pki"), ORG, PASSWORD)


@pytest.fixture(scope="module")
def board_key(pki) -> SigningKey:
    return load_signer(pki.p12_path, PASSWORD)


@pytest.fixture(scope="module")
def member_key(pki) -> SigningKey:
    path = issue_dev_signer(pki, "Trần Văn Thành Viên", ORG, PASSWORD, "member-1.p12")
    return load_signer(path, PASSWORD)


@pytest.fixture(scope="module")
def unsigned_sheet() -> bytes:
    return build_result_sheet(result_sheet(40))


@pytest.fixture(scope="module")
def signed_sheet(unsigned_sheet, board_key) -> bytes:
    return certify_pdf(
        unsigned_sheet, board_key, reason="Công bố kết quả thi tuyển", location="Hà Nội"
    )


def need(binary: str) -> str:
    """Path of a poppler/NSS tool; skip only when it is not installed."""
    path = shutil.which(binary)
    if path is None:
        pytest.skip(f"{binary} is not installed (apt-get install poppler-utils libnss3-tools)")
    return path


def pdftotext(pdf: bytes, tmp_path: Path, *args: str) -> str:
    exe = need("pdftotext")
    src = tmp_path / "in.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(
        [exe, "-enc", "UTF-8", *args, str(src), "-"], capture_output=True, check=True
    )
    return unicodedata.normalize("NFC", out.stdout.decode("utf-8"))
