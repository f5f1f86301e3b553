"""Golden saved pages (web-poet style): a page of each kind of site as it was crawled, the
project's own sources.yaml entry, a frozen reference date, and the expected offers; one test
per page and field, so a failure names exactly what broke. No server, no network.

Folders under tests/fixtures/golden/<case>/: page.html, case.yaml (source, url, page: list or
detail, reference), expected.jsonl (the demo generator's expected offers for that page).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from scrapy import Request
from scrapy.http import HtmlResponse

from accuracy import FIELDS, url_key, value
from crawlers.spider import GenericSpider
from normalize import build_offer
from wbportal.config import load_sources

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def extract(case: str) -> list[dict]:
    folder = GOLDEN / case
    spec = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    source = load_sources(ROOT / "sources.yaml").select([spec["source"]])[0]
    spider = GenericSpider(source.crawl_config())
    body = (folder / "page.html").read_bytes()
    response = HtmlResponse(spec["url"], body=body, request=Request(spec["url"], meta={"partial": {}}))
    parse = getattr(spider.strategy, "parse_detail" if spec["page"] == "detail" else "parse_list")
    raws = [item for item in parse(spider, response) if isinstance(item, dict)]
    defaults = source.defaults.model_dump(exclude_none=True) | {"provider": source.provider, "source": source.key}
    return [build_offer(raw, defaults, reference=spec["reference"]).to_record() for raw in raws]


@pytest.fixture(scope="module")
def extracted():
    return {case: extract(case) for case in CASES}


def expected(case: str) -> list[dict]:
    lines = (GOLDEN / case / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("case", CASES)
def test_every_offer_found(case, extracted):
    got = sorted((url_key(r["url"]), r["start_date"] or "") for r in extracted[case])
    assert got == sorted((r["url"], r["start_date"] or "") for r in expected(case))


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("case", CASES)
def test_field(case, field, extracted):
    got = {(url_key(r["url"]), r["start_date"]): r for r in extracted[case]}
    for exp in expected(case):
        actual = got.get((exp["url"], exp["start_date"]))
        assert actual is not None, exp["url"]
        want, have = value(exp, field), value(actual, field)
        if field in ("duration_hours", "price_eur") and want is not None and have is not None:
            assert abs(want - have) < 0.01, (exp["url"], exp["start_date"])
        else:
            assert have == want, (exp["url"], exp["start_date"])
