"""App CPU of one autosave and of one key release, the lean path against the Flask route,
on PostgreSQL.

    .venv/bin/python benchmarks/save_costs.py [--saves 300] [--keys 100]

One candidate signs in and saves the same essay question again and again (each save newer
than the last) through Flask's test client, in this process, first through an app with the
lean path in front, then through one without; CPU and wall time per save, twice each. Then
`--keys` candidates check in before a sitting's start, and at the start half of them get
their key through the lean path, half through the Flask route (each a first release, the
one that starts the attempt). Uses DATABASE_URL's server (a throwaway database on it) or a
temporary PostgreSQL.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import bench_database, say  # noqa: E402
from benchmarks.seed import PASSWORD, seed_sitting  # noqa: E402

QUESTION = re.compile(r'data-role="question" data-item="(\d+)" data-position="\d+" data-type="essay"')
CSRF = re.compile(r'data-csrf="([^"]+)"')
ATTEMPT = re.compile(r'data-attempt="(\d+)"')
FORM_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--keys", type=int, default=100)
    options = parser.parse_args()
    with bench_database() as (url, _temp), tempfile.TemporaryDirectory() as instance:
        from exam import create_app
        from exam.db import db_session
        from exam.migrate import upgrade

        upgrade(url)
        config = {"DATABASE_URL": url, "SECRET_KEY": "costs", "RATELIMIT_ENABLED": False,
                  "TWO_FACTOR_REQUIRED": False, "UPLOAD_FOLDER": instance,
                  "MAIL_FOLDER": instance, "SIGNING_KEY_FOLDER": instance}
        apps = {"lean path": create_app(config),
                "Flask route": create_app({**config, "LEAN_AUTOSAVE": False})}
        with apps["lean path"].app_context():
            seeded = seed_sitting(db_session(), 1, tag="save-costs", progress=say)
        browser = apps["lean path"].test_client()
        cid = seeded.competition_id
        page = browser.get("/account/login").get_data(as_text=True)
        browser.post("/account/login", data={"csrf_token": FORM_CSRF.search(page).group(1),
                                              "email": seeded.emails[0], "password": PASSWORD})
        landing = browser.get(f"/sitting/{cid}").get_data(as_text=True)
        browser.post(f"/sitting/{cid}/start",
                     data={"csrf_token": FORM_CSRF.search(landing).group(1)})
        paper = browser.get(f"/sitting/{cid}/paper").get_data(as_text=True)
        token, item = CSRF.search(paper).group(1), int(QUESTION.search(paper).group(1))
        cookie = browser.get_cookie("session").value
        seq = 0
        say(f"\n{options.saves} saves each, app CPU and wall time per save:")
        for name in [*apps, *apps]:
            saver = apps[name].test_client()
            saver.set_cookie("session", cookie)
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(options.saves):
                seq += 1
                answer = saver.post(f"/sitting/{cid}/answer", headers={"X-CSRFToken": token},
                                    json={"paper_item_id": item, "response": f"x{seq}",
                                          "seq": seq})
                assert answer.get_json()["saved"], answer.get_data(as_text=True)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            say(f"{name:12} CPU {cpu / options.saves * 1000:5.2f} ms   "
                f"wall {wall / options.saves * 1000:5.2f} ms")
        key_costs(apps, options.keys)
        lean = apps["lean path"].extensions["thituyen_lean"]
        say(f"lean path outcomes: {dict(lean.outcomes)}")
        for app in apps.values():
            app.extensions["thituyen_db"].engine.dispose()
        lean.pool.close()
    return 0


def key_costs(apps: dict, n: int) -> None:
    """First key releases at the start, half through each app."""
    from datetime import timedelta

    from exam.competitions.models import Competition
    from exam.db import db_session, utcnow

    lean_app = apps["lean path"]
    with lean_app.app_context():
        seeded = seed_sitting(db_session(), n, tag="key-costs", progress=say)
        competition = db_session().get(Competition, seeded.competition_id)
        competition.sitting_opens_at = utcnow() + timedelta(minutes=10)
        db_session().commit()
    cid, pages = seeded.competition_id, []
    for email in seeded.emails:
        browser = lean_app.test_client()
        page = browser.get("/account/login").get_data(as_text=True)
        browser.post("/account/login", data={"csrf_token": FORM_CSRF.search(page).group(1),
                                              "email": email, "password": PASSWORD})
        landing = browser.get(f"/sitting/{cid}").get_data(as_text=True)
        browser.post(f"/sitting/{cid}/check-in",
                     data={"csrf_token": FORM_CSRF.search(landing).group(1)})
        sealed = browser.get(f"/sitting/{cid}/paper").get_data(as_text=True)
        pages.append((browser.get_cookie("session").value, CSRF.search(sealed).group(1),
                      int(ATTEMPT.search(sealed).group(1))))
    with lean_app.app_context():
        db_session().get(Competition, cid).sitting_opens_at = utcnow() - timedelta(seconds=1)
        db_session().commit()
    say(f"\n{n // 2} first key releases each, app CPU and wall time per key:")
    for name, half in (("lean path", pages[: n // 2]), ("Flask route", pages[n // 2:])):
        cpu, wall = time.process_time(), time.perf_counter()
        for cookie, token, attempt in half:
            browser = apps[name].test_client()
            browser.set_cookie("session", cookie)
            answer = browser.post(f"/sitting/{cid}/key", json={"attempt": attempt},
                                  headers={"X-CSRFToken": token})
            assert answer.status_code == 200, answer.get_data(as_text=True)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        say(f"{name:12} CPU {cpu / len(half) * 1000:5.2f} ms   "
            f"wall {wall / len(half) * 1000:5.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
