"""The index schema and the mapping from an offer record to an index document.

Every facet and filter is also a column (sortable=True): the searcher loads the columns once
per index generation into arrays and counts facets and applies filters there (columns.py),
instead of Whoosh's per-hit Python facet counting.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from normalize.enums import Format, Funding

from .analysis import FastFrequency, german_analyzer, pair_analyzer, spelling_analyzer
from .grouping import course_identity

NO_DATE = 99991231     # sorts runs "Termin auf Anfrage" last
UNKNOWN = -1           # price_cents / duration_min / coordinates not known
# One bit per funding programme, in the schema enum's order (stored in the index: new programmes
# go at the end of the enum, or the index is rebuilt).
FUNDING_BITS = {funding.value: 1 << position for position, funding in enumerate(Funding)}
# Facets held as string columns; funding is a bit column; start_month, duration_band and
# price_band are derived from numeric columns.
STRING_FACETS = ("category", "town", "district", "format", "provider_facet", "certificate", "source")
FACETS = ("category", "town", "district", "format", "funding", "provider_facet", "certificate",
          "start_month", "duration_band", "price_band")
DURATION_BANDS = (("upto8h", 0, 8 * 60), ("8to24h", 8 * 60 + 1, 24 * 60), ("24to80h", 24 * 60 + 1, 80 * 60),
                  ("over80h", 80 * 60 + 1, 10**9))
PRICE_BANDS = (("free", 0, 0), ("upto250", 1, 250_00), ("250to1000", 250_01, 1000_00),
               ("1000to3000", 1000_01, 3000_00), ("over3000", 3000_01, 10**12))


class ColumnNumber(NUMERIC):
    """A whole number kept only as a column, without terms. Every numeric filter, facet and sort
    reads the columns (columns.py); Whoosh's NUMERIC would also index each value as 8 (32 bits)
    or 16 (64 bits) range-query terms that no query asks for (10,000 bench offers on one writer
    process: 14.3 s with them, 13.5 s without)."""

    indexed = False


def _fast(field: TEXT) -> TEXT:
    field.format = FastFrequency(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    analyzer = german_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        course_key=ID(stored=True),
        title=TEXT(analyzer=analyzer, field_boost=3.0),
        description=_fast(TEXT(analyzer=analyzer, phrase=False)),
        provider=_fast(TEXT(analyzer=analyzer, field_boost=1.5, phrase=False)),
        spell=TEXT(analyzer=spelling_analyzer(), phrase=False, spelling=True),
        title_pairs=TEXT(analyzer=pair_analyzer(), phrase=False),
        **{name: ID(sortable=True) for name in STRING_FACETS},
        funding=KEYWORD(commas=True),
        funding_bits=ColumnNumber(int, bits=32, sortable=True),
        start=ColumnNumber(int, bits=32, sortable=True),
        end=ColumnNumber(int, bits=32, sortable=True),
        rolling=ColumnNumber(int, bits=32, sortable=True),
        price_cents=ColumnNumber(int, bits=64, sortable=True),
        duration_min=ColumnNumber(int, bits=32, sortable=True),
        lat_e5=ColumnNumber(int, bits=32, signed=True, sortable=True),
        lon_e5=ColumnNumber(int, bits=32, signed=True, sortable=True),
        # Grouping runs into courses needs only equality of course_key and of the course identity
        # (grouping.py): 64-bit hashes as columns, so a new generation links its courses from two
        # arrays instead of reading every stored record (5 s at 100,000 offers, bench/search.py).
        course_hash=ColumnNumber(int, bits=64, signed=True, sortable=True),
        identity_hash=ColumnNumber(int, bits=64, signed=True, sortable=True),
        content_hash=STORED,
        record=STORED,
    )


def _ymd(value: str | None) -> int | None:
    return int(value.replace("-", "")) if value else None


def _district(town: str | None) -> str:
    if not town:
        return ""
    from normalize import gazetteer  # the index reads normalized data; normalize imports nothing of ours
    found = gazetteer().lookup(town)
    return found.district if found else ""


def text_hash(text: str) -> int:
    """A signed 64-bit hash of a text (collisions between two course keys: about 1 in 10^10 at
    a million offers)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def to_document(record: dict, content_hash: str = "") -> dict:
    """Whoosh document for one offer; the full record is stored for result display."""
    loc = record.get("location") or {}
    funding = record.get("funding") or []
    lat, lon = loc.get("lat"), loc.get("lon")
    return {
        "id": record["id"],
        "course_key": record["course_key"],
        "source": record["source"],
        "title": record["title"],
        "description": record.get("description") or "",
        "provider": record["provider"],
        "spell": f"{record['title']} {record['provider']}",
        "title_pairs": record["title"],
        "provider_facet": record["provider"],
        "category": record.get("category") or "sonstiges",
        "town": loc.get("town") or "",
        "district": _district(loc.get("town")),
        "format": record.get("format") or Format.onsite.value,
        "certificate": record.get("certificate") or "",
        "funding": ",".join(funding),
        "funding_bits": sum(FUNDING_BITS.get(f, 0) for f in funding),
        "start": _ymd(record.get("start_date")) or NO_DATE,
        "end": _ymd(record.get("end_date") or record.get("start_date")) or NO_DATE,
        "rolling": int(bool(record.get("rolling_start"))),
        "price_cents": UNKNOWN if record.get("price_eur") is None else int(round(record["price_eur"] * 100)),
        "duration_min": UNKNOWN if record.get("duration_hours") is None else int(round(record["duration_hours"] * 60)),
        "lat_e5": UNKNOWN if lat is None else int(round(lat * 1e5)),
        "lon_e5": UNKNOWN if lon is None else int(round(lon * 1e5)),
        "course_hash": text_hash(record["course_key"]),
        "identity_hash": text_hash(course_identity(record["title"], record["provider"])),
        "content_hash": content_hash,
        "record": json.dumps(record, ensure_ascii=False),
    }


def today_ymd() -> int:
    return int(date.today().strftime("%Y%m%d"))
