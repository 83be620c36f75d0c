"""Test vectors of the draw (docs/draw.md), computed by `question_bank.draw` itself.

    python tools/draw_vectors.py      # prints the JSON block docs/draw.md publishes

tests/question_bank/test_draw_vectors.py checks that the block in docs/draw.md equals what the
code computes, so the document and the code cannot drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from question_bank import draw  # noqa: E402
from question_bank.items import Item, Option, item_to_dict  # noqa: E402

SECRET = bytes(range(16))
COMPETITION = 7
PUBLIC_VALUE = "Giải đặc biệt XSKT Thủ đô 20/11/2026: 12345"


def items() -> list[Item]:
    out = []
    for i in range(1, 6):
        out.append(Item(key=f"dl-{i:02d}", type="single_choice", stem=f"Câu hỏi {i} về \"luật\"",
                        points="1.50", topic="Luật Cán bộ", difficulty="easy",
                        options=(Option("A", "1"), Option("B", "0"), Option("C", "0"),
                                 Option("D", "-0.25"))))
    for i in range(1, 4):
        out.append(Item(key=f"tl-{i:02d}", type="essay", stem=f"Đề tự luận {i}\nTrình bày.",
                        points="10", topic="Đề án", difficulty="hard"))
    out.append(Item(key="ds-01", type="true_false", stem="Đúng hay sai?", points="1",
                    topic="Luật Cán bộ", difficulty="medium",
                    options=(Option("Đúng", "1"), Option("Sai", "0"))))
    return out


def parts() -> list[draw.Part]:
    return [
        draw.Part("p1", "Phần I. Trắc nghiệm", (
            draw.Cell("Luật Cán bộ", "easy", "single_choice", 3, "1.5"),
            draw.Cell("Luật Cán bộ", "medium", "true_false", 1, "1"))),
        # a shared part that really draws: 1 essay out of a pool of 3
        draw.Part("p2", "Phần II. Tự luận", (draw.Cell("Đề án", "hard", "essay", 1, "10"),),
                  essay_mode="shared_variant"),
    ]


def vectors() -> dict:
    seed = draw.derive_seed(SECRET, PUBLIC_VALUE)
    stream = draw.HmacStream(seed, "example|context")
    the_items = items()
    snapshot = draw.snapshot_digest(the_items)
    source = {"description": "Giải đặc biệt XSKT Thủ đô ngày 20/11/2026",
              "known_after": "2026-11-20T12:00:00Z"}
    numbers = ["0002", "0001"]
    statement = draw.seal_statement(
        draw_version=draw.V2_DRAW_VERSION,
        secret_commitment=draw.commitment("board-secret", SECRET),
        snapshot_commitment=draw.commitment("bank-snapshot", snapshot.encode()),
        blueprint_digest=draw.blueprint_digest(parts()),
        candidates_digest=draw.candidates_digest(numbers), public_value_source=source)
    papers = {}
    for number in sorted(numbers):
        paper = draw.draw_paper(seed, the_items, parts(), number)
        papers[number] = {"items": [[d.part_key, d.position, d.item_key, list(d.option_order)]
                                    for d in paper],
                          "fingerprint": draw.paper_fingerprint(
                              paper, draw_version=draw.V2_DRAW_VERSION)}
    statement_v3 = draw.seal_statement(
        **{k: v for k, v in statement.items() if k != "v"}, draw_version=draw.DRAW_VERSION,
        competition=COMPETITION)
    first = draw.draw_paper(seed, the_items, parts(), "0001")
    v3 = {"competition": COMPETITION, "seal_statement": statement_v3,
          "fingerprint_input_0001": draw.canonical_json(
              {"v": "thituyen-paper-v3", "competition": COMPETITION, "candidate_number": "0001",
               "items": [[d.part_key, d.position, d.item_key, list(d.option_order)]
                         for d in first]}),
          "seal_digest": draw.seal_digest(statement_v3),
          "fingerprints": {number: draw.paper_fingerprint(
              draw.draw_paper(seed, the_items, parts(), number), draw_version=draw.DRAW_VERSION,
              competition=COMPETITION, candidate_number=number) for number in sorted(numbers)}}
    return {
        "secret_hex": SECRET.hex(),
        "public_value": PUBLIC_VALUE,
        "secret_commitment": statement["secret_commitment"],
        "seed_hex": seed.hex(),
        "stream_example": {"context": "example|context",
                           "first_40_bytes_hex": draw.HmacStream(seed, "example|context")
                           .read(40).hex(),
                           "randbelow_7_then_1000_then_2": [stream.randbelow(7),
                                                            stream.randbelow(1000),
                                                            stream.randbelow(2)]},
        "canonical_json_example": {"in": {"b": "Tiếng Việt \"quoted\"\n\t\u0001", "a": [1, "2.5"]},
                                   "out": draw.canonical_json(
                                       {"b": "Tiếng Việt \"quoted\"\n\t\u0001", "a": [1, "2.5"]})},
        "snapshot": [item_to_dict(item) for item in sorted(the_items, key=lambda i: i.key)],
        "snapshot_digest": snapshot,
        "snapshot_commitment": statement["snapshot_commitment"],
        "blueprint": [draw.part_dict(p) for p in parts()],
        "blueprint_digest": statement["blueprint_digest"],
        "candidate_numbers": numbers,
        "candidates_digest": statement["candidates_digest"],
        "public_value_source": source,
        "seal_digest": draw.seal_digest(statement),
        "papers": papers,
        "v3": v3,
    }


if __name__ == "__main__":
    print(json.dumps(vectors(), ensure_ascii=False, indent=1))
