"""The parts Decree 30/2020/NĐ-CP asks of a Vietnamese administrative document, shared by every
official document the platform prints (result sheet, score sheet, admission ticket, room
list): the national title and motto, the issuing body under its parent body, the number and
symbol, the place and date ("Hà Nội, ngày 05 tháng 03 năm 2026"), and the signature of a
collective body ("TM. HỘI ĐỒNG THI TUYỂN" over the signer's capacity) with the recipients
("Nơi nhận"). Always in Vietnamese, whatever the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from exam.documents import pdf
from exam.timefmt import to_local

BOARD = "Hội đồng thi tuyển"
BOARD_SYMBOL = "HĐTT"
ON_BEHALF_OF_BOARD = "TM. HỘI ĐỒNG THI TUYỂN"
RECIPIENTS_LABEL = "Nơi nhận:"
FILED = "Lưu: VT, Hội đồng thi tuyển"

# Kinds of document and their abbreviations (Decree 30/2020, Appendix III).
NOTICE = "TB"  # Thông báo: the result
NOTE = "PB"  # Phiếu báo: a candidate's own score sheet
SUMMONS = "GB"  # Giấy báo dự thi: the admission ticket
LIST = "DS"  # Danh sách: the room list

CAPACITIES = {"chair": "CHỦ TỊCH", "secretary": "THƯ KÝ"}


def current_place() -> str:
    """The place printed before the date: the DOCUMENT_PLACE setting (default Hà Nội)."""
    from flask import current_app, has_app_context

    return (current_app.config.get("DOCUMENT_PLACE") if has_app_context() else None) or "Hà Nội"


def place_and_date(now: datetime, place: str = "") -> str:
    local = to_local(now)
    return f"{place or current_place()}, ngày {local:%d} tháng {local:%m} năm {local:%Y}"


def number_symbol(number: str, kind: str) -> str:
    """"Số: 7K2M-4QXA/TB-HĐTT": the document's number, its kind and the issuing body."""
    return f"Số: {number}/{kind}-{BOARD_SYMBOL}"


def heading(organization: str, number: str, kind: str, now: datetime,
            place: str = "") -> pdf.OfficialHeading:
    """The board issues the document under the organization (when that is another body)."""
    parent = organization if organization.strip().lower() != BOARD.lower() else ""
    return pdf.OfficialHeading(issuing_body=BOARD, parent_body=parent,
                               number_symbol=number_symbol(number, kind),
                               place_date=place_and_date(now, place))


def board_signature(capacity: str, name: str, *, note: str = "",
                    recipients: Sequence[str] = ()) -> pdf.SignerBlock:
    """A collective body signs "TM. HỘI ĐỒNG THI TUYỂN" over the capacity of the member who
    signs ("chair", "secretary"); the file copy always ends the recipients."""
    title = CAPACITIES.get(capacity, "")
    return pdf.SignerBlock(capacity=[ON_BEHALF_OF_BOARD, *([title] if title else [])],
                           name=name or "", note=note, recipients_label=RECIPIENTS_LABEL,
                           recipients=[*recipients, FILED])
