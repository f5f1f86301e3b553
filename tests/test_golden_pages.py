"""Golden saved pages (web-poet style), the one convention for saved-page tests: a page of each
kind of site as the crawler receives it (HTML list and detail pages, JSON-LD and microdata, an
XML export, sitemaps, RSS and Atom, a JSON API page, an iCalendar feed), read by the strategy
callback a crawl would use with the project's own sources.yaml entry, normalized with a frozen
reference date, and compared with the expected offers; one test per page and field, so a failure
names exactly what broke. No server, no network.

A folder tests/fixtures/golden/<case>/ holds
  page.html | page.xml | page.json | page.ics   the page;
  case.yaml       source (its key in sources.yaml), url (where the page was fetched), callback
                  (<strategy module>.<function>, e.g. html.parse_detail), reference (the crawl
                  day), and optionally: requests (the follow-up requests the page leads to,
                  root-relative, in order; default none), problems (what the run report says;
                  default none), demo_page (the page is a verbatim copy of demo/sites/<demo_page>,
                  and expected.jsonl holds the demo generator's expected offers for it),
                  known_gaps ({field: reason}: fields the code gets wrong today; strict xfail);
  expected.jsonl  the expected offers, one JSON object per line, with the fields of accuracy.FIELDS.
                  Values come from the demo generators' source data (demo_page) or from reading
                  the page as a human would; never from running the code under test.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from scrapy import Request
from scrapy.responsetypes import responsetypes

from accuracy import FIELDS, url_key, value
from crawlers.spider import GenericSpider
from normalize import build_offer
from wbportal.config import load_sources

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden"
DEMO_SITES = ROOT / "demo" / "sites"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
# The Content-Type the demo server (wbportal's demo server, like most web servers) sends per extension.
CONTENT_TYPES = {".html": "text/html", ".xml": "application/xml", ".json": "application/json",
                 ".ics": "text/calendar; charset=utf-8"}


def spec(case: str) -> dict:
    return yaml.safe_load((GOLDEN / case / "case.yaml").read_text(encoding="utf-8"))


def page(case: str) -> Path:
    pages = sorted((GOLDEN / case).glob("page.*"))
    assert len(pages) == 1, f"{case}: one page.* expected, found {[p.name for p in pages]}"
    return pages[0]


def expected(case: str) -> list[dict]:
    lines = (GOLDEN / case / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def extract(case: str) -> SimpleNamespace:
    """The offers, follow-up requests and problems of the page, as the crawl would produce them."""
    s = spec(case)
    source = load_sources(ROOT / "sources.yaml").select([s["source"]])[0]
    spider = GenericSpider(source.crawl_config())
    path = page(case)
    body = path.read_bytes()
    headers = {"Content-Type": CONTENT_TYPES[path.suffix]}
    cls = responsetypes.from_args(headers=headers, url=s["url"], body=body)
    response = cls(s["url"], body=body, headers=headers, request=Request(s["url"], meta={"partial": {}}))
    module, func = s["callback"].split(".")
    callback = getattr(importlib.import_module(f"crawlers.strategies.{module}"), func)
    raws, requests = [], []
    for out in callback(spider, response):
        if isinstance(out, Request):
            requests.append(url_key(out.url))
        elif isinstance(out, dict):
            raws.append(out)
    defaults = source.defaults.model_dump(exclude_none=True) | {"provider": source.provider, "source": source.key}
    offers = [build_offer(raw, defaults, reference=s["reference"]).to_record() for raw in raws]
    return SimpleNamespace(offers=offers, requests=requests, problems=list(spider.problems))


@pytest.fixture(scope="module")
def extracted():
    return {case: extract(case) for case in CASES}


@pytest.mark.parametrize("case", CASES)
def test_every_offer_found(case, extracted):
    got = sorted((url_key(r["url"]), r["start_date"] or "") for r in extracted[case].offers)
    assert got == sorted((r["url"], r["start_date"] or "") for r in expected(case))


@pytest.mark.parametrize("case", CASES)
def test_follow_up_requests(case, extracted):
    assert extracted[case].requests == spec(case).get("requests", [])


@pytest.mark.parametrize("case", CASES)
def test_problems_reported(case, extracted):
    assert extracted[case].problems == spec(case).get("problems", [])


def _field_params() -> list:
    params = []
    for case in CASES:
        if not expected(case):
            continue  # a page without offers: test_every_offer_found says so
        gaps = spec(case).get("known_gaps") or {}
        for field in FIELDS:
            marks = [pytest.mark.xfail(strict=True, reason=gaps[field])] if field in gaps else []
            params.append(pytest.param(case, field, marks=marks, id=f"{case}-{field}"))
    return params


@pytest.mark.parametrize("case, field", _field_params())
def test_field(case, field, extracted):
    got = {(url_key(r["url"]), r["start_date"]): r for r in extracted[case].offers}
    for exp in expected(case):
        actual = got.get((exp["url"], exp["start_date"]))
        assert actual is not None, exp["url"]
        want, have = value(exp, field), value(actual, field)
        if field in ("duration_hours", "price_eur") and want is not None and have is not None:
            assert abs(want - have) < 0.01, (exp["url"], exp["start_date"])
        else:
            assert have == want, (exp["url"], exp["start_date"])


@pytest.mark.parametrize("case", [c for c in CASES if spec(c).get("demo_page")])
def test_demo_page_and_its_expected_offers_are_the_demo_generators(case):
    """A verbatim demo page is byte-identical to the generated site, and its expected offers are
    lines of the generator's expected.jsonl (written from its source data, never by parsing)."""
    demo_page = spec(case)["demo_page"]
    assert page(case).read_bytes() == (DEMO_SITES / demo_page).read_bytes(), f"re-copy demo/sites/{demo_page}"
    site = demo_page.split("/", 1)[0]
    with (DEMO_SITES / site / "expected.jsonl").open(encoding="utf-8") as fh:
        generated = [json.loads(line) for line in fh if line.strip()]
    missing = [(e["url"], e["start_date"]) for e in expected(case) if e not in generated]
    assert not missing, missing
