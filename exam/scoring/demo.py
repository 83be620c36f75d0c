"""Demo: a whole panel with simulated examiners, through the same services the web uses."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from exam.competitions import service as competitions
from exam.competitions.models import Competition, Role
from exam.registration import service as registration
from exam.scoring import service
from exam.scoring.models import PRESENTATION, Assignment, AssignmentRole, Script

QUARTER = Decimal("0.25")
EXTRA_EXAMINERS = [("giamkhao5@demo.thituyen.vn", "Lương Văn Khảo"),
                   ("giamkhao6@demo.thituyen.vn", "Tôn Nữ Minh Bình")]
# Each simulated examiner's habit: (lean in points per 10, carelessness): one lenient, one harsh.
HABITS = [(0.0, 0.3), (0.9, 0.4), (-0.8, 0.3), (0.1, 1.0), (0.0, 0.4)]


def _examiners(session, competition: Competition, board_chair, now: datetime) -> list:
    """The competition's examiners, topped up to six so that re-marks find fresh examiners."""
    from exam.accounts import service as accounts
    from exam.accounts.models import User
    from exam.demo_cast import DEMO_PASSWORD

    people = service.examiners_of(session, competition)
    for email, name in EXTRA_EXAMINERS[: max(0, 6 - len(people))]:
        user = session.scalar(select(User).where(User.email == email)) or \
            accounts.register_candidate(session, email=email, full_name=name,
                                        password=DEMO_PASSWORD, now=now)
        competitions.appoint(session, board_chair, competition, user, Role.EXAMINER, now=now)
    return sorted(service.examiners_of(session, competition), key=lambda u: u.id)


def _mark(script: Script, quality: float, habit: tuple[float, float], rng: random.Random) -> list:
    """Points per criterion: the script's quality, the examiner's lean, some noise."""
    lean, noise = habit
    points = []
    for criterion in service.rubric_of(script):
        top = float(criterion["max_points"])
        value = top * quality + top / 10 * lean + rng.gauss(0, noise * top / 10)
        value = Decimal(str(min(max(value, 0.0), top))).quantize(QUARTER, ROUND_HALF_UP)
        points.append(str(min(value, criterion["max_points"])))
    return points


def build_scoring_under_way(session, cast, *, now: datetime, rng: random.Random):
    """A competition whose sitting closed yesterday: the answer-key objection window is open,
    the scripts have their codes and examiners, and wait to be marked (the demo's first
    examiner has work to do)."""
    from exam.sitting.demo import build_sat_competition

    competition = build_sat_competition(
        session, cast, now=now, rng=rng, sitting_opens=now - timedelta(days=1, hours=4),
        title="Thi tuyển Phó Chánh Văn phòng, Sở Tư pháp", post="Phó Chánh Văn phòng",
        unit="Sở Tư pháp", candidates=cast.candidates[: max(2, len(cast.candidates) // 2)])
    prepare_marking(session, competition, board_chair=cast.chair,
                    now=competition.sitting_closes_at + timedelta(hours=2), rng=rng)
    return competition


def prepare_marking(session, competition: Competition, *, board_chair, now: datetime,
                    rng: random.Random):
    """Scripts, panels, declarations, a calibration sample marked by everyone, the random
    draw of examiners: everything before the first mark. Returns the scripts, the examiners
    (the panel chair last) and the moment reached."""
    at = now
    scripts = service.create_scripts(session, board_chair, competition, now=at)
    people = _examiners(session, competition, board_chair, at)
    chair, markers = people[-1], people[:-1]
    panels = [service.set_up_panel(session, board_chair, competition, part_key=part, chair=chair,
                                   examiners=markers, now=at)
              for part in sorted({s.part_key for s in scripts})]
    service.set_up_panel(session, board_chair, competition, part_key=PRESENTATION,
                         chair=chair, examiners=markers[:3], now=at)
    candidates = registration.accepted_candidates(session, competition)
    at += timedelta(hours=2)
    for n, examiner in enumerate(markers):
        conflict = [candidates[n].id] if n == 0 and len(candidates) > 3 else []
        known = [candidates[-1].id] if n == 1 else []
        service.declare_conflicts(session, examiner, competition, conflict_ids=conflict,
                                  known_ids=known, now=at)
    for script in scripts:
        if service.is_flagged(session, script):
            service.dismiss_leak(session, chair, script,
                                 note="Trùng tên với một nhân vật lịch sử, không phải chữ ký.",
                                 now=at)
    at += timedelta(hours=2)
    for panel in panels:
        sample = service.add_calibration_script(
            session, board_chair, competition, panel,
            prompt="Bài chấm thử: nêu ba giải pháp nâng cao chất lượng phục vụ người dân.",
            rubric=[{"name": "Nội dung", "max_points": "6"},
                    {"name": "Lập luận", "max_points": "4"}],
            answer_text="Công khai quy trình; số hoá hồ sơ; lấy ý kiến người dân định kỳ.",
            now=at)
        for user_id in sorted({m.user_id for m in panel.members} | {panel.chair_id}):
            examiner = next(u for u in people if u.id == user_id)
            assignment = service.get_assignment(session, examiner, competition, sample)
            service.save_mark(session, examiner, assignment,
                              points=[str(rng.choice([3, 3.5, 4])), str(rng.choice([2, 2.5, 3]))],
                              comment="Chấm thử để thống nhất đáp án.", submit=True, now=at)
        service.assign_markers(session, board_chair, competition, panel, now=at)
    return scripts, people, at


def simulate_scoring(session, competition: Competition, *, board_chair, now: datetime,
                     rng: random.Random) -> None:
    """Scripts, panels, declarations, a calibration sample, the draw, marks with a few
    discrepancies, third marks, the chair's settlements, lock, reveal and a presentation round.

    ``now`` is when scoring starts (after the sitting closed); each step is dated a little
    later so the audit log reads in order. The competition ends with identities revealed.
    """
    scripts, people, at = prepare_marking(session, competition, board_chair=board_chair,
                                          now=now, rng=rng)
    chair, markers = people[-1], people[:-1]
    habits = {u.id: HABITS[i % len(HABITS)] for i, u in enumerate(markers)}
    at += timedelta(days=1)
    quality = {s.id: rng.uniform(0.35, 0.9) for s in scripts}
    for role in (AssignmentRole.FIRST, AssignmentRole.SECOND, AssignmentRole.THIRD):
        for assignment in session.scalars(select(Assignment).join(Script).where(
                Script.competition_id == competition.id, Assignment.role == role)
                .order_by(Assignment.id)):
            at += timedelta(minutes=7)
            points = _mark(assignment.script, quality[assignment.script_id],
                           habits[assignment.examiner_id], rng)
            service.save_mark(session, assignment.examiner, assignment, points=points,
                              submit=False, now=at)
            service.save_mark(session, assignment.examiner, assignment, points=points,
                              comment="Bài làm nắm được vấn đề; cần dẫn chứng cụ thể hơn.",
                              submit=True, now=at + timedelta(minutes=3))
    at += timedelta(days=1)
    for script in service.awaiting_chair(session, chair, competition):
        state = service.group_state(session, script)
        marks = sorted(m for m in (state.first, state.second, state.third) if m is not None)
        settled = marks[len(marks) // 2]
        service.settle_script(session, chair, script, mark=str(settled),
                              reason="Sau khi trao đổi với các giám khảo, lấy điểm ở giữa "
                                     "vì hai điểm còn lại lệch về hai phía.", now=at)
    at += timedelta(hours=4)
    service.lock_scores(session, board_chair, competition, now=at)
    service.reveal_identities(session, board_chair, competition, now=at + timedelta(hours=1))
    _presentation_round(session, competition, chair, markers[:3], at + timedelta(days=1), rng)


def _presentation_round(session, competition, chair, members, at: datetime, rng) -> None:
    """The recorded presentation session and its sealed scores (`exam.presentation.demo`)."""
    from exam.presentation.demo import presentation_round

    presentation_round(session, competition, panel_chair=chair, members=members, at=at, rng=rng)


def examiner_with_work(session, competition: Competition):
    """An examiner with a script still to mark in ``competition`` (for the demo's logins)."""
    from exam.scoring.models import Mark

    return session.scalar(select(Assignment).join(Script).outerjoin(
        Mark, Mark.assignment_id == Assignment.id).where(
        Script.competition_id == competition.id, Assignment.role == AssignmentRole.FIRST,
        Mark.id.is_(None)).order_by(Assignment.id).limit(1)).examiner
