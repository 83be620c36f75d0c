"""Rooms, sessions and seats; the identity check at the door; the candidate's photograph.

The seat draw is random and recorded: a fresh 32-byte seed orders the candidates by
HMAC-SHA256(seed, "thituyen-seats-v1|" + candidate number) and fills the rooms in their
order (session, then room code), seat 1 upwards. The seed and the SHA-256 of the result go
to the audit log, so anyone can redo the draw and find the same rooms and seats; there is
one draw per competition, so the board cannot draw again until it likes the outcome.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions.models import Competition, Role, Stage
from exam.competitions.permissions import can_run_stages, is_board, roles_in
from exam.documents.uploads import UnreadableFile, clean_image
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require
from exam.registration.models import Application, ApplicationStatus, accepted_candidates
from exam.rooms.models import (
    CandidatePhoto,
    CheckIn,
    ExamRoom,
    RoomProctor,
    SeatAssignment,
    SeatDraw,
)
from exam.sitting.models import Attempt, LateAdmission

SEAT_DRAW_VERSION = "thituyen-seats-v1"
PRESENT, ABSENT, REFUSED = "present", "absent", "refused"
STATUSES = (PRESENT, ABSENT, REFUSED)
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_BOX = (600, 800)


@dataclass(frozen=True)
class Seat:
    candidate_number: str
    room_key: str  # "<session>/<room code>"
    seat_number: int


@dataclass(frozen=True)
class RoomListRow:
    application: Application
    seat_number: int
    check_in: CheckIn | None
    photo: CandidatePhoto | None
    started_at: datetime | None = None
    late_admission: LateAdmission | None = None


# ----------------------------------------------------------------------------- rooms


def rooms_of(session: Session, competition: Competition) -> list[ExamRoom]:
    return list(session.scalars(select(ExamRoom).where(
        ExamRoom.competition_id == competition.id).order_by(
        ExamRoom.session_number, ExamRoom.code)))


def room_key(room: ExamRoom) -> str:
    return f"{room.session_number}/{room.code}"


def room_of(session: Session, competition: Competition, room_id: int) -> ExamRoom:
    room = session.get(ExamRoom, room_id)
    if room is None or room.competition_id != competition.id:
        raise NotFound(_("No such room."))
    return room


def draw_of(session: Session, competition: Competition) -> SeatDraw | None:
    return session.scalar(select(SeatDraw).where(SeatDraw.competition_id == competition.id))


def add_room(session: Session, actor, competition: Competition, *, code: str, name: str,
             capacity: int, session_number: int = 1, session_starts_at: datetime | None = None,
             now: datetime) -> ExamRoom:
    """The board lists the rooms (and sessions) before the seat draw; after it they are fixed."""
    require(can_run_stages(session, actor, competition),
            _("Only the chair or the secretary can set up the rooms."), PermissionDenied)
    require(draw_of(session, competition) is None,
            _("The seats have been drawn: the rooms can no longer change."), Conflict)
    code = (code or "").strip().upper()
    name = " ".join((name or "").split())
    require(1 <= len(code) <= 16 and code.replace("-", "").isalnum(),
            _("A room code has 1 to 16 letters or digits."), InvalidInput)
    require(1 <= len(name) <= 200, _("Give the room's name or address."), InvalidInput)
    require(isinstance(capacity, int) and 1 <= capacity <= 500,
            _("A room holds 1 to 500 candidates."), InvalidInput)
    require(isinstance(session_number, int) and 1 <= session_number <= 20,
            _("The session is a number from 1 to 20."), InvalidInput)
    opens, closes = competition.sitting_opens_at, competition.sitting_closes_at
    require(session_starts_at is None or opens is None or closes is None
            or opens <= session_starts_at < closes,
            _("A session starts within the sitting window, from %(opens)s to %(closes)s.",
              opens=format_datetime(opens, "short") if opens else "",
              closes=format_datetime(closes, "short") if closes else ""),
            InvalidInput, field="session_starts_at")
    require(session.scalar(select(ExamRoom.id).where(
        ExamRoom.competition_id == competition.id, ExamRoom.session_number == session_number,
        ExamRoom.code == code)) is None,
        _("Room %(code)s is already listed in this session.", code=code), Conflict)
    room = ExamRoom(competition_id=competition.id, code=code, name=name, capacity=capacity,
                    session_number=session_number, session_starts_at=session_starts_at)
    session.add(room)
    session.flush()
    audit.record(session, actor, "rooms.room_added", at=now, competition=competition,
                 target=room, payload={"room": room_key(room), "capacity": capacity})
    return room


def appoint_room_proctor(session: Session, actor, competition: Competition, room: ExamRoom,
                         proctor, *, now: datetime) -> RoomProctor:
    """Only a proctor of the competition can be put in charge of a room."""
    require(can_run_stages(session, actor, competition),
            _("Only the chair or the secretary can set up the rooms."), PermissionDenied)
    require(room.competition_id == competition.id, _("No such room."), NotFound)
    require(Role.PROCTOR in roles_in(session, proctor, competition),
            _("Only a proctor of this competition can run a room."), InvalidInput)
    require(session.scalar(select(RoomProctor.id).where(
        RoomProctor.room_id == room.id, RoomProctor.user_id == proctor.id)) is None,
        _("This proctor already runs this room."), Conflict)
    link = RoomProctor(room_id=room.id, user_id=proctor.id)
    session.add(link)
    session.flush()
    audit.record(session, actor, "rooms.proctor_appointed", at=now, competition=competition,
                 target=room, payload={"room": room_key(room), "proctor_id": proctor.id})
    return link


# ----------------------------------------------------------------------------- seat draw


def seat_plan(seed: bytes, candidate_numbers: list[str],
              rooms: list[tuple[str, int]]) -> list[Seat]:
    """The draw itself, a pure function: same seed, numbers and rooms -> same seats.
    ``rooms`` are (room key, capacity) in their order (session, then code)."""
    order = sorted(candidate_numbers, key=lambda number: hmac.new(
        seed, f"{SEAT_DRAW_VERSION}|{number}".encode(), hashlib.sha256).hexdigest())
    seats: list[Seat] = []
    places = ((key, seat) for key, capacity in rooms for seat in range(1, capacity + 1))
    for number, (key, seat) in zip(order, places, strict=False):
        seats.append(Seat(number, key, seat))
    return seats


def plan_sha256(seats: list[Seat]) -> str:
    rows = sorted([s.candidate_number, s.room_key, s.seat_number] for s in seats)
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


def draw_seats(session: Session, actor, competition: Competition, *, now: datetime,
               seed: bytes | None = None) -> SeatDraw:
    """Put every accepted candidate in a room and a seat, by lot, once."""
    require(can_run_stages(session, actor, competition),
            _("Only the chair or the secretary can draw the seats."), PermissionDenied)
    require(draw_of(session, competition) is None,
            _("The seats have already been drawn."), Conflict)
    require(competition.has_reached(Stage.ELIGIBILITY_REVIEWED)
            and not competition.has_reached(Stage.SCORING),
            _("Seats are drawn once the candidates are known and before the sitting ends."),
            Conflict)
    rooms = rooms_of(session, competition)
    require(rooms, _("List the rooms first."), Conflict)
    candidates = accepted_candidates(session, competition)
    require(candidates, _("There are no accepted candidates to seat."), Conflict)
    require(sum(r.capacity for r in rooms) >= len(candidates),
            _("The rooms hold %(seats)d candidates; %(count)d are accepted. Add a room or a "
              "session.", seats=sum(r.capacity for r in rooms), count=len(candidates)), Conflict)
    seed = seed if seed is not None else secrets.token_bytes(32)
    by_key = {room_key(r): r for r in rooms}
    by_number = {a.candidate_number: a for a in candidates}
    plan = seat_plan(seed, list(by_number), [(room_key(r), r.capacity) for r in rooms])
    for seat in plan:
        session.add(SeatAssignment(competition_id=competition.id,
                                   application_id=by_number[seat.candidate_number].id,
                                   room_id=by_key[seat.room_key].id,
                                   seat_number=seat.seat_number))
    draw = SeatDraw(competition_id=competition.id, version=SEAT_DRAW_VERSION,
                    seed_hex=seed.hex(), result_sha256=plan_sha256(plan), drawn_at=now,
                    drawn_by_id=actor.id)
    session.add(draw)
    session.flush()
    audit.record(session, actor, "rooms.seats_drawn", at=now, competition=competition,
                 target=draw, payload={"version": SEAT_DRAW_VERSION, "seed": draw.seed_hex,
                                       "rooms": [[room_key(r), r.capacity] for r in rooms],
                                       "candidates": sorted(by_number),
                                       "result_sha256": draw.result_sha256})
    return draw


def recorded_plan(session: Session, competition: Competition) -> list[Seat]:
    rows = session.execute(
        select(Application.candidate_number, ExamRoom, SeatAssignment.seat_number)
        .join(SeatAssignment, SeatAssignment.application_id == Application.id)
        .join(ExamRoom, ExamRoom.id == SeatAssignment.room_id)
        .where(SeatAssignment.competition_id == competition.id)).all()
    return [Seat(number, room_key(room), seat) for number, room, seat in rows]


def verify_seat_draw(session: Session, competition: Competition) -> list[str]:
    """Redo the draw from what the audit log recorded; the problems found (none: intact)."""
    draw = draw_of(session, competition)
    if draw is None:
        return [_("The seats have not been drawn.")]
    from exam.audit.models import AuditEntry

    entry = session.scalar(select(AuditEntry).where(
        AuditEntry.competition_id == competition.id,
        AuditEntry.action == "rooms.seats_drawn").order_by(AuditEntry.seq.desc()))
    payload = json.loads(entry.payload) if entry is not None else None
    if payload is None:
        return [_("The seat draw is missing from the audit log.")]
    redone = seat_plan(bytes.fromhex(payload["seed"]), payload["candidates"],
                       [(key, capacity) for key, capacity in payload["rooms"]])
    problems = []
    if plan_sha256(redone) != payload["result_sha256"]:
        problems.append(_("The recorded seed does not give the recorded result."))
    if plan_sha256(recorded_plan(session, competition)) != plan_sha256(redone):
        problems.append(_("The seats on record differ from the draw."))
    return problems


def seat_of(session: Session, application: Application) -> SeatAssignment | None:
    return session.scalar(select(SeatAssignment).where(
        SeatAssignment.application_id == application.id))


# ----------------------------------------------------------------------------- check-in


def runs_room(session: Session, user, room: ExamRoom) -> bool:
    """The room's own proctors check its candidates in; the chair may stand in."""
    if session.scalar(select(RoomProctor.id).where(
            RoomProctor.room_id == room.id, RoomProctor.user_id == user.id)) is not None:
        return True
    competition = session.get(Competition, room.competition_id)
    return Role.CHAIR in roles_in(session, user, competition)


def can_see_room(session: Session, user, room: ExamRoom) -> bool:
    competition = session.get(Competition, room.competition_id)
    return runs_room(session, user, room) or is_board(session, user, competition)


def room_list(session: Session, actor, room: ExamRoom) -> list[RoomListRow]:
    """The room's candidates by seat, with their photograph and check-in mark."""
    require(can_see_room(session, actor, room),
            _("Only the proctors of this room and the board see its list."), PermissionDenied)
    rows = session.execute(
        select(Application, SeatAssignment.seat_number, CheckIn, CandidatePhoto,
               Attempt.started_at, LateAdmission)
        .join(SeatAssignment, SeatAssignment.application_id == Application.id)
        .outerjoin(CheckIn, CheckIn.application_id == Application.id)
        .outerjoin(CandidatePhoto, CandidatePhoto.application_id == Application.id)
        .outerjoin(Attempt, Attempt.application_id == Application.id)
        .outerjoin(LateAdmission, LateAdmission.application_id == Application.id)
        .where(SeatAssignment.room_id == room.id)
        .order_by(SeatAssignment.seat_number)).all()
    return [RoomListRow(*row) for row in rows]


def check_in_of(session: Session, application: Application) -> CheckIn | None:
    return session.scalar(select(CheckIn).where(CheckIn.application_id == application.id))


def mark(session: Session, actor, competition: Competition, application_id: int, *,
         status: str, reason: str = "", now: datetime) -> CheckIn:
    """Present, absent or refused (with the reason). A mark can be corrected until the
    candidate starts (a candidate who checked in holds a sealed paper, not yet started); the
    log keeps every mark."""
    from exam.sitting.models import Attempt

    application = session.get(Application, application_id)
    require(application is not None and application.competition_id == competition.id
            and application.status == ApplicationStatus.ACCEPTED,
            _("This person is not a candidate of this competition."), NotFound)
    seat = seat_of(session, application)
    require(seat is not None, _("This candidate has no seat yet."), Conflict)
    require(runs_room(session, actor, seat.room),
            _("Only the proctors of this candidate's room can check them in."),
            PermissionDenied)
    require(competition.stage == Stage.SITTING and not competition.is_suspended,
            _("The sitting is not open."), Conflict)
    require(status in STATUSES, _("Mark the candidate present, absent or refused."),
            InvalidInput)
    reason = " ".join((reason or "").split())
    if status == REFUSED:
        require(len(reason) >= 5, _("Say why the candidate is refused."), InvalidInput)
    require(session.scalar(select(Attempt.id).where(
        Attempt.application_id == application.id, Attempt.started_at.is_not(None))) is None,
        _("This candidate has already started."), Conflict)
    check = check_in_of(session, application)
    if check is None:
        check = CheckIn(competition_id=competition.id, application_id=application.id)
        session.add(check)
    check.status, check.reason = status, reason[:2000]
    check.marked_by_id, check.marked_at = actor.id, now
    session.flush()
    audit.record(session, actor, "rooms.checked_in", at=now, competition=competition,
                 target=check, payload={"candidate_number": application.candidate_number,
                                        "room": room_key(seat.room), "status": status,
                                        "reason": reason})
    return check


def uses_rooms(session: Session, competition: Competition) -> bool:
    """A competition sat in rooms checks identities at the door; one sat online does not."""
    return session.scalar(select(ExamRoom.id).where(
        ExamRoom.competition_id == competition.id).limit(1)) is not None


def session_starts_at(session: Session, application: Application) -> datetime | None:
    """When the candidate's own session (ca thi) starts, if their room has a start time.
    Late entry counts from here, and the session's time ends its own duration later."""
    seat = seat_of(session, application)
    return seat.room.session_starts_at if seat is not None else None


def session_starts(session: Session, competition: Competition) -> dict[int, datetime]:
    """Each seated candidate's session start, by application id (rooms with a start time)."""
    return dict(session.execute(
        select(SeatAssignment.application_id, ExamRoom.session_starts_at)
        .join(ExamRoom, ExamRoom.id == SeatAssignment.room_id)
        .where(SeatAssignment.competition_id == competition.id,
               ExamRoom.session_starts_at.is_not(None))).all())


def may_admit_late(session: Session, actor, competition: Competition,
                   application: Application) -> bool:
    """In a competition sat in rooms, the proctors of the candidate's room admit them late
    (the chair may stand in); elsewhere any proctor of the sitting does."""
    if not uses_rooms(session, competition):
        return True
    seat = seat_of(session, application)
    return seat is not None and runs_room(session, actor, seat.room)


def require_present(session: Session, competition: Competition,
                    application: Application) -> None:
    """The start's precondition: in a competition sat in rooms, the proctor has marked the
    candidate present."""
    if not uses_rooms(session, competition):
        return
    check = check_in_of(session, application)
    require(check is not None and check.status == PRESENT,
            _("The proctor has not marked you present. Show your ID card at the door."),
            Conflict)


# ----------------------------------------------------------------------------- photo


def set_photo(session: Session, actor, application: Application, data: bytes, *,
              now: datetime) -> CandidatePhoto:
    """The candidate's own photograph: a JPEG or PNG, re-encoded (no EXIF, no GPS)."""
    require(application.user_id == actor.id,
            _("Only the candidate uploads their own photograph."), PermissionDenied)
    require(application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED),
            _("This application is closed."), Conflict)
    competition = application.competition
    require(not competition.has_reached(Stage.SITTING),
            _("The photograph can no longer change: the sitting has begun."), Conflict)
    require(0 < len(data) <= MAX_PHOTO_BYTES,
            _("The photograph must be a JPEG or PNG file of at most 5 MB."), InvalidInput)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
        require(kind in ("JPEG", "MPO", "PNG"),
                _("The photograph must be a JPEG or PNG file of at most 5 MB."), InvalidInput)
        cleaned = clean_image(data, "PNG" if kind == "PNG" else "JPEG")
        with Image.open(io.BytesIO(cleaned)) as image:
            image = image.convert("RGB")
            image.thumbnail(PHOTO_BOX)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=88)
    except (UnreadableFile, UnidentifiedImageError, OSError, ValueError):
        raise InvalidInput(_("The photograph must be a JPEG or PNG file of at most 5 MB."
                             )) from None
    stored = out.getvalue()
    photo = photo_of(session, application)
    if photo is None:
        photo = CandidatePhoto(application_id=application.id)
        session.add(photo)
    photo.data, photo.sha256 = stored, hashlib.sha256(stored).hexdigest()
    photo.uploaded_at = now
    session.flush()
    audit.record(session, actor, "rooms.photo_uploaded", at=now, competition=competition,
                 target=application, payload={"sha256": photo.sha256})
    return photo


def photo_of(session: Session, application: Application) -> CandidatePhoto | None:
    return session.scalar(select(CandidatePhoto).where(
        CandidatePhoto.application_id == application.id))


def photo_for(session: Session, actor, photo_id: int) -> CandidatePhoto:
    """Shown to the candidate, the board and the proctors of the candidate's room; to anyone
    else a photograph they may not see answers like one that does not exist."""
    photo = session.get(CandidatePhoto, photo_id)
    if photo is None:
        raise NotFound(_("No photograph."))
    application = session.get(Application, photo.application_id)
    if application.user_id == actor.id or is_board(session, actor, application.competition):
        return photo
    seat = seat_of(session, application)
    require(seat is not None and runs_room(session, actor, seat.room), _("No photograph."),
            NotFound)
    return photo
