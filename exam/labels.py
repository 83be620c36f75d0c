"""The reader's words for stored codes (degrees, item types, difficulties), kept apart from
the forms and the views so that services can name a code without importing either."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from exam.competitions.models import Degree
from question_bank.items import ItemType

DEGREE_LABELS = {Degree.BACHELOR: _l("Bachelor"), Degree.MASTER: _l("Master"),
                 Degree.DOCTOR: _l("Doctor")}
TYPE_LABELS = {
    ItemType.SINGLE_CHOICE: _l("Single choice"),
    ItemType.MULTIPLE_RESPONSE: _l("Multiple response"),
    ItemType.TRUE_FALSE: _l("True / false"),
    ItemType.SHORT_ANSWER: _l("Short answer"),
    ItemType.NUMERIC: _l("Numeric"),
    ItemType.ESSAY: _l("Essay"),
    ItemType.MATCHING: _l("Matching"),
    ItemType.DESCRIPTION: _l("Description (instructions, not scored)"),
}
DIFFICULTY_LABELS = {"easy": _l("Easy"), "medium": _l("Medium"), "hard": _l("Hard"),
                     "unclassified": _l("To classify")}


def code_label(code) -> str:
    """The reader's word for a stored code (a degree, an item type, a difficulty): pages never
    show "bachelor" or "single_choice"; an unknown code is shown as it is."""
    if code is None:
        return ""
    key = str(code)
    for labels in (DEGREE_LABELS, TYPE_LABELS, DIFFICULTY_LABELS):
        for known, label in labels.items():
            if str(known) == key:
                return str(label)
    return key
