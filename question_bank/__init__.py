"""Plain-Python question bank: items, import/export, scoring, the verifiable draw, statistics.

Never imports Flask, SQLAlchemy or ``exam`` so that the draw and scoring can be
re-run by anyone from a published snapshot (tests/question_bank/test_no_flask.py).
"""
