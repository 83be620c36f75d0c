"""`thituyen demo` leaves one competition filled in ranking order and another where the
authority departed from the ranking, its reasons on the public page."""

from __future__ import annotations

import pytest

from exam.appointment.demo import DEPARTURE_REASONS


@pytest.mark.slow
def test_demo_shows_an_appointment_in_order_and_one_departing_with_reasons(app, client, db):
    from exam.demo import run_demo

    made = run_demo(db, candidates=6)["appointment"]
    db.flush()
    filled = client.get(f"/competitions/{made['filled'].id}/record.json").get_json()
    section = filled["appointment"]
    assert section["outcome"] == "filled"
    assert [d["ranking_position"] for d in section["decisions"]] == [1, 2]
    assert not any(d["departs_from_ranking"] for d in section["decisions"])

    departed = client.get(f"/competitions/{made['departed'].id}/record.json").get_json()
    (decision,) = departed["appointment"]["decisions"]
    assert decision["departs_from_ranking"] is True
    assert decision["ranking_position"] == 2
    assert decision["reasons"] == DEPARTURE_REASONS
    page = client.get(f"/competitions/{made['departed'].id}").text
    assert DEPARTURE_REASONS in page
    assert decision["name"] in page
