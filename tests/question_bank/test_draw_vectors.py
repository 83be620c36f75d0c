"""The test vectors docs/draw.md publishes are what the draw computes: the specification and
the code cannot drift apart, and a reimplementation can trust the document."""

from __future__ import annotations

import hashlib
import json
import runpy
from pathlib import Path

from question_bank import draw
from question_bank.items import item_from_dict

ROOT = Path(__file__).resolve().parents[2]


def published() -> dict:
    text = (ROOT / "docs/draw.md").read_text(encoding="utf-8")
    block = text.split("```json vectors\n", 1)[1].split("\n```", 1)[0]
    return json.loads(block)


def test_the_published_vectors_are_what_the_code_computes():
    computed = runpy.run_path(str(ROOT / "tools/draw_vectors.py"))["vectors"]()
    assert published() == computed


def test_the_vectors_redraw_from_the_published_values_alone():
    v = published()
    secret = bytes.fromhex(v["secret_hex"])
    assert draw.commitment("board-secret", secret) == v["secret_commitment"]
    seed = draw.derive_seed(secret, v["public_value"])
    assert seed.hex() == v["seed_hex"]
    items = [item_from_dict(d) for d in v["snapshot"]]
    assert draw.snapshot_digest(items) == v["snapshot_digest"]
    assert draw.commitment("bank-snapshot", v["snapshot_digest"].encode()) == \
        v["snapshot_commitment"]
    parts = [draw.Part(p["key"], p["title"], tuple(draw.Cell(**c) for c in p["cells"]),
                       essay_mode=p["essay_mode"]) for p in v["blueprint"]]
    assert draw.blueprint_digest(parts) == v["blueprint_digest"]
    for number, paper in v["papers"].items():
        drawn = draw.draw_paper(seed, items, parts, number)
        assert [[d.part_key, d.position, d.item_key, list(d.option_order)]
                for d in drawn] == paper["items"]
        assert draw.paper_fingerprint(drawn) == paper["fingerprint"]
    shared = {tuple(p["items"][-1][:3]) for p in v["papers"].values()}
    assert len(shared) == 1  # the shared part gives everyone the same essay ...
    pool = [d for d in v["snapshot"] if d["type"] == "essay"]
    assert len(pool) > 1  # ... drawn from a pool larger than one
    assert v["canonical_json_example"]["out"] == draw.canonical_json(
        v["canonical_json_example"]["in"])


def test_the_v3_vectors_cover_the_competition_and_the_candidate_number():
    """Draw v3 serves the same papers; its fingerprint and seal name the competition."""
    v = published()
    v3 = v["v3"]
    secret = bytes.fromhex(v["secret_hex"])
    seed = draw.derive_seed(secret, v["public_value"])
    items = [item_from_dict(d) for d in v["snapshot"]]
    parts = [draw.Part(p["key"], p["title"], tuple(draw.Cell(**c) for c in p["cells"]),
                       essay_mode=p["essay_mode"]) for p in v["blueprint"]]
    statement = {k: v[k] for k in ("secret_commitment", "snapshot_commitment",
                                    "blueprint_digest", "candidates_digest",
                                    "public_value_source")}
    assert draw.seal_digest(draw.seal_statement(**statement, draw_version=draw.V2_DRAW_VERSION)) \
        == v["seal_digest"]
    assert draw.seal_statement(**statement, competition=v3["competition"]) == \
        v3["seal_statement"]
    assert draw.seal_digest(v3["seal_statement"]) == v3["seal_digest"] != v["seal_digest"]
    for number, paper in v["papers"].items():
        drawn = draw.draw_paper(seed, items, parts, number)
        fingerprint = draw.paper_fingerprint(drawn, draw_version=draw.DRAW_VERSION,
                                             competition=v3["competition"],
                                             candidate_number=number)
        assert fingerprint == v3["fingerprints"][number] != paper["fingerprint"]
        assert fingerprint != draw.paper_fingerprint(drawn, draw_version=draw.DRAW_VERSION,
                                                     competition=v3["competition"] + 1,
                                                     candidate_number=number)
    first = draw.draw_paper(seed, items, parts, "0001")
    assert hashlib.sha256(v3["fingerprint_input_0001"].encode()).hexdigest() == \
        v3["fingerprints"]["0001"]
    # the same rows under another candidate's number are another fingerprint
    assert draw.paper_fingerprint(first, draw_version=draw.DRAW_VERSION,
                                  competition=v3["competition"], candidate_number="0002") \
        != v3["fingerprints"]["0001"]
