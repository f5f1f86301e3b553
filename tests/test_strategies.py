"""Strategy behaviour beyond a source's saved pages (those are golden folders, see
test_golden_pages.py): configurations other than the project's sources.yaml entries, error
reports, a gzipped sitemap, partial lastmod dates. The pages are the golden folders' pages."""
from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import feed, html, sitemap, xml
from wbportal.config import load_sources

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden"
BASE = "http://demo.test"


def source_config(site: str) -> dict:
    return load_sources(ROOT / "sources.yaml").sources[site].crawl_config()


def make_spider(config: dict) -> GenericSpider:
    return GenericSpider(source_config=config)


def response(case: str | None, path: str, body: bytes | None = None, cls=XmlResponse):
    """The page of golden folder `case` (or `body`) as fetched from BASE + path."""
    url = BASE + path
    if body is None:
        body = next((GOLDEN / case).glob("page.*")).read_bytes()
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
def test_xml_without_namespaces_plain_element_names_work():
    config = {"key": "t", "provider": "P", "strategy": "xml", "start_urls": [BASE + "/"],
              "xml": {"records": "//Angebot[not(@typ = 'Hinweis')]", "runs": "Durchfuehrungen/Termin",
                      "fields": {"title": "Titel", "url": "Link"},
                      "run_fields": {"start": "Beginn", "town": {"xpath": "Veranstaltungsort/Ort"}}}}
    spider = make_spider(config)
    items, _ = run(xml.parse_page(spider, response("bzh-xml-export-page-1", "/bzh/export/kurse.xml")))
    assert spider.problems == []
    assert [(i["title"][:22], i.get("start"), i.get("town")) for i in items] == [
        ("Meistervorbereitung Te", "2027-01-04", "Annaberg"), ("Meistervorbereitung Te", "06.09.2027", None),
        ("MAG-Schweißen (135) – ", "2027-01-25T08:00:00+01:00", None), ("Schweißer-Wiederholung", None, None)]


def test_xml_records_matching_nothing_name_the_default_namespace():
    config = {"key": "t", "provider": "P", "strategy": "xml", "start_urls": [BASE + "/"],
              "xml": {"records": "//x:Angebot", "namespaces": {"x": "urn:falsch"}, "fields": {"title": "x:Titel"}}}
    spider = make_spider(config)
    items, _ = run(xml.parse_page(spider, response("bzh-xml-export-page-1", "/bzh/export/kurse.xml")))
    assert items == []
    assert len(spider.problems) == 1
    assert "default namespace is http://www.bzh-erzgebirge.de/schema/kursexport/1.2" in spider.problems[0]


# ----------------------------------------------------------------------------------- sitemap
def test_sitemap_gzipped_body_is_read():
    spider = make_spider(source_config("zwf"))
    body = gzip.compress(next((GOLDEN / "zwf-sitemap-courses").glob("page.*")).read_bytes())
    _, requests = run(sitemap.parse_sitemap(spider, response(None, "/zwf/sitemap-kurse.xml.gz", body=body)))
    assert requests == [f"{BASE}/zwf/kurse/excel-grundlagen.html", f"{BASE}/zwf/kurse/excel-aufbau.html",
                        f"{BASE}/zwf/kurse/word-grundlagen.html", f"{BASE}/zwf/kurse/ki-im-buero.html"]


def test_sitemap_lastmod_day_of_partial_and_zoned_dates():
    assert sitemap.lastmod_day("2024-01") == date(2024, 1, 31)
    assert sitemap.lastmod_day("2026") == date(2026, 12, 31)
    assert sitemap.lastmod_day(" 2026-10-14T09:12:44+02:00") == date(2026, 10, 14)
    assert sitemap.lastmod_day("gestern") is None


def test_sitemap_start_url_that_is_not_a_sitemap_is_reported():
    spider = make_spider(source_config("zwf"))
    items, requests = run(sitemap.parse_sitemap(
        spider, response("zwf-course-overview", "/zwf/kurse/index.html", cls=HtmlResponse)))
    assert (items, requests) == ([], [])
    assert spider.problems == [f"not a sitemap: {BASE}/zwf/kurse/index.html"]


# ------------------------------------------------------------------------------------ RSS/Atom
def test_atom_built_in_fields_without_configuration():
    config = {"key": "t", "provider": "P", "strategy": "feed", "start_urls": [BASE + "/"]}
    spider = make_spider(config)
    items, _ = run(feed.parse_start(spider, response("khs-atom-feed", "/khs/atom.xml")))
    assert len(items) == 3  # nothing filters the news entry here
    first = items[0]
    assert first["url"] == f"{BASE}/khs/veranstaltungen/gefaehrdungsbeurteilung-2027-02-09.html"
    assert first["description"].startswith("<p>Sie erstellen die Gefährdungsbeurteilung")  # content, not summary
    assert first["category"] == "veranstaltungen, arbeitsschutz"
    assert items[1]["description"].startswith("<div><p>Handwerkersoftware")  # xhtml content as markup
    assert "<strong>Termin:</strong> 02.06.2027" in items[1]["description"]


def test_feed_without_entries_is_reported():
    spider = make_spider({"key": "t", "provider": "P", "strategy": "feed", "start_urls": [BASE + "/"]})
    items, _ = run(feed.parse_start(spider, response("zwf-sitemap-index", "/khs/feed.xml")))
    assert items == []
    assert spider.problems == [f"no RSS <item> or Atom <entry> at {BASE}/khs/feed.xml"]


# -------------------------------------------------------------------------------- html sessions
SESSION_PAGE = """<html><body><h1>Tastschreiben am PC</h1>
<table class="termine"><tr><th>Datum</th><th>Uhrzeit</th></tr>
<tr><td>Mi., 03.03.2027</td><td>18:00 - 19:30</td></tr>
<tr><td>Mi., 10.03.2027</td><td>18:00 - 20:15</td></tr></table></body></html>"""
TWO_RUNS_PAGE = """<html><body><h1>Erste Hilfe</h1>
<div class="lauf"><p class="beginn">12.03.2027</p><ul><li><b>12.03.2027</b> <i>08:00</i>-<u>15:30</u></li></ul></div>
<div class="lauf"><p class="beginn">09.04.2027</p><ul><li><b>09.04.2027</b> <i>08:30</i>-<u>16:00</u></li>
<li><b>10.04.2027</b> <i>08:30</i>-<u>12:00</u></li></ul></div></body></html>"""
ROW_SESSIONS = {"item": "table.termine tr:has(td)", "date": "td:nth-child(1)",
                "start": {"css": "td:nth-child(2)", "regex": r"^(\d{1,2}:\d{2})"},
                "end": {"css": "td:nth-child(2)", "regex": r"-\s*(\d{1,2}:\d{2})"}}


def html_config(detail: dict) -> dict:
    return {"key": "t", "provider": "P", "strategy": "html", "start_urls": [BASE + "/"], "detail": detail}


def test_html_detail_session_table_gives_sessions():
    spider = make_spider(html_config({"fields": {"title": "h1"}, "sessions": ROW_SESSIONS}))
    items, _ = run(html.parse_detail(spider, response(None, "/kurs.html", SESSION_PAGE.encode(), HtmlResponse)))
    assert items[0]["sessions"] == [["Mi., 03.03.2027 18:00", "Mi., 03.03.2027 19:30"],
                                     ["Mi., 10.03.2027 18:00", "Mi., 10.03.2027 20:15"]]
    from normalize import build_offer
    offer = build_offer(items[0])
    assert (offer.duration_hours, offer.schedule.session_count) == (3.75, 2)


def test_html_each_run_reads_its_own_sessions_and_a_page_table_is_not_shared():
    runs = {"item": "div.lauf", "fields": {"start": "p.beginn"},
            "sessions": {"item": "li", "date": "b", "start": "i", "end": "u"}}
    spider = make_spider(html_config({"fields": {"title": "h1"}, "runs": runs,
                                      "sessions": {"item": "li", "date": "b", "start": "i"}}))
    items, _ = run(html.parse_detail(spider, response(None, "/kurs.html", TWO_RUNS_PAGE.encode(), HtmlResponse)))
    assert [i["sessions"] for i in items] == [
        [["12.03.2027 08:00", "12.03.2027 15:30"]],
        [["09.04.2027 08:30", "09.04.2027 16:00"], ["10.04.2027 08:30", "10.04.2027 12:00"]]]
    assert len(spider.problems) == 1 and "detail.runs.sessions" in spider.problems[0]
