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
    for lang in ("vi", "en"):  # the candidate's practice paper on a phone, in both languages
        _use_language(page, lang)
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        screenshot(page, f"rooms-practice-paper-{lang}-390")
    _use_language(page, "vi")
    page.locator("[data-role=finish]").click()
    score = page.locator("[data-role=practice-score]")
    expect(score).to_have_attribute("data-score", "1")
    expect(score).to_have_attribute("data-max", "2")


def _use_language(page, lang: str) -> None:
    if page.locator("html").get_attribute("lang") != lang:
        page.locator(f"button[lang={lang}]").click()
        expect(page.locator("html")).to_have_attribute("lang", lang)


def test_the_room_pages_read_well_in_both_languages_on_a_phone_and_a_tablet(
        page, live_server, app_context):
    """The proctor's check-in page (a late candidate waiting to be admitted), the live board,
    the board's rooms page, and a session-2 candidate's landing and photograph pages, in
    Vietnamese and English at 390 and 768 px: nothing runs off the side, the Vietnamese pages
    carry no English or raw codes (the page fixture), and a screenshot of each is kept."""
    from datetime import timedelta

    from tests.factories import PASSWORD

    session = live_server.session()
    now = utcnow().replace(microsecond=0)
    opens = now - timedelta(minutes=30)
    world = roomed_world(session, now=now, candidates=5, sitting_opens=opens,
                         sitting_closes=opens + timedelta(hours=6),
                         session_starts=(opens, opens + timedelta(hours=3)))
    from exam.rooms import demo as rooms_demo
    from exam.rooms import service as rooms

    competition = world["competition"]
    seated = {a.id: rooms.seat_of(session, a) for a in world["applications"]}
    first = next(a for a in world["applications"] if seated[a.id].room_id == world["room_a"].id)
    second = next(a for a in world["applications"]
                  if seated[a.id].room_id == world["room_b"].id)
    for n, application in enumerate(world["applications"]):
        from exam.rooms.models import CandidatePhoto

        session.add(CandidatePhoto(application_id=application.id,
                                   data=rooms_demo.demo_photo(n), sha256="0" * 64,
                                   uploaded_at=now))
    rooms.mark(session, world["proctor"], competition, first.id, status=rooms.PRESENT, now=now)
    session.commit()
    ids = {"competition": competition.id, "room": world["room_a"].id,
           "proctor": world["proctor"].email, "chair": world["chair"].email,
           "candidate": second.user.email}
    session.close()
    url, cid = live_server.url, ids["competition"]
    pages = {
        "proctor": [("check-in", f"/manage/{cid}/rooms/{ids['room']}/check-in"),
                    ("board", f"/manage/{cid}/sitting")],
        "chair": [("setup", f"/manage/{cid}/rooms"),
                  ("seb-check", f"/competitions/{cid}/safe-exam-browser")],
        "candidate": [("landing", f"/sitting/{cid}"), ("photo", f"/competitions/{cid}/photo")],
    }
    for who, visits in pages.items():
        page.context.clear_cookies()
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{url}/account/login")
        _use_language(page, "vi")
        page.get_by_label("Email").fill(ids[who])
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        for lang in ("vi", "en"):
            page.goto(f"{url}{visits[0][1]}")
            _use_language(page, lang)
            for name, path in visits:
                for width in (390, 768):
                    page.set_viewport_size({"width": width, "height": 1024})
                    page.goto(f"{url}{path}")
                    assert page.evaluate(
                        "() => document.documentElement.scrollWidth") <= width, (name, width)
                    screenshot(page, f"rooms-{name}-{lang}-{width}")
            if who == "proctor":
                page.goto(f"{url}{visits[0][1]}")
                expect(page.locator("[data-role=admit-late]")).to_be_visible()
                expect(page.locator("[data-role=room-late-entry]")).to_be_visible()
            if who == "candidate":
                page.goto(f"{url}/sitting/{cid}")
                expect(page.locator("[data-role=session-not-started]")).to_be_visible()
