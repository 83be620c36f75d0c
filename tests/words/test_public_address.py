"""QR codes and links on documents point where the public can reach the server: the
configured PUBLIC_BASE_URL, and when it is unset the address the request came in on, never
127.0.0.1 on a real host."""

from __future__ import annotations

from exam.config import public_base_url


def test_links_follow_the_configured_address_then_the_one_the_server_is_reached_at(
        app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://thituyen.noivu.gov.vn/")
    with app.test_request_context("/", base_url="https://thi.example.vn"):
        assert public_base_url() == "https://thituyen.noivu.gov.vn"
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", None)
    with app.test_request_context("/", base_url="https://thi.example.vn"):
        assert public_base_url() == "https://thi.example.vn"
