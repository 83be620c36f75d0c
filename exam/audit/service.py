"""The append-only, hash-chained audit log.

entry_hash = SHA-256("thituyen-audit-v1" NUL canonical_json(fields + prev_hash)); the first
entry's prev_hash is 64 zeros. Any edit, deletion, insertion or reordering breaks the chain
from that entry on, which `verify_chain` reports.
"""

from __future__ import annotations

import base64
import binascii
import contextvars
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from exam.audit.models import AuditCheckpoint, AuditEntry
from exam.config import public_base_url
from exam.errors import InvalidInput, NotFound, PermissionDenied, require

GENESIS = "0" * 64
DOMAIN = b"thituyen-audit-v1\x00"

current_address: contextvars.ContextVar[str] = contextvars.ContextVar("audit_address", default="")


def _normalise(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def canonical_json(value) -> str:
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def compute_hash(entry: AuditEntry) -> str:
    body = canonical_json(
        {
            "seq": entry.seq,
            "at": entry.at.isoformat(),
            "actor_id": entry.actor_id,
            "action": entry.action,
            "competition_id": entry.competition_id,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "payload": entry.payload,
            "address": entry.address,
            "prev": entry.prev_hash,
        }
    )
    return hashlib.sha256(DOMAIN + body.encode()).hexdigest()


def _lock_chain(session: Session) -> None:
    """Serialise appends so two writers never chain onto the same head.

    SQLite needs no lock: it lets one writer in at a time and refuses a write made on a stale
    snapshot (SQLITE_BUSY_SNAPSHOT, answered as "nothing was saved"), so its chain cannot fork.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(727001)"))


def record(
    session: Session,
    actor,
    action: str,
    *,
    at: datetime,
    competition=None,
    target=None,
    payload: dict | None = None,
) -> AuditEntry:
    """Append one entry. `target` is any mapped object with an `id`; payload holds no secrets."""
    _lock_chain(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=at.replace(microsecond=(at.microsecond // 1000) * 1000),
        actor_id=getattr(actor, "id", None),
        action=action,
        competition_id=getattr(competition, "id", competition),
        object_type=type(target).__name__ if target is not None else "",
        object_id=str(getattr(target, "id", "")) if target is not None else "",
        payload=canonical_json(payload or {}),
        address=current_address.get(),
        prev_hash=last.entry_hash if last else GENESIS,
    )
    entry.entry_hash = compute_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    is_intact: bool
    length: int
    head: str
    first_bad_seq: int | None = None
    reason: str = ""


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain in order; name the first entry whose link or content does not hold."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    seen: dict[str, int] = {}
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        if entry.seq != expected_seq:
            return ChainReport(False, count, prev, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            return _broken_link(session, entry, prev, count, seen)
        if compute_hash(entry) != entry.entry_hash:
            return ChainReport(
                False, count, prev, entry.seq, f"entry {entry.seq} was changed after it was written"
            )
        seen[entry.entry_hash] = entry.seq
        prev = entry.entry_hash
        expected_seq += 1
        count += 1
    return ChainReport(True, count, prev)


def _broken_link(session, entry: AuditEntry, prev: str, count: int, seen: dict) -> ChainReport:
    """Say what a broken link most likely means: an insertion, a reordering or a removal."""
    seq = entry.seq
    if entry.prev_hash in seen:
        inserted = seen[entry.prev_hash] + 1
        return ChainReport(False, count - (seq - inserted), prev, inserted,
                           f"entry {inserted} was inserted: entry {seq} follows entry "
                           f"{inserted - 1} in the original chain")
    later = session.scalar(select(AuditEntry.seq).where(
        AuditEntry.seq > seq, AuditEntry.entry_hash == entry.prev_hash))
    if later is not None:
        return ChainReport(False, count, prev, seq,
                           f"entry {seq} is out of order: it was written after entry {later}")
    return ChainReport(False, count, prev, seq,
                       f"entry {seq} does not link to entry {seq - 1}: the entry before it was "
                       "removed or rewritten")


def chain_head(session: Session) -> tuple[int, str]:
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (last.seq, last.entry_hash) if last else (0, GENESIS)


def head_at(session: Session, size: int) -> str | None:
    """The entry hash the chain had when it was `size` entries long (None if it is shorter)."""
    if size == 0:
        return GENESIS
    return session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == size))


# ------------------------------------------------------------------------------ checkpoints
#
# A checkpoint is a C2SP tlog-checkpoint-like signed note:
#
#     <origin>\n<size>\n<base64(head)>\n<extension lines>\n\n— <signer> <base64(CMS)>\n
#
# The CMS signature (detached, DER, by the organization's key) covers the body: every line
# before the blank line, each ending in a newline.

SIGNATURE_MARK = "\u2014 "


def checkpoint_origin(base_url: str) -> str:
    host = base_url.split("://", 1)[-1].rstrip("/")
    return f"{host}/audit"


def checkpoint_body(origin: str, size: int, head: str, extensions: list[str]) -> str:
    lines = [origin, str(size), base64.b64encode(bytes.fromhex(head)).decode(), *extensions]
    return "".join(line + "\n" for line in lines)


def checkpoint_text(checkpoint: AuditCheckpoint) -> str:
    """The downloadable file: the body, a blank line, the signature line."""
    if checkpoint.signature is None:
        return checkpoint.body
    signature = base64.b64encode(checkpoint.signature).decode()
    return f"{checkpoint.body}\n{SIGNATURE_MARK}{checkpoint.signer} {signature}\n"


def _organization_key():
    from flask import current_app

    from exam.documents import keystore

    try:
        return keystore.organization_key(current_app.config["SIGNING_KEY_FOLDER"],
                                         current_app.config.get("SIGNING_PASSWORD"))
    except keystore.KeyMissing:
        return None


def publish_checkpoint(session: Session, competition=None, *, now: datetime,
                       key=None) -> AuditCheckpoint:
    """Sign the chain's current length and head, so a later rewrite of history shows.

    Called at every stage change. Without an installed signing key (a bare development
    install) the checkpoint is still stored, marked unsigned, and `audit verify` refuses it.
    """
    from flask import current_app

    from exam.documents.signing import sign_detached

    size, head = chain_head(session)
    stage = str(getattr(competition, "stage", "") or "")
    extensions = [f"time {now.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}"]
    if competition is not None:
        extensions.append(f"competition {competition.id} {stage}")
    body = checkpoint_body(checkpoint_origin(public_base_url(from_request=False)), size, head,
                           extensions)
    key = key or _organization_key()
    signature = sign_detached(body.encode(), key) if key is not None else None
    signer = (current_app.config["ORGANIZATION_NAME"] if key is not None else "")
    checkpoint = AuditCheckpoint(
        competition_id=getattr(competition, "id", None), stage=stage, size=size, head=head,
        body=body, signature=signature, signer=" ".join(signer.split()), published_at=now)
    session.add(checkpoint)
    session.flush()
    return checkpoint


def checkpoints_of(session: Session, competition) -> list[AuditCheckpoint]:
    return list(session.scalars(
        select(AuditCheckpoint).where(AuditCheckpoint.competition_id == competition.id)
        .order_by(AuditCheckpoint.id.desc())))


def latest_checkpoint(session: Session) -> AuditCheckpoint | None:
    """What a signed sheet embeds: the most recent checkpoint of the whole log."""
    return session.scalar(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1))


def get_public_checkpoint(session: Session, checkpoint_id: int) -> AuditCheckpoint:
    """Checkpoints of draft competitions are not public yet, like the competitions themselves."""
    from exam.competitions.models import Competition, Stage

    checkpoint = session.get(AuditCheckpoint, checkpoint_id)
    competition = checkpoint and checkpoint.competition_id and session.get(
        Competition, checkpoint.competition_id)
    if checkpoint is None or (competition and competition.stage == Stage.DRAFT):
        raise NotFound(_("No such checkpoint."))
    return checkpoint


@dataclass(frozen=True)
class ParsedCheckpoint:
    origin: str
    size: int
    head: str
    body: str
    signer: str
    signature: bytes | None


def parse_checkpoint(text: str) -> ParsedCheckpoint:
    """Read a checkpoint file; raise InvalidInput naming what is malformed."""
    text = text.replace("\r\n", "\n")
    body, _blank, note = text.partition("\n\n")
    body += "\n"
    lines = body.splitlines()
    if len(lines) < 3 or not lines[1].isdigit():
        raise InvalidInput(_("This is not an audit checkpoint: it needs an origin, a size and a "
                             "head on its first three lines."))
    try:
        head = base64.b64decode(lines[2], validate=True).hex()
    except (ValueError, binascii.Error):
        raise InvalidInput(_("The checkpoint's head is not valid base64.")) from None
    if len(head) != 64:
        raise InvalidInput(_("The checkpoint's head is not a SHA-256 hash."))
    signer, signature = "", None
    for line in note.splitlines():
        if line.startswith(SIGNATURE_MARK):
            signer, _space, encoded = line[len(SIGNATURE_MARK):].rpartition(" ")
            try:
                signature = base64.b64decode(encoded, validate=True)
            except (ValueError, binascii.Error):
                raise InvalidInput(_("The checkpoint's signature is not valid base64.")) from None
    return ParsedCheckpoint(lines[0], int(lines[1]), head, body, signer, signature)


@dataclass(frozen=True)
class CheckpointReport:
    holds: bool
    reason: str


def verify_checkpoint(session: Session, text: str, trust_roots,
                      signer_sha256: str | None = None) -> CheckpointReport:
    """Does the current log still extend this checkpoint? Signature first (by the organization's
    certificate, pinned by `signer_sha256` when known), then the head."""
    from exam.documents.signing import verify_detached

    checkpoint = parse_checkpoint(text)
    if checkpoint.signature is None:
        return CheckpointReport(False, "the checkpoint carries no signature")
    if not trust_roots or not verify_detached(checkpoint.body.encode(), checkpoint.signature,
                                              trust_roots, signer_sha256=signer_sha256):
        return CheckpointReport(False, "the checkpoint's signature does not verify against the "
                                       "organization's trust root")
    return _extends(session, checkpoint.size, checkpoint.head, "the checkpoint")


def _extends(session: Session, size: int, head: str, signed_by: str) -> CheckpointReport:
    """The current log is intact and its first `size` entries end in the signed `head`."""
    chain = verify_chain(session)
    if not chain.is_intact:
        return CheckpointReport(False, f"audit chain broken at entry {chain.first_bad_seq}: "
                                       f"{chain.reason}")
    if chain.length < size:
        return CheckpointReport(False, f"the log has {chain.length} entries but {signed_by} "
                                       f"signed {size}: history was removed")
    if head_at(session, size) != head:
        return CheckpointReport(False, f"history was rewritten: entry {size} no longer has the "
                                       f"head {signed_by} signed")
    return CheckpointReport(True, f"the log ({chain.length} entries) extends {signed_by} of "
                                  f"{size} entries")


def list_checkpoints(session: Session, competition) -> list[dict]:
    """The competition's public section of checkpoints, newest first, as plain data."""
    return [
        {"id": c.id, "size": c.size, "head": c.head, "stage": c.stage,
         "published_at": c.published_at, "is_signed": c.signature is not None,
         "download": f"/audit/checkpoints/{c.id}.txt"}
        for c in checkpoints_of(session, competition)
    ]


# ------------------------------------------------------------------------------- the viewer


def viewable_competitions(session: Session, user) -> list | None:
    """Competition ids whose log `user` may read; None means all of them (administrator,
    inspector). The board reads its own competitions; nobody else reads the log here."""
    from exam.competitions.models import BOARD_ROLES, Membership

    if user is None or not getattr(user, "is_authenticated", False):
        return []
    if user.is_admin or user.is_inspector:
        return None
    return sorted(set(session.scalars(select(Membership.competition_id).where(
        Membership.user_id == user.id, Membership.role.in_([str(r) for r in BOARD_ROLES])))))


def entries_for_viewer(session: Session, user, *, competition_id: int | None = None,
                       actor_id: int | None = None, action: str | None = None, page: int = 1,
                       per_page: int = 50) -> tuple[list[AuditEntry], int]:
    """One page of the log, newest first, within what `user` may read."""
    allowed = viewable_competitions(session, user)
    require(allowed is None or allowed, _("Only the board and the administrator read the "
                                          "audit log."), PermissionDenied)
    query = select(AuditEntry)
    if allowed is not None:
        require(competition_id is None or competition_id in allowed,
                _("You may read the log of your own competitions only."), PermissionDenied)
        query = query.where(AuditEntry.competition_id.in_(allowed))
    if competition_id is not None:
        query = query.where(AuditEntry.competition_id == competition_id)
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    if action:
        query = query.where(AuditEntry.action == action)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(AuditEntry.seq.desc()).limit(per_page)
                           .offset((max(page, 1) - 1) * per_page))
    return list(rows), total


# Reports of irregularities stay with the inspectors: even when one was received or handled
# could help single out who reported.
PRIVATE_ACTIONS = frozenset({"oversight.report_received", "oversight.report_under_review",
                             "oversight.report_resolved"})


def _public_query(competition_id: int | None):
    from exam.competitions.models import Competition, Stage

    query = (select(AuditEntry).join(Competition, Competition.id == AuditEntry.competition_id)
             .where(Competition.stage != Stage.DRAFT,
                    AuditEntry.action.not_in(sorted(PRIVATE_ACTIONS))))
    if competition_id is not None:
        query = query.where(AuditEntry.competition_id == competition_id)
    return query


def public_entries(session: Session, *, competition_id: int | None = None, page: int = 1,
                   per_page: int = 50) -> tuple[list[AuditEntry], int]:
    """What anyone may read without signing in: the entries of published competitions (not
    drafts), newest first, without reports of irregularities. The page shows their action and
    time only; who acted and the details stay with the board, the administrator and the
    inspectors."""
    query = _public_query(competition_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(AuditEntry.seq.desc()).limit(per_page)
                           .offset((max(page, 1) - 1) * per_page))
    return list(rows), total


def actions_in_log(session: Session, user) -> list[str]:
    allowed = viewable_competitions(session, user)
    query = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    if allowed is not None:
        query = query.where(AuditEntry.competition_id.in_(allowed))
    return list(session.scalars(query))


def verify_sheet(session: Session, pdf_bytes: bytes, trust_roots,
                 certifier_sha256: str | None = None) -> CheckpointReport:
    """A signed sheet embeds the chain's length and head at signing time, under the
    organization's signature (pinned by `certifier_sha256` when known): it proves, like a
    checkpoint, that history was not rewritten."""
    from exam.documents.signing import verify_pdf

    verification = verify_pdf(pdf_bytes, trust_roots, certifier_sha256=certifier_sha256)
    if not verification.is_valid:
        return CheckpointReport(False, "the sheet's signature does not verify: "
                                       + "; ".join(verification.problems))
    head = verification.metadata.get("ThituyenChainHead", "")
    length = verification.metadata.get("ThituyenChainLength", "")
    if len(head) != 64 or not length.isdigit():
        return CheckpointReport(False, "the sheet carries no audit chain head")
    return _extends(session, int(length), head, "the sheet")
