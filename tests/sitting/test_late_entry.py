"""Staggered starts must not leak the paper: a late-entry limit, the proctor's admissions, and
one end for everyone (extra time granted by the proctor is the one exception)."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.sitting import attempts
from exam.sitting import views as sitting_views
from exam.sitting.models import Attempt
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition

TEST_MINUTES = 90  # the demo test: 30 + 60 minutes


@pytest.fixture
def world(db, clock):
    """A sitting that opened 5 minutes ago and closes 100 minutes after it opened."""
    opens = clock.now - timedelta(minutes=5)
    return open_sitting(db, sitting_competition(db, now=clock.now, candidates=4,
                                                sitting_opens=opens,
                                                sitting_closes=opens + timedelta(minutes=100)),
                        now=clock.now)


def user(world, n):
    return world["applications"][n].user


def test_nobody_starts_after_the_late_entry_limit(db, world):
    competition = world["competition"]
    opens = competition.sitting_opens_at
    on_time = attempts.start_attempt(db, user(world, 0), competition,
                                     now=opens + timedelta(minutes=15))
    assert on_time.started_at == opens + timedelta(minutes=15)
    with pytest.raises(Conflict, match="Late entry closed at"):
        attempts.start_attempt(db, user(world, 1), competition,
                               now=opens + timedelta(minutes=15, seconds=1))
    assert db.scalar(select(Attempt).where(
        Attempt.application_id == world["applications"][1].id)) is None


def test_the_proctor_admits_a_late_candidate_with_the_reason_in_the_audit_log(db, world):
    competition, proctor = world["competition"], world["proctor"]
    opens = competition.sitting_opens_at
    late = opens + timedelta(minutes=40)
    application = world["applications"][1]
    with pytest.raises(PermissionDenied):
        attempts.admit_late(db, world["member"], competition, application.id,
                            reason="Xe buýt đến muộn", now=late)
    with pytest.raises(PermissionDenied):
        attempts.admit_late(db, user(world, 2), competition, application.id,
                            reason="Tự cho mình vào", now=late)
    with pytest.raises(InvalidInput):
        attempts.admit_late(db, proctor, competition, application.id, reason="  ", now=late)
    attempts.admit_late(db, proctor, competition, application.id,
                        reason="Xe buýt đến muộn, có xác nhận của trưởng phòng thi", now=late)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.late_entry_admitted"))
    payload = json.loads(entry.payload)
    assert payload == {"candidate_number": application.candidate_number,
                       "reason": "Xe buýt đến muộn, có xác nhận của trưởng phòng thi"}
    with pytest.raises(Conflict):
        attempts.admit_late(db, proctor, competition, application.id, reason="Lần thứ hai",
                            now=late)
    attempt = attempts.start_attempt(db, application.user, competition,
                                     now=late + timedelta(minutes=1))
    started = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.attempt_started"))
    assert json.loads(started.payload)["admitted_late"] is True
    assert attempt.started_at == late + timedelta(minutes=1)
    # one admission is one candidate: the others still may not start
    with pytest.raises(Conflict, match="Late entry closed"):
        attempts.start_attempt(db, user(world, 2), competition, now=late)
    attempts.start_attempt(db, user(world, 0), competition, now=opens)
    with pytest.raises(Conflict, match="already started"):
        attempts.admit_late(db, proctor, competition, world["applications"][0].id,
                            reason="Đã bắt đầu rồi", now=late)


def test_a_late_starter_gets_less_time_and_nobody_ends_after_the_sitting(db, world):
    competition = world["competition"]
    opens, closes = competition.sitting_opens_at, competition.sitting_closes_at
    early = attempts.start_attempt(db, user(world, 0), competition, now=opens)
    assert attempts.deadline(early) == opens + timedelta(minutes=TEST_MINUTES)
    within = attempts.start_attempt(db, user(world, 1), competition,
                                    now=opens + timedelta(minutes=14))
    assert attempts.deadline(within) == closes
    assert within.duration_seconds == 86 * 60
    admitted = world["applications"][2]
    attempts.admit_late(db, world["proctor"], competition, admitted.id,
                        reason="Nhầm phòng thi, giám thị đưa sang", now=opens + timedelta(minutes=60))
    late = attempts.start_attempt(db, admitted.user, competition, now=opens + timedelta(minutes=60))
    assert attempts.deadline(late) == closes
    assert attempts.remaining_seconds(late, opens + timedelta(minutes=60)) == 40 * 60
    line = late.paper.items[-1]
    with pytest.raises(Conflict, match="after the deadline"):
        attempts.save_answer(db, admitted.user, late, line.id, response="Muộn", is_flagged=False,
                             client_seq=1, now=closes + timedelta(minutes=1))


def test_extra_time_from_the_proctor_is_the_one_way_past_the_sittings_end(db, world):
    competition = world["competition"]
    opens, closes = competition.sitting_opens_at, competition.sitting_closes_at
    attempt = attempts.start_attempt(db, user(world, 0), competition,
                                     now=opens + timedelta(minutes=14))
    attempts.grant_extra_time(db, world["proctor"], attempt, minutes=10,
                              reason="Máy treo 10 phút, đã đổi máy", now=opens + timedelta(minutes=30))
    assert attempts.deadline(attempt) == closes + timedelta(minutes=10)
    line = attempt.paper.items[-1]
    assert attempts.save_answer(db, user(world, 0), attempt, line.id, response="Bù giờ",
                                is_flagged=False, client_seq=1,
                                now=closes + timedelta(minutes=5)).is_saved


def test_the_late_entry_limit_is_set_before_the_sitting_opens_and_fixed_after(db, world):
    competition, proctor = world["competition"], world["proctor"]
    opens = competition.sitting_opens_at
    attempts.set_room_rules(db, proctor, competition, access_code="", allowed_networks="",
                            late_entry_minutes=30, now=opens - timedelta(minutes=10))
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.room_rules_set"))
    assert json.loads(entry.payload)["late_entry_minutes"] == 30
    with pytest.raises(InvalidInput):
        attempts.set_room_rules(db, proctor, competition, access_code="", allowed_networks="",
                                late_entry_minutes=241, now=opens - timedelta(minutes=10))
    with pytest.raises(Conflict, match="can no longer change"):
        attempts.set_room_rules(db, proctor, competition, access_code="", allowed_networks="",
                                late_entry_minutes=120, now=opens + timedelta(minutes=20))
    # the code and the networks may still change; the limit stays
    attempts.set_room_rules(db, proctor, competition, access_code="HOASEN", allowed_networks="",
                            late_entry_minutes=30, now=opens + timedelta(minutes=20))
    attempts.start_attempt(db, user(world, 0), competition, access_code="HOASEN",
                           now=opens + timedelta(minutes=29))
    with pytest.raises(Conflict, match="Late entry closed"):
        attempts.start_attempt(db, user(world, 1), competition, access_code="HOASEN",
                               now=opens + timedelta(minutes=31))


# ----------------------------------------------------------------------------- the pages


def english(client):
    with client.session_transaction() as session:
        session["lang"] = "en"


def at(monkeypatch, moment):
    monkeypatch.setattr(sitting_views, "utcnow", lambda: moment)


def test_the_candidate_page_says_the_late_entry_rule_and_refuses_a_late_start(
        db, client, world, monkeypatch):
    competition = world["competition"]
    cid, opens = competition.id, competition.sitting_opens_at
    login(client, user(world, 0))
    at(monkeypatch, opens + timedelta(minutes=10))
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert 'data-role="late-entry"' in page
    assert 'data-role="less-time"' not in page  # 90 minutes left before the sitting ends
    english(client)
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert "after that, only if the proctor admits you" in page
    at(monkeypatch, opens + timedelta(minutes=14))
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert "If you start now you have 86 minutes, not 90" in page
    at(monkeypatch, opens + timedelta(minutes=16))
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert "Late entry closed at" in page
    assert "Start the test" not in page
    client.post(f"/sitting/{cid}/start")
    assert db.scalar(select(Attempt)) is None


def test_the_proctor_board_shows_the_rule_and_admits_a_late_candidate(db, client, world,
                                                                      monkeypatch):
    competition = world["competition"]
    cid, opens = competition.id, competition.sitting_opens_at
    login(client, world["proctor"])
    at(monkeypatch, opens + timedelta(minutes=20))
    page = client.get(f"/manage/{cid}/sitting").get_data(as_text=True)
    assert 'data-role="late-entry"' in page
    assert page.count('name="application_id"') == 4
    english(client)
    page = client.get(f"/manage/{cid}/sitting").get_data(as_text=True)
    assert "Late entry until" in page
    assert "extra time you grant is the only exception" in page
    application = world["applications"][3]
    client.post(f"/manage/{cid}/sitting/late-admissions",
                data={"application_id": application.id, "reason": "Tắc đường, có giấy xác nhận"})
    page = client.get(f"/manage/{cid}/sitting").get_data(as_text=True)
    assert "admitted late: Tắc đường, có giấy xác nhận" in page
    assert page.count('name="application_id"') == 3

    login(client, application.user)
    english(client)
    at(monkeypatch, opens + timedelta(minutes=40))
    assert "The proctor has admitted you" in client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert client.post(f"/sitting/{cid}/start").status_code == 302
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    assert "You started late: your time ends at" in page
    assert "(60 minutes instead of 90)" in page
