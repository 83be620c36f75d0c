from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from exam.appeals import service as appeals
from exam.appeals.service import objection_window
from exam.competitions import service as competitions
from exam.competitions.forms import ConfirmForm
from exam.db import db_session, utcnow
from exam.documents import uploads
from exam.errors import Conflict, require
from exam.presentation.gate import override_of
from exam.refusals import Refusal, refused_into
from exam.registration import service
from exam.registration.forms import ApplicationForm, RejectForm
from exam.registration.models import ApplicationStatus
from exam.sitting import attempts

bp = Blueprint("registration", __name__)


@bp.route("/competitions/<int:competition_id>/apply", methods=["GET", "POST"])
@login_required
def apply(competition_id: int):
    session = db_session()
    competition = competitions.get_public_competition(session, competition_id)
    form = ApplicationForm()
    refusal = Refusal()
    if form.validate_on_submit():
        uploads = []
        for kind, field_name in ApplicationForm.FILE_FIELDS.items():
            storage = getattr(form, field_name).data
            if storage and storage.filename:
                uploads.append(service.Upload(kind, storage.filename, storage.read()))
        profile = {name: getattr(form, name).data for name in (
            "date_of_birth", "id_number", "current_post", "current_unit", "degree",
            "field_of_study", "management_years", "statement")}
        document_fields = {f"document:{kind}": name
                           for kind, name in ApplicationForm.FILE_FIELDS.items()}
        shortfalls = service.declared_shortfalls(competition, profile, utcnow())
        if shortfalls and not form.apply_anyway.data:
            # Not a refusal: the candidate may still apply, knowing what the board will see.
            return render_template("registration/apply.html", form=form, competition=competition,
                                   document_kinds=competitions.DOCUMENT_KINDS,
                                   shortfalls=shortfalls, files_chosen=bool(uploads))
        with refused_into(form, field_names=document_fields) as refusal:
            application = service.submit_application(
                session, current_user, competition, profile=profile, uploads=uploads,
                upload_folder=current_app.config["UPLOAD_FOLDER"],
                max_bytes=current_app.config["MAX_DOCUMENT_BYTES"], now=utcnow())
            session.commit()
            flash(_("Your application was submitted."), "success")
            return redirect(url_for("registration.application", application_id=application.id))
    return render_template("registration/apply.html", form=form, competition=competition,
                           document_kinds=competitions.DOCUMENT_KINDS,
                           files_chosen=request.method == "POST" and any(
                               getattr(form, name).data and getattr(form, name).data.filename
                               for name in ApplicationForm.FILE_FIELDS.values())
                           ), refusal.status


@bp.get("/applications/<int:application_id>")
@login_required
def application(application_id: int):
    session = db_session()
    item = service.view_application(session, current_user,
                                    service.get_application(session, application_id))
    is_board = item.user_id != current_user.id
    attempt = None if is_board else attempts.attempt_of(session, item)
    return render_template(
        "registration/application.html", application=item, is_board=is_board,
        has_receipt=attempt is not None and attempt.submitted_at is not None,
        objection_window=None if is_board else objection_window(item.competition),
        remarks=[] if is_board else appeals.cases_of(session, current_user, item)[1],
        findings=service.eligibility_findings(item.competition, item) if is_board else [],
        override=override_of(session, item) if is_board else None,
        document_kinds=competitions.DOCUMENT_KINDS, reject_form=RejectForm(),
        confirm_form=ConfirmForm())


@bp.get("/manage/<int:competition_id>/applications")
@login_required
def review_list(competition_id: int):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    status = request.args.get("status") or None
    if status not in {None, *ApplicationStatus}:
        status = None
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = service.applications_for_review(session, current_user, competition,
                                                  status=status, page=page)
    return render_template("registration/review_list.html", competition=competition,
                           applications=rows, total=total, page=page, per_page=50, status=status)


@bp.post("/applications/<int:application_id>/accept")
@login_required
def accept(application_id: int):
    session = db_session()
    item = service.get_application(session, application_id)
    service.accept_application(session, current_user, item, now=utcnow(),
                               reason=request.form.get("reason", ""))
    session.commit()
    flash(_("Accepted. Candidate number: %(number)s.", number=item.candidate_number), "success")
    return redirect(url_for("registration.review_list", competition_id=item.competition_id))


@bp.post("/applications/<int:application_id>/reject")
@login_required
def reject(application_id: int):
    session = db_session()
    item = service.get_application(session, application_id)
    form = RejectForm()
    if not form.validate_on_submit():
        flash(_("Give the candidate a reason of at least a few words."), "error")
        return redirect(url_for("registration.application", application_id=application_id))
    service.reject_application(session, current_user, item, reason=form.reason.data, now=utcnow())
    session.commit()
    flash(_("The application was rejected; the candidate will see the reason."), "success")
    return redirect(url_for("registration.review_list", competition_id=item.competition_id))


@bp.get("/documents/<int:document_id>")
@login_required
def document(document_id: int):
    item = service.document_for(db_session(), current_user, document_id)
    stored = Path(current_app.config["UPLOAD_FOLDER"], item.stored_name)
    if stored.is_file():
        # A file stored before active content was refused at upload is not handed out either.
        problem = uploads.active_content_problem(item.original_name, stored.read_bytes())
        require(problem is None, problem or "", Conflict)
    return send_from_directory(
        current_app.config["UPLOAD_FOLDER"], item.stored_name, mimetype="application/pdf",
        as_attachment=True, download_name=item.original_name)
