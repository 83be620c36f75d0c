"""Arrange a competition ready to sit: approved sample bank, blueprint, candidates, seal."""

from __future__ import annotations

from datetime import timedelta

from exam.competitions.models import Role, Stage
from exam.registration.models import ApplicationStatus
from exam.sitting import service
from exam.sitting.demo import build_sample_bank, configure_demo_test
from tests.factories import appoint, make_application, make_board, make_competition

PUBLIC_VALUE = "Xổ số kiến thiết Thủ đô 2026-11-20: 482913"
VALUE_SOURCE = "Giải đặc biệt Xổ số kiến thiết Thủ đô mở thưởng ngày 20/11/2026"


def sitting_competition(session, *, now, candidates=3, stage=Stage.ELIGIBILITY_REVIEWED,
                        sitting_opens=None, sitting_closes=None):
    """A competition with board, proctor, author, candidates and an approved bank."""
    competition = make_competition(
        session, stage=stage, now=now,
        registration_opens_at=now - timedelta(days=30),
        registration_closes_at=now - timedelta(days=20),
        sitting_opens_at=sitting_opens or now - timedelta(minutes=5),
        sitting_closes_at=sitting_closes or now + timedelta(hours=3))
    board = make_board(session, competition)
    author = appoint(session, competition, Role.QUESTION_AUTHOR)
    reviewer = appoint(session, competition, Role.QUESTION_AUTHOR)
    proctor = appoint(session, competition, Role.PROCTOR)
    applications = [make_application(session, competition, status=ApplicationStatus.ACCEPTED,
                                     candidate_number=f"{n:04d}")
                    for n in range(1, candidates + 1)]
    build_sample_bank(session, author, reviewer, now=now - timedelta(days=15))
    configure_demo_test(session, board[Role.CHAIR], competition, now=now - timedelta(days=14))
    return {"competition": competition, "chair": board[Role.CHAIR], "author": author,
            "reviewer": reviewer, "proctor": proctor, "applications": applications,
            "secretary": board[Role.SECRETARY], "member": board[Role.BOARD_MEMBER]}


def seal(session, world, *, now, secret=None, who="chair", known_after=None):
    """Seal three days before ``now``, announcing a source known a day later."""
    return service.seal_papers(session, world[who], world["competition"],
                               now=now - timedelta(days=3), secret=secret,
                               value_source=VALUE_SOURCE,
                               value_known_after=known_after or now - timedelta(days=2, hours=1))


def open_sitting(session, world, *, now, secret=bytes(range(32))):
    """Seal, draw and open: candidates can start."""
    competition, chair = world["competition"], world["chair"]
    seal(session, world, now=now, secret=secret)
    service.enter_public_value(session, chair, competition, PUBLIC_VALUE,
                               now=now - timedelta(days=2))
    service.open_sitting(session, chair, competition, now=now - timedelta(days=1))
    return world
