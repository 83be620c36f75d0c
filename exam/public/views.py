from flask import Blueprint, render_template
from flask_login import current_user

from exam.competitions import service as competitions
from exam.db import db_session
from exam.registration import service as registration

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    session = db_session()
    mine = registration.applications_of(session, current_user) if current_user.is_authenticated else []
    staff = competitions.list_for_staff(session, current_user) if current_user.is_authenticated else []
    return render_template("public/home.html", competitions=competitions.list_public(session),
                           my_applications=mine, staff_competitions=staff)


@bp.get("/competitions/<int:competition_id>")
def competition(competition_id: int):
    session = db_session()
    item = competitions.get_public_competition(session, competition_id)
    return render_template("public/competition.html", competition=item,
                           stage_labels=competitions.STAGE_LABELS,
                           document_kinds=competitions.DOCUMENT_KINDS)
