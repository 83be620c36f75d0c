"""Rate limits hold across gunicorn's workers: `make run` starts four, and limits counted in
each worker's memory let through four times the documented number. Started as an operator
would (no RATELIMIT_STORAGE_URI), the server counts in the local Redis by default."""

from __future__ import annotations

import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

import pytest

from benchmarks.servers import Gunicorn
from exam.config import LOCAL_REDIS, redis_reachable
from exam.migrate import upgrade

SIGN_IN_LIMIT = 20  # per minute for one email from one address (exam/accounts/views.py)


@pytest.fixture
def redis():
    if not redis_reachable():
        message = (f"Redis is not reachable at {LOCAL_REDIS}: shared rate limits cannot be "
                   "tested here (start redis-server, or see README, 'Rate limits')")
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must provide it")
        pytest.skip(message)


def _post(url: str, cookie: str, data: dict) -> int:
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), method="POST",
        headers={"Cookie": cookie, "Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_sign_in_limit_is_counted_across_four_workers(tmp_path, redis):
    url = f"sqlite:///{tmp_path}/limits.sqlite"
    upgrade(url)
    # a key prefix of its own, so runs sharing this Redis never count each other's requests
    (tmp_path / "config.py").write_text(f"RATELIMIT_KEY_PREFIX = 'test-{secrets.token_hex(6)}'\n")
    server = Gunicorn("exam:create_app()", {
        "DATABASE_URL": url, "THITUYEN_INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "shared-limits-test", "THITUYEN_INSECURE_COOKIES": "1"},
        workers=4, threads=2)
    server.env.pop("RATELIMIT_STORAGE_URI", None)  # the default is what is tested
    server.start()
    try:
        with urllib.request.urlopen(f"{server.url}/account/login", timeout=30) as page:
            cookie = page.headers["Set-Cookie"].split(";", 1)[0]
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                              page.read().decode()).group(1)
        form = {"csrf_token": token, "email": "someone@example.vn", "password": "wrong guess"}
        attempts = 2 * SIGN_IN_LIMIT
        # one new connection each, so the workers take turns accepting them
        statuses = [_post(f"{server.url}/account/login", cookie, form) for _n in range(attempts)]
    finally:
        server.stop()
    assert statuses.count(200) == SIGN_IN_LIMIT, statuses
    assert statuses.count(429) == attempts - SIGN_IN_LIMIT, statuses
