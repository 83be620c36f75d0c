"""What one candidate's requests cost the app: CPU and queries per request, on PostgreSQL.

    .venv/bin/python benchmarks/request_costs.py [--candidates 40] [--profile paper]

Runs the requests of a sitting's start (sitting page, start, paper) and an autosave through
Flask's test client, in this process, so the CPU is the app's alone (no HTTP server, no
client). `--profile KIND` adds a cProfile listing of that request kind, summed by package.
Uses DATABASE_URL's server (a throwaway database on it) or a temporary PostgreSQL.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from benchmarks.run import bench_database, say  # noqa: E402
from benchmarks.seed import PASSWORD, seed_sitting  # noqa: E402

KINDS = ("landing", "start", "paper", "autosave")
ESSAY = re.compile(r'data-role="question" data-item="(\d+)" data-position="\d+" data-type="essay"')


def by_package(profile: cProfile.Profile, n: int) -> list[str]:
    totals: collections.Counter[str] = collections.Counter()
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profile).stats.items():
        package = (filename.split("site-packages/")[-1].split("/")[0] if "site-packages" in filename
                   else filename.replace(str(Path.cwd()) + "/", ""))
        totals[package] += own
    whole = sum(totals.values())
    return [f"{own / n * 1000:7.2f} ms  {own / whole:5.1%}  {package}"
            for package, own in totals.most_common(15)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--profile", choices=KINDS)
    options = parser.parse_args()
    n = options.candidates
    with bench_database() as (url, _temp), tempfile.TemporaryDirectory() as instance:
        from exam import create_app
        from exam.db import db_session
        from exam.migrate import upgrade

        upgrade(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "costs", "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False, "UPLOAD_FOLDER": instance,
                          "MAIL_FOLDER": instance})
        with app.app_context():
            seeded = seed_sitting(db_session(), n + 1, tag="costs", progress=say)
        engine = app.extensions["thituyen_db"].engine
        queries = collections.Counter()
        current = {"kind": None}
        event.listen(engine, "before_cursor_execute",
                     lambda *_a, **_k: queries.update([current["kind"]]))
        cpu = collections.Counter()
        profile = cProfile.Profile()

        def measured(kind, request, *args, **kwargs):
            current["kind"] = kind
            if kind == options.profile:
                profile.enable()
            started = time.process_time()
            response = request(*args, **kwargs)
            cpu[kind] += time.process_time() - started
            if kind == options.profile:
                profile.disable()
            current["kind"] = None
            return response

        cid = seeded.competition_id
        for index, email in enumerate(seeded.emails):
            if index == 1:  # the first candidate warmed up templates, caches and connections
                cpu.clear()
                queries.clear()
            browser = app.test_client()
            browser.post("/account/login", data={"email": email, "password": PASSWORD})
            assert measured("landing", browser.get, f"/sitting/{cid}").status_code == 200
            measured("start", browser.post, f"/sitting/{cid}/start", data={})
            page = measured("paper", browser.get, f"/sitting/{cid}/paper")
            item = int(ESSAY.search(page.get_data(as_text=True)).group(1))
            saved = measured("autosave", browser.post, f"/sitting/{cid}/answer",
                             json={"paper_item_id": item, "response": "x", "seq": 1})
            assert saved.get_json().get("saved"), saved.get_data(as_text=True)
        engine.dispose()
    say(f"\n{n} candidates, app CPU per request (Flask test client, no HTTP server):")
    say(f"{'request':10} {'CPU ms':>7} {'queries':>8}")
    for kind in KINDS:
        say(f"{kind:10} {cpu[kind] / n * 1000:7.1f} {queries[kind] / n:8.1f}")
    if options.profile:
        say(f"\n{options.profile}: own time by package (cProfile, its overhead included)")
        say("\n".join(by_package(profile, n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
