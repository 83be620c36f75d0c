"""Preparing blind scoring: scripts under anonymous codes and their identity leaks.

The rules of blind scoring, as a competition applies them (panels.py, marking.py and
outcome.py apply the rest):

* every essay answer becomes a script under a random code with a check character; the map
  code -> application lives in its own table and is shown only after the reveal;
* examiners declare conflicts against the accepted candidates before the draw; a conflict
  silently keeps that examiner off that candidate's scripts;
* each script goes to two examiners of its panel (never the chair), drawn with the HMAC
  stream of ``question_bank.draw`` from a recorded seed, least-loaded first;
* two submitted marks that differ by no more than the threshold (default 10 % of the
  maximum) give the mean; a larger difference brings a third examiner who has not marked
  the script, and then the panel chair settles the mark with a written reason;
* the board locks when every script has a final mark; only then can it reveal identities;
  after the lock a mark changes only through an appeal re-mark by examiners who never
  marked the script, under the same rule; the re-mark's final mark supersedes the old one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.decimals import show_decimal
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.registration.models import Application
from exam.scoring import codes
from exam.scoring.models import (
    Assignment,
    Redaction,
    Script,
    ScriptIdentity,
    panel_for,
    panels,
)
from exam.scoring.permissions import can_manage_scoring
from exam.scoring.seals import new_nonce, passage_digest

ASSIGN_CONTEXT = "thituyen-assign-v1"
DEFAULT_THRESHOLD_PERCENT = Decimal(10)
MIN_PANEL_EXAMINERS = 3
MASK = "█████"
CENT = Decimal("0.01")
MIN_REASON = 10


# ---------------------------------------------------------------- small helpers

def _points(value, maximum: Decimal, label: str, field: str | None = None) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("%(label)s: enter a number.", label=label), field=field) from None
    require(number.is_finite() and 0 <= number <= maximum,
            _("%(label)s: the mark must be between 0 and %(max)s.", label=label,
              max=show_decimal(maximum)),
            InvalidInput, field=field)
    require(number == number.quantize(CENT), _("%(label)s: use at most two decimals.",
                                               label=label), InvalidInput, field=field)
    return number.quantize(CENT)


def _reason(text: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    require(len(text) >= MIN_REASON, _("Write the reason in at least a few words."), InvalidInput,
            field="reason")
    return text


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so “Nguyễn Văn An” matches “NGUYEN VAN AN”."""
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def find_leaks(text: str, *, full_name: str, id_number: str, candidate_number: str | None) -> list[str]:
    """Which of the candidate's identifiers the answer contains: name, ID number, candidate number."""
    kinds = []
    folded = f" {_fold(text)} "
    if full_name and f" {_fold(full_name)} " in folded:
        kinds.append("name")
    digits = re.sub(r"[\s.\-]", "", text)
    if id_number and id_number in digits:
        kinds.append("id_number")
    if candidate_number and re.search(rf"(?<!\d){re.escape(candidate_number)}(?!\d)", text):
        kinds.append("candidate_number")
    return kinds


def _leaks_for(application: Application, text: str) -> list[str]:
    return find_leaks(text, full_name=application.user.full_name, id_number=application.id_number,
                      candidate_number=application.candidate_number)


def shown_text(script: Script) -> str:
    """The answer as examiners see it: the candidate's text with the board's masks applied."""
    text = script.answer_text
    for redaction in script.redactions:
        if redaction.passage and not redaction.is_dismissal:
            text = text.replace(redaction.passage, MASK)
    return text


def rubric_of(script: Script) -> list[dict]:
    return [{"name": c["name"], "max_points": Decimal(str(c["max_points"])),
             "descriptors": c.get("descriptors", "")} for c in script.rubric]


def _unique_code(session: Session, competition: Competition) -> str:
    while True:
        code = codes.new_code()
        taken = session.scalar(select(func.count()).select_from(Script).where(
            Script.competition_id == competition.id, Script.code == code))
        if not taken:
            return code


def lock_row(session: Session, model, row_id: int) -> None:
    """Serialise decisions on one row (PostgreSQL FOR UPDATE; SQLite has one writer anyway), so
    two examiners submitting at once both see each other's mark before reconciling."""
    session.execute(select(model.id).where(model.id == row_id).with_for_update())


def _application_of(session: Session, script: Script) -> Application | None:
    """Internal use only (conflicts, leaks, results after the lock): never shown before the reveal."""
    identity = session.scalar(select(ScriptIdentity).where(ScriptIdentity.script_id == script.id))
    return session.get(Application, identity.application_id) if identity else None


# ---------------------------------------------------------------- scripts

def add_script(session: Session, competition: Competition, *, application: Application | None,
               part_key: str, prompt: str, rubric, max_points, answer_text: str, now: datetime,
               item_key: str = "", item_version_id: int | None = None,
               is_calibration: bool = False, code: str | None = None) -> Script:
    """One script under a fresh code (or the one drawn for it); its identity row is written
    apart (none for samples)."""
    rubric_json = [{"name": c.name, "max_points": str(c.max_points), "descriptors": c.descriptors}
                   if not isinstance(c, dict) else
                   {"name": c["name"], "max_points": str(c["max_points"]),
                    "descriptors": c.get("descriptors", "")} for c in rubric]
    script = Script(
        competition_id=competition.id, code=code or _unique_code(session, competition),
        part_key=part_key,
        item_key=item_key, item_version_id=item_version_id,
        prompt=unicodedata.normalize("NFC", prompt), rubric=rubric_json,
        max_points=Decimal(str(max_points)),
        answer_text=unicodedata.normalize("NFC", answer_text or ""),
        leak_kinds=_leaks_for(application, answer_text or "") if application else [],
        is_calibration=is_calibration, created_at=now)
    session.add(script)
    session.flush()
    if application is not None:
        session.add(ScriptIdentity(script_id=script.id, application_id=application.id))
        session.flush()
    return script


def create_scripts(session: Session, actor, competition: Competition, *, now: datetime) -> list[Script]:
    """When the sitting closes, copy every essay answer into a script under a random code."""
    from exam.sitting.service import essay_answers

    require(can_manage_scoring(session, actor, competition),
            _("Only the board prepares the scripts for scoring."))
    require(competition.stage == Stage.SCORING,
            _("Scripts are made when the competition reaches the scoring stage."), Conflict)
    existing = session.scalar(select(func.count()).select_from(Script).where(
        Script.competition_id == competition.id, Script.is_calibration.is_(False)))
    require(not existing, _("The scripts have already been made."), Conflict)
    answers = essay_answers(session, competition)
    drawn: list[str] = []
    for _answer in answers:
        code = _unique_code(session, competition)
        while code in drawn:
            code = _unique_code(session, competition)
        drawn.append(code)
    # Rows are written in the order of their random codes, never in the order of the attempts:
    # a script's id (which the audit log names) must not tell whose attempt it came from.
    scripts = []
    for code, answer in sorted(zip(drawn, answers, strict=True), key=lambda pair: pair[0]):
        application = session.get(Application, answer.application_id)
        scripts.append(add_script(
            session, competition, application=application, part_key=answer.part_key,
            item_key=answer.item_key, item_version_id=answer.item_version_id,
            prompt=answer.prompt, rubric=answer.rubric, max_points=answer.max_points,
            answer_text=answer.answer_text, now=now, code=code))
    audit.record(session, actor, "scoring.scripts_created", at=now, competition=competition,
                 payload={"scripts": len(scripts),
                          "flagged": sum(1 for s in scripts if s.leak_kinds)})
    return scripts


def scripts_of(session: Session, competition: Competition, *, part_key: str | None = None,
               calibration: bool = False) -> list[Script]:
    query = select(Script).where(Script.competition_id == competition.id,
                                 Script.is_calibration.is_(calibration))
    if part_key is not None:
        query = query.where(Script.part_key == part_key)
    return list(session.scalars(query.order_by(Script.code)))


def get_script(session: Session, competition: Competition, code: str) -> Script:
    canonical = codes.normalise(code)
    if canonical is None:
        raise InvalidInput(_("“%(code)s” is not a valid script code; check it for a typing mistake.",
                             code=code))
    script = session.scalar(select(Script).where(Script.competition_id == competition.id,
                                                 Script.code == canonical))
    if script is None:
        raise NotFound(_("No script has this code."))
    return script


# ---------------------------------------------------------------- identity leaks

def is_flagged(session: Session, script: Script) -> bool:
    """Flagged until the board masks every leak or dismisses the flag with a note."""
    if not script.leak_kinds or any(r.is_dismissal for r in script.redactions):
        return False
    application = _application_of(session, script)
    return bool(application and _leaks_for(application, shown_text(script)))


def flagged_scripts(session: Session, actor, competition: Competition) -> list[Script]:
    """Unresolved flags: the board sees every code (the draw waits for them), a panel chair
    the codes of the part they review."""
    if can_manage_scoring(session, actor, competition):
        parts = None
    else:
        parts = {p.part_key for p in panels(session, competition)
                 if p.chair_id == getattr(actor, "id", None)}
        require(parts, _("Only the board and the panel chairs see leak flags."))
    return [s for s in scripts_of(session, competition) if s.leak_kinds
            and (parts is None or s.part_key in parts) and is_flagged(session, s)]


def review_leak(session: Session, actor, script: Script) -> Competition:
    """The chair of the script's panel reviews its leak flag; nobody else reads it here.

    Not the board: it will hold the code map and, able to mask any passage of a script it
    can place, could black out the best pages of a candidate it knows.
    """
    competition = competitions.get_competition(session, script.competition_id)
    panel = panel_for(session, competition, script.part_key)
    require(panel is not None and panel.chair_id == getattr(actor, "id", None),
            _("Only the chair of this part's panel reviews identity leaks."))
    require(script.leak_kinds, _("This answer carries no identity flag."), Conflict)
    return competition


def _leak_review_open(session: Session, actor, script: Script) -> Competition:
    competition = review_leak(session, actor, script)
    drawn = session.scalar(select(func.count()).select_from(Assignment).where(
        Assignment.script_id == script.id))
    require(not drawn, _("Examiners already hold this script; its text can no longer change."),
            Conflict)
    return competition


def _reveals(application: Application, text: str) -> bool:
    return bool(_leaks_for(application, text))


def _is_tight(application: Application, passage: str) -> bool:
    """No word at either end can go without the passage ceasing to reveal the candidate."""
    words = passage.split()
    if len(words) <= 1:
        return True
    return not (_reveals(application, " ".join(words[1:]))
                or _reveals(application, " ".join(words[:-1])))


def mask_passage(session: Session, actor, script: Script, *, passage: str, now: datetime) -> Redaction:
    """Hide from examiners a passage that reveals the candidate, and nothing more.

    Only a flagged script, only a passage that on its own names the candidate (name, ID
    number, candidate number) with no word to spare. The log keeps a digest of the passage
    (exam.scoring.seals.passage_digest); the candidate is shown the passage after the results.
    """
    competition = _leak_review_open(session, actor, script)
    require(is_flagged(session, script),
            _("Nothing left to mask: the flag is resolved."), Conflict)
    passage = unicodedata.normalize("NFC", (passage or "").strip())
    require(passage and passage in script.answer_text,
            _("Copy the exact passage to mask from the answer."), InvalidInput)
    application = _application_of(session, script)
    require(application is not None and _reveals(application, passage),
            _("Mask only a passage that reveals the candidate: their name, ID number or "
              "candidate number."), InvalidInput)
    require(_is_tight(application, passage),
            _("Mask only the words that reveal the candidate, not the text around them."),
            InvalidInput)
    nonce = new_nonce()
    redaction = Redaction(script_id=script.id, passage=passage, nonce=nonce, by_id=actor.id,
                          at=now)
    session.add(redaction)
    session.flush()
    session.refresh(script, ["redactions"])
    audit.record(session, actor, "scoring.passage_masked", at=now, competition=competition,
                 target=script, payload={"code": script.code, "characters": len(passage),
                                         "passage_sealed": passage_digest(nonce, script.code,
                                                                          passage)})
    return redaction


def dismiss_leak(session: Session, actor, script: Script, *, note: str, now: datetime) -> Redaction:
    competition = _leak_review_open(session, actor, script)
    redaction = Redaction(script_id=script.id, is_dismissal=True, note=_reason(note),
                          by_id=actor.id, at=now)
    session.add(redaction)
    session.flush()
    session.refresh(script, ["redactions"])
    audit.record(session, actor, "scoring.leak_dismissed", at=now, competition=competition,
                 target=script, payload={"code": script.code})
    return redaction


def masked_passages(session: Session, application: Application) -> list[tuple[Script, Redaction]]:
    """What was hidden from the examiners in a candidate's scripts, for the candidate's own
    result page: the passage, and the nonce that checks it against the log's digest."""
    rows = session.execute(select(Script, Redaction).join(
        ScriptIdentity, ScriptIdentity.script_id == Script.id).join(
        Redaction, Redaction.script_id == Script.id).where(
        ScriptIdentity.application_id == application.id, Redaction.is_dismissal.is_(False))
        .order_by(Redaction.id)).all()
    return [(script, redaction) for script, redaction in rows]


def parse_rubric(text: str) -> list[dict]:
    """“name; maximum points; descriptors” per line, as the board types a sample's rubric."""
    rubric = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        name, _sep, rest = line.partition(";")
        maximum, _sep, descriptors = rest.partition(";")
        try:
            points = Decimal(maximum.strip().replace(",", "."))
        except InvalidOperation:
            points = Decimal(-1)
        require(name.strip() and points.is_finite() and points > 0,
                _("Rubric line %(n)d: write “name; maximum points; descriptors”.", n=number),
                InvalidInput)
        rubric.append({"name": name.strip(), "max_points": str(points),
                       "descriptors": descriptors.strip()})
    require(rubric, _("A sample needs a prompt, an answer and a rubric."), InvalidInput)
    return rubric
