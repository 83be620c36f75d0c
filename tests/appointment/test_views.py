"""The authority's page records a decision (with its PDF); the public page and record.json show
it with the reasons of a departure; the candidate answers on their own page."""

from __future__ import annotations

import io

from exam.appointment import service as appointment
from tests.appointment.helpers import ANH, HUONG, REASONS, final_scene
from tests.conftest import login
from tests.factories import pdf_bytes


def post_decision(client, a, name, clock, reasons=""):
    return client.post(f"/manage/{a.competition.id}/appointment/decisions", data={
        "application_id": str(a.app(name).id), "number": "45/QĐ-UBND",
        "decided_on": clock.now.date().isoformat(), "term_months": "60", "reasons": reasons,
        "document": (io.BytesIO(pdf_bytes("Quyết định")), "quyet-dinh.pdf", "application/pdf"),
    }, content_type="multipart/form-data", headers={"Referer": "/"})


def test_the_authority_departs_from_the_ranking_only_with_reasons_shown_publicly(
        client, db, clock):
    a = final_scene(db, clock)
    login(client, a.signer)
    page = client.get(f"/manage/{a.competition.id}/appointment")
    assert page.status_code == 200
    assert "decision-form" in page.text
    refused = post_decision(client, a, ANH, clock)
    assert refused.status_code == 303
    assert appointment.decisions_of(db, a.competition) == []
    done = post_decision(client, a, ANH, clock, reasons=REASONS)
    assert done.status_code == 302
    (decision,) = appointment.decisions_of(db, a.competition)
    assert decision.departs_from_ranking
    public = client.get(f"/competitions/{a.competition.id}")
    assert REASONS in public.text
    assert "Ủy ban nhân dân tỉnh" in public.text
    record = client.get(f"/competitions/{a.competition.id}/record.json").get_json()
    row = record["appointment"]["decisions"][0]
    assert row["reasons"] == REASONS
    assert row["departs_from_ranking"] is True
    assert row["ranking_position"] == 2
    assert row["data_sha256"] == decision.data_sha256


def test_the_candidate_accepts_on_their_page_and_the_record_says_filled(client, db, clock):
    a = final_scene(db, clock)
    login(client, a.signer)
    post_decision(client, a, HUONG, clock)
    login(client, a.app(HUONG).user)
    mine = client.get("/my/appointments")
    assert "Ủy ban nhân dân tỉnh" in mine.text
    (decision,) = appointment.decisions_of(db, a.competition)
    assert client.post(f"/my/appointments/{decision.id}/answer",
                       data={"answer": "accept"}).status_code == 302
    record = client.get(f"/competitions/{a.competition.id}/record.json").get_json()
    assert record["appointment"]["outcome"] == "filled"
    assert record["appointment"]["closed_at"]


def test_another_candidate_cannot_answer_for_the_one_appointed(client, db, clock):
    a = final_scene(db, clock)
    login(client, a.signer)
    post_decision(client, a, HUONG, clock)
    (decision,) = appointment.decisions_of(db, a.competition)
    login(client, a.app(ANH).user)
    response = client.post(f"/my/appointments/{decision.id}/answer", data={"answer": "accept"})
    assert response.status_code == 403
    db.refresh(decision)
    assert decision.status == "offered"


def test_the_public_page_shows_nothing_of_the_appointment_before_it(client, db, clock):
    a = final_scene(db, clock, transmit=False)
    record = client.get(f"/competitions/{a.competition.id}/record.json").get_json()
    assert record["appointment"] == {"status": "not_yet_published"}


def test_a_candidate_withdraws_from_their_page(client, db, clock):
    from exam.registration.models import ApplicationStatus
    from tests.factories import make_application, make_competition, make_user

    competition = make_competition(db)
    application = make_application(db, competition, user=make_user(db, full_name="Hà Văn Rút"))
    login(client, application.user)
    page = client.get("/my/appointments")
    assert f"/applications/{application.id}/withdraw" in page.text
    response = client.post(f"/applications/{application.id}/withdraw")
    assert response.status_code == 302
    db.refresh(application)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "status-withdrawn" in client.get(f"/applications/{application.id}").text
    login(client, make_user(db, full_name="Người khác"))
    other = make_application(db, competition, user=make_user(db, full_name="Lê Văn Ở"))
    assert client.post(f"/applications/{other.id}/withdraw").status_code == 403
    db.refresh(other)
    assert other.status == ApplicationStatus.SUBMITTED


def test_the_chair_disqualifies_on_the_page_and_the_new_ranking_is_signed(
        client, db, clock, sheet_folder):
    from exam.appointment import remedies
    from exam.competitions.models import Role, Stage
    from exam.results import service as results
    from exam.results import sheets
    from tests.factories import appoint
    from tests.results.helpers import make_scene

    scene = make_scene(db, clock, stage=Stage.SITTING)
    cheat = scene.app(HUONG)
    record = remedies.record_room_incident(
        db, appoint(db, scene.competition, Role.PROCTOR), cheat, now=clock.days(-30),
        body="Biên bản phòng thi số 2: thí sinh dùng điện thoại lúc 9 giờ 40.")
    scene.competition.stage = Stage.IDENTITIES_REVEALED
    db.flush()
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.days(-1),
                                        part_scores=scene.scores)
    login(client, scene.chair)
    response = client.post(f"/manage/{scene.competition.id}/remedies/disqualify", data={
        "candidate_number": cheat.candidate_number, "room_record_id": str(record.id),
        "reasons": "Thí sinh sử dụng điện thoại trong phòng thi, vi phạm nội quy."})
    assert response.status_code == 302
    latest = results.latest_version(db, scene.competition)
    assert latest.number == 2
    assert sheets.result_sheet_of(db, latest) is not None
    assert cheat.id not in {r["application_id"] for r in latest.data["rows"]}
