"""The `thituyen` command: the Flask CLI of this app, calling the same services as the web."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from exam.db import db_session, utcnow
from exam.errors import DomainError


def _create_app():
    from exam import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False, set_debug_flag=False)
def main():
    """thituyen: open, verifiable competitive exams."""


def fail_on_domain_error(func):
    """The CLI's face of a refused action: a clear message, nothing written, exit 1."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            db_session().rollback()
            raise click.ClickException(error.message) from None

    return wrapper


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


def register(app: Flask) -> None:
    from exam.audit.cli import audit_group
    from exam.demo import demo_code_command, demo_command
    from exam.notifications.cli import notifications_group
    from exam.oversight.cli import oversight_group
    from exam.results.cli import verify_pdf_command
    from exam.scoring.cli import scoring_group
    from exam.sitting.cli import sitting_group, verify_draw_command

    for command in (db_group, users_group, audit_group, keys_group, demo_command,
                    verify_pdf_command, sitting_group, verify_draw_command, oversight_group,
                    scoring_group, notifications_group, demo_code_command):
        app.cli.add_command(command)
