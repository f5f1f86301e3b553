"""A provider's corrections of its crawled offers, and hiding an offer that can no longer be booked.

A correction replaces one field (one or a few record keys, e.g. the price's amount, wording and
remarks) of one offer and wins over every later crawl: `overlay` applies the corrections to a
fresh crawl's records before the catalogue sees them (the one hook in
`wbportal.ops.pipeline._judge_apply_record`). Each correction keeps what the crawl said when it was
made (`crawled`); when the provider's page later says something else, the correction still wins
but is flagged (`page_changed`, `page_value`) so the provider can keep it or take the page's value.

The web side only stores; `reapply` (run by `wbportal publish`) brings the catalogue up to date at
once: corrected values in, removed corrections' crawl values back, hidden offers out of the index
and unhidden ones back in. It is idempotent.

Storage (`offer_corrections`): `value` is JSON of the record keys the field covers, or JSON `null`
for a correction the provider removed and `reapply` has not yet undone in the catalogue (then the
row is deleted). The field "hidden" has the value `true`; its `page_value` holds the offer's record as the
latest crawl listed it, or JSON `null` when that crawl did not list it any more, so unhiding
brings back only an offer that is still on the provider's site.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import delete, select, update

from normalize import Offer, dedupe_key

from ..catalogue import Catalogue, ChangeSet, content_hash, now_iso
from ..db import Database
from ..db.tables import offer_corrections, offers

HIDDEN = "hidden"

# correction field -> the record keys it sets (and compares with the page)
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "description": ("description",),
    "dates": ("start_date", "end_date", "rolling_start"),
    "schedule_text": ("schedule_text", "schedule"),
    "price": ("price_eur", "price_text", "price_remarks"),
    "duration": ("duration_hours", "duration_text"),
    "format": ("format",),
    "place": ("location",),
    "category": ("category",),
    "funding": ("funding",),
    "certificate": ("certificate",),
    "registration_deadline": ("registration_deadline",),
    "contact": ("contact",),
}


@dataclass(frozen=True)
class Correction:
    offer_id: str
    field: str
    value: dict | bool | None      # None: removed, waiting for `reapply`
    crawled: dict | None
    page_changed: bool
    page_value: dict | None
    company_id: int
    updated: str

    @property
    def removed(self) -> bool:
        return self.value is None


def _correction(row) -> Correction:
    return Correction(row.offer_id, row.field, json.loads(row.value), json.loads(row.crawled) if row.crawled else None,
                      bool(row.page_changed), json.loads(row.page_value) if row.page_value else None, row.company_id,
                      row.updated)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def page_part(record: dict, field: str) -> dict:
    """What the record says for a correction field (JSON-ready: compared with stored values)."""
    return json.loads(_dumps({key: record.get(key) for key in FIELDS[field]}))


def corrections_of(db: Database, offer_ids: list[str]) -> dict[str, dict[str, Correction]]:
    """offer id -> field -> correction (removed ones included, as they wait for `reapply`)."""
    result: dict[str, dict[str, Correction]] = {}
    with db.engine.connect() as conn:
        for chunk in range(0, len(offer_ids), 500):
            query = select(offer_corrections).where(offer_corrections.c.offer_id.in_(offer_ids[chunk:chunk + 500]))
            for row in conn.execute(query):
                result.setdefault(row.offer_id, {})[row.field] = _correction(row)
    return result


def hidden_offer_ids(db: Database, sources: list[str]) -> list[str]:
    """Offers of these sources a provider hid (and did not unhide)."""
    with db.engine.connect() as conn:
        return [r.offer_id for r in conn.execute(
            select(offer_corrections.c.offer_id).join(offers, offers.c.id == offer_corrections.c.offer_id)
            .where(offer_corrections.c.field == HIDDEN, offer_corrections.c.value != "null", offers.c.source.in_(sources)))]


# -- the provider's actions (the web side stores; `reapply` brings them into the catalogue) ---------
def save(db: Database, catalogue: Catalogue, company_id: int, offer_id: str, field: str, value: dict) -> None:
    """Stores a correction of `field` (its record keys only). What the crawl says is kept from the
    first correction of the field; a new correction of a corrected field only replaces the value."""
    if field not in FIELDS:
        raise ValueError(f"not a correctable field: {field}")
    value = {key: value.get(key) for key in FIELDS[field]}
    record = catalogue.get(offer_id)
    if record is None:
        raise LookupError(offer_id)
    now = now_iso()
    with db.engine.begin() as conn:
        existing = conn.execute(select(offer_corrections.c.id).where(
            offer_corrections.c.offer_id == offer_id, offer_corrections.c.field == field)).first()
        if existing is None:
            conn.execute(offer_corrections.insert().values(
                offer_id=offer_id, company_id=company_id, field=field, value=_dumps(value),
                crawled=_dumps(page_part(record, field)), page_changed=False, page_value=None, created=now, updated=now))
        else:
            conn.execute(update(offer_corrections).where(offer_corrections.c.id == existing.id).values(
                value=_dumps(value), company_id=company_id, updated=now))


def remove(db: Database, offer_id: str, field: str) -> bool:
    """Takes the crawl's (the page's) value again: the correction is marked removed, and `reapply`
    restores the page's value in the catalogue and then deletes it."""
    with db.engine.begin() as conn:
        return bool(conn.execute(update(offer_corrections).where(
            offer_corrections.c.offer_id == offer_id, offer_corrections.c.field == field,
            offer_corrections.c.field != HIDDEN, offer_corrections.c.value != "null")
            .values(value="null", updated=now_iso())).rowcount)


def acknowledge(db: Database, offer_id: str, field: str) -> bool:
    """Keeps the correction although the page changed: the page's new value becomes the one the
    correction is compared with, so the flag goes off until the page changes again."""
    with db.engine.begin() as conn:
        row = conn.execute(select(offer_corrections).where(offer_corrections.c.offer_id == offer_id,
                                                           offer_corrections.c.field == field)).first()
        if row is None or not row.page_changed or row.field == HIDDEN:
            return False
        conn.execute(update(offer_corrections).where(offer_corrections.c.id == row.id).values(
            crawled=row.page_value, page_changed=False, page_value=None, updated=now_iso()))
    return True


def hide(db: Database, company_id: int, offer_id: str) -> None:
    """The offer can no longer be booked: it leaves the index (at the next publish) and stays out
    after every crawl until it is unhidden."""
    now = now_iso()
    with db.engine.begin() as conn:
        listed = conn.execute(select(offers.c.record).where(offers.c.id == offer_id, offers.c.active.is_(True))).first()
        page_value = listed.record if listed else None
        done = conn.execute(update(offer_corrections).where(
            offer_corrections.c.offer_id == offer_id, offer_corrections.c.field == HIDDEN)
            .values(value="true", company_id=company_id, updated=now)).rowcount
        if not done:
            conn.execute(offer_corrections.insert().values(
                offer_id=offer_id, company_id=company_id, field=HIDDEN, value="true", crawled="null",
                page_changed=False, page_value=page_value, created=now, updated=now))


def unhide(db: Database, offer_id: str) -> bool:
    with db.engine.begin() as conn:
        return bool(conn.execute(update(offer_corrections).where(
            offer_corrections.c.offer_id == offer_id, offer_corrections.c.field == HIDDEN,
            offer_corrections.c.value != "null").values(value="null")).rowcount)


# -- applying them --------------------------------------------------------------------------------
def _apply(record: dict, rows: list[Correction]) -> dict:
    """The record with every standing correction applied; one that would make the record invalid
    (an end before a start the page has since moved) is left out."""
    for correction in rows:
        if correction.field == HIDDEN or correction.value is None or correction.field not in FIELDS:
            continue
        candidate = dict(record, **{key: correction.value.get(key) for key in FIELDS[correction.field]})
        try:
            Offer.model_validate(candidate)
        except ValidationError:
            continue
        record = candidate
    return record


def overlay(db: Database, source_key: str, records: list[dict]) -> list[dict]:
    """A fresh crawl's records with the providers' corrections applied and hidden offers left out;
    flags corrections whose page value changed since (or clears the flag when the page is back)."""
    listed = {r["id"] for r in records}
    with db.engine.connect() as conn:
        hidden_here = [r.offer_id for r in conn.execute(
            select(offer_corrections.c.offer_id).join(offers, offers.c.id == offer_corrections.c.offer_id)
            .where(offers.c.source == source_key, offer_corrections.c.field == HIDDEN))]
    by_offer = corrections_of(db, sorted(listed | set(hidden_here)))
    if not by_offer:
        return records
    result = []
    with db.engine.begin() as conn:
        for offer_id in hidden_here:
            if offer_id not in listed:  # the site no longer lists it: unhiding will not bring it back
                conn.execute(update(offer_corrections).where(offer_corrections.c.offer_id == offer_id,
                                                             offer_corrections.c.field == HIDDEN).values(page_value=None))
        for record in records:
            rows = list(by_offer.get(record["id"], {}).values())
            hidden = False
            for correction in rows:
                where = (offer_corrections.c.offer_id == correction.offer_id) & (offer_corrections.c.field == correction.field)
                if correction.field == HIDDEN:
                    hidden = correction.value is not None
                    conn.execute(update(offer_corrections).where(where).values(page_value=_dumps(record)))
                    continue
                if correction.value is None or correction.field not in FIELDS:
                    continue
                page = page_part(record, correction.field)
                if page != correction.crawled:
                    if not correction.page_changed or correction.page_value != page:
                        conn.execute(update(offer_corrections).where(where).values(
                            page_changed=True, page_value=_dumps(page)))
                elif correction.page_changed:
                    conn.execute(update(offer_corrections).where(where).values(page_changed=False, page_value=None))
            if not hidden:
                result.append(_apply(record, rows))
    return result


def reapply(db: Database, catalogue: Catalogue) -> ChangeSet:
    """Brings the catalogue records of corrected offers up to date now (without waiting for the
    next crawl); idempotent. Returns what changed for the index."""
    changes = ChangeSet()
    with db.engine.connect() as conn:
        ids = sorted({r.offer_id for r in conn.execute(select(offer_corrections.c.offer_id))})
    for offer_id, fields in corrections_of(db, ids).items():
        with db.engine.begin() as conn:
            row = conn.execute(select(offers).where(offers.c.id == offer_id)).first()
            if row is None:  # forgotten by the catalogue's cleanup: nothing to correct any more
                conn.execute(delete(offer_corrections).where(offer_corrections.c.offer_id == offer_id,
                                                             offer_corrections.c.value == "null"))
                continue
            record = json.loads(row.record)
            hidden = fields.get(HIDDEN)
            active = row.active
            if hidden is not None and hidden.value is not None:
                active = False
            elif hidden is not None:  # unhidden: back with the crawl's latest record, if the site still lists it
                if hidden.page_value:
                    record = dict(hidden.page_value, first_seen=record.get("first_seen"),
                                  last_seen=record.get("last_seen"))
                active = row.active or bool(hidden.page_value)
            for correction in fields.values():
                if correction.removed and correction.field in FIELDS:
                    restored = correction.page_value if correction.page_changed else correction.crawled
                    record.update(restored or {})
            record = _apply(record, list(fields.values()))
            digest = content_hash(record)
            if digest != row.content_hash or active != row.active:
                values = dict(record=json.dumps(record, ensure_ascii=False), content_hash=digest,
                              dedupe_key=dedupe_key(record), active=active,
                              gone_since=None if active else (row.gone_since or now_iso()))
                conn.execute(update(offers).where(offers.c.id == offer_id).values(**values))
                if active:
                    changes.changed.append(offer_id)
                elif row.active:
                    changes.removed.append(offer_id)
            else:
                changes.unchanged += 1
            conn.execute(delete(offer_corrections).where(offer_corrections.c.offer_id == offer_id,
                                                         offer_corrections.c.value == "null"))
    return changes


def flagged(db: Database, sources: list[str]) -> list[tuple[dict, Correction]]:
    """Standing corrections of these sources' offers whose page has changed since ("Seite
    geändert"), with the offer's record, for the provider's and the office's lists."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(offer_corrections, offers.c.record.label("offer_record"))
                            .join(offers, offers.c.id == offer_corrections.c.offer_id)
                            .where(offers.c.source.in_(sources), offer_corrections.c.page_changed.is_(True),
                                   offer_corrections.c.value != "null", offer_corrections.c.field != HIDDEN)
                            .order_by(offer_corrections.c.offer_id, offer_corrections.c.field)).all()
    return [(json.loads(r.offer_record), _correction(r)) for r in rows]
