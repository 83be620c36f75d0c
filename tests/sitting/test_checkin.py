"""Check-in before the start, the start as a key, the finish from the queue."""

import base64
from datetime import timedelta

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.errors import Conflict, PermissionDenied
from exam.jobs.models import Job
from exam.rooms import service as rooms
from exam.sitting import attempts, checkin, finish
from exam.sitting.models import Attempt, ObjectiveScore, SealedPaper
from tests.rooms.helpers import proctor_of, roomed_world
from tests.sitting.helpers import open_sitting, sitting_competition


def render(lines, locale):
    """The questions' text, as the page's template would put it (tests read it back)."""
    return f"<div lang='{locale}'>" + "".join(
        f"<p>{pl.item.stem_text}</p>" + "".join(f"<li>{t}</li>" for _, t in pl.display_options)
        for pl in lines) + "</div>"


@pytest.fixture
def world(db, clock):
    opens = clock.now + timedelta(minutes=10)
    return open_sitting(db, sitting_competition(
        db, now=clock.now, sitting_opens=opens, sitting_closes=opens + timedelta(hours=3)),
        now=clock.now)


def opens(world):
    return world["competition"].sitting_opens_at


def checked_in(db, world, n=0, *, at=None):
    application = world["applications"][n]
    attempt = checkin.check_in(db, application.user, world["competition"], render=render,
                               now=at or opens(world) - timedelta(minutes=5))
    return application.user, attempt


def release(db, user, attempt, now, address=""):
    return checkin.release_paper_key(db.connection(), user_id=user.id,
                                     competition_id=attempt.competition_id,
                                     attempt_id=attempt.id, address=address, now=now)


def opened(sealed: SealedPaper, attempt, locale="vi") -> str:
    raw = base64.b64decode(sealed.blobs[locale])
    return AESGCM(bytes.fromhex(sealed.paper_key)).decrypt(
        raw[:12], raw[12:], checkin.aad(attempt.id, locale)).decode()


def test_check_in_delivers_the_paper_sealed_and_unreadable(db, world):
    user, attempt = checked_in(db, world)
    assert attempt.started_at is None
    assert attempt.submitted_at is None
    sealed = db.get(SealedPaper, attempt.id)
    stems = [pl.item.stem_text for pl in attempts.paper_lines(db, attempt)]
    for locale in ("vi", "en"):
        blob = base64.b64decode(sealed.blobs[locale])
        for stem in stems:
            assert stem.encode() not in blob
            assert stem.encode() not in sealed.blobs[locale].encode()
        plain = opened(sealed, attempt, locale)
        assert all(stem in plain for stem in stems)
        assert len(plain.encode()) % checkin.PAD_BYTES == 0
    _other, other = checked_in(db, world, 1)
    other_sealed = db.get(SealedPaper, other.id)
    assert other_sealed.paper_key != sealed.paper_key
    assert other_sealed.blobs["vi"] != sealed.blobs["vi"]
    raw = base64.b64decode(other_sealed.blobs["vi"])
    with pytest.raises(InvalidTag):  # a blob cannot be opened as another attempt's
        AESGCM(bytes.fromhex(other_sealed.paper_key)).decrypt(raw[:12], raw[12:],
                                                              checkin.aad(attempt.id, "vi"))
    assert checkin.check_in(db, user, world["competition"], render=render,
                            now=opens(world) - timedelta(minutes=1)) is attempt
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.checked_in"))
    assert sealed.paper_key not in entry.payload


def test_check_in_is_open_in_its_window_only(db, world):
    user = world["applications"][0].user
    with pytest.raises(Conflict, match="Check-in opens"):
        checkin.check_in(db, user, world["competition"], render=render,
                         now=opens(world) - timedelta(minutes=31))
    with pytest.raises(Conflict, match="has started"):
        checkin.check_in(db, user, world["competition"], render=render, now=opens(world))
    assert db.scalar(select(func.count()).select_from(Attempt)) == 0


def test_the_key_is_refused_before_the_start_by_the_server_clock(db, world):
    user, attempt = checked_in(db, world)
    with pytest.raises(checkin.NotYet) as refusal:
        release(db, user, attempt, opens(world) - timedelta(seconds=2))
    assert refusal.value.wait_seconds == 2
    db.refresh(attempt)
    assert attempt.started_at is None
    with pytest.raises(Conflict, match="not started"):
        attempts.save_answer(db, user, attempt, attempt.paper.items[0].id, response=["A"],
                             is_flagged=False, client_seq=1, now=opens(world))


def test_the_key_is_refused_to_another_candidate(db, world):
    _user, attempt = checked_in(db, world)
    intruder = world["applications"][1].user
    with pytest.raises(PermissionDenied, match="not your paper"):
        release(db, intruder, attempt, opens(world) + timedelta(seconds=1))
    with pytest.raises(PermissionDenied):
        release(db, world["proctor"], attempt, opens(world) + timedelta(seconds=1))
    db.refresh(attempt)
    assert attempt.started_at is None


def test_the_key_is_released_once_its_time_is_the_start_and_it_is_logged(db, world):
    user, attempt = checked_in(db, world)
    start = opens(world) + timedelta(seconds=3)
    first = release(db, user, attempt, start)
    sealed = db.get(SealedPaper, attempt.id)
    assert base64.b64decode(first.key_b64) == bytes.fromhex(sealed.paper_key)
    assert first.is_first_release
    assert first.started_at == start
    again = release(db, user, attempt, start + timedelta(minutes=2))
    assert not again.is_first_release
    assert again.started_at == start
    assert again.key_b64 == first.key_b64
    db.expire(attempt)
    assert attempt.started_at == start
    assert attempts.deadline(attempt) == start + timedelta(minutes=90)
    assert attempts.remaining_seconds(attempt, start + timedelta(minutes=30)) == 60 * 60
    assert attempts.log_released_starts(db) == 1
    assert attempts.log_released_starts(db) == 0
    [entry] = db.scalars(select(AuditEntry).where(
        AuditEntry.action == "sitting.attempt_started")).all()
    assert entry.at == start
    assert entry.object_id == str(attempt.id)
    assert sealed.paper_key not in entry.payload
    assert first.key_b64 not in entry.payload
    saved = attempts.save_answer(db, user, attempt, attempt.paper.items[0].id, response=["A"],
                                 is_flagged=False, client_seq=1, now=start + timedelta(minutes=1))
    assert saved.is_saved


def test_the_late_entry_limit_and_the_proctors_admission_apply_to_the_key(db, world):
    user, attempt = checked_in(db, world)
    late = opens(world) + timedelta(minutes=16)
    with pytest.raises(Conflict, match="Late entry closed"):
        release(db, user, attempt, late)
    attempts.admit_late(db, world["proctor"], world["competition"], attempt.application_id,
                        reason="Xe buýt đến muộn", now=late)
    released = release(db, user, attempt, late + timedelta(seconds=5))
    assert released.started_at == late + timedelta(seconds=5)


def test_a_candidate_not_marked_present_gets_no_key(db, clock):
    start = clock.now + timedelta(minutes=10)
    world = roomed_world(db, now=clock.now, candidates=3, sitting_opens=start,
                         sitting_closes=start + timedelta(hours=3))
    application = world["applications"][0]
    attempt = checkin.check_in(db, application.user, world["competition"], render=render,
                               now=start - timedelta(minutes=5))
    with pytest.raises(Conflict, match="not marked you present"):
        release(db, application.user, attempt, start + timedelta(seconds=1))
    proctor = proctor_of(db, world, application)
    rooms.mark(db, proctor, world["competition"], application.id, status="absent",
               now=start - timedelta(minutes=1))
    with pytest.raises(Conflict, match="not marked you present"):
        release(db, application.user, attempt, start + timedelta(seconds=2))
    rooms.mark(db, proctor, world["competition"], application.id, status="present",
               now=start + timedelta(seconds=3))
    assert release(db, application.user, attempt, start + timedelta(seconds=4)).is_first_release
    with pytest.raises(Conflict, match="already started"):
        rooms.mark(db, proctor, world["competition"], application.id, status="absent",
                   now=start + timedelta(seconds=5))


def test_the_start_form_without_javascript_releases_the_same_way(db, world):
    user, attempt = checked_in(db, world)
    with pytest.raises(Conflict, match="starts at"):
        checkin.start_sitting(db, user, world["competition"], now=opens(world)
                              - timedelta(seconds=1))
    started = checkin.start_sitting(db, user, world["competition"],
                                    now=opens(world) + timedelta(seconds=7))
    assert started.id == attempt.id
    assert started.started_at == opens(world) + timedelta(seconds=7)
    assert started.is_start_logged


def test_submission_answers_at_once_and_the_receipt_comes_from_the_queue(db, world):
    user, attempt = checked_in(db, world)
    start = opens(world) + timedelta(seconds=1)
    release(db, user, attempt, start)
    db.expire(attempt)
    line = attempts.paper_lines(db, attempt)[0]
    attempts.save_answer(db, user, attempt, line.line.id, response=line.tokens_for([0]),
                         is_flagged=False, client_seq=1, now=start + timedelta(minutes=1))
    finish.submit(db, user, attempt, now=start + timedelta(minutes=20))
    assert attempt.submitted_at == start + timedelta(minutes=20)
    assert attempt.receipt_statement is None
    assert attempt.answers_sha256 is None
    assert db.scalar(select(func.count()).select_from(ObjectiveScore)) == 0
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.submitted")) is None
    with pytest.raises(Conflict, match="submitted"):
        attempts.save_answer(db, user, attempt, line.line.id, response=line.tokens_for([1]),
                             is_flagged=False, client_seq=2, now=start + timedelta(minutes=21))
    job = db.scalar(select(Job).where(Job.kind == finish.RECEIPT))
    assert job.state == "running"
    assert job.params == {"attempt_id": attempt.id}
    # the worker dies in the middle of the job: nothing of it stays, the job is still due
    nested = db.begin_nested()
    attempts.issue_receipt(db, attempt, now=job.created_at)
    nested.rollback()
    db.expire_all()
    assert db.get(Attempt, attempt.id).receipt_statement is None
    assert finish.work(db, now=start + timedelta(minutes=22), sign=None) == 1
    assert finish.work(db, now=start + timedelta(minutes=23), sign=None) == 0
    attempt = db.get(Attempt, attempt.id)
    assert attempt.receipt_statement
    assert attempt.answers_sha256
    assert db.scalar(select(func.count()).select_from(ObjectiveScore)) == sum(
        1 for pl in attempts.paper_lines(db, attempt) if pl.item.type.is_objective)
    actions = list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions.index("sitting.attempt_started") < actions.index("sitting.submitted")
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.submitted"))
    assert entry.at == start + timedelta(minutes=20)
    assert attempt.answers_sha256 in entry.payload


def test_the_receipt_page_prepares_its_own_receipt_when_the_queue_is_slow(db, world):
    user, attempt = checked_in(db, world)
    start = opens(world) + timedelta(seconds=1)
    release(db, user, attempt, start)
    db.expire(attempt)
    finish.submit(db, user, attempt, now=start + timedelta(minutes=5))
    moment = start + timedelta(minutes=5, seconds=4)
    assert not finish.prepare_own_receipt(db, attempt, now=moment, sign=None, wait_seconds=10)
    assert attempt.receipt_statement is None
    assert finish.prepare_own_receipt(db, attempt, now=moment + timedelta(seconds=7), sign=None,
                                      wait_seconds=10)
    assert attempt.receipt_statement is not None
    assert db.scalar(select(Job).where(Job.kind == finish.RECEIPT)).state == "finished"
    assert finish.work(db, now=moment + timedelta(seconds=8), sign=None) == 0


def test_closing_the_sitting_issues_every_receipt_still_queued(db, world):
    user, attempt = checked_in(db, world)
    _idle, never_started = checked_in(db, world, 1)
    start = opens(world) + timedelta(seconds=1)
    release(db, user, attempt, start)
    db.expire(attempt)
    finish.submit(db, user, attempt, now=start + timedelta(minutes=5))
    closes = world["competition"].sitting_closes_at
    attempts.close_sitting(db, world["chair"], world["competition"], now=closes)
    assert attempt.receipt_statement is not None
    assert never_started.started_at is None
    assert never_started.submitted_at is None


def test_the_proctor_sets_the_check_in_window(db, world, clock):
    attempts.set_room_rules(db, world["proctor"], world["competition"], access_code="",
                            allowed_networks="", checkin_minutes=5, now=clock.now)
    user = world["applications"][0].user
    with pytest.raises(Conflict, match="Check-in opens"):
        checkin.check_in(db, user, world["competition"], render=render,
                         now=opens(world) - timedelta(minutes=6))
    assert checkin.check_in(db, user, world["competition"], render=render,
                            now=opens(world) - timedelta(minutes=4)).started_at is None
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "sitting.room_rules_set"))
    assert '"checkin_minutes":5' in entry.payload


def test_the_worker_command_prepares_the_queued_receipts(db, world, runner):
    user, attempt = checked_in(db, world)
    start = opens(world) + timedelta(seconds=1)
    release(db, user, attempt, start)
    db.expire(attempt)
    finish.submit(db, user, attempt, now=start + timedelta(minutes=5))
    result = runner.invoke(args=["sitting", "work", "--once"])
    assert result.exit_code == 0
    assert "1 receipt(s) prepared." in result.output
    db.expire_all()
    assert db.get(Attempt, attempt.id).receipt_statement is not None
    again = runner.invoke(args=["sitting", "work", "--once"])
    assert "0 receipt(s) prepared." in again.output


def test_the_worker_logs_starts_after_the_starts_storm(db, world):
    """The start's second is the busiest of the day: its audit entries wait 30 s, dated at
    the release all the same."""
    user, attempt = checked_in(db, world)
    start = opens(world) + timedelta(seconds=2)
    release(db, user, attempt, start)
    db.expire(attempt)

    def logged():
        return db.scalars(select(AuditEntry).where(
            AuditEntry.action == "sitting.attempt_started")).all()

    finish.work(db, now=start + timedelta(seconds=10), sign=None)
    assert logged() == []
    finish.work(db, now=start + timedelta(seconds=finish.START_LOG_DELAY_SECONDS + 1),
                sign=None)
    [entry] = logged()
    assert entry.at == start
