"""`thituyen notifications send`: retry email that could not leave right after its commit."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from exam.db import db_session
from exam.notifications.models import OutboxMail
from exam.notifications.service import deliver_queued


@click.group("notifications")
def notifications_group():
    """In-app notifications and their email."""


@notifications_group.command("send")
@with_appcontext
def send_command():
    """Send every email still waiting in the outbox (run it from cron when SMTP was down)."""
    sent = deliver_queued()
    waiting = db_session().scalar(select(func.count()).select_from(OutboxMail).where(
        OutboxMail.sent_at.is_(None)))
    click.echo(f"{sent} sent, {waiting} still waiting.")
    if waiting:
        raise SystemExit(1)
