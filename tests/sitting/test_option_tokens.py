"""A choice travels as a token of the candidate's own paper, never as the option's place in the
bank: what a candidate receives must not tell the right option from the bank's order."""

import hashlib
import json
import re
from decimal import Decimal

import pytest
from sqlalchemy import delete, select

from exam.errors import InvalidInput
from exam.sitting import attempts, service
from exam.sitting import views as sitting_views
from exam.sitting.models import AnswerSave, Attempt, ObjectiveScore, SnapshotItem
from question_bank.draw import canonical_json
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition

CONFIRM = {"confirm": "y"}


@pytest.fixture
def world(db, clock):
    return open_sitting(db, sitting_competition(db, now=clock.now), now=clock.now)


def start(client, world, n=0):
    login(client, world["applications"][n].user)
    cid = world["competition"].id
    assert client.post(f"/sitting/{cid}/start").status_code == 302
    return cid


def _key_at(db, attempt, line, display_texts, correct_at):
    """The world where the bank lists the right option of `line` at `correct_at`, and the
    paper's option order still shows `display_texts` in the same order: only the key's place
    in the bank differs."""
    row = db.scalar(select(SnapshotItem).where(SnapshotItem.item_key == line.item_key))
    data = json.loads(row.data)
    right = next(o for o in data["options"] if Decimal(o["fraction"]) > 0)
    others = [o for o in data["options"] if o is not right]
    bank = others[:correct_at] + [right] + others[correct_at:]
    data["options"] = bank
    row.data = json.dumps(data, ensure_ascii=False)
    texts = [o["text"] for o in bank]
    line.option_order = [texts.index(text) for text in display_texts]
    db.execute(delete(AnswerSave).where(AnswerSave.attempt_id == attempt.id))
    db.flush()
    service._PARSED_SNAPSHOTS.clear()  # the test rewrites a frozen snapshot in place


def _normalised(html: str) -> str:
    return re.sub(r'(data-csrf|name="csrf_token" value)="[^"]*"', r'\1=""', html)


def test_two_papers_whose_banks_differ_only_in_the_key_look_the_same(db, client, world, clock,
                                                                     monkeypatch):
    monkeypatch.setattr(sitting_views, "utcnow", lambda: clock.now)
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    pl = next(pl for pl in attempts.paper_lines(db, attempt)
              if pl.item.type == "single_choice" and len(pl.item.options) >= 3)
    display = [text for _token, text in pl.display_options]
    last = len(display) - 1

    def seen(correct_at):
        _key_at(db, attempt, pl.line, display, correct_at)
        before = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
        saved = client.post(f"/sitting/{cid}/answer", json={
            "paper_item_id": pl.line.id, "response": ["B"], "seq": 10}).get_json()
        stale = client.post(f"/sitting/{cid}/answer", json={
            "paper_item_id": pl.line.id, "response": ["C"], "seq": 5}).get_json()
        after = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
        stored = db.scalar(select(AnswerSave.response).where(
            AnswerSave.attempt_id == attempt.id, AnswerSave.paper_item_id == pl.line.id)
            .order_by(AnswerSave.client_seq.desc()).limit(1))
        # what submission.json would serve, and whose SHA-256 the receipt signs
        document = attempts.submission_document(db, attempt, clock.now)
        return (_normalised(before), saved, stale, _normalised(after), document), stored

    world_a, stored_a = seen(0)
    world_b, stored_b = seen(last)
    assert world_a[0] == world_b[0]  # the paper as served
    assert world_a[1]["saved"] is True
    assert world_a[2]["response"] == ["B"]
    assert world_a == world_b  # and every reply and page after a save and a stale save
    assert stored_a != stored_b  # the worlds differ: the same choice is another bank option


def test_always_sending_the_same_option_scores_at_chance_not_full_marks(db, client, world):
    """The sample bank lists the right option first; a candidate who never reads a question
    and sends, for each, the lowest value the page offers (bank index 0 before tokens) must
    not earn anything from the bank's order."""
    cid = start(client, world)
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    forms = re.findall(r'data-item="(\d+)" data-position="(\d+)" data-type="(?:single_choice|'
                       r'multiple_response|true_false)".*?</form>', page, re.S)
    assert len(forms) >= 10
    bodies = re.findall(r'data-type="(?:single_choice|multiple_response|true_false)"(.*?)</form>',
                        page, re.S)
    for (item, position), body in zip(forms, bodies, strict=True):
        lowest = min(re.findall(r'name="response" value="([^"]*)"', body))
        response = client.post(f"/sitting/{cid}/answer", data={
            "paper_item_id": item, "position": position, "response": lowest})
        assert response.status_code == 302
    assert client.post(f"/sitting/{cid}/submit", data=CONFIRM).status_code == 302
    attempt = db.scalars(select(Attempt)).one()
    chosen = {int(item) for item, _position in forms}
    lines = {line.id: line for line in attempt.paper.items if line.id in chosen}
    earned = sum(Decimal(s.points) for s in db.scalars(select(ObjectiveScore).where(
        ObjectiveScore.attempt_id == attempt.id)) if s.paper_item_id in lines)
    possible = sum(Decimal(line.points) for line in lines.values())
    assert earned <= possible / 2, f"{earned} of {possible} by always sending the lowest value"


def test_a_bank_index_is_refused_not_read_as_a_choice(db, client, world):
    """A page from before tokens (or a script) sending bank indices is told to reload."""
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    pl = next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "single_choice")
    refused = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": pl.line.id, "response": [0], "seq": 1})
    assert refused.status_code == 400
    assert db.scalar(select(AnswerSave).where(AnswerSave.attempt_id == attempt.id)) is None
    form = client.post(f"/sitting/{cid}/answer", data={
        "paper_item_id": pl.line.id, "position": 1, "response": "0"})
    assert form.status_code == 400
    assert db.scalar(select(AnswerSave).where(AnswerSave.attempt_id == attempt.id)) is None


def test_a_token_is_stored_as_the_bank_option_it_names_on_this_paper(db, clock, world):
    application = world["applications"][0]
    attempt = attempts.start_attempt(db, application.user, world["competition"], now=clock.now)
    pl = next(pl for pl in attempts.paper_lines(db, attempt)
              if pl.item.type == "multiple_response")
    chosen = [pl.line.option_order[1], pl.line.option_order[0]]
    attempts.save_answer(db, application.user, attempt, pl.line.id, response=["B", "A"],
                         is_flagged=False, client_seq=1, now=clock.now)
    [again] = [p for p in attempts.paper_lines(db, attempt) if p.line.id == pl.line.id]
    assert again.answer == sorted(chosen)
    assert again.shown_answer == ["A", "B"]
    with pytest.raises(InvalidInput):
        attempts.save_answer(db, application.user, attempt, pl.line.id, response=[1],
                             is_flagged=False, client_seq=2, now=clock.now)


def test_the_submitted_document_names_choices_by_token_and_old_receipts_still_match(
        db, client, world):
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    pl = next(pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "single_choice")
    client.post(f"/sitting/{cid}/answer", json={"paper_item_id": pl.line.id, "response": ["B"],
                                                "seq": 1})
    client.post(f"/sitting/{cid}/submit", data=CONFIRM, follow_redirects=True)
    db.refresh(attempt)
    assert json.loads(attempt.receipt_statement)["v"] == attempts.RECEIPT_VERSION
    submitted = client.get(f"/sitting/{cid}/submission.json").get_data()
    assert hashlib.sha256(submitted).hexdigest() == attempt.answers_sha256
    document = json.loads(submitted)
    [answer] = [a for a in document["answers"] if a["item_key"] == pl.line.item_key]
    assert answer["response"] == ["B"]

    # a receipt issued before tokens (v1) keeps its document: bank indices, same SHA-256
    statement = json.loads(attempt.receipt_statement) | {"v": attempts.RECEIPT_VERSION_V1}
    attempt.receipt_statement = canonical_json(statement)
    old = attempts.submission_document(db, attempt, attempt.submitted_at)
    attempt.answers_sha256 = hashlib.sha256(canonical_json(old).encode()).hexdigest()
    db.flush()
    submitted = client.get(f"/sitting/{cid}/submission.json").get_data()
    assert hashlib.sha256(submitted).hexdigest() == attempt.answers_sha256
    [answer] = [a for a in json.loads(submitted)["answers"] if a["item_key"] == pl.line.item_key]
    assert answer["response"] == [pl.line.option_order[1]]
