"""The proctor opens the room on the day: a recorded step, refused to others and at other times."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.competitions.models import Role, Stage
from exam.errors import Conflict, PermissionDenied
from exam.sitting import service
from tests.conftest import login
from tests.factories import appoint
from tests.sitting.helpers import PUBLIC_VALUE, seal, sitting_competition


def drawn(db, clock, **times):
    """Sealed and drawn, not yet open."""
    world = sitting_competition(db, now=clock.now, **times)
    seal(db, world, now=clock.now)
    service.enter_public_value(db, world["chair"], world["competition"], PUBLIC_VALUE,
                               now=clock.now - timedelta(days=2))
    return world


def test_the_proctor_opens_the_room_and_the_log_names_them(db, clock):
    world = drawn(db, clock)
    service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)
    assert world["competition"].stage == Stage.SITTING
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "competition.stage_changed")
                       .order_by(AuditEntry.seq.desc())).first()
    assert (entry.actor_id, '"opened_by":"proctor"' in entry.payload) == (world["proctor"].id, True)


def test_the_proctor_cannot_open_the_room_days_before_the_sitting(db, clock):
    world = drawn(db, clock, sitting_opens=clock.days(2), sitting_closes=clock.days(2) + timedelta(hours=3))
    with pytest.raises(Conflict, match="an hour before"):
        service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)


def test_the_proctor_may_open_the_room_an_hour_before_the_sitting(db, clock):
    world = drawn(db, clock, sitting_opens=clock.hours(1), sitting_closes=clock.hours(4))
    service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)
    assert world["competition"].stage == Stage.SITTING


def test_the_proctor_cannot_open_a_room_whose_sitting_has_ended(db, clock):
    world = drawn(db, clock, sitting_opens=clock.hours(-5), sitting_closes=clock.hours(-1))
    with pytest.raises(Conflict):
        service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)


def test_the_proctor_cannot_open_the_room_before_the_papers_are_drawn(db, clock):
    world = sitting_competition(db, now=clock.now)
    seal(db, world, now=clock.now)
    with pytest.raises(Conflict, match="draw the papers"):
        service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)


def test_an_examiner_cannot_open_the_room(db, clock):
    world = drawn(db, clock)
    examiner = appoint(db, world["competition"], Role.EXAMINER)
    with pytest.raises(PermissionDenied):
        service.open_sitting(db, examiner, world["competition"], now=clock.now)
    assert world["competition"].stage == Stage.PAPERS_SEALED


def test_the_proctor_moves_no_other_stage(db, clock):
    from exam.competitions import service as competitions

    world = drawn(db, clock)
    service.open_sitting(db, world["proctor"], world["competition"], now=clock.now)
    with pytest.raises(PermissionDenied):
        competitions.advance_stage(db, world["proctor"], world["competition"], now=clock.now)


def test_the_proctor_opens_the_room_from_the_live_board(db, client, clock):
    world = drawn(db, clock)
    cid = world["competition"].id
    login(client, world["proctor"])
    page = client.get(f"/manage/{cid}/sitting").get_data(as_text=True)
    assert "Mở phòng thi" in page
    answer = client.post(f"/manage/{cid}/test/open", data={"confirm": "y", "back": "board"})
    assert answer.headers["Location"].endswith(f"/manage/{cid}/sitting")
    db.refresh(world["competition"])
    assert world["competition"].stage == Stage.SITTING
