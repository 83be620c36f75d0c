from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from exam.competitions.forms import MultiCheckboxField
from exam.presentation.gate import SUBJECT_LABELS
from exam.presentation.service import CONFLICT_KINDS, SCORING_RULES, TIE_FALLBACKS


class PresentationRulesForm(FlaskForm):
    scoring_rule = SelectField(_l("Scoring rule of the presentation"),
                               choices=[SelectChoice(str(k), v) for k, v in SCORING_RULES.items()])
    programme_deadline = DateTimeLocalField(_l("Deadline for action programmes"),
                                            validators=[Optional()])
    panel_quorum = IntegerField(_l("Quorum of the presentation panel (members scoring)"),
                                validators=[InputRequired(), NumberRange(2, 15)], default=3)
    min_candidates = IntegerField(_l("Minimum number of accepted candidates per post"),
                                  validators=[InputRequired(), NumberRange(1, 100)], default=2)
    tie_fallback = SelectField(_l("When a tie vote reaches no majority"),
                               choices=[SelectChoice(str(k), v) for k, v in TIE_FALLBACKS.items()])


class ProgrammeForm(FlaskForm):
    programme = FileField(_l("Action programme (PDF)"))


class ConflictForm(FlaskForm):
    application_id = SelectField(_l("Candidate"), choices=[], validate_choice=False)
    kind = SelectField(_l("Kind of conflict"),
                       choices=[SelectChoice(str(k), v) for k, v in CONFLICT_KINDS.items()])
    note = StringField(_l("Note"), validators=[Length(max=2000)])


class RecordForm(FlaskForm):
    started_at = DateTimeLocalField(_l("Started at"), validators=[DataRequired()])
    ended_at = DateTimeLocalField(_l("Ended at"), validators=[DataRequired()])
    present = MultiCheckboxField(_l("Panel members present"), choices=[], validate_choice=False)
    questions = TextAreaField(_l("Questions asked by the panel (minutes)"),
                              validators=[DataRequired(), Length(max=20000)])


class CollegialVoteForm(FlaskForm):
    subject = SelectField(_l("Decision"),
                          choices=[SelectChoice(str(k), v) for k, v in SUBJECT_LABELS.items()])
    candidate_numbers = StringField(_l("Candidate numbers concerned (for a tie), comma-separated"),
                                    validators=[Length(max=200)])
    reasons = TextAreaField(_l("The board's reasons (public)"),
                            validators=[DataRequired(), Length(min=10, max=5000)])
    closes_at = DateTimeLocalField(_l("The vote closes at"), validators=[DataRequired()])


class ExtensionForm(FlaskForm):
    closes_at = DateTimeLocalField(_l("New registration deadline"), validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (public)"), validators=[DataRequired(), Length(min=10, max=5000)])
