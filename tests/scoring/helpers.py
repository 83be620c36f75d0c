"""Shared arrangements for scoring tests: a competition in the scoring stage with a panel."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from exam.competitions.models import Role, Stage
from exam.registration.models import ApplicationStatus
from exam.scoring import service
from exam.scoring.models import Assignment, AssignmentRole
from tests.factories import make_application, make_board, make_competition, make_panel, make_user


@dataclass
class Scene:
    competition: object
    board: dict
    panel: object
    applications: list
    scripts: list

    @property
    def chair(self):
        return self.board[Role.CHAIR]


CANDIDATE_NAMES = ["Đinh Khắc Triệu", "Lương Thị Bảo Ngọc", "Tạ Quang Vĩnh", "Mạc Thị Ánh Tuyết",
                   "Kiều Văn Thịnh", "Ông Thị Diễm Kiều"]


def scene(db, *, scripts=6, examiners=3, threshold_percent=10, declared=True) -> Scene:
    from tests.factories import make_script

    competition = make_competition(db, stage=Stage.SCORING)
    board = make_board(db, competition)
    panel = make_panel(db, competition, examiners=examiners, threshold_percent=threshold_percent,
                       declared=declared)
    applications = []
    for i in range(scripts):
        name = CANDIDATE_NAMES[i % len(CANDIDATE_NAMES)] + ("" if i < len(CANDIDATE_NAMES) else f" {i}")
        applications.append(make_application(
            db, competition, user=make_user(db, full_name=name), status=ApplicationStatus.ACCEPTED,
            id_number=f"{79000000000 + i:012d}", candidate_number=f"{i + 1:04d}"))
    made = [make_script(db, competition, application=a) for a in applications]
    return Scene(competition, board, panel, applications, made)


def assignments(db, script, *, remark=False) -> dict:
    rows = db.scalars(select(Assignment).where(Assignment.script_id == script.id,
                                               Assignment.role != AssignmentRole.CALIBRATION))
    return {a.role: a for a in rows if (a.remark_id is not None) == remark}


def split(total, rubric=None) -> list[str]:
    """Points per criterion, filling each in turn, that add up to `total`."""
    remaining = Decimal(str(total))
    points = []
    for criterion in rubric or ({"max_points": Decimal(6)}, {"max_points": Decimal(4)}):
        given = min(remaining, Decimal(str(criterion["max_points"])))
        points.append(str(given))
        remaining -= given
    return points


def give(db, assignment, total, now, *, submit=True, comment=""):
    points = split(total, service.rubric_of(assignment.script))
    return service.save_mark(db, assignment.examiner, assignment, points=points,
                             comment=comment, submit=submit, now=now)
