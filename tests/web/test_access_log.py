"""The gunicorn access log never records who visits the pages of irregularity reports."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def access_log(tmp_path, monkeypatch):
    """The logger gunicorn.conf.py configures, writing to a file; returns (log, read)."""
    path = tmp_path / "access.log"
    monkeypatch.setenv("THITUYEN_ACCESS_LOG", str(path))
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("accesslog", settings["accesslog"])
    config.set("logger_class", settings.get("logger_class", "gunicorn.glogging.Logger"))
    logger = config.logger_class(config)
    yield logger, lambda: path.read_text() if path.exists() else ""
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            handler.close()
            log.removeHandler(handler)


def _request(logger, method: str, path: str) -> None:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "RAW_URI": path, "QUERY_STRING": "",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.77"}
    response = SimpleNamespace(status="200 OK", headers=[], response_length=10, sent=10)
    request = SimpleNamespace(headers=[])
    logger.access(response, request, environ, dt.timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/competitions/7/report"), ("GET", "/competitions/7/report"),
    ("GET", "/reports/filed"), ("POST", "/reports/follow"), ("POST", "/reports/follow/add")])
def test_report_pages_leave_no_line_in_the_access_log(access_log, method, path):
    logger, read = access_log
    _request(logger, method, path)
    assert "203.0.113.77" not in read()
    assert "report" not in read()


def test_other_requests_are_still_logged(access_log):
    logger, read = access_log
    _request(logger, "GET", "/competitions/7")
    _request(logger, "POST", "/competitions/7/reports-of-the-board")
    assert read().count("203.0.113.77") == 2
