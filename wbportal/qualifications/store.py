"""The staff list and qualification matrix in the database, always scoped to one company.

Every method takes the company id and filters by it, so a person, holding or requirement of
another company is simply not found. Deleting a person removes every row about them.
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import delete, select, update

from ..catalogue import now_iso
from ..db import Database
from ..db.tables import holdings, own_qualifications, requirements, staff
from .model import OWN_PREFIX, Holding, Person, Qualification


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _person(row) -> Person:
    return Person(row.id, row.company_id, row.name, row.job, row.leaving_year, bool(row.archived))


class MatrixStore:
    def __init__(self, db: Database):
        self.engine = db.engine

    # -- people -----------------------------------------------------------------------------
    def people(self, company_id: int, *, archived: bool = False) -> list[Person]:
        query = select(staff).where(staff.c.company_id == company_id).order_by(staff.c.name, staff.c.id)
        if not archived:
            query = query.where(staff.c.archived.is_(False))
        with self.engine.connect() as conn:
            return [_person(r) for r in conn.execute(query)]

    def person(self, company_id: int, person_id: int) -> Person | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(staff).where(staff.c.id == person_id, staff.c.company_id == company_id)).first()
        return _person(row) if row else None

    def save_person(self, company_id: int, person: Person) -> int:
        values = dict(name=person.name, job=person.job, leaving_year=person.leaving_year, archived=person.archived,
                      updated=now_iso())
        with self.engine.begin() as conn:
            if person.id is None:
                return conn.execute(staff.insert().values(company_id=company_id, created=now_iso(), **values)
                                    ).inserted_primary_key[0]
            changed = conn.execute(update(staff).where(staff.c.id == person.id, staff.c.company_id == company_id)
                                   .values(**values)).rowcount
        if not changed:
            raise LookupError(person.id)
        return person.id

    def delete_person(self, company_id: int, person_id: int) -> bool:
        """Removes the person and every held qualification of theirs."""
        with self.engine.begin() as conn:
            conn.execute(delete(holdings).where(holdings.c.staff_id == person_id, holdings.c.company_id == company_id))
            return bool(conn.execute(delete(staff).where(staff.c.id == person_id,
                                                         staff.c.company_id == company_id)).rowcount)

    # -- held qualifications (matrix cells) --------------------------------------------------------
    def holdings(self, company_id: int) -> list[Holding]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(holdings).where(holdings.c.company_id == company_id).order_by(holdings.c.id))
            return [Holding(r.id, r.staff_id, r.qualification, _day(r.acquired), _day(r.valid_until)) for r in rows]

    def set_holding(self, company_id: int, holding: Holding) -> None:
        """Inserts or replaces the person's holding of that qualification."""
        if self.person(company_id, holding.staff_id) is None:
            raise LookupError(holding.staff_id)
        with self.engine.begin() as conn:
            conn.execute(delete(holdings).where(holdings.c.staff_id == holding.staff_id,
                                                holdings.c.qualification == holding.qualification,
                                                holdings.c.company_id == company_id))
            conn.execute(holdings.insert().values(company_id=company_id, staff_id=holding.staff_id,
                                                  qualification=holding.qualification,
                                                  acquired=_iso(holding.acquired), valid_until=_iso(holding.valid_until)))

    def remove_holding(self, company_id: int, staff_id: int, qualification: str) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(holdings).where(
                holdings.c.staff_id == staff_id, holdings.c.qualification == qualification,
                holdings.c.company_id == company_id)).rowcount)

    # -- which job requires which qualification ---------------------------------------------------
    def requirements(self, company_id: int) -> dict[str, set[str]]:
        """job -> qualification ids it requires."""
        result: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(select(requirements).where(requirements.c.company_id == company_id)):
                result.setdefault(r.job, set()).add(r.qualification)
        return result

    def set_requirement(self, company_id: int, job: str, qualification: str, required: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(requirements).where(requirements.c.company_id == company_id,
                                                    requirements.c.job == job,
                                                    requirements.c.qualification == qualification))
            if required:
                conn.execute(requirements.insert().values(company_id=company_id, job=job, qualification=qualification))

    # -- the company's own qualifications -----------------------------------------------------------
    def own_qualifications(self, company_id: int) -> dict[str, Qualification]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(own_qualifications).where(own_qualifications.c.company_id == company_id)
                                .order_by(own_qualifications.c.label))
            return {f"{OWN_PREFIX}{r.id}": Qualification(f"{OWN_PREFIX}{r.id}", r.label, "", r.validity_months,
                                                         r.lead_days, r.search, r.category, own=True) for r in rows}

    def add_own_qualification(self, company_id: int, q: Qualification) -> str:
        with self.engine.begin() as conn:
            row_id = conn.execute(own_qualifications.insert().values(
                company_id=company_id, label=q.label, validity_months=q.validity_months, lead_days=q.lead_days,
                search=q.search or q.label, category=q.category)).inserted_primary_key[0]
        return f"{OWN_PREFIX}{row_id}"

    def delete_own_qualification(self, company_id: int, qualification_id: str) -> bool:
        digits = qualification_id[len(OWN_PREFIX):]
        if not qualification_id.startswith(OWN_PREFIX) or not re.fullmatch(r"[0-9]{1,9}", digits):
            return False
        row_id = int(qualification_id[len(OWN_PREFIX):])
        with self.engine.begin() as conn:
            gone = conn.execute(delete(own_qualifications).where(own_qualifications.c.id == row_id,
                                                                 own_qualifications.c.company_id == company_id)).rowcount
            if gone:
                conn.execute(delete(holdings).where(holdings.c.company_id == company_id,
                                                    holdings.c.qualification == qualification_id))
                conn.execute(delete(requirements).where(requirements.c.company_id == company_id,
                                                        requirements.c.qualification == qualification_id))
        return bool(gone)
