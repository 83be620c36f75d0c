"""The practice paper: before the exam day, every accepted candidate can try the real
interface (timer, autosave, submission) on questions the board wrote for practice. The pool
is its own table, never the sealed bank, and a practice score is counted nowhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.competitions.permissions import can_run_stages
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require
from exam.registration.models import Application, ApplicationStatus
from exam.rooms.models import PracticeAttempt, PracticeItem, PracticeSave

MINUTES_PER_QUESTION = 2
GRACE = timedelta(seconds=30)
MAX_ITEMS = 50


@dataclass(frozen=True)
class PracticePlace:
    """Where a practice question stands, named as a line of the day's paper is, so the two
    papers share one template (templates/sitting/_paper.html)."""

    id: int
    position: int
    part_key: str = ""
    points: int = 1


@dataclass(frozen=True)
class PracticeLine:
    item: PracticeItem
    line: PracticePlace
    answer: str
    is_flagged: bool
    saved_at: datetime | None

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    @property
    def shown_answer(self) -> list[str]:
        return [self.answer] if self.answer else []

    @property
    def display_options(self) -> list[tuple[str, str]]:
        return [(token(i), text) for i, text in enumerate(self.item.options)]


def token(index: int) -> str:
    return chr(ord("A") + index)


def items_of(session: Session, competition: Competition) -> list[PracticeItem]:
    return list(session.scalars(select(PracticeItem).where(
        PracticeItem.competition_id == competition.id).order_by(PracticeItem.position)))


def add_items(session: Session, actor, competition: Competition, text: str, *,
              now: datetime) -> list[PracticeItem]:
    """One question a line: ``question | option | option ... | number of the right option``.
    All lines or none."""
    require(can_run_stages(session, actor, competition),
            _("Only the chair or the secretary can write the practice paper."), PermissionDenied)
    require(not competition.has_reached(Stage.SITTING),
            _("The sitting has begun: the practice paper is closed."), Conflict)
    existing = items_of(session, competition)
    parsed = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        try:
            correct = int(parts[-1]) - 1
        except ValueError:
            correct = -1
        options = parts[1:-1]
        require(len(parts) >= 4 and parts[0] and all(options) and 0 <= correct < len(options)
                and len(options) <= 8,
                _("Line %(n)d: write the question, 2 to 8 options and the number of the right "
                  "option, separated by |.", n=number), InvalidInput)
        parsed.append((parts[0][:2000], [o[:500] for o in options], correct))
    require(parsed, _("Write at least one practice question."), InvalidInput)
    require(len(existing) + len(parsed) <= MAX_ITEMS,
            _("The practice paper holds at most %(n)d questions.", n=MAX_ITEMS), InvalidInput)
    made = []
    for offset, (stem, options, correct) in enumerate(parsed, len(existing) + 1):
        item = PracticeItem(competition_id=competition.id, position=offset, stem=stem,
                            options=options, correct=correct)
        session.add(item)
        made.append(item)
    session.flush()
    audit.record(session, actor, "rooms.practice_items_added", at=now, competition=competition,
                 payload={"count": len(made)})
    return made


def _application(session: Session, actor, competition: Competition) -> Application:
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id, Application.user_id == actor.id,
        Application.status == ApplicationStatus.ACCEPTED))
    require(application is not None,
            _("The practice paper is for the accepted candidates of this competition."),
            PermissionDenied)
    return application


def deadline(attempt: PracticeAttempt) -> datetime:
    return attempt.started_at + timedelta(seconds=attempt.duration_seconds)


def remaining_seconds(attempt: PracticeAttempt, now: datetime) -> int:
    if attempt.submitted_at is not None:
        return 0
    return max(0, int((deadline(attempt) - now).total_seconds()))


def latest_attempt(session: Session, actor, competition: Competition) -> PracticeAttempt | None:
    application = _application(session, actor, competition)
    return session.scalar(select(PracticeAttempt).where(
        PracticeAttempt.application_id == application.id).order_by(
        PracticeAttempt.id.desc()).limit(1))


def start(session: Session, actor, competition: Competition, *, now: datetime
          ) -> PracticeAttempt:
    """A running try resumes; a finished one can be followed by a new one."""
    application = _application(session, actor, competition)
    require(not competition.has_reached(Stage.SITTING),
            _("The practice paper closes when the sitting opens."), Conflict)
    items = items_of(session, competition)
    require(items, _("The board has not written a practice paper yet."), Conflict)
    current = latest_attempt(session, actor, competition)
    if current is not None and current.submitted_at is None:
        if now <= deadline(current) + GRACE:
            return current
        submit(session, actor, current, now=now)
    attempt = PracticeAttempt(competition_id=competition.id, application_id=application.id,
                              started_at=now, max_score=len(items),
                              duration_seconds=len(items) * MINUTES_PER_QUESTION * 60)
    session.add(attempt)
    session.flush()
    return attempt


def own_attempt(session: Session, actor, competition: Competition) -> PracticeAttempt:
    attempt = latest_attempt(session, actor, competition)
    if attempt is None:
        raise NotFound(_("You have not started the practice paper."))
    return attempt


def _current(session: Session, attempt: PracticeAttempt) -> dict[int, PracticeSave]:
    current: dict[int, PracticeSave] = {}
    for save in session.scalars(select(PracticeSave).where(
            PracticeSave.attempt_id == attempt.id).order_by(PracticeSave.client_seq,
                                                           PracticeSave.id)):
        current[save.item_id] = save
    return current


def lines(session: Session, attempt: PracticeAttempt) -> list[PracticeLine]:
    competition = session.get(Competition, attempt.competition_id)
    current = _current(session, attempt)
    out = []
    for n, item in enumerate(items_of(session, competition), 1):
        save = current.get(item.id)
        out.append(PracticeLine(item, PracticePlace(item.id, n), save.response if save else "",
                                bool(save and save.is_flagged), save.saved_at if save else None))
    return out


def save(session: Session, actor, attempt: PracticeAttempt, item_id: int, *, response,
         is_flagged: bool, client_seq: int, now: datetime) -> tuple[bool, PracticeSave | None]:
    """(saved?, the answer in force). An older save than the one on record is not applied."""
    application = session.get(Application, attempt.application_id)
    require(application.user_id == actor.id, _("This is not your practice paper."),
            PermissionDenied)
    require(attempt.submitted_at is None, _("This practice paper has been submitted."), Conflict)
    require(now <= deadline(attempt) + GRACE, _("The practice time is up."), Conflict)
    item = session.get(PracticeItem, item_id)
    require(item is not None and item.competition_id == attempt.competition_id,
            _("This question is not on your paper."), InvalidInput)
    chosen = response if isinstance(response, str) else (response[0] if response else "")
    valid = {token(i) for i in range(len(item.options))}
    require(chosen in valid or chosen == "", _("Choose one of the options."), InvalidInput)
    current = _current(session, attempt).get(item.id)
    if current is not None and current.client_seq >= client_seq:
        return False, current
    record = PracticeSave(attempt_id=attempt.id, item_id=item.id, response=chosen,
                          is_flagged=bool(is_flagged), client_seq=client_seq, saved_at=now)
    session.add(record)
    session.flush()
    return True, record


def submit(session: Session, actor, attempt: PracticeAttempt, *, now: datetime) -> int:
    """Score at once: one point for each right option. The score is the candidate's alone."""
    application = session.get(Application, attempt.application_id)
    require(application.user_id == actor.id, _("This is not your practice paper."),
            PermissionDenied)
    if attempt.submitted_at is not None:
        return attempt.score or 0
    current = _current(session, attempt)
    competition = session.get(Competition, attempt.competition_id)
    attempt.score = sum(1 for item in items_of(session, competition)
                        if item.id in current and current[item.id].response == token(item.correct))
    attempt.submitted_at = min(now, deadline(attempt))
    session.flush()
    return attempt.score


def submit_if_expired(session: Session, actor, attempt: PracticeAttempt | None, *,
                      now: datetime) -> bool:
    """A try whose time and grace have run out is submitted with what was saved."""
    if attempt is None or attempt.submitted_at is not None or now <= deadline(attempt) + GRACE:
        return False
    submit(session, actor, attempt, now=now)
    return True
