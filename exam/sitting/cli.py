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
@click.option("--seal-digest", "seal_digest",
              help="The seal digest you saw published at sealing; the draw must match it.")
@with_appcontext
def verify_draw_command(competition_id, export_path, bundle_path, seal_digest):
    """Recompute every paper from the revealed secret; exit 1 on any mismatch."""
    from exam.competitions.models import Competition
    from exam.sitting import bundle, service
    from question_bank import draw

    if bundle_path:
        with open(bundle_path, encoding="utf-8") as handle:
            try:
                data = json.load(handle)
                problems, checked = bundle.verify_bundle(data, seal_digest=seal_digest)
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise click.ClickException(f"{bundle_path} is not a readable draw bundle "
                                           f"({type(error).__name__}: {error})") from None
        _echo_source(data)
        _report(problems, checked, bundle_path)
        return
    if competition_id is None:
        raise click.UsageError("give a COMPETITION id or --bundle FILE")
    competition = db_session().get(Competition, competition_id)
    if competition is None:
        raise click.ClickException(f"no competition {competition_id}")
    report = service.verify_draw(db_session(), competition)
    commitments = service.public_commitments(db_session(), competition)
    problems = list(report.problems)
    if seal_digest and seal_digest.strip().lower() != (commitments.get("seal_digest") or ""):
        problems.append(f"the seal digest differs from the one published at sealing "
                        f"({seal_digest.strip()})")
    if export_path and not problems:
        with open(export_path, "w", encoding="utf-8") as handle:
            json.dump(service.draw_bundle(db_session(), competition), handle, ensure_ascii=False,
                      indent=1)
        click.echo(f"draw bundle written to {export_path}")
    if not problems:
        click.echo(f"commitments hold: secret {commitments['secret_commitment']}, "
                   f"snapshot {commitments['snapshot_commitment']}")
        if commitments.get("seal_digest"):
            click.echo(f"seal digest: {commitments['seal_digest']} (covers the blueprint "
                       f"{commitments['blueprint_digest']} and the candidate numbers "
                       f"{commitments['candidates_digest']})")
        if commitments.get("public_value_source"):
            click.echo(f"public value source: {commitments['public_value_source']}, known "
                       f"after {draw.utc_text(commitments['public_value_known_after'])}")
        click.echo(f"public value: {commitments['public_value']}")
    _report(problems, report.papers_checked, f"competition {competition_id}")


def _echo_source(data: dict) -> None:
    """What an observer checks by hand: the value printed is the announced event's."""
    source = data.get("public_value_source") if isinstance(data, dict) else None
    if isinstance(source, dict):
        click.echo(f"public value source: {source.get('description')}, known after "
                   f"{source.get('known_after')}")
        click.echo(f"public value: {data.get('public_value')} (entered {data.get('public_value_at')})")
        click.echo(f"seal digest: {data.get('seal_digest')}")


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
    """Submit every attempt whose time has run out (run every minute from cron); their
    receipts are queued for `thituyen sitting work`."""
    from exam.sitting import finish

    count = finish.close_expired(db_session(), utcnow())
    db_session().commit()
    click.echo(f"{count} attempt(s) submitted automatically.")


@sitting_group.command("work")
@click.option("--once", is_flag=True, help="Do what is due now and stop.")
@click.option("--idle", default=0.5, show_default=True,
              help="Seconds to wait when nothing is due.")
@click.option("--nice", "niceness", default=10, show_default=True,
              help="How much lower than the app server the running worker's priority is "
                   "(0: the same).")
@with_appcontext
def work_command(once, idle, niceness):
    """The exam-day worker: prepares queued submission receipts and logs the starts made by
    key releases. Run one next to the app server on the sitting's day. It yields the CPU to
    the server: a receipt may come a few seconds later, a save may not wait."""
    import os
    import time

    from sqlalchemy.exc import OperationalError

    from exam.sitting import finish, receipts

    if not once:
        os.nice(max(0, niceness))
    sign = receipts.platform_signer()
    while True:
        session = db_session()
        try:
            done = finish.work(session, now=utcnow(), sign=sign)
        except OperationalError as error:  # the database restarts: the jobs wait for it
            if once:
                raise click.ClickException(f"the database is unreachable ({error.orig})") from None
            click.echo(f"database unreachable, retrying: {error.orig}", err=True)
            done = 0
            time.sleep(idle * 4)
        finally:
            session.rollback()
        if once:
            click.echo(f"{done} receipt(s) prepared.")
            return
        if not done:
            time.sleep(idle)
