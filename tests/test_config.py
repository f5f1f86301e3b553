"""sources.yaml validation: every broken file names its line, the source and the problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from wbportal.config import load_sources
from wbportal.yamlfile import ConfigError

BAD = Path(__file__).parent / "fixtures" / "sources"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name, line, words", [
    ("unknown_strategy.yaml", 9, ["broken", "unknown strategy 'htlm'", "html"]),
    ("missing_url.yaml", 2, ["ohne_url", "start_urls", "required"]),
    ("bad_url.yaml", 6, ["falsche_url", "not an http(s) URL"]),
    ("duplicate_key.yaml", 6, ["duplicate key 'doppelt'", "line 2"]),
    ("syntax_error.yaml", None, ["YAML syntax error"]),
    ("typo_setting.yaml", 10, ["tippfehler", "max_page", "unknown setting", "did you mean 'max_pages'"]),
    ("typo_nested.yaml", 9, ["list.fields.title.regexp", "did you mean 'regex'"]),
])
def test_bad_sources_files_are_explained(name, line, words):
    with pytest.raises(ConfigError) as info:
        load_sources(BAD / name)
    err = info.value
    assert err.file.endswith(name)
    if line is not None:
        assert err.line == line, str(err)
    else:
        assert err.line is not None
    for word in words:
        assert word in str(err)


def test_project_sources_file_is_valid():
    sources = load_sources(ROOT / "sources.yaml")
    assert len(sources.enabled()) >= 6
    assert {s.strategy for s in sources.enabled()} >= {"html", "structured", "json", "feed"}


def test_env_expansion(monkeypatch, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text('sources:\n  a:\n    provider: A\n    strategy: feed\n'
                    '    start_urls: ["${TEST_BASE:-http://127.0.0.1:9}/a.ics"]\n', encoding="utf-8")
    assert load_sources(path).sources["a"].start_urls == ["http://127.0.0.1:9/a.ics"]
    monkeypatch.setenv("TEST_BASE", "http://127.0.0.1:4242")
    assert load_sources(path).sources["a"].start_urls == ["http://127.0.0.1:4242/a.ics"]


def test_cli_check_fails_with_line_and_crawls_nothing(cli, tmp_path):
    """A bad file stops `wbportal crawl` before any crawl: no run is recorded, no raw file written."""
    data = tmp_path / "data"
    proc = cli("crawl", "--sources", BAD / "unknown_strategy.yaml", "--data-dir", data, returncode=2)
    assert "unknown_strategy.yaml:9" in proc.stderr and "htlm" in proc.stderr
    assert not (data / "raw").exists()
    check = cli("sources", "check", "--sources", BAD / "duplicate_key.yaml", returncode=2)
    assert "duplicate_key.yaml:6" in check.stderr
