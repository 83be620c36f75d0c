from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from exam.bank.service import IMPORT_LABELS
from exam.decimals import LocalDecimalField, canonical_decimal, show_decimal
from exam.errors import InvalidInput
from exam.labels import DIFFICULTY_LABELS, TYPE_LABELS
from question_bank.html import sanitize
from question_bank.items import (
    Criterion,
    Item,
    ItemType,
    Option,
    Pair,
    PartialAnswer,
    TextFormat,
    true_false_options,
)


class ItemForm(FlaskForm):
    key = StringField(_l("Key"), validators=[DataRequired(), Length(max=80)],
                      description=_l("A short unique name, e.g. cc-11."))
    type = SelectField(_l("Type"), choices=[SelectChoice(str(k), v) for k, v in TYPE_LABELS.items()])
    topic = StringField(_l("Topic"), validators=[DataRequired(), Length(max=200)])
    difficulty = SelectField(_l("Difficulty"),
                             choices=[SelectChoice(k, v) for k, v in DIFFICULTY_LABELS.items()])
    points = LocalDecimalField(_l("Points"), default="1", validators=[DataRequired()])
    stem = TextAreaField(_l("Question"), validators=[DataRequired(), Length(max=20000)])
    options = TextAreaField(
        _l("Options"), validators=[Optional()],
        description=_l("Choice items: one option per line, written fraction|text; 1 marks the "
                       "correct option (multiple response: fractions such as 0.5)."))
    true_answer = SelectField(_l("Correct answer (true / false)"), default="true",
                              choices=[SelectChoice("true", _l("True")),
                                       SelectChoice("false", _l("False"))])
    accepted_answers = TextAreaField(_l("Accepted answers (short answer, one per line)"),
                                     validators=[Optional()])
    partial_answers = TextAreaField(
        _l("Partial credit (short answer, numeric)"), validators=[Optional()],
        description=_l("One per line: fraction|answer, or fraction|number|tolerance for numeric "
                       "items, e.g. 0.5|Cat."))
    pairs = TextAreaField(
        _l("Items and their matches (matching)"), validators=[Optional()],
        description=_l("One per line: item|match, e.g. Quốc hội|lập pháp. A line |match with "
                       "nothing before the bar adds an extra match that fits no item."))
    stem_format = HiddenField(default="plain")
    case_sensitive = BooleanField(_l("Letter case matters"))
    diacritics_sensitive = BooleanField(_l("Vietnamese diacritics matter"), default=True)
    numeric_answer = LocalDecimalField(_l("Numeric answer"), validators=[Optional()])
    tolerance = LocalDecimalField(_l("Tolerance"), default="0", validators=[Optional()])
    rubric = TextAreaField(
        _l("Rubric (essay)"), validators=[Optional()],
        description=_l("One criterion per line: name|maximum points|descriptors."))
    source = StringField(_l("Source or legal reference"), validators=[Length(max=500)])
    general_feedback = TextAreaField(_l("Explanation"), validators=[Length(max=5000)])

    def load(self, item: Item) -> None:
        self.key.data, self.type.data, self.topic.data = item.key, str(item.type), item.topic
        self.difficulty.data, self.stem.data = str(item.difficulty), item.stem
        self.points.process_data(item.points)
        if item.type is ItemType.TRUE_FALSE:
            self.true_answer.data = "true" if item.options[0].fraction == 1 else "false"
        else:
            self.options.data = "\n".join(f"{show_decimal(o.fraction)}|{o.text}"
                                          for o in item.options)
        self.accepted_answers.data = "\n".join(item.accepted_answers)
        self.pairs.data = "\n".join(f"{p.prompt}|{p.answer}" for p in item.pairs)
        self.partial_answers.data = "\n".join(
            f"{show_decimal(a.fraction)}|"
            + (show_decimal(a.text) if item.type is ItemType.NUMERIC else a.text)
            + (f"|{show_decimal(a.tolerance)}" if a.tolerance else "")
            for a in item.partial_answers)
        self.stem_format.data = str(item.stem_format)
        self.case_sensitive.data = item.case_sensitive
        self.diacritics_sensitive.data = item.diacritics_sensitive
        self.numeric_answer.process_data(item.numeric_answer)
        self.tolerance.process_data(item.tolerance)
        self.rubric.data = "\n".join(f"{c.name}|{show_decimal(c.max_points)}|{c.descriptors}"
                                      for c in item.rubric)
        self.source.data, self.general_feedback.data = item.source, item.general_feedback

    def to_item(self) -> Item:
        """The question as typed; a line that cannot be read is named in the message."""
        kind = ItemType(self.type.data)
        lines = lambda text: [line.strip() for line in (text or "").splitlines() if line.strip()]  # noqa: E731
        try:
            options = ()
            if kind is ItemType.TRUE_FALSE:
                options = true_false_options(self.true_answer.data == "true")
            elif kind.is_choice:
                parsed = []
                for n, line in enumerate(lines(self.options.data), 1):
                    fraction, bar, text = line.partition("|")
                    if not bar:
                        raise InvalidInput(_("Option line %(n)d is not written fraction|text.", n=n),
                                           field="options")
                    parsed.append(Option(text, canonical_decimal(fraction)))
                options = tuple(parsed)
            rubric = []
            if kind is ItemType.ESSAY:
                for n, line in enumerate(lines(self.rubric.data), 1):
                    parts = line.split("|", 2)
                    if len(parts) < 2:
                        raise InvalidInput(_("Rubric line %(n)d is not written name|points|"
                                             "descriptors.", n=n), field="rubric")
                    rubric.append(Criterion(parts[0], canonical_decimal(parts[1]),
                                            parts[2] if len(parts) > 2 else ""))
            partial = []
            if kind in (ItemType.SHORT_ANSWER, ItemType.NUMERIC):
                for n, line in enumerate(lines(self.partial_answers.data), 1):
                    parts = line.split("|")
                    if len(parts) not in (2, 3):
                        raise InvalidInput(_("Partial credit line %(n)d is not written "
                                             "fraction|answer.", n=n))
                    answer = canonical_decimal(parts[1]) if kind is ItemType.NUMERIC else parts[1]
                    partial.append(PartialAnswer(
                        answer, canonical_decimal(parts[0]),
                        canonical_decimal(parts[2]) if len(parts) == 3 else 0))
            pairs = []
            if kind is ItemType.MATCHING:
                for n, line in enumerate(lines(self.pairs.data), 1):
                    prompt, bar, answer = line.rpartition("|")
                    if not bar:
                        raise InvalidInput(_("Matching line %(n)d is not written item|match.", n=n),
                                           field="pairs")
                    pairs.append(Pair(prompt, answer))
            stem_format = TextFormat(self.stem_format.data or TextFormat.PLAIN)
            stem = sanitize(self.stem.data) if stem_format is TextFormat.HTML else self.stem.data
            return Item(
                key=self.key.data, type=kind, stem=stem, stem_format=stem_format,
                partial_answers=tuple(partial), pairs=tuple(pairs),
                points="0" if kind is ItemType.DESCRIPTION else self.points.data,
                topic=self.topic.data, difficulty=self.difficulty.data, options=options,
                accepted_answers=tuple(lines(self.accepted_answers.data))
                if kind is ItemType.SHORT_ANSWER else (),
                case_sensitive=bool(self.case_sensitive.data),
                diacritics_sensitive=bool(self.diacritics_sensitive.data),
                numeric_answer=(self.numeric_answer.data or None)
                if kind is ItemType.NUMERIC else None,
                tolerance=(self.tolerance.data or "0") if kind is ItemType.NUMERIC else "0",
                rubric=tuple(rubric), source=self.source.data or "",
                general_feedback=self.general_feedback.data or "")
        except (ValueError, TypeError) as error:
            raise InvalidInput(_("The question could not be read: %(reason)s",
                                 reason=str(error))) from None


class ConfirmImportForm(FlaskForm):
    """The previewed file travels back with the confirmation, so what is imported is
    exactly what was previewed (its digest is checked)."""

    format = HiddenField()
    payload = HiddenField()
    sha256 = HiddenField()


class ImportForm(FlaskForm):
    format = SelectField(_l("Format"), choices=[SelectChoice(k, v) for k, v in IMPORT_LABELS.items()])
    file = FileField(_l("File"), validators=[DataRequired()])
