"""Must show 4 (forms): random values POSTed to every form route, as a user allowed to reach
it, never give a 500 and never leave a partial write behind a refusal."""

from __future__ import annotations

import io
import re

import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from exam.models import Base
from tests.conftest import login
from tests.security.authz_rules import PARAMS, build_world, rule_for
from tests.security.test_authz_matrix import ROUTES

PREFERENCE = ("board", "admin", "other_candidate", "candidate", "examiner", "author", "proctor",
              "anonymous")
COMMON_FIELDS = ("confirm", "reason", "email", "role", "code", "next", "comment", "value")
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>')
FILE_FIELD = re.compile(r'<input\b[^>]*\btype="file"[^>]*\bname="([^"]+)"|'
                        r'<input\b[^>]*\bname="([^"]+)"[^>]*\btype="file"')

FORM_ROUTES = [(endpoint, path, arguments) for endpoint, method, path, arguments in ROUTES
               if method == "POST" and rule_for(endpoint, "POST") is not None
               and rule_for(endpoint, "POST").allowed]

VALUES = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["", " ", "0", "-1", "1", "y", "on", "2026-02-30", "1900-01-01",
                     "2026-11-22T08:00", "9" * 40, "1e309", "NaN", "<b>x</b>",
                     "' OR 1=1 --", "a@b", "x" * 6000, "chair", "examiner", "master"]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


def _counts(session) -> tuple[int, ...]:
    """Rows in every table, in one round trip."""
    tables = Base.metadata.sorted_tables
    query = select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables))
    return tuple(session.execute(query).one())


def _refused(client, response) -> bool:
    """An error status, a form shown again with errors, or an error flashed before a redirect."""
    with client.session_transaction() as session:
        flashes = session.pop("_flashes", [])
    if response.status_code >= 400 or any(category == "error" for category, _ in flashes):
        return True
    body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
    return response.status_code == 200 and ('class="error"' in body or "has-error" in body)


def _fields(client, url: str, rule) -> tuple[list[str], list[str]]:
    names, files = set(COMMON_FIELDS), set()
    page = client.get(url)
    if page.status_code == 200 and page.mimetype == "text/html":
        text = page.get_data(as_text=True)
        names |= set(FIELD.findall(text))
        files |= {a or b for a, b in FILE_FIELD.findall(text)}
    page.close()
    names -= {"csrf_token"} | files
    return sorted(names), sorted(files)


@pytest.mark.parametrize(("endpoint", "path", "arguments"), FORM_ROUTES,
                         ids=[e for e, *_ in FORM_ROUTES])
def test_random_form_values_never_crash_or_half_write(app, db, endpoint, path, arguments):
    rule = rule_for(endpoint, "POST")
    world = build_world(db, app.config["UPLOAD_FOLDER"])
    values = {argument: PARAMS[argument](db, world) for argument in arguments}
    role = next(r for r in PREFERENCE if r in rule.allowed)
    db.flush()
    with app.test_request_context():
        url = url_for(endpoint, **values)
    client = app.test_client()
    if role != "anonymous":
        login(client, world.users[role])
    names, files = _fields(client, url, rule)
    if rule.form is not None:
        savepoint = db.begin_nested()
        names = sorted(set(names) | set(rule.form(db, world)))
        savepoint.rollback()

    # Forms the rules table can fill validly get more examples: they reach the services.
    @settings(max_examples=30 if rule.form is not None else 15, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(form=st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUES)),
           uploads=st.fixed_dictionaries({}, optional={name: st.binary(max_size=300)
                                                       for name in files}),
           start_valid=st.booleans())
    def post_random(form, uploads, start_valid):
        """Random fields alone, or a valid form with some fields replaced (to get deep)."""
        savepoint = db.begin_nested()
        try:
            valid = rule.form(db, world) if (rule.form is not None and start_valid) else {}
            before = _counts(db)
            data = valid | dict(form) | {name: (io.BytesIO(blob), "f.pdf") for name, blob in
                                         uploads.items()}
            response = client.post(url, data=data)
            assert response.status_code != 500, f"{endpoint}: 500 for {form!r}"
            refused = _refused(client, response)
            response.close()
            if refused:
                assert _counts(db) == before, f"{endpoint}: refused {form!r} but wrote rows"
        finally:
            savepoint.rollback()

    post_random()
