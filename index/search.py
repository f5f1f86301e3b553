"""The one search API: a SearchQuery in, a SearchResult (hits, total, facet counts, suggestion)
out. Used by the web UI, the JSON API and needs matching alike.

Whoosh finds the documents matching the words and ranks them; facets and filters work on the
generation's columns (columns.py). User text is never parsed as query syntax: words, "quoted
phrases" and synonyms are turned into a query here, so hostile input cannot raise.
"""
from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from whoosh import highlight, query as Q

from .analysis import fold_umlauts, synonym_groups
from .columns import Columns
from .fields import FACETS, NO_DATE, today_ymd
from .store import IndexStore

MARK_START, MARK_END = "\x01", "\x02"
SORTS = ("relevance", "start", "price", "distance")
FIELD_BOOSTS = {"title": 3.0, "description": 1.0, "provider": 1.5}
MIN_PREFIX = 4  # words this long also match as a prefix ("Stapler" -> "Staplerfahrer")


class MarkerFormatter(highlight.Formatter):
    """Plain-text snippets with sentinel characters around matches; the UI escapes, then marks."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MARK_START + highlight.get_text(text, token, replace) + MARK_END


@dataclass
class SearchQuery:
    """What a user asked for. Facet values in `filters` are OR within a facet, AND across."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    start_from: date | None = None
    start_to: date | None = None
    include_rolling: bool = True     # runs without a date ("Einstieg jederzeit", "auf Anfrage")
    max_price: float | None = None
    max_hours: float | None = None
    near: tuple[float, float] | None = None   # (lat, lon); with radius_km a circle
    radius_km: float | None = None
    page: int = 1
    page_size: int = 20
    sort: str = "relevance"
    include_past: bool = False


@dataclass
class Hit:
    record: dict
    score: float
    highlight: str = ""
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    page_size: int
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


_WORD = re.compile(r"\w+(?:[-.]\w+)*")
_PHRASE = re.compile(r'"([^"]+)"')


def _synonyms() -> dict[str, tuple[str, ...]]:
    table = {}
    for group in synonym_groups():
        for word in group:
            table[fold_umlauts(word.lower())] = group
    return table


class QueryBuilder:
    """User words -> Whoosh query over title, description and provider."""

    def __init__(self, schema):
        self.analyzer = schema["title"].analyzer
        self.synonyms = _synonyms()

    def _stems(self, text: str) -> list[str]:
        return [t.text for t in self.analyzer(text, mode="query")]

    def _word(self, word: str) -> Q.Query | None:
        stems = self._stems(word)
        if not stems:
            return None
        alternatives = []
        for name, boost in FIELD_BOOSTS.items():
            if len(stems) == 1:
                alternatives.append(Q.Term(name, stems[0], boost=boost))
            else:  # "Staplerfahrer-Ausbildung": all parts
                alternatives.append(Q.And([Q.Term(name, s) for s in stems], boost=boost))
            folded = fold_umlauts(word.lower())
            if len(stems) == 1 and len(folded) >= MIN_PREFIX and folded.isalpha():
                alternatives.append(Q.Prefix(name, stems[0], boost=boost * 0.5))
        return Q.Or(alternatives)

    def _phrase(self, text: str) -> Q.Query | None:
        stems = self._stems(text)
        if not stems:
            return None
        if len(stems) == 1:
            return self._word(text)
        return Q.Or([Q.Phrase("title", stems, boost=3.0), Q.And([Q.Term("description", s) for s in stems])])

    def build(self, text: str) -> Q.Query:
        text = (text or "")[:300]
        parts = []
        for phrase in _PHRASE.findall(text):
            q = self._phrase(phrase)
            if q is not None:
                parts.append(q)
        rest = _PHRASE.sub(" ", text)
        words = _WORD.findall(rest)
        i = 0
        while i < len(words):
            # synonym groups may hold two-word members ("Erste Hilfe")
            two = fold_umlauts(f"{words[i]} {words[i + 1]}".lower()) if i + 1 < len(words) else None
            if two and two in self.synonyms:
                group, i = self.synonyms[two], i + 2
            elif fold_umlauts(words[i].lower()) in self.synonyms:
                group, i = self.synonyms[fold_umlauts(words[i].lower())], i + 1
            else:
                q, i = self._word(words[i]), i + 1
                if q is not None:
                    parts.append(q)
                continue
            options = [q for q in (self._phrase(member) for member in group) if q is not None]
            if options:
                parts.append(Q.Or(options))
        if not parts:
            return Q.Every()
        return Q.And(parts) if len(parts) > 1 else parts[0]


class Searcher:
    """Keeps one Whoosh searcher and its columns across requests; refreshed when the index changes."""

    def __init__(self, store: IndexStore):
        self.store = store
        self._lock = threading.Lock()
        self._state = None      # (searcher, columns, builder, target)
        self._previous = None

    def _current(self):
        with self._lock:
            target = self.store.current.resolve() if self.store.current.exists() else None
            state = self._state
            stale = state is None or target != state[3] or not state[0].up_to_date()
            if stale:
                # A fresh searcher, not Searcher.refresh(): reused segment readers were seen to
                # keep showing documents deleted in the new generation. The replaced searcher
                # may still serve a request in another thread: close the one before it instead.
                if self._previous is not None:
                    self._previous[0].close()
                self._previous = state
                searcher = self.store.open().searcher()
                state = (searcher, Columns(searcher.reader()), QueryBuilder(searcher.schema),
                         self.store.current.resolve())
                self._state = state
            return state

    def close(self):
        with self._lock:
            for state in (self._state, self._previous):
                if state is not None:
                    state[0].close()
            self._state = self._previous = None

    # -- filters ------------------------------------------------------------------------------
    @staticmethod
    def _filter_masks(q: SearchQuery, cols: Columns) -> dict[str, np.ndarray]:
        """One mask per active facet (so each facet's counts can ignore its own selection) and
        one for everything else."""
        n = cols.numbers
        other = cols.live.copy()
        if not q.include_past:
            other &= n["end"] >= today_ymd()
        dated = n["start"] != NO_DATE
        if q.start_from or q.start_to:
            window = dated.copy()
            if q.start_from:
                window &= n["start"] >= int(q.start_from.strftime("%Y%m%d"))
            if q.start_to:
                window &= n["start"] <= int(q.start_to.strftime("%Y%m%d"))
            other &= window | (~dated & q.include_rolling)
        elif not q.include_rolling:
            other &= dated
        if q.max_price is not None:
            other &= cols.known("price_cents") & (n["price_cents"] <= int(round(q.max_price * 100)))
        if q.max_hours is not None:
            other &= cols.known("duration_min") & (n["duration_min"] <= int(round(q.max_hours * 60)))
        if q.near and q.radius_km:
            other &= _distances(cols, q.near) <= q.radius_km
        masks = {"": other}
        for name, values in q.filters.items():
            if name in FACETS and values:
                masks[name] = cols.facet_mask(name, list(values))
        return masks

    # -- search -------------------------------------------------------------------------------
    def search(self, q: SearchQuery) -> SearchResult:
        searcher, cols, builder, _ = self._current()
        query = builder.build(q.text)
        if isinstance(query, Q.Every):
            matched = cols.live
        else:
            matched = np.zeros(cols.size, bool)
            docs = np.fromiter(query.docs(searcher), dtype=np.int64)
            matched[docs] = True
        masks = self._filter_masks(q, cols)
        final = matched.copy()
        for mask in masks.values():
            final &= mask
        facets = {}
        for name in FACETS:
            selected = matched.copy()
            for other_name, mask in masks.items():
                if other_name != name:
                    selected &= mask
            facets[name] = sorted(cols.facet_counts(name, selected), key=lambda kv: (-kv[1], kv[0]))
        total = int(np.count_nonzero(final))
        page = max(1, q.page)
        docnums, scores = self._order(q, query, searcher, cols, final, page * q.page_size)
        docnums, scores = docnums[(page - 1) * q.page_size:], scores[(page - 1) * q.page_size:]
        distances = _distances(cols, q.near)[docnums] if q.near else None
        terms = self._highlight_terms(q.text, searcher, builder) if q.text else set()
        hits = []
        for i, (docnum, score) in enumerate(zip(docnums, scores)):
            record = json.loads(searcher.stored_fields(int(docnum))["record"])
            snippet = self._snippet(record.get("description") or "", terms, builder) if terms else ""
            distance = None if distances is None or not np.isfinite(distances[i]) else round(float(distances[i]), 1)
            hits.append(Hit(record, float(score), snippet, distance))
        suggestion = self.did_you_mean(q.text, searcher) if q.text and total == 0 else None
        return SearchResult(hits, total, facets, page, q.page_size, suggestion)

    def _order(self, q, query, searcher, cols, final, limit):
        """The first `limit` documents of `final` in the requested order, with scores."""
        if q.sort == "relevance" and not isinstance(query, Q.Every):
            allowed = np.flatnonzero(final)
            if len(allowed) == 0:
                return [], []
            results = searcher.search(query, limit=limit, filter=set(allowed.tolist()))
            return [hit.docnum for hit in results], [hit.score or 0.0 for hit in results]
        n = cols.numbers
        candidates = np.flatnonzero(final)
        if q.sort == "price":
            price = np.where(n["price_cents"][candidates] < 0, np.iinfo(np.int64).max, n["price_cents"][candidates])
            keys = (n["start"][candidates], price)
        elif q.sort == "distance" and q.near:
            keys = (n["start"][candidates], _distances(cols, q.near)[candidates])
        else:  # start date; also "relevance" without words: the soonest first
            keys = (n["price_cents"][candidates], n["start"][candidates])
        order = np.lexsort(keys)[:limit]
        return candidates[order].tolist(), [0.0] * len(order)

    @staticmethod
    def _highlight_terms(text: str, searcher, builder) -> set[str]:
        """The description terms the words match: their stems and the words they prefix."""
        terms = set()
        reader = searcher.reader()
        for stem in builder._stems(text):
            terms.add(stem)
            if len(stem) >= MIN_PREFIX:
                for i, term in enumerate(reader.expand_prefix("description", stem)):
                    if i >= 30:
                        break
                    terms.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return terms

    @staticmethod
    def _snippet(text: str, terms, builder) -> str:
        if not text:
            return ""
        try:
            return highlight.highlight(text, frozenset(terms), builder.analyzer,
                                       highlight.ContextFragmenter(maxchars=200, surround=40), MarkerFormatter(),
                                       top=2)
        except Exception:
            return ""

    # -- suggestions ----------------------------------------------------------------------------
    def did_you_mean(self, text: str, searcher=None) -> str | None:
        """The words of `text` with each unknown word replaced by the closest indexed word."""
        searcher = searcher or self._current()[0]
        corrector = searcher.corrector("spell")
        words = _WORD.findall(text or "")
        fixed, changed = [], False
        for word in words:
            low = word.lower()
            if len(low) < 3 or searcher.doc_frequency("spell", low):
                fixed.append(word)
                continue
            options = corrector.suggest(low, limit=1, maxdist=2)
            fixed.append(options[0] if options else word)
            changed |= bool(options)
        return " ".join(fixed) if changed else None

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles for as-you-type suggestions: offers whose title has a word starting so."""
        searcher, cols, builder, _ = self._current()
        words = _WORD.findall((prefix or "").lower())
        if not words or len(words[-1]) < 2:
            return []
        parts = [Q.Term("spell", w) for w in words[:-1]] + [Q.Prefix("spell", words[-1])]
        query = Q.And(parts) if len(parts) > 1 else parts[0]
        current = cols.live & (cols.numbers["end"] >= today_ymd())
        titles: list[str] = []
        for hit in searcher.search(query, limit=200):
            if current[hit.docnum]:
                title = json.loads(hit["record"])["title"]
                if title not in titles:
                    titles.append(title)
            if len(titles) >= limit:
                break
        return titles


def _distances(cols: Columns, near: tuple[float, float] | None) -> np.ndarray:
    """Great-circle distance in km from `near` to every document (inf where unknown)."""
    lat = cols.numbers["lat_e5"] / 1e5
    lon = cols.numbers["lon_e5"] / 1e5
    known = cols.known("lat_e5")
    if not near:
        return np.full(cols.size, np.inf)
    p1, p2 = math.radians(near[0]), np.radians(lat)
    dp, dl = p2 - p1, np.radians(lon - near[1])
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    d = 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return np.where(known, d, np.inf)
