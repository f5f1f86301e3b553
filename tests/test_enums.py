"""Each closed value set is defined once and everything else derives from it.

Formats, funding programmes, certificates, time models and German month names live in
normalize/enums.py; the crawler strategy names in crawlers/strategies/__init__.py (REGISTRY).
These tests fail when a consumer drifts from them, and when one of the lists is written out
again somewhere in the code instead of being imported.
"""
from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from crawlers.strategies import REGISTRY, SITEMAP_EXTRACTS, STRATEGY_NAMES
from normalize import Offer, offer_json_schema
from normalize.enums import (CERTIFICATE_LABELS, CERTIFICATES, FORMAT_LABELS, FORMATS, FUNDING_LABELS, FUNDINGS,
                             MONTH_NAMES, TIME_MODEL_LABELS, TIME_MODELS, Certificate, Format, Funding, TimeModel)
from wbportal.config import STRATEGIES, Defaults, SitemapSpec, Source
from wbportal.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent


# -- the schema's enums -----------------------------------------------------------------------

def test_schema_and_package_export_the_one_definition():
    import normalize
    import normalize.schema as schema

    assert schema.Format is normalize.Format is Format
    assert schema.Funding is normalize.Funding is Funding
    assert schema.Certificate is normalize.Certificate is Certificate
    assert typing.get_args(typing.get_args(Offer.model_fields["time_model"].annotation)[0]) == TIME_MODELS
    assert TIME_MODELS == tuple(t.value for t in TimeModel)


def test_json_schema_lists_the_enum_values():
    schema = offer_json_schema()
    assert schema["$defs"]["Format"]["enum"] == list(FORMATS)
    assert schema["$defs"]["Funding"]["enum"] == list(FUNDINGS)
    assert schema["$defs"]["Certificate"]["enum"] == list(CERTIFICATES)
    time_model = next(s for s in schema["properties"]["time_model"]["anyOf"] if "enum" in s)
    assert time_model["enum"] == list(TIME_MODELS)


def test_labels_cover_exactly_the_schema_values():
    assert list(FORMAT_LABELS) == list(FORMATS)
    assert list(FUNDING_LABELS) == list(FUNDINGS)
    assert list(CERTIFICATE_LABELS) == list(CERTIFICATES)
    assert list(TIME_MODEL_LABELS) == list(TIME_MODELS)
    for labels in (FORMAT_LABELS, FUNDING_LABELS, CERTIFICATE_LABELS, TIME_MODEL_LABELS):
        assert all(type(key) is str for key in labels), "templates look labels up by plain strings"
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[2] == "März"


def test_parsers_know_exactly_the_schema_values():
    from normalize import durations, formats, funding

    assert {name for name, _ in formats._RULES} == set(FORMATS)
    assert list(funding.FUNDING_PATTERNS) == list(FUNDINGS)
    assert set(funding._KIND_HINTS) == set(FUNDINGS)
    assert [kind for kind, _ in funding.CERTIFICATE_PATTERNS] == list(CERTIFICATES)  # strongest first, like the enum
    assert durations.detect_time_model("Vollzeit") == TimeModel.fulltime
    assert durations.detect_time_model("berufsbegleitend") == TimeModel.parttime


def test_german_month_names_drive_date_parsing():
    from normalize.dates import MONTHS, parse_dates

    for number, name in enumerate(MONTH_NAMES, 1):
        assert MONTHS[name.lower()] == number
    assert parse_dates("12. März 2027").start.isoformat() == "2027-03-12"


def test_index_derives_funding_bits_and_default_format():
    from index.fields import FUNDING_BITS, to_document

    assert list(FUNDING_BITS) == list(FUNDINGS)
    # the bits are stored in existing indexes: these values must not change
    assert FUNDING_BITS == {"bildungsgutschein": 1, "qcg": 2, "aufstiegs_bafoeg": 4, "weiterbildungsscheck": 8}
    doc = to_document({"id": "x-1", "course_key": "x-c", "source": "x", "title": "T", "provider": "P",
                       "funding": list(FUNDINGS)})
    assert doc["format"] == Format.onsite.value
    assert doc["funding_bits"] == 15


# -- the web UI ---------------------------------------------------------------------------------

def test_webui_labels_are_the_schema_labels_and_cover_the_index_facets():
    from index.fields import DURATION_BANDS, FACETS, PRICE_BANDS
    from index.search import SORTS
    from webui import filters
    from webui.offers import COURSE_MODES
    from webui.search import SHOWN_FACETS, SORT_LABELS

    assert set(filters.FORMAT_LABELS) == set(FORMATS)
    assert set(filters.FUNDING_LABELS) == set(FUNDINGS)
    assert set(filters.CERTIFICATE_LABELS) == set(CERTIFICATES)
    assert filters.MONTHS == MONTH_NAMES
    assert set(filters.FACET_LABELS) == set(FACETS)
    assert set(SHOWN_FACETS) <= set(FACETS)
    assert set(filters.DURATION_BAND_LABELS) == {name for name, _, _ in DURATION_BANDS}
    assert set(filters.PRICE_BAND_LABELS) == {name for name, _, _ in PRICE_BANDS}
    assert set(SORT_LABELS) == set(SORTS)
    assert set(COURSE_MODES) == set(FORMATS)
    for fmt in FORMATS:
        assert filters.facet_label(fmt, "format") == FORMAT_LABELS[fmt]
    for fund in FUNDINGS:
        assert filters.facet_label(fund, "funding") == FUNDING_LABELS[fund]
    assert [filters.facet_label(f"2027{m:02d}", "start_month") for m in range(1, 13)] == \
        [f"{name} 2027" for name in MONTH_NAMES]


def test_openapi_sort_enum_is_the_search_sorts(client):
    from index.search import SORTS

    spec = client.get("/api/openapi.json").json
    params = {p["name"]: p for op in spec["paths"].values() for p in op.get("get", {}).get("parameters", [])}
    assert params["sort"]["schema"]["enum"] == list(SORTS)


# -- crawler strategies -------------------------------------------------------------------------

def _source(strategy: str, **blocks) -> dict:
    return {"key": "t", "provider": "P", "strategy": strategy, "start_urls": ["https://example.org/"], **blocks}


MINIMAL_BLOCKS = {
    "list": {"list": {"item": "li", "fields": {"title": "h2"}}},
    "detail": {"detail": {"fields": {"title": "h1"}}},
    "api": {"api": {"records": "items"}},
    "xml": {"xml": {"records": "//kurs"}},
    "sitemap": {"sitemap": {}},
}


def test_config_accepts_exactly_the_registered_strategies():
    assert STRATEGIES == STRATEGY_NAMES
    assert typing.get_args(Source.model_fields["strategy"].annotation) == STRATEGY_NAMES
    for name, strategy in REGISTRY.items():
        blocks = MINIMAL_BLOCKS[strategy.needs_one_of[0]] if strategy.needs_one_of else {}
        assert Source(**_source(name, **blocks)).strategy == name
    with pytest.raises(Exception, match="strategy"):
        Source(**_source("ftp"))


def test_config_requires_the_block_each_strategy_reads():
    for name, strategy in REGISTRY.items():
        for block in strategy.needs_one_of:
            assert block in MINIMAL_BLOCKS
            field = "listing" if block == "list" else block
            assert field in Source.model_fields
        if strategy.needs_one_of:
            with pytest.raises(Exception, match=f"strategy '{name}' needs a '{' or '.join(strategy.needs_one_of)}'"):
                Source(**_source(name))


def test_unknown_strategy_message_names_the_registry(tmp_path):
    from wbportal.config import load_sources

    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  t:\n    provider: P\n    strategy: ftp\n    start_urls: [https://example.org/]\n")
    with pytest.raises(ConfigError, match=f"expected one of {', '.join(STRATEGY_NAMES)}"):
        load_sources(path)


def test_sitemap_extract_and_default_format_follow_their_registries():
    assert typing.get_args(SitemapSpec.model_fields["extract"].annotation) == SITEMAP_EXTRACTS
    assert SitemapSpec().extract == SITEMAP_EXTRACTS[0]
    assert typing.get_args(typing.get_args(Defaults.model_fields["format"].annotation)[0]) == FORMATS


def test_spider_maps_every_registered_strategy_to_its_module():
    from crawlers.spider import STRATEGIES as SPIDER_STRATEGIES

    assert tuple(SPIDER_STRATEGIES) == STRATEGY_NAMES
    for name, module in SPIDER_STRATEGIES.items():
        assert module.__name__ == f"crawlers.strategies.{REGISTRY[name].module}"
        assert callable(module.parse_start)
    for name in SITEMAP_EXTRACTS:
        assert callable(SPIDER_STRATEGIES[name].parse_detail)


def test_strategy_registry_does_not_load_scrapy():
    import subprocess
    import sys

    code = "import sys, crawlers.strategies, wbportal.config; print('scrapy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- no restated lists --------------------------------------------------------------------------

DEFINED_IN = {"normalize/enums.py", "crawlers/strategies/__init__.py"}
VALUE_SETS = {
    "formats": set(FORMATS),
    "funding programmes": set(FUNDINGS),
    "certificates": set(CERTIFICATES),
    "time models": set(TIME_MODELS),
    "strategies": set(STRATEGY_NAMES),
}
# Restatements in modules outside this change's reach, to be replaced by imports from
# normalize.enums (then delete the entry). wbportal's modules are being moved into subpackages,
# hence the file names without their directory.
PENDING: set[tuple[str, str]] = set()


def _literal_strings(node: ast.AST) -> set[str]:
    items = node.keys if isinstance(node, ast.Dict) else node.elts
    return {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}


def restatements() -> list[tuple[str, str]]:
    """(file, value set) for every tuple/list/set/dict-keys literal in our packages that spells out a
    whole value set (or three or more German month names) instead of importing it."""
    found = []
    months = set(MONTH_NAMES)
    for package in ("normalize", "index", "webui", "wbportal", "crawlers"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in DEFINED_IN:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                    continue
                strings = _literal_strings(node)
                for name, values in VALUE_SETS.items():
                    if values <= strings:
                        found.append((rel, name))
                if len(strings & months) >= 3:
                    found.append((rel, "month names"))
    return found


def test_no_value_set_is_written_out_twice():
    unexpected = [(rel, name) for rel, name in restatements() if (rel.rsplit("/", 1)[-1], name) not in PENDING]
    assert unexpected == [], ("import these from normalize.enums / crawlers.strategies instead of "
                              f"listing the values again: {unexpected}")


def test_the_scan_finds_a_restated_list():
    """The scanner itself works: a tuple of the four formats is a restatement."""
    tree = ast.parse('X = ("onsite", "online", "blended", "selfpaced")')
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.Tuple))
    assert VALUE_SETS["formats"] <= _literal_strings(node)
