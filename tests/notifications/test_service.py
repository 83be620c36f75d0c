"""A candidate hears of every decision that matters, in the app and by email, only once it is final."""

import email
import socket
import threading
from email import policy

import pytest
from sqlalchemy import select

from exam.competitions.models import Role
from exam.notifications import service
from exam.notifications.models import Notification, OutboxMail
from exam.registration import service as registration
from tests.conftest import login
from tests.factories import make_application, make_board, make_competition, make_user


@pytest.fixture
def mail_folder(app, tmp_path, monkeypatch):
    folder = tmp_path / "mail"
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(folder))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    return folder


@pytest.fixture
def scene(db, clock):
    competition = make_competition(db, now=clock.days(-10), title="Thi tuyển Trưởng phòng Tài chính",
                                   required_documents=[])  # every application meets the criteria
    board = make_board(db, competition)
    candidate = make_user(db, full_name="Lê Thị Ánh Tuyết", email="tuyet@example.vn")
    application = make_application(db, competition, user=candidate)
    return {"competition": competition, "chair": board[Role.CHAIR], "candidate": candidate,
            "application": application}


def read_mail(folder):
    files = sorted(folder.glob("*.eml"))
    return [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def test_acceptance_reaches_the_inbox_and_leaves_as_email_after_the_commit(db, clock, scene,
                                                                          mail_folder):
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    assert service.unread_count(db, scene["candidate"]) == 1
    assert not mail_folder.exists(), "nothing may leave before the decision is committed"
    db.commit()
    (sent,) = read_mail(mail_folder)
    assert sent["To"] == "tuyet@example.vn"
    body = sent.get_content()
    assert "Hồ sơ dự tuyển của Ông/Bà vào “Thi tuyển Trưởng phòng Tài chính” đã được chấp nhận" in body
    assert "Your candidate number is 0001" in body
    mail = db.scalar(select(OutboxMail))
    db.refresh(mail)
    assert mail.sent_at is not None
    assert mail.attempts == 1


def test_a_rolled_back_decision_sends_nothing(db, clock, scene, mail_folder):
    registration.reject_application(db, scene["chair"], scene["application"],
                                    reason="Chưa đủ 5 năm giữ chức vụ quản lý.", now=clock.now)
    db.rollback()
    db.commit()
    assert not mail_folder.exists()
    assert db.scalar(select(Notification)) is None


def test_a_rejection_carries_the_boards_reason(db, clock, scene, mail_folder):
    reason = "Chưa đủ 5 năm giữ chức vụ quản lý."
    registration.reject_application(db, scene["chair"], scene["application"], reason=reason,
                                    now=clock.now)
    db.commit()
    (sent,) = read_mail(mail_folder)
    assert reason in sent.get_content()
    (note,) = service.inbox(db, scene["candidate"])
    assert reason in service.message(note)[1]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_mail_server_keeps_the_decision_and_the_mail_for_later(
        app, db, clock, scene, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _closed_port())
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    db.commit()
    mail = db.scalar(select(OutboxMail))
    db.refresh(mail)
    assert mail.sent_at is None
    assert mail.attempts == 1
    assert "Connection" in mail.last_error
    assert scene["application"].status == "accepted"


class TinySMTP:
    """Just enough of an SMTP server (RFC 5321) to receive one message."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.received = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.sock.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 tiny\r\n")
            data = None
            for raw in lines:
                if data is not None:
                    if raw in (b".\r\n", b".\n"):
                        self.received.append(b"".join(data))
                        data = None
                        conn.sendall(b"250 ok\r\n")
                    else:
                        data.append(raw[1:] if raw.startswith(b"..") else raw)
                    continue
                verb = raw[:4].upper()
                if verb == b"DATA":
                    data = []
                    conn.sendall(b"354 go\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    break
                else:
                    conn.sendall(b"250 ok\r\n")
        self.sock.close()


def test_mail_goes_through_the_configured_smtp_server(app, db, clock, scene, monkeypatch):
    server = TinySMTP()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "MAIL_FROM", "hoidong@example.vn")
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    other = make_application(db, scene["competition"],
                             user=make_user(db, full_name="Phạm Quốc Việt", email="viet@example.vn"))
    registration.accept_application(db, scene["chair"], other, now=clock.now)
    db.commit()
    server.thread.join(timeout=10)
    raw, raw_other = server.received  # both through one connection: the server takes only one
    assert b"viet@example.vn" in raw_other
    sent = email.message_from_bytes(raw, policy=policy.default)
    assert sent["From"] == "hoidong@example.vn"
    assert sent["To"] == "tuyet@example.vn"
    assert "0001" in sent.get_content()


def test_the_inbox_shows_the_count_and_opening_leads_to_the_application(
        client, db, clock, scene, mail_folder):
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    db.commit()
    login(client, scene["candidate"])
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Hồ sơ dự tuyển của Ông/Bà đã được chấp nhận" in page
    assert '<span class="badge">1<span class="sr-only"> chưa đọc</span>' in page
    (note,) = service.inbox(db, scene["candidate"])
    response = client.post(f"/notifications/{note.id}/open")
    assert response.headers["Location"].endswith(f"/applications/{scene['application'].id}")
    assert service.unread_count(db, scene["candidate"]) == 0
    assert 'class="badge"' not in client.get("/notifications/").get_data(as_text=True)


def test_nobody_opens_another_persons_notification(client, db, clock, scene, mail_folder):
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    db.commit()
    (note,) = service.inbox(db, scene["candidate"])
    login(client, make_user(db, full_name="Phạm Quốc Việt"))
    assert client.post(f"/notifications/{note.id}/open").status_code == 404
    assert service.unread_count(db, scene["candidate"]) == 1


def test_the_cli_sends_what_an_smtp_outage_left_waiting(app, db, clock, scene, runner, monkeypatch,
                                                        tmp_path):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _closed_port())
    registration.accept_application(db, scene["chair"], scene["application"], now=clock.now)
    db.commit()
    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 1
    assert "0 sent, 1 still waiting." in result.output
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 0
    assert "1 sent, 0 still waiting." in result.output
    assert len(read_mail(tmp_path / "mail")) == 1


def test_a_moment_in_a_notification_is_written_each_languages_way(db, clock, scene, client):
    """The email gives a date as Vietnamese readers write it (dd/MM/yyyy HH:mm, Vietnam time)
    and, below, with the month in words; the inbox follows the reader's language."""
    from datetime import UTC, datetime

    import exam.appointment.service  # noqa: F401  (registers the appointment notifications)

    reply_by = datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    service.notify(db, scene["candidate"], "appointment_decided", now=clock.now,
                   competition=scene["competition"], reply_by=reply_by)
    mail = db.scalar(select(OutboxMail))
    assert "05/03/2026 14:30" in mail.body
    assert "5 March 2026, 14:30" in mail.body
    assert "2026-03-05" not in mail.body
    assert "UTC" not in mail.body
    login(client, scene["candidate"])
    assert "05/03/2026 14:30" in client.get("/notifications/").get_data(as_text=True)
    client.post("/lang/en", data={"next": "/"})
    assert "5 March 2026, 14:30" in client.get("/notifications/").get_data(as_text=True)
