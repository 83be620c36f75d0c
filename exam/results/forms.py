from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from exam.decimals import LocalDecimalField


class RulePartForm(Form):
    """One part of the result: which part, its title, maximum, weight and pass mark."""

    key = SelectField(_l("Part"), choices=[], validate_choice=False)
    title = StringField(_l("Title on the result sheet"), validators=[Length(max=200)])
    max_points = LocalDecimalField(_l("Maximum"), validators=[Length(max=12)])
    weight = LocalDecimalField(_l("Weight"), default="1", validators=[Length(max=12)])
    pass_mark = LocalDecimalField(_l("Pass mark (empty: half the maximum)"),
                                  validators=[Length(max=12)])

    def is_blank(self) -> bool:
        return not (self.key.data or "").strip()


class PriorityRowForm(Form):
    key = StringField(_l("Short code"), validators=[Length(max=40)],
                      description=_l("Letters without accents, digits and underscores."),
                      render_kw={"spellcheck": "false"})
    label = StringField(_l("Priority category"), validators=[Length(max=300)])
    points = LocalDecimalField(_l("Points added"), validators=[Length(max=12)])

    def is_blank(self) -> bool:
        return not any((f.data or "").strip() for f in (self.key, self.label, self.points))


class RulesForm(FlaskForm):
    # Rows of choices; rows left empty are ignored.
    parts = FieldList(FormField(RulePartForm), min_entries=4, max_entries=20)
    specialised_part = SelectField(_l("Specialised part (first tie-break)"), choices=[],
                                   validate_choice=False)
    written_part = SelectField(_l("Written part (second tie-break)"), choices=[],
                               validate_choice=False)
    priority_categories = FieldList(FormField(PriorityRowForm), min_entries=3, max_entries=20)
    reserve_size = IntegerField(_l("Reserve list size (empty: every further passing candidate)"),
                                validators=[Optional(), NumberRange(0, 1000)])
    reserve_months = IntegerField(_l("The reserve list is valid for (months)"),
                                  validators=[InputRequired(), NumberRange(1, 36)], default=12)

    def offer_parts(self, choices: list[tuple[str, str]]) -> None:
        """The parts the competition has (the written test's and the presentation round)."""
        rows = [SelectChoice("", "—")] + [SelectChoice(k, label) for k, label in choices]
        for row in self.parts.entries:
            row.form.key.choices = rows
        self.specialised_part.choices = [SelectChoice("", _l("None"))] + rows[1:]
        self.written_part.choices = [SelectChoice("", _l("None"))] + rows[1:]

    def part_dicts(self) -> list[dict]:
        return [{name: (getattr(row.form, name).data or "").strip()
                 for name in ("key", "title", "max_points", "weight", "pass_mark")}
                for row in self.parts.entries if not row.form.is_blank()]

    def category_dicts(self) -> list[dict]:
        return [{name: (getattr(row.form, name).data or "").strip()
                 for name in ("key", "label", "points")}
                for row in self.priority_categories.entries if not row.form.is_blank()]


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
