"""Objections and re-mark appeals: windows, reasons, and a changed mark that republishes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from exam.appeals import service
from exam.appeals.models import AppealStatus, ObjectionStatus
from exam.competitions.models import Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.results import service as results
from exam.results import sheets
from exam.scoring import service as scoring
from exam.scoring.models import AssignmentRole
from tests.results.helpers import make_scene
from tests.scoring.helpers import assignments, give
from tests.scoring.helpers import scene as scoring_scene

BASE = "http://testserver"


def test_an_objection_is_accepted_only_inside_its_window(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    huong = scene.app("Nguyễn Thị Hương")
    closes = scene.competition.sitting_closes_at
    with pytest.raises(Conflict, match="3 days"):
        service.file_objection(db, huong.user, huong, item_key="Q-07",
                               reason="Phương án B mới đúng theo Luật 2025.",
                               now=closes - timedelta(minutes=1))
    with pytest.raises(Conflict):
        service.file_objection(db, huong.user, huong, item_key="Q-07",
                               reason="Phương án B mới đúng theo Luật 2025.",
                               now=closes + timedelta(days=3))
    objection = service.file_objection(db, huong.user, huong, item_key="Q-07",
                                       reason="Phương án B mới đúng theo Luật 2025.",
                                       now=closes + timedelta(days=2))
    assert objection.status == ObjectionStatus.PENDING
    with pytest.raises(Conflict, match="already"):
        service.file_objection(db, huong.user, huong, item_key="Q-07",
                               reason="Một lần nữa, phương án B.", now=closes + timedelta(days=2))


def test_only_the_candidate_objects_for_their_application(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    huong, anh = scene.app("Nguyễn Thị Hương"), scene.app("Trần Đức Anh")
    with pytest.raises(PermissionDenied):
        service.file_objection(db, anh.user, huong, item_key="Q-07",
                               reason="Phương án B mới đúng.",
                               now=scene.competition.sitting_closes_at + timedelta(hours=1))


def test_a_rejected_objection_is_published_with_its_reason(db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    huong = scene.app("Nguyễn Thị Hương")
    objection = service.file_objection(db, huong.user, huong, item_key="Q-07",
                                       reason="Phương án B mới đúng theo Luật 2025.",
                                       now=scene.competition.sitting_closes_at + timedelta(hours=1))
    with pytest.raises(InvalidInput, match="reason"):
        service.decide_objection(db, scene.chair, objection, uphold=False, reason="",
                                 now=clock.now)
    with pytest.raises(InvalidInput, match="corrected or neutralised"):
        service.decide_objection(db, scene.chair, objection, uphold=True, action="delete",
                                 reason="Đáp án sai theo văn bản mới.", now=clock.now)
    service.decide_objection(db, scene.chair, objection, uphold=False,
                             reason="Luật 2025 chưa có hiệu lực vào ngày ra đề.", now=clock.now)
    (published,) = service.decided_objections(db, scene.competition)
    assert published.status == ObjectionStatus.REJECTED
    assert published.decision_reason == "Luật 2025 chưa có hiệu lực vào ngày ra đề."


def test_re_mark_requests_only_during_the_appeal_window(db, clock):
    scene = make_scene(db, clock)
    huong = scene.app("Nguyễn Thị Hương")
    with pytest.raises(Conflict, match="15 days"):
        service.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                   reason="Bài làm đủ ý nhưng bị chấm thấp.", now=clock.now)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    with pytest.raises(Conflict):
        service.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                   reason="Bài làm đủ ý nhưng bị chấm thấp.", now=clock.days(15))
    with pytest.raises(InvalidInput, match="Unknown part"):
        service.file_remark_appeal(db, huong.user, huong, part_key="oral",
                                   reason="Bài làm đủ ý nhưng bị chấm thấp.", now=clock.days(1))
    appeal = service.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                        reason="Bài làm đủ ý nhưng bị chấm thấp.",
                                        now=clock.days(1))
    refused = service.answer_remark_appeal(db, scene.chair, appeal, grant=False,
                                           reason="Đơn không nêu căn cứ cụ thể nào.",
                                           now=clock.days(2))
    assert refused.status == AppealStatus.REFUSED
    assert refused.answer == "Đơn không nêu căn cứ cụ thể nào."


def test_pending_appeals_hold_back_the_final_result(db, clock):
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    huong = scene.app("Nguyễn Thị Hương")
    service.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                               reason="Bài làm đủ ý nhưng bị chấm thấp.", now=clock.days(1))
    with pytest.raises(Conflict, match="await"):
        results.publish_final_results(db, scene.chair, scene.competition, now=clock.days(16),
                                      part_scores=scene.scores)


def _locked_and_revealed(db, clock):
    """Two essays double-marked blind (5 and 6 of 10), locked, identities revealed."""
    s = scoring_scene(db, scripts=2, examiners=5)
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for script, total in zip(s.scripts, ("5", "6"), strict=True):
        for assignment in assignments(db, script).values():
            give(db, assignment, total, clock.now)
    results.set_result_rules(db, s.chair, s.competition, now=clock.now, parts=[
        {"key": "essay", "title": "Đề án", "max_points": "10", "weight": "1"}],
        specialised_part="essay")
    scoring.lock_scores(db, s.chair, s.competition, now=clock.now)
    scoring.reveal_identities(db, s.chair, s.competition, now=clock.now)
    return s


def test_an_appeal_that_changes_a_mark_republishes_and_the_old_sheet_stays_genuine(
        db, clock, signing_key, roots, sheet_folder):
    s = _locked_and_revealed(db, clock)
    options = {"key": signing_key, "folder": sheet_folder, "base_url": BASE,
               "organization": "Sở Nội vụ"}
    first = results.publish_provisional_results(db, s.chair, s.competition, now=clock.now)
    old_sheet = sheets.sign_result_sheet(db, s.chair, first, now=clock.now, **options)
    old_pdf = sheets.sheet_file(old_sheet, sheet_folder)
    ranks = {r.candidate_number: r.rank for r in first.rows}
    assert ranks == {"0002": 1, "0001": 2}

    candidate = s.applications[0]
    appeal = service.file_remark_appeal(db, candidate.user, candidate, part_key="essay",
                                        reason="Tôi cho rằng bài đề án bị chấm thiếu ý.",
                                        now=clock.days(1))
    service.answer_remark_appeal(db, s.chair, appeal, grant=True,
                                 reason="Chấp nhận; bài sẽ được hai giám khảo mới chấm lại.",
                                 now=clock.days(1))
    assert appeal.status == AppealStatus.REMARKING
    with pytest.raises(Conflict, match="not finished"):
        service.decide_remark_appeal(db, s.chair, appeal, reason="Giữ nguyên điểm cũ.",
                                     now=clock.days(2))
    fresh = assignments(db, s.scripts[0], remark=True)
    give(db, fresh[AssignmentRole.FIRST], "8", clock.days(2))
    give(db, fresh[AssignmentRole.SECOND], "9", clock.days(2))

    second = service.decide_remark_appeal(
        db, s.chair, appeal, reason="Hai giám khảo phúc khảo cho 8,5 điểm; điểm được điều chỉnh.",
        now=clock.days(3))
    assert appeal.old_mark == Decimal("5.00")
    assert appeal.new_mark == Decimal("8.50")
    assert second.number == 2
    assert second.supersedes_id == first.id
    assert {r.candidate_number: r.rank for r in second.rows} == {"0001": 1, "0002": 2}
    new_sheet = sheets.sign_result_sheet(db, s.chair, second, now=clock.days(3), **options)

    old = sheets.check_pdf(db, old_pdf, roots, signing_key.certificate_sha256)
    assert old.is_genuine
    assert old.superseded_by.id == second.id
    new = sheets.check_pdf(db, sheets.sheet_file(new_sheet, sheet_folder), roots,
                           signing_key.certificate_sha256)
    assert new.is_genuine
    assert new.superseded_by is None
    assert [v.number for v in results.versions_of(db, s.competition)] == [1, 2]
    assert {r.candidate_number: r.rank for r in first.rows} == {"0002": 1, "0001": 2}


def test_an_unchanged_re_mark_keeps_the_published_version(db, clock):
    s = _locked_and_revealed(db, clock)
    results.publish_provisional_results(db, s.chair, s.competition, now=clock.now)
    candidate = s.applications[1]
    appeal = service.file_remark_appeal(db, candidate.user, candidate, part_key="essay",
                                        reason="Tôi đề nghị chấm lại phần đề án.",
                                        now=clock.days(1))
    service.answer_remark_appeal(db, s.chair, appeal, grant=True,
                                 reason="Chấp nhận đơn phúc khảo theo quy chế.", now=clock.days(1))
    fresh = assignments(db, s.scripts[1], remark=True)
    give(db, fresh[AssignmentRole.FIRST], "6", clock.days(2))
    give(db, fresh[AssignmentRole.SECOND], "6", clock.days(2))
    assert service.decide_remark_appeal(db, s.chair, appeal, reason="Điểm phúc khảo giữ nguyên 6.",
                                        now=clock.days(3)) is None
    assert appeal.status == AppealStatus.DECIDED
    assert len(results.versions_of(db, s.competition)) == 1


def test_a_suspended_competition_freezes_every_decision_on_appeals(db, clock):
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    huong = scene.app("Nguyễn Thị Hương")
    appeal = service.file_remark_appeal(db, huong.user, huong, part_key="specialised",
                                        reason="Bài làm đủ ý nhưng bị chấm thấp.",
                                        now=clock.days(1))
    objection = service.file_objection(db, huong.user, huong, item_key="Q-07",
                                       reason="Phương án B mới đúng theo Luật 2025.",
                                       now=scene.competition.sitting_closes_at
                                       + timedelta(hours=1))
    scene.competition.is_suspended = True
    db.flush()
    with pytest.raises(Conflict, match="suspended"):
        service.answer_remark_appeal(db, scene.chair, appeal, grant=False,
                                     reason="Bài đã được chấm đúng đáp án.", now=clock.days(2))
    with pytest.raises(Conflict, match="suspended"):
        service.decide_objection(db, scene.chair, objection, uphold=False,
                                 reason="Luật 2025 chưa có hiệu lực vào ngày ra đề.",
                                 now=clock.days(2))
    with pytest.raises(Conflict, match="suspended"):
        results.republish_provisional_results(db, scene.chair, scene.competition,
                                              reason="Sửa điểm sau phúc khảo.", now=clock.days(2),
                                              part_scores=scene.scores)
    assert appeal.status == AppealStatus.FILED
    assert objection.status == ObjectionStatus.PENDING
    assert len(results.versions_of(db, scene.competition)) == 1
