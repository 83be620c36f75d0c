"""The question bank: the workflow with a second pair of eyes, versions, all-or-nothing imports."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from exam.audit.models import AuditEntry
from exam.bank import service
from exam.bank.models import BankItem, ItemStatus, ItemVersion
from exam.competitions.models import Role
from exam.errors import Conflict, InvalidInput, PermissionDenied
from question_bank import formats
from question_bank.items import Item, Option
from question_bank.samples import load_sample, sample_path
from tests.factories import appoint, make_admin, make_application, make_competition, make_user


def broken(fmt: str) -> str:
    """The sample bank with one item spoilt: cc-01 loses its key (CSV: a wrong difficulty)."""
    text = sample_path(fmt).read_text(encoding="utf-8")
    spoil = {"gift": ("    =Thi tuyển hoặc xét tuyển", "    ~Thi tuyển hoặc xét tuyển"),
             "moodle_xml": ('fraction="100"', 'fraction="0"'),
             "csv": ('cc-01,single_choice,"Luật Cán bộ, công chức",easy',
                     'cc-01,single_choice,"Luật Cán bộ, công chức",impossible')}[fmt]
    assert spoil[0] in text
    return text.replace(*spoil, 1)


NAMED = {"gift": "line 9 (cc-01): a single choice item needs exactly one correct option",
         "moodle_xml": "item 1 (cc-01), line 8: a single choice item needs exactly one correct",
         "csv": "line 2: impossible is not a difficulty: write easy, medium or hard"}


@pytest.fixture
def authors(db):
    competition = make_competition(db)
    return appoint(db, competition, Role.QUESTION_AUTHOR), appoint(db, competition,
                                                                  Role.QUESTION_AUTHOR)


def question(key="cc-99", stem="Luật Cán bộ, công chức có hiệu lực từ năm nào?") -> Item:
    return Item(key=key, type="single_choice", stem=stem, points=1,
                topic="Luật Cán bộ, công chức", difficulty="easy",
                options=(Option("2010", 1), Option("2008", 0)))


def bank_size(db) -> int:
    return db.scalar(select(func.count()).select_from(ItemVersion))


def test_the_author_never_reviews_or_approves_their_own_question(db, clock, authors):
    author, colleague = authors
    version = service.create_item(db, author, question(), now=clock.now)
    with pytest.raises(PermissionDenied, match="cannot review"):
        service.review_version(db, author, version, now=clock.now)
    service.review_version(db, colleague, version, now=clock.now)
    with pytest.raises(PermissionDenied, match="cannot approve"):
        service.approve_version(db, author, version, now=clock.now)
    service.approve_version(db, colleague, version, now=clock.now)
    assert version.status == ItemStatus.APPROVED
    actions = list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions[-3:] == ["bank.item_created", "bank.item_reviewed", "bank.item_approved"]


def test_editing_an_approved_question_makes_a_new_version(db, clock, authors):
    author, colleague = authors
    first = service.create_item(db, author, question(), now=clock.now)
    service.review_version(db, colleague, first, now=clock.now)
    service.approve_version(db, colleague, first, now=clock.now)
    second = service.revise_item(db, author, first, question(stem="Luật sửa đổi năm nào?"),
                                 now=clock.now)
    assert (second.number, second.status) == (2, ItemStatus.DRAFT)
    assert first.status == ItemStatus.APPROVED
    assert "Luật Cán bộ" in service.item_of(first).stem
    assert [v.id for v in service.approved_versions(db)] == [first.id]
    with pytest.raises(Conflict, match="newest"):
        service.revise_item(db, author, first, question(), now=clock.now)
    service.review_version(db, colleague, second, now=clock.now)
    service.approve_version(db, colleague, second, now=clock.now)
    assert first.status == ItemStatus.RETIRED
    assert [v.id for v in service.approved_versions(db)] == [second.id]


def test_editing_a_reviewed_draft_sends_it_back_to_review(db, clock, authors):
    author, colleague = authors
    version = service.create_item(db, author, question(), now=clock.now)
    service.review_version(db, colleague, version, now=clock.now)
    same = service.revise_item(db, colleague, version, question(stem="Câu đã sửa?"),
                               now=clock.now)
    assert same.id == version.id
    assert (same.status, same.reviewed_by_id, same.author_id) == (ItemStatus.DRAFT, None,
                                                                   colleague.id)


def test_an_unusable_question_is_refused_with_its_problem(db, clock, authors):
    bad = Item(key="x-1", type="single_choice", stem="Câu?", points=1, topic="T",
               difficulty="easy", options=(Option("A", 0), Option("B", 0)))
    with pytest.raises(InvalidInput, match="exactly one correct option"):
        service.create_item(db, authors[0], bad, now=clock.now)


def test_examiners_candidates_and_board_members_cannot_use_the_bank(db, clock):
    competition = make_competition(db)
    examiner = appoint(db, competition, Role.EXAMINER)
    chair = appoint(db, competition, Role.CHAIR)
    candidate = make_application(db, competition).user
    for person in (examiner, chair, candidate, make_user(db)):
        assert not service.can_use_bank(db, person)
        with pytest.raises(PermissionDenied):
            service.list_questions(db, person)
        with pytest.raises(PermissionDenied):
            service.import_bank(db, person, "gift", sample_path("gift").read_text(), now=clock.now)
    assert service.can_use_bank(db, make_admin(db))


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_each_sample_format_imports_the_whole_bank_as_drafts(db, clock, authors, fmt):
    versions = service.import_bank(db, authors[0], fmt,
                                   sample_path(fmt).read_text(encoding="utf-8"), now=clock.now)
    assert len(versions) == 40
    assert {v.status for v in versions} == {ItemStatus.DRAFT}
    assert [service.item_of(v) for v in versions] == load_sample(fmt)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "bank.imported"))
    assert json.loads(entry.payload)["items"] == 40


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_a_malformed_file_is_rejected_whole_naming_the_line(db, clock, authors, fmt):
    service.create_item(db, authors[0], question(), now=clock.now)
    with pytest.raises(InvalidInput) as refused:
        service.import_bank(db, authors[0], fmt, broken(fmt), now=clock.now)
    assert NAMED[fmt] in refused.value.message
    assert "nothing was added" in refused.value.message
    assert bank_size(db) == 1
    assert db.scalar(select(func.count()).select_from(BankItem)) == 1


def test_a_file_with_a_key_already_in_the_bank_adds_nothing(db, clock, authors):
    service.create_item(db, authors[0], question(key="cc-01"), now=clock.now)
    with pytest.raises(Conflict, match="cc-01"):
        service.import_bank(db, authors[1], "gift", sample_path("gift").read_text(), now=clock.now)
    assert bank_size(db) == 1


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_export_gives_back_the_approved_questions(db, clock, authors, fmt):
    author, colleague = authors
    versions = service.import_bank(db, author, "gift", sample_path("gift").read_text(),
                                   now=clock.now)
    for version in versions[:5]:
        service.review_version(db, colleague, version, now=clock.now)
        service.approve_version(db, colleague, version, now=clock.now)
    exported = formats.parse(fmt, service.export_bank(db, author, fmt))
    assert exported == [service.item_of(v) for v in versions[:5]]


def test_an_imported_question_is_approved_only_once_classified(db, clock, authors):
    """Moodle files carry no difficulty: the draft waits to be classified, and is never
    drawn before, because it cannot be approved."""
    author, colleague = authors
    (version,) = service.import_bank(db, author, "gift", b"::Moodle q:: Hai cong hai? {=4 ~5}\n",
                                     now=clock.now)
    assert version.difficulty == "unclassified"
    assert version.item.key == "Moodle q"
    service.review_version(db, colleague, version, now=clock.now)
    with pytest.raises(InvalidInput, match="difficulty is not set"):
        service.approve_version(db, colleague, version, now=clock.now)
    assert version.status == ItemStatus.REVIEWED
    classified = question(key="Moodle q", stem="Hai cong hai?")
    revised = service.revise_item(db, author, version, classified, now=clock.now)
    service.review_version(db, colleague, revised, now=clock.now)
    service.approve_version(db, colleague, revised, now=clock.now)
    assert revised.status == ItemStatus.APPROVED


def test_the_preview_reports_each_question_and_writes_nothing(db, clock, authors):
    author, _ = authors
    service.create_item(db, author, question(key="Q2"), now=clock.now)
    data = (Path(__file__).parent.parent / "fixtures" / "moodle" / "questions.gift.txt").read_bytes()
    before = bank_size(db)
    report = service.preview_import(db, author, "gift", data)
    assert bank_size(db) == before
    statuses = {e.where: e.status for e in report.entries}
    assert statuses["line 5 (Moodle activities)"] == "imported"  # a matching question
    assert statuses["line 14 (Q2)"] == "error"  # already in the bank
    with pytest.raises(Conflict, match="already in the bank"):
        service.import_bank(db, author, "gift", data, now=clock.now)
    assert bank_size(db) == before
