"""The offer catalogue: normalized offers and crawl runs.

The Whoosh index is derived from it and can be rebuilt at any time; this is the only copy
of the data that matters. SQLAlchemy Core on the one `Database` keeps it portable between
SQLite and PostgreSQL.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Iterator

from sqlalchemy import select, update

from normalize import dedupe_key

from .db import Database
from .db.tables import offers, runs

JSON_COLUMNS = ("errors", "coverage", "unparsed")

VOLATILE = ("first_seen", "last_seen")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(record: dict) -> str:
    """Hash of what users see; first/last seen do not make an offer 'changed'."""
    stable = {k: v for k, v in record.items() if k not in VOLATILE}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class ChangeSet:
    """What a run changed, so the index touches only those documents."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def upserts(self) -> list[str]:
        return self.added + self.changed


class Catalogue:
    """Offers and runs of one `Database` (the schema must be migrated: see `Database.upgrade`)."""

    def __init__(self, db: Database):
        self.db = db
        self.engine = db.engine

    # -- offers ---------------------------------------------------------------------------
    def apply(self, source: str, records: list[dict], *, remove_missing: bool, update_existing: bool = True) -> ChangeSet:
        """Upsert one source's offers from a run; vanished ones go inactive only if allowed.

        With update_existing=False (a degraded run) known offers keep their last good record and
        only get their last_seen refreshed; new offers are still added.
        """
        seen_at = now_iso()
        changes = ChangeSet()
        with self.engine.begin() as conn:
            existing = {row.id: row for row in conn.execute(
                select(offers.c.id, offers.c.content_hash, offers.c.first_seen, offers.c.active)
                .where(offers.c.source == source))}
            for record in records:
                digest = content_hash(record)
                old = existing.get(record["id"])
                record = dict(record, last_seen=seen_at,
                              first_seen=old.first_seen if old else seen_at)
                values = dict(source=source, course_key=record["course_key"], dedupe_key=dedupe_key(record),
                              record=json.dumps(record, ensure_ascii=False), content_hash=digest,
                              last_seen=seen_at, active=True, gone_since=None)
                if old is None:
                    conn.execute(offers.insert().values(id=record["id"], first_seen=seen_at, **values))
                    changes.added.append(record["id"])
                elif not update_existing:
                    conn.execute(update(offers).where(offers.c.id == record["id"]).values(last_seen=seen_at))
                    changes.unchanged += 1
                else:
                    conn.execute(update(offers).where(offers.c.id == record["id"]).values(**values))
                    if old.content_hash != digest or not old.active:
                        changes.changed.append(record["id"])
                    else:
                        changes.unchanged += 1
            if remove_missing:
                seen = {r["id"] for r in records}
                gone = [i for i, row in existing.items() if row.active and i not in seen]
                for chunk in range(0, len(gone), 500):
                    conn.execute(update(offers).where(offers.c.id.in_(gone[chunk:chunk + 500]))
                                 .values(active=False, gone_since=seen_at))
                changes.removed = gone
        return changes

    def active_count(self, source: str) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(offers.c.id).where(
                offers.c.source == source, offers.c.active.is_(True))).all())

    def iter_offers(self, *, active_only: bool = True, ids: Iterable[str] | None = None) -> Iterator[dict]:
        query = select(offers.c.record).order_by(offers.c.source, offers.c.id)
        if active_only:
            query = query.where(offers.c.active.is_(True))
        if ids is not None:
            ids = list(ids)
            for chunk in range(0, len(ids), 500):
                with self.engine.connect() as conn:
                    for (record,) in conn.execute(query.where(offers.c.id.in_(ids[chunk:chunk + 500]))):
                        yield json.loads(record)
            return
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield json.loads(record)

    def dedupe_keys(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The dedupe key of each id (active or not)."""
        ids, result = list(ids), {}
        with self.engine.connect() as conn:
            for chunk in range(0, len(ids), 500):
                query = select(offers.c.id, offers.c.dedupe_key).where(offers.c.id.in_(ids[chunk:chunk + 500]))
                result.update({row.id: row.dedupe_key for row in conn.execute(query)})
        return result

    def active_with_dedupe_keys(self, keys: Iterable[str]) -> list[dict]:
        """Active records of every source sharing one of the keys."""
        keys, records = [k for k in set(keys) if k], []
        with self.engine.connect() as conn:
            for chunk in range(0, len(keys), 500):
                query = select(offers.c.record).where(offers.c.dedupe_key.in_(keys[chunk:chunk + 500]),
                                                      offers.c.active.is_(True))
                records += [json.loads(row.record) for row in conn.execute(query)]
        return records

    def get(self, offer_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(offers.c.record).where(offers.c.id == offer_id)).first()
        return json.loads(row.record) if row else None

    def cleanup(self, keep_days: int, raw_root=None) -> str:
        """Forget offers gone for more than keep_days, and raw snapshots older than that (the latest
        snapshot of each source is always kept, for re-normalization)."""
        from datetime import timedelta
        cutoff = (datetime.now(timezone.utc) - timedelta(days=keep_days)).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            removed = conn.execute(offers.delete().where(offers.c.active.is_(False),
                                                         offers.c.gone_since < cutoff)).rowcount
        deleted_files = 0
        if raw_root is not None:
            import time as _time
            limit = _time.time() - keep_days * 86400
            for folder in (p for p in raw_root.iterdir() if p.is_dir()) if raw_root.exists() else []:
                snapshots = sorted(folder.glob("*.jsonl"))
                for snapshot in snapshots[:-1]:
                    if snapshot.stat().st_mtime < limit:
                        snapshot.unlink()
                        snapshot.with_suffix(".stats.json").unlink(missing_ok=True)
                        deleted_files += 1
        return f"{removed} gone offers and {deleted_files} raw snapshots older than {keep_days} days removed"

    # -- runs -----------------------------------------------------------------------------
    def record_run(self, **values) -> int:
        values["errors"] = json.dumps(values.get("errors") or [], ensure_ascii=False)
        values["coverage"] = json.dumps(values.get("coverage") or {})
        values["unparsed"] = json.dumps(values.get("unparsed") or {}, ensure_ascii=False)
        with self.engine.begin() as conn:
            return conn.execute(runs.insert().values(**values)).inserted_primary_key[0]

    def runs(self, source: str | None = None, limit: int = 50, job: str | None = None) -> list[dict]:
        query = select(runs).order_by(runs.c.id.desc()).limit(limit)
        if source:
            query = query.where(runs.c.source == source)
        if job:
            query = query.where(runs.c.job == job)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        return [_decoded(row) for row in rows]

    def last_job_run(self, job: str, source: str, statuses: tuple[str, ...] | None = None) -> dict | None:
        query = select(runs).where(runs.c.job == job, runs.c.source == source).order_by(runs.c.id.desc()).limit(1)
        if statuses:
            query = query.where(runs.c.status.in_(statuses))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _decoded(dict(row._mapping)) if row else None

    def last_run(self, source: str, status: str | None = None) -> dict | None:
        query = select(runs).where(runs.c.source == source).order_by(runs.c.id.desc()).limit(1)
        if status:
            query = query.where(runs.c.status == status)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return _decoded(dict(row._mapping))


def _decoded(row: dict) -> dict:
    for name in JSON_COLUMNS:
        row[name] = json.loads(row.get(name) or ("[]" if name == "errors" else "{}"))
    return row
