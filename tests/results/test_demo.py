"""The demo's last step: results published provisionally, then finally, and a signed sheet."""

from __future__ import annotations

from exam.competitions.models import Stage
from exam.results import service
from exam.results.demo import prepare_demo_rules, publish_where_ready
from exam.scoring import service as scoring
from exam.sitting.models import TestPart
from tests.scoring.helpers import assignments, give
from tests.scoring.helpers import scene as scoring_scene


def test_demo_results_end_with_a_final_signed_sheet_that_verifies(db, clock, sheet_folder,
                                                                   runner):
    s = scoring_scene(db, scripts=3, examiners=5)
    db.add(TestPart(competition_id=s.competition.id, key="essay", title="Phần II. Tự luận",
                    kind="essay", position=1, duration_minutes=60,
                    cells=[{"topic": "t", "difficulty": "hard", "type": "essay", "count": 1,
                            "points": "10"}]))
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.days(-20))
    for script, total in zip(s.scripts, ("7", "4", "7"), strict=True):
        for assignment in assignments(db, script).values():
            give(db, assignment, total, clock.days(-20))
    prepare_demo_rules(db, s.competition, board_chair=s.chair, with_presentation=False)
    scoring.lock_scores(db, s.chair, s.competition, now=clock.days(-19))
    assert publish_where_ready(db, [s.competition], board_chair=s.chair, now=clock.now) is None
    scoring.reveal_identities(db, s.chair, s.competition, now=clock.days(-19))

    path = publish_where_ready(db, [s.competition], board_chair=s.chair, now=clock.now)

    assert s.competition.stage == Stage.FINAL_RESULTS
    versions = service.versions_of(db, s.competition)
    assert [v.kind for v in versions] == ["provisional", "provisional", "final"]
    assert "phúc khảo" in versions[1].reason
    assert path.is_file()
    result = runner.invoke(args=["verify-pdf", str(path)])
    assert result.exit_code == 0, result.output
    final = versions[-1]
    by_number = {r.candidate_number: r for r in final.rows}
    assert by_number["0003"].priority_points == 5  # the demo's priority decision
    assert by_number["0003"].standing == "recommended"
    assert by_number["0001"].standing == "reserve"
    assert by_number["0002"].standing == "failed"
