"""A self-contained record of a draw, and its check, for anyone outside the platform.

After the secret is revealed, ``thituyen verify-draw COMPETITION --export FILE`` writes the
bundle: the published commitments, the blueprint (as the exact text that was hashed), the
public value, the secret, the frozen items and every served paper. ``thituyen verify-draw
--bundle FILE`` (or any reimplementation of ``question_bank.draw``) checks it with no access
to the platform's database. Only ``question_bank`` and the standard library are used here.
"""

from __future__ import annotations

import hashlib
import json

from question_bank import draw
from question_bank.items import item_from_dict

BUNDLE_VERSION = "thituyen-draw-bundle-v1"


def parts_from_json(text: str) -> list[draw.Part]:
    return [draw.Part(p["key"], p["title"],
                      tuple(draw.Cell(c["topic"], c["difficulty"], c["type"], int(c["count"]),
                                      c["points"]) for c in p["cells"]),
                      essay_mode=p["essay_mode"]) for p in json.loads(text)]


def drawable(items, parts):
    """The items some cell could draw. A cell's pool only ever holds items that match it, so
    leaving the others out changes no paper; it keeps a large bank's draw fast."""
    cells = [cell for part in parts for cell in part.cells]
    return [item for item in items if any(cell.matches(item) for cell in cells)]


def verify_bundle(bundle: dict) -> tuple[list[str], int]:
    """Every way the bundle fails to hold (empty when it holds) and the papers recomputed."""
    problems: list[str] = []
    if bundle.get("v") != BUNDLE_VERSION:
        return [f"not a {BUNDLE_VERSION} file"], 0
    secret = bytes.fromhex(bundle["secret"])
    if draw.commitment("board-secret", secret) != bundle["secret_commitment"]:
        problems.append("the revealed secret does not match the published commitment")
    items = [item_from_dict(data) for data in bundle["snapshot"]]
    digest = draw.snapshot_digest(items)
    if draw.commitment("bank-snapshot", digest.encode()) != bundle["snapshot_commitment"]:
        problems.append("the stored bank snapshot does not match the published commitment")
    blueprint = bundle["blueprint"]
    if hashlib.sha256(blueprint.encode("utf-8")).hexdigest() != bundle["blueprint_sha256"]:
        problems.append("the stored blueprint does not match the published one")
    seed = draw.derive_seed(secret, bundle["public_value"])
    parts = parts_from_json(blueprint)
    items = drawable(items, parts)
    for paper in bundle["papers"]:
        number = paper["candidate_number"]
        try:
            expected = draw.draw_paper(seed, items, parts, number)
        except ValueError as error:
            problems.append(f"candidate {number}: cannot redraw ({error})")
            continue
        served = [draw.DrawnItem(part, position, key, tuple(order))
                  for part, position, key, order in paper["items"]]
        if served != expected:
            problems.append(f"candidate {number}: the served paper differs from the draw")
        elif draw.paper_fingerprint(expected) != paper["fingerprint"]:
            problems.append(f"candidate {number}: the stored fingerprint differs")
    return problems, len(bundle["papers"])
