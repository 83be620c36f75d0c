"""The written test: its parts, the seal, every candidate's paper, attempts and answers.

Answers are append-only (`AnswerSave`): the current answer to a question is its save with
the highest client sequence number, so a slow tab can never overwrite a newer answer and
every answer a candidate was told was saved stays on record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.db import Base, UTCDateTime


class TestPart(Base):
    """A part of a competition's written test: a blueprint of cells and a duration."""

    __tablename__ = "test_part"
    __table_args__ = (UniqueConstraint("competition_id", "key"),)
    __test__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    key: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    essay_mode: Mapped[str] = mapped_column(String(24), default="per_candidate")
    cells: Mapped[list] = mapped_column(JSON, default=list)
    # Key of a description item of the bank shown before the part's questions ("": none).
    instructions: Mapped[str] = mapped_column(String(80), default="", server_default="")


class SittingSetup(Base):
    """Per-competition sitting rules set by the board and the proctor."""

    __tablename__ = "sitting_setup"

    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), primary_key=True)
    access_code: Mapped[str] = mapped_column(String(32), default="")
    allowed_networks: Mapped[str] = mapped_column(Text, default="")
    grace_seconds: Mapped[int] = mapped_column(Integer, default=30)
    # Candidates start at most this long after the sitting opens (unless the proctor admits
    # one late): a paper seen by an early finisher must not reach someone yet to start.
    late_entry_minutes: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    # Candidates check in (their paper is delivered, sealed) this long before the start.
    checkin_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")


class Seal(Base):
    """The board's commitment, published before the draw: secret and bank snapshot digests and,
    from v2, the public value's announced source, the blueprint and the candidate numbers."""

    __tablename__ = "seal"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), unique=True)
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sealed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    secret_hex: Mapped[str] = mapped_column(String(128))
    secret_commitment: Mapped[str] = mapped_column(String(64))
    snapshot_digest: Mapped[str] = mapped_column(String(64))
    snapshot_commitment: Mapped[str] = mapped_column(String(64))
    blueprint: Mapped[str] = mapped_column(Text)
    public_value: Mapped[str | None] = mapped_column(String(500))
    public_value_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # thituyen-draw-v2 (question_bank.draw steps 9-13); a v1 seal leaves these empty.
    draw_version: Mapped[str] = mapped_column(String(32), server_default="thituyen-draw-v1")
    value_source: Mapped[str | None] = mapped_column(String(500))
    value_known_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blueprint_digest: Mapped[str | None] = mapped_column(String(64))
    candidate_numbers: Mapped[str | None] = mapped_column(Text)
    candidates_digest: Mapped[str | None] = mapped_column(String(64))
    seal_digest: Mapped[str | None] = mapped_column(String(64))


class SnapshotItem(Base):
    """A frozen copy of one approved item version, exactly as the draw saw it."""

    __tablename__ = "snapshot_item"
    __table_args__ = (UniqueConstraint("seal_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seal_id: Mapped[int] = mapped_column(ForeignKey("seal.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(80))
    item_version_id: Mapped[int] = mapped_column(ForeignKey("item_version.id"))
    data: Mapped[str] = mapped_column(Text)


class Paper(Base):
    """One candidate's paper, drawn and stored before the sitting opens."""

    __tablename__ = "paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    candidate_number: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str] = mapped_column(String(64))
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)

    items: Mapped[list[PaperItem]] = relationship(
        back_populates="paper", order_by="PaperItem.sequence")


class PaperItem(Base):
    """A line of a paper: which item version, where, with which option order and points."""

    __tablename__ = "paper_item"
    __table_args__ = (UniqueConstraint("paper_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    part_key: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    item_key: Mapped[str] = mapped_column(String(80))
    item_version_id: Mapped[int] = mapped_column(ForeignKey("item_version.id"))
    option_order: Mapped[list] = mapped_column(JSON, default=list)
    points: Mapped[str] = mapped_column(String(20))

    paper: Mapped[Paper] = relationship(back_populates="items")


class Attempt(Base):
    """A candidate's one sitting of their paper; the server's clock decides its deadline.

    An attempt made at check-in, before the start, has no ``started_at``: the candidate holds
    the paper sealed (``SealedPaper``) and the start is the moment its key is released."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id"), unique=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # False while a start made by a key release still awaits its audit entry.
    is_start_logged: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    duration_seconds: Mapped[int] = mapped_column(Integer)
    extra_seconds: Mapped[int] = mapped_column(Integer, default=0)
    start_address: Mapped[str] = mapped_column(String(64), default="")
    position: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    is_auto_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    answers_sha256: Mapped[str | None] = mapped_column(String(64))
    receipt_statement: Mapped[str | None] = mapped_column(Text)
    receipt_signature: Mapped[str | None] = mapped_column(Text)

    paper: Mapped[Paper] = relationship()

    @property
    def is_started(self) -> bool:
        return self.started_at is not None


class SealedPaper(Base):
    """The paper as the candidate's page shows it, rendered at check-in and encrypted with
    AES-256-GCM under a key of its own. The ciphertext goes to the browser before the start;
    the key only at the start (``exam.sitting.checkin.release_paper_key``)."""

    __tablename__ = "sealed_paper"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    paper_key: Mapped[str] = mapped_column(String(64))
    blobs: Mapped[dict] = mapped_column(JSON, default=dict)  # locale -> base64(nonce + ct)
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExtraTime(Base):
    """Extra time granted by the proctor, with the reason; grants only add up."""

    __tablename__ = "extra_time"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    seconds: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LateAdmission(Base):
    """The proctor lets one candidate start after the late-entry limit, with the reason."""

    __tablename__ = "late_admission"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    admitted_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    admitted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AnswerSave(Base):
    """One acknowledged save of one answer; never updated, never deleted."""

    __tablename__ = "answer_save"
    # The answer in force for a line is its save with the highest client sequence: one index
    # probe however many times the candidate saved it (an essay saves every few seconds).
    __table_args__ = (Index("ix_answer_save_latest", "attempt_id", "paper_item_id",
                            "client_seq", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    paper_item_id: Mapped[int] = mapped_column(ForeignKey("paper_item.id"), index=True)
    response: Mapped[str] = mapped_column(Text)
    is_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    client_seq: Mapped[int] = mapped_column(BigInteger)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ObjectiveScore(Base):
    """Points earned on one objective line of a paper, computed at submission."""

    __tablename__ = "objective_score"
    __table_args__ = (UniqueConstraint("attempt_id", "paper_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    paper_item_id: Mapped[int] = mapped_column(ForeignKey("paper_item.id"))
    part_key: Mapped[str] = mapped_column(String(16))
    points: Mapped[str] = mapped_column(String(20))
