"""The baseline: a bare endpoint doing one single-row write on the same database, served by
the same gunicorn settings. Autosave throughput is reported as a ratio of this."""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert

from exam.db import make_engine

metadata = MetaData()
baseline = Table("bench_baseline", metadata, Column("id", Integer, primary_key=True),
                 Column("attempt_id", Integer), Column("body", Text))


def create_app() -> Flask:
    app = Flask(__name__)
    engine = make_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=5)

    @app.post("/write")
    def write():
        with engine.begin() as connection:
            connection.execute(insert(baseline).values(attempt_id=1, body="x" * 200))
        return {"saved": True}

    return app


def create_table(url: str) -> None:
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()
