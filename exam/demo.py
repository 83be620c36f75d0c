"""`thituyen demo`: a demo install that grows with the platform, run through the services.

The cast and the shared steps are in `exam.demo_cast`; each area adds its part in its own
`demo.py`, which this module calls in order.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, inspect, select

from exam.accounts import service as accounts
from exam.accounts.models import User
from exam.config import public_base_url
from exam.db import db_session, utcnow
from exam.demo_cast import (  # re-exported: the benchmark seeds with them
    DEMO_ACCEPT_REASON,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    DemoCast,
    _user,
    apply_all,
    create_cast,
    create_competition,
    demo_pdf,
)
from exam.registration import service as registration

__all__ = ["DEMO_PASSWORD", "DemoCast", "_user", "apply_all", "create_cast",
           "create_competition", "demo_command", "demo_pdf", "print_logins", "run_demo"]


def run_demo(session, *, candidates: int, seed: int = 2026, now: datetime | None = None) -> dict:
    """Build the demo through the same services the web uses; returns what it made."""
    now = now or utcnow()
    rng = random.Random(seed)  # demo data only; never used for a draw
    cast = create_cast(session, now - timedelta(days=60), candidates=candidates, rng=rng)
    config = current_app.config
    from exam.sitting.demo import build_finished_competition

    finished = build_finished_competition(session, cast, now=now, rng=rng)
    from exam.results.demo import prepare_demo_rules

    prepare_demo_rules(session, finished, board_chair=cast.chair)
    from exam.presentation.demo import submit_programmes

    submit_programmes(session, finished, board_chair=cast.chair,
                      at=finished.sitting_closes_at + timedelta(hours=2),
                      upload_folder=config["UPLOAD_FOLDER"], max_bytes=config["MAX_DOCUMENT_BYTES"])
    from exam.scoring.demo import simulate_scoring

    simulate_scoring(session, finished, board_chair=cast.chair,
                     now=finished.sitting_closes_at + timedelta(days=1), rng=rng)
    live = create_competition(
        session, cast, now=now - timedelta(days=5),
        title="Thi tuyển Trưởng phòng Tổ chức cán bộ, Sở Nội vụ",
        post="Trưởng phòng Tổ chức cán bộ", unit="Sở Nội vụ",
        opens=now - timedelta(days=5), closes=now + timedelta(days=20),
        sitting_opens=now + timedelta(days=30), sitting_closes=now + timedelta(days=30, hours=4))
    half = cast.candidates[: max(1, len(cast.candidates) // 2)]
    applications = apply_all(session, live, half, now=now - timedelta(days=1), rng=rng,
                             upload_folder=config["UPLOAD_FOLDER"],
                             max_bytes=config["MAX_DOCUMENT_BYTES"])
    for application in applications[: len(applications) // 2]:
        registration.accept_application(session, cast.chair, application, now=now,
                                        reason=DEMO_ACCEPT_REASON)
    from exam.rooms.demo import seed_rooms

    seed_rooms(session, cast, live, now=now, base_url=public_base_url())
    from exam.sitting.demo import build_open_sitting

    sitting_now = build_open_sitting(session, cast, now=now, rng=rng)
    from exam.scoring.demo import build_scoring_under_way

    scoring_now = build_scoring_under_way(session, cast, now=now, rng=rng)
    from exam.oversight.demo import seed_oversight

    seed_oversight(session, cast, finished, now=now, password=DEMO_PASSWORD)
    made = {"cast": cast, "competitions": [live, finished], "finished": finished,
            "sitting_now": sitting_now, "scoring_now": scoring_now}
    from exam.results.demo import publish_where_ready

    made["signed_sheet"] = publish_where_ready(session, made["competitions"],
                                               board_chair=cast.chair, now=now)
    from exam.results.demo import build_appeal_window

    made["appeals_open"] = build_appeal_window(session, cast, now=now, rng=rng)
    from exam.appointment.demo import seed_appointments

    made["appointment"] = seed_appointments(session, cast, finished, now=now, rng=rng,
                                            password=DEMO_PASSWORD)
    staff = [cast.admin, cast.chair, cast.secretary, cast.member, cast.author, cast.proctor,
             *cast.examiners]
    from exam.oversight.demo import INSPECTOR_EMAIL

    staff.append(accounts.find_by_email(session, INSPECTOR_EMAIL))
    for user in staff:
        enrol_demo_second_factor(session, user, now=now)
    return made


def enrol_demo_second_factor(session, user: User, *, now: datetime) -> None:
    """Turn on the second step for a demo account, as its owner would with an app; the
    current code is then shown by `thituyen demo-code EMAIL` (demo accounts only)."""
    import pyotp

    secret = accounts.new_totp_secret()
    accounts.enrol_second_factor(session, user, secret, pyotp.TOTP(secret).at(now), now=now)


def demo_code(session, email: str, *, now: datetime) -> str:
    """The six digits an authenticator would show now for a demo account.

    Only for accounts in the demo's domain that still have the demo's published password:
    such an account is open to anyone already, so showing its code weakens nothing; any other
    account is refused (and the command needs a shell on the server in the first place)."""
    import pyotp

    from exam.accounts.service import hasher
    from exam.errors import DomainError

    try:
        user = accounts.find_by_email(session, email)
    except DomainError:
        user = None
    ok = user is not None and user.email.endswith(DEMO_DOMAIN) and bool(user.totp_secret)
    if ok:
        try:
            ok = hasher.verify(user.password_hash, DEMO_PASSWORD)
        except Exception:  # wrong password or unreadable hash: not a demo account
            ok = False
    if not ok:
        raise click.ClickException(
            f"{email} is not a demo account with two-step sign-in; codes are shown only for "
            f"demo accounts ({DEMO_DOMAIN}) that still have the demo password.")
    totp = pyotp.TOTP(user.totp_secret)
    step = max(totp.timecode(now), (user.totp_last_step or 0) + 1)
    if step > totp.timecode(now) + 1:
        raise click.ClickException("The current code was just used; try again in 30 seconds.")
    return totp.generate_otp(step)


def print_logins(result: dict) -> None:
    cast: DemoCast = result["cast"]
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD})")
    for label, user in (("administrator", cast.admin), ("board chair", cast.chair),
                        ("board secretary", cast.secretary), ("board member", cast.member),
                        ("question author", cast.author), ("proctor", cast.proctor),
                        ("examiner", cast.examiners[0]), ("candidate", cast.candidates[0])):
        click.echo(f"  {label:16} {user.email}")
    from exam.oversight.demo import INSPECTOR_EMAIL

    click.echo(f"  {'inspector':16} {INSPECTOR_EMAIL}")
    from exam.appointment.demo import SIGNER_EMAIL

    click.echo(f"  {'appointing auth.':16} {SIGNER_EMAIL}")
    if result.get("sitting_now") is not None:
        from exam.sitting.demo import OPEN_ROOM_CODE

        sitting = result["sitting_now"]
        click.echo(f"Sitting open now: \"{sitting.title}\" (room code {OPEN_ROOM_CODE}); "
                   f"sit it as {cast.candidates[0].email}, watch it as the proctor.")
    if result.get("scoring_now") is not None:
        from exam.scoring.demo import examiner_with_work

        competition = result["scoring_now"]
        candidate = registration.accepted_candidates(db_session(), competition)[0].user.email
        examiner = examiner_with_work(db_session(), competition).email
        click.echo(f"Scripts waiting for examiners, answer-key objections open: "
                   f"\"{competition.title}\"; mark as {examiner}, object as {candidate}.")
    if result.get("appeals_open") is not None:
        competition = result["appeals_open"]
        candidate = registration.accepted_candidates(db_session(), competition)[0].user.email
        click.echo(f"Provisional results, re-mark appeals open: \"{competition.title}\"; "
                   f"appeal as {candidate}.")
    click.echo("Staff accounts ask for a second step: instead of an authenticator app, run "
               "`thituyen demo-code EMAIL` (e.g. `.venv/bin/thituyen demo-code "
               f"{cast.chair.email}`) for the six digits to type.")


@click.command("demo")
@click.option("--candidates", default=12, show_default=True, type=click.IntRange(2, 5000))
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
@with_appcontext
def demo_command(candidates: int, if_empty: bool):
    """Seed a demo install and print its logins."""
    session = db_session()
    if not inspect(session.get_bind()).has_table(User.__tablename__):
        raise click.ClickException(
            "This database has no tables yet. Run `thituyen db upgrade` first (and "
            "`thituyen keys create-dev --if-missing` for a signing key), then `thituyen demo`; "
            "`make run` does all three.")
    if session.scalar(select(func.count()).select_from(User)):
        if if_empty:
            click.echo("The database already has data; demo not seeded.")
            return
        raise click.ClickException("The database already has data; the demo needs an empty one.")
    result = run_demo(session, candidates=candidates)
    session.commit()
    print_logins(result)
    if result.get("signed_sheet"):
        click.echo("Signed result sheet (check it with `thituyen verify-pdf`):")
        click.echo(str(result["signed_sheet"]))


@click.command("demo-code")
@click.argument("email")
@with_appcontext
def demo_code_command(email: str):
    """Print the current second-step code of a demo account (no authenticator app needed)."""
    click.echo(demo_code(db_session(), email, now=utcnow()))
