"""The commands of the `thituyen` CLI (entry point: `exam.console:main`), calling the same
services as the web."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from exam.clitools import fail_on_domain_error
from exam.db import db_session, utcnow

__all__ = ["fail_on_domain_error", "register"]


@click.group("db")
def db_group():
    """Database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade():
    """Apply every migration."""
    from exam.migrate import upgrade

    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


@click.group("users")
def users_group():
    """Accounts."""


@users_group.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.password_option()
@with_appcontext
@fail_on_domain_error
def create_admin(email, full_name, password):
    """Create an administrator account."""
    from exam.accounts import service

    user = service.create_admin(db_session(), email=email, full_name=full_name,
                                password=password, now=utcnow())
    db_session().commit()
    click.echo(f"Administrator {user.email} created.")


@click.group("keys")
def keys_group():
    """The organization's signing key."""


@keys_group.command("create-dev")
@click.option("--if-missing", is_flag=True, help="Keep an existing key instead of failing.")
@with_appcontext
def keys_create_dev(if_missing):
    """Make a development CA and signing certificate in the instance folder (not for production)."""
    from exam.documents import keystore

    folder = current_app.config["SIGNING_KEY_FOLDER"]
    if keystore.has_keys(folder):
        if if_missing:
            click.echo(f"Signing key already present in {folder}.")
            return
        raise click.ClickException(f"A signing key already exists in {folder}; not replacing it.")
    path = keystore.create_dev_keys(folder, current_app.config["ORGANIZATION_NAME"])
    click.echo(f"Development signing key written to {path} (trust root: "
               f"{keystore.trust_roots(folder)[0]}).")


@keys_group.command("fingerprint")
@with_appcontext
def keys_fingerprint():
    """Print the SHA-256 of the certificate verification pins (THITUYEN_SIGNING_CERT_SHA256)."""
    from exam.results.cli import certifier_sha256

    fingerprint = certifier_sha256()
    if fingerprint is None:
        raise click.ClickException("No signing certificate installed and none configured: "
                                   "verification can call no sheet genuine.")
    click.echo(fingerprint)


def _passphrase(variable: str, *, confirm: bool) -> str:
    import os

    value = os.environ.get(variable)
    if value:
        return value
    return click.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm)


@click.command("backup")
@click.option("--output", "output", type=click.Path(path_type=Path),
              help="Archive to write, or a folder to write thituyen-backup-<UTC time>.tar.gz "
                   "in (default: the current folder).")
@click.option("--passphrase-env", default="THITUYEN_BACKUP_PASSPHRASE", show_default=True,
              help="Environment variable holding the passphrase that encrypts the keys "
                   "(asked for when unset).")
@with_appcontext
def backup_command(output, passphrase_env):
    """Write one archive: database dump, uploads, signed files, encrypted keys, manifest."""
    from exam import backup

    now = utcnow()
    name = f"thituyen-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    output = output / name if output and output.is_dir() else output or Path(name)
    try:
        manifest = backup.create_backup(current_app, output, _passphrase(passphrase_env, confirm=True),
                                        now=now)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {output} ({len(manifest['members'])} members, database "
               f"{manifest['dialect']} at revision {manifest['alembic_revision']}).")
    click.echo(f"SHA-256 of the archive: {_file_sha256(output)}")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--passphrase-env", default="THITUYEN_BACKUP_PASSPHRASE", show_default=True,
              help="Environment variable holding the passphrase (asked for when unset).")
@with_appcontext
def restore_command(archive, passphrase_env):
    """Bring a backup back on a new instance with an empty database; all or nothing."""
    from exam import backup

    try:
        manifest = backup.restore_backup(current_app, archive,
                                         _passphrase(passphrase_env, confirm=False))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored the backup of {manifest['created_at']} ({len(manifest['members'])} "
               "members, every digest checked). Next: `thituyen db upgrade`, then "
               "`thituyen audit verify`.")


def _file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def register(app: Flask) -> None:
    from exam.audit.cli import audit_group
    from exam.demo import demo_code_command, demo_command
    from exam.notifications.cli import notifications_group
    from exam.oversight.cli import oversight_group
    from exam.presentation.cli import presentation_group
    from exam.results.cli import countersign_command, verify_pdf_command
    from exam.scoring.cli import scoring_group
    from exam.sitting.cli import sitting_group, verify_draw_command

    for command in (db_group, users_group, audit_group, keys_group, demo_command,
                    verify_pdf_command, sitting_group, verify_draw_command, oversight_group,
                    scoring_group, notifications_group, backup_command, restore_command,
                    countersign_command, presentation_group, demo_code_command):
        app.cli.add_command(command)
