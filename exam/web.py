"""The web layer's shared parts: extensions, error mapping, security headers, blueprints."""

from __future__ import annotations

import contextlib

from flask import Flask, abort, current_app, flash, g, redirect, render_template, request, session
from flask.wrappers import Request
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from exam.audit import service as audit
from exam.db import LARGEST_DATABASE_INT, database_int, db_session, utcnow
from exam.errors import DomainError
from exam.extensions import csrf, current_actor, limiter, login_manager

__all__ = ["CONTENT_SECURITY_POLICY", "csrf", "current_actor", "init_app", "limiter",
           "login_manager", "register_blueprints"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@login_manager.user_loader
def _load_user(user_id: str):
    from exam.accounts.models import User

    return db_session().get(User, int(user_id))


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: a number no row can have matches no page (404), instead of
    reaching the database and failing there (an overflow, a 500)."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min,
                         max=LARGEST_DATABASE_INT if max is None else max, signed=signed)


class BoundedParameters(ImmutableMultiDict):
    """Query and form values read with `type=int` (`?page=`, `?competition=`) treat a number
    too large for the database like any other unusable value: the default is used."""

    def get(self, key, default=None, type=None):  # noqa: A002
        return super().get(key, default, database_int if type is int else type)


class ExamRequest(Request):
    parameter_storage_class = BoundedParameters


def init_app(app: Flask) -> None:
    """Set up the shared extensions; call before any blueprint is registered (the id
    converter is bound when a route is added)."""
    app.request_class = ExamRequest
    app.url_map.converters["int"] = DatabaseIdConverter
    csrf.init_app(app)
    app.before_request(_limiter_follows_this_app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    app.before_request(_refuse_nul_characters)
    app.before_request(_remember_address)
    app.before_request(_forget_request_state)
    app.teardown_request(_forget_request_state)
    app.after_request(_security_headers)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, _http_error)
    app.jinja_env.globals.update(now=utcnow, format_datetime=format_datetime,
                                 format_date=format_date, format_decimal=format_decimal,
                                 get_locale=get_locale)
    from exam.labels import code_label

    app.jinja_env.globals["code_label"] = code_label
    app.jinja_env.globals["iso_day"] = iso_day
    from exam.decimals import show_decimal, show_score

    app.jinja_env.globals.update(show_decimal=show_decimal, show_score=show_score)


def iso_day(value):
    """A day kept as ISO text in a published record (`2026-12-02`, or a timestamp), as a date
    the page formats in the reader's language."""
    from datetime import date

    return date.fromisoformat(str(value)[:10]) if value else None


def register_blueprints(app: Flask) -> None:
    from exam.accounts.views import bp as accounts
    from exam.appeals.views import bp as appeals
    from exam.appointment.views import bp as appointment
    from exam.audit.views import bp as audit_views
    from exam.bank.views import bp as bank
    from exam.competitions.views import bp as competitions
    from exam.insights.views import bp as insights
    from exam.jobs.views import bp as jobs
    from exam.notifications.views import bp as notifications
    from exam.oversight.views import bp as oversight
    from exam.presentation.views import bp as presentation
    from exam.public.views import bp as public
    from exam.registration.views import bp as registration
    from exam.results.views import bp as results
    from exam.results.views import verify_bp as verify
    from exam.rooms.views import bp as rooms
    from exam.scoring.views import bp as scoring
    from exam.sitting.views import bp as sitting

    for blueprint in (public, accounts, competitions, registration, audit_views, oversight,
                      results, verify, appeals, scoring, bank, sitting, notifications, insights,
                      jobs, appointment, presentation, rooms):
        app.register_blueprint(blueprint)


def _refuse_nul_characters():
    """No text a person types contains NUL; PostgreSQL cannot store it, so refuse it up front."""
    if any("\x00" in value for value in request.args.values()) or (
            request.method != "GET" and any("\x00" in v for v in request.form.values())):
        abort(400)


def _limiter_follows_this_app():
    """The limiter object is shared by every app in the process; each request uses its own
    app's RATELIMIT_ENABLED, so one app (a test, a benchmark) cannot switch it for another."""
    limiter.enabled = current_app.config.get("RATELIMIT_ENABLED", True)


def _remember_address():
    g.audit_address_token = audit.current_address.set(request.remote_addr or "")


def _forget_request_state(_exc=None):
    """A request never inherits the user or language cached by another sharing its app context."""
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)


def _security_headers(response):
    apply_security_headers(response.headers, is_secure=request.is_secure,
                           is_signed_in="_user_id" in session and request.endpoint != "static")
    return response


def apply_security_headers(headers, *, is_secure: bool, is_signed_in: bool) -> None:
    """Every answer's security headers (the lean exam-day paths apply the same)."""
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if is_signed_in:
        # Exam halls share computers: a signed-in page must not be kept for the next person.
        headers["Cache-Control"] = "no-store"
    if is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def _rollback():
    if "db_session" in g:
        g.db_session.rollback()


def _domain_error(error: DomainError):
    """A refused action: roll back, say why, and send the user back where they were."""
    _rollback()
    if request.method == "POST" and not request.is_json and request.referrer:
        flash(error.message, "error")
        return redirect(request.referrer, code=303)
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return {"error": error.message}, error.status
    return render_template("error.html", code=error.status, message=error.message), error.status


def _csrf_error(error):
    _rollback()
    message = _("The form expired or was sent from elsewhere. Reload the page and try again.")
    return render_template("error.html", code=400, message=message), 400


def _database_unavailable(error):
    """The database is down or restarting: say plainly that nothing was saved, ask to retry."""
    current_app.logger.warning("database unavailable: %s", type(error.orig).__name__)
    with contextlib.suppress(OperationalError):
        _rollback()
    message = _("The service is briefly unavailable. Nothing was saved from this request; "
                "please try again in a moment.")
    if request.is_json or client_wants_json():
        return {"error": message, "retry": True}, 503, {"Retry-After": "2"}
    try:
        page = render_template("error.html", code=503, message=message)
    except OperationalError:
        page = message
    return page, 503, {"Retry-After": "2"}


def _http_error(error):
    _rollback()
    code = getattr(error, "code", 500) or 500
    messages = {
        400: _("The request could not be understood."),
        403: _("You do not have access to this page."),
        404: _("This page does not exist."),
        405: _("This action is not available here."),
        409: _("This action conflicts with the current state."),
        413: _("The upload is too large."),
        429: _("Too many requests. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Nothing was saved from this request."),
    }
    return render_template("error.html", code=code, message=messages.get(code, "")), code


def client_wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
