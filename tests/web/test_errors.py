"""What people see when something goes wrong: clear words, the right status, nothing saved."""

from sqlalchemy import create_engine

from tests.conftest import make_test_app


def test_a_database_outage_answers_503_and_says_nothing_was_saved(tmp_path):
    app = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path)
    app.extensions["thituyen_db"].engine = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1})
    app.extensions["thituyen_db"].sessionmaker.configure(bind=app.extensions["thituyen_db"].engine)
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert "Yêu cầu này chưa được lưu" in page.text
    api = client.get("/", headers={"Accept": "application/json"})
    assert api.status_code == 503
    assert api.json["retry"] is True
    assert api.headers["Retry-After"]


def test_unknown_pages_get_a_translated_404(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "Trang này không tồn tại" in page.text


def test_every_response_carries_the_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
