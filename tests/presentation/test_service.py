"""The presentation round and the board's decisions: nothing left to one person's discretion."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.competitions import service as competitions
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.oversight import votes
from exam.oversight.models import BoardVote
from exam.presentation import gate
from exam.presentation import service as presentation
from exam.presentation.models import EligibilityOverride
from exam.registration import service as registration
from exam.registration.models import ApplicationStatus
from exam.registration.service import Upload
from exam.results import service as results
from exam.scoring import service as scoring
from exam.scoring.models import PRESENTATION, FinalBasis
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_board,
    make_competition,
    make_user,
    pdf_bytes,
)
from tests.presentation.helpers import presentation_round, score, state
from tests.results.helpers import make_scene

MAX = 5 * 1024 * 1024


def audit_payloads(db, action):
    return [json.loads(e.payload) for e in db.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))]


# --------------------------------------------------------------------------- programmes


def test_a_programme_replaced_after_the_deadline_is_refused_and_the_panel_reads_the_frozen_file(
        db, clock, app):
    r = presentation_round(db, clock, deadline=clock.hours(2))
    candidate = r.applications[0]
    folder = app.config["UPLOAD_FOLDER"]
    first, second = pdf_bytes("Đề án bản 1"), pdf_bytes("Đề án bản 2 (hoàn chỉnh)")
    presentation.submit_programme(db, candidate.user, r.competition,
                                  upload=Upload("programme", "de-an.pdf", first),
                                  upload_folder=folder, max_bytes=MAX, now=clock.now)
    presentation.submit_programme(db, candidate.user, r.competition,
                                  upload=Upload("programme", "de-an-2.pdf", second),
                                  upload_folder=folder, max_bytes=MAX, now=clock.hours(1))
    with pytest.raises(InvalidInput, match="not a PDF"):
        presentation.submit_programme(db, candidate.user, r.competition,
                                      upload=Upload("programme", "x.pdf", b"GIF89a"),
                                      upload_folder=folder, max_bytes=MAX, now=clock.hours(1))
    with pytest.raises(Conflict, match="once they are frozen"):
        presentation.programme_for_reader(db, r.members[1], r.competition, candidate.id)
    with pytest.raises(Conflict, match="not before"):
        presentation.freeze_programmes(db, r.secretary, r.competition, now=clock.hours(1))
    with pytest.raises(Conflict, match="deadline for action programmes has passed"):
        presentation.submit_programme(db, candidate.user, r.competition,
                                      upload=Upload("programme", "late.pdf", pdf_bytes("Muộn")),
                                      upload_folder=folder, max_bytes=MAX, now=clock.hours(2))
    frozen = presentation.freeze_due_programmes(db, now=clock.hours(2))
    assert len(frozen) == 1
    digest = audit_payloads(db, "presentation.programmes_frozen")[0]["digests"][str(candidate.id)]
    assert digest == hashlib.sha256(second).hexdigest()
    served = presentation.programme_for_reader(db, r.members[1], r.competition, candidate.id)
    body = Path(presentation.programme_path(folder, served)).read_bytes()
    assert hashlib.sha256(body).hexdigest() == digest
    with pytest.raises(Conflict, match="deadline for action programmes has passed"):
        presentation.submit_programme(db, candidate.user, r.competition,
                                      upload=Upload("programme", "new.pdf", pdf_bytes("Mới")),
                                      upload_folder=folder, max_bytes=MAX, now=clock.hours(3))
    with pytest.raises(PermissionDenied):
        presentation.programme_for_reader(db, r.applications[1].user, r.competition,
                                          candidate.id)


# --------------------------------------------------------------------------- conflicts


def test_a_member_with_a_declared_conflict_cannot_score_that_candidate(db, clock):
    r = presentation_round(db, clock, members=4, quorum=3)
    relative, other = r.applications[0], r.applications[1]
    presentation.declare_conflict(db, r.members[3], r.competition, relative.id, kind="relative",
                                  note="Em ruột", now=clock.now)
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        scoring.submit_presentation_score(db, r.members[3], r.competition, relative.id,
                                          score="90", now=clock.now)
    score(db, r, relative, ["70", "72", "74"], clock, members=r.members[:3])
    assert state(db, r, relative).result.score == Decimal("72.0")  # three scores, not four
    score(db, r, other, ["60", "61", "62", "63"], clock)
    assert state(db, r, other).result.score == Decimal("61.5")


def test_a_panel_below_its_quorum_for_a_candidate_blocks_until_the_board_adds_a_member(db, clock):
    r = presentation_round(db, clock, members=3, quorum=3)
    candidate = r.applications[0]
    presentation.declare_conflict(db, r.members[2], r.competition, candidate.id, kind="line",
                                  note="", now=clock.now)
    assert state(db, r, candidate).outcome == "below_quorum"
    with pytest.raises(Conflict, match="board must add a member"):
        scoring.submit_presentation_score(db, r.members[0], r.competition, candidate.id,
                                          score="70", now=clock.now)
    extra = appoint(db, r.competition, Role.EXAMINER, make_user(db, full_name="Mai Văn Bổ"))
    panel = scoring.panel_for(db, r.competition, PRESENTATION)
    scoring.add_panel_examiner(db, r.chair, r.competition, panel, extra, now=clock.now)
    score(db, r, candidate, ["70", "71", "72"], clock, members=[*r.members[:2], extra])
    assert state(db, r, candidate).result.score == Decimal("71.0")


def test_a_member_with_a_conflict_takes_no_part_in_board_decisions_about_that_candidate(db, clock):
    tied = {"Nguyễn Thị Hương": (80, 80), "Trần Đức Anh": (80, 80),
            "Lê Thị Ánh Tuyết": (95, 40), "Phạm Quốc Việt": (60, 62)}
    scene = make_scene(db, clock, scores=tied)
    huong, anh = scene.app("Nguyễn Thị Hương"), scene.app("Trần Đức Anh")
    presentation.declare_conflict(db, scene.member, scene.competition, anh.id,
                                  kind="other", note="Từng là cấp phó trực tiếp", now=clock.now)
    decision = gate.open_collegial_vote(
        db, scene.chair, scene.competition, subject="tie", application_ids=[huong.id, anh.id],
        reasons="Hai ứng viên bằng điểm ở chỉ tiêu cuối cùng.", closes_at=clock.hours(2),
        now=clock.now, part_scores=scene.scores)
    vote = db.get(BoardVote, decision.vote_id)
    assert scene.member.id not in {e.user_id for e in vote.electors}
    assert decision.excluded_ids == [scene.member.id]
    with pytest.raises(PermissionDenied):
        votes.cast_ballot(db, scene.member, vote, 0, now=clock.now)
    presentation.declare_conflict(db, scene.secretary, scene.competition, huong.id,
                                  kind="relative", note="Chị gái", now=clock.hours(1))
    with pytest.raises(PermissionDenied, match="conflict of interest"):  # declared after opening
        votes.cast_ballot(db, scene.secretary, vote, 0, now=clock.hours(1))


def test_a_secretary_with_a_conflict_grants_no_priority_points_to_that_candidate(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    anh = scene.app("Trần Đức Anh")
    presentation.declare_conflict(db, scene.secretary, scene.competition, anh.id,
                                  kind="relative", note="Anh rể", now=clock.now)
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        results.grant_priority(db, scene.secretary, scene.competition, anh,
                               category="thuong_binh", evidence="Giấy chứng nhận số 12",
                               now=clock.now)
    results.grant_priority(db, scene.chair, scene.competition, anh, category="thuong_binh",
                           evidence="Giấy chứng nhận số 12", now=clock.now)


def test_a_board_member_with_a_conflict_does_not_decide_that_application(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    board = make_board(db, competition)
    application = make_application(db, competition, user=make_user(db, full_name="Lý Thu Hà"))
    presentation.declare_conflict(db, board[Role.BOARD_MEMBER], competition, application.id,
                                  kind="relative", note="Vợ", now=clock.now)
    for action in (lambda a: registration.accept_application(db, a, application, now=clock.now,
                                                             reason="Đủ điều kiện theo hồ sơ"),
                   lambda a: registration.reject_application(db, a, application, now=clock.now,
                                                             reason="Không đủ điều kiện gì cả")):
        with pytest.raises(PermissionDenied, match="conflict of interest"):
            action(board[Role.BOARD_MEMBER])
    assert application.status == ApplicationStatus.SUBMITTED


# --------------------------------------------------------------------------- eligibility gate


def test_the_board_cannot_accept_a_failing_application_without_a_reason(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED, min_management_years=5)
    board = make_board(db, competition)
    short = make_application(db, competition, management_years=3)  # fails years and the CV
    with pytest.raises(InvalidInput, match="Years in a management role.*written reason"):
        registration.accept_application(db, board[Role.CHAIR], short, now=clock.now)
    with pytest.raises(InvalidInput, match="written reason"):
        registration.accept_application(db, board[Role.CHAIR], short, now=clock.now,
                                        reason="   ok  ")
    assert short.status == ApplicationStatus.SUBMITTED
    reason = "Thời gian giữ chức vụ tương đương được tính theo Quyết định 12/QĐ-UBND."
    registration.accept_application(db, board[Role.CHAIR], short, now=clock.now, reason=reason)
    assert short.status == ApplicationStatus.ACCEPTED
    override = db.scalar(select(EligibilityOverride))
    assert override.reason == reason
    assert "Years in a management role" in override.failed
    entry = audit_payloads(db, "application.accepted_despite_findings")[0]
    assert entry["reason"] == reason


# --------------------------------------------------------------------------- minimum


def _vote_all(db, board, vote, option, now, *, skip=()):
    for person in board.values():
        if person not in skip:
            votes.cast_ballot(db, person, vote, option, now=now)


def test_a_competition_with_one_accepted_candidate_cannot_proceed_without_the_recorded_vote(
        db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    board = make_board(db, competition)
    make_application(db, competition, status="accepted")
    with pytest.raises(Conflict, match="1 candidate.*minimum of 2.*vote to proceed"):
        competitions.advance_stage(db, board[Role.CHAIR], competition, now=clock.now)
    reasons = "Chức danh chuyên môn hẹp; đã gia hạn một lần mà không có thêm người đăng ký."
    against = gate.open_collegial_vote(db, board[Role.CHAIR], competition, subject="proceed",
                                       reasons=reasons, closes_at=clock.hours(1), now=clock.now)
    _vote_all(db, board, db.get(BoardVote, against.vote_id), 1, clock.now)
    gate.apply_decision(db, board[Role.SECRETARY], against, now=clock.now)
    with pytest.raises(Conflict, match="vote to proceed"):
        competitions.advance_stage(db, board[Role.CHAIR], competition, now=clock.now)
    decision = gate.open_collegial_vote(db, board[Role.CHAIR], competition, subject="proceed",
                                        reasons=reasons, closes_at=clock.hours(1), now=clock.now)
    _vote_all(db, board, db.get(BoardVote, decision.vote_id), 0, clock.now)
    gate.apply_decision(db, board[Role.SECRETARY], decision, now=clock.now)
    competitions.advance_stage(db, board[Role.CHAIR], competition, now=clock.now)
    assert competition.stage == Stage.ELIGIBILITY_REVIEWED
    public = gate.public_decisions(db, competition, now=clock.now)
    assert [(d["subject"], d["outcome"], d["reasons"]) for d in public] == [
        ("proceed", "decided", reasons), ("proceed", "decided", reasons)]
    assert public[1]["decision"] == "Proceed with the candidates there are"


def test_registration_does_not_close_below_the_minimum_unless_the_board_extends_or_votes(
        db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_OPEN,
                                   registration_closes_at=clock.days(-1))
    board = make_board(db, competition)
    make_application(db, competition)
    with pytest.raises(Conflict, match="extend registration"):
        competitions.advance_stage(db, board[Role.CHAIR], competition, now=clock.now)
    with pytest.raises(InvalidInput, match="later than the current one"):
        gate.extend_registration(db, board[Role.CHAIR], competition, closes_at=clock.days(-2),
                                 reason="Chưa đủ số người đăng ký tối thiểu.", now=clock.now)
    gate.extend_registration(db, board[Role.SECRETARY], competition, closes_at=clock.days(7),
                             reason="Chưa đủ số người đăng ký tối thiểu.", now=clock.now)
    assert competition.registration_closes_at == clock.days(7)
    make_application(db, competition, user=make_user(db, full_name="Tống Văn Hai"))
    competitions.advance_stage(db, board[Role.CHAIR], competition, now=clock.days(8))
    assert competition.stage == Stage.REGISTRATION_CLOSED


# --------------------------------------------------------------------------- ties


def _tie_scene(db, clock):
    tied = {"Nguyễn Thị Hương": (80, 80), "Trần Đức Anh": (80, 80),
            "Lê Thị Ánh Tuyết": (95, 40), "Phạm Quốc Việt": (60, 62)}
    scene = make_scene(db, clock, scores=tied)
    return scene, scene.app("Nguyễn Thị Hương"), scene.app("Trần Đức Anh")


def test_the_tally_not_the_chair_records_a_tie_decision(db, clock):
    scene, huong, anh = _tie_scene(db, clock)
    with pytest.raises(Conflict, match="secret vote"):
        gate.record_tie_decision(db, scene.chair, scene.competition, [anh.id, huong.id],
                                    reason="Chủ tịch quyết định một mình", now=clock.now,
                                    part_scores=scene.scores)
    decision = gate.open_collegial_vote(
        db, scene.chair, scene.competition, subject="tie", application_ids=[anh.id, huong.id],
        reasons="Hai ứng viên bằng điểm, kể cả phần đề án và phần thi viết.",
        closes_at=clock.hours(2), now=clock.now, part_scores=scene.scores)
    vote = db.get(BoardVote, decision.vote_id)
    huong_first = decision.option_orders.index([huong.id, anh.id])
    anh_first = decision.option_orders.index([anh.id, huong.id])
    votes.cast_ballot(db, scene.chair, vote, anh_first, now=clock.now)
    votes.cast_ballot(db, scene.secretary, vote, huong_first, now=clock.now)
    votes.cast_ballot(db, scene.member, vote, huong_first, now=clock.now)
    with pytest.raises(Conflict, match="decided another order"):
        gate.record_tie_decision(db, scene.chair, scene.competition, [anh.id, huong.id],
                                    reason="Chủ tịch chọn thứ tự khác", now=clock.now,
                                    part_scores=scene.scores)
    gate.record_tie_decision(db, scene.chair, scene.competition, [huong.id, anh.id],
                                reason="Theo kết quả biểu quyết", now=clock.now,
                                part_scores=scene.scores)
    ties = results.tie_decisions(db, scene.competition)
    assert [t.application_ids for t in ties] == [[huong.id, anh.id]]
    assert "2 of 3 votes" in ties[0].reason
    with pytest.raises(Conflict, match="already recorded"):
        gate.apply_decision(db, scene.chair, decision, now=clock.now, part_scores=scene.scores)
    version = results.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    standing = {r.full_name: r.standing for r in version.rows}
    assert standing["Nguyễn Thị Hương"] == "recommended"
    assert version.data["board_decisions"] == [
        {"order": [huong.candidate_number, anh.candidate_number], "reason": ties[0].reason}]


def test_a_tie_vote_without_majority_follows_the_rules_fallback(db, clock):
    scene, huong, anh = _tie_scene(db, clock)
    admin = make_admin(db)

    def split_vote():
        decision = gate.open_collegial_vote(
            db, scene.chair, scene.competition, subject="tie",
            application_ids=[anh.id, huong.id], reasons="Hai ứng viên bằng điểm tuyệt đối.",
            closes_at=clock.hours(2), now=clock.now, part_scores=scene.scores)
        vote = db.get(BoardVote, decision.vote_id)
        votes.cast_ballot(db, scene.chair, vote, 0, now=clock.now)
        votes.cast_ballot(db, scene.secretary, vote, 1, now=clock.now)
        gate.apply_decision(db, scene.member, decision, now=clock.hours(2),
                            part_scores=scene.scores)
        return decision

    first = split_vote()
    assert first.outcome == "no_majority"
    assert results.tie_decisions(db, scene.competition) == []
    with pytest.raises(Conflict, match="only after a vote without majority"):  # rule: revote
        gate.record_authority_tie(db, admin, first, [anh.id, huong.id],
                                  reference="Quyết định số 45/QĐ-UBND ngày 01/12", now=clock.now,
                                  part_scores=scene.scores)
    # The fallback is part of the rules fixed before the lock: changing it now is refused.
    with pytest.raises(Conflict, match="tie rule can no longer change"):
        presentation.set_presentation_rules(
            db, scene.chair, scene.competition, scoring_rule="spread", programme_deadline=None,
            panel_quorum=3, min_candidates=2, tie_fallback="authority", now=clock.now)
    second = split_vote()  # revote: a new vote may be opened after one without majority
    assert second.outcome == "no_majority"


def test_a_tie_referred_to_the_appointing_authority_is_recorded_by_the_administrator(db, clock):
    scene, huong, anh = _tie_scene(db, clock)
    scene.competition.stage = Stage.SCORING
    presentation.set_presentation_rules(
        db, scene.chair, scene.competition, scoring_rule="spread", programme_deadline=None,
        panel_quorum=3, min_candidates=2, tie_fallback="authority", now=clock.days(-2))
    scene.competition.stage = Stage.IDENTITIES_REVEALED
    decision = gate.open_collegial_vote(
        db, scene.chair, scene.competition, subject="tie", application_ids=[anh.id, huong.id],
        reasons="Hai ứng viên bằng điểm tuyệt đối.", closes_at=clock.hours(2), now=clock.now,
        part_scores=scene.scores)
    gate.apply_decision(db, scene.member, decision, now=clock.hours(2), part_scores=scene.scores)
    assert decision.outcome == "no_quorum"
    with pytest.raises(PermissionDenied):
        gate.record_authority_tie(db, scene.chair, decision, [anh.id, huong.id],
                                  reference="Quyết định số 45/QĐ-UBND", now=clock.hours(3),
                                  part_scores=scene.scores)
    gate.record_authority_tie(db, make_admin(db), decision, [anh.id, huong.id],
                              reference="Quyết định số 45/QĐ-UBND ngày 01/12/2026",
                              now=clock.hours(3), part_scores=scene.scores)
    assert [t.application_ids for t in results.tie_decisions(db, scene.competition)] == [
        [anh.id, huong.id]]


# --------------------------------------------------------------------------- scoring rules


def test_spread_rule_worked_examples(db, clock):
    """Spread rule: 70, 72, 75 -> spread 5 -> mean 72.333.. = 72.3. 70, 78, 76 -> spread 8 ->
    the chair decides within 70..78. 60, 75, 70 -> spread 15 -> a new round; 80, 82, 81 -> 81.0."""
    r = presentation_round(db, clock, rule="spread")
    a, b, c = r.applications
    score(db, r, a, ["70", "72", "75"], clock)
    assert (state(db, r, a).result.score, state(db, r, a).result.basis) == (
        Decimal("72.3"), FinalBasis.MEAN)
    score(db, r, b, ["70", "78", "76"], clock)
    assert state(db, r, b).outcome == "chair"
    with pytest.raises(InvalidInput, match="between the lowest and highest"):
        scoring.decide_presentation(db, r.members[0], r.competition, b.id, score="79",
                                    reason="Sau khi trao đổi trong ban chấm.", now=clock.now)
    scoring.decide_presentation(db, r.members[0], r.competition, b.id, score="76",
                                reason="Sau khi trao đổi trong ban chấm.", now=clock.now)
    assert state(db, r, b).result.basis == FinalBasis.CHAIR
    score(db, r, c, ["60", "75", "70"], clock)
    assert state(db, r, c).round_no == 2
    score(db, r, c, ["80", "82", "81"], clock)
    assert (state(db, r, c).result.score, state(db, r, c).result.round_no) == (Decimal("81.0"), 2)


def test_single_secret_round_worked_examples(db, clock):
    """Single round, plain mean: 60, 75, 90 -> 75.0 (no chair, no second round however wide the
    spread); 70, 71, 72.5 -> 213.5 / 3 = 71.166.. = 71.2."""
    r = presentation_round(db, clock, rule="single_mean")
    a, b, _c = r.applications
    score(db, r, a, ["60", "75", "90"], clock)
    result = state(db, r, a).result
    assert (result.score, result.basis, result.round_no) == (Decimal("75.0"), FinalBasis.MEAN, 1)
    score(db, r, b, ["70", "71", "72.5"], clock)
    assert state(db, r, b).result.score == Decimal("71.2")
    with pytest.raises(Conflict, match="scoring rule can no longer change"):
        presentation.set_presentation_rules(
            db, r.chair, r.competition, scoring_rule="spread", programme_deadline=None,
            panel_quorum=3, min_candidates=2, tie_fallback="revote", now=clock.now)


# --------------------------------------------------------------------------- the session


def test_the_order_is_drawn_and_the_secretary_records_each_presentation(db, clock):
    r = presentation_round(db, clock)
    with pytest.raises(Conflict, match="Freeze the action programmes"):
        presentation.draw_presentation_order(db, r.chair, r.competition, now=clock.now)
    presentation.freeze_programmes(db, r.secretary, r.competition, now=clock.now)
    with pytest.raises(PermissionDenied):
        presentation.draw_presentation_order(db, r.board[Role.BOARD_MEMBER], r.competition,
                                             now=clock.now)
    sitting = presentation.draw_presentation_order(db, r.chair, r.competition, now=clock.now)
    numbers = [(a.id, a.candidate_number) for a in r.applications]
    assert sitting.order == presentation.drawn_order(sitting.seed_hex, numbers)
    assert audit_payloads(db, "presentation.order_drawn")[0]["seed"] == sitting.seed_hex
    first, second = (next(a for a in r.applications if a.id == i) for i in sitting.order[:2])
    minutes = {"started_at": clock.hours(1), "ended_at": clock.hours(1.5),
                   "present_ids": [m.id for m in r.members[:2]],
                   "questions": "Hỏi: Giải pháp nào ưu tiên trong năm đầu?", "now": clock.hours(2)}
    with pytest.raises(PermissionDenied, match="secretary"):
        presentation.record_presentation(db, r.chair, r.competition, first.id, **minutes)
    with pytest.raises(Conflict, match="drawn order"):
        presentation.record_presentation(db, r.secretary, r.competition, second.id, **minutes)
    with pytest.raises(InvalidInput, match="ends after it starts"):
        presentation.record_presentation(db, r.secretary, r.competition, first.id,
                                         **{**minutes, "ended_at": clock.hours(0.5)})
    presentation.record_presentation(db, r.secretary, r.competition, first.id, **minutes)
    with pytest.raises(Conflict, match="not recorded this presentation"):
        scoring.submit_presentation_score(db, r.members[0], r.competition, second.id,
                                          score="70", now=clock.hours(2))
    with pytest.raises(PermissionDenied, match="not recorded as present"):
        scoring.submit_presentation_score(db, r.members[2], r.competition, first.id,
                                          score="70", now=clock.hours(2))
    with pytest.raises(InvalidInput, match="before the previous one ended"):
        presentation.record_presentation(db, r.secretary, r.competition, second.id,
                                         **{**minutes, "started_at": clock.hours(1.2)})


def test_after_the_results_a_candidate_reads_the_minutes_and_scores_without_names(db, clock):
    r = presentation_round(db, clock, members=3)
    presentation.freeze_programmes(db, r.secretary, r.competition, now=clock.now)
    sitting = presentation.draw_presentation_order(db, r.chair, r.competition, now=clock.now)
    first = next(a for a in r.applications if a.id == sitting.order[0])
    presentation.record_presentation(
        db, r.secretary, r.competition, first.id, started_at=clock.hours(1),
        ended_at=clock.hours(1.5), present_ids=[m.id for m in r.members],
        questions="Hỏi: Nguồn lực thực hiện đề án lấy từ đâu?", now=clock.hours(2))
    score(db, r, first, ["70", "72", "75"], clock)
    before = presentation.own_presentation(db, first.user, r.competition)
    assert before["slot"] is None
    assert before["breakdown"] is None
    r.competition.stage = Stage.PROVISIONAL_RESULTS
    mine = presentation.own_presentation(db, first.user, r.competition)
    assert "Nguồn lực" in mine["slot"].questions
    assert mine["breakdown"]["rounds"] == [{"round": 1, "scores": ["75.00", "72.00", "70.00"]}]
    assert mine["breakdown"]["score"] == "72.30"
    text = json.dumps(mine["breakdown"], ensure_ascii=False)
    assert not any(m.full_name in text or f'"{m.id}"' in text for m in r.members)


def test_the_signed_sheet_prints_the_reason_of_the_tie_decision_that_set_a_place(
        db, clock, signing_key, sheet_folder, tmp_path):
    from exam.results import sheets
    from tests.documents.conftest import pdftotext

    scene, huong, anh = _tie_scene(db, clock)
    decision = gate.open_collegial_vote(
        db, scene.chair, scene.competition, subject="tie", application_ids=[anh.id, huong.id],
        reasons="Hai thí sinh bằng điểm tuyệt đối ở chỉ tiêu cuối cùng.",
        closes_at=clock.hours(2), now=clock.now, part_scores=scene.scores)
    vote = db.get(BoardVote, decision.vote_id)
    for member in (scene.chair, scene.secretary, scene.member):
        votes.cast_ballot(db, member, vote, decision.option_orders.index([anh.id, huong.id]),
                          now=clock.now)
    gate.apply_decision(db, scene.chair, decision, now=clock.now, part_scores=scene.scores)
    version = results.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    sheet = sheets.sign_result_sheet(db, scene.chair, version, key=signing_key,
                                     folder=sheet_folder, base_url="http://testserver",
                                     organization="Sở Nội vụ", now=clock.now)
    text = " ".join(pdftotext(sheets.sheet_file(sheet, sheet_folder), tmp_path).split())
    assert "bằng điểm tuyệt đối ở chỉ tiêu cuối cùng" in text
    assert f"{anh.candidate_number} > {huong.candidate_number}" in text


def test_a_chair_with_a_conflict_does_not_answer_that_candidates_appeal(db, clock):
    from exam.appeals import service as appeals

    scene = make_scene(db, clock, stage=Stage.IDENTITIES_REVEALED)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    huong = scene.app("Nguyễn Thị Hương")
    appeal = appeals.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                        reason="Bài làm đủ ý nhưng bị chấm thấp.",
                                        now=clock.days(1))
    presentation.declare_conflict(db, scene.chair, scene.competition, huong.id, kind="line",
                                  note="", now=clock.days(1))
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        appeals.answer_remark_appeal(db, scene.chair, appeal, grant=False,
                                     reason="Giữ nguyên điểm đã chấm.", now=clock.days(2))
    appeals.answer_remark_appeal(db, scene.secretary, appeal, grant=False,
                                 reason="Giữ nguyên điểm đã chấm.", now=clock.days(2))
