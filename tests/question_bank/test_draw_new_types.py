"""The draw with matching questions and a part's instructions, checked by the Python verifier
and by the public's in-browser verifier (static/js/draw-verify.js, run here with node): both
recompute the same papers from a bundle whose snapshot holds every optional field."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from exam.sitting import bundle as bundles
from question_bank import draw
from question_bank.items import Item, Pair, PartialAnswer, item_to_dict
from question_bank.scoring import score_response

ROOT = Path(__file__).parent.parent.parent
SECRET = bytes(range(16))
VALUE = "Giải đặc biệt 20/11/2026: 12345"


def snapshot() -> list[Item]:
    items = [Item(f"gh-{n}", "matching", f"Ghép {n}:", 2, "Bộ máy", "medium",
                  pairs=(Pair("Quốc hội", "lập pháp"), Pair("Chính phủ", "hành pháp"),
                         Pair("Tòa án", "tư pháp"), Pair("", "công tố")))
             for n in range(4)]
    items.append(Item("hd", "description", "<p>Đọc kỹ <b>hướng dẫn</b>.</p>", 0, "", "",
                      stem_format="html"))
    items.append(Item("sa", "short_answer", "Thủ đô?", 1, "Bộ máy", "easy",
                      accepted_answers=("Hà Nội",), partial_answers=(PartialAnswer("Ha Noi", "0.5"),)))
    return items


PARTS = [draw.Part("C", "Phần ghép", (draw.Cell("Bộ máy", "medium", "matching", 2, "2"),
                                      draw.Cell("Bộ máy", "easy", "short_answer", 1, "1")),
                   instructions="hd")]


COMPETITION = 7


def make_bundle() -> dict:
    items = snapshot()
    numbers = ["0001", "0002", "0003"]
    source = draw.value_source("Xổ số", datetime(2026, 11, 20, 12, tzinfo=UTC))
    secret_c = draw.commitment("board-secret", SECRET)
    snapshot_c = draw.commitment("bank-snapshot", draw.snapshot_digest(items).encode())
    statement = draw.seal_statement(
        secret_commitment=secret_c, snapshot_commitment=snapshot_c,
        blueprint_digest=draw.blueprint_digest(PARTS), candidates_digest=draw.candidates_digest(numbers),
        public_value_source=source, competition=COMPETITION)
    seed = draw.derive_seed(SECRET, VALUE)
    papers = []
    for n in numbers:
        paper = draw.draw_paper(seed, items, PARTS, n)
        papers.append({"candidate_number": n, "fingerprint": draw.paper_fingerprint(
            paper, draw_version=draw.DRAW_VERSION, competition=COMPETITION, candidate_number=n),
                       "items": [[d.part_key, d.position, d.item_key, list(d.option_order)]
                                 for d in paper]})
    return {"v": bundles.BUNDLE_VERSION, "draw_version": draw.DRAW_VERSION,
            "competition_id": COMPETITION,
            "secret_commitment": secret_c, "snapshot_commitment": snapshot_c,
            "blueprint_digest": statement["blueprint_digest"],
            "candidates_digest": statement["candidates_digest"], "public_value_source": source,
            "seal_digest": draw.seal_digest(statement), "sealed_at": "2026-11-19T08:00:00Z",
            "blueprint": draw.canonical_json([draw.part_dict(p) for p in PARTS]),
            "candidate_numbers": numbers, "public_value": VALUE,
            "public_value_at": "2026-11-20T13:00:00Z", "secret": SECRET.hex(),
            "snapshot": [item_to_dict(i) for i in items], "papers": papers}


def test_matching_choices_are_shuffled_and_the_instructions_are_sealed():
    data = make_bundle()
    orders = {tuple(row[3]) for paper in data["papers"] for row in paper["items"]
              if row[2].startswith("gh-")}
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)
    assert len(orders) > 1
    assert json.loads(data["blueprint"])[0]["instructions"] == "hd"
    assert all(row[2] != "hd" for paper in data["papers"] for row in paper["items"])
    assert bundles.verify_bundle(data) == ([], 3)
    other = [draw.Part("C", "Phần ghép", PARTS[0].cells, instructions="")]
    assert draw.blueprint_digest(other) != data["blueprint_digest"]  # the instructions are sealed
    assert draw.part_dict(other[0]).keys() == {"key", "title", "essay_mode", "cells"}


def test_a_description_cannot_be_a_cell_and_instructions_must_be_in_the_snapshot():
    with pytest.raises(ValueError, match="description"):
        draw.Cell("Bộ máy", "easy", "description", 1)
    missing = [draw.Part("C", "x", PARTS[0].cells, instructions="khong-co")]
    assert any("instructions" in p for p in draw.check_pool(missing, snapshot()))


def test_matching_scores_each_right_pair():
    item = snapshot()[0]
    assert score_response(item, [0, 1, 2]) == 2
    assert score_response(item, [0, 3, None]) == Decimal("0.67")
    assert score_response(item, [3, 3, 3]) == 0
    with pytest.raises(ValueError, match="3 prompts"):
        score_response(item, [0, 1])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("forge", [False, True])
def test_the_in_browser_verifier_agrees(tmp_path, forge):
    data = make_bundle()
    if forge:
        row = next(r for r in data["papers"][0]["items"] if r[2].startswith("gh-"))
        row[3] = list(reversed(row[3]))
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    script = (f"import {{ verifyBundle }} from {json.dumps((ROOT / 'static/js/draw-verify.js').as_uri())};"
              f"import {{ readFileSync }} from 'node:fs';"
              f"const b = JSON.parse(readFileSync({json.dumps(str(path))}, 'utf8'));"
              "const [problems, n] = await verifyBundle(b, '');"
              "console.log(JSON.stringify({problems, n}));")
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True,
                         text=True, timeout=60, check=True)
    result = json.loads(out.stdout)
    python_problems, _ = bundles.verify_bundle(data)
    assert bool(result["problems"]) == bool(python_problems) == forge, result
