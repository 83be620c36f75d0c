"""Refused forms come back filled: a service's refusal is shown next to the field it concerns.

`exam.web` turns a `DomainError` raised in a view into a flash and a redirect, which is right
for buttons but wipes what a person typed into a form. A view that renders a form wraps the
service call in `refused_into(form)`: the transaction is rolled back, the message lands on the
field it names (or above the form), and the view renders the same form again, still filled.
"""

from __future__ import annotations

from contextlib import contextmanager

from exam.db import db_session
from exam.errors import DomainError, NotFound


class Refusal:
    """What `refused_into` caught: falsy while nothing was refused."""

    def __init__(self) -> None:
        self.error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def status(self) -> int:
        return self.error.status if self.error is not None else 200


class TypedForm:
    """A hand-written form's values as typed, and the refusals by field name."""

    def __init__(self, values: dict | None = None) -> None:
        self.values = dict(values or {})
        self.errors: dict[str, list[str]] = {}
        self.form_errors: list[str] = []


def put_on_form(form, message: str, field: str | None = None) -> None:
    """The message next to `field` when the form has it; otherwise above the form."""
    if isinstance(form, TypedForm):
        if field:
            form.errors.setdefault(field, []).append(message)
        else:
            form.form_errors.append(message)
        return
    target = getattr(form, field, None) if field else None
    if target is not None and hasattr(target, "errors"):
        if not isinstance(target.errors, list):
            target.errors = list(target.errors)
        target.errors.append(message)
    else:
        form.form_errors.append(message)


@contextmanager
def refused_into(form, field_names: dict[str, str] | None = None,
                 phrases: dict[str, str] | None = None):
    """Catch a refusal of the service call inside: roll back, put it on `form`.

    The service names the field (`error.field`); `field_names` renames it to the form's own
    name where they differ, and `phrases` maps a phrase of a message to a field for refusals
    that name none. A missing record still ends in the ordinary 404 page.
    """
    refusal = Refusal()
    try:
        yield refusal
    except NotFound:
        raise
    except DomainError as error:
        db_session().rollback()
        refusal.error = error
        field = getattr(error, "field", None)
        field = (field_names or {}).get(field, field)
        if field is None:
            for phrase, name in (phrases or {}).items():
                if phrase in error.message:
                    field = name
                    break
        put_on_form(form, error.message, field)
