"""The scheduled side of the matrix: every company's due renewals become needs (schedule action
`renewals`, also run before each digest), so they match offers, reach the office's demand
figures and joint-course groups, and are mailed like other needs."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db import Database
from ..db.tables import companies, staff
from .workspace import Workspace


def sync_all_companies(db: Database, today: date | None = None) -> str:
    """Creates, updates and closes generated needs of every company with a staff list."""
    workspace = Workspace(db, today)
    with db.engine.connect() as conn:
        rows = conn.execute(select(companies.c.id, companies.c.postal_code)
                            .where(companies.c.id.in_(select(staff.c.company_id).distinct()))).all()
    created = updated = closed = 0
    for company_id, postal_code in rows:
        c, u, d = workspace.sync_renewal_needs(company_id, postal_code)
        created, updated, closed = created + c, updated + u, closed + d
    return (f"renewal needs of {len(rows)} companies: {created} created, {updated} updated, "
            f"{closed} closed (renewed)")
