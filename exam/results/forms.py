from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class RulesForm(FlaskForm):
    parts = TextAreaField(
        _l("Parts, one per line: key; title; maximum; weight; pass mark (empty: half the maximum)"),
        validators=[DataRequired(), Length(max=4000)])
    specialised_part = StringField(_l("Key of the specialised part (first tie-break)"),
                                   validators=[Length(max=40)])
    written_part = StringField(_l("Key of the written part (second tie-break)"),
                               validators=[Length(max=40)])
    priority_categories = TextAreaField(
        _l("Priority categories, one per line: key; description; points"),
        validators=[Length(max=4000)])
    reserve_size = IntegerField(_l("Reserve list size (empty: every further passing candidate)"),
                                validators=[Optional(), NumberRange(0, 1000)])
    reserve_months = IntegerField(_l("The reserve list is valid for (months)"),
                                  validators=[InputRequired(), NumberRange(1, 36)], default=12)


class PriorityForm(FlaskForm):
    candidate_number = StringField(_l("Candidate number"), validators=[DataRequired(),
                                                                      Length(max=16)])
    category = SelectField(_l("Priority category"), choices=[])
    evidence = TextAreaField(_l("Document the board checked (number, date, issuer)"),
                             validators=[DataRequired(), Length(min=5, max=1000)])


class TieForm(FlaskForm):
    candidate_numbers = StringField(_l("Candidate numbers of the tied group, best first, "
                                       "separated by commas"),
                                    validators=[DataRequired(), Length(max=500)])
    reason = TextAreaField(_l("Reason of the board's decision"),
                           validators=[DataRequired(), Length(min=10, max=2000)])


class VerifyForm(FlaskForm):
    code = StringField(_l("Verification code"), validators=[Optional(), Length(max=20)])
    sheet = FileField(_l("Or upload the PDF"))
