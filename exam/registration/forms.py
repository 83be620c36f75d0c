from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from exam.competitions.forms import DEGREE_LABELS


class ApplicationForm(FlaskForm):
    date_of_birth = DateField(_l("Date of birth"), validators=[DataRequired()])
    id_number = StringField(_l("Citizen ID number"), validators=[DataRequired(), Length(max=20)],
                            description=_l("9 or 12 digits."))
    current_post = StringField(_l("Current post"), validators=[DataRequired(), Length(max=200)])
    current_unit = StringField(_l("Current unit"), validators=[DataRequired(), Length(max=200)])
    degree = SelectField(_l("Highest degree"), choices=[SelectChoice(str(k), v) for k, v in DEGREE_LABELS.items()])
    field_of_study = StringField(_l("Field of study"), validators=[Length(max=200)])
    management_years = IntegerField(_l("Years in a management role"),
                                    validators=[InputRequired(), NumberRange(0, 60)])
    statement = TextAreaField(_l("Why you apply (optional)"), validators=[Length(max=5000)])
    apply_anyway = BooleanField(_l("I know that my declared data do not meet these criteria "
                                   "and I apply anyway."))
    cv = FileField(_l("Curriculum vitae (PDF)"))
    degree_file = FileField(_l("Degree certificate (PDF)"))
    appointment_decision = FileField(_l("Decision of appointment to the current post (PDF)"))
    health_certificate = FileField(_l("Health certificate (PDF)"))

    FILE_FIELDS = {"cv": "cv", "degree": "degree_file",
                   "appointment_decision": "appointment_decision",
                   "health_certificate": "health_certificate"}


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Reason the candidate will read"),
                           validators=[DataRequired(), Length(min=10, max=2000)])
