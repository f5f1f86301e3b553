"""Offers a provider enters by hand: one manual source per provider organisation
(`manuell-<organisation id>`), published into the catalogue and index by `wbportal publish`.

Each offer is stored as a raw item (the crawlers' contract, `normalize.RawItem`) and normalized by
the same `normalize.build_offer` as a crawled one, so a hand-entered offer is checked by the
schema's rules when it is saved and looks like any other offer in search. What the form gives
as a choice (category, format, funding programmes, certificate) is taken as chosen, not guessed
from the description.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select, update

from normalize import Offer, OfferError, build_offer, detect_certificate, detect_funding, taxonomy

from ..catalogue import now_iso
from ..db import Database
from ..db.tables import companies, manual_offers
from ..roles import OrgKind
from . import manual_source_key

PROVIDER_REF = "manuell-{}"   # the raw item's provider_ref: the offer's id stays the same across publishes


@dataclass(frozen=True)
class ManualOffer:
    id: int
    company_id: int
    data: dict          # the raw item
    withdrawn: bool
    created: str
    updated: str


def _manual(row) -> ManualOffer:
    return ManualOffer(row.id, row.company_id, json.loads(row.data), bool(row.withdrawn), row.created, row.updated)


def build_manual_offer(data: dict, *, organisation_id: int, provider: str, base_url: str,
                       manual_id: int | None = None) -> dict:
    """The catalogue record of a hand-entered offer; raises normalize.OfferError (with `field`)
    when the schema refuses it. Without a booking URL the offer's page in the portal is its URL."""
    key = manual_source_key(organisation_id)
    base_url = base_url.rstrip("/")
    raw = {k: v for k, v in data.items() if v not in (None, "")}
    raw.update(source=key, provider=provider, page_url=raw.get("url") or f"{base_url}/",
               provider_ref=PROVIDER_REF.format(manual_id if manual_id is not None else "neu"))
    raw.setdefault("url", f"{base_url}/angebot/{key}")  # replaced below by the offer's own page
    offer = build_offer(raw, {"source": key, "provider": provider})
    record = offer.to_record()
    if not data.get("url"):
        record["url"] = f"{base_url}/angebot/{record['id']}"
    if data.get("category") in taxonomy():
        record["category"] = data["category"]
    record["funding"] = sorted(detect_funding(data.get("funding") or ""))
    certificate = detect_certificate(data.get("certificate") or "") if data.get("certificate") else None
    record["certificate"] = certificate.value if hasattr(certificate, "value") else certificate
    try:
        return Offer.model_validate(record).to_record()
    except Exception as exc:  # noqa: BLE001 - pydantic's error, as the build's own
        raise OfferError(str(exc), "item") from exc


def of_company(db: Database, company_id: int, *, include_withdrawn: bool = False) -> list[ManualOffer]:
    query = select(manual_offers).where(manual_offers.c.company_id == company_id).order_by(manual_offers.c.id)
    if not include_withdrawn:
        query = query.where(manual_offers.c.withdrawn.is_(False))
    with db.engine.connect() as conn:
        return [_manual(r) for r in conn.execute(query)]


def get(db: Database, company_id: int, manual_id: int) -> ManualOffer | None:
    """The organisation's own hand-entered offer; another organisation's is None."""
    with db.engine.connect() as conn:
        row = conn.execute(select(manual_offers).where(manual_offers.c.id == manual_id,
                                                       manual_offers.c.company_id == company_id)).first()
    return _manual(row) if row else None


def add(db: Database, company_id: int, data: dict) -> int:
    now = now_iso()
    with db.engine.begin() as conn:
        return conn.execute(manual_offers.insert().values(
            company_id=company_id, data=json.dumps(data, ensure_ascii=False), withdrawn=False, created=now,
            updated=now)).inserted_primary_key[0]


def change(db: Database, company_id: int, manual_id: int, data: dict) -> bool:
    with db.engine.begin() as conn:
        return bool(conn.execute(update(manual_offers).where(
            manual_offers.c.id == manual_id, manual_offers.c.company_id == company_id).values(
            data=json.dumps(data, ensure_ascii=False), withdrawn=False, updated=now_iso())).rowcount)


def withdraw(db: Database, company_id: int, manual_id: int) -> bool:
    """Withdrawn offers leave the catalogue and the index at the next publish; the row is kept."""
    with db.engine.begin() as conn:
        return bool(conn.execute(update(manual_offers).where(
            manual_offers.c.id == manual_id, manual_offers.c.company_id == company_id,
            manual_offers.c.withdrawn.is_(False)).values(withdrawn=True, updated=now_iso())).rowcount)


def manual_source_records(db: Database, base_url: str) -> dict[str, list[dict]]:
    """For every provider organisation (also those without offers, so that withdrawn ones are
    retired) its manual source key -> the records of its offers that are not withdrawn. An offer
    the schema no longer accepts (after a parser change) is left out rather than failing all."""
    with db.engine.connect() as conn:
        orgs = conn.execute(select(companies.c.id, companies.c.name).where(
            companies.c.kind == OrgKind.provider.value)).all()
        rows = conn.execute(select(manual_offers).where(manual_offers.c.withdrawn.is_(False))
                            .order_by(manual_offers.c.id)).all()
    result: dict[str, list[dict]] = {manual_source_key(org.id): [] for org in orgs}
    names = {org.id: org.name for org in orgs}
    for row in rows:
        if row.company_id not in names:
            continue
        try:
            record = build_manual_offer(json.loads(row.data), organisation_id=row.company_id,
                                        provider=names[row.company_id], base_url=base_url, manual_id=row.id)
        except (OfferError, ValueError):
            continue
        result[manual_source_key(row.company_id)].append(record)
    return result


def record_id(db: Database, manual: ManualOffer, provider: str, base_url: str) -> str | None:
    """The catalogue id the offer has (or will have after the next publish)."""
    try:
        return build_manual_offer(manual.data, organisation_id=manual.company_id, provider=provider,
                                  base_url=base_url, manual_id=manual.id)["id"]
    except (OfferError, ValueError):
        return None
