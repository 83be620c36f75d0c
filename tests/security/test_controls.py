"""The web controls of SECURITY.md, each proven through HTTP: CSRF on every POST route,
sign-in rate limit and lockout, cookie flags, security headers, no inline script."""

from __future__ import annotations

import re
from pathlib import Path

from werkzeug.routing import AnyConverter, IntegerConverter

from exam.audit.models import AuditEntry
from exam.web import CONTENT_SECURITY_POLICY, limiter
from tests.conftest import login
from tests.factories import PASSWORD, make_user
from tests.security.conftest import dedicated_app

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _sample_value(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "en"


def _sample_url(app, rule) -> str:
    """A URL of the route with any values: the CSRF check runs before the view looks at them."""
    values = {name: _sample_value(converter) for name, converter in rule._converters.items()}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def test_every_post_route_refuses_a_request_without_a_csrf_token(app, db, tmp_path):
    with dedicated_app(app, tmp_path, WTF_CSRF_ENABLED=True) as protected:
        client = protected.test_client()
        unprotected = []
        for rule in protected.url_map.iter_rules():
            if "POST" not in rule.methods:
                continue
            url = _sample_url(protected, rule)
            response = client.post(url, data={"confirm": "y"})
            if response.status_code != 400:
                unprotected.append(f"{url} ({rule.endpoint}) answered {response.status_code}")
        assert not unprotected, "POST without a CSRF token was not refused: " + "; ".join(
            unprotected)


def test_a_form_with_its_token_passes_the_csrf_check(app, db, tmp_path):
    with dedicated_app(app, tmp_path, WTF_CSRF_ENABLED=True) as protected:
        client = protected.test_client()
        page = client.get("/account/login").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = client.post("/lang/en", data={"csrf_token": token, "next": "/"})
        assert response.status_code == 302


def test_sign_in_is_rate_limited_per_address_and_account(app, db, tmp_path):
    """Twenty guesses a minute at one account from one address; a hall sharing the address
    still signs in to other accounts."""
    with dedicated_app(app, tmp_path, RATELIMIT_ENABLED=True) as limited:
        limiter.reset()
        client = limited.test_client()
        guesses = [client.post("/account/login", data={"email": "target@example.vn",
                                                       "password": ""}).status_code
                   for _ in range(21)]
        neighbour = client.post("/account/login", data={"email": "other@example.vn",
                                                        "password": ""}).status_code
        limiter.reset()
    assert guesses[:20] == [200] * 20
    assert guesses[20] == 429
    assert neighbour == 200


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, db):
    """From the address that guessed; other addresses: tests/accounts/test_throttle.py."""
    user = make_user(db)
    for _ in range(5):
        client.post("/account/login", data={"email": user.email, "password": "not it at all"})
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/account/").status_code == 302
    assert db.query(AuditEntry).filter_by(action="account.locked", object_id=str(user.id)).count() == 1


def test_session_cookies_are_secure_httponly_and_samesite(app, db, tmp_path):
    with dedicated_app(app, tmp_path, TESTING=False, RATELIMIT_ENABLED=False) as production:
        response = production.test_client().get("/account/login")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("session=")
        assert "Secure" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert production.config["REMEMBER_COOKIE_SECURE"]
        assert production.config["REMEMBER_COOKIE_HTTPONLY"]


def test_every_page_carries_the_security_headers(client, db):
    for url in ("/", "/account/login", "/account/register", "/no-such-page"):
        headers = client.get(url).headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_the_policy_allows_no_inline_script():
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_no_template_has_inline_script_or_event_handlers():
    """The policy would block them: a page relying on one would silently break."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}")
    assert not offenders, "inline script in templates: " + "; ".join(offenders)


def test_a_nul_character_is_refused_before_anything_is_stored(client, db):
    """PostgreSQL cannot store NUL; the fuzz tests found forms that crashed on it."""
    response = client.post("/account/register", data={
        "full_name": "Lê\x00Văn", "email": "nul@example.vn", "password": "mùa thu Hà Nội 2026",
        "confirm": "mùa thu Hà Nội 2026"})
    assert response.status_code == 400
    assert client.get("/?q=a\x00b").status_code == 400
    from exam.accounts.models import User

    assert db.query(User).filter_by(email="nul@example.vn").count() == 0


def test_signed_in_pages_are_not_kept_by_a_shared_browser(client, db):
    """In an exam hall the next person at the computer must not find the last one's pages."""
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    login(client, make_user(db))
    for url in ("/", "/account/"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
