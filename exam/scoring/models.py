"""Blind scoring: scripts under anonymous codes, panels, marks, final marks, the sealed code map.

Nothing that matters to fairness is updated in place: a draft saved again, a submitted mark,
a chair's settlement, a re-mark and a masked passage are each a new row.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from exam.accounts.models import User
from exam.competitions.models import Competition
from exam.db import Base, UTCDateTime

POINTS = Numeric(8, 2)
PRESENTATION = "presentation"


class Panel(Base):
    """The examiners of one essay part (or of the presentation round) and the chair who settles."""

    __tablename__ = "scoring_panel"
    __table_args__ = (UniqueConstraint("competition_id", "part_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    part_key: Mapped[str] = mapped_column(String(40))
    chair_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    threshold_percent: Mapped[Decimal] = mapped_column(POINTS, default=Decimal(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    chair: Mapped[User] = relationship()
    members: Mapped[list[PanelMember]] = relationship(back_populates="panel",
                                                      order_by="PanelMember.id")

    @property
    def is_presentation(self) -> bool:
        return self.part_key == PRESENTATION


class PanelMember(Base):
    __tablename__ = "scoring_panel_member"
    __table_args__ = (UniqueConstraint("panel_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("scoring_panel.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    panel: Mapped[Panel] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Declaration(Base):
    """An examiner's declaration against the accepted candidates; the latest one counts."""

    __tablename__ = "scoring_declaration"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    conflict_application_ids: Mapped[list] = mapped_column(JSON, default=list)
    known_application_ids: Mapped[list] = mapped_column(JSON, default=list)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Script(Base):
    """One essay answer under its anonymous code, with its own copy of prompt, rubric and text."""

    __tablename__ = "scoring_script"
    __table_args__ = (UniqueConstraint("competition_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    part_key: Mapped[str] = mapped_column(String(40))
    item_key: Mapped[str] = mapped_column(String(80), default="")
    item_version_id: Mapped[int | None] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    rubric: Mapped[list] = mapped_column(JSON, default=list)
    max_points: Mapped[Decimal] = mapped_column(POINTS)
    answer_text: Mapped[str] = mapped_column(Text, default="")
    leak_kinds: Mapped[list] = mapped_column(JSON, default=list)
    is_calibration: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    redactions: Mapped[list[Redaction]] = relationship(order_by="Redaction.id")


class ScriptIdentity(Base):
    """The code map (số phách): kept apart, read only by the reveal and by internal checks."""

    __tablename__ = "scoring_script_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scoring_script.id"), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)


class Redaction(Base):
    """The board's answer to a leak flag: a passage masked, or the flag dismissed with a note."""

    __tablename__ = "scoring_redaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scoring_script.id"), index=True)
    passage: Mapped[str] = mapped_column(Text, default="")
    is_dismissal: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # The audit log records sha256(nonce, code, passage), not the passage: nobody can test a
    # guessed name against it, and the candidate, shown passage and nonce, can check it.
    nonce: Mapped[str] = mapped_column(String(64), default="", server_default="")
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AssignmentDraw(Base):
    """The recorded seed of a draw of examiners: the same seed gives the same assignment."""

    __tablename__ = "scoring_draw"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("scoring_panel.id"), index=True)
    seed_hex: Mapped[str] = mapped_column(String(64))
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class Remark(Base):
    """An appeal re-mark of one script by examiners who never marked it."""

    __tablename__ = "scoring_remark"

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scoring_script.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AssignmentRole(StrEnum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    CALIBRATION = "calibration"


class Assignment(Base):
    __tablename__ = "scoring_assignment"
    __table_args__ = (UniqueConstraint("script_id", "examiner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scoring_script.id"), index=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[AssignmentRole] = mapped_column(String(16))
    remark_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_remark.id"))
    draw_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_draw.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)

    script: Mapped[Script] = relationship()
    examiner: Mapped[User] = relationship()


class Mark(Base):
    """One saving of a mark: drafts and the final submission are all rows; the last one counts."""

    __tablename__ = "scoring_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("scoring_assignment.id"), index=True)
    criteria: Mapped[list] = mapped_column(JSON, default=list)
    total: Mapped[Decimal] = mapped_column(POINTS)
    comment: Mapped[str] = mapped_column(Text, default="")
    is_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Before the lock the audit log holds only a commitment to the total (exam.scoring.seals).
    seal_nonce: Mapped[str] = mapped_column(String(64), default="", server_default="")

    assignment: Mapped[Assignment] = relationship()


class FinalBasis(StrEnum):
    MEAN = "mean"
    CHAIR = "chair"


class FinalMark(Base):
    """The mark a script counts with; a later row (a re-mark) supersedes an earlier one."""

    __tablename__ = "scoring_final_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scoring_script.id"), index=True)
    remark_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_remark.id"))
    mark: Mapped[Decimal] = mapped_column(POINTS)
    basis: Mapped[FinalBasis] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seal_nonce: Mapped[str] = mapped_column(String(64), default="", server_default="")


class PresentationScore(Base):
    """A panel member's sealed score for one candidate in one round of scoring (out of 100)."""

    __tablename__ = "scoring_presentation_score"
    __table_args__ = (UniqueConstraint("application_id", "member_id", "round_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    round_no: Mapped[int] = mapped_column(Integer, default=1)
    score: Mapped[Decimal] = mapped_column(POINTS)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PresentationResult(Base):
    """The official presentation score of a candidate: the mean, or the chair's decision."""

    __tablename__ = "scoring_presentation_result"
    __table_args__ = (UniqueConstraint("application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    round_no: Mapped[int] = mapped_column(Integer)
    score: Mapped[Decimal] = mapped_column(POINTS)
    basis: Mapped[FinalBasis] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PresentationConfirmation(Base):
    """A panel member's signature on the summary sheet of one candidate's presentation."""

    __tablename__ = "scoring_presentation_confirmation"
    __table_args__ = (UniqueConstraint("result_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("scoring_presentation_result.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime)


def panels(session: Session, competition: Competition) -> list[Panel]:
    return list(session.scalars(select(Panel).where(Panel.competition_id == competition.id)
                                .order_by(Panel.part_key)))


def panel_for(session: Session, competition: Competition, part_key: str) -> Panel | None:
    return session.scalar(select(Panel).where(Panel.competition_id == competition.id,
                                              Panel.part_key == part_key))


def conflicts_of(session: Session, competition: Competition) -> dict[int, set[int]]:
    """examiner id -> application ids they may not mark (their latest declaration)."""
    result: dict[int, set[int]] = defaultdict(set)
    for declaration in session.scalars(select(Declaration).where(
            Declaration.competition_id == competition.id).order_by(Declaration.id)):
        result[declaration.examiner_id] = set(declaration.conflict_application_ids)
    return result
