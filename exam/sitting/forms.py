from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from exam.bank.forms import DIFFICULTY_LABELS, TYPE_LABELS
from exam.decimals import LocalDecimalField

BLUEPRINT_ROWS = 4


class CellForm(Form):
    """One row of the blueprint: which questions, how many, and how many points each."""

    topic = StringField(_l("Topic"), validators=[Optional(), Length(max=200)],
                        render_kw={"list": "bank-topics"})
    # Empty rows are ignored, so choices are checked by the part (filled rows only).
    difficulty = SelectField(_l("Difficulty"), validate_choice=False,
                             choices=[SelectChoice(k, v) for k, v in DIFFICULTY_LABELS.items()])
    type = SelectField(_l("Type"), validate_choice=False,
                       choices=[SelectChoice(str(k), v) for k, v in TYPE_LABELS.items()
                                if k.is_scored])
    count = IntegerField(_l("Number of items"), validators=[
        Optional(), NumberRange(1, 500, message=_l("From 1 to 500 questions."))])
    points = LocalDecimalField(_l("Points each"), default="1",
                               validators=[Optional(), Length(max=12)])

    def is_blank(self) -> bool:
        return not (self.topic.data or "").strip() and self.count.data is None


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
    instructions = SelectField(
        _l("Instructions shown before the part"), validate_choice=False, choices=[],
        description=_l("An approved description of the bank (imported from Moodle or GIFT, or "
                       "written as a question of type Description); candidates read it before "
                       "the part's questions. It carries no points."))
    # Rows of choices in the user's language; rows left empty are ignored.
    cells = FieldList(FormField(CellForm), min_entries=BLUEPRINT_ROWS, max_entries=60)

    def load(self, part) -> None:
        """Fill the form with a saved part, so the board changes it instead of retyping it."""
        cells = [{**cell, "points": cell.get("points", 1)} for cell in part.cells]
        self.process(data={"key": part.key, "title": part.title, "kind": part.kind,
                           "duration_minutes": part.duration_minutes,
                           "essay_mode": part.essay_mode,
                           "instructions": part.instructions or "",
                           "cells": cells + [{}] * max(BLUEPRINT_ROWS - len(cells), 2)})

    def validate_cells(self, field) -> None:
        filled = [row for row in field.entries if not row.form.is_blank()]
        if not filled:
            raise ValidationError(_("Fill in at least one row: a topic and a number of items."))
        for row in filled:
            if not (row.form.topic.data or "").strip():
                row.form.topic.errors = [*row.form.topic.errors, _("Choose a topic.")]
                raise ValidationError(_("Each row needs a topic and a number of items."))
            for choice in (row.form.difficulty, row.form.type):
                if choice.data not in {str(value) for value, *_rest in choice.iter_choices()}:
                    choice.errors = [*choice.errors, _("Choose from the list.")]
                    raise ValidationError(_("Choose from the list."))
            if row.form.count.data is None:
                row.form.count.errors = [*row.form.count.errors, _("Enter a number of items.")]
                raise ValidationError(_("Each row needs a topic and a number of items."))

    def cell_dicts(self) -> list[dict]:
        return [{"topic": row.form.topic.data.strip(), "difficulty": row.form.difficulty.data,
                 "type": row.form.type.data, "count": row.form.count.data,
                 "points": row.form.points.data or "1"}
                for row in self.cells.entries if not row.form.is_blank()]


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
    checkin_minutes = IntegerField(
        _l("Check-in (minutes before the sitting opens)"),
        validators=[Optional(), NumberRange(0, 240)],
        description=_l("From then on a candidate who checks in receives the paper sealed; it "
                       "opens at the start. 0: no check-in."))


class LateAdmissionForm(FlaskForm):
    application_id = IntegerField(validators=[InputRequired()])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=500)])


class ExtraTimeForm(FlaskForm):
    minutes = IntegerField(_l("Minutes"), validators=[InputRequired(), NumberRange(1, 240)])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=500)])


class StartForm(FlaskForm):
    access_code = StringField(_l("Room access code"), validators=[Optional(), Length(max=32)])
