"""Several questions reviewed or approved at once: each still checked and logged on its own."""

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.bank import service
from exam.bank.models import ItemStatus
from exam.competitions.models import Role
from tests.bank.test_service import question
from tests.conftest import login
from tests.factories import appoint, make_competition


@pytest.fixture
def authors(db):
    competition = make_competition(db)
    return (appoint(db, competition, Role.QUESTION_AUTHOR),
            appoint(db, competition, Role.QUESTION_AUTHOR))


def reviewed(db, clock, author, colleague, keys):
    versions = [service.create_item(db, author, question(key=k), now=clock.now) for k in keys]
    for version in versions:
        service.review_version(db, colleague, version, now=clock.now)
    return versions


def test_approving_several_approves_each_and_logs_each(db, clock, authors):
    author, colleague = authors
    versions = reviewed(db, clock, colleague, author, ["q-1", "q-2", "q-3"])
    outcome = service.advance_many(db, author, [v.id for v in versions], "approve",
                                   now=clock.now)
    assert ([v.status for v in versions], outcome.refused) == ([ItemStatus.APPROVED] * 3, [])
    logged = db.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "bank.item_approved"))
    assert logged == 3


def test_a_refused_question_is_reported_and_the_others_go_through(db, clock, authors):
    author, colleague = authors
    mine = reviewed(db, clock, author, colleague, ["mine-1"])[0]
    theirs = reviewed(db, clock, colleague, author, ["theirs-1"])[0]
    outcome = service.advance_many(db, author, [mine.id, theirs.id, 999999], "approve",
                                   now=clock.now)
    assert [v.item.key for v in outcome.done] == ["theirs-1"]
    reasons = {version_id: reason for _v, version_id, reason in outcome.refused}
    assert "cannot approve" in reasons[mine.id]
    assert 999999 in reasons
    assert mine.status == ItemStatus.REVIEWED


def test_the_bank_page_approves_the_ticked_questions_with_one_confirmation(db, client, clock,
                                                                           authors):
    author, colleague = authors
    first, second, third = reviewed(db, clock, colleague, author, ["p-1", "p-2", "p-3"])
    login(client, author)
    page = client.get("/bank/?status=reviewed").text
    assert f'name="version_id" value="{first.id}"' in page
    answer = client.post("/bank/bulk/approve", data={
        "confirm": "y", "status": "reviewed", "version_id": [str(first.id), str(third.id)]},
        follow_redirects=True)
    assert "Đã duyệt 2 câu hỏi" in answer.text
    db.expire_all()
    assert [first.status, second.status, third.status] == [
        ItemStatus.APPROVED, ItemStatus.REVIEWED, ItemStatus.APPROVED]


def test_without_the_confirmation_nothing_is_approved(db, client, clock, authors):
    author, colleague = authors
    version = reviewed(db, clock, colleague, author, ["c-1"])[0]
    login(client, author)
    client.post("/bank/bulk/approve", data={"status": "reviewed", "version_id": str(version.id)})
    db.expire_all()
    assert version.status == ItemStatus.REVIEWED


def test_the_page_names_each_question_it_could_not_approve(db, client, clock, authors):
    author, colleague = authors
    own = reviewed(db, clock, author, colleague, ["own-1"])[0]
    login(client, author)
    answer = client.post("/bank/bulk/approve", data={
        "confirm": "y", "status": "reviewed", "version_id": str(own.id)}, follow_redirects=True)
    assert "Chưa thực hiện được với own-1, phiên bản 1" in answer.text
