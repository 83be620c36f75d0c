"""The verifiable draw of candidates' papers (specifications ``thituyen-draw-v1``, ``-v2``, ``-v3``).

The draw is a pure function of (seed, bank snapshot, blueprint, candidate number),
built only on SHA-256 and HMAC-SHA256 so that anyone can recompute any paper years
later, in any language, without trusting a library RNG whose sequence may change.

Versions: a seal records the version it was made under. ``thituyen-draw-v1`` commits
to the secret and the snapshot only (steps 1-8). ``thituyen-draw-v2`` (current) also
fixes in advance where the public value will come from and binds the blueprint and the
list of candidate numbers into one published seal digest (steps 9-13), so that neither
the value nor what it is applied to can be chosen once the value is known. Steps 2-8
are the same in both versions; in particular the paper streams and fingerprints keep
the literal ``V = "thituyen-draw-v1"``, so a v2 paper equals the v1 paper of the same
seed. ``thituyen-draw-v3`` (current) draws the same papers as v2; its paper fingerprint
(step 7) also covers the competition and the candidate number, so a fingerprint printed on
a receipt names whose paper, in which competition, it is; its seal (step 12) binds the
competition too. Seals made under an older version keep their rules and their check.

The specification, complete with the encodings, the bundle and test vectors, is
``docs/draw.md`` (steps 1-13 there are the step numbers used in this module's docstrings);
``tests/question_bank/test_draw_vectors.py`` keeps its vectors equal to what this code does.

A blueprint may not contain two cells with the same (topic, difficulty, type):
that keeps every drawn item distinct without making one cell depend on another.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from question_bank.items import Difficulty, Item, ItemType, decimal_str, item_to_dict, to_decimal

__all__ = [
    "DRAW_VERSION",
    "DRAW_VERSIONS",
    "LEGACY_DRAW_VERSION",
    "V2_DRAW_VERSION",
    "PAPER_VERSION",
    "blueprint_digest",
    "candidate_list",
    "candidates_digest",
    "parse_utc_text",
    "part_dict",
    "utc_text",
    "seal_digest",
    "seal_statement",
    "value_source",
    "Cell",
    "DrawnItem",
    "EssayMode",
    "HmacStream",
    "Part",
    "canonical_json",
    "check_pool",
    "commitment",
    "derive_seed",
    "draw_paper",
    "paper_fingerprint",
    "snapshot_digest",
]

LEGACY_DRAW_VERSION = "thituyen-draw-v1"
V2_DRAW_VERSION = "thituyen-draw-v2"
DRAW_VERSION = "thituyen-draw-v3"
DRAW_VERSIONS = (LEGACY_DRAW_VERSION, V2_DRAW_VERSION, DRAW_VERSION)
PAPER_VERSION = "thituyen-draw-v1"  # V of steps 6-7 in v1 and v2; the streams' V in every version
PAPER_FINGERPRINT_V3 = "thituyen-paper-v3"
BLUEPRINT_VERSION = "thituyen-blueprint-v1"
CANDIDATES_VERSION = "thituyen-candidates-v1"
SEAL_VERSION_V2 = "thituyen-seal-v2"
SEAL_VERSION = "thituyen-seal-v3"
COMMIT_TAG = b"thituyen-commit-v1"
SEED_TAG = b"thituyen-seed-v1"
SNAPSHOT_VERSION = "thituyen-snapshot-v1"
MIN_SECRET_BYTES = 16

T = TypeVar("T")


def _utf8(text: str) -> bytes:
    return unicodedata.normalize("NFC", text).encode("utf-8")


def commitment(domain: str, value: bytes) -> str:
    """Hex digest binding the board to ``value`` before it is revealed."""
    if "\x00" in domain:
        raise ValueError("the domain must not contain a NUL character")
    return hashlib.sha256(COMMIT_TAG + b"\x00" + _utf8(domain) + b"\x00" + value).hexdigest()


def derive_seed(board_secret: bytes, public_value: str) -> bytes:
    """The draw seed: secret committed in advance mixed with a later public value."""
    if len(board_secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the board secret must be at least {MIN_SECRET_BYTES} bytes")
    return hmac.new(board_secret, SEED_TAG + b"\x00" + _utf8(public_value), hashlib.sha256).digest()


class HmacStream:
    """Deterministic byte stream HMAC-SHA256(seed, context ‖ 0x00 ‖ counter_be64)."""

    def __init__(self, seed: bytes, context: str) -> None:
        if not seed:
            raise ValueError("the seed is empty")
        self._seed = bytes(seed)
        self._prefix = _utf8(context) + b"\x00"
        self._counter = 0
        self._buffer = b""

    def read(self, n: int) -> bytes:
        while len(self._buffer) < n:
            block = self._prefix + self._counter.to_bytes(8, "big")
            self._buffer += hmac.new(self._seed, block, hashlib.sha256).digest()
            self._counter += 1
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out

    def randbelow(self, n: int) -> int:
        if n < 1:
            raise ValueError("randbelow needs n >= 1")
        if n == 1:
            return 0
        bits = (n - 1).bit_length()
        mask = (1 << bits) - 1
        nbytes = (bits + 7) // 8
        while True:
            value = int.from_bytes(self.read(nbytes), "big") & mask
            if value < n:
                return value

    def shuffle(self, items: Iterable[T]) -> list[T]:
        """A shuffled copy (the argument is left untouched)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.randbelow(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, population_sorted: Sequence[T], k: int) -> list[T]:
        """k distinct elements; the caller sorts so that storage order cannot matter."""
        pool = list(population_sorted)
        if any(pool[i] > pool[i + 1] for i in range(len(pool) - 1)):  # type: ignore[operator]
            raise ValueError("the population must be sorted")
        if not 0 <= k <= len(pool):
            raise ValueError(f"cannot sample {k} from {len(pool)}")
        for i in range(k):
            j = i + self.randbelow(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def _plain(obj: Any) -> Any:
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, bool) or obj is None or isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        raise TypeError("canonical JSON has no floats; use Decimal or a string")
    if isinstance(obj, Decimal):
        return decimal_str(obj)
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if not isinstance(k, str):
                raise TypeError("canonical JSON keys must be strings")
            out[unicodedata.normalize("NFC", k)] = _plain(v)
        return out
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    raise TypeError(f"cannot put {type(obj).__name__} in canonical JSON")


def canonical_json(obj: Any) -> str:
    """One spelling per value: NFC text, sorted keys, compact, no floats."""
    return json.dumps(_plain(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sha256_json(obj: Any) -> str:
    return hashlib.sha256(canonical_json(obj).encode("utf-8")).hexdigest()


def snapshot_digest(snapshot_items: Iterable[Item]) -> str:
    """Digest of a frozen bank: independent of storage order, sensitive to any edit."""
    items = sorted(snapshot_items, key=lambda it: it.key)
    keys = [it.key for it in items]
    if len(set(keys)) != len(keys):
        raise ValueError("the snapshot has duplicate item keys")
    return _sha256_json({"v": SNAPSHOT_VERSION, "items": [item_to_dict(it) for it in items]})


class EssayMode(StrEnum):
    PER_CANDIDATE = "per_candidate"
    SHARED_VARIANT = "shared_variant"


@dataclass(frozen=True)
class Cell:
    """``count`` items of (topic, difficulty, type), each worth ``points`` on the paper."""

    topic: str
    difficulty: Difficulty
    type: ItemType
    count: int
    points: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "topic", unicodedata.normalize("NFC", self.topic).strip())
        object.__setattr__(self, "difficulty", Difficulty(self.difficulty))
        object.__setattr__(self, "type", ItemType(self.type))
        object.__setattr__(self, "points", to_decimal(self.points))
        if self.type is ItemType.DESCRIPTION:
            raise ValueError("a description is not drawn by a cell: a part names it as instructions")
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise ValueError("a cell's count must be a positive integer")

    @property
    def label(self) -> str:
        return f"topic {self.topic} / {self.difficulty} / {self.type}"

    def matches(self, item: Item) -> bool:
        return (item.topic, item.difficulty, item.type) == (self.topic, self.difficulty, self.type)


@dataclass(frozen=True)
class Part:
    """A section of the paper; ``shared_variant`` gives every candidate the same items.

    ``instructions`` is the key of a description item of the snapshot (or empty): every
    candidate reads it before the part's questions. It is not drawn and scores nothing."""

    key: str
    title: str
    cells: tuple[Cell, ...]
    essay_mode: EssayMode = EssayMode.PER_CANDIDATE
    instructions: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", tuple(self.cells))
        object.__setattr__(self, "instructions", unicodedata.normalize("NFC", self.instructions).strip())
        object.__setattr__(self, "essay_mode", EssayMode(self.essay_mode))
        if not self.key or "|" in self.key:
            raise ValueError("a part key must be non-empty and must not contain '|'")


@dataclass(frozen=True)
class DrawnItem:
    """One line of a candidate's paper; ``option_order`` lists original option indices."""

    part_key: str
    position: int
    item_key: str
    option_order: tuple[int, ...]


def _blueprint_problems(parts: Sequence[Part]) -> list[str]:
    problems = []
    part_keys = Counter(p.key for p in parts)
    problems += [f"part key {k!r} is used {n} times" for k, n in part_keys.items() if n > 1]
    cells = Counter((c.topic, c.difficulty, c.type) for p in parts for c in p.cells)
    for (topic, difficulty, type_), n in cells.items():
        if n > 1:
            problems.append(f"topic {topic} / {difficulty} / {type_}: appears in {n} cells")
    problems += [f"part {p.key!r} has no cells" for p in parts if not p.cells]
    return problems


def check_pool(blueprint_parts: Sequence[Part], snapshot_items: Iterable[Item]) -> list[str]:
    """Every reason the snapshot cannot fill the blueprint; empty when a draw is possible."""
    items = list(snapshot_items)
    problems = _blueprint_problems(blueprint_parts)
    keys = Counter(it.key for it in items)
    problems += [f"item key {k!r} appears {n} times in the snapshot" for k, n in keys.items() if n > 1]
    descriptions = {it.key for it in items if it.type is ItemType.DESCRIPTION}
    for part in blueprint_parts:
        if part.instructions and part.instructions not in descriptions:
            problems.append(f"part {part.key!r}: its instructions {part.instructions!r} are not "
                            "a description item of the snapshot")
        for cell in part.cells:
            have = sum(1 for it in items if cell.matches(it))
            if have < cell.count:
                problems.append(f"{cell.label}: needs {cell.count}, pool has {have}")
    return problems


def _option_order(item: Item, stream: HmacStream) -> tuple[int, ...]:
    if item.type is ItemType.MATCHING:
        return tuple(stream.shuffle(range(len(item.match_choices))))
    indices = range(len(item.options))
    if item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE):
        return tuple(stream.shuffle(indices))
    return tuple(indices)


def draw_paper(
    seed: bytes, snapshot_items: Sequence[Item], parts: Sequence[Part], candidate_number: str
) -> list[DrawnItem]:
    """The candidate's paper, exactly as the module docstring specifies."""
    problems = check_pool(parts, snapshot_items)
    if problems:
        raise ValueError("; ".join(problems))
    candidate = _candidate_number(candidate_number)
    by_key = {it.key: it for it in snapshot_items}
    paper: list[DrawnItem] = []
    for part in parts:
        scope = "shared" if part.essay_mode is EssayMode.SHARED_VARIANT else f"c:{candidate}"
        ctx = f"{PAPER_VERSION}|{{}}|{scope}|{part.key}"
        picks: list[str] = []
        for j, cell in enumerate(part.cells):
            pool = sorted(it.key for it in snapshot_items if cell.matches(it))
            stream = HmacStream(seed, ctx.format("pick") + f"|{j}")
            picks += stream.sample(pool, cell.count)
        ordered = HmacStream(seed, ctx.format("order")).shuffle(picks)
        for position, key in enumerate(ordered, start=1):
            stream = HmacStream(seed, ctx.format("options") + f"|{key}")
            paper.append(DrawnItem(part.key, position, key, _option_order(by_key[key], stream)))
    return paper


def _competition_id(competition: Any) -> int:
    if isinstance(competition, bool) or not isinstance(competition, int) or competition < 1:
        raise ValueError("the competition is its number, a positive integer")
    return competition


def _candidate_number(number: Any) -> str:
    if not isinstance(number, str):
        raise ValueError("the candidate number is text")
    text = unicodedata.normalize("NFC", number).strip()
    if not text or "|" in text:
        raise ValueError("the candidate number must be non-empty and must not contain '|'")
    return text


def paper_fingerprint(drawn_items: Iterable[DrawnItem], *,
                      draw_version: str = LEGACY_DRAW_VERSION, competition: int | None = None,
                      candidate_number: str | None = None) -> str:
    """Step 7: digest of a paper, so that a published list of fingerprints pins every paper.

    Under v1 and v2 it covers the rows only; under v3 also the competition's number and the
    candidate number, which v3 then requires."""
    rows = [[d.part_key, d.position, d.item_key, list(d.option_order)] for d in drawn_items]
    if draw_version in (LEGACY_DRAW_VERSION, V2_DRAW_VERSION):
        return _sha256_json({"v": PAPER_VERSION, "items": rows})
    if draw_version != DRAW_VERSION:
        raise ValueError(f"unknown draw version {draw_version!r}")
    return _sha256_json({"v": PAPER_FINGERPRINT_V3, "competition": _competition_id(competition),
                         "candidate_number": _candidate_number(candidate_number),
                         "items": rows})


# ----------------------------------------------------------------------------- v2, v3: the seal


def part_dict(part: Part) -> dict:
    """A part as step 9 hashes it (and as the platform stores the sealed blueprint);
    ``instructions`` appears only when set, so blueprints sealed before keep their digest."""
    out = {"key": part.key, "title": part.title, "essay_mode": str(part.essay_mode),
           "cells": [{"topic": c.topic, "difficulty": str(c.difficulty), "type": str(c.type),
                      "count": c.count, "points": decimal_str(c.points)} for c in part.cells]}
    if part.instructions:
        out["instructions"] = part.instructions
    return out


def blueprint_digest(parts: Sequence[Part]) -> str:
    """Step 9: sensitive to every part, title, cell and to their order."""
    return _sha256_json({"v": BLUEPRINT_VERSION, "parts": [part_dict(p) for p in parts]})


def candidate_list(numbers: Iterable[str]) -> list[str]:
    """The candidate numbers as step 10 lists them: trimmed, checked, sorted."""
    out = sorted(unicodedata.normalize("NFC", n).strip() for n in numbers)
    if any(not n or "|" in n for n in out):
        raise ValueError("a candidate number must be non-empty and must not contain '|'")
    repeated = sorted(n for n, k in Counter(out).items() if k > 1)
    if repeated:
        raise ValueError(f"candidate numbers listed twice: {', '.join(repeated)}")
    return out


def candidates_digest(numbers: Iterable[str]) -> str:
    """Step 10: independent of storage order; any added, dropped or changed number shows."""
    return _sha256_json({"v": CANDIDATES_VERSION, "numbers": candidate_list(numbers)})


def utc_text(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` of an aware datetime (step 11)."""
    if moment.tzinfo is None:
        raise ValueError("the time must carry its time zone")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc_text(text: str) -> datetime:
    """The inverse of ``utc_text``; anything else is refused."""
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    if utc_text(moment) != text:
        raise ValueError(f"not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ: {text!r}")
    return moment


def value_source(description: str, known_after: datetime) -> dict:
    """Step 11: the named public event and when its value becomes known."""
    text = " ".join(unicodedata.normalize("NFC", description or "").split())
    if not text:
        raise ValueError("the public value's source needs a description")
    return {"description": text, "known_after": utc_text(known_after)}


def seal_statement(*, secret_commitment: str, snapshot_commitment: str, blueprint_digest: str,
                   candidates_digest: str, public_value_source: dict,
                   draw_version: str = DRAW_VERSION, competition: int | None = None) -> dict:
    """Step 12: everything the seal binds, as it is hashed and published (v3 also binds the
    competition's number; v2 has no ``competition`` key)."""
    statement = {"v": SEAL_VERSION, "secret_commitment": secret_commitment,
                 "snapshot_commitment": snapshot_commitment, "blueprint_digest": blueprint_digest,
                 "candidates_digest": candidates_digest,
                 "public_value_source": {"description": public_value_source["description"],
                                         "known_after": public_value_source["known_after"]}}
    if draw_version == V2_DRAW_VERSION:
        return statement | {"v": SEAL_VERSION_V2}
    if draw_version != DRAW_VERSION:
        raise ValueError(f"draw version {draw_version!r} has no seal statement")
    return statement | {"competition": _competition_id(competition)}


def seal_digest(statement: dict) -> str:
    """Step 12: the one published value an observer notes down at sealing."""
    return _sha256_json(statement)
