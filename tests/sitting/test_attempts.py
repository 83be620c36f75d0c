"""The sitting: the window, the room, the server's clock, autosave races, submission, receipts."""

import hashlib
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.competitions.models import Stage
from exam.documents import keystore
from exam.documents.signing import sign_detached
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.sitting import attempts, service
from exam.sitting.models import AnswerSave, Attempt
from question_bank.draw import canonical_json
from tests.sitting.helpers import open_sitting, sitting_competition


@pytest.fixture
def world(db, clock):
    return open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)


def started(db, world, clock, n=0):
    application = world["applications"][n]
    attempt = attempts.start_attempt(db, application.user, world["competition"], now=clock.now)
    return application.user, attempt


def line_of(db, attempt, type_):
    return next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == type_)


def test_start_needs_the_window_the_code_and_the_room_network(db, clock, world):
    competition, user = world["competition"], world["applications"][0].user
    with pytest.raises(Conflict, match="not opened yet"):
        attempts.start_attempt(db, user, competition, now=competition.sitting_opens_at
                               - timedelta(minutes=1))
    attempts.set_room_rules(db, world["proctor"], competition, access_code="sen-hong",
                            allowed_networks="10.1.2.0/24", now=clock.now)
    with pytest.raises(InvalidInput, match="access code"):
        attempts.start_attempt(db, user, competition, access_code="sai", now=clock.now,
                               address="10.1.2.7")
    with pytest.raises(PermissionDenied, match="network"):
        attempts.start_attempt(db, user, competition, access_code="SEN-HONG", now=clock.now,
                               address="192.168.1.5")
    attempt = attempts.start_attempt(db, user, competition, access_code="SEN-HONG",
                                     now=clock.now, address="10.1.2.7")
    assert attempts.deadline(attempt) == clock.now + timedelta(minutes=90)
    with pytest.raises(Conflict, match="window has closed"):
        attempts.start_attempt(db, world["applications"][1].user, competition,
                               access_code="SEN-HONG", address="10.1.2.8",
                               now=competition.sitting_closes_at)


def test_one_attempt_per_candidate_and_starting_again_resumes_it(db, clock, world):
    user, attempt = started(db, world, clock)
    again = attempts.start_attempt(db, user, world["competition"], now=clock.now
                                   + timedelta(minutes=20))
    assert again.id == attempt.id
    assert again.started_at == clock.now
    assert db.scalar(select(func.count()).select_from(Attempt)) == 1


def test_only_accepted_candidates_of_this_competition_start(db, clock, world):
    with pytest.raises(PermissionDenied):
        attempts.start_attempt(db, world["proctor"], world["competition"], now=clock.now)


def test_an_older_save_never_replaces_a_newer_answer(db, clock, world):
    user, attempt = started(db, world, clock)
    line = line_of(db, attempt, "short_answer").line
    newer = attempts.save_answer(db, user, attempt, line.id, response="Bộ Nội vụ",
                                 is_flagged=False, client_seq=2000, now=clock.now)
    older = attempts.save_answer(db, user, attempt, line.id, response="Sở Nội vụ",
                                 is_flagged=False, client_seq=1000, now=clock.now)
    assert newer.is_saved
    assert not older.is_saved
    assert json.loads(older.current.response) == "Bộ Nội vụ"
    shown = line_of(db, attempt, "short_answer")
    assert shown.answer == "Bộ Nội vụ"
    assert db.scalar(select(func.count()).select_from(AnswerSave)) == 1


def test_a_retried_save_is_acknowledged_once(db, clock, world):
    user, attempt = started(db, world, clock)
    line = line_of(db, attempt, "single_choice").line
    for _ in range(2):
        result = attempts.save_answer(db, user, attempt, line.id, response=["C"], is_flagged=True,
                                      client_seq=500, now=clock.now)
        assert result.is_saved
    assert db.scalar(select(func.count()).select_from(AnswerSave)) == 1


def test_a_response_outside_the_options_is_refused(db, clock, world):
    user, attempt = started(db, world, clock)
    line = line_of(db, attempt, "single_choice").line
    with pytest.raises(InvalidInput):
        attempts.save_answer(db, user, attempt, line.id, response=["A", "B"], is_flagged=False,
                             client_seq=1, now=clock.now)
    with pytest.raises(InvalidInput):
        attempts.save_answer(db, user, attempt, line.id, response=["Q"], is_flagged=False,
                             client_seq=1, now=clock.now)


def test_another_candidate_cannot_save_into_a_paper(db, clock, world):
    _user, attempt = started(db, world, clock)
    other = world["applications"][1].user
    with pytest.raises(PermissionDenied):
        attempts.save_answer(db, other, attempt, attempt.paper.items[0].id, response="x",
                             is_flagged=False, client_seq=1, now=clock.now)


def test_saves_close_after_the_deadline_plus_grace_and_the_attempt_submits_itself(db, clock, world):
    user, attempt = started(db, world, clock)
    line = line_of(db, attempt, "numeric").line
    end = attempts.deadline(attempt)
    attempts.save_answer(db, user, attempt, line.id, response="3,5", is_flagged=False,
                         client_seq=1, now=end + timedelta(seconds=20))
    with pytest.raises(Conflict, match="after the deadline"):
        attempts.save_answer(db, user, attempt, line.id, response="4", is_flagged=False,
                             client_seq=2, now=end + timedelta(seconds=31))
    assert attempts.close_expired_attempts(db, end + timedelta(seconds=29)) == 0
    assert attempts.close_expired_attempts(db, end + timedelta(hours=2)) == 1
    assert attempt.is_auto_submitted
    assert attempt.submitted_at == end + timedelta(seconds=30)
    document = attempts.submission_document(db, attempt, attempt.submitted_at)
    assert "3,5" in [a["response"] for a in document["answers"]]


def test_extra_time_moves_the_deadline_and_is_logged(db, clock, world):
    user, attempt = started(db, world, clock)
    before = attempts.deadline(attempt)
    with pytest.raises(PermissionDenied):
        attempts.grant_extra_time(db, user, attempt, minutes=10, reason="tự xin thêm",
                                  now=clock.now)
    attempts.grant_extra_time(db, world["proctor"], attempt, minutes=15,
                              reason="Mất điện phòng thi 15 phút", now=clock.now)
    assert attempts.deadline(attempt) == before + timedelta(minutes=15)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.extra_time_granted"))
    assert json.loads(entry.payload)["minutes"] == 15
    line = attempt.paper.items[0]
    assert attempts.save_answer(db, user, attempt, line.id, response=None, is_flagged=True,
                                client_seq=1, now=before + timedelta(minutes=5)).is_saved


def test_submission_scores_objective_items_and_issues_a_signed_receipt(db, clock, world, tmp_path):
    keystore.create_dev_keys(tmp_path, "Hội đồng thi tuyển")
    key = keystore.organization_key(tmp_path)
    user, attempt = started(db, world, clock)
    lines = attempts.paper_lines(db, attempt)
    right = next(pl for pl in lines if pl.item.type == "multiple_response")
    wrong = next(pl for pl in lines if pl.item.type == "single_choice")
    essay = next(pl for pl in lines if pl.item.type == "essay")
    attempts.save_answer(db, user, attempt, right.line.id, response=right.tokens_for(right.item.correct_indices),
                         is_flagged=False, client_seq=1, now=clock.now)
    incorrect = next(i for i in range(len(wrong.item.options)) if i not in wrong.item.correct_indices)
    attempts.save_answer(db, user, attempt, wrong.line.id, response=wrong.tokens_for([incorrect]), is_flagged=False,
                         client_seq=2, now=clock.now)
    attempts.save_answer(db, user, attempt, essay.line.id, response="Chương trình hành động…",
                         is_flagged=False, client_seq=3, now=clock.now)
    attempts.submit_attempt(db, user, attempt, now=clock.now + timedelta(minutes=40),
                            sign=lambda data: sign_detached(data, key))

    assert service.objective_part_scores(db, world["competition"]) == {
        attempt.application_id: {"A": Decimal("2.00")}}
    document = attempts.submission_document(db, attempt, attempt.submitted_at)
    assert attempt.answers_sha256 == hashlib.sha256(canonical_json(document).encode()).hexdigest()
    assert json.loads(attempt.receipt_statement)["answers_sha256"] == attempt.answers_sha256
    assert attempts.verify_receipt(attempt.receipt_statement, attempt.receipt_signature,
                                   keystore.trust_roots(tmp_path))
    forged = attempt.receipt_statement.replace(attempt.answers_sha256, "0" * 64)
    assert not attempts.verify_receipt(forged, attempt.receipt_signature,
                                       keystore.trust_roots(tmp_path))
    [essay_answer] = service.essay_answers(db, world["competition"])
    assert essay_answer.answer_text == "Chương trình hành động…"
    assert essay_answer.max_points == Decimal("10")
    assert sum(c.max_points for c in essay_answer.rubric) == Decimal("10")
    with pytest.raises(Conflict):
        attempts.save_answer(db, user, attempt, right.line.id, response=[], is_flagged=False,
                             client_seq=9, now=clock.now + timedelta(minutes=41))


def test_close_sitting_waits_for_running_attempts_then_enters_scoring(db, clock, world):
    competition, chair = world["competition"], world["chair"]
    user, attempt = started(db, world, clock)
    with pytest.raises(Conflict, match="window has not closed"):
        service.close_sitting(db, chair, competition, now=clock.now)
    attempts.grant_extra_time(db, world["proctor"], attempt, minutes=200,
                              reason="Chế độ ưu tiên đã được duyệt", now=clock.now)
    with pytest.raises(Conflict, match="still running"):
        service.close_sitting(db, chair, competition, now=competition.sitting_closes_at)
    attempts.submit_attempt(db, user, attempt, now=competition.sitting_closes_at)
    service.close_sitting(db, chair, competition, now=competition.sitting_closes_at)
    assert competition.stage == Stage.SCORING


def test_proctor_board_counts_answers_and_flags(db, clock, world):
    user, attempt = started(db, world, clock)
    line = line_of(db, attempt, "single_choice").line
    attempts.save_answer(db, user, attempt, line.id, response=["A"], is_flagged=True,
                         client_seq=1, now=clock.now)
    rows = attempts.proctor_board(db, world["proctor"], world["competition"], now=clock.now)
    mine = next(r for r in rows if r.attempt is not None)
    assert (mine.answered, mine.flagged, mine.total) == (1, 1, 25)
    assert sum(1 for r in rows if r.attempt is None) == 2
    with pytest.raises(PermissionDenied):
        attempts.proctor_board(db, world["member"], world["competition"], now=clock.now)


def test_a_rescaled_rubric_still_sums_to_the_points_of_the_cell():
    from question_bank.items import Criterion

    rubric = tuple(Criterion(name, 1) for name in ("Nội dung", "Giải pháp", "Trình bày"))
    scaled = service._rescaled(rubric, Decimal(3), Decimal(10))
    assert [c.max_points for c in scaled] == [Decimal("3.33"), Decimal("3.33"), Decimal("3.34")]
