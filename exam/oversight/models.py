"""Oversight: irregularity reports, suspensions and secret board votes.

A secret vote is stored in two tables that share nothing but the vote: `vote_elector` says
who may vote and who has voted (no choice, no time), `vote_counter` holds one counter per
option (no voter, no time). No row, id or ordering can tie a choice to a person.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.competitions.models import Competition
from exam.db import Base, UTCDateTime


class ReportStatus(StrEnum):
    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    RESOLVED = "resolved"


class ReportCategory(StrEnum):
    SALE_OF_QUESTIONS = "sale_of_questions"
    PRESSURE_ON_EXAMINER = "pressure_on_examiner"
    UNDECLARED_CONFLICT = "undeclared_conflict"
    WRONG_ELIGIBILITY = "wrong_eligibility"
    OTHER = "other"


class IrregularityReport(Base):
    """A report about a competition; the reporter holds only a code whose hash is kept here."""

    __tablename__ = "irregularity_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    category: Mapped[ReportCategory] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)
    named_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReportStatus] = mapped_column(String(16), default=ReportStatus.RECEIVED)
    is_substantiated: Mapped[bool | None] = mapped_column(Boolean)
    finding: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    review_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    competition: Mapped[Competition] = relationship()
    named: Mapped[list[ReportNamedPerson]] = relationship(back_populates="report")
    additions: Mapped[list[ReportAddition]] = relationship(
        back_populates="report", order_by="ReportAddition.id")
    attachments: Mapped[list[ReportAttachment]] = relationship(
        back_populates="report", order_by="ReportAttachment.id")


class ReportNamedPerson(Base):
    """A board or staff member the report is about: they never see the report."""

    __tablename__ = "report_named_person"
    __table_args__ = (UniqueConstraint("report_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("irregularity_report.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    report: Mapped[IrregularityReport] = relationship(back_populates="named")


class ReportAddition(Base):
    """More information the reporter added later through the code."""

    __tablename__ = "report_addition"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("irregularity_report.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)

    report: Mapped[IrregularityReport] = relationship(back_populates="additions")


class ReportAttachment(Base):
    """A PDF, JPEG or PNG, judged by its content and stored under a random name."""

    __tablename__ = "report_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("irregularity_report.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    report: Mapped[IrregularityReport] = relationship(back_populates="attachments")


class Suspension(Base):
    """A competition held at its stage because of a substantiated report, until lifted."""

    __tablename__ = "suspension"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("irregularity_report.id"))
    stage: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    suspended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    suspended_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    lift_reason: Mapped[str] = mapped_column(Text, default="")


class VoteKind(StrEnum):
    ELIGIBILITY_DISPUTE = "eligibility_dispute"
    APPEAL = "appeal"
    TIE = "tie"
    SUSPENSION = "suspension"
    CANCELLATION = "cancellation"
    PROCEED = "proceed"


class BoardVote(Base):
    """A secret vote of the board on a decision the rules leave to it."""

    __tablename__ = "board_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    kind: Mapped[VoteKind] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)
    options: Mapped[list] = mapped_column(JSON)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    quorum: Mapped[int | None] = mapped_column(Integer)  # ballots needed; None: more than half

    competition: Mapped[Competition] = relationship()
    electors: Mapped[list[VoteElector]] = relationship(back_populates="vote",
                                                       order_by="VoteElector.user_id")
    counters: Mapped[list[VoteCounter]] = relationship(back_populates="vote",
                                                       order_by="VoteCounter.option_index")


class VoteElector(Base):
    """Who may vote and whether they have: created for the whole board when the vote opens."""

    __tablename__ = "vote_elector"
    __table_args__ = (UniqueConstraint("vote_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("board_vote.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    has_voted: Mapped[bool] = mapped_column(Boolean, default=False)

    vote: Mapped[BoardVote] = relationship(back_populates="electors")
    user = relationship("User")


class VoteCounter(Base):
    """How many ballots an option received; every ballot rewrites all counters of its vote."""

    __tablename__ = "vote_counter"
    __table_args__ = (UniqueConstraint("vote_id", "option_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("board_vote.id"), index=True)
    option_index: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer, default=0)

    vote: Mapped[BoardVote] = relationship(back_populates="counters")
