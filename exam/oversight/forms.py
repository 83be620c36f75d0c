from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from exam.competitions.forms import MultiCheckboxField
from exam.oversight.models import ReportCategory
from exam.oversight.service import CATEGORY_LABELS, MAX_BODY, MAX_NAMED_TEXT, MIN_BODY
from exam.oversight.votes import KIND_LABELS


class ReportForm(FlaskForm):
    category = SelectField(_l("What is it about?"),
                           choices=[SelectChoice(str(k), v) for k, v in CATEGORY_LABELS.items()],
                           default=str(ReportCategory.OTHER))
    body = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(MIN_BODY, MAX_BODY)],
                         description=_l("When, where, who, and how you know. Do not write your own name unless you want the inspector to know it."))
    named = MultiCheckboxField(_l("People the report is about (they will never see it)"), coerce=int,
                               validators=[Optional()])
    named_text = StringField(_l("Other people concerned (names or roles)"),
                             validators=[Length(max=MAX_NAMED_TEXT)])
    attachments = MultipleFileField(_l("Evidence (PDF, JPEG or PNG; optional)"))
    attach_identity = BooleanField(_l("Attach my account so the inspector can contact me"))


class FollowForm(FlaskForm):
    code = StringField(_l("Tracking code"), validators=[DataRequired(), Length(max=64)])


class AddInformationForm(FlaskForm):
    code = StringField(_l("Tracking code"), validators=[DataRequired(), Length(max=64)])
    body = TextAreaField(_l("More information"), validators=[Length(max=MAX_BODY)])
    attachments = MultipleFileField(_l("More evidence (PDF, JPEG or PNG; optional)"))


class ResolveForm(FlaskForm):
    outcome = RadioField(_l("Finding"), choices=[
        SelectChoice("substantiated", _l("Substantiated")),
        SelectChoice("not_substantiated", _l("Not substantiated"))],
        validators=[InputRequired()])
    finding = TextAreaField(_l("Written finding the reporter will read"),
                            validators=[DataRequired(), Length(20, 10_000)])
    suspend = BooleanField(_l("Suspend the competition at its current stage"))


class LiftForm(FlaskForm):
    reason = TextAreaField(_l("Why the suspension is lifted"),
                           validators=[DataRequired(), Length(10, 5000)])


class InspectorForm(FlaskForm):
    email = EmailField(_l("Email of the person"), validators=[DataRequired(), Length(max=254)])


class VoteForm(FlaskForm):
    kind = SelectField(_l("Decision"), choices=[SelectChoice(str(k), v) for k, v in KIND_LABELS.items()])
    question = TextAreaField(_l("Question put to the board"),
                             validators=[DataRequired(), Length(10, 5000)])
    options = TextAreaField(_l("Options, one per line"),
                            validators=[DataRequired(), Length(max=2000)])
    closes_at = DateTimeLocalField(_l("Deadline"), validators=[DataRequired()])
    quorum = IntegerField(_l("Quorum: ballots needed for the vote to count"),
                          description=_l("Leave empty for more than half of the board."),
                          validators=[Optional(), NumberRange(min=1, max=1000)])


class BallotForm(FlaskForm):
    option = RadioField(_l("Your vote"), coerce=int, validators=[InputRequired()])
