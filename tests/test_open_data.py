"""The "Offene Daten" page and its downloads: German explanation with working example requests,
the data licence (operator's legal.yaml over $WBPORTAL_DATA_LICENCE over CC BY 4.0), labels of the
facet codes, full JSONL and CSV downloads of every current offer, CORS only on the data."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from test_browser import browser, live, live_url  # noqa: F401
from test_browser_accounts import axe  # noqa: F401
from wbportal.config import load_sources
from wbportal.legal import TEMPLATE


def api_ids(client) -> list[str]:
    """Every current offer's id, through the paging API (a different path than the downloads)."""
    ids, page = [], 1
    while True:
        body = client.get(f"/api/offers?page_size=2&page={page}&sort=start").json
        ids += [o["id"] for o in body["offers"]]
        if page >= body["pages"]:
            return ids
        page += 1


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_page_explains_the_api_in_german_with_working_examples(client):
    page = client.get("/offene-daten").get_data(as_text=True)
    text = text_of(page)
    assert "<h1>Offene Daten</h1>" in page
    total = client.get("/api/offers").json["total"]
    assert f"Alle {total} aktuellen Weiterbildungsangebote" in text
    curls = re.findall(r"curl -s '([^']+)'", text)
    assert len(curls) >= 5
    for url in curls:  # every example answers, and the search examples are real queries
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200, url
    one = next(u for u in curls if "/api/offers/" in u)
    assert client.get(one.removeprefix("http://localhost")).json["id"]  # a real offer id, not a placeholder
    assert any("category=" in u and "near=" in u for u in curls)
    # labels of the facet codes, from their one definition
    assert '<th scope="row"><code>schweissen</code></th><td>Schweißtechnik</td>' in page
    assert '<th scope="row"><code>onsite</code></th><td>Präsenz</td>' in page
    assert '<th scope="row"><code>weiterbildungsscheck</code></th><td>Weiterbildungsscheck Sachsen</td>' in page
    assert '<th scope="row"><code>upto250</code></th><td>bis 250 €</td>' in page
    assert 'href="/offene-daten"' in page  # nav and footer link


def test_default_licence_is_cc_by_naming_every_source(client, monkeypatch):
    monkeypatch.delenv("WBPORTAL_DATA_LICENCE", raising=False)
    text = text_of(client.get("/offene-daten").get_data(as_text=True))
    assert "Lizenz CC BY 4.0" in text
    providers = [s.provider for s in load_sources(client.application.config["SOURCES_FILE"]).sources.values()]
    attribution = text.split("die Quelle so:", 1)[1].split("Die Angebote sind", 1)[0]
    for provider in providers:
        assert provider in attribution, provider


def test_place_coordinates_credit_the_gazetteer_sources(client):
    """The coordinates come from the gazetteer (GeoNames, Regionalstatistik, OpenStreetMap):
    their licences require naming them where the data is passed on (normalize/data/GAZETTEER_LICENSE)."""
    text = text_of(client.get("/offene-daten").get_data(as_text=True))
    credit = text.split("Die Koordinaten der Orte", 1)[1].split("Vollständige Downloads", 1)[0]
    for name in ("GeoNames", "Creative Commons Namensnennung 4.0", "Regionalstatistik", "Datenlizenz Deutschland", "OpenStreetMap", "ODbL"):
        assert name in credit, name


def test_licence_from_environment(client, monkeypatch):
    monkeypatch.setenv("WBPORTAL_DATA_LICENCE", "CC0 1.0")
    page = client.get("/offene-daten").get_data(as_text=True)
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.de">CC0 1.0</a>' in page
    assert "CC BY 4.0" not in page


def test_operator_file_wins_over_environment(client, monkeypatch):
    monkeypatch.setenv("WBPORTAL_DATA_LICENCE", "CC0 1.0")
    data_dir = Path(client.application.config["INDEX_DIR"]).parent
    (data_dir / "legal.yaml").write_text(TEMPLATE.read_text(encoding="utf-8") + (
        "open_data:\n  licence: \"dl-de/by-2-0\"\n"
        "  attribution: \"Landkreis-Datenportal, Quellen: {sources}\"\n"), encoding="utf-8")
    page = client.get("/offene-daten").get_data(as_text=True)
    assert 'href="https://www.govdata.de/dl-de/by-2-0">dl-de/by-2-0</a>' in page
    assert "CC0 1.0" not in page and "CC BY 4.0" not in page
    assert "Landkreis-Datenportal, Quellen: Sicherheits- und Technikakademie Erzgebirge GmbH" in page
    (data_dir / "legal.yaml").write_text(TEMPLATE.read_text(encoding="utf-8") + "open_data:\n  lizenz: x\n")
    broken = client.get("/offene-daten")  # a typo in the operator's file: no 500, no made-up licence
    assert broken.status_code == 200 and "Lizenzangabe ist gerade nicht verfügbar" in broken.get_data(as_text=True)
    assert "CC0 1.0" not in broken.get_data(as_text=True)


@pytest.mark.parametrize("page_size", [100, 2])  # one step, and several (streaming in pieces)
def test_jsonl_download_has_every_current_offer_once(client, monkeypatch, page_size):
    import webui.opendata
    monkeypatch.setattr(webui.opendata, "PAGE", page_size)
    response = client.get("/offene-daten/angebote.jsonl")
    assert response.status_code == 200 and response.is_streamed
    assert 'filename="angebote.jsonl"' in response.headers["Content-Disposition"]
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    expected = api_ids(client)
    assert len(expected) >= 5
    assert [r["id"] for r in records] == expected
    assert all(r["title"] and r["provider"] and r["url"] for r in records)


@pytest.mark.parametrize("page_size", [100, 2])
def test_csv_download_has_every_current_offer_once(client, monkeypatch, page_size):
    import webui.opendata
    monkeypatch.setattr(webui.opendata, "PAGE", page_size)
    response = client.get("/offene-daten/angebote.csv")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff")  # German Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))
    header, rows = rows[0], rows[1:]
    assert header[0] == "Kennung" and "Titel" in header
    assert [r[0] for r in rows] == api_ids(client)
    assert all(len(r) == len(header) for r in rows)
    # the same columns and cell format as the search export
    export = client.get("/export.csv?past=0").get_data().decode("utf-8")
    assert body.splitlines()[0] == export.splitlines()[0]


def test_cors_on_the_data_only(client):
    offer_id = client.get("/api/offers").json["offers"][0]["id"]
    for path in ("/api/offers", f"/api/offers/{offer_id}", "/api/openapi.json", "/offene-daten/angebote.jsonl",
                 "/offene-daten/angebote.csv", "/export.csv"):
        assert client.get(path).headers.get("Access-Control-Allow-Origin") == "*", path
    for path in ("/", "/offene-daten", f"/angebot/{offer_id}", "/konto/anmelden"):
        assert "Access-Control-Allow-Origin" not in client.get(path).headers, path
    posted = client.post("/konto/anmelden", data={"email": "x@y.example", "password": "p"})
    assert "Access-Control-Allow-Origin" not in posted.headers


def test_open_data_page_in_the_browser_passes_axe(live_url, browser, axe):
    from test_browser import By

    browser.get(live_url + "/")
    browser.find_element(By.CSS_SELECTOR, "footer a[href='/offene-daten']").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Offene Daten"
    axe.check(browser, "open data")
    browser.set_window_size(390, 900)
    wide = browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
    assert not wide  # long example URLs wrap on a phone
    axe.finish()
