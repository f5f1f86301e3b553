"""Distinct benchmark queries drawn from the corpus, the same for every engine and the web bench.

At least 1,000 distinct (text, filters) pairs: one and two title words, mid-frequency
description words, quoted title phrases, empty text with filters, and every facet and filter
kind (all ten facets, date window, price, hours, radius around a town) plus the other sorts and
a second page. Each query is a plain `BenchQuery` so that the FTS5 and tantivy peers and the
web load generator read the same thing.
"""
from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from bench.corpus import title_templates, vocabulary
from normalize import gazetteer

SEED = 7
KINDS = ("title_word", "title_two_words", "description_word", "phrase", "filters_only")
FACET_FILTERS = ("category", "town", "district", "format", "funding", "provider_facet", "certificate",
                 "start_month", "duration_band", "price_band")
OTHER_FILTERS = ("dates", "max_price", "max_hours", "radius")
STOP = {"und", "oder", "für", "mit", "der", "die", "das", "den", "dem", "des", "ein", "eine", "im", "in",
        "am", "an", "auf", "zum", "zur", "von", "vom", "nach", "bei", "als", "aus", "ab", "bis", "ihr", "sie"}
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]{2,}")


@dataclass
class BenchQuery:
    kind: str
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    start_from: str | None = None
    start_to: str | None = None
    max_price: float | None = None
    max_hours: float | None = None
    near: str | None = None          # a gazetteer town name
    radius_km: int | None = None
    sort: str = "relevance"
    page: int = 1

    def key(self) -> tuple:
        """What makes two queries the same: text and every filter (kind excluded)."""
        return (self.text, tuple(sorted((k, tuple(v)) for k, v in self.filters.items())), self.start_from,
                self.start_to, self.max_price, self.max_hours, self.near, self.radius_km, self.sort, self.page)

    def to_search_query(self, group_courses: bool = False):
        from index import SearchQuery

        q = SearchQuery(text=self.text, filters={k: list(v) for k, v in self.filters.items()},
                        start_from=date.fromisoformat(self.start_from) if self.start_from else None,
                        start_to=date.fromisoformat(self.start_to) if self.start_to else None,
                        max_price=self.max_price, max_hours=self.max_hours, sort=self.sort, page=self.page,
                        group_courses=group_courses)
        if self.near:
            town = gazetteer().lookup(self.near)
            q.near, q.radius_km = (town.lat, town.lon), float(self.radius_km or 50)
        return q

    def url_params(self) -> list[tuple[str, str]]:
        """The same query as the search page's query string."""
        params = [("q", self.text)] if self.text else []
        for name, values in self.filters.items():
            params += [(name, v) for v in values]
        for name, value in (("from", self.start_from), ("to", self.start_to), ("max_price", self.max_price),
                            ("max_hours", self.max_hours), ("near", self.near), ("radius", self.radius_km)):
            if value is not None:
                params.append((name, str(value)))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        if self.page != 1:
            params.append(("page", str(self.page)))
        return params

    def as_dict(self) -> dict:
        return asdict(self)


def _values(records: list[dict]) -> dict[str, list[str]]:
    """Facet values that occur in the corpus (what a user can click)."""
    from index.fields import DURATION_BANDS, PRICE_BANDS

    towns = sorted({(r.get("location") or {}).get("town") for r in records} - {None})
    found = {
        "category": sorted({r["category"] for r in records}),
        "town": towns,
        "district": sorted({gazetteer().lookup(t).district for t in towns if gazetteer().lookup(t)}),
        "format": sorted({r["format"] for r in records}),
        "funding": sorted({f for r in records for f in r["funding"]}),
        "provider_facet": sorted({r["provider"] for r in records}),
        "certificate": sorted({r["certificate"] for r in records if r.get("certificate")}),
        "start_month": sorted({r["start_date"][:7].replace("-", "") for r in records if r.get("start_date")}),
        "duration_band": [name for name, _, _ in DURATION_BANDS],
        "price_band": [name for name, _, _ in PRICE_BANDS],
    }
    return found


def _add_filter(q: BenchQuery, kind: str, values: dict[str, list[str]], rng: random.Random) -> None:
    if kind in FACET_FILTERS:
        options = values[kind]
        picked = rng.sample(options, min(len(options), 2 if rng.random() < 0.2 else 1))
        q.filters[kind] = sorted(picked)
    elif kind == "dates":
        start = date(2027, 1, 1) + timedelta(days=rng.randrange(0, 360))
        q.start_from, q.start_to = start.isoformat(), (start + timedelta(days=rng.choice([14, 30, 90, 180]))).isoformat()
    elif kind == "max_price":
        q.max_price = float(rng.choice([0, 100, 250, 500, 1000, 2000]))
    elif kind == "max_hours":
        q.max_hours = float(rng.choice([4, 8, 16, 40, 120]))
    elif kind == "radius":
        q.near = rng.choice(values["town"])
        q.radius_km = rng.choice([10, 25, 50, 100])
        if rng.random() < 0.3:
            q.sort = "distance"


def generate(records: list[dict], count: int = 1200) -> list[BenchQuery]:
    """`count` queries, distinct by key, in a fixed order (mixed kinds)."""
    rng = random.Random(SEED)
    titles = [t.title for t in title_templates()]
    title_words = sorted({w for t in titles for w in _WORD.findall(t) if w.lower() not in STOP})
    words, _ = vocabulary()
    mid = [w for w in words[2_000:30_000] if len(w) >= 5]
    values = _values(records)
    out: list[BenchQuery] = []
    seen: set[tuple] = set()
    filter_kinds = FACET_FILTERS + OTHER_FILTERS
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 50:
            raise RuntimeError(f"only {len(out)} distinct queries after {attempts} attempts")
        kind = rng.choices(KINDS, weights=[30, 15, 20, 10, 25])[0]
        q = BenchQuery(kind=kind)
        if kind == "title_word":
            q.text = rng.choice(title_words)
        elif kind == "title_two_words":
            t = [w for w in _WORD.findall(rng.choice(titles)) if w.lower() not in STOP]
            if len(t) < 2:
                continue
            q.text = " ".join(rng.sample(t, 2))
        elif kind == "description_word":
            q.text = rng.choice(mid)
        elif kind == "phrase":
            t = _WORD.findall(rng.choice(titles))
            if len(t) < 2:
                continue
            i = rng.randrange(len(t) - 1)
            q.text = f'"{t[i]} {t[i + 1]}"'
        # filters: always for filters_only (one to three), sometimes for text queries
        n_filters = rng.choice([1, 1, 2, 3]) if kind == "filters_only" else rng.choice([0, 0, 0, 1, 1, 2])
        for name in rng.sample(filter_kinds, n_filters):
            _add_filter(q, name, values, rng)
        if q.sort == "relevance" and rng.random() < 0.1:
            q.sort = rng.choice(["start", "price"])
        if rng.random() < 0.05:
            q.page = 2
        if q.key() in seen:
            continue
        seen.add(q.key())
        out.append(q)
    return out
