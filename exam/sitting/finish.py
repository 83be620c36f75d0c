"""The finish, queued: a submission answers at once, its receipt is prepared from the queue.

A synchronized start means a synchronized deadline. Submitting freezes the answers (saves
are refused from that moment) and puts a job (``exam.jobs``' table, kind ``RECEIPT``) in the
same transaction, so a submission the candidate was told about is never lost. The job does
the expensive part: the submitted document's SHA-256, the signed receipt, the objective
scores and the audit entry (``attempts.issue_receipt``). ``work`` is the worker's step
(``thituyen sitting work``); the candidate's receipt page prepares its own receipt when the
job has waited longer than ``RECEIPT_INLINE_AFTER_SECONDS``, so a dead worker delays a
receipt, never loses it. Closing the sitting issues any receipt still due.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.jobs.models import Job
from exam.registration.models import Application
from exam.sitting import attempts
from exam.sitting.models import Attempt

RECEIPT = "submission_receipt"
STARTS_PER_COMMIT = 250
START_LOG_DELAY_SECONDS = 30  # the start's storm is over: its audit entries do not compete


def _enqueue(session: Session, attempt: Attempt, *, now: datetime) -> Job:
    user_id = session.get(Application, attempt.application_id).user_id
    job = Job(kind=RECEIPT, competition_id=attempt.competition_id, created_by_id=user_id,
              state="running", total=1, done=0, params={"attempt_id": attempt.id},
              outcome={}, error="", created_at=now, finished_at=None)
    session.add(job)
    session.flush()
    return job


def submit(session: Session, actor, attempt: Attempt, *, now: datetime) -> Attempt:
    """The candidate's submission: frozen now, the receipt queued."""
    attempts.submit_attempt(session, actor, attempt, now=now, defer_receipt=True)
    _enqueue(session, attempt, now=now)
    return attempt


def close_if_expired(session: Session, attempt: Attempt, now: datetime) -> bool:
    """A candidate's page finding their time ran out: submitted now, the receipt queued."""
    if attempts.close_if_expired(session, attempt, now, defer_receipt=True):
        _enqueue(session, attempt, now=now)
        return True
    return False


def close_expired(session: Session, now: datetime, *, competition=None) -> int:
    """The deadline storm: every attempt out of time submitted now, the receipts queued."""
    return attempts.close_expired_attempts(
        session, now, competition=competition,
        queue_receipt=lambda attempt: _enqueue(session, attempt, now=now))


def receipt_job(session: Session, attempt: Attempt) -> Job | None:
    for job in session.scalars(select(Job).where(
            Job.kind == RECEIPT, Job.competition_id == attempt.competition_id,
            Job.created_by_id == session.get(Application, attempt.application_id).user_id)
            .order_by(Job.id.desc())):
        if job.params.get("attempt_id") == attempt.id:
            return job
    return None


def _run(session: Session, job: Job, *, now: datetime, sign) -> None:
    attempt = session.get(Attempt, job.params["attempt_id"])
    attempts.issue_receipt(session, attempt, now=job.created_at, sign=sign)
    job.done, job.state, job.finished_at = 1, "finished", now
    session.flush()


def prepare_own_receipt(session: Session, attempt: Attempt, *, now: datetime, sign,
                        wait_seconds: float) -> bool:
    """The receipt page's fallback: issue this attempt's receipt once its job has waited
    ``wait_seconds`` (no worker running, or a worker that died). True when issued now."""
    if attempt.receipt_statement is not None:
        return False
    job = receipt_job(session, attempt)
    if job is not None and job.state == "running" and now - job.created_at < timedelta(
            seconds=wait_seconds):
        return False
    attempts.issue_receipt(session, attempt, now=job.created_at if job else now, sign=sign)
    if job is not None:
        job.done, job.state, job.finished_at = 1, "finished", now
    session.flush()
    return True


def work(session: Session, *, now: datetime, sign, limit: int = 20) -> int:
    """One step of the worker: log the starts made by key releases once the start's storm
    has passed (each attempt's start time is already stored; its audit entry, dated at it,
    follows; a few hundred to a commit, so the audit log is never held long), then prepare
    up to ``limit`` queued receipts, oldest first, each committed on its own (a crash loses
    at most the one in hand, which stays queued). Two workers skip each other's jobs."""
    settled = now - timedelta(seconds=START_LOG_DELAY_SECONDS)
    while attempts.log_released_starts(session, limit=STARTS_PER_COMMIT,
                                       started_before=settled) == STARTS_PER_COMMIT:
        session.commit()
    session.commit()
    done = 0
    while done < limit:
        job = session.scalar(select(Job).where(Job.kind == RECEIPT, Job.state == "running")
                             .order_by(Job.id).limit(1).with_for_update(skip_locked=True))
        if job is None:
            break
        _run(session, job, now=now, sign=sign)
        session.commit()
        done += 1
    return done
