"""From ranking to appointment, and the remedies that can undo a step.

The appointing authority (the body competent to appoint to the post) is named per
competition; the people who sign for it hold the `appointing_authority` role. Each decision it
records is one row: whom it appoints, where that person stood in the final ranking, the
reasons when it departs from the ranking, and the digest of the signed decision document.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.db import Base, UTCDateTime
from exam.registration.models import Application


class ProcessOutcome(StrEnum):
    OPEN = "open"
    FILLED = "filled"  # every vacancy has an accepted, unrevoked appointment
    EXHAUSTED = "exhausted"  # nobody left on the list (or it expired) to call


class AppointingAuthority(Base):
    """Who appoints to the post of one competition, and how long a called candidate has."""

    __tablename__ = "appointing_authority"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    reply_days: Mapped[int] = mapped_column(Integer, default=15)
    named_at: Mapped[datetime] = mapped_column(UTCDateTime)
    named_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    transmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # public: delay shows
    outcome: Mapped[ProcessOutcome] = mapped_column(String(16), default=ProcessOutcome.OPEN)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DecisionStatus(StrEnum):
    OFFERED = "offered"  # waiting for the candidate's answer
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LAPSED = "lapsed"  # no answer within the reply time
    WITHDRAWN = "withdrawn"  # the candidate withdrew the application
    REVOKED = "revoked"  # made against the rules


class AppointmentDecision(Base):
    """One decision of the authority appointing one candidate; never edited, only answered."""

    __tablename__ = "appointment_decision"
    __table_args__ = (UniqueConstraint("competition_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)  # 1 = first decision, 2 = first call-up, ...
    result_version_id: Mapped[int] = mapped_column(ForeignKey("result_version.id"))
    ranking_position: Mapped[int] = mapped_column(Integer)
    next_in_line_position: Mapped[int] = mapped_column(Integer)
    departs_from_ranking: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str] = mapped_column(String(60))
    decided_on: Mapped[date] = mapped_column(Date)
    term_months: Mapped[int] = mapped_column(Integer)
    document_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80))
    document_sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(JSON)
    data_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[DecisionStatus] = mapped_column(String(16), default=DecisionStatus.OFFERED)
    reply_by: Mapped[datetime] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    application: Mapped[Application] = relationship()


class RoomRecord(Base):
    """A proctor's record from the room about one candidate: the evidence a disqualification
    can rest on when no report was filed. Written by a proctor of the competition, never by
    the board that decides on it."""

    __tablename__ = "room_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    application: Mapped[Application] = relationship()


class RemedyKind(StrEnum):
    WITHDRAWAL = "withdrawal"
    EXCLUSION = "exclusion"  # acceptance annulled: found ineligible
    DISQUALIFICATION = "disqualification"
    RESULT_ANNULMENT = "result_annulment"
    COMPETITION_ANNULMENT = "competition_annulment"
    REVOCATION = "revocation"  # of an appointment made against the rules


class DecidingBody(StrEnum):
    CANDIDATE = "candidate"
    BOARD = "board"
    INSPECTORATE = "inspectorate"
    APPOINTING_AUTHORITY = "appointing_authority"


class Remedy(Base):
    """A recorded decision undoing a step: who decided, why, on what finding, and its effect."""

    __tablename__ = "remedy"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    kind: Mapped[RemedyKind] = mapped_column(String(32))
    body: Mapped[DecidingBody] = mapped_column(String(24))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("appointment_decision.id"))
    result_version_number: Mapped[int | None] = mapped_column(Integer)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("irregularity_report.id"))
    room_record_id: Mapped[int | None] = mapped_column(ForeignKey("room_record.id"))
    effect: Mapped[str] = mapped_column(String(40), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    rerun_competition_id: Mapped[int | None] = mapped_column(ForeignKey("competition.id"))
    contested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contest_reason: Mapped[str] = mapped_column(Text, default="")
    contest_upheld: Mapped[bool | None] = mapped_column(Boolean)
    contest_decision: Mapped[str] = mapped_column(Text, default="")
    contest_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contest_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    application: Mapped[Application | None] = relationship()
