"""Rooms as they are run: a seat draw anyone can redo, the identity check at the door, the
late-entry limit, the photograph."""

import io
import json
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from exam.audit.models import AuditEntry
from exam.errors import Conflict, InvalidInput, PermissionDenied
from exam.rooms import service as rooms
from exam.rooms.models import SeatAssignment
from exam.sitting import attempts
from tests.rooms.helpers import SEED, proctor_of, roomed_world


@pytest.fixture
def world(db, clock):
    opens = clock.now - timedelta(minutes=5)
    return roomed_world(db, now=clock.now, sitting_opens=opens,
                        sitting_closes=opens + timedelta(minutes=100))


def test_the_seat_draw_reproduces_from_its_recorded_seed(db, world):
    competition = world["competition"]
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "rooms.seats_drawn"))
    payload = json.loads(entry.payload)
    assert payload["seed"] == SEED.hex()
    redone = rooms.seat_plan(bytes.fromhex(payload["seed"]), payload["candidates"],
                             [tuple(r) for r in payload["rooms"]])
    on_record = {(s.candidate_number, s.room_key, s.seat_number)
                 for s in rooms.recorded_plan(db, competition)}
    assert {(s.candidate_number, s.room_key, s.seat_number) for s in redone} == on_record
    assert len(on_record) == 5
    assert {key for _n, key, _s in on_record} == {"1/A101", "1/B202"}
    assert rooms.verify_seat_draw(db, competition) == []
    # another seed seats them otherwise: the order is the seed's, not the board's
    other = rooms.seat_plan(bytes(32), payload["candidates"], [tuple(r) for r in payload["rooms"]])
    assert {(s.candidate_number, s.room_key, s.seat_number) for s in other} != on_record


def test_a_moved_seat_is_caught_and_the_draw_happens_once(db, world, clock):
    competition = world["competition"]
    with pytest.raises(Conflict, match="already been drawn"):
        rooms.draw_seats(db, world["chair"], competition, now=clock.now)
    moved = db.scalars(select(SeatAssignment).where(
        SeatAssignment.room_id == world["room_a"].id)).first()
    moved.seat_number = 50  # the board moves a candidate to the back row
    db.flush()
    assert rooms.verify_seat_draw(db, competition) == [
        "The seats on record differ from the draw."]


def test_a_candidate_not_marked_present_cannot_start(db, world, clock):
    competition = world["competition"]
    application = world["applications"][0]
    candidate = application.user
    with pytest.raises(Conflict, match="not marked you present"):
        attempts.start_attempt(db, candidate, competition, now=clock.now)
    proctor = proctor_of(db, world, application)
    rooms.mark(db, proctor, competition, application.id, status=rooms.ABSENT, now=clock.now)
    with pytest.raises(Conflict, match="not marked you present"):
        attempts.start_attempt(db, candidate, competition, now=clock.now)
    with pytest.raises(InvalidInput):
        rooms.mark(db, proctor, competition, application.id, status=rooms.REFUSED, reason=" ",
                   now=clock.now)
    rooms.mark(db, proctor, competition, application.id, status=rooms.REFUSED,
               reason="Căn cước không khớp ảnh", now=clock.now)
    with pytest.raises(Conflict, match="not marked you present"):
        attempts.start_attempt(db, candidate, competition, now=clock.now)
    rooms.mark(db, proctor, competition, application.id, status=rooms.PRESENT, now=clock.now)
    attempt = attempts.start_attempt(db, candidate, competition, now=clock.now)
    assert attempt.started_at == clock.now
    with pytest.raises(Conflict, match="already started"):
        rooms.mark(db, proctor, competition, application.id, status=rooms.ABSENT, now=clock.now)
    marks = [json.loads(e.payload)["status"] for e in db.scalars(select(AuditEntry).where(
        AuditEntry.action == "rooms.checked_in").order_by(AuditEntry.seq))]
    assert marks == ["absent", "refused", "present"]


def test_only_the_rooms_own_proctor_checks_a_candidate_in(db, world, clock):
    competition = world["competition"]
    application = world["applications"][0]
    mine = proctor_of(db, world, application)
    other = world["other_proctor"] if mine is world["proctor"] else world["proctor"]
    for outsider in (other, world["member"], world["applications"][1].user, application.user):
        with pytest.raises(PermissionDenied):
            rooms.mark(db, outsider, competition, application.id, status=rooms.PRESENT,
                       now=clock.now)
    assert rooms.check_in_of(db, application) is None
    with pytest.raises(PermissionDenied):
        rooms.room_list(db, other, rooms.seat_of(db, application).room)


def test_a_late_candidate_is_refused_after_the_limit_unless_admitted_with_a_reason(
        db, world):
    competition = world["competition"]
    opens = competition.sitting_opens_at
    late = opens + timedelta(minutes=15, seconds=1)
    application = world["applications"][1]
    rooms.mark(db, proctor_of(db, world, application), competition, application.id,
               status=rooms.PRESENT, now=late)
    with pytest.raises(Conflict, match="Late entry closed at"):
        attempts.start_attempt(db, application.user, competition, now=late)
    with pytest.raises(InvalidInput):
        attempts.admit_late(db, world["proctor"], competition, application.id, reason="",
                            now=late)
    attempts.admit_late(db, world["proctor"], competition, application.id,
                        reason="Kẹt xe trên cầu Nhật Tân", now=late)
    assert attempts.start_attempt(db, application.user, competition, now=late).started_at == late


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 1600), (120, 90, 60))
    exif = Image.Exif()
    exif[0x013B] = "Nguyễn Văn Chụp"  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_the_photograph_is_an_image_stripped_of_its_metadata(db, clock):
    from exam.competitions.models import Stage
    from exam.registration.models import ApplicationStatus
    from tests.factories import make_application, make_competition

    competition = make_competition(db, stage=Stage.ELIGIBILITY_REVIEWED, now=clock.now)
    application = make_application(db, competition, status=ApplicationStatus.ACCEPTED,
                                   candidate_number="0001")
    data = _jpeg_with_exif()
    assert b"PhoneMaker" in data
    photo = rooms.set_photo(db, application.user, application, data, now=clock.now)
    assert b"PhoneMaker" not in photo.data
    with Image.open(io.BytesIO(photo.data)) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) <= 800
        assert not stored.getexif()
    with pytest.raises(InvalidInput):
        rooms.set_photo(db, application.user, application, b"%PDF-1.7 not an image",
                        now=clock.now)
    other = make_application(db, competition, status=ApplicationStatus.ACCEPTED,
                             candidate_number="0002")
    with pytest.raises(PermissionDenied):
        rooms.set_photo(db, other.user, application, data, now=clock.now)
