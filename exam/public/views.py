import json

from flask import Blueprint, current_app, render_template
from flask_login import current_user
from jinja2 import TemplateNotFound
from sqlalchemy import select

from exam.competitions import service as competitions
from exam.db import db_session, utcnow
from exam.public.service import EXTERNAL_SECTIONS, public_record
from exam.registration import service as registration

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    session = db_session()
    mine = registration.applications_of(session, current_user) if current_user.is_authenticated else []
    staff = competitions.list_for_staff(session, current_user) if current_user.is_authenticated else []
    return render_template("public/home.html", competitions=competitions.list_public(session),
                           my_applications=mine, staff_competitions=staff)


def _existing_partials() -> dict[str, str]:
    """The partials other areas ship for their sections of the public record, where present."""
    found = {}
    for key, (_module, _function, template) in EXTERNAL_SECTIONS.items():
        try:
            current_app.jinja_env.get_template(template)
        except TemplateNotFound:
            continue
        found[key] = template
    return found


@bp.get("/competitions/<int:competition_id>")
def competition(competition_id: int):
    session = db_session()
    item = competitions.get_public_competition(session, competition_id)
    return render_template("public/competition.html", competition=item,
                           own_application=_own_application(session, item),
                           stage_labels=competitions.STAGE_LABELS,
                           document_kinds=competitions.DOCUMENT_KINDS,
                           record=public_record(session, item, now=utcnow()),
                           record_partials=_existing_partials(),
                           results_page="results.public" in current_app.view_functions)


def _own_application(session, competition):
    """The visitor's own application here, so the page leads to it instead of offering to apply."""
    if not current_user.is_authenticated:
        return None
    from exam.registration.models import Application

    return session.scalar(select(Application).where(
        Application.competition_id == competition.id, Application.user_id == current_user.id))


@bp.get("/competitions/<int:competition_id>/record.json")
def record_json(competition_id: int):
    """The same public record as the page, for machines: the schema is the dictionary's."""
    session = db_session()
    item = competitions.get_public_competition(session, competition_id)
    body = json.dumps(public_record(session, item, now=utcnow()), ensure_ascii=False, indent=1,
                      sort_keys=True)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/verify-draw")
def verify_draw():
    """Anyone checks a draw bundle in their own browser (static/js/draw-verify.js, the same
    algorithm as `thituyen verify-draw --bundle`, written from docs/draw.md)."""
    return render_template("public/verify_draw.html")


@bp.get("/competitions/<int:competition_id>/draw-bundle.json")
def draw_bundle(competition_id: int):
    """The draw bundle for anyone to check (here, or with `thituyen verify-draw --bundle`),
    once the board has revealed its secret; before that it does not exist (404)."""
    from flask import abort

    from exam.sitting import service as sitting

    session = db_session()
    competition = competitions.get_public_competition(session, competition_id)
    seal = sitting.seal_of(session, competition)
    if seal is None or seal.revealed_at is None:
        abort(404)
    body = json.dumps(sitting.draw_bundle(session, competition), ensure_ascii=False, indent=1)
    return current_app.response_class(body, mimetype="application/json", headers={
        "Content-Disposition": f"attachment; filename=boc-de-{competition.id}.json"})
