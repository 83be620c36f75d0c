"""Marking, reconciliation, the chair's settlement, lock and reveal, appeal re-marks.

Reconciliation rule (per script, and again inside every re-mark): let a and b be the two
submitted marks and L = maximum x threshold % (default 10 %). If |a - b| <= L the final mark
is the mean, rounded half up to 0.01. If |a - b| > L a third examiner who has not marked the
script marks it, and the panel chair then settles the final mark with a written reason.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.competitions.permissions import is_board
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require
from exam.registration.models import Application
from exam.scoring.models import (
    Assignment,
    AssignmentDraw,
    AssignmentRole,
    FinalBasis,
    FinalMark,
    Mark,
    Panel,
    Remark,
    Script,
    ScriptIdentity,
)
from exam.scoring.permissions import can_lock_and_reveal, can_manage_scoring
from exam.scoring.preparation import (
    ASSIGN_CONTEXT,
    CENT,
    _application_of,
    _points,
    _reason,
    _third_examiner,
    conflicts_of,
    lock_row,
    marker_ids,
    panel_for,
    rubric_of,
    scripts_of,
)
from question_bank.draw import HmacStream, canonical_json


def threshold_points(max_points: Decimal, threshold_percent: Decimal) -> Decimal:
    return Decimal(max_points) * Decimal(threshold_percent) / 100


def reconcile(first: Decimal, second: Decimal, *, max_points: Decimal,
              threshold_percent: Decimal) -> Decimal | None:
    """The mean when the two marks differ by at most the threshold; None: a third examiner."""
    if abs(first - second) > threshold_points(max_points, threshold_percent):
        return None
    return ((first + second) / 2).quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- reading the state

def current_remark(session: Session, script: Script) -> Remark | None:
    return session.scalar(select(Remark).where(Remark.script_id == script.id)
                          .order_by(Remark.id.desc()).limit(1))


def last_mark(session: Session, assignment: Assignment) -> Mark | None:
    return session.scalar(select(Mark).where(Mark.assignment_id == assignment.id)
                          .order_by(Mark.id.desc()).limit(1))


def submitted_mark(session: Session, assignment: Assignment | None) -> Mark | None:
    mark = last_mark(session, assignment) if assignment is not None else None
    return mark if mark is not None and mark.is_submitted else None


def final_mark(session: Session, script: Script) -> FinalMark | None:
    """The mark that counts: the latest final row (a re-mark supersedes, both are kept)."""
    return session.scalar(select(FinalMark).where(FinalMark.script_id == script.id)
                          .order_by(FinalMark.id.desc()).limit(1))


def _group_final(session: Session, script: Script, remark: Remark | None) -> FinalMark | None:
    return session.scalar(select(FinalMark).where(
        FinalMark.script_id == script.id,
        FinalMark.remark_id == remark.id if remark else FinalMark.remark_id.is_(None))
        .order_by(FinalMark.id.desc()).limit(1))


def group_assignments(session: Session, script: Script, remark: Remark | None) -> dict:
    rows = session.scalars(select(Assignment).where(
        Assignment.script_id == script.id, Assignment.role != AssignmentRole.CALIBRATION,
        Assignment.remark_id == remark.id if remark else Assignment.remark_id.is_(None)))
    return {AssignmentRole(a.role): a for a in rows}


@dataclass(frozen=True)
class GroupState:
    status: str  # awaiting_marks, third, chair, final
    first: Decimal | None
    second: Decimal | None
    third: Decimal | None
    difference: Decimal | None
    is_discrepancy: bool
    final: FinalMark | None


def _state(script: Script, panel: Panel | None, totals: dict, has_third: bool,
           final: FinalMark | None) -> GroupState:
    first, second, third = (totals.get(r) for r in (AssignmentRole.FIRST, AssignmentRole.SECOND,
                                                     AssignmentRole.THIRD))
    difference = abs(first - second) if first is not None and second is not None else None
    limit = threshold_points(script.max_points, panel.threshold_percent) if panel else None
    is_discrepancy = difference is not None and limit is not None and difference > limit
    if final is not None:
        status = "final"
    elif not is_discrepancy:
        status = "awaiting_marks"
    elif has_third and third is None:
        status = "third"
    else:
        status = "chair"
    return GroupState(status, first, second, third, difference, is_discrepancy, final)


def group_state(session: Session, script: Script, remark: Remark | None = None) -> GroupState:
    """Where one round of marking of a script stands (the original round, or a re-mark)."""
    group = group_assignments(session, script, remark)
    totals = {role: m.total for role, a in group.items()
              if (m := submitted_mark(session, a)) is not None}
    panel = panel_for(session, competitions.get_competition(session, script.competition_id),
                      script.part_key)
    return _state(script, panel, totals, AssignmentRole.THIRD in group,
                  _group_final(session, script, remark))


def states_of(session: Session, competition: Competition) -> dict[int, tuple[GroupState, GroupState]]:
    """script id -> (current round, original round) for every script, in a handful of queries."""
    scripts = scripts_of(session, competition)
    panels = {p.part_key: p for p in _panels(session, competition)}
    in_competition = select(Script.id).where(Script.competition_id == competition.id)
    latest_mark = select(func.max(Mark.id)).group_by(Mark.assignment_id)
    marks = {m.assignment_id: m for m in session.scalars(select(Mark).where(
        Mark.id.in_(latest_mark), Mark.is_submitted.is_(True),
        Mark.assignment_id.in_(select(Assignment.id).where(
            Assignment.script_id.in_(in_competition)))))}
    groups: dict[tuple[int, int | None], dict] = defaultdict(dict)
    for a in session.scalars(select(Assignment).where(
            Assignment.script_id.in_(in_competition),
            Assignment.role != AssignmentRole.CALIBRATION)):
        groups[(a.script_id, a.remark_id)][AssignmentRole(a.role)] = a
    finals: dict[tuple[int, int | None], FinalMark] = {}
    for final in session.scalars(select(FinalMark).where(
            FinalMark.script_id.in_(in_competition)).order_by(FinalMark.id)):
        finals[(final.script_id, final.remark_id)] = final
    remarks: dict[int, int] = {}
    for remark in session.scalars(select(Remark).where(
            Remark.script_id.in_(in_competition)).order_by(Remark.id)):
        remarks[remark.script_id] = remark.id

    def state(script, remark_id):
        group = groups.get((script.id, remark_id), {})
        totals = {role: marks[a.id].total for role, a in group.items() if a.id in marks}
        return _state(script, panels.get(script.part_key), totals, AssignmentRole.THIRD in group,
                      finals.get((script.id, remark_id)))

    return {s.id: (state(s, remarks.get(s.id)), state(s, None)) for s in scripts}


# ---------------------------------------------------------------- marking

def _require_marking_open(competition: Competition, assignment: Assignment) -> None:
    require(not competition.is_suspended, _("The competition is suspended."), Conflict)
    if assignment.role == AssignmentRole.CALIBRATION:
        require(not competition.has_reached(Stage.SCORES_LOCKED),
                _("Calibration is over: the scores are locked."), Conflict)
    elif assignment.remark_id is not None:
        require(competition.has_reached(Stage.SCORES_LOCKED),
                _("This re-mark is not open."), Conflict)
    else:
        require(competition.stage == Stage.SCORING,
                _("Marks can no longer change: the scores are locked. Only an appeal re-mark "
                  "can change a mark now."), Conflict)


def get_assignment(session: Session, actor, competition: Competition, script: Script) -> Assignment:
    """The examiner's own assignment on this script; anyone else is refused."""
    assignment = session.scalar(select(Assignment).where(
        Assignment.script_id == script.id, Assignment.examiner_id == getattr(actor, "id", None)))
    if assignment is None:
        raise PermissionDenied(_("This script is not assigned to you."))
    return assignment


def save_mark(session: Session, actor, assignment: Assignment, *, points: list, comment: str = "",
              submit: bool, now: datetime) -> Mark:
    """Each saving is a new row; after the submission the examiner's mark is final."""
    script = assignment.script
    competition = competitions.get_competition(session, script.competition_id)
    require(assignment.examiner_id == getattr(actor, "id", None),
            _("This script is not assigned to you."), PermissionDenied)
    _require_marking_open(competition, assignment)
    lock_row(session, Script, script.id)
    require(submitted_mark(session, assignment) is None,
            _("You have already submitted this mark; it is final."), Conflict)
    rubric = rubric_of(script)
    points = list(points) + [None] * (len(rubric) - len(points))
    criteria = []
    for criterion, raw in zip(rubric, points, strict=False):
        if raw is None or str(raw).strip() == "":
            require(not submit, _("Give a mark for every criterion before submitting: %(name)s.",
                                  name=criterion["name"]), InvalidInput)
            criteria.append({"name": criterion["name"], "points": None})
            continue
        value = _points(raw, criterion["max_points"], criterion["name"])
        criteria.append({"name": criterion["name"], "points": str(value)})
    total = sum((Decimal(c["points"]) for c in criteria if c["points"] is not None), Decimal(0))
    mark = Mark(assignment_id=assignment.id, criteria=criteria, total=total,
                comment=(comment or "").strip(), is_submitted=submit, saved_at=now)
    session.add(mark)
    session.flush()
    if submit:
        audit.record(session, actor, "scoring.mark_submitted", at=now, competition=competition,
                     target=mark, payload={"code": script.code, "role": str(assignment.role),
                                           "remark": assignment.remark_id, "total": str(total)})
        if assignment.role != AssignmentRole.CALIBRATION:
            _after_submission(session, actor, competition, script, assignment, now)
    return mark


def _after_submission(session, actor, competition, script, assignment, now) -> None:
    remark = session.get(Remark, assignment.remark_id) if assignment.remark_id else None
    state = group_state(session, script, remark)
    group = group_assignments(session, script, remark)
    if state.final is not None or state.first is None or state.second is None:
        return
    if AssignmentRole.THIRD in group:
        return
    panel = panel_for(session, competition, script.part_key)
    mean = reconcile(state.first, state.second, max_points=script.max_points,
                     threshold_percent=panel.threshold_percent)
    if mean is not None:
        _write_final(session, actor, competition, script, remark, mean, FinalBasis.MEAN, "", now)
        return
    third = _third_examiner(session, panel, script, remark)
    if third is not None:
        session.add(Assignment(script_id=script.id, examiner_id=third, role=AssignmentRole.THIRD,
                               remark_id=remark.id if remark else None, assigned_at=now))
        session.flush()
    audit.record(session, actor, "scoring.discrepancy", at=now, competition=competition,
                 target=script, payload={"code": script.code, "difference": str(state.difference),
                                         "third_examiner_id": third})


def _write_final(session, actor, competition, script, remark, value, basis, reason, now):
    final = FinalMark(script_id=script.id, remark_id=remark.id if remark else None, mark=value,
                      basis=basis, reason=reason,
                      decided_by_id=actor.id if basis == FinalBasis.CHAIR else None,
                      decided_at=now)
    session.add(final)
    session.flush()
    audit.record(session, actor, "scoring.final_mark", at=now, competition=competition,
                 target=final, payload={"code": script.code, "mark": str(value),
                                        "basis": str(basis), "remark": final.remark_id})
    return final


def settle_script(session: Session, actor, script: Script, *, mark, reason: str,
                  now: datetime) -> FinalMark:
    """The panel chair decides a disputed script after the third mark, with a written reason."""
    competition = competitions.get_competition(session, script.competition_id)
    panel = panel_for(session, competition, script.part_key)
    require(panel is not None and panel.chair_id == getattr(actor, "id", None),
            _("Only the chair of this panel settles a disputed mark."))
    lock_row(session, Script, script.id)
    remark = current_remark(session, script)
    require(competition.stage == Stage.SCORING if remark is None
            else competition.has_reached(Stage.SCORES_LOCKED),
            _("Marks can no longer change: the scores are locked."), Conflict)
    require(group_state(session, script, remark).status == "chair",
            _("This script does not await the chair's decision."), Conflict)
    value = _points(mark, script.max_points, _("Final mark"))
    return _write_final(session, actor, competition, script, remark, value, FinalBasis.CHAIR,
                        _reason(reason), now)


def marks_for_chair(session: Session, actor, script: Script) -> list[tuple[str, Mark]]:
    """Every submitted mark of the current round, for the chair who must settle it."""
    competition = competitions.get_competition(session, script.competition_id)
    panel = panel_for(session, competition, script.part_key)
    require(panel is not None and panel.chair_id == getattr(actor, "id", None),
            _("Only the chair of this panel sees the marks of a disputed script."))
    group = group_assignments(session, script, current_remark(session, script))
    return [(str(role), mark) for role, a in sorted(group.items())
            if (mark := submitted_mark(session, a)) is not None]


# ---------------------------------------------------------------- what people see

@dataclass(frozen=True)
class WorkRow:
    code: str
    part_key: str
    role: str
    state: str  # to_mark, draft, submitted
    is_calibration: bool
    is_remark: bool


def work_for(session: Session, actor, competition: Competition) -> list[WorkRow]:
    """An examiner's scripts, by code only."""
    rows = []
    for assignment in session.scalars(select(Assignment).join(Script).where(
            Script.competition_id == competition.id,
            Assignment.examiner_id == getattr(actor, "id", None)).order_by(Script.code)):
        mark = last_mark(session, assignment)
        state = "to_mark" if mark is None else "submitted" if mark.is_submitted else "draft"
        rows.append(WorkRow(assignment.script.code, assignment.script.part_key,
                            str(assignment.role), state, assignment.script.is_calibration,
                            assignment.remark_id is not None))
    return rows


def awaiting_chair(session: Session, actor, competition: Competition) -> list[Script]:
    chaired = [p for p in _panels(session, competition) if p.chair_id == getattr(actor, "id", None)]
    result = []
    for panel in chaired:
        for script in scripts_of(session, competition, part_key=panel.part_key):
            if group_state(session, script, current_remark(session, script)).status == "chair":
                result.append(script)
    return result


def calibration_marks(session: Session, actor, script: Script) -> list[tuple[str, Mark]]:
    """Everyone's sample marks, shown to a panel member once their own is in: to agree the rubric."""
    require(script.is_calibration, _("Only sample scripts are compared openly."), Conflict)
    assignments = list(session.scalars(select(Assignment).where(Assignment.script_id == script.id)))
    own = next((a for a in assignments if a.examiner_id == getattr(actor, "id", None)), None)
    require(own is not None, _("This script is not assigned to you."), PermissionDenied)
    if submitted_mark(session, own) is None:
        return []
    return [(a.examiner.full_name, m) for a in assignments
            if (m := submitted_mark(session, a)) is not None]


def _panels(session, competition) -> list[Panel]:
    return list(session.scalars(select(Panel).where(Panel.competition_id == competition.id)))


def add_calibration_script(session: Session, actor, competition: Competition, panel: Panel, *,
                           prompt: str, rubric: list[dict], answer_text: str, now: datetime) -> Script:
    """A sample every member of the panel marks before real marking; its marks never count."""
    from exam.scoring.preparation import add_script

    require(can_manage_scoring(session, actor, competition),
            _("Only the board adds sample scripts."))
    require(not competition.has_reached(Stage.SCORES_LOCKED),
            _("Calibration is over: the scores are locked."), Conflict)
    require(not panel.is_presentation, _("The presentation round has no scripts."), Conflict)
    require(prompt.strip() and answer_text.strip() and rubric,
            _("A sample needs a prompt, an answer and a rubric."), InvalidInput)
    max_points = sum((Decimal(str(c["max_points"])) for c in rubric), Decimal(0))
    require(max_points > 0, _("The rubric must be worth some points."), InvalidInput)
    script = add_script(session, competition, application=None, part_key=panel.part_key,
                        prompt=prompt, rubric=rubric, max_points=max_points,
                        answer_text=answer_text, now=now, is_calibration=True)
    for user_id in sorted({m.user_id for m in panel.members} | {panel.chair_id}):
        session.add(Assignment(script_id=script.id, examiner_id=user_id,
                               role=AssignmentRole.CALIBRATION, assigned_at=now))
    session.flush()
    audit.record(session, actor, "scoring.calibration_added", at=now, competition=competition,
                 target=script, payload={"code": script.code, "part": panel.part_key})
    return script


# ---------------------------------------------------------------- lock and reveal

def _final_marks_digest(session, competition) -> tuple[int, str]:
    rows = [[s.code, str(final_mark(session, s).mark)] for s in scripts_of(session, competition)]
    return len(rows), hashlib.sha256(canonical_json(rows).encode()).hexdigest()


def lock_scores(session: Session, actor, competition: Competition, *, now: datetime) -> Competition:
    """Freeze every final mark; only reveal_identities may open the code map after this."""
    require(can_lock_and_reveal(session, actor, competition),
            _("Only the board chair or secretary can lock the scores."))
    require(competition.stage == Stage.SCORING,
            _("Scores are locked at the end of the scoring stage."), Conflict)
    missing = [s for s in scripts_of(session, competition) if final_mark(session, s) is None]
    require(not missing, _("%(n)d scripts have no final mark yet.", n=len(missing)), Conflict)
    count, digest = _final_marks_digest(session, competition)
    audit.record(session, actor, "scoring.scores_locked", at=now, competition=competition,
                 payload={"scripts": count, "final_marks_sha256": digest})
    return competitions.enter_stage(session, actor, competition, Stage.SCORES_LOCKED, now=now,
                                    via_domain_action=True)


def reveal_identities(session: Session, actor, competition: Competition, *, now: datetime) -> Competition:
    """Open the code map (hồi phách): possible only after the lock, and recorded."""
    require(can_lock_and_reveal(session, actor, competition),
            _("Only the board chair or secretary can reveal identities."))
    require(competition.stage == Stage.SCORES_LOCKED,
            _("Identities can be revealed only after the scores are locked."), Conflict)
    rows = [[s.code, _application_of(session, s).candidate_number]
            for s in scripts_of(session, competition)]
    audit.record(session, actor, "scoring.identities_revealed", at=now, competition=competition,
                 payload={"scripts": len(rows),
                          "code_map_sha256": hashlib.sha256(canonical_json(rows).encode()).hexdigest()})
    return competitions.enter_stage(session, actor, competition, Stage.IDENTITIES_REVEALED, now=now,
                                    via_domain_action=True)


@dataclass(frozen=True)
class MapRow:
    code: str
    part_key: str
    candidate_number: str
    full_name: str
    mark: Decimal
    basis: str


def code_map(session: Session, actor, competition: Competition) -> list[MapRow]:
    """Sealed for everyone, administrator and chair included, until the reveal; then the board's."""
    require(competition.has_reached(Stage.IDENTITIES_REVEALED),
            _("The code map stays sealed until the board reveals identities after the lock."))
    require(is_board(session, actor, competition), _("Only the board reads the code map."))
    rows = []
    for script in scripts_of(session, competition):
        application = _application_of(session, script)
        final = final_mark(session, script)
        rows.append(MapRow(script.code, script.part_key, application.candidate_number or "",
                           application.user.full_name, final.mark, str(final.basis)))
    return sorted(rows, key=lambda r: (r.candidate_number, r.part_key, r.code))


def final_part_marks(session: Session, competition: Competition) -> dict[int, dict[str, Decimal]]:
    """application id -> part key -> final mark (sum of that part's scripts), after the lock;
    the presentation round appears under "presentation" once its score is decided."""
    from exam.scoring.presentation import presentation_results

    require(competition.has_reached(Stage.SCORES_LOCKED),
            _("Final marks exist only after the scores are locked."), Conflict)
    result: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for script in scripts_of(session, competition):
        application = _application_of(session, script)
        parts = result[application.id]
        parts[script.part_key] = parts.get(script.part_key, Decimal(0)) + final_mark(session, script).mark
    for application_id, score in presentation_results(session, competition).items():
        result[application_id]["presentation"] = score
    return dict(result)


# ---------------------------------------------------------------- appeal re-marks

def _scripts_of_application(session, competition, application_id: int, part_key: str) -> list[Script]:
    ids = select(ScriptIdentity.script_id).where(ScriptIdentity.application_id == application_id)
    return list(session.scalars(select(Script).where(
        Script.competition_id == competition.id, Script.part_key == part_key,
        Script.is_calibration.is_(False), Script.id.in_(ids)).order_by(Script.code)))


def start_remark(session: Session, actor, competition: Competition, application_id: int,
                 part_key: str, *, now: datetime) -> list[Remark]:
    """An appeal granted: every script of the part is re-marked blind by two examiners who never
    marked it, under the same reconciliation rule; the outcome supersedes the old final mark."""
    require(is_board(session, actor, competition), _("Only the board grants a re-mark."))
    require(competition.has_reached(Stage.SCORES_LOCKED),
            _("A re-mark is part of an appeal, after the scores are locked."), Conflict)
    scripts = _scripts_of_application(session, competition, application_id, part_key)
    if not scripts:
        raise NotFound(_("This candidate has no script in this part."))
    for script in scripts:
        lock_row(session, Script, script.id)
        remark = current_remark(session, script)
        require(remark is None or _group_final(session, script, remark) is not None,
                _("A re-mark of this part is already under way."), Conflict)
    panel = panel_for(session, competition, part_key)
    conflicts = conflicts_of(session, competition)
    load = Counter(session.scalars(select(Assignment.examiner_id).join(Script).where(
        Script.competition_id == competition.id, Script.part_key == part_key)))
    seed = secrets.token_bytes(32)
    plan = {}
    for script in scripts:
        before = set(session.scalars(select(Assignment.examiner_id).where(
            Assignment.script_id == script.id)))
        eligible = [e for e in marker_ids(panel)
                    if e not in before and e in conflicts and application_id not in conflicts[e]]
        require(len(eligible) >= 2,
                _("Fewer than two examiners of the panel have not marked this script and have "
                  "declared their conflicts; add examiners to the panel first."), Conflict)
        stream = HmacStream(seed, f"{ASSIGN_CONTEXT}|remark|{script.code}")
        plan[script.id] = sorted(stream.shuffle(eligible), key=lambda e: load[e])[:2]
    draw = AssignmentDraw(competition_id=competition.id, panel_id=panel.id, seed_hex=seed.hex(),
                          drawn_at=now, by_id=actor.id)
    session.add(draw)
    session.flush()
    remarks = []
    for script in scripts:
        remark = Remark(script_id=script.id, requested_by_id=actor.id, requested_at=now)
        session.add(remark)
        session.flush()
        for role, examiner_id in zip((AssignmentRole.FIRST, AssignmentRole.SECOND),
                                     plan[script.id], strict=True):
            session.add(Assignment(script_id=script.id, examiner_id=examiner_id, role=role,
                                   remark_id=remark.id, draw_id=draw.id, assigned_at=now))
        remarks.append(remark)
    session.flush()
    audit.record(session, actor, "scoring.remark_started", at=now, competition=competition,
                 payload={"application_id": application_id, "part": part_key,
                          "codes": [s.code for s in scripts],
                          "seed_sha256": hashlib.sha256(seed).hexdigest()})
    return remarks


def remark_outcome(session: Session, competition: Competition, application_id: int,
                   part_key: str) -> Decimal | None:
    """The re-marked part mark, or None while any script of the re-mark is still pending."""
    total = Decimal(0)
    for script in _scripts_of_application(session, competition, application_id, part_key):
        remark = current_remark(session, script)
        final = _group_final(session, script, remark) if remark else None
        if final is None:
            return None
        total += final.mark
    return total


# ---------------------------------------------------------------- the board's view

def scoring_summary(session: Session, competition: Competition) -> dict:
    """Counts for the board: scripts, final, waiting for marks, third, chair, discrepancies."""
    from exam.registration.service import accepted_candidates
    from exam.scoring.models import PRESENTATION
    from exam.scoring.preparation import is_flagged
    from exam.scoring.presentation import presentation_results

    counts = Counter()
    states = states_of(session, competition)
    for script in scripts_of(session, competition):
        current, original = states[script.id]
        counts["scripts"] += 1
        counts[current.status] += 1
        counts["discrepancies"] += int(original.is_discrepancy)
        counts["flagged"] += int(bool(script.leak_kinds) and is_flagged(session, script))
    counts["calibration"] = len(scripts_of(session, competition, calibration=True))
    has_presentation = panel_for(session, competition, PRESENTATION) is not None
    undecided = 0
    if has_presentation:
        decided = presentation_results(session, competition)
        undecided = sum(1 for a in accepted_candidates(session, competition) if a.id not in decided)
    return {key: counts.get(key, 0) for key in (
        "scripts", "final", "awaiting_marks", "third", "chair", "discrepancies", "flagged",
        "calibration")} | {"pending": counts["scripts"] - counts["final"],
                           "has_presentation": has_presentation,
                           "presentation_pending": undecided}


def application_of_script(session: Session, competition: Competition, script: Script) -> Application:
    """For the results after the reveal only."""
    require(competition.has_reached(Stage.IDENTITIES_REVEALED),
            _("The code map stays sealed until the board reveals identities after the lock."))
    return _application_of(session, script)
