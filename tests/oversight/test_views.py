"""Reports and votes through the web, as the people who use them would."""

import io
import json
import re
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from exam.competitions.models import Role
from exam.oversight import service, votes
from exam.oversight.models import BoardVote, IrregularityReport
from exam.web import limiter
from tests.conftest import login, make_test_app
from tests.factories import (
    appoint,
    make_admin,
    make_application,
    make_board,
    make_competition,
    make_inspector,
    make_report,
    make_user,
    make_vote,
    pdf_bytes,
)

BODY = "Tôi nghe một thành viên Hội đồng gợi ý cho ứng viên biết trước đề thi viết."


def _code_from(page: str) -> str:
    return re.search(r'id="tracking-code">([A-Z2-7-]+)<', page).group(1)


def test_an_anonymous_reporter_files_and_follows_with_the_code(client, db):
    competition = make_competition(db)
    member = make_board(db, competition)[Role.BOARD_MEMBER]
    form = client.get(f"/competitions/{competition.id}/report")
    assert member.full_name in form.text
    assert "email" not in form.text.lower().split("<main")[1]
    response = client.post(f"/competitions/{competition.id}/report", data={
        "category": "pressure_on_examiner", "body": BODY, "named": [str(member.id)],
        "attachments": [(io.BytesIO(pdf_bytes()), "chung-cu.pdf")]},
        content_type="multipart/form-data", follow_redirects=True)
    code = _code_from(response.text)
    assert response.headers["Cache-Control"] == "no-store"
    again = client.get("/reports/filed")
    assert again.status_code == 302
    assert code not in client.get("/reports/follow").text

    page = client.post("/reports/follow", data={"code": code}).text
    assert "Đã tiếp nhận" in page
    assert BODY in page
    client.post("/reports/follow/add", data={"code": code, "body": "Việc này xảy ra ngày 12/11."})
    db.expire_all()
    report = db.query(IrregularityReport).one()
    assert report.reporter_id is None
    assert len(report.attachments) == 1
    inspector = make_inspector(db)
    service.start_review(db, inspector, report, now=report.received_at)
    finding = "Đã xác minh với các bên liên quan; chưa đủ căn cứ kết luận có vi phạm."
    service.resolve_report(db, inspector, report, substantiated=False, finding=finding,
                           now=report.received_at)
    page = client.post("/reports/follow", data={"code": code}).text
    assert finding in page
    assert "Việc này xảy ra ngày 12/11." in page
    wrong = client.post("/reports/follow", data={"code": service.new_tracking_code()}).text
    assert finding not in wrong
    assert "Không có phản ánh nào" in wrong


def test_the_person_named_cannot_see_the_report_while_the_inspector_can(client, db):
    competition = make_competition(db)
    board = make_board(db, competition)
    report, _code = make_report(db, competition, named=[board[Role.CHAIR]], body=BODY)
    login(client, board[Role.CHAIR])
    assert client.get(f"/oversight/reports/{report.id}").status_code == 404
    assert BODY not in client.get("/oversight/reports").text
    login(client, make_inspector(db))
    response = client.get(f"/oversight/reports/{report.id}")
    assert BODY in response.text
    assert board[Role.CHAIR].full_name in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_attachments_are_served_only_to_those_who_read_the_report(app, client, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    report, _code = service.file_report(
        db, None, competition, category="other", body=BODY, named_user_ids=[board[Role.SECRETARY].id],
        attachments=[service.Attachment("bien-ban.pdf", pdf_bytes())],
        upload_folder=app.config["UPLOAD_FOLDER"], max_bytes=10**6, now=clock.now)
    url = f"/oversight/attachments/{report.attachments[0].id}"
    for person in (board[Role.CHAIR], board[Role.SECRETARY], board[Role.BOARD_MEMBER],
                   make_admin(db)):
        login(client, person)
        assert client.get(url).status_code == 404
    for person in (make_inspector(db),):
        login(client, person)
        response = client.get(url)
        assert response.status_code == 200
        assert response.data.startswith(b"%PDF-")
        response.close()


def test_an_inspector_resolves_and_suspends_then_lifts_through_the_pages(client, db):
    competition = make_competition(db)
    make_board(db, competition)
    report, _code = make_report(db, competition)
    login(client, make_inspector(db))
    client.post(f"/oversight/reports/{report.id}/review")
    client.post(f"/oversight/reports/{report.id}/resolve", data={
        "outcome": "substantiated", "suspend": "y",
        "finding": "Có căn cứ: đề thi đã bị tiết lộ cho một ứng viên trước ngày thi."})
    db.expire_all()
    assert competition.is_suspended
    assert "Tạm dừng" in client.get(f"/competitions/{competition.id}").text
    client.post(f"/manage/{competition.id}/suspension",
                data={"reason": "Đề thi đã được thay bằng bộ đề dự phòng niêm phong."})
    db.expire_all()
    assert not competition.is_suspended


def test_the_administrator_appoints_an_inspector_on_a_page(client, db):
    person = make_user(db)
    login(client, make_admin(db))
    client.post("/oversight/inspectors", data={"email": person.email})
    db.expire_all()
    assert person.is_inspector
    assert person.full_name in client.get("/oversight/inspectors").text
    login(client, make_user(db))
    assert client.get("/oversight/inspectors").status_code == 403


def test_reports_are_rate_limited(app, tmp_path):
    limited = make_test_app(app.config["DATABASE_URL"], tmp_path, RATELIMIT_ENABLED=True)
    try:
        client = limited.test_client()
        codes = [client.post("/competitions/999999/report", data={}).status_code
                 for _ in range(6)]
    finally:
        limiter.enabled = app.config["RATELIMIT_ENABLED"]  # the limiter object is shared
        limited.extensions["thituyen_db"].engine.dispose()
    assert codes[:5] == [404] * 5
    assert codes[5] == 429


def test_the_tally_is_shown_only_once_the_vote_closes(client, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    chair, secretary = board[Role.CHAIR], board[Role.SECRETARY]
    chair.full_name, secretary.full_name = "Ông Xuân Chủ", "Bà Yến Thư"
    vote = make_vote(db, competition, electors=list(board.values()),
                     options=("Chấp nhận hồ sơ", "Giữ quyết định loại"))
    votes.cast_ballot(db, chair, vote, 0, now=clock.now)
    login(client, secretary)
    url = f"/manage/{competition.id}/votes/{vote.id}"
    page = client.get(url).text
    assert "Số phiếu" not in page
    assert chair.full_name not in page, "nobody is told who has voted before the end"
    assert "1 trên 3" in page
    client.post(url + "/ballot", data={"option": "1"})
    login(client, chair)
    refused = client.post(url + "/close", follow_redirects=True).text
    assert "hạn" in refused
    assert "Số phiếu" not in refused
    assert vote.closed_at is None
    votes.cast_ballot(db, board[Role.BOARD_MEMBER], vote, 1, now=clock.now)
    page = client.get(url).text
    assert "Số phiếu" in page
    assert "3 trên 3 thành viên" in page
    assert secretary.full_name in page
    public = client.get(f"/competitions/{competition.id}/record.json").get_json()
    assert public["votes"][0]["tally"] == [{"option": "Chấp nhận hồ sơ", "votes": 1},
                                           {"option": "Giữ quyết định loại", "votes": 2}]


def test_a_vote_without_quorum_says_no_decision_and_shows_no_tally(client, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    vote = make_vote(db, competition, electors=list(board.values()),
                     options=("Chấp nhận hồ sơ", "Giữ quyết định loại"), closes_at=clock.hours(-1))
    votes.cast_ballot(db, board[Role.SECRETARY], vote, 1, now=clock.hours(-2))
    votes.close_due_votes(db, now=clock.now)
    login(client, board[Role.CHAIR])
    page = client.get(f"/manage/{competition.id}/votes/{vote.id}").text
    assert "Số phiếu" not in page
    assert "túc số" in page
    assert "không có quyết định được thông qua" in page
    public = client.get(f"/competitions/{competition.id}/record.json").get_json()
    assert public["votes"][0]["tally"] == []
    assert public["votes"][0]["outcome"] is None


def test_the_chair_sets_a_quorum_when_opening_a_vote(client, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    login(client, board[Role.CHAIR])
    closes = (clock.now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/manage/{competition.id}/votes", data={
        "kind": "tie", "question": "Ai được xếp trước trong danh sách dự bị?",
        "options": "Ứng viên 0004\nỨng viên 0007", "closes_at": closes, "quorum": "3"})
    assert response.status_code == 303
    vote = db.scalars(select(BoardVote).where(BoardVote.competition_id == competition.id)).one()
    assert vote.quorum == 3


# --- a secret vote's choices through every page, export and API, as every role -------------

OPTIONS = ("Phương án Alpha", "Phương án Beta")


@pytest.fixture
def secret_world(db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    voters = [board[Role.CHAIR], board[Role.SECRETARY], board[Role.BOARD_MEMBER]]
    for person, name in zip(voters, ("Ông Xuân Chủ", "Bà Yến Thư", "Ông Zung Viên"), strict=True):
        person.full_name = name
    closed = make_vote(db, competition, electors=voters, options=OPTIONS, kind="tie")
    for person, choice in zip(voters, (0, 0, 1), strict=True):
        votes.cast_ballot(db, person, closed, choice, now=clock.now)
    running = make_vote(db, competition, electors=voters, options=OPTIONS)
    votes.cast_ballot(db, voters[1], running, 0, now=clock.now)  # the secretary and the member
    votes.cast_ballot(db, voters[2], running, 1, now=clock.now)  # voted, differently
    report, _code = make_report(db, competition)
    inspector = make_inspector(db)
    people = {"anonymous": None, "candidate": make_application(db, competition).user,
              "examiner": appoint(db, competition, Role.EXAMINER), "inspector": inspector,
              "admin": make_admin(db), "chair": voters[0], "secretary": voters[1],
              "member": voters[2]}
    return {"competition": competition, "voters": voters, "closed": closed, "running": running,
            "report": report, "people": people}


def _urls(app, world):
    params = {"competition_id": world["competition"].id, "vote_id": world["closed"].id,
              "report_id": world["report"].id, "attachment_id": 1,
              "user_id": world["people"]["inspector"].id}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not (rule.endpoint.startswith(("oversight.", "public."))
                    or rule.endpoint == "audit.log"):
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                values = {a: params[a] for a in rule.arguments}
                urls.append((method, url_for(rule.endpoint, **values)))
                if "vote_id" in rule.arguments:
                    values["vote_id"] = world["running"].id
                    urls.append((method, url_for(rule.endpoint, **values)))
    return urls


def _leaks(text: str, voters) -> list[str]:
    """Lines (or JSON objects) that put a voter and an option together."""
    found = []
    for line in text.splitlines():
        for person in voters:
            for option in OPTIONS:
                if person.full_name in line and option in line:
                    found.append(line.strip())
    try:
        data = json.loads(text)
    except ValueError:
        return found

    def walk(node):
        if isinstance(node, dict):
            flat = json.dumps(node, ensure_ascii=False)
            if any(p.full_name in flat or p.email in flat for p in voters) and any(
                    o in flat for o in OPTIONS):
                found.append(flat)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def _normalised(text: str, people) -> str:
    """The page with the voters' names blanked: it may still differ by what someone chose."""
    for person in people:
        text = text.replace(person.full_name, "<voter>").replace(person.email, "<voter>")
    return re.sub(r'name="csrf_token"[^>]*value="[^"]*"', 'name="csrf_token"', text)


def test_no_page_export_or_api_shows_who_chose_what(app, db, secret_world):
    voters = secret_world["voters"]
    urls = _urls(app, secret_world)
    assert len(urls) >= 20
    seen_as = {}
    for role, person in secret_world["people"].items():
        for method, url in urls:
            savepoint = db.begin_nested()
            try:
                client = app.test_client()
                if person is not None:
                    login(client, person)
                response = client.open(url, method=method, data={}, follow_redirects=True)
                text = response.get_data(as_text=True)
            finally:
                savepoint.rollback()
            assert not _leaks(text, voters), f"{role} {method} {url}: {_leaks(text, voters)}"
            assert not re.search(r"checked", text) or "ballot" not in url, (role, url)
            seen_as[(role, method, url)] = _normalised(text, voters)
    # The secretary chose Alpha and the member Beta: what each of them sees must not differ.
    for method, url in urls:
        assert seen_as[("secretary", method, url)] == seen_as[("member", method, url)], url
    assert "vote.ballot_cast" in seen_as[("admin", "GET", "/audit/")]
    for role in ("anonymous", "admin", "inspector"):
        assert "Phương án Alpha" in seen_as[(role, "GET", f"/competitions/{secret_world['competition'].id}/record.json")]


def test_a_voter_is_not_told_their_own_choice(client, db, clock, secret_world):
    competition, voters = secret_world["competition"], secret_world["voters"]
    fresh = make_vote(db, competition, electors=voters, options=OPTIONS)
    url = f"/manage/{competition.id}/votes/{fresh.id}"
    flashes, pages = [], []
    for person, choice in ((voters[1], "0"), (voters[2], "1")):
        login(client, person)
        response = client.post(url + "/ballot", data={"option": choice}, follow_redirects=True)
        flashes.append(re.findall(r'class="flash flash-success">([^<]*)<', response.text))
    for person in (voters[1], voters[2]):
        login(client, person)
        pages.append(_normalised(client.get(url).text, voters))
    assert flashes[0] == flashes[1]
    assert "Phiếu của Ông/Bà đã được tính" in flashes[0][0]
    assert not any(option in flashes[0][0] for option in OPTIONS)
    assert pages[0] == pages[1]


def test_a_signed_in_reporter_is_named_only_to_inspectors(app, client, db, clock):
    competition = make_competition(db)
    board = make_board(db, competition)
    reporter = make_user(db, full_name="Phan Thị Báo Tin")
    report, _code = service.file_report(
        db, reporter, competition, category="undeclared_conflict", body=BODY,
        named_user_ids=[board[Role.SECRETARY].id], attach_identity=True,
        upload_folder=app.config["UPLOAD_FOLDER"], max_bytes=10**6, now=clock.now)
    login(client, board[Role.CHAIR])
    assert client.get(f"/oversight/reports/{report.id}").status_code == 404
    page = client.get("/oversight/reports").text
    assert BODY not in page
    assert reporter.full_name not in page
    login(client, make_inspector(db))
    assert reporter.full_name in client.get(f"/oversight/reports/{report.id}").text


def test_inspectors_and_the_administrator_find_oversight_from_the_home_page(client, db):
    login(client, make_inspector(db))
    assert "/oversight/reports" in client.get("/").text
    login(client, make_admin(db))
    assert "/oversight/inspectors" in client.get("/").text
    login(client, make_user(db))
    assert "/oversight/" not in client.get("/").text


def test_before_the_deadline_nobody_can_tell_who_has_voted(app, db, clock):
    """Two worlds that differ only in which member cast the one ballot so far: the vote's page,
    the list of votes and the audit log read the same to the board, the administrator and an
    inspector."""
    competition = make_competition(db)
    board = make_board(db, competition)
    vote = make_vote(db, competition, electors=list(board.values()), options=OPTIONS)
    viewers = {"chair": board[Role.CHAIR], "admin": make_admin(db),
               "inspector": make_inspector(db)}
    urls = [f"/manage/{competition.id}/votes/{vote.id}", f"/manage/{competition.id}/votes",
            f"/audit/?competition={competition.id}"]
    worlds = []
    for voter in (board[Role.SECRETARY], board[Role.BOARD_MEMBER]):
        savepoint = db.begin_nested()
        try:
            votes.cast_ballot(db, voter, vote, 0, now=clock.now)
            seen = {}
            for role, person in viewers.items():
                client = app.test_client()
                login(client, person)
                for url in urls:
                    text = client.get(url).get_data(as_text=True)
                    seen[(role, url)] = re.sub(r'name="csrf_token"[^>]*value="[^"]*"', "", text)
            worlds.append(seen)
        finally:
            savepoint.rollback()
    for key, page in worlds[0].items():
        assert page == worlds[1][key], key


def test_the_tracking_code_is_on_the_answer_to_the_filing_and_never_in_the_cookie(app, client,
                                                                                  db):
    competition = make_competition(db)
    client.get(f"/competitions/{competition.id}/report")
    response = client.post(f"/competitions/{competition.id}/report", data={
        "category": "other", "body": BODY}, content_type="multipart/form-data")
    assert response.status_code == 200
    code = _code_from(response.text)
    assert service.find_by_code(db, code) is db.query(IrregularityReport).one()
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    stored = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert service.normalise_code(code) not in service.normalise_code(json.dumps(stored))
    assert code not in client.get("/reports/filed", follow_redirects=True).text


def test_the_board_page_shows_counts_by_category_only(client, db):
    competition = make_competition(db)
    board = make_board(db, competition)
    make_report(db, competition, body=BODY, category="undeclared_conflict")
    login(client, board[Role.BOARD_MEMBER])
    assert "/oversight/reports" in client.get(f"/manage/{competition.id}").text
    page = client.get("/oversight/reports").text
    table = page.split(f'id="report-counts-{competition.id}"')[1].split("</table>")[0]
    assert re.search(r"<td>[^<]+</td><td>1</td>", table)
    assert BODY not in page
