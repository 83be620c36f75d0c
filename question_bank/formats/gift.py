"""GIFT (Moodle's plain-text format), with optional thituyen metadata in comment lines.

Files exported by Moodle import as they are; the project's metadata is optional and
lives in ``//`` comments, which Moodle ignores, so our exports stay importable there.

* ``$CATEGORY: $course$/top/A/B`` sets the topic of the following questions ("A / B",
  the same topic the Moodle XML of that category gives). Without one, the topic is left
  to classify.
* Comment lines ``// @name: value`` just before a question (blank lines allowed in
  between) set its metadata: ``type``, ``difficulty`` (easy, medium or hard; absent:
  to classify), ``points`` (default 1), ``source``, ``case_sensitive``,
  ``diacritics_sensitive`` and ``rubric`` (repeatable, one criterion each, as a JSON
  array ``["name", "max points", "descriptors"]``). In values, ``\\n`` is a newline and
  ``\\\\`` a backslash. An unknown ``@name`` is an error so that a typo is not silently
  lost; other comments are ignored.
* ``::name::`` is the item key (spaces allowed); a question without one is named from
  its first words, as Moodle does, and a repeated name gets " (2)".
* ``[html]``, ``[moodle]`` (HTML with line breaks), ``[plain]`` and ``[markdown]`` (kept
  as plain text) before a question or an answer are honoured: HTML stems are sanitised,
  answers are plain text (HTML in an answer is reduced to its text).
* Answer blocks: ``{=right ~wrong}`` single choice; ``{~%50%a ~%50%b ~%-50%c}``
  multiple response (also chosen by ``@type: multiple_response``); ``{T}``/``{F}``
  true/false; ``{=answer =%50%partial}`` short answer; ``{#3.5:0.1}``, ``{#3..4}`` or
  ``{#=%100%9:0 =%50%9:1}`` numerical. ``{}`` essay (imported without a rubric, it
  needs one before approval). Text after the block is the missing-word form (the gap is
  shown as "_____"). ``####text`` at the end of the block is the general feedback;
  per-answer ``#feedback`` is accepted and discarded; answers worth 0% are dropped
  (they earn nothing) and the preview says so.
* ``{=Canada -> Ottawa =Italy -> Rome = -> Paris}`` is a matching question (an empty
  left side is a distractor answer); text without an answer block is a description, as
  Moodle reads it: an instruction block worth 0 points that a blueprint part can show.
* Questions are separated by a blank line. ``\\~ \\= \\# \\{ \\} \\: \\\\`` escape the
  special characters and ``\\n`` is a newline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal

from question_bank.formats._common import (
    CHANGED,
    ERROR,
    IMPORTED,
    SKIPPED,
    Entry,
    ImportFormatError,
    ImportReport,
    category_of_topic,
    decode_text,
    finish,
    key_from_text,
    parse_bool,
    topic_from_category,
)
from question_bank.html import html_to_text, sanitize
from question_bank.items import (
    Criterion,
    Difficulty,
    Item,
    ItemType,
    Option,
    Pair,
    PartialAnswer,
    TextFormat,
    decimal_str,
    to_decimal,
    true_false_options,
)

__all__ = ["ImportFormatError", "dump", "parse", "read"]

_SPECIAL = "\\~=#{}:"
_PLACE = {c: chr(0xE000 + i) for i, c in enumerate(_SPECIAL)}
_NEWLINE = chr(0xE010)
_UNPLACE = {v: k for k, v in _PLACE.items()} | {_NEWLINE: "\n"}
_META = re.compile(r"//\s*@(\w+)\s*:\s?(.*)$")
_FORMAT_PREFIX = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_META_KEYS = {"type", "difficulty", "points", "source", "case_sensitive",
              "diacritics_sensitive", "rubric"}
GAP = "_____"


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
    for number, raw in enumerate(text.splitlines(), start=1):
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
            topic = topic_from_category(_meta_value(line.split(":", 1)[1]))
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


class _Skip(Exception):
    """A question of a type the platform does not score: reported, not imported."""


def _answer_text(raw: str, notes: list[str] | None) -> str:
    """An answer's text: feedback cut off, format tag honoured, escapes restored."""
    return _formatted(raw.split("#", 1)[0], notes)


def _formatted(text: str, notes: list[str] | None) -> str:
    """Plain text of a field that may start with a format tag (answers, feedback)."""
    m = _FORMAT_PREFIX.match(text)
    if not m:
        return _restore(text)
    text = _restore(text[m.end():])
    if m.group(1).lower() in ("html", "moodle"):
        plain = html_to_text(text)
        if plain != text and notes is not None:
            notes.append("answers written in HTML are kept as plain text")
        return plain
    return text


def _weighted(pieces: list[str], notes: list[str]) -> list[tuple[str, str, Decimal | None]]:
    out = []
    for piece in pieces:
        mark, rest = piece[0], piece[1:].strip()
        weight = None
        m = _WEIGHT.match(rest)
        if m:
            weight = to_decimal(m.group(1)) / 100
            rest = rest[m.end():]
        out.append((mark, rest, weight))
    return out


def _pieces(body: str) -> list[str]:
    pieces = re.split(r"(?=[=~])", body)
    if pieces[0].strip():
        raise ValueError(f"unexpected text {_restore(pieces[0])[:40]!r} before the first answer")
    return [p for p in pieces[1:] if p.strip()]


def _choice(body: str, forced: str | None, notes: list[str]) -> dict:
    answers = _weighted(_pieces(body), notes)
    if not answers:
        raise ValueError("the answer block has no answer")
    if all(mark == "=" for mark, _, _ in answers) and any("->" in rest for _, rest, _ in answers) \
            and forced in (None, ItemType.MATCHING):
        return _matching(answers, notes)
    if all(mark == "=" for mark, _, _ in answers) and forced in (None, ItemType.SHORT_ANSWER):
        return _short(answers, notes)
    options = []
    weighted = False
    for mark, rest, weight in answers:
        fraction = Decimal(1 if mark == "=" else 0)
        if weight is not None:
            weighted, fraction = True, weight
        options.append(Option(_answer_text(rest, notes), fraction))
    opts = tuple(options)
    if forced in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE):
        return {"type": ItemType(forced), "options": opts}
    positive = sum(1 for o in opts if o.fraction > 0)
    multiple = weighted or positive != 1
    return {"type": ItemType.MULTIPLE_RESPONSE if multiple else ItemType.SINGLE_CHOICE,
            "options": opts}


def _matching(answers, notes: list[str]) -> dict:
    pairs = []
    for _, rest, _ in answers:
        prompt, arrow, answer = rest.partition("->")
        if not arrow:
            raise ValueError(f"the matching line {_restore(rest)[:40]!r} has no '->'")
        pairs.append(Pair(_formatted(prompt.strip(), notes), _formatted(answer.strip(), notes)))
    return {"type": ItemType.MATCHING, "pairs": tuple(pairs)}


def _short(answers, notes: list[str]) -> dict:
    accepted, partial = [], []
    for _, rest, weight in answers:
        text = _answer_text(rest, notes)
        weight = Decimal(1) if weight is None else weight
        if weight >= 1:
            accepted.append(text)
        elif weight > 0:
            partial.append(PartialAnswer(text, weight))
        else:
            notes.append(f"the answer {text[:30]!r} is worth {decimal_str(weight * 100)}%: "
                         "dropped (it earns nothing)")
    if not accepted:
        raise ValueError("a short answer question needs an answer worth 100%")
    return {"type": ItemType.SHORT_ANSWER, "accepted_answers": tuple(accepted),
            "partial_answers": tuple(partial)}


def _number_spec(spec: str) -> tuple[Decimal, Decimal]:
    spec = _restore(spec)
    if ".." in spec:
        low, high = (to_decimal(x) for x in spec.split("..", 1))
        if low > high:
            raise ValueError("a numeric range must go from low to high")
        return (low + high) / 2, (high - low) / 2
    value, _, tol = spec.partition(":")
    return to_decimal(value), abs(to_decimal(tol)) if tol.strip() else Decimal(0)


def _numeric(body: str, notes: list[str]) -> dict:
    body = body[1:].strip()
    if not body.startswith(("=", "~")):
        body = "=" + body
    answers = []
    for mark, rest, weight in _weighted(_pieces(body), notes):
        if mark == "~":
            continue  # a wrong answer's feedback: earns nothing
        spec = rest.split("#", 1)[0].strip()
        weight = Decimal(1) if weight is None else weight
        if weight <= 0:
            notes.append(f"the answer {_restore(spec)[:30]!r} is worth {decimal_str(weight * 100)}%: "
                         "dropped (it earns nothing)")
            continue
        value, tolerance = _number_spec(spec)
        answers.append((weight, value, tolerance))
    full = [a for a in answers if a[0] >= 1]
    if not full:
        raise ValueError("a numerical question needs an answer worth 100%")
    _, value, tolerance = full[0]
    partial = tuple(PartialAnswer(decimal_str(v), w, t) for w, v, t in answers if (w, v, t) != full[0])
    return {"type": ItemType.NUMERIC, "numeric_answer": value, "tolerance": tolerance,
            "partial_answers": partial}


def _stem(head: str, notes: list[str]) -> tuple[str, TextFormat]:
    m = _FORMAT_PREFIX.match(head)
    kind = m.group(1).lower() if m else "plain"
    text = _restore(head[m.end():] if m else head)
    if kind in ("html", "moodle"):
        markup = text.replace("\n", "<br>") if kind == "moodle" else text
        clean = sanitize(markup)
        if clean != markup:
            notes.append("unsafe or unsupported HTML was removed from the question text")
        return clean, TextFormat.HTML
    if kind == "markdown":
        notes.append("Markdown is kept as plain text")
    return text, TextFormat.PLAIN


def _parse_block(block: _Block, notes: list[str]) -> Item:
    text = _protect("\n".join(block.lines)).strip()
    m = re.match(r"^::(.*?)::", text, re.DOTALL)
    key = _restore(m.group(1)) if m else ""
    text = text[m.end():] if m else text
    meta = block.meta
    forced = _one(meta, "type")
    if forced is not None and forced not in set(ItemType):
        raise ValueError(f"@type {forced!r} is not one of {', '.join(ItemType)}")
    if "{" not in text and "}" not in text:
        if forced not in (None, ItemType.DESCRIPTION):
            raise ValueError(f"@type says {forced} but the question has no answer block")
        return _description(key, text, block, notes)
    if text.count("{") != 1 or text.count("}") != 1 or text.index("{") > text.index("}"):
        raise ValueError("a question needs exactly one answer block {…} (escape literal braces as \\{ \\})")
    head, rest = text.split("{", 1)
    body, tail = rest.split("}", 1)
    if tail.strip():
        head = head.rstrip() + f" {GAP} " + tail.strip()
    stem, stem_format = _stem(head.strip(), notes)
    if not key:
        key = key_from_text(html_to_text(stem) if stem_format is TextFormat.HTML else stem)
        notes.append(f"the question has no name: named {key!r} from its text")
    body, _, feedback = body.partition("####")
    body = body.strip()
    fields: dict = {}
    if not body:
        fields["type"] = ItemType.ESSAY
    elif body.upper() in ("T", "TRUE", "F", "FALSE") or re.match(r"^(T|TRUE|F|FALSE)\s*#", body, re.I):
        fields["type"] = ItemType.TRUE_FALSE
        fields["options"] = true_false_options(body.upper().startswith("T"))
    elif body.startswith("#"):
        fields.update(_numeric(body, notes))
    else:
        fields.update(_choice(body, forced, notes))
    kind = fields.pop("type")
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
        key=key, type=kind, stem=stem, stem_format=stem_format, points=_one(meta, "points") or "1",
        topic=block.topic, difficulty=_one(meta, "difficulty") or Difficulty.UNCLASSIFIED,
        rubric=tuple(rubric), source=_one(meta, "source") or "",
        general_feedback=_formatted(feedback, None),
        case_sensitive=parse_bool(_one(meta, "case_sensitive") or "", False),
        diacritics_sensitive=parse_bool(_one(meta, "diacritics_sensitive") or "", True),
        **fields,
    )


def _description(key: str, text: str, block: _Block, notes: list[str]) -> Item:
    stem, stem_format = _stem(text.strip(), notes)
    if not key:
        key = key_from_text(html_to_text(stem) if stem_format is TextFormat.HTML else stem)
        notes.append(f"the description has no name: named {key!r} from its text")
    meta = block.meta
    return Item(key=key, type=ItemType.DESCRIPTION, stem=stem, stem_format=stem_format,
                points=_one(meta, "points") or "0", topic=block.topic,
                difficulty=_one(meta, "difficulty") or Difficulty.UNCLASSIFIED,
                source=_one(meta, "source") or "")


def read(data: bytes | str) -> ImportReport:
    """What importing a GIFT file would do, question by question."""
    report = ImportReport()
    text = decode_text(data, report)
    problems: list[str] = []
    blocks = _split_blocks(text, problems)
    report.file_problems.extend(problems)
    for block in blocks:
        notes: list[str] = []
        where = f"line {block.line}"
        try:
            item = _parse_block(block, notes)
        except _Skip as skip:
            report.entries.append(Entry(where, SKIPPED, notes=[str(skip)], line=block.line))
            continue
        except (ValueError, TypeError, ArithmeticError) as exc:
            report.entries.append(Entry(where, ERROR, notes=[str(exc)], line=block.line))
            continue
        report.entries.append(Entry(f"{where} ({item.key})", CHANGED if notes else IMPORTED,
                                    item, notes, block.line))
    return finish(report, rename_duplicates=True)


def parse(data: bytes | str) -> list[Item]:
    """Every question of a GIFT file, or ``ImportFormatError`` naming each bad line."""
    return read(data).strict()


def _escape_plain(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text).replace("\n", "\\n")


def _escape(text: str) -> str:
    """Text in a question or answer; ``[plain]`` keeps a leading "[html]" literal."""
    out = _escape_plain(text)
    return "[plain]" + out if _FORMAT_PREFIX.match(out) else out


def _answer(mark: str, text: str, fraction: Decimal | None = None) -> str:
    """One answer; a text that itself starts with %n% gets an explicit weight first."""
    out = _escape(text)
    if fraction is None and out.startswith("%"):
        fraction = Decimal(1 if mark == "=" else 0)
    return mark + ("" if fraction is None else f"%{decimal_str(fraction * 100)}%") + out


def _escape_meta(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _answers(item: Item) -> list[str]:
    if item.type is ItemType.TRUE_FALSE:
        return ["T" if item.options[0].fraction > 0 else "F"]
    if item.type is ItemType.NUMERIC:
        main = f"{decimal_str(item.numeric_answer or Decimal(0))}:{decimal_str(item.tolerance)}"
        if not item.partial_answers:
            return [f"#{main}"]
        return ["#", f"={main}", *(f"=%{decimal_str(a.fraction * 100)}%{a.text}:{decimal_str(a.tolerance)}"
                                   for a in item.partial_answers)]
    if item.type is ItemType.SHORT_ANSWER:
        return [_answer("=", a) for a in item.accepted_answers] + [
            _answer("=", a.text, a.fraction) for a in item.partial_answers]
    if item.type is ItemType.SINGLE_CHOICE:
        return [_answer("=" if o.fraction == 1 else "~", o.text) for o in item.options]
    if item.type is ItemType.MULTIPLE_RESPONSE:
        return [_answer("~", o.text, o.fraction) for o in item.options]
    if item.type is ItemType.MATCHING:
        lines = []
        for p in item.pairs:
            if "->" in p.prompt:
                raise ValueError(f"{item.key}: GIFT cannot write a prompt containing '->'")
            prompt = _escape(p.prompt)
            lines.append(("=%100%" if prompt.startswith("%") else "=")
                         + f"{prompt} -> {_escape(p.answer)}".lstrip())
        return lines
    return []


def dump(items: Iterable[Item]) -> str:
    """GIFT text that ``parse`` reads back to equal items."""
    out = ["// thituyen question bank — GIFT with // @metadata (see question_bank/formats/gift.py)"]
    topic = None
    for item in items:
        if item.topic != topic:
            if "\n" in item.topic:
                raise ValueError(f"{item.key}: a topic cannot span lines")
            out += ["", f"$CATEGORY: {category_of_topic(item.topic).removeprefix('$course$/top/')}"]
            topic = item.topic
        out.append("")
        meta = [("type", str(item.type))]
        if item.difficulty is not Difficulty.UNCLASSIFIED:
            meta.append(("difficulty", str(item.difficulty)))
        meta.append(("points", decimal_str(item.points)))
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
        stem = _escape(item.stem)
        if item.stem_format is TextFormat.HTML:
            stem = "[html]" + stem.removeprefix("[plain]")
        head = f"::{_escape_plain(item.key)}:: {stem}"
        if item.type is ItemType.DESCRIPTION:
            out.append(head)
        elif not answers:
            out.append(head + " {}")
        elif len(answers) == 1:
            out.append(f"{head} {{{answers[0]}}}")
        elif answers[0] == "#":
            out += [head + " {#", *(f"    {a}" for a in answers[1:]), "}"]
        else:
            out += [head + " {", *(f"    {a}" for a in answers), "}"]
    return "\n".join(out) + "\n"

