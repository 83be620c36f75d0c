"""Schema changes go through Alembic, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from alembic import command
from alembic.config import Config


def alembic_config(url: str, connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", "exam:migrations")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.set_main_option(
        "file_template", "%%(rev)s_%%(slug)s"
    )
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, connection=None, revision: str = "heads") -> None:
    command.upgrade(alembic_config(url, connection), revision)


def downgrade(url: str, revision: str, connection=None) -> None:
    command.downgrade(alembic_config(url, connection), revision)
