from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from exam.db import db_session, utcnow
from exam.notifications import service
from exam.notifications.forms import OpenForm

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

_APPLICATION_PAGES = {
    "application_accepted": "registration.application",
    "application_rejected": "registration.application",
    "ticket_ready": "results.own",
    "results_published": "results.own",
    "appeal_decided": "results.own",
}


def target_of(notification) -> str:
    """Where the next step is: the application, result or appeal page the message is about."""
    if notification.kind == "appointment_decided":
        return url_for("appointment.mine")
    endpoint = _APPLICATION_PAGES.get(notification.kind)
    if endpoint and notification.subject_id:
        return url_for(endpoint, application_id=notification.subject_id)
    if notification.competition_id:
        return url_for("public.competition", competition_id=notification.competition_id)
    return url_for("notifications.inbox")


@bp.app_context_processor
def _unread():
    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        return service.unread_count(db_session(), current_user)
    return {"unread_notifications": unread_notifications}


@bp.get("/")
@login_required
def inbox():
    items = service.inbox(db_session(), current_user)
    return render_template("notifications/inbox.html", items=items, message=service.message,
                           target_of=target_of, form=OpenForm())


@bp.post("/<int:notification_id>/open")
@login_required
def open_one(notification_id: int):
    session = db_session()
    notification = service.get_own(session, current_user, notification_id)
    if OpenForm().validate_on_submit():
        service.mark_read(session, current_user, notification, now=utcnow())
        session.commit()
    return redirect(target_of(notification), code=303)


@bp.post("/read-all")
@login_required
def read_all():
    if OpenForm().validate_on_submit():
        service.mark_all_read(db_session(), current_user, now=utcnow())
        db_session().commit()
    return redirect(url_for("notifications.inbox"), code=303)
