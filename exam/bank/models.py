"""The question bank's storage: an item keeps every version it ever had."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.db import Base, UTCDateTime


class ItemStatus(StrEnum):
    """draft -> reviewed -> approved -> retired; only approved versions reach a paper."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    RETIRED = "retired"


class BankItem(Base):
    """A question's identity: its key stays, its wording lives in versions."""

    __tablename__ = "bank_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    versions: Mapped[list[ItemVersion]] = relationship(
        back_populates="item", order_by="ItemVersion.number")


class ItemVersion(Base):
    """One wording of an item; once approved its content never changes (a new version does)."""

    __tablename__ = "item_version"
    __table_args__ = (UniqueConstraint("bank_item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_item_id: Mapped[int] = mapped_column(ForeignKey("bank_item.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(200), index=True)
    difficulty: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(24))
    status: Mapped[ItemStatus] = mapped_column(String(16), default=ItemStatus.DRAFT, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    item: Mapped[BankItem] = relationship(back_populates="versions")
