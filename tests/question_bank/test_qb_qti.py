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


QTI3_MATCH = """<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="m1"
    title="Ghép tác phẩm" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="directedPair">
    <qti-correct-response>
      <qti-value>K Tr</qti-value><qti-value>N Tr</qti-value><qti-value>H Ch</qti-value>
    </qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <qti-match-interaction response-identifier="RESPONSE" max-associations="3">
      <qti-prompt>Ghép nhân vật với tác phẩm:</qti-prompt>
      <qti-simple-match-set>
        <qti-simple-associable-choice identifier="K" match-max="1">Thúy Kiều</qti-simple-associable-choice>
        <qti-simple-associable-choice identifier="N" match-max="1">Kim Trọng</qti-simple-associable-choice>
        <qti-simple-associable-choice identifier="H" match-max="1">Chí Phèo</qti-simple-associable-choice>
      </qti-simple-match-set>
      <qti-simple-match-set>
        <qti-simple-associable-choice identifier="Ch" match-max="3">Chí Phèo (Nam Cao)</qti-simple-associable-choice>
        <qti-simple-associable-choice identifier="Tr" match-max="3">Truyện Kiều (Nguyễn Du)</qti-simple-associable-choice>
        <qti-simple-associable-choice identifier="S" match-max="3">Số đỏ (Vũ Trọng Phụng)</qti-simple-associable-choice>
      </qti-simple-match-set>
    </qti-match-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/>
</qti-assessment-item>
""".encode()


def test_a_qti_match_interaction_imports_as_a_matching_question():
    (item,) = parse("qti", QTI3_MATCH)
    assert item.type is ItemType.MATCHING
    assert item.stem == "Ghép nhân vật với tác phẩm:"
    assert [(p.prompt, p.answer) for p in item.pairs] == [
        ("Thúy Kiều", "Truyện Kiều (Nguyễn Du)"), ("Kim Trọng", "Truyện Kiều (Nguyễn Du)"),
        ("Chí Phèo", "Chí Phèo (Nam Cao)"), ("", "Số đỏ (Vũ Trọng Phụng)")]


def test_an_item_without_interaction_is_a_description():
    text = (b'<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="d" '
            b'title="Intro" adaptive="false" time-dependent="false"><qti-item-body><p>\xc4\x90\xe1\xbb\x8dc k\xe1\xbb\xb9.</p>'
            b'</qti-item-body></qti-assessment-item>')
    (item,) = parse("qti", text)
    assert item.type is ItemType.DESCRIPTION
    assert item.points == 0
    assert item.stem == "<p>Đọc kỹ.</p>"
