"""Question items: immutable values shared by the formats, the draw and scoring.

Items are frozen so that a bank snapshot, once committed to by its digest, cannot
change under the draw. Every text field is NFC-normalised on construction because
Vietnamese text typed on different keyboards (precomposed vs combining marks)
must compare, hash and draw identically; surrounding whitespace is trimmed so that
every import format yields the same item.

Numbers (points, fractions, numeric answers, tolerances) are ``Decimal`` so that
scores and snapshot digests never depend on binary floating point.

Matching items carry ``pairs``: each a prompt (left) and its answer (right); a pair
with an empty prompt is a distractor, an extra answer that matches nothing (Moodle's
subquestion without text). The candidate picks one of the distinct answers for every
prompt. Description items are instruction text, never scored nor drawn by a cell: a
blueprint part names one to show before its questions.

True/false items carry exactly two options, index 0 meaning *true* and index 1
*false*, with the fixed labels ``TRUE_FALSE_LABELS``; the interface translates the
labels, the item only records which one is correct.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

__all__ = [
    "TRUE_FALSE_LABELS",
    "Criterion",
    "Difficulty",
    "Item",
    "ItemType",
    "Option",
    "Pair",
    "PartialAnswer",
    "TextFormat",
    "decimal_str",
    "item_from_dict",
    "item_to_dict",
    "to_decimal",
    "true_false_options",
]

TRUE_FALSE_LABELS = ("Đúng", "Sai")
KEY_MAX = 80
NUMBER_DIGITS = 15
FRACTION_SUM_SLACK = Decimal("0.001")


class ItemType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_RESPONSE = "multiple_response"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    NUMERIC = "numeric"
    ESSAY = "essay"
    MATCHING = "matching"
    DESCRIPTION = "description"

    @property
    def is_choice(self) -> bool:
        return self in CHOICE_TYPES

    @property
    def is_objective(self) -> bool:
        """Scored automatically (by ``question_bank.scoring``)."""
        return self not in (ItemType.ESSAY, ItemType.DESCRIPTION)

    @property
    def is_scored(self) -> bool:
        """Carries points on a paper; a description is only text to read."""
        return self is not ItemType.DESCRIPTION


CHOICE_TYPES = frozenset(
    {ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE, ItemType.TRUE_FALSE}
)


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    # Imported banks (Moodle, GIFT, Aiken, QTI) carry no difficulty: the item waits for an
    # author to classify it and cannot be approved, hence never drawn, until then.
    UNCLASSIFIED = "unclassified"


class TextFormat(StrEnum):
    """How a stem is written: plain text (shown as typed) or sanitised HTML."""

    PLAIN = "plain"
    HTML = "html"


def to_decimal(value: Any) -> Decimal:
    """Convert via ``str`` so that ``0.1`` becomes ``Decimal('0.1')``, not its binary value."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    else:
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if result and not -NUMBER_DIGITS <= result.adjusted() < NUMBER_DIGITS:
        # 9e999999 is a valid Decimal whose arithmetic overflows: no exam needs it.
        raise ValueError(f"the number {value!r} is out of range")
    return result


def decimal_str(value: Decimal) -> str:
    """Canonical text of a Decimal: no exponent, no trailing zeros ("1.50" -> "1.5")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _nfc(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Option:
    """A choice with the fraction of the item's points it earns (negative = penalty)."""

    text: str
    fraction: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _nfc(self.text).strip())
        object.__setattr__(self, "fraction", to_decimal(self.fraction))


@dataclass(frozen=True)
class Criterion:
    """One line of an essay rubric: what examiners look for and how many points it is worth."""

    name: str
    max_points: Decimal
    descriptors: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _nfc(self.name).strip())
        object.__setattr__(self, "max_points", to_decimal(self.max_points))
        object.__setattr__(self, "descriptors", _nfc(self.descriptors).strip())


@dataclass(frozen=True)
class PartialAnswer:
    """A short or numeric answer worth a part of the item's points (Moodle's ``=%50%Cat``).

    For numeric items ``text`` is the number and ``tolerance`` the allowed deviation."""

    text: str
    fraction: Decimal
    tolerance: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _nfc(self.text).strip())
        object.__setattr__(self, "fraction", to_decimal(self.fraction))
        object.__setattr__(self, "tolerance", to_decimal(self.tolerance))


@dataclass(frozen=True)
class Pair:
    """One line of a matching item: ``prompt`` is matched with ``answer``; an empty
    prompt makes ``answer`` a distractor."""

    prompt: str
    answer: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "prompt", _nfc(self.prompt).strip())
        object.__setattr__(self, "answer", _nfc(self.answer).strip())


def true_false_options(answer: bool) -> tuple[Option, Option]:
    """The two canonical options of a true/false item whose correct answer is ``answer``."""
    return (
        Option(TRUE_FALSE_LABELS[0], Decimal(1 if answer else 0)),
        Option(TRUE_FALSE_LABELS[1], Decimal(0 if answer else 1)),
    )


@dataclass(frozen=True)
class Item:
    key: str
    type: ItemType
    stem: str
    points: Decimal
    topic: str
    difficulty: Difficulty
    options: tuple[Option, ...] = ()
    accepted_answers: tuple[str, ...] = ()
    case_sensitive: bool = False
    diacritics_sensitive: bool = True
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    rubric: tuple[Criterion, ...] = field(default=())
    source: str = ""
    general_feedback: str = ""
    stem_format: TextFormat = TextFormat.PLAIN
    partial_answers: tuple[PartialAnswer, ...] = ()
    pairs: tuple[Pair, ...] = ()

    def __post_init__(self) -> None:
        s = object.__setattr__
        for name in ("key", "stem", "topic", "source", "general_feedback"):
            s(self, name, _nfc(getattr(self, name)).strip())
        s(self, "type", ItemType(self.type))
        s(self, "difficulty", Difficulty(self.difficulty or Difficulty.UNCLASSIFIED))
        s(self, "stem_format", TextFormat(self.stem_format))
        s(self, "partial_answers", tuple(self.partial_answers))
        if not all(isinstance(a, PartialAnswer) for a in self.partial_answers):
            raise TypeError("partial answers must be PartialAnswer values")
        s(self, "points", to_decimal(self.points))
        s(self, "options", tuple(self.options))
        if not all(isinstance(p, Pair) for p in self.pairs):
            raise TypeError("pairs must be Pair values")
        # Prompts first, distractors after: the choices' order (and so every format's
        # round trip) then depends only on the prompts' order.
        s(self, "pairs", tuple(p for p in self.pairs if p.prompt)
          + tuple(p for p in self.pairs if not p.prompt))
        s(self, "accepted_answers", tuple(_nfc(a).strip() for a in self.accepted_answers))
        s(self, "rubric", tuple(self.rubric))
        s(self, "tolerance", to_decimal(self.tolerance))
        if self.numeric_answer is not None:
            s(self, "numeric_answer", to_decimal(self.numeric_answer))
        for name in ("case_sensitive", "diacritics_sensitive"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be a bool")
        if self.type is ItemType.DESCRIPTION:
            s(self, "diacritics_sensitive", True)  # no answer to compare: the default
        if not all(isinstance(o, Option) for o in self.options):
            raise TypeError("options must be Option values")
        if not all(isinstance(c, Criterion) for c in self.rubric):
            raise TypeError("rubric must be Criterion values")

    @property
    def stem_text(self) -> str:
        """The stem as plain text, for places that show text only (examiners' copy of an
        essay prompt, exports to plain formats)."""
        if self.stem_format is TextFormat.HTML:
            from question_bank.html import html_to_text

            return html_to_text(self.stem)
        return self.stem

    @property
    def correct_indices(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.fraction > 0)

    @property
    def match_choices(self) -> tuple[str, ...]:
        """The distinct answers of a matching item, in the order the pairs first give them:
        what the candidate chooses from (the draw shuffles this list's indices)."""
        return tuple(dict.fromkeys(p.answer for p in self.pairs))

    @property
    def match_prompts(self) -> tuple[tuple[str, int], ...]:
        """Each prompt of a matching item with the index of its answer in ``match_choices``."""
        choices = self.match_choices
        return tuple((p.prompt, choices.index(p.answer)) for p in self.pairs if p.prompt)

    def validate(self) -> list[str]:
        """Problems that make the item unusable in an exam; empty when it is sound."""
        problems: list[str] = []
        add = problems.append
        if not self.key:
            add("the item has no key")
        elif any(c in "\r\n\t|" for c in self.key):
            add("the key must not contain line breaks, tabs or '|'")
        elif len(self.key) > KEY_MAX:
            add(f"the key is longer than {KEY_MAX} characters")
        if not self.stem.strip():
            add("the stem is empty")
        if self.type is ItemType.DESCRIPTION:
            if self.points != 0:
                add("a description is not scored: its points must be 0")
        elif self.points <= 0:
            add("points must be greater than 0")
        for name in ("options", "accepted_answers", "rubric", "pairs"):
            if getattr(self, name) and name not in _ALLOWED[self.type]:
                add(f"an item of type {self.type} must not have {name.replace('_', ' ')}")
        if self.type is not ItemType.NUMERIC and (self.numeric_answer is not None or self.tolerance):
            add(f"an item of type {self.type} must not have a numeric answer or tolerance")
        if self.partial_answers and self.type not in (ItemType.SHORT_ANSWER, ItemType.NUMERIC):
            add(f"an item of type {self.type} must not have partial answers")
        for a in self.partial_answers:
            if not 0 < a.fraction < 1:
                add(f"partial answer {a.text[:30]!r} must be worth between 0 and 1 of the points")
            if a.tolerance < 0:
                add("the tolerance must not be negative")
            if self.type is ItemType.SHORT_ANSWER and (not a.text or "\n" in a.text or a.tolerance):
                add(f"partial answer {a.text[:30]!r} must be one line of text without tolerance")
            if self.type is ItemType.NUMERIC:
                try:
                    to_decimal(a.text)
                except ValueError:
                    add(f"partial answer {a.text[:30]!r} is not a number")
        for o in self.options:
            if not o.text.strip():
                add("an option has no text")
            elif "\n" in o.text:
                add(f"option {o.text[:30]!r} spans several lines")
            if o.fraction > 1 or o.fraction < -1:
                add(f"option {o.text[:30]!r} has a fraction outside -1..1")
        texts = [o.text.strip() for o in self.options]
        if len(set(texts)) != len(texts):
            add("two options have the same text")
        check = _TYPE_CHECKS.get(self.type)
        if check:
            check(self, add)
        return problems

    def approval_problems(self) -> list[str]:
        """What keeps a stored item from being approved (and so drawn): ``validate`` plus
        the classification an imported item may still lack."""
        problems = self.validate()
        if self.type is ItemType.DESCRIPTION:
            return problems  # never drawn by a cell: no topic or difficulty to classify
        if not self.topic:
            problems.append("the topic is empty (to classify)")
        if self.difficulty is Difficulty.UNCLASSIFIED:
            problems.append("the difficulty is not set (to classify)")
        if self.type is ItemType.ESSAY and not self.rubric:
            problems.append("an essay needs a rubric")
        return problems


def _check_single(item: Item, add) -> None:
    if len(item.options) < 2:
        add("a single choice item needs at least 2 options")
    correct = [o for o in item.options if o.fraction > 0]
    if len(correct) != 1 or correct[0].fraction != 1:
        add("a single choice item needs exactly one correct option (fraction 1)")
    if any(o.fraction < 0 for o in item.options):
        add("a single choice item is all or nothing: no negative fractions")


def _check_multiple(item: Item, add) -> None:
    if len(item.options) < 2:
        add("a multiple response item needs at least 2 options")
    positive = sum((o.fraction for o in item.options if o.fraction > 0), Decimal(0))
    if not any(o.fraction > 0 for o in item.options):
        add("a multiple response item needs at least one correct option")
    elif abs(positive - 1) > FRACTION_SUM_SLACK:
        add(f"the positive fractions of a multiple response item sum to {positive}, not 1")


def _check_true_false(item: Item, add) -> None:
    if tuple(o.text for o in item.options) != TRUE_FALSE_LABELS:
        add(f"a true/false item has exactly the options {TRUE_FALSE_LABELS}")
    elif sorted(o.fraction for o in item.options) != [0, 1]:
        add("a true/false item needs exactly one correct option (fraction 1) and one 0")


def _check_short(item: Item, add) -> None:
    if not any(a.strip() for a in item.accepted_answers):
        add("a short answer item needs at least one accepted answer")
    if any("\n" in a for a in item.accepted_answers):
        add("an accepted answer spans several lines")


def _check_numeric(item: Item, add) -> None:
    if item.numeric_answer is None:
        add("a numeric item needs a numeric answer")
    if item.tolerance < 0:
        add("the tolerance must not be negative")


def _check_essay(item: Item, add) -> None:
    if not item.rubric:
        return  # an imported essay waits for its rubric: see Item.approval_problems
    for c in item.rubric:
        if not c.name.strip():
            add("a rubric criterion has no name")
        if c.max_points <= 0:
            add(f"rubric criterion {c.name!r} must be worth more than 0 points")
    total = sum((c.max_points for c in item.rubric), Decimal(0))
    if total != item.points:
        add(f"the rubric's maximum points sum to {decimal_str(total)}, "
            f"but the item is worth {decimal_str(item.points)}")


def _check_matching(item: Item, add) -> None:
    prompts = [p.prompt for p in item.pairs if p.prompt]
    if len(prompts) < 2:
        add("a matching item needs at least 2 prompts, each with its answer")
    if len(set(prompts)) != len(prompts):
        add("two prompts of a matching item have the same text")
    for p in item.pairs:
        if not p.answer:
            add(f"the prompt {p.prompt[:30]!r} has no answer")
        elif "\n" in p.answer or "\n" in p.prompt:
            add(f"the pair {p.prompt[:30]!r} -> {p.answer[:30]!r} spans several lines")
    answers = [p.answer for p in item.pairs if p.prompt]
    extra = [p.answer for p in item.pairs if not p.prompt]
    if set(extra) & set(answers) or len(set(extra)) != len(extra):
        add("a distractor of a matching item repeats another answer")
    if len(item.match_choices) < 2:
        add("a matching item needs at least 2 different answers")


def _check_description(item: Item, add) -> None:
    if item.partial_answers or item.case_sensitive:
        add("a description has no answers")


_TYPE_CHECKS = {
    ItemType.SINGLE_CHOICE: _check_single,
    ItemType.MULTIPLE_RESPONSE: _check_multiple,
    ItemType.TRUE_FALSE: _check_true_false,
    ItemType.SHORT_ANSWER: _check_short,
    ItemType.NUMERIC: _check_numeric,
    ItemType.ESSAY: _check_essay,
    ItemType.MATCHING: _check_matching,
    ItemType.DESCRIPTION: _check_description,
}

_ALLOWED = {
    ItemType.SINGLE_CHOICE: {"options"},
    ItemType.MULTIPLE_RESPONSE: {"options"},
    ItemType.TRUE_FALSE: {"options"},
    ItemType.SHORT_ANSWER: {"accepted_answers"},
    ItemType.NUMERIC: set(),
    ItemType.ESSAY: {"rubric"},
    ItemType.MATCHING: {"pairs"},
    ItemType.DESCRIPTION: set(),
}


def item_to_dict(item: Item) -> dict[str, Any]:
    """Canonical JSON-ready dict: every field present, numbers as canonical decimal strings."""
    return {
        "key": item.key,
        "type": str(item.type),
        "stem": item.stem,
        "points": decimal_str(item.points),
        "topic": item.topic,
        "difficulty": str(item.difficulty),
        "options": [{"text": o.text, "fraction": decimal_str(o.fraction)} for o in item.options],
        "accepted_answers": list(item.accepted_answers),
        "case_sensitive": item.case_sensitive,
        "diacritics_sensitive": item.diacritics_sensitive,
        "numeric_answer": None if item.numeric_answer is None else decimal_str(item.numeric_answer),
        "tolerance": decimal_str(item.tolerance),
        "rubric": [
            {"name": c.name, "max_points": decimal_str(c.max_points), "descriptors": c.descriptors}
            for c in item.rubric
        ],
        "source": item.source,
        "general_feedback": item.general_feedback,
    } | _optional_fields(item)


def _optional_fields(item: Item) -> dict[str, Any]:
    """Fields added after banks were first sealed appear only when used, so the canonical
    dict (and the digest of every item stored before) stays exactly as it was."""
    extra: dict[str, Any] = {}
    if item.stem_format is not TextFormat.PLAIN:
        extra["stem_format"] = str(item.stem_format)
    if item.partial_answers:
        extra["partial_answers"] = [
            {"text": a.text, "fraction": decimal_str(a.fraction), "tolerance": decimal_str(a.tolerance)}
            for a in item.partial_answers]
    if item.pairs:
        extra["pairs"] = [{"prompt": p.prompt, "answer": p.answer} for p in item.pairs]
    return extra


def item_from_dict(data: dict[str, Any]) -> Item:
    """Inverse of ``item_to_dict``; unknown keys are an error so that typos are not lost."""
    known = set(Item.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown item fields: {', '.join(sorted(unknown))}")
    args = dict(data)
    args["options"] = tuple(Option(o["text"], o.get("fraction", 0)) for o in data.get("options", ()))
    args["rubric"] = tuple(
        Criterion(c["name"], c["max_points"], c.get("descriptors", "")) for c in data.get("rubric", ())
    )
    args["accepted_answers"] = tuple(data.get("accepted_answers", ()))
    args["partial_answers"] = tuple(
        PartialAnswer(a["text"], a["fraction"], a.get("tolerance", 0))
        for a in data.get("partial_answers", ()))
    args["pairs"] = tuple(Pair(p["prompt"], p["answer"]) for p in data.get("pairs", ()))
    return Item(**args)
