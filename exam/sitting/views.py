from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from exam.bank import service as bank
from exam.bank.forms import DIFFICULTY_LABELS, TYPE_LABELS
from exam.competitions import permissions
from exam.competitions import service as competitions
from exam.competitions.forms import ConfirmForm
from exam.db import database_int, db_session, utcnow
from exam.errors import Conflict, DomainError, InvalidInput
from exam.refusals import refused_into
from exam.rooms import service as rooms
from exam.sitting import attempts, checkin, finish, receipts, service
from exam.sitting.forms import (
    ExtraTimeForm,
    LateAdmissionForm,
    PartForm,
    PublicValueForm,
    RoomForm,
    SealForm,
    StartForm,
)
from exam.timefmt import to_utc
from question_bank.draw import canonical_json

bp = Blueprint("sitting", __name__)


@bp.app_template_global()
def sitting_public_commitments(competition):
    return service.public_commitments(db_session(), competition)


def _competition(competition_id: int):
    return competitions.get_competition(db_session(), competition_id)


def _staff(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    if not (permissions.can_run_stages(session, current_user, competition)
            or attempts.can_proctor(session, current_user, competition)
            or permissions.is_board(session, current_user, competition)):
        abort(403)
    return competition


def _close_expired(competition) -> None:
    """Lazily submit attempts whose time ran out, so nobody waits on a cron job."""
    session = db_session()
    if finish.close_expired(session, utcnow(), competition=competition):
        session.commit()


def _own_attempt(application):
    """The candidate's attempt, submitted first if its time ran out (a cheap check of one row)."""
    session = db_session()
    attempt = attempts.attempt_of(session, application)
    if attempt is not None and finish.close_if_expired(session, attempt, utcnow()):
        session.commit()
    return attempt


def _done(message: str, competition_id: int, endpoint: str = "sitting.setup"):
    db_session().commit()
    flash(message, "success")
    return redirect(url_for(endpoint, competition_id=competition_id))


# ----------------------------------------------------------------------------- the board


@bp.get("/manage/<int:competition_id>/test")
@login_required
def setup(competition_id: int):
    competition = _staff(competition_id)
    part_form = PartForm(formdata=None)
    editing = request.args.get("part")
    for part in service.parts_of(db_session(), competition):
        if part.key == editing:
            part_form.load(part)
    return _setup_page(competition, part_form, open_part=editing is not None)


def _setup_page(competition, part_form, *, open_part=False, status=200):
    session = db_session()
    part_form.instructions.choices = [("", _("None"))] + [
        (key, key) for key in service.description_keys(session)]
    seal = service.seal_of(session, competition)
    return render_template(
        "sitting/setup.html", competition=competition, parts=service.parts_of(session, competition),
        infos={p.key: p for p in service.test_parts(session, competition)},
        pool=service.pool_report(session, competition) if seal is None else [],
        seal=seal, commitments=service.public_commitments(session, competition),
        can_run=permissions.can_run_stages(session, current_user, competition),
        part_form=part_form, open_part=open_part, topics=bank.topics(session),
        difficulty_labels=DIFFICULTY_LABELS, type_labels={str(k): v for k, v in TYPE_LABELS.items()},
        value_form=PublicValueForm(), confirm_form=ConfirmForm(), seal_form=SealForm()), status


@bp.post("/manage/<int:competition_id>/test/parts")
@login_required
def configure_part(competition_id: int):
    """A refused part comes back on the page as it was filled in, the reason by its field."""
    competition = _staff(competition_id)
    form = PartForm()
    if not form.validate_on_submit():
        return _setup_page(competition, form, open_part=True, status=400)
    with refused_into(form) as refusal:
        service.configure_part(db_session(), current_user, competition, key=form.key.data,
                               title=form.title.data, kind=form.kind.data,
                               duration_minutes=form.duration_minutes.data,
                               cells=form.cell_dicts(), essay_mode=form.essay_mode.data,
                               instructions=form.instructions.data or "", now=utcnow())
        return _done(_("The part was saved."), competition_id)
    return _setup_page(competition, form, open_part=True, status=refusal.status)


@bp.post("/manage/<int:competition_id>/test/parts/<key>/remove")
@login_required
def remove_part(competition_id: int, key: str):
    competition = _staff(competition_id)
    service.remove_part(db_session(), current_user, competition, key, now=utcnow())
    return _done(_("The part was removed."), competition_id)


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("Tick the box to confirm."))


@bp.post("/manage/<int:competition_id>/test/seal")
@login_required
def seal(competition_id: int):
    competition = _staff(competition_id)
    form = SealForm()
    if not form.validate_on_submit():
        raise InvalidInput(" ".join(str(e) for errors in form.errors.values() for e in errors))
    service.seal_papers(db_session(), current_user, competition, now=utcnow(),
                        value_source=form.value_source.data,
                        value_known_after=to_utc(form.value_known_after.data))
    return _done(_("The papers are sealed; the commitments are published."), competition_id)


@bp.post("/manage/<int:competition_id>/test/public-value")
@login_required
def public_value(competition_id: int):
    competition = _staff(competition_id)
    form = PublicValueForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("Enter the public value exactly as it was published (4 to 500 characters)."))
    count = service.enter_public_value(db_session(), current_user, competition,
                                       form.public_value.data, now=utcnow())
    return _done(_("%(n)d papers were drawn and stored.", n=count), competition_id)


@bp.post("/manage/<int:competition_id>/test/open")
@login_required
def open_sitting(competition_id: int):
    competition = _staff(competition_id)
    _confirmed()
    service.open_sitting(db_session(), current_user, competition, now=utcnow())
    return _done(_("The sitting is open: candidates can start within the window."), competition_id,
                 "sitting.board" if request.form.get("back") == "board" else "sitting.setup")


@bp.post("/manage/<int:competition_id>/test/close")
@login_required
def close_sitting(competition_id: int):
    competition = _staff(competition_id)
    _confirmed()
    attempts.close_sitting(db_session(), current_user, competition, now=utcnow(),
                          sign=receipts.platform_signer())
    return _done(_("The sitting is closed; scoring can begin."), competition_id)


@bp.post("/manage/<int:competition_id>/test/reveal")
@login_required
def reveal(competition_id: int):
    competition = _staff(competition_id)
    _confirmed()
    service.reveal_secret(db_session(), current_user, competition, now=utcnow())
    return _done(_("The secret is public: anyone can now recompute every paper."), competition_id)


# ----------------------------------------------------------------------------- the proctor


@bp.get("/manage/<int:competition_id>/sitting")
@login_required
def board(competition_id: int):
    session = db_session()
    competition = _staff(competition_id)
    _close_expired(competition)
    if attempts.log_released_starts(session, competition=competition):
        session.commit()
    rows = attempts.proctor_board(session, current_user, competition, now=utcnow())
    setup_row = service.setup_of(session, competition)
    room_form = RoomForm(access_code=setup_row.access_code,
                         allowed_networks="\n".join(setup_row.allowed_networks.split()),
                         late_entry_minutes=setup_row.late_entry_minutes,
                         checkin_minutes=setup_row.checkin_minutes)
    late_entry_closes = (attempts.late_entry_closes_at(competition, setup_row)
                         if competition.sitting_opens_at else None)
    seal = service.seal_of(session, competition)
    return render_template("sitting/board.html", competition=competition, rows=rows,
                           has_sessions=bool(rooms.session_starts(session, competition)),
                           is_drawn=seal is not None and seal.drawn_at is not None,
                           can_open=permissions.can_open_sitting(session, current_user, competition),
                           opens_from=(competition.sitting_opens_at - service.PROCTOR_OPENS_BEFORE
                                       if competition.sitting_opens_at else None),
                           confirm_form=ConfirmForm(),
                           room_form=room_form, extra_form=ExtraTimeForm(),
                           admit_form=LateAdmissionForm(), late_entry_closes=late_entry_closes,
                           setup=setup_row, now_=utcnow(),
                           started=sum(1 for r in rows if r.attempt),
                           submitted=sum(1 for r in rows if r.attempt and r.attempt.submitted_at))


@bp.post("/manage/<int:competition_id>/sitting/room")
@login_required
def room(competition_id: int):
    competition = _staff(competition_id)
    form = RoomForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The access code has 4 to 32 characters (or none)."))
    attempts.set_room_rules(db_session(), current_user, competition,
                            access_code=form.access_code.data or "",
                            allowed_networks=form.allowed_networks.data or "",
                            late_entry_minutes=form.late_entry_minutes.data,
                            checkin_minutes=form.checkin_minutes.data, now=utcnow())
    return _done(_("The room rules were saved."), competition_id, "sitting.board")


@bp.post("/manage/<int:competition_id>/sitting/late-admissions")
@login_required
def admit_late(competition_id: int):
    competition = _staff(competition_id)
    form = LateAdmissionForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("Say why the candidate is admitted late."))
    attempts.admit_late(db_session(), current_user, competition, form.application_id.data,
                        reason=form.reason.data, now=utcnow())
    return _done(_("The candidate may now start; their time ends when the sitting ends."),
                 competition_id, "sitting.board")


@bp.post("/manage/<int:competition_id>/sitting/attempts/<int:attempt_id>/extra-time")
@login_required
def extra_time(competition_id: int, attempt_id: int):
    _staff(competition_id)
    attempt = attempts.attempt_by_id(db_session(), attempt_id)
    if attempt.competition_id != competition_id:
        abort(404)
    form = ExtraTimeForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("Give the minutes (1 to 240) and the reason."))
    attempts.grant_extra_time(db_session(), current_user, attempt, minutes=form.minutes.data,
                              reason=form.reason.data, now=utcnow())
    return _done(_("Extra time granted."), competition_id, "sitting.board")


# ----------------------------------------------------------------------------- the candidate


def _own(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    application = attempts.application_of(session, current_user, competition)
    return competition, application


@bp.get("/sitting/<int:competition_id>")
@login_required
def landing(competition_id: int):
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt and attempt.submitted_at:
        return redirect(url_for("sitting.receipt", competition_id=competition_id))
    now = utcnow()
    setup_row = service.setup_of(db_session(), competition)
    full = service.duration_seconds(db_session(), competition)
    has_window = bool(competition.sitting_opens_at and competition.sitting_closes_at)
    session_starts = rooms.session_starts_at(db_session(), application)
    late_entry_closes = (attempts.late_entry_closes_at(competition, setup_row, session_starts)
                         if has_window else None)
    is_admitted_late = (attempt is None and has_window and now > late_entry_closes
                        and attempts.late_admission_of(db_session(), application) is not None)
    allowed = (attempts.time_allowed(competition, full, now, session_starts) if has_window
               else full)
    return render_template("sitting/landing.html", competition=competition,
                           application=application, attempt=attempt, now_=now,
                           is_checkin=has_window and checkin.is_checkin_window(
                               competition, setup_row, now),
                           checkin_opens=(checkin.checkin_opens_at(competition, setup_row)
                                          if has_window else None),
                           needs_code=bool(setup_row.access_code), minutes=full // 60,
                           minutes_if_started_now=allowed // 60,
                           time_ends_at=now + timedelta(seconds=allowed),
                           session_starts=session_starts,
                           late_entry_closes=late_entry_closes,
                           is_admitted_late=is_admitted_late, form=StartForm())


@bp.post("/sitting/<int:competition_id>/start")
@login_required
def start(competition_id: int):
    competition, _application = _own(competition_id)
    form = StartForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The room access code is not right. Ask the proctor."))
    checkin.start_sitting(db_session(), current_user, competition,
                          access_code=form.access_code.data or "",
                          address=request.remote_addr or "", now=utcnow())
    db_session().commit()
    return redirect(url_for("sitting.paper", competition_id=competition_id))


def _paper_renderer(competition):
    """The questions as the page shows them, in one language: what check-in seals."""
    parts = {p.key: p for p in service.parts_of(db_session(), competition)}

    instructions = service.part_instructions(db_session(),
                                             service.seal_of(db_session(), competition))

    def render(lines, locale):
        with force_locale(locale):
            return render_template("sitting/_questions.html", competition=competition,
                                   lines=lines, parts=parts, instructions=instructions,
                                   csrf_value="",
                                   answer_url=url_for("sitting.answer",
                                                      competition_id=competition.id),
                                   finish_url=url_for("sitting.review",
                                                      competition_id=competition.id),
                                   finish_form=None)
    return render


@bp.post("/sitting/<int:competition_id>/check-in")
@login_required
def check_in(competition_id: int):
    competition, _application = _own(competition_id)
    form = StartForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The room access code is not right. Ask the proctor."))
    checkin.check_in(db_session(), current_user, competition,
                     access_code=form.access_code.data or "",
                     address=request.remote_addr or "", render=_paper_renderer(competition),
                     now=utcnow())
    db_session().commit()
    return redirect(url_for("sitting.paper", competition_id=competition_id))


@bp.post("/sitting/<int:competition_id>/key")
@login_required
def paper_key(competition_id: int):
    """The start: a tiny JSON request, refused until the server's clock says so."""
    now = utcnow()
    server_now = int(now.timestamp() * 1000)
    data = request.get_json(silent=True)
    attempt_id = data.get("attempt") if isinstance(data, dict) else None
    if not isinstance(attempt_id, int) or isinstance(attempt_id, bool):
        _own(competition_id)  # who asks is checked before what they sent is judged
        return {"error": _("The request could not be understood. Reload the page.")}, 400
    session = db_session()
    try:
        release = checkin.release_paper_key(session.connection(), user_id=current_user.id,
                                            competition_id=competition_id,
                                            attempt_id=attempt_id,
                                            address=request.remote_addr or "", now=now)
    except checkin.NotYet as refusal:
        session.rollback()
        return {"error": refusal.message, "wait_ms": int(refusal.wait_seconds * 1000) + 1,
                "server_now": server_now}, 409
    except DomainError as refusal:
        session.rollback()
        return {"error": refusal.message, "server_now": server_now}, refusal.status
    session.commit()
    return {"key": release.key_b64, "remaining": release.remaining_seconds,
            "server_now": server_now,
            "deadline": format_datetime(release.deadline, "HH:mm:ss")}, 200, {
                "Cache-Control": "no-store"}




@bp.get("/sitting/<int:competition_id>/paper")
@login_required
def paper(competition_id: int):
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt is None:
        return redirect(url_for("sitting.landing", competition_id=competition_id))
    if not attempt.is_started:
        return _sealed_page(competition, attempt)
    if attempt.submitted_at:
        if attempt.is_auto_submitted:
            flash(_("Time is up: your paper was submitted automatically with every answer "
                    "saved before the deadline."), "error")
        return redirect(url_for("sitting.receipt", competition_id=competition_id))
    now = utcnow()
    lines = attempts.paper_lines(db_session(), attempt)
    parts = service.parts_of(db_session(), competition)
    response = Response(render_template(
        "sitting/paper.html", competition=competition, attempt=attempt, lines=lines,
        parts={p.key: p for p in parts},
        instructions=service.part_instructions(db_session(), service.seal_of(db_session(), competition)),
        full_minutes=sum(p.duration_minutes for p in parts),
        remaining=attempts.remaining_seconds(attempt, now),
        deadline=attempts.deadline(attempt), server_now_ms=int(now.timestamp() * 1000),
        answered=sum(1 for pl in lines if pl.is_answered),
        flagged=sum(1 for pl in lines if pl.is_flagged)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _sealed_page(competition, attempt):
    """Before the start: the paper, encrypted, and the page that opens it with the key."""
    session = db_session()
    now = utcnow()
    sealed = checkin.sealed_paper_of(session, attempt)
    locale = str(get_locale() or "vi")
    locale = locale if locale in sealed.blobs else "vi"
    parts = service.parts_of(session, competition)
    response = Response(render_template(
        "sitting/sealed.html", competition=competition, attempt=attempt,
        blob=sealed.blobs[locale], aad=checkin.aad(attempt.id, locale).decode(),
        full_minutes=sum(p.duration_minutes for p in parts),
        opens_at_ms=int(competition.sitting_opens_at.timestamp() * 1000),
        server_now_ms=int(now.timestamp() * 1000), now_=now, form=StartForm()))
    response.headers["Cache-Control"] = "no-store"
    return response


def _parse_save():
    """A save from sitting.js (JSON) or from the plain form (works without JavaScript)."""
    now_ms = int(utcnow().timestamp() * 1000)
    if request.is_json:
        data = request.get_json(silent=True) or {}
        try:
            return (database_int(data["paper_item_id"]), data.get("response"),
                    bool(data.get("flagged")),
                    int(data.get("seq", now_ms)), data.get("position"))
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(_("The save could not be understood. Reload the page.")) from None
    form = request.form
    try:
        paper_item_id = database_int(form["paper_item_id"])
        position = int(form.get("position", 0)) or None
    except (KeyError, ValueError):
        raise InvalidInput(_("The save could not be understood. Reload the page.")) from None
    return paper_item_id, None, form.get("flagged") == "1", now_ms, position


def _form_response(attempt, paper_item_id):
    """Plain form fields mean option tokens for choice items, text for the others."""
    line = next((pl for pl in attempts.paper_lines(db_session(), attempt)
                 if pl.line.id == paper_item_id), None)
    if line is None:
        raise InvalidInput(_("This question is not on your paper."))
    if line.item.type.is_choice or line.item.type == "matching":
        return request.form.getlist("response")
    return request.form.get("response", "")


def _saved(result, now):
    """Commit, then acknowledge: the page says "saved" only for what is in the database."""
    db_session().commit()
    body = {"saved": result.is_saved,
            "saved_at": format_datetime(result.saved_at, "HH:mm:ss") if result.saved_at else "",
            "remaining": result.remaining_seconds, "server_now": int(now.timestamp() * 1000)}
    if not result.is_saved and result.current is not None:
        body |= {"stale": True, "response": result.current_shown,
                 "flagged": result.current.is_flagged, "seq": result.current.client_seq,
                 "message": _("A newer answer from another window is kept.")}
    return body


@bp.post("/sitting/<int:competition_id>/answer")
@login_required
def answer(competition_id: int):
    now = utcnow()
    try:
        paper_item_id, response, flagged, seq, position = _parse_save()
    except InvalidInput:
        paper_item_id = None  # refused below, after the checks of who is asking
    if request.is_json and paper_item_id is not None:
        target = attempts.save_target(db_session(), current_user, competition_id, paper_item_id,
                                      now=now)
        if target is not None:
            return _saved(attempts.save_answer(
                db_session(), current_user, target.attempt, paper_item_id, response=response,
                is_flagged=flagged, client_seq=seq,
                position=position if isinstance(position, int) else None, now=now,
                target=target), now)
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt is None:
        raise Conflict(_("You have not started the sitting yet."))
    if attempt.submitted_at is not None:
        message = (_("Time is up: this answer arrived after the deadline and was not saved. "
                     "Your paper was submitted automatically with every answer saved before "
                     "the deadline.") if attempt.is_auto_submitted
                   else _("Your paper has been submitted; answers can no longer change."))
        if request.is_json:
            return {"error": message, "submitted": True,
                    "receipt_url": url_for("sitting.receipt", competition_id=competition_id)}, 409
        flash(message, "error")
        return redirect(url_for("sitting.receipt", competition_id=competition_id))
    paper_item_id, response, flagged, seq, position = _parse_save()
    if not request.is_json:
        response = _form_response(attempt, paper_item_id)
    position = position if isinstance(position, int) else None
    result = attempts.save_answer(db_session(), current_user, attempt, paper_item_id,
                                  response=response, is_flagged=flagged, client_seq=seq,
                                  position=position, now=now)
    if request.is_json:
        return _saved(result, now)
    db_session().commit()
    saved_at = format_datetime(result.saved_at, "HH:mm:ss") if result.saved_at else ""
    flash(_("Saved at %(time)s.", time=saved_at), "success")
    return redirect(url_for("sitting.paper", competition_id=competition_id,
                            _anchor=f"q-{position or 1}"))


@bp.get("/sitting/<int:competition_id>/review")
@login_required
def review(competition_id: int):
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt is None or attempt.submitted_at or not attempt.is_started:
        return redirect(url_for("sitting.landing", competition_id=competition_id))
    lines = attempts.paper_lines(db_session(), attempt)
    return render_template("sitting/review.html", competition=competition, attempt=attempt,
                           lines=lines, remaining=attempts.remaining_seconds(attempt, utcnow()),
                           unanswered=[pl for pl in lines if not pl.is_answered],
                           flagged=[pl for pl in lines if pl.is_flagged],
                           confirm_form=ConfirmForm())


@bp.post("/sitting/<int:competition_id>/submit")
@login_required
def submit(competition_id: int):
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt is None:
        raise Conflict(_("You have not started the sitting yet."))
    if attempt.submitted_at is None:
        _confirmed()
        finish.submit(db_session(), current_user, attempt, now=utcnow())
        db_session().commit()
        flash(_("Your paper was submitted."), "success")
    return redirect(url_for("sitting.receipt", competition_id=competition_id))


def _submitted(competition_id: int):
    competition, application = _own(competition_id)
    attempt = _own_attempt(application)
    if attempt is None or attempt.submitted_at is None:
        abort(404)
    return competition, application, attempt


@bp.get("/sitting/<int:competition_id>/receipt")
@login_required
def receipt(competition_id: int):
    competition, application, attempt = _submitted(competition_id)
    if finish.prepare_own_receipt(
            db_session(), attempt, now=utcnow(), sign=receipts.platform_signer(),
            wait_seconds=current_app.config.get("RECEIPT_INLINE_AFTER_SECONDS", 10)):
        db_session().commit()
    return render_template("sitting/receipt.html", competition=competition, attempt=attempt,
                           application=application,
                           is_signature_valid=(attempt.receipt_statement is not None
                                               and receipts.is_receipt_signature_valid(attempt)))


@bp.get("/sitting/<int:competition_id>/receipt.pdf")
@login_required
def receipt_pdf(competition_id: int):
    competition, application, attempt = _submitted(competition_id)
    if attempt.receipt_statement is None:
        return redirect(url_for("sitting.receipt", competition_id=competition_id))
    data = receipts.receipt_pdf(attempt, competition, application.user.full_name)
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f"attachment; filename=bien-nhan-{attempt.paper.candidate_number}.pdf"})


@bp.get("/sitting/<int:competition_id>/submission.json")
@login_required
def submission_json(competition_id: int):
    """The exact bytes whose SHA-256 is on the receipt."""
    _competition_, _application, attempt = _submitted(competition_id)
    if attempt.receipt_statement is None:
        return redirect(url_for("sitting.receipt", competition_id=competition_id))
    document = attempts.submission_document(db_session(), attempt, attempt.submitted_at)
    return Response(canonical_json(document).encode("utf-8"), mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=bai-lam.json"})


@bp.get("/sitting/<int:competition_id>/receipt.p7s")
@login_required
def receipt_signature(competition_id: int):
    import base64

    _competition_, _application, attempt = _submitted(competition_id)
    if not attempt.receipt_signature:
        abort(404)
    return Response(base64.b64decode(attempt.receipt_signature), mimetype="application/pkcs7-signature",
                    headers={"Content-Disposition": "attachment; filename=bien-nhan.p7s"})
