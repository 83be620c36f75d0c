"""IMS QTI 3.0 packages out and in (and QTI 2.1 items in), so banks move to and from TAO."""

import base64
import io
import zipfile
from xml.etree import ElementTree as ET  # noqa: I001 - reading our own output

import pytest

from question_bank.formats import ImportFormatError, dump, parse, read
from question_bank.formats.qti import NS
from question_bank.items import ItemType, TextFormat
from question_bank.samples import load_sample

ORDER = ["qti-response-declaration", "qti-outcome-declaration", "qti-item-body",
         "qti-response-processing"]


def members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_sample_bank_exports_as_a_qti_package_and_reimports_equal():
    items = load_sample("gift")
    package = dump("qti", items)
    files = members(package)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.iter() if r.tag.endswith("}resource")]
    assert len(hrefs) == len(items) == len(files) - 1
    for href in hrefs:
        root = ET.fromstring(files[href])
        assert root.tag == f"{{{NS}}}qti-assessment-item"
        assert {"identifier", "title", "adaptive", "time-dependent"} <= set(root.attrib)
        # The QTI 3.0 schema's sequence: declarations, then the body, then processing.
        tags = [child.tag.split("}")[1] for child in root]
        assert tags == sorted(tags, key=ORDER.index)
    assert parse("qti", package) == items


QTI21_CHOICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="i1"
    title="C\xc3\xa2u TAO 1" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>choice_2</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <p>Th\xe1\xbb\xa7 \xc4\x91\xc3\xb4 c\xe1\xbb\xa7a Vi\xe1\xbb\x87t Nam?</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <simpleChoice identifier="choice_1">TP. H\xe1\xbb\x93 Ch\xc3\xad Minh</simpleChoice>
      <simpleChoice identifier="choice_2">H\xc3\xa0 N\xe1\xbb\x99i</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>
"""


def test_a_qti21_item_as_tao_writes_it_imports():
    (item,) = parse("qti", QTI21_CHOICE)
    assert item.key == "Câu TAO 1"
    assert item.type is ItemType.SINGLE_CHOICE
    assert [o.text for o in item.options] == ["TP. Hồ Chí Minh", "Hà Nội"]
    assert item.correct_indices == (1,)
    assert item.stem == "<p>Thủ đô của Việt Nam?</p>"
    assert item.stem_format is TextFormat.HTML


def test_a_package_image_travels_inside_the_item():
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    item_xml = QTI21_CHOICE.replace(b"<p>Th", b'<p><img src="images/a.png" alt="a"/>Th')
    manifest = b"""<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
      <resources><resource identifier="i1" type="imsqti_item_xmlv2p1" href="i1.xml">
        <file href="i1.xml"/><file href="images/a.png"/></resource></resources></manifest>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("imsmanifest.xml", manifest)
        z.writestr("i1.xml", item_xml)
        z.writestr("images/a.png", png)
    (item,) = parse("qti", buffer.getvalue())
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in item.stem


def test_unsupported_interactions_are_skipped_by_name():
    text = QTI21_CHOICE.replace(b"choiceInteraction", b"orderInteraction")
    report = read("qti", text)
    assert report.skipped == ["the file: items with qti-order-interaction are not supported: skipped"]


def test_hostile_packages_are_refused_clearly():
    with pytest.raises(ImportFormatError, match="DOCTYPE"):
        parse("qti", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", b"<manifest/>")
        z.writestr("big.bin", b"\0" * (65 * 1024 * 1024))
    with pytest.raises(ImportFormatError, match="too large"):
        parse("qti", buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("item.xml", QTI21_CHOICE)
    with pytest.raises(ImportFormatError, match="imsmanifest"):
        parse("qti", buffer.getvalue())
