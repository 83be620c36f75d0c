from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.db import Base, UTCDateTime
from exam.registration.models import Application


class ObjectionStatus(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    REJECTED = "rejected"


class KeyAction(StrEnum):
    """What an upheld objection does to the item, for every candidate."""

    CORRECT = "correct"  # score every answer against the corrected key
    NEUTRALISE = "neutralise"  # drop the item; its points spread over the part's other items
    AWARD = "award"  # drop the item; everyone gets its points


class Objection(Base):
    """A candidate's objection to the answer key of one objective item."""

    __tablename__ = "key_objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[ObjectionStatus] = mapped_column(String(16), default=ObjectionStatus.PENDING)
    action: Mapped[str] = mapped_column(String(16), default="")
    corrected_key: Mapped[list | None] = mapped_column(JSON)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship()


class AppealStatus(StrEnum):
    FILED = "filed"
    REFUSED = "refused"
    REMARKING = "remarking"
    DECIDED = "decided"


class RemarkAppeal(Base):
    """A candidate's request to have one essay part re-marked, and the board's answers."""

    __tablename__ = "remark_appeal"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    part_key: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[AppealStatus] = mapped_column(String(16), default=AppealStatus.FILED)
    answer: Mapped[str] = mapped_column(Text, default="")  # why granted / refused
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    old_mark: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    new_mark: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result_version_id: Mapped[int | None] = mapped_column(ForeignKey("result_version.id"))

    application: Mapped[Application] = relationship()


class KeyCorrection(Base):
    """An item's key corrected or the item neutralised, for every candidate, once."""

    __tablename__ = "key_correction"
    __table_args__ = (UniqueConstraint("competition_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))
    corrected_key: Mapped[list | None] = mapped_column(JSON)
    objection_id: Mapped[int | None] = mapped_column(ForeignKey("key_objection.id"))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScoreAdjustment(Base):
    """A candidate's objective part score before and after a key correction (never edited)."""

    __tablename__ = "score_adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("key_correction.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    part_key: Mapped[str] = mapped_column(String(16))
    before: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    after: Mapped[Decimal] = mapped_column(Numeric(9, 2))
