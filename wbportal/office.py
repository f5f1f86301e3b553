"""What the coordination office sees of the sign-ups: every company with its user and need counts,
every user with role and state, and the office's two levers against a bogus sign-up – blocking a
user (nothing is lost, it can be undone) and deleting a company or a single user.

Deletion goes through the same code as a company's own account deletion (company_data) and the
Kümmerer's removal of a colleague (Accounts.delete_user), so one company's rows are never touched
by another's deletion.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from .company_data import delete_company
from .db import Database
from .db.tables import companies, needs, users
from .users import OFFICE, Accounts


@dataclass(frozen=True)
class CompanyRow:
    id: int
    name: str
    postal_code: str
    size: str
    created: str
    users: int
    needs: int
    office: bool    # the coordination office's own record (its admins): never deleted from the list


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    role: str
    company_id: int
    company_name: str
    created: str
    disabled: bool


def company_rows(db: Database) -> list[CompanyRow]:
    """All companies, newest first (a wave of bogus sign-ups is at the top)."""
    user_count = select(users.c.company_id, func.count().label("n")).group_by(users.c.company_id).subquery()
    need_count = select(needs.c.company_id, func.count().label("n")).group_by(needs.c.company_id).subquery()
    query = (select(companies.c.id, companies.c.name, companies.c.postal_code, companies.c.size, companies.c.created,
                    func.coalesce(user_count.c.n, 0), func.coalesce(need_count.c.n, 0))
             .outerjoin(user_count, user_count.c.company_id == companies.c.id)
             .outerjoin(need_count, need_count.c.company_id == companies.c.id)
             .order_by(companies.c.created.desc(), companies.c.id.desc()))
    with db.engine.connect() as conn:
        return [CompanyRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), r[1] == OFFICE)
                for r in conn.execute(query)]


def user_rows(db: Database) -> list[UserRow]:
    query = (select(users.c.id, users.c.email, users.c.role, users.c.company_id, companies.c.name, users.c.created,
                    users.c.disabled)
             .join(companies, companies.c.id == users.c.company_id)
             .order_by(users.c.created.desc(), users.c.id.desc()))
    with db.engine.connect() as conn:
        return [UserRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in conn.execute(query)]


def user_row(db: Database, user_id: int) -> UserRow | None:
    return next((u for u in user_rows(db) if u.id == user_id), None)


def company_row(db: Database, company_id: int) -> CompanyRow | None:
    return next((c for c in company_rows(db) if c.id == company_id), None)


def is_disabled(db: Database, user_id: int) -> bool:
    """True for a user the office has blocked (and for no other)."""
    with db.engine.connect() as conn:
        return bool(conn.execute(select(users.c.disabled).where(users.c.id == user_id)).scalar())


def set_disabled(db: Database, user_id: int, on: bool) -> bool:
    """Blocks or unblocks a user; False if there is no such user."""
    with db.engine.begin() as conn:
        return conn.execute(update(users).where(users.c.id == user_id).values(disabled=on)).rowcount > 0


def delete_user(db: Database, accounts: Accounts, user_id: int) -> bool:
    """Deletes one user (watch list and mailed matches with it); the company and its needs stay."""
    row = user_row(db, user_id)
    return row is not None and accounts.delete_user(row.company_id, user_id)


def delete_whole_company(db: Database, company_id: int) -> bool:
    """Deletes the company with everything it entered; False if unknown. The office's own record
    is refused (it holds the admins)."""
    row = company_row(db, company_id)
    if row is None or row.office:
        return False
    delete_company(db, company_id)
    return True
