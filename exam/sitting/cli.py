"""`thituyen verify-draw` and `thituyen sitting close-expired` (for cron)."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from exam.db import db_session, utcnow


@click.command("verify-draw")
@click.argument("competition_id", type=int, required=False)
@click.option("--export", "export_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write the draw bundle (commitments, secret, items, papers) to a file.")
@click.option("--bundle", "bundle_path", type=click.Path(exists=True, dir_okay=False),
              help="Check a bundle file instead of the database.")
@with_appcontext
def verify_draw_command(competition_id, export_path, bundle_path):
    """Recompute every paper from the revealed secret; exit 1 on any mismatch."""
    from exam.competitions.models import Competition
    from exam.sitting import bundle, service

    if bundle_path:
        with open(bundle_path, encoding="utf-8") as handle:
            problems, checked = bundle.verify_bundle(json.load(handle))
        _report(problems, checked, bundle_path)
        return
    if competition_id is None:
        raise click.UsageError("give a COMPETITION id or --bundle FILE")
    competition = db_session().get(Competition, competition_id)
    if competition is None:
        raise click.ClickException(f"no competition {competition_id}")
    report = service.verify_draw(db_session(), competition)
    if export_path and report.is_intact:
        with open(export_path, "w", encoding="utf-8") as handle:
            json.dump(service.draw_bundle(db_session(), competition), handle, ensure_ascii=False,
                      indent=1)
        click.echo(f"draw bundle written to {export_path}")
    commitments = service.public_commitments(db_session(), competition)
    if report.is_intact:
        click.echo(f"commitments hold: secret {commitments['secret_commitment']}, "
                   f"snapshot {commitments['snapshot_commitment']}")
        click.echo(f"public value: {commitments['public_value']}")
    _report(report.problems, report.papers_checked, f"competition {competition_id}")


def _report(problems: list[str], checked: int, what: str) -> None:
    if problems:
        for problem in problems:
            click.echo(f"MISMATCH: {problem}", err=True)
        raise click.ClickException(f"the draw of {what} does not verify "
                                   f"({len(problems)} problem(s))")
    click.echo(f"draw verified: {checked} papers recomputed, all identical to the papers served")


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
