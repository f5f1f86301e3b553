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

from .fields import DURATION_BANDS, FUNDING_BITS, NO_DATE, PRICE_BANDS, STRING_FACETS, UNKNOWN

NUMERIC = ("funding_bits", "start", "end", "rolling", "price_cents", "duration_min", "lat_e5", "lon_e5")


class StringColumn:
    """Codes per document into a vocabulary of values ("" = no value)."""

    def __init__(self, values: list[str]):
        self.vocab, codes = np.unique(np.array(values, dtype=object), return_inverse=True)
        self.codes = codes.astype(np.int32)
        self.index = {v: i for i, v in enumerate(self.vocab)}

    def mask(self, wanted: list[str]) -> np.ndarray:
        codes = [self.index[v] for v in wanted if v in self.index]
        return np.isin(self.codes, codes) if codes else np.zeros(len(self.codes), bool)

    def counts(self, selected: np.ndarray) -> list[tuple[str, int]]:
        counts = np.bincount(self.codes[selected], minlength=len(self.vocab))
        return [(self.vocab[i], int(counts[i])) for i in np.flatnonzero(counts) if self.vocab[i] != ""]


class Columns:
    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.distance_cache: dict[tuple[float, float], np.ndarray] = {}
        self.live = np.zeros(self.size, bool)
        self.live[list(reader.all_doc_ids())] = True
        self.strings = {name: StringColumn(list(reader.column_reader(name))) for name in STRING_FACETS}
        self.numbers = {name: np.fromiter(reader.column_reader(name), dtype=np.int64, count=self.size)
                        for name in NUMERIC}
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


def _bands(values: np.ndarray, bands) -> StringColumn:
    """A string column of band names for numeric values (unmatched values get "")."""
    labels = np.full(len(values), "", dtype=object)
    for name, low, high in bands:
        labels[(values >= low) & (values <= high)] = name
    return StringColumn(list(labels))
