"""The `events_calendar` source template (WordPress with The Events Calendar) against replay sites,
and the spider's fallback.

tests/replay/events_calendar/ is the REST API in two pages (next_rest_url), written from the
plugin's REST format: venues with and without coordinates, an online event without venue
(`venue: []`, `is_virtual`), one with a venue "Online via Zoom", free events ("Kostenlos"), a price
range, an all-day event, events over several days, HTML in descriptions and entities in titles.
tests/replay/events_calendar_ical/ is the same site with the REST API switched off (404) and the
iCal export at /events/?ical=1. expected.jsonl (one file for both: the same ten events) was
written by reading the events. The maintainer's source is four lines.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.spider import GenericSpider
from crawlers.strategies import jsonapi
from tests.accuracy import FIELDS, score_site, table, url_key
from tests.replay.crawl import crawl_source
from tests.replay.server import replay_handler
from wbportal.config import load_sources

REPLAY = Path(__file__).resolve().parent / "replay"
SITE = REPLAY / "events_calendar"
ICAL_SITE = REPLAY / "events_calendar_ical"
KEY = "tbz"
SOURCE = """sources:
  tbz:
    provider: Technik- und Bildungszentrum Zschopau
    template: events_calendar
    site: {site}
"""
EXPECTED = [json.loads(line) for line in (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
# Per-field floor of the share of offers right (REST). The misses are the normalizer's judgement
# on texts, not the template: the price range "240 € – 280 €" (members / others) gives the lower
# price, the Meister info evening gets the Aufstiegs-BAföG of its tag and the IHK exam of the
# course it presents, and the chainsaw course "nach DGUV Information" is filed as wood work with a
# DGUV certificate.
FLOORS = {"price_eur": 0.9, "category": 0.9, "funding": 0.9, "certificate": 0.8}
# The iCal export has no prices, no online flag and (in the feed strategy) takes a multi-day
# event for one long session: only what it carries is held to a floor.
ICAL_FLOORS = {"title": 1.0, "description": 1.0, "start_date": 1.0, "location.town": 1.0, "location.street": 1.0}


def by_url(records: list[dict]) -> dict[str, dict]:
    return {url_key(r["url"]): r for r in records}


@pytest.fixture(scope="module")
def crawled(cli, serve, tmp_path_factory):
    """One crawl of the REST replay site: (process, records by URL path, requests, raw items)."""
    data = tmp_path_factory.mktemp("events_calendar")
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        proc, records = crawl_source(cli, data, SOURCE.format(site=site))
    raw = [json.loads(line) for path in (data / "raw" / KEY).glob("*.jsonl")
           for line in path.read_text(encoding="utf-8").splitlines() if line]
    return proc, records, [r["path"] for r in requests], raw


@pytest.fixture(scope="module")
def fell_back(cli, serve, tmp_path_factory):
    """One crawl of the site whose REST API answers 404: (process, records, requested paths)."""
    data = tmp_path_factory.mktemp("events_calendar_ical")
    requests: list = []
    with serve(replay_handler(ICAL_SITE, requests)) as site:
        proc, records = crawl_source(cli, data, SOURCE.format(site=site))
    return proc, records, [r["path"] for r in requests]


def test_four_line_source_finds_every_event_on_both_pages(crawled):
    proc, records, paths, _ = crawled
    assert len(SOURCE.strip().splitlines()) - 1 <= 5
    assert "/wp-json/tribe/events/v1/events?per_page=50" in paths
    assert "/wp-json/tribe/events/v1/events/?page=2&per_page=50" in paths  # next_rest_url followed
    assert sorted(by_url(records)) == sorted(e["url"] for e in EXPECTED)
    assert "tbz: ok" in proc.stdout


def test_field_accuracy_against_expected(crawled):
    _, records, _, _ = crawled
    score = score_site(KEY, records, expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) and score.extra == 0
    for name in FIELDS:
        share = score.correct[name] / score.expected
        assert share >= FLOORS.get(name, 1.0), (name, score.mismatches[name])


def test_venues_cost_and_days(crawled):
    _, records, _, _ = crawled
    offers = by_url(records)
    first_aid = offers["/veranstaltung/erste-hilfe-grundkurs-betriebliche-ersthelfer/"]
    assert first_aid["location"]["street"] == "August-Bebel-Straße 12"
    assert first_aid["duration_hours"] == 7.0  # 08:30-15:30, one timed day
    excel = offers["/veranstaltung/excel-grundlagen-online-seminar/"]
    assert (excel["format"], excel["location"]) == ("online", None)  # venue [] and is_virtual
    zoom = offers["/veranstaltung/englisch-am-telefon-kompaktseminar/"]
    assert (zoom["format"], zoom["location"]) == ("online", None)  # a venue called "Online via Zoom"
    info = offers["/veranstaltung/infoabend-industriemeister-metall/"]
    assert info["price_eur"] == 0.0  # "Kostenlos"
    all_day = offers["/veranstaltung/schweisser-schnuppertag/"]
    assert (all_day["start_date"], all_day["end_date"], all_day["duration_hours"]) == ("2027-04-17", "2027-04-17", None)
    welding = offers["/veranstaltung/mag-schweissen-grundlehrgang-din-en-iso-9606-1/"]
    assert (welding["end_date"], welding["duration_hours"]) == ("2027-04-30", None)  # days apart: no hours
    assert welding["title"] == "MAG-Schweißen – Grundlehrgang nach DIN EN ISO 9606-1"  # &#8211; decoded


def test_raw_items_carry_coordinates_and_sessions_of_timed_days_only(crawled):
    raw = {url_key(r["url"]): r for r in crawled[3]}
    first_aid = raw["/veranstaltung/erste-hilfe-grundkurs-betriebliche-ersthelfer/"]
    assert (first_aid["lat"], first_aid["lon"]) == (50.7489, 13.0689)
    assert "lat" not in raw["/veranstaltung/infoabend-industriemeister-metall/"]  # venue without coordinates
    assert first_aid["sessions"] == [["2027-03-12 08:30:00", "2027-03-12 15:30:00"]]
    assert "sessions" not in raw["/veranstaltung/schweisser-schnuppertag/"]  # all-day
    assert "sessions" not in raw["/veranstaltung/mag-schweissen-grundlehrgang-din-en-iso-9606-1/"]  # 19.-30.04.


def test_rest_api_404_falls_back_to_the_ical_export_and_says_so(fell_back):
    proc, records, paths = fell_back
    assert paths.index("/wp-json/tribe/events/v1/events?per_page=50") < paths.index("/events/?ical=1")
    assert "answered HTTP 404; crawled the fallback instead: feed strategy at" in proc.stderr
    assert "tbz: ok" in proc.stdout
    score = score_site(KEY, records, expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) and score.extra == 0
    for name, floor in ICAL_FLOORS.items():
        assert score.correct[name] / score.expected >= floor, (name, score.mismatches[name])


# ------------------------------------------------------------------ the fallback, without a crawl
@pytest.fixture
def spider(tmp_path) -> GenericSpider:
    """The spider of the four-line source (template expanded), as the crawl process builds it."""
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCE.format(site="https://www.tbz-zschopau.example"), encoding="utf-8")
    return GenericSpider(source_config=load_sources(sources).sources[KEY].crawl_config())


def json_response(url: str, body: str, request: Request | None = None, status: int = 200) -> TextResponse:
    return TextResponse(url=url, body=body.encode(), encoding="utf-8", request=request or Request(url), status=status)


def test_html_instead_of_json_on_the_first_page_switches_to_the_fallback(spider):
    start = spider.start_urls[0]
    out = list(spider._start(json_response(start, "<html><body>Wartungsmodus</body></html>",
                                           spider.start_request(start))))
    assert [r.url for r in out] == ["https://www.tbz-zschopau.example/events/?ical=1"]
    assert spider.config["strategy"] == "feed" and spider.config["api"] is None
    assert spider.problems[0].startswith(f"broken JSON at {start}")
    assert "crawled the fallback instead: feed strategy" in spider.problems[0]


def test_start_url_http_error_switches_once_and_drops_late_pages(spider):
    start = spider.start_urls[0]
    request = spider.start_request(start)
    failure = Failure(HttpError(json_response(start, "{}", request, status=410)))
    failure.request = request
    fallback_requests = spider._start_failed(failure)
    assert [r.url for r in fallback_requests] == ["https://www.tbz-zschopau.example/events/?ical=1"]
    assert spider.problems == [f"{start} answered HTTP 410; crawled the fallback instead: feed strategy at "
                               "https://www.tbz-zschopau.example/events/?ical=1"]
    # a second failure (the fallback's own start URL) does not switch again
    again = Failure(HttpError(json_response(fallback_requests[0].url, "", fallback_requests[0], status=404)))
    again.request = fallback_requests[0]
    assert spider._start_failed(again) == []
    assert spider.problems[-1].startswith("the fallback failed too:")
    # the REST page answered after the switch is dropped, not read with the feed strategy
    problems = list(spider.problems)
    assert list(spider._start(json_response(start, '{"events": []}', request))) == []
    assert spider.problems == problems


def test_later_page_errors_do_not_switch(spider):
    page2 = "https://www.tbz-zschopau.example/wp-json/tribe/events/v1/events/?page=2&per_page=50"
    out = list(jsonapi.parse_page(spider, json_response(page2, "<html>Fehler</html>")))
    assert out == [] and spider.config["strategy"] == "json" and not spider.fell_back
    assert spider.problems == [f"broken JSON at {page2}: Expecting value (line 1)"]


def test_without_fallback_a_broken_first_page_is_a_problem_as_before(spider):
    spider.fallback = None
    start = spider.start_urls[0]
    assert list(jsonapi.parse_start(spider, json_response(start, '{"code": "rest_no_route"}'))) == []
    assert spider.problems == [f"records path 'events' found no list at {start}"]


def test_pages_of_the_source_requested_before_the_switch_are_dropped(spider):
    start = spider.start_urls[0]
    page1 = (SITE / "events-1.json").read_text(encoding="utf-8").replace("{base}", "https://www.tbz-zschopau.example")
    out = list(spider._start(json_response(start, page1, spider.start_request(start))))
    next_page = [o for o in out if isinstance(o, Request)]
    assert len([o for o in out if isinstance(o, dict)]) == 6 and len(next_page) == 1
    spider.fall_back("https://www.tbz-zschopau.example/other", "a second start URL answered HTTP 403")
    page2 = (SITE / "events-2.json").read_text(encoding="utf-8").replace("{base}", "https://www.tbz-zschopau.example")
    assert list(next_page[0].callback(json_response(next_page[0].url, page2))) == []


def test_offers_carry_the_venues_own_coordinates(crawled):
    """Distances (radius search, calls for offers) use the venue's point, not the town centre."""
    offers = by_url(crawled[1])
    first_aid = offers["/veranstaltung/erste-hilfe-grundkurs-betriebliche-ersthelfer/"]["location"]
    assert (first_aid["lat"], first_aid["lon"]) == (50.7489, 13.0689)
    info = offers["/veranstaltung/infoabend-industriemeister-metall/"]["location"]
    from normalize.places import parse_place
    town = parse_place(info["town"])
    assert (info["lat"], info["lon"]) == (town.lat, town.lon)  # no venue coordinates: the town centre
