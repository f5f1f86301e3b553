"""The `moochub` source template (MOOChub v3, JSON:API) against a replay feed, and the json
strategy's runs (`api.runs`, `api.run_fields`) with its own JMESPath function `zip`.

tests/replay/moochub/ is a feed in two pages (links.next) written from the MOOChub v3 schema:
courses with one, two and three start dates (startDate[]/endDate[]), self-paced courses without
dates, workload objects (h/week, h/month), offers as an array and as one object, credentials,
English and German courses. Its routes answer 406 without the versioned Accept header, as MOOChub
servers do. expected.jsonl was written by reading the feed. The maintainer's source is four lines.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import TextResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import jsonapi
from tests.accuracy import FIELDS, score_site, table, url_key
from tests.replay.crawl import crawl_source
from tests.replay.server import replay_handler

SITE = Path(__file__).resolve().parent / "replay" / "moochub"
KEY = "lerncampus"
ACCEPT = "application/vnd.api+json; moochub-version=3"
SOURCE = """sources:
  lerncampus:
    provider: Lerncampus Sachsen
    template: moochub
    start_urls: ["{site}/bridges/moochub/courses"]
"""
EXPECTED = [json.loads(line) for line in (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
# Per-field floors: every field right. duration_hours is the weekly workload times the weeks
# ("4 Stunden pro Woche" with "P6W" or six weeks between the run's dates = 24 hours).
FLOORS: dict[str, float] = {}


@pytest.fixture(scope="module")
def crawled(cli, serve, tmp_path_factory):
    """One crawl of the feed: (process, records, requests with headers)."""
    data = tmp_path_factory.mktemp("moochub")
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        proc, records = crawl_source(cli, data, SOURCE.format(site=site))
    return proc, records, requests


def test_four_line_source_reads_both_pages_with_the_version_header(crawled):
    proc, records, requests = crawled
    assert len(SOURCE.strip().splitlines()) - 1 <= 5
    feed = [r for r in requests if r["path"].startswith("/bridges/moochub/courses")]
    assert [r["path"] for r in feed] == ["/bridges/moochub/courses", "/bridges/moochub/courses?page%5Bnumber%5D=2"]
    assert all(r["headers"].get("Accept") == ACCEPT for r in feed)
    assert len(records) == len(EXPECTED) == 10
    assert "lerncampus: ok" in proc.stdout


def test_field_accuracy_against_expected(crawled):
    _, records, _ = crawled
    score = score_site(KEY, records, expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) and score.extra == 0
    assert score.course_groups_ok  # the runs of one course share its course_key
    for name in FIELDS:
        assert score.correct[name] / score.expected >= FLOORS.get(name, 1.0), (name, score.mismatches[name])


def test_one_offer_per_start_date(crawled):
    _, records, _ = crawled
    runs = sorted((r["start_date"], r["end_date"]) for r in records
                  if url_key(r["url"]) == "/courses/gefaehrdungsbeurteilung-kompakt")
    assert runs == [("2027-01-11", "2027-02-08"), ("2027-04-12", "2027-05-10"), ("2027-10-04", "2027-11-01")]
    assert len({r["id"] for r in records}) == len(records)


def test_workload_self_paced_and_offers(crawled):
    _, records, _ = crawled
    offers = {(url_key(r["url"]), r["start_date"]): r for r in records}
    excel = offers[("/courses/excel-einsteiger-2027", "2027-02-01")]
    assert (excel["duration_text"], excel["price_eur"], excel["format"]) == ("4 Stunden pro Woche", 0.0, "online")
    self_paced = offers[("/courses/buchhaltung-grundlagen-selbstlernkurs", None)]
    assert (self_paced["format"], self_paced["rolling_start"]) == ("selfpaced", True)
    assert self_paced["duration_text"] == "10 Stunden pro Monat"
    english = offers[("/courses/business-english-technicians", "2027-05-03")]
    assert (english["language"], english["price_eur"]) == ("en", 89.0)  # offers as one object


def test_without_the_accept_header_the_feed_answers_406(cli, serve, tmp_path):
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        proc, records = crawl_source(cli, tmp_path, SOURCE.format(site=site) + "    headers: null\n", returncode=1)
    assert records == []
    assert "lerncampus: failed" in proc.stdout
    assert "HTTP 406" in proc.stderr


# --------------------------------------------------------------------- runs and zip, no crawl
def test_zip_pairs_arrays_after_the_first():
    assert jsonapi.search("zip(a, b)", {"a": [1, 2], "b": ["x"]}) == [[1, "x"], [2, None]]
    assert jsonapi.search("zip(a, b, c)", {"a": ["s"], "b": ["e", "f"], "c": None}) == [["s", "e", None]]
    assert jsonapi.search("zip(a, b)", {"a": None, "b": [1]}) == []
    assert jsonapi.search("zip(a, b)", {"a": "2027-03-01", "b": "2027-03-05"}) == [["2027-03-01", "2027-03-05"]]
    assert jsonapi.search("zip(a, b)[*].{start: [0], end: [1]}", {"a": [1], "b": [2]}) == [{"start": 1, "end": 2}]


def run_spider(api: dict) -> GenericSpider:
    return GenericSpider(source_config={"key": "t", "provider": "P", "strategy": "json",
                                        "start_urls": ["https://feed.example/courses"], "api": api})


def parse(spider: GenericSpider, body: dict) -> list[dict]:
    url = spider.start_urls[0]
    response = TextResponse(url=url, body=json.dumps(body).encode(), encoding="utf-8", request=Request(url))
    return [out for out in jsonapi.parse_start(spider, response) if isinstance(out, dict)]


def test_runs_inherit_record_fields_and_run_fields_win():
    spider = run_spider({"records": "data", "fields": {"title": "name", "url": "link", "price": "price"},
                         "runs": "zip(starts, ends)", "run_fields": {"start": "[0]", "end": "[1]"}})
    items = parse(spider, {"data": [
        {"name": "Excel", "link": "/k/1", "price": 49, "starts": ["2027-03-01", "2027-09-06"], "ends": ["2027-03-29"]},
        {"name": "Word", "link": "/k/2", "starts": None},
    ]})
    assert [(i["title"], i.get("start"), i.get("end"), i["url"]) for i in items] == [
        ("Excel", "2027-03-01", "2027-03-29", "https://feed.example/k/1"),
        ("Excel", "2027-09-06", None, "https://feed.example/k/1"),  # no end given for this run
        ("Word", None, None, "https://feed.example/k/2"),  # no runs: the record is one offer
    ]
    assert items[0]["price"] == 49
    spider = run_spider({"records": "data", "fields": {"title": "name", "format": "mode"},
                         "runs": "runs", "run_fields": {"format": "mode", "start": "from"}})
    items = parse(spider, {"data": [{"name": "CNC", "mode": "online", "runs": [{"from": "2027-05-03", "mode": "onsite"},
                                                                               {"from": "2027-06-07"}]}]})
    assert [(i["format"], i["start"]) for i in items] == [("onsite", "2027-05-03"), ("online", "2027-06-07")]


def test_sessions_of_a_run():
    spider = run_spider({"records": "kurse", "fields": {"title": "titel"}, "runs": "durchfuehrungen",
                         "run_fields": {"start": "beginn"},
                         "sessions": {"item": "termine", "date": "tag", "start": "von", "end": "bis"}})
    items = parse(spider, {"kurse": [{"titel": "Schweißen", "durchfuehrungen": [
        {"beginn": "2027-03-01", "termine": [{"tag": "01.03.2027", "von": "08:00", "bis": "15:00"},
                                             {"tag": "02.03.2027", "von": "08:00", "bis": "12:00"}]}]}]})
    assert items[0]["sessions"] == [["01.03.2027 08:00", "01.03.2027 15:00"], ["02.03.2027 08:00", "02.03.2027 12:00"]]


def test_a_broken_runs_path_is_reported_once():
    spider = run_spider({"records": "data", "fields": {"title": "name"}, "runs": "zip(name, `1`)[?", "run_fields": {}})
    items = parse(spider, {"data": [{"name": "A"}, {"name": "B"}]})
    assert [i["title"] for i in items] == ["A", "B"]
    assert len(spider.problems) == 1 and spider.problems[0].startswith("runs path 'zip(name, `1`)[?' failed")
