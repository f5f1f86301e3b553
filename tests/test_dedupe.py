"""The same run listed by two sources is one search result naming both listings; the catalogue
keeps each source's own record, so either source can drop it without losing the other."""
from __future__ import annotations

from index import IndexStore, SearchQuery, Searcher
from normalize import Offer, dedupe_key, merge_duplicates
from dbhelpers import catalogue_at
from wbportal.ops.pipeline import rebuild_index, update_index


def offer(oid: str, source: str, provider: str, title: str, start: str | None, town: str | None = "Annaberg-Buchholz",
          **extra) -> dict:
    return {"id": oid, "course_key": f"{source}-k", "source": source, "provider": provider, "title": title,
            "url": f"https://{source}.example/{oid}", "start_date": start, "end_date": start,
            "location": {"town": town} if town else None, "format": "onsite" if town else "online",
            "first_seen": extra.pop("first_seen", "2026-11-01T02:00:00+00:00"), **extra}


OWN = offer("own-1", "erzwerk", "ErzWerk Bildungszentrum GmbH", "MAG-Schweißen Grundkurs", "2027-03-01",
            price_eur=1450.0, description="Kehlnähte im MAG-Verfahren.")
DATABASE = offer("db-7", "regio", "ErzWerk Bildungszentrum", "MAG Schweißen – Grundkurs", "2027-03-01",
                 first_seen="2026-11-10T02:00:00+00:00")
OTHER_DAY = offer("db-8", "regio", "ErzWerk Bildungszentrum", "MAG Schweißen – Grundkurs", "2027-05-03")
OTHER_PROVIDER = offer("db-9", "regio", "DRK Kreisverband", "MAG-Schweißen Grundkurs", "2027-03-01")
UNDATED = [offer("u-1", "erzwerk", "ErzWerk", "Kranführer", None), offer("u-2", "regio", "ErzWerk", "Kranführer", None)]


def test_key_ignores_spelling_and_legal_form_but_not_date_provider_or_town():
    assert dedupe_key(OWN) == dedupe_key(DATABASE)
    assert dedupe_key(OWN) != dedupe_key(OTHER_DAY)
    assert dedupe_key(OWN) != dedupe_key(OTHER_PROVIDER)
    assert dedupe_key(OWN) != dedupe_key(dict(DATABASE, location={"town": "Zschopau"}))
    assert dedupe_key(UNDATED[0]) is None


def test_merge_keeps_the_first_seen_listing_and_names_the_other():
    merged, dropped = merge_duplicates([DATABASE, OWN, OTHER_DAY, OTHER_PROVIDER, *UNDATED])
    assert dropped == {"db-7": "own-1"}
    primary = next(r for r in merged if r["id"] == "own-1")
    assert primary["also_at"] == [{"source": "regio", "provider": "ErzWerk Bildungszentrum",
                                   "url": "https://regio.example/db-7"}]
    assert sorted(r["id"] for r in merged) == ["db-8", "db-9", "own-1", "u-1", "u-2"]


def full(record: dict) -> dict:
    return Offer.model_validate({k: v for k, v in record.items()}).to_record()


def test_catalogue_and_index_merge_across_sources_and_survive_removal(tmp_path, database_url):
    catalogue = catalogue_at(database_url)
    store = IndexStore(tmp_path / "index")
    rebuild_index(catalogue, store)
    update_index(catalogue, store, catalogue.apply("erzwerk", [full(OWN)], remove_missing=True))
    update_index(catalogue, store, catalogue.apply("regio", [full(DATABASE), full(OTHER_DAY)], remove_missing=True))

    hits = Searcher(store).search(SearchQuery(text="Schweißen")).hits
    assert sorted(h.record["id"] for h in hits) == ["db-8", "own-1"]
    own = next(h.record for h in hits if h.record["id"] == "own-1")
    assert [a["url"] for a in own["also_at"]] == ["https://regio.example/db-7"]

    # The provider's own site drops the run: the database's listing takes its place.
    update_index(catalogue, store, catalogue.apply("erzwerk", [], remove_missing=True))
    hits = Searcher(store).search(SearchQuery(text="Schweißen")).hits
    assert sorted(h.record["id"] for h in hits) == ["db-7", "db-8"]
    assert all(h.record["also_at"] == [] for h in hits)

    # A rebuild from the catalogue gives the same result as the incremental updates.
    update_index(catalogue, store, catalogue.apply("erzwerk", [full(OWN)], remove_missing=True))
    rebuild_index(catalogue, store)
    hits = Searcher(store).search(SearchQuery(text="Schweißen")).hits
    assert sorted(h.record["id"] for h in hits) == ["db-8", "own-1"]
