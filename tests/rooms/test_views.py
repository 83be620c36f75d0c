"""The rooms' pages: the Safe Exam Browser gate, the check-in page, the signed room list."""

import hashlib
import io
import re
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from exam.documents import keystore
from exam.documents.signing import verify_pdf
from exam.rooms import seb
from exam.rooms import service as rooms
from exam.rooms.models import SebRule
from tests.conftest import login
from tests.documents.conftest import need, pdftotext
from tests.rooms.helpers import proctor_of, roomed_world


@pytest.fixture
def world(db, clock):
    return roomed_world(db, now=clock.now)


def _require_seb(db, competition, config: bytes) -> SebRule:
    """The rule as the board saved it before the sitting opened."""
    rule = SebRule(competition_id=competition.id, is_required=True,
                   config_xml=config.decode(), config_key=seb.config_key(seb.settings_of(config)),
                   browser_exam_keys="")
    db.add(rule)
    db.flush()
    return rule


def seb_header(url: str, config: bytes) -> str:
    """What Safe Exam Browser sends: SHA-256 of the page's URL followed by the Config Key, the
    key being the SHA-256 of the settings as compact JSON in case-insensitive key order."""
    import json
    import plistlib

    settings = plistlib.loads(config)
    settings.pop("originatorVersion", None)

    def ordered(value):
        if isinstance(value, dict):
            return {k: ordered(value[k]) for k in sorted(value, key=str.lower)}
        if isinstance(value, list):
            return [ordered(v) for v in value]
        return value

    key = hashlib.sha256(json.dumps(ordered(settings), separators=(",", ":")).encode()).hexdigest()
    return hashlib.sha256((url + key).encode()).hexdigest()


def test_a_request_without_the_right_seb_header_is_refused_when_the_rules_require_seb(
        db, client, world):
    competition = world["competition"]
    application = world["applications"][0]
    config = seb.generated_config(f"http://localhost/sitting/{competition.id}",
                                  "http://localhost/", "localhost")
    login(client, application.user)
    url = f"http://localhost/sitting/{competition.id}"
    assert client.get(url).status_code == 200  # no rule yet: any browser
    _require_seb(db, competition, config)
    refused = client.get(url)
    assert refused.status_code == 403
    assert b'data-role="seb-required"' in refused.data
    other_config = seb.generated_config("http://elsewhere/", "http://elsewhere/", "elsewhere")
    for wrong in ("", "0" * 64, seb_header(url, other_config),
                  seb_header(f"http://localhost/sitting/{competition.id}/paper", config)):
        response = client.get(url, headers={seb.CONFIG_KEY_HEADER: wrong})
        assert response.status_code == 403, wrong
    ok = client.get(url, headers={seb.CONFIG_KEY_HEADER: seb_header(url, config)})
    assert ok.status_code == 200
    assert b'data-role="seb-required"' not in ok.data
    # the autosave is guarded too, not only the pages
    save = client.post(f"/sitting/{competition.id}/answer", data={})
    assert save.status_code == 403


def test_the_seb_rule_is_fixed_once_the_sitting_opens(db, world, clock):
    config = seb.generated_config("http://localhost/x", "http://localhost/", "localhost")
    from exam.errors import Conflict

    with pytest.raises(Conflict):
        seb.set_rule(db, world["chair"], world["competition"], is_required=False, config=config,
                     now=clock.now)


def test_the_proctor_checks_a_candidate_in_on_the_page(db, client, world):
    competition = world["competition"]
    application = world["applications"][0]
    proctor = proctor_of(db, world, application)
    room = rooms.seat_of(db, application).room
    login(client, proctor)
    page = client.get(f"/manage/{competition.id}/rooms/{room.id}/check-in")
    assert page.status_code == 200
    assert application.candidate_number.encode() in page.data
    response = client.post(
        f"/manage/{competition.id}/rooms/{room.id}/check-in/{application.id}",
        data={"status": "present"})
    assert response.status_code == 302
    assert rooms.check_in_of(db, application).status == "present"
    # a candidate of another room cannot be marked through this room's page
    other = next(a for a in world["applications"] if rooms.seat_of(db, a).room_id != room.id)
    response = client.post(f"/manage/{competition.id}/rooms/{room.id}/check-in/{other.id}",
                           data={"status": "present"})
    assert response.status_code == 404
    assert rooms.check_in_of(db, other) is None


def _photo(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), colour).save(out, "JPEG")
    return out.getvalue()


def test_the_room_list_is_a_signed_pdf_with_photographs(db, client, world, signing_app, clock,
                                                        rooms_signing_folder, tmp_path):
    from exam.rooms.models import CandidatePhoto

    competition = world["competition"]
    room = world["room_a"]
    seated = [r.application for r in rooms.room_list(db, world["chair"], room)]
    for n, application in enumerate(seated[:2]):  # the third has no photograph
        data = _photo((40 * n, 90, 160))
        db.add(CandidatePhoto(application_id=application.id, data=data,
                              sha256=hashlib.sha256(data).hexdigest(), uploaded_at=clock.now))
    db.flush()
    login(client, world["proctor"])
    response = client.get(f"/manage/{competition.id}/rooms/{room.id}/list.pdf")
    assert response.status_code == 200, response.data[:300]
    pdf_bytes = response.data
    path = tmp_path / "room.pdf"
    path.write_bytes(pdf_bytes)
    report = subprocess.run([need("pdfsig"), str(path)], capture_output=True, text=True,
                            check=False).stdout
    assert "Signature Validation: Signature is Valid." in report
    check = verify_pdf(pdf_bytes, keystore.trust_roots(rooms_signing_folder))
    assert check.is_valid, check.problems
    reader = PdfReader(io.BytesIO(pdf_bytes))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 2
    text = "".join(page.extract_text() for page in reader.pages)
    for application in seated:
        assert application.candidate_number in text
    laid_out = " ".join(pdftotext(pdf_bytes, tmp_path).split())
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "HỘI ĐỒNG THI TUYỂN", f"Số: {room.session_number}-{room.code}/DS-HĐTT",
                 "TM. HỘI ĐỒNG THI TUYỂN", "CHỦ TỊCH", "Nơi nhận:",
                 f"Giám thị phòng thi: Ông/Bà {world['proctor'].full_name}"):
        assert part in laid_out, part
    assert re.search(r"Hà Nội, ngày \d\d tháng \d\d năm \d{4}", laid_out)
    # the other room's proctor does not get this room's list
    login(client, world["other_proctor"])
    assert client.get(f"/manage/{competition.id}/rooms/{room.id}/list.pdf").status_code == 403


def test_the_check_in_page_and_photos_are_closed_to_candidates(db, client, world):
    competition = world["competition"]
    application = world["applications"][0]
    room = rooms.seat_of(db, application).room
    login(client, application.user)
    assert client.get(f"/manage/{competition.id}/rooms/{room.id}/check-in").status_code == 403
    response = client.post(f"/manage/{competition.id}/rooms/{room.id}/check-in/{application.id}",
                           data={"status": "present"})
    assert response.status_code == 403
    assert rooms.check_in_of(db, application) is None


def test_the_admission_ticket_shows_the_room_the_seat_and_the_photograph(
        db, client, world, signing_app, clock, tmp_path):
    from exam.rooms.models import CandidatePhoto
    from tests.documents.conftest import pdftotext

    application = world["applications"][0]
    data = _photo((10, 120, 200))
    db.add(CandidatePhoto(application_id=application.id, data=data,
                          sha256=hashlib.sha256(data).hexdigest(), uploaded_at=clock.now))
    db.flush()
    seat = rooms.seat_of(db, application)
    login(client, application.user)
    response = client.post(f"/applications/{application.id}/admission-ticket")
    pdf_bytes = client.get(response.headers["Location"]).data
    text = " ".join(pdftotext(pdf_bytes, tmp_path).split())
    assert seat.room.code in text
    assert f"{seat.seat_number}." in text
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len([image for page in reader.pages for image in page.images]) == 1


def test_the_board_lists_rooms_and_draws_the_seats_through_the_pages(db, client, clock):
    from tests.sitting.helpers import sitting_competition

    world = sitting_competition(db, now=clock.now, candidates=3)
    competition = world["competition"]
    from datetime import timedelta

    login(client, world["chair"])
    starts = (competition.sitting_opens_at + timedelta(hours=1)).replace(second=0,
                                                                         microsecond=0)
    vietnam_time = (starts + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M")  # UTC+7
    outside = (competition.sitting_closes_at + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(f"/manage/{competition.id}/rooms/new", data={
        "code": "Z9", "name": "Phòng Z9", "capacity": "2", "session_number": "1",
        "session_starts_at": outside})
    assert refused.status_code in (302, 400)
    assert rooms.rooms_of(db, competition) == []  # a session outside the sitting window
    for code, seats in (("A1", "2"), ("B2", "2")):
        response = client.post(f"/manage/{competition.id}/rooms/new", data={
            "code": code, "name": f"Phòng {code}", "capacity": seats, "session_number": "1",
            "session_starts_at": vietnam_time})
        assert response.status_code == 302
    room = rooms.rooms_of(db, competition)[0]
    assert room.session_starts_at == starts
    client.post(f"/manage/{competition.id}/rooms/{room.id}/proctors",
                data={"user_id": str(world["proctor"].id)})
    assert [p.user_id for p in room.proctors] == [world["proctor"].id]
    client.post(f"/manage/{competition.id}/rooms/draw", data={"confirm": "y"})
    assert rooms.draw_of(db, competition) is not None
    assert rooms.verify_seat_draw(db, competition) == []
    login(client, world["proctor"])
    page = client.get(f"/manage/{competition.id}/rooms").get_data(as_text=True)
    assert f"/manage/{competition.id}/rooms/{room.id}/check-in" in page
    assert f'action="/manage/{competition.id}/rooms/draw"' not in page
    assert client.post(f"/manage/{competition.id}/rooms/new", data={
        "code": "C3", "name": "Phòng C3", "capacity": "5",
        "session_number": "1"}).status_code == 403


def test_a_photograph_one_may_not_see_looks_like_no_photograph(db, client, world, clock):
    """Two worlds, one with the other room's candidate's photograph at this id and one with
    none: to a proctor of another room they answer the same."""
    from exam.rooms.models import CandidatePhoto

    application = world["applications"][0]
    data = _photo((1, 2, 3))
    photo = CandidatePhoto(application_id=application.id, data=data,
                           sha256=hashlib.sha256(data).hexdigest(), uploaded_at=clock.now)
    db.add(photo)
    db.flush()
    mine = proctor_of(db, world, application)
    other = world["other_proctor"] if mine is world["proctor"] else world["proctor"]
    login(client, other)
    hidden = client.get(f"/photos/{photo.id}.jpg")
    missing = client.get(f"/photos/{photo.id + 1000}.jpg")
    assert hidden.status_code == missing.status_code == 404
    # the pages differ only in the address asked for (the language switch links back to it)
    def page(response):
        return re.sub(rb"photos(/|%2F)\d+", b"photos/N", response.data)

    assert page(hidden) == page(missing)
    login(client, mine)
    shown = client.get(f"/photos/{photo.id}.jpg")
    assert shown.status_code == 200
    assert shown.data == data


def test_a_proctor_admits_a_late_candidate_from_the_check_in_page(db, client, clock):
    from datetime import timedelta

    from exam.sitting import attempts

    opens = clock.now - timedelta(minutes=30)
    world = roomed_world(db, now=clock.now, sitting_opens=opens,
                         sitting_closes=opens + timedelta(hours=3))
    competition = world["competition"]
    application = world["applications"][0]
    proctor = proctor_of(db, world, application)
    room = rooms.seat_of(db, application).room
    seat = rooms.seat_of(db, application).seat_number
    page_url = f"/manage/{competition.id}/rooms/{room.id}/check-in"
    admit_url = f"{page_url}/{application.id}/admit-late"
    login(client, proctor)
    assert b'data-role="admit-late"' not in client.get(page_url).data  # not present yet
    rooms.mark(db, proctor, competition, application.id, status=rooms.PRESENT, now=clock.now)
    page = client.get(page_url)
    assert b'data-role="room-late-entry"' in page.data
    assert b'data-role="admit-late"' in page.data
    refused = client.post(admit_url, data={"reason": "x"})
    assert refused.status_code in (302, 400)
    assert attempts.late_admission_of(db, application) is None
    response = client.post(admit_url, data={"reason": "Xe buýt đến muộn, có xác nhận"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/check-in#seat-{seat}")
    assert attempts.late_admission_of(db, application).reason == "Xe buýt đến muộn, có xác nhận"
    page = client.get(page_url)
    assert b'data-role="admitted-late"' in page.data
    assert b'data-role="admit-late"' not in page.data
    # another room's proctor neither sees this room nor admits its candidates
    other = (world["other_proctor"] if proctor is world["proctor"] else world["proctor"])
    login(client, other)
    assert client.get(page_url).status_code == 403
    assert client.post(admit_url, data={"reason": "Xe buýt đến muộn"}).status_code == 403


def test_a_technician_checks_a_prepared_machine_and_the_receipt_offers_the_quit_link(
        db, client, world):
    competition = world["competition"]
    config = seb.generated_config(f"http://localhost/sitting/{competition.id}",
                                  f"http://localhost/competitions/{competition.id}"
                                  "/safe-exam-browser/quit", "localhost")
    assert seb.settings_of(config)["quitURL"].endswith("/safe-exam-browser/quit")
    url = f"http://localhost/competitions/{competition.id}/safe-exam-browser"
    assert b'data-ready="none"' in client.get(url).data
    _require_seb(db, competition, config)
    assert b'data-ready="no"' in client.get(url).data
    ready = client.get(url, headers={seb.CONFIG_KEY_HEADER: seb_header(url, config)})
    assert b'data-ready="yes"' in ready.data
    assert seb.rule_of(db, competition).config_key.encode() not in ready.data
    # the quit page answers in any browser; Safe Exam Browser closes on it
    assert client.get(f"/competitions/{competition.id}/safe-exam-browser/quit").status_code == 200
