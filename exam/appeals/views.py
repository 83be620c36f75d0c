"""Candidates file objections and re-mark appeals; the board answers and decides them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from exam.appeals import service
from exam.appeals.forms import (
    AnswerAppealForm,
    AppealForm,
    DecideAppealForm,
    DecideObjectionForm,
    ObjectionForm,
)
from exam.competitions import service as competitions
from exam.db import db_session, utcnow
from exam.registration import service as registration
from exam.results import permissions, sheets
from exam.results.cli import signing_options

bp = Blueprint("appeals", __name__)


@bp.route("/applications/<int:application_id>/objections", methods=["GET", "POST"])
@login_required
def objections(application_id: int):
    session = db_session()
    application = registration.view_application(
        session, current_user, registration.get_application(session, application_id))
    form = ObjectionForm()
    if form.validate_on_submit():
        service.file_objection(session, current_user, application, item_key=form.item_key.data,
                               reason=form.reason.data, now=utcnow())
        session.commit()
        flash(_("Your objection was filed; the board's decision will be published."), "success")
        return redirect(url_for("appeals.objections", application_id=application_id))
    filed, _remarks = service.cases_of(session, current_user, application)
    return render_template("appeals/objections.html", application=application, form=form,
                           objections=filed,
                           window=service.objection_window(application.competition))


@bp.post("/applications/<int:application_id>/appeals")
@login_required
def file_appeal(application_id: int):
    session = db_session()
    application = registration.get_application(session, application_id)
    form = AppealForm()
    form.part_key.choices = [SelectChoice(key, title) for key, title in
                            service.appeal_parts(session, current_user, application)]
    if not form.validate_on_submit():
        flash(_("Choose the part and explain why you ask for a re-mark."), "error")
    else:
        service.file_remark_appeal(session, current_user, application,
                                   part_key=form.part_key.data, reason=form.reason.data,
                                   now=utcnow())
        session.commit()
        flash(_("Your request for a re-mark was filed."), "success")
    return redirect(url_for("results.own", application_id=application_id))


@bp.get("/competitions/<int:competition_id>/key-decisions")
def public_decisions(competition_id: int):
    """The board's decisions on answer-key objections, with reasons, for everyone to read."""
    session = db_session()
    competition = competitions.get_public_competition(session, competition_id)
    return render_template("appeals/public.html", competition=competition,
                           objections=service.decided_objections(session, competition))


# --------------------------------------------------------------------------- board


@bp.get("/manage/<int:competition_id>/appeals")
@login_required
def manage(competition_id: int):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    objections, remarks = service.cases_for_board(session, current_user, competition)
    return render_template(
        "appeals/manage.html", competition=competition, objections=objections, remarks=remarks,
        objection_form=DecideObjectionForm(), answer_form=AnswerAppealForm(),
        decide_form=DecideAppealForm(),
        can_decide=permissions.can_manage_results(session, current_user, competition))


def _require_decider(session, competition_id: int) -> None:
    """Refuse before reading the form: only the chair or secretary decides."""
    competition = competitions.get_competition(session, competition_id)
    if not permissions.can_manage_results(session, current_user, competition):
        abort(403)


def _back(competition_id: int):
    return redirect(url_for("appeals.manage", competition_id=competition_id))


@bp.post("/objections/<int:objection_id>/decide")
@login_required
def decide_objection(objection_id: int):
    session = db_session()
    objection = service.get_objection(session, objection_id)
    _require_decider(session, objection.competition_id)
    form = DecideObjectionForm()
    if not form.validate_on_submit():
        flash(_("Choose a decision and give its reason."), "error")
        return _back(objection.competition_id)
    corrected = [v.strip() for v in (form.corrected_key.data or "").split(",") if v.strip()]
    if corrected and all(v.isdigit() for v in corrected):
        corrected = [int(v) for v in corrected]
    uphold = form.decision.data != "reject"
    service.decide_objection(session, current_user, objection, uphold=uphold,
                             action=form.decision.data if uphold else None,
                             corrected_key=corrected or None, reason=form.reason.data, now=utcnow())
    session.commit()
    flash(_("The decision was recorded and published."), "success")
    return _back(objection.competition_id)


@bp.post("/appeals/<int:appeal_id>/answer")
@login_required
def answer_appeal(appeal_id: int):
    session = db_session()
    appeal = service.get_appeal(session, appeal_id)
    _require_decider(session, appeal.competition_id)
    form = AnswerAppealForm()
    if not form.validate_on_submit():
        flash(_("Choose an answer and give its reason."), "error")
        return _back(appeal.competition_id)
    service.answer_remark_appeal(session, current_user, appeal,
                                 grant=form.decision.data == "grant", reason=form.reason.data,
                                 now=utcnow())
    session.commit()
    flash(_("The answer was recorded; the candidate can read it."), "success")
    return _back(appeal.competition_id)


@bp.post("/appeals/<int:appeal_id>/decide")
@login_required
def decide_appeal(appeal_id: int):
    session = db_session()
    appeal = service.get_appeal(session, appeal_id)
    _require_decider(session, appeal.competition_id)
    form = DecideAppealForm()
    if not form.validate_on_submit():
        flash(_("Give the decision and its reason."), "error")
        return _back(appeal.competition_id)
    options = signing_options()
    now = utcnow()
    version = service.decide_remark_appeal(session, current_user, appeal,
                                           reason=form.reason.data, now=now)
    if version is not None:
        sheets.sign_result_sheet(session, current_user, version, now=now, **options)
    session.commit()
    if version is not None:
        flash(_("The mark changed: result version %(n)d was published and signed.",
                n=version.number), "success")
    else:
        flash(_("The mark did not change; the decision was recorded."), "success")
    return _back(appeal.competition_id)
