"""Guessing is throttled without handing a stranger a way to lock someone else out, and the
answers do not tell which emails are registered.

- wrong passwords lock one (email, address) pair for fifteen minutes after five;
- from all addresses together, past twenty, new addresses get one try per ten seconds,
  while an address the owner signed in from (since the email first drew a wrong password)
  is not held back;
- wrong second-factor codes lock after five however often the right password is typed.
"""

from datetime import timedelta

import pyotp
import pytest

from exam.accounts import service
from exam.audit.models import AuditEntry
from exam.competitions.models import Role
from exam.errors import PermissionDenied
from tests.accounts.test_two_factor import enrolled, password_step, required, signed_in  # noqa: F401
from tests.factories import PASSWORD, appoint, make_competition, make_user

HOME, RIVAL = "203.0.113.7", "198.51.100.66"


def guess(db, email, password, now, address):
    try:
        return service.authenticate(db, email, password, address=address, now=now)
    except PermissionDenied as refused:
        return refused.message


def test_five_wrong_passwords_lock_that_address_for_fifteen_minutes(db, clock):
    user = make_user(db)
    for _ in range(5):
        assert guess(db, user.email, "wrong password", clock.now, RIVAL) == "Wrong email or password."
    assert "Too many failed attempts" in guess(db, user.email, PASSWORD, clock.now, RIVAL)
    assert guess(db, user.email, PASSWORD, clock.now + timedelta(minutes=16), RIVAL) is user


def test_a_stranger_cannot_lock_the_owner_out(db, clock):
    """A rival on exam day types wrong passwords for a candidate's email, again and again."""
    user = make_user(db)
    for _ in range(15):
        guess(db, user.email, "wrong password", clock.now, RIVAL)
    assert guess(db, user.email, PASSWORD, clock.now, HOME) is user


def test_many_addresses_only_slow_guessing_down_and_never_the_owners_address(db, clock):
    user = make_user(db)
    guess(db, user.email, "a typo", clock.now, HOME)
    assert guess(db, user.email, PASSWORD, clock.now, HOME) is user  # remembered from now on
    for n in range(service.ACCOUNT_FREE_FAILURES):
        guess(db, user.email, "wrong password", clock.now, f"10.0.{n}.1")
    slowed = guess(db, user.email, PASSWORD, clock.now, "10.9.9.9")
    assert "Wait 10 seconds" in slowed
    assert guess(db, user.email, PASSWORD, clock.now, HOME) is user
    assert guess(db, user.email, PASSWORD, clock.now + timedelta(seconds=11), "10.9.9.9") is user


def test_locks_and_slowdowns_read_the_same_for_an_unknown_email(db, clock):
    """Two worlds that differ only in whether the email is registered look alike."""
    user = make_user(db, email="registered@example.vn")
    answers = {}
    for email in (user.email, "unregistered@example.vn"):
        seen = [guess(db, email, "wrong password", clock.now, RIVAL) for _ in range(6)]
        seen += [guess(db, email, "wrong password", clock.now, f"10.1.{n}.1") for n in range(30)]
        answers[email] = seen
    assert answers[user.email] == answers["unregistered@example.vn"]
    assert "Too many failed attempts" in answers[user.email][5]
    assert "Wait" in answers[user.email][-1]


def test_a_locked_pair_is_in_the_audit_log_for_a_registered_account(db, clock):
    user = make_user(db)
    for _ in range(5):
        guess(db, user.email, "wrong password", clock.now, RIVAL)
    assert db.query(AuditEntry).filter_by(action="account.locked",
                                          object_id=str(user.id)).count() == 1


def test_wrong_codes_lock_the_second_step_though_the_password_is_right(db, clock):
    """The reported attack: sixteen wrong codes, the password typed again before each one."""
    examiner = appoint(db, make_competition(db), Role.EXAMINER)
    secret = enrolled(db, examiner)
    refusals = []
    for _ in range(16):
        assert guess(db, examiner.email, PASSWORD, clock.now, HOME) is examiner
        try:
            service.check_second_factor(db, examiner, "000000", now=clock.now)
        except PermissionDenied as refused:
            refusals.append(refused.message)
    assert "Too many wrong codes" in refusals[5]
    with pytest.raises(PermissionDenied, match="Too many wrong codes"):
        service.check_second_factor(db, examiner, pyotp.TOTP(secret).at(clock.now), now=clock.now)
    later = clock.now + timedelta(minutes=16)
    service.check_second_factor(db, examiner, pyotp.TOTP(secret).at(later), now=later)


def test_wrong_codes_on_the_page_lock_the_second_step(client, db, required):  # noqa: F811
    examiner = appoint(db, make_competition(db), Role.EXAMINER)
    secret = enrolled(db, examiner)
    for _ in range(6):
        password_step(client, examiner)
        client.post("/account/two-factor", data={"code": "000000"})
    password_step(client, examiner)
    page = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert not signed_in(client)
    assert "Too many wrong codes" in page.text or "Nhập sai mã xác thực quá nhiều lần" in page.text


def test_the_owner_signs_in_on_the_page_while_a_rival_is_locked_out(client, db, app):
    user = make_user(db)
    rival = app.test_client()
    for _ in range(6):
        rival.post("/account/login", data={"email": user.email, "password": "wrong password"},
                   environ_base={"REMOTE_ADDR": RIVAL})
    assert not signed_in(rival)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": HOME})
    assert response.status_code == 302
    assert signed_in(client)


def test_a_clean_sign_in_writes_nothing(db, clock):
    """Candidates of a whole hall sign in at once: no row to write, none to contend for."""
    from exam.accounts.models import SignInThrottle

    user = make_user(db)
    assert guess(db, user.email, PASSWORD, clock.now, HOME) is user
    assert db.query(SignInThrottle).count() == 0


def test_an_unknown_email_costs_the_same_password_check(db, clock, monkeypatch):
    """Timing must not tell registered emails apart: an unknown email (even a malformed one)
    is checked against a dummy hash with the same argon2 parameters."""
    checked = []
    real = service.hasher

    class CountingHasher:
        def verify(self, digest, password):
            checked.append(digest)
            return real.verify(digest, password)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(service, "hasher", CountingHasher())
    user = make_user(db)
    for email in (user.email, "unregistered@example.vn", "not an email"):
        guess(db, email, "wrong password", clock.now, HOME)
    assert len(checked) == 3
    assert {real.check_needs_rehash(digest) for digest in checked} == {False}


def test_counters_left_by_a_guesser_are_forgotten_after_a_day(db, clock):
    from exam.accounts.models import SignInThrottle

    user = make_user(db)
    guess(db, user.email, "a typo", clock.now, HOME)
    assert guess(db, user.email, PASSWORD, clock.now, HOME) is user
    for n in range(3):
        guess(db, f"sprayed{n}@example.vn", "wrong password", clock.now, RIVAL)
    assert db.query(SignInThrottle).count() == 2 + 3 * 2
    assert service.forget_stale_throttles(db, now=clock.now + timedelta(hours=1)) == 0
    service.forget_stale_throttles(db, now=clock.now + timedelta(days=2))
    kept = db.query(SignInThrottle).all()
    assert [row.signed_in_before for row in kept] == [True]
