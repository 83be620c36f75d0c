"""What each coming stage needs, checked now: the board sees the whole list from the draft on,
instead of meeting each requirement as a refusal at the step (after registration has closed)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.competitions.models import STAGE_ORDER, Competition, Membership, Role, Stage


@dataclass(frozen=True)
class Requirement:
    stage: Stage          # the step that needs it
    label: str
    is_met: bool
    detail: str = ""


def requirements(session: Session, competition: Competition) -> list[Requirement]:
    """Every requirement of a stage not yet reached, in the order of the stages."""
    from exam.scoring.preparation import MIN_PANEL_EXAMINERS
    from exam.sitting import service as sitting

    roles: dict[Role, list[int]] = {}
    for membership in session.scalars(select(Membership).where(
            Membership.competition_id == competition.id)):
        roles.setdefault(Role(membership.role), []).append(membership.user_id)
    out = [
        Requirement(Stage.REGISTRATION_OPEN, _("A board chair is appointed"),
                    bool(roles.get(Role.CHAIR))),
        Requirement(Stage.REGISTRATION_OPEN, _("A board secretary is appointed"),
                    bool(roles.get(Role.SECRETARY))),
        Requirement(Stage.REGISTRATION_OPEN, _("The registration and sitting dates are set"),
                    all((competition.registration_opens_at, competition.registration_closes_at,
                         competition.sitting_opens_at, competition.sitting_closes_at))),
        Requirement(Stage.PAPERS_SEALED, _("A question author is appointed"),
                    bool(roles.get(Role.QUESTION_AUTHOR))),
    ]
    parts = sitting.parts_of(session, competition)
    out.append(Requirement(Stage.PAPERS_SEALED, _("The written test has at least one part"),
                           bool(parts), _("%(n)d parts", n=len(parts)) if parts else ""))
    if parts and not competition.has_reached(Stage.PAPERS_SEALED):
        short = [(key, cell, have) for key, cell, have in sitting.pool_report(session, competition)
                 if have < cell.count]
        out.append(Requirement(
            Stage.PAPERS_SEALED, _("Enough approved questions for every blueprint cell"),
            not short, "; ".join(_("%(part)s, %(topic)s: %(have)d of %(need)d", part=key,
                                   topic=cell.topic, have=have, need=cell.count)
                                 for key, cell, have in short[:5])))
    out.append(Requirement(Stage.SITTING, _("A proctor is appointed"),
                           bool(roles.get(Role.PROCTOR))))
    essay_parts = [p for p in parts if p.kind == "essay"]
    if essay_parts or not parts:
        board = {uid for role in (Role.CHAIR, Role.SECRETARY, Role.BOARD_MEMBER)
                 for uid in roles.get(role, [])}
        examiners = set(roles.get(Role.EXAMINER, [])) - board
        needed = MIN_PANEL_EXAMINERS + 1
        out.append(Requirement(
            Stage.SCORING,
            _("At least %(n)d examiners who are not board members (a panel chair and %(m)d "
              "examiners for each essay part)", n=needed, m=MIN_PANEL_EXAMINERS),
            len(examiners) >= needed, _("%(n)d appointed", n=len(examiners))))
    from exam.results import service as results

    out.append(Requirement(Stage.SCORES_LOCKED, _("The result rules are set"),
                           results.rule_set(session, competition) is not None))
    return [r for r in out if not competition.has_reached(r.stage)]


def by_stage(session: Session, competition: Competition) -> list[tuple[Stage, list[Requirement]]]:
    """The requirements grouped by the stage that needs them, in the order of the stages."""
    groups: dict[Stage, list[Requirement]] = {}
    for requirement in sorted(requirements(session, competition),
                              key=lambda r: STAGE_ORDER.index(r.stage)):
        groups.setdefault(requirement.stage, []).append(requirement)
    return list(groups.items())
