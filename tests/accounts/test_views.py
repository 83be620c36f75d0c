import re

from exam.accounts.models import User
from tests.conftest import login
from tests.factories import PASSWORD, make_user


def test_register_sign_in_and_out(client, db):
    response = client.post("/account/register", data={
        "full_name": "Lê Thị Ánh Tuyết", "email": "tuyet@example.vn",
        "password": "mùa thu Hà Nội 2026", "confirm": "mùa thu Hà Nội 2026"},
        follow_redirects=True)
    assert "Lê Thị Ánh Tuyết" in response.text
    assert db.query(User).filter_by(email="tuyet@example.vn").one()
    client.post("/account/logout")
    response = client.post("/account/login", data={"email": "tuyet@example.vn",
                                                   "password": "mùa thu Hà Nội 2026"},
                           follow_redirects=True)
    assert "Lê Thị Ánh Tuyết" in response.text


def test_a_wrong_password_says_so_on_the_page(client, db):
    user = make_user(db)
    response = client.post("/account/login", data={"email": user.email, "password": "nope nope"},
                           follow_redirects=True)
    assert "Sai email hoặc mật khẩu" in response.text or "Wrong email or password" in response.text
    assert client.get("/account/").status_code == 302


def test_a_weak_password_is_explained_on_the_form(client, db):
    response = client.post("/account/register", data={
        "full_name": "An", "email": "an@example.vn", "password": "short", "confirm": "short"})
    assert response.status_code == 400
    assert re.search("10", response.text)
    assert db.query(User).filter_by(email="an@example.vn").count() == 0


def test_a_short_password_is_reported_under_the_password_not_the_email(client, db):
    response = client.post("/account/register", data={
        "full_name": "Trần Văn An", "email": "an@example.vn", "password": "short",
        "confirm": "short"})
    password_error = re.search(r'<p class="error" id="password-err">([^<]*)</p>', response.text)
    assert password_error
    assert "10" in password_error.group(1)
    assert 'id="email-err"' not in response.text
    assert 'value="Trần Văn An"' in response.text
    assert 'value="an@example.vn"' in response.text


def test_signing_up_while_signed_in_does_not_switch_accounts(client, db):
    user = make_user(db)
    login(client, user)
    assert user.full_name in client.get("/account/register").text
    response = client.post("/account/register", data={
        "full_name": "Người Khác", "email": "khac@example.vn",
        "password": "mùa thu Hà Nội 2026", "confirm": "mùa thu Hà Nội 2026"})
    assert response.status_code == 409
    assert db.query(User).filter_by(email="khac@example.vn").count() == 0
    assert user.full_name in client.get("/account/").text


def test_pages_need_a_sign_in(client, db):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    login(client, make_user(db))
    assert client.get("/manage/").status_code == 200


def test_the_language_switch_changes_the_page(client, db):
    assert 'lang="vi"' in client.get("/").text
    client.post("/lang/en", data={"next": "/"})
    page = client.get("/").text
    assert 'lang="en"' in page
    assert "Open competitions for leadership posts" in page


def test_login_keeps_password_out_of_the_page(client, db):
    user = make_user(db)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD},
                           follow_redirects=True)
    assert PASSWORD not in response.text


def test_the_language_switch_never_sends_people_to_another_site(client, db):
    for target in ("//evil.example/", "/\\evil.example", "https://evil.example/"):
        response = client.post("/lang/en", data={"next": target})
        assert response.headers["Location"] == "/"
