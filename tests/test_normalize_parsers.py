"""Tests of the pure parse functions beyond the tables of test_normalize_tables.py (dates, prices,
durations, ... in tests/fixtures/normalize/): places with coordinates, rhythms, warnings."""
from __future__ import annotations

from datetime import date, time

import pytest

from normalize import (classify, detect_certificate, detect_funding, parse_dates, parse_duration, parse_format,
                       parse_place, parse_price)


def test_on_request_flag():
    assert parse_dates("Termin auf Anfrage", reference=date(2026, 11, 24)).on_request
    assert not parse_dates("15.06.2027", reference=date(2026, 11, 24)).on_request


@pytest.mark.parametrize("text, expected", [
    ("Präsenz", "onsite"), ("Live-Online (Webinar)", "online"), ("Blended Learning", "blended"),
    ("Präsenz + Online", "blended"), ("Selbstlernkurs (E-Learning)", "selfpaced"), ("https://schema.org/Online", "online"),
    ("", None), ("Kurs", None),
])
def test_parse_format(text, expected):
    assert parse_format(text) == expected


@pytest.mark.parametrize("text, town, plz, street, name", [
    ("ErzWerk Schulungszentrum, Talstraße 12, 09456 Annaberg-Buchholz", "Annaberg-Buchholz", "09456", "Talstraße 12",
     "ErzWerk Schulungszentrum"),
    ("09456 Annaberg", "Annaberg-Buchholz", "09456", None, None),
    ("Aue", "Aue-Bad Schlema", None, None, None),
    ("Bahnhofstr. 3, 08280 Aue", "Aue-Bad Schlema", "08280", "Bahnhofstr. 3", None),
    ("Stollberg/Erzgeb.", "Stollberg/Erzgeb.", None, None, None),
    ("Pflegekabinett Marienberg (Zöblitzer Straße 5, 09496 Marienberg)", "Marienberg", "09496", "Zöblitzer Straße 5",
     "Pflegekabinett Marienberg"),
    ("Huthaus Pobershau, Amtsseite 48, 09496 Pobershau", "Marienberg", "09496", "Amtsseite 48", "Huthaus Pobershau"),
    ("Rathaus, Sitzungssaal, Markt 8, 09484 Oberwiesenthal", "Oberwiesenthal", "09484", "Markt 8",
     "Rathaus, Sitzungssaal"),
    ("Wirtschaftsakademie Erzgebirge, Raum 2, Adam-Ries-Straße 16, 09456 Annaberg-Buchholz", "Annaberg-Buchholz",
     "09456", "Adam-Ries-Straße 16", "Wirtschaftsakademie Erzgebirge"),
    ("Wirtschaftsakademie Erzgebirge (Standort Aue), Raum 1 (Erdgeschoss), Schneeberger Str. 32, 08280 Aue",
     "Aue-Bad Schlema", "08280", "Schneeberger Str. 32", "Wirtschaftsakademie Erzgebirge (Standort Aue)"),
    ("Schulungszentrum\nTalstraße 12\n09456 Annaberg-Buchholz", "Annaberg-Buchholz", "09456", "Talstraße 12",
     "Schulungszentrum"),
])
def test_parse_place(text, town, plz, street, name):
    got = parse_place(text)
    assert (got.town, got.postal_code, got.street, got.name) == (town, plz, street, name)
    assert got.lat and 50.0 < got.lat < 51.7 and 11.8 < got.lon < 15.1


def test_parse_place_online():
    assert parse_place("Online (Live-Webinar)").online
    assert parse_place("virtueller Seminarraum").online


def test_parse_place_inhouse_has_no_town():
    got = parse_place("in Ihrer Einrichtung (Inhouse)")
    assert got.inhouse and got.town is None


@pytest.mark.parametrize("text, expected", [
    ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein", ["bildungsgutschein"]),
    ("Förderung über den Weiterbildungsscheck Sachsen möglich", ["weiterbildungsscheck"]),
    ("förderfähig nach Aufstiegs-BAföG und über das Qualifizierungschancengesetz", ["aufstiegs_bafoeg", "qcg"]),
    ("Eine Förderung mit Bildungsgutschein ist nicht möglich.", []),
    ("Kein Bildungsgutschein möglich", []),
    ("Bildungsgutschein, QCG", ["bildungsgutschein", "qcg"]), ("Qualifikation: qcg-Modul", []),
    ("Die Module sind nicht nach AZAV zugelassen; eine Förderung mit Bildungsgutschein ist daher leider nicht möglich.", []),
    ("Mit Bildungsgutschein förderfähig, Ratenzahlung nicht möglich.", ["bildungsgutschein"]),
    ("", []),
])
def test_detect_funding(text, expected):
    assert detect_funding(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Abschluss: IHK-Prüfung", "ihk_exam"), ("Prüfung vor der Handwerkskammer", "hwk_exam"),
    ("Befähigungsnachweis nach DGUV Grundsatz 308-001", "dguv"), ("Zertifikat", "provider_certificate"),
    ("Schweißerprüfung DIN EN ISO 9606-1", "provider_certificate"),
    ("Teilnahmebescheinigung", "attendance"), ("Teilnahmezertifikat", "attendance"), ("", None),
])
def test_detect_certificate(text, expected):
    assert detect_certificate(text) == expected


@pytest.mark.parametrize("title, expected", [
    ("MAG-Schweißen Grundlehrgang", "schweissen"), ("Gabelstaplerfahrer-Ausbildung", "stapler_kran"),
    ("Excel Aufbaukurs", "office"), ("Erste Hilfe im Betrieb", "erste_hilfe"),
    ("Englisch für den Beruf B1", "sprachen"), ("CNC-Drehen mit Siemens Sinumerik", "metall_cnc"),
    # The subject named first in the title's head wins over the audience named after it.
    ("Englisch für Gastgeber – Gäste aus aller Welt empfangen", "sprachen"),
    ("Tschechisch im Kundenkontakt – für Handel, Gastronomie und Tourismus", "sprachen"),
    ("Gabelstaplerfahrer-Ausbildung für tschechischsprachige Beschäftigte", "stapler_kran"),
    ("Mitarbeitergespräche wirksam führen", "fuehrung"), ("Klöppeln für Anfänger", "sonstiges"),
])
def test_classify(title, expected):
    assert classify(title, "") == expected


@pytest.mark.parametrize("written, canonical", [
    ("Oelsnitz/Vogtl.", "Oelsnitz/Vogtl."), ("Oelsnitz/Erzgeb.", "Oelsnitz/Erzgeb."), ("Oelsnitz", None),
    ("Auerbach/Vogtl.", "Auerbach/Vogtl."), ("Stollberg (Erzgeb.)", "Stollberg/Erzgeb."), ("Zwoenitz", "Zwönitz"),
    ("Kurort Seiffen", "Seiffen/Erzgeb."), ("Annaberg-Buchholz OT Frohnau", "Annaberg-Buchholz"),
])
def test_gazetteer_keeps_same_named_towns_apart(written, canonical):
    from normalize import gazetteer

    town = gazetteer().lookup(written)
    assert (town.name if town else None) == canonical


@pytest.mark.parametrize("text, start_time, end_time, weekdays, count, hours", [
    ("jeweils 8:00 - 15:30 Uhr", time(8), time(15, 30), [], None, 7.5),
    ("dienstags 18:00-19:30 Uhr, 10 Termine", time(18), time(19, 30), [1], 10, 1.5),
    ("ab Mo., 18.01.2027, montags 18:00 - 20:15 Uhr, 6 Abende", time(18), time(20, 15), [0], 6, 2.25),
    ("Mo., 12.01.2027, 9.00 Uhr", time(9), None, [], None, None),
    ("12.01.2027, 8 - 16 Uhr", time(8), time(16), [], None, 8.0),
])
def test_parse_dates_rhythm(text, start_time, end_time, weekdays, count, hours):
    got = parse_dates(text, reference=date(2026, 11, 24))
    assert (got.start_time, got.end_time, got.weekdays, got.session_count, got.session_hours) == (
        start_time, end_time, weekdays, count, hours)
    assert not got.on_request and not got.warnings


def test_weekly_rhythm_does_not_invent_an_end():
    got = parse_dates("ab 12.01.2027, dienstags 18:00-19:30 Uhr, 10 Termine", reference=date(2026, 11, 24))
    assert (got.start, got.end) == (date(2027, 1, 12), None)


def test_unknown_schedule_warns_instead_of_guessing():
    got = parse_dates("demnächst", reference=date(2026, 11, 24))
    assert got.start is None and not got.on_request and got.warnings == ["no date found in 'demnächst'"]


def test_unknown_price_and_duration_warn_instead_of_guessing():
    assert parse_price("siehe Aushang").amount is None
    assert parse_price("siehe Aushang").warnings == ["no price found in 'siehe Aushang'"]
    assert parse_price("nach Absprache").on_request and not parse_price("nach Absprache").warnings
    assert parse_duration("lang").hours is None and parse_duration("lang").warnings
    assert not parse_duration("3 Tage").warnings


def test_time_model_reaches_the_offer():
    from normalize import build_offer
    raw = {"source": "x", "provider": "P", "title": "Industriemeister Metall berufsbegleitend",
           "url": "https://x.example/m", "schedule": "ab 06.09.2027, Di + Do 17:00-20:15 Uhr"}
    assert build_offer(raw, reference=date(2026, 11, 24)).time_model == "parttime"
    raw = dict(raw, title="Industriemeister Metall", duration="Vollzeit, 6 Monate")
    assert build_offer(raw, reference=date(2026, 11, 24)).time_model == "fulltime"


def test_a_year_far_from_the_crawl_day_is_dropped_with_a_warning():
    """"4. Februar 1630 Uhr" once gave the year 1630; a year more than five years from the crawl
    day is a misreading: no date, and the warning says which year and why."""
    from datetime import date

    far = parse_dates("Prüfung am 12.03.1998", reference=date(2026, 11, 24))
    assert far.start is None and far.sessions == []
    assert any("year 1998" in w and "more than 5 years" in w for w in far.warnings), far.warnings
    near = parse_dates("Prüfung am 12.03.2031", reference=date(2026, 11, 24))
    assert near.start == date(2031, 3, 12) and near.warnings == []
