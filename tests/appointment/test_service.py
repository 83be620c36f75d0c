"""The appointment: the authority decides on the final ranking; departures need public reasons;
the candidate answers; call-ups from the reserve list until it expires; closing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from exam.appointment import service as appointment
from exam.appointment.models import DecisionStatus, ProcessOutcome
from exam.competitions import service as competitions
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.public.service import public_record
from tests.appointment.helpers import (
    ANH,
    HUONG,
    REASONS,
    TUYET,
    VIET,
    checkpoints_after,
    decide,
    final_scene,
    last_entry,
    notices,
    payload,
)
from tests.factories import make_application, make_user, pdf_bytes


def test_only_the_board_transmits_and_only_once_final_results_are_out(db, clock):
    a = final_scene(db, clock, transmit=False)
    with pytest.raises(PermissionDenied):
        appointment.transmit_to_authority(db, a.signer, a.competition, now=clock.now)
    appointment.transmit_to_authority(db, a.scene.chair, a.competition, now=clock.now)
    assert a.competition.stage == Stage.APPOINTMENT
    assert notices(db, a.signer, "appointment_transmitted")
    with pytest.raises(Conflict):
        appointment.transmit_to_authority(db, a.scene.chair, a.competition, now=clock.now)


def test_the_board_cannot_choose_the_authority_and_a_candidate_cannot_sign_for_it(db, clock):
    a = final_scene(db, clock, transmit=False)
    with pytest.raises(PermissionDenied):
        competitions.appoint(db, a.scene.chair, a.competition, make_user(db),
                             Role.APPOINTING_AUTHORITY, now=clock.now)
    with pytest.raises(Conflict):
        competitions.appoint(db, a.admin, a.competition, a.app(ANH).user,
                             Role.APPOINTING_AUTHORITY, now=clock.now)
    with pytest.raises(Conflict):  # a board member does not sign the appointment too
        competitions.appoint(db, a.admin, a.competition, a.scene.member,
                             Role.APPOINTING_AUTHORITY, now=clock.now)
    with pytest.raises(Conflict):  # nor does the signer join the board
        competitions.appoint(db, a.admin, a.competition, a.signer, Role.BOARD_MEMBER,
                             now=clock.now)
    with pytest.raises(PermissionDenied):
        appointment.name_authority(db, a.scene.chair, a.competition, name="UBND huyện",
                                   reply_days=10, now=clock.now)


def test_appointing_the_top_candidate_then_acceptance_fills_the_post(db, clock):
    a = final_scene(db, clock)
    decision = decide(db, a, HUONG, clock.now)
    assert decision.status == DecisionStatus.OFFERED
    assert not decision.departs_from_ranking
    entry = last_entry(db, "appointment.decided")
    assert payload(entry)["data_sha256"] == decision.data_sha256
    assert checkpoints_after(db, entry), "the decision's digest is under a signed checkpoint"
    assert notices(db, a.app(HUONG).user, "appointment_decided")
    with pytest.raises(PermissionDenied):
        appointment.answer(db, a.app(ANH).user, decision, accept=True, now=clock.now)
    appointment.answer(db, a.app(HUONG).user, decision, accept=True, now=clock.hours(2))
    authority = appointment.authority_of(db, a.competition)
    assert authority.outcome == ProcessOutcome.FILLED
    assert authority.closed_at == clock.hours(2)
    assert payload(last_entry(db, "appointment.closed")) == {"outcome": "filled"}
    section = public_record(db, a.competition)["appointment"]
    assert section["outcome"] == "filled"
    assert section["closed_at"]
    assert section["decisions"][0]["name"] == HUONG
    assert section["decisions"][0]["status"] == "accepted"
    with pytest.raises(Conflict):
        decide(db, a, ANH, clock.hours(3), reasons=REASONS)


def test_who_may_not_record_the_decision(db, clock):
    a = final_scene(db, clock)
    for outsider in (a.scene.chair, a.admin, a.app(HUONG).user, make_user(db)):
        with pytest.raises(PermissionDenied):
            decide(db, a, HUONG, clock.now, signer=outsider)


def test_departing_from_the_ranking_needs_reasons_which_are_published(db, clock):
    a = final_scene(db, clock)
    with pytest.raises(InvalidInput, match="reasons"):
        decide(db, a, ANH, clock.now)
    with pytest.raises(InvalidInput, match="reasons"):
        decide(db, a, ANH, clock.now, reasons="Phù hợp hơn.")
    decision = decide(db, a, ANH, clock.now, reasons=REASONS)
    assert decision.departs_from_ranking
    assert decision.ranking_position == 2
    assert decision.next_in_line_position == 1
    assert payload(last_entry(db, "appointment.decided"))["departs_from_ranking"] is True
    row = public_record(db, a.competition)["appointment"]["decisions"][0]
    assert row["reasons"] == REASONS
    assert row["departs_from_ranking"]
    assert row["candidate_number"] == a.app(ANH).candidate_number


def test_a_failed_candidate_or_an_outsider_cannot_be_appointed(db, clock):
    a = final_scene(db, clock)
    with pytest.raises(InvalidInput, match="not on the list"):
        decide(db, a, TUYET, clock.now, reasons=REASONS)


def test_bad_decision_input_is_refused_and_nothing_is_written(db, clock):
    a = final_scene(db, clock)
    kwargs = {"application_id": a.app(HUONG).id, "number": "1/QĐ", "decided_on": clock.now.date(),
                  "term_months": 60, "upload_folder": "/tmp", "max_bytes": 5_000_000, "now": clock.now}
    good = appointment.DecisionDocument("qd.pdf", pdf_bytes())
    for bad in ({"document": appointment.DecisionDocument("qd.pdf", b"MZ not a pdf")},
                {"document": good, "number": " "},
                {"document": good, "decided_on": clock.days(3).date()},
                {"document": good, "term_months": 0}):
        with pytest.raises(InvalidInput):
            appointment.record_decision(db, a.signer, a.competition, **(kwargs | bad))
    assert appointment.decisions_of(db, a.competition) == []


def test_the_winner_declines_and_the_reserve_candidate_is_appointed(db, clock):
    a = final_scene(db, clock)
    first = decide(db, a, HUONG, clock.now)
    with pytest.raises(Conflict, match="to answer"):  # one call at a time
        decide(db, a, ANH, clock.hours(1))
    appointment.answer(db, a.app(HUONG).user, first, accept=False, now=clock.days(1))
    assert payload(last_entry(db, "appointment.declined")) == {"sequence": 1}
    second = decide(db, a, ANH, clock.days(2), number="130/QĐ-UBND")
    assert second.sequence == 2
    assert not second.departs_from_ranking
    appointment.answer(db, a.app(ANH).user, second, accept=True, now=clock.days(3))
    section = public_record(db, a.competition)["appointment"]
    assert [(d["sequence"], d["status"]) for d in section["decisions"]] == [
        (1, "declined"), (2, "accepted")]
    assert section["outcome"] == "filled"


def test_no_answer_in_time_lets_the_authority_call_the_next(db, clock):
    a = final_scene(db, clock, reply_days=5)
    first = decide(db, a, HUONG, clock.now)
    with pytest.raises(Conflict):
        appointment.answer(db, a.app(HUONG).user, first, accept=True, now=clock.days(6))
    decide(db, a, ANH, clock.days(6))
    assert first.status == DecisionStatus.LAPSED
    assert last_entry(db, "appointment.lapsed") is not None


def test_a_call_up_after_the_reserve_list_expired_is_refused(db, clock):
    a = final_scene(db, clock)
    expires = appointment.final_version(db, a.competition).reserve_expires_on
    first = decide(db, a, HUONG, clock.now)
    appointment.answer(db, a.app(HUONG).user, first, accept=False, now=clock.days(1))
    late = clock.now.replace(year=expires.year, month=expires.month, day=expires.day) \
        + timedelta(days=1)
    with pytest.raises(Conflict, match="expired"):
        decide(db, a, ANH, late)
    assert len(appointment.decisions_of(db, a.competition)) == 1
    appointment.declare_exhausted(db, a.signer, a.competition, now=late)
    section = public_record(db, a.competition, now=late)["appointment"]
    assert section["outcome"] == "exhausted"
    assert section["reserve_expires_on"] == expires.isoformat()


def test_the_list_exhausted_closes_the_competition(db, clock):
    a = final_scene(db, clock)
    for day, name in enumerate((HUONG, ANH, VIET)):
        decision = decide(db, a, name, clock.days(day), number=f"{day + 1}/QĐ")
        appointment.answer(db, a.app(name).user, decision, accept=False,
                           now=clock.days(day) + timedelta(hours=1))
    authority = appointment.authority_of(db, a.competition)
    assert authority.outcome == ProcessOutcome.EXHAUSTED


def test_declare_exhausted_is_refused_while_someone_can_be_called(db, clock):
    a = final_scene(db, clock)
    with pytest.raises(Conflict):
        appointment.declare_exhausted(db, a.signer, a.competition, now=clock.now)
    with pytest.raises(PermissionDenied):
        appointment.declare_exhausted(db, a.scene.chair, a.competition, now=clock.now)


def test_a_signer_cannot_be_an_applicant_of_the_competition(db, clock):
    a = final_scene(db, clock, transmit=False)
    outsider = make_user(db, full_name="Ngô Văn Lực")
    make_application(db, a.competition, user=outsider)
    with pytest.raises(Conflict):
        competitions.appoint(db, a.admin, a.competition, outsider, Role.APPOINTING_AUTHORITY,
                             now=clock.now)


def test_the_authoritys_signer_signs_in_with_a_second_factor(db, clock):
    from exam.accounts.service import requires_second_factor

    a = final_scene(db, clock, transmit=False)
    assert requires_second_factor(db, a.signer)
