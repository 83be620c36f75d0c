from datetime import timedelta

import pytest

from exam.accounts import service
from exam.errors import Conflict, InvalidInput, PermissionDenied
from tests.factories import PASSWORD, make_user


def test_registration_hashes_the_password_with_argon2id(db, clock):
    user = service.register_candidate(db, email="Huong.Nguyen@Example.VN",
                                      full_name="  Nguyễn   Thị Hương ", password="một cụm từ dài",
                                      now=clock.now)
    assert user.password_hash.startswith("$argon2id$")
    assert user.email == "huong.nguyen@example.vn"
    assert user.full_name == "Nguyễn Thị Hương"


@pytest.mark.parametrize(("password", "message"), [
    ("short", "at least 10"),
    ("aaaaaaaaaaaa", "too few different"),
    ("huong.nguyen-2026", "email name"),
    ("1234567890", "too common"),
])
def test_weak_passwords_are_refused_with_the_reason(db, clock, password, message):
    with pytest.raises(InvalidInput, match=message):
        service.register_candidate(db, email="huong.nguyen@example.vn", full_name="Hương",
                                   password=password, now=clock.now)


def test_an_email_is_registered_once(db, clock):
    make_user(db, email="an@example.vn")
    with pytest.raises(Conflict):
        service.register_candidate(db, email="AN@example.vn", full_name="An",
                                   password="một cụm từ dài", now=clock.now)


def test_five_failures_lock_the_account_for_fifteen_minutes(db, clock):
    user = make_user(db)
    for _ in range(5):
        with pytest.raises(PermissionDenied, match="Wrong email or password"):
            service.authenticate(db, user.email, "wrong password", now=clock.now)
    with pytest.raises(PermissionDenied, match="Too many failed attempts"):
        service.authenticate(db, user.email, PASSWORD, now=clock.now)
    later = clock.now + timedelta(minutes=16)
    assert service.authenticate(db, user.email, PASSWORD, now=later) is user


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(db, clock):
    with pytest.raises(PermissionDenied, match="Wrong email or password"):
        service.authenticate(db, "nobody@example.vn", PASSWORD, now=clock.now)
