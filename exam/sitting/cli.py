"""`thituyen verify-draw COMPETITION` and `thituyen sitting close-expired` (for cron)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from exam.db import db_session, utcnow


@click.command("verify-draw")
@click.argument("competition_id", type=int)
@with_appcontext
def verify_draw_command(competition_id: int):
    """Recompute every paper from the revealed secret; exit 1 on any mismatch."""
    from exam.competitions.models import Competition
    from exam.sitting import service

    competition = db_session().get(Competition, competition_id)
    if competition is None:
        raise click.ClickException(f"no competition {competition_id}")
    report = service.verify_draw(db_session(), competition)
    if not report.is_intact:
        for problem in report.problems:
            click.echo(f"MISMATCH: {problem}", err=True)
        raise click.ClickException(f"the draw of competition {competition_id} does not verify "
                                   f"({len(report.problems)} problem(s))")
    commitments = service.public_commitments(db_session(), competition)
    click.echo(f"commitments hold: secret {commitments['secret_commitment']}, "
               f"snapshot {commitments['snapshot_commitment']}")
    click.echo(f"public value: {commitments['public_value']}")
    click.echo(f"draw verified: {report.papers_checked} papers recomputed, all identical "
               "to the papers served")


@click.group("sitting")
def sitting_group():
    """The online sitting."""


@sitting_group.command("close-expired")
@with_appcontext
def close_expired_command():
    """Submit every attempt whose time has run out (run every minute from cron)."""
    from exam.sitting import attempts, receipts

    count = attempts.close_expired_attempts(db_session(), utcnow(),
                                            sign=receipts.platform_signer())
    db_session().commit()
    click.echo(f"{count} attempt(s) submitted automatically.")
