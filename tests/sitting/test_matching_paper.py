"""Matching questions and part instructions on the candidate's paper: a select per item, the
matches in the candidate's own drawn order named by letters, the key never on the page,
saves as tokens, scores per right pair; the part's description read before its questions."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from exam.bank import service as bank
from exam.sitting import attempts, service
from exam.sitting import views as sitting_views
from exam.sitting.models import AnswerSave, Attempt, ObjectiveScore
from question_bank.items import Item, Pair
from tests.conftest import login
from tests.sitting.helpers import open_sitting, sitting_competition

TOPIC = "Tổ chức bộ máy nhà nước"
INTRO = "intro-ghep"
CAPITALS = [("Quốc hội", "quyền lập pháp"), ("Chính phủ", "quyền hành pháp"),
            ("Tòa án nhân dân", "quyền tư pháp")]


def matching(key: str) -> Item:
    return Item(key, "matching", f"Ghép cơ quan với quyền ({key}):", 3, TOPIC, "medium",
                pairs=(*(Pair(p, a) for p, a in CAPITALS), Pair("", "quyền công tố")))


def approved(db, world, item, now):
    version = bank.create_item(db, world["author"], item, now=now)
    bank.review_version(db, world["reviewer"], version, now=now)
    return bank.approve_version(db, world["reviewer"], version, now=now)


@pytest.fixture
def world(db, clock):
    world = sitting_competition(db, now=clock.now)
    when = clock.now - timedelta(days=14)
    for n in range(3):
        approved(db, world, matching(f"gh-{n}"), when)
    approved(db, world, Item(INTRO, "description", "<p>Phần C: mỗi cơ quan ghép với <b>một</b> "
                             "quyền.</p>", 0, "", "", stem_format="html"), when)
    service.configure_part(db, world["chair"], world["competition"], key="C", title="Phần III. Ghép",
                           kind="objective", duration_minutes=10, instructions=INTRO,
                           cells=[{"topic": TOPIC, "difficulty": "medium", "type": "matching",
                                   "count": 2, "points": "3"}], now=when)
    return open_sitting(db, world, now=clock.now)


def start(client, world, n=0):
    login(client, world["applications"][n].user)
    cid = world["competition"].id
    assert client.post(f"/sitting/{cid}/start").status_code == 302
    return cid


def test_the_part_names_an_approved_description_only(db, clock):
    from exam.errors import InvalidInput

    world = sitting_competition(db, now=clock.now)
    approved(db, world, matching("gh-0"), clock.now)
    with pytest.raises(InvalidInput, match="description"):
        service.configure_part(db, world["chair"], world["competition"], key="D", title="D",
                               kind="objective", duration_minutes=5, instructions="gh-0",
                               cells=[{"topic": TOPIC, "difficulty": "medium", "type": "matching",
                                       "count": 1}], now=clock.now)


def test_matching_on_the_paper_saves_tokens_and_scores_each_right_pair(db, client, world, clock,
                                                                       monkeypatch):
    monkeypatch.setattr(sitting_views, "utcnow", lambda: clock.now)
    cid = start(client, world)
    attempt = db.scalars(select(Attempt)).one()
    lines = [pl for pl in attempts.paper_lines(db, attempt) if pl.item.type == "matching"]
    assert len(lines) == 2
    page = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    # The instructions stand before the part's first question, once.
    assert page.count("mỗi cơ quan ghép với <b>một</b> quyền.") == 1
    assert page.index("Phần III. Ghép") < page.index("mỗi cơ quan") < page.index("Ghép cơ quan với quyền")
    pl = lines[0]
    form = page[page.index(f'data-item="{pl.line.id}" data-position'):]
    form = form[:form.index("</form>")]
    # One select per item, the matches in this candidate's drawn order, as letters.
    assert form.count("<select") == 3
    selects = [re.findall(r'<option value="([A-Z])" >\1\. ([^<]+)</option>', block)
               for block in form.split("<select")[1:]]
    shown = selects[0]
    assert selects == [shown] * 3
    assert [(t, x) for t, x in shown] == pl.display_options
    assert [x for _t, x in shown] == [pl.item.match_choices[i] for i in pl.line.option_order]
    assert "quyền công tố" in form  # the extra match is offered like the others
    assert "fraction" not in form
    assert "correct" not in form
    # Two right, one wrong: the tokens of this paper, never the bank's order.
    token = {text: t for t, text in pl.display_options}
    sent = [token["quyền lập pháp"], token["quyền công tố"], token["quyền tư pháp"]]
    reply = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": pl.line.id, "response": sent, "seq": 1}).get_json()
    assert reply["saved"] is True
    stored = db.scalar(select(AnswerSave.response).where(AnswerSave.paper_item_id == pl.line.id))
    assert json.loads(stored) == [0, 3, 2]  # bank choice indices
    again = client.get(f"/sitting/{cid}/paper").get_data(as_text=True)
    assert f'<option value="{sent[1]}" selected>' in again
    # A token this paper does not show is refused, and so is a wrong count.
    bad = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": pl.line.id, "response": ["Z9", "", ""], "seq": 2})
    assert bad.status_code == 400
    short = client.post(f"/sitting/{cid}/answer", json={
        "paper_item_id": pl.line.id, "response": [sent[0]], "seq": 3})
    assert short.status_code == 400
    # Submitted: 2 of 3 pairs right on a 3-point cell.
    submitted = client.post(f"/sitting/{cid}/submit", data={"confirm": "y"})
    assert submitted.status_code == 302
    client.get(submitted.headers["Location"])  # the receipt page scores what the queue has not
    score = db.scalar(select(ObjectiveScore.points).where(ObjectiveScore.paper_item_id == pl.line.id))
    assert Decimal(score) == Decimal("2.00")
    document = attempts.submission_document(db, attempt, clock.now)
    answer = next(a for a in document["answers"] if a["item_key"] == pl.line.item_key)
    assert answer["response"] == sent


def test_the_matches_are_shuffled_per_candidate(db, world):
    from exam.sitting.models import Paper

    orders = [tuple(line.option_order) for paper in db.scalars(select(Paper))
              for line in paper.items if line.item_key.startswith("gh-")]
    assert len(orders) == 2 * len(world["applications"])
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)
    assert len(set(orders)) > 1
