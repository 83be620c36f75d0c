"""Moodle XML, the richest exchange format that Moodle and most LMSs import.

Mapping:

* topic: a ``<question type="category">`` before the questions, path
  ``$course$/top/<topic>`` (a ``/`` inside the topic is written ``//``, as Moodle does);
* key: ``<name>``; stem: ``<questiontext>``; points: ``<defaultgrade>``;
  general feedback: ``<generalfeedback>``;
* types: ``multichoice`` (``<single>true</single>`` = single choice, else multiple
  response; ``fraction`` is a percentage), ``truefalse``, ``shortanswer``
  (``<usecase>``), ``numerical`` (``<answer>`` + ``<tolerance>``), ``essay``;
* difficulty, source and ``diacritics_sensitive`` are tags ``difficulty:hard``,
  ``source:…``, ``diacritics_sensitive:false``;
* the essay rubric is JSON ``{"thituyen_rubric": [{"name", "max_points",
  "descriptors"}, …]}`` in ``<graderinfo>``, which Moodle shows to graders.

Only plain text is kept: HTML question text is imported as written (tags included).
DOCTYPE and ENTITY declarations are refused before parsing: expat expands
internal entities, so a "billion laughs" file of a few hundred bytes would expand
to gigabytes in memory (defusedxml is not a dependency, this guard does its job).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal
from xml.parsers import expat

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

_MOODLE_TYPES = {
    "multichoice": None,
    "truefalse": ItemType.TRUE_FALSE,
    "shortanswer": ItemType.SHORT_ANSWER,
    "numerical": ItemType.NUMERIC,
    "essay": ItemType.ESSAY,
}
_TAGS = ("difficulty", "source", "diacritics_sensitive")


class _Forbidden(Exception):
    pass


def _build_tree(text: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse with expat directly to keep each element's line and to veto DTDs."""
    lines: dict[int, int] = {}
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    parser = expat.ParserCreate()

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
    parser.Parse(text.lstrip("\ufeff").encode("utf-8"), True)
    return root[0], lines


def _text(element: ET.Element | None, path: str = "text") -> str:
    if element is None:
        return ""
    found = element.find(path) if path else element
    return (found.text or "") if found is not None else ""


def _topic(path: str) -> str:
    path = re.sub(r"^\$(course|system|module|cat\d+)\$/(top/)?", "", path.strip())
    parts = re.split(r"(?<!/)/(?!/)", path)
    return parts[-1].replace("//", "/").strip()


def _parse_question(q: ET.Element, topic: str) -> Item:
    moodle_type = q.get("type", "")
    if moodle_type not in _MOODLE_TYPES:
        raise ValueError(f"question type {moodle_type!r} is not supported")
    tags: dict[str, str] = {}
    for tag in q.findall("tags/tag"):
        name, sep, value = _text(tag).partition(":")
        if sep and name.strip() in _TAGS:
            tags[name.strip()] = value
    if "difficulty" not in tags:
        raise ValueError("the tag difficulty:easy|medium|hard is missing")
    answers = q.findall("answer")
    fields: dict = {}
    kind = _MOODLE_TYPES[moodle_type]
    if moodle_type == "multichoice":
        single = parse_bool(_text(q, "single"), True)
        kind = ItemType.SINGLE_CHOICE if single else ItemType.MULTIPLE_RESPONSE
        fields["options"] = tuple(
            Option(_text(a), to_decimal(a.get("fraction", "0")) / 100) for a in answers
        )
    elif kind is ItemType.TRUE_FALSE:
        truth = [a for a in answers if _text(a).strip().lower() == "true"]
        if len(answers) != 2 or len(truth) != 1:
            raise ValueError("a truefalse question needs the answers 'true' and 'false'")
        fields["options"] = true_false_options(to_decimal(truth[0].get("fraction", "0")) > 0)
    elif kind is ItemType.SHORT_ANSWER:
        if any(to_decimal(a.get("fraction", "0")) != 100 for a in answers):
            raise ValueError("partial credit on short answers is not supported")
        fields["accepted_answers"] = tuple(_text(a) for a in answers)
        fields["case_sensitive"] = parse_bool(_text(q, "usecase"), False)
    elif kind is ItemType.NUMERIC:
        if len(answers) != 1:
            raise ValueError("a numerical question needs exactly one answer")
        fields["numeric_answer"] = to_decimal(_text(answers[0]))
        fields["tolerance"] = to_decimal(_text(answers[0], "tolerance") or "0")
    else:
        info = _text(q.find("graderinfo")).strip()
        if info:
            try:
                rubric = json.loads(info)["thituyen_rubric"]
                fields["rubric"] = tuple(
                    Criterion(c["name"], c["max_points"], c.get("descriptors", "")) for c in rubric
                )
            except (ValueError, KeyError, TypeError):
                raise ValueError("graderinfo must hold the JSON {\"thituyen_rubric\": [...]}") from None
    return Item(
        key=_text(q.find("name")), type=kind, stem=_text(q.find("questiontext")),
        points=_text(q, "defaultgrade") or "1", topic=topic, difficulty=tags["difficulty"].strip(),
        source=tags.get("source", ""), general_feedback=_text(q.find("generalfeedback")),
        diacritics_sensitive=parse_bool(tags.get("diacritics_sensitive", ""), True),
        **fields,
    )


def parse(text: str) -> list[Item]:
    """Every question of a Moodle XML quiz, or ``ImportFormatError`` naming each bad one."""
    try:
        root, lines = _build_tree(text)
    except _Forbidden as exc:
        raise ImportFormatError([str(exc)]) from None
    except expat.ExpatError as exc:
        raise ImportFormatError([f"line {exc.lineno}: the XML is not well-formed: "
                                 f"{expat.ErrorString(exc.code)}"]) from None
    if root.tag != "quiz":
        raise ImportFormatError([f"line {lines[id(root)]}: the root element must be <quiz>"])
    problems: list[str] = []
    entries = []
    topic = ""
    number = 0
    for q in root.findall("question"):
        if q.get("type") == "category":
            topic = _topic(_text(q.find("category")))
            continue
        number += 1
        where = f"item {number} ({_text(q.find('name')).strip() or 'no name'}), line {lines[id(q)]}"
        try:
            entries.append(check(where, _parse_question(q, topic), problems))
        except (ValueError, TypeError) as exc:
            problems.append(f"{where}: {exc}")
    return finish(entries, problems)


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
        ItemType.NUMERIC: "numerical", ItemType.ESSAY: "essay",
    }[item.type]
    q = ET.SubElement(quiz, "question", {"type": moodle_type})
    _sub(q, "name", item.key)
    _sub(q, "questiontext", item.stem, format="plain_text")
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
    elif item.type is ItemType.NUMERIC:
        answer = _sub(q, "answer", decimal_str(item.numeric_answer or Decimal(0)), fraction="100")
        _value(answer, "tolerance", decimal_str(item.tolerance))
    else:
        _value(q, "responseformat", "editor")
        _value(q, "responserequired", "1")
        rubric = [{"name": c.name, "max_points": decimal_str(c.max_points),
                   "descriptors": c.descriptors} for c in item.rubric]
        _sub(q, "graderinfo", json.dumps({"thituyen_rubric": rubric}, ensure_ascii=False),
             format="plain_text")
    tags = ET.SubElement(q, "tags")
    values = {"difficulty": str(item.difficulty), "source": item.source,
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
            _sub(q, "category", "$course$/top/" + item.topic.replace("/", "//"))
            topic = item.topic
        _question(quiz, item)
    ET.indent(quiz, space="  ")
    body = ET.tostring(quiz, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
