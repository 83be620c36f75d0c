from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from exam.competitions.forms import MultiCheckboxField
from exam.decimals import DecimalRange, LocalDecimalField


class PanelForm(FlaskForm):
    part_key = StringField(_l("Part"), validators=[DataRequired(), Length(max=40),
                                                   Regexp(r"^[\w.-]+$")],
                           description=_l("The key of the essay part, or “presentation” for the "
                                          "presentation round."))
    chair = SelectField(_l("Panel chair"), coerce=int)
    examiners = MultiCheckboxField(_l("Examiners"), coerce=int)
    threshold_percent = LocalDecimalField(
        _l("Threshold for a third examiner, in percent of the maximum"), default=10,
        validators=[InputRequired(), DecimalRange("0.01", 100)])


class CodeForm(FlaskForm):
    code = StringField(_l("Script code"), validators=[DataRequired(), Length(max=20)])


class SettleForm(FlaskForm):
    mark = LocalDecimalField(_l("Final mark"), validators=[DataRequired(), Length(max=12)])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=5000)])


class MaskForm(FlaskForm):
    passage = TextAreaField(_l("Passage to mask (copy it exactly)"),
                            validators=[DataRequired(), Length(max=2000)])


class DismissForm(FlaskForm):
    note = TextAreaField(_l("Why the flag is not a leak"), validators=[DataRequired(),
                                                                     Length(max=2000)])


class CalibrationForm(FlaskForm):
    prompt = TextAreaField(_l("Prompt"), validators=[DataRequired(), Length(max=10000)])
    rubric = TextAreaField(_l("Rubric"), validators=[DataRequired(), Length(max=5000)],
                           description=_l("One criterion per line: name; maximum points; "
                                          "what examiners look for."))
    answer_text = TextAreaField(_l("Sample answer"), validators=[DataRequired(),
                                                                Length(max=50000)])


class PresentationScoreForm(FlaskForm):
    score = LocalDecimalField(_l("Your score (0–100)"), validators=[DataRequired(), Length(max=8)])


class DecideForm(FlaskForm):
    score = LocalDecimalField(_l("Official score"), validators=[DataRequired(), Length(max=8)])
    reason = TextAreaField(_l("Reason after the discussion"), validators=[DataRequired(),
                                                                         Length(max=5000)])


class AddExaminerForm(FlaskForm):
    examiner = SelectField(_l("Add an examiner"), coerce=int)
