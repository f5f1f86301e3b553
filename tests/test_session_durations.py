"""Durations from sessions (issue #16, part 3): build_offer derives hours and the session count
wherever the sessions are known, and keeps the hours a provider states.

The table tests/fixtures/normalize/offer_durations.yaml (test_normalize_tables.test_offer_durations)
holds the spellings; these tests check the whole offer for the shapes of real listings and the
rules behind the table (precedence, all-day events, time zones, blocks)."""
from __future__ import annotations

from datetime import date

import pytest

from normalize import build_offer
from normalize.sessions import parse_sessions, timed

REFERENCE = date(2026, 11, 24)


def offer(**fields):
    raw = {"source": "vhs-test", "provider": "Volkshochschule Erzgebirgskreis", "url": "https://vhs.example/kurs/1",
           "page_url": "https://vhs.example/kurs/1", "fetched_at": "2026-11-24T08:00:00+00:00",
           "title": "Excel – Grundlagen der Tabellenkalkulation", **fields}
    return build_offer(raw, reference=REFERENCE)


def test_one_day_kuferweb_course_gets_seven_hours_and_one_session():
    """The issue's case: a KuferWEB detail table "Beginn 12.03.2027 | Ende 12.03.2027 | Uhrzeit
    1 Termin, 09:00–16:00 Uhr" had no duration; the times only reached the schedule text."""
    got = offer(start="Fr., 12.03.2027", end="Fr., 12.03.2027", times="1 Termin, 09:00–16:00 Uhr", price="89,00 €")
    assert (got.start_date, got.end_date, got.duration_hours) == (date(2027, 3, 12), date(2027, 3, 12), 7.0)
    s = got.schedule
    assert (s.session_count, s.start_time, s.end_time, s.dates, s.weekdays) == (1, "09:00", "16:00",
                                                                                [date(2027, 3, 12)], [])
    assert got.schedule_text == "1 Termin, 09:00–16:00 Uhr"  # the provider's words stay as they were


def test_events_calendar_start_and_end_on_one_day_are_one_session():
    """The Events Calendar REST API gives SQL date-times; on one day they are one session."""
    got = offer(start="2027-02-03 07:30:00", end="2027-02-03 15:30:00", duration="1 Tag")
    assert (got.duration_hours, got.schedule.session_count) == (8.0, 1)
    assert (got.schedule.start_time, got.schedule.end_time) == ("07:30", "15:30")
    assert got.schedule_text == ""  # machine stamps are nobody's wording


def test_all_day_event_is_its_day_not_24_hours():
    got = offer(start="2027-06-23 00:00:00", end="2027-06-23 23:59:59")
    assert (got.start_date, got.end_date, got.duration_hours, got.schedule) == (date(2027, 6, 23), date(2027, 6, 23),
                                                                                None, None)
    assert parse_sessions([["2027-06-23T00:00:00", "2027-06-24T00:00:00"]])[0] == [["2027-06-23", "2027-06-23"]]


def test_utc_stamps_keep_the_course_clock_of_saxony():
    got = offer(start="2027-03-12T08:00:00Z", end="2027-03-12T15:00:00Z")
    assert (got.schedule.start_time, got.schedule.end_time, got.duration_hours) == ("09:00", "16:00", 7.0)
    late = offer(start="2027-03-14T23:30:00Z", end="2027-03-15T01:00:00Z")  # 00:30–02:00 on the 15th in Berlin
    assert late.start_date == date(2027, 3, 15)


def test_kufer_xml_sessions_give_count_and_hours_and_dauer_is_not_hours():
    """KuferSQL: `dauer` 5 is the number of sessions; <termine> gives each session's day and times."""
    termine = [[f"{d}.03.2027 18:00", f"{d}.03.2027 21:00"] for d in ("02", "09", "16", "23", "30")]
    got = offer(duration="5", sessions=termine, start="02.03.2027", end="30.03.2027", times="18:00 - 21:00 Uhr")
    assert (got.duration_hours, got.schedule.session_count, got.schedule.weekdays) == (15.0, 5, [1])
    assert (got.start_date, got.end_date) == (date(2027, 3, 2), date(2027, 3, 30))
    alone = offer(duration="5", start="02.03.2027", end="30.03.2027")
    assert (alone.duration_hours, alone.schedule) == (None, None)  # "5" says neither hours nor sessions


def test_session_count_alone_is_no_length_but_combines_with_daily_times():
    count_only = offer(duration="5 Termine")
    assert (count_only.duration_hours, count_only.schedule.session_count) == (None, 5)
    combined = offer(schedule="ab Di., 02.03.2027", times="dienstags 18:00–21:00 Uhr", duration="5 Termine")
    assert (combined.duration_hours, combined.schedule.session_count, combined.end_date) == (15.0, 5, None)


def test_sessions_times_length_in_the_duration_text_give_the_count_too():
    got = offer(schedule="ab 13.01.2027, mittwochs 18:00–19:30 Uhr", duration="10 Termine à 90 Minuten")
    assert (got.duration_hours, got.schedule.session_count, got.schedule.weekdays) == (15.0, 10, [2])
    ue = offer(duration="10 x 2 UE")
    assert (ue.duration_hours, ue.schedule.session_count) == (15.0, 10)


def test_stated_hours_win_over_the_sessions_clock_span():
    """Five days 08:00–16:00 are 40 clock hours with breaks; the provider sells 40 UE = 30 h."""
    days = [[f"{d}.03.2027 08:00", f"{d}.03.2027 16:00"] for d in range(15, 20)]
    got = offer(duration="40 UE", sessions=days)
    assert (got.duration_hours, got.schedule.session_count) == (30.0, 5)
    assert offer(sessions=days).duration_hours == 40.0  # nothing stated: the sessions' sum


def test_a_stated_length_of_one_session_is_multiplied():
    got = offer(schedule="dienstags 18:00–19:30 Uhr, 10 Termine", duration="90 Minuten")
    assert got.duration_hours == 15.0


def test_block_of_days_needs_a_word_that_the_times_hold_each_day():
    daily = offer(schedule="15.03.–19.03.2027", times="täglich 08:00–15:30 Uhr")
    assert (daily.duration_hours, daily.schedule.session_count, daily.schedule.dates) == (37.5, 5, [])
    mo_fr = offer(schedule="15.03.2027 - 19.03.2027", times="Mo–Fr 8:00–16:00 Uhr")
    assert (mo_fr.duration_hours, mo_fr.schedule.session_count) == (40.0, 5)
    unclear = offer(schedule="15.03.2027 - 19.03.2027", times="8:00 - 15:30 Uhr")
    assert (unclear.duration_hours, unclear.schedule.session_count) == (None, None)
    weekend = offer(schedule="Fr. 12.03. – Mo. 15.03.2027", times="jeweils 9–16 Uhr")
    assert weekend.duration_hours is None
    stated = offer(schedule="15.03.2027 - 19.03.2027", times="8:00 - 15:30 Uhr", duration="5 Tage")
    assert (stated.duration_hours, stated.schedule.session_count) == (37.5, 5)


def test_listed_days_are_the_sessions():
    got = offer(schedule="05.10., 12.10. und 19.10.2027", times="jeweils 18:00 – 21:00 Uhr")
    assert (got.duration_hours, got.schedule.session_count) == (9.0, 3)
    assert got.schedule.dates == [date(2027, 10, 5), date(2027, 10, 12), date(2027, 10, 19)]


def test_a_session_over_several_days_is_a_block_without_hours():
    """One iCalendar event from Monday 08:00 to Friday 15:30 is not 103.5 hours."""
    got = offer(sessions=[["2027-03-15T08:00:00", "2027-03-19T15:30:00"]])
    assert (got.start_date, got.end_date, got.duration_hours) == (date(2027, 3, 15), date(2027, 3, 19), None)
    assert not timed([["2027-03-15T08:00:00", "2027-03-19T15:30:00"]])
    assert timed([["2027-03-15T08:00:00", "2027-03-15T15:30:00"]])
    multi = offer(start="2027-08-23 07:00:00", end="2027-08-27 15:30:00", duration="5 Tage")
    assert multi.duration_hours is None


def test_weeks_are_sessions_only_for_one_session_a_week():
    weekly = offer(schedule="ab 06.09.2027", times="dienstags 18:00–19:30 Uhr", duration="10 Wochen")
    assert (weekly.duration_hours, weekly.schedule.session_count) == (15.0, 10)
    fulltime = offer(schedule="Vollzeit (Mo–Fr, 8–15:30 Uhr), 12 Wochen")
    assert (fulltime.duration_hours, fulltime.schedule.session_count) == (None, None)


@pytest.mark.parametrize("schedule, start, hours", [
    ("Sa., 14.03. 10:00 - 15:30 Uhr", date(2027, 3, 14), 5.5),
    ("Mi. 11.11. 09:15-12:30 Uhr", date(2027, 11, 11), 3.25),
    ("Fr 15.01. 8.30 - 16 Uhr", date(2027, 1, 15), 7.5),
])
def test_times_next_to_a_date_are_its_hours_never_its_year(schedule, start, hours):
    got = offer(schedule=schedule)
    assert (got.start_date, got.end_date, got.duration_hours, got.schedule.session_count) == (start, start, hours, 1)


def test_parse_sessions_keeps_its_contract():
    """Crawl helpers rely on parse_sessions(raw) -> (ISO pairs, warnings) and timed(pairs) -> bool."""
    pairs, warnings = parse_sessions([["12.03.2027 09:00", "16:00"], ["kein Datum", ""], "x"])
    assert pairs == [["2027-03-12T09:00:00", "2027-03-12T16:00:00"]]
    assert len(warnings) == 2
    assert timed(pairs) is True


def test_schedule_wording_of_a_block_and_of_listed_days():
    """The block's days are counted but not listed: the range says them."""
    from webui.wording import schedule_wording

    block = offer(schedule="15.03.–19.03.2027", times="täglich 08:00–15:30 Uhr").to_record()
    assert schedule_wording(block) == "08:00–15:30 Uhr, 5 Termine vom 15.03. bis 19.03.2027"
    listed = offer(schedule="05.10., 12.10. und 19.10.2027", times="jeweils 18:00 – 21:00 Uhr").to_record()
    assert schedule_wording(listed) == "3 Termine: 05.10., 12.10. und 19.10.2027, jeweils 18:00–21:00 Uhr"
