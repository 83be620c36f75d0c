from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from exam.errors import InvalidInput


class PartForm(FlaskForm):
    key = StringField(_l("Part key"), validators=[DataRequired(), Length(max=16)],
                      description=_l("A short code such as A or B."))
    title = StringField(lazy_pgettext("test part", "Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[SelectChoice("objective", _l("Objective (scored automatically)")),
                                            SelectChoice("essay", _l("Essay (scored blind by examiners)"))])
    duration_minutes = IntegerField(_l("Duration (minutes)"),
                                    validators=[InputRequired(), NumberRange(1, 600)])
    essay_mode = SelectField(_l("Essay prompts"), choices=[
        SelectChoice("per_candidate", _l("Drawn for each candidate")),
        SelectChoice("shared_variant", _l("One variant drawn for everyone"))])
    cells = TextAreaField(
        _l("Blueprint cells"), validators=[DataRequired()],
        description=_l("One cell per line: topic | difficulty (easy, medium, hard) | type | "
                       "number of items | points per item."))

    def cell_dicts(self) -> list[dict]:
        cells = []
        for n, line in enumerate((self.cells.data or "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 5:
                raise InvalidInput(_("Line %(n)d of the cells needs 5 fields separated by |.", n=n))
            topic, difficulty, kind, count, points = parts
            try:
                count = int(count)
            except ValueError:
                raise InvalidInput(_("Line %(n)d: the number of items is not a whole number.",
                                     n=n)) from None
            cells.append({"topic": topic, "difficulty": difficulty, "type": kind, "count": count,
                          "points": points})
        return cells


class SealForm(FlaskForm):
    """Sealing announces, before anyone can know it, which public event gives the value."""

    value_source = StringField(
        _l("Source of the public value"), validators=[Optional(), Length(max=500)],
        description=_l("A named public random event that has not happened yet, e.g. the "
                       "special prize of the Thủ đô lottery draw of 20/11/2026, or a "
                       "public randomness beacon's round number."))
    value_known_after = DateTimeLocalField(
        _l("Known after (Vietnam time)"), validators=[Optional()],
        description=_l("When the value will have been published; the value can be entered "
                       "only after this time, and it must be before the sitting opens."))
    confirm = BooleanField(_l("I understand that this step cannot be undone."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


class PublicValueForm(FlaskForm):
    public_value = StringField(_l("Public value"), validators=[DataRequired(), Length(min=4, max=500)],
                               description=_l("Exactly as published by the source "
                                              "announced at sealing."))


class RoomForm(FlaskForm):
    access_code = StringField(_l("Room access code"), validators=[Optional(), Length(max=32)],
                              description=_l("Read out in the room; leave empty for none."))
    allowed_networks = TextAreaField(_l("Allowed address ranges"), validators=[Optional()],
                                     description=_l("e.g. 10.1.2.0/24, one per line; empty: any."))
    late_entry_minutes = IntegerField(
        _l("Late entry (minutes after the sitting opens)"),
        validators=[Optional(), NumberRange(0, 240)],
        description=_l("Candidates cannot start later, unless you admit them one by one with "
                       "the reason. Fixed once the sitting opens."))


class LateAdmissionForm(FlaskForm):
    application_id = IntegerField(validators=[InputRequired()])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=500)])


class ExtraTimeForm(FlaskForm):
    minutes = IntegerField(_l("Minutes"), validators=[InputRequired(), NumberRange(1, 240)])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=500)])


class StartForm(FlaskForm):
    access_code = StringField(_l("Room access code"), validators=[Optional(), Length(max=32)])
