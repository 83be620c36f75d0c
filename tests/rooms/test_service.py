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
    own_proctor = proctor_of(db, world, application)
    other_proctor = (world["other_proctor"] if own_proctor is world["proctor"]
                     else world["proctor"])
    rooms.mark(db, own_proctor, competition, application.id, status=rooms.PRESENT, now=late)
    with pytest.raises(Conflict, match="Late entry closed at"):
        attempts.start_attempt(db, application.user, competition, now=late)
    with pytest.raises(InvalidInput):
        attempts.admit_late(db, own_proctor, competition, application.id, reason="", now=late)
    with pytest.raises(PermissionDenied, match="proctors of this candidate's room"):
        attempts.admit_late(db, other_proctor, competition, application.id,
                            reason="Kẹt xe trên cầu Nhật Tân", now=late)
    attempts.admit_late(db, own_proctor, competition, application.id,
                        reason="Kẹt xe trên cầu Nhật Tân", now=late)
    entry = db.scalar(select(AuditEntry).where(
        AuditEntry.action == "sitting.late_entry_admitted"))
    assert entry.actor_id == own_proctor.id
    assert json.loads(entry.payload)["reason"] == "Kẹt xe trên cầu Nhật Tân"
    assert attempts.start_attempt(db, application.user, competition, now=late).started_at == late


@pytest.fixture
def two_sessions(db, clock):
    """Session 1 (room A101) starts when the sitting opens, session 2 (room B202) three hours
    later; the sitting window holds both."""
    opens = clock.now - timedelta(minutes=5)
    world = roomed_world(db, now=clock.now, sitting_opens=opens,
                         sitting_closes=opens + timedelta(hours=6),
                         session_starts=(opens, opens + timedelta(hours=3)))
    by_room = {world["room_a"].id: [], world["room_b"].id: []}
    for application in world["applications"]:
        by_room[rooms.seat_of(db, application).room_id].append(application)
    world.update(first=by_room[world["room_a"].id], second=by_room[world["room_b"].id],
                 opens=opens, second_starts=opens + timedelta(hours=3))
    return world


def _present(db, world, application, now):
    rooms.mark(db, proctor_of(db, world, application), world["competition"], application.id,
               status=rooms.PRESENT, now=now)


def test_late_entry_counts_from_each_candidates_own_session(db, two_sessions):
    from flask_babel import format_datetime

    world, competition = two_sessions, two_sessions["competition"]
    opens, second = world["opens"], world["second_starts"]
    early, late_first = world["first"][0], world["first"][1]
    on_time, late_second = world["second"][0], world["second"][1]
    # session 1: fifteen minutes after the sitting opens, the door closes
    _present(db, world, early, opens)
    attempts.start_attempt(db, early.user, competition, now=opens + timedelta(minutes=15))
    _present(db, world, late_first, opens)
    with pytest.raises(Conflict, match="Late entry closed at " + format_datetime(
            opens + timedelta(minutes=15), "HH:mm")):
        attempts.start_attempt(db, late_first.user, competition,
                               now=opens + timedelta(minutes=16))
    # session 2 cannot start in session 1's time, and is not late three hours on
    _present(db, world, on_time, opens)
    with pytest.raises(Conflict, match="Your session starts at"):
        attempts.start_attempt(db, on_time.user, competition, now=opens + timedelta(minutes=16))
    started = attempts.start_attempt(db, on_time.user, competition,
                                     now=second + timedelta(minutes=10))
    assert attempts.deadline(started) == second + timedelta(minutes=90)
    # ... but fifteen minutes after its own start the door closes for session 2 as well
    _present(db, world, late_second, second)
    with pytest.raises(Conflict, match="Late entry closed at " + format_datetime(
            second + timedelta(minutes=15), "HH:mm")):
        attempts.start_attempt(db, late_second.user, competition,
                               now=second + timedelta(minutes=16))
    with pytest.raises(PermissionDenied):  # session 1's proctor does not run this room
        attempts.admit_late(db, world["proctor"], competition, late_second.id,
                            reason="Thí sinh đi nhầm điểm thi", now=second + timedelta(minutes=20))
    attempts.admit_late(db, world["other_proctor"], competition, late_second.id,
                        reason="Thí sinh đi nhầm điểm thi", now=second + timedelta(minutes=20))
    admitted = attempts.start_attempt(db, late_second.user, competition,
                                      now=second + timedelta(minutes=21))
    # a late starter's time ends with their session, not at the sitting's close
    assert attempts.deadline(admitted) == second + timedelta(minutes=90)
    assert admitted.duration_seconds == 69 * 60


def test_the_proctor_board_shows_each_candidates_own_late_entry_limit(db, two_sessions):
    world, competition = two_sessions, two_sessions["competition"]
    rows = {r.application_id: r for r in attempts.proctor_board(
        db, world["chair"], competition, now=world["opens"])}
    assert {rows[a.id].late_entry_closes_at for a in world["first"]} == {
        world["opens"] + timedelta(minutes=15)}
    assert {rows[a.id].late_entry_closes_at for a in world["second"]} == {
        world["second_starts"] + timedelta(minutes=15)}


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
