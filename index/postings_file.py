"""Each segment's posting lists once more as flat arrays: `<segment>.wbpost` beside Whoosh's files.

Why: a cold query reads every block of every term it touches from Whoosh's postings file, and
each block is a zlib-compressed pickle. Unpickling and decompressing was half of a cold query at
100,000 offers (two title words: 200 blocks, about 5 ms), and no block size helps much, because
the cost is per posting. This file holds the same document numbers and weights as raw
little-endian arrays; a term's list is a slice of a memory-mapped file (shared by every process
that serves the same generation, no decoding).

Written by FlatSegmentWriter from the arrays it already has, after Whoosh has assembled the
segment (so the file stays outside the compound file), named like the segment's own files so
that Whoosh's clean-up removes it with its segment. A term is found by the offset of its postings
in Whoosh's postings file (its term info's extent), which is unique within the segment, so this
file needs no term table of its own. Segments written by Whoosh's own writer (older indexes)
have no such file and are read block by block as before.

Layout: MAGIC, term count n, posting count m (uint64), then uint64 offsets[n] (ascending),
uint64 starts[n + 1], uint32 documents[m], float32 weights[m].
"""
from __future__ import annotations

import mmap
import os
from pathlib import Path

import numpy as np

MAGIC = b"WBPPOST1"
EXTENSION = ".wbpost"
# Fields never read term by term through the searcher: unique ids (deletes use Whoosh's own
# lookup) and the spelling words ("did you mean" walks Whoosh's term list).
SKIPPED_FIELDS = frozenset({"id", "course_key", "spell"})


class PostingsFileWriter:
    """Collects (postings offset, documents, weights) per term field by field; `write` at the end."""

    def __init__(self):
        self.offsets: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.docs: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []

    def add_field(self, offsets: np.ndarray, bounds: np.ndarray, docs: np.ndarray, weights: np.ndarray) -> None:
        """One field: the postings-file offset of each term, the terms' bounds in docs/weights."""
        self.offsets.append(np.asarray(offsets, dtype=np.uint64))
        self.counts.append(np.diff(bounds).astype(np.uint64))
        self.docs.append(np.asarray(docs, dtype="<u4"))
        self.weights.append(np.asarray(weights, dtype="<f4"))

    def write(self, path: Path) -> None:
        offsets = np.concatenate(self.offsets) if self.offsets else np.zeros(0, np.uint64)
        counts = np.concatenate(self.counts) if self.counts else np.zeros(0, np.uint64)
        if (np.diff(offsets.astype(np.int64)) <= 0).any():   # fields and terms are written in order
            raise ValueError("postings offsets are not ascending")
        starts = np.concatenate([[0], np.cumsum(counts)]).astype("<u8")
        tmp = path.with_name("." + path.name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(MAGIC)
            fh.write(np.array([len(offsets), int(starts[-1])], dtype="<u8").tobytes())
            fh.write(offsets.astype("<u8").tobytes())
            fh.write(starts.tobytes())
            for part in self.docs:
                fh.write(part.tobytes())
            for part in self.weights:
                fh.write(part.tobytes())
        os.replace(tmp, path)


class PostingsFile:
    """The arrays of one segment's `.wbpost` file, memory-mapped."""

    def __init__(self, path: Path):
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:8] != MAGIC:
            raise ValueError(f"{path}: not a postings file")
        n, m = np.frombuffer(self._map, dtype="<u8", count=2, offset=8)
        n, m = int(n), int(m)
        position = 24
        self.offsets = np.frombuffer(self._map, dtype="<u8", count=n, offset=position)
        position += 8 * n
        self.starts = np.frombuffer(self._map, dtype="<u8", count=n + 1, offset=position)
        position += 8 * (n + 1)
        self.docs = np.frombuffer(self._map, dtype="<u4", count=m, offset=position)
        self.weights = np.frombuffer(self._map, dtype="<f4", count=m, offset=position + 4 * m)

    def postings(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None:
        """(documents, weights) of the term whose Whoosh postings start at `offset`; None if the
        file does not hold it."""
        k = int(np.searchsorted(self.offsets, offset))
        if k >= len(self.offsets) or int(self.offsets[k]) != offset:
            return None
        start, stop = int(self.starts[k]), int(self.starts[k + 1])
        return self.docs[start:stop], self.weights[start:stop]


def path_for(directory: Path, segment) -> Path:
    """Where a segment's postings file lives (named like the segment's own files)."""
    return Path(directory) / segment.make_filename(EXTENSION)


def open_for(directory: Path, segment) -> PostingsFile | None:
    """The segment's postings file, or None for a segment written without one."""
    path = path_for(directory, segment)
    try:
        return PostingsFile(path)
    except FileNotFoundError:
        return None
