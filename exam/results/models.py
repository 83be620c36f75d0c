from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.db import Base, UTCDateTime


class ResultRuleSet(Base):
    """How a competition turns locked marks into a ranking (validated by results.service)."""

    __tablename__ = "result_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    parts: Mapped[list] = mapped_column(JSON, default=list)  # [{key,title,max_points,weight,pass_mark}]
    specialised_part: Mapped[str] = mapped_column(String(40), default="")
    written_part: Mapped[str] = mapped_column(String(40), default="")
    tie_break_parts: Mapped[list] = mapped_column(JSON, default=list)
    priority_categories: Mapped[list] = mapped_column(JSON, default=list)  # [{key,label,points}]
    reserve_size: Mapped[int | None] = mapped_column(Integer)
    reserve_months: Mapped[int] = mapped_column(Integer, default=12)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class PriorityGrant(Base):
    """Priority points granted by a board decision; a later grant for the same candidate wins."""

    __tablename__ = "priority_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    points: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    evidence: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TieDecision(Base):
    """The board's recorded order for candidates no score can split, with its reason."""

    __tablename__ = "tie_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_ids: Mapped[list] = mapped_column(JSON)  # best first
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ResultKind:
    PROVISIONAL = "provisional"
    FINAL = "final"


class ResultVersion(Base):
    """One publication of the ranked result; never changed, a newer one supersedes it."""

    __tablename__ = "result_version"
    __table_args__ = (UniqueConstraint("competition_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    reserve_expires_on: Mapped[date | None] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON)
    data_sha256: Mapped[str] = mapped_column(String(64))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("result_version.id"))

    rows: Mapped[list[ResultRow]] = relationship(order_by="ResultRow.position")


class ResultRow(Base):
    __tablename__ = "result_row"
    __table_args__ = (UniqueConstraint("version_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("result_version.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    candidate_number: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(String(200))
    scores: Mapped[dict] = mapped_column(JSON)  # part key -> "12.50"
    passed_parts: Mapped[dict] = mapped_column(JSON)
    priority_points: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    total: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    rank: Mapped[int | None] = mapped_column(Integer)
    is_tied: Mapped[bool] = mapped_column(Boolean, default=False)
    standing: Mapped[str] = mapped_column(String(20))


class SignedSheet(Base):
    """A signed PDF we produced: its code, the data it prints and where the file is."""

    __tablename__ = "signed_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("result_version.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    data_sha256: Mapped[str] = mapped_column(String(64))
    chain_length: Mapped[int] = mapped_column(Integer)
    chain_head: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(80))
    produced_at: Mapped[datetime] = mapped_column(UTCDateTime)
    produced_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    version: Mapped[ResultVersion | None] = relationship()
    countersignatures: Mapped[list[Countersignature]] = relationship(
        order_by="Countersignature.id")

    @property
    def current_file(self) -> str:
        """The newest file: the last countersigned copy, else the certified original."""
        return self.countersignatures[-1].stored_name if self.countersignatures else self.stored_name


class Countersignature(Base):
    """A board member's approval signature, added in an incremental update to a new file."""

    __tablename__ = "countersignature"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("signed_sheet.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stored_name: Mapped[str] = mapped_column(String(80))
