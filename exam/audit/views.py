from flask import Blueprint, Response, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from exam.accounts.models import User
from exam.audit import sentences, service
from exam.competitions.models import Competition, Stage
from exam.db import db_session

bp = Blueprint("audit", __name__, url_prefix="/audit")

PER_PAGE = 50


@bp.app_template_global()
def audit_sentence(action: str, payload: str | None = None) -> str:
    return sentences.sentence(action, sentences.parse(payload) if payload else None)


@bp.app_template_global()
def audit_details(payload: str) -> list[sentences.Detail]:
    return sentences.details(payload)


@bp.get("/checkpoints/<int:checkpoint_id>.txt")
def checkpoint_file(checkpoint_id: int):
    """A signed checkpoint anyone may keep, to prove later that history was not rewritten."""
    checkpoint = service.get_public_checkpoint(db_session(), checkpoint_id)
    return Response(
        service.checkpoint_text(checkpoint), mimetype="text/plain",
        headers={"Content-Disposition":
                 f'attachment; filename="thituyen-checkpoint-{checkpoint.id}.txt"'})


@bp.get("/")
@login_required
def log():
    session = db_session()
    competition_id = request.args.get("competition", type=int)
    actor_id = request.args.get("actor", type=int)
    action = request.args.get("action") or None
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = service.entries_for_viewer(
        session, current_user, competition_id=competition_id, actor_id=actor_id, action=action,
        page=page, per_page=PER_PAGE)
    allowed = service.viewable_competitions(session, current_user)
    query = select(Competition).order_by(Competition.id.desc())
    if allowed is not None:
        query = query.where(Competition.id.in_(allowed))
    competitions = list(session.scalars(query))
    actor_ids = {row.actor_id for row in rows if row.actor_id} | ({actor_id} if actor_id else set())
    actors = {u.id: u for u in session.scalars(select(User).where(User.id.in_(actor_ids)))}
    filters = {k: v for k, v in (("competition", competition_id), ("actor", actor_id),
                                 ("action", action)) if v}
    return render_template(
        "audit/log.html", rows=rows, total=total, page=page, per_page=PER_PAGE,
        competitions=competitions, titles={c.id: c.title for c in competitions},
        actions=service.actions_in_log(session, current_user),
        actors=actors, filters=filters, competition_id=competition_id, actor_id=actor_id,
        action=action, show_address=current_user.is_admin)


@bp.get("/public")
def public_log():
    """The log as anyone may read it, without signing in: what happened and when."""
    session = db_session()
    competition_id = request.args.get("competition", type=int)
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = service.public_entries(session, competition_id=competition_id, page=page,
                                         per_page=PER_PAGE)
    competitions = list(session.scalars(select(Competition).where(
        Competition.stage != Stage.DRAFT).order_by(Competition.id.desc())))
    filters = {"competition": competition_id} if competition_id else {}
    return render_template(
        "audit/public.html", rows=rows, total=total, page=page, per_page=PER_PAGE,
        competitions=competitions, titles={c.id: c.title for c in competitions},
        competition_id=competition_id, filters=filters)
