"""The candidate's pages around the start: check in, the sealed paper, the key, the receipt."""

import base64
import html
import re
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select

from exam.db import utcnow
from exam.sitting import attempts, checkin
from exam.sitting.models import Attempt, PaperItem, SealedPaper
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition

CONFIRM = {"confirm": "y"}


@pytest.fixture
def world(db):
    now = utcnow().replace(microsecond=0)
    opens = now + timedelta(minutes=10)
    return open_sitting(db, sitting_competition(
        db, now=now, candidates=2, sitting_opens=opens, sitting_closes=opens + timedelta(hours=3)),
        now=now)


def checked_in(db, client, world, n=0):
    application = world["applications"][n]
    login(client, application.user)
    cid = world["competition"].id
    response = client.post(f"/sitting/{cid}/check-in", data={})
    assert response.headers["Location"].endswith(f"/sitting/{cid}/paper")
    return cid, db.scalar(select(Attempt).where(Attempt.application_id == application.id))


def stems(db, attempt) -> list[str]:
    return [pl.item.stem_text for pl in attempts.paper_lines(db, attempt)]


def attribute(page: str, name: str) -> str:
    return html.unescape(re.search(rf'{name}="([^"]*)"', page).group(1))


def move_start_to_now(db, world):
    world["competition"].sitting_opens_at = utcnow() - timedelta(seconds=1)
    db.flush()


def test_the_landing_offers_check_in_in_its_window(db, client, world):
    login(client, world["applications"][0].user)
    cid = world["competition"].id
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert f'action="/sitting/{cid}/check-in"' in page
    assert 'data-role="checkin-open"' in page
    world["competition"].sitting_opens_at = utcnow() + timedelta(minutes=45)
    db.flush()
    page = client.get(f"/sitting/{cid}").get_data(as_text=True)
    assert "check-in" not in page.split("<main", 1)[-1].split("</main>")[0].replace(
        'data-role="checkin', "")


def test_the_sealed_page_holds_the_paper_encrypted_and_no_key(db, client, world):
    cid, attempt = checked_in(db, client, world)
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    sealed = db.get(SealedPaper, attempt.id)
    assert attribute(page, "data-blob") == sealed.blobs["vi"]
    key = bytes.fromhex(sealed.paper_key)
    for secret in (sealed.paper_key, base64.b64encode(key).decode(), key.hex().upper()):
        assert secret not in page
    assert 'data-role="question"' not in page
    for stem in stems(db, attempt):
        assert html.escape(stem) not in page
        assert stem not in page
    refused = client.post(f"/sitting/{cid}/key", json={"attempt": attempt.id})
    assert refused.status_code == 409
    assert 0 < refused.get_json()["wait_ms"] <= 10 * 60 * 1000
    assert "key" not in refused.get_json()
    assert client.post(f"/sitting/{cid}/key", json={"attempt": "x"}).status_code == 400
    assert client.get(f"/sitting/{cid}/review").status_code == 302
    db.refresh(attempt)
    assert attempt.started_at is None


def test_at_the_start_the_key_opens_the_paper_in_the_page(db, client, world):
    cid, attempt = checked_in(db, client, world)
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    move_start_to_now(db, world)
    login(client, world["applications"][1].user)
    assert client.post(f"/sitting/{cid}/key", json={"attempt": attempt.id}).status_code == 403
    login(client, world["applications"][0].user)
    answer = client.post(f"/sitting/{cid}/key", json={"attempt": attempt.id})
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    body = answer.get_json()
    assert body["remaining"] > 80 * 60
    raw = base64.b64decode(attribute(page, "data-blob"))
    plain = AESGCM(base64.b64decode(body["key"])).decrypt(
        raw[:12], raw[12:], attribute(page, "data-aad").encode()).decode()
    assert 'data-role="question"' in plain
    assert all(html.escape(stem, quote=False) in plain for stem in stems(db, attempt))
    db.refresh(attempt)
    assert attempt.started_at is not None
    paper = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    assert 'data-role="question"' in paper
    assert "data-blob" not in paper


def test_without_javascript_the_start_form_gives_the_server_rendered_paper(db, client, world):
    cid, attempt = checked_in(db, client, world)
    assert client.post(f"/sitting/{cid}/start", data={}).status_code in (302, 409)
    db.refresh(attempt)
    assert attempt.started_at is None
    move_start_to_now(db, world)
    response = client.post(f"/sitting/{cid}/start", data={})
    assert response.headers["Location"].endswith(f"/sitting/{cid}/paper")
    paper = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    assert 'data-role="question"' in paper


def test_submitting_says_so_at_once_then_shows_the_receipt(db, client, world, app):
    cid, attempt = checked_in(db, client, world)
    move_start_to_now(db, world)
    client.post(f"/sitting/{cid}/key", json={"attempt": attempt.id})
    app.config["RECEIPT_INLINE_AFTER_SECONDS"] = 600
    try:
        client.post(f"/sitting/{cid}/submit", data=CONFIRM)
        waiting = client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
        assert 'data-role="receipt-pending"' in waiting
        assert 'http-equiv="refresh"' in waiting
        assert client.get(f"/sitting/{cid}/receipt.pdf").status_code == 302
        app.config["RECEIPT_INLINE_AFTER_SECONDS"] = 0
        ready = client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
    finally:
        app.config["RECEIPT_INLINE_AFTER_SECONDS"] = 0
    db.refresh(attempt)
    assert attempt.answers_sha256 in ready
    assert 'data-role="receipt-pending"' not in ready


# ----------------------------------------------------------------------------- secrecy


CANDIDATE_ARGUMENTS = {"competition_id", "application_id", "user_id"}


def _normalised(body: str) -> str:
    body = re.sub(r'data-blob="[^"]*"', 'data-blob="…"', body)
    body = re.sub(r'(name="csrf_token"[^>]*value|data-csrf|content)="[A-Za-z0-9._-]{40,}"',
                  r'\1="…"', body)
    return re.sub(r'data-server-now="\d+"', 'data-server-now="…"', body)


def _candidate_pages(app, client, world) -> dict[str, tuple[int, str]]:
    values = {"competition_id": [world["competition"].id],
              "application_id": [a.id for a in world["applications"]],
              "user_id": [a.user_id for a in world["applications"]]}
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            if not set(rule.arguments) <= CANDIDATE_ARGUMENTS:
                continue
            names = sorted(rule.arguments)
            combos = [[]]
            for name in names:
                combos = [c + [v] for c in combos for v in values[name]]
            urls += [url_for(rule.endpoint, **dict(zip(names, c, strict=True))) for c in combos]
    pages = {}
    for url in sorted(set(urls)):
        response = client.get(url)
        pages[url] = (response.status_code, _normalised(response.get_data(as_text=True)))
    return pages


def test_before_the_start_nothing_the_candidate_can_reach_depends_on_the_key_or_paper(
        db, client, world, app):
    """Two worlds alike but for the paper's key and content: every page the candidate can
    request before the start (the audit log and the public record included) is the same."""
    cid, attempt = checked_in(db, client, world)
    first = _candidate_pages(app, client, world)
    old = db.get(SealedPaper, attempt.id)
    old_key, old_blob = old.paper_key, old.blobs["vi"]
    other = db.scalar(select(Attempt.paper_id).where(Attempt.id == attempt.id))
    others = {line.sequence: line for line in db.scalars(select(PaperItem).where(
        PaperItem.paper_id != other, PaperItem.paper_id.in_(
            select(PaperItem.paper_id).where(PaperItem.paper_id != other))))}
    for line in attempt.paper.items:
        twin = others[line.sequence]
        line.item_key, line.item_version_id = twin.item_key, twin.item_version_id
        line.option_order = list(twin.option_order)
    db.execute(delete(SealedPaper).where(SealedPaper.attempt_id == attempt.id))
    db.expire_all()
    from exam.sitting.views import _paper_renderer

    with app.test_request_context():
        from flask import g

        g.db_session = db  # the renderer reads with the test's session, which stays open
        attempt = db.get(Attempt, attempt.id)
        checkin.seal_paper(db, attempt, _paper_renderer(world["competition"]), now=utcnow())
        g.pop("db_session")
    new = db.get(SealedPaper, attempt.id)
    assert new.paper_key != old_key
    assert new.blobs["vi"] != old_blob
    assert len(new.blobs["vi"]) == len(old_blob)
    second = _candidate_pages(app, client, world)
    assert first.keys() == second.keys()
    assert len(first) >= 10
    different = [url for url in first if first[url] != second[url]]
    assert not different, different
    for status, body in second.values():
        assert new.paper_key not in body
        assert old_key not in body
