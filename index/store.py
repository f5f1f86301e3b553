"""Index life cycle: open, incremental apply of a change set, full rebuild with atomic swap.

The live index is the directory the symlink `current` points to; a rebuild writes a new
generation beside it and swaps the link with os.replace, so searchers never see half an index.
"""
from __future__ import annotations

import itertools
import os
import shutil
import time
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.writing import LockError

from .fields import build_schema, to_document
from .segment_writer import FlatMpWriter, FlatSegmentWriter, supports


def _remember_missing_length_columns() -> None:
    """whoosh-reloaded 2.7.5 asks the file system whether a field's length column exists for
    every posting of a field that has none, while merging (about 80 stat calls per document,
    a fifth of the build time in bench/search.py). Remember the answer per reader."""
    from whoosh.codec import whoosh3

    original = whoosh3.W3PerDocReader._cached_reader
    if getattr(original, "_wbp_patched", False):
        return

    def cached_reader(self, fieldname, column):
        missing = self.__dict__.setdefault("_wbp_missing_columns", set())
        if fieldname in missing:
            return None
        reader = original(self, fieldname, column)
        if reader is None:
            missing.add(fieldname)
        return reader

    cached_reader._wbp_patched = True
    whoosh3.W3PerDocReader._cached_reader = cached_reader


_remember_missing_length_columns()


PARALLEL_FROM = 5000  # documents from which a rebuild uses two writer processes


def segment_writer(ix):
    """A writer for `ix` (takes the index lock): the flat-pool writer (segment_writer.py) where the
    schema allows it, Whoosh's own otherwise."""
    return FlatSegmentWriter(ix) if supports(ix.schema) else ix.writer()


class IndexMissing(FileNotFoundError):
    """No index has been built yet; readers show an empty result, writers create one."""


def _pause_in_commit_for_tests(writer) -> None:
    """Test-only hook (tests/test_faults.py): with WBP_TEST_PAUSE_IN_COMMIT=<file> set, the commit of
    `apply` writes the new segment, then creates <file> and sleeps before writing the table of
    contents that would make the segment live, so that a test can kill -9 the process in the middle
    of a commit. Never set it outside tests; unset, the writer is left as it is."""
    marker = os.environ.get("WBP_TEST_PAUSE_IN_COMMIT")
    if not marker:
        return
    write_toc = writer._commit_toc  # whoosh-reloaded 2.7.5: SegmentWriter.commit -> _commit_toc(segments)

    def paused(segments):
        Path(marker).touch()
        time.sleep(600)
        return write_toc(segments)

    writer._commit_toc = paused


class IndexBusy(RuntimeError):
    """Another process holds the index's write lock."""


class IndexStore:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @property
    def current(self) -> Path:
        return self.root / "current"

    def exists(self) -> bool:
        """An index with a table of contents is there. Looks for the file instead of Whoosh's
        exists_in, which opens the index and unpickles its schema: 9 ms on every search at
        100,000 offers (bench/search.py)."""
        return self.current.exists() and any(self.current.glob("_MAIN_*.toc"))

    def open(self):
        """The live index for reading; never creates one (IndexMissing if there is none yet)."""
        if not self.exists():
            raise IndexMissing(f"no search index at {self.current}: run `wbportal crawl` or `wbportal index rebuild`")
        return whoosh_index.open_dir(self.current)

    def _open_for_writing(self):
        """Writers (the crawl pipeline) start an empty index when there is none yet."""
        if not self.exists():
            self.rebuild([])
        return whoosh_index.open_dir(self.current)

    def _writer(self, ix, wait_s: float = 30.0):
        deadline = time.monotonic() + wait_s
        while True:
            try:
                return segment_writer(ix)
            except LockError:
                if time.monotonic() > deadline:
                    raise IndexBusy(f"index at {self.current} is locked by another writer") from None
                time.sleep(0.2)

    def apply(self, upserts: Iterable[tuple[dict, str]], deletes: Iterable[str] = ()) -> int:
        """Delete and re-add only the touched documents, in one commit (one searcher, not one per doc)."""
        ix = self._open_for_writing()
        known = set(ix.schema.names())
        writer = self._writer(ix)
        count = 0
        try:
            for offer_id in deletes:
                writer.delete_by_term("id", offer_id)
            for record, digest in upserts:
                writer.delete_by_term("id", record["id"])
                # An index built before a field was added keeps working without it (searches fall
                # back where they need it) until the next `wbportal index rebuild`.
                writer.add_document(**{k: v for k, v in to_document(record, digest).items() if k in known})
                count += 1
        except BaseException:
            writer.cancel()
            raise
        _pause_in_commit_for_tests(writer)
        writer.commit()
        return count

    def rebuild(self, records: Iterable[tuple[dict, str]]) -> int:
        """Write a fresh generation and swap it in atomically; old generations are removed."""
        self.root.mkdir(parents=True, exist_ok=True)
        generation = self.root / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9:09d}"
        generation.mkdir()
        ix = whoosh_index.create_in(generation, build_schema())
        known = set(ix.schema.names())

        def document(record, digest):
            return {k: v for k, v in to_document(record, digest).items() if k in known}

        records = iter(records)
        head = [document(r, d) for r, d in itertools.islice(records, PARALLEL_FROM)]
        if len(head) < PARALLEL_FROM:
            writer = segment_writer(ix)
        else:  # a big catalogue: both cores, one segment each, no final merge
            writer = FlatMpWriter(ix, procs=2, multisegment=True, batchsize=1000)
        count = 0
        for doc in itertools.chain(head, (document(r, d) for r, d in records)):
            writer.add_document(**doc)
            count += 1
        writer.commit()
        tmp_link = self.root / f".current-{os.getpid()}"
        if tmp_link.is_symlink():
            tmp_link.unlink()
        os.symlink(generation.name, tmp_link)
        os.replace(tmp_link, self.current)
        # Keep the previous generation: a searcher opened just before the swap may still read it.
        old = sorted((p for p in self.root.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
        for stale in [p for p in old if p != generation][:-1]:
            shutil.rmtree(stale, ignore_errors=True)
        return count
