"""Signing in starts a new session: nothing planted in the session before (by someone who
shared the computer or set the cookie) survives, and the CSRF token changes."""

import re

from tests.factories import PASSWORD, make_user
from tests.security.conftest import dedicated_app

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def test_signing_in_renews_the_session_and_its_csrf_token(app, db, tmp_path):
    user = make_user(db)
    with dedicated_app(app, tmp_path, WTF_CSRF_ENABLED=True) as protected:
        client = protected.test_client()
        before = TOKEN.search(client.get("/account/login").text).group(1)
        with client.session_transaction() as session:
            session["planted_by_someone_else"] = "x"
            raw_before = session["csrf_token"]
        response = client.post("/account/login", data={
            "csrf_token": before, "email": user.email, "password": PASSWORD})
        assert response.status_code == 302
        with client.session_transaction() as session:
            assert session["_user_id"] == str(user.id)
            assert "planted_by_someone_else" not in session
            assert session.get("csrf_token") != raw_before
        # the token known before sign-in no longer passes; a token from a page after does
        assert client.post("/account/logout", data={"csrf_token": before}).status_code == 400
        after = TOKEN.search(client.get("/account/").text).group(1)
        assert after != before
        assert client.post("/account/logout", data={"csrf_token": after}).status_code == 302


def test_the_chosen_language_survives_signing_in(client, db):
    user = make_user(db)
    client.post("/lang/en", data={"next": "/"})
    client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert 'lang="en"' in client.get("/account/").text
