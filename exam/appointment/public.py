"""The appointment and its remedies as the public record shows them (the public page and
`record.json`); it reads both the appointment rules and the remedies, which know nothing of it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from exam.appointment import service as appointment
from exam.appointment.models import DecisionStatus, ProcessOutcome
from exam.appointment.remedies import public_remedies
from exam.competitions.models import Competition, Stage
from exam.results import service as results


def public_appointment(session: Session, competition: Competition) -> dict:
    """The appointment and the remedies, as the public record shows them; empty before."""
    authority = appointment.authority_of(session, competition)
    remedies = public_remedies(session, competition)
    shown = authority is not None and competition.has_reached(Stage.APPOINTMENT)
    if not shown and not remedies:
        return {}
    section: dict = {"remedies": remedies}
    if shown:
        section.update({
            "authority": authority.name, "reply_days": authority.reply_days,
            "transmitted_at": authority.transmitted_at,
            "reserve_expires_on": reserve_expiry(session, competition),
            "outcome": str(authority.outcome),
            "outcome_label": appointment.OUTCOME_LABELS[ProcessOutcome(authority.outcome)],
            "closed_at": authority.closed_at,
            "decisions": [{
                "sequence": d.sequence, "number": d.number, "decided_on": d.decided_on,
                "term_months": d.term_months, "candidate_number": d.data["candidate_number"],
                "name": d.data["name"], "ranking_position": d.ranking_position,
                "next_in_line_position": d.next_in_line_position,
                "departs_from_ranking": d.departs_from_ranking, "reasons": d.reasons,
                "status": str(d.status),
                "status_label": appointment.DECISION_STATUS_LABELS[DecisionStatus(d.status)],
                "recorded_at": d.recorded_at, "responded_at": d.responded_at,
                "data_sha256": d.data_sha256, "document_sha256": d.document_sha256,
                "body": authority.name} for d in appointment.decisions_of(session, competition)],
        })
    return section


def reserve_expiry(session: Session, competition: Competition) -> date | None:
    version = results.latest_version(session, competition)
    return version.reserve_expires_on if version is not None else None
