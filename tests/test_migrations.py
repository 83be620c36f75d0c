"""The Alembic migrations and the models describe the same schema, and downgrade works."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from exam.migrate import downgrade, upgrade
from exam.models import Base
from tests.conftest import fresh_database


def test_models_and_migrations_agree(app, db):
    connection = db.connection()
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, Base.metadata) == []


def test_every_migration_downgrades_and_upgrades_again(tmp_path):
    with fresh_database(tmp_path, "mig") as url:
        upgrade(url)
        downgrade(url, "base")
        from exam.db import make_engine

        engine = make_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(url)
        assert "audit_entry" in inspect(engine).get_table_names()
        engine.dispose()


def test_revisions_form_one_line():
    """Two heads would make `thituyen db upgrade` apply branches in an arbitrary order."""
    from alembic.script import ScriptDirectory

    from exam.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(scripts.get_heads()) == 1
    assert [s.revision for s in scripts.walk_revisions()][-1] == "0001"
