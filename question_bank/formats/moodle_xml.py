"""Moodle XML, the richest exchange format that Moodle and most LMSs import.

Files exported by Moodle import as they are. Mapping:

* topic: the path of the latest ``<question type="category">``, "A / B" for
  ``$course$/top/A/B`` (the same topic as GIFT gives); none: to classify;
* key: ``<name>`` (spaces allowed; a repeated name gets " (2)"); stem:
  ``<questiontext>`` (``format="html"`` and ``moodle_auto_format`` are sanitised HTML,
  embedded ``<file>`` images referenced as ``@@PLUGINFILE@@/name`` travel inside the
  item as ``data:`` images; other embedded files are dropped and the preview says so);
  points: ``<defaultgrade>``; general feedback: ``<generalfeedback>`` (as text);
* types: ``multichoice`` (``<single>true</single>`` = single choice, else multiple
  response; ``fraction`` is a percentage), ``truefalse``, ``shortanswer``
  (``<usecase>``; answers below 100% are partial credit), ``numerical`` (several
  weighted answers with ``<tolerance>``), ``essay`` (without our rubric it is imported
  as a draft that needs one before approval), ``matching`` (``<subquestion>`` lines, as
  plain text; one without text is a distractor answer) and ``description`` (instruction
  text worth 0 points, which a blueprint part can show). Other types (cloze, …) are
  reported as skipped, by name and line;
* difficulty, source and ``diacritics_sensitive`` are optional tags ``difficulty:hard``,
  ``source:…``, ``diacritics_sensitive:false``;
* the essay rubric is JSON ``{"thituyen_rubric": [{"name", "max_points",
  "descriptors"}, …]}`` in ``<graderinfo>``, which Moodle shows to graders.

The file is parsed from its bytes, so its own encoding declaration is honoured; a file
that declares a single-byte encoding but is valid UTF-8 (a common mislabel) is read as
UTF-8, and the preview says so. DOCTYPE and ENTITY declarations are refused before
parsing: expat expands internal entities, so a "billion laughs" file of a few hundred
bytes would expand to gigabytes in memory.
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal
from xml.parsers import expat

from question_bank.formats._common import (
    CHANGED,
    ERROR,
    IMPORTED,
    SKIPPED,
    Entry,
    ImportFormatError,
    ImportReport,
    category_of_topic,
    finish,
    key_from_text,
    parse_bool,
    topic_from_category,
)
from question_bank.html import html_to_text, sanitize, text_to_html
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

_MOODLE_TYPES = {
    "multichoice": None,
    "truefalse": ItemType.TRUE_FALSE,
    "shortanswer": ItemType.SHORT_ANSWER,
    "numerical": ItemType.NUMERIC,
    "essay": ItemType.ESSAY,
    "matching": ItemType.MATCHING,
    "match": ItemType.MATCHING,
    "description": ItemType.DESCRIPTION,
}
_TAGS = ("difficulty", "source", "diacritics_sensitive")
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


class _Forbidden(Exception):
    pass


def _encoding_override(data: bytes, report: ImportReport) -> str | None:
    """UTF-8 for a file that says it is Latin-1 (or another single-byte code) but whose
    bytes are UTF-8 text: honouring the label would turn "Chương" into "ChÆ°Æ¡ng"."""
    m = _DECLARATION.match(data)
    if not m:
        return None
    declared = m.group(1).decode("ascii").lower().replace("_", "-")
    if declared in ("utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if data.isascii():
        return None
    report.file_notes.append(f"the file declares the encoding {m.group(1).decode()} but its text "
                             "is UTF-8: read as UTF-8")
    return "UTF-8"


def _build_tree(data: bytes, encoding: str | None) -> tuple[ET.Element, dict[int, int]]:
    """Parse with expat directly to keep each element's line and to veto DTDs."""
    lines: dict[int, int] = {}
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    parser = expat.ParserCreate(encoding)

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = ET.Element(tag, attrs)
        lines[id(element)] = parser.CurrentLineNumber
        if stack:
            stack[-1].append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            element = stack[-1]
            if len(element):
                element[-1].tail = (element[-1].tail or "") + data
            else:
                element.text = (element.text or "") + data

    def forbid(*_args: object) -> None:
        raise _Forbidden(f"line {parser.CurrentLineNumber}: DOCTYPE/ENTITY declarations are not allowed")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(data, True)
    if not root:
        raise expat.ExpatError("no element found")
    return root[0], lines


def _text(element: ET.Element | None, path: str = "text") -> str:
    if element is None:
        return ""
    found = element.find(path) if path else element
    return (found.text or "") if found is not None else ""


def _topic(path: str) -> str:
    return topic_from_category(path)


def _embedded(element: ET.Element, markup: str, notes: list[str]) -> str:
    """``@@PLUGINFILE@@/name`` references replaced by the embedded file's bytes, as a
    ``data:`` image, so the picture is stored with the item version it belongs to."""
    for file in element.findall("file"):
        name = file.get("name", "")
        reference = "@@PLUGINFILE@@" + file.get("path", "/") + name
        mime = mimetypes.guess_type(name)[0] or ""
        try:
            payload = base64.b64decode("".join((file.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            notes.append(f"the embedded file {name!r} is not valid base64: dropped")
            continue
        if mime not in _IMAGE_TYPES:
            notes.append(f"the embedded file {name!r} is not an image: dropped")
            continue
        uri = f"data:{mime};base64," + base64.b64encode(payload).decode("ascii")
        markup = markup.replace(reference, uri)
        if reference.replace(" ", "%20") != reference:
            markup = markup.replace(reference.replace(" ", "%20"), uri)
    return markup


def _rich(element: ET.Element | None, notes: list[str]) -> tuple[str, TextFormat]:
    """The text of a Moodle text field, in the form it was written in."""
    if element is None:
        return "", TextFormat.PLAIN
    fmt = element.get("format", "html")
    text = _text(element)
    if fmt in ("plain_text", "markdown"):
        if fmt == "markdown":
            notes.append("Markdown is kept as plain text")
        return text, TextFormat.PLAIN
    markup = text_to_html(text) if fmt == "moodle_auto_format" and "<" not in text else text
    markup = _embedded(element, markup, notes)
    if "@@PLUGINFILE@@" in markup:
        notes.append("a file referenced by the question text is not in the file: its reference removed")
    clean = sanitize(markup)
    if clean != markup.strip() and "@@PLUGINFILE@@" not in markup:
        notes.append("unsafe or unsupported HTML was removed from the question text")
    return clean, TextFormat.HTML


def _plain(element: ET.Element | None, notes: list[str] | None = None) -> str:
    """Answers and feedback are plain text: HTML is reduced to its text."""
    if element is None:
        return ""
    text = _text(element)
    if element.get("format", "html") in ("html", "moodle_auto_format") and "<" in text:
        plain = html_to_text(text)
        if notes is not None:
            notes.append("answers written in HTML are kept as plain text")
        return plain
    return text


def _fraction(answer: ET.Element) -> Decimal:
    return to_decimal(answer.get("fraction", "0")) / 100


def _dropped(text: str, fraction: Decimal) -> str:
    return f"the answer {text[:30]!r} is worth {decimal_str(fraction * 100)}%: dropped (it earns nothing)"


class _Skip(Exception):
    pass


def _parse_question(q: ET.Element, topic: str, notes: list[str]) -> Item:
    moodle_type = q.get("type", "")
    if moodle_type not in _MOODLE_TYPES:
        raise _Skip(f"question type {moodle_type!r} is not supported")
    tags: dict[str, str] = {}
    for tag in q.findall("tags/tag"):
        name, sep, value = _text(tag).partition(":")
        if sep and name.strip() in _TAGS:
            tags[name.strip()] = value
    answers = q.findall("answer")
    fields: dict = {}
    kind = _MOODLE_TYPES[moodle_type]
    if moodle_type == "multichoice":
        single = parse_bool(_text(q, "single"), True)
        kind = ItemType.SINGLE_CHOICE if single else ItemType.MULTIPLE_RESPONSE
        fields["options"] = tuple(Option(_plain(a, notes), _fraction(a)) for a in answers)
    elif kind is ItemType.TRUE_FALSE:
        truth = [a for a in answers if _text(a).strip().lower() == "true"]
        if len(answers) != 2 or len(truth) != 1:
            raise ValueError("a truefalse question needs the answers 'true' and 'false'")
        fields["options"] = true_false_options(_fraction(truth[0]) > 0)
    elif kind is ItemType.SHORT_ANSWER:
        accepted, partial = [], []
        for a in answers:
            text, fraction = _text(a), _fraction(a)  # compared as typed: never HTML
            if fraction >= 1:
                accepted.append(text)
            elif fraction > 0:
                partial.append(PartialAnswer(text, fraction))
            else:
                notes.append(_dropped(text, fraction))
        if not accepted:
            raise ValueError("a short answer question needs an answer worth 100%")
        fields.update(accepted_answers=tuple(accepted), partial_answers=tuple(partial),
                      case_sensitive=parse_bool(_text(q, "usecase"), False))
    elif kind is ItemType.NUMERIC:
        weighted = []
        for a in answers:
            text, fraction = _text(a).strip(), _fraction(a)
            if fraction <= 0 or text == "*":
                notes.append(_dropped(text, fraction))
                continue
            weighted.append((fraction, to_decimal(text), abs(to_decimal(_text(a, "tolerance") or "0"))))
        full = [w for w in weighted if w[0] >= 1]
        if not full:
            raise ValueError("a numerical question needs an answer worth 100%")
        _, fields["numeric_answer"], fields["tolerance"] = full[0]
        fields["partial_answers"] = tuple(PartialAnswer(decimal_str(v), f, t)
                                          for f, v, t in weighted if (f, v, t) != full[0])
        if q.findall("units/unit"):
            notes.append("units are not kept: candidates answer with the number only")
    elif kind is ItemType.MATCHING:
        fields["pairs"] = tuple(Pair(_plain(sub, notes), _text(sub.find("answer")))
                                for sub in q.findall("subquestion"))
    elif kind is ItemType.DESCRIPTION:
        if _text(q.find("generalfeedback")).strip():
            notes.append("the general feedback of a description is not kept")
    else:
        info = _text(q.find("graderinfo")).strip()
        if info:
            try:
                rubric = json.loads(info)["thituyen_rubric"]
                fields["rubric"] = tuple(
                    Criterion(c["name"], c["max_points"], c.get("descriptors", "")) for c in rubric
                )
            except (ValueError, KeyError, TypeError):
                notes.append("the grader information is not a thituyen rubric: a rubric is "
                             "needed before approval")
    stem, stem_format = _rich(q.find("questiontext"), notes)
    key = _text(q.find("name")).strip()
    if not key:
        key = key_from_text(html_to_text(stem))
        notes.append(f"the question has no name: named {key!r} from its text")
    points = _text(q, "defaultgrade") or "1"
    feedback = _plain(q.find("generalfeedback"))
    if kind is ItemType.DESCRIPTION:
        points, feedback = "0", ""
    return Item(
        key=key, type=kind, stem=stem, stem_format=stem_format, points=points, topic=topic,
        difficulty=tags.get("difficulty", "").strip() or Difficulty.UNCLASSIFIED,
        source=tags.get("source", ""), general_feedback=feedback,
        diacritics_sensitive=parse_bool(tags.get("diacritics_sensitive", ""), True),
        **fields,
    )


def read(data: bytes | str) -> ImportReport:
    """What importing a Moodle XML file would do, question by question."""
    report = ImportReport()
    if isinstance(data, str):
        data, encoding = data.lstrip("\ufeff").encode("utf-8"), "UTF-8"
    else:
        encoding = _encoding_override(data, report)
    try:
        root, lines = _build_tree(data, encoding)
    except _Forbidden as exc:
        raise ImportFormatError([str(exc)]) from None
    except expat.ExpatError as exc:
        line = getattr(exc, "lineno", 1)
        code = getattr(exc, "code", None)
        reason = expat.ErrorString(code) if code else str(exc)
        raise ImportFormatError([f"line {line}: the XML is not well-formed: {reason}"]) from None
    if root.tag != "quiz":
        raise ImportFormatError([f"line {lines[id(root)]}: the root element must be <quiz>"])
    topic = ""
    number = 0
    for q in root.findall("question"):
        if q.get("type") == "category":
            topic = _topic(_text(q.find("category")))
            continue
        number += 1
        line = lines[id(q)]
        where = f"item {number} ({_text(q.find('name')).strip() or 'no name'}), line {line}"
        notes: list[str] = []
        try:
            item = _parse_question(q, topic, notes)
        except _Skip as skip:
            report.entries.append(Entry(where, SKIPPED, notes=[str(skip)], line=line))
            continue
        except (ValueError, TypeError, ArithmeticError) as exc:
            report.entries.append(Entry(where, ERROR, notes=[str(exc)], line=line))
            continue
        report.entries.append(Entry(where, CHANGED if notes else IMPORTED, item, notes, line))
    return finish(report, rename_duplicates=True)


def parse(data: bytes | str) -> list[Item]:
    """Every question of a Moodle XML quiz, or ``ImportFormatError`` naming each bad one."""
    return read(data).strict()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _question(quiz: ET.Element, item: Item) -> None:
    moodle_type = {
        ItemType.SINGLE_CHOICE: "multichoice", ItemType.MULTIPLE_RESPONSE: "multichoice",
        ItemType.TRUE_FALSE: "truefalse", ItemType.SHORT_ANSWER: "shortanswer",
        ItemType.NUMERIC: "numerical", ItemType.ESSAY: "essay", ItemType.MATCHING: "matching",
        ItemType.DESCRIPTION: "description",
    }[item.type]
    q = ET.SubElement(quiz, "question", {"type": moodle_type})
    _sub(q, "name", item.key)
    _sub(q, "questiontext", item.stem,
         format="html" if item.stem_format is TextFormat.HTML else "plain_text")
    _sub(q, "generalfeedback", item.general_feedback, format="plain_text")
    _value(q, "defaultgrade", decimal_str(item.points))
    _value(q, "penalty", "0")
    _value(q, "hidden", "0")
    if item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_RESPONSE):
        _value(q, "single", "true" if item.type is ItemType.SINGLE_CHOICE else "false")
        _value(q, "shuffleanswers", "true")
        _value(q, "answernumbering", "abc")
        for o in item.options:
            _sub(q, "answer", o.text, fraction=decimal_str(o.fraction * 100), format="plain_text")
    elif item.type is ItemType.TRUE_FALSE:
        for word, o in zip(("true", "false"), item.options, strict=True):
            _sub(q, "answer", word, fraction=decimal_str(o.fraction * 100), format="moodle_auto_format")
    elif item.type is ItemType.SHORT_ANSWER:
        _value(q, "usecase", "1" if item.case_sensitive else "0")
        for a in item.accepted_answers:
            _sub(q, "answer", a, fraction="100", format="moodle_auto_format")
        for p in item.partial_answers:
            _sub(q, "answer", p.text, fraction=decimal_str(p.fraction * 100), format="moodle_auto_format")
    elif item.type is ItemType.NUMERIC:
        answer = _sub(q, "answer", decimal_str(item.numeric_answer or Decimal(0)), fraction="100")
        _value(answer, "tolerance", decimal_str(item.tolerance))
        for p in item.partial_answers:
            answer = _sub(q, "answer", p.text, fraction=decimal_str(p.fraction * 100))
            _value(answer, "tolerance", decimal_str(p.tolerance))
    elif item.type is ItemType.MATCHING:
        _value(q, "shuffleanswers", "true")
        for p in item.pairs:
            sub = _sub(q, "subquestion", p.prompt, format="plain_text")
            _sub(sub, "answer", p.answer)
    elif item.type is ItemType.ESSAY:
        _value(q, "responseformat", "editor")
        _value(q, "responserequired", "1")
        rubric = [{"name": c.name, "max_points": decimal_str(c.max_points),
                   "descriptors": c.descriptors} for c in item.rubric]
        _sub(q, "graderinfo", json.dumps({"thituyen_rubric": rubric}, ensure_ascii=False),
             format="plain_text")
    tags = ET.SubElement(q, "tags")
    difficulty = "" if item.difficulty is Difficulty.UNCLASSIFIED else str(item.difficulty)
    values = {"difficulty": difficulty, "source": item.source,
              "diacritics_sensitive": "" if item.diacritics_sensitive else "false"}
    for name in _TAGS:
        if values[name]:
            _sub(tags, "tag", f"{name}:{values[name]}")


def dump(items: Iterable[Item]) -> str:
    """Moodle XML that ``parse`` reads back to equal items."""
    quiz = ET.Element("quiz")
    topic = None
    for item in items:
        if item.topic != topic:
            q = ET.SubElement(quiz, "question", {"type": "category"})
            _sub(q, "category", category_of_topic(item.topic))
            topic = item.topic
        _question(quiz, item)
    ET.indent(quiz, space="  ")
    body = ET.tostring(quiz, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
