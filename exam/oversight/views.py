"""Reports (filed by anyone, followed by code, handled by inspectors), suspensions, inspectors
and secret board votes."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from exam.accounts import service as accounts
from exam.competitions import service as competitions
from exam.db import db_session, utcnow
from exam.errors import DomainError, NotFound, require
from exam.oversight import permissions, service
from exam.oversight import votes as votes_service
from exam.oversight.forms import (
    AddInformationForm,
    BallotForm,
    FollowForm,
    InspectorForm,
    LiftForm,
    ReportForm,
    ResolveForm,
    VoteForm,
)
from exam.oversight.models import ReportAttachment
from exam.timefmt import to_utc
from exam.web import current_actor, limiter

bp = Blueprint("oversight", __name__)

@bp.after_request
def _never_cached(response):
    """Reports, codes and votes stay out of shared and browser caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _attachments(field) -> list[service.Attachment]:
    return [service.Attachment(f.filename, f.read()) for f in (field.data or [])
            if f and f.filename]


def _limits() -> dict:
    config = current_app.config
    return {"upload_folder": config["UPLOAD_FOLDER"], "max_bytes": config["MAX_DOCUMENT_BYTES"]}


@bp.route("/competitions/<int:competition_id>/report", methods=["GET", "POST"])
@limiter.limit("5 per hour;20 per day", methods=["POST"])
def file_report(competition_id: int):
    db = db_session()
    competition = competitions.get_public_competition(db, competition_id)
    form = ReportForm()
    people = service.nameable_people(db, current_actor(), competition)
    form.named.choices = [(m.user_id, f"{m.user.full_name} ({competitions.ROLE_LABELS[m.role]})")
                          for m in people]
    if form.validate_on_submit():
        try:
            _report, code = service.file_report(
                db, current_actor(), competition, category=form.category.data,
                body=form.body.data, named_user_ids=form.named.data or [],
                named_text=form.named_text.data, attachments=_attachments(form.attachments),
                attach_identity=bool(form.attach_identity.data), now=utcnow(), **_limits())
        except DomainError as error:
            db.rollback()
            form.body.errors = [*form.body.errors, error.message]
        else:
            db.commit()
            # Shown in this response only: a redirect would have to carry the code in the
            # session cookie, readable in the browser's storage until the next page.
            return render_template("oversight/filed.html", code=code, form=FollowForm())
    return render_template("oversight/file.html", form=form, competition=competition)


@bp.get("/reports/filed")
def filed():
    """Kept for old links: the code is shown only on the answer to the filing itself."""
    return redirect(url_for("oversight.follow"))


@bp.route("/reports/follow", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def follow():
    """Following by code: the code travels in the form body, never in a URL or a log line."""
    form = FollowForm()
    report = None
    if form.validate_on_submit():
        try:
            report = service.find_by_code(db_session(), form.code.data)
        except NotFound as error:
            form.code.errors = [*form.code.errors, error.message]
    add_form = AddInformationForm(code=form.code.data) if report else None
    return render_template(
        "oversight/follow.html", form=form, report=report, add_form=add_form,
        category_labels=service.CATEGORY_LABELS, status_labels=service.STATUS_LABELS)


@bp.post("/reports/follow/add")
@limiter.limit("10 per hour")
def add_information():
    form = AddInformationForm()
    if not form.validate_on_submit():
        flash(_("Enter the tracking code and the information to add."), "error")
        return redirect(url_for("oversight.follow"), code=303)
    service.add_information(db_session(), form.code.data, body=form.body.data,
                            attachments=_attachments(form.attachments), now=utcnow(), **_limits())
    db_session().commit()
    flash(_("Your information was added to the report."), "success")
    return redirect(url_for("oversight.follow"), code=303)


@bp.get("/oversight/reports")
@login_required
def reports():
    db = db_session()
    items = service.reports_for(db, current_user)
    return render_template("oversight/reports.html", reports=items,
                           board_counts=service.board_report_counts(db, current_user),
                           category_labels=service.CATEGORY_LABELS,
                           status_labels=service.STATUS_LABELS)


@bp.get("/oversight/reports/<int:report_id>")
@login_required
def report(report_id: int):
    db = db_session()
    item = service.get_report(db, current_user, report_id)
    return render_template(
        "oversight/report.html", report=item,
        can_handle=permissions.can_handle_report(db, current_user, item),
        show_reporter=permissions.can_see_reporter(db, current_user, item),
        reporter=accounts.get_user(db, item.reporter_id) if item.reporter_id else None,
        named=[accounts.get_user(db, n.user_id) for n in item.named],
        category_labels=service.CATEGORY_LABELS, status_labels=service.STATUS_LABELS,
        resolve_form=ResolveForm(), stage_labels=competitions.STAGE_LABELS)


@bp.post("/oversight/reports/<int:report_id>/review")
@login_required
def start_review(report_id: int):
    db = db_session()
    service.start_review(db, current_user, service.get_report(db, current_user, report_id),
                         now=utcnow())
    db.commit()
    flash(_("The report is now under review."), "success")
    return redirect(url_for("oversight.report", report_id=report_id), code=303)


@bp.post("/oversight/reports/<int:report_id>/resolve")
@login_required
def resolve(report_id: int):
    db = db_session()
    item = service.get_report(db, current_user, report_id)
    form = ResolveForm()
    if not form.validate_on_submit():
        flash(_("Choose a finding and write it for the reporter (at least a few sentences)."),
              "error")
        return redirect(url_for("oversight.report", report_id=report_id), code=303)
    service.resolve_report(db, current_user, item,
                           substantiated=form.outcome.data == "substantiated",
                           finding=form.finding.data, suspend=bool(form.suspend.data),
                           now=utcnow())
    db.commit()
    flash(_("The report is resolved; the reporter can read the finding with the code."),
          "success")
    return redirect(url_for("oversight.report", report_id=report_id), code=303)


@bp.get("/oversight/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int):
    db = db_session()
    item = db.get(ReportAttachment, attachment_id)
    require(item is not None, _("No such report."), NotFound)
    service.get_report(db, current_user, item.report_id)
    return send_from_directory(
        service.report_folder(current_app.config["UPLOAD_FOLDER"]), item.stored_name,
        mimetype=item.content_type, as_attachment=True, download_name=item.original_name)


@bp.route("/manage/<int:competition_id>/suspension", methods=["GET", "POST"])
@login_required
def suspension(competition_id: int):
    db = db_session()
    competition = competitions.get_competition(db, competition_id)
    if not permissions.can_lift_suspension(db, current_user, competition):
        abort(403)
    form = LiftForm()
    if form.validate_on_submit():
        service.lift_suspension(db, current_user, competition, reason=form.reason.data,
                                now=utcnow())
        db.commit()
        flash(_("The suspension is lifted; the competition can move on."), "success")
        return redirect(url_for("oversight.suspension", competition_id=competition_id), code=303)
    return render_template("oversight/suspension.html", competition=competition, form=form,
                           current=service.current_suspension(db, competition),
                           history=service.suspensions_of(db, competition),
                           stage_labels=competitions.STAGE_LABELS)


@bp.route("/oversight/inspectors", methods=["GET", "POST"])
@login_required
def inspectors():
    if not current_user.is_admin:
        abort(403)
    db = db_session()
    form = InspectorForm()
    if form.validate_on_submit():
        user = accounts.find_by_email(db, form.email.data)
        service.appoint_inspector(db, current_user, user, now=utcnow())
        db.commit()
        flash(_("%(name)s is now an inspector.", name=user.full_name), "success")
        return redirect(url_for("oversight.inspectors"), code=303)
    return render_template("oversight/inspectors.html", form=form,
                           inspectors=service.inspectors(db))


@bp.post("/oversight/inspectors/<int:user_id>/dismiss")
@login_required
def dismiss_inspector(user_id: int):
    db = db_session()
    user = accounts.get_user(db, user_id)
    service.dismiss_inspector(db, current_user, user, now=utcnow())
    db.commit()
    flash(_("%(name)s is no longer an inspector.", name=user.full_name), "success")
    return redirect(url_for("oversight.inspectors"), code=303)


def _board_competition(competition_id: int):
    db = db_session()
    competition = competitions.get_competition(db, competition_id)
    if not permissions.can_see_votes(db, current_user, competition):
        abort(403)
    return competition


@bp.route("/manage/<int:competition_id>/votes", methods=["GET", "POST"])
@login_required
def votes(competition_id: int):
    db = db_session()
    competition = _board_competition(competition_id)
    form = VoteForm()
    if not form.is_submitted():
        form.options.data = "\n".join([_("In favour"), _("Against")])
    if form.validate_on_submit():
        vote = votes_service.open_vote(
            db, current_user, competition, kind=form.kind.data, question=form.question.data,
            options=form.options.data.splitlines(), closes_at=to_utc(form.closes_at.data),
            quorum=form.quorum.data, now=utcnow())
        db.commit()
        flash(_("The question is put to the board."), "success")
        return redirect(url_for("oversight.vote", competition_id=competition_id,
                                vote_id=vote.id), code=303)
    now = utcnow()
    return render_template("oversight/votes.html", competition=competition, form=form,
                           votes=votes_service.votes_of(db, competition), now=now,
                           is_closed=votes_service.is_closed,
                           can_open=permissions.can_open_vote(db, current_user, competition),
                           kind_labels=votes_service.KIND_LABELS)


@bp.get("/manage/<int:competition_id>/votes/<int:vote_id>")
@login_required
def vote(competition_id: int, vote_id: int):
    db = db_session()
    competition = _board_competition(competition_id)
    item = votes_service.get_vote(db, current_user, competition, vote_id)
    now = utcnow()
    closed = votes_service.results_due(item, now)
    ballot = BallotForm()
    ballot.option.choices = list(enumerate(item.options))
    outcome = participation = None
    if closed:
        outcome = {"kind_label": votes_service.KIND_LABELS[item.kind], "question": item.question,
                   **votes_service.tally(item, now)}
        participation = votes_service.participation(item, now)
    return render_template(
        "oversight/vote.html", competition=competition, vote=item, closed=closed,
        outcome=outcome, participation=participation,
        ballots_cast=votes_service.ballots_cast(item),
        quorum=votes_service.quorum_of(item),
        may_vote=votes_service.may_vote(db, current_user, item, now), ballot=ballot,
        can_close=item.closed_at is None and now >= item.closes_at,
        kind_labels=votes_service.KIND_LABELS)


@bp.post("/manage/<int:competition_id>/votes/<int:vote_id>/ballot")
@login_required
def cast_ballot(competition_id: int, vote_id: int):
    db = db_session()
    competition = _board_competition(competition_id)
    item = votes_service.get_vote(db, current_user, competition, vote_id)
    form = BallotForm()
    form.option.choices = list(enumerate(item.options))
    if not form.validate_on_submit():
        flash(_("Choose one of the options."), "error")
    else:
        votes_service.cast_ballot(db, current_user, item, form.option.data, now=utcnow())
        db.commit()
        flash(_("Your ballot was counted. Nobody, including you, can see which option it went to."),
              "success")
    return redirect(url_for("oversight.vote", competition_id=competition_id, vote_id=vote_id),
                    code=303)


@bp.post("/manage/<int:competition_id>/votes/<int:vote_id>/close")
@login_required
def close_vote(competition_id: int, vote_id: int):
    db = db_session()
    competition = _board_competition(competition_id)
    item = votes_service.get_vote(db, current_user, competition, vote_id)
    votes_service.close_vote(db, current_user, item, now=utcnow())
    db.commit()
    flash(_("The vote is closed; its result is recorded in the audit log."), "success")
    return redirect(url_for("oversight.vote", competition_id=competition_id, vote_id=vote_id),
                    code=303)
