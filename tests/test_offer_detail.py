"""The offer detail page in German: schedule wording from structured data, no machine text as the
provider's wording, price remarks, contact, language, the calendar download of series and the
way back to the search.

The web tests run on the demo WAK iCalendar feed (demo/sites/wak/kalender.ics) read by the feed
strategy and normalized as a crawl would, indexed into a real Whoosh index.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from scrapy import Request
from scrapy.http import TextResponse

from crawlers.spider import GenericSpider
from crawlers.strategies.feed import parse_start
from normalize import build_offer
from normalize.dates import parse_dates, parse_deadline
from normalize.prices import parse_price
from normalize.schedule import derive_schedule, is_machine_text
from wbportal.config import load_sources
from webui.calendar import offers_calendar
from webui.wording import language_note, schedule_wording

ROOT = Path(__file__).resolve().parent.parent
BERLIN = ZoneInfo("Europe/Berlin")
MACHINE = re.compile(r"DTSTART|DTEND|RRULE|EXDATE|\bPT\d|\d{4}-\d{2}-\d{2}T\d{2}|\d{8}T\d{6}")


def series(**schedule) -> dict:
    base = {"id": "t-1", "title": "Abendkurs", "provider": "P", "url": "https://p.example/k",
            "start_date": "2027-02-22", "end_date": "2027-12-08"}
    return base | {"schedule": schedule}


# --- wording ------------------------------------------------------------------------------------

def test_series_wording_as_a_provider_writes_it():
    r = series(weekdays=[0, 2], start_time="17:00", end_time="20:15", session_count=20, exceptions=["2027-04-06"])
    assert schedule_wording(r) == ("montags und mittwochs, 17:00–20:15 Uhr, 20 Termine vom 22.02. bis "
                                   "08.12.2027 (ohne 06.04.)")


def test_three_weekdays_and_consecutive_weekdays():
    assert schedule_wording(series(weekdays=[0, 1, 3])).startswith("montags, dienstags und donnerstags, ")
    assert schedule_wording(series(weekdays=[0, 1, 2, 3, 4])).startswith("montags bis freitags, ")


def test_days_left_out_in_a_row_are_one_range():
    # Wednesdays 13.01.-17.03.2027 without 10.02. and 17.02. (winter holidays): one range
    r = series(weekdays=[2], start_time="17:30", end_time="20:45", session_count=8,
               exceptions=["2027-02-10", "2027-02-17", "2027-03-03"]) | {"start_date": "2027-01-13",
                                                                         "end_date": "2027-03-17"}
    assert schedule_wording(r) == ("mittwochs, 17:30–20:45 Uhr, 8 Termine vom 13.01. bis 17.03.2027 "
                                   "(ohne 10.02.–17.02., 03.03.)")


def test_range_over_a_new_year_names_both_years():
    r = series(weekdays=[1], session_count=10) | {"start_date": "2026-11-03", "end_date": "2027-01-19"}
    assert schedule_wording(r) == "dienstags, 10 Termine vom 03.11.2026 bis 19.01.2027"


def test_single_date_with_and_without_times():
    one = {"start_date": "2027-02-24", "end_date": "2027-02-24"}
    assert schedule_wording(one | {"schedule": {"start_time": "09:00", "end_time": "16:00"}}) == \
        "Mittwoch, 24.02.2027, 09:00–16:00 Uhr"
    assert schedule_wording(one) == "Mittwoch, 24.02.2027"


def test_no_times_no_rhythm_is_a_plain_range_and_open_end_says_ab():
    assert schedule_wording({"start_date": "2027-03-01", "end_date": "2027-03-19"}) == "01.03.2027 – 19.03.2027"
    assert schedule_wording({"start_date": "2027-03-01", "end_date": None}) == "ab 01.03.2027"
    assert schedule_wording({"start_date": None, "rolling_start": True}) == "Einstieg jederzeit"


def test_a_few_irregular_days_are_listed():
    r = {"start_date": "2027-03-01", "end_date": "2027-06-02",
         "schedule": {"dates": ["2027-03-01", "2027-04-19", "2027-06-02"], "start_time": "09:00",
                      "end_time": "16:00", "session_count": 3}}
    assert schedule_wording(r) == "3 Termine: 01.03., 19.04. und 02.06.2027, jeweils 09:00–16:00 Uhr"


def test_schedule_derived_from_sessions_and_from_wording():
    sessions = [[f"2027-01-{d:02d}T17:30:00", f"2027-01-{d:02d}T20:45:00"] for d in (13, 20)] + \
               [["2027-02-03T17:30:00", "2027-02-03T20:45:00"]]
    s = derive_schedule(sessions, None)
    assert (s.weekdays, s.start_time, s.end_time, s.session_count) == ([2], "17:30", "20:45", 3)
    assert s.exceptions == [date(2027, 1, 27)]
    parsed = parse_dates("montags und mittwochs 17:00-20:15 Uhr, 20 Termine", date(2027, 1, 1))
    s = derive_schedule([], parsed)
    assert (s.weekdays, s.start_time, s.end_time, s.session_count, s.dates) == ([0, 2], "17:00", "20:15", 20, [])


def test_a_moved_session_is_an_extra_day_not_a_second_weekday():
    # Mondays 01.03.-28.06.2027 without 29.03. and 17.05.; the session of 26.04. moved to Tuesday 27.04.
    mondays = [date(2027, 3, 1) + (date(2027, 3, 8) - date(2027, 3, 1)) * i for i in range(18)]
    days = [d for d in mondays if d not in (date(2027, 3, 29), date(2027, 5, 17), date(2027, 4, 26))]
    days = sorted(days + [date(2027, 4, 27)])
    s = derive_schedule([[f"{d}T17:30:00", f"{d}T19:00:00"] for d in days], None)
    assert s.weekdays == [0] and s.extra_dates == [date(2027, 4, 27)]
    assert s.exceptions == [date(2027, 3, 29), date(2027, 4, 26), date(2027, 5, 17)]
    record = {"id": "m", "title": "T", "provider": "P", "url": "https://p.example", "start_date": "2027-03-01",
              "end_date": "2027-06-28", "schedule": s.model_dump(mode="json")}
    assert schedule_wording(record) == ("montags, 17:30–19:00 Uhr, 16 Termine vom 01.03. bis 28.06.2027 "
                                        "(ohne 29.03., 26.04., 17.05.; zusätzlich am 27.04.)")
    (ev,) = _events([record])
    assert [d.dt for d in ev["RDATE"].dts] == [datetime(2027, 4, 27, 17, 30, tzinfo=BERLIN)]


@pytest.mark.parametrize("text", ["DTSTART:20270111T163000 RRULE:FREQ=WEEKLY;BYDAY=MO", "2027-03-15T08:00:00+01:00",
                                  "PT12H", "P3D", "129.0", "2027-03-15",
                                  "2027-01-25 07:00:00 – 2027-02-05 14:30:00"])  # the demo API sta (SQL stamps)
def test_machine_text_is_recognized(text):
    assert is_machine_text(text)


@pytest.mark.parametrize("text", ["montags 17:00–20:15 Uhr", "129,00 € zzgl. MwSt.", "40 UE", "PTA-Kurs ab 3.3.2027"])
def test_provider_wording_is_not_machine_text(text):
    assert not is_machine_text(text)


def test_build_offer_keeps_no_machine_text_as_wording():
    raw = {"source": "s", "url": "https://s.example/k", "page_url": "https://s.example/k", "fetched_at": "x",
           "provider": "P", "title": "Kurs", "start": "2027-03-15T08:00:00+01:00", "duration": "PT12H", "price": 129.0}
    offer = build_offer(raw, reference=date(2027, 1, 1))
    assert (offer.schedule_text, offer.duration_text, offer.price_text) == ("", "", "")
    assert (offer.duration_hours, offer.price_eur, offer.start_date) == (12.0, 129.0, date(2027, 3, 15))


def test_price_remarks_are_kept():
    assert parse_price("4.850,00 € zzgl. IHK-Prüfungsgebühr, zahlbar auch in 10 Raten à 485,00 €").remarks == \
        ["zzgl. IHK-Prüfungsgebühr", "zahlbar auch in 10 Raten à 485,00 €"]
    assert parse_price("ab 290 € zzgl. MwSt.").remarks == ["zzgl. MwSt."]
    assert parse_price("Kosten: 45 € (inkl. Prüfungsgebühr)").remarks == ["inkl. Prüfungsgebühr"]
    assert parse_price("kostenfrei").remarks == []
    # a label is a whole word: "kostenlos" is not "Kosten" + a remark "los" (KuferWEB replay site)
    assert parse_price("kostenlos").remarks == [] and parse_price("gebührenfrei").remarks == []
    assert parse_price("Kostenlos (Spende erbeten)").remarks == ["Spende erbeten"]


def test_registration_deadline():
    assert parse_deadline("Anmeldeschluss: 15.12.2026", date(2026, 11, 1)) == date(2026, 12, 15)
    assert parse_deadline("Frühbucher bis 01.12.2026", date(2026, 11, 1)) is None


def test_language_note():
    assert language_note("en") == "auf Englisch"
    assert language_note("de") == ""


# --- calendar -----------------------------------------------------------------------------------

def _events(records: list[dict]) -> list:
    return list(Calendar.from_ical(offers_calendar(records, "http://portal.example/")).walk("VEVENT"))


def test_ics_series_is_a_weekly_rule_in_berlin_time():
    r = series(weekdays=[0, 2], start_time="17:00", end_time="20:15", session_count=20,
               exceptions=["2027-04-05", "2027-07-12"])
    cal = Calendar.from_ical(offers_calendar([r], "http://portal.example/"))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (ev,) = cal.walk("VEVENT")
    start, end = ev["DTSTART"].dt, ev["DTEND"].dt
    assert start == datetime(2027, 2, 22, 17, 0, tzinfo=BERLIN) and str(start.tzinfo) == "Europe/Berlin"
    assert end == datetime(2027, 2, 22, 20, 15, tzinfo=BERLIN)
    assert ev["DTSTART"].params["TZID"] == "Europe/Berlin"
    rule = ev["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE"]
    assert rule["UNTIL"][0].astimezone(BERLIN).date() == date(2027, 12, 8)
    exdates = [d.dt for d in ev["EXDATE"].dts]
    assert exdates == [datetime(2027, 4, 5, 17, 0, tzinfo=BERLIN), datetime(2027, 7, 12, 17, 0, tzinfo=BERLIN)]
    assert exdates[1].utcoffset().total_seconds() == 7200  # summer time: 17:00 local is 15:00 UTC


def test_ics_without_times_is_all_day_and_irregular_days_are_single_events():
    (ev,) = _events([{"id": "a", "title": "T", "provider": "P", "url": "https://p.example", "start_date": "2027-03-01",
                      "end_date": "2027-03-19"}])
    assert ev["DTSTART"].dt == date(2027, 3, 1) and ev["DTEND"].dt == date(2027, 3, 20)
    evs = _events([{"id": "b", "title": "T", "provider": "P", "url": "https://p.example", "start_date": "2027-03-01",
                    "end_date": "2027-06-02", "schedule": {"dates": ["2027-03-01", "2027-04-19", "2027-06-02"],
                                                           "start_time": "09:00", "end_time": "16:00"}}])
    assert [e["DTSTART"].dt for e in evs] == [datetime(2027, m, d, 9, 0, tzinfo=BERLIN)
                                              for m, d in ((3, 1), (4, 19), (6, 2))]
    assert len({str(e["UID"]) for e in evs}) == 3


# --- the demo WAK feed through the web UI --------------------------------------------------------

def _wak_records() -> list[dict]:
    source = load_sources(ROOT / "sources.yaml").select(["wak"])[0]
    spider = GenericSpider(source.crawl_config())
    url = "http://127.0.0.1:8765/wak/kalender.ics"
    body = (ROOT / "demo" / "sites" / "wak" / "kalender.ics").read_bytes()
    response = TextResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"partial": {}}))
    defaults = source.defaults.model_dump(exclude_none=True) | {"provider": source.provider, "source": source.key}
    return [build_offer(raw, defaults, reference=date(2026, 11, 24)).to_record()
            for raw in parse_start(spider, response) if isinstance(raw, dict)]


@pytest.fixture(scope="module")
def wak_records():
    return _wak_records()


@pytest.fixture
def wak_client(tmp_path, wak_records, migrated_url):
    from index import IndexStore
    from wbportal.catalogue import content_hash
    from webui import create_app

    store = IndexStore(tmp_path / "index")
    store.rebuild((r, content_hash(r)) for r in wak_records)
    app = create_app({"TESTING": True, "INDEX_DIR": str(store.root), "DATABASE_URL": migrated_url,
                      "SOURCES_FILE": str(ROOT / "sources.yaml")})
    yield app.test_client()
    app.extensions["db"].dispose()


def _run(records: list[dict], title_start: str) -> dict:
    return next(r for r in records if r["title"].startswith(title_start))


def test_wak_series_detail_page_speaks_german(wak_client, wak_records):
    r = _run(wak_records, "Buchführung Grundlagen")
    html = wak_client.get(f"/angebot/{r['id']}").get_data(as_text=True)
    page = html.split("</head>", 1)[1]  # the JSON-LD in the head carries ISO dates for machines
    assert not MACHINE.search(page), MACHINE.search(page)
    assert "mittwochs, 17:30–20:45 Uhr, 8 Termine vom 13.01. bis 17.03.2027 (ohne 10.02.–17.02.)" in page
    assert "seminare@wak.example" in page  # the source's contact from sources.yaml
    assert "Kurssprache" in page and "Deutsch" in page


def test_wak_long_series_detail_and_price_remarks(wak_client, wak_records):
    r = _run(wak_records, "Geprüfter Industriemeister Metall")
    html = wak_client.get(f"/angebot/{r['id']}").get_data(as_text=True).split("</head>", 1)[1]
    assert not MACHINE.search(html)
    assert "montags, dienstags und donnerstags, 16:30–20:30 Uhr, 108 Termine vom 11.01. bis 09.12.2027 (ohne " \
           "08.02.–18.02., 29.03.–01.04., 06.05., 17.05.–18.05., 12.07.–19.08., 11.10.–21.10.)" in html
    assert "zzgl. IHK-Prüfungsgebühr" in html and "zahlbar auch in 10 Raten à 485,00 €" in html


def test_wak_series_ics_carries_the_rule(wak_client, wak_records):
    r = _run(wak_records, "Buchführung Grundlagen")
    resp = wak_client.get(f"/angebot/{r['id']}.ics")
    assert resp.status_code == 200
    (ev,) = Calendar.from_ical(resp.data).walk("VEVENT")
    assert ev["DTSTART"].dt == datetime(2027, 1, 13, 17, 30, tzinfo=BERLIN)
    assert ev["DTSTART"].dt.time() == time(17, 30) and ev["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert ev["RRULE"]["BYDAY"] == ["WE"]
    assert [d.dt.date() for d in ev["EXDATE"].dts] == [date(2027, 2, 10), date(2027, 2, 17)]


def test_price_shown_once_without_a_copy_of_the_amount(wak_client, wak_records):
    r = _run(wak_records, "Business English")
    html = wak_client.get(f"/angebot/{r['id']}").get_data(as_text=True)
    assert "360 €" in html and "Angabe des Anbieters: 360,00 €" not in html
    assert "montags, 17:30–19:00 Uhr, 16 Termine vom 01.03. bis 28.06.2027 (ohne 29.03., 26.04., 17.05.; " \
           "zusätzlich am 27.04.)" in html


def test_english_course_is_marked(wak_client, wak_records):
    english = [r for r in wak_records if r["language"] == "en"]
    assert english, "the demo feed has a course taught in English"
    html = wak_client.get(f"/angebot/{english[0]['id']}").get_data(as_text=True)
    assert "auf Englisch" in html
    card = wak_client.get("/?q=" + quote(english[0]["title"].split()[0])).get_data(as_text=True)
    assert "auf Englisch" in card


def test_back_link_returns_to_the_search(wak_client, wak_records):
    r = _run(wak_records, "Arbeitsrecht für Kleinbetriebe")  # two runs: the page links the other one
    detail = wak_client.get(f"/angebot/{r['id']}", headers={"Referer": "http://localhost/?q=Arbeitsrecht&sort=start"})
    html = detail.get_data(as_text=True)
    assert '<a href="/?q=Arbeitsrecht&amp;sort=start">« Zur Suche</a>' in html
    # the other run's link carries the search along, so its "Zur Suche" still leads back
    other = re.search(r'href="(/angebot/[^"?]+\?zurueck=[^"]+)"', html)
    assert other, "the other run's link passes the search along"
    html = wak_client.get(other[1].replace("&amp;", "&")).get_data(as_text=True)
    assert '<a href="/?q=Arbeitsrecht&amp;sort=start">« Zur Suche</a>' in html
    # another site's address or a page other than the search is never the way back
    for target in ("//evil.example/?q=x", "https://evil.example/", "/konto/abmelden"):
        html = wak_client.get(f"/angebot/{r['id']}", query_string={"zurueck": target}).get_data(as_text=True)
        assert '<a href="/">« Zur Suche</a>' in html, target
    html = wak_client.get(f"/angebot/{r['id']}", headers={"Referer": "http://evil.example/?q=x"}).get_data(as_text=True)
    assert '<a href="/">« Zur Suche</a>' in html


def test_need_matching_respects_the_language_of_instruction(wak_records):
    from wbportal.needs.matching import explain
    from wbportal.needs.model import Need

    english = next(r for r in wak_records if r["language"] == "en")
    german = _run(wak_records, "Buchführung Grundlagen")
    assert "Unterricht auf Englisch" in explain(Need(topic="Technische Kommunikation"), english, None).misses
    assert "Unterricht auf Englisch" not in explain(Need(topic="Englisch für Techniker"), english, None).misses
    assert not any("Unterricht auf" in m for m in explain(Need(topic="Buchführung"), german, None).misses)
