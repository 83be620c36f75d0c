"""HTTP tests: what examiners can reach never names a candidate before the reveal."""

import re

import pytest

from exam.competitions.models import Role
from exam.scoring import codes, service
from exam.scoring.models import AssignmentRole
from tests.conftest import login
from tests.factories import appoint, make_admin, make_script, make_user
from tests.scoring.helpers import assignments, give, scene


def secrets_of(s) -> list[str]:
    """Everything that would identify a candidate to an examiner."""
    found = []
    for application in s.applications:
        found += [application.user.full_name, application.user.email, application.id_number,
                  application.candidate_number]
    return found


def examiner_urls(app, s, script_codes, method="GET"):
    """Every route of the app an examiner could try, with this competition's values."""
    values = {"competition_id": [s.competition.id], "panel_id": [s.panel.id],
              "application_id": [a.id for a in s.applications], "code": script_codes,
              "document_id": [1], "attempt_id": [1], "appeal_id": [1], "objection_id": [1],
              "version_id": [1], "report_id": [1], "vote_id": [1], "user_id": [1],
              "attachment_id": [1], "checkpoint_id": [1], "number": [1], "key": ["essay"],
              "fmt": ["csv"], "step": ["review"], "action": ["score", "decide", "confirm"]}
    urls = []
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint == "static":
            continue
        if not set(rule.arguments) <= set(values):
            continue
        combos = [{}]
        for name in rule.arguments:
            combos = [c | {name: v} for c in combos for v in values[name]]
        for combo in combos:
            path = rule.rule
            for name, value in combo.items():
                path = re.sub(rf"<(?:[^:<>]+:)?{name}(?:\([^)]*\))?>", str(value), path)
            urls.append(path)
    return sorted(set(urls))


def assert_nothing_identifies(response, forbidden, where):
    """A secret standing on its own: a candidate number inside a random hash (a checkpoint's
    head) is a coincidence, not a leak."""
    body = response.get_data(as_text=True)
    for secret in forbidden:
        standing_alone = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
        assert not re.search(standing_alone, body), f"{where} shows {secret!r}"


@pytest.fixture
def marking(db, clock):
    s = scene(db, scripts=6, examiners=3)
    for application, number in zip(s.applications, ("0731", "0842", "0953", "0164", "0275", "0386"),
                                   strict=True):
        application.candidate_number = number
    db.flush()
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    return s


def test_no_page_an_examiner_reaches_names_a_candidate_before_the_reveal(app, client, db, clock,
                                                                        marking):
    s = marking
    examiner = s.panel.members[0].user
    mine = [w.code for w in service.work_for(db, examiner, s.competition)]
    others = [x.code for x in s.scripts if x.code not in mine]
    assert mine
    assert others
    forbidden = secrets_of(s)
    login(client, examiner)
    urls = examiner_urls(app, s, [*mine, *others[:1], codes.display(mine[0])])
    assert any(u.startswith(f"/scoring/{s.competition.id}/scripts/") for u in urls)
    assert len(urls) > 30
    for url in urls:
        assert_nothing_identifies(client.get(url), forbidden, url)
    first = next(a for x in s.scripts for a in assignments(db, x).values()
                 if a.examiner_id == examiner.id)
    posts = [
        (f"/scoring/{s.competition.id}/scripts/{first.script.code}",
         {"c0": "3", "c1": "2", "comment": "Khá", "action": "draft"}),
        (f"/scoring/{s.competition.id}/scripts/{first.script.code}",
         {"c0": "3", "c1": "2", "comment": "Khá", "action": "submit", "final": "y"}),
        (f"/scoring/{s.competition.id}/find", {"code": mine[0].lower()}),
        (f"/scoring/{s.competition.id}/find", {"code": mine[0][:-1] + "0"}),
        (f"/scoring/{s.competition.id}/declaration", {}),
        (f"/scoring/{s.competition.id}/scripts/{others[0]}", {"c0": "1", "action": "draft"}),
    ]
    posts += [(url, {"code": mine[0], "mark": "5", "reason": "Lý do đủ dài để ghi nhận.",
                     "score": "80", "confirm": "y"})
              for url in examiner_urls(app, s, [mine[0]], method="POST")
              if url.startswith("/scoring/")]
    for url, form in posts:
        response = client.post(url, data=form, follow_redirects=True,
                               headers={"Referer": f"/scoring/{s.competition.id}/"})
        assert_nothing_identifies(response, forbidden, f"POST {url}")
    for script in s.scripts:
        for a in assignments(db, script).values():
            if service.submitted_mark(db, a) is None:
                give(db, a, "5", clock.now)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    for url in urls:
        assert_nothing_identifies(client.get(url), forbidden, f"{url} (after the lock)")
    service.reveal_identities(db, s.chair, s.competition, now=clock.now)
    login(client, s.chair)
    body = client.get(f"/scoring/{s.competition.id}/identities").get_data(as_text=True)
    assert all(a.user.full_name in body and a.candidate_number in body for a in s.applications)


def test_the_declaration_is_the_one_page_with_names_and_it_closes_at_the_draw(client, db, clock):
    s = scene(db, scripts=5, declared=False)
    examiner = s.panel.members[0].user
    login(client, examiner)
    page = client.get(f"/scoring/{s.competition.id}/declaration").get_data(as_text=True)
    assert all(a.user.full_name in page for a in s.applications)
    assert not any(a.id_number in page or a.candidate_number in page or a.user.email in page
                   for a in s.applications)
    conflict = s.applications[2]
    response = client.post(f"/scoring/{s.competition.id}/declaration",
                           data={f"a{conflict.id}": "conflict"}, follow_redirects=True)
    assert "Đã ghi nhận bản kê khai của Ông/Bà" in response.get_data(as_text=True)
    assert service.latest_declaration(db, examiner.id, s.competition).conflict_application_ids == \
        [conflict.id]
    for member in s.panel.members[1:]:
        service.declare_conflicts(db, member.user, s.competition, conflict_ids=[], now=clock.now)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    response = client.get(f"/scoring/{s.competition.id}/declaration")
    assert response.status_code == 409
    assert_nothing_identifies(response, secrets_of(s), "closed declaration")


def test_the_code_map_answers_403_to_everyone_before_the_reveal(client, db, clock, marking):
    s = marking
    admin = make_admin(db)
    for person in (admin, *s.board.values(), s.panel.chair, s.panel.members[0].user):
        login(client, person)
        response = client.get(f"/scoring/{s.competition.id}/identities")
        assert response.status_code == 403, person
        assert_nothing_identifies(response, secrets_of(s), "code map")


def test_a_mistyped_code_is_caught_with_a_clear_message(client, db, marking):
    s = marking
    examiner = s.panel.members[0].user
    code = service.work_for(db, examiner, s.competition)[0].code
    wrong = code[:3] + ("1" if code[3] != "1" else "2") + code[4:]
    login(client, examiner)
    response = client.post(f"/scoring/{s.competition.id}/find", data={"code": wrong},
                           follow_redirects=True)
    assert "không phải số phách hợp lệ" in response.get_data(as_text=True)
    response = client.post(f"/scoring/{s.competition.id}/find",
                           data={"code": codes.display(code).lower()})
    assert response.headers["Location"].endswith(f"/scripts/{code}")


def test_an_examiner_never_sees_the_other_mark(client, db, clock, marking):
    s = marking
    script = s.scripts[0]
    pair = assignments(db, script)
    give(db, pair[AssignmentRole.FIRST], "9.25", clock.now, comment="Rất tốt, lập luận chặt")
    login(client, pair[AssignmentRole.SECOND].examiner)
    page = client.get(f"/scoring/{s.competition.id}/scripts/{script.code}").get_data(as_text=True)
    assert "9,25" not in page
    assert "9.25" not in page
    assert "Rất tốt, lập luận chặt" not in page
    response = client.post(f"/scoring/{s.competition.id}/scripts/{script.code}",
                           data={"c0": "6", "c1": "3", "action": "submit", "final": "y"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "9,25" not in page
    assert "Rất tốt, lập luận chặt" not in page
    assert service.group_state(db, script).final.mark == service.reconcile(
        service.submitted_mark(db, pair[AssignmentRole.FIRST]).total,
        service.submitted_mark(db, pair[AssignmentRole.SECOND]).total,
        max_points=script.max_points, threshold_percent=s.panel.threshold_percent)


def test_someone_elses_script_is_refused(client, db, marking):
    s = marking
    outsider = appoint(db, s.competition, Role.EXAMINER, make_user(db, full_name="Giám khảo khác"))
    login(client, outsider)
    assert client.get(f"/scoring/{s.competition.id}/scripts/{s.scripts[0].code}").status_code == 403
    login(client, make_user(db))
    assert client.get(f"/scoring/{s.competition.id}/").status_code == 403


def test_the_board_sees_statistics_with_the_source_named(client, db, clock, marking):
    s = marking
    for script in s.scripts:
        for a in assignments(db, script).values():
            give(db, a, "6", clock.now)
    login(client, s.chair)
    sealed = client.get(f"/scoring/{s.competition.id}/statistics")
    assert sealed.status_code == 409
    assert "60.0" not in sealed.get_data(as_text=True)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    page = client.get(f"/scoring/{s.competition.id}/statistics").get_data(as_text=True)
    assert "Krippendorff, K. (2011)" in page
    assert "Shrout, P. E. &amp; Fleiss" in page
    assert 'data-chart="{&#34;points&#34;: [[60.0, 60.0]' in page
    login(client, s.panel.members[0].user)
    assert client.get(f"/scoring/{s.competition.id}/statistics").status_code == 403


def test_the_panel_chair_masks_a_leak_through_the_page(client, db, clock):
    s = scene(db, scripts=5)
    application = s.applications[0]
    leaky = make_script(db, s.competition, application=application,
                        answer_text=f"Tôi, {application.user.full_name}, xin trình bày.")
    login(client, s.chair)
    home = client.get(f"/scoring/{s.competition.id}/").get_data(as_text=True)
    assert codes.display(leaky.code) in home
    assert client.get(f"/scoring/{s.competition.id}/leaks/{leaky.code}").status_code == 403
    assert client.get(f"/scoring/{s.competition.id}/leaks/{s.scripts[1].code}").status_code == 403
    login(client, s.panel.chair)
    home = client.get(f"/scoring/{s.competition.id}/").get_data(as_text=True)
    assert codes.display(leaky.code) in home
    client.post(f"/scoring/{s.competition.id}/leaks/{leaky.code}",
                data={"action": "mask", "mask-passage": application.user.full_name})
    assert not service.is_flagged(db, leaky)
    assert application.user.full_name not in service.shown_text(leaky)


def test_presentation_scores_stay_sealed_on_the_page_until_all_are_in(client, db, clock):
    from exam.scoring.models import PRESENTATION
    from tests.factories import appoint, make_user

    s = scene(db, scripts=1)
    people = [appoint(db, s.competition, Role.EXAMINER, make_user(db, full_name=f"Thành viên {i}"))
              for i in range(3)]
    service.set_up_panel(db, s.chair, s.competition, part_key=PRESENTATION, chair=people[0],
                         examiners=people[1:], now=clock.now)
    service.assign_markers(db, s.chair, s.competition, s.panel, now=clock.now)
    for a in assignments(db, s.scripts[0]).values():
        give(db, a, "6", clock.now)
    service.lock_scores(db, s.chair, s.competition, now=clock.now)
    service.reveal_identities(db, s.chair, s.competition, now=clock.now)
    application = s.applications[0]
    base = f"/scoring/{s.competition.id}/presentation"
    login(client, people[1])
    client.post(f"{base}/{application.id}/score", data={"score": "83,5"})
    login(client, people[2])
    page = client.get(base).get_data(as_text=True)
    assert "83,5" not in page
    assert "1/3" in page
    assert application.user.full_name in page
    client.post(f"{base}/{application.id}/score", data={"score": "81"})
    login(client, people[0])
    client.post(f"{base}/{application.id}/score", data={"score": "80"})
    page = client.get(base).get_data(as_text=True)
    assert "83,5" in page
    assert "81,5" in page  # the mean of 83.5, 81 and 80
    client.post(f"{base}/{application.id}/confirm")
    assert "1/3" in client.get(base).get_data(as_text=True)


def test_the_competition_dashboard_shows_the_board_where_scoring_stands(client, db, clock, marking):
    s = marking
    pair = assignments(db, s.scripts[0])
    give(db, pair[AssignmentRole.FIRST], "2", clock.now)
    give(db, pair[AssignmentRole.SECOND], "9", clock.now)
    login(client, s.chair)
    page = client.get(f"/manage/{s.competition.id}").get_data(as_text=True)
    assert "0/6 bài đã có điểm chính thức" in page
    assert "1 bài chênh lệch vượt ngưỡng" in page
    login(client, s.panel.members[0].user)
    page = client.get(f"/manage/{s.competition.id}").get_data(as_text=True)
    assert "bài đã có điểm chính thức" not in page


def test_after_the_results_the_candidate_sees_what_was_masked_from_the_examiners(client, db,
                                                                                 clock):
    from exam.results import service as results
    from exam.scoring.models import Redaction
    from tests.results.helpers import make_scene

    scene = make_scene(db, clock)
    huong = scene.app("Nguyễn Thị Hương")
    script = make_script(db, scene.competition, application=huong,
                         answer_text="Giải pháp là số hoá. Người viết: Nguyễn Thị Hương.")
    db.add(Redaction(script_id=script.id, passage="Nguyễn Thị Hương", nonce="ab" * 32,
                     by_id=scene.chair.id, at=clock.now))
    db.flush()
    login(client, huong.user)
    assert client.get(f"/applications/{huong.id}/result").status_code != 200
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.now,
                                        part_scores=scene.scores)
    page = client.get(f"/applications/{huong.id}/result").get_data(as_text=True)
    assert "«Nguyễn Thị Hương»" in page
    assert "ab" * 32 in page
    other = scene.app("Trần Đức Anh")
    login(client, other.user)
    assert "Nguyễn Thị Hương»" not in client.get(
        f"/applications/{other.id}/result").get_data(as_text=True)


def test_one_mark_over_the_maximum_keeps_every_mark_and_the_comment(client, db, clock, marking):
    s = marking
    script = s.scripts[0]
    examiner = assignments(db, script)[AssignmentRole.FIRST].examiner
    login(client, examiner)
    url = f"/scoring/{s.competition.id}/scripts/{script.code}"
    maximum = service.rubric_of(script)[1]["max_points"]
    response = client.post(url, data={"c0": "3,5", "c1": str(maximum + 1),
                                      "comment": "Lập luận chặt chẽ, thiếu ví dụ",
                                      "action": "submit", "final": "y"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="3,5"' in page
    assert f'value="{maximum + 1}"' in page
    assert "Lập luận chặt chẽ, thiếu ví dụ" in page
    assert 'id="c1-err"' in page
    assert 'id="c0-err"' not in page
    assert service.last_mark(db, assignments(db, script)[AssignmentRole.FIRST]) is None


def test_submitting_a_mark_asks_to_confirm_it_is_final(client, db, clock, marking):
    s = marking
    script = s.scripts[0]
    assignment = assignments(db, script)[AssignmentRole.FIRST]
    login(client, assignment.examiner)
    url = f"/scoring/{s.competition.id}/scripts/{script.code}"
    response = client.post(url, data={"c0": "3", "c1": "2", "comment": "Khá",
                                      "action": "submit"})
    assert response.status_code == 400
    assert 'id="final-err"' in response.get_data(as_text=True)
    assert 'value="3"' in response.get_data(as_text=True)
    assert service.submitted_mark(db, assignment) is None


def test_an_examiner_who_declared_no_conflict_is_not_told_they_declared_one(client, db, clock):
    s = scene(db, scripts=3, declared=False)
    examiner = s.panel.members[0].user
    login(client, examiner)
    client.post(f"/scoring/{s.competition.id}/declaration", data={})
    page = client.get(f"/scoring/{s.competition.id}/").get_data(as_text=True)
    assert "You declared no conflict of interest." in page or "không có xung đột" in page
    assert "Bạn đã kê khai xung đột lợi ích" not in page
    assert "declared your conflicts" not in page
