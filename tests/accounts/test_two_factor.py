"""Two-step sign-in (TOTP): required for whoever can tilt an outcome, optional for candidates."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest

from exam import create_app
from exam.accounts import service
from exam.accounts.models import RecoveryCode
from exam.accounts.views import two_factor_required
from exam.competitions.models import Role
from exam.db import utcnow
from tests.factories import PASSWORD, appoint, make_admin, make_competition, make_user


@pytest.fixture
def required(app):
    app.config["TWO_FACTOR_REQUIRED"] = True
    yield
    app.config.pop("TWO_FACTOR_REQUIRED")


def password_step(client, user, **kwargs):
    return client.post("/account/login", data={"email": user.email, "password": PASSWORD},
                       **kwargs)


def signed_in(client) -> bool:
    return client.get("/account/").status_code == 200


def enrolled(db, user) -> str:
    """Enrolled two minutes ago, so the code on screen now has not been used."""
    secret = pyotp.random_base32()
    earlier = utcnow() - timedelta(minutes=2)
    service.enrol_second_factor(db, user, secret, pyotp.TOTP(secret).at(earlier), now=earlier)
    return secret


def test_a_board_member_links_an_authenticator_on_first_sign_in(client, db, required):
    chair = appoint(db, make_competition(db), Role.CHAIR)
    response = password_step(client, chair)
    assert response.headers["Location"].endswith("/account/two-factor/setup")
    assert not signed_in(client)

    page = client.get("/account/two-factor/setup").text
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    wrong = client.post("/account/two-factor/setup", data={"code": "000000"})
    assert wrong.status_code == 200
    assert not signed_in(client)

    shown = client.post("/account/two-factor/setup",
                        data={"code": pyotp.TOTP(secret).now()}).text
    codes = re.findall(r"<code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})</code>", shown)
    assert len(codes) == 10
    assert signed_in(client)
    db.refresh(chair)
    assert chair.totp_secret == secret
    stored = {r.code_hash for r in db.query(RecoveryCode).filter_by(user_id=chair.id)}
    assert len(stored) == 10
    assert not stored & set(codes)


@pytest.mark.parametrize("who", ["examiner", "question_author", "admin", "inspector"])
def test_staff_who_can_tilt_an_outcome_need_the_second_step(client, db, required, who):
    if who == "admin":
        user = make_admin(db)
    elif who == "inspector":
        user = make_user(db, is_inspector=True)
    else:
        user = appoint(db, make_competition(db), Role(who))
    enrolled(db, user)
    response = password_step(client, user)
    assert response.headers["Location"].endswith("/account/two-factor")
    assert not signed_in(client)


def test_a_candidate_signs_in_with_the_password_alone(client, db, required):
    candidate = make_user(db)
    assert password_step(client, candidate).status_code == 302
    assert signed_in(client)


def test_a_wrong_code_counts_and_a_used_code_cannot_be_replayed(client, db, required, app):
    examiner = appoint(db, make_competition(db), Role.EXAMINER)
    secret = enrolled(db, examiner)
    password_step(client, examiner)
    response = client.post("/account/two-factor", data={"code": "123456"})
    assert response.status_code == 200
    assert not signed_in(client)
    db.refresh(examiner)
    assert examiner.second_factor_failures == 1

    code = pyotp.TOTP(secret).now()
    assert client.post("/account/two-factor", data={"code": code}).status_code == 302
    assert signed_in(client)

    other = app.test_client()
    password_step(other, examiner)
    replay = other.post("/account/two-factor", data={"code": code})
    assert replay.status_code == 200
    assert not signed_in(other)


def test_a_recovery_code_works_once(client, db, required, app):
    member = appoint(db, make_competition(db), Role.BOARD_MEMBER)
    secret = pyotp.random_base32()
    codes = service.enrol_second_factor(db, member, secret, pyotp.TOTP(secret).now(),
                                        now=utcnow())
    password_step(client, member)
    assert client.post("/account/two-factor", data={"code": codes[3].lower()}).status_code == 302
    assert signed_in(client)
    other = app.test_client()
    password_step(other, member)
    other.post("/account/two-factor", data={"code": codes[3]})
    assert not signed_in(other)


def test_the_second_step_without_the_password_step_leads_back_to_sign_in(client, db, required):
    response = client.get("/account/two-factor")
    assert response.headers["Location"].endswith("/account/login")


def test_a_pending_second_step_expires(client, db, required):
    examiner = appoint(db, make_competition(db), Role.EXAMINER)
    secret = enrolled(db, examiner)
    password_step(client, examiner)
    with client.session_transaction() as session:
        pending = session["two_factor_pending"]
        session["two_factor_pending"] = pending | {"since": pending["since"] - 601}
    response = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"].endswith("/account/login")
    assert not signed_in(client)


def test_an_install_requires_two_factor_unless_a_test_app_turns_it_off(tmp_path):
    production = create_app({"TESTING": False, "SECRET_KEY": "x", "RATELIMIT_ENABLED": False,
                             "DATABASE_URL": f"sqlite:///{tmp_path}/p.sqlite"})
    with production.test_request_context():
        assert two_factor_required()
    production.extensions["thituyen_db"].engine.dispose()


def test_sign_out_everywhere_kills_copies_of_the_cookie(client, db, app):
    user = make_user(db)
    password_step(client, user)
    copy = app.test_client()
    cookie = client.get_cookie("session")
    copy.set_cookie("session", cookie.value)
    assert signed_in(copy)
    client.post("/account/sign-out-everywhere")
    assert not signed_in(copy)
    assert not signed_in(client)
    password_step(client, user)
    assert signed_in(client)


def test_a_password_only_session_ends_once_its_holder_joins_the_staff(client, db, required):
    person = make_user(db)
    password_step(client, person)
    assert signed_in(client)
    appoint(db, make_competition(db), Role.EXAMINER, user=person)
    assert signed_in(client)  # checked every few minutes, not on every request
    with client.session_transaction() as session:
        session["role_checked_at"] -= 301
    response = client.get("/account/")
    assert response.headers["Location"].endswith("/account/login")
    assert not signed_in(client)
    assert password_step(client, person).headers["Location"].endswith("/account/two-factor/setup")


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "/\t/evil.example",
                                    "https://evil.example/", "/\n/evil.example"])
def test_sign_in_never_sends_the_browser_to_another_site(client, db, target):
    user = make_user(db)
    response = client.post("/account/login", query_string={"next": target},
                           data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_sign_in_returns_to_the_page_asked_for(client, db):
    user = make_user(db)
    response = client.post("/account/login", query_string={"next": "/manage/?x=1"},
                           data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/manage/?x=1"
