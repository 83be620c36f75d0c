"""The public record's section on candidates, board, panels and the board's decisions.

Once eligibility is reviewed: the accepted candidates (names, as is the practice for public
competitions), the board and every panel. After the results: each candidate's presentation
scores, sorted and with no member named, and the reasons of every tie decision. Extensions of
registration and collegial decisions with their reasons are public as soon as they are taken.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions.models import BOARD_ROLES, Competition, Membership, Stage
from exam.db import utcnow
from exam.presentation import gate
from exam.presentation import service as presentation
from exam.registration.models import Application, ApplicationStatus


def _accepted(session: Session, competition: Competition) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED).order_by(Application.candidate_number)))


def marking_blind(competition: Competition) -> bool:
    """From the scoring stage to the reveal no page of the platform names a candidate, so that
    no page an examiner reaches does (the list was public from the eligibility review)."""
    return competition.has_reached(Stage.SCORING) and not competition.has_reached(
        Stage.IDENTITIES_REVEALED)


def public_section(session: Session, competition: Competition, *,
                   now: datetime | None = None) -> dict | None:
    from exam.competitions.service import ROLE_LABELS
    from exam.scoring.panels import panels

    now = now or utcnow()
    section: dict = {
        "extensions": [{"from": e.closes_before, "to": e.closes_after, "reason": e.reason}
                       for e in gate.extensions_of(session, competition)],
        "decisions": gate.public_decisions(session, competition, now=now),
    }
    if competition.has_reached(Stage.ELIGIBILITY_REVIEWED):
        accepted = _accepted(session, competition)
        if marking_blind(competition):
            section["accepted_candidates"] = {"status": "withheld_during_blind_marking",
                                              "count": len(accepted)}
        else:
            section["accepted_candidates"] = [
                {"candidate_number": a.candidate_number, "name": a.user.full_name}
                for a in accepted]
        section["board"] = [
            {"name": m.user.full_name, "role": str(m.role),
             "role_label": str(ROLE_LABELS[m.role])}
            for m in session.scalars(select(Membership).where(
                Membership.competition_id == competition.id,
                Membership.role.in_(BOARD_ROLES)).order_by(Membership.role, Membership.id))]
        section["panels"] = [
            {"part": p.part_key, "chair": p.chair.full_name,
             "members": sorted(m.user.full_name for m in p.members)}
            for p in panels(session, competition)]
        if presentation.results_are_out(competition):
            from exam.results import service as results

            numbers = {a.id: a.candidate_number for a in accepted}
            section["presentation"] = [
                {"candidate_number": a.candidate_number, "name": a.user.full_name, **b}
                for a in accepted
                if (b := presentation.breakdown(session, competition, a.id)) is not None]
            section["ties"] = [{"order": [numbers.get(i, "") for i in t.application_ids],
                                "reason": t.reason, "decided_at": t.decided_at}
                               for t in results.tie_decisions(session, competition)]
    if not any(section.values()):
        return None
    return section
