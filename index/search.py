"""The one search API: a SearchQuery in, a SearchResult (hits, total, facet counts, suggestion)
out. Used by the web UI, the JSON API and needs matching alike.

Whoosh finds the documents matching the words and ranks them; facets and filters work on the
generation's columns (columns.py). User text is never parsed as query syntax: words, "quoted
phrases" and synonyms are turned into a query here, so hostile input cannot raise.
"""
from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from whoosh import query as Q

from .analysis import course_words, fold_umlauts, synonym_groups
from .columns import Columns, numeric_column
from .grouping import CourseGroup, CourseLinker, course_identity, make_group
from .matching import Clause, Evaluation, Postings
from .fields import FACETS, NO_DATE, today_ymd
from normalize.enums import Format
from .store import IndexStore

if TYPE_CHECKING:
    from whoosh.searching import Searcher as WhooshSearcher

log = logging.getLogger(__name__)
MARK_START, MARK_END = "\x01", "\x02"
SORTS = ("relevance", "start", "price", "distance")
FIELD_BOOSTS = {"title": 3.0, "description": 1.0, "provider": 1.5}
MIN_PREFIX = 4  # words this long also match as a prefix ("Stapler" -> "Staplerfahrer")
REMOTE_FORMATS = [Format.online.value, Format.selfpaced.value]   # no travel: SearchQuery.online_anywhere


class Highlighter:
    """Snippets of a description around the user's words, with sentinel characters around each
    match (the UI escapes the text, then turns the sentinels into <mark>). A word matches the
    words it begins, with umlauts and ß in either spelling; cheap enough for every hit."""

    def __init__(self, text: str):
        words = {fold_umlauts(w.lower()) for w in _WORD.findall(_PHRASE.sub(" ", text) + " " +
                                                                  " ".join(_PHRASE.findall(text)))}
        words = sorted((w for w in words if len(w) >= 3), key=len, reverse=True)
        stems = [w[:-2] if len(w) > 6 else w for w in words]  # "schweissen" also marks "Schweißkurs"
        self.pattern = re.compile(r"\b(?:" + "|".join(_umlaut_pattern(s) for s in stems) + r")\w*", re.I) \
            if stems else None

    def snippet(self, text: str, width: int = 200) -> str:
        if not self.pattern or not text:
            return ""
        matches = list(self.pattern.finditer(text))
        if not matches:
            return ""
        start = max(0, matches[0].start() - 40)
        end = min(len(text), start + width)
        if start > 0:
            start = text.find(" ", start) + 1 or start
        piece = text[start:end]
        marked = self.pattern.sub(lambda m: MARK_START + m[0] + MARK_END, piece)
        return ("… " if start > 0 else "") + marked + (" …" if end < len(text) else "")


def _umlaut_pattern(folded: str) -> str:
    out = re.escape(folded)
    for plain, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß")):
        out = out.replace(plain, f"(?:{plain}|{umlaut})")
    return out


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
    group_courses: bool = False      # one hit per course (its next run, the other runs in Hit.group)
    # None: every word must match (search). n: at least n of the subject words (words naming a kind
    # of course, "Grundkurs", only rank), offers with more of the words first (needs matching).
    min_words: int | None = None
    online_anywhere: bool = False    # with a radius, online and self-paced offers count wherever they are
    suggest: bool = True             # "did you mean" when nothing matches (needs' counts go without)


@dataclass
class Hit:
    record: dict
    score: float
    highlight: str = ""
    distance_km: float | None = None
    group: CourseGroup | None = None   # with SearchQuery.group_courses: the course's matching runs
    matched_words: list[str] = field(default_factory=list)   # the query's words this offer has


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    page_size: int
    suggestion: str | None = None
    index_missing: bool = False   # no index built yet (nothing crawled): say so instead of failing
    total_courses: int | None = None   # with SearchQuery.group_courses; `total` still counts runs
    words: list[str] = field(default_factory=list)   # the query's words as matched (stop words dropped)

    @property
    def grouped(self) -> bool:
        return self.total_courses is not None

    @property
    def pages(self) -> int:
        """Pages of runs, or of courses when grouped (a page then holds page_size courses)."""
        count = self.total_courses if self.total_courses is not None else self.total
        return max(1, -(-count // self.page_size))


_WORD = re.compile(r"\w+(?:[-.]\w+)*")
_PHRASE = re.compile(r'"([^"]+)"')


def _synonyms() -> dict[str, tuple[str, ...]]:
    table = {}
    for group in synonym_groups():
        for word in group:
            table[fold_umlauts(word.lower())] = group
    return table


class QueryBuilder:
    """User words -> clauses (AND of ORs) for matching.Postings. Nothing the user types is
    query syntax: words, "quoted phrases" and synonym groups only."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.synonyms = _synonyms()
        self.course_stems = {s for w in course_words() for s in self._stems(w)}

    def _stems(self, text: str) -> list[str]:
        return [t.text for t in self.analyzer(text, mode="query")]

    def _compound_head(self, folded: str) -> str | None:
        """The stem of a known compound part the word starts with, if the rest is a word too."""
        for part in getattr(self.analyzer, "parts", ()):
            if len(part) >= MIN_PREFIX and folded.startswith(part) and len(folded) - len(part) >= 3:
                return self.analyzer.stem(part)
        return None

    def _compound_tail_head(self, folded: str) -> str | None:
        """The stem of what comes before a known part a word ends with ("palliativpflege" ->
        "palliativ"), searched only if the whole word is nowhere in the index (Clause.fallback)."""
        for part in getattr(self.analyzer, "parts", ()):
            if len(part) >= MIN_PREFIX and folded.endswith(part) and len(folded) - len(part) >= MIN_PREFIX:
                return self.analyzer.stem(folded[:-len(part)])
        return None

    def _alternatives(self, text: str, clause: Clause) -> list[str]:
        """Adds `text` (a word or phrase) to the clause; returns extra stems that must also match."""
        stems = self._stems(text)
        if not stems:
            return []
        folded = fold_umlauts(text.lower())
        if len(stems) == 1:
            clause.words.append((stems[0], len(folded) >= MIN_PREFIX and folded.isalpha()))
            head = self._compound_head(folded)
            if head:  # "Schweißkurs" also finds what "Schweiß..." finds
                clause.words.append((head, True))
            tail_head = self._compound_tail_head(folded) if folded.isalpha() else None
            if tail_head:
                clause.fallback.append((tail_head, True))
            return []
        if " " in text.strip():
            clause.phrases.append(stems)
            return []
        clause.words.append((stems[0], False))   # "Staplerfahrer-Ausbildung": every part must match
        return stems[1:]

    def build(self, text: str) -> list[Clause]:
        text = (text or "")[:300]
        clauses: list[Clause] = []
        for phrase in _PHRASE.findall(text):
            clause = Clause(label=phrase.strip())
            self._alternatives(phrase, clause)
            if clause.words or clause.phrases:
                clauses.append(clause)
        words = _WORD.findall(_PHRASE.sub(" ", text))
        i = 0
        while i < len(words):
            two = fold_umlauts(f"{words[i]} {words[i + 1]}".lower()) if i + 1 < len(words) else None
            one = fold_umlauts(words[i].lower())
            label = words[i]
            if two and two in self.synonyms:
                members, label, i = self.synonyms[two], f"{words[i]} {words[i + 1]}", i + 2
            elif one in self.synonyms:
                members, i = self.synonyms[one], i + 1
            elif re.search(r"[-.]", words[i]):  # "Staplerfahrer-Ausbildung": each part is a word
                words[i:i + 1] = [w for w in re.split(r"[-.]", words[i]) if w]
                continue
            else:
                members, i = (words[i],), i + 1
            generic = all(s in self.course_stems for s in self._stems(label))
            clause, extra = Clause(label=label, generic=generic), []
            for member in members:
                more = self._alternatives(member, clause)
                if len(members) == 1:  # a synonym group member of several parts counts by its first
                    extra = more
            if clause.words or clause.phrases:
                clauses.append(clause)
            clauses += [Clause(words=[(stem, False)], label=label, generic=generic) for stem in extra]
        return clauses


@dataclass(frozen=True)
class GenerationState:
    """Everything a `Searcher` keeps for one opened index generation, built together and replaced
    together when the index changes (never updated in place, so a request that took it keeps a
    consistent view while another thread swaps in the next one).

    - `whoosh`: the open Whoosh searcher (stored records, term lookups, spelling);
    - `columns`: the generation's facet and filter columns as arrays (columns.py);
    - `builder`: turns user text into clauses with the index's own analyzer;
    - `generation`: the directory `current` pointed to when this was opened (a different target
      means a newer generation was swapped in);
    - `postings`: per-word postings as arrays, cached for this generation (matching.py).
    """

    whoosh: WhooshSearcher
    columns: Columns
    builder: QueryBuilder
    generation: Path
    postings: Postings

    def is_current(self, target: Path | None) -> bool:
        """Still the live generation, and no commit since it was opened?"""
        return target == self.generation and self.whoosh.up_to_date()


class RequestGate:
    """Searches in flight and when the last one ended, so that the background warm-up of a new
    generation gives way to them: in one worker both share one interpreter lock, and the first
    search after an update ran at half speed or worse beside the warm-up (213 ms at 100,000
    offers through `wbportal serve`, bench/search.py). The warm-up pauses while a search runs
    and for QUIET_S after one (the page is rendered then), but at most BUDGET_S in total per
    warm-up, so under steady load the new generation still arrives."""

    QUIET_S = 0.05
    BUDGET_S = 3.0
    STEP_S = 0.002

    def __init__(self):
        self._lock = threading.Lock()
        self.active = 0
        self.last_end = 0.0

    def __enter__(self):
        with self._lock:
            self.active += 1
        return self

    def __exit__(self, *exc):
        with self._lock:
            self.active -= 1
            self.last_end = time.monotonic()
        return False

    def busy(self) -> bool:
        return self.active > 0 or time.monotonic() - self.last_end < self.QUIET_S

    def pauser(self):
        """A function the warm-up calls between its steps: returns when no search needs the
        interpreter, or when this warm-up's budget of waiting is spent."""
        spent = [0.0]

        def pause() -> None:
            while spent[0] < self.BUDGET_S and self.busy():
                time.sleep(self.STEP_S)
                spent[0] += self.STEP_S
        return pause


class Searcher:
    """Keeps one Whoosh searcher and its columns across requests; refreshed when the index changes.

    A new generation (after a crawl, an update or a rebuild) costs its first user a second or
    more at 100,000 offers if it is opened on demand: columns loaded, course ids linked, every
    query word's postings read for the first time. With `background=True` (the serving process,
    `wbportal serve`) the generation is opened and warmed in a thread while requests keep using
    the previous one, and readers switch only when it is ready; `watch_s` also polls for changes
    so the warm-up starts before any request asks. Without it (tests, CLI) the request that sees
    the change opens the new generation itself and every search sees every commit at once.
    """

    WARM_WORDS = 256   # words of the previous generation's cache replayed on the new one
    FREQUENT_TITLE_WORDS = 64

    def __init__(self, store: IndexStore, background: bool = False, watch_s: float | None = None):
        self.store = store
        self.background = background
        self.watch_s = watch_s
        self._lock = threading.Lock()          # one generation opened at a time
        self._warming = threading.Event()      # a background warm-up is running
        self._state: GenerationState | None = None
        self._previous: GenerationState | None = None
        self._courses: tuple[GenerationState, np.ndarray] | None = None   # see _course_ids
        self._courses_lock = threading.Lock()
        self._watcher: threading.Thread | None = None
        self._closed = threading.Event()
        self.requests = RequestGate()           # the background warm-up gives way to searches
        self.swaps = 0                          # generations switched to (for tests and benchmarks)

    def _target(self) -> Path | None:
        return self.store.current.resolve() if self.store.current.exists() else None

    def _current(self) -> GenerationState:
        state = self._state
        if state is not None and state.is_current(self._target()):
            return state
        if state is not None and self.background:
            self._warm_in_background()
            return state   # the previous generation serves until the new one is warm
        with self._lock:   # a request that comes while another opens the generation waits for it
            state = self._state
            if state is None or not state.is_current(self._target()):
                state = self._switch_to(self._open_state(warm=self.background))
            return state

    def _open_state(self, warm: bool) -> GenerationState:
        """Open the current generation; `warm` (the background warm-up) also reads likely words
        and gives way to searches between its steps (RequestGate)."""
        pause = self.requests.pauser() if warm else (lambda: None)
        pause()   # the search that noticed the new generation runs first (opening it takes ~0.1 s)
        generation = self._target()
        searcher = self.store.open().searcher()
        postings = Postings(searcher, FIELD_BOOSTS, directory=generation)
        pause()
        state = GenerationState(whoosh=searcher, columns=Columns(searcher.reader(), postings.flat, pause),
                                builder=QueryBuilder(searcher.schema["title"].analyzer),
                                generation=generation, postings=postings)
        pause()
        if _has_course_columns(searcher):
            self._course_ids(state, pause)   # two columns: cheap enough to link now
        else:   # an index built before the course columns: records are read in the background
            threading.Thread(target=self._warm_courses, args=(state,), daemon=True, name="course-ids").start()
        if warm:
            self._open_stored_records(state, pause)
            self._warm_words(state, self._state, pause)
        return state

    @staticmethod
    def _open_stored_records(state: GenerationState, pause) -> None:
        """Open every segment's stored-record column: Whoosh copies a compound segment's column
        into memory the first time a record is read from it (about 20 ms per 50,000 offers),
        which the first result page of a new generation paid (bench/search.py first_query_ms)."""
        reader = state.whoosh.reader()
        for leaf, offset in reader.leaf_readers():
            if leaf.doc_count_all():
                pause()
                state.whoosh.stored_fields(offset)

    def _switch_to(self, state: GenerationState) -> GenerationState:
        """Make `state` the live one. The replaced one may still serve a request in another
        thread: the one before it is closed instead. (A fresh searcher, not Searcher.refresh():
        reused segment readers were seen to keep showing documents deleted in the new generation.)"""
        if self._previous is not None:
            self._previous.whoosh.close()
        self._previous, self._state = self._state, state
        self.swaps += 1
        return state

    def _warm_words(self, state: GenerationState, previous: GenerationState | None,
                    pause=lambda: None) -> None:
        """Read the postings users are likely to ask for next: the words (and phrases) the previous
        generation was asked for most recently, and the most frequent title words."""
        keys = previous.postings.cached_keys()[-self.WARM_WORDS:] if previous is not None else []
        reader = state.whoosh.reader()
        try:
            frequent = [t.decode("utf-8") if isinstance(t, bytes) else t
                        for _, t in reader.most_frequent_terms("title", self.FREQUENT_TITLE_WORDS)]
        except Exception:  # noqa: BLE001 - an empty index has no terms
            frequent = []
        keys += [(t, len(t) >= MIN_PREFIX and t.isalpha()) for t in frequent]
        for key in keys:
            pause()
            state.postings.warm(key)
        state.columns.facet_counts("category", state.columns.live)   # numpy's first-call setup

    def _warm_in_background(self) -> None:
        if self._warming.is_set():
            return
        self._warming.set()
        threading.Thread(target=self._warm_and_switch, daemon=True, name="warm-generation").start()

    def _warm_and_switch(self) -> None:
        try:
            with self._lock:
                state = self._state
                if state is None or not state.is_current(self._target()):
                    self._switch_to(self._open_state(warm=True))
        except Exception:  # noqa: BLE001 - e.g. the generation vanished mid-open: the next check retries
            log.warning("warming a new index generation failed; the previous one keeps serving", exc_info=True)
        finally:
            self._warming.clear()

    def watch(self) -> None:
        """Poll for a new generation every `watch_s` seconds in a daemon thread (serving process):
        the first poll opens and warms the index before the first request, later ones warm each
        new generation before requests switch to it. Start it in the process that serves (after
        a fork: threads do not survive one)."""
        if self._watcher is not None or not self.watch_s:
            return

        def loop():
            while not self._closed.is_set():
                try:
                    if self.store.exists():
                        self._current()   # opens the first generation, or starts warming a new one
                except Exception:  # noqa: BLE001 - keep watching; requests report their own errors
                    pass
                self._closed.wait(self.watch_s)

        self._watcher = threading.Thread(target=loop, daemon=True, name="index-watch")
        self._watcher.start()

    def forget_queries(self) -> None:
        """Empty the live generation's word and distance caches: the next query reads its postings
        as a user's first query with new words does (bench/search.py's cold pass)."""
        state = self._current()
        state.postings.forget()
        state.columns.distance_cache.clear()

    def close(self):
        self._closed.set()
        with self._lock:
            for state in (self._state, self._previous):
                if state is not None:
                    state.whoosh.close()
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
            within = _distances(cols, q.near) <= q.radius_km
            if q.online_anywhere:
                within |= cols.facet_mask("format", REMOTE_FORMATS)
            other &= within
        masks = {"": other}
        for name, values in q.filters.items():
            if name in FACETS and values:
                masks[name] = cols.facet_mask(name, list(values))
        return masks

    # -- search -------------------------------------------------------------------------------
    def search(self, q: SearchQuery) -> SearchResult:
        with self.requests:
            return self._search(q)

    def _search(self, q: SearchQuery) -> SearchResult:
        if not self.store.exists():  # the web side never creates an index: an empty result says why
            return SearchResult([], 0, {}, q.page, q.page_size, index_missing=True)
        state = self._current()
        searcher, cols, builder, postings = state.whoosh, state.columns, state.builder, state.postings
        clauses = builder.build(q.text)
        evaluation, rank = None, None
        if clauses:
            evaluation = postings.evaluate(clauses)
            matched, scores = _words_mask(evaluation, clauses, q.min_words), evaluation.score
            matched &= cols.live
            if q.min_words is not None:  # more of the words first, then the score
                rank = evaluation.hits * (float(scores.max()) + 1.0) + scores.astype(np.float64)
        else:
            matched, scores = cols.live, None
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
        words_of = (lambda docnum: evaluation.words_of(int(docnum), clauses)) if evaluation is not None else None
        if q.group_courses:
            result = self._grouped(q, state, final, scores, rank, facets, total, page, words_of)
        else:
            order = self._order(q, cols, final, scores if rank is None else rank,
                                page * q.page_size)[(page - 1) * q.page_size:]
            distances = _distances(cols, q.near) if q.near else None
            highlighter = Highlighter(q.text) if q.text else None
            hits = [self._hit(searcher, docnum, scores, distances, highlighter, words_of) for docnum in order]
            result = SearchResult(hits, total, facets, page, q.page_size)
        result.words = list(dict.fromkeys(c.label for c in clauses))
        if q.text and total == 0 and q.suggest:
            result.suggestion = self.did_you_mean(q.text, searcher)
        return result

    @staticmethod
    def _hit(searcher, docnum, scores, distances, highlighter, words_of) -> Hit:
        """One result: the stored record, its score, distance, snippet and the query words it has."""
        record = json.loads(searcher.stored_fields(int(docnum))["record"])
        distance = None
        if distances is not None and np.isfinite(distances[docnum]):
            distance = round(float(distances[docnum]), 1)
        snippet = highlighter.snippet(record.get("description") or "") if highlighter else ""
        return Hit(record, float(scores[docnum]) if scores is not None else 0.0, snippet, distance,
                   matched_words=words_of(docnum) if words_of else [])

    def _grouped(self, q, state, final, scores, rank, facets, total, page, words_of) -> SearchResult:
        """One hit per course: courses ranked by their best matching run, counted and paged as
        courses; each hit is the course's next matching run with all its matching runs in
        `hit.group` (grouping.py decides which run is shown). Facets stay counts of runs."""
        searcher, cols = state.whoosh, state.columns
        course_of = self._course_ids(state)
        ranked, total_courses = self._ranked_courses(q, cols, final, scores if rank is None else rank, course_of,
                                                     page * q.page_size)
        shown = ranked[(page - 1) * q.page_size:page * q.page_size]
        distances = _distances(cols, q.near) if q.near else None
        highlighter = Highlighter(q.text) if q.text else None
        runs: dict[int, list[Hit]] = {int(c): [] for c in shown}
        for docnum in np.flatnonzero(final & np.isin(course_of, shown)):
            # snippets only for the run a card shows (below), not for every run of the course
            runs[int(course_of[docnum])].append(self._hit(searcher, docnum, scores, distances, None, words_of))
        hits = []
        for course in shown:
            by_record = {id(h.record): h for h in runs[int(course)]}
            group = make_group([h.record for h in runs[int(course)]])
            shown_hit = by_record[id(group.first)]
            shown_hit.score = max(h.score for h in by_record.values())
            shown_hit.group = group
            if highlighter is not None:
                shown_hit.highlight = highlighter.snippet(shown_hit.record.get("description") or "")
            hits.append(shown_hit)
        return SearchResult(hits, total, facets, page, q.page_size, total_courses=total_courses)

    def _course_ids(self, state: GenerationState, pause=lambda: None) -> np.ndarray:
        """Course id of every document of the generation (grouping.CourseLinker over course_key,
        source and course identity), kept with the generation's state.

        From the course_hash / identity_hash columns (fields.py) this takes about 0.2 s at
        100,000 offers and is done when the generation is opened. An index built before those
        columns reads every stored record instead (2 s per 10,000 offers); that runs in a
        background thread (`_warm_courses`) and a grouped search that comes earlier waits for it."""
        cached = self._courses
        if cached is not None and cached[0] is state:
            return cached[1]
        with self._courses_lock:
            cached = self._courses
            if cached is not None and cached[0] is state:
                return cached[1]
            linker, docnums = CourseLinker(), []
            if _has_course_columns(state.whoosh):
                reader, cols = state.whoosh.reader(), state.columns
                keys = numeric_column(reader, "course_hash", cols.size)
                identities = numeric_column(reader, "identity_hash", cols.size)
                sources = cols.strings["source"].codes
                docnums = np.flatnonzero(cols.live).tolist()
                for k, (key, source, identity) in enumerate(zip(keys[docnums].tolist(), sources[docnums].tolist(),
                                                                identities[docnums].tolist())):
                    if k % 2000 == 0:
                        pause()   # a warm-up gives way to searches (RequestGate), also inside this loop
                    linker.add(key, source, identity)
            else:
                for docnum, fields in state.whoosh.reader().iter_docs():
                    record = json.loads(fields["record"])
                    linker.add(fields["course_key"], record.get("source", ""),
                               course_identity(record.get("title", ""), record.get("provider", "")))
                    docnums.append(docnum)
            course_of = np.full(state.columns.size, -1, dtype=np.int64)
            if docnums:
                course_of[np.array(docnums)] = np.array(docnums)[np.array(linker.ids(), dtype=np.int64)]
            self._courses = (state, course_of)
            return course_of

    def _warm_courses(self, state: GenerationState) -> None:
        """Builds the course ids of a newly opened generation ahead of the first grouped search.
        The generation may be replaced and closed meanwhile: then there is nothing to warm."""
        try:
            self._course_ids(state)
        except Exception:  # noqa: BLE001 - a closed searcher; the next grouped search builds its own
            pass

    @classmethod
    def _ranked_courses(cls, q, cols, final, scores, course_of, needed: int) -> tuple[np.ndarray, int]:
        """The first `needed` courses of `final` ranked by their best run, and how many courses
        match at all.

        Ranking courses used to sort every matching run (a filter-only search at 1,000,000
        offers sorts half a million). Only the best runs are sorted now: the L best by the sort's
        first key, with every run tied with the L-th, are ordered exactly as before; a course
        whose best run is not among them ranks after every course that has a run there, so the
        courses met in this prefix, in order, are the first courses. L grows until the prefix
        holds `needed` courses (or is everything)."""
        candidates = np.flatnonzero(final)
        seen = np.zeros(len(course_of), bool)
        seen[course_of[candidates]] = True
        total_courses = int(np.count_nonzero(seen))
        needed = min(needed, total_courses)
        if not len(candidates) or not needed:
            return np.zeros(0, np.int64), total_courses
        first_key = cls._sort_keys(q, cols, candidates, scores)[-1]
        prefix = min(len(candidates), max(4 * needed, 256))
        while True:
            if prefix >= len(candidates):
                chosen = final
            else:
                kth = np.partition(first_key, prefix - 1)[prefix - 1]
                chosen = np.zeros(len(final), bool)
                chosen[candidates[first_key <= kth]] = True
            count = int(np.count_nonzero(chosen))
            order = cls._order(q, cols, chosen, scores, count)
            courses, first_position = np.unique(course_of[order], return_index=True)
            ranked = courses[np.argsort(first_position, kind="stable")]
            if len(ranked) >= needed or count == len(candidates):
                return ranked, total_courses
            prefix *= 4

    @staticmethod
    def _sort_keys(q, cols, candidates, scores) -> tuple[np.ndarray, ...]:
        """The requested order's keys for `candidates`, as np.lexsort takes them: the last one is
        the first key. Ties end in document order (lexsort is stable)."""
        n = cols.numbers
        start = n["start"][candidates]
        if q.sort == "relevance" and scores is not None:
            return start, -np.round(scores[candidates], 4)
        price = n["price_cents"][candidates]
        price = np.where(price < 0, np.iinfo(np.int64).max, price)
        if q.sort == "price":
            return start, price
        if q.sort == "distance" and q.near:
            return start, _distances(cols, q.near)[candidates]
        return price, start   # start date; also "relevance" without words: the soonest first

    @classmethod
    def _order(cls, q, cols, final, scores, limit) -> np.ndarray:
        """The first `limit` documents of `final` in the requested order."""
        candidates = np.flatnonzero(final)
        if len(candidates) == 0:
            return candidates
        if q.sort == "relevance" and scores is not None and len(candidates) > limit:
            # only the best `limit` need sorting
            candidates = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        return candidates[np.lexsort(cls._sort_keys(q, cols, candidates, scores))[:limit]]

    # -- single offers -------------------------------------------------------------------------
    def get(self, offer_id: str) -> dict | None:
        """The indexed record of one offer (merged across sources), or None."""
        if not self.store.exists():
            return None
        searcher = self._current().whoosh
        fields = searcher.document(id=offer_id)
        return json.loads(fields["record"]) if fields else None

    def runs_of(self, course_key: str) -> list[dict]:
        """Every indexed run of a course, soonest first (past ones included)."""
        if not self.store.exists():
            return []
        searcher = self._current().whoosh
        records = [json.loads(f["record"]) for f in searcher.documents(course_key=course_key)]
        return sorted(records, key=lambda r: (r.get("start_date") or "9999", r["id"]))

    # -- suggestions ----------------------------------------------------------------------------
    def did_you_mean(self, text: str, searcher=None) -> str | None:
        """The words of `text` with each unknown word replaced by the closest indexed word."""
        searcher = searcher or self._current().whoosh
        corrector = searcher.corrector("spell")
        words = _WORD.findall(text or "")
        fixed, changed = [], False
        for word in words:
            low = word.lower()
            if len(low) < 3 or searcher.doc_frequency("spell", low):
                fixed.append(word)
                continue
            # prefix=1: candidates share the first letter (typos rarely hit it); without it Whoosh
            # compares every indexed word, 70 ms per unknown word at 10,000 offers (bench/search.py)
            options = corrector.suggest(low, limit=1, maxdist=2, prefix=1)
            fixed.append(options[0] if options else word)
            changed |= bool(options)
        return " ".join(fixed) if changed else None

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles for as-you-type suggestions: offers whose title has a word starting so."""
        if not self.store.exists():
            return []
        state = self._current()
        searcher, cols = state.whoosh, state.columns
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


def _has_course_columns(searcher) -> bool:
    names = set(searcher.schema.names())
    return "course_hash" in names and "identity_hash" in names


def _words_mask(evaluation: Evaluation, clauses: list[Clause], min_words: int | None) -> np.ndarray:
    """Documents with every word, or (min_words) with at least that many of the subject words;
    a query of course-kind words only ("Grundkurs") counts all its words."""
    if min_words is None:
        return evaluation.hits == len(clauses)
    subject = sum(1 for c in clauses if not c.generic)
    if subject:
        return evaluation.subject >= max(1, min(min_words, subject))
    return evaluation.hits >= max(1, min(min_words, len(clauses)))


def _distances(cols: Columns, near: tuple[float, float] | None) -> np.ndarray:
    """Great-circle distance in km from `near` to every document (inf where unknown); cached per
    place and generation, as users search around the same few towns."""
    if not near:
        return np.full(cols.size, np.inf)
    key = (round(near[0], 5), round(near[1], 5))
    cached = cols.distance_cache.get(key)
    if cached is None:
        cached = _haversine(cols, key)
        if len(cols.distance_cache) > 64:
            cols.distance_cache.clear()
        cols.distance_cache[key] = cached
    return cached


def _haversine(cols: Columns, near: tuple[float, float]) -> np.ndarray:
    lat = cols.numbers["lat_e5"] / 1e5
    lon = cols.numbers["lon_e5"] / 1e5
    known = cols.known("lat_e5")
    p1, p2 = math.radians(near[0]), np.radians(lat)
    dp, dl = p2 - p1, np.radians(lon - near[1])
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    d = 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return np.where(known, d, np.inf)
