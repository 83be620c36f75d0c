"""Times are stored in UTC and shown, and typed, in Vietnam's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def to_utc(local_naive: datetime | None) -> datetime | None:
    if local_naive is None:
        return None
    return local_naive.replace(tzinfo=LOCAL).astimezone(UTC)


def to_local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(LOCAL) if moment else None
