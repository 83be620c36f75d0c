import json
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.scoring import codes, service
from exam.scoring.models import (
    AssignmentDraw,
    AssignmentRole,
    FinalBasis,
    FinalMark,
    Mark,
    ScriptIdentity,
)
from tests.factories import make_admin, make_script
from tests.scoring.helpers import assignments, give, scene


def draw(db, s, clock, **kwargs):
    return service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now, **kwargs)


# ---------------------------------------------------------------- anonymous codes

def test_codes_are_random_and_carry_a_check_character():
    made = [codes.new_code() for _ in range(500)]
    assert len(set(made)) == 500
    assert all(codes.normalise(c) == c for c in made)
    numbers = sorted(int.from_bytes(c.encode(), "big") for c in made)
    assert len({b - a for a, b in zip(numbers, numbers[1:], strict=False)}) > 100  # not a sequence


def test_every_single_typing_mistake_is_caught():
    code = codes.new_code()
    for position in range(len(code)):
        for char in codes.ALPHABET:
            if char != code[position]:
                typo = code[:position] + char + code[position + 1:]
                assert codes.normalise(typo) is None, typo


def test_swapping_two_neighbours_is_caught_unless_their_values_sum_to_31():
    value = {c: i for i, c in enumerate(codes.ALPHABET)}
    code = codes.new_code()
    for i in range(len(code) - 1):
        a, b = code[i], code[i + 1]
        if a == b:
            continue
        swapped = code[:i] + b + a + code[i + 2:]
        caught = codes.normalise(swapped) is None
        assert caught or (value[a] + value[b]) % 31 == 0


def test_a_code_typed_loosely_is_still_understood():
    code = "0123456"
    full = code + codes.check_character(code)
    assert codes.normalise(f" {full[:4].lower()}-{full[4:]} ".replace("0", "o").replace("1", "l")) == full


# ---------------------------------------------------------------- panels, conflicts, the draw

def test_a_panel_needs_three_examiners_of_the_competition(db, clock):
    from tests.factories import appoint, make_board, make_competition, make_user

    competition = make_competition(db, stage=Stage.SCORING)
    chair = make_board(db, competition)[Role.CHAIR]
    people = [appoint(db, competition, Role.EXAMINER, make_user(db)) for _ in range(3)]
    outsider = make_user(db)
    with pytest.raises(InvalidInput, match="at least 3"):
        service.set_up_panel(db, chair, competition, part_key="essay", chair=people[0],
                             examiners=people[1:], now=clock.now)
    with pytest.raises(InvalidInput, match="appointed examiner"):
        service.set_up_panel(db, chair, competition, part_key="essay", chair=people[0],
                             examiners=[*people[1:], outsider], now=clock.now)
    with pytest.raises(PermissionDenied):
        service.set_up_panel(db, people[0], competition, part_key="essay", chair=people[0],
                             examiners=people, now=clock.now)


def test_two_distinct_examiners_per_script_and_never_the_chair(db, clock):
    s = scene(db, scripts=6, examiners=3)
    draw(db, s, clock)
    for script in s.scripts:
        pair = assignments(db, script)
        assert set(pair) == {AssignmentRole.FIRST, AssignmentRole.SECOND}
        assert pair[AssignmentRole.FIRST].examiner_id != pair[AssignmentRole.SECOND].examiner_id
        assert s.panel.chair_id not in {a.examiner_id for a in pair.values()}
    record = db.scalars(select(AuditEntry).where(AuditEntry.action == "scoring.markers_drawn")).one()
    assert "seed_sha256" in record.payload


def test_assignment_is_balanced_over_200_scripts_and_7_examiners():
    seed = bytes(range(32))
    plan = service.plan_assignment(seed, "essay", [(f"S{i:04d}", i) for i in range(200)],
                                   list(range(1, 8)), {})
    loads = Counter(e for pair in plan.values() for e in pair)
    assert sum(loads.values()) == 400
    assert len(loads) == 7
    assert max(loads.values()) - min(loads.values()) <= 1
    assert all(a != b for a, b in plan.values())


def test_balance_holds_through_the_database_draw(db, clock):
    s = scene(db, scripts=40, examiners=7)
    draw(db, s, clock)
    loads = Counter(a.examiner_id for script in s.scripts for a in assignments(db, script).values())
    assert max(loads.values()) - min(loads.values()) <= 1


def test_the_recorded_seed_reproduces_the_draw(db, clock):
    s = scene(db, scripts=12, examiners=4)
    recorded = draw(db, s, clock)
    identities = dict(db.execute(select(ScriptIdentity.script_id, ScriptIdentity.application_id)).all())
    again = service.plan_assignment(
        bytes.fromhex(recorded.seed_hex), "essay",
        [(script.code, identities[script.id]) for script in s.scripts],
        sorted(m.user_id for m in s.panel.members), {})
    for script in s.scripts:
        pair = assignments(db, script)
        assert again[script.code] == (pair[AssignmentRole.FIRST].examiner_id,
                                      pair[AssignmentRole.SECOND].examiner_id)


def test_a_declared_conflict_keeps_the_examiner_off_that_script_silently(db, clock):
    s = scene(db, scripts=6, examiners=4, declared=False)
    members = [m.user for m in s.panel.members]
    target = s.applications[0]
    service.declare_conflicts(db, members[0], s.competition, conflict_ids=[target.id],
                              now=clock.now)
    for member in members[1:]:
        service.declare_conflicts(db, member, s.competition, conflict_ids=[], now=clock.now)
    for seed in (b"a" * 32, b"b" * 32, b"c" * 32):
        plan = service.plan_assignment(seed, "essay", [(c.code, a.id) for c, a in
                                                       zip(s.scripts, s.applications, strict=True)],
                                       sorted(m.id for m in members), {members[0].id: {target.id}})
        assert members[0].id not in plan[s.scripts[0].code]
    draw(db, s, clock)
    assert members[0].id not in {a.examiner_id for a in assignments(db, s.scripts[0]).values()}
    work = service.work_for(db, members[0], s.competition)
    assert s.scripts[0].code not in {w.code for w in work}
    with pytest.raises(Conflict, match="closed"):
        service.candidates_for_declaration(db, members[0], s.competition)


def test_the_draw_waits_for_every_declaration(db, clock):
    s = scene(db, scripts=3, examiners=3, declared=False)
    with pytest.raises(Conflict, match="not declared"):
        draw(db, s, clock)


def test_too_many_conflicts_refuse_the_draw_with_nothing_written(db, clock):
    s = scene(db, scripts=3, examiners=3, declared=False)
    for member in [m.user for m in s.panel.members][:2]:
        service.declare_conflicts(db, member, s.competition, conflict_ids=[s.applications[0].id],
                                  now=clock.now)
    service.declare_conflicts(db, s.panel.members[2].user, s.competition, conflict_ids=[],
                              now=clock.now)
    with pytest.raises(Conflict, match="fewer than two examiners"):
        draw(db, s, clock)
    assert db.scalar(select(func.count()).select_from(AssignmentDraw)) == 0


# ---------------------------------------------------------------- identity leaks

def test_an_answer_naming_the_candidate_is_flagged_and_masked_before_the_draw(db, clock):
    s = scene(db, scripts=2)
    application = s.applications[0]
    text = (f"Tôi là {application.user.full_name.upper()}, CCCD {application.id_number}, "
            "đề xuất số hoá hồ sơ.")
    leaky = make_script(db, s.competition, application=application, answer_text=text)
    assert set(leaky.leak_kinds) == {"name", "id_number"}
    assert [x.code for x in service.flagged_scripts(db, s.chair, s.competition)] == [leaky.code]
    with pytest.raises(Conflict, match="mask or dismiss"):
        draw(db, s, clock)
    with pytest.raises(PermissionDenied, match="chair of this part's panel"):
        service.mask_passage(db, s.chair, leaky, passage=application.id_number, now=clock.now)
    service.mask_passage(db, s.panel.chair, leaky, passage=application.user.full_name.upper(),
                         now=clock.now)
    assert service.is_flagged(db, leaky)  # the ID number is still there
    service.mask_passage(db, s.panel.chair, leaky, passage=application.id_number, now=clock.now)
    assert not service.is_flagged(db, leaky)
    assert leaky.answer_text == text  # the candidate's own answer is untouched
    shown = service.shown_text(leaky)
    assert application.id_number not in shown
    assert "số hoá hồ sơ" in shown
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "scoring.passage_masked"))
    assert all(application.id_number not in e.payload for e in entries)
    draw(db, s, clock)


def test_the_panel_chair_masks_only_the_words_that_reveal_the_candidate(db, clock):
    from exam.scoring.seals import passage_digest

    s = scene(db, scripts=2)
    application = s.applications[0]
    name = application.user.full_name
    text = f"Giải pháp then chốt là số hoá hồ sơ. Người viết: {name}."
    leaky = make_script(db, s.competition, application=application, answer_text=text)
    clean = make_script(db, s.competition, application=s.applications[1],
                        answer_text="Giải pháp then chốt là số hoá hồ sơ.")
    chair = s.panel.chair
    with pytest.raises(Conflict, match="no identity flag"):
        service.mask_passage(db, chair, clean, passage="số hoá hồ sơ", now=clock.now)
    with pytest.raises(InvalidInput, match="reveals the candidate"):
        service.mask_passage(db, chair, leaky, passage="số hoá hồ sơ", now=clock.now)
    with pytest.raises(InvalidInput, match="not the text around them"):
        service.mask_passage(db, chair, leaky, passage=f"Người viết: {name}", now=clock.now)
    assert service.shown_text(leaky) == text
    redaction = service.mask_passage(db, chair, leaky, passage=name, now=clock.now)
    [entry] = db.scalars(select(AuditEntry).where(AuditEntry.action == "scoring.passage_masked"))
    assert json.loads(entry.payload)["passage_sealed"] == passage_digest(
        redaction.nonce, leaky.code, name)
    assert name not in entry.payload
    with pytest.raises(Conflict, match="flag is resolved"):
        service.mask_passage(db, chair, leaky, passage=name, now=clock.now)
    assert service.masked_passages(db, application) == [(leaky, redaction)]


def test_unaccented_name_and_candidate_number_are_caught():
    kinds = service.find_leaks("Em la nguyen van an, SBD 0007.", full_name="Nguyễn Văn An",
                               id_number="001085012345", candidate_number="0007")
    assert kinds == ["name", "candidate_number"]
    assert service.find_leaks("Năm 2007 và 10007 hồ sơ", full_name="Nguyễn Văn An",
                              id_number="001085012345", candidate_number="0007") == []


# ---------------------------------------------------------------- marking and reconciliation

@pytest.mark.parametrize(("second", "outcome"), [
    ("6", Decimal("5.50")),      # exactly 10 % of 10 apart: the mean
    ("5.99", Decimal("5.50")),   # just under: the mean, rounded half up
    ("6.01", None),              # just over: a third examiner
])
def test_reconciliation_at_under_and_over_the_threshold(db, clock, second, outcome):
    s = scene(db, scripts=1, examiners=3)
    draw(db, s, clock)
    script = s.scripts[0]
    pair = assignments(db, script)
    give(db, pair[AssignmentRole.FIRST], "5", clock.now)
    give(db, pair[AssignmentRole.SECOND], second, clock.now)
    state = service.group_state(db, script)
    if outcome is None:
        third = assignments(db, script)[AssignmentRole.THIRD]
        assert third.examiner_id not in {pair[r].examiner_id for r in pair}
        assert third.examiner_id != s.panel.chair_id
        assert state.status == "third"
        assert state.final is None
    else:
        assert state.final.mark == outcome
        assert state.final.basis == FinalBasis.MEAN
        assert AssignmentRole.THIRD not in assignments(db, script)


def test_the_pure_rule_at_the_threshold():
    rule = {"max_points": Decimal(100), "threshold_percent": Decimal(10)}
    assert service.reconcile(Decimal(60), Decimal(70), **rule) == Decimal("65.00")
    assert service.reconcile(Decimal(60), Decimal("69.99"), **rule) == Decimal("65.00")  # half up
    assert service.reconcile(Decimal(60), Decimal("70.01"), **rule) is None


def test_after_a_third_mark_the_chair_settles_with_a_reason_and_every_mark_is_kept(db, clock):
    s = scene(db, scripts=1, examiners=3)
    draw(db, s, clock)
    script = s.scripts[0]
    pair = assignments(db, script)
    give(db, pair[AssignmentRole.FIRST], "3", clock.now)
    give(db, pair[AssignmentRole.SECOND], "8", clock.now)
    with pytest.raises(Conflict, match="does not await"):
        service.settle_script(db, s.panel.chair, script, mark="5",
                              reason="Đã thảo luận với các giám khảo.", now=clock.now)
    third = assignments(db, script)[AssignmentRole.THIRD]
    give(db, third, "7", clock.now)
    assert service.group_state(db, script).status == "chair"
    with pytest.raises(PermissionDenied):
        service.settle_script(db, third.examiner, script, mark="7", reason="Tôi nghĩ là 7 điểm.",
                              now=clock.now)
    with pytest.raises(InvalidInput, match="reason"):
        service.settle_script(db, s.panel.chair, script, mark="7", reason="7", now=clock.now)
    final = service.settle_script(db, s.panel.chair, script, mark="7.5",
                                  reason="Bài làm đạt ý chính, lập luận khá.", now=clock.now)
    assert final.basis == FinalBasis.CHAIR
    assert final.mark == Decimal("7.50")
    assert sorted(m.total for m in db.scalars(select(Mark).where(Mark.is_submitted))) == \
        [Decimal(3), Decimal(7), Decimal(8)]


def test_draft_then_submit_and_a_submitted_mark_is_final(db, clock):
    s = scene(db, scripts=1)
    draw(db, s, clock)
    first = assignments(db, s.scripts[0])[AssignmentRole.FIRST]
    service.save_mark(db, first.examiner, first, points=["4", ""], submit=False, now=clock.now)
    with pytest.raises(InvalidInput, match="every criterion"):
        service.save_mark(db, first.examiner, first, points=["4", ""], submit=True, now=clock.now)
    with pytest.raises(InvalidInput, match="between 0 and 4"):
        service.save_mark(db, first.examiner, first, points=["4", "5"], submit=True, now=clock.now)
    service.save_mark(db, first.examiner, first, points=["4", "3.5"], comment="Khá",
                      submit=True, now=clock.now)
    assert service.last_mark(db, first).total == Decimal("7.5")
    with pytest.raises(Conflict, match="final"):
        service.save_mark(db, first.examiner, first, points=["6", "4"], submit=True, now=clock.now)
    assert db.scalar(select(func.count()).select_from(Mark)) == 2  # the draft is kept as well
    second = assignments(db, s.scripts[0])[AssignmentRole.SECOND]
    with pytest.raises(PermissionDenied):
        service.save_mark(db, first.examiner, second, points=["1", "1"], submit=True, now=clock.now)


# ---------------------------------------------------------------- lock, reveal, code map

def finish(db, s, clock, total="6"):
    draw(db, s, clock)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, total, clock.now)


def test_lock_waits_for_every_final_mark_and_then_freezes_marks(db, clock):
    s = scene(db, scripts=2)
    draw(db, s, clock)
    with pytest.raises(Conflict, match="2 scripts have no final mark"):
        service.lock_scores(db, s.chair, s.competition, now=clock.now)
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6", clock.now)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    assert s.competition.stage == Stage.SCORES_LOCKED
    a = assignments(db, s.scripts[0])[AssignmentRole.FIRST]
    with pytest.raises(Conflict, match="locked"):
        service.save_mark(db, a.examiner, a, points=["1", "1"], submit=False, now=clock.now)
    actions = set(db.scalars(select(AuditEntry.action)))
    assert {"scoring.scores_locked", "competition.stage_changed"} <= actions


def test_the_code_map_is_refused_to_everyone_before_the_lock_and_the_reveal(db, clock):
    s = scene(db, scripts=2)
    admin = make_admin(db)
    everyone = [admin, *s.board.values(), s.panel.chair, *(m.user for m in s.panel.members)]
    for person in everyone:
        with pytest.raises(PermissionDenied, match="sealed"):
            service.code_map(db, person, s.competition)
    with pytest.raises(Conflict, match="only after the scores are locked"):
        service.reveal_identities(db, s.chair, s.competition, now=clock.now)
    finish(db, s, clock)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    for person in everyone:
        with pytest.raises(PermissionDenied, match="sealed"):
            service.code_map(db, person, s.competition)
    with pytest.raises(PermissionDenied):
        service.reveal_identities(db, s.board[Role.BOARD_MEMBER], s.competition, now=clock.now)
    service.reveal_identities(db, s.chair, s.competition, now=clock.now)
    rows = service.code_map(db, s.board[Role.SECRETARY], s.competition)
    assert {r.full_name for r in rows} == {a.user.full_name for a in s.applications}
    for person in (admin, s.panel.chair):
        with pytest.raises(PermissionDenied, match="board"):
            service.code_map(db, person, s.competition)
    assert db.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "scoring.identities_revealed")) == 1


def test_final_part_marks_after_the_lock_only(db, clock):
    s = scene(db, scripts=2)
    extra = make_script(db, s.competition, application=s.applications[0], part_key="essay")
    s.scripts.append(extra)
    with pytest.raises(Conflict):
        service.final_part_marks(db, s.competition)
    finish(db, s, clock, total="6")
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    marks = service.final_part_marks(db, s.competition)
    assert marks == {s.applications[0].id: {"essay": Decimal(12)},
                     s.applications[1].id: {"essay": Decimal(6)}}


# ---------------------------------------------------------------- appeal re-marks

def test_a_remark_goes_to_new_examiners_and_supersedes_the_old_mark(db, clock):
    s = scene(db, scripts=2, examiners=5)
    finish(db, s, clock, total="5")
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    application, script = s.applications[0], s.scripts[0]
    before = {a.examiner_id for a in assignments(db, script).values()}
    with pytest.raises(PermissionDenied):
        service.start_remark(db, s.panel.members[0].user, s.competition, application.id, "essay",
                             now=clock.now)
    service.start_remark(db, s.chair, s.competition, application.id, "essay", now=clock.now)
    with pytest.raises(Conflict, match="already under way"):
        service.start_remark(db, s.chair, s.competition, application.id, "essay", now=clock.now)
    fresh = assignments(db, script, remark=True)
    assert set(fresh) == {AssignmentRole.FIRST, AssignmentRole.SECOND}
    assert not {a.examiner_id for a in fresh.values()} & before
    assert service.remark_outcome(db, s.competition, application.id, "essay") is None
    give(db, fresh[AssignmentRole.FIRST], "8", clock.now)
    assert service.final_part_marks(db, s.competition)[application.id]["essay"] == Decimal(5)
    give(db, fresh[AssignmentRole.SECOND], "9", clock.now)
    assert service.remark_outcome(db, s.competition, application.id, "essay") == Decimal("8.50")
    assert service.final_part_marks(db, s.competition)[application.id]["essay"] == Decimal("8.50")
    assert [f.mark for f in db.scalars(select(FinalMark).where(FinalMark.script_id == script.id)
                                       .order_by(FinalMark.id))] == [Decimal(5), Decimal("8.50")]


def test_a_remark_discrepancy_goes_to_an_examiner_who_never_marked_it(db, clock):
    s = scene(db, scripts=1, examiners=5)
    finish(db, s, clock, total="5")
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    script = s.scripts[0]
    service.start_remark(db, s.chair, s.competition, s.applications[0].id, "essay", now=clock.now)
    fresh = assignments(db, script, remark=True)
    give(db, fresh[AssignmentRole.FIRST], "2", clock.now)
    give(db, fresh[AssignmentRole.SECOND], "9", clock.now)
    third = assignments(db, script, remark=True)[AssignmentRole.THIRD]
    earlier = {a.examiner_id for a in assignments(db, script).values()}
    assert third.examiner_id not in earlier | {a.examiner_id for a in fresh.values()}
    give(db, third, "8", clock.now)
    service.settle_script(db, s.panel.chair, script, mark="8",
                          reason="Hai giám khảo phúc khảo lệch nhiều; chọn điểm 8.", now=clock.now)
    assert service.remark_outcome(db, s.competition, s.applications[0].id, "essay") == Decimal(8)


# ---------------------------------------------------------------- calibration, warnings, summary

def test_sample_marks_do_not_count_and_are_shared_only_after_marking(db, clock):
    s = scene(db, scripts=1)
    sample = service.add_calibration_script(
        db, s.chair, s.competition, s.panel, prompt="Bài mẫu", answer_text="Câu trả lời mẫu.",
        rubric=[{"name": "Nội dung", "max_points": "10"}], now=clock.now)
    members = [m.user for m in s.panel.members]
    mine = service.get_assignment(db, members[0], s.competition, sample)
    other = service.get_assignment(db, members[1], s.competition, sample)
    service.save_mark(db, members[1], other, points=["9"], submit=True, now=clock.now)
    assert service.calibration_marks(db, members[0], sample) == []
    service.save_mark(db, members[0], mine, points=["4"], submit=True, now=clock.now)
    assert sorted(m.total for _, m in service.calibration_marks(db, members[0], sample)) == \
        [Decimal(4), Decimal(9)]
    assert service.scoring_summary(db, s.competition)["scripts"] == 1
    finish(db, s, clock)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)  # the sample needs no final


def test_a_small_part_warns_that_anonymity_is_weak(db, clock):
    s = scene(db, scripts=3)
    assert any("only 3 scripts" in w for w in service.anonymity_warnings(db, s.competition))
    big = scene(db, scripts=8)
    assert service.anonymity_warnings(db, big.competition) == []


def test_essay_questions_drawn_per_candidate_warn_that_the_prompt_may_tell_who_wrote(db, clock):
    s = scene(db, scripts=8)
    assert service.anonymity_warnings(db, s.competition) == []
    for n, script in enumerate(s.scripts):
        script.item_key = "essay-shared" if n < 6 else f"essay-rare-{n}"
    db.flush()
    assert any("2 essay questions were answered by fewer than 5" in w
               for w in service.anonymity_warnings(db, s.competition))


def test_examiners_who_know_many_candidates_raise_a_warning(db, clock):
    s = scene(db, scripts=8, declared=False)
    known = [a.id for a in s.applications[:3]]
    service.declare_conflicts(db, s.panel.members[0].user, s.competition, conflict_ids=[],
                              known_ids=known, now=clock.now)
    assert any("know a quarter" in w for w in service.anonymity_warnings(db, s.competition))


def test_summary_counts_what_the_board_must_follow(db, clock):
    s = scene(db, scripts=3, examiners=3)
    draw(db, s, clock)
    a, b, c = s.scripts
    for script, totals in ((a, ("5", "5")), (b, ("1", "9"))):
        pair = assignments(db, script)
        give(db, pair[AssignmentRole.FIRST], totals[0], clock.now)
        give(db, pair[AssignmentRole.SECOND], totals[1], clock.now)
    summary = service.scoring_summary(db, s.competition)
    assert (summary["scripts"], summary["final"], summary["third"], summary["awaiting_marks"],
            summary["discrepancies"], summary["pending"]) == (3, 1, 1, 1, 1, 2)


def test_the_bulk_state_agrees_with_the_state_of_each_script(db, clock):
    s = scene(db, scripts=4, examiners=5)
    draw(db, s, clock)
    for script, totals in zip(s.scripts, (("5", "5"), ("1", "9"), ("2", None), (None, None)),
                              strict=True):
        pair = assignments(db, script)
        for role, total in zip((AssignmentRole.FIRST, AssignmentRole.SECOND), totals, strict=True):
            if total is not None:
                give(db, pair[role], total, clock.now)
    give(db, assignments(db, s.scripts[1])[AssignmentRole.THIRD], "6", clock.now)
    bulk = service.states_of(db, s.competition)
    for script in s.scripts:
        assert bulk[script.id][0] == service.group_state(db, script,
                                                         service.current_remark(db, script))
    assert [bulk[x.id][0].status for x in s.scripts] == ["final", "chair", "awaiting_marks",
                                                         "awaiting_marks"]


def test_anyone_can_recompute_the_draw_and_an_edited_assignment_is_named(db, clock):
    s = scene(db, scripts=8, examiners=4)
    draw(db, s, clock)
    assert service.verify_draws(db, s.competition) == []
    first = assignments(db, s.scripts[3])[AssignmentRole.FIRST]
    idle = next(m.user_id for m in s.panel.members
                if m.user_id not in {a.examiner_id for a in assignments(db, s.scripts[3]).values()})
    first.examiner_id = idle
    db.flush()
    [problem] = service.verify_draws(db, s.competition)
    assert codes.display(s.scripts[3].code) in problem


def test_the_cli_verifies_the_examiner_draw(db, clock, runner):
    s = scene(db, scripts=6, examiners=3)
    draw(db, s, clock)
    result = runner.invoke(args=["scoring", "verify-assignment", str(s.competition.id)])
    assert result.exit_code == 0, result.output
    assert "6 scripts" in result.output
    assignments(db, s.scripts[0])[AssignmentRole.FIRST].examiner_id = s.panel.chair_id
    db.flush()
    result = runner.invoke(args=["scoring", "verify-assignment", str(s.competition.id)])
    assert result.exit_code == 1
    assert codes.display(s.scripts[0].code) in result.output


def test_a_remark_needs_fresh_declared_examiners_and_the_board_can_add_one(db, clock):
    from tests.factories import appoint, make_user

    s = scene(db, scripts=1, examiners=3)
    finish(db, s, clock, total="5")
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    application = s.applications[0]
    with pytest.raises(Conflict, match="add examiners"):
        service.start_remark(db, s.chair, s.competition, application.id, "essay", now=clock.now)
    newcomers = [appoint(db, s.competition, Role.EXAMINER, make_user(db, full_name=f"Mới {i}"))
                 for i in range(2)]
    for person in newcomers:
        service.add_panel_examiner(db, s.chair, s.competition, s.panel, person, now=clock.now)
    with pytest.raises(Conflict, match="declared"):
        service.start_remark(db, s.chair, s.competition, application.id, "essay", now=clock.now)
    for person in newcomers:
        service.declare_conflicts(db, person, s.competition, conflict_ids=[], now=clock.now)
    before = {a.examiner_id for a in assignments(db, s.scripts[0]).values()}
    service.start_remark(db, s.chair, s.competition, application.id, "essay", now=clock.now)
    chosen = {a.examiner_id for a in assignments(db, s.scripts[0], remark=True).values()}
    assert len(chosen) == 2
    assert not chosen & before
    assert chosen & {p.id for p in newcomers}


def test_a_board_member_cannot_sit_on_a_panel(db, clock):
    s = scene(db, scripts=1, examiners=3)
    member = s.board[Role.BOARD_MEMBER]
    from tests.factories import appoint

    appoint(db, s.competition, Role.EXAMINER, member)
    examiners = [m.user for m in s.panel.members]
    with pytest.raises(InvalidInput, match="Board members"):
        service.set_up_panel(db, s.chair, s.competition, part_key="essay2", chair=examiners[0],
                             examiners=[*examiners[1:], member], now=clock.now)
    with pytest.raises(InvalidInput, match="Board members"):
        service.add_panel_examiner(db, s.chair, s.competition, s.panel, member, now=clock.now)


def test_the_board_is_told_which_parts_still_need_a_panel(db, clock):
    s = scene(db, scripts=2)
    make_script(db, s.competition, application=s.applications[0], part_key="C")
    assert service.parts_without_panel(db, s.competition) == ["C"]
