"""The search's fast paths against Whoosh's own readers, and the warm-up of a new generation.

Columns are read as arrays (strings from their terms' postings, numbers from the raw column
buffers), postings block by block with a cumulative sum, phrases through title stem pairs, and
course ids from hash columns. Each must give what the slow, documented Whoosh way gives, also
after an incremental update leaves deleted documents in a segment.
"""
from __future__ import annotations

import threading
import time

import numpy as np

from index import IndexStore, SearchQuery, Searcher
from index.columns import NUMERIC, Columns
from index.grouping import group_courses
from index.fields import STRING_FACETS
from index.matching import term_postings


def _records(n: int = 60) -> list[dict]:
    towns = [("Annaberg-Buchholz", 50.58, 13.0), ("Zwönitz", 50.63, 12.81), ("Aue-Bad Schlema", 50.59, 12.7)]
    titles = ["Erste Hilfe am Kind", "Kind und Hilfe im Alltag", "Erste Hilfe Grundkurs", "Schweißen MAG Grundkurs",
              "Excel für Einsteiger", "Hilfe für Erste Schritte"]
    out = []
    for i in range(n):
        town, lat, lon = towns[i % 3]
        out.append({"id": f"o{i}", "course_key": f"c{i // 2}", "source": f"s{i % 4}", "provider": f"Anbieter {i % 5}",
                    "title": titles[i % len(titles)], "description": f"Beschreibung Nummer {i} mit Wort{i % 7}",
                    "start_date": f"2030-0{1 + i % 9}-1{i % 10}", "end_date": f"2030-0{1 + i % 9}-2{i % 10}",
                    "rolling_start": False, "duration_hours": float(4 + i % 50), "price_eur": float(i * 10),
                    "format": ["onsite", "online", "blended"][i % 3],
                    "location": {"town": town, "lat": lat, "lon": lon}, "category": ["erste_hilfe", "office"][i % 2],
                    "funding": [["bildungsgutschein"], [], ["qcg", "weiterbildungsscheck"]][i % 3],
                    "certificate": None if i % 4 else "attendance"})
    return out


def _store_with_deletions(tmp_path) -> IndexStore:
    records = _records()
    store = IndexStore(tmp_path / "index")
    store.rebuild((r, "") for r in records)
    # a second segment, and deleted documents left in the first
    store.apply([(dict(r, price_eur=1.0, title=r["title"] + " neu", location={"town": "Zwönitz", "lat": 50.63,
                                                                            "lon": 12.81}), "x")
                 for r in records[:10]], deletes=[r["id"] for r in records[20:25]])
    return store


def test_columns_equal_whoosh_column_readers_with_deleted_documents(tmp_path):
    store = _store_with_deletions(tmp_path)
    reader = store.open().searcher().reader()
    assert reader.has_deletions()
    columns = Columns(reader)
    live = np.zeros(columns.size, bool)
    live[list(reader.all_doc_ids())] = True
    assert (columns.live == live).all()
    assert columns.live.sum() == 55
    for name in NUMERIC:
        slow = np.fromiter(reader.column_reader(name), dtype=np.int64, count=columns.size)
        assert (slow[live] == columns.numbers[name][live]).all(), name
    for name in STRING_FACETS:
        slow = np.array(list(reader.column_reader(name)), dtype=object)
        column = columns.strings[name]
        assert (slow[live] == column.vocab[column.codes][live]).all(), name
    # negative signed values survive the sortable shift (longitudes west of Greenwich)
    assert set(columns.numbers["lat_e5"][live]) == {5058000, 5063000, 5059000}


def test_block_postings_equal_whoosh_matcher(tmp_path):
    store = _store_with_deletions(tmp_path)
    reader = store.open().searcher().reader()
    for field, term in (("title", "hilf"), ("description", "beschreib"), ("category", "office")):
        ids, _ = term_postings(reader, field, term)
        slow = sorted(d for d in reader.postings(field, term).all_ids())   # deleted ones filtered
        assert sorted(set(ids.tolist()) & set(reader.all_doc_ids())) == slow, field


def test_phrase_keeps_word_order_and_allows_stop_words_between(tmp_path):
    store = IndexStore(tmp_path / "index")
    store.rebuild((r, "") for r in _records())
    searcher = Searcher(store)

    def titles(text):
        return {h.record["title"] for h in searcher.search(SearchQuery(text=text, page_size=100)).hits}

    assert titles('"Erste Hilfe"') == {"Erste Hilfe am Kind", "Erste Hilfe Grundkurs"}   # not "Hilfe für Erste"
    assert titles('"Hilfe Kind"') == {"Erste Hilfe am Kind"}          # "am" between: still the phrase
    assert titles('"Kind Hilfe"') == {"Kind und Hilfe im Alltag"}
    assert titles('"Alltag Hilfe"') == set()                          # wrong order
    assert titles('"Erste Hilfe am Kind"') == {"Erste Hilfe am Kind"}
    assert titles('"Hilfe Grundkurs"') == {"Erste Hilfe Grundkurs"}


def test_course_ids_from_columns_group_like_records(tmp_path):
    store = IndexStore(tmp_path / "index")
    records = _records()
    # the same course at two sources: one course by title and provider
    records.append(dict(records[0], id="other-0", course_key="elsewhere", source="regional"))
    store.rebuild((r, "") for r in records)
    result = Searcher(store).search(SearchQuery(text="Kind", group_courses=True, page_size=100))
    found = sorted(sorted(r["id"] for r in h.group.runs) for h in result.hits)
    # the record-based definition (grouping.group_courses) over the same matching runs
    matching = [r for r in records if "Kind" in r["title"]]
    expected = sorted(sorted(r["id"] for r in g.runs) for g in group_courses(matching))
    assert found == expected
    assert ["o0", "o1", "o30", "o31", "other-0"] in found   # course_key c0, and other sources by title+provider


def test_background_searcher_serves_old_generation_until_the_new_one_is_warm(tmp_path, monkeypatch):
    store = IndexStore(tmp_path / "index")
    records = _records()
    store.rebuild((r, "") for r in records)
    searcher = Searcher(store, background=True)
    assert searcher.search(SearchQuery(text="Excel")).total > 0
    searcher.search(SearchQuery(text="Grundkurs"))   # a word the warm-up replays
    opened = threading.Event()
    release = threading.Event()
    original = Searcher._warm_words

    def slow_warm(self, state, previous, pause=lambda: None):
        opened.set()
        assert ("grundkur", True) in previous.postings.cached_keys()
        release.wait(10)
        original(self, state, previous, pause)
        assert ("grundkur", True) in state.postings.cached_keys()   # replayed before the switch

    monkeypatch.setattr(Searcher, "_warm_words", slow_warm)
    store.apply([(dict(r, title="Staplerfahrer Neu"), "x") for r in records[:5]])
    t0 = time.perf_counter()
    stale = searcher.search(SearchQuery(text="Staplerfahrer"))
    assert stale.total == 0                      # served by the previous generation...
    assert time.perf_counter() - t0 < 5          # ...without waiting for the new one
    assert opened.wait(5)
    assert searcher.search(SearchQuery(text="Staplerfahrer")).total == 0   # still warming
    release.set()
    deadline = time.monotonic() + 10
    while searcher.search(SearchQuery(text="Staplerfahrer")).total != 5:
        assert time.monotonic() < deadline, "the warmed generation was never switched to"
        time.sleep(0.05)
    searcher.close()


def test_warm_up_gives_way_while_a_search_runs(tmp_path):
    """The background warm-up waits between its steps while a search is in flight (in one worker
    they share the interpreter), and switches once the search has ended."""
    store = IndexStore(tmp_path / "index")
    records = _records()
    store.rebuild((r, "") for r in records)
    searcher = Searcher(store, background=True)
    assert searcher.search(SearchQuery(text="Excel")).total > 0
    swaps = searcher.swaps
    store.apply([(dict(r, title="Staplerfahrer Neu"), "x") for r in records[:5]])
    with searcher.requests:   # a search in flight (entered as Searcher.search does)
        assert searcher.search(SearchQuery(text="Staplerfahrer")).total == 0   # starts the warm-up
        time.sleep(0.8)
        assert searcher.swaps == swaps, "the warm-up ran beside a search in flight"
    deadline = time.monotonic() + 10
    while searcher.swaps == swaps:
        assert time.monotonic() < deadline, "the warm-up did not resume after the search"
        time.sleep(0.02)
    assert searcher.search(SearchQuery(text="Staplerfahrer")).total == 5
    searcher.close()


def test_warm_up_waits_for_searches_only_within_its_budget():
    from index.search import RequestGate
    gate = RequestGate()
    gate.BUDGET_S = 0.2
    pause = gate.pauser()
    with gate:
        t0 = time.monotonic()
        pause()   # busy all along: returns when the budget is spent
        assert 0.15 < time.monotonic() - t0 < 2
        t0 = time.monotonic()
        pause()   # the budget is spent: no more waiting
        assert time.monotonic() - t0 < 0.05
    assert gate.busy()   # just ended: the page is still being rendered
    time.sleep(gate.QUIET_S + 0.02)
    assert not gate.busy()


def test_watcher_opens_the_index_before_the_first_request(tmp_path):
    store = IndexStore(tmp_path / "index")
    store.rebuild((r, "") for r in _records())
    searcher = Searcher(store, background=True, watch_s=0.05)
    searcher.watch()
    deadline = time.monotonic() + 10
    while searcher.swaps == 0:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    store.apply([(dict(r, title="Kranführer"), "x") for r in _records()[:3]])
    while searcher.swaps < 2:
        assert time.monotonic() < deadline, "the watcher did not warm the new generation"
        time.sleep(0.02)
    assert searcher.search(SearchQuery(text="Kranführer")).total == 3
    searcher.close()


def test_index_without_new_fields_still_updates_and_groups(tmp_path, monkeypatch):
    """An index built before the course and pair fields: updates drop the unknown fields, grouping
    reads the stored records, phrases use positions."""
    from index import fields as index_fields
    from index import store as index_store

    original = index_fields.build_schema

    def old_schema():
        schema = original()
        for name in ("course_hash", "identity_hash", "title_pairs"):
            schema.remove(name)
        return schema

    monkeypatch.setattr(index_store, "build_schema", old_schema)
    store = IndexStore(tmp_path / "index")
    records = _records()
    store.rebuild((r, "") for r in records)
    store.apply([(dict(records[0], title="Erste Hilfe am Kind Neu"), "x")])
    searcher = Searcher(store)
    assert {h.record["title"] for h in searcher.search(SearchQuery(text='"Hilfe Kind"')).hits} == \
        {"Erste Hilfe am Kind", "Erste Hilfe am Kind Neu"}
    grouped = searcher.search(SearchQuery(text="Kind", group_courses=True, page_size=100))
    assert grouped.total_courses is not None and grouped.total_courses < grouped.total


def test_courses_ranked_from_the_best_runs_equal_sorting_every_run(tmp_path, monkeypatch):
    """_ranked_courses sorts only a prefix of the best runs: for every kind of query, sort and page
    the grouped results must equal those of sorting every matching run (the former way)."""
    import itertools
    from bench.corpus import generate as generate_corpus
    from bench.queries import generate as generate_queries

    records = list(itertools.islice(generate_corpus(3000), 3000))
    store = IndexStore(tmp_path / "index")
    store.rebuild((r, "") for r in records)
    queries = generate_queries(records, 160)
    searcher = Searcher(store)

    def every_run(cls, q, cols, final, scores, course_of, needed):
        order = cls._order(q, cols, final, scores, int(np.count_nonzero(final)))
        courses, first = np.unique(course_of[order], return_index=True)
        return courses[np.argsort(first, kind="stable")], len(courses)

    def page_of(sq):
        result = searcher.search(sq)
        return result.total_courses, [(h.record["id"], [r["id"] for r in h.group.runs]) for h in result.hits]

    compared = 0
    for bq in queries:
        for page in (1, 3):
            sq = bq.to_search_query(group_courses=True)
            sq.page = page
            ours = page_of(sq)
            with monkeypatch.context() as m:
                m.setattr(Searcher, "_ranked_courses", classmethod(every_run))
                theirs = page_of(sq)
            assert ours == theirs, (bq, page)
            compared += bool(ours[1])
    assert compared > 100
    searcher.close()
