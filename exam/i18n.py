"""Vietnamese first, English on request: the choice lives in the session."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, current_app, has_request_context, redirect, request, session, url_for
from flask_babel import Babel, get_locale, get_translations
from flask_wtf import FlaskForm

# One date format per language, whatever a page or a document asks for ("short", "medium",
# ...): Vietnamese writes dd/MM/yyyy HH:mm, English spells the month out (3/5/26 is read as
# March in one country and May in another).
DATE_FORMATS = {
    "vi": {"date": "dd/MM/yyyy", "datetime": "dd/MM/yyyy HH:mm", "time": "HH:mm",
           "datetime.seconds": "dd/MM/yyyy HH:mm:ss", "time.seconds": "HH:mm:ss"},
    "en": {"date": "d MMMM yyyy", "datetime": "d MMMM yyyy, HH:mm", "time": "HH:mm",
           "datetime.seconds": "d MMMM yyyy, HH:mm:ss", "time.seconds": "HH:mm:ss"},
}


class DateFormatsByLanguage(Mapping):
    """Flask-Babel's `date_formats`, answering in the language of the request: "short" and
    "medium" are the language's one format, "long" and "full" the same with seconds."""

    def __getitem__(self, key: str) -> str:
        formats = DATE_FORMATS.get(str(get_locale() or "vi"), DATE_FORMATS["vi"])
        kind, _dot, length = key.partition(".")
        if not length:
            return "medium"
        if length in ("long", "full"):
            return formats.get(f"{kind}.seconds", formats[kind])
        return formats[kind]

    def __iter__(self):
        return iter(("date", "datetime", "time"))

    def __len__(self) -> int:
        return 3


class CatalogTranslations:
    """WTForms' messages ("This field is required.", ...) looked up in our own catalog:
    WTForms ships no Vietnamese, so a refused form would otherwise answer in English."""

    def gettext(self, message: str) -> str:
        return get_translations().ugettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


CATALOG_TRANSLATIONS = CatalogTranslations()


def _catalog_translations(_meta, _form):
    return CATALOG_TRANSLATIONS


babel = Babel(date_formats=DateFormatsByLanguage())
bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    chosen = session.get("lang") if has_request_context() else current_app.config.get("CLI_LANGUAGE")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    FlaskForm.Meta.get_translations = _catalog_translations
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

