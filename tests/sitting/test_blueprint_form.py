"""The board builds the blueprint from rows of choices; a refused part comes back filled."""

from __future__ import annotations

import re

from sqlalchemy import select

from exam.sitting.models import TestPart
from tests.conftest import login
from tests.sitting.helpers import sitting_competition


def _part(**cells):
    return {"key": "C", "title": "Phần III. Tình huống", "kind": "objective",
            "duration_minutes": "25", "essay_mode": "per_candidate", **cells}


def test_the_setup_page_offers_difficulty_and_type_in_words_not_codes(db, client, clock):
    world = sitting_competition(db, now=clock.now)
    login(client, world["chair"])
    page = client.get(f"/manage/{world['competition'].id}/test").get_data(as_text=True)
    assert re.search(r'<select[^>]*name="cells-0-difficulty"', page)
    assert '<option value="hard">Khó</option>' in page
    assert '<option value="single_choice">' in page
    assert "Một lựa chọn" in page
    assert '<datalist id="bank-topics">' in page
    assert "easy | single_choice" not in page
    assert not re.search(r"<td>(easy|medium|hard|single_choice|essay)</td>", page)


def test_a_part_built_from_choices_is_saved_with_its_rows(db, client, clock):
    world = sitting_competition(db, now=clock.now)
    cid = world["competition"].id
    login(client, world["chair"])
    topic = db.scalar(select(TestPart.cells).where(TestPart.competition_id == cid))[0]["topic"]
    response = client.post(f"/manage/{cid}/test/parts", data=_part(**{
        "cells-0-topic": topic, "cells-0-difficulty": "hard", "cells-0-type": "true_false",
        "cells-0-count": "1", "cells-0-points": "0,5",
        "cells-1-topic": "", "cells-1-difficulty": "easy", "cells-1-type": "single_choice",
        "cells-1-count": "", "cells-1-points": "1"}))
    assert response.status_code == 302
    part = db.scalar(select(TestPart).where(TestPart.competition_id == cid, TestPart.key == "C"))
    assert part.cells == [{"topic": topic, "difficulty": "hard", "type": "true_false",
                           "count": 1, "points": "0.5"}]
    again = client.get(f"/manage/{cid}/test?part=C").get_data(as_text=True)
    assert f'value="{topic}"' in again
    assert 'value="Phần III. Tình huống"' in again


def test_a_refused_part_comes_back_filled_with_the_reason_by_the_rows(db, client, clock):
    world = sitting_competition(db, now=clock.now)
    cid = world["competition"].id
    login(client, world["chair"])
    before = db.scalars(select(TestPart).where(TestPart.competition_id == cid)).all()
    taken = before[0].cells[0]
    response = client.post(f"/manage/{cid}/test/parts", data=_part(**{
        "cells-0-topic": taken["topic"], "cells-0-difficulty": taken["difficulty"],
        "cells-0-type": taken["type"], "cells-0-count": "2", "cells-0-points": "1"}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="cells-err"' in page
    assert "chỉ được xuất hiện một lần" in page or "một lần" in page
    assert 'value="Phần III. Tình huống"' in page
    assert f'value="{taken["topic"]}"' in page
    assert "<details id=\"part-form\" open>" in page
    assert len(db.scalars(select(TestPart).where(TestPart.competition_id == cid)).all()) == len(before)


def test_a_part_shows_an_approved_description_chosen_from_a_list(db, client, clock):
    from exam.bank import service as bank
    from question_bank.items import Item

    world = sitting_competition(db, now=clock.now)
    cid = world["competition"].id
    intro = bank.create_item(db, world["author"], Item("hd-c", "description", "Đọc kỹ đề.", 0, "", ""),
                             now=clock.now)
    bank.review_version(db, world["reviewer"], intro, now=clock.now)
    bank.approve_version(db, world["reviewer"], intro, now=clock.now)
    login(client, world["chair"])
    page = client.get(f"/manage/{cid}/test").get_data(as_text=True)
    assert '<option value="hd-c">hd-c</option>' in page
    assert 'value="description"' not in page  # no cell can draw a description
    topic = db.scalar(select(TestPart.cells).where(TestPart.competition_id == cid))[0]["topic"]
    row = {"cells-0-topic": topic, "cells-0-difficulty": "hard", "cells-0-type": "true_false",
           "cells-0-count": "1", "cells-0-points": "1"}
    refused = client.post(f"/manage/{cid}/test/parts", data=_part(instructions="khong-co", **row))
    assert refused.status_code == 400
    assert "Hướng dẫn phải là một đoạn hướng dẫn đã được duyệt" in refused.get_data(as_text=True)
    assert client.post(f"/manage/{cid}/test/parts",
                       data=_part(instructions="hd-c", **row)).status_code == 302
    part = db.scalar(select(TestPart).where(TestPart.competition_id == cid, TestPart.key == "C"))
    assert part.instructions == "hd-c"
    shown = client.get(f"/manage/{cid}/test").get_data(as_text=True)
    assert "Hướng dẫn: hd-c" in shown
