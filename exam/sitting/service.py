"""The written test of a competition: blueprint, seal, verifiable draw, and what others read.

The life of the papers, each step a board action recorded in the audit log:

1. ``configure_part``: the test's parts, each a blueprint of cells and a duration.
2. ``seal_papers``: freeze a snapshot of the approved bank, check that it can fill every
   cell, store a random secret and publish (audit log + public page) the commitments of
   the secret and of the snapshot, the digests of the blueprint and of the candidate
   numbers, and the public value's source: a named future public random event and the
   time after which it is known. One seal digest binds them all (``question_bank.draw``,
   ``thituyen-draw-v2``). Stage -> papers sealed.
3. ``enter_public_value``: once the announced time has passed (server clock), the value
   of that event is mixed with the secret into the seed; every sealed candidate's paper
   is drawn and stored at once, so starting the sitting costs one insert.
4. ``open_sitting`` (stage -> sitting), the attempts (``exam.sitting.attempts``),
   ``attempts.close_sitting`` (stage -> scoring), then ``reveal_secret``; ``verify_draw`` lets
   anyone recompute every paper (``thituyen verify-draw COMPETITION``).

Other areas read: ``test_parts``, ``essay_answers``, ``objective_part_scores``,
``public_commitments``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.audit.models import AuditEntry
from exam.bank import service as bank
from exam.competitions import permissions
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Role, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.registration import service as registration
from exam.sitting import bundle
from exam.sitting.models import (
    AnswerSave,
    Attempt,
    ObjectiveScore,
    Paper,
    PaperItem,
    Seal,
    SittingSetup,
    SnapshotItem,
    TestPart,
)
from question_bank import draw
from question_bank.items import Criterion, Item, ItemType, decimal_str, item_from_dict

CENT = Decimal("0.01")
PART_KINDS = ("objective", "essay")


@dataclass(frozen=True)
class PartInfo:
    key: str
    title: str
    kind: str
    max_points: Decimal


@dataclass(frozen=True)
class EssayAnswer:
    """A final essay answer for blind scoring. ``max_points`` is what the paper's cell gives
    the item; the rubric's criteria are rescaled to sum to it."""

    application_id: int
    part_key: str
    item_key: str
    item_version_id: int
    prompt: str
    rubric: tuple[Criterion, ...]
    max_points: Decimal
    answer_text: str


@dataclass(frozen=True)
class DrawCheck:
    problems: list[str]
    papers_checked: int

    @property
    def is_intact(self) -> bool:
        return not self.problems


# ----------------------------------------------------------------------------- blueprint


def _require_board(session: Session, actor, competition: Competition, message: str) -> None:
    require(permissions.can_run_stages(session, actor, competition), message)


def parts_of(session: Session, competition: Competition) -> list[TestPart]:
    return list(session.scalars(select(TestPart).where(TestPart.competition_id == competition.id)
                                .order_by(TestPart.position, TestPart.id)))


def _cells(raw_cells: list[dict]) -> list[draw.Cell]:
    cells = []
    for number, raw in enumerate(raw_cells, 1):
        try:
            cells.append(draw.Cell(raw["topic"], raw["difficulty"], raw["type"], int(raw["count"]),
                                   raw.get("points", 1)))
        except (KeyError, ValueError, TypeError) as error:
            raise InvalidInput(_("Cell %(n)d is not valid: %(reason)s", n=number,
                                 reason=str(error)), field="cells") from None
    return cells


def _cell_dict(cell: draw.Cell) -> dict:
    return {"topic": cell.topic, "difficulty": str(cell.difficulty), "type": str(cell.type),
            "count": cell.count, "points": decimal_str(cell.points)}


def blueprint_parts(parts: list[TestPart]) -> list[draw.Part]:
    return [draw.Part(p.key, p.title, tuple(_cells(p.cells)), essay_mode=p.essay_mode,
                      instructions=p.instructions or "") for p in parts]


def part_instructions(session: Session, seal: Seal) -> dict[str, Item]:
    """The description each sealed part shows before its questions, from the seal's own
    blueprint and snapshot (what the candidate reads is what was sealed)."""
    items = snapshot_items(session, seal)
    return {part.key: items[part.instructions] for part in _parts_from_json(seal.blueprint)
            if part.instructions and part.instructions in items}


def description_keys(session: Session) -> list[str]:
    """The approved descriptions a part can show as its instructions."""
    return [v.item.key for v in bank.approved_versions(session)
            if bank.item_of(v).type is ItemType.DESCRIPTION]


def configure_part(session: Session, actor, competition: Competition, *, key: str, title: str,
                   kind: str, duration_minutes: int, cells: list[dict],
                   essay_mode: str = "per_candidate", instructions: str = "",
                   now: datetime) -> TestPart:
    """Add or replace a part; the blueprint is frozen once the papers are sealed."""
    _require_board(session, actor, competition,
                   _("Only the board chair or secretary can set up the written test."))
    require(not competition.has_reached(Stage.PAPERS_SEALED),
            _("The papers are sealed; the test can no longer change."), Conflict)
    key, title = (key or "").strip(), (title or "").strip()
    require(key and "|" not in key and len(key) <= 16,
            _("A part needs a short key without '|'."), InvalidInput, field="key")
    require(title, _("A part needs a title."), InvalidInput, field="title")
    require(kind in PART_KINDS, _("A part is objective or essay."), InvalidInput)
    require(isinstance(duration_minutes, int) and 1 <= duration_minutes <= 600,
            _("The duration must be from 1 to 600 minutes."), InvalidInput,
            field="duration_minutes")
    require(essay_mode in ("per_candidate", "shared_variant"), _("Unknown essay mode."),
            InvalidInput)
    instructions = (instructions or "").strip()
    require(not instructions or instructions in description_keys(session),
            _("The instructions must be an approved description of the bank."), InvalidInput,
            field="instructions")
    parsed = _cells(cells)
    require(parsed, _("A part needs at least one cell."), InvalidInput, field="cells")
    for cell in parsed:
        is_essay = cell.type is ItemType.ESSAY
        require(is_essay == (kind == "essay"),
                _("An essay part holds essay cells only; an objective part holds none."),
                InvalidInput, field="cells")
    part = session.scalar(select(TestPart).where(TestPart.competition_id == competition.id,
                                                 TestPart.key == key))
    others = [p for p in parts_of(session, competition) if p.key != key]
    seen = Counter((c.topic, c.difficulty, c.type)
                   for c in [*parsed, *(c for p in blueprint_parts(others) for c in p.cells)])
    duplicates = [" / ".join(map(str, cell)) for cell, n in seen.items() if n > 1]
    require(not duplicates, _("A cell may appear only once in the whole test: %(cells)s",
                              cells="; ".join(duplicates)), InvalidInput, field="cells")
    if part is None:
        part = TestPart(competition_id=competition.id, key=key,
                        position=len(others) + 1)
        session.add(part)
    part.title, part.kind, part.duration_minutes = title, kind, duration_minutes
    part.essay_mode = essay_mode if kind == "essay" else "per_candidate"
    part.cells = [_cell_dict(c) for c in parsed]
    part.instructions = instructions
    session.flush()
    audit.record(session, actor, "sitting.part_configured", at=now, competition=competition,
                 target=part, payload={"key": key, "kind": kind, "minutes": duration_minutes,
                                       "cells": part.cells, "instructions": instructions})
    return part


def remove_part(session: Session, actor, competition: Competition, key: str, *, now) -> None:
    _require_board(session, actor, competition,
                   _("Only the board chair or secretary can set up the written test."))
    require(not competition.has_reached(Stage.PAPERS_SEALED),
            _("The papers are sealed; the test can no longer change."), Conflict)
    part = session.scalar(select(TestPart).where(TestPart.competition_id == competition.id,
                                                 TestPart.key == key))
    if part is None:
        raise NotFound(_("No such part."))
    session.delete(part)
    session.flush()
    audit.record(session, actor, "sitting.part_removed", at=now, competition=competition,
                 payload={"key": key})


def pool_report(session: Session, competition: Competition) -> list[tuple[str, draw.Cell, int]]:
    """For each cell: how many approved items could fill it now (the board sees short cells)."""
    items = [bank.item_of(v) for v in bank.approved_versions(session)]
    return [(part.key, cell, sum(1 for it in items if cell.matches(it)))
            for part in blueprint_parts(parts_of(session, competition)) for cell in part.cells]


def test_parts(session: Session, competition: Competition) -> list[PartInfo]:
    """The parts of the written test with their maximum points (count x points per cell)."""
    return [PartInfo(p.key, p.title, p.kind,
                     sum((Decimal(c["points"]) * c["count"] for c in p.cells), Decimal(0)))
            for p in parts_of(session, competition)]


def duration_seconds(session: Session, competition: Competition) -> int:
    return 60 * sum(p.duration_minutes for p in parts_of(session, competition))


def setup_of(session: Session, competition: Competition, *, for_update: bool = False
             ) -> SittingSetup:
    """The room rules; the defaults (no code, any network, 30 s grace, late entry up to 15
    minutes after opening, check-in from 30 minutes before) until the proctor sets
    them, without writing anything on a read."""
    setup = session.get(SittingSetup, competition.id)
    if setup is None:
        setup = SittingSetup(competition_id=competition.id, access_code="", allowed_networks="",
                             grace_seconds=30, late_entry_minutes=15, checkin_minutes=30)
        if for_update:
            session.add(setup)
    return setup


# ----------------------------------------------------------------------------- seal and draw


def seal_of(session: Session, competition: Competition) -> Seal | None:
    return session.scalar(select(Seal).where(Seal.competition_id == competition.id))


def _blueprint_json(parts: list[draw.Part]) -> str:
    return draw.canonical_json([draw.part_dict(p) for p in parts])


def _parts_from_json(text: str) -> list[draw.Part]:
    return bundle.parts_from_json(text)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _value_source(competition: Competition, description: str | None,
                  known_after: datetime | None, now: datetime) -> dict:
    """The announced source of the public value: named, and known only after the seal."""
    description = " ".join((description or "").split())
    require(10 <= len(description) <= 500,
            _("Name the public random event that will supply the public value (10 to 500 "
              "characters), e.g. the special prize of a named lottery draw on a given date."),
            InvalidInput)
    require(known_after is not None and known_after.tzinfo is not None,
            _("Give the time after which the public value will be known."), InvalidInput)
    known_after = known_after.replace(microsecond=0)
    require(known_after > now,
            _("The public value must become known after the sealing: give a time in the "
              "future."), InvalidInput)
    opens = competition.sitting_opens_at
    require(opens is None or known_after < opens,
            _("The public value must be known before the sitting opens (%(opens)s).",
              opens=format_datetime(opens, "short") if opens else ""), InvalidInput)
    return draw.value_source(description, known_after)


def seal_papers(session: Session, actor, competition: Competition, *, now: datetime,
                value_source: str | None, value_known_after: datetime | None,
                secret: bytes | None = None) -> Seal:
    """Freeze the approved bank and commit to it, to a fresh secret, to the blueprint, to the
    candidate numbers and to the public event that will supply the public value, before any
    draw: once that value is known nothing it is applied to can change unseen."""
    _require_board(session, actor, competition,
                   _("Only the board chair or secretary can seal the papers."))
    require(competition.stage == Stage.ELIGIBILITY_REVIEWED,
            _("The papers are sealed after eligibility is reviewed and before the sitting."),
            Conflict)
    source = _value_source(competition, value_source, value_known_after, now)
    parts = blueprint_parts(parts_of(session, competition))
    require(parts, _("Set up at least one part of the test before sealing."), Conflict)
    numbers = draw.candidate_list(
        a.candidate_number for a in registration.accepted_candidates(session, competition))
    require(numbers, _("No candidate was accepted."), Conflict)
    versions = bank.approved_versions(session)
    items = [bank.item_of(v) for v in versions]
    problems = draw.check_pool(parts, items)
    require(not problems, _("The approved questions cannot fill the blueprint: %(problems)s",
                            problems="; ".join(pool_problems_in_words(parts, items,
                                                                      problems))), Conflict)
    secret = secret or secrets.token_bytes(32)
    digest = draw.snapshot_digest(items)
    blueprint = _blueprint_json(parts)
    statement = draw.seal_statement(
        draw_version=draw.DRAW_VERSION, competition=competition.id,
        secret_commitment=draw.commitment("board-secret", secret),
        snapshot_commitment=draw.commitment("bank-snapshot", digest.encode()),
        blueprint_digest=draw.blueprint_digest(parts),
        candidates_digest=draw.candidates_digest(numbers), public_value_source=source)
    seal = Seal(competition_id=competition.id, sealed_at=now, sealed_by_id=actor.id,
                secret_hex=secret.hex(),
                secret_commitment=statement["secret_commitment"],
                snapshot_digest=digest,
                snapshot_commitment=statement["snapshot_commitment"],
                blueprint=blueprint, draw_version=draw.DRAW_VERSION,
                value_source=source["description"],
                value_known_after=draw.parse_utc_text(source["known_after"]),
                blueprint_digest=statement["blueprint_digest"],
                candidate_numbers=json.dumps(numbers),
                candidates_digest=statement["candidates_digest"],
                seal_digest=draw.seal_digest(statement))
    session.add(seal)
    session.flush()
    session.add_all([SnapshotItem(seal_id=seal.id, item_key=v.item.key, item_version_id=v.id,
                                  data=v.data) for v in versions])
    session.flush()
    audit.record(session, actor, "sitting.sealed", at=now, competition=competition, target=seal,
                 payload={"draw_version": seal.draw_version,
                          "secret_commitment": seal.secret_commitment,
                          "snapshot_commitment": seal.snapshot_commitment,
                          "snapshot_items": len(versions),
                          "blueprint_sha256": _sha256(blueprint),
                          "blueprint_digest": seal.blueprint_digest,
                          "candidates": len(numbers),
                          "candidates_digest": seal.candidates_digest,
                          "public_value_source": source,
                          "seal_digest": seal.seal_digest})
    competitions.enter_stage(session, actor, competition, Stage.PAPERS_SEALED, now=now,
                             via_domain_action=True)
    return seal


def snapshot_of(session: Session, seal: Seal) -> list[tuple[SnapshotItem, Item]]:
    """The frozen items of a seal, by key, exactly as the draw saw them."""
    rows = session.scalars(select(SnapshotItem).where(SnapshotItem.seal_id == seal.id)
                           .order_by(SnapshotItem.item_key))
    return [(row, item_from_dict(json.loads(row.data))) for row in rows]


_PARSED_SNAPSHOTS: dict[tuple[int, str], dict[str, Item]] = {}
_PARSED_SNAPSHOTS_LOCK = threading.Lock()
_PARSED_SNAPSHOTS_KEPT = 8


def snapshot_items(session: Session, seal: Seal) -> dict[str, Item]:
    """The frozen items of a seal by key, parsed once per process for the sitting: papers,
    saves and the objective scores of a submission.

    A seal never changes once made and its digest names its content, so every request of the
    sitting can share the parsed items. verify-draw and the draw bundle read `snapshot_of`.
    """
    key = (seal.id, seal.snapshot_digest)
    items = _PARSED_SNAPSHOTS.get(key)
    if items is None:
        items = {row.item_key: item for row, item in snapshot_of(session, seal)}
        with _PARSED_SNAPSHOTS_LOCK:
            _PARSED_SNAPSHOTS[key] = items
            while len(_PARSED_SNAPSHOTS) > _PARSED_SNAPSHOTS_KEPT:
                del _PARSED_SNAPSHOTS[next(iter(_PARSED_SNAPSHOTS))]
    return items


def _cell_points(part: draw.Part, item: Item) -> Decimal:
    return next(c.points for c in part.cells if c.matches(item))


def enter_public_value(session: Session, actor, competition: Competition, public_value: str, *,
                       now: datetime) -> int:
    """Mix the later public value into the seed and store every accepted candidate's paper."""
    _require_board(session, actor, competition,
                   _("Only the board chair or secretary can enter the public value."))
    require(competition.stage == Stage.PAPERS_SEALED, _("Seal the papers first."), Conflict)
    seal = seal_of(session, competition)
    require(seal is not None and seal.public_value is None,
            _("The public value has already been entered."), Conflict)
    if seal.value_known_after is not None:
        require(now >= seal.value_known_after,
                _("The public value comes from %(source)s and is known only from %(time)s: "
                  "enter it after that time.", source=seal.value_source,
                  time=format_datetime(seal.value_known_after, "short")), Conflict)
    public_value = " ".join((public_value or "").split())
    require(4 <= len(public_value) <= 500,
            _("Enter the public value exactly as it was published (4 to 500 characters)."),
            InvalidInput)
    seed = draw.derive_seed(bytes.fromhex(seal.secret_hex), public_value)
    parts = _parts_from_json(seal.blueprint)
    by_part = {p.key: p for p in parts}
    snapshot = snapshot_of(session, seal)
    rows = {row.item_key: row for row, _ in snapshot}
    items = bundle.drawable([item for _, item in snapshot], parts)
    by_key = {item.key: item for item in items}
    candidates = registration.accepted_candidates(session, competition)
    require(candidates, _("No candidate was accepted."), Conflict)
    if seal.candidate_numbers is not None:
        sealed = set(json.loads(seal.candidate_numbers))
        now_accepted = {a.candidate_number for a in candidates}
        require(sealed == now_accepted,
                _("The accepted candidates differ from the sealed list (%(numbers)s); "
                  "no paper was drawn.",
                  numbers=", ".join(sorted(sealed ^ now_accepted))), Conflict)
        given = _numbers_given_at_acceptance(session, competition)
        renumbered = sorted(a.candidate_number for a in candidates
                            if a.id in given and given[a.id] != a.candidate_number)
        require(not renumbered,
                _("Candidate numbers %(numbers)s differ from the ones given at acceptance; "
                  "no paper was drawn.", numbers=", ".join(renumbered)), Conflict)
    drawn_papers = [draw.draw_paper(seed, items, parts, a.candidate_number) for a in candidates]
    papers = [Paper(competition_id=competition.id, application_id=a.id,
                    candidate_number=a.candidate_number,
                    fingerprint=draw.paper_fingerprint(d, draw_version=seal.draw_version,
                                                       competition=competition.id,
                                                       candidate_number=a.candidate_number),
                    drawn_at=now) for a, d in zip(candidates, drawn_papers, strict=True)]
    session.add_all(papers)
    session.flush()
    session.execute(insert(PaperItem), [
        {"paper_id": paper.id, "sequence": n, "part_key": d.part_key, "position": d.position,
         "item_key": d.item_key, "item_version_id": rows[d.item_key].item_version_id,
         "option_order": list(d.option_order),
         "points": decimal_str(_cell_points(by_part[d.part_key], by_key[d.item_key]))}
        for paper, drawn in zip(papers, drawn_papers, strict=True)
        for n, d in enumerate(drawn, 1)])
    fingerprints = [f"{p.candidate_number}:{p.fingerprint}" for p in papers]
    seal.public_value, seal.public_value_at, seal.drawn_at = public_value, now, now
    session.flush()
    audit.record(session, actor, "sitting.papers_drawn", at=now, competition=competition,
                 target=seal, payload={"public_value": public_value, "papers": len(candidates),
                                       "fingerprints_sha256": _sha256("\n".join(fingerprints))})
    return len(candidates)


PROCTOR_OPENS_BEFORE = timedelta(hours=1)


def open_sitting(session: Session, actor, competition: Competition, *, now: datetime) -> None:
    """Candidates may start (within the window) once every paper is stored.

    The proctor opens the room on the day, from an hour before the sitting until it ends; the
    chair or the secretary may open it earlier (candidates still start only in the window)."""
    require(permissions.can_open_sitting(session, actor, competition),
            _("Only the proctor, the board chair or the secretary can open the sitting."))
    seal = seal_of(session, competition)
    require(seal is not None and seal.drawn_at is not None,
            _("Enter the public value and draw the papers before opening the sitting."), Conflict)
    if not permissions.can_run_stages(session, actor, competition):
        opens, closes = competition.sitting_opens_at, competition.sitting_closes_at
        require(opens is not None and opens - PROCTOR_OPENS_BEFORE <= now < closes,
                _("The proctor opens the room on the day: from %(time)s, an hour before the "
                  "sitting starts, until it ends.",
                  time=format_datetime(opens - PROCTOR_OPENS_BEFORE, "short")
                  if opens else ""), Conflict)
    competitions.enter_stage(session, actor, competition, Stage.SITTING, now=now,
                             via_domain_action=True, payload={"opened_by": _opened_by(
                                 session, actor, competition)})


def _opened_by(session: Session, actor, competition: Competition) -> str:
    roles = permissions.roles_in(session, actor, competition)
    for role in (Role.CHAIR, Role.SECRETARY, Role.PROCTOR):
        if role in roles:
            return str(role)
    return ""


def reveal_secret(session: Session, actor, competition: Competition, *, now: datetime) -> Seal:
    """After the sitting, anyone may recompute every paper: the secret goes public."""
    _require_board(session, actor, competition,
                   _("Only the board chair or secretary can reveal the secret."))
    require(competition.has_reached(Stage.SCORING),
            _("The secret is revealed only after the sitting has closed."), Conflict)
    seal = seal_of(session, competition)
    require(seal is not None and seal.revealed_at is None,
            _("There is no unrevealed secret for this competition."), Conflict)
    seal.revealed_at = now
    session.flush()
    audit.record(session, actor, "sitting.secret_revealed", at=now, competition=competition,
                 target=seal, payload={"secret": seal.secret_hex})
    return seal


# ----------------------------------------------------------------------------- verification


def _published_entry(session: Session, competition: Competition, action: str) -> AuditEntry | None:
    return session.scalar(select(AuditEntry).where(
        AuditEntry.competition_id == competition.id, AuditEntry.action == action)
        .order_by(AuditEntry.seq).limit(1))


def _published(session: Session, competition: Competition, action: str) -> dict | None:
    entry = _published_entry(session, competition, action)
    return json.loads(entry.payload) if entry else None


def _numbers_given_at_acceptance(session: Session, competition: Competition) -> dict[int, str]:
    """application id -> the candidate number the log recorded (and the candidate was told)
    when the application was accepted."""
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.competition_id == competition.id, AuditEntry.action == "application.accepted")
        .order_by(AuditEntry.seq))
    return {int(e.object_id): json.loads(e.payload).get("candidate_number") for e in entries
            if e.object_id.isdigit()}


def _utc(moment: datetime | None) -> str | None:
    return draw.utc_text(moment) if moment else None


def _papers_of(session: Session, competition: Competition) -> list[Paper]:
    return list(session.scalars(select(Paper).where(Paper.competition_id == competition.id)
                                .order_by(Paper.candidate_number)))


def draw_bundle(session: Session, competition: Competition) -> dict:
    """The draw as a self-contained file (see ``exam.sitting.bundle``); the commitments, the
    announced source and the times are the ones published in the audit log, not the seal's
    own copy. A v1 seal gives a v1 bundle, which older verifiers still read."""
    seal = seal_of(session, competition)
    sealed_entry = _published_entry(session, competition, "sitting.sealed")
    sealed = json.loads(sealed_entry.payload) if sealed_entry else {}
    common = {
        "competition_id": competition.id,
        "secret_commitment": sealed.get("secret_commitment"),
        "snapshot_commitment": sealed.get("snapshot_commitment"),
        "blueprint": seal.blueprint, "public_value": seal.public_value,
        "secret": seal.secret_hex if seal.revealed_at else None,
        "snapshot": [json.loads(row.data) for row, _ in snapshot_of(session, seal)],
        "papers": [{"candidate_number": p.candidate_number, "fingerprint": p.fingerprint,
                    "items": [[i.part_key, i.position, i.item_key, list(i.option_order)]
                              for i in p.items]} for p in _papers_of(session, competition)],
    }
    if seal.draw_version == draw.LEGACY_DRAW_VERSION:
        return {"v": bundle.BUNDLE_VERSION_V1, "draw_version": draw.LEGACY_DRAW_VERSION,
                "blueprint_sha256": sealed.get("blueprint_sha256"), **common}
    drawn_entry = _published_entry(session, competition, "sitting.papers_drawn")
    return {
        "v": bundle.BUNDLE_VERSION, "draw_version": seal.draw_version,
        "sealed_at": _utc(sealed_entry.at) if sealed_entry else None,
        "blueprint_digest": sealed.get("blueprint_digest"),
        "candidates_digest": sealed.get("candidates_digest"),
        "public_value_source": sealed.get("public_value_source"),
        "seal_digest": sealed.get("seal_digest"),
        "candidate_numbers": json.loads(seal.candidate_numbers or "[]"),
        "public_value_at": _utc(drawn_entry.at) if drawn_entry else None,
        **common,
    }


def _seal_copy_problems(seal: Seal, sealed: dict) -> list[str]:
    """The seal's own copy (shown on the public page) against what the log published."""
    source = sealed.get("public_value_source") or {}
    shown = {
        "seal digest": (seal.seal_digest, sealed.get("seal_digest")),
        "blueprint digest": (seal.blueprint_digest, sealed.get("blueprint_digest")),
        "candidates digest": (seal.candidates_digest, sealed.get("candidates_digest")),
        "public value source": (seal.value_source, source.get("description")),
        "time the public value is known": (_utc(seal.value_known_after), source.get("known_after")),
    }
    return [f"the seal's {name} shown on the public page differs from the one published "
            f"at sealing" for name, (stored, published) in shown.items() if stored != published]


def verify_draw(session: Session, competition: Competition) -> DrawCheck:
    """Recompute every paper from the revealed secret, the public value and the snapshot.

    Checks the audit log's hash chain and, against what was published in it at sealing, the
    revealed secret, the stored snapshot and blueprint, and (v2) the candidate numbers, the
    announced source of the public value and the times; then redraws each candidate's paper
    and compares it line by line with what was served (``bundle.verify_bundle``), and checks
    that every accepted candidate has a paper pointing at snapshot versions, under the number
    given at acceptance. Any difference is a problem; an empty list means the draw holds.
    """
    seal = seal_of(session, competition)
    if seal is None:
        return DrawCheck(["the papers of this competition were never sealed"], 0)
    problems: list[str] = []
    chain = audit.verify_chain(session)
    if not chain.is_intact:
        problems.append(f"the audit log, where the commitments were published, is broken at "
                        f"entry {chain.first_bad_seq}: {chain.reason}")
    if seal.revealed_at is None:
        problems.append("the board secret has not been revealed yet")
        return DrawCheck(problems, 0)
    drawn = _published(session, competition, "sitting.papers_drawn") or {}
    if seal.public_value is None or seal.public_value != drawn.get("public_value"):
        problems.append("the public value differs from the one published in the log")
        return DrawCheck(problems, 0)
    if seal.draw_version != draw.LEGACY_DRAW_VERSION:
        problems += _seal_copy_problems(seal, _published(session, competition,
                                                         "sitting.sealed") or {})
    found, checked = bundle.verify_bundle(draw_bundle(session, competition))
    problems += found
    versions = {row.item_key: row.item_version_id for row, _ in snapshot_of(session, seal)}
    papers = _papers_of(session, competition)
    accepted = {a.candidate_number for a in registration.accepted_candidates(session, competition)}
    missing = accepted - {p.candidate_number for p in papers}
    problems += [f"candidate {n} has no stored paper" for n in sorted(missing)]
    given = _numbers_given_at_acceptance(session, competition)
    for paper in papers:
        if paper.application_id in given and given[paper.application_id] != paper.candidate_number:
            problems.append(f"candidate {paper.candidate_number}: the paper belongs to the "
                            f"application accepted as {given[paper.application_id]}")
        wrong = [i.item_key for i in paper.items if versions.get(i.item_key) != i.item_version_id]
        if wrong:
            problems.append(f"candidate {paper.candidate_number}: items {', '.join(wrong)} point "
                            "at a version outside the snapshot")
    return DrawCheck(problems, checked)


def public_commitments(session: Session, competition: Competition) -> dict:
    """What the public page shows: what the seal published (commitments, digests, the public
    value's announced source), the public value, the secret once revealed."""
    seal = seal_of(session, competition)
    if seal is None:
        return {}
    papers = session.scalar(select(func.count()).select_from(Paper)
                            .where(Paper.competition_id == competition.id))
    is_v1 = seal.draw_version == draw.LEGACY_DRAW_VERSION
    return {
        "sealed_at": seal.sealed_at,
        "seal_digest": seal.seal_digest,
        "secret_commitment": seal.secret_commitment,
        "snapshot_commitment": seal.snapshot_commitment,
        "snapshot_digest": seal.snapshot_digest if seal.revealed_at else None,
        "blueprint_sha256": _sha256(seal.blueprint) if is_v1 else None,
        "blueprint_digest": seal.blueprint_digest,
        "candidates_digest": seal.candidates_digest,
        "candidates": len(json.loads(seal.candidate_numbers)) if seal.candidate_numbers else None,
        "public_value_source": seal.value_source,
        "public_value_known_after": seal.value_known_after,
        "public_value": seal.public_value,
        "public_value_at": seal.public_value_at,
        "papers": papers,
        "revealed_secret": seal.secret_hex if seal.revealed_at else None,
        "revealed_at": seal.revealed_at,
        "verify_command": f"thituyen verify-draw {competition.id}",
        "draw_version": seal.draw_version,
    }


# ----------------------------------------------------------------------------- for scoring


def latest_answers(session: Session, attempt_ids: list[int]) -> dict[tuple[int, int], AnswerSave]:
    """(attempt id, paper line id) -> the save in force: the highest client sequence."""
    latest: dict[tuple[int, int], AnswerSave] = {}
    if not attempt_ids:
        return latest
    for save in session.scalars(select(AnswerSave).where(AnswerSave.attempt_id.in_(attempt_ids))
                                .order_by(AnswerSave.client_seq, AnswerSave.id)):
        latest[(save.attempt_id, save.paper_item_id)] = save
    return latest


def _rescaled(rubric: tuple[Criterion, ...], item_points: Decimal, points: Decimal):
    if item_points == points:
        return rubric
    factor = points / item_points
    scaled = [(c.max_points * factor).quantize(CENT, ROUND_HALF_UP) for c in rubric]
    scaled[-1] += points - sum(scaled, Decimal(0))  # rounding never changes the total
    return tuple(Criterion(c.name, m, c.descriptors) for c, m in zip(rubric, scaled, strict=True))


def essay_answers(session: Session, competition: Competition) -> list[EssayAnswer]:
    """Every submitted essay answer (blank when the candidate wrote nothing), for blind scoring."""
    submitted = list(session.scalars(select(Attempt).where(
        Attempt.competition_id == competition.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.id)))
    latest = latest_answers(session, [a.id for a in submitted])
    seal = seal_of(session, competition)
    snapshot = {row.item_key: item for row, item in snapshot_of(session, seal)} if seal else {}
    out = []
    for attempt in submitted:
        for line in attempt.paper.items:
            item = snapshot[line.item_key]
            if item.type is not ItemType.ESSAY:
                continue
            save = latest.get((attempt.id, line.id))
            text = json.loads(save.response) if save else ""
            points = Decimal(line.points)
            out.append(EssayAnswer(
                application_id=attempt.application_id, part_key=line.part_key,
                item_key=line.item_key, item_version_id=line.item_version_id, prompt=item.stem_text,
                rubric=_rescaled(item.rubric, item.points, points), max_points=points,
                answer_text=text if isinstance(text, str) else ""))
    return out


def objective_part_scores(session: Session, competition: Competition) -> dict[int, dict[str, Decimal]]:
    """application_id -> objective part key -> points earned, for every submitted attempt."""
    objective = [p.key for p in parts_of(session, competition) if p.kind == "objective"]
    rows = session.execute(select(Attempt.application_id, ObjectiveScore.part_key,
                                  ObjectiveScore.points)
                           .join(ObjectiveScore, ObjectiveScore.attempt_id == Attempt.id)
                           .where(Attempt.competition_id == competition.id)).all()
    scores: dict[int, dict[str, Decimal]] = {}
    for application_id in session.scalars(select(Attempt.application_id).where(
            Attempt.competition_id == competition.id, Attempt.submitted_at.is_not(None))):
        scores[application_id] = {key: Decimal("0.00") for key in objective}
    for application_id, part_key, points in rows:
        part = scores.setdefault(application_id, {})
        part[part_key] = part.get(part_key, Decimal("0.00")) + Decimal(points)
    return scores


def pool_problems_in_words(parts, items, problems: list[str]) -> list[str]:
    """The draw's problems (plain English from `question_bank`) in the reader's language:
    each short cell named with its topic, level and type in words and the numbers; any
    other problem as the draw states it."""
    from exam.labels import code_label

    said = []
    descriptions = {item.key for item in items if item.type is ItemType.DESCRIPTION}
    for part in parts:
        if part.instructions and part.instructions not in descriptions:
            said.append(_("Part %(part)s: its instructions %(key)s are no longer an approved "
                          "description", part=part.key, key=part.instructions))
        for cell in part.cells:
            have = sum(1 for item in items if cell.matches(item))
            if have < cell.count:
                said.append(_("%(topic)s, %(difficulty)s, %(type)s: %(need)d approved "
                              "questions needed, %(have)d in the bank",
                              topic=cell.topic, difficulty=code_label(cell.difficulty),
                              type=code_label(cell.type), need=cell.count, have=have))
    others = [p for p in problems if ": needs " not in p and "its instructions" not in p]
    return said + others
