"""The public value's source is fixed at sealing, and the seal binds the blueprint and the
candidate numbers: once the value is known, nothing it is applied to can change unseen."""

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from exam.audit import service as audit
from exam.audit.models import AuditEntry
from exam.competitions.models import Stage
from exam.errors import Conflict, InvalidInput
from exam.sitting import bundle, service
from exam.sitting.models import Paper, Seal
from question_bank import draw
from question_bank.items import item_from_dict
from tests.factories import make_application
from tests.sitting.helpers import PUBLIC_VALUE, VALUE_SOURCE, seal, sitting_competition

SECRET = bytes(range(32))


def _seal_kwargs(clock, **overrides):
    return {"now": clock.now, "value_source": VALUE_SOURCE,
            "value_known_after": clock.days(1), **overrides}


def _future_world(db, clock, candidates=3):
    """Sitting in three days: the board seals now."""
    return sitting_competition(db, now=clock.now, candidates=candidates,
                               sitting_opens=clock.days(3),
                               sitting_closes=clock.days(3) + timedelta(hours=4))


def _record_acceptances(db, world, clock):
    """The log entries `registration.accept_application` writes (the factories skip them)."""
    for application in world["applications"]:
        audit.record(db, world["chair"], "application.accepted", at=clock.days(-20),
                     competition=world["competition"], target=application,
                     payload={"candidate_number": application.candidate_number})


def _draw_and_reveal(db, world, clock):
    competition = world["competition"]
    service.enter_public_value(db, world["chair"], competition, PUBLIC_VALUE,
                               now=clock.now - timedelta(days=2))
    competition.stage = Stage.SCORING  # the sitting itself plays no part in the draw
    service.reveal_secret(db, world["chair"], competition, now=clock.now)
    db.flush()


def _sealed_world(db, clock, *, acceptances=False):
    world = sitting_competition(db, now=clock.now)
    if acceptances:
        _record_acceptances(db, world, clock)
    seal(db, world, now=clock.now, secret=SECRET)
    return world


def _edit_blueprint(db, world, change):
    stored = service.seal_of(db, world["competition"])
    parts = json.loads(stored.blueprint)
    change(parts)
    stored.blueprint = draw.canonical_json(parts)
    db.flush()


# ----------------------------------------------------------------------------- the source


@pytest.mark.parametrize(("overrides", "message"), [
    ({"value_source": ""}, "Name the public random event"),
    ({"value_source": "xổ số"}, "Name the public random event"),
    ({"value_known_after": None}, "Give the time after which"),
    ({"value_known_after": "past"}, "give a time in the future"),
    ({"value_known_after": "now"}, "give a time in the future"),
    ({"value_known_after": "after opening"}, "before the sitting opens"),
])
def test_sealing_without_a_source_known_only_in_the_future_is_refused(db, clock, overrides,
                                                                      message):
    world = _future_world(db, clock)
    moments = {"past": clock.hours(-1), "now": clock.now,
               "after opening": clock.days(3) + timedelta(minutes=1)}
    overrides = {k: moments.get(v, v) if isinstance(v, str) and k == "value_known_after" else v
                 for k, v in overrides.items()}
    with pytest.raises(InvalidInput, match=message):
        service.seal_papers(db, world["chair"], world["competition"],
                            **_seal_kwargs(clock, **overrides))
    assert service.seal_of(db, world["competition"]) is None
    assert world["competition"].stage == Stage.ELIGIBILITY_REVIEWED


def test_the_public_value_is_refused_before_the_announced_time_by_the_server_clock(db, clock):
    world = _future_world(db, clock)
    known_after = clock.days(1)
    service.seal_papers(db, world["chair"], world["competition"],
                        **_seal_kwargs(clock, value_known_after=known_after))
    with pytest.raises(Conflict, match="known only from"):
        service.enter_public_value(db, world["chair"], world["competition"], PUBLIC_VALUE,
                                   now=known_after - timedelta(seconds=1))
    assert db.scalars(select(Paper)).first() is None
    assert service.seal_of(db, world["competition"]).public_value is None
    drawn = service.enter_public_value(db, world["chair"], world["competition"], PUBLIC_VALUE,
                                       now=known_after)
    assert drawn == 3


def test_the_seal_publishes_the_source_and_one_digest_binding_blueprint_and_candidates(
        db, clock, client):
    world = _future_world(db, clock)
    known_after = clock.days(1)
    stored = service.seal_papers(db, world["chair"], world["competition"], secret=SECRET,
                                 **_seal_kwargs(clock, value_known_after=known_after))
    parts = service.blueprint_parts(service.parts_of(db, world["competition"]))
    payload = json.loads(db.scalar(select(AuditEntry.payload)
                                   .where(AuditEntry.action == "sitting.sealed")))
    assert payload["draw_version"] == "thituyen-draw-v3"
    assert payload["blueprint_digest"] == draw.blueprint_digest(parts)
    assert payload["candidates_digest"] == draw.candidates_digest(["0003", "0001", "0002"])
    assert payload["public_value_source"] == {"description": VALUE_SOURCE,
                                              "known_after": draw.utc_text(known_after)}
    statement = draw.seal_statement(
        competition=world["competition"].id,
        secret_commitment=draw.commitment("board-secret", SECRET),
        snapshot_commitment=stored.snapshot_commitment,
        blueprint_digest=draw.blueprint_digest(parts),
        candidates_digest=draw.candidates_digest(["0001", "0002", "0003"]),
        public_value_source={"description": VALUE_SOURCE,
                             "known_after": draw.utc_text(known_after)})
    assert payload["seal_digest"] == stored.seal_digest == draw.seal_digest(statement)

    record = client.get(f"/competitions/{world['competition'].id}/record.json").get_json()
    commitments = record["commitments"]
    assert commitments["seal_digest"] == stored.seal_digest
    assert commitments["blueprint_digest"] == payload["blueprint_digest"]
    assert commitments["candidates_digest"] == payload["candidates_digest"]
    assert commitments["public_value_source"] == VALUE_SOURCE
    assert commitments["public_value_known_after"] == known_after.isoformat()
    assert commitments["draw_version"] == "thituyen-draw-v3"


def test_the_seal_digest_changes_with_any_cell_order_part_name_or_candidate_number():
    parts = [draw.Part("A", "Kiến thức", (
        draw.Cell("Luật", "easy", "single_choice", 2), draw.Cell("Luật", "hard", "single_choice", 1)))]
    reordered = [draw.Part("A", "Kiến thức", tuple(reversed(parts[0].cells)))]
    renamed = [draw.Part("B", "Kiến thức", parts[0].cells)]
    assert len({draw.blueprint_digest(p) for p in (parts, reordered, renamed)}) == 3
    assert draw.candidates_digest(["0002", "0001"]) == draw.candidates_digest(["0001", "0002"])
    assert draw.candidates_digest(["0001", "0002"]) != draw.candidates_digest(["0001", "0009"])
    with pytest.raises(ValueError, match="listed twice"):
        draw.candidates_digest(["0001", "0001"])


# ----------------------------------------------------------------------------- renumbering


def test_a_candidate_renumbered_after_sealing_gets_no_draw(db, clock):
    world = _sealed_world(db, clock)
    world["applications"][2].candidate_number = "0009"
    db.flush()
    with pytest.raises(Conflict, match="0003, 0009"):
        service.enter_public_value(db, world["chair"], world["competition"], PUBLIC_VALUE,
                                   now=clock.now - timedelta(days=2))
    assert db.scalars(select(Paper)).first() is None


def test_two_candidates_swapping_numbers_after_sealing_get_no_draw(db, clock):
    world = _sealed_world(db, clock, acceptances=True)
    first, second = world["applications"][:2]
    first.candidate_number, second.candidate_number = "tmp", first.candidate_number
    db.flush()
    first.candidate_number = "0002"
    db.flush()
    with pytest.raises(Conflict, match="0001, 0002 differ from the ones given at acceptance"):
        service.enter_public_value(db, world["chair"], world["competition"], PUBLIC_VALUE,
                                   now=clock.now - timedelta(days=2))


# ----------------------------------------------------------------------------- verify-draw


def test_verify_draw_shows_the_announced_source_and_the_seal_digest(db, clock, runner):
    world = _sealed_world(db, clock)
    _draw_and_reveal(db, world, clock)
    result = runner.invoke(args=["verify-draw", str(world["competition"].id)])
    assert result.exit_code == 0, result.output
    stored = service.seal_of(db, world["competition"])
    assert f"public value source: {VALUE_SOURCE}, known after" in result.output
    assert f"seal digest: {stored.seal_digest}" in result.output
    wrong = runner.invoke(args=["verify-draw", str(world["competition"].id),
                                "--seal-digest", "0" * 64])
    assert wrong.exit_code == 1
    assert "the seal digest differs from the one published at sealing" in wrong.output


def _reorder_cells(parts):
    parts[0]["cells"].reverse()


def _rename_part(parts):
    parts[0]["key"] = "Z"


@pytest.mark.parametrize("change", [_reorder_cells, _rename_part], ids=["cells", "part"])
def test_verify_draw_names_a_blueprint_edited_in_the_database_after_sealing(
        db, clock, runner, change):
    world = _sealed_world(db, clock)
    _edit_blueprint(db, world, change)
    _draw_and_reveal(db, world, clock)
    result = runner.invoke(args=["verify-draw", str(world["competition"].id)])
    assert result.exit_code == 1
    assert "the blueprint differs from the one sealed" in result.output


def test_verify_draw_names_a_candidate_renumbered_in_the_database_after_sealing(
        db, clock, runner):
    """The insider renumbers 0003 as 0009 and rewrites the seal's own list to match, so the
    draw goes through; the digest published at sealing still says otherwise."""
    world = _sealed_world(db, clock)
    world["applications"][2].candidate_number = "0009"
    service.seal_of(db, world["competition"]).candidate_numbers = json.dumps(
        ["0001", "0002", "0009"])
    db.flush()
    _draw_and_reveal(db, world, clock)
    result = runner.invoke(args=["verify-draw", str(world["competition"].id)])
    assert result.exit_code == 1
    assert "the list of candidate numbers differs from the one sealed" in result.output


def test_verify_draw_names_two_candidates_whose_numbers_were_swapped_in_the_database(
        db, clock, runner):
    world = _sealed_world(db, clock, acceptances=True)
    _draw_and_reveal(db, world, clock)
    first, second = db.scalars(select(Paper).order_by(Paper.candidate_number)).all()[:2]
    spare = make_application(db, world["competition"])
    first.application_id, second.application_id = spare.id, first.application_id
    db.flush()
    first.application_id = world["applications"][1].id
    db.flush()
    result = runner.invoke(args=["verify-draw", str(world["competition"].id)])
    assert result.exit_code == 1
    assert "candidate 0001: the paper belongs to the application accepted as 0002" in result.output


# ----------------------------------------------------------------------------- the bundle


@pytest.fixture
def exported(db, clock, runner, tmp_path):
    world = _sealed_world(db, clock)
    _draw_and_reveal(db, world, clock)
    path = tmp_path / "boc-de.json"
    result = runner.invoke(args=["verify-draw", str(world["competition"].id), "--export",
                                 str(path)])
    assert result.exit_code == 0, result.output
    return path


def _redraw_consistently(data):
    """What a forger does so that every paper matches the edited file."""
    seed = draw.derive_seed(bytes.fromhex(data["secret"]), data["public_value"])
    items = [item_from_dict(d) for d in data["snapshot"]]
    parts = bundle.parts_from_json(data["blueprint"])
    for paper in data["papers"]:
        drawn = draw.draw_paper(seed, items, parts, paper["candidate_number"])
        paper["items"] = [[d.part_key, d.position, d.item_key, list(d.option_order)]
                          for d in drawn]
        paper["fingerprint"] = draw.paper_fingerprint(
            drawn, draw_version=data["draw_version"], competition=data["competition_id"],
            candidate_number=paper["candidate_number"])


def _check(runner, path, data, *extra):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return runner.invoke(args=["verify-draw", "--bundle", str(path), *extra])


def test_the_bundle_carries_the_source_and_verifies_against_the_observed_seal_digest(
        exported, runner):
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["v"] == "thituyen-draw-bundle-v2"
    assert data["public_value_source"]["description"] == VALUE_SOURCE
    assert data["candidate_numbers"] == ["0001", "0002", "0003"]
    result = runner.invoke(args=["verify-draw", "--bundle", str(exported),
                                 "--seal-digest", data["seal_digest"]])
    assert result.exit_code == 0, result.output
    assert f"public value source: {VALUE_SOURCE}" in result.output


@pytest.mark.parametrize("change", [_reorder_cells, _rename_part], ids=["cells", "part"])
def test_a_bundle_with_an_edited_blueprint_fails_even_with_every_paper_redrawn(
        exported, runner, change):
    data = json.loads(exported.read_text(encoding="utf-8"))
    parts = json.loads(data["blueprint"])
    change(parts)
    data["blueprint"] = draw.canonical_json(parts)
    _redraw_consistently(data)
    result = _check(runner, exported, data)
    assert result.exit_code == 1
    assert "the blueprint differs from the one sealed" in result.output
    assert "served paper differs" not in result.output


def test_a_bundle_with_a_renumbered_candidate_fails_even_with_the_paper_redrawn(exported, runner):
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["papers"][2]["candidate_number"] = "0009"
    data["candidate_numbers"] = ["0001", "0002", "0009"]
    _redraw_consistently(data)
    result = _check(runner, exported, data)
    assert result.exit_code == 1
    assert "the list of candidate numbers differs from the one sealed" in result.output
    data["candidate_numbers"] = ["0001", "0002", "0003"]
    result = _check(runner, exported, data)
    assert result.exit_code == 1
    assert "candidate 0009 has a paper but is not on the sealed list" in result.output
    assert "candidate 0003 is on the sealed list but has no paper" in result.output


def test_a_wholly_rewritten_seal_is_caught_by_the_digest_noted_at_sealing(exported, runner):
    data = json.loads(exported.read_text(encoding="utf-8"))
    observed = data["seal_digest"]
    parts = json.loads(data["blueprint"])
    _reorder_cells(parts)
    data["blueprint"] = draw.canonical_json(parts)
    data["blueprint_digest"] = draw.blueprint_digest(bundle.parts_from_json(data["blueprint"]))
    data["seal_digest"] = draw.seal_digest(draw.seal_statement(**{
        k: data[k] for k in ("secret_commitment", "snapshot_commitment", "blueprint_digest",
                             "candidates_digest", "public_value_source")},
        competition=data["competition_id"]))
    _redraw_consistently(data)
    assert _check(runner, exported, data).exit_code == 0  # consistent in itself...
    result = _check(runner, exported, data, "--seal-digest", observed)
    assert result.exit_code == 1  # ...but not the seal the public saw
    assert "the seal digest differs from the one published at sealing" in result.output


@pytest.mark.parametrize(("field", "change", "message"), [
    ("public_value_at", -2, "the public value was entered"),
    ("sealed_at", +2, "was not made before the public value could be known"),
    ("seal_digest", None, "the seal digest does not match"),
])
def test_a_bundle_out_of_time_or_with_a_source_swapped_fails(exported, runner, field, change,
                                                            message):
    data = json.loads(exported.read_text(encoding="utf-8"))
    known_after = draw.parse_utc_text(data["public_value_source"]["known_after"])
    if change is None:
        data["public_value_source"]["description"] = "Xổ số kiến thiết Miền Nam ngày khác"
    else:
        data[field] = draw.utc_text(known_after + timedelta(hours=change))
    result = _check(runner, exported, data)
    assert result.exit_code == 1
    assert message in result.output


def test_a_draw_sealed_under_v1_still_verifies(db, clock, runner, tmp_path):
    """A seal made before draw v2 (no source, no digests) keeps its v1 check and bundle."""
    world = _sealed_world(db, clock)
    stored = service.seal_of(db, world["competition"])
    stored.draw_version = "thituyen-draw-v1"
    for column in ("value_source", "value_known_after", "blueprint_digest", "candidate_numbers",
                   "candidates_digest", "seal_digest"):
        setattr(stored, column, None)
    db.flush()
    _draw_and_reveal(db, world, clock)
    path = tmp_path / "v1.json"
    result = runner.invoke(args=["verify-draw", str(world["competition"].id), "--export",
                                 str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["v"] == "thituyen-draw-bundle-v1"
    assert data["blueprint_sha256"] == hashlib.sha256(stored.blueprint.encode()).hexdigest()
    assert runner.invoke(args=["verify-draw", "--bundle", str(path)]).exit_code == 0
    data["papers"][0]["items"][0][3] = list(reversed(data["papers"][0]["items"][0][3]))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["verify-draw", "--bundle", str(path)])
    assert result.exit_code == 1


def test_an_unreadable_bundle_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "hong.json"
    path.write_text('{"v": "thituyen-draw-bundle-v2"}', encoding="utf-8")
    result = runner.invoke(args=["verify-draw", "--bundle", str(path)])
    assert result.exit_code == 1
    assert "is not a readable draw bundle" in result.output
    assert "Traceback" not in result.output


def test_the_seal_row_left_unchanged_is_what_the_public_page_shows(db, clock):
    """The page reads the seal's copy; verify-draw names a copy that drifted from the log."""
    world = _sealed_world(db, clock)
    _draw_and_reveal(db, world, clock)
    stored = db.scalars(select(Seal)).one()
    stored.value_source = "Xổ số điện toán Vietlott ngày khác"
    db.flush()
    problems = service.verify_draw(db, world["competition"]).problems
    assert ("the seal's public value source shown on the public page differs from the one "
            "published at sealing") in problems


V2_BUNDLE = Path(__file__).parent / "data" / "draw-bundle-v2.json"


def test_a_bundle_published_under_v2_still_verifies_exactly_as_before(runner, tmp_path):
    """draw-bundle-v2.json was exported by the code before draw v3; it keeps its check."""
    data = json.loads(V2_BUNDLE.read_text(encoding="utf-8"))
    assert data["draw_version"] == "thituyen-draw-v2"
    result = runner.invoke(args=["verify-draw", "--bundle", str(V2_BUNDLE),
                                 "--seal-digest", data["seal_digest"]])
    assert result.exit_code == 0, result.output
    data["papers"][1]["fingerprint"] = data["papers"][0]["fingerprint"]
    result = _check(runner, tmp_path / "v2.json", data)
    assert result.exit_code == 1
    assert "the stored fingerprint differs" in result.output


def test_a_v3_fingerprint_names_the_competition_and_the_candidate(exported, runner):
    """Under v3 a paper's fingerprint covers the competition's number and the candidate
    number, and the seal digest covers the competition: moving a bundle to another
    competition, or a paper to another candidate, shows."""
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["draw_version"] == "thituyen-draw-v3"
    first = data["papers"][0]
    rows = [draw.DrawnItem(p, n, k, tuple(o)) for p, n, k, o in first["items"]]
    assert first["fingerprint"] == draw.paper_fingerprint(
        rows, draw_version="thituyen-draw-v3", competition=data["competition_id"],
        candidate_number=first["candidate_number"])
    assert first["fingerprint"] != draw.paper_fingerprint(rows)
    moved = dict(data, competition_id=data["competition_id"] + 1)
    result = _check(runner, exported, moved)
    assert result.exit_code == 1
    assert "the seal digest does not match" in result.output
    assert "the stored fingerprint differs" in result.output
