"""Search quality on the demo corpus: what users type, what they expect to find.

The corpus is the nine demo sites' expected offers (demo/sites/*/expected.jsonl), indexed into a
temp Whoosh directory; past offers are included so the cases do not depend on today's date.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from index import IndexStore, SearchQuery, Searcher
from normalize import gazetteer
from wbportal.catalogue import content_hash

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "search_quality.yaml").read_text(encoding="utf-8"))["cases"]


def demo_corpus() -> list[dict]:
    records = []
    for path in sorted((ROOT / "demo" / "sites").glob("*/expected.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            r = json.loads(line)
            loc = r.get("location")
            if loc and loc.get("town"):
                town = gazetteer().lookup(loc["town"])
                loc = dict(loc, lat=town.lat if town else None, lon=town.lon if town else None)
            records.append(dict(r, id=f"{r['source']}-{n}", url=f"http://demo.test{r['url']}", location=loc))
    return records


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("quality") / "index")
    store.rebuild((r, content_hash(r)) for r in demo_corpus())
    s = Searcher(store)
    yield s
    s.close()


@pytest.mark.parametrize("case", CASES, ids=[c["q"] for c in CASES])
def test_query(case, searcher):
    result = searcher.search(SearchQuery(text=case["q"], page_size=100, include_past=True))
    titles = [h.record["title"] for h in result.hits]
    for wanted in case.get("include", []):
        assert any(wanted in t for t in titles), (wanted, titles[:15])
    for unwanted in case.get("exclude", []):
        assert not any(unwanted in t for t in titles), (unwanted, titles[:15])
    assert result.total >= case.get("min", 1 if "suggestion" not in case else 0)
    if "first" in case:
        assert titles and titles[0].startswith(case["first"]), titles[:5]
    if "first_contains" in case:
        assert titles and case["first_contains"] in titles[0], titles[:5]
    if "min_providers" in case:
        assert len({h.record["provider"] for h in result.hits}) >= case["min_providers"]
    if "suggestion" in case:
        assert result.total == 0 and result.suggestion == case["suggestion"], (result.total, result.suggestion)
