"""Competitions: creation, the board, rules and the stage machine."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.accounts.models import User
from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import (
    STAGE_ORDER,
    Competition,
    Degree,
    Membership,
    Role,
    Stage,
)
from exam.errors import Conflict, InvalidInput, NotFound, require

STAGE_LABELS = {
    Stage.DRAFT: _l("Draft"),
    Stage.REGISTRATION_OPEN: _l("Registration open"),
    Stage.REGISTRATION_CLOSED: _l("Registration closed"),
    Stage.ELIGIBILITY_REVIEWED: _l("Eligibility reviewed"),
    Stage.PAPERS_SEALED: _l("Papers sealed"),
    Stage.SITTING: _l("Sitting"),
    Stage.SCORING: _l("Scoring"),
    Stage.SCORES_LOCKED: _l("Scores locked"),
    Stage.IDENTITIES_REVEALED: _l("Identities revealed"),
    Stage.PROVISIONAL_RESULTS: _l("Provisional results published"),
    Stage.FINAL_RESULTS: _l("Final results published"),
    Stage.APPOINTMENT: _l("With the appointing authority"),
}

ROLE_LABELS = {
    Role.CHAIR: _l("Board chair"),
    Role.SECRETARY: _l("Board secretary"),
    Role.BOARD_MEMBER: _l("Board member"),
    Role.QUESTION_AUTHOR: _l("Question author"),
    Role.EXAMINER: _l("Examiner"),
    Role.PROCTOR: _l("Proctor"),
    Role.APPOINTING_AUTHORITY: _l("Signs for the appointing authority"),
}

DOCUMENT_KINDS = {
    "cv": _l("Curriculum vitae"),
    "degree": _l("Degree certificate"),
    "appointment_decision": _l("Decision of appointment to the current post"),
    "health_certificate": _l("Health certificate"),
}

RULE_FIELDS = (
    "title", "post", "unit", "vacancies", "description", "qualifications",
    "registration_opens_at", "registration_closes_at", "sitting_opens_at", "sitting_closes_at",
    "objection_days", "appeal_days", "min_management_years", "max_age", "required_degree",
    "required_documents",
)

# Stages entered only through the domain action that produces them (sealing, locking, ...).
DOMAIN_ACTION_STAGES = frozenset(STAGE_ORDER[STAGE_ORDER.index(Stage.PAPERS_SEALED):])


def _clean(value):
    return unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) else value


def _validate_rules(fields: dict) -> None:
    require(fields.get("title"), _("A competition needs a title."), InvalidInput)
    require(fields.get("post"), _("Name the post that is opened to competition."), InvalidInput)
    require(fields.get("unit"), _("Name the unit the post belongs to."), InvalidInput)
    require(int(fields.get("vacancies") or 0) >= 1, _("There must be at least one vacancy."), InvalidInput)
    if fields.get("required_degree"):
        require(fields["required_degree"] in set(Degree), _("Unknown degree level."), InvalidInput)
    unknown = set(fields.get("required_documents") or ()) - set(DOCUMENT_KINDS)
    require(not unknown, _("Unknown document kind: %(kind)s", kind=", ".join(sorted(unknown))), InvalidInput)
    dates = [fields.get(k) for k in ("registration_opens_at", "registration_closes_at",
                                     "sitting_opens_at", "sitting_closes_at")]
    present = [d for d in dates if d is not None]
    require(
        all(a < b for a, b in zip(present, present[1:], strict=False)),
        _("The timeline must run in order: registration opens, registration closes, "
          "the sitting opens, the sitting closes."),
        InvalidInput,
    )


def create_competition(session: Session, actor: User, *, now: datetime, **fields) -> Competition:
    """Only the administrator opens a post to competition; it starts as a draft."""
    require(actor.is_admin, _("Only the administrator can create a competition."))
    fields = {k: _clean(v) for k, v in fields.items() if k in RULE_FIELDS}
    _validate_rules(fields)
    competition = Competition(created_by_id=actor.id, created_at=now, stage=Stage.DRAFT, **fields)
    session.add(competition)
    session.flush()
    audit.record(session, actor, "competition.created", at=now, competition=competition,
                 target=competition, payload={"title": competition.title})
    return competition


def update_rules(session: Session, actor: User, competition: Competition, *, now, **fields):
    """Rules and timeline are fixed once registration opens: candidates apply against them."""
    require(permissions.can_set_rules(session, actor, competition),
            _("Only the administrator or the board chair or secretary can change the rules."))
    require(competition.stage == Stage.DRAFT,
            _("The rules can only change while the competition is a draft."), Conflict)
    changes = {k: _clean(v) for k, v in fields.items() if k in RULE_FIELDS}
    merged = {k: getattr(competition, k) for k in RULE_FIELDS} | changes
    _validate_rules(merged)
    before = {k: getattr(competition, k) for k in changes}
    for key, value in changes.items():
        setattr(competition, key, value)
    session.flush()
    audit.record(session, actor, "competition.rules_changed", at=now, competition=competition,
                 target=competition, payload={"before": before, "after": changes})
    return competition


def get_competition(session: Session, competition_id: int) -> Competition:
    competition = session.get(Competition, competition_id)
    if competition is None:
        raise NotFound(_("No such competition."))
    return competition


def get_public_competition(session: Session, competition_id: int) -> Competition:
    """Drafts are not public yet: they answer as if they did not exist."""
    competition = session.get(Competition, competition_id)
    if competition is None or competition.stage == Stage.DRAFT:
        raise NotFound(_("No such competition."))
    return competition


def list_public(session: Session) -> list[Competition]:
    return list(session.scalars(
        select(Competition).where(Competition.stage != Stage.DRAFT).order_by(Competition.id.desc())
    ))


def list_for_staff(session: Session, user: User) -> list[Competition]:
    if user.is_admin:
        return list(session.scalars(select(Competition).order_by(Competition.id.desc())))
    mine = select(Membership.competition_id).where(Membership.user_id == user.id)
    return list(session.scalars(
        select(Competition).where(Competition.id.in_(mine)).order_by(Competition.id.desc())
    ))


def appoint(session: Session, actor: User, competition: Competition, user: User, role: Role, *, now):
    """Appoint a person to a staff role; nobody is staff and candidate at once, in this
    competition or any other (the question bank serves them all)."""
    from exam.registration.models import Application

    role = Role(role)
    require(permissions.can_appoint(session, actor, competition, role),
            _("You may not appoint this role in this competition."))
    require(not (user.is_admin and role == Role.EXAMINER), _("The administrator cannot score."))
    applied = session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id, Application.user_id == user.id))
    require(not applied, _("%(name)s has applied to this competition and cannot serve on its staff.",
                           name=user.full_name), Conflict)
    require(not permissions.has_live_application(session, user),
            _("%(name)s is a candidate in a competition still under way and cannot be given a "
              "staff or question-bank role until it has finished.", name=user.full_name), Conflict)
    exists = session.scalar(select(Membership).where(
        Membership.competition_id == competition.id, Membership.user_id == user.id,
        Membership.role == role))
    require(exists is None, _("That person already holds this role."), Conflict)
    held = permissions.roles_in(session, user, competition)
    require(not held or (role != Role.APPOINTING_AUTHORITY
                         and Role.APPOINTING_AUTHORITY not in held),
            _("The appointing authority's signers hold no other role in the competition."),
            Conflict)
    membership = Membership(competition=competition, user=user, role=role, appointed_at=now)
    session.add(membership)
    session.flush()
    audit.record(session, actor, "competition.appointed", at=now, competition=competition,
                 target=membership, payload={"user_id": user.id, "role": str(role)})
    return membership


def remove_appointment(session: Session, actor: User, membership: Membership, *, reason: str,
                       now) -> None:
    """End an appointment, with a reason kept in the audit log. Someone who already holds work
    (a panel seat, scripts to mark) keeps the role: the work would be left without its owner."""
    from exam.scoring.models import Assignment, Panel, PanelMember

    competition = membership.competition
    require(permissions.can_appoint(session, actor, competition, membership.role),
            _("You may not remove this appointment."))
    require(not competition.has_reached(Stage.FINAL_RESULTS),
            _("The final results are published; the staff of this competition is on record."),
            Conflict)
    reason = unicodedata.normalize("NFC", " ".join((reason or "").split()))
    require(len(reason) >= 10, _("Give a reason of at least a few words."), InvalidInput,
            field="reason")
    if membership.role == Role.EXAMINER:
        busy = session.scalar(select(func.count()).select_from(Assignment).where(
            Assignment.examiner_id == membership.user_id,
            Assignment.script_id.in_(_script_ids(competition))))
        seated = session.scalar(select(func.count()).select_from(PanelMember).join(
            Panel, Panel.id == PanelMember.panel_id).where(
            Panel.competition_id == competition.id,
            PanelMember.user_id == membership.user_id))
        chairs = session.scalar(select(func.count()).select_from(Panel).where(
            Panel.competition_id == competition.id, Panel.chair_id == membership.user_id))
        require(not (busy or seated or chairs),
                _("%(name)s sits on a scoring panel or has scripts to mark; the appointment "
                  "cannot be removed now.", name=membership.user.full_name), Conflict)
    audit.record(session, actor, "competition.appointment_removed", at=now,
                 competition=competition, target=membership,
                 payload={"user_id": membership.user_id, "role": str(membership.role),
                          "reason": reason})
    session.delete(membership)
    session.flush()


def _script_ids(competition: Competition):
    from exam.scoring.models import Script

    return select(Script.id).where(Script.competition_id == competition.id)


def get_membership(session: Session, competition: Competition, membership_id: int) -> Membership:
    membership = session.get(Membership, membership_id)
    if membership is None or membership.competition_id != competition.id:
        raise NotFound(_("No such appointment."))
    return membership


def staff_of(session: Session, competition: Competition) -> list[Membership]:
    return list(session.scalars(
        select(Membership).where(Membership.competition_id == competition.id)
        .order_by(Membership.role, Membership.id)
    ))


def next_stage(competition: Competition) -> Stage | None:
    index = competition.stage_index()
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def _built_in_preconditions(session: Session, competition: Competition, target: Stage, now):
    from exam.registration.models import Application, ApplicationStatus

    if target == Stage.REGISTRATION_OPEN:
        require(
            competition.registration_opens_at and competition.registration_closes_at
            and competition.sitting_opens_at and competition.sitting_closes_at,
            _("Set the whole timeline before opening registration."), Conflict)
        chair = session.scalar(select(Membership).where(
            Membership.competition_id == competition.id, Membership.role == Role.CHAIR))
        require(chair, _("Appoint a board chair before opening registration."), Conflict)
    elif target == Stage.REGISTRATION_CLOSED:
        require(now >= competition.registration_closes_at,
                _("Registration cannot close before its deadline."), Conflict)
        from exam.presentation.service import require_enough_candidates

        require_enough_candidates(session, competition, target)
    elif target == Stage.ELIGIBILITY_REVIEWED:
        counts = dict(session.execute(
            select(Application.status, func.count()).where(
                Application.competition_id == competition.id).group_by(Application.status)).all())
        require(not counts.get(ApplicationStatus.SUBMITTED),
                _("%(n)d applications still await a decision.", n=counts.get(ApplicationStatus.SUBMITTED, 0)),
                Conflict)
        require(counts.get(ApplicationStatus.ACCEPTED),
                _("No application was accepted; the competition cannot go on."), Conflict)
        from exam.presentation.service import require_enough_candidates

        require_enough_candidates(session, competition, target)


def require_not_suspended(competition: Competition) -> None:
    """A suspension freezes every decision that could change who wins, not only stage moves."""
    require(not competition.is_suspended, _("The competition is suspended."), Conflict)


def enter_stage(session: Session, actor: User, competition: Competition, target: Stage, *,
                now: datetime, via_domain_action: bool = False, payload: dict | None = None):
    """The one door between stages: next stage only, by the chair or secretary (the proctor
    opens the sitting), never suspended."""
    target = Stage(target)
    require(permissions.can_enter(session, actor, competition, target),
            _("Only the board chair or secretary can move the competition to another stage."))
    require(not competition.is_suspended,
            _("The competition is suspended; no stage can change until the suspension is lifted."),
            Conflict)
    require(target == next_stage(competition),
            _("The competition is at “%(current)s”; it cannot move to “%(target)s”.",
              current=STAGE_LABELS[Stage(competition.stage)], target=STAGE_LABELS[target]),
            Conflict)
    require(via_domain_action or target not in DOMAIN_ACTION_STAGES,
            _("“%(target)s” is reached through its own action, not directly.",
              target=STAGE_LABELS[target]), Conflict)
    _built_in_preconditions(session, competition, target, now)
    before = competition.stage
    competition.stage = target
    session.flush()
    audit.record(session, actor, "competition.stage_changed", at=now, competition=competition,
                 target=competition, payload={"from": str(before), "to": str(target)} | (payload or {}))
    audit.publish_checkpoint(session, competition, now=now)
    if target == Stage.ELIGIBILITY_REVIEWED:
        from exam.notifications.service import notify_tickets_ready

        notify_tickets_ready(session, competition, now=now)
    return competition


def advance_stage(session: Session, actor: User, competition: Competition, *, now):
    """The board's button for the stages that need no action of their own."""
    target = next_stage(competition)
    if target is None:
        raise Conflict(_("The competition has finished its life."))
    return enter_stage(session, actor, competition, target, now=now)

