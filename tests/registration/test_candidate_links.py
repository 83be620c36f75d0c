"""After the sitting the candidate's application page leads to what comes next: the receipt,
the answer-key objections while their window is open (before any result), the appeals' status."""

from __future__ import annotations

from datetime import timedelta

from exam.appeals.models import RemarkAppeal
from exam.competitions.models import Stage
from exam.sitting import attempts
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition


def test_after_the_sitting_the_application_links_the_receipt_and_the_objections(
        client, db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    competition = world["competition"]
    application = world["applications"][0]
    attempt = attempts.start_attempt(db, application.user, competition, now=clock.now)
    attempts.submit_attempt(db, application.user, attempt, now=clock.now + timedelta(minutes=30))
    login(client, application.user)
    page = client.get(f"/applications/{application.id}").text
    assert f"/sitting/{competition.id}/receipt" in page
    assert f"/applications/{application.id}/objections" not in page  # the window opens later
    competition.sitting_closes_at = clock.now - timedelta(minutes=1)  # the window opens
    competition.stage = Stage.SCORING
    db.flush()
    page = client.get(f"/applications/{application.id}").text
    assert f"/sitting/{competition.id}/receipt" in page
    assert f"/applications/{application.id}/objections" in page
    assert not competition.has_reached(Stage.PROVISIONAL_RESULTS)


def test_a_filed_re_mark_request_shows_where_it_stands(client, db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    application = world["applications"][0]
    db.add(RemarkAppeal(competition_id=world["competition"].id, application_id=application.id,
                        part_key="B", reason="Đề nghị chấm lại phần tự luận.",
                        filed_at=clock.now))
    db.flush()
    login(client, application.user)
    page = client.get(f"/applications/{application.id}").text
    assert "Filed: waiting for the board" in page or "chờ" in page
