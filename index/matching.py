"""Word matching and ranking over Whoosh's postings with numpy.

Whoosh stores the postings; reading a term's postings block by block into arrays and combining
words with array operations replaces Whoosh's per-document matcher loop, which was most of a
query's time for broad words at 100,000 offers (bench/search.py). Scores are BM25-like:
field boost x idf x saturated term frequency (no length normalisation: titles are short).
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import query as Q
from whoosh.reading import TermNotFound

from . import postings_file
from .postings_file import PostingsFile

from .analysis import pairs_of

K1 = 1.2
MAX_EXPANSIONS = 40   # terms a prefix may stand for (the most frequent)
CACHE_WORDS = 256


@dataclass
class Clause:
    """One AND-ed part of a query: documents matching any of its alternatives."""

    words: list[tuple[str, bool]] = field(default_factory=list)   # (stem, also as prefix)
    phrases: list[list[str]] = field(default_factory=list)        # stems in order, on the title
    # Taken only when words and phrases find nothing in the index: the head of an unknown
    # compound ("Palliativpflege" -> "palliativ" as a prefix, which finds "Palliative Care").
    fallback: list[tuple[str, bool]] = field(default_factory=list)
    label: str = ""         # the user's word (or phrase) this clause stands for, for explanations
    generic: bool = False   # names a kind of course ("Grundkurs"), not a subject: see SearchQuery.min_words


@dataclass
class Evaluation:
    """Per document: how many clauses it matches (all, and only the subject ones) and which."""

    hits: np.ndarray      # clauses matched
    subject: np.ndarray   # clauses matched that are not generic
    score: np.ndarray     # summed scores
    which: np.ndarray     # bit i set: matches clause i (the first 64 clauses)

    def words_of(self, docnum: int, clauses: list[Clause]) -> list[str]:
        """Labels of the clauses a document matches, in query order."""
        bits = int(self.which[docnum])
        return [c.label for i, c in enumerate(clauses[:64]) if bits >> i & 1]


class FlatFiles:
    """The postings files (postings_file.py) of one generation's segments, each opened once;
    None for a segment without one or without a directory to look in."""

    def __init__(self, directory: Path | None):
        self.directory = Path(directory) if directory else None
        self._files: dict[str, PostingsFile | None] = {}

    def of(self, leaf) -> PostingsFile | None:
        if self.directory is None:
            return None
        segment = leaf.segment()
        key = segment.segment_id()
        if key not in self._files:
            self._files[key] = postings_file.open_for(self.directory, segment)
        return self._files[key]


class Postings:
    """Postings of one searcher generation as arrays, with a small cache of evaluated words."""

    def __init__(self, searcher, boosts: dict[str, float], directory: Path | None = None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.flat = FlatFiles(directory)
        for leaf, _ in self.reader.leaf_readers():   # now: an update may delete a merged segment's file
            self.flat.of(leaf)
        self.size = self.reader.doc_count_all()
        self.boosts = boosts
        self._words: OrderedDict = OrderedDict()

    def _term(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        return term_postings(self.reader, fieldname, term, self.flat)

    def _expand(self, fieldname: str, prefix: str) -> list[str]:
        terms = list(self.reader.expand_prefix(fieldname, prefix))
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in terms]
        if len(terms) > MAX_EXPANSIONS:
            terms.sort(key=lambda t: -self.reader.doc_frequency(fieldname, t))
            terms = terms[:MAX_EXPANSIONS]
        return terms

    def word(self, stem: str, prefix: bool) -> tuple[np.ndarray, np.ndarray]:
        """(doc ids, scores) of one word over all fields, cached."""
        key = (stem, prefix)
        cached = self._cached(key)
        if cached is not None:
            return cached
        ids, scores = [], []
        n = max(1, self.size)
        for fieldname, boost in self.boosts.items():
            terms = [(stem, 1.0)]
            if prefix:
                terms += [(t, 0.5) for t in self._expand(fieldname, stem) if t != stem]
            for term, factor in terms:
                t_ids, tf = self._term(fieldname, term)
                if len(t_ids) == 0:
                    continue
                idf = math.log(1 + (n - len(t_ids) + 0.5) / (len(t_ids) + 0.5))
                ids.append(t_ids)
                scores.append(boost * factor * idf * tf * (K1 + 1) / (tf + K1))
        result = _merge(ids, scores)
        self._remember(key, result)
        return result

    def phrase(self, stems: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Titles with the words in this order: each consecutive pair of stems is one term of the
        title_pairs field (analysis.PairAnalyzer; within three positions, so stop words between
        them do not matter). Cached like words."""
        key = ("phrase",) + tuple(stems)
        cached = self._cached(key)
        if cached is not None:
            return cached
        if "title_pairs" in self.searcher.schema.names() and len(stems) > 1:
            docs = None
            for pair in pairs_of(stems):
                ids, _ = self._term("title_pairs", pair)
                docs = ids if docs is None else np.intersect1d(docs, ids, assume_unique=True)
            docs = np.unique(docs) if docs is not None else np.zeros(0, np.int64)
        else:
            docs = self._phrase_by_positions(stems)
        result = (docs, np.full(len(docs), 6.0, dtype=np.float32))
        self._remember(key, result)
        return result

    def _phrase_by_positions(self, stems: list[str]) -> np.ndarray:
        """Whoosh's position matching, for an index built before the title pairs."""
        candidates = None
        for stem in stems:
            ids, _ = self._term("title", stem)
            candidates = ids if candidates is None else np.intersect1d(candidates, ids, assume_unique=True)
        if candidates is None or not len(candidates):
            return np.zeros(0, np.int64)
        # slop: stop words ("am", "für") are left out of the stems but keep their positions
        allowed = set(candidates.tolist())
        return np.fromiter((d for d in Q.Phrase("title", stems, slop=3).docs(self.searcher) if d in allowed),
                           dtype=np.int64)

    def _cached(self, key):
        """The cached result of a key, or None (request threads share the cache: a key evicted by
        another thread between the lookup and the move is simply read again)."""
        try:
            result = self._words[key]
            self._words.move_to_end(key)
            return result
        except KeyError:
            return None

    def _remember(self, key, result) -> None:
        self._words[key] = result
        while len(self._words) > CACHE_WORDS:
            try:
                self._words.popitem(last=False)
            except KeyError:
                break

    def cached_keys(self) -> list[tuple]:
        """Keys of the cached words and phrases, least recently used first."""
        for _ in range(3):   # another request thread may touch the cache meanwhile
            try:
                return list(self._words)
            except RuntimeError:
                continue
        return []

    def forget(self) -> None:
        """Drop every cached word and phrase."""
        self._words.clear()

    def warm(self, key: tuple) -> None:
        """Read and cache one key of another generation's cache (a word or a phrase)."""
        if key and key[0] == "phrase":
            self.phrase(list(key[1:]))
        else:
            self.word(*key)

    def evaluate(self, clauses: list[Clause]) -> Evaluation:
        """Clause hits and summed scores of every document: search keeps those matching every
        clause, needs matching those matching enough of them (SearchQuery.min_words)."""
        score = np.zeros(self.size, np.float32)
        hits = np.zeros(self.size, np.int16)
        subject = np.zeros(self.size, np.int16)
        which = np.zeros(self.size, np.uint64)
        for i, clause in enumerate(clauses):
            parts = [self.word(stem, prefix) for stem, prefix in clause.words]
            parts += [self.phrase(stems) for stems in clause.phrases]
            if clause.fallback and not any(len(p[0]) for p in parts):
                parts = [self.word(stem, prefix) for stem, prefix in clause.fallback]
            ids, scores = _merge([p[0] for p in parts], [p[1] for p in parts])
            score[ids] += scores
            hits[ids] += 1
            if not clause.generic:
                subject[ids] += 1
            if i < 64:
                which[ids] |= np.uint64(1 << i)
        return Evaluation(hits, subject, score, which)


def _merge(ids: list[np.ndarray], scores: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Union of (ids, scores) lists, scores of the same id summed."""
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    all_ids = np.concatenate(ids)
    all_scores = np.concatenate(scores).astype(np.float32)
    unique, inverse = np.unique(all_ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=all_scores).astype(np.float32)


def term_postings(reader, fieldname: str, term: str, flat: FlatFiles | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of one term across the reader's segments: a slice of the
    segment's postings file where it has one (`flat`), else Whoosh's blocks read block-wise.
    Documents deleted since the last merge are included: callers mask them with the live column."""
    ids, weights = [], []
    for leaf, offset in reader.leaf_readers():
        found = _flat_postings(leaf, fieldname, term, flat.of(leaf)) if flat is not None else False
        if found is None:
            continue   # the term is not in this segment
        if found:
            ids.append(found[0].astype(np.int64) + offset)
            weights.append(found[1])
            continue
        if (fieldname, term) not in leaf:
            continue
        m = _unfiltered(leaf.postings(fieldname, term))
        if _w3_blocks(m):
            for block_ids, block_weights in _blocks(m):
                ids.append(block_ids + offset)
                weights.append(block_weights)
        else:
            items = list(m.items_as("weight"))
            ids.append(np.array([i for i, _ in items], dtype=np.int64) + offset)
            weights.append(np.array([w for _, w in items], dtype=np.float32))
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def _flat_postings(leaf, fieldname: str, term: str, file: PostingsFile | None):
    """A term's (documents, weights) from the segment's postings file; None if the segment has
    no such term, False if the file cannot answer (no file, a field it leaves out)."""
    if file is None:
        return False
    try:
        info = leaf.term_info(fieldname, term)
    except TermNotFound:
        return None
    extent = getattr(info, "extent", None)
    offset = extent()[0] if extent is not None else None
    found = file.postings(offset) if isinstance(offset, int) else None
    return found if found is not None else False


def _unfiltered(m):
    """The postings without Whoosh's filter for documents deleted since the last merge (it turns
    the block reader into a per-document one); callers mask deleted documents with the live
    column anyway."""
    from whoosh.matching.wrappers import FilterMatcher

    return m.child if isinstance(m, FilterMatcher) else m


def _w3_blocks(m) -> bool:
    """Whoosh's W3 codec matcher of document numbers, whose blocks `_blocks` can read directly."""
    return all(hasattr(m, name) for name in ("_read_data", "_next_block", "_blocklength")) \
        and not getattr(m, "_byteids", True)


def _blocks(m):
    """(ids, weights) arrays of every block of a W3 postings matcher. A block is a pickled tuple
    (delta-coded ids, weights); Whoosh decodes the ids one by one in Python (`delta_decode`),
    which was a third of a cold query's time at 100,000 offers: a cumulative sum does the same."""
    while m.is_active():
        if m._data is None:
            m._read_data()
        raw_ids, raw_weights = m._data[0], m._data[1]
        ids = np.cumsum(np.asarray(raw_ids, dtype=np.int64))
        if raw_weights is None:
            weights = np.ones(m._blocklength, np.float32)
        elif isinstance(raw_weights, float):
            weights = np.full(m._blocklength, raw_weights, np.float32)
        else:
            weights = np.asarray(raw_weights, dtype=np.float32)
        yield ids, weights
        m._next_block()
