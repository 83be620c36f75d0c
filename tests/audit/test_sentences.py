"""The audit log reads as sentences with labelled details, for staff and for the public."""

from __future__ import annotations

import ast
from pathlib import Path

from exam.audit import sentences
from exam.audit import service as audit
from exam.competitions.models import Role, Stage
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition, make_user

ROOT = Path(__file__).resolve().parents[2]


def recorded_actions() -> dict[str, set[str]]:
    """Every action the code records with a literal name, with the keys of its literal payload."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "exam").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and len(node.args) >= 3
                    and getattr(node.func, "attr", getattr(node.func, "id", "")) == "record"):
                continue
            name = node.args[2]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                keys = found.setdefault(name.value, set())
                for keyword in node.keywords:
                    if keyword.arg == "payload" and isinstance(keyword.value, ast.Dict):
                        keys |= {k.value for k in keyword.value.keys if isinstance(k, ast.Constant)}
    return found


def test_every_recorded_action_has_a_sentence_and_every_field_a_label():
    actions = recorded_actions()
    assert len(actions) > 90
    assert sorted(set(actions) - set(sentences.ACTIONS)) == []
    keys = set().union(*actions.values())
    assert sorted(keys - set(sentences.FIELDS)) == []


def test_every_remedy_kind_has_a_sentence():
    from exam.appointment.models import RemedyKind

    assert sorted(f"remedy.{k}" for k in RemedyKind if f"remedy.{k}" not in sentences.ACTIONS) == []


def test_the_board_reads_sentences_and_labelled_fields_not_codes_and_json(client, db, clock):
    competition = make_competition(db)
    chair = appoint(db, competition, Role.CHAIR)
    audit.record(db, chair, "sitting.papers_drawn", at=clock.now, competition=competition,
                 payload={"public_value": "Xổ số kiến thiết Thủ đô: 482913", "papers": 13,
                          "fingerprints_sha256": "ab" * 32})
    login(client, chair)
    page = client.get(f"/audit/?competition={competition.id}").text
    assert "Đã nhập giá trị công khai và tạo đề thi của từng thí sinh." in page
    assert "<dt>Giá trị công khai</dt><dd>Xổ số kiến thiết Thủ đô: 482913</dd>" in page
    assert "sitting.papers_drawn</" not in page
    assert '{"' not in page


def test_stage_codes_are_shown_as_stage_names(client, db, clock):
    competition = make_competition(db)
    chair = appoint(db, competition, Role.CHAIR)
    audit.record(db, chair, "competition.stage_changed", at=clock.now, competition=competition,
                 payload={"from": "draft", "to": "registration_open"})
    login(client, chair)
    page = client.get(f"/audit/?competition={competition.id}").text
    assert "registration_open" not in page.replace('value="competition.stage_changed"', "")


def test_an_unknown_action_is_still_shown_by_its_code(client, db, clock):
    admin = make_admin(db)
    audit.record(db, admin, "future.thing_done", at=clock.now, payload={"odd_field": "x"})
    login(client, admin)
    page = client.get("/audit/").text
    assert "<code>future.thing_done</code>" in page
    assert "<dt>odd field</dt><dd>x</dd>" in page


def test_anyone_reads_the_public_log_without_signing_in(client, db, clock):
    competition = make_competition(db, stage=Stage.REGISTRATION_OPEN, title="Thi tuyển công khai")
    actor = make_user(db, full_name="Trịnh Công Khai")
    audit.record(db, actor, "application.accepted", at=clock.now, competition=competition,
                 payload={"candidate_number": "0042"})
    page = client.get("/audit/public").text
    assert "Một hồ sơ đã được chấp nhận." in page
    assert "Thi tuyển công khai" in page
    assert "Trịnh Công Khai" not in page
    assert "0042" not in page


def test_the_public_log_holds_back_drafts_accounts_and_reports(client, db, clock):
    draft = make_competition(db, stage=Stage.DRAFT)
    published = make_competition(db, stage=Stage.REGISTRATION_OPEN)
    audit.record(db, None, "competition.rules_changed", at=clock.now, competition=draft)
    audit.record(db, None, "account.registered", at=clock.now)
    audit.record(db, None, "oversight.report_received", at=clock.now, competition=published,
                 payload={"category": "other"})
    audit.record(db, None, "application.submitted", at=clock.now, competition=published)
    page = client.get("/audit/public").text
    assert "Một hồ sơ đã được nộp." in page
    assert "Đã thay đổi quy định hoặc lịch trình." not in page
    assert "Đã tạo một tài khoản." not in page
    assert "phản ánh sai phạm." not in page.split("<ol", 1)[-1]


def test_the_footer_links_the_public_log(client):
    assert 'href="/audit/public"' in client.get("/").text
