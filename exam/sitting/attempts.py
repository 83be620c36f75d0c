"""The sitting itself: start, autosave, submit, auto-submit at the deadline, the proctor.

The server owns the clock: deadline = started_at + duration + extra time granted by the
proctor. Saves are accepted until the deadline plus a short grace (network latency), then
refused; an attempt past that point is submitted automatically with the answers saved
before it, whether or not the candidate comes back (``close_expired_attempts``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import Competition, Role, Stage
from exam.competitions.permissions import roles_in
from exam.competitions.service import enter_stage
from exam.errors import Conflict, InvalidInput, NotFound, PermissionDenied, require
from exam.registration.models import Application, ApplicationStatus
from exam.rooms import service as rooms
from exam.sitting import service
from exam.sitting.models import (
    AnswerSave,
    Attempt,
    ExtraTime,
    LateAdmission,
    ObjectiveScore,
    Paper,
    PaperItem,
    Seal,
    SittingSetup,
)
from question_bank.draw import canonical_json
from question_bank.items import Item, ItemType
from question_bank.scoring import score_response

CENT = Decimal("0.01")
MAX_TEXT = 20000
# v2: choices in the submitted document are the paper's option tokens, as the candidate chose
# them, not bank indices. Receipts issued as v1 keep their v1 document (and its SHA-256).
SUBMISSION_VERSION = "thituyen-submission-v2"
RECEIPT_VERSION = "thituyen-receipt-v2"
SUBMISSION_VERSION_V1 = "thituyen-submission-v1"
RECEIPT_VERSION_V1 = "thituyen-receipt-v1"

Signer = Callable[[bytes], bytes]


@dataclass(frozen=True)
class SaveResult:
    is_saved: bool
    saved_at: datetime | None
    remaining_seconds: int
    current: AnswerSave | None
    current_shown: object = None  # the answer in force, as the candidate's page names it


@dataclass(frozen=True)
class SaveTarget:
    """What an ordinary save needs, found in one query: the running attempt, the line and the
    seal whose frozen items the answer is checked against."""

    attempt: Attempt
    line: PaperItem
    seal: Seal


@dataclass(frozen=True)
class PaperLine:
    """One question as the candidate sees it: options in their drawn order, each named by its
    token. ``answer`` is the stored answer (bank indices, what scoring and the receipt read);
    ``shown_answer`` is the same answer in tokens, what the page may show."""

    line: PaperItem
    item: Item
    display_options: list[tuple[str, str]]
    answer: object
    is_flagged: bool
    saved_at: datetime | None

    @property
    def is_answered(self) -> bool:
        if isinstance(self.answer, list) and self.item.type is ItemType.MATCHING:
            return any(i is not None for i in self.answer)
        return self.answer not in (None, "", [])

    @property
    def shown_answer(self) -> object:
        return shown_response(self.item, self.line, self.answer)

    def tokens_for(self, bank_indices) -> list[str]:
        """The tokens a candidate sends to choose these options (the demo and tests use it)."""
        return shown_response(self.item, self.line, list(bank_indices))


@dataclass(frozen=True)
class BoardRow:
    candidate_number: str
    full_name: str
    attempt: Attempt | None
    answered: int
    flagged: int
    total: int
    remaining_seconds: int | None
    application_id: int = 0
    late_admission: LateAdmission | None = None
    late_entry_closes_at: datetime | None = None
    checked_in_at: datetime | None = None  # holds the sealed paper, not started yet


# ----------------------------------------------------------------------------- clock


def deadline(attempt: Attempt) -> datetime:
    """Only a started attempt has one: before the key is released the clock does not run."""
    return attempt.started_at + timedelta(seconds=attempt.duration_seconds + attempt.extra_seconds)


def remaining_seconds(attempt: Attempt, now: datetime) -> int:
    if attempt.submitted_at is not None:
        return 0
    if attempt.started_at is None:
        return attempt.duration_seconds
    return max(0, int((deadline(attempt) - now).total_seconds()))


def default_grace_seconds() -> int:
    """The grace after the deadline when the proctor has set no sitting rules."""
    return SittingSetup.__table__.c.grace_seconds.default.arg


def _grace(session: Session, attempt: Attempt) -> timedelta:
    competition = session.get(Competition, attempt.competition_id)
    return timedelta(seconds=service.setup_of(session, competition).grace_seconds)


# ----------------------------------------------------------------------------- start


def application_of(session: Session, actor, competition: Competition) -> Application:
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id, Application.user_id == actor.id,
        Application.status == ApplicationStatus.ACCEPTED))
    require(application is not None, _("You are not a candidate of this competition."))
    return application


def attempt_of(session: Session, application: Application) -> Attempt | None:
    return session.scalar(select(Attempt).where(Attempt.application_id == application.id))


def address_allowed(networks: str, address: str) -> bool:
    listed = [n for n in networks.split() if n]
    if not listed:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in listed)


def start_attempt(session: Session, actor, competition: Competition, *, access_code: str = "",
                  address: str = "", now: datetime) -> Attempt:
    """One attempt per candidate: starting again resumes it. The paper is already stored."""
    application = application_of(session, actor, competition)
    existing = attempt_of(session, application)
    if existing is not None:
        require(existing.submitted_at is None, _("You have already submitted your paper."),
                Conflict)
        require(existing.is_started, _("Your paper is sealed until the start."), Conflict)
        return existing
    require(competition.stage == Stage.SITTING and not competition.is_suspended,
            _("The sitting is not open."), Conflict)
    require(now >= competition.sitting_opens_at, _("The sitting has not opened yet."), Conflict)
    require(now < competition.sitting_closes_at, _("The sitting window has closed."), Conflict)
    rooms.require_present(session, competition, application)
    setup = service.setup_of(session, competition)
    session_starts = rooms.session_starts_at(session, application)
    require(session_starts is None or now >= session_starts,
            _("Your session starts at %(time)s.",
              time=format_datetime(session_starts or now, "HH:mm")), Conflict)
    entry_closes = late_entry_closes_at(competition, setup, session_starts)
    is_late = now > entry_closes
    if is_late:
        require(late_admission_of(session, application) is not None,
                _("Late entry closed at %(time)s. Ask the proctor to admit you.",
                  time=format_datetime(entry_closes, "HH:mm")), Conflict)
    check_room_rules(setup, access_code=access_code, address=address)
    paper = session.scalar(select(Paper).where(Paper.application_id == application.id))
    require(paper is not None, _("No paper was drawn for you. Ask the proctor."), Conflict)
    full = service.duration_seconds(session, competition)
    attempt = Attempt(paper_id=paper.id, competition_id=competition.id,
                      application_id=application.id, started_at=now,
                      duration_seconds=time_allowed(competition, full, now, session_starts),
                      extra_seconds=0, start_address=address[:64], position=1)
    session.add(attempt)
    session.flush()
    audit.record(session, actor, "sitting.attempt_started", at=now, competition=competition,
                 target=attempt, payload={"candidate_number": application.candidate_number,
                                          "duration_seconds": attempt.duration_seconds,
                                          "admitted_late": is_late})
    return attempt


def check_room_rules(setup: SittingSetup, *, access_code: str, address: str) -> None:
    """The code said aloud in the room and the room's network."""
    if setup.access_code:
        given = (access_code or "").strip().upper().encode()
        require(hmac.compare_digest(given, setup.access_code.upper().encode()),
                _("The room access code is not right. Ask the proctor."), InvalidInput)
    require(address_allowed(setup.allowed_networks, address),
            _("This sitting can only be started from the exam room's network."))


def log_start(session: Session, attempt: Attempt) -> None:
    """The audit entry of a start made by a key release, written after it (off the start's
    hot path, which must not wait on the log's lock), dated at the release."""
    if attempt.is_start_logged or attempt.started_at is None:
        return
    application = session.get(Application, attempt.application_id)
    competition = session.get(Competition, attempt.competition_id)
    setup = service.setup_of(session, competition)
    audit.record(session, application.user, "sitting.attempt_started", at=attempt.started_at,
                 competition=competition, target=attempt,
                 payload={"candidate_number": application.candidate_number,
                          "duration_seconds": attempt.duration_seconds,
                          "admitted_late": attempt.started_at > late_entry_closes_at(
                              competition, setup, rooms.session_starts_at(session, application)),
                          "paper_key_released": True})
    attempt.is_start_logged = True
    session.flush()


def log_released_starts(session: Session, *, competition: Competition | None = None,
                        limit: int | None = None, started_before: datetime | None = None) -> int:
    """Write the audit entries of the starts made by key releases and not yet logged (the
    first ``limit`` of them, in the order they started, those before ``started_before``)."""
    query = select(Attempt).where(Attempt.started_at.is_not(None),
                                  Attempt.is_start_logged.is_(False))
    if started_before is not None:
        query = query.where(Attempt.started_at < started_before)
    if competition is not None:
        query = query.where(Attempt.competition_id == competition.id)
    started = list(session.scalars(query.order_by(Attempt.started_at, Attempt.id).limit(limit)))
    for attempt in started:
        log_start(session, attempt)
    return len(started)


def late_entry_closes_at(competition: Competition, setup: SittingSetup,
                         session_starts: datetime | None = None) -> datetime:
    return entry_closes_at(competition.sitting_opens_at, setup.late_entry_minutes,
                           session_starts)


def entry_closes_at(opens: datetime, late_minutes: int,
                    session_starts: datetime | None = None) -> datetime:
    """The last moment a candidate may start without the proctor's admission, counted from
    their own session's start when their room has one, else from the sitting's opening."""
    return (session_starts or opens) + timedelta(minutes=late_minutes)


def time_allowed(competition: Competition, full_seconds: int, now: datetime,
                 session_starts: datetime | None = None) -> int:
    return time_left(competition.sitting_closes_at, full_seconds, now, session_starts)


def time_left(closes: datetime, full_seconds: int, now: datetime,
              session_starts: datetime | None = None) -> int:
    """The test's duration, cut so that it ends when the sitting ends (and, for a session
    with a start time, when that session ends): a late starter gets less time, never a
    deadline after everyone else's (extra time granted by the proctor is the one
    exception, and it is logged with its reason)."""
    ends = closes
    if session_starts is not None:
        ends = min(ends, session_starts + timedelta(seconds=full_seconds))
    return max(0, min(full_seconds, int((ends - now).total_seconds())))


def late_admission_of(session: Session, application: Application) -> LateAdmission | None:
    return session.scalar(select(LateAdmission).where(
        LateAdmission.application_id == application.id))


def own_attempt(session: Session, actor, competition: Competition) -> Attempt:
    attempt = attempt_of(session, application_of(session, actor, competition))
    if attempt is None or not attempt.is_started:
        raise NotFound(_("You have not started the sitting yet."))
    return attempt


# ----------------------------------------------------------------------------- answers


def _snapshot_items(session: Session, attempt: Attempt) -> dict[str, Item]:
    competition = session.get(Competition, attempt.competition_id)
    return service.snapshot_items(session, service.seal_of(session, competition))


def option_token(display_position: int) -> str:
    """What names the option shown at this place on a candidate's paper: A, B, C, ...

    A choice never travels as the option's index in the bank: banks tend to list the right
    option first, so "always send 0" would score without reading. The token names only the
    place on this candidate's shuffled paper, which says nothing about the bank's order.
    """
    if display_position < 26:
        return chr(ord("A") + display_position)
    return f"Z{display_position}"


def _option_order(item: Item, line: PaperItem) -> list[int]:
    choices = item.match_choices if item.type is ItemType.MATCHING else item.options
    return list(line.option_order or range(len(choices)))


def _choice_texts(item: Item) -> list[str]:
    if item.type is ItemType.MATCHING:
        return list(item.match_choices)
    return [o.text for o in item.options]


def shown_response(item: Item, line: PaperItem, stored: object) -> object:
    """A stored answer (bank indices) in the tokens of the candidate's paper; for a matching
    item, one token per prompt ("" where left blank)."""
    if item.type is ItemType.MATCHING and isinstance(stored, list):
        place = {bank_index: n for n, bank_index in enumerate(_option_order(item, line))}
        return [option_token(place[i]) if i in place else "" for i in stored]
    if not item.type.is_choice or not isinstance(stored, list):
        return stored
    place = {bank_index: n for n, bank_index in enumerate(_option_order(item, line))}
    return sorted(option_token(place[i]) for i in stored if i in place)


def is_valid_client_seq(client_seq: object) -> bool:
    return isinstance(client_seq, int) and 0 <= client_seq < 2**62


def stored_answer(item: Item, line: PaperItem, response: object) -> str:
    """The answer as `AnswerSave.response` keeps it, or InvalidInput with the reason."""
    return canonical_json(_clean_response(item, line, response))


def _clean_response(item: Item, line: PaperItem, response: object) -> object:
    """A response in the form scoring expects (choices as bank indices), or a clear refusal.

    Choices arrive as the tokens of the candidate's paper (``option_token``); a bare index,
    as sent by a page from before tokens, is refused with a request to reload, never read
    as a position in the bank. A matching answer is one token (or "") per prompt, in the
    prompts' order; it is stored as bank choice indices (None where blank).
    """
    if item.type is ItemType.MATCHING:
        prompts = len(item.match_prompts)
        if response in (None, "", []):
            return [None] * prompts
        if not (isinstance(response, list) and len(response) == prompts
                and all(isinstance(t, str) for t in response)):
            raise InvalidInput(_("The save could not be understood. Reload the page."))
        by_token = {option_token(n): bank_index
                    for n, bank_index in enumerate(_option_order(item, line))}
        if not all(t in by_token for t in response if t):
            raise InvalidInput(_("Choose among the options shown."))
        return [by_token[t] if t else None for t in response]
    if item.type.is_choice:
        if response in (None, ""):
            return []
        if not isinstance(response, list) or not all(isinstance(t, str) for t in response):
            raise InvalidInput(_("The save could not be understood. Reload the page."))
        by_token = {option_token(n): bank_index
                    for n, bank_index in enumerate(_option_order(item, line))}
        if not all(t in by_token for t in response):
            raise InvalidInput(_("Choose among the options shown."))
        picked = sorted({by_token[t] for t in response})
        if item.type is not ItemType.MULTIPLE_RESPONSE and len(picked) > 1:
            raise InvalidInput(_("This question takes one answer."))
        return picked
    # Every save of exam day passes here: the refusals are translated only when they happen.
    text = "" if response is None else response
    if not isinstance(text, str):
        raise InvalidInput(_("This answer must be text."))
    if len(text) > MAX_TEXT:
        raise InvalidInput(_("The answer is too long (at most %(n)d characters).", n=MAX_TEXT))
    return text.replace("\r\n", "\n")


def current_saves(session: Session, attempt: Attempt) -> dict[int, AnswerSave]:
    """The answer in force for each line: the save with the highest client sequence."""
    latest: dict[int, AnswerSave] = {}
    for save in session.scalars(select(AnswerSave).where(AnswerSave.attempt_id == attempt.id)
                                .order_by(AnswerSave.client_seq, AnswerSave.id)):
        latest[save.paper_item_id] = save
    return latest


def save_target(session: Session, actor, competition_id: int, paper_item_id: int, *,
                now: datetime) -> SaveTarget | None:
    """The exam-day hot path: the actor's running, unexpired attempt and the line of its paper
    in one query. None whenever anything is unusual (not started, submitted, out of time, not
    on this paper): the caller then takes the full path, which explains or auto-submits."""
    default_grace = default_grace_seconds()
    row = session.execute(
        select(Attempt, PaperItem, Seal, SittingSetup.grace_seconds)
        .join(Application, Application.id == Attempt.application_id)
        .join(Seal, Seal.competition_id == Attempt.competition_id)
        .join(PaperItem, and_(PaperItem.paper_id == Attempt.paper_id,
                              PaperItem.id == paper_item_id))
        .outerjoin(SittingSetup, SittingSetup.competition_id == Attempt.competition_id)
        .where(Attempt.competition_id == competition_id, Application.user_id == actor.id,
               Application.status == ApplicationStatus.ACCEPTED,
               Attempt.started_at.is_not(None), Attempt.submitted_at.is_(None))).first()
    if row is None:
        return None
    attempt, line, seal, grace = row
    if now > deadline(attempt) + timedelta(seconds=default_grace if grace is None else grace):
        return None
    return SaveTarget(attempt, line, seal)


def paper_length(session: Session, paper_id: int) -> int:
    return session.scalar(select(func.count()).select_from(PaperItem)
                          .where(PaperItem.paper_id == paper_id))


def is_position_on_paper(position: int, length: int) -> bool:
    """Where the candidate last was (the page reopens there): a question of their paper."""
    return 1 <= position <= length


def save_answer(session: Session, actor, attempt: Attempt, paper_item_id: int, *,
                response: object, is_flagged: bool, client_seq: int, position: int | None = None,
                now: datetime, target: SaveTarget | None = None) -> SaveResult:
    """Append one save unless a newer one (higher client sequence) is already stored.

    A save is acknowledged only after its commit (the view commits); a stale save (an older
    tab, a retried request) changes nothing and the caller gets the answer in force.
    `target`, from `save_target`, stands for the ownership, time and paper checks it made.
    """
    if target is None:
        application = session.get(Application, attempt.application_id)
        require(application.user_id == actor.id, _("This is not your paper."))
        require(attempt.submitted_at is None,
                _("Your paper has been submitted; answers can no longer change."), Conflict)
        require(attempt.is_started, _("The test has not started yet."), Conflict)
        require(now <= deadline(attempt) + _grace(session, attempt),
                _("Time is up: this answer arrived after the deadline and was not saved."),
                Conflict)
        line = session.get(PaperItem, paper_item_id)
        require(line is not None and line.paper_id == attempt.paper_id,
                _("This question is not on your paper."), InvalidInput)
        items = _snapshot_items(session, attempt)
    else:
        attempt, line = target.attempt, target.line
        items = service.snapshot_items(session, target.seal)
    item = items[line.item_key]
    require(is_valid_client_seq(client_seq),
            _("The save could not be understood. Reload the page."), InvalidInput)
    stored = stored_answer(item, line, response)
    if position is not None and position != attempt.position and is_position_on_paper(
            position, paper_length(session, attempt.paper_id)):
        attempt.position = position
    latest = session.scalar(select(AnswerSave).where(
        AnswerSave.attempt_id == attempt.id, AnswerSave.paper_item_id == line.id)
        .order_by(AnswerSave.client_seq.desc(), AnswerSave.id.desc()).limit(1))
    if latest is not None and (client_seq < latest.client_seq or (
            client_seq == latest.client_seq
            and (latest.response, latest.is_flagged) == (stored, bool(is_flagged)))):
        session.flush()
        same = (latest.response, latest.is_flagged) == (stored, bool(is_flagged))
        return SaveResult(same, latest.saved_at, remaining_seconds(attempt, now), latest,
                          shown_response(item, line, json.loads(latest.response)))
    save = AnswerSave(attempt_id=attempt.id, paper_item_id=line.id, response=stored,
                      is_flagged=bool(is_flagged), client_seq=client_seq, saved_at=now)
    session.add(save)
    session.flush()
    return SaveResult(True, now, remaining_seconds(attempt, now), save)


def paper_lines(session: Session, attempt: Attempt) -> list[PaperLine]:
    items = _snapshot_items(session, attempt)
    saves = current_saves(session, attempt)
    lines = []
    for line in attempt.paper.items:
        item = items[line.item_key]
        save = saves.get(line.id)
        order = _option_order(item, line)
        texts = _choice_texts(item)
        lines.append(PaperLine(line, item,
                               [(option_token(n), texts[i]) for n, i in enumerate(order)],
                               json.loads(save.response) if save else None,
                               bool(save and save.is_flagged), save.saved_at if save else None))
    return lines


# ----------------------------------------------------------------------------- submit


def _scaled(item: Item, response: object, points: Decimal) -> Decimal:
    earned = score_response(item, response) or Decimal(0)
    return (earned * points / item.points).quantize(CENT, ROUND_HALF_UP)


def submission_document(session: Session, attempt: Attempt, submitted_at: datetime,
                        lines: list[PaperLine] | None = None) -> dict:
    """Exactly what was submitted: every line of the paper with the answer in force.

    Choices are written as the candidate's option tokens (A = the first option shown on
    their paper); the draw bundle's option order maps them to the bank once the secret is
    public. An attempt whose receipt says v1 gets the v1 document (bank indices), so the
    SHA-256 on every receipt ever issued still matches.
    """
    lines = paper_lines(session, attempt) if lines is None else lines
    is_v1 = bool(attempt.receipt_statement) and json.loads(
        attempt.receipt_statement).get("v") == RECEIPT_VERSION_V1
    return {
        "v": SUBMISSION_VERSION_V1 if is_v1 else SUBMISSION_VERSION,
        "competition_id": attempt.competition_id,
        "candidate_number": attempt.paper.candidate_number,
        "paper_fingerprint": attempt.paper.fingerprint,
        "submitted_at": submitted_at.isoformat(),
        "answers": [{"part": pl.line.part_key, "position": pl.line.position,
                     "item_key": pl.line.item_key, "item_version_id": pl.line.item_version_id,
                     "response": pl.answer if is_v1 else pl.shown_answer,
                     "flagged": pl.is_flagged} for pl in lines],
    }


def submit_attempt(session: Session, actor, attempt: Attempt, *, now: datetime,
                   sign: Signer | None = None, is_auto: bool = False,
                   defer_receipt: bool = False) -> Attempt:
    """Freeze the answers, score the objective ones and issue a signed receipt.

    An automatic submission (the candidate ran out of time) is dated at the deadline plus
    grace: the last moment a save could still have been accepted. With ``defer_receipt`` only
    the freezing happens now (saves are refused from this moment); scoring, signing and the
    audit entry are ``issue_receipt``'s, run from the queue (``exam.sitting.finish``).
    """
    if not is_auto:
        application = session.get(Application, attempt.application_id)
        require(actor is not None and application.user_id == actor.id,
                _("This is not your paper."))
    require(attempt.submitted_at is None, _("Your paper has already been submitted."), Conflict)
    require(attempt.is_started, _("The test has not started yet."), Conflict)
    due = deadline(attempt) + _grace(session, attempt)
    if not is_auto and now > due:
        is_auto = True
    attempt.submitted_at = min(now, due) if is_auto else now
    attempt.is_auto_submitted = is_auto
    session.flush()
    if not defer_receipt:
        issue_receipt(session, attempt, now=now, sign=sign)
    return attempt


def issue_receipt(session: Session, attempt: Attempt, *, now: datetime,
                  sign: Signer | None = None) -> Attempt:
    """What a submission costs beyond freezing: the submitted document's SHA-256, the signed
    receipt, the objective items' scores and the audit entry. Done once: a second call (a
    retried job, the page and the worker at the same moment) finds the receipt and stops."""
    attempt = session.scalar(select(Attempt).where(Attempt.id == attempt.id).with_for_update()
                             .execution_options(populate_existing=True))
    require(attempt.submitted_at is not None, _("This paper has not been submitted."), Conflict)
    if attempt.receipt_statement is not None:
        return attempt
    log_start(session, attempt)
    submitted_at, is_auto = attempt.submitted_at, attempt.is_auto_submitted
    lines = paper_lines(session, attempt)
    document = submission_document(session, attempt, submitted_at, lines)
    digest = hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()
    statement = canonical_json({
        "v": RECEIPT_VERSION, "competition_id": attempt.competition_id,
        "candidate_number": attempt.paper.candidate_number,
        "submitted_at": submitted_at.isoformat(), "answers_sha256": digest,
        "automatic": is_auto})
    attempt.answers_sha256, attempt.receipt_statement = digest, statement
    if sign is not None:
        attempt.receipt_signature = base64.b64encode(sign(statement.encode("utf-8"))).decode()
    for pl in lines:
        if pl.item.type.is_objective:
            session.add(ObjectiveScore(attempt_id=attempt.id,
                                       paper_item_id=pl.line.id, part_key=pl.line.part_key,
                                       points=str(_scaled(pl.item, pl.answer,
                                                          Decimal(pl.line.points)))))
    session.flush()
    actor = None if is_auto else session.get(Application, attempt.application_id).user
    audit.record(session, actor, "sitting.submitted", at=now,
                 competition=attempt.competition_id, target=attempt,
                 payload={"candidate_number": attempt.paper.candidate_number,
                          "answers_sha256": digest, "automatic": is_auto})
    return attempt


def receipt_pending(session: Session, *, competition: Competition | None = None
                    ) -> list[Attempt]:
    """Submitted attempts whose receipt is still to be issued."""
    query = select(Attempt).where(Attempt.submitted_at.is_not(None),
                                  Attempt.receipt_statement.is_(None))
    if competition is not None:
        query = query.where(Attempt.competition_id == competition.id)
    return list(session.scalars(query.order_by(Attempt.submitted_at, Attempt.id)))


def close_if_expired(session: Session, attempt: Attempt, now: datetime, *,
                     sign: Signer | None = None, defer_receipt: bool = False) -> bool:
    """Submit one attempt whose time ran out; what a candidate's own pages call, cheaply."""
    if (attempt.submitted_at is None and attempt.is_started
            and now > deadline(attempt) + _grace(session, attempt)):
        submit_attempt(session, None, attempt, now=now, sign=sign, is_auto=True,
                       defer_receipt=defer_receipt)
        return True
    return False


def close_expired_attempts(session: Session, now: datetime, *, sign: Signer | None = None,
                           competition: Competition | None = None,
                           queue_receipt: Callable[[Attempt], None] | None = None) -> int:
    """Submit every attempt whose deadline plus grace has passed, even if its candidate never
    comes back; called by the proctor's board, before closing the sitting, and by cron. With
    ``queue_receipt`` the receipts are left to the queue (``exam.sitting.finish``)."""
    query = select(Attempt).where(Attempt.submitted_at.is_(None),
                                  Attempt.started_at.is_not(None))
    if competition is not None:
        query = query.where(Attempt.competition_id == competition.id)
    graces: dict[int, timedelta] = {}
    closed = 0
    for attempt in session.scalars(query.order_by(Attempt.id)).all():
        if attempt.competition_id not in graces:
            graces[attempt.competition_id] = _grace(session, attempt)
        if now > deadline(attempt) + graces[attempt.competition_id]:
            submit_attempt(session, None, attempt, now=now, sign=sign, is_auto=True,
                           defer_receipt=queue_receipt is not None)
            if queue_receipt is not None:
                queue_receipt(attempt)
            closed += 1
    return closed


def verify_receipt(statement: str, signature_b64: str, trust_roots,
                   signer_sha256: str | None = None) -> bool:
    """True when the receipt's statement is signed under the roots, and, with `signer_sha256`,
    by that very certificate: the roots also issue board members' certificates."""
    from exam.documents.signing import verify_detached

    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except ValueError:
        return False
    return verify_detached(statement.encode("utf-8"), signature, trust_roots,
                           signer_sha256=signer_sha256)


# ----------------------------------------------------------------------------- proctor


def can_proctor(session: Session, user, competition: Competition) -> bool:
    """The proctor runs the room; the board chair may stand in."""
    return bool(roles_in(session, user, competition) & {Role.PROCTOR, Role.CHAIR})


def _require_proctor(session: Session, actor, competition: Competition) -> None:
    require(can_proctor(session, actor, competition),
            _("Only the proctor of this competition can do this."), PermissionDenied)


def set_room_rules(session: Session, actor, competition: Competition, *, access_code: str,
                   allowed_networks: str, late_entry_minutes: int | None = None,
                   checkin_minutes: int | None = None, now: datetime) -> None:
    """The code said aloud in the room, the room's network and the late-entry limit (None
    keeps it); the code stays out of the log. The limit is fixed once the sitting opens: it
    is a rule every candidate sits under, not a favour."""
    _require_proctor(session, actor, competition)
    require(not competition.has_reached(Stage.SCORING), _("The sitting is over."), Conflict)
    current = service.setup_of(session, competition)
    if late_entry_minutes is not None and late_entry_minutes != current.late_entry_minutes:
        require(isinstance(late_entry_minutes, int) and 0 <= late_entry_minutes <= 240,
                _("The late-entry limit is from 0 to 240 minutes."), InvalidInput)
        require(competition.stage != Stage.SITTING or now < competition.sitting_opens_at,
                _("The sitting has opened: the late-entry limit can no longer change. Admit a "
                  "late candidate one by one, with the reason."), Conflict)
    if checkin_minutes is not None:
        require(isinstance(checkin_minutes, int) and 0 <= checkin_minutes <= 240,
                _("The check-in window is from 0 to 240 minutes."), InvalidInput)
    code = (access_code or "").strip()
    require(len(code) <= 32 and (not code or len(code) >= 4),
            _("The access code has 4 to 32 characters (or none)."), InvalidInput)
    networks = (allowed_networks or "").replace(",", " ").split()
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise InvalidInput(_("%(net)s is not an address range (e.g. 10.1.2.0/24).",
                                 net=network)) from None
    setup = service.setup_of(session, competition, for_update=True)
    setup.access_code, setup.allowed_networks = code, " ".join(networks)
    if late_entry_minutes is not None:
        setup.late_entry_minutes = late_entry_minutes
    if checkin_minutes is not None:
        setup.checkin_minutes = checkin_minutes
    session.flush()
    audit.record(session, actor, "sitting.room_rules_set", at=now, competition=competition,
                 payload={"has_access_code": bool(code), "networks": networks,
                          "late_entry_minutes": setup.late_entry_minutes,
                          "checkin_minutes": setup.checkin_minutes})


def admit_late(session: Session, actor, competition: Competition, application_id: int, *,
               reason: str, now: datetime) -> LateAdmission:
    """Let one candidate start after the late-entry limit (a delayed bus, a wrong room); the
    reason goes to the audit log. Their time still ends when the sitting ends."""
    _require_proctor(session, actor, competition)
    require(competition.stage == Stage.SITTING and now < competition.sitting_closes_at,
            _("The sitting is not open."), Conflict)
    application = session.get(Application, application_id)
    require(application is not None and application.competition_id == competition.id
            and application.status == ApplicationStatus.ACCEPTED,
            _("This person is not a candidate of this competition."), NotFound)
    require(rooms.may_admit_late(session, actor, competition, application),
            _("Only the proctors of this candidate's room can admit them."), PermissionDenied)
    existing = attempt_of(session, application)
    require(existing is None or not existing.is_started,
            _("This candidate has already started."), Conflict)
    require(late_admission_of(session, application) is None,
            _("This candidate has already been admitted late."), Conflict)
    reason = " ".join((reason or "").split())
    require(len(reason) >= 5, _("Say why the candidate is admitted late."), InvalidInput)
    admission = LateAdmission(competition_id=competition.id, application_id=application.id,
                              reason=reason, admitted_by_id=actor.id, admitted_at=now)
    session.add(admission)
    session.flush()
    audit.record(session, actor, "sitting.late_entry_admitted", at=now, competition=competition,
                 target=admission, payload={"candidate_number": application.candidate_number,
                                            "reason": reason})
    return admission


def grant_extra_time(session: Session, actor, attempt: Attempt, *, minutes: int, reason: str,
                     now: datetime) -> ExtraTime:
    """Extra time moves the deadline; the reason is kept (an incident, an accommodation)."""
    competition = session.get(Competition, attempt.competition_id)
    _require_proctor(session, actor, competition)
    require(attempt.submitted_at is None, _("This paper has already been submitted."), Conflict)
    require(attempt.is_started, _("This candidate has not started yet."), Conflict)
    require(isinstance(minutes, int) and 1 <= minutes <= 240,
            _("Extra time is from 1 to 240 minutes."), InvalidInput)
    reason = " ".join((reason or "").split())
    require(len(reason) >= 5, _("Say why extra time is granted."), InvalidInput)
    require(now <= deadline(attempt) + _grace(session, attempt),
            _("This attempt has already run out of time."), Conflict)
    grant = ExtraTime(attempt_id=attempt.id, seconds=minutes * 60, reason=reason,
                      granted_by_id=actor.id, granted_at=now)
    attempt.extra_seconds += minutes * 60
    session.add(grant)
    session.flush()
    audit.record(session, actor, "sitting.extra_time_granted", at=now, competition=competition,
                 target=attempt, payload={"candidate_number": attempt.paper.candidate_number,
                                          "minutes": minutes, "reason": reason})
    return grant


def proctor_board(session: Session, actor, competition: Competition, *,
                  now: datetime) -> list[BoardRow]:
    """Who started, how far each has got, who submitted, extra time: the live sitting."""
    _require_proctor(session, actor, competition)
    from exam.registration import service as registration

    every = list(session.scalars(select(Attempt).where(Attempt.competition_id == competition.id)))
    attempts = {a.application_id: a for a in every if a.is_started}
    checked_in = {a.application_id: a.checked_in_at for a in every if not a.is_started}
    latest: dict[tuple[int, int], tuple[bool, bool]] = {}
    for attempt_id, line_id, is_blank, is_flagged in session.execute(
            select(AnswerSave.attempt_id, AnswerSave.paper_item_id,
                   AnswerSave.response.in_(['""', "[]"]), AnswerSave.is_flagged)
            .join(Attempt, Attempt.id == AnswerSave.attempt_id)
            .where(Attempt.competition_id == competition.id)
            .order_by(AnswerSave.client_seq, AnswerSave.id)):
        latest[(attempt_id, line_id)] = (not is_blank, is_flagged)
    progress: dict[int, list[int]] = {}
    for (attempt_id, _line), (is_answered, is_flagged) in latest.items():
        counts = progress.setdefault(attempt_id, [0, 0])
        counts[0] += is_answered
        counts[1] += is_flagged
    lines = dict(session.execute(
        select(Paper.application_id, func.count(PaperItem.id)).join(PaperItem)
        .where(Paper.competition_id == competition.id).group_by(Paper.application_id)).all())
    admissions = {a.application_id: a for a in session.scalars(
        select(LateAdmission).where(LateAdmission.competition_id == competition.id))}
    setup = service.setup_of(session, competition)
    starts = rooms.session_starts(session, competition)
    rows = []
    for application in registration.accepted_candidates(session, competition):
        attempt = attempts.get(application.id)
        answered, flagged = progress.get(attempt.id, (0, 0)) if attempt else (0, 0)
        rows.append(BoardRow(application.candidate_number, application.user.full_name, attempt,
                             answered, flagged, lines.get(application.id, 0),
                             remaining_seconds(attempt, now) if attempt else None,
                             application.id, admissions.get(application.id),
                             late_entry_closes_at(competition, setup, starts.get(application.id))
                             if competition.sitting_opens_at else None,
                             checked_in.get(application.id)))
    return rows


def attempt_by_id(session: Session, attempt_id: int) -> Attempt:
    attempt = session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFound(_("No such attempt."))
    return attempt


def close_sitting(session: Session, actor, competition: Competition, *, now: datetime,
                  sign=None) -> None:
    """After the window (or once everyone has submitted) and no attempt still runs: scoring."""
    require(permissions.can_run_stages(session, actor, competition),
            _("Only the board chair or secretary can close the sitting."))
    require(competition.stage == Stage.SITTING, _("The sitting is not open."), Conflict)
    close_expired_attempts(session, now, sign=sign, competition=competition)
    log_released_starts(session, competition=competition)
    for attempt in receipt_pending(session, competition=competition):
        issue_receipt(session, attempt, now=now, sign=sign)
    papers = session.scalar(select(func.count()).select_from(Paper)
                            .where(Paper.competition_id == competition.id))
    submitted = session.scalar(select(func.count()).select_from(Attempt).where(
        Attempt.competition_id == competition.id, Attempt.submitted_at.is_not(None)))
    running = session.scalar(select(func.count()).select_from(Attempt).where(
        Attempt.competition_id == competition.id, Attempt.started_at.is_not(None),
        Attempt.submitted_at.is_(None)))
    require(now >= competition.sitting_closes_at or submitted == papers,
            _("The sitting window has not closed and not every candidate has submitted."),
            Conflict)
    require(not running, _("%(n)d attempts are still running; close the sitting when they end.",
                           n=running), Conflict)
    enter_stage(session, actor, competition, Stage.SCORING, now=now, via_domain_action=True,
                payload={"papers": papers, "submitted": submitted})
