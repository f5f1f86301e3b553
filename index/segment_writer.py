"""A Whoosh segment writer that keeps postings in flat arrays and writes them block by block.

Why: Whoosh's SegmentWriter puts every posting into a PostingPool as a Python tuple, pickles each
one into a temporary run file when the pool outgrows its memory cap, unpickles it again to merge
the runs, and then hands the postings one by one to the codec, which looks up the document's
field length for each. Profiled on the bench corpus (10,000 offers, 2.4 million postings) that is
about two thirds of the build: pickle.dump and pickle.load of every posting (14 s of 68 s under
the profiler), the per-posting pool bookkeeping, `doc_field_length` per posting (7.5 s) and the
per-posting `add_posting` calls.

Here a field's postings are three arrays (term number, document number, weight) plus the value
bytes where the format has any (positions, frequencies; equal values share one bytes object).
At the end of the segment each field's postings are ordered with numpy (term bytes, then
document) and each posting list is handed to Whoosh's own W3 postings writer a block (128
postings) at a time, with the block's statistics computed on arrays. The files are Whoosh's:
the same codec writes the blocks, the term table, the columns and the stored fields; only the
route the postings take to it is shorter. tests/test_segment_writer.py compares every posting,
term statistic and block statistic with what Whoosh's own writer produces.

Limits, checked when the writer is made: no term vectors and no separate spelling fields (the
project's schema has neither; such a schema gets Whoosh's own writer).
"""
from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
from whoosh import multiproc
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util.numeric import byte_to_length
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from . import postings_file
from .analysis import FastFrequency, GermanAnalyzer
from .columns import fixed_width_values
from .postings_file import SKIPPED_FIELDS, PostingsFileWriter

# byte_to_length for every length byte: the codec stores a field's length as one byte, and the
# block statistics hold the length that byte stands for (as Whoosh's doc_field_length returns it).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)


_PACKED_COUNTS = [pack_uint(n) for n in range(256)]   # Frequency values of the usual counts, shared


def supports(schema) -> bool:
    """True when every field can go through the flat pool (no vectors, no separate spelling)."""
    return not any(field.vector or field.separate_spelling() for _, field in schema.items())


class _NoSharing:
    """A stand-in for the sharing dict that keeps every value object as it came."""

    @staticmethod
    def setdefault(key, value):
        return value


class FieldPostings:
    """One field's postings in the order they were added: term number, document, weight, value.

    Equal value bytes share one object when the format's values have a fixed size (the codec
    joins them); variable-size values (positions) are pickled as a tuple, where a shared object
    would become a pickle back-reference and change the bytes on disk."""

    __slots__ = ("terms", "by_text", "tids", "docs", "weights", "values", "_shared")

    def __init__(self, share_values: bool = True):
        self.terms: dict[bytes, int] = {}
        self.by_text: dict[str, int] = {}   # the same term numbers by text, for add_counts
        self.tids = array("I")
        self.docs = array("I")
        self.weights = array("d")
        self.values: list | None = None   # made at the first non-empty value; None where empty
        self._shared: dict[bytes, bytes] | _NoSharing = {} if share_values else _NoSharing()

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, tbytes: bytes, docnum: int, weight: float, vbytes: bytes | None) -> None:
        """One posting as Whoosh's pool receives it (merging segments into the writer)."""
        self.add_document(docnum, ((tbytes, 0, weight, vbytes),), 1.0, False)

    def add_document(self, docnum: int, items, boost: float, scorable: bool) -> int:
        """The postings of one field of one document (`field.index(value)`); returns the field
        length as Whoosh's add_document computes it (the sum of frequencies if scorable)."""
        terms, tids, docs, weights, shared = self.terms, self.tids, self.docs, self.weights, self._shared
        length = 0
        for tbytes, freq, weight, vbytes in items:
            tid = terms.get(tbytes)
            if tid is None:
                tid = terms[tbytes] = len(terms)
            tids.append(tid)
            docs.append(docnum)
            weights.append(weight * boost)
            if vbytes:
                if self.values is None:
                    self.values = [None] * (len(docs) - 1)
                self.values.append(shared.setdefault(vbytes, vbytes))
            elif self.values is not None:
                self.values.append(None)
            if scorable:
                length += freq
        return length

    def add_counts(self, docnum: int, counts: dict[str, int], field_boost: float, boost: float) -> int:
        """One document's stem counts of a FastFrequency field (GermanAnalyzer.counts): the
        postings FastFrequency.word_values and Whoosh's add_document would give (weight
        n * field_boost * boost, value pack_uint(n)), without the generator, the per-word UTF-8
        encoding and the tuples; returns the field length (the sum of the counts)."""
        by_text, terms, tids, docs, weights = self.by_text, self.terms, self.tids, self.docs, self.weights
        if self.values is None:
            self.values = [None] * len(docs)
        values = self.values
        for word, n in counts.items():
            tid = by_text.get(word)
            if tid is None:
                tbytes = word.encode("utf-8")
                tid = terms.get(tbytes)
                if tid is None:
                    tid = terms[tbytes] = len(terms)
                by_text[word] = tid
            tids.append(tid)
            docs.append(docnum)
            weights.append(n * field_boost * boost)
            values.append(_PACKED_COUNTS[n] if n < 256 else pack_uint(n))
        return sum(counts.values())

    def ordered(self):
        """(term bytes, start, stop) per term in byte order, with the permutation that puts the
        postings in (term, document) order."""
        words = sorted(self.terms)
        rank = np.empty(len(words), dtype=np.int64)
        rank[[self.terms[w] for w in words]] = np.arange(len(words))
        keys = rank[np.frombuffer(self.tids, dtype=np.uint32)]
        docs = np.frombuffer(self.docs, dtype=np.uint32)
        order = np.lexsort((docs, keys))
        bounds = np.searchsorted(keys[order], np.arange(len(words) + 1))
        return words, bounds, order


class FlatPool:
    """Stands in for Whoosh's PostingPool: the same `add` for postings that come through Whoosh's
    own paths (merging segments into the writer), the flat arrays for the rest."""

    def __init__(self, schema=None):
        self.schema = schema
        self.fields: dict[str, FieldPostings] = {}

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def field(self, name: str) -> FieldPostings:
        postings = self.fields.get(name)
        if postings is None:
            postings = self.fields[name] = FieldPostings(self._fixed_size_values(name))
        return postings

    def _fixed_size_values(self, name: str) -> bool:
        if self.schema is None or name not in self.schema:
            return False
        size = self.schema[name].format.fixed_value_size()
        return size is not None and size >= 0

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self.field(fieldname).add(tbytes, docnum, weight, vbytes)

    def iter_postings(self):
        for name in sorted(self.fields):
            postings = self.fields[name]
            words, bounds, order = postings.ordered()
            for k, word in enumerate(words):
                for i in order[bounds[k]:bounds[k + 1]]:
                    value = postings.values[i] if postings.values is not None else None
                    yield name, word, int(postings.docs[i]), postings.weights[i], value

    def save(self) -> None:
        """Nothing to spill: the arrays take about 20 bytes per posting."""

    def cleanup(self) -> None:
        self.fields.clear()


def _field_lengths(pdr, fieldname: str, doccount: int) -> np.ndarray:
    """Every document's length of `fieldname` as the codec will report it (0 = none): the length
    column's one-byte buffer read at once where it is the plain numeric column."""
    reader = pdr._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if reader is None:
        return np.zeros(doccount, dtype=np.int64)
    stored = np.zeros(doccount, dtype=np.uint8)
    written = fixed_width_values(reader, doccount)
    if written is not None:
        stored[:len(written)] = written
    else:
        stored[:] = [reader[d] for d in range(doccount)]
    return _LENGTH_OF_BYTE[stored] * (stored > 0)


def write_field(fieldwriter, name: str, fieldobj, postings: FieldPostings, lengths: np.ndarray,
                blocklimit: int, flat: PostingsFileWriter | None = None) -> None:
    """One field's posting lists through the W3 field writer, a block at a time. The block
    buffer of Whoosh's W3PostingsWriter is filled directly (ids, weights, values, statistics)
    instead of through add_posting per posting; `_write_block` and `finish_postings` then encode
    and write it exactly as they would. `flat` gets the same lists for the segment's postings
    file (postings_file.py), keyed by where each list starts in Whoosh's postings file."""
    words, bounds, order = postings.ordered()
    docs = np.frombuffer(postings.docs, dtype=np.uint32)[order]
    weights = np.frombuffer(postings.weights, dtype=np.float64)[order]
    weights32 = weights.astype(np.float32)
    doc_lengths = lengths[docs] if len(lengths) else np.zeros(len(docs), dtype=np.int64)
    values = postings.values
    if values is not None:
        values = [values[i] for i in order]
    fieldwriter.start_field(name, fieldobj)
    starts_at = np.zeros(len(words), dtype=np.uint64)
    for k, word in enumerate(words):
        start, stop = int(bounds[k]), int(bounds[k + 1])
        fieldwriter.start_term(word)
        writer = fieldwriter._postwriter
        starts_at[k] = writer._startoffset
        for low in range(start, stop, blocklimit):
            high = min(low + blocklimit, stop)
            writer._ids = array("I", docs[low:high].tobytes())
            writer._weights = array("f", weights32[low:high].tobytes())
            writer._values = [v for v in values[low:high] if v] if values is not None else []
            writer._maxweight = max(0, float(weights[low:high].max()))
            block_lengths = doc_lengths[low:high]
            present = block_lengths[block_lengths > 0]
            writer._minlength = int(present.min()) if len(present) else None
            writer._maxlength = int(block_lengths.max())
            if high < stop:
                writer._write_block()
        fieldwriter.finish_term()
    fieldwriter.finish_field()
    if flat is not None:
        flat.add_field(starts_at, bounds, docs, weights32)


class FlatSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with the flat pool (see the module docstring)."""

    def __init__(self, ix, **kwargs):
        if not supports(ix.schema):   # before the writer takes the index lock
            raise ValueError("FlatSegmentWriter: the schema has term vectors or separate spelling fields")
        super().__init__(ix, **kwargs)
        self.pool = FlatPool(self.schema)

    def add_document(self, **fields):
        """Whoosh's add_document for schemas without vectors and separate spelling: the same
        per-document values, lengths and columns, the postings into the flat pool."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    postings = self.pool.field(fieldname)
                    if isinstance(field.format, FastFrequency) and isinstance(field.analyzer, GermanAnalyzer) \
                            and isinstance(value, str):
                        length = postings.add_counts(docnum, field.analyzer.counts(value),
                                                     field.format.field_boost, boost)
                    else:
                        length = postings.add_document(docnum, field.index(value), boost, field.scorable)
                custom = fields.get("_stored_%s" % fieldname, value)
                perdocwriter.add_field(fieldname, field, custom if field.stored else None, length)
                column = field.column_type
                if column and custom is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(custom))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader()
        folder = getattr(self.storage, "folder", None)   # a file storage: write the postings file too
        self._flat = PostingsFileWriter() if folder else None
        blocklimit = getattr(self.codec, "_blocklimit", 128)   # W3Codec's block size
        try:
            for name in sorted(self.pool.fields):
                postings = self.pool.fields[name]
                if not len(postings):
                    continue
                lengths = _field_lengths(pdr, name, self.docnum)
                flat = self._flat if name not in SKIPPED_FIELDS else None
                write_field(self.fieldwriter, name, self.schema[name], postings, lengths, blocklimit, flat)
                del postings
                self.pool.fields[name] = FieldPostings()   # free the arrays as soon as written
        finally:
            pdr.close()
        self.fieldwriter.close()


    def _assemble_segment(self):
        """After Whoosh has put the segment's files into its compound file: the postings file
        beside it (inside the compound file it could not be memory-mapped)."""
        super()._assemble_segment()
        flat, self._flat = getattr(self, "_flat", None), None
        if flat is not None:
            flat.write(postings_file.path_for(Path(self.storage.folder), self.get_segment()))


class _FlatSubWriterTask(SubWriterTask):
    """Whoosh's writer subprocess, with FlatSegmentWriter as its segment writer. The name is
    rebound in the child process only (it is forked after this point), never in the parent."""

    def run(self):
        multiproc.SegmentWriter = FlatSegmentWriter
        super().run()


class FlatMpWriter(MpWriter):
    """Whoosh's multiprocessing writer whose subprocesses write with FlatSegmentWriter."""

    def _new_task(self):
        task = _FlatSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                                  self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task
