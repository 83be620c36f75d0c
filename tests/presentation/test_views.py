"""The pages of the presentation round, the candidate's own page and the public record."""

from __future__ import annotations

import hashlib
import io
import json

from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.competitions.models import Role, Stage
from exam.presentation import service as presentation
from exam.registration.models import ApplicationStatus
from exam.timefmt import to_local
from tests.conftest import login
from tests.factories import make_application, make_board, make_competition, make_user, pdf_bytes
from tests.presentation.helpers import presentation_round, score


def _local(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_secretary_records_a_presentation_on_the_page(client, db, clock):
    r = presentation_round(db, clock)
    presentation.freeze_programmes(db, r.secretary, r.competition, now=clock.now)
    sitting = presentation.draw_presentation_order(db, r.chair, r.competition,
                                                   now=clock.hours(-3))
    first = next(a for a in r.applications if a.id == sitting.order[0])
    login(client, r.secretary)
    url = f"/manage/{r.competition.id}/presentation"
    page = client.get(url).text
    assert f"/presentation/record/{first.id}" in page
    response = client.post(f"{url}/record/{first.id}", data={
        "started_at": _local(clock.hours(-2)), "ended_at": _local(clock.hours(-1.5)),
        "present": [str(m.id) for m in r.members],
        "questions": "Hỏi: Lộ trình số hoá hồ sơ trong 12 tháng?"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Lộ trình số hoá" in response.text
    slot = presentation.slot_of(db, r.competition, first.id)
    assert slot.started_at == clock.hours(-2).replace(second=0)
    assert slot.present_ids == sorted(
        m.id for m in r.members)
    login(client, r.chair)  # the chair reads the minutes but does not write them
    client.post(f"{url}/record/{sitting.order[1]}", data={
        "started_at": _local(clock.hours(-1)), "ended_at": _local(clock.hours(-0.5)),
        "present": [str(r.members[0].id)], "questions": "Hỏi: Nguồn lực ở đâu ra?"})
    assert presentation.slot_of(db, r.competition, sitting.order[1]) is None


def test_the_panel_downloads_the_frozen_programme_the_audit_log_fingerprinted(client, db, clock):
    r = presentation_round(db, clock, deadline=clock.hours(1))
    candidate = r.applications[0]
    login(client, candidate.user)
    body = pdf_bytes("Đề án: Chuyển đổi số công tác cán bộ")
    response = client.post(f"/competitions/{r.competition.id}/presentation",
                           data={"programme": (io.BytesIO(body), "de-an.pdf")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200
    login(client, r.members[1])
    url = f"/manage/{r.competition.id}/presentation/programmes/{candidate.id}"
    assert client.get(url).status_code == 409  # not before the freeze
    presentation.freeze_due_programmes(db, now=clock.hours(1))
    served = client.get(url)
    assert served.status_code == 200
    entry = db.scalar(select(AuditEntry).where(
        AuditEntry.action == "presentation.programmes_frozen"))
    digest = json.loads(entry.payload)["digests"][str(candidate.id)]
    assert hashlib.sha256(served.data).hexdigest() == digest == hashlib.sha256(body).hexdigest()
    login(client, r.applications[1].user)
    assert client.get(url).status_code == 403


def test_the_public_record_names_candidates_and_panels_but_no_member_next_to_a_score(
        client, db, clock):
    r = presentation_round(db, clock)
    first = r.applications[0]
    score(db, r, first, ["70", "72", "75"], clock)
    record = client.get(f"/competitions/{r.competition.id}/record.json").get_json()
    section = record["candidates_and_panels"]
    assert {c["name"] for c in section["accepted_candidates"]} == {
        a.user.full_name for a in r.applications}
    assert any(p["chair"] == r.members[0].full_name for p in section["panels"])
    assert "presentation" not in section  # before the results
    r.competition.stage = Stage.PROVISIONAL_RESULTS
    db.flush()
    section = client.get(f"/competitions/{r.competition.id}/record.json").get_json()[
        "candidates_and_panels"]
    row = next(p for p in section["presentation"] if p["name"] == first.user.full_name)
    assert row["rounds"] == [{"round": 1, "scores": ["75.00", "72.00", "70.00"]}]
    assert json.dumps(section["presentation"], ensure_ascii=False).count(
        r.members[1].full_name) == 0
    page = client.get(f"/competitions/{r.competition.id}").text
    assert "75 · 72 · 70" in page


def test_accepting_a_failing_application_on_the_page_needs_the_reason(client, db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    chair = make_board(db, competition)[Role.CHAIR]
    application = make_application(db, competition, user=make_user(db, full_name="Đào Văn Lực"))
    login(client, chair)
    page = client.get(f"/applications/{application.id}").text
    assert 'name="reason"' in page
    client.post(f"/applications/{application.id}/accept", data={"reason": ""})
    assert application.status == ApplicationStatus.SUBMITTED
    client.post(f"/applications/{application.id}/accept",
                data={"reason": "Sơ yếu lý lịch đã nộp bản giấy, Hội đồng đã đối chiếu."})
    db.refresh(application)
    assert application.status == ApplicationStatus.ACCEPTED


def test_freeze_due_programmes_from_the_command_line(runner, db, clock, app):
    r = presentation_round(db, clock, deadline=clock.hours(1))
    presentation.submit_programme(
        db, r.applications[0].user, r.competition,
        upload=presentation_upload(), upload_folder=app.config["UPLOAD_FOLDER"],
        max_bytes=5 * 1024 * 1024, now=clock.now)
    presentation.rules_of(db, r.competition).programme_deadline = clock.hours(-1)
    db.flush()
    result = runner.invoke(args=["presentation", "freeze-due-programmes"])
    assert result.exit_code == 0, result.output
    assert "1 programme(s) frozen" in result.output
    assert presentation.freeze_of(db, r.competition) is not None


def presentation_upload():
    from exam.registration.service import Upload

    return Upload("programme", "de-an.pdf", pdf_bytes("Đề án"))
