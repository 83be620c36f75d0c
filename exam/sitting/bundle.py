"""A self-contained record of a draw, and its check, for anyone outside the platform.

After the secret is revealed, ``thituyen verify-draw COMPETITION --export FILE`` writes the
bundle: what was published at sealing (commitments, the blueprint and candidates digests,
the public value's announced source, the seal digest), the blueprint (as the exact text that
was stored), the sealed candidate numbers, the public value and when it was entered, the
secret, the frozen items and every served paper. ``thituyen verify-draw --bundle FILE`` (or
any reimplementation of ``question_bank.draw``) checks it with no access to the platform's
database; an observer who noted the seal digest on the public page at sealing passes it as
``--seal-digest`` to tie the file to what was announced. Only ``question_bank`` and the
standard library are used here.

Bundles of seals made under ``thituyen-draw-v1`` keep their format
(``thituyen-draw-bundle-v1``) and their check. Seals made under ``thituyen-draw-v2`` and
``-v3`` share the format ``thituyen-draw-bundle-v2``; its ``draw_version`` says which seal
statement and paper fingerprint apply (v3: both cover ``competition_id``).
"""

from __future__ import annotations

import hashlib
import json

from question_bank import draw
from question_bank.items import item_from_dict

BUNDLE_VERSION_V1 = "thituyen-draw-bundle-v1"
BUNDLE_VERSION = "thituyen-draw-bundle-v2"


def parts_from_json(text: str) -> list[draw.Part]:
    return [draw.Part(p["key"], p["title"],
                      tuple(draw.Cell(c["topic"], c["difficulty"], c["type"], int(c["count"]),
                                      c["points"]) for c in p["cells"]),
                      essay_mode=p["essay_mode"], instructions=p.get("instructions", ""))
            for p in json.loads(text)]


def drawable(items, parts):
    """The items some cell could draw. A cell's pool only ever holds items that match it, so
    leaving the others out changes no paper; it keeps a large bank's draw fast."""
    cells = [cell for part in parts for cell in part.cells]
    shown = {part.instructions for part in parts if part.instructions}
    return [item for item in items if item.key in shown or any(cell.matches(item) for cell in cells)]


def verify_bundle(bundle: dict, *, seal_digest: str | None = None) -> tuple[list[str], int]:
    """Every way the bundle fails to hold (empty when it holds) and the papers recomputed.

    ``seal_digest``: the value an observer saw published at sealing, if they kept it."""
    version = bundle.get("v")
    if version == BUNDLE_VERSION_V1:
        if seal_digest:
            return ["a thituyen-draw-v1 seal published no seal digest"], 0
        return _verify_v1(bundle)
    if version != BUNDLE_VERSION:
        return [f"not a {BUNDLE_VERSION} or {BUNDLE_VERSION_V1} file"], 0
    return _verify_v2(bundle, seal_digest)


def _commitment_problems(bundle: dict, secret: bytes, items) -> list[str]:
    problems = []
    if draw.commitment("board-secret", secret) != bundle["secret_commitment"]:
        problems.append("the revealed secret does not match the published commitment")
    digest = draw.snapshot_digest(items)
    if draw.commitment("bank-snapshot", digest.encode()) != bundle["snapshot_commitment"]:
        problems.append("the stored bank snapshot does not match the published commitment")
    return problems


def _fingerprint(bundle: dict, drawn, number: str) -> str:
    """Step 7: 7b under v3, the rows alone (7a) under v1 and v2."""
    if bundle.get("draw_version") != draw.DRAW_VERSION:
        return draw.paper_fingerprint(drawn)
    return draw.paper_fingerprint(drawn, draw_version=draw.DRAW_VERSION,
                                  competition=bundle.get("competition_id"), candidate_number=number)


def _redraw(bundle: dict, seed: bytes, items, parts) -> list[str]:
    problems: list[str] = []
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
        elif _fingerprint(bundle, expected, number) != paper["fingerprint"]:
            problems.append(f"candidate {number}: the stored fingerprint differs")
    return problems


def _verify_v1(bundle: dict) -> tuple[list[str], int]:
    secret = bytes.fromhex(bundle["secret"])
    items = [item_from_dict(data) for data in bundle["snapshot"]]
    problems = _commitment_problems(bundle, secret, items)
    blueprint = bundle["blueprint"]
    if hashlib.sha256(blueprint.encode("utf-8")).hexdigest() != bundle["blueprint_sha256"]:
        problems.append("the stored blueprint does not match the published one")
    seed = draw.derive_seed(secret, bundle["public_value"])
    problems += _redraw(bundle, seed, items, parts_from_json(blueprint))
    return problems, len(bundle["papers"])


def _time_problems(bundle: dict) -> list[str]:
    source = bundle.get("public_value_source") or {}
    try:
        known_after = draw.parse_utc_text(source.get("known_after") or "")
        sealed_at = draw.parse_utc_text(bundle.get("sealed_at") or "")
        entered_at = draw.parse_utc_text(bundle.get("public_value_at") or "")
    except ValueError as error:
        return [f"a time of the seal or of the public value is missing or unreadable ({error})"]
    problems = []
    if not sealed_at < known_after:
        problems.append(f"the seal ({bundle['sealed_at']}) was not made before the public "
                        f"value could be known ({source['known_after']})")
    if entered_at < known_after:
        problems.append(f"the public value was entered ({bundle['public_value_at']}) before "
                        f"its announced source was known ({source['known_after']})")
    return problems


def _verify_v2(bundle: dict, observed_seal_digest: str | None) -> tuple[list[str], int]:
    problems: list[str] = []
    version = bundle.get("draw_version")
    if version not in (draw.V2_DRAW_VERSION, draw.DRAW_VERSION):
        problems.append(f"unknown draw version {version!r}")
        version = draw.V2_DRAW_VERSION
    competition = bundle.get("competition_id")
    if version == draw.DRAW_VERSION and (isinstance(competition, bool)
                                         or not isinstance(competition, int) or competition < 1):
        return [f"a {version} bundle names its competition by its number (competition_id)"], 0
    source = bundle.get("public_value_source") or {}
    statement = draw.seal_statement(
        draw_version=version, competition=competition,
        secret_commitment=bundle["secret_commitment"],
        snapshot_commitment=bundle["snapshot_commitment"],
        blueprint_digest=bundle["blueprint_digest"],
        candidates_digest=bundle["candidates_digest"],
        public_value_source={"description": source.get("description"),
                             "known_after": source.get("known_after")})
    if draw.seal_digest(statement) != bundle["seal_digest"]:
        problems.append("the seal digest does not match the commitments, digests and source "
                        "published with it")
    if observed_seal_digest and observed_seal_digest.strip().lower() != bundle["seal_digest"]:
        problems.append("the seal digest differs from the one published at sealing "
                        f"({observed_seal_digest.strip()})")
    problems += _time_problems(bundle)
    secret = bytes.fromhex(bundle["secret"])
    items = [item_from_dict(data) for data in bundle["snapshot"]]
    problems += _commitment_problems(bundle, secret, items)
    parts = parts_from_json(bundle["blueprint"])
    if draw.blueprint_digest(parts) != bundle["blueprint_digest"]:
        problems.append("the blueprint differs from the one sealed (its parts, titles, cells "
                        "or their order changed)")
    problems += _candidate_problems(bundle)
    seed = draw.derive_seed(secret, bundle["public_value"])
    problems += _redraw(bundle, seed, items, parts)
    return problems, len(bundle["papers"])


def _candidate_problems(bundle: dict) -> list[str]:
    numbers = bundle.get("candidate_numbers") or []
    try:
        listed = draw.candidate_list(numbers)
    except ValueError as error:
        return [f"the sealed list of candidate numbers is not valid ({error})"]
    problems = []
    if draw.candidates_digest(listed) != bundle["candidates_digest"]:
        problems.append("the list of candidate numbers differs from the one sealed")
    served = [paper["candidate_number"] for paper in bundle["papers"]]
    sealed = set(listed)
    problems += [f"candidate {n} has a paper but is not on the sealed list"
                 for n in sorted(set(served) - sealed)]
    problems += [f"candidate {n} is on the sealed list but has no paper"
                 for n in sorted(sealed - set(served))]
    problems += [f"candidate {n} has more than one paper"
                 for n in sorted({n for n in served if served.count(n) > 1})]
    return problems
