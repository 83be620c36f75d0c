"""`thituyen scoring verify-assignment COMPETITION`: recompute the examiner draws from their seeds."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from exam.db import db_session


@click.group("scoring")
def scoring_group():
    """Blind scoring."""


@scoring_group.command("verify-assignment")
@click.argument("competition_id", type=int)
@with_appcontext
def verify_assignment_command(competition_id: int):
    """Recompute which examiners each script went to from the recorded seeds; exit 1 on a mismatch."""
    from exam.competitions.models import Competition
    from exam.scoring import service

    competition = db_session().get(Competition, competition_id)
    if competition is None:
        raise click.ClickException(f"no competition {competition_id}")
    problems = service.verify_draws(db_session(), competition)
    for problem in problems:
        click.echo(f"MISMATCH: {problem}", err=True)
    if problems:
        raise click.ClickException(f"the examiner draw of competition {competition_id} does not "
                                   f"verify ({len(problems)} problem(s))")
    click.echo(f"examiner draw verified: {len(service.scripts_of(db_session(), competition))} "
               "scripts, every pair as the recorded seed gives it")
