"""A QTI package exported from the bank is valid QTI 3.0: every item against 1EdTech's ASI
schema, the manifest against its content-packaging schema (both shipped in
``qti30_schema/``, see its README), and the package re-imports equal."""

from __future__ import annotations

import base64
import io
import zipfile
from functools import cache
from pathlib import Path

import pytest

from question_bank.formats import dump, parse
from question_bank.items import Item, Pair
from question_bank.samples import load_sample
from tests.question_bank.test_qb_formats import ITEMS

etree = pytest.importorskip("lxml.etree")

SCHEMAS = Path(__file__).parent / "qti30_schema" / "qtiv3p0"
PNG = base64.b64encode(base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")).decode()


@cache
def schema(name: str):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def item_schema():
    return schema("imsqti_asiv3p0_sbacv1p0_v1p0.xsd")


def manifest_schema():
    return schema("imsqtiv3p0_imscpv1p2_v1p0.xsd")


def bank() -> list[Item]:
    html = Item("hinh-01", "matching", f'<p>Ghép <b>hình</b> <img src="data:image/png;base64,{PNG}" '
                'alt="sơ đồ"> với tên:</p><ul><li>một</li></ul>', 3, "Hình", "easy",
                stem_format="html", pairs=(Pair("Tròn", "O"), Pair("Vuông", "□"), Pair("", "△")))
    sample = load_sample("gift")
    taken = {i.key for i in sample}
    return [*sample, *(i for i in ITEMS if i.key not in taken), html]


def errors(validator, document: bytes) -> list[str]:
    ok = validator.validate(etree.fromstring(document))
    return [] if ok else [f"line {e.line}: {e.message}" for e in validator.error_log]


def test_an_exported_package_validates_against_the_qti_3_schema_and_reimports_equal():
    items = bank()
    assert {i.type for i in items} >= {"matching", "description", "essay", "numeric"}
    package = dump("qti", items)
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        names = z.namelist()
        assert errors(manifest_schema(), z.read("imsmanifest.xml")) == []
        documents = [z.read(n) for n in names if n != "imsmanifest.xml"]
    assert len(documents) == len(items)
    for document in documents:
        assert errors(item_schema(), document) == [], document[:300]
    assert parse("qti", package) == items


def test_the_schema_really_checks():
    """A package the schema would wave through whatever it holds proves nothing."""
    with zipfile.ZipFile(io.BytesIO(dump("qti", ITEMS[:1]))) as z:
        document = z.read(next(n for n in z.namelist() if n.startswith("items/")))
    assert errors(item_schema(), document) == []
    swapped = document.replace(b"qti-simple-choice", b"qti-simple-option")
    assert errors(item_schema(), swapped)
    no_identifier = document.replace(b' identifier="item-0001"', b"")
    assert errors(item_schema(), no_identifier)
