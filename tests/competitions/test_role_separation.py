"""Nobody is candidate and staff at once anywhere in the install: the question bank serves
every competition, so a question author could read the keys of the paper they would sit.

"Live" application: submitted or accepted, in a competition that has not reached its final
results. A rejected application, or one in a finished competition, no longer counts.
"""

import io

import pytest

from exam.bank import service as bank
from exam.competitions import service as competitions
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, PermissionDenied
from exam.registration import service as registration
from exam.registration.models import ApplicationStatus
from tests.conftest import login
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_board,
    make_competition,
    pdf_bytes,
)
from tests.registration.test_service import submit


@pytest.mark.parametrize("role", list(Role))
def test_a_candidate_in_one_competition_gets_no_role_in_another(db, clock, role):
    applied_to = make_competition(db)
    other = make_competition(db, stage=Stage.DRAFT)
    candidate = make_application(db, applied_to).user
    with pytest.raises(Conflict, match="candidate in a competition still under way"):
        competitions.appoint(db, make_admin(db), other, candidate, role, now=clock.now)
    assert not bank.can_use_bank(db, candidate)


def test_the_chair_of_another_competition_cannot_make_a_candidate_question_author(db, clock):
    """The reported attack: a chair appointed a candidate of another competition author."""
    applied_to = make_competition(db)
    other = make_competition(db)
    chair = make_board(db, other)[Role.CHAIR]
    candidate = make_application(db, applied_to, status=ApplicationStatus.ACCEPTED).user
    with pytest.raises(Conflict, match="candidate"):
        competitions.appoint(db, chair, other, candidate, Role.QUESTION_AUTHOR, now=clock.now)


@pytest.mark.parametrize(("status", "stage"), [
    (ApplicationStatus.REJECTED, Stage.REGISTRATION_OPEN),
    (ApplicationStatus.ACCEPTED, Stage.FINAL_RESULTS),
])
def test_a_rejected_or_finished_candidacy_no_longer_bars_a_role(db, clock, status, stage):
    finished = make_competition(db, stage=stage)
    person = make_application(db, finished, status=status).user
    other = make_competition(db)
    competitions.appoint(db, make_admin(db), other, person, Role.QUESTION_AUTHOR, now=clock.now)
    assert bank.can_use_bank(db, person)


def test_a_question_author_cannot_apply_anywhere(db, clock, tmp_path):
    """The bank is shared: an author anywhere, even of a finished competition, holds the keys."""
    authored = make_competition(db, stage=Stage.FINAL_RESULTS)
    author = appoint(db, authored, Role.QUESTION_AUTHOR)
    with pytest.raises(PermissionDenied, match="question bank"):
        submit(db, make_competition(db), author, now=clock.now, folder=tmp_path)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.QUESTION_AUTHOR])
def test_staff_of_a_competition_under_way_cannot_apply_to_another(db, clock, tmp_path, role):
    served = make_competition(db, stage=Stage.SCORING)
    staff = appoint(db, served, role)
    with pytest.raises(PermissionDenied, match="staff of a competition still under way"):
        submit(db, make_competition(db), staff, now=clock.now, folder=tmp_path)
    served.stage = Stage.FINAL_RESULTS
    db.flush()
    other = make_competition(db)
    assert submit(db, other, staff, now=clock.now, folder=tmp_path).competition_id == other.id


def test_an_author_who_is_also_a_candidate_is_kept_out_of_the_bank(db, clock):
    """Rows written before this rule (or by hand) must not open the bank to a candidate."""
    competition = make_competition(db)
    person = appoint(db, make_competition(db), Role.QUESTION_AUTHOR)
    make_application(db, competition, user=person)
    assert not bank.can_use_bank(db, person)
    with pytest.raises(PermissionDenied):
        bank.export_bank(db, person, "gift")


# ------------------------------------------------------------------------------ the pages

def test_the_appointment_page_says_why_a_candidate_cannot_be_appointed(client, db):
    applied_to = make_competition(db)
    other = make_competition(db, stage=Stage.DRAFT)
    candidate = make_application(db, applied_to).user
    chair = make_board(db, other)[Role.CHAIR]
    login(client, chair)
    client.post("/lang/en", data={"next": "/"})
    dashboard = f"/manage/{other.id}"
    page = client.post(f"{dashboard}/appoint", data={"email": candidate.email,
                                                     "role": "question_author"},
                       headers={"Referer": dashboard}, follow_redirects=True)
    assert "candidate in a competition still under way" in page.text
    assert not competitions.staff_of(db, other)[3:]  # the board only, no author


def test_the_application_page_says_why_an_author_cannot_apply(client, db):
    author = appoint(db, make_competition(db), Role.QUESTION_AUTHOR)
    competition = make_competition(db)
    login(client, author)
    client.post("/lang/en", data={"next": "/"})
    form = f"/competitions/{competition.id}/apply"
    page = client.post(form, data={
        "date_of_birth": "1984-03-09", "id_number": "001084009876",
        "current_post": "Phó Trưởng phòng", "current_unit": "Sở Nội vụ", "degree": "master",
        "field_of_study": "Luật", "management_years": "6", "statement": "",
        "cv": (io.BytesIO(pdf_bytes()), "cv.pdf")},
        headers={"Referer": form}, follow_redirects=True)
    assert "question bank" in page.text
    assert registration.applications_of(db, author) == []




def test_a_candidate_cannot_be_made_an_inspector(db, clock):
    """Inspectors oversee every competition, their rivals' applications included."""
    from exam.oversight import service as oversight

    candidate = make_application(db, make_competition(db)).user
    with pytest.raises(Conflict, match="cannot be an inspector"):
        oversight.appoint_inspector(db, make_admin(db), candidate, now=clock.now)
    assert not candidate.is_inspector
