"""A small rate limit for the providers' answer form, on the login_failures table.

The answer link works without an account, so its form could be used to flood the office with
answers and mails. Every POST is counted under keys like "answer-ip:<client address>" and
"answer:<recipient id>"; more than LIMIT within WINDOW under any one key is refused. The table is
the one that slows down login guessing: same shape (key, time), no new table needed.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select

from ..catalogue import now_iso
from ..db import Database
from ..db.tables import login_failures

LIMIT = 10
WINDOW = timedelta(minutes=15)


def allow(db: Database, keys: list[str], limit: int = LIMIT, window: timedelta = WINDOW) -> bool:
    """Counts one request under every key; False (and nothing counted) when a key has reached the
    limit within the window."""
    keys = [k[:300] for k in keys]
    since = (datetime.now(timezone.utc) - window).isoformat(timespec="seconds")
    with db.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key.in_(keys), login_failures.c.at < since))
        for key in keys:
            used = conn.execute(select(func.count()).select_from(login_failures).where(
                login_failures.c.key == key, login_failures.c.at >= since)).scalar_one()
            if used >= limit:
                return False
        conn.execute(login_failures.insert(), [{"key": k, "at": now_iso()} for k in keys])
    return True
