from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from exam.accounts.models import User
from exam.db import Base, UTCDateTime


class Stage(StrEnum):
    """The life of a competition, in order; each step is taken by a service call."""

    DRAFT = "draft"
    REGISTRATION_OPEN = "registration_open"
    REGISTRATION_CLOSED = "registration_closed"
    ELIGIBILITY_REVIEWED = "eligibility_reviewed"
    PAPERS_SEALED = "papers_sealed"
    SITTING = "sitting"
    SCORING = "scoring"
    SCORES_LOCKED = "scores_locked"
    IDENTITIES_REVEALED = "identities_revealed"
    PROVISIONAL_RESULTS = "provisional_results"
    FINAL_RESULTS = "final_results"
    APPOINTMENT = "appointment"


STAGE_ORDER = list(Stage)


class Role(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    BOARD_MEMBER = "board_member"
    QUESTION_AUTHOR = "question_author"
    EXAMINER = "examiner"
    PROCTOR = "proctor"
    APPOINTING_AUTHORITY = "appointing_authority"  # signs for the body that appoints to the post


BOARD_ROLES = frozenset({Role.CHAIR, Role.SECRETARY, Role.BOARD_MEMBER})


class Degree(StrEnum):
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTOR = "doctor"


DEGREE_RANK = {Degree.BACHELOR: 1, Degree.MASTER: 2, Degree.DOCTOR: 3}


class Competition(Base):
    __tablename__ = "competition"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    post: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    vacancies: Mapped[int] = mapped_column(Integer, default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    qualifications: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[Stage] = mapped_column(String(32), default=Stage.DRAFT)
    is_suspended: Mapped[bool] = mapped_column(Boolean, default=False)

    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sitting_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sitting_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    objection_days: Mapped[int] = mapped_column(Integer, default=3)
    appeal_days: Mapped[int] = mapped_column(Integer, default=15)

    min_management_years: Mapped[int] = mapped_column(Integer, default=0)
    max_age: Mapped[int | None] = mapped_column(Integer)
    required_degree: Mapped[Degree] = mapped_column(String(16), default=Degree.BACHELOR)
    required_documents: Mapped[list] = mapped_column(JSON, default=list)

    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    memberships: Mapped[list[Membership]] = relationship(back_populates="competition")

    def stage_index(self) -> int:
        return STAGE_ORDER.index(Stage(self.stage))

    def has_reached(self, stage: Stage) -> bool:
        return self.stage_index() >= STAGE_ORDER.index(stage)


class Membership(Base):
    """A person's staff role in one competition; a person may hold several roles."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("competition_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competition.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[Role] = mapped_column(String(24))
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    competition: Mapped[Competition] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
