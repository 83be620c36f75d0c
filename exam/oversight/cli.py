"""`thituyen oversight ...`: the same oversight operations as the web, for cron and operators."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from exam.cli import fail_on_domain_error
from exam.db import db_session, utcnow
from exam.oversight import votes


@click.group("oversight")
def oversight_group():
    """Irregularity reports and board votes."""


@oversight_group.command("close-due-votes")
@with_appcontext
@fail_on_domain_error
def close_due_votes():
    """Record the tally of every board vote whose deadline has passed (run it from cron)."""
    closed = votes.close_due_votes(db_session(), now=utcnow())
    db_session().commit()
    for vote in closed:
        click.echo(f"vote {vote.id} of competition {vote.competition_id} closed at its deadline")
    click.echo(f"{len(closed)} vote(s) closed")
