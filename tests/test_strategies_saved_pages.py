"""The xml, sitemap, structured (microdata) and RSS/Atom strategies on saved fragments of the demo
sites bzh, zwf and khs (tests/fixtures/pages/), run through their real entries in the
project's sources.yaml. Each test asserts the raw values found."""
from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import feed, sitemap, structured, xml
from wbportal.config import load_sources

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "fixtures" / "pages"
BASE = "http://demo.test"


def source_config(site: str) -> dict:
    return load_sources(ROOT / "sources.yaml").sources[site].crawl_config()


def make_spider(config: dict) -> GenericSpider:
    return GenericSpider(source_config=config)


def response(name: str, path: str, body: bytes | None = None, cls=XmlResponse):
    url = BASE + path
    body = body if body is not None else (PAGES / name).read_bytes()
    return cls(url=url, body=body, encoding="utf-8", request=Request(url))


def run(results) -> tuple[list[dict], list[str]]:
    """Raw items and the URLs of follow-up requests a strategy callback produced."""
    items, requests = [], []
    for out in results:
        if isinstance(out, Request):
            requests.append(out.url)
        else:
            items.append(out)
    return items, requests


# --------------------------------------------------------------------------------------- xml
@pytest.fixture
def bzh_page_one():
    spider = make_spider(source_config("bzh"))
    items, requests = run(xml.parse_page(spider, response("bzh-kurse-seite-1.xml", "/bzh/export/kurse.xml")))
    return spider, items, requests


def test_xml_default_namespace_runs_inherit_course_fields(bzh_page_one):
    spider, items, requests = bzh_page_one
    assert spider.problems == []
    assert [i["provider_ref"] for i in items] == ["BZH-M3-01", "BZH-M3-03", "BZH-S135-2701", "BZH-SWP-01"]
    first = items[0]
    assert first["title"] == "Meistervorbereitung Teil III – Betriebswirtschaft und Recht"
    assert first["course_ref"] == "BZH-M3"
    assert first["url"] == f"{BASE}/bzh/kurse/meister-teil-3.html"
    assert (first["start"], first["end"]) == ("2027-01-04", "2027-02-26")
    assert first["duration"] == "240 UE"                      # concat() of number and unit attribute
    assert first["price"] == "2450.00 EUR"                    # the exam fee is another element
    assert first["funding"] == "Aufstiegs-BAföG"              # zulaessig="nein" left out
    assert first["certificate"] == "Prüfung vor der Handwerkskammer Chemnitz"
    assert (first["location_name"], first["street"], first["postal_code"], first["town"]) == (
        "BZH Annaberg-Buchholz, Theoriegebäude", "Schlettauer Straße 38", "09456", "Annaberg")
    assert first["times"] == "Vollzeit, Mo–Fr 8:00–15:15 Uhr"
    # CDATA is kept as found (HTML with entities); the normalizer makes it plain text.
    assert first["description"].startswith("<p>Teil III ist f&uuml;r alle Gewerke gleich")
    assert "<li>Gründungsaktivitäten</li>" in first["description"]


def test_xml_run_values_german_dates_prices_and_online(bzh_page_one):
    _, items, _ = bzh_page_one
    online = items[1]
    assert (online["start"], online["end"]) == ("06.09.2027", "16.12.2027")
    assert online["price"] == "2.290,00 EUR"
    assert online["format"] == "Online"
    assert online["location_name"] == "Online (virtuelles Klassenzimmer)"
    assert "street" not in online and "town" not in online
    assert online["course_ref"] == "BZH-M3"


def test_xml_run_url_and_length_override_the_course(bzh_page_one):
    _, items, _ = bzh_page_one
    welding = items[2]
    assert welding["url"] == f"{BASE}/bzh/kurse/mag-schweissen.html?termin=BZH-S135-2701"
    assert welding["duration"] == "60 Std"                    # the run's <Umfang>, not the course's 80 UE
    assert welding["start"] == "2027-01-25T08:00:00+01:00"
    assert welding["price"] == "1450 EUR"


def test_xml_on_request_run_and_namespaced_markup_description(bzh_page_one):
    _, items, _ = bzh_page_one
    retest = items[3]
    assert "start" not in retest
    assert retest["schedule"] == "Termin nach Vereinbarung"
    assert retest["price"] == "EUR Preis auf Anfrage"
    # <p> children in the export's namespace: one line each, inline <em> stays in its line
    assert retest["description"] == "Verlängerung Ihrer Schweißerprüfung.\nTermin nach Ihren Prüfungen."


def test_xml_next_page_from_element_text_and_empty_next_on_last_page(bzh_page_one):
    _, _, requests = bzh_page_one
    assert requests == [f"{BASE}/bzh/export/kurse-2.xml"]
    spider = make_spider(source_config("bzh"))
    items, requests = run(xml.parse_page(spider, response("bzh-kurse-seite-2.xml", "/bzh/export/kurse-2.xml")))
    assert requests == []
    assert [(i["title"], i["start"], i["price"]) for i in items] == [
        ("Lichtbogenhandschweißen (111) – Grundlehrgang", "15.02.2027", "590.00 EUR")]


def test_xml_without_namespaces_plain_element_names_work():
    config = {"key": "t", "provider": "P", "strategy": "xml", "start_urls": [BASE + "/"],
              "xml": {"records": "//Angebot[not(@typ = 'Hinweis')]", "runs": "Durchfuehrungen/Termin",
                      "fields": {"title": "Titel", "url": "Link"},
                      "run_fields": {"start": "Beginn", "town": {"xpath": "Veranstaltungsort/Ort"}}}}
    spider = make_spider(config)
    items, _ = run(xml.parse_page(spider, response("bzh-kurse-seite-1.xml", "/bzh/export/kurse.xml")))
    assert spider.problems == []
    assert [(i["title"][:22], i.get("start"), i.get("town")) for i in items] == [
        ("Meistervorbereitung Te", "2027-01-04", "Annaberg"), ("Meistervorbereitung Te", "06.09.2027", None),
        ("MAG-Schweißen (135) – ", "2027-01-25T08:00:00+01:00", None), ("Schweißer-Wiederholung", None, None)]


def test_xml_records_matching_nothing_name_the_default_namespace():
    config = {"key": "t", "provider": "P", "strategy": "xml", "start_urls": [BASE + "/"],
              "xml": {"records": "//x:Angebot", "namespaces": {"x": "urn:falsch"}, "fields": {"title": "x:Titel"}}}
    spider = make_spider(config)
    items, _ = run(xml.parse_page(spider, response("bzh-kurse-seite-1.xml", "/bzh/export/kurse.xml")))
    assert items == []
    assert len(spider.problems) == 1
    assert "default namespace is http://www.bzh-erzgebirge.de/schema/kursexport/1.2" in spider.problems[0]


# ----------------------------------------------------------------------------------- sitemap
def test_sitemap_index_follows_its_sitemaps():
    spider = make_spider(source_config("zwf"))
    items, requests = run(sitemap.parse_sitemap(spider, response("zwf-sitemap-index.xml", "/zwf/sitemap.xml")))
    assert items == []
    assert requests == [f"{BASE}/zwf/sitemap-kurse.xml", f"{BASE}/zwf/sitemap-seiten.xml"]


KEPT = [f"{BASE}/zwf/kurse/excel-grundlagen.html", f"{BASE}/zwf/kurse/excel-aufbau.html",
        f"{BASE}/zwf/kurse/word-grundlagen.html", f"{BASE}/zwf/kurse/ki-im-buero.html"]


def test_sitemap_lastmod_after_and_follow_filter_pages():
    spider = make_spider(source_config("zwf"))  # follow /zwf/kurse/, lastmod_after 2026-01-01
    _, requests = run(sitemap.parse_sitemap(spider, response("zwf-sitemap-kurse.xml", "/zwf/sitemap-kurse.xml")))
    # archived pages (2024-05-17T..., 2024-01, 2023-11-02) and "2025-12" are older; no lastmod: kept;
    # /zwf/kontakt.html is outside `follow`
    assert requests == KEPT
    assert spider.problems == []


def test_sitemap_gzipped_body_is_read():
    spider = make_spider(source_config("zwf"))
    body = gzip.compress((PAGES / "zwf-sitemap-kurse.xml").read_bytes())
    _, requests = run(sitemap.parse_sitemap(spider, response("", "/zwf/sitemap-kurse.xml.gz", body=body)))
    assert requests == KEPT


def test_sitemap_lastmod_day_of_partial_and_zoned_dates():
    assert sitemap.lastmod_day("2024-01") == date(2024, 1, 31)
    assert sitemap.lastmod_day("2026") == date(2026, 12, 31)
    assert sitemap.lastmod_day(" 2026-10-14T09:12:44+02:00") == date(2026, 10, 14)
    assert sitemap.lastmod_day("gestern") is None


def test_sitemap_start_url_that_is_not_a_sitemap_is_reported():
    spider = make_spider(source_config("zwf"))
    items, requests = run(sitemap.parse_sitemap(
        spider, response("zwf-kursuebersicht.html", "/zwf/kurse/index.html", cls=HtmlResponse)))
    assert (items, requests) == ([], [])
    assert spider.problems == [f"not a sitemap: {BASE}/zwf/kurse/index.html"]


# ------------------------------------------------------------------------- structured (microdata)
def html_page(name: str, path: str):
    return response(name, path, cls=HtmlResponse)


def test_microdata_runs_merged_with_the_seo_plugins_json_ld_copy():
    offers = structured.extract_offers(html_page("zwf-kurs-microdata.html", "/zwf/kurse/ki-im-buero.html"))
    assert [o["provider_ref"] for o in offers] == ["ZWF-DI-401-2701", "ZWF-DI-401-2702", "ZWF-DI-401-2703"]
    assert [o["start"] for o in offers] == ["2027-01-21", "11.03.2027", "2027-05-20T09:00:00+02:00"]
    assert [o["price"] for o in offers] == ["195.00 EUR", "175,00 EUR", "195 EUR"]
    assert [o["format"] for o in offers] == ["onsite", "Live-Online", "https://schema.org/OfflineEventAttendanceMode"]
    assert [o["place"] for o in offers] == [
        "ZWF Schulungszentrum Freiberg, Halsbrücker Straße 34, 09599 Freiberg", "Online",
        "ZWF Außenstelle Annaberg-Buchholz, Buchholzer Straße 61, 09456 Annaberg-Buchholz"]
    assert [o.get("duration") for o in offers] == ["8 UE", None, "PT6H"]
    first = offers[0]
    assert first["title"] == "KI im Büroalltag – ChatGPT, Copilot & Co. sinnvoll nutzen"
    # the microdata's full description, not the plugin's shortened one
    assert first["description"] == ("Texte entwerfen, Protokolle zusammenfassen, Tabellen auswerten.\n\n"
                                    "Sie probieren KI-Werkzeuge an eigenen Aufgaben aus.")
    assert first["course_ref"] == "ZWF-DI-401"
    assert first["certificate"] == "Teilnahmebescheinigung"
    assert first["url"] == f"{BASE}/zwf/kurse/ki-im-buero.html"


def test_json_ld_copy_without_runs_is_dropped_when_the_course_has_runs():
    offers = structured.extract_offers(html_page("zwf-kurs-jsonld-ohne-termine.html", "/zwf/kurse/excel-aufbau.html"))
    assert [(o["title"], o["start"], o["end"], o["price"]) for o in offers] == [
        ("Excel für Fortgeschrittene – Pivot-Tabellen, SVERWEIS und Datenanalyse", "08.03.2027", "09.03.2027",
         "320,00 EUR")]


def test_course_teasers_of_an_overview_page_give_nothing():
    assert structured.extract_offers(html_page("zwf-kursuebersicht.html", "/zwf/kurse/index.html")) == []


def test_course_without_runs_on_its_own_page_is_one_offer():
    offers = structured.extract_offers(html_page("zwf-kurs-ohne-termine.html", "/zwf/kurse/office-inhouse.html"))
    assert len(offers) == 1
    assert offers[0]["title"] == "Office-Schulungen als Inhouse-Seminar – Excel, Word und Outlook nach Maß"
    assert offers[0]["course_ref"] == "ZWF-OF-190"
    assert "start" not in offers[0] and "price" not in offers[0]


def test_sitemap_pages_go_through_structured_parse_detail():
    spider = make_spider(source_config("zwf"))
    items, _ = run(structured.parse_detail(spider, html_page("zwf-kurs-microdata.html", "/zwf/kurse/ki-im-buero.html")))
    assert [(i["source"], i["provider"], i["url"]) for i in items] == [
        ("zwf", "Zentrum für Weiterbildung Freiberg-Erzgebirge", f"{BASE}/zwf/kurse/ki-im-buero.html")] * 3


# ------------------------------------------------------------------------------------ RSS/Atom
def test_rss_html_description_lines_become_fields_and_news_are_skipped():
    spider = make_spider(source_config("khs"))
    items, _ = run(feed.parse_start(spider, response("khs-feed.xml", "/khs/feed.xml")))
    assert spider.problems == []
    assert [i["url"] for i in items] == [f"{BASE}/khs/veranstaltungen/erste-hilfe-grundkurs-2027-03-12.html",
                                         f"{BASE}/khs/veranstaltungen/brandschutzhelfer-2027-06-09.html"]
    first = items[0]
    assert first["title"] == "Erste Hilfe Grundkurs für Betriebe"
    assert first["provider_ref"] == "tag:khs-erzgebirge.de,2026:veranstaltung-4102"
    assert first["description"] == "Betriebliche Ersthelferinnen und Ersthelfer lernen, in Notfällen richtig zu handeln."
    assert first["schedule"] == "12.03.2027, 8:00–15:30 Uhr"
    assert first["place"] == "Innungshaus Aue, Wettinerstraße 8, 08280 Aue"
    assert first["duration"] == "9 UE"
    assert first["price"] == "kostenfrei (Abrechnung über die Berufsgenossenschaft)"
    assert first["certificate"].endswith("(DGUV Grundsatz 304-001)")
    assert first["category"] == "Veranstaltungen, Erste Hilfe"
    assert "start" not in first and "format" not in first  # <pubDate> is not the course date
    second = items[1]
    assert second["title"] == "Brandschutzhelfer – Ausbildung nach ASR A2.2"
    assert second["description"] == "Jeder Betrieb braucht ausgebildete Brandschutzhelfer.\nDanach praktische Löschübungen."
    assert (second["schedule"], second["duration"], second["price"]) == ("09.06.2027, 13:00–17:00 Uhr", "4 Std.", "95 EUR")
    assert second["place"].endswith("An der Feuerwache 2, 08340 Schwarzenberg/Erzgeb.")


def test_atom_alternate_link_content_over_summary_and_xhtml_content():
    spider = make_spider(source_config("khs"))
    items, _ = run(feed.parse_start(spider, response("khs-atom.xml", "/khs/atom.xml")))
    assert [i["url"] for i in items] == [f"{BASE}/khs/veranstaltungen/gefaehrdungsbeurteilung-2027-02-09.html",
                                         f"{BASE}/khs/veranstaltungen/digitale-auftragsabwicklung-2027-06-02.html"]
    html_entry, xhtml_entry = items
    assert html_entry["title"] == "Gefährdungsbeurteilung erstellen – Praxisworkshop"
    assert html_entry["description"] == ("Sie erstellen die Gefährdungsbeurteilung für Ihren Betrieb mit Vorlagen "
                                         "der Berufsgenossenschaft.")
    assert (html_entry["schedule"], html_entry["place"], html_entry["price"]) == (
        "Di., 09.02.2027, 17:00–20:00 Uhr", "Online-Seminar (Zoom)", "49,- €")
    assert html_entry["provider_ref"] == "tag:khs-erzgebirge.de,2026:veranstaltung-4141"
    assert xhtml_entry["description"] == "Handwerkersoftware, mobile Zeiterfassung, digitale Baustellendokumentation."
    assert (xhtml_entry["schedule"], xhtml_entry["format"], xhtml_entry["duration"]) == (
        "02.06.2027, 9:00–15:00 Uhr", "Online", "8 UE")
    assert xhtml_entry["price"] == "120,00 € & Skript"
    assert xhtml_entry["funding"] == "Weiterbildungsscheck Sachsen möglich"


def test_atom_built_in_fields_without_configuration():
    config = {"key": "t", "provider": "P", "strategy": "feed", "start_urls": [BASE + "/"]}
    spider = make_spider(config)
    items, _ = run(feed.parse_start(spider, response("khs-atom.xml", "/khs/atom.xml")))
    assert len(items) == 3  # nothing filters the news entry here
    first = items[0]
    assert first["url"] == f"{BASE}/khs/veranstaltungen/gefaehrdungsbeurteilung-2027-02-09.html"
    assert first["description"].startswith("<p>Sie erstellen die Gefährdungsbeurteilung")  # content, not summary
    assert first["category"] == "veranstaltungen, arbeitsschutz"
    assert items[1]["description"].startswith("<div><p>Handwerkersoftware")  # xhtml content as markup
    assert "<strong>Termin:</strong> 02.06.2027" in items[1]["description"]


def test_feed_without_entries_is_reported():
    spider = make_spider({"key": "t", "provider": "P", "strategy": "feed", "start_urls": [BASE + "/"]})
    items, _ = run(feed.parse_start(spider, response("zwf-sitemap-index.xml", "/khs/feed.xml")))
    assert items == []
    assert spider.problems == [f"no RSS <item> or Atom <entry> at {BASE}/khs/feed.xml"]
