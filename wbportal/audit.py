"""The audit log of office actions (who sent a call, accepted an answer, confirmed a course,
invited a provider ...) and of the steps of a call, so that the office can see its history.

Rows are never changed; a deleted user's rows keep the e-mail address they had then (`actor`),
because the log must still say who did it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from .catalogue import now_iso
from .db import Database
from .db.tables import audit_log


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str        # e-mail of the user, or "Anbieter-Link: <name>" for an answer by signed link
    action: str       # e.g. "call.sent", "call.accepted", "provider.invited"
    subject: str      # what it concerns, e.g. "call:12", "offer:abc", "user:5"
    details: dict


def record(db: Database, actor: str, action: str, subject: str, **details) -> None:
    with db.engine.begin() as conn:
        conn.execute(audit_log.insert().values(at=now_iso(), actor=actor[:254], action=action[:60],
                                               subject=subject[:120],
                                               details=json.dumps(details, ensure_ascii=False, default=str)))


def entries(db: Database, *, subject: str | None = None, limit: int = 200) -> list[AuditEntry]:
    """Newest first; `subject` narrows to one object (the history of one call)."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if subject:
        query = query.where(audit_log.c.subject == subject)
    with db.engine.connect() as conn:
        return [AuditEntry(r.id, r.at, r.actor, r.action, r.subject, json.loads(r.details or "{}"))
                for r in conn.execute(query)]
