"""IMS QTI 3.0 items and content packages (and QTI 2.1 on import), so banks move to and
from TAO and other QTI systems.

Export is a content package: a zip with ``imsmanifest.xml`` and one
``qti-assessment-item`` per question. Mapping:

* single choice / multiple response / true-false: ``qti-choice-interaction``; the
  correct response lists the right choices, a ``qti-mapping`` gives each choice its
  fraction of the points (``MAXSCORE``); true/false uses the choices "Đúng" / "Sai";
* short answer: ``qti-text-entry-interaction`` with a string mapping (100% answers
  and partial ones; ``case-sensitive``);
* numeric: ``qti-text-entry-interaction`` with base type float and response
  processing by ``qti-equal`` with an absolute tolerance, one branch per answer;
* essay: ``qti-extended-text-interaction``;
* matching: ``qti-match-interaction`` with two ``qti-simple-match-set``: the prompts
  (``P1``…) and the distinct answers (``A1``…, distractors included); the response is a
  set of ``directedPair`` values, each right pair mapped to its share of the points;
* description: an item without interaction or response (instruction text), worth 0;
* the item's ``title`` is its key; points are ``MAXSCORE``; what QTI has no place for
  (topic, difficulty, source, diacritics, general feedback, the rubric) travels in
  outcome declarations ``THITUYEN_*`` with ``view="author"``, which other systems keep
  and ignore.

Import reads single item files or packages (QTI 3.0 and 2.1 names), images of the
package embedded into the item as ``data:`` images. A package is read from memory,
never extracted, with limits on its size so that a zip bomb is refused.
"""

from __future__ import annotations

import base64
import io
import json
import mimetypes
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from html.parser import HTMLParser

import defusedxml.ElementTree as defused
from defusedxml import DefusedXmlException

from question_bank.formats._common import (
    CHANGED,
    ERROR,
    IMPORTED,
    SKIPPED,
    Entry,
    ImportFormatError,
    ImportReport,
    finish,
)
from question_bank.html import html_to_text, sanitize
from question_bank.items import (
    TRUE_FALSE_LABELS,
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

NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
NS21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
SCHEMA_LOCATION = f"{NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
MAX_PACKAGE_FILES = 5000
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
_META = ("topic", "difficulty", "source", "diacritics_sensitive", "feedback", "rubric", "stem_format")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# --- export -----------------------------------------------------------------------------

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _outcome(item_el: ET.Element, identifier: str, base_type: str, value: str, **attrs) -> None:
    outcome = _sub(item_el, "qti-outcome-declaration", identifier=identifier, cardinality="single",
                   base_type=base_type, **attrs)
    _sub(_sub(outcome, "qti-default-value"), "qti-value", value)


def _choice_id(i: int) -> str:
    return f"C{i + 1}"


class _XhtmlBuilder(HTMLParser):
    """Sanitised HTML as XML elements in the QTI namespace (void elements closed,
    entities resolved), so the item body is well-formed whatever the stem holds."""

    VOID = {"br", "hr", "img", "col"}

    def __init__(self, root: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [root]

    def handle_starttag(self, tag, attrs):
        element = ET.SubElement(self.stack[-1], _q(tag), {k: v or "" for k, v in attrs})
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], _q(tag), {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if _local(self.stack[depth].tag) == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _fill_stem(wrapper: ET.Element, item: Item) -> None:
    """The stem's markup, exactly: filled after indenting, which would add whitespace
    inside mixed content."""
    if item.stem_format is TextFormat.HTML:
        builder = _XhtmlBuilder(wrapper)
        builder.feed(item.stem)
        builder.close()
        return
    paragraph = _sub(wrapper, "p")
    lines = item.stem.split("\n")
    paragraph.text = lines[0]
    for line in lines[1:]:
        _sub(paragraph, "br").tail = line


def _score_branch(parent: ET.Element, tag: str, value: str, tolerance: Decimal, score: Decimal) -> None:
    branch = _sub(parent, tag)
    equal = _sub(branch, "qti-equal", tolerance_mode="absolute",
                 tolerance=f"{decimal_str(tolerance)} {decimal_str(tolerance)}")
    _sub(equal, "qti-variable", identifier="RESPONSE")
    _sub(equal, "qti-base-value", value, base_type="float")
    set_score = _sub(branch, "qti-set-outcome-value", identifier="SCORE")
    _sub(set_score, "qti-base-value", decimal_str(score), base_type="float")


def item_xml(item: Item, identifier: str) -> bytes:
    """One ``qti-assessment-item`` document."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q("qti-assessment-item"), {
        f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION, "identifier": identifier, "title": item.key,
        "adaptive": "false", "time-dependent": "false", "xml:lang": "vi"})
    kind = item.type
    if kind.is_choice:
        cardinality = "multiple" if kind is ItemType.MULTIPLE_RESPONSE else "single"
        response = _sub(root, "qti-response-declaration", identifier="RESPONSE",
                        cardinality=cardinality, base_type="identifier")
        correct = _sub(response, "qti-correct-response")
        for i in item.correct_indices:
            _sub(correct, "qti-value", _choice_id(i))
        mapping = _sub(response, "qti-mapping", default_value="0")
        for i, option in enumerate(item.options):
            _sub(mapping, "qti-map-entry", map_key=_choice_id(i),
                 mapped_value=decimal_str(option.fraction * item.points))
    elif kind is ItemType.SHORT_ANSWER:
        response = _sub(root, "qti-response-declaration", identifier="RESPONSE",
                        cardinality="single", base_type="string")
        correct = _sub(response, "qti-correct-response")
        _sub(correct, "qti-value", item.accepted_answers[0])
        mapping = _sub(response, "qti-mapping", default_value="0")
        sensitive = "true" if item.case_sensitive else "false"
        for answer in item.accepted_answers:
            _sub(mapping, "qti-map-entry", map_key=answer, mapped_value=decimal_str(item.points),
                 case_sensitive=sensitive)
        for partial in item.partial_answers:
            _sub(mapping, "qti-map-entry", map_key=partial.text,
                 mapped_value=decimal_str(partial.fraction * item.points), case_sensitive=sensitive)
    elif kind is ItemType.NUMERIC:
        response = _sub(root, "qti-response-declaration", identifier="RESPONSE",
                        cardinality="single", base_type="float")
        _sub(_sub(response, "qti-correct-response"), "qti-value", decimal_str(item.numeric_answer))
    elif kind is ItemType.MATCHING:
        response = _sub(root, "qti-response-declaration", identifier="RESPONSE",
                        cardinality="multiple", base_type="directedPair")
        prompts = item.match_prompts
        correct = _sub(response, "qti-correct-response")
        for n, (_, answer) in enumerate(prompts):
            _sub(correct, "qti-value", f"P{n + 1} A{answer + 1}")
        mapping = _sub(response, "qti-mapping", default_value="0")
        for n, (_, answer) in enumerate(prompts):
            _sub(mapping, "qti-map-entry", map_key=f"P{n + 1} A{answer + 1}",
                 mapped_value=decimal_str(item.points / len(prompts)))
    elif kind is ItemType.DESCRIPTION:
        pass
    else:
        _sub(root, "qti-response-declaration", identifier="RESPONSE", cardinality="single",
             base_type="string")
    if kind is not ItemType.DESCRIPTION:
        _sub(root, "qti-outcome-declaration", identifier="SCORE", cardinality="single",
             base_type="float")
    _outcome(root, "MAXSCORE", "float", decimal_str(item.points))
    meta = {"topic": item.topic, "difficulty": "" if item.difficulty is Difficulty.UNCLASSIFIED
            else str(item.difficulty), "source": item.source,
            "diacritics_sensitive": "" if item.diacritics_sensitive else "false",
            "feedback": item.general_feedback, "stem_format": str(item.stem_format),
            "rubric": json.dumps([[c.name, decimal_str(c.max_points), c.descriptors] for c in item.rubric],
                                 ensure_ascii=False) if item.rubric else ""}
    for name in _META:
        if meta.get(name):
            _outcome(root, f"THITUYEN_{name.upper()}", "string", meta[name], view="author")
    body = _sub(root, "qti-item-body")
    stem = _sub(body, "div", **{"class": "stem"})
    if kind.is_choice:
        interaction = _sub(body, "qti-choice-interaction", response_identifier="RESPONSE",
                           shuffle="true", max_choices="0" if kind is ItemType.MULTIPLE_RESPONSE else "1")
        for i, option in enumerate(item.options):
            _sub(interaction, "qti-simple-choice", option.text, identifier=_choice_id(i))
    elif kind in (ItemType.SHORT_ANSWER, ItemType.NUMERIC):
        _sub(_sub(body, "div"), "qti-text-entry-interaction", response_identifier="RESPONSE")
    elif kind is ItemType.MATCHING:
        prompts = item.match_prompts
        interaction = _sub(body, "qti-match-interaction", response_identifier="RESPONSE",
                           shuffle="true", max_associations=str(len(prompts)))
        left = _sub(interaction, "qti-simple-match-set")
        for n, (prompt, _) in enumerate(prompts):
            _sub(left, "qti-simple-associable-choice", prompt, identifier=f"P{n + 1}", match_max="1")
        right = _sub(interaction, "qti-simple-match-set")
        for n, answer in enumerate(item.match_choices):
            _sub(right, "qti-simple-associable-choice", answer, identifier=f"A{n + 1}",
                 match_max=str(len(prompts)))
    elif kind is ItemType.ESSAY:
        _sub(body, "qti-extended-text-interaction", response_identifier="RESPONSE")
    if kind.is_choice:
        template = "map_response" if kind is ItemType.MULTIPLE_RESPONSE else "match_correct"
        if template == "match_correct":
            _sub(root, "qti-response-processing",
                 template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml")
        else:
            _sub(root, "qti-response-processing",
                 template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml")
    elif kind in (ItemType.SHORT_ANSWER, ItemType.MATCHING):
        _sub(root, "qti-response-processing",
             template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml")
    elif kind is ItemType.NUMERIC:
        processing = _sub(root, "qti-response-processing")
        condition = _sub(processing, "qti-response-condition")
        _score_branch(condition, "qti-response-if", decimal_str(item.numeric_answer), item.tolerance,
                      item.points)
        for partial in item.partial_answers:
            _score_branch(condition, "qti-response-else-if", partial.text, partial.tolerance,
                          partial.fraction * item.points)
    ET.indent(root, space="  ")
    _fill_stem(stem, item)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                      xml_declaration=False) + b"\n"


def manifest_xml(hrefs: list[tuple[str, str]]) -> bytes:
    ET.register_namespace("", CP_NS)
    manifest = ET.Element(f"{{{CP_NS}}}manifest", {"identifier": "MANIFEST-thituyen"})
    metadata = ET.SubElement(manifest, f"{{{CP_NS}}}metadata")
    ET.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTI Package"
    ET.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "3.0.0"
    ET.SubElement(manifest, f"{{{CP_NS}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP_NS}}}resources")
    for identifier, href in hrefs:
        resource = ET.SubElement(resources, f"{{{CP_NS}}}resource",
                                 {"identifier": identifier, "type": "imsqti_item_xmlv3p0", "href": href})
        ET.SubElement(resource, f"{{{CP_NS}}}file", {"href": href})
    ET.indent(manifest, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="utf-8",
                                                                      xml_declaration=False) + b"\n"


def dump(items: Iterable[Item]) -> bytes:
    """A QTI 3.0 content package (zip) that ``parse`` reads back to equal items."""
    buffer = io.BytesIO()
    hrefs = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for n, item in enumerate(items, start=1):
            identifier = f"item-{n:04d}"
            href = f"items/{identifier}.xml"
            package.writestr(href, item_xml(item, identifier))
            hrefs.append((identifier, href))
        package.writestr("imsmanifest.xml", manifest_xml(hrefs))
    return buffer.getvalue()


# --- import -----------------------------------------------------------------------------

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_QTI21_ELEMENTS = {
    "assessmentItem", "responseDeclaration", "outcomeDeclaration", "correctResponse", "value",
    "mapping", "mapEntry", "defaultValue", "itemBody", "choiceInteraction", "simpleChoice",
    "textEntryInteraction", "extendedTextInteraction", "prompt", "responseProcessing",
    "responseCondition", "responseIf", "responseElseIf", "equal", "variable", "baseValue",
    "setOutcomeValue", "simpleMatchSet", "simpleAssociableChoice", "matchInteraction", "orderInteraction", "associateInteraction",
    "gapMatchInteraction", "inlineChoiceInteraction", "hottextInteraction",
    "hotspotInteraction", "sliderInteraction", "uploadInteraction", "drawingInteraction",
    "graphicGapMatchInteraction", "selectPointInteraction", "positionObjectInteraction",
    "mediaInteraction", "customInteraction", "modalFeedback", "feedbackBlock", "feedbackInline",
    "rubricBlock", "stylesheet",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _normalise(element: ET.Element) -> None:
    """QTI 2.1 names (camelCase) as QTI 3.0 names (qti-kebab-case), namespaces dropped."""
    for el in element.iter():
        name = _local(el.tag)
        if name in _QTI21_ELEMENTS:
            name = "qti-" + _CAMEL.sub("-", name).lower()
        el.tag = name
        for key in list(el.attrib):
            local = _local(key)
            if local != key or any(c.isupper() for c in local):
                value = el.attrib.pop(key)
                if "}" in key and not key.startswith("{http://www.w3.org/XML/1998/namespace}"):
                    continue
                el.attrib[_CAMEL.sub("-", local).lower()] = value


def _safe_xml(data: bytes, where: str) -> ET.Element:
    """Parsed from bytes (the declared encoding honoured), DTDs and entities refused."""
    try:
        root = defused.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ImportFormatError([f"{where}: DOCTYPE/ENTITY declarations are not allowed"]) from None
    except ET.ParseError as exc:
        raise ImportFormatError([f"{where}: line {exc.position[0]}: the XML is not well-formed"]) from None
    _normalise(root)
    return root


def _inner_html(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append(ET.tostring(child, encoding="unicode", short_empty_elements=True))
    return "".join(parts)


_INTERACTIONS = {"qti-choice-interaction", "qti-text-entry-interaction",
                 "qti-extended-text-interaction", "qti-match-interaction"}


def _outcomes(root: ET.Element) -> dict[str, str]:
    values = {}
    for outcome in root.findall("qti-outcome-declaration"):
        value = outcome.find("qti-default-value/qti-value")
        if value is not None:
            values[outcome.get("identifier", "")] = value.text or ""
    return values


def _element_text(element: ET.Element) -> str:
    """The text of an element: exact when it is plain text, else the text of its HTML."""
    if not len(element):
        return element.text or ""
    return html_to_text(ET.tostring(element, encoding="unicode"))


def _plain_stem(body: ET.Element) -> str | None:
    """The text of a stem written by ``item_xml`` as plain text (a <p> with <br/>), exactly."""
    stem = body.find("div[@class='stem']")
    if stem is None or len(stem) != 1 or stem[0].tag != "p" or (stem.text or "").strip():
        return None
    paragraph = stem[0]
    if any(child.tag != "br" for child in paragraph):
        return None
    return (paragraph.text or "") + "".join("\n" + (br.tail or "") for br in paragraph)


def _stem(body: ET.Element, images: dict[str, str], notes: list[str],
          declared: str) -> tuple[str, TextFormat]:
    if declared == TextFormat.PLAIN:
        text = _plain_stem(body)
        if text is not None:
            return text, TextFormat.PLAIN
    parts = []
    for child in body:
        if child.tag in _INTERACTIONS or child.find(".//qti-text-entry-interaction") is not None:
            prompt = child.find("qti-prompt")
            if prompt is not None:
                parts.append(_inner_html(prompt))
            continue
        if child.tag.startswith("qti-"):
            notes.append(f"the element {child.tag} of the item body is not kept")
            continue
        if child.tag == "div" and child.get("class") == "stem":
            parts.append(_inner_html(child))
        else:
            parts.append(ET.tostring(child, encoding="unicode"))
    markup = (body.text or "") + "".join(parts)
    for src, uri in images.items():
        markup = markup.replace(f'src="{src}"', f'src="{uri}"')
    return sanitize(markup), TextFormat.HTML


def _fraction(value: str, points: Decimal) -> Decimal:
    return to_decimal(value) / points if points else Decimal(0)


def _item(root: ET.Element, images: dict[str, str], notes: list[str]) -> Item:
    if root.tag != "qti-assessment-item":
        raise ValueError(f"the root element is {root.tag}, not an assessment item")
    body = root.find("qti-item-body")
    if body is None:
        raise ValueError("the item has no item body")
    interactions = [el for el in body.iter() if el.tag.endswith("-interaction")]
    if not interactions:
        return _description(root, body, images, notes)
    if len(interactions) != 1 or interactions[0].tag not in _INTERACTIONS:
        names = ", ".join(sorted({el.tag for el in interactions})) or "no interaction"
        raise _Skip(f"items with {names} are not supported: skipped")
    interaction = interactions[0]
    meta = _outcomes(root)
    declarations = {d.get("identifier"): d for d in root.findall("qti-response-declaration")}
    response = declarations.get(interaction.get("response-identifier", "RESPONSE"))
    points = to_decimal(meta.get("MAXSCORE") or "1")
    fields: dict = {}
    correct = [v.text or "" for v in response.findall("qti-correct-response/qti-value")] \
        if response is not None else []
    mapping = {e.get("map-key", ""): e for e in response.findall("qti-mapping/qti-map-entry")} \
        if response is not None else {}
    if interaction.tag == "qti-choice-interaction":
        choices = interaction.findall("qti-simple-choice")
        multiple = response is not None and response.get("cardinality") == "multiple"
        options = []
        for choice in choices:
            identifier = choice.get("identifier", "")
            text = _element_text(choice)
            if identifier in mapping and multiple:
                fraction = _fraction(mapping[identifier].get("mapped-value", "0"), points)
            else:
                fraction = Decimal(1 if identifier in correct else 0)
            options.append(Option(text, fraction))
        if multiple and not mapping and correct:
            options = [Option(o.text, Decimal(1) / len(correct) if o.fraction else 0) for o in options]
        if not multiple and tuple(o.text for o in options) == TRUE_FALSE_LABELS:
            kind = ItemType.TRUE_FALSE
            fields["options"] = true_false_options(options[0].fraction > 0)
        else:
            kind = ItemType.MULTIPLE_RESPONSE if multiple else ItemType.SINGLE_CHOICE
            fields["options"] = tuple(options)
    elif interaction.tag == "qti-match-interaction":
        kind = ItemType.MATCHING
        fields["pairs"] = _pairs(interaction, correct or list(mapping))
    elif interaction.tag == "qti-text-entry-interaction" and response is not None \
            and response.get("base-type") in ("float", "integer"):
        kind = ItemType.NUMERIC
        branches = root.findall("qti-response-processing/qti-response-condition/*")
        answers = []
        for branch in branches:
            equal = branch.find("qti-equal")
            score = branch.find("qti-set-outcome-value/qti-base-value")
            if equal is None or score is None:
                continue
            value = equal.find("qti-base-value")
            tolerance = (equal.get("tolerance") or "0").split()[0]
            answers.append((value.text or "", to_decimal(tolerance), _fraction(score.text or "0", points)))
        if not answers and correct:
            answers = [(correct[0], Decimal(0), Decimal(1))]
        full = [a for a in answers if a[2] >= 1]
        if not full:
            raise ValueError("a numeric item needs an answer worth all its points")
        fields["numeric_answer"], fields["tolerance"] = to_decimal(full[0][0]), full[0][1]
        fields["partial_answers"] = tuple(PartialAnswer(decimal_str(to_decimal(v)), f, t)
                                          for v, t, f in answers if (v, t, f) != full[0])
    elif interaction.tag == "qti-text-entry-interaction":
        kind = ItemType.SHORT_ANSWER
        accepted, partial = [], []
        for key, entry in mapping.items():
            fraction = _fraction(entry.get("mapped-value", "0"), points)
            if fraction >= 1:
                accepted.append(key)
            elif fraction > 0:
                partial.append(PartialAnswer(key, fraction))
        accepted = accepted or correct[:1]
        fields.update(accepted_answers=tuple(accepted), partial_answers=tuple(partial),
                      case_sensitive=any(e.get("case-sensitive") == "true" for e in mapping.values()))
    else:
        kind = ItemType.ESSAY
        if meta.get("THITUYEN_RUBRIC"):
            fields["rubric"] = tuple(Criterion(*c) for c in json.loads(meta["THITUYEN_RUBRIC"]))
    stem, stem_format = _stem(body, images, notes, meta.get("THITUYEN_STEM_FORMAT", ""))
    return Item(
        key=(root.get("title") or root.get("identifier") or "").strip(), type=kind, stem=stem,
        stem_format=stem_format, points=points, topic=meta.get("THITUYEN_TOPIC", ""),
        difficulty=meta.get("THITUYEN_DIFFICULTY") or Difficulty.UNCLASSIFIED,
        source=meta.get("THITUYEN_SOURCE", ""), general_feedback=meta.get("THITUYEN_FEEDBACK", ""),
        diacritics_sensitive=meta.get("THITUYEN_DIACRITICS_SENSITIVE", "") != "false", **fields)


def _pairs(interaction: ET.Element, values: list[str]) -> tuple[Pair, ...]:
    """The lines of a match interaction: each source choice with the target its correct
    pair names; targets named by no pair are distractors."""
    sets = interaction.findall("qti-simple-match-set")
    if len(sets) != 2:
        raise ValueError("a match interaction needs two match sets")
    sources = [(c.get("identifier", ""), _element_text(c))
               for c in sets[0].findall("qti-simple-associable-choice")]
    targets = {c.get("identifier", ""): _element_text(c)
               for c in sets[1].findall("qti-simple-associable-choice")}
    right = {}
    for value in values:
        source, _, target = (value or "").strip().partition(" ")
        right.setdefault(source, target.strip())
    pairs = []
    for identifier, text in sources:
        if right.get(identifier) not in targets:
            raise ValueError(f"the prompt {text[:30]!r} has no correct answer")
        pairs.append(Pair(text, targets[right[identifier]]))
    used = {p.answer for p in pairs}
    pairs += [Pair("", text) for text in targets.values() if text not in used]
    return tuple(pairs)


def _description(root: ET.Element, body: ET.Element, images: dict[str, str],
                 notes: list[str]) -> Item:
    """An item without interaction: instruction text (QTI's informational item)."""
    meta = _outcomes(root)
    stem, stem_format = _stem(body, images, notes, meta.get("THITUYEN_STEM_FORMAT", ""))
    return Item(key=(root.get("title") or root.get("identifier") or "").strip(),
                type=ItemType.DESCRIPTION, stem=stem, stem_format=stem_format, points=0,
                topic=meta.get("THITUYEN_TOPIC", ""),
                difficulty=meta.get("THITUYEN_DIFFICULTY") or Difficulty.UNCLASSIFIED,
                source=meta.get("THITUYEN_SOURCE", ""))


class _Skip(Exception):
    pass


def _package(data: bytes, report: ImportReport) -> list[tuple[str, bytes, dict[str, str]]]:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFormatError(["the file is neither QTI XML nor a QTI package (zip)"]) from None
    infos = package.infolist()
    if len(infos) > MAX_PACKAGE_FILES or sum(i.file_size for i in infos) > MAX_PACKAGE_BYTES:
        raise ImportFormatError(["the package is too large once unpacked"])
    names = {i.filename for i in infos}
    if "imsmanifest.xml" not in names:
        raise ImportFormatError(["the package has no imsmanifest.xml"])
    manifest = _safe_xml(package.read("imsmanifest.xml"), "imsmanifest.xml")
    out = []
    for resource in manifest.iter("resource"):
        kind = resource.get("type", "")
        href = resource.get("href", "")
        if not kind.startswith("imsqti_item_xml"):
            continue
        if href not in names:
            report.file_problems.append(f"imsmanifest.xml: {href} is listed but not in the package")
            continue
        images = {}
        folder = posixpath.dirname(href)
        for file in resource.iter("file"):
            path = posixpath.normpath(posixpath.join(folder, file.get("href", "")))
            mime = mimetypes.guess_type(path)[0] or ""
            if mime in _IMAGE_TYPES and path in names:
                uri = f"data:{mime};base64," + base64.b64encode(package.read(path)).decode("ascii")
                images[posixpath.relpath(path, folder)] = uri
        out.append((href, package.read(href), images))
    return out


def read(data: bytes | str) -> ImportReport:
    """What importing a QTI item file or content package would do, item by item."""
    report = ImportReport()
    if isinstance(data, str):
        data = data.encode("utf-8")
    documents = _package(data, report) if data[:4] == b"PK\x03\x04" else [("the file", data, {})]
    for where, document, images in documents:
        notes: list[str] = []
        try:
            root = _safe_xml(document, where)
            item = _item(root, images, notes)
        except ImportFormatError as error:
            report.entries.append(Entry(where, ERROR, notes=error.problems))
            continue
        except _Skip as skip:
            report.entries.append(Entry(where, SKIPPED, notes=[str(skip)]))
            continue
        except (ValueError, TypeError, ArithmeticError, KeyError) as exc:
            report.entries.append(Entry(where, ERROR, notes=[str(exc)]))
            continue
        report.entries.append(Entry(f"{where} ({item.key})", CHANGED if notes else IMPORTED, item, notes))
    return finish(report, rename_duplicates=True)


def parse(data: bytes | str) -> list[Item]:
    """Every item of a QTI file or package, or ``ImportFormatError`` naming each bad one."""
    return read(data).strict()
