"""The deployment recipe works: deploy/nginx passes `nginx -t`, and a candidate's sitting runs
through nginx (TLS, buffering, keep-alive) and gunicorn as deploy/ describes."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from benchmarks.client import BROWSER, Candidate, Recorder
from benchmarks.seed import PASSWORD, seed_sitting
from benchmarks.servers import Gunicorn, free_port
from exam import create_app
from exam.db import db_session, utcnow
from exam.migrate import upgrade
from tests.conftest import fresh_database
from tests.operations.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "thituyen.conf"
PROXY = ROOT / "deploy" / "nginx" / "thituyen-proxy.conf"
NGINX = "/usr/sbin/nginx"
ROOM_ADDRESS, OTHER_ADDRESS = "127.0.0.3", "127.0.0.4"  # loopback aliases: two client machines
pytestmark = pytest.mark.slow


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert, private = folder / "fullchain.pem", folder / "privkey.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert, private


def replace(text: str, old: str, new: str) -> str:
    """Each production value the test swaps must be in the shipped file, or the test is stale."""
    assert old in text, f"{old!r} is no longer in the shipped nginx configuration"
    return text.replace(old, new)


def nginx_config(folder: Path, *, app_port: int, http_port: int, https_port: int) -> Path:
    """The shipped site file with this machine's ports, certificate, log and static paths."""
    cert, key = self_signed(folder)
    site = SITE.read_text()
    for old, new in (("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen [::]:80;\n", ""), ("listen [::]:443 ssl http2;\n", ""),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("/etc/ssl/thituyen/fullchain.pem", str(cert)),
                     ("/etc/ssl/thituyen/privkey.pem", str(key)),
                     ("/var/log/nginx/", f"{folder}/"),
                     ("/srv/thituyen/static/", f"{ROOT}/static/"),
                     ("/etc/nginx/thituyen-proxy.conf", str(PROXY))):
        site = replace(site, old, new)
    (folder / "site.conf").write_text(site)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(exist_ok=True)
    main = folder / "nginx.conf"
    main.write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/main-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
""")
    return main


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text()[-2000:]) from None
            time.sleep(0.2)
    raise RuntimeError("nginx did not start")


def test_the_shipped_nginx_configuration_passes_nginx_t(tmp_path):
    require_tool(NGINX)
    main = nginx_config(tmp_path, app_port=free_port(), http_port=free_port(),
                        https_port=free_port())
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "test is successful" in check.stderr


class From(Candidate):
    """A candidate on a machine of its own (a loopback alias), talking TLS to nginx."""

    def __init__(self, *args, address: str, headers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.address, self.headers = address, headers or {}

    async def open(self) -> None:
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(ssl=False, local_addr=(self.address, 0)),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"Referer": self.base + "/", "User-Agent": BROWSER,  # as a browser sends
                     **self.headers},
            timeout=aiohttp.ClientTimeout(total=30))

    def page_options(self) -> dict:
        return {"local_address": self.address,
                "headers": {"Referer": self.base + "/", **self.headers}}


async def sit(base: str, competition_id: int, emails: list[str]) -> dict:
    rec = Recorder()
    inside = From(base, competition_id, emails[0], PASSWORD, rec, random.Random(1),
                  address=ROOM_ADDRESS)
    # outside the room, claiming the room's address in a header of its own
    outside = From(base, competition_id, emails[1], PASSWORD, rec, random.Random(2),
                   address=OTHER_ADDRESS, headers={"X-Forwarded-For": ROOM_ADDRESS})
    seen = {}
    try:
        for candidate in (inside, outside):
            await candidate.open()
            assert await candidate.login(), rec.error_samples
        seen["outside_started"] = await outside.start()
        seen["inside_started"] = await inside.start()
        assert seen["inside_started"], rec.error_samples
        for _ in range(3):
            status, payload = await inside.autosave()
            assert status == 200, payload
            assert payload["saved"], payload
        await inside.submit()
        async with inside.http.get(f"{base}/sitting/{competition_id}/receipt",
                                   allow_redirects=False) as response:
            seen["receipt"] = (response.status, await response.text())
        async with inside.http.get(f"{base}/static/js/sitting.js") as response:
            seen["static"] = (response.status, response.headers.get("Expires"))
        async with inside.http.get(f"{base}/") as response:
            seen["hsts"] = response.headers.get("Strict-Transport-Security")
    finally:
        await inside.close()
        await outside.close()
    seen["acknowledged"] = rec.acknowledged
    seen["errors"] = dict(rec.errors)
    return seen


async def first_answer(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, allow_redirects=False) as response:
        return response.status, response.headers.get("Location", "")


def test_a_candidate_sits_the_test_through_nginx_and_gunicorn(tmp_path, monkeypatch):
    require_tool(NGINX)
    from exam.sitting import attempts
    from exam.sitting.models import AnswerSave, Attempt

    instance = tmp_path / "instance"
    monkeypatch.setenv("THITUYEN_INSTANCE_PATH", str(instance))
    with fresh_database(tmp_path, "nginx") as url:
        upgrade(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "nginx-test"})
        with app.app_context():
            seeded = seed_sitting(db_session(), 2, tag="nginx", progress=lambda _m: None)
            from exam.competitions.models import Competition

            competition = db_session().get(Competition, seeded.competition_id)
            proctor = next(m.user for m in competition.memberships if m.role == "proctor")
            attempts.set_room_rules(db_session(), proctor, competition, access_code="",
                                    allowed_networks=f"{ROOM_ADDRESS}/32",
                                    late_entry_minutes=240, now=utcnow())
            db_session().commit()
        app_port, http_port, https_port = free_port(), free_port(), free_port()
        server = Gunicorn("exam:create_app()", {
            "THITUYEN_INSTANCE_PATH": str(instance), "DATABASE_URL": url,
            "SECRET_KEY": "nginx-test", "THITUYEN_PROXY_HOPS": "1",
            # no receipt worker runs here: the receipt page prepares the receipt at once
            "THITUYEN_RECEIPT_WAIT_SECONDS": "0"},
            workers=1, threads=4, port=app_port).start()
        main = nginx_config(tmp_path, app_port=app_port, http_port=http_port,
                            https_port=https_port)
        log = tmp_path / "nginx.out"
        with open(log, "wb") as out:
            nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(main),
                                      "-g", "daemon off;"], stdout=out, stderr=out)
        try:
            wait_for_port(https_port, nginx, log)
            seen = asyncio.run(sit(f"https://127.0.0.1:{https_port}", seeded.competition_id,
                                   seeded.emails))
            redirect = asyncio.run(first_answer(f"http://127.0.0.1:{http_port}/sitting/1"))
        finally:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait(timeout=15)
            server.stop()
        assert seen["inside_started"], seen["errors"]
        assert not seen["outside_started"]
        assert seen["receipt"][0] == 200
        assert re.search(r"[0-9a-f]{64}", seen["receipt"][1])
        assert seen["static"][0] == 200
        assert seen["static"][1]  # Expires: served by nginx from static/
        assert seen["hsts"].startswith("max-age=")
        assert redirect[0] == 301
        assert redirect[1].startswith("https://")
        with app.app_context():
            session = db_session()
            submitted = session.scalars(select(Attempt).where(
                Attempt.competition_id == seeded.competition_id)).all()
            assert len(submitted) == 1
            assert submitted[0].submitted_at is not None
            last = seen["acknowledged"][-1]
            saved = session.scalars(select(AnswerSave).where(
                AnswerSave.attempt_id == submitted[0].id)).all()
            assert max(s.client_seq for s in saved) == last[2]
        access = (tmp_path / "thituyen.access.log").read_text()
        assert ROOM_ADDRESS in access
        assert "/answer" in access
        app.extensions["thituyen_db"].engine.dispose()
