"""An upheld answer-key objection, applied to every candidate's objective score.

The submitted answers and the objective scores computed at submission are never changed;
each correction records, per candidate and part, the objective score before and after it
(`ScoreAdjustment`), and results add those differences on top of the sitting's scores.

- correct: every answer to the item is scored again against the corrected key;
- neutralise: the item is dropped and the part's score is scaled up to the part's maximum
  over the remaining items (score x max / (max - item points));
- award: the item is dropped and every candidate gets its points.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.appeals.models import KeyAction, KeyCorrection, ScoreAdjustment
from exam.audit import service as audit
from exam.competitions.models import Competition
from exam.errors import Conflict, InvalidInput, require

CENT = Decimal("0.01")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def corrected_item(item, corrected_key):
    """The item as if its key had been `corrected_key` (option indices, or accepted texts)."""
    from question_bank.items import ItemType, Option

    if item.type.is_choice:
        chosen = {int(i) for i in corrected_key}
        require(chosen and all(0 <= i < len(item.options) for i in chosen),
                _("The corrected key names options the item does not have."), InvalidInput)
        wrong = len(item.options) - len(chosen)
        options = []
        for index, option in enumerate(item.options):
            if index in chosen:
                fraction = (Decimal(1) / len(chosen) if item.type is ItemType.MULTIPLE_RESPONSE
                            else Decimal(1))
            else:
                fraction = (-Decimal(1) / wrong if item.type is ItemType.MULTIPLE_RESPONSE
                            and wrong else Decimal(0))
            options.append(Option(option.text, fraction))
        return dataclasses.replace(item, options=tuple(options))
    if item.type is ItemType.MATCHING:
        return _corrected_matching(item, corrected_key)
    require(item.type is ItemType.SHORT_ANSWER,
            _("Only choice and short-answer items can be corrected; neutralise this one."),
            InvalidInput)
    answers = tuple(str(a).strip() for a in corrected_key if str(a).strip())
    require(answers, _("Give the corrected key."), InvalidInput)
    return dataclasses.replace(item, accepted_answers=answers)


def _corrected_matching(item, corrected_key):
    """A matching item whose prompts are matched, in their order, with the matches numbered
    from 0 in the bank's order of matches (``Item.match_choices``); matches no prompt takes
    stay as extra matches."""
    from question_bank.items import Pair

    prompts, choices = item.match_prompts, item.match_choices
    try:
        chosen = [int(i) for i in corrected_key]
    except (TypeError, ValueError):
        chosen = []
    require(len(chosen) == len(prompts) and all(0 <= i < len(choices) for i in chosen),
            _("Give one match number per item of the matching question."), InvalidInput)
    pairs = [Pair(prompt, choices[i]) for (prompt, _), i in zip(prompts, chosen, strict=True)]
    taken = {choices[i] for i in chosen}
    pairs += [Pair("", text) for text in choices if text not in taken]
    return dataclasses.replace(item, pairs=tuple(pairs))


def _in_corrected_terms(item, fixed, answer):
    """A stored matching answer names matches by their place in the item's own list of
    matches; the corrected item may list them in another order, so the answer is carried
    over by the matches' text. Other answers are unchanged."""
    from question_bank.items import ItemType

    if item.type is not ItemType.MATCHING or not isinstance(answer, list):
        return answer
    texts = item.match_choices
    return [None if i is None else fixed.match_choices.index(texts[i]) for i in answer]


def adjusted_objective_scores(session: Session, competition: Competition
                              ) -> dict[int, dict[str, Decimal]]:
    """The sitting's objective part scores with every recorded key correction applied."""
    from exam.sitting.service import objective_part_scores

    scores = objective_part_scores(session, competition)
    rows = session.scalars(select(ScoreAdjustment).join(KeyCorrection).where(
        KeyCorrection.competition_id == competition.id).order_by(ScoreAdjustment.id))
    for row in rows:
        part = scores.setdefault(row.application_id, {})
        part[row.part_key] = part.get(row.part_key, Decimal(0)) + (row.after - row.before)
    return scores


def _lines_for(session: Session, competition: Competition, item_key: str):
    """(attempt, line of that item, all lines of the paper) for every submitted attempt."""
    from exam.sitting import attempts
    from exam.sitting.models import Attempt

    for attempt in session.scalars(select(Attempt).where(
            Attempt.competition_id == competition.id, Attempt.submitted_at.is_not(None))
            .order_by(Attempt.id)):
        lines = attempts.paper_lines(session, attempt)
        hit = next((pl for pl in lines if pl.line.item_key == item_key), None)
        if hit is not None:
            yield attempt, hit, lines


def _earned(session: Session, attempt, line) -> Decimal:
    from exam.sitting.models import ObjectiveScore

    points = session.scalar(select(ObjectiveScore.points).where(
        ObjectiveScore.attempt_id == attempt.id, ObjectiveScore.paper_item_id == line.id))
    return Decimal(points or 0)


def rescore_item(session: Session, actor, competition: Competition, item_key: str, *,
                 action: str, corrected_key, now: datetime, objection=None) -> KeyCorrection:
    """Apply one key decision to every candidate who had the item; record before and after."""
    from question_bank.scoring import score_response

    action = KeyAction(action)
    already = session.scalar(select(KeyCorrection.id).where(
        KeyCorrection.competition_id == competition.id, KeyCorrection.item_key == item_key))
    require(already is None, _("This item's key has already been corrected."), Conflict)
    found = list(_lines_for(session, competition, item_key))
    require(found, _("No submitted paper has this item."), InvalidInput)
    require(found[0][1].item.type.is_objective,
            _("Only objective items have an answer key."), InvalidInput)
    correction = KeyCorrection(competition_id=competition.id, item_key=item_key,
                               action=str(action),
                               corrected_key=list(corrected_key) if corrected_key else None,
                               objection_id=getattr(objection, "id", None),
                               decided_by_id=actor.id, decided_at=now)
    session.add(correction)
    session.flush()
    current = adjusted_objective_scores(session, competition)
    fixed = corrected_item(found[0][1].item, corrected_key) if action == KeyAction.CORRECT else None
    changed: dict[tuple[int, str], tuple[Decimal, Decimal]] = {}
    for attempt, hit, lines in found:
        part_key = hit.line.part_key
        before = current.get(attempt.application_id, {}).get(part_key, Decimal(0))
        item_points = Decimal(hit.line.points)
        earned = _earned(session, attempt, hit.line)
        if action == KeyAction.CORRECT:
            answer = _in_corrected_terms(hit.item, fixed, hit.answer)
            new = (score_response(fixed, answer) or Decimal(0)) * item_points / fixed.points
            after = before - earned + _cents(new)
        elif action == KeyAction.AWARD:
            after = before - earned + item_points
        else:
            part_max = sum((Decimal(pl.line.points) for pl in lines
                            if pl.line.part_key == part_key and pl.item.type.is_objective),
                           Decimal(0))
            rest = part_max - item_points
            after = (before - earned) * part_max / rest if rest > 0 else part_max
        changed[(attempt.application_id, part_key)] = (before, _cents(after))
    for (application_id, part_key), (before, after) in sorted(changed.items()):
        session.add(ScoreAdjustment(correction_id=correction.id, application_id=application_id,
                                    part_key=part_key, before=before, after=after))
    session.flush()
    moved = defaultdict(int)
    for before, after in changed.values():
        moved["up" if after > before else "down" if after < before else "same"] += 1
    audit.record(session, actor, "appeals.key_corrected", at=now, competition=competition,
                 target=correction, payload={"item_key": item_key, "action": str(action),
                                             "candidates": len(changed), **moved})
    return correction
