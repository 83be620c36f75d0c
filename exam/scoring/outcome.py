"""Lock, reveal, the code map, final marks, appeal re-marks and the board's summary.

The board locks when every script has a final mark; only then can it reveal identities (the
code map); after the lock a mark changes only through an appeal re-mark by examiners who never
marked the script, under the reconciliation rule of marking.py; the re-mark's final mark
supersedes the old one, and both are kept.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.competitions.permissions import is_board
from exam.errors import Conflict, NotFound, require
from exam.registration.models import Application
from exam.scoring.marking import (
    _group_final,
    current_remark,
    final_mark,
    states_of,
)
from exam.scoring.models import (
    Assignment,
    AssignmentDraw,
    AssignmentRole,
    Remark,
    Script,
    ScriptIdentity,
)
from exam.scoring.panels import conflicts_of, marker_ids, panel_for
from exam.scoring.permissions import can_lock_and_reveal
from exam.scoring.preparation import (
    ASSIGN_CONTEXT,
    _application_of,
    lock_row,
    scripts_of,
)
from question_bank.draw import HmacStream, canonical_json

# ---------------------------------------------------------------- lock and reveal

def _final_marks_digest(session, competition) -> tuple[int, str]:
    rows = [[s.code, str(final_mark(session, s).mark)] for s in scripts_of(session, competition)]
    return len(rows), hashlib.sha256(canonical_json(rows).encode()).hexdigest()


def _unseal_marks(session: Session, actor, competition: Competition, now: datetime) -> None:
    """At the lock the log shows every mark it had sealed, with the nonce that opens the seal."""
    from exam.scoring.marking import final_value, mark_value
    from exam.scoring.models import Assignment, FinalMark, Mark
    from exam.scoring.seals import seal

    in_competition = select(Script.id).where(Script.competition_id == competition.id)
    marks = session.execute(
        select(Mark, Assignment, Script).join(Assignment, Mark.assignment_id == Assignment.id)
        .join(Script, Assignment.script_id == Script.id)
        .where(Script.id.in_(in_competition), Mark.is_submitted.is_(True), Mark.seal_nonce != "")
        .order_by(Mark.id)).all()
    for mark, assignment, script in marks:
        audit.record(session, actor, "scoring.mark_unsealed", at=now, competition=competition,
                     target=mark, payload={"code": script.code, "role": str(assignment.role),
                                           "total": str(mark.total), "nonce": mark.seal_nonce,
                                           "total_sealed": seal(mark.seal_nonce, mark_value(mark))})
    finals = session.execute(
        select(FinalMark, Script).join(Script, FinalMark.script_id == Script.id)
        .where(Script.id.in_(in_competition), FinalMark.seal_nonce != "").order_by(FinalMark.id)).all()
    for final, script in finals:
        audit.record(session, actor, "scoring.final_mark_unsealed", at=now, competition=competition,
                     target=final, payload={"code": script.code, "mark": str(final.mark),
                                            "nonce": final.seal_nonce,
                                            "mark_sealed": seal(final.seal_nonce, final_value(final))})


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
    _unseal_marks(session, actor, competition, now)
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
                          "scripts": len(scripts),
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
