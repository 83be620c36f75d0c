"""Anonymous script codes: random Crockford base32 with a Luhn mod 32 check character.

A code is 7 random characters and 1 check character, shown as ``XXXX-XXXX``. Crockford's
alphabet leaves out I, L, O and U, so a code read aloud or copied by hand is hard to
misread; input is forgiving (lower case, O for 0, I/L for 1, spaces and hyphens). The
Luhn mod N algorithm (N = 32) catches every single mistyped character and every swap of
two adjacent characters except the swap of two characters whose values sum to 31 mod 32.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 7
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body: str) -> str:
    """Luhn mod 32: double every second value from the right, add the base-32 digits."""
    total = 0
    factor = 2
    for char in reversed(body):
        addend = factor * _VALUE[char]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_character(body)


def normalise(text: str) -> str | None:
    """The canonical code a person meant, or None when it is malformed or its check fails."""
    raw = "".join((text or "").split()).replace("-", "").upper().translate(_READ_AS)
    if len(raw) != RANDOM_LENGTH + 1 or any(c not in _VALUE for c in raw):
        return None
    return raw if check_character(raw[:-1]) == raw[-1] else None


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"
