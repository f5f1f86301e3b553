"""The Whoosh index on real temp directories: German matching, facets, filters, incremental updates."""
from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from index import SearchQuery, Searcher
from wbportal.catalogue import content_hash


def ids(result):
    return sorted(h.record["id"] for h in result.hits)


def test_german_folding_and_stemming(index_store):
    s = Searcher(index_store)
    # "Schweißen" matches "Schweissen" (ß/ss) at two providers; past offers are hidden.
    result = s.search(SearchQuery(text="Schweißen"))
    assert ids(result) == ["a-1", "a-2", "b-1"]
    assert {h.record["provider"] for h in result.hits} == {"ErzWerk Bildungszentrum GmbH",
                                                           "Sicherheits- und Technikakademie Erzgebirge GmbH"}
    assert ids(s.search(SearchQuery(text="schweissen"))) == ["a-1", "a-2", "b-1"]


def test_title_outranks_description(index_store):
    # "Aufbaukurs" is in the title of c-1 ("Excel Aufbaukurs") and only in the description of b-1;
    # c-1 also starts first, so the scores must differ, not only the order (ties go by start date).
    hits = Searcher(index_store).search(SearchQuery(text="Aufbaukurs")).hits
    assert [h.record["id"] for h in hits] == ["c-1", "b-1"]
    assert hits[0].score > 2 * hits[1].score, [(h.record["id"], h.score) for h in hits]


def test_facet_counts_are_exact(index_store):
    result = Searcher(index_store).search(SearchQuery())
    assert result.total == 6  # the 2025 course has ended
    assert dict(result.facets["category"]) == {"schweissen": 3, "stapler_kran": 1, "office": 1, "erste_hilfe": 1}
    assert dict(result.facets["town"]) == {"Zwönitz": 2, "Annaberg-Buchholz": 1, "Schwarzenberg/Erzgeb.": 1,
                                           "Marienberg": 1}
    assert dict(result.facets["format"]) == {"onsite": 5, "online": 1}


def test_filters_combine(index_store):
    s = Searcher(index_store)
    assert ids(s.search(SearchQuery(filters={"category": ["schweissen"], "town": ["Zwönitz"]}))) == ["b-1"]
    assert ids(s.search(SearchQuery(filters={"town": ["Zwönitz", "Marienberg"]}))) == ["b-1", "b-2", "c-2"]
    assert ids(s.search(SearchQuery(include_past=True, filters={"category": ["sprachen"]}))) == ["c-3"]


def test_sort_by_start_puts_open_dates_last(index_store):
    result = Searcher(index_store).search(SearchQuery(sort="start"))
    starts = [h.record["start_date"] for h in result.hits]
    assert starts == ["2027-01-20", "2027-02-01", "2027-03-01", "2027-04-10", "2027-06-07", None]


def test_hostile_query_syntax_never_raises(index_store):
    s = Searcher(index_store)
    for text in ['"', "title:(", "AND OR NOT", "*", "((((", "schweißen^^^", "~", "x" * 2000, "}{][", "title:"]:
        s.search(SearchQuery(text=text))


def test_highlight_marks_matches_without_markup(index_store):
    from webui.filters import safe_highlight
    result = Searcher(index_store).search(SearchQuery(text="Edelstahl"))
    # The index marks the match with sentinels only and leaves the scraped markup as plain text ...
    assert result.hits[0].highlight == "… <script>alert(1)</script> für \x01Edelstahl\x02 und Aluminium."
    # ... which the web UI escapes entirely before turning the sentinels into <mark>.
    assert str(safe_highlight(result.hits[0].highlight)) == (
        "… &lt;script&gt;alert(1)&lt;/script&gt; für <mark>Edelstahl</mark> und Aluminium.")


def test_incremental_apply_and_searcher_refresh(index_store, offer_records):
    s = Searcher(index_store)
    assert s.search(SearchQuery(text="Gabelstapler*")).total == 1
    changed = dict(offer_records[3], title="Gabelstapler Auffrischung")
    index_store.apply([(changed, content_hash(changed))], deletes=["c-1"])
    assert ids(s.search(SearchQuery(text="Auffrischung"))) == ["b-2"]
    assert s.search(SearchQuery(text="Excel")).total == 0
    assert s.search(SearchQuery()).total == 5


def test_rebuild_swaps_while_searching(index_store, offer_records):
    s = Searcher(index_store)
    errors, searched, done = [], [], threading.Event()

    def search_loop():
        try:
            while not done.is_set():
                generation = index_store.current.resolve()
                assert s.search(SearchQuery(text="Schweißen")).total == 3
                searched.append(generation)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    t = threading.Thread(target=search_loop)
    t.start()
    try:
        for _ in range(3):
            index_store.rebuild((r, content_hash(r)) for r in offer_records)
            # searching goes on until a search has run on the new generation (or the loop died)
            new = index_store.current.resolve()
            deadline = time.monotonic() + 10
            while new not in searched and t.is_alive() and time.monotonic() < deadline:
                time.sleep(0.001)
    finally:
        done.set()
        t.join()
    assert not errors
    assert len(set(searched)) == 4, len(set(searched))  # searches ran on the first and all three new generations
def test_each_facet_counts_ignore_its_own_selection(index_store):
    result = Searcher(index_store).search(SearchQuery(filters={"town": ["Zwönitz"], "category": ["schweissen"]}))
    assert ids(result) == ["b-1"]
    # town counts: all welding offers by town (the town selection itself is ignored) ...
    assert dict(result.facets["town"]) == {"Annaberg-Buchholz": 1, "Schwarzenberg/Erzgeb.": 1, "Zwönitz": 1}
    # ... category counts: everything in Zwönitz by category
    assert dict(result.facets["category"]) == {"schweissen": 1, "stapler_kran": 1}
    # a facet without selection counts within all selections
    assert dict(result.facets["format"]) == {"onsite": 1}


def test_derived_facets_months_duration_and_price_bands(index_store):
    facets = Searcher(index_store).search(SearchQuery()).facets
    assert dict(facets["start_month"]) == {"202701": 1, "202702": 1, "202703": 1, "202704": 1, "202706": 1}
    assert dict(facets["price_band"]) == {"free": 1, "upto250": 1, "250to1000": 2, "1000to3000": 2}
    assert dict(facets["duration_band"]) == {"8to24h": 2, "24to80h": 3}
    assert dict(facets["funding"]) == {"bildungsgutschein": 2, "weiterbildungsscheck": 1}
    assert dict(facets["district"]) == {"Erzgebirgskreis": 5}


def test_filters_date_window_rolling_price_duration(index_store):
    s = Searcher(index_store)
    window = SearchQuery(start_from=date(2027, 2, 1), start_to=date(2027, 4, 30))
    assert ids(s.search(window)) == ["a-1", "b-1", "b-2", "c-2"]  # c-2 has no date: included by default
    window.include_rolling = False
    assert ids(s.search(window)) == ["a-1", "b-1", "b-2"]
    assert ids(s.search(SearchQuery(max_price=300))) == ["b-2", "c-1", "c-2"]
    assert ids(s.search(SearchQuery(max_hours=20))) == ["b-2", "c-1"]


def test_radius_and_distance_sort(index_store):
    from normalize import gazetteer
    annaberg = gazetteer().lookup("Annaberg-Buchholz")
    s = Searcher(index_store)
    near = SearchQuery(near=(annaberg.lat, annaberg.lon), radius_km=25, sort="distance")
    result = s.search(near)
    # every place-bound current offer is within 25 km; b-2 and b-1 (same venue) go by start date
    assert result.total == 5
    assert [h.record["id"] for h in result.hits] == ["a-1", "c-2", "b-2", "b-1", "a-2"]
    assert [h.distance_km for h in result.hits] == [0.4, 13.4, 14.9, 14.9, 16.6]
    assert result.hits[0].distance_km < 1  # the fixture gives a venue in town, not its centre
    assert "c-1" not in ids(result)  # online: no place, not in a radius
    # smaller circles leave out what lies beyond them (a-2 at 16.6 km, then all but a-1)
    assert [h.record["id"] for h in s.search(SearchQuery(near=near.near, radius_km=15, sort="distance")).hits] == [
        "a-1", "c-2", "b-2", "b-1"]
    assert ids(s.search(SearchQuery(near=near.near, radius_km=10))) == ["a-1"]


def test_sort_by_price_puts_unknown_last(index_store, offer_records):
    # two offers without a price, one starting before every other offer, one without a date
    early = dict(offer_records[3], id="d-1", course_key="d-1", price_eur=None, start_date="2027-01-05",
                 end_date="2027-01-06")
    undated = dict(offer_records[5], id="d-2", course_key="d-2", price_eur=None)
    index_store.apply([(r, content_hash(r)) for r in (early, undated)])
    hits = Searcher(index_store).search(SearchQuery(sort="price")).hits
    assert [h.record["price_eur"] for h in hits] == [0.0, 89.0, 290.0, 990.0, 1450.0, 1450.0, None, None]
    assert [h.record["id"] for h in hits] == ["c-2", "c-1", "b-2", "b-1", "a-1", "a-2", "d-1", "d-2"]


def test_did_you_mean_and_as_you_type(index_store):
    s = Searcher(index_store)
    result = s.search(SearchQuery(text="Schweissne"))
    assert result.total == 0 and result.suggestion in ("schweissen", "schweißen")
    assert s.suggest("Gabel") == ["Gabelstaplerfahrer-Ausbildung"]
    assert s.suggest("mag sch") == ["MAG-Schweißen Grundlehrgang"]
    assert s.suggest("x") == []


def test_second_writer_waits_then_reports_busy(index_store, offer_records):
    from index.store import IndexBusy
    ix = index_store.open()
    held = ix.writer()
    try:
        with pytest.raises(IndexBusy, match="locked by another writer"):
            index_store._writer(ix, wait_s=0.5)
    finally:
        held.cancel()
