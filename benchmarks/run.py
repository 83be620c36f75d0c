"""`make bench`: exam-day load on this machine, against PostgreSQL, with a baseline.

Prints a table (requests per second, p50/p95/p99 per request kind, errors, the autosave
throughput as a ratio of a bare single-row-write endpoint served the same way), the largest
number of candidates held (autosave p99 < 300 ms, no errors), and offline timings for 2,000
candidates (draw + store all papers, the signed result sheet, all score sheets).

Uses DATABASE_URL when set (creating and dropping its own database on that server), else
starts a throwaway PostgreSQL with initdb/pg_ctl. `--quick` is the one-minute CI version.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import random  # noqa: E402

from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402

from benchmarks import baseline_app, client, pgtemp  # noqa: E402
from benchmarks.seed import PASSWORD  # noqa: E402
from benchmarks.servers import THITUYEN, Gunicorn  # noqa: E402

KEY = "key"
PROBE_UNTIL_SECONDS = 10.5 * 60  # no probe starts later, so the whole run stays within 15 min
WARM_UP_SECONDS = 3  # every worker has imported, connected and compiled its templates


def say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def bench_database():
    """A fresh database: on DATABASE_URL's server, else on a temporary PostgreSQL."""
    base = os.environ.get("DATABASE_URL")
    temp = None
    if not base:
        if not pgtemp.available():
            raise SystemExit("No DATABASE_URL and no initdb/pg_ctl: cannot benchmark PostgreSQL.")
        temp = pgtemp.TempPostgres().__enter__()
        base = temp.url
        say(f"database: temporary PostgreSQL (initdb + pg_ctl) on port {temp.port}")
    else:
        say(f"database: DATABASE_URL server {make_url(base).host}:{make_url(base).port}")
    try:
        with pgtemp.throwaway_database(base, "bench") as url:
            yield url, temp
    finally:
        if temp:
            temp.cleanup()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def app_context(url: str, instance: str):
    os.environ["THITUYEN_INSTANCE_PATH"] = instance
    from exam import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": False})


def seed(app, n: int, tag: str):
    from benchmarks.seed import seed_sitting
    from exam.db import db_session

    with app.app_context():
        seeded = seed_sitting(db_session(), n, tag=tag, progress=say)
    settle_database(app)
    return seeded


def settle_database(app) -> None:
    """What exam day finds: papers drawn days before, statistics fresh, no checkpoint pending.
    Without it a probe measures the previous scenario's writes being flushed."""
    engine = app.extensions["thituyen_db"].engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
        try:
            connection.exec_driver_sql("CHECKPOINT")
        except DBAPIError:
            say("  (no CHECKPOINT: the database user is not a superuser)")


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                      for i, (c, w) in enumerate(zip(r, widths, strict=True))) for r in rows]
    return "\n".join(out)


def own_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def postgres_cpu_seconds(temp) -> float:
    """CPU of the PostgreSQL server: the temporary server's processes, or (on DATABASE_URL's
    server) every process named postgres on this machine, whoever else uses it."""
    ticks = os.sysconf("SC_CLK_TCK")
    root = None
    if temp is not None:
        with contextlib.suppress(OSError, ValueError):
            root = int((temp.data / "postmaster.pid").read_text().split()[0])
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        pid, comm, ppid = int(stat.parent.name), head.split("(", 1)[1], int(fields[1])
        if (root is not None and root in (pid, ppid)) or (root is None and comm == "postgres"):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class CpuTimeline:
    """The CPU used so far by the app server, the exam-day worker beside it, PostgreSQL and
    this process, sampled four times a second, to tell what each phase of the day cost."""

    def __init__(self, server: Gunicorn, temp):
        self.server, self.temp = server, temp
        self.samples: list[tuple[float, ...]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> tuple[float, ...]:
        return (time.monotonic(), self.server.server_cpu_seconds(),
                self.server.beside_cpu_seconds(), postgres_cpu_seconds(self.temp),
                own_cpu_seconds())

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.samples.append(self.sample())

    def __enter__(self):
        self.samples.append(self.sample())
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._stop.set()
        self._thread.join()
        self.samples.append(self.sample())

    def between(self, start: float, end: float) -> tuple[float, ...]:
        """(seconds, app, worker, PostgreSQL, load generator) CPU from start to end."""
        first = min(self.samples, key=lambda s: abs(s[0] - start))
        last = min(self.samples, key=lambda s: abs(s[0] - end))
        return tuple(b - a for a, b in zip(first, last, strict=True))


KEY_STORM_SECONDS = 10  # the start's window in the CPU table: the storm and its wake


def scenario(app, server: Gunicorn, n: int, *, phases: dict, tag: str, temp=None) -> dict:
    seeded = seed(app, n, tag)
    open_sitting_in(app, seeded.competition_id, phases["check_in_window"] + 2)
    with CpuTimeline(server, temp) as timeline:
        rec, times = asyncio.run(client.run_exam_day(
            server.url, seeded.competition_id, seeded.emails, PASSWORD,
            progress=say, **phases))
    began, ended = timeline.samples[0][0], timeline.samples[-1][0]
    storm_over = times["start"] + KEY_STORM_SECONDS
    by_phase = {"check-in": timeline.between(began, times["start"]),
                f"the start (first {KEY_STORM_SECONDS} s)": timeline.between(times["start"],
                                                                              storm_over),
                "autosave": timeline.between(storm_over, times["deadline"]),
                "the finish": timeline.between(times["deadline"], ended)}
    _seconds, app_cpu, worker_cpu, pg_cpu, own_cpu = timeline.between(began, ended)
    return {"n": n, "rec": rec, "wall": ended - began, "client_cpu": own_cpu,
            "server_cpu": app_cpu + worker_cpu, "pg_cpu": pg_cpu, "by_phase": by_phase,
            "draw_seconds": seeded.draw_seconds,
            "lost": lost_saves(app, seeded.competition_id, rec.acknowledged)}


def open_sitting_in(app, competition_id: int, seconds: float) -> None:
    """The start time `seconds` from now, when the scenario's key storm comes: before it the
    candidates check in and hold sealed papers."""
    from datetime import timedelta

    from exam.competitions.models import Competition
    from exam.db import db_session, utcnow

    with app.app_context():
        db_session().get(Competition, competition_id).sitting_opens_at = (
            utcnow() + timedelta(seconds=seconds))
        db_session().commit()


def lost_saves(app, competition_id: int, acknowledged) -> int:
    """Saves the server acknowledged that are not in the database (as the page sent them)."""
    import json

    from sqlalchemy import select

    from exam.competitions.models import Competition
    from exam.db import db_session
    from exam.sitting.attempts import shown_response
    from exam.sitting.models import AnswerSave, Attempt, PaperItem
    from exam.sitting.service import seal_of, snapshot_items
    from question_bank.draw import canonical_json

    with app.app_context():
        session = db_session()
        items = snapshot_items(session, seal_of(session, session.get(Competition, competition_id)))
        stored = set()
        for save, line in session.execute(
                select(AnswerSave, PaperItem).join(PaperItem, PaperItem.id == AnswerSave.paper_item_id)
                .join(Attempt, Attempt.id == AnswerSave.attempt_id)
                .where(Attempt.competition_id == competition_id)):
            shown = shown_response(items[line.item_key], line, json.loads(save.response))
            stored.add((save.paper_item_id, save.client_seq, canonical_json(shown)))
        db_session().close()
    return sum(1 for _email, item, seq, response in acknowledged
               if (item, seq, canonical_json(json.loads(response))) not in stored)


LIMITS = {"autosave": 0.300, KEY: 2.0, "submit": 5.0}


def holds(result: dict) -> bool:
    rec = result["rec"]
    return (not sum(rec.errors.values()) and result["lost"] == 0
            and all(percentile(rec.latencies[kind], 99) < limit
                    for kind, limit in LIMITS.items()))


async def saturation(servers: dict[str, Gunicorn], competition_id: int, emails: list[str],
                     password: str, seconds: float, concurrency: int, temp) -> dict[str, tuple]:
    """Autosave throughput at saturation, the lean path against the bare write: the same
    started candidates saving back to back, first to the baseline's answer address, then to
    the app's, each after the same warm-up. (done, errors, latencies, CPU seconds of the
    server, of PostgreSQL and of the load generator over the measured window) for each."""
    app_url = servers["lean"].url
    rec = client.Recorder()
    candidates = [client.Candidate(app_url, competition_id, e, password, rec, random.Random(i))
                  for i, e in enumerate(emails[:concurrency])]
    for candidate in candidates:
        await candidate.open()
        await candidate.login()
        await candidate.start()
    done = 0

    async def loop(candidate, stop):
        nonlocal done
        while time.monotonic() < stop:
            await candidate.autosave()
            done += 1

    def cpu(server):
        return (server.cpu_seconds(), postgres_cpu_seconds(temp), own_cpu_seconds())

    measured = {}
    for name in ("baseline", "lean"):
        for candidate in candidates:
            candidate.base = servers[name].url
        warm_until = time.monotonic() + WARM_UP_SECONDS
        await asyncio.gather(*(loop(c, warm_until) for c in candidates))
        done = 0
        rec.latencies["autosave"].clear()
        rec.errors.clear()
        rec.error_samples.clear()
        stop = time.monotonic() + seconds
        before = cpu(servers[name])
        await asyncio.gather(*(loop(c, stop) for c in candidates))
        used = tuple(b - a for a, b in zip(before, cpu(servers[name]), strict=True))
        if rec.error_samples:
            say(f"  {name} errors at saturation: " + "; ".join(rec.error_samples[:3]))
        measured[name] = (done, rec.errors["autosave"], list(rec.latencies["autosave"]), used)
    for candidate in candidates:
        await candidate.close()
    return measured


def read_lean_outcomes(path: Path) -> Counter:
    """What the workers' lean paths answered, and why the rest went to Flask."""
    import json

    outcomes: Counter = Counter()
    if path.exists():
        for line in path.read_text().splitlines():
            outcomes.update(json.loads(line))
    return outcomes


def offline_timings(app, n: int) -> list[list[str]]:
    """The PDF work for n candidates, with progress, measured in this process."""
    from exam.documents import keystore, pdf, signing

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        keystore.create_dev_keys(folder, "Hội đồng thi tuyển")
        key = keystore.organization_key(folder)
        names = [f"Nguyễn Thị Hương {i}" for i in range(n)]
        header = pdf.SheetHeader(organization="Hội đồng thi tuyển", competition_title="Benchmark",
                                 title="KẾT QUẢ THI TUYỂN", post="Trưởng phòng", unit="Sở Nội vụ",
                                 status_label="", generated_at_label="")
        started = time.perf_counter()
        sheet = pdf.build_result_sheet(pdf.ResultSheet(
            header=header, columns=["#", "SBD", "Họ và tên", "Viết", "Tổng"],
            rows=[[str(i + 1), f"{i:05d}", name, "80.5", "80.5"] for i, name in enumerate(names)],
            verification=pdf.Verification(code="BENCH-0001", url="http://127.0.0.1/verify/x",
                                          data_sha256="0" * 64)))
        signed = signing.certify_pdf(sheet, key, reason="Benchmark", location="Hà Nội")
        rows.append([f"signed result sheet, {n} rows", f"{time.perf_counter() - started:.2f} s",
                     f"{len(signed) // 1024} KB"])
        started = time.perf_counter()
        for i, name in enumerate(names):
            pdf.build_score_sheet(pdf.ScoreSheet(header=header, candidate_number=f"{i:05d}",
                                                 candidate_name=name, columns=["Phần", "Điểm"],
                                                 rows=[["Viết", "80.5"]]))
            if (i + 1) % max(1, n // 4) == 0:
                say(f"  score sheets: {i + 1}/{n}")
        rows.append([f"all {n} score sheets (unsigned)", f"{time.perf_counter() - started:.2f} s", ""])
    return rows


def exam_day_phases(n: int, quick: bool) -> dict:
    """Exam day compressed: a check-in (sign-in with argon2, sitting page, paper) costs tens of
    milliseconds of CPU, so it is spread over a window long enough for n candidates on two
    cores (n/10 seconds; the real window is 30 minutes)."""
    if quick:
        return {"check_in_window": 15, "steady": 15, "finish_window": 8, "autosave_every": 5}
    return {"check_in_window": max(30, n // 10), "steady": 60, "finish_window": 60,
            "autosave_every": 15}


def report(result: dict) -> None:
    rec = result["rec"]
    rows = []
    for kind in ("login_page", "login", "landing", "check-in", "sealed page", "start", "paper",
                 KEY, "autosave", "submit"):
        values = rec.latencies.get(kind, [])
        if values:
            rows.append([kind, len(values), f"{percentile(values, 50) * 1000:.0f}",
                         f"{percentile(values, 95) * 1000:.0f}",
                         f"{percentile(values, 99) * 1000:.0f}", rec.errors.get(kind, 0)])
    say(table(rows, ["request", "count", "p50 ms", "p95 ms", "p99 ms", "errors"]))
    say(table([[phase, f"{wall:.0f}", f"{app:.1f}", f"{worker:.1f}", f"{pg:.1f}", f"{own:.1f}"]
               for phase, (wall, app, worker, pg, own) in result["by_phase"].items()],
              ["phase", "wall s", "app CPU s", "worker CPU s", "PostgreSQL CPU s",
               "load generator CPU s"]))
    say(f"CPU over {result['wall']:.0f} s: app (gunicorn and worker) {result['server_cpu']:.0f} s, "
        f"PostgreSQL {result['pg_cpu']:.0f} s, load generator {result['client_cpu']:.0f} s")
    say(f"saves acknowledged: {len(rec.acknowledged)}, lost: {result['lost']}")
    if rec.error_samples:
        say("first errors: " + "; ".join(rec.error_samples[:5]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the CI version, under 3 minutes")
    parser.add_argument("--candidates", type=int, default=None)
    parser.add_argument("--no-probe", action="store_true", help="do not probe for the largest N")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("THITUYEN_WORKERS", 4)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THITUYEN_THREADS", 4)))
    args = parser.parse_args()
    quick = args.quick
    n = args.candidates or (60 if quick else 5000)
    began = time.monotonic()
    say(f"thituyen benchmark ({'quick' if quick else 'full'}): {os.cpu_count()} cores, "
        f"gunicorn {args.workers} workers x {args.threads} threads (gthread)")
    with bench_database() as (url, temp), tempfile.TemporaryDirectory() as instance:
        from exam.migrate import upgrade

        upgrade(url)
        baseline_app.create_table(url)
        app = app_context(url, instance)
        # One client address plays a whole hall (thousands of sign-ins in minutes, past the
        # shared 1,200 a minute per address); the benchmark measures capacity, not rate limits.
        env = {"DATABASE_URL": url, "THITUYEN_INSTANCE_PATH": instance, "SECRET_KEY": "bench",
               "THITUYEN_INSECURE_COOKIES": "1", "RATELIMIT_STORAGE_URI": "memory://",
               "THITUYEN_THREADS": str(args.threads),
               "THITUYEN_LEAN_REPORT": str(Path(instance) / "lean-outcomes.jsonl")}
        server = Gunicorn("exam:create_app()", env, workers=args.workers,
                          threads=args.threads, beside=[THITUYEN, "sitting", "work"]).start()
        base = Gunicorn("benchmarks.baseline_app:create_app()", env, workers=args.workers,
                        threads=args.threads).start()
        try:
            seconds = 5 if quick else 15
            concurrency = 16 if quick else 32
            say("measuring autosave at saturation against the bare single-row write")
            cap = seed(app, concurrency, "cap")
            measured = asyncio.run(saturation({"baseline": base, "lean": server},
                                              cap.competition_id, cap.emails, PASSWORD,
                                              seconds, concurrency, temp))
            base.stop()
            say(f"exam-day scenario with {n} candidates")
            result = scenario(app, server, n, phases=exam_day_phases(n, quick), tag=f"n{n}",
                              temp=temp)
            largest = n if holds(result) else None
            tried = [result]
            if not quick and not args.no_probe:
                step = n // 2
                candidate_n = n + step if largest else n - step
                while time.monotonic() - began < PROBE_UNTIL_SECONDS and step >= 250:
                    say(f"probing {candidate_n} candidates")
                    probe = scenario(app, server, candidate_n,
                                     phases={**exam_day_phases(candidate_n, quick), "steady": 30},
                                     tag=f"n{candidate_n}", temp=temp)
                    tried.append(probe)
                    if holds(probe):
                        largest = max(largest or 0, candidate_n)
                        step //= 2
                        candidate_n += step
                    else:
                        step //= 2
                        candidate_n -= step
                        if largest and candidate_n <= largest:
                            break
            offline = offline_timings(app, 2000 if not quick else 50)
        finally:
            server.stop()
            base.stop()
        lean_outcomes = read_lean_outcomes(Path(env["THITUYEN_LEAN_REPORT"]))

    phases = exam_day_phases(n, quick)
    say("")
    say(f"Exam-day scenario: {n} candidates, wall {result['wall']:.0f} s (check-in "
        f"{phases['check_in_window']} s, key storm 1 s, autosave every "
        f"{phases['autosave_every']} s for {phases['steady']} s, finish storm "
        f"{phases['finish_window']} s)")
    report(result)
    rows = []
    for label, name in (("baseline: bare single-row write", "baseline"),
                        ("autosave at saturation (lean)", "lean")):
        done, errors, latencies, (app_cpu, pg_cpu, own_cpu) = measured[name]
        per = 1000 / max(done, 1)
        rows.append([label, f"{done / seconds:.0f}", f"{percentile(latencies, 50) * 1000:.0f}",
                     f"{percentile(latencies, 99) * 1000:.0f}", errors, f"{app_cpu * per:.2f}",
                     f"{pg_cpu * per:.2f}", f"{own_cpu * per:.2f}"])
    say(table(rows, [f"throughput (closed loop, {concurrency} clients)", "req/s", "p50 ms",
                     "p99 ms", "errors", "CPU/req: server ms", "PostgreSQL ms",
                     "load generator ms"]))
    baseline_rps, autosave_rps = measured["baseline"][0] / seconds, measured["lean"][0] / seconds
    say(f"autosave / baseline throughput ratio: {autosave_rps / baseline_rps:.2f}")
    answered = {k: lean_outcomes.pop(k, 0) for k in ("saved", "key")}
    say(f"answered by the lean path: {answered['saved']} saves, {answered['key']} keys; "
        f"left to Flask: {dict(lean_outcomes.most_common()) or 'none'}")
    say("")
    for probe in tried:
        r = probe["rec"]
        say(f"N={probe['n']}: autosave p99 {percentile(r.latencies['autosave'], 99) * 1000:.0f} ms, "
            f"key p99 {percentile(r.latencies[KEY], 99) * 1000:.0f} ms, "
            f"submit p99 {percentile(r.latencies['submit'], 99) * 1000:.0f} ms, "
            f"errors {sum(r.errors.values())}, lost {probe['lost']} -> "
            f"{'held' if holds(probe) else 'not held'}; CPU app {probe['server_cpu']:.0f} s, "
            f"PostgreSQL {probe['pg_cpu']:.0f} s, load generator {probe['client_cpu']:.0f} s "
            f"over {probe['wall']:.0f} s")
    say("")
    say(table([[f"draw and store all {n} papers", f"{result['draw_seconds']:.2f} s", ""], *offline],
              ["offline work", "time", "size"]))
    say("")
    say("held = autosave p99 < 300 ms, key p99 < 2 s, submit p99 < 5 s, no errors, nothing lost")
    say(f"largest N held: {largest if largest else 'none tried held'}")
    say(f"benchmark took {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
