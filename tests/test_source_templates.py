"""`template:` in sources.yaml: expansion under the source's own settings, `{site}`, errors that
point at the right line, `sources show`, and every shipped template validating as a 5-line source."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from wbportal import source_templates
from wbportal.cli import main
from wbportal.config import load_sources
from wbportal.yamlfile import ConfigError

LOCAL_TEMPLATE = """\
description: A test system with list pages.
needs: [site]
source:
  strategy: html
  start_urls: ["{site}/kurse/liste.html"]
  max_pages: 50
  headers: {X-Test: "1"}
  tags: [system]
  list:
    item: "article.kurs"
    next: "a.weiter::attr(href)"
    fields:
      title: "h2"
      price: "p.preis"
"""


@pytest.fixture
def sources_dir(tmp_path):
    (tmp_path / "source_templates").mkdir()
    (tmp_path / "source_templates" / "testsystem.yaml").write_text(LOCAL_TEMPLATE, encoding="utf-8")
    return tmp_path


def write(directory, body: str):
    path = directory / "sources.yaml"
    path.write_text("sources:\n" + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


def test_template_expands_with_site_filled(sources_dir):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: testsystem
          site: https://www.beispiel.example/
        """)
    source = load_sources(path).sources["bsp"]
    assert source.strategy == "html"
    assert source.start_urls == ["https://www.beispiel.example/kurse/liste.html"]  # no double slash
    assert source.max_pages == 50 and source.headers == {"X-Test": "1"}
    assert source.listing.fields["title"] == "h2" and source.listing.next == "a.weiter::attr(href)"
    assert source.template == "testsystem"


def test_source_overrides_key_by_key(sources_dir):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: testsystem
          site: https://www.beispiel.example
          max_pages: 7
          tags: [eigen]
          list:
            fields:
              price: "span.gebuehr"
              duration: "span.dauer"
            next: null
        """)
    source = load_sources(path).sources["bsp"]
    assert source.max_pages == 7
    assert source.tags == ["eigen"]  # lists are replaced, not appended
    fields = source.listing.fields
    assert fields["price"] == "span.gebuehr" and fields["duration"] == "span.dauer"
    assert fields["title"] == "h2"  # the template's other fields stay
    assert source.listing.item == "article.kurs"
    assert source.listing.next is None  # null removes the template's value


def test_unknown_template_names_line_and_known_ones(sources_dir):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: kuferwbe
          site: https://www.beispiel.example
        """)
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert err.value.line == 4
    assert "unknown template 'kuferwbe'" in err.value.message and "testsystem" in err.value.message


def test_missing_site_is_named(sources_dir):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: testsystem
        """)
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert err.value.line == 4 and "needs 'site'" in err.value.message


def test_error_in_a_template_value_points_at_the_template_line(sources_dir):
    (sources_dir / "source_templates" / "testsystem.yaml").write_text(
        LOCAL_TEMPLATE.replace("max_pages: 50", "max_pages: 0"), encoding="utf-8")
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          site: https://www.beispiel.example
          template: testsystem
        """)
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert err.value.line == 5
    assert "max_pages" in err.value.message and "set by template 'testsystem'" in err.value.message


def test_error_in_the_sources_own_value_points_at_its_line(sources_dir):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: testsystem
          site: https://www.beispiel.example
          max_pages: -3
        """)
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert err.value.line == 6 and "template" not in err.value.message


def test_sources_show_prints_the_expanded_source(sources_dir, capsys):
    path = write(sources_dir, """\
        bsp:
          provider: Beispiel-Akademie
          template: testsystem
          site: https://www.beispiel.example
        """)
    assert main(["sources", "show", "bsp", "--sources", str(path)]) == 0
    out = capsys.readouterr().out
    assert "template 'testsystem' expanded" in out
    shown = yaml.safe_load(out)["bsp"]
    assert shown["start_urls"] == ["https://www.beispiel.example/kurse/liste.html"]
    assert shown["list"]["fields"] == {"title": "h2", "price": "p.preis"}


def test_sources_templates_lists_local_and_shipped(sources_dir, capsys):
    path = write(sources_dir, "x:\n  provider: X\n  strategy: feed\n  start_urls: ['https://x.example/a.ics']\n")
    assert main(["sources", "templates", "--sources", str(path)]) == 0
    out = capsys.readouterr().out
    assert "testsystem (needs: site): A test system with list pages." in out


@pytest.mark.parametrize("name", source_templates.available())
def test_every_shipped_template_is_a_valid_five_line_source(tmp_path, name):
    """A maintainer's source of at most five lines (key, provider, template, site, start URL)."""
    lines = ["bsp:", "  provider: Beispiel-Anbieter", f"  template: {name}", "  site: https://www.beispiel.example",
             "  start_urls: ['https://www.beispiel.example/export']"]
    template = source_templates.load_template(name)
    assert template.description, f"{name}: the template says what it is for"
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n" + "\n".join("  " + line for line in lines) + "\n", encoding="utf-8")
    source = load_sources(path).sources["bsp"]
    assert source.template == name
