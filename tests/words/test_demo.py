"""A newcomer's demo: a clear word on an unmigrated database, and staff who can pass the
second step without an authenticator app, while real accounts get no such help."""

from __future__ import annotations

from exam.accounts.service import find_by_email, hasher
from exam.competitions.models import Role
from exam.db import utcnow
from exam.demo import DEMO_PASSWORD, enrol_demo_second_factor
from tests.conftest import fresh_database, make_test_app
from tests.factories import appoint, make_competition, make_user


def test_demo_on_a_database_never_migrated_says_what_to_run(tmp_path):
    with fresh_database(tmp_path, "empty") as url:
        app = make_test_app(url, tmp_path)
        result = app.test_cli_runner().invoke(args=["demo"])
        app.extensions["thituyen_db"].engine.dispose()
    assert result.exit_code != 0
    assert "thituyen db upgrade" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def staff_member(db, email):
    competition = make_competition(db)
    user = make_user(db, email=email)
    user.password_hash = hasher.hash(DEMO_PASSWORD)
    appoint(db, competition, Role.CHAIR, user)
    enrol_demo_second_factor(db, user, now=utcnow())
    return user


def test_demo_staff_sign_in_with_the_code_the_demo_prints(app, client, db, runner, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED", True)
    user = staff_member(db, "chutich2@demo.thituyen.vn")
    client.post("/account/login", data={"email": user.email, "password": DEMO_PASSWORD})
    code = runner.invoke(args=["demo-code", user.email])
    assert code.exit_code == 0, code.output
    digits = code.output.strip()
    assert len(digits) == 6
    assert digits.isdigit()
    done = client.post("/account/two-factor", data={"code": digits})
    assert done.status_code == 302
    with client.session_transaction() as session:
        assert session.get("_user_id") == str(user.id)
        assert session.get("second_factor") is True


def test_no_code_is_shown_for_a_real_account_or_a_changed_password(db, runner):
    real = staff_member(db, "chutich@so-noi-vu.gov.vn")
    assert runner.invoke(args=["demo-code", real.email]).exit_code != 0
    renamed = staff_member(db, "thuky2@demo.thituyen.vn")
    renamed.password_hash = hasher.hash("a password only its owner knows 2026")
    db.flush()
    refused = runner.invoke(args=["demo-code", renamed.email])
    assert refused.exit_code != 0
    assert find_by_email(db, renamed.email).totp_secret


def test_the_demo_leaves_a_sitting_open_now_that_a_candidate_can_enter(db, runner):
    from exam.competitions.models import Stage
    from exam.demo import run_demo
    from exam.sitting import attempts
    from exam.sitting.demo import OPEN_ROOM_CODE

    made = run_demo(db, candidates=4)
    sitting = made["sitting_now"]
    now = utcnow()
    assert sitting.stage == Stage.SITTING
    assert sitting.sitting_opens_at <= now < sitting.sitting_closes_at
    candidate = made["cast"].candidates[0]
    attempt = attempts.start_attempt(db, candidate, sitting, access_code=OPEN_ROOM_CODE,
                                     address="10.0.0.9", now=now)
    assert attempts.paper_lines(db, attempt)


def test_the_demo_runs_as_make_run_starts_it_without_a_public_address(app, db, monkeypatch):
    """`make run` sets no PUBLIC_BASE_URL: links made outside a request use the local address."""
    from exam.config import LOCAL_ADDRESS
    from exam.demo import run_demo
    from exam.rooms.models import SebRule

    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", None)
    run_demo(db, candidates=4)
    assert f"{LOCAL_ADDRESS}/sitting/" in db.query(SebRule).one().config_xml


def test_the_demo_leaves_scripts_for_examiners_and_the_objection_and_appeal_windows_open(
        db, capsys):
    from sqlalchemy import select

    from exam.appeals import service as appeals
    from exam.competitions.models import Stage
    from exam.demo import print_logins, run_demo
    from exam.registration.models import accepted_candidates
    from exam.scoring.models import Assignment, AssignmentRole, Mark, Script

    made = run_demo(db, candidates=4)
    now = utcnow()
    scoring, appealing = made["scoring_now"], made["appeals_open"]
    assert scoring.stage == Stage.SCORING
    waiting = db.scalars(select(Assignment).join(Script).outerjoin(
        Mark, Mark.assignment_id == Assignment.id).where(
        Script.competition_id == scoring.id, Assignment.role == AssignmentRole.FIRST,
        Mark.id.is_(None))).all()
    assert waiting
    opens, closes = appeals.objection_window(scoring)
    assert opens <= now < closes
    assert appealing.stage == Stage.PROVISIONAL_RESULTS
    opens, closes = appeals.remark_window(db, appealing)
    assert opens <= now < closes
    candidate = accepted_candidates(db, appealing)[0].user.email
    print_logins(made)
    printed = capsys.readouterr().out
    assert f"appeal as {candidate}" in printed
    assert f"\"{scoring.title}\"; mark as giamkhao" in printed


def test_the_second_step_tells_a_demo_account_how_to_get_its_code(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED", True)
    demo = staff_member(db, "uyvien2@demo.thituyen.vn")
    client.post("/account/login", data={"email": demo.email, "password": DEMO_PASSWORD})
    assert f"thituyen demo-code {demo.email}" in client.get("/account/two-factor").text


def test_the_second_step_shows_no_demo_hint_to_a_real_account(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED", True)
    real = staff_member(db, "uyvien@so-noi-vu.gov.vn")
    client.post("/account/login", data={"email": real.email, "password": DEMO_PASSWORD})
    assert "demo-code" not in client.get("/account/two-factor").text
