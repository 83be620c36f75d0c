"""Sealed marks: until the lock the audit log commits to a mark without showing it.

Design. The hash chain must cover every mark as it was given, yet until the lock nobody but
the examiner may see it (finding: the viewer showed the board every examiner's total). A
payload that only hid the total from the viewer would not do: the entry hash, shown in the
viewer and signed into checkpoints, is a hash of fields that are all visible but the total,
and a total has only a thousand possible values, so anyone could recover it by trying them.
So the entry holds ``sealed = SHA-256("thituyen-seal-v1" NUL nonce NUL canonical(value))``
with a random 256-bit nonce kept in the mark's row, and the lock writes one
``scoring.mark_unsealed`` entry per sealed mark with the value and the nonce: from then on the
log itself shows every mark and proves it is the one committed to at the time.
"""

from __future__ import annotations

import hashlib
import secrets

from exam.audit.service import canonical_json

DOMAIN = b"thituyen-seal-v1\x00"


def new_nonce() -> str:
    return secrets.token_hex(32)


def seal(nonce: str, value) -> str:
    return hashlib.sha256(DOMAIN + nonce.encode() + b"\x00"
                          + canonical_json(value).encode()).hexdigest()


def passage_digest(nonce: str, code: str, passage: str) -> str:
    """What the log keeps of a masked passage: checkable by whoever is shown the passage."""
    return seal(nonce, {"code": code, "passage": passage})
