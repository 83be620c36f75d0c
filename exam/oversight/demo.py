"""Demo oversight: an inspector, an anonymous report resolved as not substantiated, and a
secret board vote on a tie, all through the services the web uses."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from exam.accounts import service as accounts
from exam.competitions import permissions as competition_permissions
from exam.competitions.models import BOARD_ROLES
from exam.oversight import service, votes

INSPECTOR_EMAIL = "thanhtra@demo.thituyen.vn"


def seed_oversight(session, cast, competition, *, now: datetime, password: str) -> dict:
    """Give `competition` a public oversight history; returns the inspector and what was made."""
    inspector = accounts.register_candidate(session, email=INSPECTOR_EMAIL,
                                            full_name="Đỗ Minh Thanh", password=password, now=now)
    service.appoint_inspector(session, cast.admin, inspector, now=now)
    config = current_app.config
    report, _code = service.file_report(
        session, None, competition, category="sale_of_questions",
        body="Trên một nhóm mạng xã hội có người rao bán “đề thi tuyển Trưởng phòng” với giá "
             "30 triệu đồng, hẹn giao trước ngày thi hai hôm.",
        named_text="Tài khoản mạng xã hội ẩn danh", upload_folder=config["UPLOAD_FOLDER"],
        max_bytes=config["MAX_DOCUMENT_BYTES"], now=now)
    service.start_review(session, inspector, report, now=now)
    service.resolve_report(
        session, inspector, report, substantiated=False, now=now,
        finding="Đã đối chiếu nội dung rao bán với bộ đề niêm phong: không trùng câu hỏi nào. "
                "Đề thi được rút ngẫu nhiên cho từng thí sinh sau khi niêm phong nên không thể "
                "biết trước. Phản ánh không có căn cứ; thông tin đã chuyển cơ quan công an.")
    board = sorted((u for u in (cast.chair, cast.secretary, cast.member)
                    if competition_permissions.roles_in(session, u, competition) & BOARD_ROLES),
                   key=lambda u: u.id)
    vote = votes.open_vote(
        session, cast.chair, competition, kind="tie", now=now, closes_at=now + timedelta(days=2),
        question="Hai ứng viên xếp cuối danh sách dự bị bằng điểm ở mọi tiêu chí theo thứ tự "
                 "ưu tiên đã công bố. Ai được xếp trước trong danh sách dự bị?",
        options=["Ứng viên có số báo danh nhỏ hơn", "Ứng viên có số báo danh lớn hơn"])
    for member, choice in zip(board, (0, 0, 1), strict=False):
        votes.cast_ballot(session, member, vote, choice, now=now)
    return {"inspector": inspector, "report": report, "vote": vote}
