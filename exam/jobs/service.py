"""Long work in steps: producing every score sheet, recomputing results.

A job lists its work when it starts; each step does the next batch in its own transaction,
so a page can show progress and a failure loses at most one batch, never what is done.
Steps are idempotent: a sheet already made is served again, never made twice.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, DomainError, NotFound, require
from exam.jobs.models import Job

SCORE_SHEETS = "score_sheets"
RECOMPUTE = "recompute_results"
KIND_LABELS = {SCORE_SHEETS: _l("Producing every candidate's score sheet"),
               RECOMPUTE: _l("Recomputing the results from the locked marks")}
BATCH = 3


def _board_only(session: Session, actor, competition: Competition) -> None:
    require(permissions.is_board(session, actor, competition),
            _("Only the board runs this work."))


def start_score_sheets(session: Session, actor, competition: Competition, *,
                       now: datetime) -> Job:
    """Every candidate of the latest published result gets a signed score sheet."""
    from exam.results import service as results

    _board_only(session, actor, competition)
    version = results.latest_version(session, competition)
    require(version is not None, _("No result has been published yet."), Conflict)
    ids = [row["application_id"] for row in version.data["rows"]]
    return _start(session, actor, competition, SCORE_SHEETS, now=now, total=len(ids),
                  params={"version_id": version.id, "application_ids": ids})


def start_recompute(session: Session, actor, competition: Competition, *, now: datetime) -> Job:
    """The ranking the rules give today from the locked marks, to compare before publishing.

    It names candidates next to totals, so only those who publish run it, only after the
    reveal, and every run is on record."""
    from exam.results.permissions import can_manage_results

    require(can_manage_results(session, actor, competition),
            _("Only the board chair or secretary recomputes the results."))
    require(competition.has_reached(Stage.SCORES_LOCKED),
            _("Results are computed from locked marks; lock the scores first."), Conflict)
    _require_revealed(competition)
    job = _start(session, actor, competition, RECOMPUTE, now=now, total=2, params={})
    audit.record(session, actor, "results.recomputed", at=now, competition=competition,
                 target=job, payload={"job": job.id})
    return job


def _require_revealed(competition: Competition) -> None:
    require(competition.has_reached(Stage.IDENTITIES_REVEALED),
            _("Candidates are ranked by name only once identities are revealed."), Conflict)


def ranking_rows(competition: Competition, job: Job) -> list[dict]:
    """The named ranking a finished recompute job holds, and nothing before the reveal (a job
    left from before this rule may hold one)."""
    if job.kind != RECOMPUTE or not competition.has_reached(Stage.IDENTITIES_REVEALED):
        return []
    return list(job.outcome.get("rows", []))


def _start(session, actor, competition, kind, *, now, total, params) -> Job:
    job = Job(kind=kind, competition_id=competition.id, created_by_id=actor.id, total=total,
              done=0, state="running" if total else "finished", params=params, outcome={},
              error="", created_at=now, finished_at=None if total else now)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, actor, job_id: int, *, lock: bool = False) -> Job:
    query = select(Job).where(Job.id == job_id)
    job = session.scalar(query.with_for_update() if lock else query)
    if job is None or job.kind not in KIND_LABELS:
        raise NotFound(_("No such job."))
    _board_only(session, actor, session.get(Competition, job.competition_id))
    return job


def jobs_of(session: Session, competition: Competition, *, limit: int = 10) -> list[Job]:
    """The board's own jobs (a sitting's queued receipts are not theirs to watch)."""
    return list(session.scalars(select(Job).where(Job.competition_id == competition.id,
                                                  Job.kind.in_(tuple(KIND_LABELS)))
                                .order_by(Job.id.desc()).limit(limit)))


def run_step(session: Session, actor, job: Job, *, now: datetime, signing: dict | None = None,
             batch: int = BATCH) -> Job:
    """Do the next batch of a running job and count it; a refusal stops the job with its reason."""
    if job.state != "running":
        return job
    try:
        with session.begin_nested():
            if job.kind == SCORE_SHEETS:
                _score_sheet_batch(session, actor, job, now=now, signing=signing or {},
                                   batch=batch)
            else:
                _recompute_step(session, job)
    except DomainError as error:
        job.state = "failed"
        job.error = error.message
        job.finished_at = now
    if job.state == "running" and job.done >= job.total:
        job.state = "finished"
        job.finished_at = now
    session.flush()
    return job


def _score_sheet_batch(session, actor, job, *, now, signing, batch) -> None:
    from exam.registration.service import get_application
    from exam.results import sheets
    from exam.results.models import ResultVersion

    version = session.get(ResultVersion, job.params["version_id"])
    ids = job.params["application_ids"][job.done:job.done + batch]
    codes = dict(job.outcome.get("codes", {}))
    for application_id in ids:
        sheet = sheets.sign_score_sheet(session, actor, version,
                                        get_application(session, application_id), now=now,
                                        **signing)
        codes[str(application_id)] = sheet.code
    job.outcome = {**job.outcome, "codes": codes}
    job.done += len(ids)


def _recompute_step(session, job) -> None:
    """Step 1 gathers the locked marks, step 2 ranks them with today's rules."""
    from exam.results import service as results

    competition = session.get(Competition, job.competition_id)
    _require_revealed(competition)
    if job.done == 0:
        scores = results.collect_part_scores(session, competition)
        job.outcome = {"scores": {str(a): {k: str(v) for k, v in parts.items()}
                                  for a, parts in scores.items()}}
    else:
        scores = {int(a): {k: Decimal(v) for k, v in parts.items()}
                  for a, parts in job.outcome.get("scores", {}).items()}
        ranked = results.compute_ranking(session, competition, part_scores=scores)
        job.outcome = {"rows": [{"name": r.name, "candidate_number": r.candidate_number,
                                 "total": str(r.total), "rank": r.rank,
                                 "standing": str(r.standing)} for r in ranked]}
    job.done += 1
