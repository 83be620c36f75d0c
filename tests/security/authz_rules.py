"""Who may reach which route: the table the authorization matrix test checks every route against.

Every endpoint of the app's URL map needs a row in RULES; a route without one fails
tests/security/test_authz_matrix.py with a message naming it. A row says which of the
ROLES may reach the route (the permission check passes: any answer but 401/403/404 or a
redirect to the sign-in page). A row may differ per HTTP method and may give the form a
POST sends, so the matrix reaches the service's own permission check instead of a form
re-rendered for missing fields.

To add an area's routes: add a row per endpoint below, and a PARAMS entry for every new
URL argument (a function of (session, world) returning the value, creating what it needs).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from exam.competitions.models import Role, Stage
from exam.registration.models import ApplicationStatus, Document
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_competition,
    make_user,
    pdf_bytes,
)

ROLES = ("anonymous", "candidate", "other_candidate", "author", "examiner", "proctor", "board",
         "admin")

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"author", "examiner", "proctor", "board"})
NOBODY = frozenset()


def roles(*names: str) -> frozenset[str]:
    unknown = set(names) - set(EVERYONE)
    assert not unknown, f"unknown roles {unknown}"
    return frozenset(names)


@dataclass
class World:
    """Competition A (with its staff, one candidate) and competition B (another candidate)."""

    competition: object
    other_competition: object
    users: dict[str, object]
    application: object
    other_application: object
    document: object
    extra: dict = field(default_factory=dict)


def build_world(session, upload_folder: str) -> World:
    from exam import storage

    admin = make_admin(session)
    competition = make_competition(session, created_by=admin, stage=Stage.REGISTRATION_OPEN)
    other = make_competition(session, created_by=admin, stage=Stage.REGISTRATION_OPEN,
                             title="Thi tuyển Phó Giám đốc Sở")
    users = {"admin": admin, "board": appoint(session, competition, Role.CHAIR)}
    users["author"] = appoint(session, competition, Role.QUESTION_AUTHOR)
    users["examiner"] = appoint(session, competition, Role.EXAMINER)
    users["proctor"] = appoint(session, competition, Role.PROCTOR)
    users["candidate"] = make_user(session, full_name="Trần Đức Anh")
    users["other_candidate"] = make_user(session, full_name="Lê Thị Mai")
    application = make_application(session, competition, user=users["candidate"],
                                   status=ApplicationStatus.SUBMITTED)
    other_application = make_application(session, other, user=users["other_candidate"])
    document = None
    for owner in (application, other_application):
        stored = storage.store_file(session, upload_folder, pdf_bytes(), ".pdf")
        item = Document(application_id=owner.id, kind="cv", original_name="cv.pdf",
                        stored_name=stored, size=len(pdf_bytes()), sha256="0" * 64,
                        uploaded_at=competition.created_at)
        session.add(item)
        document = document or item
    session.flush()
    return World(competition, other, users, application, other_application, document)


# URL arguments: name -> value in the world.
PARAMS: dict[str, Callable] = {
    "competition_id": lambda s, w: w.competition.id,
    "application_id": lambda s, w: w.application.id,
    "document_id": lambda s, w: w.document.id,
    "code": lambda s, w: "en",
    "filename": lambda s, w: "css/app.css",
    "checkpoint_id": lambda s, w: _checkpoint(s, w),
    "report_id": lambda s, w: _oversight(s, w)["report"].id,
    "attachment_id": lambda s, w: _oversight(s, w)["attachment"].id,
    "vote_id": lambda s, w: _oversight(s, w)["vote"].id,
    "user_id": lambda s, w: _oversight(s, w)["inspector"].id,
}


def _oversight(session, world):
    """A report (with a stored attachment) and an open vote in competition A, and an inspector."""
    if "oversight" not in world.extra:
        from flask import current_app

        from exam import storage
        from exam.oversight.models import ReportAttachment
        from exam.oversight.service import report_folder
        from tests.factories import make_inspector, make_report, make_vote

        report, _code = make_report(session, world.competition)
        stored = storage.store_file(session, report_folder(current_app.config["UPLOAD_FOLDER"]),
                                    pdf_bytes(), ".pdf")
        attachment = ReportAttachment(report_id=report.id, original_name="bang-chung.pdf",
                                      stored_name=stored, content_type="application/pdf",
                                      size=len(pdf_bytes()), sha256="0" * 64,
                                      uploaded_at=report.received_at)
        session.add(attachment)
        member = appoint(session, world.competition, Role.BOARD_MEMBER)
        vote = make_vote(session, world.competition, electors=[world.users["board"], member])
        world.extra["oversight"] = {"report": report, "attachment": attachment, "vote": vote,
                                    "inspector": make_inspector(session)}
        session.flush()
    return world.extra["oversight"]


def _checkpoint(session, world):
    from exam.audit import service as audit

    return audit.publish_checkpoint(session, world.competition,
                                    now=world.competition.created_at).id


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    form: Callable | None = None  # (session, world) -> dict the POST sends


def _application_form(session, world):
    return {
        "date_of_birth": "1984-03-09", "id_number": "001084009876",
        "current_post": "Phó Trưởng phòng", "current_unit": "Sở Nội vụ", "degree": "master",
        "field_of_study": "Luật", "management_years": "6", "statement": "",
        "cv": (io.BytesIO(pdf_bytes()), "cv.pdf", "application/pdf"),
    }


def _appoint_form(session, world):
    person = make_user(session, full_name="Phạm Văn Bình")
    return {"email": person.email, "role": "examiner"}


def _rules_form(session, world):
    return {"title": "Thi tuyển mới", "post": "Trưởng phòng", "unit": "Sở Nội vụ",
            "vacancies": "1", "objection_days": "3", "appeal_days": "15",
            "min_management_years": "2", "required_degree": "bachelor"}


CONFIRM = {"confirm": "y"}

RULES: dict[str, Rule | dict[str, Rule]] = {
    "static": Rule(EVERYONE),
    "i18n.switch": Rule(EVERYONE),
    "public.home": Rule(EVERYONE),
    "public.competition": Rule(EVERYONE),
    "public.record_json": Rule(EVERYONE),
    "public.verify_draw": Rule(EVERYONE),
    # before the secret is revealed nobody gets it (404); after, everyone
    # (tests/public/test_draw_bundle_download.py)
    "public.draw_bundle": Rule(NOBODY),
    "audit.checkpoint_file": Rule(EVERYONE),
    "audit.log": Rule(roles("board", "admin")),
    "audit.public_log": Rule(EVERYONE),
    "accounts.register": Rule(EVERYONE),
    "accounts.login": Rule(EVERYONE),
    "accounts.logout": Rule(SIGNED_IN),
    "accounts.profile": Rule(SIGNED_IN),
    # Reached only between the password and the code: nobody here has a sign-in pending.
    "accounts.second_factor": Rule(NOBODY),
    "accounts.enrol_second_factor": Rule(SIGNED_IN),
    "accounts.sign_out_everywhere": Rule(SIGNED_IN),
    "competitions.index": Rule(SIGNED_IN),
    "competitions.create": {"GET": Rule(roles("admin")),
                            "POST": Rule(roles("admin"), form=_rules_form)},
    "competitions.dashboard": Rule(STAFF | {"admin"}),
    "competitions.rules": {"GET": Rule(STAFF | {"admin"}),
                           "POST": Rule(roles("board", "admin"), form=_rules_form)},
    "competitions.appoint": Rule(roles("board", "admin"), form=_appoint_form),
    "competitions.advance": Rule(roles("board"), form=lambda s, w: CONFIRM),
    # Staff may open the form, but the service refuses their application.
    "registration.apply": {"GET": Rule(SIGNED_IN),
                           "POST": Rule(roles("candidate", "other_candidate"),
                                        form=_application_form)},
    "registration.application": Rule(roles("candidate", "board")),
    "registration.review_list": Rule(roles("board")),
    "registration.accept": Rule(roles("board")),
    "registration.reject": Rule(roles("board"),
                                form=lambda s, w: {"reason": "Thiếu bằng thạc sĩ theo yêu cầu."}),
    "registration.document": Rule(roles("candidate", "board")),
    # Oversight: anyone reports and follows by code; only inspectors (not a role of this
    # matrix) read and act on reports, the board sees counts by category; the board votes.
    "oversight.file_report": Rule(EVERYONE, form=lambda s, w: {
        "category": "other", "body": "Có người gạ bán đề thi trước ngày thi tuyển."}),
    "oversight.filed": Rule(EVERYONE),
    "oversight.follow": Rule(EVERYONE),
    "oversight.add_information": Rule(EVERYONE),
    "oversight.reports": Rule(SIGNED_IN),
    "oversight.report": Rule(NOBODY),
    "oversight.attachment": Rule(NOBODY),
    "oversight.start_review": Rule(NOBODY),
    "oversight.resolve": Rule(NOBODY, form=lambda s, w: {
        "outcome": "not_substantiated", "finding": "Không có căn cứ sau khi xác minh các bên."}),
    "oversight.suspension": {"GET": Rule(NOBODY),
                             "POST": Rule(NOBODY, form=lambda s, w: {
                                 "reason": "Đã khắc phục xong vi phạm."})},
    "oversight.inspectors": {"GET": Rule(roles("admin")),
                             "POST": Rule(roles("admin"), form=lambda s, w: {
                                 "email": make_user(s, full_name="Đỗ Văn Tra").email})},
    "oversight.dismiss_inspector": Rule(roles("admin")),
    "oversight.votes": {"GET": Rule(roles("board", "admin")),
                        "POST": Rule(roles("board"), form=lambda s, w: {
                            "kind": "appeal", "question": "Chấp nhận đơn phúc khảo của ứng viên?",
                            "options": "Có\nKhông", "closes_at": "2099-01-01T08:00"})},
    "oversight.vote": Rule(roles("board", "admin")),
    "oversight.cast_ballot": Rule(roles("board"), form=lambda s, w: {"option": "0"}),
    "oversight.close_vote": Rule(roles("board")),
}


# Results and appeals. Before publication the results pages answer 404 to everyone; the
# board's pages, verification and the appeal forms are reachable as the rows say.
def _objection(session, world):
    from exam.appeals.models import Objection

    item = Objection(competition_id=world.competition.id, application_id=world.application.id,
                     item_key="Q-01", reason="Phương án B mới đúng.",
                     filed_at=world.competition.created_at)
    session.add(item)
    session.flush()
    return item.id


def _remark_appeal(session, world):
    from exam.appeals.models import RemarkAppeal

    item = RemarkAppeal(competition_id=world.competition.id, application_id=world.application.id,
                        part_key="essay", reason="Đề nghị chấm lại phần tự luận.",
                        filed_at=world.competition.created_at)
    session.add(item)
    session.flush()
    return item.id


PARAMS.update({
    "objection_id": _objection,
    "appeal_id": _remark_appeal,
    "number": lambda s, w: 1,
})

RULES.update({
    "results.public": Rule(NOBODY),
    "results.public_csv": Rule(NOBODY),
    "results.sheet_pdf": Rule(NOBODY),
    "results.own": Rule(NOBODY),
    "results.own_sheet": Rule(NOBODY),
    "results.admission_ticket": Rule(roles("candidate", "board")),
    "results.manage": Rule(roles("board")),
    "results.save_rules": Rule(roles("board"), form=lambda s, w: {
        "parts": "viet; Thi viết; 100; 1;", "reserve_months": "12"}),
    "results.grant_priority": Rule(roles("board")),
    "results.decide_tie": Rule(roles("board")),
    "results.publish": Rule(roles("board")),
    "results.countersign": Rule(NOBODY),
    "verify.verify": Rule(EVERYONE),
    "verify.code": Rule(EVERYONE),
    "appeals.objections": {"GET": Rule(roles("candidate", "board")),
                           "POST": Rule(roles("candidate"), form=lambda s, w: {
                               "item_key": "Q-01", "reason": "Phương án B mới đúng."})},
    "appeals.file_appeal": Rule(roles("candidate")),
    "appeals.manage": Rule(roles("board")),
    "appeals.public_decisions": Rule(EVERYONE),
    "appeals.decide_objection": Rule(roles("board")),
    "appeals.answer_appeal": Rule(roles("board")),
    "appeals.decide_appeal": Rule(roles("board")),
})


# The question bank and the sitting. The bank is for question authors and the administrator
# only. The candidate's sitting pages need an accepted application, which this world's
# candidate does not have (tests/sitting covers them); the board and the proctor run the rest.
def _bank_version(session, world):
    from exam.bank import service as bank
    from question_bank.items import Item, Option

    writer = appoint(session, world.competition, Role.QUESTION_AUTHOR)
    item = Item(key="cc-90", type="single_choice", stem="Luật Cán bộ, công chức năm nào?",
                points=1, topic="Luật Cán bộ, công chức", difficulty="easy",
                options=(Option("2008", 1), Option("2010", 0)))
    return bank.create_item(session, writer, item, now=world.competition.created_at).id


def _test_part(session, world):
    from exam.sitting.models import TestPart

    part = TestPart(competition_id=world.competition.id, key="Z", title="Phần thử", kind="essay",
                    position=1, duration_minutes=30, essay_mode="per_candidate", cells=[
                        {"topic": "T", "difficulty": "hard", "type": "essay", "count": 1,
                         "points": "10"}])
    session.add(part)
    session.flush()
    return part.key


def _attempt(session, world):
    from exam.sitting.models import Attempt, Paper

    paper = Paper(competition_id=world.competition.id, application_id=world.application.id,
                  candidate_number="0001", fingerprint="0" * 64, drawn_at=world.competition.created_at)
    session.add(paper)
    session.flush()
    attempt = Attempt(paper_id=paper.id, competition_id=world.competition.id,
                      application_id=world.application.id, started_at=world.competition.created_at,
                      duration_seconds=3600, extra_seconds=0)
    session.add(attempt)
    session.flush()
    return attempt.id


def _bank_item_form(session, world):
    return {"key": "ql-90", "type": "true_false", "topic": "Quản lý nhà nước",
            "difficulty": "easy", "points": "1", "true_answer": "true",
            "stem": "Thủ tục hành chính phải được công khai."}


def _bank_import_form(session, world):
    from question_bank.samples import sample_path

    return {"format": "gift", "file": (io.BytesIO(sample_path("gift").read_bytes()), "bank.gift")}


def _bank_confirm_form(session, world):
    import base64
    import hashlib

    from question_bank.samples import sample_path
    raw = sample_path("gift").read_bytes()
    return {"format": "gift", "payload": base64.b64encode(raw).decode(),
            "sha256": hashlib.sha256(raw).hexdigest()}


def _part_form(session, world):
    return {"key": "A", "title": "Trắc nghiệm", "kind": "objective", "duration_minutes": "30",
            "essay_mode": "per_candidate", "cells-0-topic": "Luật Cán bộ, công chức",
            "cells-0-difficulty": "easy", "cells-0-type": "single_choice", "cells-0-count": "2",
            "cells-0-points": "1"}


AUTHORS = roles("author", "admin")
BOARD_AND_PROCTOR = roles("board", "proctor")

PARAMS.update({
    "version_id": _bank_version,
    "step": lambda s, w: "review",
    "fmt": lambda s, w: "gift",
    "key": _test_part,
    "attempt_id": _attempt,
})

RULES.update({
    "bank.index": Rule(AUTHORS),
    "bank.create": {"GET": Rule(AUTHORS), "POST": Rule(AUTHORS, form=_bank_item_form)},
    "bank.version": Rule(AUTHORS),
    "bank.edit": {"GET": Rule(AUTHORS), "POST": Rule(AUTHORS, form=_bank_item_form)},
    "bank.advance": Rule(AUTHORS),
    "bank.bulk": Rule(AUTHORS, form=lambda s, w: {"confirm": "y", "version_id": "1"}),
    "bank.import_file": {"GET": Rule(AUTHORS), "POST": Rule(AUTHORS, form=_bank_import_form)},
    "bank.confirm_import": Rule(AUTHORS, form=_bank_confirm_form),
    "bank.export": Rule(AUTHORS),
    "sitting.setup": Rule(BOARD_AND_PROCTOR),
    "sitting.configure_part": Rule(roles("board"), form=_part_form),
    "sitting.remove_part": Rule(roles("board")),
    "sitting.seal": Rule(roles("board"), form=lambda s, w: {
        **CONFIRM, "value_source": "Giải đặc biệt XSKT Thủ đô mở thưởng ngày 20/11/2026",
        "value_known_after": "2099-11-20T18:30"}),
    "sitting.public_value": Rule(roles("board"), form=lambda s, w: {
        "public_value": "XSKT Thủ đô 20/11/2026: 482913"}),
    "sitting.open_sitting": Rule(BOARD_AND_PROCTOR, form=lambda s, w: CONFIRM),
    "sitting.close_sitting": Rule(roles("board"), form=lambda s, w: CONFIRM),
    "sitting.reveal": Rule(roles("board"), form=lambda s, w: CONFIRM),
    "sitting.board": Rule(BOARD_AND_PROCTOR),
    "sitting.room": Rule(BOARD_AND_PROCTOR, form=lambda s, w: {"access_code": "HOASEN"}),
    "sitting.extra_time": Rule(BOARD_AND_PROCTOR, form=lambda s, w: {
        "minutes": "10", "reason": "Mất điện phòng thi"}),
    "sitting.admit_late": Rule(BOARD_AND_PROCTOR, form=lambda s, w: {
        "application_id": str(w.application.id), "reason": "Xe buýt đến muộn"}),
    "sitting.landing": Rule(NOBODY),
    "sitting.start": Rule(NOBODY),
    "sitting.check_in": Rule(NOBODY),
    "sitting.paper_key": Rule(NOBODY),
    "sitting.paper": Rule(NOBODY),
    "sitting.answer": Rule(NOBODY),
    "sitting.review": Rule(NOBODY),
    "sitting.submit": Rule(NOBODY),
    "sitting.receipt": Rule(NOBODY),
    "sitting.receipt_pdf": Rule(NOBODY),
    "sitting.receipt_signature": Rule(NOBODY),
    "sitting.submission_json": Rule(NOBODY),
})


def rule_for(endpoint: str, method: str) -> Rule | None:
    row = RULES.get(endpoint)
    if isinstance(row, dict):
        return row.get(method)
    return row


# Cells where the code does not yet do what the rule says: (endpoint, method, role) -> why.
# The matrix marks these xfail and fails as soon as one is fixed, so the row can go.
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}


# Blind scoring: the board runs it and the examiners mark; nobody else reaches a scoring page.
# The code map is sealed for everyone until the reveal (this world never reaches it), and the
# presentation round exists only where a presentation panel is set up, after the reveal.
def _scoring_panel(session, world):
    from tests.factories import make_panel

    if "scoring_panel" not in world.extra:
        world.extra["scoring_panel"] = make_panel(session, world.competition, part_key="essay")
    return world.extra["scoring_panel"].id


PARAMS.update({
    "panel_id": _scoring_panel,
    "action": lambda s, w: "confirm",
})
SCORING = roles("board", "examiner")
RULES.update({
    "scoring.home": Rule(SCORING),
    "scoring.declaration": {"GET": Rule(roles("examiner")), "POST": Rule(roles("examiner"))},
    "scoring.find": Rule(SCORING, form=lambda s, w: {"code": "7ZF1-097A"}),
    "scoring.script": {"GET": Rule(SCORING), "POST": Rule(SCORING)},
    "scoring.settle": {"GET": Rule(SCORING), "POST": Rule(SCORING)},
    "scoring.create_scripts": Rule(roles("board")),
    "scoring.panel_new": Rule(roles("board")),
    "scoring.draw": Rule(roles("board")),
    "scoring.add_examiner": Rule(roles("board")),
    "scoring.calibration": {"GET": Rule(roles("board")), "POST": Rule(roles("board"))},
    # Leak review belongs to the chair of the script's panel (nobody in this world).
    "scoring.leak": {"GET": Rule(NOBODY), "POST": Rule(NOBODY)},
    "scoring.lock": Rule(roles("board"), form=lambda s, w: CONFIRM),
    "scoring.reveal": Rule(roles("board"), form=lambda s, w: CONFIRM),
    "scoring.identities": Rule(NOBODY),
    "scoring.statistics": Rule(roles("board")),
    "scoring.presentation": Rule(NOBODY),
    "scoring.presentation_action": Rule(NOBODY),
})


def _notification(session, world):
    from exam.notifications.service import notify

    return notify(session, world.application.user, "application_accepted",
                  now=world.competition.created_at, competition=world.competition,
                  subject_id=world.application.id, candidate_number="0001").id


def _job(session, world):
    """A job row as the board's start would leave it (starting needs locked marks)."""
    from exam.jobs.models import Job

    job = Job(kind="recompute_results", competition_id=world.competition.id,
              created_by_id=world.users["board"].id, total=1,
              created_at=world.competition.created_at)
    session.add(job)
    session.flush()
    return job.id


PARAMS.update({
    "notification_id": _notification,
    "job_id": _job,
    "kind": lambda s, w: "recompute",
})
RULES.update({
    "notifications.inbox": Rule(SIGNED_IN),
    "notifications.open_one": Rule(roles("candidate")),
    "notifications.read_all": Rule(SIGNED_IN),
    "insights.overview": Rule(roles("board")),
    "jobs.start": Rule(roles("board")),
    "jobs.show": Rule(roles("board")),
    "jobs.step": Rule(roles("board")),
})


# Appointment and remedies: the authority's signers and the inspectors are not among the
# matrix roles, so their own routes are reached by nobody here (their service tests show who
# may); the board transmits and decides exclusions, the candidate answers and withdraws.
def _appointment(session, world):
    """A final result version and a decision appointing the world's candidate."""
    if "appointment" not in world.extra:
        from exam.appointment.models import AppointmentDecision, Remedy
        from exam.results.models import ResultVersion

        at = world.competition.created_at
        version = ResultVersion(competition_id=world.competition.id, number=1, kind="final",
                                published_at=at, published_by_id=world.users["board"].id,
                                data={"rows": []}, data_sha256="0" * 64)
        session.add(version)
        session.flush()
        decision = AppointmentDecision(
            competition_id=world.competition.id, application_id=world.application.id,
            sequence=1, result_version_id=version.id, ranking_position=1,
            next_in_line_position=1, number="1/QĐ", decided_on=at.date(), term_months=60,
            document_name="qd.pdf", stored_name="x.pdf", document_sha256="0" * 64, data={},
            data_sha256="0" * 64, status="offered", reply_by=at.replace(year=at.year + 5),
            recorded_at=at, recorded_by_id=world.users["admin"].id)
        remedy = Remedy(competition_id=world.competition.id, kind="exclusion", body="board",
                        application_id=world.application.id, decided_at=at,
                        decided_by_id=world.users["board"].id, reasons="Không đủ điều kiện.")
        session.add_all([decision, remedy])
        session.flush()
        world.extra["appointment"] = {"decision": decision, "remedy": remedy}
    return world.extra["appointment"]


PARAMS.update({
    "decision_id": lambda s, w: _appointment(s, w)["decision"].id,
    "remedy_id": lambda s, w: _appointment(s, w)["remedy"].id,
    "verb": lambda s, w: "exclude",
})
RULES.update({
    "appointment.manage": Rule(roles("board", "admin")),
    "appointment.name_authority": Rule(roles("admin"), form=lambda s, w: {
        "name": "Ủy ban nhân dân tỉnh", "reply_days": "15"}),
    "appointment.transmit": Rule(roles("board")),
    "appointment.decide": Rule(NOBODY),
    "appointment.exhausted": Rule(NOBODY),
    "appointment.revoke": Rule(NOBODY, form=lambda s, w: {
        "reasons": "Bổ nhiệm trái quy định về tiêu chuẩn chức danh."}),
    "appointment.board_remedy": Rule(roles("board")),
    "appointment.annul_result": Rule(NOBODY),
    "appointment.annul_competition": Rule(NOBODY),
    "appointment.rerun": Rule(roles("admin")),
    "appointment.republish": Rule(roles("board")),
    "appointment.mine": Rule(SIGNED_IN),
    "appointment.answer": Rule(roles("candidate")),
    "appointment.withdraw": Rule(roles("candidate")),
    "appointment.contest": Rule(roles("candidate")),
    "appointment.decide_contest": Rule(NOBODY),
    "appointment.room_records": {"GET": Rule(roles("board", "proctor")),
                                 "POST": Rule(roles("proctor"), form=lambda s, w: {
                                     "candidate_number": "9999",
                                     "body": "Thí sinh trao đổi bài với người bên cạnh."})},
})


# The presentation round and the board's collegial decisions: the board (and the presentation
# panel, which this world does not set up) work on the manage page; a candidate's own page
# needs an accepted application (this world's candidate is still under review).
def _collegial_decision(session, world):
    from exam.presentation.models import CollegialDecision

    vote = _oversight(session, world)["vote"]
    decision = CollegialDecision(competition_id=world.competition.id, vote_id=vote.id,
                                 subject="proceed", application_ids=[],
                                 option_orders=["proceed", "extend"],
                                 reasons="Chưa đủ số ứng viên tối thiểu.", excluded_ids=[],
                                 opened_at=world.competition.created_at)
    session.add(decision)
    session.flush()
    return decision.id


PARAMS.update({"collegial_id": _collegial_decision})
RULES.update({
    "presentation.manage": Rule(roles("board")),
    "presentation.rules": Rule(roles("board")),
    "presentation.freeze": Rule(roles("board")),
    "presentation.draw": Rule(roles("board")),
    "presentation.record": Rule(roles("board")),
    "presentation.declare": Rule(roles("board")),
    "presentation.open_decision": Rule(roles("board")),
    "presentation.apply_decision": Rule(roles("board")),
    "presentation.extend": Rule(roles("board")),
    "presentation.programme_file": Rule(roles("board")),
    "presentation.mine": {"GET": Rule(NOBODY), "POST": Rule(NOBODY)},
    "presentation.my_programme": Rule(NOBODY),
})


# Rooms: the board sets them up, a room's proctor (and the board) checks in and prints its
# list, the candidate uploads their own photograph; the photograph is seen by its owner, the
# board and the proctors of the candidate's room.
def _rooms(session, world):
    """A room in competition A run by the proctor, the candidate seated in it, a photograph."""
    if "rooms" not in world.extra:
        from exam.rooms.models import CandidatePhoto, ExamRoom, RoomProctor, SeatAssignment

        world.application.status = ApplicationStatus.ACCEPTED  # seated: only in this world
        world.application.candidate_number = "0001"
        room = ExamRoom(competition_id=world.competition.id, code="A1", name="Phòng A1",
                        capacity=10, session_number=1)
        session.add(room)
        session.flush()
        session.add_all([
            RoomProctor(room_id=room.id, user_id=world.users["proctor"].id),
            SeatAssignment(competition_id=world.competition.id,
                           application_id=world.application.id, room_id=room.id,
                           seat_number=1)])
        photo = CandidatePhoto(application_id=world.application.id,
                               data=_photo_form(session, world)["photo"][0].getvalue(),
                               sha256="0" * 64, uploaded_at=world.competition.created_at)
        session.add(photo)
        session.flush()
        world.extra["rooms"] = {"room": room, "photo": photo}
    return world.extra["rooms"]


def _photo_form(session, world):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 40), (10, 20, 30)).save(out, "JPEG")
    return {"photo": (io.BytesIO(out.getvalue()), "anh.jpg", "image/jpeg")}


PARAMS.update({
    "room_id": lambda s, w: _rooms(s, w)["room"].id,
    "photo_id": lambda s, w: _rooms(s, w)["photo"].id,
})
RULES.update({
    "rooms.setup": Rule(BOARD_AND_PROCTOR),
    "rooms.add_room": Rule(roles("board"), form=lambda s, w: {
        "code": "B2", "name": "Phòng B2", "capacity": "20", "session_number": "1"}),
    "rooms.appoint_proctor": Rule(roles("board"), form=lambda s, w: {
        "user_id": str(w.users["proctor"].id)}),
    "rooms.draw": Rule(roles("board"), form=lambda s, w: CONFIRM),
    "rooms.set_seb": Rule(roles("board"), form=lambda s, w: {"browser_exam_keys": ""}),
    "rooms.seb_config": Rule(BOARD_AND_PROCTOR),
    "rooms.seb_check": Rule(EVERYONE),
    "rooms.seb_quit": Rule(EVERYONE),
    "rooms.check_in": Rule(BOARD_AND_PROCTOR),
    "rooms.mark": Rule(BOARD_AND_PROCTOR, form=lambda s, w: {"status": "present"}),
    "rooms.admit_late": Rule(BOARD_AND_PROCTOR, form=lambda s, w: {
        "reason": "Xe buýt đến muộn, có xác nhận"}),
    "rooms.room_list_pdf": Rule(BOARD_AND_PROCTOR),
    "rooms.photo": {"GET": Rule(roles("candidate")),
                    "POST": Rule(roles("candidate"), form=_photo_form)},
    "rooms.photo_image": Rule(roles("candidate", "board", "proctor")),
})

# The practice paper: the board writes it; an accepted candidate sits it (this world's
# candidate is not accepted, so nobody here reaches the candidate's pages: tests/rooms).
RULES.update({
    "rooms.add_practice": Rule(roles("board"), form=lambda s, w: {
        "questions": "Luật Cán bộ, công chức ban hành năm nào? | 2008 | 2010 | 1"}),
    "rooms.practice_landing": Rule(NOBODY),
    "rooms.practice_start": Rule(NOBODY),
    "rooms.practice_paper": Rule(NOBODY),
    "rooms.practice_answer": Rule(NOBODY),
    "rooms.practice_submit": Rule(NOBODY),
})


# Staff invitations and removals: the chair removes staff below the board, the administrator
# anyone; an invitation link is the key to its own account, whoever holds it.
def _membership(session, world):
    return world.extra.setdefault(
        "membership", _new_membership(session, world))


def _new_membership(session, world):
    from exam.competitions.models import Membership

    person = appoint(session, world.competition, Role.PROCTOR,
                     make_user(session, full_name="Vũ Văn Gác"))
    return session.query(Membership).filter_by(user_id=person.id).one().id


def _removal_form(session, world):
    """Each role meets the appointment in place (an earlier role's removal was committed)."""
    from exam.competitions.models import Membership
    from exam.db import utcnow

    membership_id = _membership(session, world)
    if session.get(Membership, membership_id) is None:
        session.add(Membership(id=membership_id, competition_id=world.competition.id,
                               user_id=make_user(session, full_name="Vũ Văn Gác").id,
                               role=Role.PROCTOR, appointed_at=utcnow()))
        session.flush()
    return {"reason": "Chuyển công tác sang đơn vị khác."}


def _invitation_token(session, world):
    from exam.accounts.invitations import invitation_token

    return invitation_token(make_user(session, full_name="Hồ Thị Mời"))


PARAMS.update({
    "membership_id": _membership,
    "token": _invitation_token,
})
RULES.update({
    "competitions.remove_appointment": Rule(roles("board", "admin"), form=_removal_form),
    "accounts.invitation": Rule(EVERYONE, form=lambda s, w: {
        "password": "mùa xuân Huế 2027", "confirm": "mùa xuân Huế 2027"}),
})
