"""Uploaded documents: judged by content, size-limited, kept outside static, served only to
their owner and the board, with a download name that cannot smuggle a header."""

from __future__ import annotations

import io
import os
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from exam.competitions.models import Role
from exam.registration.models import Application, Document
from tests.conftest import login
from tests.factories import appoint, make_competition, make_user, pdf_bytes

PROFILE = {"date_of_birth": "1984-03-09", "id_number": "001084009876",
           "current_post": "Phó Trưởng phòng", "current_unit": "Sở Nội vụ", "degree": "master",
           "field_of_study": "Luật", "management_years": "6", "statement": ""}


def apply(client, competition, data: bytes, filename: str):
    """Encoded in memory: the test client would spool a large body to a file it never closes."""
    fields = PROFILE | {"cv": FileStorage(io.BytesIO(data), filename, "cv", "application/pdf")}
    boundary, body = encode_multipart(fields)
    return client.post(f"/competitions/{competition.id}/apply", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}",
                       headers={"Referer": f"/competitions/{competition.id}/apply"})


def test_a_file_that_only_claims_to_be_a_pdf_is_refused(client, db, app):
    competition = make_competition(db)
    login(client, make_user(db))
    response = apply(client, competition, b"MZ\x90\x00 not a pdf at all", "cv.pdf")
    assert response.status_code == 400
    assert "không phải là tệp PDF" in response.text
    assert db.query(Application).count() == 0


def test_a_document_over_the_limit_is_refused_and_nothing_is_kept(client, db, app):
    competition = make_competition(db)
    login(client, make_user(db))
    before = set(os.listdir(app.config["UPLOAD_FOLDER"])) if os.path.isdir(
        app.config["UPLOAD_FOLDER"]) else set()
    big = pdf_bytes()[:-6] + b" " * (app.config["MAX_DOCUMENT_BYTES"] + 1) + b"%%EOF\n"
    response = apply(client, competition, big, "cv.pdf")
    assert response.status_code == 400
    assert db.query(Document).count() == 0
    after = set(os.listdir(app.config["UPLOAD_FOLDER"])) if os.path.isdir(
        app.config["UPLOAD_FOLDER"]) else set()
    assert after == before


def test_a_request_over_the_body_limit_is_cut_off(client, db, app):
    competition = make_competition(db)
    login(client, make_user(db))
    huge = b"%PDF-" + b"0" * app.config["MAX_CONTENT_LENGTH"]
    response = client.post(f"/competitions/{competition.id}/apply", data=huge,
                           content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert db.query(Application).count() == 0


def test_documents_live_outside_static_under_a_random_name(client, db, app):
    competition = make_competition(db)
    login(client, make_user(db))
    apply(client, competition, pdf_bytes(), "Sơ yếu lý lịch.pdf")
    document = db.query(Document).one()
    stored = Path(app.config["UPLOAD_FOLDER"]) / document.stored_name
    assert stored.read_bytes() == pdf_bytes()
    assert not stored.resolve().is_relative_to(Path(app.static_folder).resolve())
    assert "lý lịch" not in document.stored_name
    assert client.get(f"/static/{document.stored_name}").status_code == 404


def test_a_document_reaches_its_owner_and_the_board_only(client, db, app):
    competition = make_competition(db)
    owner, stranger = make_user(db), make_user(db)
    chair = appoint(db, competition, Role.CHAIR)
    examiner = appoint(db, competition, Role.EXAMINER)
    login(client, owner)
    apply(client, competition, pdf_bytes(), "cv.pdf")
    document = db.query(Document).one()
    for user, status in ((owner, 200), (chair, 200), (examiner, 403), (stranger, 403)):
        login(client, user)
        response = client.get(f"/documents/{document.id}")
        assert response.status_code == status, user
        response.close()


def test_the_download_name_is_quoted_and_cannot_inject_headers(client, db, app):
    competition = make_competition(db)
    login(client, make_user(db))
    apply(client, competition, pdf_bytes(), 'Hồ sơ "mới"; x=1\r\nX-Evil: 1.pdf')
    document = db.query(Document).one()
    response = client.get(f"/documents/{document.id}")
    disposition = response.headers["Content-Disposition"]
    response.close()
    assert disposition.startswith("attachment;")
    assert "X-Evil" not in response.headers
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert "filename*=UTF-8''H%E1%BB%93%20s%C6%A1" in disposition
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_with_javascript_is_refused_as_an_application_document(client, db, app):
    from tests.documents.test_uploads import crafted_pdf

    competition = make_competition(db)
    login(client, make_user(db))
    for kind in ("open_action_js", "launch", "embedded_file"):
        response = apply(client, competition, crafted_pdf(kind), "cv.pdf")
        assert response.status_code == 400
        page = response.text
        assert "cv.pdf" in page
        assert db.query(Application).count() == 0
    assert "JavaScript" in page or kind != "open_action_js"


def test_a_document_stored_with_javascript_before_the_check_is_not_handed_out(client, db, app):
    """Files uploaded before active content was refused: the board's download refuses them."""
    from tests.documents.test_uploads import crafted_pdf

    competition = make_competition(db)
    owner, chair = make_user(db), appoint(db, competition, Role.CHAIR)
    login(client, owner)
    apply(client, competition, pdf_bytes(), "cv.pdf")
    document = db.query(Document).one()
    (Path(app.config["UPLOAD_FOLDER"]) / document.stored_name).write_bytes(
        crafted_pdf("open_action_js"))
    login(client, chair)
    response = client.get(f"/documents/{document.id}")
    assert response.status_code == 409
    assert response.mimetype == "text/html"
    assert "JavaScript" in response.text
