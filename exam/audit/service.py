"""The append-only, hash-chained audit log.

entry_hash = SHA-256("thituyen-audit-v1" NUL canonical_json(fields + prev_hash)); the first
entry's prev_hash is 64 zeros. Any edit, deletion, insertion or reordering breaks the chain
from that entry on, which `verify_chain` reports.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from exam.audit.models import AuditEntry

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
    """Serialise appends so two writers never chain onto the same head."""
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
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        if entry.seq != expected_seq:
            return ChainReport(False, count, prev, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            return ChainReport(
                False, count, prev, entry.seq, f"entry {entry.seq} does not link to the one before"
            )
        if compute_hash(entry) != entry.entry_hash:
            return ChainReport(
                False, count, prev, entry.seq, f"entry {entry.seq} was changed after it was written"
            )
        prev = entry.entry_hash
        expected_seq += 1
        count += 1
    return ChainReport(True, count, prev)


def chain_head(session: Session) -> tuple[int, str]:
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (last.seq, last.entry_hash) if last else (0, GENESIS)
