"""What the area CLI modules share: a refused action becomes a clear error, nothing written."""

from __future__ import annotations

import functools

import click

from exam.db import db_session
from exam.errors import DomainError


def fail_on_domain_error(func):
    """The CLI's face of a refused action: a clear message, nothing written, exit 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            db_session().rollback()
            raise click.ClickException(error.message) from None

    return wrapper
