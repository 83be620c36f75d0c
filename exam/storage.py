"""Files written during a transaction live or die with it: a rollback deletes them."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

PENDING = "thituyen_pending_files"


def store_file(session: Session, folder: str | os.PathLike, data: bytes, suffix: str) -> str:
    """Write `data` under a random name; return the name. Removed again if the session rolls back."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + suffix
    path = folder / name
    with open(path, "xb") as handle:
        handle.write(data)
    session.info.setdefault(PENDING, []).append(path)
    return name


@event.listens_for(Session, "after_commit")
def _keep_files(session: Session) -> None:
    session.info.pop(PENDING, None)


@event.listens_for(Session, "after_transaction_end")
def _drop_uncommitted_files(session: Session, transaction) -> None:
    if transaction.parent is None and transaction.nested is False:
        for path in session.info.pop(PENDING, []):
            Path(path).unlink(missing_ok=True)
