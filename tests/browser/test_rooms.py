"""A proctor checks a candidate in on a tablet (768 px wide), and the candidate can then start."""

import pytest
from playwright.sync_api import expect

from exam.db import utcnow
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_registration import sign_in
from tests.rooms.helpers import proctor_of, roomed_world

pytestmark = pytest.mark.browser


def test_a_proctor_checks_a_candidate_in_on_a_tablet(page, live_server, app_context):
    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = roomed_world(session, now=now, candidates=3)
    application = world["applications"][0]
    proctor = proctor_of(session, world, application)
    from exam.rooms import service as rooms

    seat = rooms.seat_of(session, application)
    session.commit()
    ids = {"competition": world["competition"].id, "room": seat.room_id,
           "seat": seat.seat_number, "number": application.candidate_number,
           "proctor": proctor.email, "candidate": application.user.email,
           "application": application.id}
    session.close()

    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server.url, ids["proctor"])
    page.goto(f"{live_server.url}/manage/{ids['competition']}/rooms/{ids['room']}/check-in")
    card = page.locator(f"#seat-{ids['seat']}")
    expect(card).to_contain_text(ids["number"])
    # nothing runs off the side of a tablet held upright
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 768
    box = card.locator("button.check-in-present").bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 768
    assert_accessible(page, "check-in")
    card.locator("button.check-in-present").click()
    expect(page.locator(f"#seat-{ids['seat']} [data-role=status]")).to_contain_text(
        page.locator(f"#seat-{ids['seat']} button.check-in-present").inner_text())
    screenshot(page, "rooms-check-in-768")

    session = live_server.session()
    from exam.registration.models import Application

    check = rooms.check_in_of(session, session.get(Application, ids["application"]))
    assert check is not None and check.status == "present"
    session.close()
