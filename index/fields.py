"""The index schema and the mapping from an offer record to an index document."""
from __future__ import annotations

import json
from datetime import date

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import german_analyzer

FACETS = ("category", "town", "format", "funding", "provider_facet", "certificate")
NO_DATE = 99991231  # sorts runs "Termin auf Anfrage" last


def build_schema() -> Schema:
    analyzer = german_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        course_key=ID(stored=True),
        source=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=3.0),
        description=TEXT(analyzer=analyzer, stored=True),
        provider=TEXT(analyzer=analyzer, field_boost=1.5),
        provider_facet=ID(stored=True),
        category=ID(stored=True),
        town=ID(stored=True),
        format=ID(stored=True),
        funding=KEYWORD(commas=True, stored=True),
        certificate=ID(stored=True),
        start=NUMERIC(int, bits=32, stored=True, sortable=True),
        end=NUMERIC(int, bits=32, stored=True),
        price_cents=NUMERIC(int, bits=64, stored=True, sortable=True),
        duration_min=NUMERIC(int, bits=32, stored=True),
        content_hash=STORED,
        record=STORED,
    )


def _ymd(value: str | None) -> int | None:
    return int(value.replace("-", "")) if value else None


def to_document(record: dict, content_hash: str = "") -> dict:
    """Whoosh document for one offer; the full record is stored for result display."""
    loc = record.get("location") or {}
    doc = {
        "id": record["id"],
        "course_key": record["course_key"],
        "source": record["source"],
        "title": record["title"],
        "description": record.get("description") or "",
        "provider": record["provider"],
        "provider_facet": record["provider"],
        "category": record.get("category") or "sonstiges",
        "format": record.get("format") or "onsite",
        "funding": ",".join(record.get("funding") or []),
        "start": _ymd(record.get("start_date")) or NO_DATE,
        "end": _ymd(record.get("end_date") or record.get("start_date")) or NO_DATE,
        "content_hash": content_hash,
        "record": json.dumps(record, ensure_ascii=False),
    }
    if loc.get("town"):
        doc["town"] = loc["town"]
    if record.get("certificate"):
        doc["certificate"] = record["certificate"]
    if record.get("price_eur") is not None:
        doc["price_cents"] = int(round(record["price_eur"] * 100))
    if record.get("duration_hours") is not None:
        doc["duration_min"] = int(round(record["duration_hours"] * 60))
    return doc


def today_ymd() -> int:
    return int(date.today().strftime("%Y%m%d"))
