"""Simulated candidates over HTTP, doing what the browser and sitting.js do.

Each candidate signs in, opens the sitting, starts (on exam day: checks in, holds the sealed
paper, asks for its key at the start and decrypts it as the page does), autosaves an answer
every `autosave_every` seconds (JSON with the CSRF header, like sitting.js) and submits.
Every request's latency and outcome is recorded; every acknowledged save is logged so a
fault test can check that nothing acknowledged was lost.

Sign-in and check-in (HTML forms, redirects, cookies) go through aiohttp. From the start on,
each candidate's page talks to the server over one keep-alive connection of its own
(`PageConnection`): a few lines of HTTP/1.1 instead of aiohttp's per-request machinery,
because the load generator shares the server's two cores and every millisecond it spends
on a request in the key storm is taken from the server.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import html
import json
import random
import re
import ssl
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import aiohttp
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from yarl import URL

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
DATA_CSRF = re.compile(r'data-csrf="([^"]+)"')
SEALED = {name: re.compile(rf'data-{name}="([^"]*)"') for name in ("attempt", "csrf", "aad", "blob")}
QUESTION = re.compile(r'data-role="question" data-item="(\d+)" data-position="(\d+)" data-type="([a-z_]+)"')


@dataclass
class Recorder:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    acknowledged: list[tuple[str, int, int, str]] = field(default_factory=list)

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.latencies[kind].append(seconds)
        if not ok:
            self.errors[kind] += 1
            if len(self.error_samples) < 20:
                self.error_samples.append(f"{kind}: {detail[:160]}")


TIMEOUT = 30.0
JSON = "application/json"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) thituyen-bench"  # one browser: sign-in to submission


class PageConnection:
    """What a browser tab keeps open to the server after the check-in: one HTTP/1.1
    keep-alive connection, the session cookie, and nothing else. A request on a reused
    connection the server has meanwhile closed is sent again once on a new one (as browsers
    do; the save, the key and the submission may all be repeated safely)."""

    def __init__(self, base: str, cookie: str, *, local_address: str | None = None,
                 headers: dict[str, str] | None = None):
        self.base = base
        scheme, host_port = base.split("://", 1)
        host_port = host_port.rstrip("/")
        self.host, _, port = host_port.partition(":")
        self.tls = None
        if scheme == "https":  # a test server's own certificate, as the aiohttp side allows
            self.tls = ssl.create_default_context()
            self.tls.check_hostname, self.tls.verify_mode = False, ssl.CERT_NONE
        self.port = int(port or (443 if self.tls else 80))
        self.local = (local_address, 0) if local_address else None
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self.head = (f"Host: {host_port}\r\nUser-Agent: {BROWSER}\r\n{extra}"
                     "Connection: keep-alive\r\n")
        self.cookie = cookie
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes, content_type: str,
                      headers: str = "") -> tuple[int, bytes]:
        message = (f"{method} {path} HTTP/1.1\r\n{self.head}Cookie: {self.cookie}\r\n"
                   f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                   f"{headers}\r\n").encode() + body
        reused = self.writer is not None
        try:
            return await asyncio.wait_for(self._exchange(message), TIMEOUT)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
        return await asyncio.wait_for(self._exchange(message), TIMEOUT)

    async def _exchange(self, message: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, ssl=self.tls, local_addr=self.local)
        self.writer.write(message)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status, length, closing = int(lines[0].split(" ", 2)[1]), 0, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and "close" in value.lower():
                closing = True
            elif name == "set-cookie" and value.strip().startswith("session="):
                self.cookie = value.strip().split(";", 1)[0]
        body = await self.reader.readexactly(length) if length else b""
        if closing:
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def aclose(self) -> None:
        """Closed and waited for (a TLS connection's socket closes after its goodbye)."""
        writer = self.writer
        self.close()
        if writer is not None:
            with contextlib.suppress(OSError, asyncio.TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), 5)


class Candidate:
    def __init__(self, base: str, competition_id: int, email: str, password: str,
                 recorder: Recorder, rng: random.Random):
        self.base, self.cid, self.email, self.password = base, competition_id, email, password
        self.rec, self.rng = recorder, rng
        self.http: aiohttp.ClientSession | None = None
        self.csrf = ""
        self.questions: list[tuple[int, int, str]] = []
        self.seq = 0
        self.sealed: dict[str, str] = {}
        self.page: PageConnection | None = None

    async def _call(self, kind: str, method: str, path: str, *, ok_status=(200, 302, 303),
                    expect_json: bool = False, **kwargs):
        started = time.perf_counter()
        try:
            async with self.http.request(method, self.base + path, allow_redirects=False,
                                         **kwargs) as response:
                body = await response.text()
                seconds = time.perf_counter() - started
                good = response.status in ok_status
                if expect_json and good:
                    payload = json.loads(body)
                    good = bool(payload.get("saved"))
                    self.rec.record(kind, seconds, good, body)
                    return response.status, payload
                self.rec.record(kind, seconds, good, f"{response.status} {body[:120]}")
                return response.status, body
        except (TimeoutError, aiohttp.ClientError, ValueError) as error:
            self.rec.record(kind, time.perf_counter() - started, False, repr(error))
            return 0, ""

    def _page(self) -> PageConnection:
        """The page's own connection, with the session cookie the sign-in left in the jar."""
        if self.page is None or self.page.base != self.base:
            if self.page is not None:
                self.page.close()
            jar = self.http.cookie_jar.filter_cookies(URL(self.base))
            self.page = PageConnection(self.base, "; ".join(f"{k}={m.value}"
                                                            for k, m in jar.items()),
                                       **self.page_options())
        return self.page

    def page_options(self) -> dict:
        """What the page's connection shares with the browser's: its address, its headers."""
        return {}

    async def _page_call(self, kind: str, path: str, body: bytes, content_type: str, *,
                         headers: str = "", ok_status=(200,), expect_json: bool = False):
        """A request of the page after the start (save, key, submission), as `_call`."""
        started = time.perf_counter()
        page = self._page()
        try:
            status, raw = await page.request("POST", path, body, content_type, headers)
            text = raw.decode()
            seconds = time.perf_counter() - started
            good = status in ok_status
            if expect_json and good:
                payload = json.loads(text)
                good = bool(payload.get("saved"))
                self.rec.record(kind, seconds, good, text)
                return status, payload
            self.rec.record(kind, seconds, good, f"{status} {text[:120]}")
            return status, text
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError, IndexError) as error:
            page.close()
            self.rec.record(kind, time.perf_counter() - started, False, repr(error))
            return 0, ""

    async def open(self) -> None:
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"User-Agent": BROWSER},
            timeout=aiohttp.ClientTimeout(total=30))

    async def close(self) -> None:
        if self.page is not None:
            await self.page.aclose()
        if self.http:
            await self.http.close()

    async def login(self) -> bool:
        status, body = await self._call("login_page", "GET", "/account/login")
        match = CSRF_FIELD.search(body or "")
        if not match:
            return False
        token = match.group(1) or match.group(2)
        status, _ = await self._call("login", "POST", "/account/login", data={
            "csrf_token": token, "email": self.email, "password": self.password})
        return status in (302, 303)

    async def _from_landing(self, kind: str, action: str) -> bool:
        """The sitting's landing page, then its form posted (start or check-in)."""
        status, body = await self._call("landing", "GET", f"/sitting/{self.cid}")
        match = CSRF_FIELD.search(body or "")
        if not match:
            return False
        status, _ = await self._call(kind, "POST", f"/sitting/{self.cid}/{action}",
                                     data={"csrf_token": match.group(1) or match.group(2),
                                           "access_code": ""})
        return status in (302, 303)

    async def start(self) -> bool:
        return await self._from_landing("start", "start") and await self.fetch_paper()

    async def remaining_seconds(self) -> int | None:
        """The time left the server prints on the paper page (what the countdown starts from)."""
        status, body = await self._call("paper", "GET", f"/sitting/{self.cid}/paper",
                                        ok_status=(200,))
        match = re.search(r'data-remaining="(\d+)"', body or "") if status == 200 else None
        return int(match.group(1)) if match else None

    async def fetch_paper(self) -> bool:
        status, body = await self._call("paper", "GET", f"/sitting/{self.cid}/paper",
                                        ok_status=(200,))
        if status != 200:
            return False
        self.csrf = DATA_CSRF.search(body).group(1)
        self.questions = [(int(a), int(b), c) for a, b, c in QUESTION.findall(body)]
        return bool(self.questions)

    async def autosave(self) -> tuple[int, object]:
        item, position, kind = self.rng.choice(self.questions)
        self.seq += 1
        response = ([self.rng.choice("AB")] if kind in ("single_choice", "true_false",
                                                         "multiple_response")
                    else f"Trả lời số {self.seq} của {self.email}")
        status, payload = await self._page_call(
            "autosave", f"/sitting/{self.cid}/answer", json.dumps(
                {"paper_item_id": item, "response": response, "flagged": False,
                 "seq": self.seq, "position": position}).encode(), JSON,
            headers=self._json_headers(), expect_json=True)
        if status == 200 and isinstance(payload, dict) and payload.get("saved"):
            self.rec.acknowledged.append((self.email, item, self.seq, json.dumps(response)))
        return status, payload

    async def check_in(self) -> bool:
        """Before the start: the landing page, the check-in, the sealed page with its blob."""
        if not await self._from_landing("check-in", "check-in"):
            return False
        status, body = await self._call("sealed page", "GET", f"/sitting/{self.cid}/paper",
                                        ok_status=(200,))
        sealed = {name: SEALED[name].search(body or "") for name in SEALED}
        if status != 200 or not all(sealed.values()):
            return False
        self.csrf = sealed["csrf"].group(1)
        self.sealed = {name: html.unescape(found.group(1)) for name, found in sealed.items()}
        return True

    async def key(self) -> bool:
        """The start: the key by the server's clock (asked again when the server says to
        wait), then the paper decrypted as the page does it."""
        for _ in range(3):
            status, body = await self._page_call(
                "key", f"/sitting/{self.cid}/key",
                json.dumps({"attempt": int(self.sealed["attempt"])}).encode(), JSON,
                headers=self._json_headers())
            reply = json.loads(body) if body and body.startswith("{") else {}
            if status == 409 and reply.get("wait_ms"):
                await asyncio.sleep(reply["wait_ms"] / 1000)
                continue
            break
        if status != 200 or "key" not in reply:
            return False
        blob = base64.b64decode(self.sealed["blob"])
        paper = AESGCM(base64.b64decode(reply["key"])).decrypt(
            blob[:12], blob[12:], self.sealed["aad"].encode()).decode("utf-8")
        self.questions = [(int(a), int(b), c) for a, b, c in QUESTION.findall(paper)]
        return bool(self.questions)

    async def submit(self) -> None:
        await self._page_call("submit", f"/sitting/{self.cid}/submit",
                              urlencode({"csrf_token": self.csrf, "confirm": "y"}).encode(),
                              "application/x-www-form-urlencoded", ok_status=(200, 302, 303))

    def _json_headers(self) -> str:
        return f"X-CSRFToken: {self.csrf}\r\nAccept: application/json\r\n"


async def run_exam_day(base: str, competition_id: int, emails: list[str], password: str, *,
                       check_in_window: float, steady: float, finish_window: float,
                       autosave_every: float = 15.0, seed: int = 1,
                       progress=print) -> tuple[Recorder, dict]:
    """Exam day as it happens: candidates check in (sign in, check in, hold their sealed paper)
    spread over the check-in window, which ends when the sitting opens `check_in_window + 2`
    seconds after the call; at the start every page asks for the key within one second; each
    page autosaves every `autosave_every` seconds; at the deadline everyone sends a last save
    and submits within `finish_window` seconds."""
    rec = Recorder()
    rng = random.Random(seed)
    candidates = [Candidate(base, competition_id, e, password, rec, random.Random(rng.random()))
                  for e in emails]
    for candidate in candidates:
        await candidate.open()
    t0 = time.monotonic() + 1.0
    start = t0 + check_in_window + 1.0
    deadline = start + steady
    progress(f"  check-in ({check_in_window:.0f} s), key storm at the start (1 s), "
             f"autosave every {autosave_every:.0f} s for {steady:.0f} s, "
             f"finish storm ({finish_window:.0f} s)")

    async def life(candidate: Candidate):
        await asyncio.sleep(max(0.0, t0 + candidate.rng.uniform(0, check_in_window)
                                - time.monotonic()))
        if not await candidate.login() or not await candidate.check_in():
            return
        await asyncio.sleep(max(0.0, start + candidate.rng.uniform(0, 1) - time.monotonic()))
        if not await candidate.key():
            return
        next_save = start + candidate.rng.uniform(1, autosave_every)
        while next_save < deadline:
            await asyncio.sleep(max(0.0, next_save - time.monotonic()))
            await candidate.autosave()
            next_save += autosave_every
        await asyncio.sleep(max(0.0, deadline + candidate.rng.uniform(0, finish_window)
                                - time.monotonic()))
        await candidate.autosave()
        await candidate.submit()

    await asyncio.gather(*(life(c) for c in candidates))
    for candidate in candidates:
        await candidate.close()
    return rec, {"t0": t0, "start": start, "deadline": deadline}
