"""The public downloads the draw bundle once the board has revealed its secret; it is the same
file the CLI exports and it verifies; before the reveal there is nothing to download."""

from __future__ import annotations

import json

from tests.sitting.test_draw_source import _draw_and_reveal, _sealed_world


def test_the_bundle_is_public_after_the_reveal_and_verifies(client, db, clock, runner,
                                                            tmp_path):
    world = _sealed_world(db, clock)
    competition = world["competition"]
    url = f"/competitions/{competition.id}/draw-bundle.json"
    assert client.get(url).status_code == 404
    _draw_and_reveal(db, world, clock)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert data["v"] == "thituyen-draw-bundle-v2"
    path = tmp_path / "boc-de.json"
    path.write_bytes(response.data)
    result = runner.invoke(args=["verify-draw", "--bundle", str(path),
                                 "--seal-digest", data["seal_digest"]])
    assert result.exit_code == 0, result.output
    page = client.get(f"/competitions/{competition.id}").get_data(as_text=True)
    assert url in page
    assert "/verify-draw" in page
