"""The dashboard lists what each coming stage needs from the draft on, met or not."""

from __future__ import annotations

import re

from exam.competitions.models import Role, Stage
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition


def _items(page: str) -> dict[str, str]:
    return {re.sub(r"<[^>]+>|\s+", " ", text).strip(): state
            for state, text in re.findall(r'<li class="(met|unmet)">(.*?)</li>', page, re.S)}


def test_a_new_competition_shows_every_coming_requirement_from_the_start(client, db):
    admin = make_admin(db)
    competition = make_competition(db, created_by=admin, stage=Stage.DRAFT)
    appoint(db, competition, Role.CHAIR)
    login(client, admin)
    page = client.get(f"/manage/{competition.id}").get_data(as_text=True)
    assert 'id="needs-heading"' in page
    items = _items(page)
    assert any("chair" in k.lower() or "Chủ tịch" in k for k, v in items.items() if v == "met")
    unmet = " ".join(k for k, v in items.items() if v == "unmet")
    assert "examiners" in unmet or "giám khảo" in unmet
    assert "proctor" in unmet.lower() or "giám thị" in unmet
    assert "result rules" in unmet or "kết quả" in unmet
    for number in range(4):
        appoint(db, competition, Role.EXAMINER)
    met = " ".join(k for k, v in _items(client.get(f"/manage/{competition.id}").get_data(
        as_text=True)).items() if v == "met")
    assert "examiners" in met or "giám khảo" in met


def test_requirements_of_stages_already_passed_are_not_listed(client, db):
    admin = make_admin(db)
    competition = make_competition(db, created_by=admin, stage=Stage.SCORING)
    login(client, admin)
    items = _items(client.get(f"/manage/{competition.id}").get_data(as_text=True))
    assert not any("proctor" in k.lower() or "giám thị" in k for k in items)
    assert any("result rules" in k or "kết quả" in k for k in items)
