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


# --- every error at once -----------------------------------------------------------------------

MANY_ERRORS = """\
sources:
  tippfehler:
    provder: Tippfehler GmbH
    strategie: html
    start_url: ["http://127.0.0.1:1/"]
    list:
      item: "li.kurs"
      fields:
        title: {css: "a", regexp: "(.*)"}
        price: 5
  api_quelle:
    provider: API-Quelle e.V.
    strategy: json
    start_urls: ["http://127.0.0.1:1/api", "ftp://127.0.0.1/export"]
    max_pages: 0
    site: "${WBP_TEST_UNSET_VARIABLE}"
    api:
      record: items
      fields:
        title: title
  gut:
    provider: Gute Quelle
    strategy: feed
    start_urls: ["http://127.0.0.1:1/kalender.ics"]
  falsch:
    provider: Falsche Strategie
    strategy: htlm
    start_urls: ["http://127.0.0.1:1/"]
extra: 1
"""


@pytest.fixture
def many_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("WBP_TEST_UNSET_VARIABLE", raising=False)
    path = tmp_path / "sources.yaml"
    path.write_text(MANY_ERRORS, encoding="utf-8")
    return path


def test_every_error_of_the_file_is_reported_at_its_line(many_errors):
    from wbportal.config import ConfigErrors, check_sources

    sources, errors = check_sources(many_errors)
    assert [(e.line, e.message) for e in errors] == [
        (3, "source 'tippfehler': provder: unknown setting; did you mean 'provider'? ('provider' is required and missing)"),
        (4, "source 'tippfehler': strategie: unknown setting; did you mean 'strategy'? ('strategy' is required and missing)"),
        (5, "source 'tippfehler': start_url: unknown setting; did you mean 'start_urls'? ('start_urls' is required and missing)"),
        (9, "source 'tippfehler': list.fields.title.regexp: unknown setting; did you mean 'regex'?"),
        (10, "source 'tippfehler': list.fields.price: expected text or a mapping such as {css: ..., regex: ...}, not 5"),
        (14, "source 'api_quelle': start_urls.1: 'ftp://127.0.0.1/export' is not an http(s) URL"),
        (15, "source 'api_quelle': max_pages: Input should be greater than or equal to 1"),
        (16, "source 'api_quelle': environment variable WBP_TEST_UNSET_VARIABLE is not set "
             "(use ${WBP_TEST_UNSET_VARIABLE:-default})"),
        (18, "source 'api_quelle': api.record: unknown setting; did you mean 'records'? ('records' is required and missing)"),
        (27, "source 'falsch': strategy: unknown strategy 'htlm'; expected one of html, structured, json, feed, xml, sitemap"),
        (29, "unknown top-level key 'extra'; expected only 'sources'"),
    ]
    assert list(sources.sources) == ["gut"]  # the valid source is still read
    with pytest.raises(ConfigErrors) as info:  # programmatic callers get one ConfigError with all of them
        load_sources(many_errors)
    assert isinstance(info.value, ConfigError)
    assert (info.value.line, len(info.value.errors)) == (3, 11)
    assert str(info.value).splitlines()[-1].endswith("sources.yaml:29: unknown top-level key 'extra'; expected only 'sources'")


def test_misspelt_required_key_is_one_message_not_two(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  a:\n    provider: A\n    strategie: feed\n"
                    "    start_urls: ['http://127.0.0.1:1/a.ics']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert str(info.value) == (f"{path}:4: source 'a': strategie: unknown setting; did you mean 'strategy'? "
                               "('strategy' is required and missing)")


def test_missing_key_without_a_near_miss_is_said_at_the_source(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  a:\n    provider: A\n    start_urls: ['http://127.0.0.1:1/a.ics']\n"
                    "    tags: [x]\n    zeitplan: nachts\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    first, second = info.value.errors
    assert (first.line, first.message) == (2, "source 'a': strategy: required but missing")
    assert second.line == 6
    assert second.message.startswith("source 'a': zeitplan: unknown setting; valid here: ")
    assert {"strategy", "start_urls", "max_pages", "list"} <= set(second.message.split("valid here: ")[1].split(", "))


def test_error_in_a_template_value_and_in_the_source_both_reported(tmp_path):
    (tmp_path / "source_templates").mkdir()
    (tmp_path / "source_templates" / "kaputt.yaml").write_text(
        "description: broken on purpose\nneeds: [site]\nsource:\n  strategy: feed\n"
        "  start_urls: ['{site}/kalender.ics']\n  max_pages: 0\n", encoding="utf-8")
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  a:\n    provider: A\n    template: kaputt\n    site: https://a.example\n"
                    "    download_delay: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert [(e.line, e.message) for e in info.value.errors] == [
        (4, "source 'a': max_pages: Input should be greater than or equal to 1 "
            "(set by template 'kaputt'; override it in the source)"),
        (6, "source 'a': download_delay: Input should be greater than or equal to 0"),
    ]


def test_cli_check_lists_every_error_and_the_good_sources(cli, many_errors):
    proc = cli("sources", "check", "--sources", many_errors, returncode=2)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 11
    assert errors[0] == f"error: {many_errors}:3: source 'tippfehler': provder: unknown setting; did you mean 'provider'? " \
                        "('provider' is required and missing)"
    assert f"{many_errors}:29: unknown top-level key 'extra'" in errors[-1]
    assert proc.stderr.splitlines()[-1] == f"{many_errors}: 11 error(s); 1 source(s) OK"
    assert proc.stdout.splitlines() == ["gut: feed, 1 start URL(s), enabled — Gute Quelle"]
