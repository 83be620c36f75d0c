"""Domain errors: a translated message for the user and the HTTP status it maps to."""

from __future__ import annotations


class DomainError(Exception):
    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        # The form field the refusal concerns, so a refused form can show it by that field.
        self.field = field


class InvalidInput(DomainError):
    status = 400


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    """The request is valid but the competition's state does not allow it now."""

    status = 409


def require(condition: object, message: str, error: type[DomainError] = PermissionDenied,
            field: str | None = None) -> None:
    if not condition:
        raise error(message, field=field)
