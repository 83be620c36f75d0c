"""The demo's last step: results published provisionally, then finally, and a signed sheet."""

from __future__ import annotations

from exam.competitions.models import Stage
from exam.results import service
from exam.results.demo import publish_where_ready
from exam.scoring import service as scoring
from exam.sitting.models import TestPart
from tests.scoring.helpers import assignments, give
from tests.scoring.helpers import scene as scoring_scene


def test_demo_results_end_with_a_final_signed_sheet_that_verifies(db, clock, sheet_folder,
                                                                   runner):
    s = scoring_scene(db, scripts=3, examiners=3)
    db.add(TestPart(competition_id=s.competition.id, key="essay", title="Phần II. Tự luận",
                    kind="essay", position=1, duration_minutes=60,
                    cells=[{"topic": "t", "difficulty": "hard", "type": "essay", "count": 1,
                            "points": "10"}]))
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.days(-20))
    for script, total in zip(s.scripts, ("7", "4", "7"), strict=True):
        for assignment in assignments(db, script).values():
            give(db, assignment, total, clock.days(-20))
    scoring.lock_scores(db, s.chair, s.competition, now=clock.days(-19))
    scoring.reveal_identities(db, s.chair, s.competition, now=clock.days(-19))

    path = publish_where_ready(db, [s.competition], board_chair=s.chair, now=clock.now)

    assert s.competition.stage == Stage.FINAL_RESULTS
    versions = service.versions_of(db, s.competition)
    assert [v.kind for v in versions] == ["provisional", "final"]
    assert path.is_file()
    result = runner.invoke(args=["verify-pdf", str(path)])
    assert result.exit_code == 0, result.output
    final = versions[-1]
    standings = sorted(r.standing for r in final.rows)
    assert standings == ["failed", "recommended", "reserve"]  # 7 = 7 split by the chair's record
    assert service.tie_decisions(db, s.competition)
