"""A refused application comes back filled, with the reason next to the field it concerns."""

from __future__ import annotations

import io
import re

from werkzeug.datastructures import FileStorage

from exam.registration.models import Application
from tests.conftest import login
from tests.factories import make_competition, make_user, pdf_bytes

PROFILE = {"date_of_birth": "1984-03-09", "id_number": "001084009876",
           "current_post": "Phó Trưởng phòng", "current_unit": "Sở Nội vụ", "degree": "master",
           "field_of_study": "Luật hành chính", "management_years": "6",
           "statement": "Tôi có sáu năm điều hành phòng."}


def _field_error(page: str, field: str) -> str:
    """The error paragraph the form shows under `field`, or ''."""
    found = re.search(rf'<p class="error" id="{field}-err">([^<]*)</p>', page)
    return found.group(1) if found else ""


def test_an_id_number_the_service_refuses_keeps_everything_typed(client, db):
    competition = make_competition(db)
    login(client, make_user(db))
    response = client.post(f"/competitions/{competition.id}/apply",
                           data=PROFILE | {"id_number": "12345",
                                           "cv": (io.BytesIO(pdf_bytes()), "cv.pdf")},
                           headers={"Referer": f"/competitions/{competition.id}/apply"})
    assert response.status_code == 400
    page = response.text
    assert "9 hoặc 12 chữ số" in _field_error(page, "id_number")
    assert 'value="Phó Trưởng phòng"' in page
    assert 'value="Luật hành chính"' in page
    assert "Tôi có sáu năm điều hành phòng." in page
    assert 'value="12345"' in page
    assert re.search(r'<option selected value="master">|<option value="master" selected',
                     page)
    assert db.query(Application).count() == 0


def test_a_missing_required_document_is_said_by_its_field_and_the_rest_stays(client, db):
    competition = make_competition(db, required_documents=["cv"])
    login(client, make_user(db))
    response = client.post(f"/competitions/{competition.id}/apply", data=PROFILE,
                           headers={"Referer": f"/competitions/{competition.id}/apply"})
    assert response.status_code == 400
    assert _field_error(response.text, "cv")
    assert 'value="001084009876"' in response.text
    assert db.query(Application).count() == 0


def test_an_implausible_birth_date_is_said_by_that_field(client, db):
    competition = make_competition(db)
    login(client, make_user(db))
    response = client.post(f"/competitions/{competition.id}/apply",
                           data=PROFILE | {"date_of_birth": "2020-01-01",
                                           "cv": (FileStorage(io.BytesIO(pdf_bytes()), "cv.pdf"))})
    assert _field_error(response.text, "date_of_birth")
    assert 'value="Sở Nội vụ"' in response.text


def test_declared_data_that_miss_the_criteria_are_warned_about_before_applying(client, db):
    competition = make_competition(db, min_management_years=5, max_age=55)
    login(client, make_user(db))
    data = PROFILE | {"management_years": "2", "cv": (io.BytesIO(pdf_bytes()), "cv.pdf")}
    warned = client.post(f"/competitions/{competition.id}/apply", data=data)
    assert warned.status_code == 200
    assert 'id="shortfalls"' in warned.text
    assert 'name="apply_anyway"' in warned.text
    assert 'value="Phó Trưởng phòng"' in warned.text
    assert db.query(Application).count() == 0
    data = PROFILE | {"management_years": "2", "apply_anyway": "y",
                      "cv": (io.BytesIO(pdf_bytes()), "cv.pdf")}
    applied = client.post(f"/competitions/{competition.id}/apply", data=data)
    assert applied.status_code == 302
    assert db.query(Application).count() == 1


def test_the_competition_page_leads_to_the_application_instead_of_offering_to_apply(client, db):
    from tests.factories import make_application

    competition = make_competition(db)
    application = make_application(db, competition)
    login(client, application.user)
    page = client.get(f"/competitions/{competition.id}").text
    assert f"/applications/{application.id}" in page
    assert f"/competitions/{competition.id}/apply" not in page
    login(client, make_user(db))
    assert f"/competitions/{competition.id}/apply" in client.get(
        f"/competitions/{competition.id}").text
