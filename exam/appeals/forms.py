from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ObjectionForm(FlaskForm):
    item_key = StringField(_l("Item (its code as shown on your paper)"),
                           validators=[DataRequired(), Length(max=80)])
    reason = TextAreaField(_l("Why the answer key is wrong"),
                           validators=[DataRequired(), Length(min=10, max=4000)])


class AppealForm(FlaskForm):
    part_key = SelectField(_l("Part to re-mark"), choices=[])
    reason = TextAreaField(_l("Why you ask for a re-mark"),
                           validators=[DataRequired(), Length(min=10, max=4000)])


class DecideObjectionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[
        SelectChoice("reject", _l("Reject: the key stands")),
        SelectChoice("correct", _l("Uphold: correct the key")),
        SelectChoice("neutralise", _l("Uphold: drop the item; its points spread over the part")),
        SelectChoice("award", _l("Uphold: drop the item; everyone gets its points"))],
        validators=[DataRequired()])
    corrected_key = StringField(_l("Corrected key (option numbers from 0 in the original order, or accepted answers), "
                                  "comma-separated"),
                                validators=[Optional(), Length(max=200)])
    reason = TextAreaField(_l("Reason (published)"),
                           validators=[DataRequired(), Length(min=10, max=4000)])


class AnswerAppealForm(FlaskForm):
    decision = RadioField(_l("Answer"), choices=[
        SelectChoice("grant", _l("Grant: re-mark blind by new examiners")),
        SelectChoice("refuse", _l("Refuse"))],
        validators=[DataRequired()])
    reason = TextAreaField(_l("Reason the candidate will read"),
                           validators=[DataRequired(), Length(min=10, max=4000)])


class DecideAppealForm(FlaskForm):
    reason = TextAreaField(_l("Decision and reason the candidate will read"),
                           validators=[DataRequired(), Length(min=10, max=4000)])
