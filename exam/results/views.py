"""Results pages: the public ranked list and CSV, a candidate's own sheet, the board's page,
and the public verification page."""

from __future__ import annotations

import io
from decimal import Decimal

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from exam.appeals import service as appeals
from exam.competitions import service as competitions
from exam.competitions.forms import ConfirmForm
from exam.competitions.models import Competition, Stage
from exam.db import db_session, utcnow
from exam.decimals import show_decimal
from exam.documents import keystore
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.extensions import current_actor, limiter
from exam.refusals import refused_into
from exam.registration import service as registration
from exam.registration.models import Application
from exam.results import permissions, service, sheets
from exam.results.cli import certifier_sha256, signed_folder, signing_options
from exam.results.forms import PriorityForm, RulesForm, TieForm, VerifyForm
from exam.scoring import service as scoring_service
from exam.vietnamese import name_key
from question_bank import safe_csv

bp = Blueprint("results", __name__)
verify_bp = Blueprint("verify", __name__)


def _published_competition(competition_id: int) -> Competition:
    competition = competitions.get_public_competition(db_session(), competition_id)
    if not competition.has_reached(Stage.PROVISIONAL_RESULTS):
        raise NotFound(_("Results have not been published yet."))
    return competition


def _version(competition: Competition):
    session = db_session()
    number = request.args.get("version", type=int)
    if number:
        return service.get_version(session, competition, number)
    return service.latest_version(session, competition)


def _sorted_rows(version, order: str):
    rows = list(version.data["rows"])
    if order == "name":
        rows.sort(key=lambda r: (name_key(r["name"]), r["candidate_number"]))
    elif order == "number":
        rows.sort(key=lambda r: r["candidate_number"])
    return rows


# --------------------------------------------------------------------------- public


@bp.app_template_global("results_public_summary")
def _public_summary(competition: Competition) -> dict:
    """The results section with real dates, for the public record's partial."""
    return service.public_results_summary(db_session(), competition)



@bp.get("/competitions/<int:competition_id>/results")
def public(competition_id: int):
    session = db_session()
    competition = _published_competition(competition_id)
    version = _version(competition)
    order = request.args.get("order", "rank")
    latest = service.latest_version(session, competition)
    return render_template(
        "results/public.html", competition=competition, version=version, latest=latest,
        rows=_sorted_rows(version, order), order=order,
        versions=service.versions_of(session, competition),
        sheet=sheets.result_sheet_of(session, version),
        objections=appeals.decided_objections(session, competition),
        standing_label=sheets.standing_label, rank_label=sheets.rank_label,
        window_closes=service.appeal_window_closes_at(session, competition), Decimal=Decimal)


@bp.get("/competitions/<int:competition_id>/results.csv")
def public_csv(competition_id: int):
    competition = _published_competition(competition_id)
    version = _version(competition)
    parts = version.data["parts"]
    buffer = io.StringIO()
    writer = safe_csv.writer(buffer)
    writer.writerow([_("Rank"), _("Candidate no."), _("Full name"), *[p["title"] for p in parts],
                     _("Priority"), _("Total"), _("Result")])
    for row in version.data["rows"]:
        writer.writerow([sheets.rank_label(row), row["candidate_number"], row["name"],
                         *[row["scores"][p["key"]] for p in parts], row["priority_points"],
                         row["total"], sheets.standing_label(row["standing"])])
    name = f"ket-qua-{competition.id}-v{version.number}.csv"
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.get("/sheets/<code>.pdf")
def sheet_pdf(code: str):
    """Result sheets are public; score sheets and tickets only for their candidate and the board."""
    session = db_session()
    sheet = sheets.sheet_by_code(session, code)
    if sheet is None:
        abort(404)
    if sheet.application_id is not None:
        application = session.get(Application, sheet.application_id)
        actor = current_actor()
        if not (actor is not None and (application.user_id == actor.id or permissions.is_board(
                session, actor, application.competition))):
            abort(404)
    return send_file(io.BytesIO(sheets.sheet_file(sheet, signed_folder())),
                     mimetype="application/pdf", as_attachment=True,
                     download_name=f"{sheet.kind}-{sheet.code}.pdf")


# --------------------------------------------------------------------------- candidate


@bp.get("/applications/<int:application_id>/result")
@login_required
def own(application_id: int):
    session = db_session()
    application = registration.get_application(session, application_id)
    mine = service.own_result(session, current_user, application)
    objections, remarks = appeals.cases_of(session, current_user, application)
    from exam.appeals.forms import AppealForm

    form = AppealForm()
    form.part_key.choices = [SelectChoice(p["key"], p["title"]) for p in mine.version.data["parts"]]
    return render_template(
        "results/own.html", application=application, version=mine.version, row=mine.row,
        parts=mine.version.data["parts"], standing_label=sheets.standing_label,
        rank_label=sheets.rank_label, remarks=remarks, objections=objections, appeal_form=form,
        window=appeals.remark_window(session, application.competition), now=utcnow(),
        confirm_form=ConfirmForm(), masked=scoring_service.masked_passages(session, application))


@bp.post("/applications/<int:application_id>/result/sheet")
@login_required
def own_sheet(application_id: int):
    session = db_session()
    application = registration.get_application(session, application_id)
    mine = service.own_result(session, current_user, application)
    sheet = sheets.sign_score_sheet(session, current_user, mine.version, application,
                                    now=utcnow(), **signing_options())
    session.commit()
    return redirect(url_for("results.sheet_pdf", code=sheet.code))


@bp.post("/applications/<int:application_id>/admission-ticket")
@login_required
def admission_ticket(application_id: int):
    session = db_session()
    application = registration.get_application(session, application_id)
    sheets.require_own_or_board(session, current_user, application)
    sheet = sheets.sign_admission_ticket(session, current_user, application, now=utcnow(),
                                         **signing_options())
    session.commit()
    return redirect(url_for("results.sheet_pdf", code=sheet.code))


# --------------------------------------------------------------------------- board


def _board_competition(competition_id: int) -> Competition:
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    if not permissions.is_board(session, current_user, competition):
        abort(403)
    return competition


def _rules_form(competition: Competition) -> RulesForm:
    session = db_session()
    stored = service.rule_set(session, competition)
    if stored is not None and request.method == "GET":
        form = RulesForm(formdata=None, data={
            "parts": [{**p, "pass_mark": p["pass_mark"] or ""} for p in stored.parts] + [{}],
            "specialised_part": stored.specialised_part, "written_part": stored.written_part,
            "priority_categories": list(stored.priority_categories) + [{}],
            "reserve_size": stored.reserve_size, "reserve_months": stored.reserve_months})
    else:
        form = RulesForm()
    form.offer_parts(_known_parts(session, competition, stored))
    return form


def _known_parts(session, competition: Competition, stored) -> list[tuple[str, str]]:
    """The written test's parts, the presentation round, and any part already in the rules."""
    from exam.scoring.models import PRESENTATION
    from exam.sitting.service import test_parts

    known = {p.key: f"{p.key}. {p.title}" for p in test_parts(session, competition)}
    known.setdefault(PRESENTATION, _("Presentation round"))
    for part in (stored.parts if stored is not None else []):
        known.setdefault(part["key"], f"{part['key']}. {part['title']}")
    return list(known.items())


@bp.get("/manage/<int:competition_id>/results")
@login_required
def manage(competition_id: int, rules_form: RulesForm | None = None, status: int = 200):
    """The board's results page; a refused rules form comes back on it as it was filled."""
    session = db_session()
    competition = _board_competition(competition_id)
    preview, problem = None, None
    stored = service.rule_set(session, competition)
    if stored is not None and competition.has_reached(Stage.IDENTITIES_REVEALED):
        try:
            preview = service.compute_ranking(session, competition)
        except (Conflict, InvalidInput, ImportError, NotFound) as error:
            problem = getattr(error, "message", str(error))
    priority_form = PriorityForm()
    priority_form.category.choices = [SelectChoice("", _("No priority"))] + [
        SelectChoice(k, f"{c['label']} (+{show_decimal(c['points'])})")
        for k, c in service.priority_categories(session, competition).items()]
    grants = service.current_priority(session, competition)
    applications = {a.id: a for a in registration.accepted_candidates(session, competition)}
    return render_template(
        "results/manage.html", competition=competition,
        rules_form=rules_form or _rules_form(competition),
        rules=stored, priority_form=priority_form, tie_form=TieForm(),
        confirm_form=ConfirmForm(), preview=preview, problem=problem, grants=grants,
        applications=applications, ties=service.tie_decisions(session, competition),
        versions=service.versions_of(session, competition),
        result_sheet_of=lambda v: sheets.result_sheet_of(session, v),
        can_manage=permissions.can_manage_results(session, current_user, competition),
        window_closes=service.appeal_window_closes_at(session, competition),
        standing_label=sheets.standing_label, now=utcnow()), status


@bp.post("/manage/<int:competition_id>/results/rules")
@login_required
def save_rules(competition_id: int):
    session = db_session()
    competition = _board_competition(competition_id)
    form = _rules_form(competition)
    if not form.validate_on_submit():
        return manage(competition_id, rules_form=form, status=400)
    with refused_into(form) as refusal:
        service.set_result_rules(
            session, current_user, competition, parts=form.part_dicts(),
            specialised_part=form.specialised_part.data or "",
            written_part=form.written_part.data or "",
            priority_categories=form.category_dicts(),
            reserve_size=form.reserve_size.data, reserve_months=form.reserve_months.data,
            now=utcnow())
        session.commit()
        flash(_("The result rules were saved."), "success")
        return redirect(url_for("results.manage", competition_id=competition_id))
    return manage(competition_id, rules_form=form, status=refusal.status)


def _by_number(competition: Competition, number: str) -> Application:
    for application in registration.accepted_candidates(db_session(), competition):
        if application.candidate_number == number.strip():
            return application
    raise InvalidInput(_("No accepted candidate has the number %(number)s.", number=number))


@bp.post("/manage/<int:competition_id>/results/priority")
@login_required
def grant_priority(competition_id: int):
    session = db_session()
    competition = _board_competition(competition_id)
    form = PriorityForm()
    form.category.choices = [SelectChoice("", "")] + [
        SelectChoice(k, k) for k in service.priority_categories(session, competition)]
    if not form.validate_on_submit():
        flash(_("Give the candidate number, the category and the document checked."), "error")
        return redirect(url_for("results.manage", competition_id=competition_id))
    service.grant_priority(session, current_user, competition,
                           _by_number(competition, form.candidate_number.data),
                           category=form.category.data, evidence=form.evidence.data, now=utcnow())
    session.commit()
    flash(_("The priority decision was recorded."), "success")
    return redirect(url_for("results.manage", competition_id=competition_id))


@bp.post("/manage/<int:competition_id>/results/ties")
@login_required
def decide_tie(competition_id: int):
    session = db_session()
    competition = _board_competition(competition_id)
    form = TieForm()
    if not form.validate_on_submit():
        flash(_("Give the tied candidates in order and the reason."), "error")
        return redirect(url_for("results.manage", competition_id=competition_id))
    ids = [_by_number(competition, n).id for n in form.candidate_numbers.data.split(",") if n.strip()]
    from exam.presentation import gate

    gate.record_tie_decision(session, current_user, competition, ids, reason=form.reason.data,
                             now=utcnow())
    session.commit()
    flash(_("The board's decision on the tie was recorded."), "success")
    return redirect(url_for("results.manage", competition_id=competition_id))


def _confirmed(competition_id: int) -> bool:
    if ConfirmForm().validate_on_submit():
        return True
    flash(_("Tick the box to confirm."), "error")
    return False


@bp.post("/manage/<int:competition_id>/results/publish")
@login_required
def publish(competition_id: int):
    session = db_session()
    competition = _board_competition(competition_id)
    if not _confirmed(competition_id):
        return redirect(url_for("results.manage", competition_id=competition_id))
    options = signing_options()
    now = utcnow()
    if competition.stage == Stage.IDENTITIES_REVEALED:
        version = service.publish_provisional_results(session, current_user, competition, now=now)
    else:
        version = service.publish_final_results(session, current_user, competition, now=now)
    sheets.sign_result_sheet(session, current_user, version, now=now, **options)
    session.commit()
    flash(_("Result version %(n)d was published and signed.", n=version.number), "success")
    return redirect(url_for("results.public", competition_id=competition_id))


@bp.post("/manage/<int:competition_id>/results/<int:number>/countersign")
@login_required
def countersign(competition_id: int, number: int):
    session = db_session()
    competition = _board_competition(competition_id)
    sheet = sheets.result_sheet_of(session, service.get_version(session, competition, number))
    require(sheet is not None, _("This version has no signed sheet."), NotFound)
    member_key = sheets.member_key(current_app.config["SIGNING_KEY_FOLDER"], current_user,
                                   current_app.config.get("SIGNING_PASSWORD"))
    sheets.countersign(session, current_user, sheet, member_key=member_key,
                       folder=signed_folder(), now=utcnow())
    session.commit()
    flash(_("Your approval signature was added to the sheet."), "success")
    return redirect(url_for("results.manage", competition_id=competition_id))


# --------------------------------------------------------------------------- verification


@verify_bp.route("/verify", methods=["GET", "POST"])
@limiter.limit("30/minute", methods=["POST"])
def verify():
    form = VerifyForm()
    if form.validate_on_submit():
        upload = form.sheet.data
        if upload and upload.filename:
            data = upload.read(current_app.config["MAX_DOCUMENT_BYTES"] + 1)
            require(len(data) <= current_app.config["MAX_DOCUMENT_BYTES"],
                    _("The file is too large to be one of our sheets."), InvalidInput)
            roots = keystore.trust_roots(current_app.config["SIGNING_KEY_FOLDER"])
            check = sheets.check_pdf(db_session(), data, roots, certifier_sha256())
            return render_template("verify/report.html", check=check, uploaded=True)
        if form.code.data:
            return redirect(url_for("verify.code", code=sheets.normalise_code(form.code.data)))
        flash(_("Type a verification code or choose a PDF file."), "error")
    return render_template("verify/index.html", form=form)


@verify_bp.get("/verify/<code>")
def code(code: str):
    check = sheets.check_code(db_session(), code)
    return render_template("verify/report.html", check=check, uploaded=False, form=VerifyForm())
