"""Preparing blind scoring: scripts under codes, identity leaks, panels, conflicts, the draw.

The rules of blind scoring, as a competition applies them (marking.py does the rest):

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

import hashlib
import re
import secrets
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Role, Stage
from exam.competitions.permissions import is_board, roles_in
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.registration.models import Application, ApplicationStatus
from exam.scoring import codes
from exam.scoring.models import (
    PRESENTATION,
    Assignment,
    AssignmentDraw,
    AssignmentRole,
    Declaration,
    Panel,
    PanelMember,
    Redaction,
    Remark,
    Script,
    ScriptIdentity,
)
from exam.scoring.permissions import can_manage_scoring
from question_bank.draw import HmacStream

ASSIGN_CONTEXT = "thituyen-assign-v1"
DEFAULT_THRESHOLD_PERCENT = Decimal(10)
MIN_PANEL_EXAMINERS = 3
MASK = "█████"
CENT = Decimal("0.01")
MIN_REASON = 10


# ---------------------------------------------------------------- small helpers

def _points(value, maximum: Decimal, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("%(label)s: enter a number.", label=label)) from None
    require(number.is_finite() and 0 <= number <= maximum,
            _("%(label)s: the mark must be between 0 and %(max)s.", label=label, max=maximum),
            InvalidInput)
    require(number == number.quantize(CENT), _("%(label)s: use at most two decimals.",
                                               label=label), InvalidInput)
    return number.quantize(CENT)


def _reason(text: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    require(len(text) >= MIN_REASON, _("Write the reason in at least a few words."), InvalidInput)
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
               is_calibration: bool = False) -> Script:
    """One script under a fresh code; its identity row is written apart (none for samples)."""
    rubric_json = [{"name": c.name, "max_points": str(c.max_points), "descriptors": c.descriptors}
                   if not isinstance(c, dict) else
                   {"name": c["name"], "max_points": str(c["max_points"]),
                    "descriptors": c.get("descriptors", "")} for c in rubric]
    script = Script(
        competition_id=competition.id, code=_unique_code(session, competition), part_key=part_key,
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
    scripts = []
    for answer in essay_answers(session, competition):
        application = session.get(Application, answer.application_id)
        scripts.append(add_script(
            session, competition, application=application, part_key=answer.part_key,
            item_key=answer.item_key, item_version_id=answer.item_version_id,
            prompt=answer.prompt, rubric=answer.rubric, max_points=answer.max_points,
            answer_text=answer.answer_text, now=now))
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
    require(can_manage_scoring(session, actor, competition), _("Only the board sees leak flags."))
    return [s for s in scripts_of(session, competition) if s.leak_kinds and is_flagged(session, s)]


def _leak_review_open(session: Session, actor, script: Script) -> Competition:
    competition = competitions.get_competition(session, script.competition_id)
    require(can_manage_scoring(session, actor, competition),
            _("Only the board handles identity leaks."))
    drawn = session.scalar(select(func.count()).select_from(Assignment).where(
        Assignment.script_id == script.id))
    require(not drawn, _("Examiners already hold this script; its text can no longer change."),
            Conflict)
    return competition


def mask_passage(session: Session, actor, script: Script, *, passage: str, now: datetime) -> Redaction:
    """Hide a passage from examiners; the candidate's own answer stays as written."""
    competition = _leak_review_open(session, actor, script)
    passage = unicodedata.normalize("NFC", passage or "")
    require(passage.strip() and passage in script.answer_text,
            _("Copy the exact passage to mask from the answer."), InvalidInput)
    redaction = Redaction(script_id=script.id, passage=passage, by_id=actor.id, at=now)
    session.add(redaction)
    session.flush()
    session.refresh(script, ["redactions"])
    audit.record(session, actor, "scoring.passage_masked", at=now, competition=competition,
                 target=script, payload={"code": script.code, "characters": len(passage)})
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


# ---------------------------------------------------------------- panels and conflicts

def _examiner_ids(session: Session, competition: Competition) -> set[int]:
    from exam.competitions.models import Membership

    return set(session.scalars(select(Membership.user_id).where(
        Membership.competition_id == competition.id, Membership.role == Role.EXAMINER)))


def set_up_panel(session: Session, actor, competition: Competition, *, part_key: str, chair,
                 examiners, threshold_percent=DEFAULT_THRESHOLD_PERCENT, now: datetime) -> Panel:
    """A chair and at least three examiners (two markers and a possible third), all examiners
    of this competition; the chair settles and never marks first or second."""
    require(can_manage_scoring(session, actor, competition), _("Only the board sets up panels."))
    require(competition.has_reached(Stage.ELIGIBILITY_REVIEWED)
            and not competition.has_reached(Stage.SCORES_LOCKED),
            _("Panels are set up between the eligibility review and the lock."), Conflict)
    part_key = (part_key or "").strip()
    require(re.fullmatch(r"[\w.-]{1,40}", part_key), _("Give the part a short key."), InvalidInput)
    taken = session.scalar(select(Panel).where(Panel.competition_id == competition.id,
                                               Panel.part_key == part_key))
    require(taken is None, _("This part already has a panel."), Conflict)
    allowed = _examiner_ids(session, competition)
    members = {e.id: e for e in examiners if e.id != chair.id}
    minimum = 2 if part_key == PRESENTATION else MIN_PANEL_EXAMINERS
    require(len(members) >= minimum,
            _("A panel needs a chair and at least %(n)d other examiners.", n=minimum), InvalidInput)
    require(chair.id in allowed and set(members) <= allowed,
            _("Every panel member must be appointed examiner of this competition."), InvalidInput)
    require(not any(is_board(session, person, competition) for person in [chair, *members.values()]),
            _("Board members hold the code map and review identity leaks; they cannot sit on a "
              "panel."), InvalidInput)
    try:
        threshold = Decimal(str(threshold_percent))
    except InvalidOperation:
        raise InvalidInput(_("The threshold must be a percentage.")) from None
    require(0 < threshold <= 100, _("The threshold must be a percentage."), InvalidInput)
    panel = Panel(competition_id=competition.id, part_key=part_key, chair_id=chair.id,
                  threshold_percent=threshold, created_at=now)
    session.add(panel)
    session.flush()
    for user_id in sorted(members):
        session.add(PanelMember(panel_id=panel.id, user_id=user_id))
    session.flush()
    audit.record(session, actor, "scoring.panel_set_up", at=now, competition=competition,
                 target=panel, payload={"part": part_key, "chair_id": chair.id,
                                        "examiner_ids": sorted(members),
                                        "threshold_percent": str(threshold)})
    return panel


def add_panel_examiner(session: Session, actor, competition: Competition, panel: Panel, examiner,
                       *, now: datetime) -> PanelMember:
    """A further examiner for third marks or re-marks; they mark only after declaring conflicts."""
    require(can_manage_scoring(session, actor, competition),
            _("Only the board sets up panels."))
    require(not competition.has_reached(Stage.FINAL_RESULTS),
            _("The competition's results are final."), Conflict)
    require(examiner.id in _examiner_ids(session, competition),
            _("Every panel member must be appointed examiner of this competition."), InvalidInput)
    require(not is_board(session, examiner, competition),
            _("Board members hold the code map and review identity leaks; they cannot sit on a "
              "panel."), InvalidInput)
    require(examiner.id != panel.chair_id and examiner.id not in {m.user_id for m in panel.members},
            _("That examiner already sits on this panel."), Conflict)
    member = PanelMember(panel_id=panel.id, user_id=examiner.id)
    session.add(member)
    session.flush()
    session.refresh(panel, ["members"])
    audit.record(session, actor, "scoring.panel_examiner_added", at=now, competition=competition,
                 target=panel, payload={"part": panel.part_key, "examiner_id": examiner.id})
    return member


def parts_without_panel(session: Session, competition: Competition) -> list[str]:
    """Parts whose scripts nobody can mark yet: the board must set up their panels."""
    parts = set(session.scalars(select(Script.part_key).where(
        Script.competition_id == competition.id, Script.is_calibration.is_(False)).distinct()))
    return sorted(parts - {p.part_key for p in panels(session, competition)})


def panels(session: Session, competition: Competition) -> list[Panel]:
    return list(session.scalars(select(Panel).where(Panel.competition_id == competition.id)
                                .order_by(Panel.part_key)))


def get_panel(session: Session, competition: Competition, panel_id: int) -> Panel:
    panel = session.get(Panel, panel_id)
    if panel is None or panel.competition_id != competition.id:
        raise NotFound(_("No such panel."))
    return panel


def panel_for(session: Session, competition: Competition, part_key: str) -> Panel | None:
    return session.scalar(select(Panel).where(Panel.competition_id == competition.id,
                                              Panel.part_key == part_key))


def marker_ids(panel: Panel) -> list[int]:
    return sorted(m.user_id for m in panel.members if m.user_id != panel.chair_id)


def latest_declaration(session: Session, examiner_id: int, competition: Competition):
    return session.scalar(select(Declaration).where(
        Declaration.competition_id == competition.id, Declaration.examiner_id == examiner_id)
        .order_by(Declaration.id.desc()).limit(1))


def conflicts_of(session: Session, competition: Competition) -> dict[int, set[int]]:
    """examiner id -> application ids they may not mark (their latest declaration)."""
    result: dict[int, set[int]] = defaultdict(set)
    for declaration in session.scalars(select(Declaration).where(
            Declaration.competition_id == competition.id).order_by(Declaration.id)):
        result[declaration.examiner_id] = set(declaration.conflict_application_ids)
    return result


def _has_draw(session: Session, examiner_id: int, competition: Competition) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Assignment).join(Script).where(
        Script.competition_id == competition.id, Assignment.examiner_id == examiner_id,
        Assignment.role != AssignmentRole.CALIBRATION)))


def declaration_is_open(session: Session, actor, competition: Competition) -> bool:
    return (Role.EXAMINER in roles_in(session, actor, competition)
            and not _has_draw(session, actor.id, competition))


def candidates_for_declaration(session: Session, actor, competition: Competition) -> list[Application]:
    """The one place an examiner sees candidates' names: before any script reaches them."""
    require(Role.EXAMINER in roles_in(session, actor, competition),
            _("Only examiners declare conflicts of interest."))
    require(declaration_is_open(session, actor, competition),
            _("Declarations are closed: scripts have been drawn for you."), Conflict)
    rows = session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED))
    return sorted(rows, key=lambda a: _fold(a.user.full_name))


def declare_conflicts(session: Session, actor, competition: Competition, *, conflict_ids,
                      known_ids=(), now: datetime) -> Declaration:
    """A new declaration replaces the last one until scripts are drawn for this examiner."""
    candidates = {a.id for a in candidates_for_declaration(session, actor, competition)}
    conflict_ids, known_ids = {int(i) for i in conflict_ids}, {int(i) for i in known_ids}
    require(conflict_ids | known_ids <= candidates, _("Unknown candidate in the declaration."),
            InvalidInput)
    declaration = Declaration(competition_id=competition.id, examiner_id=actor.id,
                              conflict_application_ids=sorted(conflict_ids),
                              known_application_ids=sorted(known_ids - conflict_ids),
                              declared_at=now)
    session.add(declaration)
    session.flush()
    audit.record(session, actor, "scoring.conflicts_declared", at=now, competition=competition,
                 target=declaration, payload={"conflicts": len(conflict_ids),
                                              "known": len(known_ids - conflict_ids)})
    return declaration


# ---------------------------------------------------------------- the draw

def plan_assignment(seed: bytes, part_key: str, scripts: list[tuple[str, int]],
                    examiners: list[int], conflicts: dict[int, set[int]]) -> dict[str, tuple[int, int]]:
    """Pure and reproducible: script code -> (first, second) examiner.

    Scripts are taken in an order shuffled by the stream ``thituyen-assign-v1|part``; each
    goes to the two least-loaded examiners without a conflict, ties broken by a shuffle of
    the same stream. Without conflicts every examiner's load differs by at most one.
    """
    stream = HmacStream(seed, f"{ASSIGN_CONTEXT}|{part_key}")
    load = dict.fromkeys(sorted(examiners), 0)
    plan = {}
    for code, application_id in stream.shuffle(sorted(scripts)):
        eligible = [e for e in sorted(examiners) if application_id not in conflicts.get(e, set())]
        if len(eligible) < 2:
            raise Conflict(_("A script has fewer than two examiners free of conflicts; "
                             "add examiners to the panel."))
        first, second = sorted(stream.shuffle(eligible), key=lambda e: load[e])[:2]
        load[first] += 1
        load[second] += 1
        plan[code] = (first, second)
    return plan


def assign_markers(session: Session, actor, competition: Competition, panel: Panel, *,
                   now: datetime, seed: bytes | None = None) -> AssignmentDraw:
    """Draw two examiners for every script of the panel's part; the seed is recorded."""
    require(can_manage_scoring(session, actor, competition), _("Only the board draws examiners."))
    require(competition.stage == Stage.SCORING, _("Examiners are drawn during scoring."), Conflict)
    require(not panel.is_presentation, _("The presentation round is not drawn."), Conflict)
    lock_row(session, Panel, panel.id)
    done = session.scalar(select(AssignmentDraw).where(AssignmentDraw.panel_id == panel.id))
    require(done is None, _("Examiners have already been drawn for this panel."), Conflict)
    scripts = scripts_of(session, competition, part_key=panel.part_key)
    require(scripts, _("There are no scripts for this part yet."), Conflict)
    require(not any(is_flagged(session, s) for s in scripts),
            _("Some answers may reveal the candidate's identity; mask or dismiss every flag first."),
            Conflict)
    examiners = marker_ids(panel)
    undeclared = [e for e in examiners if latest_declaration(session, e, competition) is None]
    require(not undeclared, _("%(n)d examiners have not declared their conflicts of interest yet.",
                              n=len(undeclared)), Conflict)
    seed = seed or secrets.token_bytes(32)
    identities = dict(session.execute(select(ScriptIdentity.script_id, ScriptIdentity.application_id)
                                      .where(ScriptIdentity.script_id.in_([s.id for s in scripts]))).all())
    plan = plan_assignment(seed, panel.part_key, [(s.code, identities[s.id]) for s in scripts],
                           examiners, conflicts_of(session, competition))
    draw = AssignmentDraw(competition_id=competition.id, panel_id=panel.id, seed_hex=seed.hex(),
                          drawn_at=now, by_id=actor.id)
    session.add(draw)
    session.flush()
    for script in scripts:
        for role, examiner_id in zip((AssignmentRole.FIRST, AssignmentRole.SECOND),
                                     plan[script.code], strict=True):
            session.add(Assignment(script_id=script.id, examiner_id=examiner_id, role=role,
                                   draw_id=draw.id, assigned_at=now))
    session.flush()
    loads = Counter(e for pair in plan.values() for e in pair)
    audit.record(session, actor, "scoring.markers_drawn", at=now, competition=competition,
                 target=draw, payload={"part": panel.part_key, "scripts": len(scripts),
                                       "seed_sha256": hashlib.sha256(seed).hexdigest(),
                                       "loads": {str(k): v for k, v in sorted(loads.items())}})
    return draw


def _third_examiner(session: Session, panel: Panel, script: Script, remark: Remark | None) -> int | None:
    """Least-loaded panel examiner who has never marked this script and has no conflict."""
    competition = competitions.get_competition(session, script.competition_id)
    before = set(session.scalars(select(Assignment.examiner_id).where(
        Assignment.script_id == script.id)))
    application = _application_of(session, script)
    conflicts = conflicts_of(session, competition)
    eligible = [e for e in marker_ids(panel) if e not in before and e in conflicts
                and (application is None or application.id not in conflicts[e])]
    if not eligible:
        return None
    load = Counter(session.scalars(select(Assignment.examiner_id).join(Script).where(
        Script.part_key == panel.part_key, Script.competition_id == competition.id)))
    draw = session.scalar(select(AssignmentDraw).where(AssignmentDraw.panel_id == panel.id)
                          .order_by(AssignmentDraw.id.desc()).limit(1))
    stream = HmacStream(bytes.fromhex(draw.seed_hex) if draw else script.code.encode(),
                        f"{ASSIGN_CONTEXT}|third|{script.code}|{remark.id if remark else 0}")
    return sorted(stream.shuffle(eligible), key=lambda e: load[e])[0]


# ---------------------------------------------------------------- weak anonymity

MIN_SCRIPTS_FOR_ANONYMITY = 5
KNOWN_SHARE = 0.25


def anonymity_warnings(session: Session, competition: Competition) -> list[str]:
    """Warn the board when a part has so few scripts, or examiners know so many candidates,
    that a code no longer hides much."""
    accepted = session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED)) or 0
    warnings = []
    for panel in panels(session, competition):
        if panel.is_presentation:
            continue
        count = len(scripts_of(session, competition, part_key=panel.part_key)) or accepted
        if 0 < count < MIN_SCRIPTS_FOR_ANONYMITY:
            warnings.append(_("Part %(part)s has only %(n)d scripts: examiners may guess whose "
                              "script is whose.", part=panel.part_key, n=count))
        knowing = 0
        for examiner_id in marker_ids(panel):
            declaration = latest_declaration(session, examiner_id, competition)
            if declaration and accepted:
                known = len(declaration.conflict_application_ids) + len(declaration.known_application_ids)
                knowing += int(known / accepted >= KNOWN_SHARE)
        if knowing:
            warnings.append(_("%(n)d examiners of part %(part)s know a quarter or more of the "
                              "candidates: anonymity is weak there.", n=knowing, part=panel.part_key))
    return warnings


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


def examiners_of(session: Session, competition: Competition) -> list:
    from exam.accounts.models import User
    from exam.competitions.models import Membership

    return list(session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.competition_id == competition.id, Membership.role == Role.EXAMINER)
        .order_by(User.full_name)))


def panel_is_drawn(session: Session, panel: Panel) -> bool:
    return session.scalar(select(AssignmentDraw.id).where(AssignmentDraw.panel_id == panel.id)
                          .limit(1)) is not None


def verify_draws(session: Session, competition: Competition) -> list[str]:
    """Recompute every recorded first draw from its seed; name each script that differs."""
    problems = []
    conflicts = conflicts_of(session, competition)
    for draw in session.scalars(select(AssignmentDraw).where(
            AssignmentDraw.competition_id == competition.id).order_by(AssignmentDraw.id)):
        rows = list(session.scalars(select(Assignment).where(
            Assignment.draw_id == draw.id, Assignment.remark_id.is_(None))))
        if not rows:
            continue
        panel = session.get(Panel, draw.panel_id)
        scripts = {a.script_id: a.script for a in rows}
        identities = dict(session.execute(
            select(ScriptIdentity.script_id, ScriptIdentity.application_id)
            .where(ScriptIdentity.script_id.in_(list(scripts)))).all())
        plan = plan_assignment(bytes.fromhex(draw.seed_hex), panel.part_key,
                               [(s.code, identities[s.id]) for s in scripts.values()],
                               marker_ids(panel), conflicts)
        recorded = defaultdict(dict)
        for a in rows:
            recorded[a.script.code][a.role] = a.examiner_id
        for code, (first, second) in sorted(plan.items()):
            if recorded[code] != {AssignmentRole.FIRST: first, AssignmentRole.SECOND: second}:
                problems.append(f"{panel.part_key} {codes.display(code)}: recorded examiners "
                                f"differ from the draw of the recorded seed")
    return problems
