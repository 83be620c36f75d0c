"""The demo's people and the steps every demo competition shares (a cast, a competition with
its board, applications with PDF documents), used by each area's demo module."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date

from exam.accounts import service as accounts
from exam.accounts.models import User
from exam.competitions import service as competitions
from exam.competitions.models import Role
from exam.registration import service as registration

DEMO_PASSWORD = "thituyen-demo-2026"
DEMO_DOMAIN = "@demo.thituyen.vn"
# Recorded only where a criterion is not met (the board must then say why it accepts).
DEMO_ACCEPT_REASON = ("Hội đồng đã đối chiếu bản gốc: thời gian giữ chức vụ tương đương được tính "
                      "theo quyết định của cơ quan quản lý (dữ liệu minh hoạ).")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quốc", "Thanh", "Hoài", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quang", "Sơn", "Tâm",
         "Thảo", "Thắng", "Trang", "Tuấn", "Tuyết", "Việt", "Yến", "Ánh", "Đông", "Ước"]


@dataclass
class DemoCast:
    admin: User
    chair: User
    secretary: User
    member: User
    author: User
    proctor: User
    examiners: list[User]
    candidates: list[User] = field(default_factory=list)


def demo_pdf(title: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 760, title)
    pdf.save()
    return buffer.getvalue()


def _user(session, email, name, now, *, admin=False) -> User:
    maker = accounts.create_admin if admin else accounts.register_candidate
    return maker(session, email=email, full_name=name, password=DEMO_PASSWORD, now=now)


def create_cast(session, now, *, candidates: int, rng: random.Random) -> DemoCast:
    cast = DemoCast(
        admin=_user(session, "admin@demo.thituyen.vn", "Quản trị hệ thống", now, admin=True),
        chair=_user(session, "chutich@demo.thituyen.vn", "Nguyễn Văn Chính", now),
        secretary=_user(session, "thuky@demo.thituyen.vn", "Trần Thị Thư", now),
        member=_user(session, "uyvien@demo.thituyen.vn", "Lê Quang Uy", now),
        author=_user(session, "soande@demo.thituyen.vn", "Phạm Thị Soạn", now),
        proctor=_user(session, "giamthi@demo.thituyen.vn", "Hoàng Văn Giám", now),
        examiners=[_user(session, f"giamkhao{i}@demo.thituyen.vn", name, now) for i, name in
                   enumerate(["Võ Minh Khảo", "Đặng Thu Chấm", "Bùi Đức Điểm", "Đỗ Ngọc Thẩm"], 1)],
    )
    names = set()
    while len(names) < candidates:
        names.add(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
    for i, name in enumerate(sorted(names), 1):
        cast.candidates.append(_user(session, f"ungvien{i}@demo.thituyen.vn", name, now))
    return cast


def create_competition(session, cast: DemoCast, *, opens, closes, sitting_opens, sitting_closes,
                       now, title, post, unit):
    competition = competitions.create_competition(
        session, cast.admin, now=now, title=title, post=post, unit=unit, vacancies=2,
        description="Cuộc thi tuyển công khai chức danh lãnh đạo cấp phòng theo quy định hiện hành.",
        qualifications="Tốt nghiệp đại học trở lên; có ít nhất 3 năm giữ chức vụ quản lý.",
        registration_opens_at=opens, registration_closes_at=closes,
        sitting_opens_at=sitting_opens, sitting_closes_at=sitting_closes,
        min_management_years=3, max_age=55, required_degree="bachelor",
        required_documents=["cv", "degree"])
    for user, role in ((cast.chair, Role.CHAIR), (cast.secretary, Role.SECRETARY),
                       (cast.member, Role.BOARD_MEMBER), (cast.author, Role.QUESTION_AUTHOR),
                       (cast.proctor, Role.PROCTOR),
                       *((e, Role.EXAMINER) for e in cast.examiners)):
        competitions.appoint(session, cast.admin, competition, user, role, now=now)
    competitions.advance_stage(session, cast.chair, competition, now=now)
    return competition


def apply_all(session, competition, candidates, *, now, rng: random.Random, upload_folder, max_bytes):
    documents = [registration.Upload("cv", "so-yeu-ly-lich.pdf", demo_pdf("So yeu ly lich")),
                 registration.Upload("degree", "bang-tot-nghiep.pdf", demo_pdf("Bang tot nghiep"))]
    applications = []
    for user in candidates:
        profile = {
            "date_of_birth": date(rng.randint(1972, 1992), rng.randint(1, 12), rng.randint(1, 28)),
            "id_number": f"{rng.randint(0, 10**12 - 1):012d}",
            "current_post": rng.choice(["Phó Trưởng phòng", "Chuyên viên chính", "Phó Chánh Văn phòng"]),
            "current_unit": rng.choice(["Sở Nội vụ", "Sở Tài chính", "UBND quận Ba Đình", "Sở Tư pháp"]),
            "degree": rng.choice(["bachelor", "master", "master", "doctor"]),
            "field_of_study": rng.choice(["Luật", "Hành chính công", "Kinh tế", "Quản trị nhân lực"]),
            "management_years": rng.randint(2, 15),
            "statement": "Tôi mong muốn đóng góp cho sự phát triển của đơn vị.",
        }
        applications.append(registration.submit_application(
            session, user, competition, profile=profile, uploads=documents,
            upload_folder=upload_folder, max_bytes=max_bytes, now=now))
    return applications
