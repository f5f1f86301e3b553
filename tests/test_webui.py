"""Flask test-client tests of the search page: German, escaped, robust to bad parameters."""
from __future__ import annotations

import pytest



def test_search_page_lists_offers_with_facets(client):
    page = client.get("/?q=Schweißen").get_data(as_text=True)
    assert "2 Angebote gefunden (3 Termine)" in page  # MAG-Schweißen: one course, two runs
    assert "MAG-Schweißen Grundlehrgang" in page and "WIG-Schweissen für Fortgeschrittene" in page
    assert "ErzWerk Bildungszentrum GmbH" in page and "Sicherheits- und Technikakademie Erzgebirge GmbH" in page
    assert "01.03.2027 – 12.03.2027" in page
    assert "1.450 €" in page and "Präsenz" in page
    assert "Schweißtechnik" in page  # category facet label
    assert '<html lang="de">' in page


def test_facet_links_filter(client):
    page = client.get("/?q=Schweißen&town=Zwönitz").get_data(as_text=True)
    assert "1 Angebot gefunden" in page
    assert "WIG-Schweissen" in page and "MAG-Schweißen" not in page
    assert 'aria-current="true"' in page


def test_scraped_markup_is_escaped(client):
    page = client.get("/?q=Edelstahl").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<mark>Edelstahl</mark>" in page


def test_empty_result_is_helpful(client):
    page = client.get("/?q=Unterwasserkorbflechten&category=office").get_data(as_text=True)
    assert "Keine passenden Angebote gefunden" in page
    assert "Alle Filter entfernen" in page


@pytest.mark.parametrize("qs", ["q=%22", "q=title:(", "page=abc", "page=-5", "sort=evil", "near=%00", "radius=x", "from=2027-13-45", "max_price=-1", "category=" + "x" * 500, "q=" + "x" * 3000,
                                "town=%00", "category=&q=((("])
def test_bad_parameters_never_give_500(client, qs):
    assert client.get("/?" + qs).status_code == 200


def test_free_and_on_request_display(client):
    page = client.get("/?q=Erste+Hilfe").get_data(as_text=True)
    assert "kostenfrei" in page and "Termin auf Anfrage" in page


def test_only_http_links_reach_href():
    from webui.filters import safe_url

    assert safe_url("https://example.org/kurs") == "https://example.org/kurs"
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url(" JaVaScRiPt:alert(1)") == "#"
    assert safe_url(None) == "#"


def test_run_listed_by_two_sources_names_both(client):
    page = client.get("/?q=MAG").get_data(as_text=True)
    assert "Auch angeboten über:" in page
    assert '<a href="https://regio.example/kurs/77" rel="noopener nofollow">Weiterbildungsdatenbank Sachsen (regio)</a>' in page
