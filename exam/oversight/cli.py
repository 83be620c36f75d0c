"""`thituyen oversight ...`: the same oversight operations as the web, for cron and operators."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from exam.cli import fail_on_domain_error
from exam.db import db_session, utcnow
from exam.oversight import service, votes


@click.group("oversight")
def oversight_group():
    """Irregularity reports and board votes."""


@oversight_group.command("close-due-votes")
@with_appcontext
@fail_on_domain_error
def close_due_votes():
    """Record the result of every board vote whose deadline has passed (run it from cron)."""
    now = utcnow()
    closed = votes.close_due_votes(db_session(), now=now)
    db_session().commit()
    for vote in closed:
        result = votes.tally(vote, now)
        said = {"decided": f"decision: {result['outcome']}",
                "no_majority": "no decision (no option won more than half of the board)",
                "no_quorum": f"no decision (quorum not reached: {result['voted']} of "
                             f"{result['electorate']} voted, {result['quorum']} needed)"}
        click.echo(f"vote {vote.id} of competition {vote.competition_id} closed at its "
                   f"deadline: {said[result['decision']]}")
    click.echo(f"{len(closed)} vote(s) closed")


@oversight_group.command("scrub-attachments")
@with_appcontext
@fail_on_domain_error
def scrub_attachments():
    """Strip author metadata from report evidence stored before it was cleaned on arrival."""
    import os

    from flask import current_app

    result = service.scrub_stored_attachments(
        db_session(), upload_folder=current_app.config["UPLOAD_FOLDER"], now=utcnow())
    db_session().commit()
    for path in result.replaced_files:
        os.remove(path)
    click.echo(f"{result.rewritten} attachment(s) rewritten without metadata")
    for attachment_id in result.active_content:
        click.echo(f"attachment {attachment_id} holds active content or cannot be read: "
                   "open it only in an isolated viewer", err=True)
