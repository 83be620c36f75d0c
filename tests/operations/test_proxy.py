"""An app facing clients directly (THITUYEN_PROXY_HOPS unset) never believes an address a
client claims in X-Forwarded-For; behind nginx it trusts exactly the one hop nginx adds
(tests/operations/test_nginx.py)."""

from sqlalchemy import select

from exam.sitting import attempts
from exam.sitting.models import Attempt
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition


def test_a_claimed_forwarded_address_does_not_open_the_room(db, client, clock):
    world = open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)
    competition = world["competition"]
    attempts.set_room_rules(db, world["proctor"], competition, access_code="",
                            allowed_networks="10.1.2.0/24", now=clock.now)
    login(client, world["applications"][0].user)
    client.post(f"/sitting/{competition.id}/start", headers={"X-Forwarded-For": "10.1.2.7"},
                environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert db.scalars(select(Attempt).where(Attempt.competition_id == competition.id)).all() == []
    client.post(f"/sitting/{competition.id}/start", environ_base={"REMOTE_ADDR": "10.1.2.7"})
    assert len(db.scalars(select(Attempt).where(
        Attempt.competition_id == competition.id)).all()) == 1
