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
from sqlalchemy import func, select

from exam.accounts.models import User
from exam.db import db_session, utcnow
from exam.demo_cast import (  # re-exported: the benchmark seeds with them
    DEMO_ACCEPT_REASON,
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

    seed_rooms(session, cast, live, now=now, base_url=config["PUBLIC_BASE_URL"])
    from exam.oversight.demo import seed_oversight

    seed_oversight(session, cast, finished, now=now, password=DEMO_PASSWORD)
    made = {"cast": cast, "competitions": [live, finished], "finished": finished}
    from exam.results.demo import publish_where_ready

    made["signed_sheet"] = publish_where_ready(session, made["competitions"],
                                               board_chair=cast.chair, now=now)
    from exam.appointment.demo import seed_appointments

    made["appointment"] = seed_appointments(session, cast, finished, now=now, rng=rng,
                                            password=DEMO_PASSWORD)
    return made


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


@click.command("demo")
@click.option("--candidates", default=12, show_default=True, type=click.IntRange(2, 5000))
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
@with_appcontext
def demo_command(candidates: int, if_empty: bool):
    """Seed a demo install and print its logins."""
    session = db_session()
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
