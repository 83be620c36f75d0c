"""Demo rooms: the live competition is sat in two rooms, with photographs and a SEB file."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from PIL import Image, ImageDraw
from sqlalchemy import select

from exam.registration.models import Application, ApplicationStatus
from exam.rooms import practice, seb
from exam.rooms import service as rooms

PRACTICE_QUESTIONS = """Luật Cán bộ, công chức được Quốc hội thông qua năm nào? | 2008 | 2010 | 2015 | 1
Công chức lãnh đạo, quản lý được bổ nhiệm có thời hạn bao nhiêu năm? | 3 năm | 5 năm | 7 năm | 2
Cơ quan nào tham mưu cho UBND tỉnh về công tác tổ chức, cán bộ? | Sở Tài chính | Sở Nội vụ | Sở Tư pháp | 2
Thời gian làm bài thi thật được tính theo đồng hồ của đâu? | Máy của thí sinh | Máy chủ | Đồng hồ phòng thi | 2
"""


def demo_photo(seed: int) -> bytes:
    """A plain portrait placeholder, different for each candidate."""
    image = Image.new("RGB", (300, 400), (200 - seed * 7 % 80, 210, 225))
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 70, 205, 190), fill=(120 + seed * 13 % 100, 90, 70))
    draw.rectangle((60, 220, 240, 400), fill=(40, 60 + seed * 17 % 120, 110))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def seed_rooms(session, cast, competition, *, now: datetime, base_url: str) -> list:
    """Two rooms, A101 in session 1 when the sitting opens and B203 in session 2 two hours
    later, the proctor in charge of both, each candidate's photograph and a generated SEB
    configuration (not required, so the demo opens in any browser)."""
    opens = competition.sitting_opens_at
    made = [rooms.add_room(session, cast.chair, competition, code=code, name=name,
                           capacity=20, session_number=number,
                           session_starts_at=opens + timedelta(hours=2 * (number - 1)), now=now)
            for number, code, name in (
                (1, "A101", "Phòng A101, tầng 1, nhà A, 8 Tôn Thất Thuyết"),
                (2, "B203", "Phòng B203, tầng 2, nhà B, 8 Tôn Thất Thuyết"))]
    for room in made:
        rooms.appoint_room_proctor(session, cast.chair, competition, room, cast.proctor, now=now)
    for n, application in enumerate(session.scalars(select(Application).where(
            Application.competition_id == competition.id).order_by(Application.id))):
        if application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED):
            rooms.set_photo(session, application.user, application, demo_photo(n),
                            now=now - timedelta(hours=2))
    practice.add_items(session, cast.chair, competition, PRACTICE_QUESTIONS, now=now)
    site = base_url.rstrip("/")
    host = site.split("://", 1)[-1]
    seb.set_rule(session, cast.chair, competition, is_required=False,
                 config=seb.generated_config(
                     f"{site}/sitting/{competition.id}",
                     f"{site}/competitions/{competition.id}/safe-exam-browser/quit", host),
                 now=now)
    return made
