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


@pytest.mark.parametrize("query", [
    "", "q=Schwei%C3%9Fen", "q=Erste+Hilfe&town=Zw%C3%B6nitz&town=Annaberg-Buchholz&page=2",
    "q=a%26b%3Dc+%2B%23%25&format=online&sort=price", "q=%22Erste+Hilfe%22&near=09456&radius=25&max_price=",
    "category=schweissen&funding=bildungsgutschein&start_from=2027-01-01&q=%3Cscript%3E%27x%27",
])
def test_search_links_equal_what_url_for_builds(app, query):
    """The search page builds its facet, sort and paging links without url_for per link
    (webui/search.py _url): each must be the string url_for gives for the same arguments."""
    from flask import url_for

    from webui.search import _url, toggle_url

    with app.test_request_context("/?" + query):
        from flask import request
        args = request.args

        def expected(endpoint="search.index", **changes):
            params = {k: args.getlist(k) for k in args}
            params.update(changes)
            return url_for(endpoint, **{k: v for k, v in params.items() if v not in ("", [], None)})

        for endpoint in ("search.index", "api.export_csv", "needs.create"):
            assert _url(args, endpoint=endpoint, page=None) == expected(endpoint, page=None)
        assert _url(args, page=3) == expected(page=3)
        assert _url(args, sort="start", page=None) == expected(sort="start", page=None)
        for name, value in (("town", "Zwönitz"), ("category", "sprachen & kommunikation"), ("format", "online")):
            values = list(args.getlist(name))
            values.remove(value) if value in values else values.append(value)
            assert toggle_url(args, name, value) == expected(**{name: values, "page": None})
