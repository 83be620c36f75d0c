"""Numbers with decimals as people type and read them: "7,5" in Vietnamese, "7.5" in English.

Every form field that takes such a number (marks, scores, weights, pass marks, points,
tolerances, thresholds) is a `LocalDecimalField`: it accepts a decimal comma or a decimal
point whatever the language, shows a stored value in the reader's language, and a refused
form shows back exactly what the person typed. Its `data` is the number in canonical text
("7.5", as services and files write it), or what was typed when that is not a number, so a
service's own check can still name the field.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import StringField
from wtforms.validators import ValidationError

from question_bank.items import decimal_str
from question_bank.scoring import parse_number


def read_decimal(value) -> Decimal | None:
    """The number in ``value`` ("7,5", "7.5", " -2 ", a Decimal, an int); None if there is none."""
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    return parse_number(str(value))


def canonical_decimal(text) -> str:
    """Typed text as the platform stores numbers ("0,5" -> "0.5"); text that is not a number is
    returned trimmed, for the caller's own check to refuse with its message."""
    number = read_decimal(text)
    return decimal_str(number) if number is not None else str(text or "").strip()


def _decimal_mark() -> str:
    return "," if str(get_locale() or "vi").startswith("vi") else "."


def show_decimal(value) -> str:
    """A number to put back in an input: "7,5" in Vietnamese, "7.5" in English; no thousands
    separator and no trailing zeros, so it reads back as the same number."""
    if value is None or value == "":
        return ""
    number = read_decimal(value)
    if number is None:
        return str(value)
    return decimal_str(number).replace(".", _decimal_mark())


def show_score(value) -> str:
    """A score as results print it, two decimals in the reader's language: 80,00 / 80.00."""
    from flask_babel import format_decimal

    number = read_decimal(value)
    return "" if number is None else format_decimal(number, "#,##0.00")


class LocalDecimalField(StringField):
    """A number with decimals, typed with a comma or a point (see the module's docstring)."""

    def __init__(self, label=None, validators=None, render_kw=None, **kwargs):
        super().__init__(label, validators,
                         render_kw={"inputmode": "decimal", "autocomplete": "off",
                                    **(render_kw or {})}, **kwargs)

    def process_data(self, value) -> None:
        self.data = "" if value is None or value == "" else canonical_decimal(value)

    def process_formdata(self, valuelist) -> None:
        if valuelist:
            self.data = canonical_decimal(valuelist[0])

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return show_decimal(self.data)

    @property
    def decimal(self) -> Decimal | None:
        return read_decimal(self.data) if self.data not in (None, "") else None

    def pre_validate(self, form) -> None:
        if self.data not in (None, "") and self.decimal is None:
            raise ValidationError(_("Enter a number, such as %(example)s.",
                                    example=show_decimal("7.5")))


class DecimalRange:
    """The number lies between ``minimum`` and ``maximum``, said in the reader's way of
    writing numbers."""

    def __init__(self, minimum, maximum, message=None) -> None:
        self.minimum, self.maximum = Decimal(str(minimum)), Decimal(str(maximum))
        self.message = message

    def __call__(self, form, field) -> None:
        number = field.decimal
        if number is not None and not self.minimum <= number <= self.maximum:
            raise ValidationError(self.message or _(
                "Enter a number from %(min)s to %(max)s.", min=show_decimal(self.minimum),
                max=show_decimal(self.maximum)))
