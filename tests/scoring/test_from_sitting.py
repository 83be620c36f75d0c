"""From the sitting to the code map: scripts come from exam.sitting's essay answers."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from exam.competitions.models import Role, Stage
from exam.errors import Conflict
from exam.scoring import service
from exam.scoring.models import AssignmentRole, ScriptIdentity
from exam.sitting import attempts
from exam.sitting import service as sitting
from tests.factories import appoint, make_user
from tests.scoring.helpers import assignments, give
from tests.sitting.helpers import open_sitting, sitting_competition


@pytest.fixture
def sat(db, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now, candidates=4), now=clock.now)
    competition = world["competition"]
    for n, application in enumerate(world["applications"]):
        attempt = attempts.start_attempt(db, application.user, competition, now=clock.now)
        essay = next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "essay")
        text = "Chương trình hành động gồm ba bước: rà soát, số hoá, công khai."
        if n == 0:
            text += f" Người viết: {application.user.full_name}."
        attempts.save_answer(db, application.user, attempt, essay.line.id, response=text,
                             is_flagged=False, client_seq=1, now=clock.now)
        attempts.submit_attempt(db, application.user, attempt, now=clock.now + timedelta(minutes=30))
    attempts.close_sitting(db, world["chair"], competition, now=competition.sitting_closes_at)
    return world


def test_scripts_copy_the_essay_answers_under_codes_and_flag_a_signed_answer(db, clock, sat):
    competition, chair = sat["competition"], sat["chair"]
    assert competition.stage == Stage.SCORING
    scripts = service.create_scripts(db, chair, competition, now=clock.now)
    answers = sitting.essay_answers(db, competition)
    assert len(scripts) == len(answers) == 4
    assert {s.answer_text for s in scripts} == {a.answer_text for a in answers}
    assert all(s.max_points == answers[0].max_points and s.rubric for s in scripts)
    identities = dict(db.execute(select(ScriptIdentity.script_id, ScriptIdentity.application_id)).all())
    assert sorted(identities.values()) == sorted(a.id for a in sat["applications"])
    flagged = service.flagged_scripts(db, chair, competition)
    assert len(flagged) == 1
    assert identities[flagged[0].id] == sat["applications"][0].id
    with pytest.raises(Conflict, match="already been made"):
        service.create_scripts(db, chair, competition, now=clock.now)


def test_a_whole_round_from_the_sitting_to_final_part_marks(db, clock, sat):
    competition, chair = sat["competition"], sat["chair"]
    scripts = service.create_scripts(db, chair, competition, now=clock.now)
    people = [appoint(db, competition, Role.EXAMINER, make_user(db, full_name=f"GK {i}"))
              for i in range(4)]
    panel = service.set_up_panel(db, chair, competition, part_key=scripts[0].part_key,
                                 chair=people[0], examiners=people[1:], now=clock.now)
    service.mask_passage(db, people[0], service.flagged_scripts(db, chair, competition)[0],
                         passage=sat["applications"][0].user.full_name, now=clock.now)
    for person in people[1:]:
        service.declare_conflicts(db, person, competition, conflict_ids=[], now=clock.now)
    service.assign_markers(db, chair, competition, panel, now=clock.now)
    for script in scripts:
        for a in assignments(db, script).values():
            give(db, a, "7", clock.now)
    service.lock_scores(db, chair, competition, now=clock.now)
    marks = service.final_part_marks(db, competition)
    assert {a.id for a in sat["applications"]} == set(marks)
    assert all(parts == {scripts[0].part_key: 7} for parts in marks.values())
    assert AssignmentRole.THIRD not in assignments(db, scripts[0])
