"""Examiner statistics computed from marks stored in the database."""

from decimal import Decimal

import pytest

from exam.competitions.models import Stage
from exam.errors import Conflict, PermissionDenied
from exam.scoring import service
from exam.scoring.models import Assignment, AssignmentRole, Mark
from tests.factories import make_script
from tests.scoring.helpers import scene

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, values 1-5 with gaps; the paper gives alpha = 0.849 for the interval metric.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
ROLES = [AssignmentRole.FIRST, AssignmentRole.SECOND, AssignmentRole.THIRD, AssignmentRole.THIRD]


def store(db, assignment_script, examiner, role, value, now):
    assignment = Assignment(script_id=assignment_script.id, examiner_id=examiner.id, role=role,
                            assigned_at=now)
    db.add(assignment)
    db.flush()
    db.add(Mark(assignment_id=assignment.id, total=Decimal(value), is_submitted=True, saved_at=now,
                criteria=[{"name": "Nội dung", "points": str(value)}]))


def test_alpha_on_stored_marks_matches_krippendorffs_worked_example(db, clock):
    s = scene(db, scripts=0, examiners=4)
    examiners = [m.user for m in s.panel.members]
    scripts = [make_script(db, s.competition, rubric=({"name": "Nội dung", "max_points": "5"},))
               for _ in range(12)]
    for examiner, row in zip(examiners, KRIPPENDORFF_2011, strict=True):
        for script, value in zip(scripts, row, strict=True):
            if value is not None:
                taken = sum(1 for r in KRIPPENDORFF_2011[:KRIPPENDORFF_2011.index(row)]
                            if r[scripts.index(script)] is not None)
                store(db, script, examiner, ROLES[taken], value, clock.now)
    db.flush()
    s.competition.stage = Stage.SCORES_LOCKED
    [panel] = service.examiner_statistics(db, s.chair, s.competition)
    assert panel.alpha == pytest.approx(0.849, abs=0.0005)
    assert sum(row.marks for row in panel.examiners) == 41


def test_a_lenient_examiner_stands_out(db, clock):
    s = scene(db, scripts=0, examiners=3)
    fair, lenient, _ = [m.user for m in s.panel.members]
    for value in (4, 5, 6, 7, 8):
        script = make_script(db, s.competition)
        store(db, script, fair, AssignmentRole.FIRST, value, clock.now)
        store(db, script, lenient, AssignmentRole.SECOND, value + 2, clock.now)
    with pytest.raises(Conflict, match="open at the lock"):
        service.examiner_statistics(db, s.chair, s.competition)
    s.competition.stage = Stage.SCORES_LOCKED
    [panel] = service.examiner_statistics(db, s.chair, s.competition)
    rows = {row.examiner_id: row for row in panel.examiners}
    assert rows[lenient.id].versus_others == pytest.approx(20.0)
    assert rows[fair.id].versus_others == pytest.approx(-20.0)
    assert sorted(panel.pairs)[0] == (40.0, 60.0)
    assert panel.icc_2_1 < 0.9
    with pytest.raises(PermissionDenied):
        service.examiner_statistics(db, lenient, s.competition)
