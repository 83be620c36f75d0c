"""Results through HTTP: the public list and CSV, a candidate's own sheet, public verification."""

from __future__ import annotations

import io

from exam.competitions.models import Stage
from exam.results import service, sheets
from tests.conftest import login
from tests.factories import make_user
from tests.results.helpers import NAMES, make_scene
from tests.results.test_sheets import flip_inside_signed_range


def published(db, clock, sheet_folder, signing_key):
    scene = make_scene(db, clock)
    version = service.publish_provisional_results(db, scene.chair, scene.competition,
                                                  now=clock.now, part_scores=scene.scores)
    sheet = sheets.sign_result_sheet(db, scene.chair, version, key=signing_key,
                                     folder=sheet_folder, base_url="http://testserver",
                                     organization="Sở Nội vụ", now=clock.now)
    return scene, version, sheet


def test_public_page_lists_the_ranking_with_names_and_scores(client, db, clock, sheet_folder,
                                                              signing_key):
    scene, _version, sheet = published(db, clock, sheet_folder, signing_key)
    page = client.get(f"/competitions/{scene.competition.id}/results").get_data(as_text=True)
    for name in NAMES:
        assert name in page
    assert page.index("Nguyễn Thị Hương") < page.index("Trần Đức Anh") < page.index(
        "Lê Thị Ánh Tuyết")
    assert sheet.code in page
    by_name = client.get(f"/competitions/{scene.competition.id}/results?order=name")
    text = by_name.get_data(as_text=True)
    # given names in Vietnamese order: Anh, Hương, Tuyết, Việt
    assert text.index("Trần Đức Anh") < text.index("Nguyễn Thị Hương") < text.index(
        "Lê Thị Ánh Tuyết") < text.index("Phạm Quốc Việt")


def test_results_are_not_public_before_publication(client, db, clock):
    scene = make_scene(db, clock)
    assert client.get(f"/competitions/{scene.competition.id}/results").status_code == 404


def test_csv_export_has_every_candidate(client, db, clock, sheet_folder, signing_key):
    scene, _version, _sheet = published(db, clock, sheet_folder, signing_key)
    response = client.get(f"/competitions/{scene.competition.id}/results.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + len(NAMES)
    assert lines[1].startswith("1,0001,Nguyễn Thị Hương,80.00,85.00,0.00,165.00,")


def test_signed_sheet_download_and_upload_to_the_verification_page(client, db, clock,
                                                                    sheet_folder, signing_key):
    scene, _version, sheet = published(db, clock, sheet_folder, signing_key)
    pdf = client.get(f"/sheets/{sheet.code}.pdf").data
    assert pdf.startswith(b"%PDF")
    ok = client.post("/verify", data={"sheet": (io.BytesIO(pdf), "ket-qua.pdf")},
                     content_type="multipart/form-data")
    page = ok.get_data(as_text=True)
    assert 'id="verdict"' in page
    assert "flash-success" in page.split('id="verdict"')[0].rsplit("<p", 1)[1]
    assert "Sở Nội vụ" in page
    bad = client.post("/verify", data={"sheet": (io.BytesIO(flip_inside_signed_range(pdf)),
                                                 "ket-qua.pdf")},
                      content_type="multipart/form-data")
    assert "flash-error" in bad.get_data(as_text=True).split('id="verdict"')[0].rsplit("<p", 1)[1]


def test_a_typed_code_shows_the_record_and_whether_it_was_superseded(client, db, clock,
                                                                      sheet_folder, signing_key):
    scene, _version, sheet = published(db, clock, sheet_folder, signing_key)
    response = client.post("/verify", data={"code": sheet.code.lower().replace("-", "")})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert sheet.data_sha256 in page
    assert client.get("/verify/ZZZZ-ZZZZ").status_code == 200


def test_a_candidate_sees_their_own_result_and_gets_a_signed_score_sheet(
        client, db, clock, sheet_folder, signing_key, roots):
    scene, _version, _sheet = published(db, clock, sheet_folder, signing_key)
    huong = scene.app("Nguyễn Thị Hương")
    login(client, huong.user)
    page = client.get(f"/applications/{huong.id}/result").get_data(as_text=True)
    assert "165,00" in page  # Vietnamese writes a decimal comma
    response = client.post(f"/applications/{huong.id}/result/sheet")
    assert response.status_code == 302
    pdf = client.get(response.headers["Location"]).data
    check = sheets.check_pdf(db, pdf, roots, signing_key.certificate_sha256)
    assert check.is_genuine
    assert check.sheet.kind == "score_sheet"


def test_nobody_else_sees_a_candidates_sheet_or_result(client, db, clock, sheet_folder,
                                                       signing_key):
    scene, version, _sheet = published(db, clock, sheet_folder, signing_key)
    huong = scene.app("Nguyễn Thị Hương")
    score = sheets.sign_score_sheet(db, huong.user, version, huong, key=signing_key,
                                    folder=sheet_folder, base_url="http://testserver",
                                    organization="Sở Nội vụ", now=clock.now)
    login(client, make_user(db))
    assert client.get(f"/applications/{huong.id}/result").status_code == 403
    assert client.get(f"/sheets/{score.code}.pdf").status_code == 404


def test_accepted_candidate_gets_a_signed_admission_ticket(client, db, clock, sheet_folder,
                                                           signing_key, roots, tmp_path):
    from tests.documents.conftest import pdftotext

    scene = make_scene(db, clock)
    viet = scene.app("Phạm Quốc Việt")
    login(client, viet.user)
    response = client.post(f"/applications/{viet.id}/admission-ticket")
    pdf = client.get(response.headers["Location"]).data
    assert sheets.check_pdf(db, pdf, roots, signing_key.certificate_sha256).is_genuine
    text = pdftotext(pdf, tmp_path)
    assert "Phạm Quốc Việt" in text
    assert viet.candidate_number in text


def test_board_page_shows_rules_and_refuses_outsiders(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    login(client, scene.chair)
    page = client.get(f"/manage/{scene.competition.id}/results").get_data(as_text=True)
    assert 'value="Thi viết"' in page
    assert "; Thi viết; 100" not in page  # rows of fields, not delimiter syntax
    login(client, make_user(db))
    assert client.get(f"/manage/{scene.competition.id}/results").status_code == 403


def test_board_saves_rules_through_the_form(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    login(client, scene.secretary)
    response = client.post(f"/manage/{scene.competition.id}/results/rules", data={
        "parts-0-key": "viet", "parts-0-title": "Thi viết", "parts-0-max_points": "100",
        "parts-0-weight": "1", "parts-0-pass_mark": "50",
        "parts-1-key": "de_an", "parts-1-title": "Đề án", "parts-1-max_points": "100",
        "parts-1-weight": "2", "parts-1-pass_mark": "",
        "parts-2-key": "", "parts-2-title": "", "parts-2-max_points": "",
        "specialised_part": "de_an", "written_part": "viet", "reserve_months": "6"})
    assert response.status_code == 302
    rules = service.rules_for(db, scene.competition)
    assert [p.key for p in rules.parts] == ["viet", "de_an"]
    assert rules.tie_break_parts == ("de_an", "viet")


def test_partials_for_other_pages_offer_the_ticket_and_the_results(app, db, clock):
    from flask import render_template

    scene = make_scene(db, clock)
    viet = scene.app("Phạm Quốc Việt")
    with app.test_request_context():
        assert f"/applications/{viet.id}/admission-ticket" in render_template(
            "results/_ticket_button.html", application=viet)
        results_page = f"/competitions/{scene.competition.id}/results"
        before = render_template("results/_public_link.html", competition=scene.competition)
        assert results_page not in before
        assert f"/competitions/{scene.competition.id}/key-decisions" in before
        service.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                            part_scores=scene.scores)
        assert results_page in render_template("results/_public_link.html",
                                               competition=scene.competition)


def test_a_board_member_adds_an_approval_signature_through_the_page(
        client, app, db, clock, sheet_folder, signing_key, roots):
    scene, version, sheet = published(db, clock, sheet_folder, signing_key)
    login(client, scene.member)
    response = client.post(f"/manage/{scene.competition.id}/results/1/countersign")
    assert response.status_code == 302
    db.refresh(sheet)
    check = sheets.check_pdf(db, sheets.sheet_file(sheet, sheet_folder), roots,
                             signing_key.certificate_sha256)
    assert check.is_genuine
    assert [s.name for s in check.signers] == ["Sở Nội vụ", scene.member.full_name]


def test_board_sees_the_ranking_preview_from_locked_marks(client, db, clock):
    from tests.appeals.test_service import _locked_and_revealed

    s = _locked_and_revealed(db, clock)
    login(client, s.chair)
    page = client.get(f"/manage/{s.competition.id}/results").get_data(as_text=True)
    assert "Xếp hạng theo điểm đã khóa" in page
    assert "Công bố kết quả tạm thời" in page
    assert page.index(s.applications[1].user.full_name) < page.index(
        s.applications[0].user.full_name)


def test_a_name_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(client, db, clock,
                                                                     sheet_folder, signing_key):
    scene, _version, _sheet = published(db, clock, sheet_folder, signing_key)
    scene.app("Trần Đức Anh").user.full_name = "=HYPERLINK(\"http://x\")"
    db.flush()
    service.republish_provisional_results(db, scene.chair, scene.competition,
                                          reason="Sửa họ tên theo giấy tờ gốc", now=clock.hours(1),
                                          part_scores=scene.scores)
    text = client.get(f"/competitions/{scene.competition.id}/results.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_the_public_record_carries_the_results_section(client, db, clock, sheet_folder,
                                                       signing_key):
    scene, version, sheet = published(db, clock, sheet_folder, signing_key)
    record = client.get(f"/competitions/{scene.competition.id}/record.json").get_json()
    section = record["results"]
    assert section["current"]["data_sha256"] == version.data_sha256
    assert section["current"]["sheet_code"] == sheet.code
    assert [p["name"] for p in section["recommended"]] == ["Nguyễn Thị Hương"]
    page = client.get(f"/competitions/{scene.competition.id}").get_data(as_text=True)
    assert sheet.code in page
    assert "Nguyễn Thị Hương (0001)" in page


def test_before_publication_the_results_section_is_empty(db, clock):
    scene = make_scene(db, clock)
    assert service.public_results_summary(db, scene.competition) == {}


def test_refused_result_rules_come_back_filled(client, db, clock):
    scene = make_scene(db, clock, stage=Stage.SCORING)
    login(client, scene.secretary)
    before = [p.key for p in service.rules_for(db, scene.competition).parts]
    response = client.post(f"/manage/{scene.competition.id}/results/rules", data={
        "parts-0-key": "viet", "parts-0-title": "Thi viết", "parts-0-max_points": "100",
        "parts-0-weight": "1", "parts-0-pass_mark": "150",
        "priority-categories-0-key": "",
        "specialised_part": "viet", "written_part": "", "reserve_months": "6"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="150"' in page
    assert 'value="Thi viết"' in page
    assert "form-errors" in page
    assert [p.key for p in service.rules_for(db, scene.competition).parts] == before
