"""index/segment_writer.py against Whoosh's own writer: the same documents written once by
Whoosh's SegmentWriter and once by FlatSegmentWriter must give byte-identical segment files
(postings blocks, term table, columns, stored fields, lengths), so every reader, every block
statistic and every score stays what Whoosh would have produced. Also through the two-process
writer, through merging (the pool's tuple path) and on an index read back by a search."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from bench.corpus import generate as generate_corpus
from index.fields import build_schema, to_document
from index.segment_writer import FlatMpWriter, FlatPool, FlatSegmentWriter, supports

OFFERS = 700   # common words get more than 128 postings: several blocks per list


@pytest.fixture(scope="module")
def documents():
    records = list(itertools.islice(generate_corpus(OFFERS), OFFERS))
    # a record with unusual values: no dates, no place, an empty description, repeated words
    odd = dict(records[0], id="odd", description="", start_date=None, end_date=None, location=None,
               title="Schweißen Schweißen Schweißen – Grundkurs")
    return [to_document(r, "") for r in [*records, odd]]


def _segment_files(directory: Path) -> dict[str, bytes]:
    """The files of the index's one segment by extension (segment names are random)."""
    ix = whoosh_index.open_dir(str(directory))
    segments = ix._segments()
    assert len(segments) == 1
    name = segments[0].segment_id()
    files = {p.name.split(".", 1)[1]: p.read_bytes() for p in directory.iterdir()
             if p.name.startswith(name) and not p.name.endswith(".wbpost")}   # ours: tested below
    assert not segments[0].is_compound()
    files["doc count, field lengths"] = repr((segments[0].doc_count_all(), sorted(segments[0]._fieldlengths.items())))
    return files


def _write(directory: Path, writer_class, documents) -> None:
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), build_schema())
    writer = writer_class(ix, compound=False)   # the segment's files one by one, not in one file
    for doc in documents:
        writer.add_document(**doc)
    writer.commit()


@pytest.fixture(scope="module")
def written(tmp_path_factory, documents) -> Path:
    """The documents written once by Whoosh's writer (whoosh/) and once by ours (flat/)."""
    root = tmp_path_factory.mktemp("written")
    _write(root / "whoosh", SegmentWriter, documents)
    _write(root / "flat", FlatSegmentWriter, documents)
    return root


def test_segment_files_are_byte_identical_to_whoosh(written):
    theirs, ours = _segment_files(written / "whoosh"), _segment_files(written / "flat")
    assert sorted(ours) == sorted(theirs)
    assert any(len(data) > 100_000 for data in theirs.values())   # a real amount of postings
    for extension in theirs:
        assert ours[extension] == theirs[extension], extension


def test_postings_blocks_and_statistics_read_back_the_same(written):
    with whoosh_index.open_dir(str(written / "whoosh")).reader() as theirs, \
            whoosh_index.open_dir(str(written / "flat")).reader() as ours:
        several_blocks = 0
        for fieldname in ("title", "description", "provider", "town", "start"):
            terms = list(theirs.all_terms())
            assert list(ours.all_terms()) == terms
            for field, text in [(f, t) for f, t in terms if f == fieldname]:
                a, b = theirs.term_info(field, text), ours.term_info(field, text)
                assert (b.doc_frequency(), b.weight(), b.min_length(), b.max_length(), b.max_weight(),
                        b.min_id(), b.max_id()) == (a.doc_frequency(), a.weight(), a.min_length(),
                                                    a.max_length(), a.max_weight(), a.min_id(), a.max_id())
                ma, mb = theirs.postings(field, text), ours.postings(field, text)
                assert list(mb.all_items()) == list(ma.all_items())
                several_blocks += a.doc_frequency() > 128
        assert several_blocks > 10


def test_two_processes_give_two_segments_with_every_document(tmp_path, documents):
    directory = tmp_path / "mp"
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), build_schema())
    writer = FlatMpWriter(ix, procs=2, multisegment=True, batchsize=50)
    for doc in documents:
        writer.add_document(**doc)
    writer.commit()
    ix = whoosh_index.open_dir(str(directory))
    assert len(ix._segments()) == 2
    with ix.searcher() as searcher:
        assert searcher.doc_count() == len(documents)
        ids = {stored["id"] for stored in searcher.all_stored_fields()}
        assert ids == {doc["id"] for doc in documents}
        from whoosh.query import Term
        expected = sum(1 for doc in documents if doc["town"] == documents[5]["town"])
        assert len(searcher.search(Term("town", documents[5]["town"]), limit=None)) == expected


def test_merging_segments_goes_through_the_pools_tuple_path(tmp_path, documents):
    """An update writer merges small segments by handing their postings to pool.add one by one:
    the merged index must equal one written by Whoosh's writer in the same steps."""
    for name, writer_class in (("whoosh", SegmentWriter), ("flat", FlatSegmentWriter)):
        directory = tmp_path / name
        directory.mkdir()
        ix = whoosh_index.create_in(str(directory), build_schema())
        for part in (documents[:120], documents[120:260]):   # two small segments, merged below
            writer = writer_class(ix, compound=False)
            for doc in part:
                writer.add_document(**doc)
            writer.commit()
        writer = writer_class(ix, compound=False)
        writer.delete_by_term("id", documents[3]["id"])
        writer.commit(optimize=True)
    theirs, ours = _segment_files(tmp_path / "whoosh"), _segment_files(tmp_path / "flat")
    for extension in theirs:
        assert ours[extension] == theirs[extension], extension


def test_pool_iterates_postings_in_term_then_document_order():
    pool = FlatPool()
    for item in [("b", b"y", 2, 1.0, b""), ("a", b"z", 0, 2.0, b"\x01"), ("a", b"x", 1, 1.0, None),
                 ("a", b"z", 1, 1.5, b"\x02"), ("a", b"x", 0, 1.0, None)]:
        pool.add(item)
    assert list(pool.iter_postings()) == [("a", b"x", 0, 1.0, None), ("a", b"x", 1, 1.0, None),
                                          ("a", b"z", 0, 2.0, b"\x01"), ("a", b"z", 1, 1.5, b"\x02"),
                                          ("b", b"y", 2, 1.0, None)]


def test_schemas_with_vectors_are_refused(tmp_path):
    from whoosh.fields import TEXT, Schema
    schema = Schema(body=TEXT(vector=True))
    assert not supports(schema) and supports(build_schema())
    ix = whoosh_index.create_in(str(tmp_path), schema)
    with pytest.raises(ValueError, match="vectors"):
        FlatSegmentWriter(ix)


# -- the postings file beside each segment (index/postings_file.py) ----------------------------------
def _live(reader, ids, weights) -> list[tuple[int, float]]:
    return [(int(d), float(w)) for d, w in zip(ids, weights) if not reader.is_deleted(int(d))]


def _flat_and_blocks(directory: Path, fields=("title", "description", "provider", "town", "title_pairs")):
    """term_postings through the postings files and through Whoosh's blocks, for every term."""
    from index.matching import FlatFiles, term_postings
    ix = whoosh_index.open_dir(str(directory))
    flat = FlatFiles(directory)
    with ix.reader() as reader:
        compared = 0
        for fieldname, text in reader.all_terms():
            if fieldname not in fields:
                continue
            term = text.decode("utf-8")
            # deleted documents are the caller's to mask (the live column): compare the live ones
            ours, theirs = [_live(reader, *term_postings(reader, fieldname, term, f)) for f in (flat, None)]
            assert ours == theirs, (fieldname, term)
            compared += 1
        used = [flat.of(leaf) for leaf, _ in reader.leaf_readers()]
    return compared, used


def test_postings_file_holds_every_list_as_whoosh_reads_it(written):
    directory = written / "flat"
    assert len(list(directory.glob("*.wbpost"))) == 1
    compared, used = _flat_and_blocks(directory)
    assert compared > 5000 and all(f is not None for f in used)


def test_postings_files_follow_their_segments_through_updates(tmp_path, documents):
    """Two writer processes: a file per segment; an update that merges everything into one segment
    leaves exactly that segment's file (Whoosh's clean-up removes the others with their segments);
    a segment written by Whoosh's own writer has none and is read from its blocks."""
    from index.segment_writer import FlatMpWriter
    directory = tmp_path / "mp"
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), build_schema())
    writer = FlatMpWriter(ix, procs=2, multisegment=True, batchsize=50)
    for doc in documents[:300]:
        writer.add_document(**doc)
    writer.commit()
    assert len(list(directory.glob("*.wbpost"))) == 2
    writer = SegmentWriter(ix)   # Whoosh's writer: a segment without a postings file
    for doc in documents[300:380]:
        writer.add_document(**doc)
    writer.delete_by_term("id", documents[10]["id"])
    writer.commit(merge=False)
    compared, used = _flat_and_blocks(directory)
    assert compared > 3000 and sum(f is None for f in used) == 1 and len(used) == 3
    writer = FlatSegmentWriter(ix)
    writer.commit(optimize=True)
    segments = whoosh_index.open_dir(str(directory))._segments()
    assert [p.name for p in directory.glob("*.wbpost")] == [segments[0].make_filename(".wbpost")]
    compared, used = _flat_and_blocks(directory)
    assert compared > 3000 and used[0] is not None
