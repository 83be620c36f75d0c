"""A competition whose identities are revealed, its candidates and hand-made locked marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from exam.competitions.models import Role, Stage
from exam.documents import keystore
from exam.registration.models import ApplicationStatus
from exam.results import service
from tests.factories import make_application, make_board, make_competition, make_user

NAMES = ["Nguyễn Thị Hương", "Trần Đức Anh", "Lê Thị Ánh Tuyết", "Phạm Quốc Việt"]
PARTS = [
    {"key": "written", "title": "Thi viết", "max_points": "100", "weight": "1"},
    {"key": "specialised", "title": "Đề án chuyên môn", "max_points": "100", "weight": "1"},
]


@dataclass
class Scene:
    competition: object
    chair: object
    secretary: object
    member: object
    applications: list
    scores: dict

    def app(self, name: str):
        return next(a for a in self.applications if a.user.full_name == name)


def make_scene(db, clock, *, scores=None, vacancies=1, stage=Stage.IDENTITIES_REVEALED,
               parts=PARTS) -> Scene:
    """Rules set while the marks were anonymous (scoring), then the competition at `stage`."""
    competition = make_competition(
        db, stage=Stage.SCORING, vacancies=vacancies, now=clock.days(-40),
        registration_opens_at=clock.days(-40), registration_closes_at=clock.days(-30),
        sitting_opens_at=clock.days(-20), sitting_closes_at=clock.days(-20) + timedelta(hours=4))
    board = make_board(db, competition)
    applications = []
    for i, name in enumerate(NAMES, 1):
        applications.append(make_application(
            db, competition, user=make_user(db, full_name=name),
            status=ApplicationStatus.ACCEPTED, candidate_number=f"{i:04d}"))
    default = {"Nguyễn Thị Hương": (80, 85), "Trần Đức Anh": (70, 75),
               "Lê Thị Ánh Tuyết": (95, 40), "Phạm Quốc Việt": (60, 62)}
    scores = scores or default
    by_id = {a.id: {p["key"]: Decimal(str(score))
                    for p, score in zip(parts, scores[a.user.full_name], strict=True)}
             for a in applications}
    service.set_result_rules(db, board[Role.CHAIR], competition, parts=parts,
                             specialised_part="specialised", written_part="written",
                             priority_categories=[{"key": "thuong_binh", "label": "Thương binh",
                                                   "points": "5"}],
                             now=clock.days(-1))
    competition.stage = stage
    db.flush()
    return Scene(competition, board[Role.CHAIR], board[Role.SECRETARY],
                 board[Role.BOARD_MEMBER], applications, by_id)


def key_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    keystore.create_dev_keys(folder, "Sở Nội vụ")
    return folder
