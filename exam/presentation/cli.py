"""`thituyen presentation ...`: the presentation round's operations for cron and operators."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from exam.clitools import fail_on_domain_error
from exam.db import db_session, utcnow
from exam.presentation import service


@click.group("presentation")
def presentation_group():
    """Action programmes and the presentation round."""


@presentation_group.command("freeze-due-programmes")
@with_appcontext
@fail_on_domain_error
def freeze_due_programmes():
    """Freeze the action programmes of every competition whose deadline has passed (cron)."""
    frozen = service.freeze_due_programmes(db_session(), now=utcnow())
    db_session().commit()
    for freeze in frozen:
        click.echo(f"competition {freeze.competition_id}: {len(freeze.digests)} programme(s) "
                   f"frozen; digests in the audit log")
    click.echo(f"{len(frozen)} competition(s) frozen")
