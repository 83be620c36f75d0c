"""The presentation round's records and the board's collegial decisions.

A programme upload, a recorded presentation slot and a declared conflict are rows that are
never updated: a new upload is a new row (the latest before the freeze counts), and the freeze
keeps the digest of the file the panel reads.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.accounts.models import User
from exam.db import Base, UTCDateTime


class ScoringRule(StrEnum):
    SPREAD = "spread"  # sealed round; spread <= 5 mean, wider to the chair or a new round
    SINGLE_MEAN = "single_mean"  # one secret round, plain mean


class TieFallback(StrEnum):
    REVOTE = "revote"  # a vote without majority decides nothing: the board votes again
    AUTHORITY = "authority"  # the appointing authority decides; the administrator records it


class PresentationRules(Base):
    """The competition's rules for the presentation round and the board's gate."""

    __tablename__ = "presentation_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    scoring_rule: Mapped[ScoringRule] = mapped_column(String(16), default=ScoringRule.SPREAD)
    programme_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    panel_quorum: Mapped[int] = mapped_column(Integer, default=3)
    min_candidates: Mapped[int] = mapped_column(Integer, default=2)
    tie_fallback: Mapped[TieFallback] = mapped_column(String(16), default=TieFallback.REVOTE)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class ConflictKind(StrEnum):
    RELATIVE = "relative"
    LINE = "line"  # direct subordinate or superior
    OTHER = "other"


class ConflictOfInterest(Base):
    """A panel or board member's declared conflict with one candidate; it cannot be withdrawn."""

    __tablename__ = "conflict_of_interest"
    __table_args__ = (UniqueConstraint("member_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[ConflictKind] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime)

    member: Mapped[User] = relationship()


class Programme(Base):
    """One upload of a candidate's action programme (PDF); the latest before the freeze counts."""

    __tablename__ = "presentation_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProgrammeFreeze(Base):
    """The programmes the panel reads, fixed at the deadline: application id -> programme id."""

    __tablename__ = "presentation_programme_freeze"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    programme_ids: Mapped[dict] = mapped_column(JSON, default=dict)
    digests: Mapped[dict] = mapped_column(JSON, default=dict)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PresentationSitting(Base):
    """The presentation session: its drawn order of candidates and the seed that gives it."""

    __tablename__ = "presentation_sitting"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    seed_hex: Mapped[str] = mapped_column(String(64))
    order: Mapped[list] = mapped_column(JSON)  # application ids, first to present first
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drawn_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    slots: Mapped[list[PresentationSlot]] = relationship(order_by="PresentationSlot.position")


class PresentationSlot(Base):
    """The secretary's minutes of one candidate's presentation."""

    __tablename__ = "presentation_slot"
    __table_args__ = (UniqueConstraint("sitting_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sitting_id: Mapped[int] = mapped_column(ForeignKey("presentation_sitting.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    position: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    present_ids: Mapped[list] = mapped_column(JSON, default=list)
    questions: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EligibilityOverride(Base):
    """The board's written reason for accepting an application whose findings fail."""

    __tablename__ = "eligibility_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    failed: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DecisionSubject(StrEnum):
    TIE = "tie"
    PROCEED = "proceed"  # go on with fewer accepted candidates than the minimum
    ANNULMENT = "annulment"  # propose annulling the competition


class CollegialDecision(Base):
    """A decision the rules make collegial: the board's vote on it and what each option means.

    `option_orders[i]` is what option i decides (an order of application ids for a tie,
    "proceed"/"extend" or "propose"/"reject" otherwise); once applied, `outcome` holds it."""

    __tablename__ = "collegial_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("board_vote.id"), unique=True)
    subject: Mapped[DecisionSubject] = mapped_column(String(16))
    application_ids: Mapped[list] = mapped_column(JSON, default=list)
    option_orders: Mapped[list] = mapped_column(JSON, default=list)
    reasons: Mapped[str] = mapped_column(Text)
    excluded_ids: Mapped[list] = mapped_column(JSON, default=list)  # conflicted, not electors
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(16), default="")  # decided, no_majority, ...
    decided_option: Mapped[int | None] = mapped_column(Integer)


class RegistrationExtension(Base):
    """The board moved the registration deadline later, with its reason (public)."""

    __tablename__ = "registration_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    closes_before: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_after: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
