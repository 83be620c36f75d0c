"""The `thituyen` command: the Flask CLI of this app (its commands: `exam.cli.register`).

Kept apart from `exam.cli` so that the app factory, which registers the commands, and the
entry point, which calls the factory, do not import each other.
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup


def _create_app():
    from exam import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False, set_debug_flag=False)
def main():
    """thituyen: open, verifiable competitive exams."""
