"""gunicorn's access log, without the pages of irregularity reports.

A line "address, time, POST /competitions/7/report" would tell whoever reads the server's logs
who filed a report and when, however anonymous the report itself is. Filing, the tracking-code
page and following by code are therefore never written to the access log; every other request
is, as gunicorn writes it. gunicorn.conf.py installs this class (`logger_class`).
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

UNLOGGED_PATHS = re.compile(r"^/(competitions/\d+/report|reports(/.*)?)/?$")


def is_unlogged(path: str) -> bool:
    """True for the pages a reporter uses: filing, the code page, following and adding."""
    return bool(UNLOGGED_PATHS.match(path or ""))


class AccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if is_unlogged(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)
