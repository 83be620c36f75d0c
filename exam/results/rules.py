"""Result rules (parts, weights, pass marks, tie-break parts, priority categories, reserve
list), fixed before the scores are locked, and the board's priority decisions, fixed while the
marks are still anonymous."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, InvalidInput, require
from exam.registration.models import Application, ApplicationStatus
from exam.results import permissions, ranking
from exam.results.models import PriorityGrant, ResultRuleSet

PART_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")
MAX_PRIORITY_POINTS = Decimal(20)


def clean_text(value) -> str:
    return unicodedata.normalize("NFC", " ".join(str(value or "").split()))


def _decimal(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("%(field)s must be a number.", field=label)) from None
    require(number.is_finite(), _("%(field)s must be a number.", field=label), InvalidInput)
    return number


# --------------------------------------------------------------------------- rules


def rule_set(session: Session, competition: Competition) -> ResultRuleSet | None:
    return session.scalar(select(ResultRuleSet).where(ResultRuleSet.competition_id == competition.id))


def rules_for(session: Session, competition: Competition) -> ranking.ResultRules:
    stored = rule_set(session, competition)
    require(stored is not None, _("The board has not set the result rules yet."), Conflict)
    return ranking.ResultRules(
        parts=tuple(ranking.PartRule(
            key=p["key"], title=p["title"], max_points=Decimal(p["max_points"]),
            weight=Decimal(p["weight"]),
            pass_mark=None if p.get("pass_mark") in (None, "") else Decimal(p["pass_mark"]))
            for p in stored.parts),
        vacancies=competition.vacancies,
        tie_break_parts=tuple(stored.tie_break_parts),
        reserve_size=stored.reserve_size,
    )


def priority_categories(session: Session, competition: Competition) -> dict[str, dict]:
    stored = rule_set(session, competition)
    return {c["key"]: c for c in (stored.priority_categories if stored else [])}


def _validated_parts(parts: list[dict]) -> list[dict]:
    require(parts, _("Name at least one part of the competition."), InvalidInput)
    out, seen = [], set()
    for part in parts:
        key = str(part.get("key", "")).strip()
        require(PART_KEY.fullmatch(key),
                _("A part key uses letters, digits and underscores: %(key)s", key=key),
                InvalidInput)
        require(key not in seen, _("Two parts have the key %(key)s.", key=key), InvalidInput)
        seen.add(key)
        title = clean_text(part.get("title"))
        require(title, _("Give part %(key)s a title.", key=key), InvalidInput)
        max_points = _decimal(part.get("max_points"), _("The maximum of %(key)s", key=key))
        weight = _decimal(part.get("weight", 1), _("The weight of %(key)s", key=key))
        require(max_points > 0, _("The maximum of %(key)s must be above zero.", key=key), InvalidInput)
        require(weight > 0, _("The weight of %(key)s must be above zero.", key=key), InvalidInput)
        pass_mark = part.get("pass_mark")
        if pass_mark in (None, ""):
            pass_mark = None
        else:
            pass_mark = _decimal(pass_mark, _("The pass mark of %(key)s", key=key))
            require(0 <= pass_mark <= max_points,
                    _("The pass mark of %(key)s must lie between 0 and its maximum.", key=key),
                    InvalidInput)
        out.append({"key": key, "title": title, "max_points": str(max_points),
                    "weight": str(weight), "pass_mark": None if pass_mark is None else str(pass_mark)})
    return out


def _validated_categories(categories: list[dict]) -> list[dict]:
    out, seen = [], set()
    for category in categories or ():
        key = str(category.get("key", "")).strip()
        require(PART_KEY.fullmatch(key),
                _("A category key uses letters, digits and underscores: %(key)s",
                  key=key), InvalidInput)
        require(key not in seen, _("Two priority categories have the key %(key)s.", key=key),
                InvalidInput)
        seen.add(key)
        label = clean_text(category.get("label"))
        require(label, _("Describe priority category %(key)s.", key=key), InvalidInput)
        points = _decimal(category.get("points"), _("The points of %(key)s", key=key))
        require(0 < points <= MAX_PRIORITY_POINTS,
                _("Priority points of %(key)s must be above 0 and at most %(max)s.", key=key,
                  max=MAX_PRIORITY_POINTS), InvalidInput)
        out.append({"key": key, "label": label, "points": str(points)})
    return out


def set_result_rules(session: Session, actor, competition: Competition, *, parts: list[dict],
                     specialised_part: str = "", written_part: str = "",
                     priority_categories: list[dict] | None = None,
                     reserve_size: int | None = None, reserve_months: int = 12,
                     now: datetime) -> ResultRuleSet:
    """The board fixes the result rules before any mark is final: once the scores are locked,
    the marks are known (by code, and by name after the reveal), so changing a weight or a
    pass mark could be chosen to lift a particular script."""
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can set the result rules."))
    require(not competition.has_reached(Stage.SCORES_LOCKED),
            _("The scores are locked; the result rules can no longer change."), Conflict)
    clean_parts = _validated_parts(parts)
    keys = [p["key"] for p in clean_parts]
    tie_break = []
    for label, key in ((_("specialised"), specialised_part), (_("written"), written_part)):
        key = (key or "").strip()
        if key:
            require(key in keys, _("The %(which)s part %(key)s is not one of the parts.",
                                   which=label, key=key), InvalidInput)
            if key not in tie_break:
                tie_break.append(key)
    categories = _validated_categories(priority_categories or [])
    require(reserve_size is None or 0 <= int(reserve_size) <= 1000,
            _("The reserve list size must be empty or a whole number from 0."), InvalidInput)
    require(1 <= int(reserve_months) <= 36,
            _("A reserve list lasts from 1 to 36 months."), InvalidInput)
    stored = rule_set(session, competition)
    before = None
    if stored is None:
        stored = ResultRuleSet(competition_id=competition.id)
        session.add(stored)
    else:
        before = _rules_payload(stored)
    stored.parts = clean_parts
    stored.specialised_part = (specialised_part or "").strip()
    stored.written_part = (written_part or "").strip()
    stored.tie_break_parts = tie_break
    stored.priority_categories = categories
    stored.reserve_size = None if reserve_size is None else int(reserve_size)
    stored.reserve_months = int(reserve_months)
    stored.updated_at = now
    stored.updated_by_id = actor.id
    session.flush()
    audit.record(session, actor, "results.rules_set", at=now, competition=competition,
                 target=stored, payload={"before": before, "after": _rules_payload(stored)})
    return stored


def _rules_payload(stored: ResultRuleSet) -> dict:
    return {"parts": stored.parts, "tie_break_parts": stored.tie_break_parts,
            "priority_categories": stored.priority_categories,
            "reserve_size": stored.reserve_size, "reserve_months": stored.reserve_months}


# --------------------------------------------------------------------------- board decisions


def _accepted(application: Application, competition: Competition) -> None:
    require(application.competition_id == competition.id
            and application.status == ApplicationStatus.ACCEPTED,
            _("That candidate is not an accepted candidate of this competition."), InvalidInput)


def grant_priority(session: Session, actor, competition: Competition, application: Application,
                   *, category: str, evidence: str, now: datetime) -> PriorityGrant:
    """Priority points need a category of the rules and the document the board checked; they
    are decided before identities are revealed, when nobody can tell whom they would lift."""
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can grant priority points."))
    require(not competition.has_reached(Stage.IDENTITIES_REVEALED),
            _("Identities have been revealed; priority points can no longer change."), Conflict)
    _accepted(application, competition)
    from exam.presentation.service import require_no_conflict

    require_no_conflict(session, actor, competition, [application.id])
    categories = priority_categories(session, competition)
    if category == "":
        points = Decimal(0)
    else:
        require(category in categories, _("Unknown priority category."), InvalidInput)
        points = Decimal(categories[category]["points"])
    evidence = clean_text(evidence)
    require(len(evidence) >= 5,
            _("Cite the document the board checked (its number and date)."), InvalidInput)
    grant = PriorityGrant(competition_id=competition.id, application_id=application.id,
                          category=category, points=points, evidence=evidence,
                          granted_by_id=actor.id, granted_at=now)
    session.add(grant)
    session.flush()
    audit.record(session, actor, "results.priority_granted", at=now, competition=competition,
                 target=grant, payload={"application_id": application.id, "category": category,
                                        "points": str(points)})
    return grant


def accepted_applications(session: Session, competition: Competition) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED).order_by(Application.id)))


def current_priority(session: Session, competition: Competition) -> dict[int, PriorityGrant]:
    """The latest grant per candidate (a later grant replaces an earlier one)."""
    grants = session.scalars(select(PriorityGrant).where(
        PriorityGrant.competition_id == competition.id).order_by(PriorityGrant.id))
    return {g.application_id: g for g in grants}
