"""Marking, reconciliation, the chair's settlement, lock and reveal, appeal re-marks.

Reconciliation rule (per script, and again inside every re-mark): let a and b be the two
submitted marks and L = maximum x threshold % (default 10 %). If |a - b| <= L the final mark
is the mean, rounded half up to 0.01. If |a - b| > L a third examiner who has not marked the
script marks it, and the panel chair then settles the final mark with a written reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied, require
from exam.scoring.models import (
    Assignment,
    AssignmentRole,
    FinalBasis,
    FinalMark,
    Mark,
    Panel,
    Remark,
    Script,
)
from exam.scoring.panels import _third_examiner, panel_for
from exam.scoring.permissions import can_manage_scoring
from exam.scoring.preparation import (
    CENT,
    _points,
    _reason,
    lock_row,
    rubric_of,
    scripts_of,
)
from exam.scoring.seals import new_nonce, seal


def mark_value(mark: Mark) -> dict:
    """What a sealed mark commits to: the total and the points of every criterion."""
    return {"total": str(mark.total), "criteria": mark.criteria}


def final_value(final: FinalMark) -> dict:
    return {"mark": str(final.mark), "reason": final.reason}


def _shown_or_sealed(name: str, nonce: str, value: dict) -> dict:
    """Before the lock, a commitment (exam.scoring.seals); after it, the value itself."""
    if nonce:
        return {f"{name}_sealed": seal(nonce, value)}
    return {name: value[name]}


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
    competitions.require_not_suspended(competition)
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
    for index, (criterion, raw) in enumerate(zip(rubric, points, strict=False)):
        if raw is None or str(raw).strip() == "":
            require(not submit, _("Give a mark for every criterion before submitting: %(name)s.",
                                  name=criterion["name"]), InvalidInput, field=f"c{index}")
            criteria.append({"name": criterion["name"], "points": None})
            continue
        value = _points(raw, criterion["max_points"], criterion["name"], field=f"c{index}")
        criteria.append({"name": criterion["name"], "points": str(value)})
    total = sum((Decimal(c["points"]) for c in criteria if c["points"] is not None), Decimal(0))
    mark = Mark(assignment_id=assignment.id, criteria=criteria, total=total,
                comment=(comment or "").strip(), is_submitted=submit, saved_at=now,
                seal_nonce="" if competition.has_reached(Stage.SCORES_LOCKED) else new_nonce())
    session.add(mark)
    session.flush()
    if submit:
        audit.record(session, actor, "scoring.mark_submitted", at=now, competition=competition,
                     target=mark, payload={"code": script.code, "role": str(assignment.role),
                                           "remark": assignment.remark_id,
                                           **_shown_or_sealed("total", mark.seal_nonce,
                                                              mark_value(mark))})
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
    # The difference is left out: before the lock it would show the board the marks.
    audit.record(session, actor, "scoring.discrepancy", at=now, competition=competition,
                 target=script, payload={"code": script.code, "third_examiner_id": third})


def _write_final(session, actor, competition, script, remark, value, basis, reason, now):
    final = FinalMark(script_id=script.id, remark_id=remark.id if remark else None, mark=value,
                      basis=basis, reason=reason,
                      decided_by_id=actor.id if basis == FinalBasis.CHAIR else None,
                      decided_at=now,
                      seal_nonce="" if competition.has_reached(Stage.SCORES_LOCKED) else new_nonce())
    session.add(final)
    session.flush()
    audit.record(session, actor, "scoring.final_mark", at=now, competition=competition,
                 target=final, payload={"code": script.code, "basis": str(basis),
                                        "remark": final.remark_id,
                                        **_shown_or_sealed("mark", final.seal_nonce,
                                                           final_value(final))})
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
    value = _points(mark, script.max_points, _("Final mark"), field="mark")
    return _write_final(session, actor, competition, script, remark, value, FinalBasis.CHAIR,
                        _reason(reason), now)


def marks_for_chair(session: Session, actor, script: Script) -> list[tuple[str, Mark]]:
    """Every submitted mark of the current round, for the chair who must settle it."""
    competition = competitions.get_competition(session, script.competition_id)
    panel = panel_for(session, competition, script.part_key)
    require(panel is not None and panel.chair_id == getattr(actor, "id", None),
            _("Only the chair of this panel sees the marks of a disputed script."))
    remark = current_remark(session, script)
    # Marks agreed within the threshold stay sealed until the lock, from the chair too.
    require(group_state(session, script, remark).is_discrepancy,
            _("This script is not disputed: its marks stay sealed until the lock."))
    group = group_assignments(session, script, remark)
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
