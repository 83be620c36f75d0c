"""Remedies: each verb says who may, when, writes the audit log, tells the people concerned and
leaves a row in the public record with no personal data beyond what is already public."""

from __future__ import annotations

import pytest

from exam.appointment import remedies
from exam.appointment import service as appointment
from exam.appointment.models import DecisionStatus, ProcessOutcome
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.public.service import public_record
from exam.registration.models import ApplicationStatus
from exam.results import service as results
from exam.results import sheets
from tests.appointment.helpers import (
    ANH,
    HUONG,
    REASONS,
    decide,
    final_scene,
    last_entry,
    notices,
    payload,
)
from tests.factories import (
    appoint,
    make_application,
    make_board,
    make_competition,
    make_inspector,
    make_report,
    make_user,
)
from tests.results.helpers import make_scene

FINDING = "Thanh tra xác định hồ sơ kê khai sai thời gian giữ chức vụ quản lý."
PROCTOR = "Biên bản phòng thi số 2: thí sinh sử dụng tài liệu không được phép lúc 9 giờ 40."


def substantiated(db, competition):
    report, _code = make_report(db, competition, status="resolved", is_substantiated=True,
                                finding=FINDING)
    return report


def remedy_rows(db, competition):
    return public_record(db, competition)["appointment"]["remedies"]


# --------------------------------------------------------------------------- withdrawal


def test_withdrawal_before_the_sitting_leaves_without_a_trace_of_who(db, clock):
    competition = make_competition(db)
    application = make_application(db, competition, user=make_user(db, full_name="Đinh Văn Hòa"))
    with pytest.raises(PermissionDenied):
        remedies.withdraw(db, make_user(db), application, now=clock.now)
    remedies.withdraw(db, application.user, application, now=clock.now)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert payload(last_entry(db, "remedy.withdrawal"))["effect"] == "left"
    assert notices(db, application.user, "remedy_decided")
    (row,) = remedy_rows(db, competition)
    assert row["kind"] == "withdrawal"
    assert row["effect"] == "left"
    assert row["candidate_number"] is None
    assert row["decided_at"].startswith(
        clock.now.date().isoformat())
    assert "Đinh Văn Hòa" not in str(public_record(db, competition))
    with pytest.raises(Conflict):
        remedies.withdraw(db, application.user, application, now=clock.now)


def test_withdrawal_after_the_sitting_is_recorded_as_absent(db, clock):
    competition = make_competition(db, stage=Stage.SCORING)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    remedies.withdraw(db, application.user, application, now=clock.now)
    assert remedy_rows(db, competition)[0]["effect"] == "absent"


def test_withdrawal_of_the_called_candidate_frees_the_call(db, clock):
    a = final_scene(db, clock)
    first = decide(db, a, HUONG, clock.now)
    remedies.withdraw(db, a.app(HUONG).user, a.app(HUONG), now=clock.hours(1))
    assert first.status == DecisionStatus.WITHDRAWN
    decide(db, a, ANH, clock.hours(2))  # the next one is called at once
    row = remedy_rows(db, a.competition)[0]
    assert row["candidate_number"] == a.app(HUONG).candidate_number  # already public


# --------------------------------------------------------------------------- exclusion


def test_exclusion_needs_the_chair_and_an_inspectors_finding(db, clock):
    competition = make_competition(db, stage=Stage.PAPERS_SEALED)
    board = make_board(db, competition)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    report = substantiated(db, competition)
    unresolved, _code = make_report(db, competition)
    with pytest.raises(PermissionDenied):
        remedies.exclude(db, make_inspector(db), application, report_id=report.id,
                         reasons=FINDING, now=clock.now)
    with pytest.raises(Conflict):
        remedies.exclude(db, board["chair"], application, report_id=unresolved.id,
                         reasons=FINDING, now=clock.now)
    with pytest.raises(InvalidInput):
        remedies.exclude(db, board["chair"], application, report_id=report.id, reasons="sai",
                         now=clock.now)
    remedies.exclude(db, board["chair"], application, report_id=report.id, reasons=FINDING,
                     now=clock.now)
    assert application.status == ApplicationStatus.EXCLUDED
    assert payload(last_entry(db, "remedy.exclusion"))["report"] == report.id
    assert notices(db, application.user, "remedy_decided")
    (row,) = remedy_rows(db, competition)
    assert row["effect"] == "paper_unused"
    assert row["body"] == "board"
    assert row["reasons"] is None  # a person's circumstances stay with the parties


# --------------------------------------------------------------------------- disqualification


def test_disqualification_republishes_a_signed_sheet_both_genuine_the_old_superseded(
        db, clock, signing_key, sheet_folder, runner, tmp_path):
    scene = make_scene(db, clock, stage=Stage.SITTING)
    cheat = scene.app(HUONG)
    proctor = appoint(db, scene.competition, Role.PROCTOR)
    with pytest.raises(PermissionDenied):  # the board does not write the proctor's record
        remedies.record_room_incident(db, scene.chair, cheat, body=PROCTOR, now=clock.days(-30))
    record = remedies.record_room_incident(db, proctor, cheat, body=PROCTOR,
                                           now=clock.days(-30))
    scene.competition.stage = Stage.IDENTITIES_REVEALED  # scoring happens elsewhere
    db.flush()
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.days(-20),
                                        part_scores=scene.scores)
    old = results.publish_final_results(db, scene.chair, scene.competition, now=clock.days(-2),
                                        part_scores=scene.scores)
    options = {"key": signing_key, "folder": sheet_folder, "base_url": "http://testserver",
                   "organization": "Sở Nội vụ"}
    old_sheet = sheets.sign_result_sheet(db, scene.chair, old, now=clock.days(-2), **options)
    with pytest.raises(PermissionDenied):
        remedies.disqualify(db, scene.secretary, cheat, reasons=PROCTOR,
                            room_record_id=record.id, now=clock.now)
    with pytest.raises(InvalidInput):  # neither a report nor the proctor's record
        remedies.disqualify(db, scene.chair, cheat, reasons=PROCTOR, now=clock.now)
    with pytest.raises(InvalidInput):  # a record about someone else
        remedies.disqualify(db, scene.chair, scene.app(ANH), reasons=PROCTOR,
                            room_record_id=record.id, now=clock.now)
    remedy = remedies.disqualify(db, scene.chair, cheat, reasons=PROCTOR,
                                 room_record_id=record.id, now=clock.now,
                                 part_scores=scene.scores)
    assert remedy.room_record_id == record.id
    new = results.latest_version(db, scene.competition)
    assert new.number == old.number + 1
    assert new.kind == "final"
    assert [(r["name"], r["standing"]) for r in new.data["rows"]][0] == (ANH, "recommended")
    assert cheat.id not in {r["application_id"] for r in new.data["rows"]}
    new_sheet = sheets.sign_result_sheet(db, scene.chair, new, now=clock.now, **options)
    assert remedy.result_version_number == new.number
    assert notices(db, cheat.user, "remedy_decided")

    def verify(sheet):
        path = tmp_path / f"{sheet.code}.pdf"
        path.write_bytes(sheets.sheet_file(sheet, sheet_folder))
        return runner.invoke(args=["verify-pdf", str(path)])

    first, second = verify(old_sheet), verify(new_sheet)
    assert first.exit_code == 0
    assert "the sheet is genuine" in first.output
    assert f"superseded by result version {new.number}" in first.output
    assert second.exit_code == 0
    assert "the sheet is genuine" in second.output
    assert "superseded" not in second.output
    (row,) = remedy_rows(db, scene.competition)
    assert row["kind"] == "disqualification"
    assert row["result_version"] == new.number
    assert row["candidate_number"] == cheat.candidate_number


def test_disqualification_before_the_sitting_is_refused(db, clock):
    competition = make_competition(db, stage=Stage.PAPERS_SEALED)
    board = make_board(db, competition)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    with pytest.raises(Conflict):
        remedies.disqualify(db, board["chair"], application, reasons=PROCTOR,
                            report_id=substantiated(db, competition).id, now=clock.now)


# --------------------------------------------------------------------------- annulments


def test_only_inspectors_annul_a_result_version(db, clock):
    a = final_scene(db, clock, transmit=False)
    report = substantiated(db, a.competition)
    for outsider in (a.scene.chair, a.admin, a.signer):
        with pytest.raises(PermissionDenied):
            remedies.annul_result(db, outsider, a.competition, version_number=2,
                                  report_id=report.id, reasons=FINDING, now=clock.now)
    inspector = make_inspector(db)
    remedies.annul_result(db, inspector, a.competition, version_number=2, report_id=report.id,
                          reasons=FINDING, now=clock.now)
    assert payload(last_entry(db, "remedy.result_annulment"))["result_version"] == 2
    assert notices(db, a.app(HUONG).user, "remedy_decided")
    assert notices(db, a.scene.chair, "remedy_decided")
    (row,) = remedy_rows(db, a.competition)
    assert row["reasons"] == FINDING
    assert row["body"] == "inspectorate"
    with pytest.raises(Conflict):
        remedies.annul_result(db, inspector, a.competition, version_number=2,
                              report_id=report.id, reasons=FINDING, now=clock.now)


def test_an_annulled_competition_is_frozen_and_can_be_rerun_linked(db, clock):
    a = final_scene(db, clock)
    report = substantiated(db, a.competition)
    inspector = make_inspector(db)
    with pytest.raises(PermissionDenied):
        remedies.annul_competition(db, a.scene.chair, a.competition, report_id=report.id,
                                   reasons=FINDING, now=clock.now)
    with pytest.raises(Conflict):  # nothing to re-run yet
        remedies.rerun(db, a.admin, a.competition, now=clock.now)
    remedies.annul_competition(db, inspector, a.competition, report_id=report.id,
                               reasons=FINDING, now=clock.now)
    assert a.competition.is_suspended
    with pytest.raises(Conflict):  # no decision of the authority on an annulled competition
        decide(db, a, HUONG, clock.now)
    from exam.oversight import service as oversight

    with pytest.raises(Conflict):  # an annulment is not a suspension that can be lifted
        oversight.lift_suspension(db, inspector, a.competition, reason=FINDING, now=clock.now)
    assert notices(db, a.app(ANH).user, "remedy_decided")
    with pytest.raises(PermissionDenied):
        remedies.rerun(db, inspector, a.competition, now=clock.now)
    fresh = remedies.rerun(db, a.admin, a.competition, now=clock.now)
    assert fresh.stage == Stage.DRAFT
    assert fresh.post == a.competition.post
    row = remedy_rows(db, a.competition)[0]
    assert row["kind"] == "competition_annulment"
    assert row["rerun_competition_id"] == fresh.id
    assert public_record(db, fresh)["appointment"]["remedies"][0]["kind"] == "rerun_of"
    assert payload(last_entry(db, "remedy.rerun")) == {"annulled": a.competition.id,
                                                       "rerun": fresh.id}


# --------------------------------------------------------------------------- revocation


def test_revocation_reopens_the_post_for_the_reserve_list(db, clock):
    a = final_scene(db, clock)
    decision = decide(db, a, ANH, clock.now, reasons=REASONS)
    appointment.answer(db, a.app(ANH).user, decision, accept=True, now=clock.hours(1))
    assert appointment.authority_of(db, a.competition).outcome == ProcessOutcome.FILLED
    report = substantiated(db, a.competition)
    inspector = make_inspector(db)
    with pytest.raises(PermissionDenied):
        remedies.revoke(db, a.scene.chair, decision, reasons=FINDING, now=clock.days(1))
    with pytest.raises(Conflict):  # an inspector acts on a substantiated report
        remedies.revoke(db, inspector, decision, reasons=FINDING, now=clock.days(1))
    remedies.revoke(db, inspector, decision, reasons=FINDING, report_id=report.id,
                    now=clock.days(1))
    assert decision.status == DecisionStatus.REVOKED
    authority = appointment.authority_of(db, a.competition)
    assert authority.outcome == ProcessOutcome.OPEN
    assert authority.closed_at is None
    assert notices(db, a.app(ANH).user, "remedy_decided")
    assert notices(db, a.signer, "remedy_decided")
    section = public_record(db, a.competition)["appointment"]
    assert section["decisions"][0]["status"] == "revoked"
    assert section["remedies"][0]["reasons"] == FINDING
    decide(db, a, HUONG, clock.days(2))  # the post is open again


# --------------------------------------------------------------------------- contests


def test_the_candidate_concerned_contests_and_another_inspector_decides(db, clock):
    a = final_scene(db, clock)
    decision = decide(db, a, HUONG, clock.now)
    report = substantiated(db, a.competition)
    first, second = make_inspector(db), make_inspector(db)
    remedy = remedies.revoke(db, first, decision, reasons=FINDING, report_id=report.id,
                             now=clock.days(1))
    with pytest.raises(PermissionDenied):
        remedies.contest(db, a.app(ANH).user, remedy, reason=REASONS, now=clock.days(2))
    with pytest.raises(Conflict):
        remedies.contest(db, a.app(HUONG).user, remedy, reason=REASONS, now=clock.days(30))
    remedies.contest(db, a.app(HUONG).user, remedy, reason=REASONS, now=clock.days(2))
    assert last_entry(db, "remedy.contested") is not None
    with pytest.raises(PermissionDenied):
        remedies.decide_contest(db, first, remedy, upheld=False, decision=FINDING,
                                now=clock.days(3))
    remedies.decide_contest(db, second, remedy, upheld=False, decision=FINDING,
                            now=clock.days(3))
    row = remedy_rows(db, a.competition)[0]
    assert row["contested_at"]
    assert row["contest_upheld"] is False


def test_a_suspended_competition_refuses_the_boards_voids(db, clock):
    competition = make_competition(db, stage=Stage.SCORING, is_suspended=True)
    board = make_board(db, competition)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    with pytest.raises(Conflict):
        remedies.disqualify(db, board["chair"], application, reasons=PROCTOR,
                            report_id=substantiated(db, competition).id, now=clock.now)


def test_an_exclusion_after_the_draw_leaves_the_paper_unused_and_the_draw_verifies(
        db, clock, runner):
    from exam.registration import service as registration
    from tests.sitting.test_cli import finished_sitting

    competition = finished_sitting(db, clock)
    chair = next(m.user for m in competition.memberships if m.role == "chair")
    excluded = registration.accepted_candidates(db, competition)[0]
    remedies.exclude(db, chair, excluded, report_id=substantiated(db, competition).id,
                     reasons=FINDING, now=clock.now)
    assert excluded not in registration.accepted_candidates(db, competition)
    result = runner.invoke(args=["verify-draw", str(competition.id)])
    assert result.exit_code == 0, result.output
    assert "4 papers recomputed, all identical" in result.output
    assert remedy_rows(db, competition)[0]["effect"] == "paper_unused"


def test_a_room_record_is_written_by_a_proctor_during_the_sitting_only(db, clock):
    competition = make_competition(db, stage=Stage.SCORING)
    proctor = appoint(db, competition, Role.PROCTOR)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED)
    with pytest.raises(Conflict):
        remedies.record_room_incident(db, proctor, application, body=PROCTOR, now=clock.now)
    competition.stage = Stage.SITTING
    with pytest.raises(PermissionDenied):
        remedies.record_room_incident(db, make_user(db), application, body=PROCTOR,
                                      now=clock.now)
    remedies.record_room_incident(db, proctor, application, body=PROCTOR, now=clock.now)
    assert payload(last_entry(db, "remedy.room_record")) == {"application_id": application.id}


def test_an_annulled_final_ranking_blocks_appointment_until_the_board_republishes(db, clock):
    a = final_scene(db, clock)
    report = substantiated(db, a.competition)
    with pytest.raises(Conflict):  # nothing annulled yet
        remedies.republish_after_annulment(db, a.scene.chair, a.competition, now=clock.now)
    remedies.annul_result(db, make_inspector(db), a.competition, version_number=2,
                          report_id=report.id, reasons=FINDING, now=clock.now)
    with pytest.raises(Conflict, match="annulled"):
        decide(db, a, HUONG, clock.hours(1))
    with pytest.raises(PermissionDenied):
        remedies.republish_after_annulment(db, a.signer, a.competition, now=clock.hours(2))
    version = remedies.republish_after_annulment(db, a.scene.chair, a.competition,
                                                 now=clock.hours(2), part_scores=a.scene.scores)
    assert version.number == 3
    assert version.kind == "final"
    assert "annulled version 2" in version.reason
    assert decide(db, a, HUONG, clock.hours(3)).result_version_id == version.id


def test_who_withdrew_before_the_results_cannot_be_learned_from_the_public_record(db, clock):
    """Two worlds that differ only in which candidate withdrew publish the same record."""
    seen = []
    for leaver in (0, 1):
        competition = make_competition(db, title="Thi tuyển Trưởng phòng Pháp chế", now=clock.now)
        people = [make_application(db, competition, user=make_user(db, full_name=name))
                  for name in ("Đinh Văn Hòa", "Mai Thị Lụa")]
        remedies.withdraw(db, people[leaver].user, people[leaver], now=clock.now)
        record = public_record(db, competition, now=clock.now)
        record.pop("competition")
        seen.append(record)
    assert seen[0] == seen[1]


def test_verify_pdf_says_a_sheet_belongs_to_an_annulled_result(
        db, clock, signing_key, sheet_folder, runner, tmp_path):
    a = final_scene(db, clock, transmit=False)
    final = results.latest_version(db, a.competition)
    sheet = sheets.sign_result_sheet(db, a.scene.chair, final, key=signing_key,
                                     folder=sheet_folder, base_url="http://testserver",
                                     organization="Sở Nội vụ", now=clock.now)
    path = tmp_path / "final.pdf"
    path.write_bytes(sheets.sheet_file(sheet, sheet_folder))
    assert "annulled" not in runner.invoke(args=["verify-pdf", str(path)]).output
    remedies.annul_result(db, make_inspector(db), a.competition, version_number=final.number,
                          report_id=substantiated(db, a.competition).id, reasons=FINDING,
                          now=clock.hours(1))
    result = runner.invoke(args=["verify-pdf", str(path)])
    assert f"annulled by the inspectors: result version {final.number}" in result.output
    assert sheets.check_code(db, sheet.code).annulled
