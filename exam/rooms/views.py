"""Rooms: the board's setup, the proctor's check-in page (made for a tablet), the room list
PDF, the candidate's photograph, and the Safe Exam Browser gate on the sitting's pages."""

from urllib.parse import urlsplit

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
from flask_babel import force_locale, format_date, format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from exam.competitions import permissions
from exam.competitions import service as competitions
from exam.competitions.forms import ConfirmForm
from exam.competitions.models import Role, Stage
from exam.db import db_session, utcnow
from exam.errors import Conflict, InvalidInput
from exam.outcome import done
from exam.registration.models import Application
from exam.rooms import practice, roomlist, seb
from exam.rooms import service as rooms
from exam.rooms.forms import (
    AdmitLateForm,
    MarkForm,
    PhotoForm,
    PracticeForm,
    RoomForm,
    RoomProctorForm,
    SebForm,
)
from exam.rooms.models import RoomProctor
from exam.sitting import attempts
from exam.sitting import service as sitting_service
from exam.timefmt import to_utc

bp = Blueprint("rooms", __name__)

# The candidate's pages of the sitting: Safe Exam Browser guards them when the rules ask.
SEB_GUARDED = frozenset({"sitting.landing", "sitting.start", "sitting.paper", "sitting.answer",
                         "sitting.review", "sitting.submit", "sitting.check_in",
                         "sitting.paper_key"})
STATUS_LABELS = {"present": "Present", "absent": "Absent", "refused": "Refused"}


@bp.before_app_request
def require_safe_exam_browser():
    if request.endpoint not in SEB_GUARDED:
        return None
    competition_id = (request.view_args or {}).get("competition_id")
    from exam.competitions.models import Competition

    competition = db_session().get(Competition, competition_id)
    if competition is None:
        return None
    if seb.request_allowed(seb.rule_of(db_session(), competition), request.url,
                           request.headers):
        return None
    return render_template("rooms/seb_required.html", competition=competition), 403


def _competition(competition_id: int):
    return competitions.get_competition(db_session(), competition_id)


def _board(competition_id: int):
    competition = _competition(competition_id)
    if not permissions.is_board(db_session(), current_user, competition):
        abort(403)
    return competition


def _board_form(competition_id: int, form, refusal: str):
    """The board's competition, and its form refused when not filled in."""
    competition = _board(competition_id)
    if not form.validate_on_submit():
        raise InvalidInput(refusal)
    return competition


def _room(competition_id: int, room_id: int):
    session = db_session()
    competition = _competition(competition_id)
    room = rooms.room_of(session, competition, room_id)
    if not rooms.can_see_room(session, current_user, room):
        abort(403)
    return competition, room


def _board_or_proctor(competition_id: int):
    competition = _competition(competition_id)
    session = db_session()
    if not (permissions.is_board(session, current_user, competition)
            or Role.PROCTOR in permissions.roles_in(session, current_user, competition)):
        abort(403)
    return competition


def _done(message: str, competition_id: int):
    return done(message, "rooms.setup", competition_id=competition_id)


@bp.get("/manage/<int:competition_id>/rooms")
@login_required
def setup(competition_id: int):
    """The board's setup; the proctors see the rooms and open their check-in pages here."""
    session = db_session()
    competition = _board_or_proctor(competition_id)
    room_list = rooms.rooms_of(session, competition)
    proctors = [m.user for m in competitions.staff_of(session, competition)
                if m.role == Role.PROCTOR]
    proctor_form = RoomProctorForm()
    proctor_form.user_id.choices = [SelectChoice(u.id, u.full_name) for u in proctors]
    rule = seb.rule_of(session, competition)
    return render_template(
        "rooms/setup.html", competition=competition, rooms=room_list,
        draw=rooms.draw_of(session, competition), room_form=RoomForm(),
        proctor_form=proctor_form, confirm_form=ConfirmForm(), seb_rule=rule,
        practice_form=PracticeForm(), practice_items=practice.items_of(session, competition),
        before_sitting=not competition.has_reached(Stage.SITTING),
        can_manage=permissions.can_run_stages(session, current_user, competition),
        seb_form=SebForm(is_required=rule.is_required if rule else False,
                         browser_exam_keys="\n".join(rule.browser_exam_keys.split())
                         if rule else ""),
        draw_problems=rooms.verify_seat_draw(session, competition)
        if rooms.draw_of(session, competition) else [])


@bp.post("/manage/<int:competition_id>/rooms/new")
@login_required
def add_room(competition_id: int):
    form = RoomForm()
    competition = _board_form(competition_id, form,
                              _("Give the room code, its name and its seats (1 to 500)."))
    rooms.add_room(db_session(), current_user, competition, code=form.code.data,
                   name=form.name.data, capacity=form.capacity.data,
                   session_number=form.session_number.data,
                   session_starts_at=to_utc(form.session_starts_at.data), now=utcnow())
    return _done(_("The room was added."), competition_id)


@bp.post("/manage/<int:competition_id>/rooms/<int:room_id>/proctors")
@login_required
def appoint_proctor(competition_id: int, room_id: int):
    session = db_session()
    competition = _board(competition_id)
    room = rooms.room_of(session, competition, room_id)
    form = RoomProctorForm()
    form.user_id.choices = [SelectChoice(m.user_id, "") for m in competitions.staff_of(session, competition)
                            if m.role == Role.PROCTOR]
    if not form.validate_on_submit():
        raise InvalidInput(_("Choose a proctor."))
    user_id = form.user_id.data
    from exam.accounts.models import User

    proctor = session.get(User, user_id)
    if proctor is None:
        raise InvalidInput(_("Choose a proctor."))
    rooms.appoint_room_proctor(session, current_user, competition, room, proctor, now=utcnow())
    return _done(_("The proctor now runs this room."), competition_id)


@bp.post("/manage/<int:competition_id>/rooms/draw")
@login_required
def draw(competition_id: int):
    competition = _board_form(competition_id, ConfirmForm(), _("Tick the box to confirm."))
    rooms.draw_seats(db_session(), current_user, competition, now=utcnow())
    return _done(_("The seats were drawn; the seed is in the audit log."), competition_id)


@bp.post("/manage/<int:competition_id>/rooms/seb")
@login_required
def set_seb(competition_id: int):
    form = SebForm()
    competition = _board_form(competition_id, form, _("Check the SEB settings."))
    upload = form.config.data
    config = upload.read() if upload and getattr(upload, "filename", "") else b""
    if not config:
        host = urlsplit(request.host_url).netloc
        config = seb.generated_config(
            url_for("sitting.landing", competition_id=competition.id, _external=True),
            url_for("rooms.seb_quit", competition_id=competition.id, _external=True), host)
    seb.set_rule(db_session(), current_user, competition, is_required=form.is_required.data,
                 config=config, browser_exam_keys=form.browser_exam_keys.data or "",
                 now=utcnow())
    return _done(_("The Safe Exam Browser rule was saved."), competition_id)


@bp.get("/manage/<int:competition_id>/rooms/config.seb")
@login_required
def seb_config(competition_id: int):
    competition = _board_or_proctor(competition_id)
    rule = seb.rule_of(db_session(), competition)
    if rule is None or not rule.config_xml:
        flash(_("The board has not set a Safe Exam Browser configuration."), "error")
        return redirect(url_for("rooms.setup", competition_id=competition.id))
    return Response(rule.config_xml, mimetype="application/seb",
                    headers={"Content-Disposition":
                             f'attachment; filename="thituyen-{competition.id}.seb"'})


@bp.app_context_processor
def safe_exam_browser_in_use():
    """Pages seen in Safe Exam Browser offer its quit link (the receipt does)."""
    return {"seb_in_use": seb.CONFIG_KEY_HEADER in request.headers}


@bp.get("/competitions/<int:competition_id>/safe-exam-browser")
def seb_check(competition_id: int):
    """The technician's check on a prepared machine: does this browser present the keys the
    sitting will ask for? Open to anyone: it shows no key, only yes or no."""
    competition = competitions.get_public_competition(db_session(), competition_id)
    rule = seb.rule_of(db_session(), competition)
    result = seb.check(rule, request.url, request.headers) if rule else None
    return render_template("rooms/seb_check.html", competition=competition, rule=rule,
                           result=result)


@bp.get("/competitions/<int:competition_id>/safe-exam-browser/quit")
def seb_quit(competition_id: int):
    """The generated configuration's quit link: Safe Exam Browser closes when it is asked
    for this page; any other browser just shows it."""
    return render_template("rooms/seb_quit.html", competition=competitions.get_public_competition(
        db_session(), competition_id))


@bp.get("/manage/<int:competition_id>/rooms/<int:room_id>/check-in")
@login_required
def check_in(competition_id: int, room_id: int):
    session = db_session()
    competition, room = _room(competition_id, room_id)
    rows = rooms.room_list(session, current_user, room)
    setup_row = sitting_service.setup_of(session, competition)
    late_entry_closes = (attempts.late_entry_closes_at(competition, setup_row,
                                                       room.session_starts_at)
                         if competition.sitting_opens_at else None)
    return render_template("rooms/check_in.html", competition=competition, room=room,
                           rows=rows, form=MarkForm(), admit_form=AdmitLateForm(),
                           can_mark=rooms.runs_room(session, current_user, room),
                           late_entry_closes=late_entry_closes, now_=utcnow(),
                           late_entry_minutes=setup_row.late_entry_minutes,
                           labels={k: _(v) for k, v in STATUS_LABELS.items()})


def _seat_in(room, application_id: int):
    """The candidate's seat, when they sit in this room; any other id answers 404."""
    session = db_session()
    application = session.get(Application, application_id)
    seat = rooms.seat_of(session, application) if application is not None else None
    if seat is None or seat.room_id != room.id:
        abort(404)
    return seat


def _filled_at_seat(competition_id: int, room_id: int, application_id: int, form,
                    refusal: str):
    """The room, the candidate's seat in it, and the form, refused when not filled in."""
    competition, room = _room(competition_id, room_id)
    if not form.validate_on_submit():
        raise InvalidInput(refusal)
    return competition, room, _seat_in(room, application_id)


def _back_to_seat(message: str, room, seat):
    return done(message, "rooms.check_in", competition_id=room.competition_id,
                room_id=room.id, _anchor=f"seat-{seat.seat_number}")


@bp.post("/manage/<int:competition_id>/rooms/<int:room_id>/check-in/<int:application_id>")
@login_required
def mark(competition_id: int, room_id: int, application_id: int):
    form = MarkForm()
    competition, room, seat = _filled_at_seat(
        competition_id, room_id, application_id, form,
        _("Mark the candidate present, absent or refused."))
    rooms.mark(db_session(), current_user, competition, application_id,
               status=form.status.data, reason=form.reason.data or "", now=utcnow())
    return _back_to_seat(_("Seat %(seat)d: %(status)s.", seat=seat.seat_number,
                           status=_(STATUS_LABELS[form.status.data])), room, seat)


@bp.post("/manage/<int:competition_id>/rooms/<int:room_id>/check-in/<int:application_id>"
         "/admit-late")
@login_required
def admit_late(competition_id: int, room_id: int, application_id: int):
    """A proctor of the room lets a late candidate start, with the reason (audited)."""
    form = AdmitLateForm()
    competition, room, seat = _filled_at_seat(competition_id, room_id, application_id, form,
                                              _("Say why the candidate is admitted late."))
    attempts.admit_late(db_session(), current_user, competition, application_id,
                        reason=form.reason.data, now=utcnow())
    return _back_to_seat(_("Seat %(seat)d: admitted late; their time ends with the session.",
                           seat=seat.seat_number), room, seat)


@bp.get("/manage/<int:competition_id>/rooms/<int:room_id>/list.pdf")
@login_required
def room_list_pdf(competition_id: int, room_id: int):
    from exam.documents import signing
    from exam.sitting.receipts import platform_key

    session = db_session()
    competition, room = _room(competition_id, room_id)
    rows = rooms.room_list(session, current_user, room)
    key = platform_key()
    if key is None:
        raise Conflict(_("No signing key is installed: the room list cannot be signed."))
    from exam.competitions.permissions import board_chair
    from exam.documents import official, pdf

    organization = current_app.config["ORGANIZATION_NAME"]
    proctors = _room_proctors(room)
    with force_locale("vi"):
        header = pdf.SheetHeader(
            organization=organization,
            competition_title=competition.title, title=_("ROOM LIST"),
            subtitle=_("Session %(n)d, room %(code)s: %(name)s", n=room.session_number,
                       code=room.code, name=room.name),
            post=competition.post, unit=competition.unit, post_label=_("Post"),
            unit_label=_("Unit"), page_label=_("Page {page}/{pages}"),
            official=official.heading(organization, f"{room.session_number}-{room.code}",
                                      official.LIST, utcnow()))
        chair = board_chair(session, competition)
        signer = official.board_signature(
            "chair", chair.full_name if chair else "", note=_("(digitally signed)"),
            recipients=[f"Giám thị phòng thi: Ông/Bà {p.user.full_name}" for p in proctors])
        lines = [roomlist.RoomListLine(
            str(r.seat_number), r.application.candidate_number, r.application.user.full_name,
            format_date(r.application.date_of_birth, "dd/MM/yyyy"),
            (_(STATUS_LABELS[r.check_in.status]) + (f": {r.check_in.reason}"
                                                     if r.check_in.reason else ""))
            if r.check_in else "", r.photo.data if r.photo else None) for r in rows]
        data = roomlist.build_room_list(roomlist.RoomListSheet(
            header=header, lines=lines, no_photo_label=_("no photograph"),
            columns=(_("Seat"), _("Candidate no."), _("Photograph"), _("Full name"),
                     _("Date of birth"), _("Check-in"), _("Signature")),
            notes=(_("Printed %(at)s. Proctors: %(names)s.", at=format_datetime(utcnow(), "short"),
                     names=", ".join(p.user.full_name for p in proctors)),), signer=signer))
        signed = signing.certify_pdf(data, key, reason=_("Room list"),
                                     location=current_app.config["ORGANIZATION_NAME"])
    return Response(signed, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="room-{room.session_number}-{room.code}.pdf"'})


def _room_proctors(room) -> list[RoomProctor]:
    from sqlalchemy import select

    return list(db_session().scalars(select(RoomProctor).where(RoomProctor.room_id == room.id)))


@bp.route("/competitions/<int:competition_id>/photo", methods=["GET", "POST"])
@login_required
def photo(competition_id: int):
    from sqlalchemy import select

    session = db_session()
    competition = _competition(competition_id)
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id, Application.user_id == current_user.id))
    if application is None:
        abort(404)
    form = PhotoForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            raise InvalidInput(_("Choose a JPEG or PNG photograph."))
        rooms.set_photo(session, current_user, application,
                        form.photo.data.read(rooms.MAX_PHOTO_BYTES + 1), now=utcnow())
        return done(_("Your photograph was saved."), "rooms.photo",
                    competition_id=competition_id)
    seat = rooms.seat_of(session, application)
    return render_template("rooms/photo.html", competition=competition, application=application,
                           photo=rooms.photo_of(session, application), form=form, seat=seat,
                           before_sitting=not competition.has_reached(Stage.SITTING))


@bp.get("/photos/<int:photo_id>.jpg")
@login_required
def photo_image(photo_id: int):
    photo = rooms.photo_for(db_session(), current_user, photo_id)
    return Response(photo.data, mimetype="image/jpeg",
                    headers={"Cache-Control": "private, no-store"})


# ----------------------------------------------------------------------------- practice paper


@bp.post("/manage/<int:competition_id>/practice")
@login_required
def add_practice(competition_id: int):
    form = PracticeForm()
    competition = _board_form(competition_id, form, _("Write at least one practice question."))
    made = practice.add_items(db_session(), current_user, competition, form.questions.data,
                              now=utcnow())
    return _done(_("%(n)d practice questions added.", n=len(made)), competition_id)


def _practice(competition_id: int, find):
    """The candidate's practice try (``find``: the latest or their own), submitted first if
    its time has run out while they were away."""
    session = db_session()
    competition = _competition(competition_id)
    attempt = find(session, current_user, competition)
    now = utcnow()
    if practice.submit_if_expired(session, current_user, attempt, now=now):
        session.commit()
    return session, competition, attempt, now


@bp.get("/competitions/<int:competition_id>/practice")
@login_required
def practice_landing(competition_id: int):
    session, competition, attempt, _now = _practice(competition_id, practice.latest_attempt)
    items = practice.items_of(session, competition)
    return render_template("rooms/practice_landing.html", competition=competition,
                           attempt=attempt, count=len(items), form=ConfirmForm(),
                           is_open=not competition.has_reached(Stage.SITTING),
                           minutes=len(items) * practice.MINUTES_PER_QUESTION)


@bp.post("/competitions/<int:competition_id>/practice/start")
@login_required
def practice_start(competition_id: int):
    competition = _competition(competition_id)
    practice.start(db_session(), current_user, competition, now=utcnow())
    db_session().commit()
    return redirect(url_for("rooms.practice_paper", competition_id=competition_id))


@bp.get("/competitions/<int:competition_id>/practice/paper")
@login_required
def practice_paper(competition_id: int):
    session, competition, attempt, now = _practice(competition_id, practice.own_attempt)
    if attempt.submitted_at is not None:
        return redirect(url_for("rooms.practice_landing", competition_id=competition_id))
    lines = practice.lines(session, attempt)
    return render_template("rooms/practice_paper.html", competition=competition,
                           attempt=attempt, lines=lines, form=ConfirmForm(),
                           remaining=practice.remaining_seconds(attempt, now),
                           deadline=practice.deadline(attempt),
                           server_now_ms=int(now.timestamp() * 1000),
                           answered=sum(1 for pl in lines if pl.is_answered),
                           flagged=sum(1 for pl in lines if pl.is_flagged))


@bp.post("/competitions/<int:competition_id>/practice/answer")
@login_required
def practice_answer(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    attempt = practice.own_attempt(session, current_user, competition)
    now = utcnow()
    if request.is_json:
        data = request.get_json(silent=True) or {}
        try:
            item_id, response = int(data["paper_item_id"]), data.get("response")
            flagged, seq = bool(data.get("flagged")), int(data.get("seq"))
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(_("The save could not be understood. Reload the page.")) from None
    else:
        try:
            item_id = int(request.form["paper_item_id"])
        except (KeyError, ValueError):
            raise InvalidInput(_("The save could not be understood. Reload the page.")) from None
        response, flagged = request.form.get("response", ""), request.form.get("flagged") == "1"
        seq = int(now.timestamp() * 1000)
    if attempt.submitted_at is not None:
        message = _("This practice paper has been submitted.")
        if request.is_json:
            return {"error": message, "submitted": True, "receipt_url": url_for(
                "rooms.practice_landing", competition_id=competition_id)}, 409
        raise Conflict(message)
    is_saved, current = practice.save(session, current_user, attempt, item_id,
                                      response=response, is_flagged=flagged, client_seq=seq,
                                      now=now)
    session.commit()
    if not request.is_json:
        flash(_("Saved at %(time)s.", time=format_datetime(now, "HH:mm:ss")), "success")
        return redirect(url_for("rooms.practice_paper", competition_id=competition_id))
    body = {"saved": is_saved,
            "saved_at": format_datetime(current.saved_at, "HH:mm:ss") if is_saved else "",
            "remaining": practice.remaining_seconds(attempt, now),
            "server_now": int(now.timestamp() * 1000)}
    if not is_saved:
        body |= {"stale": True, "response": [current.response] if current.response else [],
                 "flagged": current.is_flagged, "seq": current.client_seq,
                 "message": _("A newer answer from another window is kept.")}
    return body


@bp.post("/competitions/<int:competition_id>/practice/submit")
@login_required
def practice_submit(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    attempt = practice.own_attempt(session, current_user, competition)
    score = practice.submit(session, current_user, attempt, now=utcnow())
    return done(_("Practice paper submitted: %(score)d of %(max)d. It counts for nothing.",
                  score=score, max=attempt.max_score), "rooms.practice_landing",
                competition_id=competition_id)
