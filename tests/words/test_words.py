"""Words, numbers and dates as a reader of each language expects them: no English on a
Vietnamese page, no stored codes, one date format per language."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from exam.competitions.models import Role
from tests.conftest import login
from tests.factories import make_application, make_board, make_competition, make_user


def english(client):
    client.post("/lang/en", data={"next": "/"})


def test_a_refused_form_speaks_vietnamese_not_wtforms_english(client, db):
    competition = make_competition(db)
    login(client, make_user(db))
    page = client.post(f"/competitions/{competition.id}/apply",
                       data={"management_years": "năm", "current_post": ""}).get_data(as_text=True)
    assert "This field is required." not in page
    assert "Not a valid integer value." not in page
    assert "Trường này là bắt buộc." in page
    assert "Giá trị không phải là số nguyên." in page


def test_dates_have_one_format_per_language(client, db):
    closes = datetime(2026, 3, 5, 7, 7, tzinfo=UTC)  # 14:07 in Vietnam
    competition = make_competition(db, registration_closes_at=closes)
    page = client.get(f"/competitions/{competition.id}").get_data(as_text=True)
    assert "05/03/2026 14:07" in page
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b(?!\d)", page), "two-digit years"
    english(client)
    page = client.get(f"/competitions/{competition.id}").get_data(as_text=True)
    assert "5 March 2026, 14:07" in page
    assert "3/5/26" not in page


def test_an_application_names_the_degree_in_words_not_its_code(client, db):
    competition = make_competition(db)
    user = make_user(db)
    application = make_application(db, competition, user=user, degree="bachelor")
    login(client, user)
    page = client.get(f"/applications/{application.id}").get_data(as_text=True)
    assert "Đại học" in page
    assert ">bachelor" not in page
    chair = make_board(db, competition)[Role.CHAIR]
    login(client, chair)
    page = client.get(f"/applications/{application.id}").get_data(as_text=True)
    assert "khai Đại học" in page
    assert "bachelor" not in page
