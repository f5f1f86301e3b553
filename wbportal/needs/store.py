"""Needs in the database, always scoped to one company: another company's need id is simply
not found, so no route can leak or change it."""
from __future__ import annotations

from sqlalchemy import delete, select, update

from ..catalogue import now_iso
from ..db import Database
from ..db.tables import companies, needs
from .model import Need, need_from_row, need_to_row


class NeedStore:
    def __init__(self, db: Database):
        self.engine = db.engine

    def all_with_company(self) -> list[tuple[Need, str]]:
        """Every need with its company's name (for the coordination office only)."""
        query = (select(needs, companies.c.name.label("company_name"))
                 .join(companies, companies.c.id == needs.c.company_id).order_by(needs.c.id))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        return [(need_from_row(r), r["company_name"]) for r in rows]

    def of_company(self, company_id: int) -> list[Need]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(needs).where(needs.c.company_id == company_id).order_by(needs.c.id))
            return [need_from_row(dict(r._mapping)) for r in rows]

    def get(self, company_id: int, need_id: int) -> Need | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)).first()
        return need_from_row(dict(row._mapping)) if row else None

    def save(self, company_id: int, need: Need, need_id: int | None = None) -> int:
        """Inserts (need_id None) or updates the company's need; LookupError if it is not theirs."""
        values = need_to_row(need) | {"updated": now_iso()}
        with self.engine.begin() as conn:
            if need_id is None:
                return conn.execute(needs.insert().values(company_id=company_id, created=now_iso(), **values)
                                    ).inserted_primary_key[0]
            changed = conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                                   .values(**values)).rowcount
        if not changed:
            raise LookupError(need_id)
        return need_id

    def generated(self, company_id: int, origin_prefix: str) -> dict[str, Need]:
        """The company's generated needs whose origin starts so, by origin."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(needs).where(needs.c.company_id == company_id,
                                                    needs.c.origin.startswith(origin_prefix, autoescape=True)))
            return {r.origin: need_from_row(dict(r._mapping)) for r in rows}

    def save_generated(self, company_id: int, need: Need, need_id: int | None = None) -> int:
        """Like save, and also writes origin and reason (only the generator of renewal needs does)."""
        need_id = self.save(company_id, need, need_id)
        with self.engine.begin() as conn:
            conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                         .values(origin=need.origin, reason=need.reason))
        return need_id

    def set_joining(self, company_id: int, need_id: int, people: int | None) -> bool:
        """"Wir sind dabei" with a head count (None withdraws it)."""
        with self.engine.begin() as conn:
            return bool(conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                                     .values(joining=people, updated=now_iso())).rowcount)

    def set_office_status(self, need_id: int, status, notes: str | None = None) -> bool:
        """The office's follow-up of any company's need (office only: the caller checks the role)."""
        from .model import OfficeStatus
        values = {"office_status": OfficeStatus(status).value}
        if notes is not None:
            values["office_notes"] = notes
        with self.engine.begin() as conn:
            return conn.execute(update(needs).where(needs.c.id == need_id).values(**values)).rowcount > 0

    def by_ids(self, need_ids) -> list[tuple[Need, str]]:
        """Needs of any companies with their company's name (for the office's calls for offers)."""
        ids = list(need_ids)
        if not ids:
            return []
        query = (select(needs, companies.c.name.label("company_name"))
                 .join(companies, companies.c.id == needs.c.company_id).where(needs.c.id.in_(ids)).order_by(needs.c.id))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        return [(need_from_row(r), r["company_name"]) for r in rows]

    def set_paused(self, company_id: int, need_id: int, paused: bool) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                                     .values(paused=paused, updated=now_iso())).rowcount)

    def mark_viewed(self, company_id: int, need_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                         .values(last_viewed=now_iso()))

    def delete(self, company_id: int, need_id: int) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(needs).where(needs.c.id == need_id,
                                                         needs.c.company_id == company_id)).rowcount)
