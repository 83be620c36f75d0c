"""A competition with final results, an appointing authority and its signer."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from exam.appointment import service as appointment
from exam.audit.models import AuditCheckpoint, AuditEntry
from exam.competitions.models import Role
from exam.notifications.models import Notification
from exam.results import service as results
from tests.factories import appoint, make_admin, make_user, pdf_bytes
from tests.results.helpers import make_scene

HUONG, ANH, TUYET, VIET = "Nguyễn Thị Hương", "Trần Đức Anh", "Lê Thị Ánh Tuyết", "Phạm Quốc Việt"
REASONS = ("Ứng viên xếp thứ hai có kinh nghiệm quản lý nhân sự cấp sở phù hợp hơn với yêu cầu "
           "của vị trí theo Đề án vị trí việc làm.")


@dataclass
class Appointing:
    scene: object
    admin: object
    signer: object

    @property
    def competition(self):
        return self.scene.competition

    def app(self, name):
        return self.scene.app(name)


def final_scene(db, clock, *, transmit=True, reply_days=15) -> Appointing:
    """Final ranking: Hương 1st (recommended), Anh 2nd and Việt 3rd (reserve), Tuyết failed."""
    scene = make_scene(db, clock)
    results.publish_provisional_results(db, scene.chair, scene.competition, now=clock.days(-20),
                                        part_scores=scene.scores)
    results.publish_final_results(db, scene.chair, scene.competition, now=clock.days(-2),
                                  part_scores=scene.scores)
    admin = make_admin(db)
    signer = appoint(db, scene.competition, Role.APPOINTING_AUTHORITY,
                     make_user(db, full_name="Chủ tịch UBND tỉnh Võ Văn Bình"))
    appointment.name_authority(db, admin, scene.competition, name="Ủy ban nhân dân tỉnh",
                               reply_days=reply_days, now=clock.days(-1))
    if transmit:
        appointment.transmit_to_authority(db, scene.chair, scene.competition, now=clock.days(-1))
    return Appointing(scene, admin, signer)


def decide(db, a: Appointing, name: str, now, *, reasons="", signer=None, number="123/QĐ-UBND"):
    return appointment.record_decision(
        db, signer or a.signer, a.competition, application_id=a.app(name).id, number=number,
        decided_on=now.date(), term_months=60, reasons=reasons,
        document=appointment.DecisionDocument("quyet-dinh.pdf", pdf_bytes("Quyết định bổ nhiệm")),
        upload_folder=str(_folder()), max_bytes=5_000_000, now=now)


def _folder():
    from flask import current_app

    return current_app.config["UPLOAD_FOLDER"]


def last_entry(db, action: str) -> AuditEntry | None:
    return db.scalar(select(AuditEntry).where(AuditEntry.action == action)
                     .order_by(AuditEntry.seq.desc()).limit(1))


def payload(entry: AuditEntry) -> dict:
    return json.loads(entry.payload)


def checkpoints_after(db, entry: AuditEntry) -> list[AuditCheckpoint]:
    return list(db.scalars(select(AuditCheckpoint).where(AuditCheckpoint.size >= entry.seq)))


def notices(db, user, kind: str) -> list[Notification]:
    return list(db.scalars(select(Notification).where(Notification.user_id == user.id,
                                                      Notification.kind == kind)))
