"""Panels, conflicts of interest and the recorded draw of examiners; weak-anonymity warnings."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter, defaultdict
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Role, Stage
from exam.competitions.permissions import is_board, roles_in
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.registration.models import Application, ApplicationStatus
from exam.scoring import codes
from exam.scoring.models import (
    PRESENTATION,
    Assignment,
    AssignmentDraw,
    AssignmentRole,
    Declaration,
    Panel,
    PanelMember,
    Remark,
    Script,
    ScriptIdentity,
    conflicts_of,
    panels,
)
from exam.scoring.models import panel_for as panel_for  # read by others from here
from exam.scoring.permissions import can_manage_scoring
from exam.scoring.preparation import (
    ASSIGN_CONTEXT,
    DEFAULT_THRESHOLD_PERCENT,
    MIN_PANEL_EXAMINERS,
    _application_of,
    _fold,
    is_flagged,
    lock_row,
    scripts_of,
)
from question_bank.draw import HmacStream

# ---------------------------------------------------------------- panels and conflicts

def _examiner_ids(session: Session, competition: Competition) -> set[int]:
    from exam.competitions.models import Membership

    return set(session.scalars(select(Membership.user_id).where(
        Membership.competition_id == competition.id, Membership.role == Role.EXAMINER)))


def set_up_panel(session: Session, actor, competition: Competition, *, part_key: str, chair,
                 examiners, threshold_percent=DEFAULT_THRESHOLD_PERCENT, now: datetime) -> Panel:
    """A chair and at least three examiners (two markers and a possible third), all examiners
    of this competition; the chair settles and never marks first or second."""
    require(can_manage_scoring(session, actor, competition), _("Only the board sets up panels."))
    require(competition.has_reached(Stage.ELIGIBILITY_REVIEWED)
            and not competition.has_reached(Stage.SCORES_LOCKED),
            _("Panels are set up between the eligibility review and the lock."), Conflict)
    part_key = (part_key or "").strip()
    require(re.fullmatch(r"[\w.-]{1,40}", part_key), _("Give the part a short key."), InvalidInput)
    taken = session.scalar(select(Panel).where(Panel.competition_id == competition.id,
                                               Panel.part_key == part_key))
    require(taken is None, _("This part already has a panel."), Conflict)
    allowed = _examiner_ids(session, competition)
    members = {e.id: e for e in examiners if e.id != chair.id}
    minimum = 2 if part_key == PRESENTATION else MIN_PANEL_EXAMINERS
    require(len(members) >= minimum,
            _("A panel needs a chair and at least %(n)d other examiners.", n=minimum), InvalidInput)
    require(chair.id in allowed and set(members) <= allowed,
            _("Every panel member must be appointed examiner of this competition."), InvalidInput)
    require(not any(is_board(session, person, competition) for person in [chair, *members.values()]),
            _("Board members hold the code map and review identity leaks; they cannot sit on a "
              "panel."), InvalidInput)
    try:
        threshold = Decimal(str(threshold_percent))
    except InvalidOperation:
        raise InvalidInput(_("The threshold must be a percentage.")) from None
    require(0 < threshold <= 100, _("The threshold must be a percentage."), InvalidInput)
    panel = Panel(competition_id=competition.id, part_key=part_key, chair_id=chair.id,
                  threshold_percent=threshold, created_at=now)
    session.add(panel)
    session.flush()
    for user_id in sorted(members):
        session.add(PanelMember(panel_id=panel.id, user_id=user_id))
    session.flush()
    audit.record(session, actor, "scoring.panel_set_up", at=now, competition=competition,
                 target=panel, payload={"part": part_key, "chair_id": chair.id,
                                        "examiner_ids": sorted(members),
                                        "threshold_percent": str(threshold)})
    return panel


def add_panel_examiner(session: Session, actor, competition: Competition, panel: Panel, examiner,
                       *, now: datetime) -> PanelMember:
    """A further examiner for third marks or re-marks; they mark only after declaring conflicts."""
    require(can_manage_scoring(session, actor, competition),
            _("Only the board sets up panels."))
    require(not competition.has_reached(Stage.FINAL_RESULTS),
            _("The competition's results are final."), Conflict)
    require(examiner.id in _examiner_ids(session, competition),
            _("Every panel member must be appointed examiner of this competition."), InvalidInput)
    require(not is_board(session, examiner, competition),
            _("Board members hold the code map and review identity leaks; they cannot sit on a "
              "panel."), InvalidInput)
    require(examiner.id != panel.chair_id and examiner.id not in {m.user_id for m in panel.members},
            _("That examiner already sits on this panel."), Conflict)
    member = PanelMember(panel_id=panel.id, user_id=examiner.id)
    session.add(member)
    session.flush()
    session.refresh(panel, ["members"])
    audit.record(session, actor, "scoring.panel_examiner_added", at=now, competition=competition,
                 target=panel, payload={"part": panel.part_key, "examiner_id": examiner.id})
    return member


def parts_without_panel(session: Session, competition: Competition) -> list[str]:
    """Parts whose scripts nobody can mark yet: the board must set up their panels."""
    parts = set(session.scalars(select(Script.part_key).where(
        Script.competition_id == competition.id, Script.is_calibration.is_(False)).distinct()))
    return sorted(parts - {p.part_key for p in panels(session, competition)})


def get_panel(session: Session, competition: Competition, panel_id: int) -> Panel:
    panel = session.get(Panel, panel_id)
    if panel is None or panel.competition_id != competition.id:
        raise NotFound(_("No such panel."))
    return panel


def marker_ids(panel: Panel) -> list[int]:
    return sorted(m.user_id for m in panel.members if m.user_id != panel.chair_id)


def latest_declaration(session: Session, examiner_id: int, competition: Competition):
    return session.scalar(select(Declaration).where(
        Declaration.competition_id == competition.id, Declaration.examiner_id == examiner_id)
        .order_by(Declaration.id.desc()).limit(1))


def _has_draw(session: Session, examiner_id: int, competition: Competition) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Assignment).join(Script).where(
        Script.competition_id == competition.id, Assignment.examiner_id == examiner_id,
        Assignment.role != AssignmentRole.CALIBRATION)))


def declaration_is_open(session: Session, actor, competition: Competition) -> bool:
    return (Role.EXAMINER in roles_in(session, actor, competition)
            and not _has_draw(session, actor.id, competition))


def candidates_for_declaration(session: Session, actor, competition: Competition) -> list[Application]:
    """The one place an examiner sees candidates' names: before any script reaches them."""
    require(Role.EXAMINER in roles_in(session, actor, competition),
            _("Only examiners declare conflicts of interest."))
    require(declaration_is_open(session, actor, competition),
            _("Declarations are closed: scripts have been drawn for you."), Conflict)
    rows = session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED))
    return sorted(rows, key=lambda a: _fold(a.user.full_name))


def declare_conflicts(session: Session, actor, competition: Competition, *, conflict_ids,
                      known_ids=(), now: datetime) -> Declaration:
    """A new declaration replaces the last one until scripts are drawn for this examiner."""
    candidates = {a.id for a in candidates_for_declaration(session, actor, competition)}
    conflict_ids, known_ids = {int(i) for i in conflict_ids}, {int(i) for i in known_ids}
    require(conflict_ids | known_ids <= candidates, _("Unknown candidate in the declaration."),
            InvalidInput)
    declaration = Declaration(competition_id=competition.id, examiner_id=actor.id,
                              conflict_application_ids=sorted(conflict_ids),
                              known_application_ids=sorted(known_ids - conflict_ids),
                              declared_at=now)
    session.add(declaration)
    session.flush()
    audit.record(session, actor, "scoring.conflicts_declared", at=now, competition=competition,
                 target=declaration, payload={"conflicts": len(conflict_ids),
                                              "known": len(known_ids - conflict_ids)})
    return declaration


# ---------------------------------------------------------------- the draw

def plan_assignment(seed: bytes, part_key: str, scripts: list[tuple[str, int]],
                    examiners: list[int], conflicts: dict[int, set[int]]) -> dict[str, tuple[int, int]]:
    """Pure and reproducible: script code -> (first, second) examiner.

    Scripts are taken in an order shuffled by the stream ``thituyen-assign-v1|part``; each
    goes to the two least-loaded examiners without a conflict, ties broken by a shuffle of
    the same stream. Without conflicts every examiner's load differs by at most one.
    """
    stream = HmacStream(seed, f"{ASSIGN_CONTEXT}|{part_key}")
    load = dict.fromkeys(sorted(examiners), 0)
    plan = {}
    for code, application_id in stream.shuffle(sorted(scripts)):
        eligible = [e for e in sorted(examiners) if application_id not in conflicts.get(e, set())]
        if len(eligible) < 2:
            raise Conflict(_("A script has fewer than two examiners free of conflicts; "
                             "add examiners to the panel."))
        first, second = sorted(stream.shuffle(eligible), key=lambda e: load[e])[:2]
        load[first] += 1
        load[second] += 1
        plan[code] = (first, second)
    return plan


def assign_markers(session: Session, actor, competition: Competition, panel: Panel, *,
                   now: datetime, seed: bytes | None = None) -> AssignmentDraw:
    """Draw two examiners for every script of the panel's part; the seed is recorded."""
    require(can_manage_scoring(session, actor, competition), _("Only the board draws examiners."))
    require(competition.stage == Stage.SCORING, _("Examiners are drawn during scoring."), Conflict)
    require(not panel.is_presentation, _("The presentation round is not drawn."), Conflict)
    lock_row(session, Panel, panel.id)
    done = session.scalar(select(AssignmentDraw).where(AssignmentDraw.panel_id == panel.id))
    require(done is None, _("Examiners have already been drawn for this panel."), Conflict)
    scripts = scripts_of(session, competition, part_key=panel.part_key)
    require(scripts, _("There are no scripts for this part yet."), Conflict)
    require(not any(is_flagged(session, s) for s in scripts),
            _("Some answers may reveal the candidate's identity; mask or dismiss every flag first."),
            Conflict)
    examiners = marker_ids(panel)
    undeclared = [e for e in examiners if latest_declaration(session, e, competition) is None]
    require(not undeclared, _("%(n)d examiners have not declared their conflicts of interest yet.",
                              n=len(undeclared)), Conflict)
    seed = seed or secrets.token_bytes(32)
    identities = dict(session.execute(select(ScriptIdentity.script_id, ScriptIdentity.application_id)
                                      .where(ScriptIdentity.script_id.in_([s.id for s in scripts]))).all())
    plan = plan_assignment(seed, panel.part_key, [(s.code, identities[s.id]) for s in scripts],
                           examiners, conflicts_of(session, competition))
    draw = AssignmentDraw(competition_id=competition.id, panel_id=panel.id, seed_hex=seed.hex(),
                          drawn_at=now, by_id=actor.id)
    session.add(draw)
    session.flush()
    for script in scripts:
        for role, examiner_id in zip((AssignmentRole.FIRST, AssignmentRole.SECOND),
                                     plan[script.code], strict=True):
            session.add(Assignment(script_id=script.id, examiner_id=examiner_id, role=role,
                                   draw_id=draw.id, assigned_at=now))
    session.flush()
    loads = Counter(e for pair in plan.values() for e in pair)
    audit.record(session, actor, "scoring.markers_drawn", at=now, competition=competition,
                 target=draw, payload={"part": panel.part_key, "scripts": len(scripts),
                                       "seed_sha256": hashlib.sha256(seed).hexdigest(),
                                       "loads": {str(k): v for k, v in sorted(loads.items())}})
    return draw


def _third_examiner(session: Session, panel: Panel, script: Script, remark: Remark | None) -> int | None:
    """Least-loaded panel examiner who has never marked this script and has no conflict."""
    competition = competitions.get_competition(session, script.competition_id)
    before = set(session.scalars(select(Assignment.examiner_id).where(
        Assignment.script_id == script.id)))
    application = _application_of(session, script)
    conflicts = conflicts_of(session, competition)
    eligible = [e for e in marker_ids(panel) if e not in before and e in conflicts
                and (application is None or application.id not in conflicts[e])]
    if not eligible:
        return None
    load = Counter(session.scalars(select(Assignment.examiner_id).join(Script).where(
        Script.part_key == panel.part_key, Script.competition_id == competition.id)))
    draw = session.scalar(select(AssignmentDraw).where(AssignmentDraw.panel_id == panel.id)
                          .order_by(AssignmentDraw.id.desc()).limit(1))
    stream = HmacStream(bytes.fromhex(draw.seed_hex) if draw else script.code.encode(),
                        f"{ASSIGN_CONTEXT}|third|{script.code}|{remark.id if remark else 0}")
    return sorted(stream.shuffle(eligible), key=lambda e: load[e])[0]


# ---------------------------------------------------------------- weak anonymity

MIN_SCRIPTS_FOR_ANONYMITY = 5
KNOWN_SHARE = 0.25


def anonymity_warnings(session: Session, competition: Competition) -> list[str]:
    """Warn the board when a part has so few scripts, or examiners know so many candidates,
    that a code no longer hides much."""
    accepted = session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED)) or 0
    warnings = []
    for panel in panels(session, competition):
        if panel.is_presentation:
            continue
        count = len(scripts_of(session, competition, part_key=panel.part_key)) or accepted
        if 0 < count < MIN_SCRIPTS_FOR_ANONYMITY:
            warnings.append(_("Part %(part)s has only %(n)d scripts: examiners may guess whose "
                              "script is whose.", part=panel.part_key, n=count))
        # Each candidate may draw their own essay: a prompt answered by few scripts tells
        # whoever can see the papers drawn (the draw is verifiable) whose script it is.
        by_item = Counter(s.item_key for s in scripts_of(session, competition,
                                                         part_key=panel.part_key))
        rare = sorted(key for key, n in by_item.items() if 0 < n < MIN_SCRIPTS_FOR_ANONYMITY)
        if len(by_item) > 1 and rare:
            warnings.append(_("Part %(part)s: %(n)d essay questions were answered by fewer than "
                              "%(min)d candidates each; their prompt may tell whose script it is "
                              "(prefer one shared question per part).", part=panel.part_key,
                              n=len(rare), min=MIN_SCRIPTS_FOR_ANONYMITY))
        knowing = 0
        for examiner_id in marker_ids(panel):
            declaration = latest_declaration(session, examiner_id, competition)
            if declaration and accepted:
                known = len(declaration.conflict_application_ids) + len(declaration.known_application_ids)
                knowing += int(known / accepted >= KNOWN_SHARE)
        if knowing:
            warnings.append(_("%(n)d examiners of part %(part)s know a quarter or more of the "
                              "candidates: anonymity is weak there.", n=knowing, part=panel.part_key))
    return warnings


def examiners_of(session: Session, competition: Competition) -> list:
    from exam.accounts.models import User
    from exam.competitions.models import Membership

    return list(session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.competition_id == competition.id, Membership.role == Role.EXAMINER)
        .order_by(User.full_name)))


def panel_is_drawn(session: Session, panel: Panel) -> bool:
    return session.scalar(select(AssignmentDraw.id).where(AssignmentDraw.panel_id == panel.id)
                          .limit(1)) is not None


def verify_draws(session: Session, competition: Competition) -> list[str]:
    """Recompute every recorded first draw from its seed; name each script that differs."""
    problems = []
    conflicts = conflicts_of(session, competition)
    for draw in session.scalars(select(AssignmentDraw).where(
            AssignmentDraw.competition_id == competition.id).order_by(AssignmentDraw.id)):
        rows = list(session.scalars(select(Assignment).where(
            Assignment.draw_id == draw.id, Assignment.remark_id.is_(None))))
        if not rows:
            continue
        panel = session.get(Panel, draw.panel_id)
        scripts = {a.script_id: a.script for a in rows}
        identities = dict(session.execute(
            select(ScriptIdentity.script_id, ScriptIdentity.application_id)
            .where(ScriptIdentity.script_id.in_(list(scripts)))).all())
        plan = plan_assignment(bytes.fromhex(draw.seed_hex), panel.part_key,
                               [(s.code, identities[s.id]) for s in scripts.values()],
                               marker_ids(panel), conflicts)
        recorded = defaultdict(dict)
        for a in rows:
            recorded[a.script.code][a.role] = a.examiner_id
        for code, (first, second) in sorted(plan.items()):
            if recorded[code] != {AssignmentRole.FIRST: first, AssignmentRole.SECOND: second}:
                problems.append(f"{panel.part_key} {codes.display(code)}: recorded examiners "
                                f"differ from the draw of the recorded seed")
    return problems
