"""The audit viewer: the board reads its competition's log, the administrator all of it."""

from __future__ import annotations

from exam.audit import service as audit
from exam.competitions.models import Role
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition, make_user


def entries(db, clock, competition, action, n, actor=None):
    for i in range(n):
        audit.record(db, actor, action, at=clock.hours(i), competition=competition,
                     payload={"i": i})


def test_the_board_reads_its_own_competition_only(client, db, clock):
    mine, theirs = make_competition(db), make_competition(db)
    chair = appoint(db, mine, Role.CHAIR)
    entries(db, clock, mine, "test.mine", 2, actor=chair)
    entries(db, clock, theirs, "test.theirs", 2)
    login(client, chair)
    page = client.get("/audit/").text
    assert "<code>test.mine</code>" in page
    assert "<code>test.theirs</code>" not in page
    assert client.get(f"/audit/?competition={theirs.id}").status_code == 403


def test_the_administrator_filters_by_competition_actor_and_action(client, db, clock):
    admin = make_admin(db)
    first, second = make_competition(db), make_competition(db)
    actor = make_user(db, full_name="Đỗ Minh Khoa")
    entries(db, clock, first, "test.alpha", 2, actor=actor)
    entries(db, clock, second, "test.beta", 3)
    login(client, admin)
    assert "<code>test.beta</code>" not in client.get(f"/audit/?competition={first.id}").text
    by_actor = client.get(f"/audit/?actor={actor.id}").text
    assert "Đỗ Minh Khoa" in by_actor
    assert "<code>test.beta</code>" not in by_actor
    by_action = client.get("/audit/?action=test.beta").text
    assert "<code>test.alpha</code>" not in by_action
    assert by_action.count("<code>test.beta</code>") == 3


def test_the_log_is_paginated(client, db, clock):
    admin = make_admin(db)
    competition = make_competition(db)
    entries(db, clock, competition, "test.page", 60)
    login(client, admin)
    first = client.get(f"/audit/?competition={competition.id}").text
    assert first.count("<code>test.page</code>") == 50
    assert "page=2" in first
    second = client.get(f"/audit/?competition={competition.id}&page=2").text
    assert second.count("<code>test.page</code>") == 10


def test_candidates_and_other_staff_cannot_read_the_log(client, db):
    competition = make_competition(db)
    examiner = appoint(db, competition, Role.EXAMINER)
    for user in (make_user(db), examiner):
        login(client, user)
        assert client.get("/audit/").status_code == 403


def test_an_inspector_reads_every_competition(client, db, clock):
    competition = make_competition(db)
    entries(db, clock, competition, "test.inspected", 1)
    login(client, make_user(db, is_inspector=True))
    assert "<code>test.inspected</code>" in client.get("/audit/").text


def test_the_dashboard_links_the_board_to_its_log(client, db):
    competition = make_competition(db)
    login(client, appoint(db, competition, Role.CHAIR))
    page = client.get(f"/manage/{competition.id}").text
    assert f"/audit/?competition={competition.id}" in page
    login(client, appoint(db, competition, Role.EXAMINER))
    assert "/audit/?competition=" not in client.get(f"/manage/{competition.id}").text
