"""The `kufer_xml` source template (a KuferSQL XML export) against a replay site, and session
lists in the `xml` strategy.

tests/replay/kufer_xml/kurse.xml is a Volkshochschule's export written from the KuferSQL element
names (windows-1252, one <kurs> per run, <termine><termin> with <tag>/<zeitvon>/<zeitbis>);
expected.jsonl was written by reading it. The maintainer's source is four lines: provider,
template and site (the export lies at the template's default address).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import XmlResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import xml
from tests.accuracy import FIELDS, score_site, table, url_key
from tests.replay.crawl import crawl_source
from tests.replay.server import replay_handler
from wbportal.config import load_sources

SITE = Path(__file__).resolve().parent / "replay" / "kufer_xml"
KEY = "vhs-erzgebirge"
SOURCE = """sources:
  vhs-erzgebirge:
    provider: Volkshochschule Erzgebirgskreis
    template: kufer_xml
    site: {site}
"""
# Per-field floor of the share of offers right (every field: 0.95).
FLOORS: dict[str, float] = {}
EXPECTED = [json.loads(line) for line in (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]


def knr(record: dict) -> str:
    return url_key(record["url"]).rsplit("knr=", 1)[1]


@pytest.fixture(scope="module")
def crawled(cli, serve, tmp_path_factory):
    """One crawl of the replay site: (crawl process, exported records by knr, requested paths, site URL)."""
    data = tmp_path_factory.mktemp("kufer_xml")
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        proc, records = crawl_source(cli, data, SOURCE.format(site=site))
    return proc, {knr(r): r for r in records}, [r["path"] for r in requests], site


def test_source_of_four_lines_finds_every_run_of_the_export(crawled):
    proc, records, paths, _ = crawled
    assert len(SOURCE.strip().splitlines()) - 1 <= 5  # the source without the `sources:` header
    assert "/export/kurse.xml" in paths  # the template's default export address under {site}
    assert sorted(records) == sorted(url_key(e["url"]).rsplit("knr=", 1)[1] for e in EXPECTED)
    assert len(records) == 10


def test_field_accuracy_against_the_hand_written_records(crawled):
    _, records, _, _ = crawled
    score = score_site(KEY, list(records.values()), expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) == 10
    assert score.extra == 0
    assert score.course_groups_ok  # the two Excel runs are one course
    low = {name: score.mismatches[name] for name in FIELDS if score.correct[name] / score.expected < FLOORS.get(name, 0.95)}
    assert low == {}, {k: v for k, v in low.items()}


def test_offer_url_is_the_kuferweb_detail_page_built_from_knr(crawled):
    _, records, _, site = crawled
    assert records["272-10201"]["url"] == f"{site}/index.php?kathaupt=11&knr=272-10201"


def test_hours_and_session_count_come_from_the_sessions(crawled):
    _, records, _, _ = crawled
    for exp in EXPECTED:
        rec = records[url_key(exp["url"]).rsplit("knr=", 1)[1]]
        assert (rec["title"], rec["duration_hours"], (rec.get("schedule") or {}).get("session_count")) == (
            exp["title"], exp["duration_hours"], exp["session_count"])
    excel = records["271-40101"]  # Wednesdays 18:00-19:30, ten sessions, none on 31.03. (holidays)
    assert excel["duration_hours"] == 15.0
    assert excel["schedule"]["session_count"] == 10
    assert excel["schedule"]["weekdays"] == [2]
    assert (excel["schedule"]["start_time"], excel["schedule"]["end_time"]) == ("18:00", "19:30")
    assert excel["schedule"]["exceptions"] == ["2027-03-31"]
    assert records["272-10201"]["duration_hours"] == 7.0  # 1 Termin 09:00-16:00
    assert records["273-20301"]["duration_hours"] == 32.0  # Bildungsurlaub: Mon-Thu 09:00-16:00, Fri to 13:00
    assert records["277-70101"]["duration_hours"] == 9.75  # the last evening is 45 minutes longer


def test_dauer_is_the_session_count_never_hours(crawled):
    _, records, _, _ = crawled
    # <dauer>5</dauer>, an empty <termine/>: the hours are unknown, not 5
    assert records["274-30101"]["duration_hours"] is None
    assert (records["274-30101"]["start_date"], records["274-30101"]["end_date"]) == ("2027-09-02", "2027-09-30")
    # <dauer>6</dauer>, no <termine>, "Umfang: 24 UE" in the text: 18 hours from the text, not 6
    assert records["274-30201"]["duration_hours"] == 18.0
    # <dauer>1</dauer> with one seven-hour session
    assert records["272-10201"]["duration_hours"] == 7.0


def test_escaped_html_and_cdata_in_inhalt_become_plain_text(crawled):
    _, records, _, _ = crawled
    assert records["273-20301"]["description"].startswith("Fünf Tage Zeit für Ihre Arbeitssituation: Gesprächsführung")
    assert "Arbeitsmaterial – ohne Mittagessen." in records["273-20301"]["description"]
    assert records["271-40101"]["description"].startswith("Sie lernen den sicheren Umgang mit Microsoft Excel:")
    assert not any("<" in r["description"] or "&" in r["description"] for r in records.values())


def test_online_course_has_no_location(crawled):
    _, records, _, _ = crawled
    assert (records["275-50101"]["format"], records["275-50101"]["location"]) == ("online", None)
    assert records["271-40101"]["location"]["town"] == "Annaberg-Buchholz"


def test_sources_show_prints_the_expanded_template(cli, tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCE.format(site="https://www.vhs-erzgebirge.example/")
                       + '    start_urls: ["https://export.vhs-erzgebirge.example/kufer/kurse.xml"]\n', encoding="utf-8")
    cli("sources", "check", "--sources", sources)
    shown = cli("sources", "show", KEY, "--sources", sources).stdout
    assert "template 'kufer_xml' expanded" in shown
    assert "strategy: xml" in shown
    assert "records: //kurs" in shown
    assert "item: termine/termin" in shown
    assert "template: https://www.vhs-erzgebirge.example/index.php?kathaupt=11&knr={}" in shown
    assert "https://export.vhs-erzgebirge.example/kufer/kurse.xml" in shown  # the source's own start_urls win
    assert "/export/kurse.xml" not in shown.replace("/kufer/kurse.xml", "")
    assert "dauer" not in shown.split("xml:", 1)[1]  # dauer (number of sessions) is not mapped to anything


# ----------------------------------------------------------------- the xml strategy's sessions
def _parse(config_xml: dict, body: str) -> tuple[list[dict], list[str]]:
    url = "http://export.test/kurse.xml"
    spider = GenericSpider(source_config={"key": "t", "provider": "P", "strategy": "xml",
                                          "start_urls": [url], "xml": config_xml})
    response = XmlResponse(url=url, body=body.encode("utf-8"), encoding="utf-8", request=Request(url))
    return list(xml.parse_page(spider, response)), spider.problems


SESSIONS = {"item": "termine/termin", "date": "tag", "start": "zeitvon", "end": "zeitbis"}


def test_xml_sessions_are_read_relative_to_each_record():
    body = """<kurse>
      <kurs><knr>1</knr><termine>
        <termin><tag>03.03.2027</tag><zeitvon>18:00</zeitvon><zeitbis>19:30</zeitbis></termin>
        <termin><tag>10.03.2027</tag><zeitvon>18:00</zeitvon></termin>
        <termin><tag>17.03.2027</tag></termin>
        <termin><zeitvon>18:00</zeitvon></termin></termine></kurs>
      <kurs><knr>2</knr><termine/></kurs>
    </kurse>"""
    items, problems = _parse({"records": "//kurs", "fields": {"provider_ref": "knr"}, "sessions": SESSIONS}, body)
    assert problems == []
    assert [(i["provider_ref"], i.get("sessions")) for i in items] == [
        ("1", [["03.03.2027 18:00", "03.03.2027 19:30"], ["10.03.2027 18:00", "10.03.2027 18:00"],
               ["17.03.2027", "17.03.2027"], ["18:00", "18:00"]]),
        ("2", None)]


def test_xml_sessions_belong_to_their_run_when_runs_are_configured():
    body = """<Export><Kurs><Titel>Schweißen MAG</Titel>
      <Termin id="a"><Sitzung von="2027-01-25T08:00" bis="2027-01-25T15:30"/></Termin>
      <Termin id="b"><Sitzung von="2027-06-07T08:00" bis="2027-06-07T15:30"/>
                     <Sitzung von="2027-06-08T08:00" bis="2027-06-08T12:00"/></Termin>
    </Kurs></Export>"""
    config = {"records": "//Kurs", "runs": "Termin", "fields": {"title": "Titel"},
              "run_fields": {"provider_ref": "@id"}, "sessions": {"item": "Sitzung", "start": "@von", "end": "@bis"}}
    items, problems = _parse(config, body)
    assert problems == []
    assert [(i["provider_ref"], i["sessions"]) for i in items] == [
        ("a", [["2027-01-25T08:00", "2027-01-25T15:30"]]),
        ("b", [["2027-06-07T08:00", "2027-06-07T15:30"], ["2027-06-08T08:00", "2027-06-08T12:00"]])]


def test_xml_sessions_with_an_invalid_xpath_are_a_problem_not_a_crash():
    items, problems = _parse({"records": "//kurs", "fields": {"title": "t"},
                              "sessions": {"item": "termine/[", "start": "zeitvon"}},
                             "<kurse><kurs><t>Excel</t></kurs></kurse>")
    assert [i["title"] for i in items] == ["Excel"]
    assert "sessions" not in items[0]
    assert len(problems) == 1
    assert problems[0].startswith("sessions: invalid XPath at http://export.test/kurse.xml")


def test_kufer_template_reads_the_export_sessions_without_a_crawl(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCE.format(site="http://vhs.test"), encoding="utf-8")
    spider = GenericSpider(source_config=load_sources(sources).sources[KEY].crawl_config())
    url = "http://vhs.test/export/kurse.xml"
    response = XmlResponse(url=url, body=(SITE / "kurse.xml").read_bytes(), request=Request(url))
    items = {i["provider_ref"]: i for i in xml.parse_page(spider, response)}
    assert spider.problems == []
    assert items["272-10201"]["sessions"] == [["13.03.2027 09:00", "13.03.2027 16:00"]]
    assert len(items["271-40101"]["sessions"]) == 10
    assert "sessions" not in items["274-30101"]  # <termine/> is empty
    assert items["274-30101"]["times"] == "17:30 - 20:00 Uhr"
    assert items["272-10201"]["title"] == "Erste Hilfe – Grundkurs"  # windows-1252 en dash, no untertitel
    assert items["271-40101"]["title"] == "Excel – Grundlagen der Tabellenkalkulation"
