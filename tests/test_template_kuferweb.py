"""The `kuferweb` source template (a Volkshochschule's KuferWEB catalogue) against a replay site,
and the `structured` strategy's fallback to `detail.fields` / `detail.sessions` on pages without
structured course data.

tests/replay/kuferweb/ is an old KuferWEB installation written from the system's page shapes: the
programme overview `index.php?kathaupt=1`, category lists (`katid`, a second page via "weiter",
an empty category, one course listed in two categories), course pages `kathaupt=11&knr=...`, all
in ISO-8859-1 (list pages declare it only in <meta>). Five course pages carry schema.org JSON-LD
without sessions, five only the detail table (two as a <dl>); most have a "Termine" table.
expected.jsonl was written by reading the pages. The maintainer's source is four lines.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import structured
from tests.accuracy import FIELDS, score_site, table
from tests.replay.crawl import crawl_source
from tests.replay.server import replay_handler
from wbportal.config import load_sources

SITE = Path(__file__).resolve().parent / "replay" / "kuferweb"
KEY = "vhs-mittleres-erzgebirge"
SOURCE = """sources:
  vhs-mittleres-erzgebirge:
    provider: Volkshochschule Mittleres Erzgebirge
    template: kuferweb
    site: {site}
"""
# Per-field floor of the share of offers right (0.95, i.e. all ten). Hours include the two
# courses without a session table ("17:00 - 20:15 Uhr" with "4 Termine"; a one-day "Sa.
# 27.03.2027, 09:00 - 13:00 Uhr, 1 Termin"): the normalizer turns times and counts into hours.
FLOORS: dict[str, float] = {}
EXPECTED = [json.loads(line) for line in (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
TABLE_ONLY = ("271-40310", "271-20110", "271-30105", "271-10220", "271-40601")


def knr(url: str) -> str:
    return parse_qs(urlsplit(url).query)["knr"][0]


@pytest.fixture(scope="module")
def crawled(cli, serve, tmp_path_factory):
    """One crawl of the replay site: (crawl process, exported records by knr, requested paths)."""
    data = tmp_path_factory.mktemp("kuferweb")
    requests: list = []
    with serve(replay_handler(SITE, requests)) as site:
        proc, records = crawl_source(cli, data, SOURCE.format(site=site))
    return proc, {knr(r["url"]): r for r in records}, [r["path"] for r in requests]


def test_source_of_four_lines_finds_every_course_through_categories_and_paging(crawled):
    proc, records, paths = crawled
    assert len(SOURCE.strip().splitlines()) - 1 <= 5  # the source without the `sources:` header
    assert "/index.php?kathaupt=1" in paths  # the template's start page under {site}
    assert "/index.php?kathaupt=1&katid=40&katname=Beruf&seite=2" in paths  # the list's second page
    assert sorted(records) == sorted(knr(e["url"]) for e in EXPECTED)
    assert len(records) == 10  # Erste Hilfe is listed in two categories: one offer
    assert "271-40601" in records  # booked out ("ausgebucht - Warteliste"), still offered
    assert "10 offers (0 invalid)" in proc.stdout


def test_field_accuracy_against_the_hand_written_records(crawled):
    _, records, _ = crawled
    score = score_site(KEY, list(records.values()), expected=EXPECTED)
    print("\n" + table([score]))
    assert score.matched == len(EXPECTED) == 10
    assert score.extra == 0
    assert score.course_groups_ok
    low = {name: score.mismatches[name] for name in FIELDS
           if score.correct[name] / score.expected < FLOORS.get(name, 0.95)}
    assert low == {}


def test_one_day_course_gets_its_hours_from_its_single_session(crawled):
    _, records, _ = crawled
    first_aid = records["271-10410"]  # JSON-LD with dates only; "1 Termin", table row 09:00 - 16:00 Uhr
    assert first_aid["duration_hours"] == 7.0
    assert first_aid["schedule"]["session_count"] == 1
    assert first_aid["schedule"]["dates"] == ["2027-02-13"]
    assert (first_aid["schedule"]["start_time"], first_aid["schedule"]["end_time"]) == ("09:00", "16:00")


def test_session_table_of_ten_dates_gives_count_hours_and_the_easter_gap(crawled):
    _, records, _ = crawled
    czech = records["271-20110"]  # table only, "Dauer: 10 Termine", Tuesdays 18:30 - 20:00 Uhr
    assert czech["duration_hours"] == 15.0
    assert czech["schedule"]["session_count"] == 10
    assert czech["schedule"]["dates"][0] == "2027-03-02"
    assert czech["schedule"]["dates"][-1] == "2027-05-18"
    assert "2027-03-30" in czech["schedule"]["exceptions"]
    stapler = records["271-40101"]  # JSON-LD without sessions: the page's table gives them
    assert stapler["duration_hours"] == 21.0  # 2 x 08:00-15:30 and the exam day 08:00-14:00


def test_pages_without_json_ld_give_their_offer_from_the_detail_table(crawled):
    _, records, _ = crawled
    for number in TABLE_ONLY:
        assert b"application/ld+json" not in (SITE / f"kurs-{number}.html").read_bytes()
        assert records[number]["title"]
    welding = records["271-40310"]
    assert welding["title"] == "Schweißen - Grundkurs MAG"
    assert welding["price_eur"] == 385.0
    assert welding["price_remarks"] == ["zzgl. 45,00 € Materialkosten"]
    assert welding["certificate"] == "provider_certificate"  # "Abschluss: vhs-Zertifikat"
    assert welding["location"]["street"] == "Grünthaler Straße 28"
    payroll = records["271-40601"]  # <dl> layout
    assert payroll["start_date"] == "2027-04-17"
    assert payroll["location"]["town"] == "Stollberg/Erzgeb."
    assert payroll["price_eur"] == 135.0


def test_iso_8859_1_pages_are_decoded(crawled):
    _, records, _ = crawled
    assert b"Tschechisch f\xfcr Einsteiger" in (SITE / "kurs-271-20110.html").read_bytes()  # Latin-1 on disk
    czech = records["271-20110"]
    assert czech["title"] == "Tschechisch für Einsteiger A1"
    assert czech["description"].startswith("Dobrý den! Für Berufstätige im Grenzgebiet")
    assert czech["location"]["street"] == "Zschopauer Straße 8"
    rhetoric = records["271-10220"]  # charset named only in the page's <meta>
    assert "Körpersprache" in rhetoric["description"]
    assert rhetoric["location"]["name"] == "vhs-Regionalstelle Aue"


def test_reduced_fee_and_online_course(crawled):
    _, records, _ = crawled
    czech = records["271-20110"]
    assert czech["price_eur"] == 89.0
    assert czech["price_remarks"] == ["ermäßigt 62,30 €"]
    online = records["271-30220"]
    assert online["format"] == "online"
    assert online["location"] is None


# ------------------------------------------------------------------ the fallback, without a crawl
BASE = "http://vhs.test"


def spider_for(tmp_path, extra: str = "") -> GenericSpider:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCE.format(site=BASE) + extra, encoding="utf-8")
    return GenericSpider(source_config=load_sources(path).sources[KEY].crawl_config())


def page(number: str, body: bytes | None = None) -> HtmlResponse:
    url = f"{BASE}/index.php?kathaupt=11&knr={number}"
    body = (SITE / f"kurs-{number}.html").read_bytes() if body is None else body
    return HtmlResponse(url=url, body=body, request=Request(url))  # encoding from the page's <meta>


def items(results) -> list[dict]:
    return [r for r in results if not isinstance(r, Request)]


def test_fallback_reads_detail_fields_and_the_session_table(tmp_path):
    spider = spider_for(tmp_path)
    [item] = items(structured.parse_detail(spider, page("271-40310")))
    assert item["title"] == "Schweißen - Grundkurs MAG"
    assert item["provider_ref"] == "271-40310"
    assert item["price"] == "385,00 € zzgl. 45,00 € Materialkosten"
    assert item["place"] == "Lehrwerkstatt Olbernhau\nGrünthaler Straße 28\n09526 Olbernhau"
    assert item["duration"] == "5 Termine"
    assert item["url"] == f"{BASE}/index.php?kathaupt=11&knr=271-40310"
    assert item["sessions"] == [[f"{d}.04.2027 08:00", f"{d}.04.2027 15:00"] for d in (12, 13, 14, 15, 16)]


def test_fallback_reads_a_dl_layout(tmp_path):
    spider = spider_for(tmp_path)
    [item] = items(structured.parse_detail(spider, page("271-10220")))
    assert (item["start"], item["times"], item["price"]) == ("Sa. 27.03.2027", "09:00 - 13:00 Uhr", "38,00 €")
    assert "sessions" not in item  # no session table on this page


def test_json_ld_page_gets_the_session_table_only_for_a_single_run(tmp_path):
    spider = spider_for(tmp_path)
    [item] = items(structured.parse_detail(spider, page("271-10410")))
    assert item["start"] == "2027-02-13"  # from the JSON-LD
    assert item["sessions"] == [["13.02.2027 09:00", "13.02.2027 16:00"]]
    text = (SITE / "kurs-271-10410.html").read_bytes()
    two_runs = text.replace(b'"offers": {"@type": "Offer", "price": 45, "priceCurrency": "EUR"}}]',
                            b'"offers": {"@type": "Offer", "price": 45, "priceCurrency": "EUR"}},'
                            b' {"@type": "CourseInstance", "identifier": "271-10411", "startDate": "2027-05-08"}]')
    assert two_runs != text
    found = items(structured.parse_detail(spider, page("271-10410", two_runs)))
    assert len(found) == 2
    assert all("sessions" not in i for i in found)
    assert any("detail.sessions" in p for p in spider.problems)


def test_fields_without_a_title_leave_pages_without_structured_data_alone(tmp_path):
    """Sources whose detail.fields only add to the structured data (the demo's vhs: `duration`)
    get nothing from a page without it, as before the fallback."""
    spider = spider_for(tmp_path, "    detail:\n      fields:\n        title: null\n")
    assert "title" not in spider.config["detail"]["fields"]
    assert items(structured.parse_detail(spider, page("271-40310"))) == []
