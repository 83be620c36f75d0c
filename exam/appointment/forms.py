from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class AuthorityForm(FlaskForm):
    name = StringField(_l("Appointing authority"), validators=[DataRequired(), Length(max=300)],
                       description=_l("The body competent to appoint to this post."))
    reply_days = IntegerField(_l("Days a called candidate has to answer"), default=15,
                              validators=[InputRequired(), NumberRange(1, 90)])


class DecisionForm(FlaskForm):
    application_id = SelectField(_l("Candidate appointed"), coerce=int,
                                 validators=[InputRequired()])
    number = StringField(_l("Number of the decision"), validators=[DataRequired(), Length(max=60)])
    decided_on = DateField(_l("Date of the decision"), validators=[InputRequired()])
    term_months = IntegerField(_l("Term of office (months)"), default=60,
                               validators=[InputRequired(), NumberRange(1, 120)])
    reasons = TextAreaField(_l("Reasons (required when not appointing the next in the ranking; "
                               "published)"), validators=[Optional(), Length(max=5000)])
    document = FileField(_l("The signed decision (PDF)"))


class ReasonsForm(FlaskForm):
    reasons = TextAreaField(_l("Reasons"), validators=[DataRequired(), Length(max=5000)])
    report_id = IntegerField(_l("Number of the substantiated report"), validators=[Optional()])


class CandidateRemedyForm(ReasonsForm):
    candidate_number = StringField(_l("Candidate number"),
                                   validators=[DataRequired(), Length(max=16)])
    room_record_id = IntegerField(_l("Number of the proctor's record from the room"),
                                  validators=[Optional()])


class RoomRecordForm(FlaskForm):
    candidate_number = StringField(_l("Candidate number"),
                                   validators=[DataRequired(), Length(max=16)])
    body = TextAreaField(_l("What you saw, when and where"),
                         validators=[DataRequired(), Length(max=5000)])


class ResultAnnulmentForm(ReasonsForm):
    version_number = IntegerField(_l("Result version"), validators=[InputRequired()])


class ContestDecisionForm(FlaskForm):
    outcome = SelectField(_l("Outcome"), choices=[SelectChoice("upheld", _l("The contest is upheld")),
                                                  SelectChoice("rejected", _l("The contest is rejected"))])
    decision = TextAreaField(_l("Reasons"), validators=[DataRequired(), Length(max=5000)])


class AnswerForm(FlaskForm):
    """Accept or decline: the button pressed carries the answer."""


class ConfirmForm(FlaskForm):
    pass
