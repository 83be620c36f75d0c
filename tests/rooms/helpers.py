"""A competition sat in two rooms, seats drawn, the sitting open."""

from __future__ import annotations

from exam.competitions.models import Role
from exam.rooms import service as rooms
from tests.factories import appoint
from tests.sitting.helpers import open_sitting, sitting_competition

SEED = bytes(range(100, 132))


def roomed_world(session, *, now, candidates=5, sitting_opens=None, sitting_closes=None,
                 session_starts=(None, None)):
    """Room A101 in session 1 and room B202 in session 1, or in session 2 when
    ``session_starts`` gives the rooms different start times."""
    world = open_sitting(session, sitting_competition(
        session, now=now, candidates=candidates, sitting_opens=sitting_opens,
        sitting_closes=sitting_closes), now=now)
    competition, chair = world["competition"], world["chair"]
    starts_a, starts_b = session_starts
    room_a = rooms.add_room(session, chair, competition, code="A101", name="Phòng A101, nhà A",
                            capacity=3, session_starts_at=starts_a, now=now)
    room_b = rooms.add_room(session, chair, competition, code="B202", name="Phòng B202, nhà B",
                            capacity=3, session_starts_at=starts_b,
                            session_number=2 if starts_b and starts_b != starts_a else 1,
                            now=now)
    other_proctor = appoint(session, competition, Role.PROCTOR)
    rooms.appoint_room_proctor(session, chair, competition, room_a, world["proctor"], now=now)
    rooms.appoint_room_proctor(session, chair, competition, room_b, other_proctor, now=now)
    rooms.draw_seats(session, chair, competition, now=now, seed=SEED)
    world.update(room_a=room_a, room_b=room_b, other_proctor=other_proctor)
    return world


def proctor_of(session, world, application):
    seat = rooms.seat_of(session, application)
    return world["proctor"] if seat.room_id == world["room_a"].id else world["other_proctor"]
