"""Demo appointments: one competition's posts filled in ranking order, another where the
authority departs from the ranking with published reasons."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from flask import current_app

from exam.appointment import service
from exam.competitions.models import Role

SIGNER_EMAIL = "bonhiem@demo.thituyen.vn"
DEPARTURE_REASONS = (
    "Ứng viên xếp thứ hai có 12 năm trực tiếp quản lý ngân sách cấp huyện, phù hợp hơn với "
    "nhiệm vụ trọng tâm của phòng trong nhiệm kỳ tới theo Đề án vị trí việc làm đã được phê "
    "duyệt; người xếp thứ nhất vẫn thuộc danh sách được bổ nhiệm cho vị trí còn lại.")


def build_second_finished(session, cast, *, now: datetime, rng: random.Random):
    """A second competition that sat 25 days ago, scored and with final results at `now`."""
    from exam import demo_cast as demo
    from exam.competitions import service as competitions
    from exam.competitions.models import Stage
    from exam.registration import service as registration
    from exam.results.demo import prepare_demo_rules, publish_demo_results
    from exam.scoring.demo import simulate_scoring
    from exam.sitting import receipts
    from exam.sitting.demo import simulate_sitting

    sitting_opens = now - timedelta(days=25, hours=-5)
    competition = demo.create_competition(
        session, cast, now=now - timedelta(days=50),
        title="Thi tuyển Phó Trưởng phòng Kế hoạch tổng hợp, Sở Tài chính",
        post="Phó Trưởng phòng Kế hoạch tổng hợp", unit="Sở Tài chính",
        opens=now - timedelta(days=50), closes=now - timedelta(days=35),
        sitting_opens=sitting_opens, sitting_closes=sitting_opens + timedelta(hours=4))
    candidates = cast.candidates[len(cast.candidates) // 2:] or cast.candidates
    config = current_app.config
    for application in demo.apply_all(session, competition, candidates,
                                      now=now - timedelta(days=44), rng=rng,
                                      upload_folder=config["UPLOAD_FOLDER"],
                                      max_bytes=config["MAX_DOCUMENT_BYTES"]):
        registration.accept_application(session, cast.chair, application,
                                        now=now - timedelta(days=40),
                                        reason=demo.DEMO_ACCEPT_REASON)
    competitions.enter_stage(session, cast.chair, competition, Stage.REGISTRATION_CLOSED,
                             now=now - timedelta(days=34))
    competitions.enter_stage(session, cast.chair, competition, Stage.ELIGIBILITY_REVIEWED,
                             now=now - timedelta(days=33))
    simulate_sitting(session, competition, board_chair=cast.chair, proctor=cast.proctor,
                     now=now, rng=rng, sign=receipts.platform_signer())
    prepare_demo_rules(session, competition, board_chair=cast.chair)
    simulate_scoring(session, competition, board_chair=cast.chair,
                     now=competition.sitting_closes_at + timedelta(days=1), rng=rng)
    publish_demo_results(session, competition, board_chair=cast.chair, now=now)
    return competition


def _decide(session, signer, competition, entry, *, at, number, reasons=""):
    from exam.demo_cast import demo_pdf

    config = current_app.config
    return service.record_decision(
        session, signer, competition, application_id=entry.application_id, number=number,
        decided_on=at.date(), term_months=60, reasons=reasons,
        document=service.DecisionDocument("quyet-dinh-bo-nhiem.pdf",
                                          demo_pdf(f"Quyet dinh bo nhiem so {number}")),
        upload_folder=config["UPLOAD_FOLDER"], max_bytes=config["MAX_DOCUMENT_BYTES"], now=at)


def seed_appointments(session, cast, finished, *, now: datetime, rng: random.Random,
                      password: str) -> dict:
    """Fill `finished` in ranking order; in a second competition appoint the second-ranked
    first, with reasons. Steps are dated a few minutes after `now`, in order."""
    from exam.accounts import service as accounts
    from exam.competitions import service as competitions

    second = build_second_finished(session, cast, now=now, rng=rng)
    signer = accounts.register_candidate(session, email=SIGNER_EMAIL,
                                         full_name="Võ Văn Bổ", password=password, now=now)
    at = now + timedelta(minutes=1)
    made = {"signer": signer, "filled": finished, "departed": second}
    for competition in (finished, second):
        competitions.appoint(session, cast.admin, competition, signer, Role.APPOINTING_AUTHORITY,
                             now=at)
        service.name_authority(session, cast.admin, competition,
                               name="Giám đốc Sở Tài chính", reply_days=15, now=at)
        service.transmit_to_authority(session, cast.chair, competition, now=at)
    for n in range(finished.vacancies):  # in ranking order, each accepted
        entries = service.callable_list(session, finished)
        if not entries:
            break
        at += timedelta(minutes=2)
        decision = _decide(session, signer, finished, entries[0], at=at,
                           number=f"{101 + n}/QĐ-STC")
        service.answer(session, decision.application.user, decision, accept=True,
                       now=at + timedelta(minutes=1))
    entries = service.callable_list(session, second)
    if len(entries) >= 2:
        at += timedelta(minutes=5)
        decision = _decide(session, signer, second, entries[1], at=at, number="215/QĐ-STC",
                           reasons=DEPARTURE_REASONS)
        service.answer(session, decision.application.user, decision, accept=True,
                       now=at + timedelta(minutes=1))
    return made
