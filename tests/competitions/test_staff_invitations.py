"""The administrator invites staff by email with a one-time link, and removes an appointment
with a reason; the staff list shows emails."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from exam.accounts.models import User
from exam.audit.models import AuditEntry
from exam.competitions.models import Membership, Role
from exam.notifications.models import OutboxMail
from tests.conftest import login
from tests.factories import appoint, make_admin, make_competition, make_user

PASSWORD = "mùa xuân Huế 2027"


def _invite(client, competition, email="tham.dinh@sonoivu.gov.vn", role="examiner"):
    return client.post(f"/manage/{competition.id}/appoint", data={
        "email": email, "full_name": "Đinh Thị Thẩm", "role": role})


def _link(db, email) -> str:
    body = db.scalars(select(OutboxMail.body).where(OutboxMail.to_address == email)).one()
    return re.search(r"https?://\S+/account/invitation/\S+", body).group(0)


def _holds(db, membership_id) -> bool:
    db.expire_all()
    return db.scalar(select(Membership.id).where(Membership.id == membership_id)) is not None


def test_an_invited_person_chooses_a_password_once_and_holds_the_role(client, db):
    admin = make_admin(db)
    competition = make_competition(db, created_by=admin)
    login(client, admin)
    response = _invite(client, competition)
    assert response.status_code == 302
    user = db.scalars(select(User).where(User.email == "tham.dinh@sonoivu.gov.vn")).one()
    assert db.scalars(select(Membership.role).where(Membership.user_id == user.id)).one() == Role.EXAMINER
    dashboard = client.get(f"/manage/{competition.id}").text
    assert "tham.dinh@sonoivu.gov.vn" in dashboard
    link = _link(db, "tham.dinh@sonoivu.gov.vn")
    path = link[link.index("/account/"):]
    assert "mật khẩu" not in path
    client.post("/account/logout")
    assert client.post("/account/login", data={"email": user.email, "password": PASSWORD},
                       follow_redirects=True).request.path == "/account/login"
    page = client.get(path)
    assert page.status_code == 200
    assert "Đinh Thị Thẩm" in page.text
    refused = client.post(path, data={"password": "ngắn", "confirm": "ngắn"})
    assert 'id="password-err"' in refused.text
    assert client.post(path, data={"password": PASSWORD, "confirm": PASSWORD}).status_code == 200
    assert client.get(path).status_code == 410  # the link is spent
    assert client.post(path, data={"password": "ai đó khác 2027 mới",
                                   "confirm": "ai đó khác 2027 mới"}).status_code == 410
    client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert client.get("/account/").status_code == 200
    actions = set(db.scalars(select(AuditEntry.action)))
    assert {"account.invited", "account.invitation_accepted"} <= actions


def test_a_forged_or_tampered_link_opens_nothing(client, db):
    admin = make_admin(db)
    competition = make_competition(db, created_by=admin)
    login(client, admin)
    _invite(client, competition)
    path = _link(db, "tham.dinh@sonoivu.gov.vn").split("/account/")[1]
    client.post("/account/logout")
    assert client.get(f"/account/{path[:-2]}xx").status_code == 410
    assert client.get("/account/invitation/abc").status_code == 410


def test_a_candidate_cannot_invite_and_nobody_is_created(client, db):
    competition = make_competition(db)
    login(client, make_user(db))
    assert _invite(client, competition).status_code in (403, 404)
    assert db.scalars(select(User).where(User.email == "tham.dinh@sonoivu.gov.vn")).first() is None


def test_removing_an_appointment_needs_a_reason_and_is_logged(client, db):
    admin = make_admin(db)
    competition = make_competition(db, created_by=admin)
    proctor = appoint(db, competition, Role.PROCTOR)
    membership_id = db.scalars(select(Membership.id).where(Membership.user_id == proctor.id)).one()
    login(client, admin)
    url = f"/manage/{competition.id}/staff/{membership_id}/remove"
    client.post(url, data={"reason": "ngắn"})
    assert _holds(db, membership_id)
    client.post(url, data={"reason": "Chuyển công tác sang Sở Tài chính."})
    assert not _holds(db, membership_id)
    entry = db.scalars(select(AuditEntry).where(
        AuditEntry.action == "competition.appointment_removed")).one()
    payload = json.loads(entry.payload) if isinstance(entry.payload, str) else entry.payload
    assert payload["reason"] == "Chuyển công tác sang Sở Tài chính."


def test_the_chair_cannot_remove_a_board_member(client, db):
    competition = make_competition(db)
    chair = appoint(db, competition, Role.CHAIR)
    member = appoint(db, competition, Role.BOARD_MEMBER)
    membership = db.scalars(select(Membership).where(Membership.user_id == member.id)).one()
    login(client, chair)
    client.post(f"/manage/{competition.id}/staff/{membership.id}/remove",
                data={"reason": "Không còn phù hợp với vị trí."})
    assert _holds(db, membership.id)
