"""Plain `make_*` functions: they flush and return objects, with keyword overrides."""

from __future__ import annotations

import io
import itertools
from datetime import date, timedelta

from reportlab.pdfgen import canvas

from exam.accounts.models import User
from exam.accounts.service import hasher
from exam.competitions.models import Competition, Membership, Role, Stage
from exam.db import utcnow
from exam.registration.models import Application, ApplicationStatus

PASSWORD = "correct horse battery"
_PASSWORD_HASH = hasher.hash(PASSWORD)
_counter = itertools.count(1)


def make_user(session, *, full_name="Nguyễn Thị Hương", is_admin=False, email=None, **fields) -> User:
    n = next(_counter)
    user = User(email=email or f"user{n}@example.vn", full_name=full_name,
                password_hash=_PASSWORD_HASH, is_admin=is_admin, created_at=utcnow(), **fields)
    session.add(user)
    session.flush()
    return user


def make_admin(session, **fields) -> User:
    return make_user(session, full_name="Quản trị viên", is_admin=True, **fields)


def make_competition(session, *, stage=Stage.REGISTRATION_OPEN, now=None, **fields) -> Competition:
    now = now or utcnow()
    admin = fields.pop("created_by", None) or make_admin(session)
    values = {
        "title": "Thi tuyển Trưởng phòng Tổ chức cán bộ", "post": "Trưởng phòng Tổ chức cán bộ",
        "unit": "Sở Nội vụ", "vacancies": 1,
        "registration_opens_at": now - timedelta(days=10),
        "registration_closes_at": now + timedelta(days=10),
        "sitting_opens_at": now + timedelta(days=20),
        "sitting_closes_at": now + timedelta(days=20, hours=4),
        "required_documents": ["cv"], "min_management_years": 2, "max_age": 55,
        "required_degree": "bachelor",
    }
    values.update(fields)
    competition = Competition(created_by_id=admin.id, created_at=now, stage=stage, **values)
    session.add(competition)
    session.flush()
    return competition


def appoint(session, competition, role: Role, user=None) -> User:
    titles = {Role.CHAIR: "Chủ tịch", Role.SECRETARY: "Thư ký", Role.BOARD_MEMBER: "Ủy viên",
              Role.QUESTION_AUTHOR: "Soạn đề", Role.EXAMINER: "Chấm thi", Role.PROCTOR: "Coi thi"}
    user = user or make_user(session, full_name=f"Cán bộ {titles.get(role, role)}")
    session.add(Membership(competition_id=competition.id, user_id=user.id, role=role,
                           appointed_at=utcnow()))
    session.flush()
    return user


def make_board(session, competition) -> dict[Role, User]:
    return {role: appoint(session, competition, role)
            for role in (Role.CHAIR, Role.SECRETARY, Role.BOARD_MEMBER)}


def make_application(session, competition, *, user=None, status=ApplicationStatus.SUBMITTED,
                     candidate_number=None, **fields) -> Application:
    user = user or make_user(session, full_name="Trần Đức Anh")
    values = {"date_of_birth": date(1985, 5, 17), "id_number": "001085012345",
                  "current_post": "Phó Trưởng phòng", "current_unit": "Sở Tài chính", "degree": "master",
                  "management_years": 5, "submitted_at": utcnow()}
    values.update(fields)
    if status == ApplicationStatus.ACCEPTED and candidate_number is None:
        candidate_number = f"{next(_counter):04d}"
    application = Application(competition_id=competition.id, user_id=user.id, status=status,
                              candidate_number=candidate_number, **values)
    session.add(application)
    session.flush()
    return application


def pdf_bytes(title: str = "Sơ yếu lý lịch") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 760, title)
    pdf.save()
    return buffer.getvalue()


def make_inspector(session, **fields) -> User:
    return make_user(session, full_name="Thanh tra viên Đỗ Minh Chính", is_inspector=True, **fields)


def make_report(session, competition, *, named=(), status="received", **fields):
    """An irregularity report and its tracking code (the code itself is never stored)."""
    from exam.oversight.models import IrregularityReport, ReportNamedPerson
    from exam.oversight.service import hash_code, new_tracking_code

    code = new_tracking_code()
    values = {"category": "other", "body": "Có người gợi ý bán đề thi trước ngày thi tuyển.",
                  "received_at": utcnow()}
    values.update(fields)
    report = IrregularityReport(competition_id=competition.id, code_hash=hash_code(code),
                                status=status, **values)
    session.add(report)
    session.flush()
    for user in named:
        session.add(ReportNamedPerson(report_id=report.id, user_id=user.id))
    session.flush()
    return report, code


def make_vote(session, competition, *, electors, options=("Đồng ý", "Không đồng ý"),
              kind="eligibility_dispute", closes_at=None, **fields):
    """An open secret vote of `electors` with zeroed counters."""
    from exam.oversight.models import BoardVote, VoteCounter, VoteElector

    now = utcnow()
    vote = BoardVote(competition_id=competition.id, kind=kind, options=list(options),
                     question=fields.pop("question", "Có chấp nhận hồ sơ của ứng viên 0003?"),
                     opened_by_id=electors[0].id, opened_at=now,
                     closes_at=closes_at or now + timedelta(days=3), **fields)
    session.add(vote)
    session.flush()
    session.add_all(VoteElector(vote_id=vote.id, user_id=u.id, has_voted=False)
                    for u in sorted(electors, key=lambda u: u.id))
    session.add_all(VoteCounter(vote_id=vote.id, option_index=i, count=0)
                    for i in range(len(options)))
    session.flush()
    return vote


SCORING_RUBRIC = ({"name": "Nội dung", "max_points": "6", "descriptors": "Đúng, đủ ý"},
                  {"name": "Lập luận", "max_points": "4", "descriptors": "Chặt chẽ, có dẫn chứng"})


def make_script(session, competition, *, application=None, part_key="essay",
                prompt="Trình bày giải pháp cải cách thủ tục hành chính tại đơn vị.",
                answer_text="Đơn vị cần số hoá hồ sơ và công khai quy trình giải quyết.",
                rubric=SCORING_RUBRIC, now=None, **fields):
    """A script under a fresh anonymous code, as scoring.create_scripts makes it from the sitting."""
    from decimal import Decimal

    from exam.scoring.preparation import add_script

    application = application or make_application(session, competition,
                                                   status=ApplicationStatus.ACCEPTED)
    max_points = sum(Decimal(str(c["max_points"])) for c in rubric)
    return add_script(session, competition, application=application, part_key=part_key,
                      prompt=prompt, rubric=list(rubric), max_points=max_points,
                      answer_text=answer_text, now=now or utcnow(), **fields)


def make_panel(session, competition, *, examiners=3, part_key="essay", threshold_percent=10,
               chair=None, declared=True):
    """A chair and `examiners` examiners of the competition; each has declared no conflict."""
    from decimal import Decimal

    from exam.scoring.models import Declaration, Panel, PanelMember

    chair = chair or appoint(session, competition, Role.EXAMINER,
                             make_user(session, full_name="Chủ tịch Hội đồng chấm"))
    members = [appoint(session, competition, Role.EXAMINER,
                       make_user(session, full_name=f"Giám khảo {i + 1}")) for i in range(examiners)]
    panel = Panel(competition_id=competition.id, part_key=part_key, chair_id=chair.id,
                  threshold_percent=Decimal(str(threshold_percent)), created_at=utcnow())
    session.add(panel)
    session.flush()
    session.add_all(PanelMember(panel_id=panel.id, user_id=u.id) for u in members)
    if declared:
        session.add_all(Declaration(competition_id=competition.id, examiner_id=u.id,
                                    conflict_application_ids=[], known_application_ids=[],
                                    declared_at=utcnow()) for u in members)
    session.flush()
    session.refresh(panel)
    return panel
