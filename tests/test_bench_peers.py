"""The benchmark's peer engines (bench/peers.py) search the same thing as ours.

A peer that applied a filter loosely or counted facets differently would make the comparison
meaningless (faster because it does less). So: for every filters-only benchmark query, both
peers' totals and all ten facet counts must equal our engine's over the same 2,000 offers. Text
cannot agree (the peers have no synonyms, prefixes or compound parts; FTS5 does not stem), so
text queries only have to find something for most title words.

About 15 s (our Whoosh index of 2,000 offers is most of it): marked e2e.
"""
from __future__ import annotations

import itertools

import pytest

from bench.corpus import generate as generate_corpus
from bench.peers import PEERS, PeerResult, Row, measure, row_of
from bench.queries import FACET_FILTERS, BenchQuery, generate as generate_queries
from index import IndexStore, Searcher
from index.fields import FACETS, today_ymd

pytestmark = pytest.mark.e2e

OFFERS = 2000
QUERIES = 300


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(itertools.islice(generate_corpus(OFFERS), OFFERS))


@pytest.fixture(scope="module")
def queries(records) -> list[BenchQuery]:
    return generate_queries(records, QUERIES)


@pytest.fixture(scope="module")
def ours(records, tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("ours") / "index")
    store.rebuild((r, "") for r in records)
    searcher = Searcher(store)
    yield searcher
    searcher.close()


@pytest.fixture(scope="module", params=sorted(PEERS))
def peer(request, records, tmp_path_factory):
    """Each peer built once over the corpus (a missing tantivy fails here: it is a bench
    dependency, never a reason to skip)."""
    engine = PEERS[request.param](tmp_path_factory.mktemp(request.param))
    engine.build(records)
    yield engine
    engine.close()


def _is_plain(q: BenchQuery) -> bool:
    return not (q.filters or q.start_from or q.start_to or q.max_price is not None
                or q.max_hours is not None or q.near)


def test_filters_only_queries_cover_every_filter(queries):
    """The agreement test below means something only if the queries use every facet and filter."""
    used = {name for q in queries if q.kind == "filters_only" for name in q.filters}
    assert used == set(FACET_FILTERS)
    filters_only = [q for q in queries if q.kind == "filters_only"]
    assert any(q.start_from for q in filters_only) and any(q.near for q in filters_only)
    assert any(q.max_price is not None for q in filters_only) and any(q.max_hours is not None for q in filters_only)


def test_filters_only_totals_and_all_facets_equal_ours(peer, ours, queries):
    filters_only = [q for q in queries if q.kind == "filters_only"]
    assert len(filters_only) >= 40
    differences = []
    for q in filters_only:
        expected = ours.search(q.to_search_query())
        got = peer.search(q)
        want = {name: dict(expected.facets[name]) for name in FACETS}
        if got.total != expected.total or got.facets != want:
            wrong = {name: (got.facets.get(name), want[name]) for name in FACETS if got.facets.get(name) != want[name]}
            differences.append((q, got.total, expected.total, wrong))
    assert not differences, f"{peer.name}: {len(differences)} of {len(filters_only)} differ, first: {differences[0]}"


def test_filters_only_page_is_the_first_page_size(peer, queries):
    for q in (q for q in queries if q.kind == "filters_only"):
        got = peer.search(q)
        first_page = min(20, max(0, got.total - (q.page - 1) * 20))
        assert len(got.ids) == first_page, q


def test_most_title_words_find_offers(peer, queries):
    """No filters: a title word of the corpus should find something. Not all of them: FTS5
    matches whole words only and the title words include short forms and inflections."""
    plain = [q for q in queries if q.kind == "title_word" and _is_plain(q)]
    assert len(plain) >= 20
    found = sum(1 for q in plain if peer.search(q).total > 0)
    assert found >= 0.8 * len(plain), f"{peer.name}: {found} of {len(plain)} title words found"


def test_words_are_and_and_phrases_match_titles(peer, records):
    """Every word must match; a quoted phrase finds titles with the words in that order."""
    title = next(r["title"] for r in records if len(r["title"].split()) >= 2 and r["title"].split()[1].isalpha()
                 and r["title"].split()[0].isalpha())
    first, second = title.split()[:2]
    both = peer.search(BenchQuery(kind="t", text=f"{first} {second}")).total
    assert 0 < both <= min(peer.search(BenchQuery(kind="t", text=first)).total,
                           peer.search(BenchQuery(kind="t", text=second)).total)
    assert 0 < peer.search(BenchQuery(kind="t", text=f'"{first} {second}"')).total <= both
    assert peer.search(BenchQuery(kind="t", text=f'"{second} {first}"')).total < both


@pytest.mark.parametrize("text", ['"', '*', 'NEAR(a b)', 'title:x', 'a AND OR NOT', '-', 'Excel*', '"Erste Hilfe',
                                  'Kurs"e', "x' OR 1=1 --", "(", "^2", "ü ß"])
def test_user_text_is_never_query_syntax(peer, text):
    result = peer.search(BenchQuery(kind="t", text=text))
    assert isinstance(result, PeerResult) and result.total >= 0


def test_update_replaces_records_by_id(records, tmp_path):
    """An update of 50 offers: same number of offers, the new title word finds exactly the
    updated ones that are not over, the old versions are gone."""
    subset = records[:300]
    changed = [dict(r, title=r["title"] + " Zebrakurs") for r in subset[:50]]
    current = sum(1 for r in changed if row_of(r).end_ymd >= today_ymd())
    for name, engine_class in PEERS.items():
        engine = engine_class(tmp_path / name)
        try:
            engine.build(subset)
            before = engine.search(BenchQuery(kind="filters_only")).total
            assert engine.update(changed) > 0
            assert engine.search(BenchQuery(kind="filters_only")).total == before, name
            engine.clear_caches()
            hits = engine.search(BenchQuery(kind="t", text="Zebrakurs"))
            assert hits.total == current and set(hits.ids) <= {r["id"] for r in changed}, name
        finally:
            engine.close()


def test_measure_reports_every_figure(records, queries, tmp_path):
    for name, engine_class in PEERS.items():
        engine = engine_class(tmp_path / name)
        try:
            figures = measure(engine, records[:200], queries[:15])
        finally:
            engine.close()
        for key in ("build_s", "update_1000_s", "cold_p50_ms", "cold_p95_ms", "cold_p99_ms",
                    "warm_p50_ms", "warm_p95_ms"):
            assert figures[key] > 0, (name, key, figures)


def test_row_derives_facets_as_our_index_does():
    """Bands, month and district as index/fields.py derives them; empty values are no value."""
    row = row_of({"id": "x", "provider": "P", "title": "T", "start_date": "2027-03-05", "end_date": None,
                  "price_eur": 0.0, "duration_hours": 8, "format": "onsite", "category": "it",
                  "location": {"town": "Annaberg-Buchholz", "lat": 50.58, "lon": 13.0}, "funding": ["qcg", "nope"],
                  "certificate": None})
    assert isinstance(row, Row)
    assert row.facets["start_month"] == "202703" and row.end_ymd == 20270305
    assert row.facets["price_band"] == "free" and row.facets["duration_band"] == "upto8h"
    assert row.facets["district"] == "Erzgebirgskreis" and "certificate" not in row.facets
    assert row.funding == ("qcg",)
