"""The dashboard's staff list: emails for those who run the competition, a role filter, pages."""

from exam.competitions.models import Role
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition


def test_the_administrator_sees_each_staff_members_email(client, db):
    competition = make_competition(db)
    examiner = appoint(db, competition, Role.EXAMINER)
    login(client, make_admin(db))
    assert examiner.email in client.get(f"/manage/{competition.id}").text


def test_an_examiner_does_not_see_the_others_emails(client, db):
    competition = make_competition(db)
    first, second = appoint(db, competition, Role.EXAMINER), appoint(db, competition, Role.EXAMINER)
    login(client, first)
    page = client.get(f"/manage/{competition.id}").text
    assert (second.full_name in page, second.email in page) == (True, False)


def test_the_list_filters_by_role(client, db):
    competition = make_competition(db)
    proctor = appoint(db, competition, Role.PROCTOR)
    examiner = appoint(db, competition, Role.EXAMINER)
    login(client, make_admin(db))
    page = client.get(f"/manage/{competition.id}?role=proctor").text
    assert (proctor.email in page, examiner.email in page) == (True, False)


def test_a_long_list_comes_in_pages(client, db):
    competition = make_competition(db)
    examiners = [appoint(db, competition, Role.EXAMINER) for _ in range(30)]
    login(client, make_admin(db))
    first = client.get(f"/manage/{competition.id}?role=examiner").text
    second = client.get(f"/manage/{competition.id}?role=examiner&page=2").text
    assert sum(e.email in first for e in examiners) == 25
    assert sum(e.email in second for e in examiners) == 5
