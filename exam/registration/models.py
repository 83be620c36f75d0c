from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from exam.accounts.models import User
from exam.competitions.models import Competition
from exam.db import Base, UTCDateTime


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # by the candidate (exam.appointment.remedies)
    EXCLUDED = "excluded"  # acceptance annulled: found ineligible
    DISQUALIFIED = "disqualified"  # score voided for cheating


class Application(Base):
    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("competition_id", "user_id"),
        UniqueConstraint("competition_id", "candidate_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(String(16), default=ApplicationStatus.SUBMITTED)
    candidate_number: Mapped[str | None] = mapped_column(String(16))

    date_of_birth: Mapped[date] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(20))
    current_post: Mapped[str] = mapped_column(String(200))
    current_unit: Mapped[str] = mapped_column(String(200))
    degree: Mapped[str] = mapped_column(String(16))
    field_of_study: Mapped[str] = mapped_column(String(200), default="")
    management_years: Mapped[int] = mapped_column(Integer, default=0)
    statement: Mapped[str] = mapped_column(Text, default="")
    eligibility_answers: Mapped[dict] = mapped_column(JSON, default=dict)

    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    rejection_reason: Mapped[str] = mapped_column(Text, default="")

    competition: Mapped[Competition] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    documents: Mapped[list[Document]] = relationship(back_populates="application")


class Document(Base):
    """An uploaded PDF, stored under a random name in the instance folder."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship(back_populates="documents")


def accepted_candidates(session: Session, competition: Competition) -> list[Application]:
    """The competition's accepted applications in candidate-number order (rooms and the draw
    read it without the registration service)."""
    return list(session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED).order_by(Application.candidate_number)))
