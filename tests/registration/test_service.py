import os
from datetime import date

import pytest

from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.registration import service
from exam.registration.models import Application, ApplicationStatus, Document
from tests.factories import (
    appoint,
    make_application,
    make_board,
    make_competition,
    make_user,
    pdf_bytes,
)

PROFILE = {
    "date_of_birth": date(1984, 3, 9), "id_number": "001084009876",
    "current_post": "Phó Trưởng phòng", "current_unit": "Sở Nội vụ", "degree": "master",
    "field_of_study": "Luật", "management_years": 6, "statement": "",
}


def submit(db, competition, user, *, uploads=None, now, folder, max_bytes=1_000_000, **profile):
    return service.submit_application(
        db, user, competition, profile=PROFILE | profile,
        uploads=uploads if uploads is not None else [service.Upload("cv", "cv.pdf", pdf_bytes())],
        upload_folder=str(folder), max_bytes=max_bytes, now=now)


def test_a_candidate_applies_with_a_pdf_and_it_is_stored(db, clock, tmp_path):
    competition = make_competition(db)
    application = submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)
    assert application.status == ApplicationStatus.SUBMITTED
    (document,) = application.documents
    assert (tmp_path / document.stored_name).read_bytes() == pdf_bytes()
    assert document.stored_name != "cv.pdf"
    assert len(document.stored_name) >= 32


def test_an_application_after_the_deadline_is_refused(db, clock, tmp_path):
    competition = make_competition(db, registration_closes_at=clock.hours(-1))
    with pytest.raises(Conflict, match="deadline has passed"):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)
    assert db.query(Application).count() == 0
    assert os.listdir(tmp_path) == []


def test_an_application_before_registration_opens_is_refused(db, clock, tmp_path):
    competition = make_competition(db, registration_opens_at=clock.days(1),
                                   registration_closes_at=clock.days(5))
    with pytest.raises(Conflict, match="not opened"):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)


@pytest.mark.parametrize("stage", [Stage.DRAFT, Stage.REGISTRATION_CLOSED, Stage.SITTING])
def test_applications_only_while_registration_is_open(db, clock, tmp_path, stage):
    competition = make_competition(db, stage=stage)
    with pytest.raises(Conflict, match="not accepting"):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)


@pytest.mark.parametrize(("data", "message"), [
    (b"GIF89a" + b"\0" * 200, "is not a PDF"),
    (b"PK\x03\x04 a zip renamed to pdf", "is not a PDF"),
    (b"%PDF-1.4\n garbage that is not a pdf at all\n%%EOF", "damaged"),
    (b"", "empty"),
])
def test_a_wrong_type_upload_is_refused_and_nothing_is_stored(db, clock, tmp_path, data, message):
    competition = make_competition(db)
    with pytest.raises(InvalidInput, match=message):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path,
               uploads=[service.Upload("cv", "cv.pdf", data)])
    assert db.query(Application).count() == 0
    assert db.query(Document).count() == 0
    assert not tmp_path.exists() or os.listdir(tmp_path) == []


def test_an_oversized_upload_is_refused_with_the_limit_named(db, clock, tmp_path):
    competition = make_competition(db)
    big = pdf_bytes()
    with pytest.raises(InvalidInput, match=r"the limit is 0\.0 MB|limit is"):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path,
               uploads=[service.Upload("cv", "cv.pdf", big)], max_bytes=len(big) - 1)
    assert db.query(Application).count() == 0
    assert not tmp_path.exists() or os.listdir(tmp_path) == []


def test_a_missing_required_document_is_named(db, clock, tmp_path):
    competition = make_competition(db, required_documents=["cv", "degree"])
    with pytest.raises(InvalidInput, match="Degree certificate"):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)


def test_a_rolled_back_application_leaves_no_file(db, clock, tmp_path):
    competition = make_competition(db)
    nested = db.begin_nested()
    submit(db, competition, make_user(db), now=clock.now, folder=tmp_path)
    assert len(os.listdir(tmp_path)) == 1
    nested.rollback()
    db.rollback()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("role", list(Role))
def test_staff_cannot_apply_to_their_own_competition(db, clock, tmp_path, role):
    competition = make_competition(db)
    staff = appoint(db, competition, role)
    with pytest.raises(PermissionDenied, match="staff"):
        submit(db, competition, staff, now=clock.now, folder=tmp_path)
    # other competitions: tests/competitions/test_role_separation.py


def test_one_application_per_candidate(db, clock, tmp_path):
    competition = make_competition(db)
    user = make_user(db)
    submit(db, competition, user, now=clock.now, folder=tmp_path)
    with pytest.raises(Conflict, match="already applied"):
        submit(db, competition, user, now=clock.now, folder=tmp_path)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id_number", "12345", "9 or 12 digits"),
    ("degree", "phd", "degree"),
    ("management_years", -1, "0 to 60"),
    ("date_of_birth", date(2020, 1, 1), "not plausible"),
    ("current_post", "  ", "current post"),
])
def test_a_bad_profile_is_refused_with_a_clear_message(db, clock, tmp_path, field, value, message):
    competition = make_competition(db)
    with pytest.raises(InvalidInput, match=message):
        submit(db, competition, make_user(db), now=clock.now, folder=tmp_path, **{field: value})


def test_the_board_accepts_and_the_candidate_gets_a_number(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    board = make_board(db, competition)
    first = make_application(db, competition)
    second = make_application(db, competition, user=make_user(db))
    reason = "Bản sơ yếu lý lịch đã nộp bản giấy tại bộ phận một cửa."
    service.accept_application(db, board[Role.BOARD_MEMBER], first, now=clock.now, reason=reason)
    service.accept_application(db, board[Role.CHAIR], second, now=clock.now, reason=reason)
    assert (first.candidate_number, second.candidate_number) == ("0001", "0002")
    with pytest.raises(Conflict, match="already been decided"):
        service.reject_application(db, board[Role.CHAIR], first, reason="Không đủ điều kiện",
                                   now=clock.now)


def test_rejection_needs_a_reason_the_candidate_sees(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    chair = make_board(db, competition)[Role.CHAIR]
    application = make_application(db, competition)
    with pytest.raises(InvalidInput):
        service.reject_application(db, chair, application, reason="no", now=clock.now)
    service.reject_application(db, chair, application,
                               reason="Chưa đủ 3 năm giữ chức vụ quản lý.", now=clock.now)
    assert application.status == ApplicationStatus.REJECTED
    assert "3 năm" in application.rejection_reason


@pytest.mark.parametrize("role", [Role.EXAMINER, Role.PROCTOR, Role.QUESTION_AUTHOR])
def test_only_the_board_decides(db, clock, role):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    application = make_application(db, competition)
    with pytest.raises(PermissionDenied):
        service.accept_application(db, appoint(db, competition, role), application, now=clock.now)
    with pytest.raises(PermissionDenied):
        service.accept_application(db, make_user(db), application, now=clock.now)


def test_eligibility_findings_show_what_is_unmet(db, clock):
    competition = make_competition(db, min_management_years=5, max_age=40,
                                   required_degree="master", required_documents=["cv"])
    application = make_application(db, competition, degree="bachelor", management_years=3,
                                   date_of_birth=date(1970, 1, 1))
    findings = service.eligibility_findings(competition, application)
    assert [f.is_met for f in findings] == [False, False, False, False]


def test_documents_are_served_to_the_owner_and_the_board_only(db, clock, tmp_path):
    competition = make_competition(db)
    board = make_board(db, competition)
    owner = make_user(db)
    application = submit(db, competition, owner, now=clock.now, folder=tmp_path)
    document = application.documents[0]
    assert service.document_for(db, owner, document.id) is document
    assert service.document_for(db, board[Role.SECRETARY], document.id) is document
    other_candidate = make_application(db, competition, user=make_user(db)).user
    for outsider in (other_candidate, appoint(db, competition, Role.EXAMINER)):
        with pytest.raises(PermissionDenied):
            service.document_for(db, outsider, document.id)


def test_administrators_and_inspectors_cannot_apply(db, clock, tmp_path):
    competition = make_competition(db)
    for overseer in (make_user(db, is_admin=True), make_user(db, is_inspector=True)):
        with pytest.raises(PermissionDenied, match="oversee every competition"):
            submit(db, competition, overseer, now=clock.now, folder=tmp_path)


def test_folders_in_an_uploaded_file_name_are_dropped(db, clock, tmp_path):
    competition = make_competition(db)
    application = submit(db, competition, make_user(db), now=clock.now, folder=tmp_path,
                         uploads=[service.Upload("cv", "..\\..\\etc/sơ yếu lý lịch.pdf", pdf_bytes())])
    assert application.documents[0].original_name == "sơ yếu lý lịch.pdf"
