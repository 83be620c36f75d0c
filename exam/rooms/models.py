"""Exam rooms as they are run: rooms and sessions, the seat draw, identity check-in, the
candidate's photograph and the Safe Exam Browser rule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.accounts.models import User
from exam.db import Base, UTCDateTime


class ExamRoom(Base):
    """One room in one session (ca thi): a place, a capacity and a start time."""

    __tablename__ = "exam_room"
    __table_args__ = (UniqueConstraint("competition_id", "session_number", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    session_number: Mapped[int] = mapped_column(Integer, default=1)
    session_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)

    proctors: Mapped[list[RoomProctor]] = relationship(back_populates="room")


class RoomProctor(Base):
    """A proctor (giám thị) appointed to one room: only they check its candidates in."""

    __tablename__ = "room_proctor"
    __table_args__ = (UniqueConstraint("room_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("exam_room.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    room: Mapped[ExamRoom] = relationship(back_populates="proctors")
    user: Mapped[User] = relationship()


class SeatDraw(Base):
    """The one random draw of rooms and seats; anyone can redo it from the recorded seed."""

    __tablename__ = "seat_draw"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    version: Mapped[str] = mapped_column(String(32))
    seed_hex: Mapped[str] = mapped_column(String(64))
    result_sha256: Mapped[str] = mapped_column(String(64))
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drawn_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class SeatAssignment(Base):
    """Where one candidate sits: a room (and so a session) and a seat number."""

    __tablename__ = "seat_assignment"
    __table_args__ = (UniqueConstraint("room_id", "seat_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("exam_room.id"), index=True)
    seat_number: Mapped[int] = mapped_column(Integer)

    room: Mapped[ExamRoom] = relationship()


class CheckIn(Base):
    """The proctor's identity check at the door: present, absent or refused (with the reason).
    The latest mark stands; every mark is in the audit log."""

    __tablename__ = "check_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CandidatePhoto(Base):
    """The candidate's photograph for the identity check, re-encoded without metadata."""

    __tablename__ = "candidate_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SebRule(Base):
    """Safe Exam Browser: the configuration the room's machines run and whether the sitting
    refuses any other browser."""

    __tablename__ = "seb_rule"

    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), primary_key=True)
    is_required: Mapped[bool] = mapped_column(Boolean, default=False)
    config_xml: Mapped[str] = mapped_column(Text, default="")
    config_key: Mapped[str] = mapped_column(String(64), default="")
    browser_exam_keys: Mapped[str] = mapped_column(Text, default="")


class PracticeItem(Base):
    """A question of the practice pool the board writes for candidates to try the interface;
    never an item of the sealed bank, never scored towards anything."""

    __tablename__ = "practice_item"
    type = "single_choice"  # the practice pool holds single-choice questions only

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list] = mapped_column(JSON, default=list)
    correct: Mapped[int] = mapped_column(Integer)  # index into options


class PracticeAttempt(Base):
    """One try of the practice paper: timed like the day, scored at once, counted nowhere."""

    __tablename__ = "practice_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer, default=0)


class PracticeSave(Base):
    """One acknowledged save on the practice paper (append-only, like the day's)."""

    __tablename__ = "practice_save"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("practice_attempt.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("practice_item.id"))
    response: Mapped[str] = mapped_column(String(8), default="")
    is_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    client_seq: Mapped[int] = mapped_column(BigInteger)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
