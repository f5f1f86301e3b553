"""The `schema_org` source template against a replay site, in both of its modes.

tests/replay/schema_org/ is a WordPress site written from schema.org's and Yoast's shapes: a
sitemap index (course sitemap, page sitemap), JSON-LD Course pages with a hasCourseInstance list
(one inside @graph), an EducationEvent page, a live-online course (VirtualLocation), an evening
language course, a microdata page with two courses whose funding is only text inside each
course's element, overview pages with a JSON-LD ItemList and rel=next, a category page with a
microdata Course teaser, and pages without courses. expected.jsonl was written by reading the
pages (funding of the microdata page included, although its markup does not carry it).

One crawl of three sources: the four-line default (the sitemap), a five-line list-page source
(start URL the overview page), and a source that adds `detail.fields.funding` on the microdata
page (per-course scoping end to end)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.accuracy import FIELDS, score_site, table, url_key
from tests.replay.crawl import crawl_source
from tests.replay.server import replay_handler

SITE = Path(__file__).resolve().parent / "replay" / "schema_org"
PROVIDER = "Technik- und Bildungszentrum Zschopau gGmbH"
SITEMAP_SOURCE = f"""\
  tbz-zschopau:
    provider: {PROVIDER}
    template: schema_org
    site: {{site}}
"""
LIST_SOURCE = f"""\
  tbz-liste:
    provider: {PROVIDER}
    template: schema_org
    site: {{site}}
    start_urls: ["{{site}}/kurse/"]
"""
FUNDING_SOURCE = f"""\
  tbz-foerderung:
    provider: {PROVIDER}
    template: schema_org
    site: {{site}}
    start_urls: ["{{site}}/kurse/kaufmaennische-weiterbildung/"]
    detail: {{fields: {{funding: "p.foerderung"}}}}
"""
EXPECTED = [json.loads(line) for line in (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
MICRODATA_PAGE = "/kurse/kaufmaennische-weiterbildung/"
# Per-field floor of the share of offers right (default: all). Funding: the microdata page writes
# its two courses' funding only as text, which the template alone does not read (the third
# source's detail.fields does, see below).
FLOORS = {"funding": 0.8}
NOTHING_PAGES = ("/", "/kontakt/", "/impressum/", "/kurse/", "/kurse/seite/2/", "/kurse/sprachen/")


@pytest.fixture(scope="module")
def crawled(cli, serve, tmp_path_factory):
    """(crawl process, {source: records}, requested paths) of one crawl of the three sources."""
    data = tmp_path_factory.mktemp("schema_org")
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        text = "sources:\n" + "".join(s.replace("{site}", site) for s in (SITEMAP_SOURCE, LIST_SOURCE, FUNDING_SOURCE))
        proc, records = crawl_source(cli, data, text)
    by_source: dict[str, list] = {}
    for record in records:
        by_source.setdefault(record["source"], []).append(record)
    return proc, by_source, [r["path"] for r in requests]


def keys(records) -> list[tuple]:
    return sorted((url_key(r["url"]), r["start_date"]) for r in records)


def expected_as(source: str) -> list[dict]:
    return [e | {"source": source} for e in EXPECTED]


def test_default_source_is_four_lines_and_reads_the_sitemap_index(crawled):
    proc, records, paths = crawled
    assert len(SITEMAP_SOURCE.strip().splitlines()) == 4
    assert {"/sitemap.xml", "/kurse-sitemap.xml", "/seiten-sitemap.xml"} <= set(paths)
    assert "/veranstaltungen/erste-hilfe-betriebliche-ersthelfer/" in paths
    assert keys(records["tbz-zschopau"]) == sorted((e["url"], e["start_date"]) for e in EXPECTED)
    assert "tbz-zschopau: ok" in proc.stdout


def test_one_offer_per_instance(crawled):
    _, records, _ = crawled
    per_page = Counter(url_key(r["url"]) for r in records["tbz-zschopau"])
    assert per_page["/kurse/gabelstaplerfahrer/"] == 3  # hasCourseInstance list of three, in @graph
    assert per_page["/kurse/mag-schweissen/"] == 2
    assert per_page["/kurse/kaufmaennische-weiterbildung/#datev"] == 1  # two microdata courses, one page
    assert per_page["/kurse/kaufmaennische-weiterbildung/#bilanzbuchhalter"] == 1
    stapler = sorted((r["start_date"], r["location"]["town"], r["price_eur"]) for r in records["tbz-zschopau"]
                     if url_key(r["url"]) == "/kurse/gabelstaplerfahrer/")
    assert stapler == [("2027-02-15", "Zschopau", 295.0), ("2027-04-12", "Marienberg", 295.0),
                       ("2027-09-06", "Annaberg-Buchholz", 310.0)]
    assert len({r["course_key"] for r in records["tbz-zschopau"]
                if url_key(r["url"]) == "/kurse/gabelstaplerfahrer/"}) == 1


def test_pages_without_courses_and_teasers_give_nothing(crawled):
    _, records, paths = crawled
    assert "/kurse/sprachen/" in paths  # fetched from the sitemap: its Course teaser is no offer
    found = {url_key(r["url"]) for rs in records.values() for r in rs}
    assert found.isdisjoint(NOTHING_PAGES)
    english = [r for r in records["tbz-zschopau"] if url_key(r["url"]) == "/kurse/englisch-im-beruf-b1/"]
    assert len(english) == 1  # the teaser of the category page adds no second offer


def test_education_event_and_online_course(crawled):
    _, records, _ = crawled
    by_url = {url_key(r["url"]): r for r in records["tbz-zschopau"]}
    event = by_url["/veranstaltungen/erste-hilfe-betriebliche-ersthelfer/"]
    assert (event["start_date"], event["price_eur"], event["location"]["town"]) == ("2027-03-13", 60.0, "Olbernhau")
    online = by_url["/kurse/excel-kompakt-live-online/"]
    assert online["format"] == "online"
    assert online["location"] is None  # a VirtualLocation is no place


def test_field_accuracy_of_the_default_source(crawled):
    _, records, _ = crawled
    score = score_site("tbz-zschopau", records["tbz-zschopau"], expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) == 10
    assert score.extra == 0
    assert score.course_groups_ok
    low = {name: score.mismatches[name] for name in FIELDS
           if score.correct[name] / score.expected < FLOORS.get(name, 1.0)}
    assert low == {}
    assert [key for key, _, _ in score.mismatches["funding"]] == [
        ("/kurse/kaufmaennische-weiterbildung/#datev", "2027-03-08"),
        ("/kurse/kaufmaennische-weiterbildung/#bilanzbuchhalter", "2027-09-03")]


def test_list_page_source_follows_itemlist_teasers_and_rel_next(crawled):
    _, records, paths = crawled
    assert len(LIST_SOURCE.strip().splitlines()) == 5
    assert "/kurse/seite/2/" in paths  # in no sitemap: reached through rel=next only
    score = score_site("tbz-liste", records["tbz-liste"], expected=expected_as("tbz-liste"))
    assert (score.matched, score.extra) == (10, 0)
    assert score.correct["start_date"] == score.correct["price_eur"] == score.correct["location.town"] == 10


def test_detail_fields_give_each_microdata_course_its_own_funding(crawled):
    proc, records, _ = crawled
    funding = {url_key(r["url"]): r["funding"] for r in records["tbz-foerderung"]}
    assert funding == {f"{MICRODATA_PAGE}#datev": ["bildungsgutschein"],
                       f"{MICRODATA_PAGE}#bilanzbuchhalter": ["aufstiegs_bafoeg"]}
    assert "detail.fields.funding" not in proc.stdout + proc.stderr  # scoped: nothing to report
