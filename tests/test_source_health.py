"""Maintainer tools and breakage detection against the real demo server: preview writes nothing;
a selector typo makes the run degraded with a clear message, and the last good offers stay."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def env(cli, demo_url, tmp_path_factory) -> dict:
    """The environment of the `wbportal` runs: the demo sites and a data directory."""
    return cli.environ(data_dir=tmp_path_factory.mktemp("health"), demo_url=demo_url)


def sources_with_broken_price(tmp_path: Path) -> Path:
    """The oberes source as a maintainer might break it: the price label misspelt."""
    data = yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))
    source = data["sources"]["oberes"]
    source["list"]["fields"]["price"] = "./dl/dt[normalize-space()='Kosen']/following-sibling::dd[1]"
    path = tmp_path / "sources-broken.yaml"
    path.write_text(yaml.safe_dump({"sources": {"oberes": source}}, allow_unicode=True), encoding="utf-8")
    return path


def test_preview_shows_offers_and_coverage_and_writes_nothing(cli, env, tmp_path):
    proc = cli("preview", "oberes", "--limit", "5", "--sources", sources_with_broken_price(tmp_path), env=env)
    assert "oberes (html):" in proc.stdout and "valid offers" in proc.stdout
    assert "Field coverage:" in proc.stdout
    assert "warning: price found on 0 of" in proc.stdout and "check selector 'price'" in proc.stdout
    assert not (Path(env["WBPORTAL_DATA_DIR"]) / "catalogue.sqlite").exists()


def test_selector_typo_degrades_run_and_keeps_offers(cli, env, tmp_path):
    good = cli("crawl", "oberes", "--quiet", env=env)
    assert "oberes: ok" in good.stdout, good.stdout + good.stderr
    broken = cli("crawl", "oberes", "--quiet", "--sources", sources_with_broken_price(tmp_path), env=env)
    assert "oberes: degraded" in broken.stdout, broken.stdout
    assert re.search(r"price found on 0% of offers, was 9\d% in the last good run", broken.stderr), broken.stderr
    assert "+0 new, 0 changed, -0 removed" in broken.stdout
    records = export(cli, env, tmp_path)
    assert len(records) == 56
    assert sum(r["price_eur"] is not None for r in records) >= 50  # the last good prices are kept
    runs = json.loads(cli("runs", "--source", "oberes", "--json", env=env).stdout)
    assert [r["status"] for r in runs] == ["degraded", "ok"]


def sources_pointing_at_relaunch(tmp_path: Path) -> Path:
    """The unchanged oberes entry, but the provider's site has been relaunched under the same URLs."""
    data = yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))
    source = data["sources"]["oberes"]
    source["start_urls"] = ["${WBP_DEMO_URL}/oberes-relaunch/weiterbildung/seite-1.html"]
    path = tmp_path / "sources-relaunched.yaml"
    path.write_text(yaml.safe_dump({"sources": {"oberes": source}}, allow_unicode=True), encoding="utf-8")
    return path


def export(cli, env, tmp_path: Path) -> list[dict]:
    out = tmp_path / "export.jsonl"
    cli("export", "--out", out, env=env)
    return [json.loads(line) for line in out.open(encoding="utf-8")]


def test_relaunched_site_fails_loudly_keeps_offers_and_recovers_with_new_selectors(cli, env, tmp_path):
    from accuracy import FIELDS, load_expected, score_site

    env = dict(env, WBPORTAL_DATA_DIR=str(tmp_path / "data"))
    assert "oberes: ok" in cli("crawl", "oberes", "--quiet", env=env).stdout
    before = export(cli, env, tmp_path)

    broken = cli("crawl", "oberes", "--quiet", "--sources", sources_pointing_at_relaunch(tmp_path), env=env,
                 returncode=1)
    assert "oberes: failed" in broken.stdout, broken.stdout + broken.stderr
    assert "no list items matched 'article.angebot'" in broken.stdout + broken.stderr
    assert export(cli, env, tmp_path) == before  # the last good offers stay, untouched

    fixed = cli("crawl", "oberes", "--quiet", "--sources", ROOT / "tests/fixtures/sources/oberes-relaunch.yaml",
                env=env)
    assert "oberes: ok" in fixed.stdout, fixed.stdout + fixed.stderr
    after = export(cli, env, tmp_path)
    score = score_site("oberes", after, load_expected("oberes-relaunch", "expected.relaunch.jsonl"))
    assert score.matched == score.expected == len(after) == 56
    assert all(score.correct[name] >= 0.98 * 56 for name in FIELDS), dict(score.mismatches)


def test_quality_lists_values_the_normalizer_did_not_understand(cli, env, tmp_path):
    data = yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))
    source = data["sources"]["oberes"]
    source["list"]["fields"]["price"] = "./dl/dt[normalize-space()='Form']/following-sibling::dd[1]"  # wrong row
    path = tmp_path / "sources-wrong-row.yaml"
    path.write_text(yaml.safe_dump({"sources": {"oberes": source}}, allow_unicode=True), encoding="utf-8")
    env = dict(env, WBPORTAL_DATA_DIR=str(tmp_path / "data"))
    cli("crawl", "oberes", "--quiet", "--sources", path, env=env)
    proc = cli("quality", "--json", "--sources", path, env=env)
    report = json.loads(proc.stdout)["oberes"]
    assert report["coverage"]["price"] < 0.2
    not_understood = dict(report["unparsed"]["price"])
    assert not_understood.get("Präsenz", 0) >= 10  # the format row, read as a price
    text = cli("quality", "--sources", path, env=env).stdout
    assert "not understood (price): 'Präsenz'" in text


def test_renormalize_from_the_raw_snapshot_without_crawling(cli, env, tmp_path):
    from dbhelpers import catalogue_at
    from wbportal.config import load_sources
    from wbportal.paths import DataDir
    from wbportal.ops.pipeline import renormalize_source

    env = dict(env, WBPORTAL_DATA_DIR=str(tmp_path / "data"))
    assert "oberes: ok" in cli("crawl", "oberes", "--quiet", env=env).stdout
    data = DataDir.resolve(env["WBPORTAL_DATA_DIR"])
    catalogue = catalogue_at(data.database_url)
    report = renormalize_source(load_sources(ROOT / "sources.yaml").select(["oberes"])[0], data, catalogue, None)
    assert report.status == "ok" and report.valid == 56 and not report.changes.upserts and not report.changes.removed
    assert [r["job"] for r in catalogue.runs("oberes")] == ["renormalize", "manual"]
