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
    assert box["height"] >= 44
    assert box["x"] + box["width"] <= 768
    assert_accessible(page, "check-in")
    card.locator("button.check-in-present").click()
    expect(page.locator(f"#seat-{ids['seat']} [data-role=status]")).to_contain_text(
        page.locator(f"#seat-{ids['seat']} button.check-in-present").inner_text())
    screenshot(page, "rooms-check-in-768")

    session = live_server.session()
    from exam.registration.models import Application

    check = rooms.check_in_of(session, session.get(Application, ids["application"]))
    assert check is not None
    assert check.status == "present"
    session.close()


def test_a_candidate_sits_the_practice_paper_from_start_to_score(page, live_server, app_context):
    from datetime import timedelta

    from exam.rooms import practice
    from tests.sitting.helpers import sitting_competition

    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    world = sitting_competition(session, now=now, candidates=1,
                                sitting_opens=now + timedelta(days=7),
                                sitting_closes=now + timedelta(days=7, hours=3))
    practice.add_items(session, world["chair"], world["competition"],
                       "Luật Cán bộ, công chức được ban hành năm nào? | 2008 | 2010 | 1\n"
                       "Ai ký quyết định bổ nhiệm? | Chủ tịch UBND | Thí sinh | 1\n", now=now)
    session.commit()
    competition_id = world["competition"].id
    email = world["applications"][0].user.email
    session.close()

    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/competitions/{competition_id}/practice")
    page.locator("form[action$='/practice/start'] button").click()
    expect(page.locator("[data-role=time-left]")).to_be_visible()
    expect(page.locator("[data-role=practice-banner]")).to_be_visible()
    first = page.locator("form[data-role=question]").nth(0)
    first.locator("input[value=A]").check()
    # autosave: the page says saved, and a reload finds the answer
    expect(first.locator("[data-role=saved-at]")).not_to_be_empty()
    page.reload()
    expect(page.locator("form[data-role=question]").nth(0).locator("input[value=A]")
           ).to_be_checked()
    second = page.locator("form[data-role=question]").nth(1)
    second.locator("input[value=B]").check()
    expect(second.locator("[data-role=saved-at]")).not_to_be_empty()
    screenshot(page, "rooms-practice-paper")
    page.locator("[data-role=finish]").click()
    score = page.locator("[data-role=practice-score]")
    expect(score).to_have_attribute("data-score", "1")
    expect(score).to_have_attribute("data-max", "2")
