"""The public record of a competition: one dictionary behind the page and the JSON export."""

import importlib

import pytest

from exam.competitions.models import Role, Stage
from exam.oversight import votes
from exam.public import service
from tests.factories import make_board, make_competition, make_report, make_vote


def _provider_exists(key: str) -> bool:
    module_name, function_name, _partial = service.EXTERNAL_SECTIONS[key]
    try:
        return hasattr(importlib.import_module(module_name), function_name)
    except ModuleNotFoundError:
        return False


def test_the_record_holds_the_post_criteria_timeline_stage_and_oversight(db, clock):
    competition = make_competition(db, stage=Stage.SCORING)
    board = make_board(db, competition)
    make_report(db, competition, status="resolved", body="Nội dung bí mật của người phản ánh.")
    make_report(db, competition)
    vote = make_vote(db, competition, electors=list(board.values()), kind="appeal",
                     question="Chấp nhận đơn phúc khảo của ứng viên 0002?")
    for member in board.values():
        votes.cast_ballot(db, member, vote, 0, now=clock.now)
    open_vote = make_vote(db, competition, electors=list(board.values()),
                          question="Câu hỏi còn đang biểu quyết, chưa được công bố.")
    votes.cast_ballot(db, board[Role.CHAIR], open_vote, 1, now=clock.now)

    record = service.public_record(db, competition, now=clock.now)
    assert record["competition"]["post"] == competition.post
    assert record["criteria"]["min_management_years"] == competition.min_management_years
    assert record["timeline"]["registration_closes_at"] == competition.registration_closes_at.isoformat()
    assert record["stage"] == {"code": "scoring", "label": "Scoring", "is_suspended": False}
    assert record["reports"] == {"received": 2, "resolved": 1}
    assert "bí mật" not in str(record)
    assert [v["question"] for v in record["votes"]] == [vote.question]
    assert record["votes"][0]["tally"] == [{"option": "Đồng ý", "votes": 3},
                                           {"option": "Không đồng ý", "votes": 0}]
    assert record["votes"][0]["outcome"] == "Đồng ý"
    for key in service.EXTERNAL_SECTIONS:
        if not _provider_exists(key):
            assert record[key] == {"status": "not_yet_published"}


def test_an_area_without_its_function_yet_reads_not_yet_published(db, monkeypatch):
    competition = make_competition(db)
    monkeypatch.setitem(service.EXTERNAL_SECTIONS, "commitments",
                        ("exam.no_such_area.service", "public_commitments", "x/_y.html"))
    assert service.public_record(db, competition)["commitments"] == {
        "status": "not_yet_published"}


def test_page_and_export_are_public_and_drafts_are_not(client, db):
    competition = make_competition(db)
    page = client.get(f"/competitions/{competition.id}")
    assert page.status_code == 200
    assert "Phản ánh sai phạm đã nhận: 0" in page.text
    export = client.get(f"/competitions/{competition.id}/record.json")
    assert export.status_code == 200
    assert export.mimetype == "application/json"
    assert export.get_json()["competition"]["title"] == competition.title
    draft = make_competition(db, stage=Stage.DRAFT)
    assert client.get(f"/competitions/{draft.id}/record.json").status_code == 404


@pytest.mark.slow
def test_the_finished_demo_competition_publishes_its_record(app, client, db):
    from exam.demo import run_demo

    result = run_demo(db, candidates=6)
    db.flush()
    finished = result.get("finished") or result["competitions"][-1]
    record = client.get(f"/competitions/{finished.id}/record.json").get_json()
    page = client.get(f"/competitions/{finished.id}").text

    assert record["competition"]["title"] == finished.title
    assert finished.title in page
    assert record["stage"]["code"] == str(finished.stage)
    assert record["reports"] == {"received": 1, "resolved": 1}
    assert "Phản ánh sai phạm đã nhận: 1, đã giải quyết: 1" in page
    ties = [v for v in record["votes"] if v["kind"] == "tie"]
    assert ties
    assert len(ties) == len(record["votes"])
    for tie in ties:  # the board's votes on ties, the one that set a place included
        assert tie["voted"] == tie["electorate"] == 3
        assert sum(row["votes"] for row in tie["tally"]) == 3
        assert tie["outcome"]
        assert tie["question"] in page
    for key in service.EXTERNAL_SECTIONS:
        assert key in record
        if not _provider_exists(key):
            assert record[key] == {"status": "not_yet_published"}
    if finished.has_reached(Stage.PROVISIONAL_RESULTS):
        if _provider_exists("results"):
            assert record["results"] != {"status": "not_yet_published"}
        else:
            assert f"/competitions/{finished.id}/results" in page
