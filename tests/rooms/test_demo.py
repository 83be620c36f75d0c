"""`thituyen demo` has a competition sat in two rooms, with photographs, a SEB file and a\npractice paper."""

from __future__ import annotations

import pytest

from exam.rooms import seb
from exam.rooms import service as rooms


@pytest.mark.slow
def test_the_demo_has_a_competition_in_two_rooms_with_photographs(app, db):
    from exam.demo import run_demo

    made = run_demo(db, candidates=6)
    live = made["competitions"][0]
    db.flush()
    listed = rooms.rooms_of(db, live)
    assert [(room.session_number, room.code) for room in listed] == [(1, "A101"), (2, "B203")]
    assert listed[1].session_starts_at > listed[0].session_starts_at
    assert all(room.proctors for room in listed)
    from exam.registration import service as registration

    for application in registration.accepted_candidates(db, live):
        assert rooms.photo_of(db, application) is not None
    from exam.rooms import practice

    assert len(practice.items_of(db, live)) == 4
    rule = seb.rule_of(db, live)
    assert rule is not None
    assert not rule.is_required
    assert len(rule.config_key) == 64
