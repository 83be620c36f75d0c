"""GIFT (Moodle's plain-text format), with thituyen metadata in comment lines.

Files stay importable into Moodle: the metadata lives in ``//`` comments, which
Moodle ignores. Conventions:

* ``$CATEGORY: topic`` sets the topic of every following question.
* Comment lines ``// @name: value`` just before a question (blank lines allowed in
  between) set its metadata: ``type``, ``difficulty`` (required: easy, medium or
  hard), ``points`` (default 1), ``source``, ``case_sensitive``,
  ``diacritics_sensitive`` and ``rubric`` (repeatable, one criterion each, as a
  JSON array ``["name", "max points", "descriptors"]``). In values, ``\\n`` is a
  newline and ``\\\\`` a backslash. An unknown ``@name`` is an error so that a typo
  is not silently lost; other comments are ignored.
* ``::key::`` names the question and is required: it is the item key.
* Answer blocks: ``{=right ~wrong}`` single choice; ``{~%50%a ~%50%b ~%-50%c}``
  multiple response (also chosen by ``@type: multiple_response``); ``{T}``/``{F}``
  true/false; ``{=answer =other}`` short answer; ``{#3.5:0.1}`` or ``{#3..4}``
  numeric; ``{}`` essay. ``####text`` at the end of the block is the general
  feedback; per-answer ``#feedback`` is accepted and discarded.
* Questions are separated by a blank line. ``\\~ \\= \\# \\{ \\} \\: \\\\`` escape the
  special characters and ``\\n`` is a newline. The missing-word form (text after
  the answer block) is not supported and is rejected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal

from question_bank.formats._common import ImportFormatError, check, finish, parse_bool
from question_bank.items import (
    Criterion,
    Item,
    ItemType,
    Option,
    decimal_str,
    to_decimal,
    true_false_options,
)

__all__ = ["ImportFormatError", "dump", "parse"]

_SPECIAL = "\\~=#{}:"
_PLACE = {c: chr(0xE000 + i) for i, c in enumerate(_SPECIAL)}
_NEWLINE = chr(0xE010)
_UNPLACE = {v: k for k, v in _PLACE.items()} | {_NEWLINE: "\n"}
_META = re.compile(r"//\s*@(\w+)\s*:\s?(.*)$")
_FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_META_KEYS = {"type", "difficulty", "points", "source", "case_sensitive",
              "diacritics_sensitive", "rubric"}


def _protect(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch == "n":
            return _NEWLINE
        return _PLACE.get(ch, _PLACE["\\"] + ch)

    return re.sub(r"\\(.)", sub, text)


def _restore(text: str) -> str:
    return "".join(_UNPLACE.get(c, c) for c in text).strip()


def _meta_value(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw.strip())


class _Block:
    def __init__(self, line: int, topic: str, meta: dict[str, list[str]]) -> None:
        self.line = line
        self.topic = topic
        self.meta = meta
        self.lines: list[str] = []


def _split_blocks(text: str, problems: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    topic = ""
    meta: dict[str, list[str]] = {}
    meta_line = 0
    current: _Block | None = None
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if current is not None and not line.startswith("//"):
            current.lines.append(raw)
            continue
        if line.startswith("//"):
            m = _META.match(line)
            if m and current is None:
                name = m.group(1)
                if name not in _META_KEYS:
                    problems.append(f"line {number}: unknown metadata @{name}")
                meta.setdefault(name, []).append(_meta_value(m.group(2)))
                meta_line = meta_line or number
            continue
        if line.upper().startswith("$CATEGORY:"):
            topic = _meta_value(line.split(":", 1)[1])
            topic = re.sub(r"^\$(course|system|module|cat\d+)\$/(top/)?", "", topic)
            continue
        current = _Block(number, topic, meta)
        current.lines.append(raw)
        blocks.append(current)
        meta, meta_line = {}, 0
    if meta:
        problems.append(f"line {meta_line}: metadata is not followed by a question")
    return blocks


def _one(meta: dict[str, list[str]], name: str) -> str | None:
    values = meta.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ValueError(f"@{name} is given {len(values)} times")
    return values[0]


def _choice_options(body: str, forced: str | None) -> tuple[ItemType, tuple[Option, ...], tuple[str, ...]]:
    pieces = re.split(r"(?=[=~])", body)
    if pieces[0].strip():
        raise ValueError(f"unexpected text {_restore(pieces[0])[:40]!r} before the first answer")
    options = []
    weighted = False
    for piece in pieces[1:]:
        mark, rest = piece[0], piece[1:].strip()
        fraction = Decimal(1 if mark == "=" else 0)
        m = _WEIGHT.match(rest)
        if m:
            weighted = True
            fraction = Decimal(m.group(1)) / 100
            rest = rest[m.end():]
        text = _restore(rest.split("#", 1)[0])
        options.append((mark, text, fraction))
    if not options:
        raise ValueError("the answer block has no answer")
    if all(mark == "=" for mark, _, _ in options) and forced in (None, ItemType.SHORT_ANSWER):
        if weighted:
            raise ValueError("partial credit on short answers (=%n%) is not supported")
        return ItemType.SHORT_ANSWER, (), tuple(t for _, t, _ in options)
    opts = tuple(Option(t, f) for _, t, f in options)
    if forced in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE):
        return ItemType(forced), opts, ()
    positive = sum(1 for o in opts if o.fraction > 0)
    multiple = weighted or positive != 1
    return (ItemType.MULTIPLE_RESPONSE if multiple else ItemType.SINGLE_CHOICE), opts, ()


def _numeric(body: str) -> tuple[Decimal, Decimal]:
    spec = _restore(body[1:].split("#", 1)[0]).lstrip("=")
    spec = re.sub(r"^%\d+(\.\d+)?%", "", spec).strip()
    if ".." in spec:
        low, high = (to_decimal(x) for x in spec.split("..", 1))
        if low > high:
            raise ValueError("a numeric range must go from low to high")
        return (low + high) / 2, (high - low) / 2
    value, _, tol = spec.partition(":")
    return to_decimal(value), to_decimal(tol) if tol.strip() else Decimal(0)


def _parse_block(block: _Block) -> Item:
    text = _protect("\n".join(block.lines)).strip()
    m = re.match(r"^::(.*?)::", text, re.DOTALL)
    if not m:
        raise ValueError("the question has no ::key:: name")
    key = _restore(m.group(1))
    text = text[m.end():]
    if text.count("{") != 1 or text.count("}") != 1 or text.index("{") > text.index("}"):
        raise ValueError("a question needs exactly one answer block {…} (escape literal braces as \\{ \\})")
    head, rest = text.split("{", 1)
    body, tail = rest.split("}", 1)
    if tail.strip():
        raise ValueError("text after the answer block (missing-word format) is not supported")
    stem = _restore(_FORMAT_PREFIX.sub("", head.strip()))
    body, _, feedback = body.partition("####")
    body = body.strip()
    meta = block.meta
    forced = _one(meta, "type")
    if forced is not None and forced not in set(ItemType):
        raise ValueError(f"@type {forced!r} is not one of {', '.join(ItemType)}")
    difficulty = _one(meta, "difficulty")
    if difficulty is None:
        raise ValueError("@difficulty is missing (easy, medium or hard)")
    fields: dict = {}
    if not body:
        kind = ItemType.ESSAY
    elif body.upper() in ("T", "TRUE", "F", "FALSE") or re.match(r"^(T|TRUE|F|FALSE)\s*#", body, re.I):
        kind = ItemType.TRUE_FALSE
        fields["options"] = true_false_options(body.upper().startswith("T"))
    elif body.startswith("#"):
        kind = ItemType.NUMERIC
        fields["numeric_answer"], fields["tolerance"] = _numeric(body)
    else:
        kind, fields["options"], fields["accepted_answers"] = _choice_options(body, forced)
    if forced is not None and ItemType(forced) is not kind:
        raise ValueError(f"@type says {forced} but the answer block is a {kind}")
    rubric = []
    for raw in meta.get("rubric", []):
        try:
            name, max_points, descriptors = json.loads(raw)
        except ValueError:
            raise ValueError('@rubric must be a JSON array ["name", "max points", "descriptors"]') from None
        rubric.append(Criterion(name, max_points, descriptors))
    return Item(
        key=key, type=kind, stem=stem, points=_one(meta, "points") or "1", topic=block.topic,
        difficulty=difficulty, rubric=tuple(rubric), source=_one(meta, "source") or "",
        general_feedback=_restore(feedback),
        case_sensitive=parse_bool(_one(meta, "case_sensitive") or "", False),
        diacritics_sensitive=parse_bool(_one(meta, "diacritics_sensitive") or "", True),
        **fields,
    )


def parse(text: str) -> list[Item]:
    """Every question of a GIFT file, or ``ImportFormatError`` naming each bad line."""
    problems: list[str] = []
    entries = []
    for block in _split_blocks(text, problems):
        try:
            item = _parse_block(block)
        except (ValueError, TypeError) as exc:
            problems.append(f"line {block.line}: {exc}")
            continue
        entries.append(check(f"line {block.line} ({item.key})", item, problems))
    return finish(entries, problems)


def _escape(text: str) -> str:
    out = "".join("\\" + c if c in _SPECIAL else c for c in text).replace("\n", "\\n")
    return "[plain]" + out if _FORMAT_PREFIX.match(out) else out


def _escape_meta(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _answers(item: Item) -> list[str]:
    if item.type is ItemType.TRUE_FALSE:
        return ["T" if item.options[0].fraction > 0 else "F"]
    if item.type is ItemType.NUMERIC:
        return [f"#{decimal_str(item.numeric_answer or Decimal(0))}:{decimal_str(item.tolerance)}"]
    if item.type is ItemType.SHORT_ANSWER:
        return [f"={_escape(a)}" for a in item.accepted_answers]
    if item.type is ItemType.SINGLE_CHOICE:
        return [("=" if o.fraction == 1 else "~") + _escape(o.text) for o in item.options]
    if item.type is ItemType.MULTIPLE_RESPONSE:
        return [f"~%{decimal_str(o.fraction * 100)}%{_escape(o.text)}" for o in item.options]
    return []


def dump(items: Iterable[Item]) -> str:
    """GIFT text that ``parse`` reads back to equal items."""
    out = ["// thituyen question bank — GIFT with // @metadata (see question_bank/formats/gift.py)"]
    topic = None
    for item in items:
        if item.topic != topic:
            if "\n" in item.topic:
                raise ValueError(f"{item.key}: a topic cannot span lines")
            out += ["", f"$CATEGORY: {item.topic}"]
            topic = item.topic
        out.append("")
        meta = [("type", str(item.type)), ("difficulty", str(item.difficulty)),
                ("points", decimal_str(item.points))]
        if item.source:
            meta.append(("source", item.source))
        if item.case_sensitive:
            meta.append(("case_sensitive", "true"))
        if not item.diacritics_sensitive:
            meta.append(("diacritics_sensitive", "false"))
        meta += [("rubric", json.dumps([c.name, decimal_str(c.max_points), c.descriptors],
                                       ensure_ascii=False)) for c in item.rubric]
        out += [f"// @{k}: {_escape_meta(v)}" for k, v in meta]
        answers = _answers(item)
        if item.general_feedback:
            answers.append("####" + _escape(item.general_feedback))
        head = f"::{_escape(item.key)}:: {_escape(item.stem)}"
        if not answers:
            out.append(head + " {}")
        elif len(answers) == 1:
            out.append(f"{head} {{{answers[0]}}}")
        else:
            out += [head + " {", *(f"    {a}" for a in answers), "}"]
    return "\n".join(out) + "\n"

