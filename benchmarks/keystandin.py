"""The app as `make bench` serves it, plus a STAND-IN for the key request of exam day.

The check-in work (papers delivered encrypted before the start, a key released at the start)
is built on another branch. Until its key endpoint is merged, the exam-day scenario measures
this stand-in instead, and labels it so: a lean request that reads the signed session, reads
the candidate's attempt row on a pooled connection and checks the start time, which is the
work the real key release does apart from returning the key.
"""

from __future__ import annotations

import re

from flask import session

from exam import create_app as create_exam_app
from exam.db import utcnow

KEY_PATH = re.compile(r"^/sitting/(\d+)/key-standin$")
ATTEMPT = """
SELECT a.started_at FROM attempt a JOIN application p ON p.id = a.application_id
WHERE a.competition_id = %(competition)s::integer AND p.user_id = %(user)s::integer
"""


class KeyStandIn:
    def __init__(self, app, wsgi_app, pool):
        self.app, self.wsgi_app, self.pool = app, wsgi_app, pool

    def __call__(self, environ, start_response):
        match = KEY_PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        with self.app.request_context(environ):
            user = session.get("_user_id")
            row = None
            if user is not None:
                with self.pool.connection() as connection:
                    row = connection.execute(ATTEMPT, {"competition": int(match.group(1)),
                                                       "user": int(user)},
                                             prepare=True).fetchone()
            if row is None or utcnow() < row[0]:
                response = self.app.json.response({"key": None})
                response.status_code = 403
            else:
                response = self.app.json.response({"key": "stand-in"})
        return response(environ, start_response)


def create_app():
    app = create_exam_app()
    lean = app.extensions["thituyen_lean"]
    app.wsgi_app = KeyStandIn(app, app.wsgi_app, lean.pool)
    return app
