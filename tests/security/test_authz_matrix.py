"""Must show 1: every route of the URL map, requested as every role, allows or denies as the
rules table (tests/security/authz_rules.py) says. A route without a rule fails here by name.
"""

from __future__ import annotations

import re

import pytest

from exam import create_app
from exam.web import CONTENT_SECURITY_POLICY
from tests.conftest import login
from tests.security import authz_rules
from tests.security.authz_rules import PARAMS, ROLES, build_world, rule_for

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _route_map() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(endpoint, method, rule, arguments) of the real app, read without touching a database."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://",
                      "RATELIMIT_ENABLED": False})
    routes = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - IGNORED_METHODS):
            routes.append((rule.endpoint, method, rule.rule, tuple(sorted(rule.arguments))))
    app.extensions["thituyen_db"].engine.dispose()
    return sorted(routes)


ROUTES = _route_map()


def test_every_route_has_a_rule():
    missing = [f"{method} {path} ({endpoint})" for endpoint, method, path, _ in ROUTES
               if rule_for(endpoint, method) is None]
    assert not missing, ("routes without a row in tests/security/authz_rules.py RULES: "
                         + "; ".join(missing))
    unknown = sorted({arg for *_, args in ROUTES for arg in args} - set(PARAMS))
    assert not unknown, ("URL arguments without a PARAMS entry in "
                         f"tests/security/authz_rules.py: {', '.join(unknown)}")


def test_the_rules_table_names_only_existing_routes():
    endpoints = {endpoint for endpoint, *_ in ROUTES}
    stale = sorted(set(authz_rules.RULES) - endpoints)
    assert not stale, f"rules for endpoints that no longer exist: {', '.join(stale)}"


def reached(response) -> bool:
    """The permission check let the request through (a refused form or a wrong stage still counts)."""
    if response.status_code in (401, 403, 404):
        return False
    location = response.headers.get("Location", "")
    return not (300 <= response.status_code < 400 and "/account/login" in location)


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=\s*[\"']")


def header_problems(response, label: str) -> list[str]:
    """Every response carries the security headers; no HTML page carries inline script."""
    problems = []
    if response.headers.get("Content-Security-Policy") != CONTENT_SECURITY_POLICY:
        problems.append(f"{label}: no Content-Security-Policy")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{label}: no X-Content-Type-Options")
    if response.mimetype == "text/html" and INLINE_SCRIPT.search(response.get_data(as_text=True)):
        problems.append(f"{label}: inline script in the page")
    return problems


@pytest.mark.parametrize(("endpoint", "method", "path", "arguments"), ROUTES,
                         ids=[f"{m} {e}" for e, m, *_ in ROUTES])
def test_route_allows_exactly_its_roles(app, db, tmp_path, endpoint, method, path, arguments):
    rule = rule_for(endpoint, method)
    assert rule is not None, (f"{method} {path} ({endpoint}) has no row in "
                              "tests/security/authz_rules.py RULES: add who may reach it")
    for argument in arguments:
        assert argument in PARAMS, (f"{method} {path} ({endpoint}): URL argument '{argument}' has "
                                    "no PARAMS entry in tests/security/authz_rules.py")
    world = build_world(db, app.config["UPLOAD_FOLDER"])
    values = {argument: PARAMS[argument](db, world) for argument in arguments}
    db.flush()
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **values)

    wrong = {}
    problems: list[str] = []
    for role in ROLES:
        savepoint = db.begin_nested()
        try:
            client = app.test_client()
            if role != "anonymous":
                login(client, world.users[role])
            data = rule.form(db, world) if (rule.form and method != "GET") else None
            db.flush()
            response = client.open(url, method=method, data=data)
            got = reached(response)
            problems += header_problems(response, f"{method} {url} as {role}")
            response.close()
        finally:
            savepoint.rollback()
        expected = role in rule.allowed
        if got != expected:
            wrong[role] = (f"{role}: expected {'allow' if expected else 'deny'}, got "
                           f"{response.status_code} {response.headers.get('Location', '')}".strip())

    assert not problems, "; ".join(problems)
    gaps = {role: reason for (e, m, role), reason in authz_rules.KNOWN_GAPS.items()
            if (e, m) == (endpoint, method)}
    unexpected = {role: text for role, text in wrong.items() if role not in gaps}
    assert not unexpected, f"{method} {url} ({endpoint}): " + "; ".join(unexpected.values())
    closed = set(gaps) - set(wrong)
    assert not closed, (f"{method} {endpoint}: the known gap for {', '.join(sorted(closed))} is "
                        "closed now; remove it from KNOWN_GAPS")
    if gaps:
        pytest.xfail("known gaps: " + "; ".join(f"{r}: {gaps[r]}" for r in sorted(gaps)))
