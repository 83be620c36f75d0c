from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from exam.competitions import service as competitions
from exam.db import db_session, utcnow
from exam.jobs import service
from exam.jobs.forms import StepForm

bp = Blueprint("jobs", __name__)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _progress(job) -> dict:
    return {"id": job.id, "state": job.state, "done": job.done, "total": job.total,
            "percent": job.percent, "error": job.error,
            "url": url_for("jobs.show", job_id=job.id)}


@bp.post("/manage/<int:competition_id>/jobs/<kind>")
@login_required
def start(competition_id: int, kind: str):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    if not StepForm().validate_on_submit():
        return redirect(url_for("competitions.dashboard", competition_id=competition_id))
    starters = {"score-sheets": service.start_score_sheets, "recompute": service.start_recompute}
    if kind not in starters:
        return redirect(url_for("competitions.dashboard", competition_id=competition_id))
    job = starters[kind](session, current_user, competition, now=utcnow())
    session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), code=303)


@bp.get("/jobs/<int:job_id>")
@login_required
def show(job_id: int):
    session = db_session()
    job = service.get_job(session, current_user, job_id)
    if _wants_json():
        return _progress(job)
    competition = competitions.get_competition(session, job.competition_id)
    return render_template("jobs/show.html", job=job, label=service.KIND_LABELS[job.kind],
                           competition=competition, form=StepForm(),
                           ranking_rows=service.ranking_rows(competition, job))


@bp.post("/jobs/<int:job_id>/step")
@login_required
def step(job_id: int):
    session = db_session()
    job = service.get_job(session, current_user, job_id, lock=True)
    if StepForm().validate_on_submit():
        signing = None
        if job.kind == service.SCORE_SHEETS and job.state == "running":
            from exam.results.cli import signing_options

            signing = signing_options()
        service.run_step(session, current_user, job, now=utcnow(), signing=signing)
        session.commit()
    if _wants_json():
        return _progress(job)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)
