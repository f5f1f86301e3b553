"""Facet and filter columns of one index generation as numpy arrays.

Loaded once per searcher (a new generation or a commit makes a new searcher), then every query
counts facets and applies filters with vectorised array operations: the per-hit Python work of
Whoosh's own facets was most of a query's time at 100,000 offers. Measured with Whoosh 2.7.4 on
a 2-core machine (synthetic German corpus, 200 mixed queries for the top 20 plus counts for
category, town, format and funding, warm searcher): p50 / p95 86-105 / 365-466 ms with facets
against 73 / 233 ms without, and broad one-word queries, where every hit is counted in Python,
reached p95 614 ms. `python -m bench.search` measures the search as it is now.
"""
from __future__ import annotations

import numpy as np
from whoosh import columns as whoosh_columns
from whoosh.util.numeric import from_sortable

from .matching import term_postings
from .fields import DURATION_BANDS, FUNDING_BITS, NO_DATE, PRICE_BANDS, STRING_FACETS, UNKNOWN

NUMERIC = ("funding_bits", "start", "end", "rolling", "price_cents", "duration_min", "lat_e5", "lon_e5")


class StringColumn:
    """Codes per document into a vocabulary of values ("" = no value)."""

    def __init__(self, values: list[str]):
        vocab, codes = np.unique(np.array(values, dtype=object), return_inverse=True)
        self._set(vocab, codes.astype(np.int32))

    @classmethod
    def from_codes(cls, vocab: np.ndarray, codes: np.ndarray) -> "StringColumn":
        column = cls.__new__(cls)
        column._set(vocab, codes)
        return column

    def _set(self, vocab: np.ndarray, codes: np.ndarray) -> None:
        self.vocab, self.codes = vocab, codes
        self.index = {v: i for i, v in enumerate(self.vocab)}

    def mask(self, wanted: list[str]) -> np.ndarray:
        codes = [self.index[v] for v in wanted if v in self.index]
        return np.isin(self.codes, codes) if codes else np.zeros(len(self.codes), bool)

    def counts(self, selected: np.ndarray) -> list[tuple[str, int]]:
        counts = np.bincount(self.codes[selected], minlength=len(self.vocab))
        return [(self.vocab[i], int(counts[i])) for i in np.flatnonzero(counts) if self.vocab[i] != ""]


class Columns:
    def __init__(self, reader, flat=None, pause=lambda: None):
        """`flat`: the generation's postings files (matching.FlatFiles); `pause`: called between
        columns (the background warm-up gives way to searches there)."""
        self.size = reader.doc_count_all()
        self.distance_cache: dict[tuple[float, float], np.ndarray] = {}
        self.live = np.zeros(self.size, bool)
        for leaf, offset in reader.leaf_readers():
            self.live[offset:offset + leaf.doc_count_all()] = True
            if leaf.has_deletions():
                self.live[offset + np.fromiter(_deleted(leaf), dtype=np.int64)] = False
        self.strings = {}
        for name in STRING_FACETS:
            pause()
            self.strings[name] = string_column(reader, name, self.size, flat, pause)
        pause()
        self.numbers = {name: numeric_column(reader, name, self.size) for name in NUMERIC}
        start = self.numbers["start"]
        self.derived = {
            "start_month": _bands(np.where(start == NO_DATE, 0, start // 100),
                                  [(str(m), m, m) for m in np.unique(start // 100) if m != NO_DATE // 100]),
            "duration_band": _bands(self.numbers["duration_min"], DURATION_BANDS),
            "price_band": _bands(self.numbers["price_cents"], PRICE_BANDS),
        }

    def facet_mask(self, name: str, wanted: list[str]) -> np.ndarray:
        """Documents with any of the wanted values (OR within a facet)."""
        if name == "funding":
            bits = sum(FUNDING_BITS.get(v, 0) for v in wanted)
            return (self.numbers["funding_bits"] & bits) != 0
        if name in self.derived:
            return self.derived[name].mask(wanted)
        return self.strings[name].mask(wanted)

    def facet_counts(self, name: str, selected: np.ndarray) -> list[tuple[str, int]]:
        if name == "funding":
            bits = self.numbers["funding_bits"][selected]
            return [(key, int(np.count_nonzero(bits & bit))) for key, bit in FUNDING_BITS.items()
                    if np.any(bits & bit)]
        column = self.derived.get(name) or self.strings[name]
        return column.counts(selected)

    def known(self, name: str) -> np.ndarray:
        return self.numbers[name] != UNKNOWN


def _deleted(leaf):
    """Deleted document numbers of one segment (Whoosh's set where the reader keeps one)."""
    found = getattr(leaf, "deleted_docs_set", None)
    if found is not None:
        return found
    return (d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d))


def _bands(values: np.ndarray, bands) -> StringColumn:
    """A string column of band names for numeric values (unmatched values get "")."""
    codes = np.zeros(len(values), np.int32)
    for code, (_, low, high) in enumerate(bands, start=1):
        codes[(values >= low) & (values <= high)] = code
    return StringColumn.from_codes(np.array([""] + [name for name, _, _ in bands], dtype=object), codes)


# -- loading ------------------------------------------------------------------------------------
# Whoosh's column readers hand out one value per call through two Python layers: 2.2 s for the
# fifteen columns at 100,000 offers, paid by the first search after every update (bench/search.py).
# Both loaders below read the same data as arrays: 0.1 s together at 100,000 offers.

def string_column(reader, fieldname: str, size: int, flat=None, pause=lambda: None) -> StringColumn:
    """A string facet from its terms' postings: a document's value is the one term of the field
    it is indexed under (ID fields hold the whole value as one term); no term = "". Documents
    deleted since the last merge keep their old code, which the live mask hides."""
    terms = sorted(t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(fieldname))
    vocab = np.array([""] + terms, dtype=object)
    codes = np.zeros(size, np.int32)
    for code, term in enumerate(terms, start=1):
        if code % 100 == 0:
            pause()
        codes[term_postings(reader, fieldname, term, flat)[0]] = code
    return StringColumn.from_codes(vocab, codes)


def numeric_column(reader, fieldname: str, size: int) -> np.ndarray:
    """A NUMERIC(int, sortable=True) column as int64: each segment's fixed-width big-endian
    buffer read at once (values past the segment's written count are the column default), then
    shifted back from Whoosh's sortable form; anything else through the column reader."""
    field = reader.schema[fieldname]
    out = np.empty(size, np.int64)
    for leaf, offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        raw = leaf.column_reader(fieldname, translate=False)
        stored = fixed_width_values(raw, count)
        if stored is not None:
            written = len(stored)
            values = stored.astype(np.uint64)
            if field.signed:   # sortable form = value + 2**(bits-1); unsigned arithmetic wraps back
                values = values - np.uint64(1 << (field.bits - 1))
            out[offset:offset + written] = values.view(np.int64)
            out[offset + written:offset + count] = _int64(from_sortable(int, field.bits, field.signed, raw._default))
        elif isinstance(raw, whoosh_columns.EmptyColumnReader):   # a segment without the column
            out[offset:offset + count] = _int64(from_sortable(int, field.bits, field.signed, raw._default))
        else:
            translated = leaf.column_reader(fieldname)
            out[offset:offset + count] = np.fromiter(translated, dtype=np.int64, count=count)
    return out


def fixed_width_values(raw, count: int) -> np.ndarray | None:
    """The values a plain Whoosh NumericColumn reader holds for the first `count` documents (fewer
    if the segment wrote fewer; the rest are the column's default), read from its buffer at once;
    None for any other column reader. Used for the numeric columns here and for the field
    lengths by segment_writer.py."""
    if not isinstance(raw, whoosh_columns.NumericColumn.Reader):
        return None
    written = min(raw._count, count)
    return np.frombuffer(raw._dbfile.get(raw._basepos, written * raw._fixedlen), dtype=">" + raw._typecode)


def _int64(value: int) -> int:
    """A column default (the largest unsigned value for 64 bits) clamped into int64."""
    return max(min(value, np.iinfo(np.int64).max), np.iinfo(np.int64).min)
