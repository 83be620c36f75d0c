"""Vietnamese first, English on request: the choice lives in the session."""

from __future__ import annotations

from flask import Blueprint, current_app, has_request_context, redirect, request, session, url_for
from flask_babel import Babel

babel = Babel()
bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    chosen = session.get("lang") if has_request_context() else current_app.config.get("CLI_LANGUAGE")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)


@bp.post("/lang/<code>")
def switch(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    from exam.accounts.views import is_local_path

    target = request.form.get("next") or ""
    if not is_local_path(target):
        target = url_for("public.home")
    return redirect(target)
