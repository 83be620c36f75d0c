"""The public record of a competition: one dictionary behind both the page and the JSON export.

Sections owned by other areas are asked for through the functions those areas publish, when
they exist: `exam.sitting.service.public_commitments`, `exam.results.service.
public_results_summary` and `exam.audit.service.list_checkpoints`, each called as
`(session, competition)`. A section whose function is absent, or has nothing yet, says
"not_yet_published".
"""

from __future__ import annotations

import importlib
from datetime import date, datetime

from sqlalchemy.orm import Session

from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.oversight import service as oversight
from exam.oversight import votes

NOT_YET_PUBLISHED = {"status": "not_yet_published"}

# section key -> (module, function, partial template shown on the public page)
EXTERNAL_SECTIONS = {
    "commitments": ("exam.sitting.service", "public_commitments",
                    "sitting/_public_commitments.html"),
    "results": ("exam.results.service", "public_results_summary",
                "results/_public_results.html"),
    "audit_checkpoints": ("exam.audit.service", "list_checkpoints",
                          "audit/_public_checkpoints.html"),
    "candidates_and_panels": ("exam.presentation.public", "public_section",
                              "presentation/_public.html"),
    "appointment": ("exam.appointment.public", "public_appointment",
                    "appointment/_public_appointment.html"),
}


def _provider(module_name: str, function_name: str):
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        return None
    return getattr(module, function_name, None)


def external_section(session: Session, competition: Competition, key: str):
    """Another area's published section, or the plain statement that nothing is published yet."""
    module_name, function_name, _partial = EXTERNAL_SECTIONS[key]
    provider = _provider(module_name, function_name)
    if provider is None:
        return dict(NOT_YET_PUBLISHED)
    value = provider(session, competition)
    if value is None or value == [] or value == {}:
        return dict(NOT_YET_PUBLISHED)
    return value


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__html__") or type(value).__name__ == "LazyString":
        return str(value)
    return value


def public_record(session: Session, competition: Competition, *,
                  now: datetime | None = None) -> dict:
    """Everything the public may know about a competition, as plain JSON-ready data."""
    stage = Stage(competition.stage)
    record = {
        "competition": {
            "id": competition.id, "title": competition.title, "post": competition.post,
            "unit": competition.unit, "vacancies": competition.vacancies,
            "description": competition.description,
            "qualifications": competition.qualifications,
        },
        "criteria": {
            "required_degree": str(competition.required_degree),
            "min_management_years": competition.min_management_years,
            "max_age": competition.max_age,
            "required_documents": list(competition.required_documents or []),
        },
        "timeline": {
            "registration_opens_at": competition.registration_opens_at,
            "registration_closes_at": competition.registration_closes_at,
            "sitting_opens_at": competition.sitting_opens_at,
            "sitting_closes_at": competition.sitting_closes_at,
            "objection_days": competition.objection_days,
            "appeal_days": competition.appeal_days,
        },
        "stage": {"code": str(stage), "label": str(competitions.STAGE_LABELS[stage]),
                  "is_suspended": bool(competition.is_suspended)},
        "suspensions": [
            {"stage": s.stage, "suspended_at": s.suspended_at, "lifted_at": s.lifted_at}
            for s in oversight.suspensions_of(session, competition)],
        "reports": oversight.report_counts(session, competition),
        "votes": [
            {"kind": o["kind"], "kind_label": o["kind_label"], "question": o["question"],
             "closed_at": o["closed_at"], "tally": o["tally"], "outcome": o["outcome"],
             "voted": o["voted"], "electorate": o["electorate"], "quorum": o["quorum"],
             "quorum_reached": o["quorum_reached"]}
            for o in votes.vote_outcomes(session, competition, now=now)],
    }
    for key in EXTERNAL_SECTIONS:
        record[key] = external_section(session, competition, key)
    return _jsonable(record)
