"""The verification page explains a rejected sheet in the reader's language and never calls
a file whose signature failed a match for the record."""

from __future__ import annotations

import io
import re

from exam.results import service, sheets
from tests.results.helpers import make_scene
from tests.results.test_sheets import flip_inside_signed_range


def test_a_rejected_sheet_is_explained_in_vietnamese_and_never_said_to_match(
        client, db, clock, sheet_folder, signing_key):
    scene = make_scene(db, clock)
    version = service.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    sheet = sheets.sign_result_sheet(db, scene.chair, version, key=signing_key,
                                     folder=sheet_folder, base_url="http://testserver",
                                     organization="Sở Nội vụ", now=clock.now)
    pdf = client.get(f"/sheets/{sheet.code}.pdf").data
    page = client.post("/verify", data={"sheet": (io.BytesIO(flip_inside_signed_range(pdf)),
                                                  "ket-qua.pdf")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "the signed content was altered" not in page
    assert "nội dung đã ký đã bị thay đổi" in page
    matches = re.search(r"Khớp với hồ sơ</dt><dd>([^<]*)</dd>", page)
    assert matches
    assert matches.group(1).strip() != "có"
