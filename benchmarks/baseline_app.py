"""The baseline: a bare Flask endpoint doing one single-row write on the same database, served
by the same gunicorn settings. It answers at the autosave's own address, so the benchmark's
candidates send it exactly the requests they send the app (same cookie, CSRF header, JSON
body) and read the same kind of answer; it writes the body as one row and checks nothing.
Autosave throughput is reported as a ratio of this."""

from __future__ import annotations

import os

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert

from exam.db import make_engine

metadata = MetaData()
baseline = Table("bench_baseline", metadata, Column("id", Integer, primary_key=True),
                 Column("attempt_id", Integer), Column("body", Text))


def create_app() -> Flask:
    app = Flask(__name__)
    engine = make_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=5)

    @app.post("/sitting/<int:competition_id>/answer")
    def write(competition_id: int):
        with engine.begin() as connection:
            connection.execute(insert(baseline).values(attempt_id=competition_id,
                                                       body=request.get_data(as_text=True)))
        return {"saved": True, "saved_at": "00:00:00", "remaining": 0, "server_now": 0}

    return app


def create_table(url: str) -> None:
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()
