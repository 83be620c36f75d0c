"""Every form that takes a number with decimals accepts "7,5", shows stored values as "7,5" in
Vietnamese and "7.5" in English, and a refused form comes back with the person's own text.
One field (exam.decimals.LocalDecimalField) does it for every form; these tests go form by
form through the pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from exam.bank import service as bank
from exam.bank.models import ItemVersion
from exam.competitions.models import Role, Stage
from exam.decimals import canonical_decimal, read_decimal, show_decimal
from exam.results import service as results
from exam.scoring import service as scoring
from exam.scoring.models import AssignmentRole, Panel
from exam.sitting.models import TestPart
from question_bank.items import ItemType
from question_bank.scoring import score_response
from tests.conftest import login
from tests.factories import appoint, make_competition
from tests.results.helpers import make_scene
from tests.scoring.helpers import assignments, give, scene
from tests.sitting.helpers import sitting_competition


def english(client) -> None:
    client.post("/lang/en", data={"next": "/"})


def value_of(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert found, f"no input {name}"
    return re.search(r'value="([^"]*)"', found.group(0)).group(1)


@pytest.mark.parametrize(("typed", "number"), [("7,5", "7.5"), ("7.5", "7.5"), (" 10 ", "10"),
                                               ("-0,25", "-0.25"), ("0,50", "0.5")])
def test_a_number_is_read_with_a_comma_or_a_point(typed, number):
    assert read_decimal(typed) == Decimal(number)
    assert canonical_decimal(typed) == number


@pytest.mark.parametrize("typed", ["7,5,1", "1.234,5", "bảy", "7,5đ", ""])
def test_text_that_is_not_a_number_is_kept_as_typed(typed):
    assert read_decimal(typed) is None
    assert canonical_decimal(typed) == typed.strip()


def test_a_number_is_shown_in_the_readers_language(app):
    with app.test_request_context():
        with force_locale("vi"):
            assert show_decimal(Decimal("7.50")) == "7,5"
            assert show_decimal("1234.5") == "1234,5"  # no thousands dot: it must read back
        with force_locale("en"):
            assert show_decimal(Decimal("7.50")) == "7.5"


def test_the_question_form_takes_and_shows_decimal_commas(db, client):
    author = appoint(db, make_competition(db), Role.QUESTION_AUTHOR)
    login(client, author)
    question = {"key": "tc-75", "type": "numeric", "topic": "Tài chính công",
                "difficulty": "medium", "points": "1,5",
                "stem": "Tỷ lệ dự phòng ngân sách tối đa là bao nhiêu phần trăm?",
                "numeric_answer": "7,5", "tolerance": "0,25",
                "partial_answers": "0,5|7|0,5", "diacritics_sensitive": "y"}
    refused = client.post("/bank/new", data=question | {"points": "1,5,0"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert value_of(page, "points") == "1,5,0"
    assert 'id="points-err"' in page
    assert value_of(page, "numeric_answer") == "7,5"
    assert client.post("/bank/new", data=question).status_code == 302
    version = db.scalars(select(ItemVersion)).one()
    item = bank.item_of(version)
    assert (item.points, item.numeric_answer, item.tolerance) == (
        Decimal("1.5"), Decimal("7.5"), Decimal("0.25"))
    assert (item.partial_answers[0].text, item.partial_answers[0].fraction) == ("7", Decimal("0.5"))
    assert score_response(item, "7,6") == Decimal("1.5")  # within the tolerance, typed with a comma

    page = client.get(f"/bank/versions/{version.id}/edit").get_data(as_text=True)
    assert [value_of(page, n) for n in ("points", "numeric_answer", "tolerance")] == \
        ["1,5", "7,5", "0,25"]
    assert "0,5|7|0,5" in page
    english(client)
    page = client.get(f"/bank/versions/{version.id}/edit").get_data(as_text=True)
    assert [value_of(page, n) for n in ("points", "numeric_answer", "tolerance")] == \
        ["1.5", "7.5", "0.25"]
    assert "0.5|7|0.5" in page


def test_a_choice_question_keeps_fractions_in_the_readers_language(db, client):
    author = appoint(db, make_competition(db), Role.QUESTION_AUTHOR)
    login(client, author)
    response = client.post("/bank/new", data={
        "key": "ns-12", "type": "multiple_response", "topic": "Luật Ngân sách nhà nước",
        "difficulty": "medium", "points": "2", "stem": "Những khoản nào là chi thường xuyên?",
        "options": "0,5|Chi lương\n0,5|Chi hoạt động\n-0,5|Chi xây dựng trụ sở",
        "diacritics_sensitive": "y"})
    assert response.status_code == 302
    version = db.scalars(select(ItemVersion)).one()
    item = bank.item_of(version)
    assert item.type is ItemType.MULTIPLE_RESPONSE
    assert [o.fraction for o in item.options] == [Decimal("0.5"), Decimal("0.5"), Decimal("-0.5")]
    page = client.get(f"/bank/versions/{version.id}/edit").get_data(as_text=True)
    assert "0,5|Chi lương" in page
    assert "-0,5|Chi xây dựng trụ sở" in page


def _part(topic, points):
    return {"key": "C", "title": "Phần III. Tình huống", "kind": "objective",
            "duration_minutes": "25", "essay_mode": "per_candidate",
            "cells-0-topic": topic, "cells-0-difficulty": "hard", "cells-0-type": "true_false",
            "cells-0-count": "1", "cells-0-points": points}


def test_the_blueprint_takes_points_with_a_comma_and_shows_them_back(db, client, clock):
    world = sitting_competition(db, now=clock.now)
    cid = world["competition"].id
    login(client, world["chair"])
    topic = db.scalar(select(TestPart.cells).where(TestPart.competition_id == cid))[0]["topic"]
    refused = client.post(f"/manage/{cid}/test/parts", data=_part(topic, "0,5đ"))
    assert refused.status_code == 400
    assert value_of(refused.get_data(as_text=True), "cells-0-points") == "0,5đ"
    assert client.post(f"/manage/{cid}/test/parts", data=_part(topic, "0,75")).status_code == 302
    part = db.scalar(select(TestPart).where(TestPart.competition_id == cid, TestPart.key == "C"))
    assert part.cells[0]["points"] == "0.75"
    page = client.get(f"/manage/{cid}/test?part=C").get_data(as_text=True)
    assert value_of(page, "cells-0-points") == "0,75"
    english(client)
    page = client.get(f"/manage/{cid}/test?part=C").get_data(as_text=True)
    assert value_of(page, "cells-0-points") == "0.75"


def test_result_rules_take_weights_and_pass_marks_with_a_comma(db, client, clock):
    s = make_scene(db, clock, stage=Stage.SCORING)
    url = f"/manage/{s.competition.id}/results/rules"
    login(client, s.secretary)
    rules = {"parts-0-key": "viet", "parts-0-title": "Thi viết", "parts-0-max_points": "100",
             "parts-0-weight": "1,5", "parts-0-pass_mark": "47,5",
             "priority_categories-0-key": "thuong_binh",
             "priority_categories-0-label": "Thương binh",
             "priority_categories-0-points": "2,5",
             "specialised_part": "viet", "written_part": "", "reserve_months": "6"}
    refused = client.post(url, data=rules | {"parts-0-weight": "một rưỡi"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert value_of(page, "parts-0-weight") == "một rưỡi"
    assert value_of(page, "parts-0-pass_mark") == "47,5"
    assert client.post(url, data=rules).status_code == 302
    stored = results.rules_for(db, s.competition).parts[0]
    assert (stored.weight, stored.pass_mark) == (Decimal("1.5"), Decimal("47.5"))
    assert results.priority_categories(db, s.competition)["thuong_binh"]["points"] in ("2.5", 2.5,
                                                                                      Decimal("2.5"))
    page = client.get(f"/manage/{s.competition.id}/results").get_data(as_text=True)
    assert [value_of(page, n) for n in ("parts-0-weight", "parts-0-pass_mark",
                                        "priority_categories-0-points")] == ["1,5", "47,5", "2,5"]
    assert "(+2,5)" in page
    assert "(+2.5)" not in page
    english(client)
    page = client.get(f"/manage/{s.competition.id}/results").get_data(as_text=True)
    assert [value_of(page, n) for n in ("parts-0-weight", "parts-0-pass_mark")] == ["1.5", "47.5"]


def test_a_panel_threshold_takes_a_comma_and_a_refused_panel_comes_back_filled(db, client):
    s = scene(db, scripts=1)
    url = f"/scoring/{s.competition.id}/panels"
    login(client, s.chair)
    members = [m.user_id for m in s.panel.members]
    panel = {"part_key": "tinh_huong", "chair": str(s.panel.chair_id),
             "examiners": [str(i) for i in members], "threshold_percent": "7,5"}
    refused = client.post(url, data=panel | {"threshold_percent": "150"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert value_of(page, "threshold_percent") == "150"
    assert 'id="threshold_percent-err"' in page
    assert "Nhập một số từ 0,01 đến 100." in page
    too_few = client.post(url, data=panel | {"examiners": [str(members[0])]})
    assert too_few.status_code == 400
    assert value_of(too_few.get_data(as_text=True), "threshold_percent") == "7,5"
    assert client.post(url, data=panel).status_code == 302
    made = db.scalar(select(Panel).where(Panel.part_key == "tinh_huong"))
    assert made.threshold_percent == Decimal("7.5")
    page = client.get(f"/scoring/{s.competition.id}/").get_data(as_text=True)
    assert "7,5 %" in page


def test_an_examiners_draft_marks_come_back_in_the_readers_language(db, client, clock):
    s = scene(db, scripts=1)
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    script = s.scripts[0]
    first = assignments(db, script)[AssignmentRole.FIRST]
    login(client, first.examiner)
    url = f"/scoring/{s.competition.id}/scripts/{script.code}"
    assert client.post(url, data={"c0": "3,5", "c1": "2,25", "comment": "Khá",
                                  "action": "save"}).status_code == 302
    assert scoring.last_mark(db, first).total == Decimal("5.75")
    page = client.get(url).get_data(as_text=True)
    assert (value_of(page, "c0"), value_of(page, "c1")) == ("3,5", "2,25")
    english(client)
    page = client.get(url).get_data(as_text=True)
    assert (value_of(page, "c0"), value_of(page, "c1")) == ("3.5", "2.25")


def test_the_chair_settles_with_a_comma_and_a_refused_mark_comes_back(db, client, clock):
    s = scene(db, scripts=1)
    scoring.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    script = s.scripts[0]
    group = assignments(db, script)
    give(db, group[AssignmentRole.FIRST], "2.5", clock.now)
    give(db, group[AssignmentRole.SECOND], "9.5", clock.now)
    third = assignments(db, script).get(AssignmentRole.THIRD)
    if third is not None:
        give(db, third, "6", clock.now)
    db.flush()
    login(client, s.panel.chair)
    url = f"/scoring/{s.competition.id}/settle/{script.code}"
    reason = "Bài làm đạt yêu cầu ở mức trung bình khá sau khi đối chiếu ba lượt chấm."
    refused = client.post(url, data={"mark": "12,5", "reason": reason})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert value_of(page, "mark") == "12,5"
    assert 'id="mark-err"' in page
    assert "10.00" not in page  # the maximum in the message is written 10, not 10.00
    assert client.post(url, data={"mark": "6,25", "reason": reason}).status_code == 302
    assert scoring.final_mark(db, script).mark == Decimal("6.25")
