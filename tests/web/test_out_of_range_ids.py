"""Numbers no row can have (ids past the database's integer range) answer 404 or are ignored,
never a 500: on every route with a number in its path, and on `?page=`-style parameters."""

import re

import pytest

from exam.competitions.models import Role
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition

HUGE = ("99999999999999999999", str(2**63), str(2**31))


def _rules_with_numbers(app):
    for rule in app.url_map.iter_rules():
        numbered = [name for name, conv in rule._converters.items()
                    if type(conv).__name__.endswith(("IntegerConverter", "IdConverter"))]
        if numbered:
            yield rule, numbered


def test_every_numbered_route_answers_404_for_an_id_no_row_can_have(app, client, db):
    admin = make_admin(db)
    login(client, admin)
    rules = list(_rules_with_numbers(app))
    assert len(rules) > 20  # the whole URL map, not a sample
    failures = []
    for rule, _numbered in rules:
        for huge in HUGE:
            path = re.sub(r"<(?:int:)?[^>]+>", lambda m, h=huge: h if m.group(0).startswith("<int:") else "x", rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                status = client.open(path, method=method).status_code
                if status != 404:
                    failures.append((method, path, status))
    assert failures == []


@pytest.mark.parametrize("huge", HUGE)
def test_page_and_filter_numbers_out_of_range_are_ignored(client, db, huge):
    competition = make_competition(db)
    chair = appoint(db, competition, Role.CHAIR)
    login(client, chair)
    listing = client.get(f"/manage/{competition.id}/applications?page={huge}")
    assert listing.status_code == 200
    admin = make_admin(db)
    login(client, admin)
    for query in (f"page={huge}", f"competition={huge}", f"actor={huge}"):
        assert client.get(f"/audit/?{query}").status_code == 200, query
