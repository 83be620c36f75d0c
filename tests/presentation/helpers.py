"""A competition at the presentation round: identities revealed, a presentation panel of three."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from exam.competitions.models import Role, Stage
from exam.presentation import service as presentation
from exam.scoring import service as scoring
from exam.scoring.models import PRESENTATION
from tests.factories import appoint, make_user
from tests.scoring.helpers import scene


@dataclass
class Round:
    competition: object
    board: dict
    members: list  # the presentation panel: its chair first
    applications: list

    @property
    def chair(self):
        return self.board[Role.CHAIR]

    @property
    def secretary(self):
        return self.board[Role.SECRETARY]


def presentation_round(db, clock, *, candidates=3, members=3, rule="spread", quorum=3,
                       deadline=None) -> Round:
    s = scene(db, scripts=candidates)
    people = [appoint(db, s.competition, Role.EXAMINER, make_user(db, full_name=name))
              for name in ["Hà Minh Chủ", "Vương Thu Trình", "Khổng Đức Bày", "Lã Thị Hỏi"][:members]]
    scoring.set_up_panel(db, s.chair, s.competition, part_key=PRESENTATION, chair=people[0],
                         examiners=people[1:], now=clock.days(-3))
    presentation.set_presentation_rules(
        db, s.chair, s.competition, scoring_rule=rule, panel_quorum=quorum, min_candidates=2,
        tie_fallback="revote", programme_deadline=deadline or clock.days(-1) - timedelta(hours=1),
        now=clock.days(-3))
    s.competition.stage = Stage.IDENTITIES_REVEALED
    db.flush()
    return Round(s.competition, s.board, people, s.applications)


def score(db, round_, application, scores, clock, members=None):
    for member, value in zip(members or round_.members, scores, strict=True):
        scoring.submit_presentation_score(db, member, round_.competition, application.id,
                                          score=value, now=clock.now)


def state(db, round_, application):
    _panel, rows = scoring.presentation_sheet(db, round_.members[0], round_.competition)
    return {a.id: st for a, st in rows}[application.id]
