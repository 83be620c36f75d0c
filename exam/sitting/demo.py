"""The demo's written test: a sample bank approved by two people, a sealed draw, a sitting.

Run through the same services as the web, with moments in the past so that the
timeline of the finished competition reads true in the audit log.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from exam.bank import service as bank
from exam.competitions.models import Competition
from exam.sitting import attempts, service
from exam.timefmt import to_local
from question_bank.samples import sample_path

TOPICS = ("Luật Cán bộ, công chức", "Quản lý nhà nước và thủ tục hành chính",
          "Luật Ngân sách nhà nước", "Kỹ năng lãnh đạo, quản lý")


def build_sample_bank(session, author, reviewer, *, now: datetime):
    """Import the sample bank as ``author``; ``reviewer`` reviews and approves every item."""
    existing = bank.approved_versions(session)
    if existing:
        return existing
    versions = bank.import_bank(session, author, "gift",
                                sample_path("gift").read_text(encoding="utf-8"), now=now)
    for version in versions:
        bank.review_version(session, reviewer, version, now=now)
        bank.approve_version(session, reviewer, version, now=now)
    return versions


def demo_parts() -> list[dict]:
    """Part A: 24 objective items over four topics (28 points); part B: one essay (10)."""
    objective = []
    for topic in TOPICS:
        objective += [
            {"topic": topic, "difficulty": "easy", "type": "single_choice", "count": 2, "points": "1"},
            {"topic": topic, "difficulty": "medium", "type": "single_choice", "count": 1, "points": "1"},
            {"topic": topic, "difficulty": "medium", "type": "multiple_response", "count": 1,
             "points": "2"},
            {"topic": topic, "difficulty": "easy", "type": "true_false", "count": 1, "points": "1"},
            {"topic": topic, "difficulty": "medium", "count": 1, "points": "1",
             "type": "numeric" if topic in TOPICS[::2] else "short_answer"},
        ]
    essay = [{"topic": TOPICS[3], "difficulty": "hard", "type": "essay", "count": 1, "points": "10"}]
    return [{"key": "A", "title": "Phần I. Trắc nghiệm kiến thức", "kind": "objective",
                 "duration_minutes": 30, "cells": objective},
            {"key": "B", "title": "Phần II. Tự luận", "kind": "essay", "duration_minutes": 60,
                 "cells": essay, "essay_mode": "shared_variant"}]


def configure_demo_test(session, chair, competition: Competition, *, now: datetime) -> None:
    for part in demo_parts():
        service.configure_part(session, chair, competition, now=now, **part)


def _simulated_response(line: attempts.PaperLine, rng: random.Random):
    item = line.item
    if item.type.is_choice:
        correct = list(item.correct_indices)
        if item.type == "multiple_response":
            return line.tokens_for(set(correct if rng.random() < 0.5 else correct[:1] + [
                rng.randrange(len(item.options))]))
        return line.tokens_for(correct if rng.random() < 0.7
                               else [rng.randrange(len(item.options))])
    if item.type == "matching":
        return line.tokens_for([answer if rng.random() < 0.7 else None
                                for _prompt, answer in item.match_prompts])
    if item.type == "numeric":
        return str(item.numeric_answer) if rng.random() < 0.6 else "0"
    if item.type == "short_answer":
        return item.accepted_answers[0] if rng.random() < 0.6 else "Không rõ"
    return ("Tôi xin trình bày quan điểm như sau. Thứ nhất, cần nắm vững quy định pháp luật "
            "hiện hành. Thứ hai, tổ chức thực hiện khoa học, công khai, minh bạch. Thứ ba, "
            "kiểm tra, đánh giá và điều chỉnh kịp thời. " * rng.randint(1, 4)).strip()


def simulate_sitting(session, competition: Competition, *, board_chair, proctor, now: datetime,
                     rng: random.Random, author=None, reviewer=None, sign=None) -> None:
    """Bank, blueprint, seal, public value, draw, sitting, submissions, close -> scoring.

    ``now`` must lie after the competition's sitting window: every step is dated inside the
    window so the audit log tells the real order. A quarter of the candidates are left to
    the automatic submission at their deadline.
    """
    from exam.registration import service as registration

    opens = competition.sitting_opens_at
    if author is not None and reviewer is not None:
        build_sample_bank(session, author, reviewer, now=opens - timedelta(days=10))
    configure_demo_test(session, board_chair, competition, now=opens - timedelta(days=9))
    # The lottery is drawn a week before the sitting; the board announces it a day earlier
    # and enters its special prize once published (times are the demo's, not the clock's).
    lottery_day = opens - timedelta(days=7, hours=2)
    service.seal_papers(session, board_chair, competition, now=opens - timedelta(days=8),
                        value_source="Giải đặc biệt Xổ số kiến thiết Thủ đô mở thưởng ngày "
                                     f"{to_local(lottery_day):%d/%m/%Y}",
                        value_known_after=lottery_day)
    service.enter_public_value(
        session, board_chair, competition,
        f"Xổ số kiến thiết Thủ đô ngày {to_local(lottery_day):%d/%m/%Y}: "
        f"{rng.randrange(10**6):06d}", now=opens - timedelta(days=7))
    service.open_sitting(session, board_chair, competition, now=opens - timedelta(days=1))
    attempts.set_room_rules(session, proctor, competition, access_code="HOASEN",
                            allowed_networks="", now=opens - timedelta(minutes=30))
    for n, application in enumerate(registration.accepted_candidates(session, competition)):
        start = opens + timedelta(minutes=rng.randint(0, 10))
        attempt = attempts.start_attempt(session, application.user, competition,
                                         access_code="HOASEN", address="10.0.0.1", now=start)
        if n == 1:
            attempts.grant_extra_time(session, proctor, attempt, minutes=10,
                                      reason="Máy tính bị treo, đã đổi máy khác", now=start)
        moment = start
        for position, line in enumerate(attempts.paper_lines(session, attempt), 1):
            moment += timedelta(seconds=rng.randint(20, 120))
            attempts.save_answer(session, application.user, attempt, line.line.id,
                                 response=_simulated_response(line, rng),
                                 is_flagged=rng.random() < 0.05,
                                 client_seq=int(moment.timestamp() * 1000), position=position,
                                 now=moment)
        if n % 4 != 3:
            attempts.submit_attempt(session, application.user, attempt,
                                    now=moment + timedelta(minutes=1), sign=sign)
    closes = competition.sitting_closes_at
    attempts.close_expired_attempts(session, closes, sign=sign, competition=competition)
    attempts.close_sitting(session, board_chair, competition, now=closes + timedelta(minutes=5),
                          sign=sign)
    service.reveal_secret(session, board_chair, competition, now=closes + timedelta(hours=1))


def build_finished_competition(session, cast, *, now: datetime, rng: random.Random):
    """A competition whose sitting took place 25 days ago: applied, accepted, sealed, sat.

    Left at the scoring stage with the draw secret revealed, for scoring and results to go on.
    """
    return build_sat_competition(
        session, cast, now=now, rng=rng, sitting_opens=now - timedelta(days=25),
        title="Thi tuyển Phó Trưởng phòng Quản lý ngân sách, Sở Tài chính",
        post="Phó Trưởng phòng Quản lý ngân sách", unit="Sở Tài chính",
        candidates=cast.candidates[len(cast.candidates) // 2:] or cast.candidates,
        author=cast.author, reviewer=cast.admin)


def build_sat_competition(session, cast, *, now: datetime, rng: random.Random, sitting_opens,
                          title: str, post: str, unit: str, candidates, author=None,
                          reviewer=None):
    """A competition whose four-hour sitting opened at ``sitting_opens`` (before ``now``):
    registration from 25 to 10 days before it, every applicant accepted, the test sealed, sat and
    closed, the secret revealed; left at the scoring stage."""
    from flask import current_app

    from exam import demo_cast as demo
    from exam.competitions import service as competitions
    from exam.competitions.models import Stage
    from exam.registration import service as registration
    from exam.sitting import receipts

    competition = demo.create_competition(
        session, cast, now=sitting_opens - timedelta(days=25), title=title, post=post,
        unit=unit, opens=sitting_opens - timedelta(days=25),
        closes=sitting_opens - timedelta(days=10),
        sitting_opens=sitting_opens, sitting_closes=sitting_opens + timedelta(hours=4))
    applications = demo.apply_all(session, competition, candidates,
                                  now=sitting_opens - timedelta(days=20), rng=rng,
                                  upload_folder=current_app.config["UPLOAD_FOLDER"],
                                  max_bytes=current_app.config["MAX_DOCUMENT_BYTES"])
    for application in applications:
        registration.accept_application(session, cast.chair, application,
                                        now=sitting_opens - timedelta(days=15),
                                        reason=demo.DEMO_ACCEPT_REASON)
    competitions.enter_stage(session, cast.chair, competition, Stage.REGISTRATION_CLOSED,
                             now=sitting_opens - timedelta(days=9))
    competitions.enter_stage(session, cast.chair, competition, Stage.ELIGIBILITY_REVIEWED,
                             now=sitting_opens - timedelta(days=8))
    simulate_sitting(session, competition, board_chair=cast.chair, proctor=cast.proctor,
                     now=now, rng=rng, author=author, reviewer=reviewer,
                     sign=receipts.platform_signer())
    return competition


OPEN_ROOM_CODE = "SENVANG"


def build_open_sitting(session, cast, *, now: datetime, rng: random.Random):
    """A competition whose sitting is open right now (for four hours), the room code set:
    a newcomer signs in as a candidate and sits the test, or as the proctor and watches."""
    from flask import current_app

    from exam import demo_cast as demo
    from exam.competitions import service as competitions
    from exam.competitions.models import Stage
    from exam.registration import service as registration

    competition = demo.create_competition(
        session, cast, now=now - timedelta(days=20),
        title="Thi tuyển Trưởng phòng Kế hoạch - Tài chính, Sở Giáo dục và Đào tạo",
        post="Trưởng phòng Kế hoạch - Tài chính", unit="Sở Giáo dục và Đào tạo",
        opens=now - timedelta(days=20), closes=now - timedelta(days=5),
        sitting_opens=now - timedelta(minutes=5), sitting_closes=now + timedelta(hours=4))
    candidates = cast.candidates[: max(1, len(cast.candidates) // 2)]
    for application in demo.apply_all(session, competition, candidates,
                                      now=now - timedelta(days=15), rng=rng,
                                      upload_folder=current_app.config["UPLOAD_FOLDER"],
                                      max_bytes=current_app.config["MAX_DOCUMENT_BYTES"]):
        registration.accept_application(session, cast.chair, application,
                                        now=now - timedelta(days=10),
                                        reason=demo.DEMO_ACCEPT_REASON)
    competitions.enter_stage(session, cast.chair, competition, Stage.REGISTRATION_CLOSED,
                             now=now - timedelta(days=4))
    competitions.enter_stage(session, cast.chair, competition, Stage.ELIGIBILITY_REVIEWED,
                             now=now - timedelta(days=4, hours=-1))
    configure_demo_test(session, cast.chair, competition, now=now - timedelta(days=4, hours=-2))
    lottery_day = now - timedelta(days=2)
    service.seal_papers(session, cast.chair, competition, now=now - timedelta(days=3),
                        value_source="Giải đặc biệt Xổ số kiến thiết Thủ đô mở thưởng ngày "
                                     f"{to_local(lottery_day):%d/%m/%Y}",
                        value_known_after=lottery_day)
    service.enter_public_value(
        session, cast.chair, competition,
        f"Xổ số kiến thiết Thủ đô ngày {to_local(lottery_day):%d/%m/%Y}: "
        f"{rng.randrange(10**6):06d}", now=lottery_day + timedelta(hours=1))
    service.open_sitting(session, cast.chair, competition, now=now - timedelta(days=1))
    # a demo is tried whenever someone gets to it: entry stays open for the whole window
    attempts.set_room_rules(session, cast.proctor, competition, access_code=OPEN_ROOM_CODE,
                            allowed_networks="", late_entry_minutes=240,
                            now=now - timedelta(minutes=40))
    return competition
