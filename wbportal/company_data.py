"""Everything stored about one company, for its own export and for deleting its account.

A company can take all its data with it (JSON) and delete its account; deletion removes staff,
matrix, requirements, own qualifications, needs, users with their watch lists, mailed matches,
network profiles, its places in calls for offers and its seats (a provider: linked sources,
corrections, hand-entered offers; its answers to calls stay with the office under the name they
were sent to) and the company itself, in one transaction.
"""
from __future__ import annotations

from sqlalchemy import delete, select, update

from .db import Database
from .db.tables import (call_needs, call_recipients, call_seats, companies, holdings, kuemmerer_profiles, mailed,
                        manual_offers, needs, offer_corrections, own_qualifications, provider_sources, requirements,
                        staff, users, watch)

_USER_COLUMNS = (users.c.id, users.c.email, users.c.role, users.c.kuemmerer, users.c.digest, users.c.created)


def export_company(db: Database, company_id: int) -> dict:
    """All rows of the company (password hashes and secret tokens left out), table by table."""
    with db.engine.connect() as conn:
        company = conn.execute(select(companies).where(companies.c.id == company_id)).first()
        if company is None:
            raise LookupError(company_id)
        user_ids = [r.id for r in conn.execute(select(users.c.id).where(users.c.company_id == company_id))]

        def rows(query) -> list[dict]:
            return [dict(r._mapping) for r in conn.execute(query)]

        data = {
            "company": {k: v for k, v in dict(company._mapping).items() if k != "calendar_token"},
            "users": rows(select(*_USER_COLUMNS).where(users.c.company_id == company_id)),
            # the office's follow-up (status, notes) is the office's, not the company's
            "needs": rows(select(*[c for c in needs.c if c.name not in ("office_status", "office_notes")])
                          .where(needs.c.company_id == company_id)),
            "staff": rows(select(staff).where(staff.c.company_id == company_id)),
            "holdings": rows(select(holdings).where(holdings.c.company_id == company_id)),
            "requirements": rows(select(requirements).where(requirements.c.company_id == company_id)),
            "own_qualifications": rows(select(own_qualifications).where(own_qualifications.c.company_id == company_id)),
            "watch": rows(select(watch).where(watch.c.user_id.in_(user_ids))),
            "mailed": rows(select(mailed).where(mailed.c.user_id.in_(user_ids))),
            "kuemmerer_profiles": rows(select(kuemmerer_profiles).where(kuemmerer_profiles.c.user_id.in_(user_ids))),
            "call_needs": rows(select(call_needs).where(call_needs.c.company_id == company_id)),
            "call_seats": rows(select(call_seats).where(call_seats.c.company_id == company_id)),
            "provider_sources": rows(select(provider_sources).where(provider_sources.c.company_id == company_id)),
            "offer_corrections": rows(select(offer_corrections).where(offer_corrections.c.company_id == company_id)),
            "manual_offers": rows(select(manual_offers).where(manual_offers.c.company_id == company_id)),
        }
    return data


def export_user(db: Database, user_id: int) -> dict:
    """One user's own rows (for colleagues and the office, who may not export the whole company):
    the account without its password hash, the company's name, watch list, mailed matches, network entry."""
    with db.engine.connect() as conn:
        user = conn.execute(select(*_USER_COLUMNS, users.c.digest_weekly, companies.c.name.label("company"))
                            .join(companies, companies.c.id == users.c.company_id).where(users.c.id == user_id)).first()
        if user is None:
            raise LookupError(user_id)

        def rows(table) -> list[dict]:
            return [dict(r._mapping) for r in conn.execute(select(table).where(table.c.user_id == user_id))]

        return {"user": dict(user._mapping), "watch": rows(watch), "mailed": rows(mailed),
                "kuemmerer_profiles": rows(kuemmerer_profiles)}


def delete_company(db: Database, company_id: int) -> None:
    """Deletes the company and every row about it (children first, one transaction)."""
    with db.engine.begin() as conn:
        user_ids = [r.id for r in conn.execute(select(users.c.id).where(users.c.company_id == company_id))]
        for table in (watch, mailed, kuemmerer_profiles):
            conn.execute(delete(table).where(table.c.user_id.in_(user_ids)))
        for table in (holdings, requirements, own_qualifications, staff, needs, call_needs, call_seats,
                      provider_sources, offer_corrections, manual_offers, users):
            conn.execute(delete(table).where(table.c.company_id == company_id))
        # a provider's answers to calls stay in the office's records, under the name and address they were sent to
        conn.execute(update(call_recipients).where(call_recipients.c.company_id == company_id).values(company_id=None))
        conn.execute(delete(companies).where(companies.c.id == company_id))
