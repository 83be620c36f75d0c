"""Automatic scoring of objective items, with the partial-credit rules stated.

Responses refer to options by their index in the item's ORIGINAL option order
(never the shuffled display order), so a score does not depend on the draw.

Rules (scores are in the item's own points, rounded half-up to 0.01):

* no response (``None``, empty list, blank text) scores 0;
* single choice and true/false: all or nothing; exactly one option selected and it
  is the correct one, otherwise 0;
* multiple response: the sum of the fractions of the selected options times the
  points, floored at 0 (wrong picks never make an item cost more than it is worth)
  and capped at the points;
* short answer: the response matches an accepted answer after trimming and
  collapsing inner whitespace; letters are compared case-folded unless the item is
  case sensitive; Vietnamese diacritics (and đ -> d) are ignored only when the item
  is not diacritics sensitive. A match earns all points; a match with a partial answer
  (Moodle's ``=%50%Cat``) earns its fraction of the points; otherwise 0;
* numeric: full points when ``|x - answer| <= tolerance``, else the best fraction of a
  partial answer whose tolerance the response is within; a decimal comma ("3,5")
  is accepted as well as a point; unparseable text scores 0;
* matching: the response lists, for each prompt in the item's order, the index of the
  chosen answer in ``Item.match_choices`` (``None`` when left blank); each prompt
  matched right earns its share of the points (right / prompts), as Moodle scores it;
  a wrong match costs nothing;
* essays and descriptions are not scored here: ``score_response`` returns ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from question_bank.items import Item, ItemType

__all__ = ["normalise_answer", "parse_number", "score_response"]

CENT = Decimal("0.01")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def normalise_answer(text: str, *, case_sensitive: bool, diacritics_sensitive: bool) -> str:
    """The comparison form of a short answer, per the item's sensitivity flags."""
    out = " ".join(unicodedata.normalize("NFC", text).split())
    if not diacritics_sensitive:
        out = _strip_diacritics(out)
    if not case_sensitive:
        out = out.casefold()
    return out


def parse_number(text: str) -> Decimal | None:
    """A decimal number typed by a candidate ("3,5", " -2.25 "); None when it is not one."""
    cleaned = text.strip().replace(" ", "")
    if not _NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def _indices(item: Item, response: object) -> list[int]:
    if isinstance(response, str | bytes) or not isinstance(response, Sequence | set | frozenset):
        raise TypeError(f"a {item.type} response is a list of option indices")
    picked = []
    for value in response:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("option indices must be integers")
        if not 0 <= value < len(item.options):
            raise ValueError(f"option index {value} out of range for item {item.key}")
        picked.append(value)
    return sorted(set(picked))


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _score_matching(item: Item, response: object) -> Decimal:
    prompts = item.match_prompts
    if isinstance(response, str | bytes) or not isinstance(response, Sequence):
        raise TypeError("a matching response is a list: one answer index (or None) per prompt")
    if len(response) != len(prompts):
        raise ValueError(f"item {item.key} has {len(prompts)} prompts, the response {len(response)}")
    right = 0
    for (_, correct), chosen in zip(prompts, response, strict=True):
        if chosen is None:
            continue
        if isinstance(chosen, bool) or not isinstance(chosen, int):
            raise TypeError("answer indices must be integers")
        if not 0 <= chosen < len(item.match_choices):
            raise ValueError(f"answer index {chosen} out of range for item {item.key}")
        right += chosen == correct
    return _round(item.points * right / len(prompts))


def score_response(item: Item, response: object) -> Decimal | None:
    """Points earned by ``response`` on objective ``item``; ``None`` for an essay."""
    zero = _round(Decimal(0))
    if not item.type.is_objective:
        return None
    if response is None:
        return zero
    if item.type is ItemType.MATCHING:
        return _score_matching(item, response)
    if item.type.is_choice:
        picked = _indices(item, response)
        if not picked:
            return zero
        if item.type is ItemType.MULTIPLE_RESPONSE:
            total = sum((item.options[i].fraction for i in picked), Decimal(0))
            return _round(min(max(total, Decimal(0)), Decimal(1)) * item.points)
        if len(picked) == 1 and item.options[picked[0]].fraction == 1:
            return _round(item.points)
        return zero
    if not isinstance(response, str):
        raise TypeError(f"a {item.type} response is text")
    if not response.strip():
        return zero
    if item.type is ItemType.NUMERIC:
        value = parse_number(response)
        if value is None or item.numeric_answer is None:
            return zero
        if abs(value - item.numeric_answer) <= item.tolerance:
            return _round(item.points)
        fractions = [a.fraction for a in item.partial_answers
                     if abs(value - Decimal(a.text)) <= a.tolerance]
        return _round(max(fractions) * item.points) if fractions else zero
    flags = {"case_sensitive": item.case_sensitive, "diacritics_sensitive": item.diacritics_sensitive}
    given = normalise_answer(response, **flags)
    if any(given == normalise_answer(a, **flags) for a in item.accepted_answers):
        return _round(item.points)
    fractions = [a.fraction for a in item.partial_answers
                 if given == normalise_answer(a.text, **flags)]
    return _round(max(fractions) * item.points) if fractions else zero
