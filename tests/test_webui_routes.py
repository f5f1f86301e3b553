"""Every route of the web UI and the open-data API, through Flask's test client on a real temp
index: detail and provider pages, iCalendar, funding page, JSON API, CSV/iCal exports, OpenAPI,
radius search, suggestions, security headers, and hostile scraped text in JSON-LD and CSV."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from icalendar import Calendar



def test_detail_page_shows_everything_other_runs_and_json_ld(client):
    response = client.get("/angebot/a-1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>MAG-Schweißen Grundlehrgang</h1>" in page
    assert "01.03.2027 – 12.03.2027" in page and "1.450 €" in page and "60 Stunden" in page
    assert "Weitere Termine dieses Kurses" in page and "/angebot/a-2" in page  # the other run
    assert 'href="http://a.test/mag"' in page and "/angebot/a-1.ics" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert data["@type"] == "Course" and len(data["hasCourseInstance"]) == 2
    assert data["hasCourseInstance"][0]["startDate"] == "2027-03-01"


def test_hostile_title_cannot_close_the_json_ld_script(client, index_store, offer_records):
    from wbportal.catalogue import content_hash
    evil = dict(offer_records[0], id="evil", title="Kurs</script><script>alert(1)</script>", course_key="evil")
    index_store.apply([(evil, content_hash(evil))])
    page = client.get("/angebot/evil").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == page.count("<script")  # every script element is ours


def test_unknown_offer_and_provider_are_404_in_german(client):
    page = client.get("/angebot/gibt-es-nicht")
    assert page.status_code == 404 and "Diese Seite gibt es nicht" in page.get_data(as_text=True)
    assert client.get("/anbieter/Niemand GmbH").status_code == 404
    assert client.get("/api/offers/nix").status_code == 404 and client.get("/api/offers/nix").json["error"]


def test_detail_ics_is_a_calendar_event(client):
    response = client.get("/angebot/a-1.ics")
    assert response.mimetype == "text/calendar"
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "MAG-Schweißen Grundlehrgang"
    assert event["DTSTART"].dt.isoformat() == "2027-03-01" and event["DTEND"].dt.isoformat() == "2027-03-13"
    assert client.get("/angebot/c-2.ics").status_code == 404  # no date, no calendar entry


def test_provider_page_lists_its_offers(client):
    page = client.get("/anbieter/ErzWerk Bildungszentrum GmbH").get_data(as_text=True)
    assert "<h1>ErzWerk Bildungszentrum GmbH</h1>" in page and "2 aktuelle Angebote" in page


def test_funding_page_explains_the_programmes_and_is_linked(client):
    page = client.get("/foerderung").get_data(as_text=True)
    for anchor in ("bildungsgutschein", "qcg", "aufstiegs_bafoeg", "weiterbildungsscheck"):
        assert f'id="{anchor}"' in page
    assert "AZAV" in page and "Sächsische Aufbaubank" in page
    assert 'href="/foerderung"' in client.get("/").get_data(as_text=True)


def test_radius_around_a_town_or_postal_code(client):
    page = client.get("/?near=Zwönitz&radius=10&sort=distance").get_data(as_text=True)
    assert "im Umkreis von 10 km um Zwönitz" in page and "2 Angebote gefunden" in page
    # both hits are in Zwönitz itself: each card gives the distance, German decimal comma
    assert page.count("<dd>Zwönitz (0,0 km)</dd>") == 2, re.findall(r"<dd>[^<]*km\)</dd>", page)
    by_code = client.get("/api/offers?near=09456&radius=10").json
    assert [o["id"] for o in by_code["offers"]] == ["a-1"] and by_code["offers"][0]["distance_km"] < 1
    unknown = client.get("/?near=Atlantis").get_data(as_text=True)
    assert "Den Ort „Atlantis“ kennen wir nicht" in unknown


def test_date_window_and_max_price_filters(client):
    api = client.get("/api/offers?from=2027-02-01&to=2027-04-30&rolling=0&max_price=1000").json
    assert sorted(o["id"] for o in api["offers"]) == ["b-1", "b-2"]


def test_api_has_the_page_filters_and_facets(client):
    data = client.get("/api/offers?q=Schweißen&category=schweissen&page_size=2").json
    assert data["total"] == 3 and data["pages"] == 2 and len(data["offers"]) == 2
    assert {"value": "Zwönitz", "count": 1} in data["facets"]["town"]
    assert set(data["facets"]) >= {"category", "town", "district", "format", "funding", "provider_facet",
                                   "certificate", "start_month", "duration_band", "price_band"}
    assert client.get("/api/offers/a-1").json["title"] == "MAG-Schweißen Grundlehrgang"


def test_csv_export_of_a_result_list_neutralises_formulas(client, index_store, offer_records):
    from wbportal.catalogue import content_hash
    evil = dict(offer_records[1], id="formula", title="=HYPERLINK(\"http://evil\")")
    index_store.apply([(evil, content_hash(evil))])
    response = client.get("/export.csv?category=schweissen")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert {r["Kennung"] for r in rows} == {"a-1", "a-2", "b-1", "formula"}
    assert next(r for r in rows if r["Kennung"] == "formula")["Titel"].startswith("'=")


def test_ics_export_of_a_result_list(client):
    cal = Calendar.from_ical(client.get("/export.ics?q=Schweißen").data)
    assert len(cal.walk("VEVENT")) == 3


def test_openapi_description_lists_the_api(client):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.0")
    assert {"/api/offers", "/api/offers/{offer_id}", "/export.csv", "/export.ics"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/offers"]["get"]["parameters"]}
    assert {"q", "near", "radius", "from", "to", "max_price", "category", "funding", "sort"} <= names
    assert "title" in spec["components"]["schemas"]["Offer"]["properties"]
    text = json.dumps(spec)
    assert "#/$defs/" not in text  # every reference resolves inside the document


def test_suggestions_as_you_type(client):
    assert client.get("/vorschlaege?q=Gabel").json == ["Gabelstaplerfahrer-Ausbildung"]
    assert client.get("/vorschlaege?q=").json == []


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_state_is_in_the_url_and_facet_links_keep_it(client):
    page = client.get("/?q=Schweißen&town=Zwönitz&sort=start").get_data(as_text=True)
    assert "sort=start" in page and "town=Zw%C3%B6nitz" in page
    assert 'class="facet-link active"' in page


def test_serve_with_two_gunicorn_workers(cli, index_store, tmp_path):
    import shutil
    import socket
    import subprocess
    import time
    import urllib.request

    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(index_store.root, data / "index", symlinks=True)
    refused = cli("serve", "--port", "1", "--data-dir", data, returncode=2)  # no schema yet: a clear refusal
    assert "run `wbportal db upgrade`" in refused.stderr
    cli("db", "upgrade", "--data-dir", data)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = cli.start("serve", "--port", port, "--workers", "2", "--data-dir", data,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=Schwei%C3%9Fen", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "2 Angebote gefunden (3 Termine)" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)


HOSTILE = {"title": '<img src=x onerror="alert(1)">Kurs', "provider": '"><svg onload=alert(2)>GmbH',
           "description": "<script>alert(3)</script>" + "Langeswort" * 5000, "url": "javascript:alert(4)",
           "schedule_text": "<b onmouseover=alert(5)>bald</b>"}


@pytest.fixture
def hostile(index_store, offer_records):
    from wbportal.catalogue import content_hash
    record = dict(offer_records[0], id="hostile", course_key="hostile", **HOSTILE)
    index_store.apply([(record, content_hash(record))])
    return record


@pytest.mark.parametrize("path", ["/?q=Kurs", "/angebot/hostile", "/anbieter/" + HOSTILE["provider"]])
def test_hostile_scraped_text_is_inert_in_pages(client, hostile, path):
    response = client.get(path)
    page = response.get_data(as_text=True)
    for raw in ("<img src=x", "<svg onload", "<script>alert", "<b onmouseover"):
        assert raw not in page
    assert 'href="javascript:' not in page
    # the hostile offer is on the page, as text: the checks above were not vacuous
    assert response.status_code == 200 and "&lt;img src=x onerror=" in page and "&lt;svg onload" in page


@pytest.mark.parametrize("path, mimetype", [("/api/offers?q=Kurs", "application/json"), ("/export.csv?q=Kurs", "text/csv")])
def test_hostile_text_in_data_responses_is_never_html(client, hostile, path, mimetype):
    response = client.get(path)
    assert response.mimetype == mimetype and response.headers["X-Content-Type-Options"] == "nosniff"


def test_very_long_text_is_cut_on_result_cards(client, hostile):
    page = client.get("/?q=Kurs").get_data(as_text=True)
    card = page.split('href="/angebot/hostile"', 1)[1].split("</article>", 1)[0]
    assert len(card) < 3000


def test_export_ignores_the_page_parameter_and_ends(client):
    # found by the API fuzzer: an export asked for page 5 of a 3-hit list looped forever
    import csv as _csv
    rows = list(_csv.reader(io.StringIO(client.get("/export.csv?q=Schweißen&page=5").get_data(as_text=True)), delimiter=";"))
    assert len(rows) == 4  # header + the 3 hits
