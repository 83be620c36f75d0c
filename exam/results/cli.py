"""`thituyen verify-pdf FILE`: the public verification page, from the command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from exam.db import db_session, utcnow
from exam.documents import keystore


def signed_folder(app=None) -> str:
    """Where signed sheets are kept: SIGNED_SHEET_FOLDER, default instance/signed."""
    app = app or current_app
    return app.config.get("SIGNED_SHEET_FOLDER") or str(Path(app.instance_path) / "signed")


def signing_options(app=None) -> dict:
    """Keyword arguments the sheet-signing services need, from the app's configuration."""
    from flask_babel import gettext as _

    from exam.errors import Conflict

    app = app or current_app
    config = app.config
    try:
        key = keystore.organization_key(config["SIGNING_KEY_FOLDER"], config.get("SIGNING_PASSWORD"))
    except keystore.KeyMissing:
        raise Conflict(_("The organization's signing key is not installed; results cannot be "
                         "signed.")) from None
    if config.get("TSA_URL"):
        key = dataclasses.replace(key, tsa_url=config["TSA_URL"])
    from exam.config import public_base_url

    return {"key": key, "folder": signed_folder(app), "base_url": public_base_url(app),
            "organization": config["ORGANIZATION_NAME"]}


def certifier_sha256(app=None) -> str | None:
    """The organization's certificate a genuine sheet is certified with (see keystore)."""
    config = (app or current_app).config
    return keystore.organization_certificate_sha256(
        config["SIGNING_KEY_FOLDER"], config.get("SIGNING_CERT_SHA256"),
        config.get("SIGNING_PASSWORD"))


@click.command("verify-pdf")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def verify_pdf_command(file: Path):
    """Exit 0 only if the signature is valid, covers the whole file and the sheet matches the
    result on record."""
    from exam.results import sheets

    roots = keystore.trust_roots(current_app.config["SIGNING_KEY_FOLDER"])
    check = sheets.check_pdf(db_session(), file.read_bytes(), roots, certifier_sha256())
    for signer in check.signers:
        kind = "certification" if signer.certification else "approval"
        state = "valid" if signer.is_valid else "INVALID"
        when = signer.signed_at.isoformat() if signer.signed_at else "?"
        click.echo(f"{kind} signature by {signer.name} at {when}: {state}")
        if signer.timestamp:
            click.echo(f"  timestamped by a timestamp authority at {signer.timestamp.isoformat()}")
    if check.code:
        click.echo(f"verification code: {check.code}")
    click.echo(f"matches the record: {'yes' if check.matches_record else 'NO'}")
    if check.superseded_by is not None:
        click.echo(f"superseded by result version {check.superseded_by.number}")
    if check.annulled:
        click.echo(f"annulled by the inspectors: result version {check.sheet.version.number}")
    for problem in check.problems:
        click.echo(f"problem: {problem}", err=True)
    if not check.is_genuine:
        raise click.ClickException("the sheet is NOT genuine or does not match the record")
    click.echo("the sheet is genuine")


@click.command("countersign")
@click.argument("code")
@click.option("--as", "email", required=True, help="The board member who countersigns.")
@click.option("--pkcs11-module", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The token's PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so, or the "
                   "USB token vendor's).")
@click.option("--token-label", required=True, help="Label of the token (its slot).")
@click.option("--key-label", required=True, help="Label of the key and certificate on it.")
@click.option("--pin-env", default="THITUYEN_TOKEN_PIN", show_default=True,
              help="Environment variable holding the token's PIN (asked for when unset).")
@with_appcontext
def countersign_command(code, email, pkcs11_module, token_label, key_label, pin_env):
    """Add a board member's approval signature to the signed sheet CODE with the key on their
    PKCS#11 token (the private key never leaves it)."""
    import os

    from sqlalchemy import func, select

    from exam.accounts.models import User
    from exam.documents import signing
    from exam.errors import DomainError
    from exam.results import sheets

    session = db_session()
    sheet = sheets.sheet_by_code(session, code)
    if sheet is None:
        raise click.ClickException(f"No signed sheet has the code {code}.")
    actor = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if actor is None:
        raise click.ClickException(f"No account {email}.")
    pin = os.environ.get(pin_env) or click.prompt("Token PIN", hide_input=True)
    roots = keystore.trust_roots(current_app.config["SIGNING_KEY_FOLDER"])
    try:
        with signing.token_key(pkcs11_module, token_label=token_label, key_label=key_label,
                               pin=pin, trust_roots=roots) as key:
            key.tsa_url = current_app.config.get("TSA_URL")
            sheets.countersign(session, actor, sheet, member_key=key, folder=signed_folder(),
                               now=utcnow())
    except signing.TokenError as error:
        session.rollback()
        raise click.ClickException(str(error)) from None
    except DomainError as error:
        session.rollback()
        raise click.ClickException(error.message) from None
    session.commit()
    click.echo(f"Approval signature by {key.subject_name} added to sheet {sheet.code}: "
               f"{Path(signed_folder()) / sheet.current_file}")
