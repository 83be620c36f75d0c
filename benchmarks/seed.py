"""Benchmark data: a sealed competition with N accepted candidates, made through the services
(bank, blueprint, seal, public value, draw); accounts and applications are bulk-inserted with
one shared password hash, since registering thousands one by one measures nothing we target."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select

from exam.accounts.models import User
from exam.accounts.service import hasher
from exam.competitions.models import Role, Stage
from exam.db import utcnow
from exam.registration.models import Application, ApplicationStatus

PASSWORD = "bench-password-2026"


@dataclass
class Seeded:
    competition_id: int
    emails: list[str]
    draw_seconds: float


def _bulk_candidates(session, competition, n: int, tag: str) -> list[str]:
    now = utcnow()
    password_hash = hasher.hash(PASSWORD)
    emails = [f"bench-{tag}-{i}@bench.thituyen.vn" for i in range(1, n + 1)]
    session.execute(insert(User), [
        {"email": e, "full_name": f"Thí sinh {i}", "password_hash": password_hash,
         "is_admin": False, "is_inspector": False, "created_at": now}
        for i, e in enumerate(emails, 1)])
    ids = dict(session.execute(select(User.email, User.id).where(User.email.in_(emails))).all())
    session.execute(insert(Application), [
        {"competition_id": competition.id, "user_id": ids[e], "status": ApplicationStatus.ACCEPTED,
         "candidate_number": f"{i:05d}", "date_of_birth": date(1985, 1, 1),
         "id_number": f"{i:012d}", "current_post": "Chuyên viên", "current_unit": "Sở Nội vụ",
         "degree": "master", "field_of_study": "", "management_years": 5, "statement": "",
         "eligibility_answers": {}, "submitted_at": now, "decided_at": now,
         "rejection_reason": ""}
        for i, e in enumerate(emails, 1)])
    return emails


def seed_sitting(session, n: int, *, tag: str, progress=print) -> Seeded:
    """A competition whose sitting is open now, N candidates, papers drawn (timed)."""
    from exam import demo
    from exam.competitions import service as competitions
    from exam.sitting import attempts, service
    from exam.sitting.demo import build_sample_bank, configure_demo_test

    now = utcnow()
    rng = random.Random(n)
    staff = {name: demo._user(session, f"{name}-{tag}@bench.thituyen.vn", name, now,
                              admin=name == "admin")
             for name in ("admin", "chair", "secretary", "author", "reviewer", "proctor")}
    cast = demo.DemoCast(admin=staff["admin"], chair=staff["chair"], secretary=staff["secretary"],
                         member=staff["reviewer"], author=staff["author"], proctor=staff["proctor"],
                         examiners=[])
    competition = competitions.create_competition(
        session, cast.admin, now=now, title=f"Benchmark {tag}", post="Trưởng phòng",
        unit="Sở Nội vụ", vacancies=1,
        registration_opens_at=now - timedelta(days=20), registration_closes_at=now - timedelta(days=10),
        sitting_opens_at=now - timedelta(minutes=5), sitting_closes_at=now + timedelta(hours=6))
    for user, role in ((cast.chair, Role.CHAIR), (cast.secretary, Role.SECRETARY),
                       (cast.author, Role.QUESTION_AUTHOR), (cast.member, Role.QUESTION_AUTHOR),
                       (cast.proctor, Role.PROCTOR)):
        competitions.appoint(session, cast.admin, competition, user, role, now=now)
    progress(f"  seeding {n} candidates")
    emails = _bulk_candidates(session, competition, n, tag)
    competition.stage = Stage.ELIGIBILITY_REVIEWED  # bulk-accepted above; bench data only
    build_sample_bank(session, cast.author, cast.member, now=now)
    configure_demo_test(session, cast.chair, competition, now=now)
    service.seal_papers(session, cast.chair, competition, now=now - timedelta(minutes=30),
                        value_source=f"bench {tag}: a value drawn by the seeding script",
                        value_known_after=now - timedelta(minutes=20))
    session.flush()
    progress(f"  drawing and storing {n} papers")
    started = time.perf_counter()
    service.enter_public_value(session, cast.chair, competition, f"bench {tag} {rng.random()}",
                               now=now)
    session.flush()
    draw_seconds = time.perf_counter() - started
    # a bench runs its scenarios one after another for many minutes: candidates may start
    # up to 4 hours after the sitting opens (the default 15 minutes would refuse them)
    attempts.set_room_rules(session, cast.proctor, competition, access_code="",
                            allowed_networks="", late_entry_minutes=240, now=now)
    service.open_sitting(session, cast.chair, competition, now=now)
    session.commit()
    return Seeded(competition.id, emails, draw_seconds)
