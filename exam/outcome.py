"""How a form that changed something ends: the change is committed, the page says so, and
the person is sent back to the page they act from (the redirect keeps a reload from
posting twice)."""

from __future__ import annotations

from flask import flash, redirect, url_for

from exam.db import db_session


def done(message: str, endpoint: str, **values):
    """Commit, flash ``message`` as a success and redirect to ``endpoint`` (``_anchor`` in
    ``values`` lands on a part of the page)."""
    db_session().commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values))
