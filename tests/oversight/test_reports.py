"""Irregularity reports: filed by anyone, followed by code, hidden from the people they name."""

import hashlib
import io
import os
from pathlib import Path

import pytest

from exam.audit.models import AuditEntry
from exam.competitions import service as competitions
from exam.competitions.models import STAGE_ORDER, Role, Stage
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from exam.oversight import service
from exam.oversight.models import IrregularityReport, ReportAttachment, ReportStatus
from tests.documents.test_uploads import (
    assert_no_trace,
    crafted_pdf,
    jpeg_with_exif,
    pdf_with_author,
    png_with_text,
)
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_board,
    make_competition,
    make_inspector,
    make_report,
    make_user,
    pdf_bytes,
)

PNG = png_with_text()
BODY = "Một người tự xưng quen Hội đồng đề nghị bán đề thi với giá 50 triệu đồng."


def _file(db, app, competition, actor=None, **fields):
    values = {"category": "sale_of_questions", "body": BODY,
                  "upload_folder": app.config["UPLOAD_FOLDER"],
                  "max_bytes": app.config["MAX_DOCUMENT_BYTES"], "now": fields.pop("now")}
    values.update(fields)
    return service.file_report(db, actor, competition, **values)


def test_an_anonymous_report_is_filed_and_followed_by_its_code(app, db, clock):
    competition = make_competition(db)
    report, code = _file(db, app, competition, now=clock.now,
                         attachments=[service.Attachment("anh.png", PNG)])
    assert report.reporter_id is None
    assert code not in {report.code_hash, report.body}
    assert len(service.normalise_code(code)) == 24
    assert service.find_by_code(db, code.lower().replace("-", " ")) is report
    entry = db.query(AuditEntry).filter_by(action="oversight.report_received").one()
    assert entry.actor_id is None
    assert entry.address == ""

    service.add_information(db, code, body="Người đó gọi lại lần hai vào tối thứ Sáu.",
                            attachments=[service.Attachment("tin-nhan.pdf", pdf_bytes())],
                            upload_folder=app.config["UPLOAD_FOLDER"], max_bytes=10**6,
                            now=clock.hours(2))
    assert [a.body for a in report.additions] == ["Người đó gọi lại lần hai vào tối thứ Sáu."]
    assert sorted(a.content_type for a in report.attachments) == ["application/pdf", "image/png"]
    with pytest.raises(NotFound):
        service.find_by_code(db, service.new_tracking_code())


def test_a_report_goes_to_inspectors_only_never_to_the_board_or_the_people_it_names(db):
    competition = make_competition(db)
    board = make_board(db, competition)
    inspector = make_inspector(db)
    report, _code = make_report(db, competition, named=[board[Role.BOARD_MEMBER]])
    assert service.get_report(db, inspector, report.id) is report
    for outsider in (board[Role.CHAIR], board[Role.BOARD_MEMBER], board[Role.SECRETARY],
                     make_admin(db), make_user(db), None):
        with pytest.raises(NotFound):
            service.get_report(db, outsider, report.id)
        assert report not in service.reports_for(db, outsider)


def test_a_report_naming_the_chair_goes_only_to_inspectors(db):
    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    report, _code = make_report(db, competition, named=[chair])
    with pytest.raises(NotFound):
        service.get_report(db, chair, report.id)
    assert service.get_report(db, make_inspector(db), report.id) is report


def test_an_inspector_who_serves_or_applies_in_the_competition_does_not_oversee_it(db, clock):
    competition = make_competition(db)
    examiner_inspector = appoint(db, competition, Role.EXAMINER, make_inspector(db))
    candidate_inspector = make_inspector(db)
    make_application(db, competition, user=candidate_inspector)
    report, _code = make_report(db, competition)
    for person in (examiner_inspector, candidate_inspector):
        with pytest.raises(NotFound):
            service.get_report(db, person, report.id)
        with pytest.raises(PermissionDenied):
            service.start_review(db, person, report, now=clock.now)


def test_a_chair_named_only_in_the_free_text_cannot_read_the_report(app, db, clock):
    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    report, _code = _file(db, app, competition, now=clock.now,
                          named_text=f"Ông {chair.full_name}, Chủ tịch Hội đồng")
    with pytest.raises(NotFound):
        service.get_report(db, chair, report.id)
    assert report not in service.reports_for(db, chair)


def test_the_board_sees_how_many_reports_of_each_kind_and_nothing_else(app, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    _file(db, app, competition, now=clock.now)
    _file(db, app, competition, now=clock.now)
    _file(db, app, competition, now=clock.now, category="undeclared_conflict")
    make_report(db, make_competition(db))
    counts = service.category_counts(db, board[Role.SECRETARY], competition)
    assert counts == {"sale_of_questions": 2, "pressure_on_examiner": 0,
                      "undeclared_conflict": 1, "wrong_eligibility": 0, "other": 0}
    assert service.board_report_counts(db, board[Role.BOARD_MEMBER]) == [(competition, counts)]
    for outsider in (make_user(db), make_admin(db)):
        with pytest.raises(PermissionDenied):
            service.category_counts(db, outsider, competition)


def test_the_chair_neither_reads_nor_resolves(db, clock):
    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    report, _code = make_report(db, competition)
    with pytest.raises(NotFound):
        service.get_report(db, chair, report.id)
    with pytest.raises(PermissionDenied):
        service.start_review(db, chair, report, now=clock.now)
    inspector = make_inspector(db)
    service.start_review(db, inspector, report, now=clock.now)
    with pytest.raises(PermissionDenied):
        service.resolve_report(db, chair, report, substantiated=False, finding="x" * 40,
                               now=clock.now)
    with pytest.raises(InvalidInput, match="finding"):
        service.resolve_report(db, inspector, report, substantiated=False, finding="Không.",
                               now=clock.now)
    service.resolve_report(db, inspector, report, substantiated=False,
                           finding="Đã xác minh: không có căn cứ cho thấy đề thi bị lộ.",
                           now=clock.hours(1))
    assert report.status == ReportStatus.RESOLVED
    assert report.is_substantiated is False
    assert not competition.is_suspended


def test_bad_attachments_are_refused_and_nothing_is_kept(app, db, clock):
    competition = make_competition(db)
    folder = service.report_folder(app.config["UPLOAD_FOLDER"])
    before = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    disguised = service.Attachment("bang-chung.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(InvalidInput, match="not a PDF, JPEG or PNG"):
        _file(db, app, competition, now=clock.now,
              attachments=[service.Attachment("ok.png", PNG), disguised])
    with pytest.raises(InvalidInput, match="limit"):
        _file(db, app, competition, now=clock.now, max_bytes=1000,
              attachments=[service.Attachment("big.png", PNG + b"\x00" * 2000)])
    with pytest.raises(InvalidInput, match="at most 5"):
        _file(db, app, competition, now=clock.now,
              attachments=[service.Attachment(f"{i}.png", PNG) for i in range(6)])
    with pytest.raises(InvalidInput, match="Describe"):
        _file(db, app, competition, now=clock.now, body="ngắn")
    assert db.query(IrregularityReport).count() == 0
    assert db.query(ReportAttachment).count() == 0
    after = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    assert after == before


def test_only_staff_of_the_competition_can_be_chosen_from_the_list(app, db, clock):
    competition = make_competition(db)
    with pytest.raises(InvalidInput, match="board or staff"):
        _file(db, app, competition, now=clock.now, named_user_ids=[make_user(db).id])


def test_a_signed_in_reporter_stays_unlinked_unless_they_ask(app, db, clock):
    competition = make_competition(db)
    person = make_user(db)
    quiet, _ = _file(db, app, competition, person, now=clock.now)
    linked, _ = _file(db, app, competition, person, now=clock.now, attach_identity=True)
    assert quiet.reporter_id is None
    assert linked.reporter_id == person.id
    assert not db.query(AuditEntry).filter(AuditEntry.actor_id == person.id).count()


def test_a_resolved_report_takes_no_more_information(app, db, clock):
    competition = make_competition(db)
    report, code = make_report(db, competition, status="resolved")
    with pytest.raises(Conflict, match="resolved"):
        service.add_information(db, code, body="Thêm thông tin mới về vụ việc.",
                                upload_folder=app.config["UPLOAD_FOLDER"], max_bytes=10**6,
                                now=clock.now)


def _substantiate(db, competition, clock):
    inspector = make_inspector(db)
    report, _code = make_report(db, competition)
    service.start_review(db, inspector, report, now=clock.now)
    service.resolve_report(db, inspector, report, substantiated=True, suspend=True,
                           finding="Có căn cứ: một giám khảo đã bị tác động trái quy định.",
                           now=clock.now)
    return inspector, report


@pytest.mark.parametrize("stage", STAGE_ORDER[:-1])
def test_a_substantiated_report_suspends_every_stage_change_until_lifted(db, clock, stage):
    competition = make_competition(db, stage=stage, registration_opens_at=clock.days(-20),
                                   registration_closes_at=clock.days(-1))
    chair = make_board(db, competition)[Role.CHAIR]
    make_application(db, competition, status="accepted")
    make_application(db, competition, user=make_user(db, full_name="Lê Văn Hai"),
                     status="accepted")
    inspector, _report = _substantiate(db, competition, clock)
    assert competition.is_suspended
    target = competitions.next_stage(competition)
    for via_domain_action in (False, True):
        with pytest.raises(Conflict, match="suspended"):
            competitions.enter_stage(db, chair, competition, target, now=clock.now,
                                     via_domain_action=via_domain_action)
    assert competition.stage == stage

    with pytest.raises(PermissionDenied):
        service.lift_suspension(db, chair, competition, reason="Hội đồng muốn tiếp tục.",
                                now=clock.now)
    with pytest.raises(InvalidInput):
        service.lift_suspension(db, inspector, competition, reason="", now=clock.now)
    service.lift_suspension(db, inspector, competition, now=clock.hours(5),
                            reason="Giám khảo vi phạm đã được thay; bài thi được chấm lại.")
    competitions.enter_stage(db, chair, competition, target, now=clock.hours(6),
                             via_domain_action=True)
    assert competition.stage == target
    actions = [e.action for e in db.query(AuditEntry).order_by(AuditEntry.seq)]
    assert actions[-3:] == ["competition.suspended", "competition.suspension_lifted",
                            "competition.stage_changed"]


def test_suspension_also_stops_applications_and_reviews(app, db, clock):
    from exam.registration import service as registration

    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    application = make_application(db, competition)
    _substantiate(db, competition, clock)
    with pytest.raises(Conflict):
        registration.accept_application(db, chair, application, now=clock.now)


def test_only_a_substantiated_report_can_suspend(db, clock):
    competition = make_competition(db)
    inspector = make_inspector(db)
    report, _code = make_report(db, competition)
    service.start_review(db, inspector, report, now=clock.now)
    with pytest.raises(InvalidInput, match="substantiated"):
        service.resolve_report(db, inspector, report, substantiated=False, suspend=True,
                               finding="Không có căn cứ sau khi xác minh các bên.", now=clock.now)
    assert report.status == ReportStatus.UNDER_REVIEW
    assert not competition.is_suspended


def test_the_administrator_appoints_inspectors(db, clock):
    admin, person = make_admin(db), make_user(db)
    with pytest.raises(PermissionDenied):
        service.appoint_inspector(db, make_user(db), person, now=clock.now)
    with pytest.raises(Conflict):
        service.appoint_inspector(db, admin, make_admin(db), now=clock.now)
    service.appoint_inspector(db, admin, person, now=clock.now)
    assert person.is_inspector
    assert person in service.inspectors(db)
    service.dismiss_inspector(db, admin, person, now=clock.now)
    assert not person.is_inspector
    assert [e.action for e in db.query(AuditEntry).order_by(AuditEntry.seq)][-2:] == [
        "oversight.inspector_appointed", "oversight.inspector_dismissed"]


def test_the_public_learns_only_how_many_reports(db):
    competition = make_competition(db)
    make_report(db, competition)
    make_report(db, competition, status="resolved")
    assert service.report_counts(db, competition) == {"received": 2, "resolved": 1}
    assert service.report_counts(db, make_competition(db)) == {"received": 0, "resolved": 0}


def test_drafts_take_no_reports(app, db, clock):
    with pytest.raises(NotFound):
        _file(db, app, make_competition(db, stage=Stage.DRAFT), now=clock.now)


def test_attachments_are_stored_without_anything_that_identifies_their_author(app, db, clock):
    from PIL import Image
    from pypdf import PdfReader

    competition = make_competition(db)
    report, code = _file(db, app, competition, now=clock.now, attachments=[
        service.Attachment("IMG_Nguyen_Van_To_Giac.jpg", jpeg_with_exif()),
        service.Attachment("anh.png", png_with_text())])
    service.add_information(db, code, body="", now=clock.hours(1),
                            attachments=[service.Attachment("bien-ban.pdf", pdf_with_author())],
                            upload_folder=app.config["UPLOAD_FOLDER"], max_bytes=10**6)
    folder = service.report_folder(app.config["UPLOAD_FOLDER"])
    stored = {a.original_name: Path(folder, a.stored_name).read_bytes()
              for a in report.attachments}
    assert set(stored) == {"evidence-1.jpg", "evidence-2.png", "evidence-3.pdf"}
    for attachment in report.attachments:
        data = stored[attachment.original_name]
        assert attachment.size == len(data)
        assert attachment.sha256 == hashlib.sha256(data).hexdigest()
        assert_no_trace(data)
    for name in ("evidence-1.jpg", "evidence-2.png"):
        with Image.open(io.BytesIO(stored[name])) as image:
            assert dict(image.getexif()) == {}
            assert "icc_profile" not in image.info
    pdf = PdfReader(io.BytesIO(stored["evidence-3.pdf"]))
    assert not (pdf.metadata or {}).get("/Author")
    assert "/Metadata" not in pdf.trailer["/Root"]


def test_evidence_with_javascript_is_refused_and_nothing_is_kept(app, db, clock):
    competition = make_competition(db)
    folder = service.report_folder(app.config["UPLOAD_FOLDER"])
    before = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    with pytest.raises(InvalidInput, match="JavaScript"):
        _file(db, app, competition, now=clock.now, attachments=[
            service.Attachment("ok.png", PNG),
            service.Attachment("bang-chung.pdf", crafted_pdf("open_action_js"))])
    assert db.query(IrregularityReport).count() == 0
    after = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    assert after == before


def test_evidence_stored_before_cleaning_is_scrubbed_by_the_operator_command(app, db, clock,
                                                                             runner):
    """Installs upgraded from a version that kept metadata: the command rewrites old files."""
    competition = make_competition(db)
    report, _code = _file(db, app, competition, now=clock.now,
                          attachments=[service.Attachment("a.jpg", jpeg_with_exif()),
                                       service.Attachment("b.pdf", pdf_with_author())])
    folder = Path(service.report_folder(app.config["UPLOAD_FOLDER"]))
    old = {}
    for attachment, dirty in zip(report.attachments, (jpeg_with_exif(), pdf_with_author()),
                                 strict=True):
        (folder / attachment.stored_name).write_bytes(dirty)  # as an older version stored it
        old[attachment.id] = attachment.stored_name
    db.flush()
    result = runner.invoke(args=["oversight", "scrub-attachments"])
    assert result.exit_code == 0, result.output
    assert "2 attachment(s) rewritten" in result.output
    db.expire_all()
    for attachment in db.query(ReportAttachment).all():
        data = (folder / attachment.stored_name).read_bytes()
        assert attachment.sha256 == hashlib.sha256(data).hexdigest()
        assert_no_trace(data)
        assert not (folder / old[attachment.id]).exists()
