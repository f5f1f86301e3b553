"""Peer search engines for the benchmark: SQLite FTS5 and tantivy over the same corpus records
and the same `BenchQuery` list as our engine, each used the way a competent user would.

Why peers at all: a p95 on its own says little; the same queries on two well-known engines, with
the same filters and the same ten disjunctive facets, say whether our numbers are good. The test
(tests/test_bench_peers.py) proves the "same": for every filters-only query both peers' totals and
all ten facets equal our engine's.

What the engines share (this module): a record becomes a `Row` (the filter and facet values our
index derives, index/fields.py), a query becomes a `Plan` (words, phrases, facet selections,
date window, price, hours, radius, sort, page). Semantics mirrored from index/search.py:

- every word must match (AND), in title, description or provider; a quoted phrase matches
  the title (our engine keeps positions for titles only); hyphenated words are separate words;
- offers that ended before today are excluded; a start-date window lets undated offers pass;
- max_price and max_hours keep known values only; radius = haversine distance from the town's
  coordinates (rounded to 1e-5 degrees as ours);
- facets: each facet's counts ignore that facet's own selection (OR within, AND across);
- sort: relevance (no text: soonest first), start, price (unknown last), distance; 20 a page.

What the peers do NOT do that ours does (so their text results are not the same sets):
no synonyms, no prefix expansion ("Stapler" does not find "Staplerfahrer"), no compound
splitting, no stop-word removal, no "did you mean". FTS5 has no German stemming at all
("Kurse" does not find "Kurs"); tantivy stems with Snowball German. Our engine also spells
umlauts out ("ä" = "ae"); FTS5 folds "ä" to "a", tantivy's Snowball stemmer does the same.

What the peers do less of on every query: they return the page's ids only (FTS5 from the
offers table, tantivy one stored field per hit); ours loads the 20 stored records and builds a
highlighted snippet for each. Start and price sorts agree with ours on the sort key; ties
(same day, same price) may come in another order. `python -m bench.peers` prints one JSON line
per peer at 10,000 offers; `measure` is what bench.search reports.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import sqlite3
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from bench.stats import percentile
from index.fields import DURATION_BANDS, FACETS, FUNDING_BITS, NO_DATE, PRICE_BANDS, today_ymd
from normalize import gazetteer

PAGE_SIZE = 20
EARTH_KM = 6371.0
MAX_TEXT = 300          # our engine reads the first 300 characters of the text
TEXT_BOOSTS = {"title": 3.0, "description": 1.0, "provider": 1.5}   # as index/search.py FIELD_BOOSTS
# Facets held as one string per offer (funding is multi-valued); the SQL column of each.
SINGLE_FACETS = {"category": "category", "town": "town", "district": "district", "format": "format",
                 "provider_facet": "provider", "certificate": "certificate", "start_month": "start_month",
                 "duration_band": "duration_band", "price_band": "price_band"}


@dataclass
class PeerResult:
    total: int
    ids: list[str]
    facets: dict[str, dict[str, int]]


# -- shared: a record as filter and facet values ------------------------------------------------
@dataclass(frozen=True)
class Row:
    """What every engine indexes of one offer; derived exactly as index/fields.to_document does,
    so that filters and facets can agree."""

    id: str
    title: str
    description: str
    provider: str
    start_ymd: int                 # NO_DATE when undated
    end_ymd: int                   # end, else start, else NO_DATE
    rolling: int
    price_cents: int | None
    duration_min: int | None
    lat_e5: int | None
    lon_e5: int | None
    facets: dict[str, str]         # single-valued facets that have a value
    funding: tuple[str, ...]


def _ymd(value: str | None) -> int | None:
    return int(value.replace("-", "")) if value else None


def _band(value: int | None, bands) -> str | None:
    if value is None:
        return None
    return next((name for name, low, high in bands if low <= value <= high), None)


def row_of(record: dict) -> Row:
    loc = record.get("location") or {}
    town = loc.get("town") or ""
    place = gazetteer().lookup(town) if town else None
    start = _ymd(record.get("start_date")) or NO_DATE
    price = None if record.get("price_eur") is None else int(round(record["price_eur"] * 100))
    minutes = None if record.get("duration_hours") is None else int(round(record["duration_hours"] * 60))
    lat, lon = loc.get("lat"), loc.get("lon")
    values = {
        "category": record.get("category") or "sonstiges",
        "town": town,
        "district": place.district if place else "",
        "format": record.get("format") or "onsite",
        "provider_facet": record["provider"],
        "certificate": record.get("certificate") or "",
        "start_month": str(start // 100) if start != NO_DATE else "",
        "duration_band": _band(minutes, DURATION_BANDS) or "",
        "price_band": _band(price, PRICE_BANDS) or "",
    }
    return Row(
        id=record["id"], title=record["title"], description=record.get("description") or "",
        provider=record["provider"], start_ymd=start,
        end_ymd=_ymd(record.get("end_date") or record.get("start_date")) or NO_DATE,
        rolling=int(bool(record.get("rolling_start"))), price_cents=price, duration_min=minutes,
        lat_e5=None if lat is None else int(round(lat * 1e5)),
        lon_e5=None if lon is None else int(round(lon * 1e5)),
        facets={k: v for k, v in values.items() if v},
        # our engine keeps funding as bits of the known programmes: unknown names count nowhere
        funding=tuple(sorted({f for f in record.get("funding") or () if f in FUNDING_BITS})))


# -- shared: a query as plain values ----------------------------------------------------------
_PHRASE = re.compile(r'"([^"]+)"')
_TOKEN = re.compile(r"[^\W_]+")   # letters and digits: what both peers' tokenizers keep


@dataclass
class Plan:
    """A BenchQuery in the terms every engine needs; no engine ever sees the user's raw syntax."""

    words: list[str] = field(default_factory=list)           # each must match (any text field)
    phrases: list[list[str]] = field(default_factory=list)   # each must match in the title
    facets: dict[str, list[str]] = field(default_factory=dict)
    start_from: int | None = None
    start_to: int | None = None
    max_price_cents: int | None = None
    max_minutes: int | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    sort: str = "relevance"
    offset: int = 0

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)


def plan_of(q) -> Plan:
    text = (q.text or "")[:MAX_TEXT]
    plan = Plan(sort=q.sort, offset=(max(1, q.page) - 1) * PAGE_SIZE,
                facets={k: list(v) for k, v in q.filters.items() if k in FACETS and v})
    for phrase in _PHRASE.findall(text):
        tokens = _TOKEN.findall(phrase)
        if len(tokens) > 1:
            plan.phrases.append(tokens)
        else:
            plan.words += tokens
    plan.words += _TOKEN.findall(_PHRASE.sub(" ", text))
    plan.start_from = _ymd(q.start_from)
    plan.start_to = _ymd(q.start_to)
    if q.max_price is not None:
        plan.max_price_cents = int(round(q.max_price * 100))
    if q.max_hours is not None:
        plan.max_minutes = int(round(q.max_hours * 60))
    if q.near:
        town = gazetteer().lookup(q.near)
        plan.near = (round(town.lat, 5), round(town.lon, 5))   # as our distance cache key
        plan.radius_km = float(q.radius_km or 50)
    return plan


def haversine_km(lat: float, lon: float, lat0: float, lon0: float) -> float:
    """The formula of index/search.py _haversine, for one point."""
    p1, p2 = math.radians(lat0), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - lon0)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def bounding_box(near: tuple[float, float], radius_km: float) -> tuple[float, float, float, float]:
    """(lat_lo, lat_hi, lon_lo, lon_hi) in degrees, a little larger than the circle, so that an
    indexed range can narrow the candidates before the exact distance."""
    dlat = math.degrees(radius_km / EARTH_KM) * 1.01
    widest = min(89.0, abs(near[0]) + dlat)   # the circle is widest in longitude towards the pole
    dlon = math.degrees(radius_km / (EARTH_KM * math.cos(math.radians(widest)))) * 1.01
    return near[0] - dlat, near[0] + dlat, near[1] - dlon, near[1] + dlon


GEO_LAT, GEO_LON = 9_000_000, 18_000_000     # offsets making lat_e5 / lon_e5 non-negative
GEO_SPAN = 40_000_000


def geo_key(lat_e5: int, lon_e5: int) -> int:
    """One integer per place. Both peers filter a radius by place, not by offer: the distinct
    places in the bounding box (an index or a terms aggregation), the exact haversine per place
    in Python, then "place in the set of places inside" as an indexed filter. Offers share
    venues, so this is far less work than a distance per offer, and exact."""
    return (lat_e5 + GEO_LAT) * GEO_SPAN + (lon_e5 + GEO_LON)


def geo_point(key: int) -> tuple[float, float]:
    return (key // GEO_SPAN - GEO_LAT) / 1e5, (key % GEO_SPAN - GEO_LON) / 1e5


# == SQLite FTS5 ================================================================================
class Fts5Peer:
    """SQLite FTS5 in a fair layout: a narrow normal table `offers` with an index per filter
    column, `offer_funding(rowid, funding)` for the multi-valued facet, and an FTS5 table with
    only title, description and provider.

    Text: tokenize 'unicode61 remove_diacritics 2': lower-case, diacritics folded, NO German
    stemming (FTS5 has none built in), prefixes only with an explicit `*`, which this peer never
    emits: every user token is quoted, so user text is never FTS5 syntax. The text is matched
    once per query into the temp table `matched(rowid, score)` (bm25 with the field boosts of
    our engine); the page, the total and all ten facets are ordinary indexed SQL restricted to
    it (`rowid IN matched`), one GROUP BY per facet. The query planner picks the indexes (this
    SQLite has no STAT4: a wide price or duration range may drive the scan from its index).
    Radius: the distinct places in the bounding box from the index on (lat, lon, geo_key), the
    exact haversine per place in Python, the places inside into the temp table `places(geo_key,
    km)`, then `geo_key IN places` (see geo_key); distance sort reads `places.km`.

    Cold (`clear_caches`): the connection is closed and reopened, which drops SQLite's page
    cache and prepared statements; the operating system's file cache stays (no root).
    """

    name = "fts5"

    def __init__(self, workdir: Path):
        self.path = Path(workdir) / "fts5.sqlite"
        self.db: sqlite3.Connection | None = None
        self._places: dict[tuple, list[tuple[int, float]]] = {}

    # -- connection ---------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "temp_store=MEMORY",
                       "cache_size=-131072", "mmap_size=268435456"):   # 128 MB cache, 256 MB mmap
            db.execute(f"PRAGMA {pragma}")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS matched(rowid INTEGER PRIMARY KEY, score REAL NOT NULL)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS places(geo_key INTEGER PRIMARY KEY, km REAL NOT NULL)")
        return db

    def clear_caches(self) -> None:
        self.close()
        self.db = self._open()

    def close(self) -> None:
        self._places = {}
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- writing ------------------------------------------------------------------------------
    SCHEMA = (
        "CREATE TABLE offers(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, end_ymd INTEGER NOT NULL,"
        " start_ymd INTEGER NOT NULL, rolling INTEGER NOT NULL, price_cents INTEGER, duration_min INTEGER,"
        " lat REAL, lon REAL, geo_key INTEGER, category TEXT, town TEXT, district TEXT, format TEXT, provider TEXT,"
        " certificate TEXT, start_month TEXT, duration_band TEXT, price_band TEXT)",
        "CREATE TABLE offer_funding(rowid INTEGER NOT NULL, funding TEXT NOT NULL, PRIMARY KEY (funding, rowid))"
        " WITHOUT ROWID",
        "CREATE VIRTUAL TABLE offer_text USING fts5(title, description, provider,"
        " tokenize='unicode61 remove_diacritics 2')",
    )
    INDEXES = (
        "CREATE UNIQUE INDEX offers_id ON offers(id)",
        "CREATE INDEX offers_end ON offers(end_ymd)",
        "CREATE INDEX offers_start ON offers(start_ymd)",
        "CREATE INDEX offers_price ON offers(price_cents)",
        "CREATE INDEX offers_duration ON offers(duration_min)",
        "CREATE INDEX offers_place ON offers(lat, lon, geo_key)",
        "CREATE INDEX offers_geo ON offers(geo_key)",
        *(f"CREATE INDEX offers_{column} ON offers({column})" for column in SINGLE_FACETS.values()),
        "CREATE INDEX offer_funding_rowid ON offer_funding(rowid, funding)",
    )

    def build(self, records: Iterable[dict]) -> float:
        """Full build: tables, rows, then the indexes, ANALYZE and an FTS5 'optimize' (one
        b-tree per term), as one would before serving."""
        t0 = time.perf_counter()
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        self.db = self._open()
        self.db.execute("BEGIN")
        for statement in self.SCHEMA:
            self.db.execute(statement)
        for record in records:
            self._insert(row_of(record))
        for statement in self.INDEXES:
            self.db.execute(statement)
        self.db.execute("INSERT INTO offer_text(offer_text) VALUES ('optimize')")
        self.db.execute("COMMIT")
        self.db.execute("ANALYZE")
        return time.perf_counter() - t0

    def update(self, records: Iterable[dict]) -> float:
        """Upsert by id in one transaction: delete the old rows (all three tables), add the new."""
        t0 = time.perf_counter()
        db = self.db
        db.execute("BEGIN")
        for record in records:
            found = db.execute("SELECT rowid FROM offers WHERE id = ?", (record["id"],)).fetchone()
            if found:
                for table in ("offers", "offer_funding", "offer_text"):
                    db.execute(f"DELETE FROM {table} WHERE rowid = ?", found)
            self._insert(row_of(record))
        db.execute("COMMIT")
        self._places = {}
        return time.perf_counter() - t0

    def _insert(self, row: Row) -> None:
        f = row.facets
        cursor = self.db.execute(
            "INSERT INTO offers(id, end_ymd, start_ymd, rolling, price_cents, duration_min, lat, lon, geo_key,"
            " category, town, district, format, provider, certificate, start_month, duration_band, price_band)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (row.id, row.end_ymd, row.start_ymd, row.rolling, row.price_cents, row.duration_min,
             *_place(row), *(f.get(name) for name in SINGLE_FACETS)))
        rowid = cursor.lastrowid
        self.db.executemany("INSERT INTO offer_funding(rowid, funding) VALUES (?, ?)",
                            [(rowid, value) for value in row.funding])
        self.db.execute("INSERT INTO offer_text(rowid, title, description, provider) VALUES (?,?,?,?)",
                        (rowid, row.title, row.description, row.provider))

    # -- searching ----------------------------------------------------------------------------
    def search(self, q) -> PeerResult:
        plan = plan_of(q)
        db = self.db
        if plan.has_text:
            db.execute("DELETE FROM temp.matched")
            weights = ", ".join(str(TEXT_BOOSTS[name]) for name in ("title", "description", "provider"))
            db.execute(f"INSERT INTO temp.matched SELECT rowid, bm25(offer_text, {weights}) FROM offer_text"
                       " WHERE offer_text MATCH ?", (fts5_match(plan),))
        if plan.near and plan.radius_km:
            db.execute("DELETE FROM temp.places")
            db.executemany("INSERT INTO temp.places VALUES (?, ?)", self._places_within(plan.near, plan.radius_km))
        other, facet_filters = _sql_conditions(plan)
        where, args = _sql_where(other, facet_filters)
        total = db.execute(f"SELECT count(*) FROM offers o WHERE {where}", args).fetchone()[0]
        order, order_args = _sql_order(plan)
        ids = [r[0] for r in db.execute(f"SELECT o.id FROM offers o WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                                        [*args, *order_args, PAGE_SIZE, plan.offset])]
        facets = {name: self._facet_counts(name, *_sql_where(other, facet_filters, without=name))
                  for name in FACETS}
        return PeerResult(total, ids, facets)

    def _places_within(self, near: tuple[float, float], radius_km: float) -> list[tuple[int, float]]:
        """(geo_key, km) of the distinct places within the circle: the box from the covering
        index on (lat, lon, geo_key), then the exact distance per place (offers share venues:
        far fewer places than offers). Cached per place and radius until the data changes, as
        our engine caches its distances per place."""
        key = (near, radius_km)
        if key not in self._places:
            lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(near, radius_km)
            keys = self.db.execute("SELECT DISTINCT geo_key FROM offers WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                                   (lat_lo, lat_hi, lon_lo, lon_hi))
            within = [(k, haversine_km(*geo_point(k), *near)) for (k,) in keys]
            self._places[key] = [(k, km) for k, km in within if km <= radius_km]
        return self._places[key]

    def _facet_counts(self, name: str, where: str, args: list) -> dict[str, int]:
        if name == "funding":
            sql = (f"SELECT f.funding, count(*) FROM offers o JOIN offer_funding f ON f.rowid = o.rowid"
                   f" WHERE {where} GROUP BY f.funding")
        else:
            column = SINGLE_FACETS[name]
            sql = f"SELECT o.{column}, count(*) FROM offers o WHERE {where} AND o.{column} IS NOT NULL GROUP BY 1"
        return dict(self.db.execute(sql, args).fetchall())


def _place(row: Row) -> tuple:
    """(lat, lon, geo_key), all None without a location."""
    if row.lat_e5 is None or row.lon_e5 is None:
        return None, None, None
    return row.lat_e5 / 1e5, row.lon_e5 / 1e5, geo_key(row.lat_e5, row.lon_e5)


def fts5_match(plan: Plan) -> str:
    """The FTS5 query: every token quoted (a user's `*`, `NEAR`, `:` or `"` is never syntax),
    AND between words, phrases restricted to the title column."""
    def quote(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    parts = [quote(word) for word in plan.words]
    parts += ["title : " + quote(" ".join(tokens)) for tokens in plan.phrases]
    return " AND ".join(parts)


def _sql_conditions(plan: Plan) -> tuple[list[tuple[str, list]], dict[str, tuple[str, list]]]:
    """(conditions that are no facet, one condition per selected facet)."""
    other: list[tuple[str, list]] = [("o.end_ymd >= ?", [today_ymd()])]
    if plan.has_text:
        # IN, not a join: joined, SQLite 3.40 builds a Bloom filter over all of `offers` for
        # every statement (the temp table has no statistics), 1-2 ms each at 10,000 offers
        other.append(("o.rowid IN (SELECT rowid FROM temp.matched)", []))
    if plan.start_from or plan.start_to:
        other.append(("(o.start_ymd BETWEEN ? AND ? OR o.start_ymd = ?)",
                      [plan.start_from or 0, plan.start_to or NO_DATE - 1, NO_DATE]))
    if plan.max_price_cents is not None:
        other.append(("o.price_cents IS NOT NULL AND o.price_cents <= ?", [plan.max_price_cents]))
    if plan.max_minutes is not None:
        other.append(("o.duration_min IS NOT NULL AND o.duration_min <= ?", [plan.max_minutes]))
    if plan.near and plan.radius_km:   # temp.places holds the places within the circle
        other.append(("o.geo_key IN (SELECT geo_key FROM temp.places)", []))
    facets = {}
    for name, values in plan.facets.items():
        marks = ",".join("?" * len(values))
        if name == "funding":
            facets[name] = (f"o.rowid IN (SELECT rowid FROM offer_funding WHERE funding IN ({marks}))", list(values))
        else:
            facets[name] = (f"o.{SINGLE_FACETS[name]} IN ({marks})", list(values))
    return other, facets


def _sql_where(other, facets, without: str | None = None) -> tuple[str, list]:
    parts = other + [cond for name, cond in facets.items() if name != without]
    return " AND ".join(sql for sql, _ in parts) or "1", [a for _, args in parts for a in args]


def _sql_order(plan: Plan) -> tuple[str, list]:
    if plan.sort == "relevance" and plan.has_text:
        return "(SELECT score FROM temp.matched m WHERE m.rowid = o.rowid), o.start_ymd", []   # bm25: lower first
    if plan.sort == "price":
        return "o.price_cents IS NULL, o.price_cents, o.start_ymd", []
    if plan.sort == "distance" and plan.near and plan.radius_km:
        return "(SELECT km FROM temp.places p WHERE p.geo_key = o.geo_key), o.start_ymd", []
    return "o.start_ymd, o.price_cents IS NULL, o.price_cents", []   # start; relevance without words


# == tantivy ====================================================================================
AGG_SIZE = 50_000                             # more buckets than any facet has values: exact counts
NO_PRICE = 2**62                              # sorts unknown prices last


class TantivyPeer:
    """tantivy (tantivy-py) with the text fields title, description and provider (Snowball German
    stemmer after lower-casing, `de_stem`; positions for the title only, as phrases match titles)
    and fast fields for every filter and facet.

    Filters are term-set and fast-field range queries (scored 0, so that ranking is BM25 on the
    words with our field boosts); facets are terms aggregations: one request for the facets
    without a selection (with every filter), one per selected facet (with every filter but its
    own). The text is matched again in each of these requests: tantivy has no way to keep a
    matched set between calls. Radius: a range on lat/lon gives the distinct places in the box
    (a terms aggregation on `geo_key`, cached per place and radius until the index changes);
    the exact haversine of each place decides, and a term set on `geo_key` is the exact filter.
    Distance sort: the places nearest first, enough of them to fill the page, then their offers.
    Sort by start or price: one fast field (tantivy-py orders by one field: no tie-breaker).

    Not done: no synonyms, no prefix expansion, no compound splitting (tantivy has a compound
    filter, `Filter.split_compound`, but it needs a word list; ours is index/data/compounds.yaml
    and is not used here), no stop words.

    Cold (`clear_caches`): the index is reopened from disk and a new searcher made (no
    segment reader, cache or geo cache of the last one survives); the OS file cache stays.
    """

    name = "tantivy"
    TOKENIZER = "de_stem"

    def __init__(self, workdir: Path):
        import tantivy   # the bench extra; missing must fail loudly, not skip

        self.tv = tantivy
        self.dir = Path(workdir) / "tantivy"
        self.index = None
        self.searcher = None
        self.schema = None
        self._geo_cache: dict[tuple, list[int]] = {}
        self.analyzer = self._analyzer()

    def _analyzer(self):
        tv = self.tv
        return (tv.TextAnalyzerBuilder(tv.Tokenizer.simple()).filter(tv.Filter.lowercase())
                .filter(tv.Filter.stemmer("german")).build())

    def _build_schema(self):
        tv = self.tv
        sb = tv.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", tokenizer_name=self.TOKENIZER, index_option="position")
        sb.add_text_field("description", tokenizer_name=self.TOKENIZER, index_option="freq")
        sb.add_text_field("provider", tokenizer_name=self.TOKENIZER, index_option="freq")
        for name in (*SINGLE_FACETS, "funding"):
            sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
        for name in ("start_ymd", "end_ymd", "price_cents", "price_sort", "duration_min",
                     "lat_e5", "lon_e5", "geo_key"):
            sb.add_integer_field(name, fast=True, indexed=True)
        return sb.build()

    def _open(self, schema=None) -> None:
        tv = self.tv
        self.index = tv.Index(schema, path=str(self.dir), reuse=False) if schema else tv.Index.open(str(self.dir))
        self.index.register_tokenizer(self.TOKENIZER, self.analyzer)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self._geo_cache = {}

    def clear_caches(self) -> None:
        self.close()
        self._open()

    def close(self) -> None:
        self.index = self.searcher = None
        self._geo_cache = {}

    # -- writing ------------------------------------------------------------------------------
    def build(self, records: Iterable[dict]) -> float:
        """Full build: a new index, every document, one commit, merges finished."""
        t0 = time.perf_counter()
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self._open(self._build_schema())
        writer = self.index.writer()
        for record in records:
            writer.add_document(self._document(row_of(record)))
        self._finish(writer)
        return time.perf_counter() - t0

    def update(self, records: Iterable[dict]) -> float:
        """Upsert by id: delete by the id term and add, one commit."""
        t0 = time.perf_counter()
        writer = self.index.writer()
        for record in records:
            writer.delete_documents_by_term("id", record["id"])
            writer.add_document(self._document(row_of(record)))
        self._finish(writer)
        return time.perf_counter() - t0

    def _finish(self, writer) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self._geo_cache = {}

    def _document(self, row: Row):
        fields: dict = {"id": row.id, "title": row.title, "description": row.description,
                        "provider": row.provider, "start_ymd": row.start_ymd, "end_ymd": row.end_ymd,
                        "price_sort": NO_PRICE if row.price_cents is None else row.price_cents, **row.facets}
        if row.funding:
            fields["funding"] = list(row.funding)
        if row.price_cents is not None:
            fields["price_cents"] = row.price_cents
        if row.duration_min is not None:
            fields["duration_min"] = row.duration_min
        if row.lat_e5 is not None and row.lon_e5 is not None:
            fields.update(lat_e5=row.lat_e5, lon_e5=row.lon_e5, geo_key=geo_key(row.lat_e5, row.lon_e5))
        return self.tv.Document(**fields)

    # -- queries ------------------------------------------------------------------------------
    def _range(self, name: str, low: int | None, high: int | None):
        return self.tv.Query.range_query(self.schema, name, self.tv.FieldType.Integer, low, high)

    def _all(self, parts: list, occur=None):
        """AND of queries (all_query when there are none)."""
        tv = self.tv
        if not parts:
            return tv.Query.all_query()
        if len(parts) == 1 and occur is None:
            return parts[0]
        return tv.Query.boolean_query([(occur or tv.Occur.Must, p) for p in parts])

    def _filter(self, query):
        """A filter that does not change the BM25 score."""
        return self.tv.Query.const_score_query(query, 0.0)

    def _text_query(self, plan: Plan):
        """Each word: a term in title (x3), description or provider (x1.5); each phrase: a phrase
        on the title. Words are stemmed with the index's analyzer (term queries take terms)."""
        tv, Q = self.tv, self.tv.Query
        musts = []
        for word in plan.words:
            for stem in self.analyzer.analyze(word):
                either = [Q.boost_query(Q.term_query(self.schema, name, stem), boost)
                          for name, boost in TEXT_BOOSTS.items()]
                musts.append(self._all(either, tv.Occur.Should))
        for tokens in plan.phrases:
            stems = [s for token in tokens for s in self.analyzer.analyze(token)]
            if len(stems) > 1:
                musts.append(Q.boost_query(Q.phrase_query(self.schema, "title", stems), TEXT_BOOSTS["title"]))
            elif stems:
                musts.append(Q.term_query(self.schema, "title", stems[0]))
        return musts

    def _other_filters(self, plan: Plan) -> list:
        Q = self.tv.Query
        out = [self._range("end_ymd", today_ymd(), None)]
        if plan.start_from or plan.start_to:
            window = self._range("start_ymd", plan.start_from or 0, plan.start_to or NO_DATE - 1)
            out.append(self._all([window, self._range("start_ymd", NO_DATE, NO_DATE)], self.tv.Occur.Should))
        if plan.max_price_cents is not None:
            out.append(self._range("price_cents", 0, plan.max_price_cents))
        if plan.max_minutes is not None:
            out.append(self._range("duration_min", 0, plan.max_minutes))
        if plan.near and plan.radius_km:
            keys = self._places_within(plan.near, plan.radius_km)
            out.append(Q.term_set_query(self.schema, "geo_key", keys) if keys else Q.empty_query())
        return [self._filter(q) for q in out]

    def _places_within(self, near: tuple[float, float], radius_km: float) -> list[int]:
        """geo_keys of the distinct places within the circle: the box by a range on the fast
        fields, then the exact distance per place."""
        cache_key = (near, radius_km)
        if cache_key not in self._geo_cache:
            lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(near, radius_km)
            box = self._all([self._range("lat_e5", math.floor(lat_lo * 1e5), math.ceil(lat_hi * 1e5)),
                             self._range("lon_e5", math.floor(lon_lo * 1e5), math.ceil(lon_hi * 1e5))])
            buckets = self._terms(box, {"geo_key": "geo_key"})["geo_key"]
            self._geo_cache[cache_key] = [key for key in buckets
                                          if haversine_km(*geo_point(key), *near) <= radius_km]
        return self._geo_cache[cache_key]

    def _terms(self, query, fields: dict[str, str]) -> dict[str, dict]:
        """Terms aggregations {label: field}; exact (fails if any bucket was left out)."""
        request = {label: {"terms": {"field": name, "size": AGG_SIZE}} for label, name in fields.items()}
        result = self.searcher.aggregate(query, request)
        out = {}
        for label in fields:
            agg = result[label]
            if agg.get("sum_other_doc_count") or agg.get("doc_count_error_upper_bound"):
                raise RuntimeError(f"tantivy terms aggregation on {label} is not exact: {agg}")
            out[label] = {b["key"]: b["doc_count"] for b in agg["buckets"]}
        return out

    def search(self, q) -> PeerResult:
        Q = self.tv.Query
        plan = plan_of(q)
        text = self._text_query(plan)
        other = self._other_filters(plan)
        selected = {name: self._filter(Q.term_set_query(self.schema, name, values))
                    for name, values in plan.facets.items()}
        final = self._all(text + other + list(selected.values()))
        # facets without a selection (and the places, for the distance sort) under every filter
        plain = {name: name for name in FACETS if name not in selected}
        by_distance = plan.sort == "distance" and plan.near is not None and plan.radius_km
        if by_distance:
            plain["_places"] = "geo_key"
        counts = self._terms(final, plain) if plain else {}
        for name in selected:   # a selected facet ignores its own selection
            rest = [query for other_name, query in selected.items() if other_name != name]
            counts.update(self._terms(self._all(text + other + rest), {name: name}))
        if by_distance:
            total, ids = self._page_by_distance(final, plan, counts.pop("_places"))
        else:
            total, ids = self._page(final, plan)
        return PeerResult(total, ids, {name: counts[name] for name in FACETS})

    def _page(self, final, plan: Plan) -> tuple[int, list[str]]:
        order = {}
        if plan.sort == "price":
            order = {"order_by_field": "price_sort", "order": self.tv.Order.Asc}
        elif not (plan.sort == "relevance" and plan.has_text):
            order = {"order_by_field": "start_ymd", "order": self.tv.Order.Asc}
        found = self.searcher.search(final, limit=PAGE_SIZE, offset=plan.offset, count=True, **order)
        return found.count, [self._id(address) for _, address in found.hits]

    def _page_by_distance(self, final, plan: Plan, places: dict[int, int]) -> tuple[int, list[str]]:
        """Nearest places first until the page is full, then their offers by (distance, start)."""
        distance = {key: haversine_km(*geo_point(key), *plan.near) for key in places}
        wanted, chosen, covered = plan.offset + PAGE_SIZE, [], 0
        for key in sorted(places, key=lambda k: (distance[k], k)):
            if covered >= wanted:
                break
            chosen.append(key)
            covered += places[key]
        total = sum(places.values())
        if not chosen:
            return total, []
        query = self._all([final, self._filter(self.tv.Query.term_set_query(self.schema, "geo_key", chosen))])
        addresses = [a for _, a in self.searcher.search(query, limit=covered, count=False).hits]
        keys = self.searcher.fast_field_values("geo_key", addresses)
        starts = self.searcher.fast_field_values("start_ymd", addresses)
        ranked = sorted(zip(addresses, keys, starts), key=lambda t: (distance[t[1]], t[2]))
        return total, [self._id(a) for a, _, _ in ranked[plan.offset:wanted]]

    def _id(self, address) -> str:
        return self.searcher.doc(address)["id"][0]


PEERS = {"fts5": Fts5Peer, "tantivy": TantivyPeer}


# == measuring ==================================================================================
def _timed(peer, queries) -> list[float]:
    times = []
    for q in queries:
        t0 = time.perf_counter()
        peer.search(q)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def measure(peer, records: list[dict], queries: list) -> dict:
    """Build, update 1,000 changed records (titles changed, as bench/search.py does to ours),
    then the queries.

    cold: the first run of each query on a freshly reopened engine (`clear_caches` once, then
    every query once in order: later queries profit from what earlier ones loaded, as on a
    server that has just started; clearing before each query would mostly measure the reopen).
    warm: every query once more, right after the cold pass."""
    build_s = peer.build(records)
    changed = [dict(r, title=r["title"] + " (aktualisiert)") for r in records[:1000]]
    update_s = peer.update(changed)
    peer.clear_caches()
    cold = _timed(peer, queries)
    warm = _timed(peer, queries)
    return {"engine": peer.name, "offers": len(records), "queries": len(queries),
            "build_s": round(build_s, 2), "update_1000_s": round(update_s, 3),
            "cold_p50_ms": percentile(cold, 0.5), "cold_p95_ms": percentile(cold, 0.95),
            "cold_p99_ms": percentile(cold, 0.99), "cold_mean_ms": round(statistics.fmean(cold), 1),
            "warm_p50_ms": percentile(warm, 0.5), "warm_p95_ms": percentile(warm, 0.95)}


def main(argv=None) -> int:
    """python -m bench.peers [--offers 10000] [--queries 1200] [--data-dir var/bench]: one JSON
    line per peer (a quick look; bench.search is the report)."""
    import argparse
    import tempfile

    from bench.corpus import corpus
    from bench.queries import generate

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1200)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"))
    parser.add_argument("--peer", choices=sorted(PEERS), action="append")
    args = parser.parse_args(argv)
    records = corpus(args.offers, args.data_dir)
    queries = generate(records, args.queries)
    for name in args.peer or sorted(PEERS):
        with tempfile.TemporaryDirectory(dir=args.data_dir) as tmp:
            peer = PEERS[name](Path(tmp))
            try:
                print(json.dumps(measure(peer, records, queries)), flush=True)
            finally:
                peer.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
