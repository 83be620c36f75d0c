"""Notify a person of a step they must not miss: a row in their inbox and an email.

The email is written to the outbox with the change itself and leaves only after the
transaction commits, so a rolled-back decision never tells anyone anything. Without
MAIL_SERVER the message is written as an .eml file to the instance folder's mail/.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc2822
from email.utils import make_msgid

from flask import current_app, has_app_context
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from exam.accounts.models import User
from exam.config import public_base_url
from exam.db import utcnow
from exam.errors import NotFound, require
from exam.notifications.models import Notification, OutboxMail

log = logging.getLogger(__name__)

KINDS = {
    "application_accepted": (
        _l("Your application was accepted"),
        _l("Your application to “%(title)s” was accepted. Your candidate number is "
           "%(candidate_number)s."),
    ),
    "application_rejected": (
        _l("Your application was not accepted"),
        _l("Your application to “%(title)s” was not accepted. The board's reason: %(reason)s"),
    ),
    "ticket_ready": (
        _l("Your admission ticket is ready"),
        _l("Your admission ticket for “%(title)s” is ready. Download it and bring it to the "
           "sitting."),
    ),
    "results_published": (
        _l("Results have been published"),
        _l("The results of “%(title)s” have been published. See your scores and your place."),
    ),
    "staff_invited": (
        _l("You are invited to serve on a competition"),
        _l("You were appointed %(role)s in “%(title)s”. Choose your password with this link, "
           "which works once and for %(days)s days: %(link)s"),
    ),
    "appeal_decided": (
        _l("Your appeal has been decided"),
        _l("The board has decided your appeal in “%(title)s”. Read the decision and its "
           "reason."),
    ),
}
_QUEUE = "thituyen_outbox"
AFTER_COMMIT_LIMIT = 50  # more (a whole competition's results) wait for `thituyen notifications send`


_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}")


def message(notification: Notification) -> tuple[str, str]:
    """Subject and text of a notification in the current language; a moment (kept as ISO
    text) is written the language's way (05/03/2026 14:30, 5 March 2026, 14:30)."""
    subject, body = KINDS[notification.kind]
    params = {key: format_datetime(datetime.fromisoformat(value), "short")
              if isinstance(value, str) and _MOMENT.fullmatch(value) else value
              for key, value in _safe_params(notification.kind, notification.params).items()}
    return str(subject), str(body) % params


def _safe_params(kind: str, params: dict) -> dict:
    """Every placeholder of the message present, so a missing one never breaks the inbox."""
    return {"title": "", "candidate_number": "", "reason": "", "role": "", "link": "", "days": "",
            **(params or {})}


def notify(session: Session, user: User, kind: str, *, now: datetime, competition=None,
           subject_id: int | None = None, **params) -> Notification:
    """Record an in-app notification and queue its email to leave after the commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    params = {key: value.isoformat() if isinstance(value, datetime) else str(value)
              for key, value in params.items()}
    if competition is not None:
        params.setdefault("title", competition.title)
    notification = Notification(user_id=user.id, kind=kind, params=params, created_at=now,
                                competition_id=competition.id if competition else None,
                                subject_id=subject_id)
    session.add(notification)
    session.flush()
    subject, body = _bilingual(notification)
    mail = OutboxMail(notification_id=notification.id, to_address=user.email, subject=subject,
                      body=body, queued_at=now, attempts=0, last_error="")
    session.add(mail)
    session.flush()
    _queue_after_commit(session, mail.id)
    return notification


def _bilingual(notification: Notification) -> tuple[str, str]:
    """Vietnamese first, English below: the email must be understood whatever the reader's choice."""
    texts = {}
    for locale in ("vi", "en"):
        with force_locale(locale):
            texts[locale] = message(notification)
    link = ""
    if has_app_context():
        link = public_base_url() + "/notifications"
    with force_locale("vi"):
        footer_vi = _("See it in the app: %(link)s", link=link)
    with force_locale("en"):
        footer_en = _("See it in the app: %(link)s", link=link)
    subject = f"{texts['vi'][0]} / {texts['en'][0]}"
    body = (f"{texts['vi'][1]}\n\n{footer_vi}\n\n-- \n\n{texts['en'][1]}\n\n{footer_en}\n")
    return subject, body


def _queue_after_commit(session: Session, mail_id: int) -> None:
    queue = session.info.setdefault(_QUEUE, [])
    queue.append(mail_id)
    if not session.info.get(_QUEUE + "_listening"):
        session.info[_QUEUE + "_listening"] = True
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_rollback", _after_rollback)


def _after_rollback(session: Session) -> None:
    session.info.pop(_QUEUE, None)


def _after_commit(session: Session) -> None:
    ids = session.info.pop(_QUEUE, [])
    if ids and has_app_context():
        try:
            deliver_queued(mail_ids=ids[:AFTER_COMMIT_LIMIT])
        except Exception:  # a mail problem must never undo or hide the committed decision
            log.exception("mail delivery after commit failed; the outbox keeps the messages")


def deliver_queued(*, mail_ids: list[int] | None = None, now: datetime | None = None) -> int:
    """Send waiting outbox mail (the given ids, or all unsent); returns how many left."""
    from exam.db import database

    with database().sessionmaker() as session:
        query = select(OutboxMail).where(OutboxMail.sent_at.is_(None)).order_by(OutboxMail.id)
        if mail_ids is not None:
            query = query.where(OutboxMail.id.in_(mail_ids))
        sent = 0
        with _Transport() as transport:
            for mail in session.scalars(query):
                mail.attempts += 1
                try:
                    transport.send(mail)
                except (OSError, smtplib.SMTPException) as error:
                    mail.last_error = f"{type(error).__name__}: {error}"[:500]
                    log.warning("mail %s not sent: %s", mail.id, type(error).__name__)
                    transport.close()
                    continue
                mail.sent_at = now or utcnow()
                mail.last_error = ""
                sent += 1
        session.commit()
    return sent


def _email(mail: OutboxMail, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = mail.to_address
    email["Subject"] = mail.subject
    email["Date"] = rfc2822(mail.queued_at)
    email["Message-ID"] = make_msgid(idstring=f"thituyen-{mail.id}")
    email.set_content(mail.body)
    return email


def _setting(name: str):
    """A mail setting from the app's configuration, else from the environment (secrets stay out of git)."""
    value = current_app.config.get(name)
    return value if value not in (None, "") else os.environ.get(name)


class _Transport:
    """One SMTP connection for a batch of mail, or .eml files when no server is configured."""

    def __init__(self):
        self.smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()
            self.smtp = None

    def send(self, mail: OutboxMail) -> None:
        email = _email(mail, _setting("MAIL_FROM") or "thituyen@localhost")
        server = _setting("MAIL_SERVER")
        if not server:
            folder = current_app.config.get("MAIL_FOLDER") or os.path.join(
                current_app.instance_path, "mail")
            os.makedirs(folder, exist_ok=True)
            name = f"{mail.queued_at:%Y%m%dT%H%M%S}-{mail.id:06d}.eml"
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(bytes(email))
            return
        if self.smtp is None:
            smtp = smtplib.SMTP(server, int(_setting("MAIL_PORT") or 25), timeout=20)
            if str(_setting("MAIL_USE_TLS") or "").lower() in ("1", "true", "yes"):
                smtp.starttls(context=ssl.create_default_context())
            if _setting("MAIL_USERNAME"):
                smtp.login(_setting("MAIL_USERNAME"), _setting("MAIL_PASSWORD") or "")
            self.smtp = smtp
        self.smtp.send_message(email)


def inbox(session: Session, user: User, *, limit: int = 100) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user.id)
                                .order_by(Notification.id.desc()).limit(limit)))


def unread_count(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def get_own(session: Session, user: User, notification_id: int) -> Notification:
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(_("No such notification."))
    return notification


def mark_read(session: Session, user: User, notification: Notification, *, now: datetime) -> None:
    """Reading is the person's own business: no audit entry, only the inbox changes."""
    require(notification.user_id == user.id, _("No such notification."), NotFound)
    if notification.read_at is None:
        notification.read_at = now
        session.flush()


def mark_all_read(session: Session, user: User, *, now: datetime) -> None:
    session.execute(update(Notification).where(Notification.user_id == user.id,
                                               Notification.read_at.is_(None))
                    .values(read_at=now))
    session.flush()


def notify_tickets_ready(session: Session, competition, *, now: datetime) -> int:
    """Once eligibility is reviewed the list of candidates and the sitting are fixed: every
    accepted candidate hears that the admission ticket can be downloaded."""
    from exam.registration.models import Application, ApplicationStatus

    applications = session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED).order_by(Application.id)).all()
    for application in applications:
        notify(session, application.user, "ticket_ready", now=now, competition=competition,
               subject_id=application.id)
    return len(applications)
