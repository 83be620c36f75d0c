"""Results on a real database: rules, priority points, ties, publication, versions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exam.audit.models import AuditEntry
from exam.competitions.models import Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.oversight import votes
from exam.oversight.models import BoardVote
from exam.presentation import gate
from exam.results import service
from exam.results.ranking import Standing
from tests.factories import make_user
from tests.results.helpers import PARTS, make_scene


def test_rules_are_validated_before_anything_is_stored(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    with pytest.raises(InvalidInput, match="pass mark"):
        service.set_result_rules(db, scene.chair, scene.competition, now=clock.now,
                                 parts=[{**PARTS[0], "pass_mark": "120"}])
    with pytest.raises(InvalidInput, match="not one of the parts"):
        service.set_result_rules(db, scene.chair, scene.competition, parts=PARTS,
                                 specialised_part="oral", now=clock.now)
    assert service.rules_for(db, scene.competition).tie_break_parts == ("specialised", "written")


def test_rules_and_priority_points_are_fixed_once_identities_are_revealed(db, clock):
    scene = make_scene(db, clock)
    with pytest.raises(Conflict, match="locked"):
        service.set_result_rules(db, scene.chair, scene.competition, parts=PARTS, now=clock.now)
    with pytest.raises(Conflict, match="revealed"):
        service.grant_priority(db, scene.chair, scene.competition, scene.app("Trần Đức Anh"),
                               category="thuong_binh", evidence="Giấy chứng nhận số 12/GCN",
                               now=clock.now)


def test_only_the_chair_or_secretary_sets_rules(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    with pytest.raises(PermissionDenied):
        service.set_result_rules(db, scene.member, scene.competition, parts=PARTS, now=clock.now)


def test_provisional_results_come_from_locked_marks_and_move_the_stage(db, clock):
    scene = make_scene(db, clock)
    version = service.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    assert scene.competition.stage == Stage.PROVISIONAL_RESULTS
    rows = {r.full_name: r for r in version.rows}
    assert rows["Nguyễn Thị Hương"].rank == 1
    assert rows["Nguyễn Thị Hương"].standing == Standing.RECOMMENDED
    assert rows["Nguyễn Thị Hương"].total == Decimal("165.00")
    # top written score but failed the specialised part: listed, not ranked
    assert rows["Lê Thị Ánh Tuyết"].rank is None
    assert rows["Lê Thị Ánh Tuyết"].standing == Standing.FAILED
    assert version.data_sha256 == service.canonical_sha256(version.data)
    assert version.reserve_expires_on.year in (clock.now.year, clock.now.year + 1)
    assert db.query(AuditEntry).filter_by(action="results.published").count() == 1


def test_results_wait_for_identities_to_be_revealed(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    with pytest.raises(Conflict, match="identities are revealed"):
        service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                            part_scores=scene.scores)


def test_priority_points_need_a_category_and_the_checked_document(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORES_LOCKED)
    viet = scene.app("Phạm Quốc Việt")
    with pytest.raises(InvalidInput, match="document"):
        service.grant_priority(db, scene.chair, scene.competition, viet, category="thuong_binh",
                               evidence="", now=clock.now)
    service.grant_priority(db, scene.chair, scene.competition, viet, category="thuong_binh",
                           evidence="Giấy chứng nhận thương binh số 123/GCN ngày 02/03/2010",
                           now=clock.now)
    scene.competition.stage = Stage.IDENTITIES_REVEALED
    ranked = {r.name: r for r in service.compute_ranking(db, scene.competition,
                                                         part_scores=scene.scores)}
    assert ranked["Phạm Quốc Việt"].priority_points == Decimal("5.00")
    assert ranked["Phạm Quốc Việt"].total == Decimal("127.00")


def test_a_tie_at_the_last_vacancy_blocks_publication_until_the_chair_decides(db, clock):
    tied = {"Nguyễn Thị Hương": (80, 80), "Trần Đức Anh": (80, 80),
            "Lê Thị Ánh Tuyết": (95, 40), "Phạm Quốc Việt": (60, 62)}
    scene = make_scene(db, clock, scores=tied)
    with pytest.raises(Conflict, match="tied"):
        service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                            part_scores=scene.scores)
    assert scene.competition.stage == Stage.IDENTITIES_REVEALED
    huong, anh = scene.app("Nguyễn Thị Hương"), scene.app("Trần Đức Anh")
    with pytest.raises(PermissionDenied):
        gate.record_tie_decision(db, scene.secretary, scene.competition, [anh.id, huong.id],
                                    reason="Biên bản họp Hội đồng số 5", now=clock.now,
                                    part_scores=scene.scores)
    decision = gate.open_collegial_vote(
        db, scene.chair, scene.competition, subject="tie", application_ids=[anh.id, huong.id],
        reasons="Hai ứng viên bằng điểm ở vị trí cuối cùng.", closes_at=clock.hours(2),
        now=clock.now, part_scores=scene.scores)
    vote = decision_vote(db, decision)
    anh_first = next(i for i, order in enumerate(decision.option_orders)
                     if order == [anh.id, huong.id])
    for member in (scene.chair, scene.secretary, scene.member):
        votes.cast_ballot(db, member, vote, anh_first, now=clock.now)
    gate.apply_decision(db, scene.secretary, decision, now=clock.now, part_scores=scene.scores)
    version = service.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    rows = {r.full_name: r for r in version.rows}
    assert rows["Trần Đức Anh"].standing == Standing.RECOMMENDED
    assert rows["Nguyễn Thị Hương"].standing == Standing.RESERVE


def test_republishing_keeps_both_versions(db, clock):
    scene = make_scene(db, clock)
    first = service.publish_provisional_results(db, scene.chair, scene.competition,
                                                now=clock.now, part_scores=scene.scores)
    changed = dict(scene.scores)
    anh = scene.app("Trần Đức Anh")
    changed[anh.id] = {"written": Decimal(95), "specialised": Decimal(90)}
    second = service.republish_provisional_results(
        db, scene.chair, scene.competition, reason="Phúc khảo bài thi viết của thí sinh 0002",
        now=clock.hours(1), part_scores=changed)
    assert [v.number for v in service.versions_of(db, scene.competition)] == [1, 2]
    assert second.supersedes_id == first.id
    assert {r.full_name: r.rank for r in first.rows}["Trần Đức Anh"] == 2
    assert {r.full_name: r.rank for r in second.rows}["Trần Đức Anh"] == 1


def test_final_results_wait_for_the_appeal_window(db, clock):
    scene = make_scene(db, clock)
    service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    with pytest.raises(Conflict, match="appeal window"):
        service.publish_final_results(db, scene.chair, scene.competition, now=clock.days(14),
                                      part_scores=scene.scores)
    final = service.publish_final_results(db, scene.chair, scene.competition,
                                          now=clock.days(15), part_scores=scene.scores)
    assert final.kind == "final"
    assert scene.competition.stage == Stage.FINAL_RESULTS


def test_a_candidate_sees_only_their_own_result(db, clock):
    scene = make_scene(db, clock)
    service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    huong = scene.app("Nguyễn Thị Hương")
    assert service.own_result(db, huong.user, huong).row.rank == 1
    with pytest.raises(PermissionDenied):
        service.own_result(db, make_user(db), huong)


def decision_vote(db, decision):
    return db.get(BoardVote, decision.vote_id)
