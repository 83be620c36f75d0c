import base64
import binascii
import hashlib

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup

from exam.bank import problems, service
from exam.bank.forms import DIFFICULTY_LABELS, TYPE_LABELS, ConfirmImportForm, ImportForm, ItemForm
from exam.bank.models import ItemStatus
from exam.competitions.forms import ConfirmForm
from exam.db import db_session, utcnow
from exam.errors import InvalidInput, PermissionDenied
from exam.refusals import Refusal, refused_into
from question_bank.html import sanitize, text_to_html
from question_bank.items import TextFormat

bp = Blueprint("bank", __name__, url_prefix="/bank")

STATUS_LABELS = {ItemStatus.DRAFT: _l("Draft"), ItemStatus.REVIEWED: _l("Reviewed"),
                 ItemStatus.APPROVED: _l("Approved"), ItemStatus.RETIRED: _l("Retired")}


@bp.before_request
@login_required
def _only_authors():
    """Examiners and candidates never see the bank, not even its list."""
    if not service.can_use_bank(db_session(), current_user):
        raise PermissionDenied(_("Only question authors can use the question bank."))


@bp.app_template_global()
def bank_is_open_to(user) -> bool:
    """The header links the bank for those who write and review questions, and no one else."""
    return bool(getattr(user, "is_authenticated", False)) and service.can_use_bank(db_session(), user)


@bp.context_processor
def _labels():
    return {"status_labels": {str(k): v for k, v in STATUS_LABELS.items()},
            "type_labels": {str(k): v for k, v in TYPE_LABELS.items()},
            "difficulty_labels": DIFFICULTY_LABELS, "format_labels": service.FORMAT_LABELS,
            "import_labels": service.IMPORT_LABELS}


@bp.get("/")
def index():
    session = db_session()
    status = request.args.get("status") or None
    status = status if status in set(ItemStatus) else None
    topic = request.args.get("topic") or None
    return render_template("bank/index.html", status=status, topic=topic,
                           bulk_step={"draft": "review", "reviewed": "approve"}.get(status),
                           confirm_form=ConfirmForm(),
                           versions=service.list_questions(session, current_user, status=status,
                                                           topic=topic),
                           topics=service.topics(session),
                           counts=service.counts_by_status(session))


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = ItemForm()
    refusal = Refusal()
    if form.validate_on_submit():
        with refused_into(form) as refusal:
            version = service.create_item(db_session(), current_user, form.to_item(),
                                          now=utcnow())
            db_session().commit()
            flash(_("The question was saved as a draft."), "success")
            return redirect(url_for("bank.version", version_id=version.id))
    return render_template("bank/edit.html", form=form, version=None), \
        400 if form.errors else refusal.status


@bp.get("/versions/<int:version_id>")
def version(version_id: int):
    session = db_session()
    item_version = service.get_version(session, current_user, version_id)
    return render_template("bank/version.html", version=item_version,
                           item=service.item_of(item_version),
                           newest=service.latest_version(session, item_version.item),
                           confirm_form=ConfirmForm())


@bp.route("/versions/<int:version_id>/edit", methods=["GET", "POST"])
def edit(version_id: int):
    session = db_session()
    item_version = service.get_version(session, current_user, version_id)
    form = ItemForm()
    if request.method == "GET":
        form.load(service.item_of(item_version))
    refusal = Refusal()
    if form.validate_on_submit():
        with refused_into(form) as refusal:
            revised = service.revise_item(session, current_user, item_version, form.to_item(),
                                          now=utcnow())
            session.commit()
            flash(_("Saved as version %(n)d (draft).", n=revised.number), "success")
            return redirect(url_for("bank.version", version_id=revised.id))
    return render_template("bank/edit.html", form=form, version=item_version), \
        400 if form.errors else refusal.status


_STEPS = {"review": (service.review_version, _l("Marked reviewed.")),
          "approve": (service.approve_version, _l("Approved: the question can now be drawn.")),
          "retire": (service.retire_version, _l("Retired: the question will not be drawn again."))}


@bp.post("/versions/<int:version_id>/<any(review, approve, retire):step>")
def advance(version_id: int, step: str):
    session = db_session()
    item_version = service.get_version(session, current_user, version_id)
    action, message = _STEPS[step]
    action(session, current_user, item_version, now=utcnow())
    session.commit()
    flash(str(message), "success")
    return redirect(url_for("bank.version", version_id=version_id))


@bp.app_template_filter("bank_words")
def bank_words(text: str) -> str:
    """An import note or a question's problem in the reader's language."""
    return problems.in_words(text)


@bp.app_template_filter("where_words")
def where_words(text: str) -> str:
    return problems.where_words(text)


_BULK_DONE = {"review": _l("%(n)d questions marked reviewed."),
              "approve": _l("%(n)d questions approved: they can now be drawn.")}


@bp.post("/bulk/<any(review, approve):step>")
def bulk(step: str):
    """Several questions reviewed or approved with one confirmation; each refusal is reported."""
    session = db_session()
    back = url_for("bank.index", status=request.form.get("status") or None,
                   topic=request.form.get("topic") or None)
    if not ConfirmForm().validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return redirect(back)
    try:
        ids = [int(i) for i in request.form.getlist("version_id")]
    except ValueError:
        raise InvalidInput(_("Select at least one question.")) from None
    outcome = service.advance_many(session, current_user, ids, step, now=utcnow())
    session.commit()
    if outcome.done:
        flash(str(_BULK_DONE[step]) % {"n": len(outcome.done)}, "success")
    for version, version_id, reason in outcome.refused:
        name = (_("%(key)s, version %(n)d", key=version.item.key, n=version.number)
                if version is not None else _("question %(id)d", id=version_id))
        flash(_("Not done for %(question)s: %(reason)s", question=name, reason=reason), "error")
    return redirect(back)


@bp.app_template_filter("stem_html")
def stem_html(item) -> Markup:
    """A question's text for a page: HTML stems sanitised again on the way out (defence in
    depth), plain ones escaped with their line breaks."""
    if getattr(item, "stem_format", TextFormat.PLAIN) is TextFormat.HTML:
        return Markup('<div class="html-stem">%s</div>') % Markup(sanitize(item.stem))  # noqa: S704
    return Markup(text_to_html(item.stem))  # noqa: S704 - escaped by text_to_html


ENTRY_LABELS = {"imported": _l("Imported"), "changed": _l("Changed"), "skipped": _l("Skipped"),
                "error": _l("Error")}


@bp.route("/import", methods=["GET", "POST"])
def import_file():
    """Upload, then a preview question by question; nothing is written until confirmed."""
    form = ImportForm()
    if form.validate_on_submit():
        raw = form.file.data.read()
        report = service.preview_import(db_session(), current_user, form.format.data, raw)
        confirm = ConfirmImportForm(formdata=None, format=form.format.data,
                                    payload=base64.b64encode(raw).decode("ascii"),
                                    sha256=hashlib.sha256(raw).hexdigest())
        return render_template("bank/import_preview.html", report=report, confirm_form=confirm,
                               fmt=form.format.data, entry_labels=ENTRY_LABELS,
                               filename=form.file.data.filename or "")
    return render_template("bank/import.html", form=form)


@bp.post("/import/confirm")
def confirm_import():
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The import form expired; upload the file again."))
    try:
        raw = base64.b64decode(form.payload.data or "", validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(_("The previewed file could not be read back; upload it again.")) from None
    if hashlib.sha256(raw).hexdigest() != form.sha256.data:
        raise InvalidInput(_("The previewed file could not be read back; upload it again."))
    versions = service.import_bank(db_session(), current_user, form.format.data, raw, now=utcnow())
    db_session().commit()
    flash(_("%(n)d questions imported as drafts.", n=len(versions)), "success")
    return redirect(url_for("bank.index", status="draft"))


@bp.get("/export/<any(gift, moodle_xml, csv, qti):fmt>")
def export(fmt: str):
    text = service.export_bank(db_session(), current_user, fmt)
    mimetype = {"gift": "text/plain; charset=utf-8", "moodle_xml": "application/xml; charset=utf-8",
                "csv": "text/csv; charset=utf-8", "qti": "application/zip"}[fmt]
    return Response(text, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=ngan-hang-cau-hoi.{service.FORMAT_EXTENSIONS[fmt]}"})
