"""The sitting over HTTP: the board's steps, the candidate's pages (with and without JavaScript)."""

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from exam.competitions.models import Stage
from exam.sitting import attempts
from exam.sitting.models import Attempt, Paper, Seal
from exam.timefmt import to_local
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition

CONFIRM = {"confirm": "y"}


@pytest.fixture
def world(db, clock):
    return open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)


def candidate(world, n=0):
    return world["applications"][n].user


def start(client, world, n=0):
    login(client, candidate(world, n))
    cid = world["competition"].id
    assert client.post(f"/sitting/{cid}/start").status_code == 302
    return cid


def _local_form_time(moment):
    """A UTC moment as the board types it in the form (Vietnam time, datetime-local)."""
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_board_seals_draws_and_opens_through_the_pages(db, client, clock, monkeypatch):
    world = sitting_competition(db, now=clock.now, sitting_opens=clock.days(3),
                                sitting_closes=clock.days(3) + timedelta(hours=4))
    cid = world["competition"].id
    login(client, world["chair"])
    page = client.get(f"/manage/{cid}/test").get_data(as_text=True)
    assert "Phần I. Trắc nghiệm kiến thức" in page
    assert 'name="value_source"' in page
    assert 'name="value_known_after"' in page
    known_after = clock.now.replace(second=0) + timedelta(days=1)
    client.post(f"/manage/{cid}/test/seal", data={
        **CONFIRM, "value_source": "Giải đặc biệt XSKT Thủ đô mở thưởng ngày 20/11/2026",
        "value_known_after": _local_form_time(known_after)})
    db.refresh(world["competition"])
    assert world["competition"].stage == Stage.PAPERS_SEALED
    seal = db.scalars(select(Seal)).one()
    assert seal.value_known_after == known_after
    public = client.get(f"/competitions/{cid}").get_data(as_text=True).replace("<wbr>", "")
    assert seal.secret_commitment in public
    assert seal.snapshot_commitment in public
    assert seal.seal_digest in public
    assert "Giải đặc biệt XSKT Thủ đô mở thưởng ngày 20/11/2026" in public
    assert seal.secret_hex not in public
    setup = client.get(f"/manage/{cid}/test").get_data(as_text=True)
    assert 'name="public_value"' in setup
    assert setup.count(to_local(known_after).strftime("%H:%M")) >= 2  # the record and the hint
    value = {"public_value": "Giải đặc biệt XSKT Thủ đô 20/11/2026: 482913"}
    refused = client.post(f"/manage/{cid}/test/public-value", data=value, follow_redirects=True)
    assert refused.status_code == 409
    assert to_local(known_after).strftime("%H:%M") in refused.get_data(as_text=True)
    assert list(db.scalars(select(Paper))) == []
    monkeypatch.setattr("exam.sitting.views.utcnow", lambda: known_after + timedelta(minutes=1))
    client.post(f"/manage/{cid}/test/public-value", data=value)
    assert len(list(db.scalars(select(Paper)))) == 3
    client.post(f"/manage/{cid}/test/open", data=CONFIRM)
    db.refresh(world["competition"])
    assert world["competition"].stage == Stage.SITTING
    assert "Giải đặc biệt XSKT Thủ đô" in client.get(f"/competitions/{cid}").get_data(as_text=True)


def test_sealing_without_a_future_source_is_refused_on_the_page(db, client, clock):
    world = sitting_competition(db, now=clock.now, sitting_opens=clock.days(3),
                                sitting_closes=clock.days(3) + timedelta(hours=4))
    cid = world["competition"].id
    login(client, world["chair"])
    for data in ({**CONFIRM},
                 {**CONFIRM, "value_source": "Giải đặc biệt XSKT Thủ đô hôm qua",
                  "value_known_after": _local_form_time(clock.hours(-2))}):
        page = client.post(f"/manage/{cid}/test/seal", data=data, follow_redirects=True)
        assert page.status_code == 400
        db.refresh(world["competition"])
        assert world["competition"].stage == Stage.ELIGIBILITY_REVIEWED
    assert db.scalars(select(Seal)).first() is None


def test_proctors_and_candidates_cannot_seal(db, client, clock):
    world = sitting_competition(db, now=clock.now)
    cid = world["competition"].id
    for person in (world["proctor"], candidate(world)):
        login(client, person)
        client.post(f"/manage/{cid}/test/seal", data=CONFIRM)
        db.refresh(world["competition"])
        assert world["competition"].stage == Stage.ELIGIBILITY_REVIEWED


def test_starting_the_sitting_only_reads_the_stored_paper(db, client, world, app):
    """The draw happened before the sitting: a start inserts the attempt and its log entry,
    never a paper."""
    login(client, candidate(world))
    cid = world["competition"].id
    statements = []
    engine = app.extensions["thituyen_db"].engine

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.post(f"/sitting/{cid}/start").status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", count)
    inserts = [s.split()[2] for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert sorted(inserts) == ["attempt", "audit_entry"]
    assert len(statements) < 40


def test_without_javascript_a_save_button_keeps_the_answer_and_a_reload_shows_it(db, client, world):
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    line = next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "single_choice")
    position = attempt.paper.items.index(line.line) + 1
    response = client.post(f"/sitting/{cid}/answer", data={
        "paper_item_id": line.line.id, "position": position, "response": "C", "flagged": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#q-{position}")
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    form = page[page.index(f'id="q-{position}"'):]
    form = form[:form.index("</form>")]
    assert re.search(r'value="C" checked', form)
    assert 'name="flagged" value="1" checked' in form
    assert f'data-position="{position}"' in page
    assert "flagged" in page[page.index(f'id="nav-{line.line.id}"') - 80:][:200]


def test_autosave_json_reports_the_time_and_refuses_an_older_answer(db, client, world):
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    line = next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "essay").line
    newer = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": line.id, "response": "Bản mới", "flagged": False, "seq": 2_000,
        "position": 3}, headers={"Accept": "application/json"}).get_json()
    assert newer["saved"] is True
    assert re.fullmatch(r"\d\d:\d\d:\d\d", newer["saved_at"])
    assert 5300 < newer["remaining"] <= 5400
    older = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": line.id, "response": "Bản cũ", "flagged": False, "seq": 1_000},
        headers={"Accept": "application/json"}).get_json()
    assert older["saved"] is False
    assert older["response"] == "Bản mới"
    assert "Bản mới" in client.get(f"/sitting/{cid}/paper").get_data(as_text=True)


def test_a_save_after_the_deadline_is_refused_and_the_paper_submitted(db, client, world):
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    line = attempt.paper.items[0]
    client.post(f"/sitting/{cid}/answer", json={"paper_item_id": line.id, "response": ["B"],
                                                "seq": 1})
    attempt.started_at -= timedelta(minutes=95)
    db.flush()
    refused = client.post(f"/sitting/{cid}/answer", json={"paper_item_id": line.id,
                                                          "response": ["A"], "seq": 2},
                          headers={"Accept": "application/json"})
    assert refused.status_code == 409
    assert "Hết giờ" in refused.get_json()["error"]
    db.refresh(attempt)
    assert attempt.is_auto_submitted
    assert attempt.submitted_at is not None
    receipt = client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
    db.refresh(attempt)
    assert attempt.answers_sha256 in receipt


def test_submit_asks_for_confirmation_then_gives_a_receipt_and_the_exact_answers(db, client, world):
    cid = start(client, world)
    review = client.get(f"/sitting/{cid}/review").get_data(as_text=True)
    assert "Chưa trả lời" in review
    client.post(f"/sitting/{cid}/submit", data={})
    attempt = db.scalars(select(Attempt)).one()
    db.refresh(attempt)
    assert attempt.submitted_at is None
    response = client.post(f"/sitting/{cid}/submit", data=CONFIRM)
    assert response.headers["Location"].endswith(f"/sitting/{cid}/receipt")
    page = client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
    db.refresh(attempt)
    assert attempt.answers_sha256 in page
    submitted = client.get(f"/sitting/{cid}/submission.json").data
    assert hashlib.sha256(submitted).hexdigest() == attempt.answers_sha256
    pdf = client.get(f"/sitting/{cid}/receipt.pdf")
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")


def test_another_candidate_never_sees_a_receipt_or_a_paper(db, client, world):
    cid = start(client, world)
    client.post(f"/sitting/{cid}/submit", data=CONFIRM)
    login(client, candidate(world, 1))
    assert client.get(f"/sitting/{cid}/receipt").status_code == 404
    login(client, world["proctor"])
    assert client.get(f"/sitting/{cid}/paper").status_code == 403


def test_the_proctor_board_shows_progress_and_grants_extra_time(db, client, world):
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    login(client, world["proctor"])
    page = client.get(f"/manage/{cid}/sitting").get_data(as_text=True)
    assert "1/3 thí sinh đã bắt đầu, 0 đã nộp bài" in page
    assert page.count("chưa bắt đầu") == 2
    assert "0 / 25" in page
    client.post(f"/manage/{cid}/sitting/attempts/{attempt.id}/extra-time",
                data={"minutes": "10", "reason": "Mất điện 10 phút"})
    db.refresh(attempt)
    assert attempt.extra_seconds == 600
    login(client, candidate(world))
    assert client.get(f"/manage/{cid}/sitting").status_code == 403


def test_a_receipt_signed_with_a_board_members_certificate_is_not_called_valid(
        db, client, world, app, tmp_path, monkeypatch):
    """The root that issues the organization's certificate also issues members' own: a member
    who re-signs a receipt statement of their making must not get the page to call it valid."""
    import base64

    from exam.documents import keystore
    from exam.documents.signing import DevPki, issue_dev_signer, load_signer, sign_detached

    keystore.create_dev_keys(tmp_path, "Hội đồng thi tuyển")
    monkeypatch.setitem(app.config, "SIGNING_KEY_FOLDER", str(tmp_path))
    monkeypatch.setitem(app.config, "SIGNING_PASSWORD", None)
    cid = start(client, world)
    client.post(f"/sitting/{cid}/submit", data=CONFIRM, follow_redirects=True)
    attempt = db.scalars(select(Attempt)).one()
    db.refresh(attempt)
    assert "hợp lệ" in client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)

    password = (tmp_path / keystore.DEV_PASSWORD).read_text().encode()
    pki = DevPki(tmp_path, tmp_path / "root-ca.pem", tmp_path / "root-ca-key.pem",
                 tmp_path / "signing.p12")
    issue_dev_signer(pki, "Lê Quang Uy", "Sở Nội vụ", password, "member-forger.p12")
    member = load_signer(tmp_path / "member-forger.p12", password)
    attempt.receipt_signature = base64.b64encode(
        sign_detached(attempt.receipt_statement.encode(), member)).decode()
    db.flush()
    page = client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
    assert "badge-ok" not in page


def test_the_receipt_is_signed_by_the_organization(db, client, world, app, tmp_path, monkeypatch):
    from exam.documents import keystore
    from exam.documents.pdf import read_sheet_metadata
    from exam.documents.signing import verify_pdf
    from exam.sitting.attempts import verify_receipt

    keystore.create_dev_keys(tmp_path, "Hội đồng thi tuyển")
    monkeypatch.setitem(app.config, "SIGNING_KEY_FOLDER", str(tmp_path))
    monkeypatch.setitem(app.config, "SIGNING_PASSWORD", None)
    cid = start(client, world)
    client.post(f"/sitting/{cid}/submit", data=CONFIRM, follow_redirects=True)
    attempt = db.scalars(select(Attempt)).one()
    db.refresh(attempt)
    roots = keystore.trust_roots(tmp_path)
    assert verify_receipt(attempt.receipt_statement, attempt.receipt_signature, roots)
    assert "hợp lệ" in client.get(f"/sitting/{cid}/receipt").get_data(as_text=True)
    pdf = client.get(f"/sitting/{cid}/receipt.pdf").data
    verdict = verify_pdf(pdf, roots)
    assert verdict.is_valid, verdict.problems
    assert attempt.answers_sha256 in read_sheet_metadata(pdf).values()
