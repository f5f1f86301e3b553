"""The one search API: a SearchQuery in, a SearchResult (hits, total, facet counts) out.

Used by the web UI, the JSON API and needs matching alike. Malformed query syntax never raises:
it degrades to a plain term search.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field

from whoosh import highlight, query as Q, sorting
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.qparser.plugins import FuzzyTermPlugin

from .fields import FACETS, NO_DATE, today_ymd
from .store import IndexStore

SEARCH_FIELDS = ("title", "description", "provider")
MARK_START, MARK_END = "\x01", "\x02"


class MarkerFormatter(highlight.Formatter):
    """Plain-text snippets with sentinel characters around matches; the UI escapes, then marks."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MARK_START + highlight.get_text(text, token, replace) + MARK_END
SORTS = ("relevance", "start", "price")


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 20
    sort: str = "relevance"
    include_past: bool = False


@dataclass
class Hit:
    record: dict
    score: float
    highlight: str = ""


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


def _plain_terms(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


class Searcher:
    """Keeps one Whoosh searcher open across requests and refreshes it when the index changes."""

    def __init__(self, store: IndexStore):
        self.store = store
        self._lock = threading.Lock()
        self._searcher = None
        self._previous = None
        self._target = None

    def _current(self):
        with self._lock:
            target = self.store.current.resolve() if self.store.current.exists() else None
            stale = self._searcher is None or target != self._target or not self._searcher.up_to_date()
            if stale:
                # A fresh searcher, not Searcher.refresh(): reused segment readers were seen to
                # keep showing documents deleted in the new generation.
                # The replaced searcher may still serve a request in another thread: close the
                # one before it instead.
                if self._previous is not None:
                    self._previous.close()
                self._previous = self._searcher
                self._searcher = self.store.open().searcher()
                self._target = self.store.current.resolve()
            return self._searcher

    def close(self):
        with self._lock:
            for searcher in (self._searcher, self._previous):
                if searcher is not None:
                    searcher.close()
            self._searcher = self._previous = None

    def parse(self, text: str, schema) -> Q.Query:
        """User text -> query (AND of terms); broken syntax falls back to plain terms."""
        text = (text or "").strip()[:500]
        if not text:
            return Q.Every()
        parser = MultifieldParser(SEARCH_FIELDS, schema, group=AndGroup)
        try:
            return parser.parse(text)
        except Exception:  # whoosh raises assorted errors on hostile syntax
            plain = _plain_terms(text)
            return parser.parse(plain) if plain else Q.Every()

    def _filter(self, q: SearchQuery, schema) -> Q.Query | None:
        parts = []
        for name, values in q.filters.items():
            if name in FACETS and values:
                parts.append(Q.Or([Q.Term(name, v) for v in values]))
        if not q.include_past:
            parts.append(Q.NumericRange("end", today_ymd(), None))
        return Q.And(parts) if parts else None

    def search(self, q: SearchQuery) -> SearchResult:
        s = self._current()
        query = self.parse(q.text, s.schema)
        page = max(1, q.page)
        sortedby = None
        if q.sort == "start":
            sortedby = sorting.FieldFacet("start")
        elif q.sort == "price":
            sortedby = sorting.FieldFacet("price_cents")
        facets = {name: sorting.FieldFacet(name, allow_overlap=(name == "funding"), maptype=sorting.Count)
                  for name in FACETS}
        results = s.search_page(query, page, pagelen=q.page_size, filter=self._filter(q, s.schema),
                                sortedby=sortedby, groupedby=facets, terms=True)
        results.results.fragmenter = highlight.ContextFragmenter(maxchars=200, surround=40)
        results.results.formatter = MarkerFormatter()
        hits = []
        for hit in results:
            snippet = ""
            if q.text:
                try:
                    snippet = hit.highlights("description", top=2)
                except Exception:
                    snippet = ""
            hits.append(Hit(json.loads(hit["record"]), hit.score or 0.0, snippet))
        facet_counts = {}
        for name in FACETS:
            groups = results.results.groups(name)
            facet_counts[name] = sorted(((k, v) for k, v in groups.items() if k), key=lambda kv: (-kv[1], kv[0]))
        suggestion = None
        if q.text and results.total == 0:
            corrected = s.correct_query(query, q.text)
            if corrected.query != query:
                suggestion = corrected.string
        return SearchResult(hits, results.total, facet_counts, page, q.page_size, suggestion)
