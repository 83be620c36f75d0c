"""`thituyen audit`: check the hash chain, and that it still extends a checkpoint saved earlier."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from exam.db import db_session, utcnow
from exam.errors import DomainError


@click.group("audit")
def audit_group():
    """The tamper-evident audit log."""


@audit_group.command("verify")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(exists=True, dir_okay=False),
              help="A checkpoint file published earlier; the log must still extend it.")
@click.option("--sheet", "sheet_file", type=click.Path(exists=True, dir_okay=False),
              help="A signed result sheet (PDF); the log must still extend the head it embeds.")
@click.option("--trust-root", "trust_root", type=click.Path(exists=True, dir_okay=False),
              help="The organization's root certificate (default: the install's own).")
@with_appcontext
def audit_verify(checkpoint_file, sheet_file, trust_root):
    """Walk the hash chain; exit 1 naming the first entry that does not hold."""
    from exam.audit import service
    from exam.documents import keystore
    from exam.results.cli import certifier_sha256

    session = db_session()
    report = service.verify_chain(session)
    if not report.is_intact:
        raise click.ClickException(f"audit chain broken at entry {report.first_bad_seq}: "
                                   f"{report.reason}")
    click.echo(f"audit chain intact: {report.length} entries, head {report.head}")
    roots = ([Path(trust_root)] if trust_root
             else keystore.trust_roots(current_app.config["SIGNING_KEY_FOLDER"]))
    if sheet_file:
        result = service.verify_sheet(session, Path(sheet_file).read_bytes(), roots,
                                      certifier_sha256())
        if not result.holds:
            raise click.ClickException(f"sheet does not hold: {result.reason}")
        click.echo(f"sheet holds: {result.reason}")
    if checkpoint_file:
        try:
            result = service.verify_checkpoint(
                session, Path(checkpoint_file).read_text(encoding="utf-8"), roots,
                certifier_sha256())
        except (DomainError, UnicodeDecodeError) as error:
            raise click.ClickException(f"checkpoint unreadable: {error}") from None
        if not result.holds:
            raise click.ClickException(f"checkpoint does not hold: {result.reason}")
        click.echo(f"checkpoint holds: {result.reason}")


@audit_group.command("checkpoint")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the file here too.")
@with_appcontext
def audit_checkpoint(output):
    """Publish a signed checkpoint of the whole log now and print it."""
    from exam.audit import service

    session = db_session()
    checkpoint = service.publish_checkpoint(session, None, now=utcnow())
    session.commit()
    text = service.checkpoint_text(checkpoint)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    click.echo(text, nl=False)
