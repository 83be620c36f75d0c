import pytest

from exam.audit.models import AuditEntry
from exam.competitions import service
from exam.competitions.models import STAGE_ORDER, Role, Stage
from exam.errors import Conflict, InvalidInput, PermissionDenied
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_board,
    make_competition,
    make_user,
)


def test_administrator_creates_a_draft_and_the_log_records_it(db, clock):
    admin = make_admin(db)
    competition = service.create_competition(
        db, admin, now=clock.now, title="Thi tuyển Chánh Văn phòng", post="Chánh Văn phòng",
        unit="Sở Tư pháp", vacancies=1)
    assert competition.stage == Stage.DRAFT
    entry = db.query(AuditEntry).filter_by(action="competition.created").one()
    assert entry.competition_id == competition.id
    assert entry.actor_id == admin.id


def test_only_the_administrator_creates_competitions(db, clock):
    with pytest.raises(PermissionDenied):
        service.create_competition(db, make_user(db), now=clock.now, title="T", post="P",
                                   unit="U", vacancies=1)


def test_a_timeline_out_of_order_is_refused(db, clock):
    with pytest.raises(InvalidInput, match="timeline"):
        service.create_competition(
            db, make_admin(db), now=clock.now, title="T", post="P", unit="U", vacancies=1,
            registration_opens_at=clock.days(5), registration_closes_at=clock.days(1))


@pytest.mark.parametrize("current", STAGE_ORDER)
@pytest.mark.parametrize("target", STAGE_ORDER)
def test_every_transition_but_the_next_one_is_refused(db, clock, current, target):
    competition = make_competition(db, stage=current, registration_closes_at=clock.days(-1),
                                   registration_opens_at=clock.days(-20))
    chair = make_board(db, competition)[Role.CHAIR]
    index = STAGE_ORDER.index(current)
    is_next = index + 1 < len(STAGE_ORDER) and STAGE_ORDER[index + 1] == target
    if is_next and target not in service.DOMAIN_ACTION_STAGES:
        if target in (Stage.REGISTRATION_CLOSED, Stage.ELIGIBILITY_REVIEWED):
            make_application(db, competition, status="accepted")
            make_application(db, competition, user=make_user(db), status="accepted")
        service.enter_stage(db, chair, competition, target, now=clock.now)
        assert competition.stage == target
    elif is_next:
        with pytest.raises(Conflict, match="its own action"):
            service.enter_stage(db, chair, competition, target, now=clock.now)
        assert competition.stage == current
    else:
        with pytest.raises(Conflict):
            service.enter_stage(db, chair, competition, target, now=clock.now)
        assert competition.stage == current


def test_a_domain_action_may_enter_its_stage(db, clock):
    competition = make_competition(db, stage=Stage.ELIGIBILITY_REVIEWED)
    chair = make_board(db, competition)[Role.CHAIR]
    service.enter_stage(db, chair, competition, Stage.PAPERS_SEALED, now=clock.now,
                        via_domain_action=True)
    assert competition.stage == Stage.PAPERS_SEALED


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.EXAMINER, Role.PROCTOR,
                                  Role.QUESTION_AUTHOR])
def test_only_chair_or_secretary_moves_stages(db, clock, role):
    competition = make_competition(db, stage=Stage.DRAFT)
    make_board(db, competition)
    person = appoint(db, competition, role)
    with pytest.raises(PermissionDenied):
        service.advance_stage(db, person, competition, now=clock.now)
    with pytest.raises(PermissionDenied):
        service.advance_stage(db, make_admin(db), competition, now=clock.now)
    assert competition.stage == Stage.DRAFT


def test_registration_cannot_close_before_the_deadline(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_OPEN,
                                   registration_closes_at=clock.days(2))
    chair = make_board(db, competition)[Role.CHAIR]
    make_application(db, competition)
    make_application(db, competition, user=make_user(db))
    with pytest.raises(Conflict, match="deadline"):
        service.advance_stage(db, chair, competition, now=clock.now)
    service.advance_stage(db, chair, competition, now=clock.days(3))
    assert competition.stage == Stage.REGISTRATION_CLOSED


def test_eligibility_review_needs_every_application_decided(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_CLOSED)
    chair = make_board(db, competition)[Role.CHAIR]
    make_application(db, competition, status="accepted")
    make_application(db, competition, user=make_user(db), status="submitted")
    with pytest.raises(Conflict, match="1 applications still await"):
        service.advance_stage(db, chair, competition, now=clock.now)


def test_opening_registration_needs_a_timeline_and_a_chair(db, clock):
    competition = make_competition(db, stage=Stage.DRAFT, sitting_closes_at=None)
    secretary = appoint(db, competition, Role.SECRETARY)
    with pytest.raises(Conflict, match="timeline"):
        service.advance_stage(db, secretary, competition, now=clock.now)
    competition.sitting_closes_at = clock.days(21)
    with pytest.raises(Conflict, match="chair"):
        service.advance_stage(db, secretary, competition, now=clock.now)
    appoint(db, competition, Role.CHAIR)
    service.advance_stage(db, secretary, competition, now=clock.now)
    assert competition.stage == Stage.REGISTRATION_OPEN


def test_a_suspended_competition_changes_no_stage(db, clock):
    competition = make_competition(db, stage=Stage.DRAFT, is_suspended=True)
    chair = make_board(db, competition)[Role.CHAIR]
    with pytest.raises(Conflict, match="suspended"):
        service.advance_stage(db, chair, competition, now=clock.now)


def test_a_candidate_cannot_be_appointed_to_staff(db, clock):
    competition = make_competition(db)
    admin = make_admin(db)
    candidate = make_application(db, competition).user
    with pytest.raises(Conflict, match="cannot serve"):
        service.appoint(db, admin, competition, candidate, Role.EXAMINER, now=clock.now)


def test_the_chair_appoints_staff_but_not_the_board(db, clock):
    competition = make_competition(db)
    chair = make_board(db, competition)[Role.CHAIR]
    examiner = make_user(db)
    service.appoint(db, chair, competition, examiner, Role.EXAMINER, now=clock.now)
    with pytest.raises(PermissionDenied):
        service.appoint(db, chair, competition, make_user(db), Role.BOARD_MEMBER, now=clock.now)


def test_rules_are_frozen_after_the_draft(db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_OPEN)
    chair = make_board(db, competition)[Role.CHAIR]
    with pytest.raises(Conflict, match="draft"):
        service.update_rules(db, chair, competition, now=clock.now, vacancies=3)
    assert competition.vacancies == 1
