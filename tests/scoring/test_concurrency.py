"""Two examiners submitting the second and first mark at the same moment: the script is still
reconciled exactly once (PostgreSQL, committed transactions on separate connections)."""

import os
import threading

import pytest
from sqlalchemy import func, select

from exam.db import utcnow
from exam.migrate import upgrade
from exam.scoring import service
from exam.scoring.models import Assignment, AssignmentRole, FinalMark
from tests.conftest import fresh_database, make_test_app
from tests.scoring.helpers import assignments, give, scene

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgresql"),
    reason="row locks are a PostgreSQL matter; SQLite lets one writer in at a time")


@pytest.mark.parametrize(("first", "second", "finals", "thirds"), [("5", "5.5", 1, 0),
                                                                   ("2", "9", 0, 1)])
def test_simultaneous_submissions_reconcile_once(tmp_path, first, second, finals, thirds):
    with fresh_database(tmp_path, "race") as url:
        upgrade(url)
        app = make_test_app(url, tmp_path)
        maker = app.extensions["thituyen_db"].sessionmaker
        try:
            with app.app_context(), maker() as session:
                s = scene(session, scripts=1, examiners=3)
                service.assign_markers(session, s.chair, s.competition, s.panel, now=utcnow())
                pair = assignments(session, s.scripts[0])
                ids = {role: pair[role].id for role in pair}
                script_id = s.scripts[0].id
                session.commit()
            barrier = threading.Barrier(2)
            errors = []

            def submit(assignment_id, total):
                try:
                    with app.app_context(), maker() as session:
                        assignment = session.get(Assignment, assignment_id)
                        barrier.wait()
                        give(session, assignment, total, utcnow())
                        session.commit()
                except Exception as error:  # reported below, with the thread's own traceback
                    errors.append(error)

            threads = [threading.Thread(target=submit, args=(ids[AssignmentRole.FIRST], first)),
                       threading.Thread(target=submit, args=(ids[AssignmentRole.SECOND], second))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert not errors
            with app.app_context(), maker() as session:
                assert session.scalar(select(func.count()).select_from(FinalMark).where(
                    FinalMark.script_id == script_id)) == finals
                assert session.scalar(select(func.count()).select_from(Assignment).where(
                    Assignment.script_id == script_id,
                    Assignment.role == AssignmentRole.THIRD)) == thirds
        finally:
            app.extensions["thituyen_db"].engine.dispose()
