"""Vietnamese conventions for names, dates and numbers, in plain Python.

Names sort as a Vietnamese roster does: by the given name (the last word), then the middle
names, then the family name (the first word). Words compare letter by letter in the
Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the Latin
letters f j w z, found in foreign names, take their Latin places); tone marks only break ties
between words with the same letters, in the order: none, huyền, hỏi, ngã, sắc, nặng.

Dates are written dd/MM/yyyy, times HH:mm (24 hours), and numbers with a decimal comma and a
dot between thousands.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_FOREIGN = len(ALPHABET) + 1


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", char)
        tone = next((TONES[c] for c in parts if c in TONES), 0)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        letters.append(ALPHABET.index(base) if base in ALPHABET else _FOREIGN + ord(base[0]))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def word_key(word: str) -> tuple:
    """A word's place in a Vietnamese dictionary: letters first, tones only to break ties."""
    letters, tones = _letters_and_tones(word)
    return letters, tones


def name_key(full_name: str) -> tuple:
    """Sort key for a full name written family first (Nguyễn Văn An): given, middle, family."""
    words = (full_name or "").split()
    if not words:
        return ((), ())
    given, middle, family = words[-1], words[1:-1], words[:1] if len(words) > 1 else []
    keyed = [word_key(given), tuple(word_key(w) for w in middle),
             tuple(word_key(w) for w in family)]
    return tuple(keyed) + (unicodedata.normalize("NFC", full_name),)


def sort_names(items, key=lambda item: item):
    """Items ordered by the Vietnamese name ``key(item)`` returns (a stable sort)."""
    return sorted(items, key=lambda item: name_key(key(item)))


def format_date_vi(day: date | datetime | None) -> str:
    """dd/MM/yyyy, the way Vietnamese forms write a date."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_time_vi(moment: datetime | None) -> str:
    """HH:mm on the 24-hour clock."""
    return moment.strftime("%H:%M") if moment else ""


def format_datetime_vi(moment: datetime | None) -> str:
    """HH:mm dd/MM/yyyy, the order Vietnamese notices use ("14:30 ngày 05/03/2026")."""
    return f"{format_time_vi(moment)} {format_date_vi(moment)}" if moment else ""


def format_number_vi(value, places: int = 0) -> str:
    """Decimal comma and a dot between thousands: 1.234,50 (rounded half up)."""
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"
