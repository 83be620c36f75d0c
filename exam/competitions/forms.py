from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from exam.competitions.service import DOCUMENT_KINDS, ROLE_LABELS
from exam.labels import DEGREE_LABELS  # noqa: F401 (read from here by other forms)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CompetitionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    post = StringField(_l("Post"), validators=[DataRequired(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[DataRequired(), Length(max=200)])
    vacancies = IntegerField(_l("Vacancies"), default=1, validators=[InputRequired(), NumberRange(1, 100)])
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    qualifications = TextAreaField(_l("Required qualifications"), validators=[Length(max=20000)])
    registration_opens_at = DateTimeLocalField(_l("Registration opens"), validators=[Optional()])
    registration_closes_at = DateTimeLocalField(_l("Registration closes"), validators=[Optional()])
    sitting_opens_at = DateTimeLocalField(_l("Sitting window opens"), validators=[Optional()])
    sitting_closes_at = DateTimeLocalField(_l("Sitting window closes"), validators=[Optional()])
    objection_days = IntegerField(_l("Days for answer-key objections"), default=3,
                                  validators=[InputRequired(), NumberRange(0, 30)])
    appeal_days = IntegerField(_l("Days of the appeal window"), default=15,
                               validators=[InputRequired(), NumberRange(0, 90)])
    min_management_years = IntegerField(_l("Minimum years in a management role"), default=0,
                                        validators=[InputRequired(), NumberRange(0, 40)])
    max_age = IntegerField(_l("Age limit (empty: none)"), validators=[Optional(), NumberRange(18, 80)])
    required_degree = SelectField(_l("Minimum degree"),
                                  choices=[SelectChoice(str(k), v) for k, v in DEGREE_LABELS.items()])
    required_documents = MultiCheckboxField(_l("Required documents"),
                                            choices=[SelectChoice(k, v) for k, v in DOCUMENT_KINDS.items()])

    DATE_FIELDS = ("registration_opens_at", "registration_closes_at", "sitting_opens_at",
                   "sitting_closes_at")


class AppointForm(FlaskForm):
    email = EmailField(_l("Email of the person"), validators=[DataRequired(), Length(max=254)])
    full_name = StringField(_l("Full name (only to invite someone without an account)"),
                            validators=[Optional(), Length(max=200)],
                            description=_l("A person without an account receives an email with "
                                           "a one-time link to choose a password."))
    role = SelectField(_l("Role"), choices=[SelectChoice(str(k), v) for k, v in ROLE_LABELS.items()])


class RemoveAppointmentForm(FlaskForm):
    reason = TextAreaField(_l("Reason for removing this appointment"),
                           validators=[DataRequired(), Length(min=10, max=1000)])


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("I understand that this step cannot be undone."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


