"""The appointment page of a competition (authority, board, inspectors, administrator) and
the candidate's own page (answer a decision, withdraw, contest a remedy)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from exam.appointment import permissions, remedies, service
from exam.appointment.forms import (
    AnswerForm,
    AuthorityForm,
    CandidateRemedyForm,
    ConfirmForm,
    ContestDecisionForm,
    DecisionForm,
    ReasonsForm,
    ResultAnnulmentForm,
    RoomRecordForm,
)
from exam.appointment.models import Remedy
from exam.competitions import permissions as competition_permissions
from exam.competitions import service as competitions
from exam.competitions.models import BOARD_ROLES, Role
from exam.db import db_session, utcnow
from exam.errors import DomainError, InvalidInput, NotFound, require
from exam.outcome import done
from exam.oversight.permissions import is_inspector_for
from exam.registration.models import Application
from exam.registration.service import get_application

bp = Blueprint("appointment", __name__)


def _loaded(competition_id: int):
    """The request's database session and the competition the page is about."""
    session = db_session()
    return session, competitions.get_competition(session, competition_id)


def _page(competition_id: int):
    return redirect(url_for("appointment.manage", competition_id=competition_id))


def _done(message: str, competition_id: int):
    return done(message, "appointment.manage", competition_id=competition_id)


def _can_see(session, competition) -> bool:
    return (current_user.is_admin
            or competition_permissions.is_board(session, current_user, competition)
            or permissions.is_authority_signer(session, current_user, competition)
            or is_inspector_for(session, current_user, competition))


def _decision_form(session, competition) -> DecisionForm:
    form = DecisionForm()
    try:
        entries = service.callable_list(session, competition)
    except DomainError:  # no final ranking yet: nobody to choose
        entries = []
    form.application_id.choices = [
        SelectChoice(e.application_id, f"{e.position}. {e.name} ({e.candidate_number})")
        for e in entries]
    return form


@bp.get("/manage/<int:competition_id>/appointment")
@login_required
def manage(competition_id: int):
    session, competition = _loaded(competition_id)
    require(_can_see(session, competition), _("No such competition."), NotFound)
    authority = service.authority_of(session, competition)
    return render_template(
        "appointment/manage.html", competition=competition, authority=authority,
        signers=service.signers_of(session, competition),
        decisions=service.decisions_of(session, competition),
        remedies=service.remedies_of(session, competition),
        is_signer=permissions.is_authority_signer(session, current_user, competition),
        can_transmit=permissions.can_transmit(session, current_user, competition),
        is_chair=permissions.can_decide_for_board(session, current_user, competition),
        is_inspector=is_inspector_for(session, current_user, competition),
        authority_form=AuthorityForm(obj=authority) if authority else AuthorityForm(),
        decision_form=_decision_form(session, competition), reasons_form=ReasonsForm(),
        candidate_form=CandidateRemedyForm(), annul_form=ResultAnnulmentForm(),
        confirm_form=ConfirmForm(), contest_form=ContestDecisionForm(),
        status_labels=service.DECISION_STATUS_LABELS, outcome_labels=service.OUTCOME_LABELS,
        kind_labels=remedies.KIND_LABELS, stage_labels=competitions.STAGE_LABELS)


@bp.post("/manage/<int:competition_id>/appointment/authority")
@login_required
def name_authority(competition_id: int):
    session, competition = _loaded(competition_id)
    form = AuthorityForm()
    require(form.validate_on_submit(), _("Give the name of the appointing authority."),
            InvalidInput)
    service.name_authority(session, current_user, competition, name=form.name.data,
                           reply_days=form.reply_days.data, now=utcnow())
    return _done(_("The appointing authority was recorded."), competition_id)


@bp.post("/manage/<int:competition_id>/appointment/transmit")
@login_required
def transmit(competition_id: int):
    session, competition = _loaded(competition_id)
    service.transmit_to_authority(session, current_user, competition, now=utcnow())
    return _done(_("The final ranking was transmitted to the appointing authority."), competition_id)


@bp.post("/manage/<int:competition_id>/appointment/decisions")
@login_required
def decide(competition_id: int):
    session, competition = _loaded(competition_id)
    require(permissions.is_authority_signer(session, current_user, competition),
            _("Only a signer of the appointing authority records its decision."))
    form = _decision_form(session, competition)
    if not form.validate_on_submit():
        flash(_("Fill in every field of the decision."), "error")
        return _page(competition_id)
    upload = form.document.data
    document = service.DecisionDocument(upload.filename if upload else "",
                                        upload.read() if upload else b"")
    service.record_decision(
        session, current_user, competition, application_id=form.application_id.data,
        number=form.number.data, decided_on=form.decided_on.data,
        term_months=form.term_months.data, reasons=form.reasons.data or "", document=document,
        upload_folder=current_app.config["UPLOAD_FOLDER"],
        max_bytes=current_app.config["MAX_DOCUMENT_BYTES"], now=utcnow())
    return _done(_("The decision was recorded and the candidate notified."), competition_id)


@bp.post("/manage/<int:competition_id>/appointment/exhausted")
@login_required
def exhausted(competition_id: int):
    session, competition = _loaded(competition_id)
    service.declare_exhausted(session, current_user, competition, now=utcnow())
    return _done(_("The competition is closed: the list is exhausted."), competition_id)


@bp.post("/manage/<int:competition_id>/appointment/decisions/<int:decision_id>/revoke")
@login_required
def revoke(competition_id: int, decision_id: int):
    session = db_session()
    decision = service.get_decision(session, decision_id)
    require(decision.competition_id == competition_id, _("No such decision."), NotFound)
    form = ReasonsForm()
    remedies.revoke(session, current_user, decision, reasons=form.reasons.data or "",
                    report_id=form.report_id.data, now=utcnow())
    return _done(_("The appointment was revoked."), competition_id)


def _candidate(session, competition, number: str) -> Application:
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id,
        Application.candidate_number == (number or "").strip()))
    require(application is not None, _("No candidate has this number."), InvalidInput)
    return application


@bp.post("/manage/<int:competition_id>/remedies/<any(exclude, disqualify):verb>")
@login_required
def board_remedy(competition_id: int, verb: str):
    session, competition = _loaded(competition_id)
    require(permissions.can_decide_for_board(session, current_user, competition),
            _("Only the board chair records the board's decision."))
    form = CandidateRemedyForm()
    application = _candidate(session, competition, form.candidate_number.data)
    now = utcnow()
    if verb == "exclude":
        remedy = remedies.exclude(session, current_user, application,
                                  report_id=form.report_id.data, reasons=form.reasons.data or "",
                                  now=now)
    else:
        remedy = remedies.disqualify(session, current_user, application,
                                     reasons=form.reasons.data or "",
                                     report_id=form.report_id.data,
                                     room_record_id=form.room_record_id.data, now=now)
    if remedy.result_version_number:
        from exam.results import service as results
        from exam.results import sheets
        from exam.results.cli import signing_options

        version = results.get_version(session, competition, remedy.result_version_number)
        sheets.sign_result_sheet(session, current_user, version, now=now, **signing_options())
    return _done(_("The board's decision was recorded."), competition_id)


@bp.route("/manage/<int:competition_id>/room-records", methods=["GET", "POST"])
@login_required
def room_records(competition_id: int):
    """Proctors write what they saw in the room; the board reads it before deciding."""
    session, competition = _loaded(competition_id)
    roles = competition_permissions.roles_in(session, current_user, competition)
    require(Role.PROCTOR in roles or roles & BOARD_ROLES, _("No such competition."), NotFound)
    form = RoomRecordForm()
    if request.method == "POST":
        require(Role.PROCTOR in roles,
                _("Only a proctor of this competition writes a record from the room."))
    if form.validate_on_submit():
        application = _candidate(session, competition, form.candidate_number.data)
        remedies.record_room_incident(session, current_user, application, body=form.body.data,
                                      now=utcnow())
        return done(_("Your record from the room was saved."), "appointment.room_records",
                    competition_id=competition_id)
    return render_template("appointment/room_records.html", competition=competition, form=form,
                           records=remedies.room_records(session, competition),
                           is_proctor=Role.PROCTOR in roles)


@bp.post("/manage/<int:competition_id>/remedies/annul-result")
@login_required
def annul_result(competition_id: int):
    session, competition = _loaded(competition_id)
    form = ResultAnnulmentForm()
    remedies.annul_result(session, current_user, competition,
                          version_number=form.version_number.data or 0,
                          report_id=form.report_id.data, reasons=form.reasons.data or "",
                          now=utcnow())
    return _done(_("The result version was annulled."), competition_id)


@bp.post("/manage/<int:competition_id>/remedies/republish")
@login_required
def republish(competition_id: int):
    from exam.results import sheets
    from exam.results.cli import signing_options

    session, competition = _loaded(competition_id)
    now = utcnow()
    version = remedies.republish_after_annulment(session, current_user, competition, now=now)
    sheets.sign_result_sheet(session, current_user, version, now=now, **signing_options())
    return _done(_("Result version %(n)d was published and signed.", n=version.number), competition_id)


@bp.post("/manage/<int:competition_id>/remedies/annul")
@login_required
def annul_competition(competition_id: int):
    session, competition = _loaded(competition_id)
    form = ReasonsForm()
    remedies.annul_competition(session, current_user, competition,
                               report_id=form.report_id.data, reasons=form.reasons.data or "",
                               now=utcnow())
    return _done(_("The competition was annulled."), competition_id)


@bp.post("/manage/<int:competition_id>/remedies/rerun")
@login_required
def rerun(competition_id: int):
    session, competition = _loaded(competition_id)
    fresh = remedies.rerun(session, current_user, competition, now=utcnow())
    return done(_("A new competition was opened as a draft, linked to the annulled one."),
                "competitions.dashboard", competition_id=fresh.id)


# --------------------------------------------------------------------------- the candidate


@bp.get("/my/appointments")
@login_required
def mine():
    session = db_session()
    own = list(session.scalars(select(Remedy).join(Application, Remedy.application_id
                                                   == Application.id).where(
        Application.user_id == current_user.id).order_by(Remedy.id.desc())))
    from exam.registration.models import ApplicationStatus
    from exam.registration.service import applications_of

    active = [a for a in applications_of(session, current_user)
              if a.status in {ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED}]
    return render_template("appointment/mine.html", applications=active,
                           decisions=service.decisions_for_candidate(session, current_user),
                           remedies=own, form=AnswerForm(), reasons_form=ReasonsForm(),
                           status_labels=service.DECISION_STATUS_LABELS,
                           kind_labels=remedies.KIND_LABELS)


@bp.post("/my/appointments/<int:decision_id>/answer")
@login_required
def answer(decision_id: int):
    session = db_session()
    decision = service.get_decision(session, decision_id)
    require(AnswerForm().validate_on_submit(), _("Tick the box to confirm."), InvalidInput)
    accept = request.form.get("answer") == "accept"
    service.answer(session, current_user, decision, accept=accept, now=utcnow())
    return done(_("You accepted the appointment.") if accept
                else _("You declined the appointment."), "appointment.mine")


@bp.post("/applications/<int:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    session = db_session()
    application = get_application(session, application_id)
    require(ConfirmForm().validate_on_submit(), _("Tick the box to confirm."), InvalidInput)
    remedies.withdraw(session, current_user, application, now=utcnow())
    return done(_("Your application was withdrawn."), "appointment.mine")


@bp.post("/remedies/<int:remedy_id>/contest")
@login_required
def contest(remedy_id: int):
    session = db_session()
    remedy = session.get(Remedy, remedy_id)
    require(remedy is not None, _("No such decision."), NotFound)
    remedies.contest(session, current_user, remedy, reason=ReasonsForm().reasons.data or "",
                     now=utcnow())
    return done(_("Your contest was filed; an inspector will decide it."), "appointment.mine")


@bp.post("/remedies/<int:remedy_id>/decide")
@login_required
def decide_contest(remedy_id: int):
    session = db_session()
    remedy = session.get(Remedy, remedy_id)
    require(remedy is not None, _("No such decision."), NotFound)
    form = ContestDecisionForm()
    remedies.decide_contest(session, current_user, remedy, upheld=form.outcome.data == "upheld",
                            decision=form.decision.data or "", now=utcnow())
    return _done(_("The contest was decided."), remedy.competition_id)
