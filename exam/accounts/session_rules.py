"""When a signed-in session stops counting: what the stale-session hook and the lean autosave
both apply, so that a copied or revoked cookie is refused the same way on either path."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

ROLE_CHECK = 300  # seconds between checks that a password-only session still needs no more


def two_factor_required() -> bool:
    """Staff must use a second factor; off only where a test app turns it off explicitly."""
    return current_app.config.get("TWO_FACTOR_REQUIRED", not current_app.testing)


def is_too_old(auth_at: float, now_ts: float) -> bool:
    """Signed in longer ago than SESSION_MAX_HOURS (12 by default)."""
    return now_ts - auth_at > current_app.config.get("SESSION_MAX_HOURS", 12) * 3600


def is_revoked(auth_at: float, revoked_at: datetime | None) -> bool:
    """Signed in before its holder chose "sign out everywhere"."""
    return revoked_at is not None and auth_at < revoked_at.timestamp()


def is_role_check_due(session, now_ts: float) -> bool:
    """A password-only session is re-checked every ROLE_CHECK seconds: its holder may have
    joined the staff since, and staff need the second factor."""
    return (not session.get("second_factor") and two_factor_required()
            and "_user_id" in session and now_ts - session.get("role_checked_at", 0) >= ROLE_CHECK)
