"""German formats (#15 part 6): dates dd.mm.yyyy and times hh:mm in Europe/Berlin in pages and
mails, and every CSV export in the one format German Excel opens by double-click (UTF-8 with BOM,
semicolons, decimal comma, German headers and labels, empty cells empty, formulas neutralised, a
single Content-Type). Each export is fetched through the test client and parsed with `csv`."""
from __future__ import annotations

import copy
import csv
import email.utils
import io
import re
from datetime import date, timedelta

import pytest

from test_accounts import create_need, register
from test_mail import mail_client, run_digest, smtp  # noqa: F401 - fixtures
from test_workspace import FakeMailer, Firm, office

ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
FORMULA_TITLE = '=HYPERLINK("http://boese.example","Klick")'


@pytest.fixture
def offer_records(offer_records):
    """The fixture offers plus one with a fractional length and price, two funding programmes, a
    certificate, a blank schedule text and a title that a spreadsheet would run as a formula."""
    extra = copy.deepcopy(next(r for r in offer_records if r["id"] == "a-1"))
    extra.update(id="z-1", course_key="z-c1", title=FORMULA_TITLE, duration_hours=22.5, price_eur=1234.5,
                 funding=["bildungsgutschein", "weiterbildungsscheck"], certificate="dguv", schedule_text="  ",
                 start_date="2027-05-03", end_date="2027-05-05")
    extra["location"]["postal_code"] = "09456"
    return [*offer_records, extra]


def read_csv(response) -> list[list[str]]:
    """The response as a German Excel CSV: BOM, then semicolon-separated rows."""
    assert response.status_code == 200
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")[1:], newline=""), delimiter=";"))
    assert all(len(r) == len(rows[0]) for r in rows), rows
    assert "'" not in [c for r in rows for c in r]  # no lone apostrophe where a value is empty
    return rows


def assert_one_content_type(response) -> None:
    assert response.headers.getlist("Content-Type") == ["text/csv; charset=utf-8"]


# -- the filters --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("2026-03-29T00:30:00+00:00", "29.03.2026 01:30"),   # winter time (CET), just before the switch
    ("2026-03-29T01:30:00Z", "29.03.2026 03:30"),         # after the switch: summer time (CEST)
    ("2026-07-01T22:15:00+00:00", "02.07.2026 00:15"),   # summer: already the next day in Berlin
    ("2026-12-31T23:00:00", "01.01.2027 00:00"),          # naive stamps are UTC
    ("2026-03-05", "05.03.2026"),                          # a plain date has no time
    (date(2026, 3, 5), "05.03.2026"),
    (None, ""), ("", ""),
])
def test_datum_zeit_filter_shows_berlin_time(app, value, shown):
    assert app.jinja_env.from_string("{{ v|datum_zeit }}").render(v=value) == shown


@pytest.mark.parametrize("value, shown", [
    ("2026-07-01T22:15:00+00:00", "02.07.2026"), ("2026-03-28T23:30:00+00:00", "29.03.2026"),
    ("2026-03-05", "05.03.2026"), (date(2024, 12, 1), "01.12.2024"), (None, ""),
])
def test_datum_filter_takes_the_berlin_day(app, value, shown):
    assert app.jinja_env.from_string("{{ v|datum }}").render(v=value) == shown


# -- CSV exports ------------------------------------------------------------------------------

OFFER_HEADER = ["Kennung", "Titel", "Anbieter", "Beginn", "Ende", "Einstieg jederzeit", "Terminangabe des Anbieters",
                "Dauer (Stunden)", "Preis (Euro)", "Lernform", "Ort", "PLZ", "Themenbereich", "Förderung",
                "Abschluss", "Link"]


def test_offer_export_is_german_excel_csv(client):
    response = client.get("/export.csv")
    assert_one_content_type(response)
    rows = read_csv(response)
    assert rows[0] == OFFER_HEADER
    by_id = {r[0]: dict(zip(OFFER_HEADER, r)) for r in rows[1:]}
    z = by_id["z-1"]
    assert z["Titel"] == "'" + FORMULA_TITLE
    assert (z["Beginn"], z["Ende"]) == ("03.05.2027", "05.05.2027")
    assert (z["Dauer (Stunden)"], z["Preis (Euro)"]) == ("22,5", "1234,5")
    assert (z["Lernform"], z["Themenbereich"], z["Abschluss"]) == ("Präsenz", "Schweißtechnik",
                                                                   "Befähigungsnachweis (DGUV)")
    assert z["Förderung"] == "Bildungsgutschein, Weiterbildungsscheck Sachsen"
    assert (z["Terminangabe des Anbieters"], z["Einstieg jederzeit"], z["PLZ"]) == ("", "", "09456")
    a1 = by_id["a-1"]
    assert (a1["Dauer (Stunden)"], a1["Preis (Euro)"]) == ("60", "1450")  # integers without ",0"
    assert (a1["Abschluss"], a1["PLZ"]) == ("", "")
    c2 = by_id["c-2"]  # no dates, free
    assert (c2["Beginn"], c2["Ende"], c2["Preis (Euro)"], c2["Themenbereich"]) == ("", "", "0", "Erste Hilfe")
    assert by_id["c-1"]["Lernform"] == "Online"


def test_demand_export_for_the_office(app):
    firm = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    create_need(firm.client, topic="=Schweißen", category="schweissen", earliest="2027-02-01", employees="4")
    response = office(app).get("/koordinierung/bedarf.csv")
    assert_one_content_type(response)
    rows = read_csv(response)
    assert rows[0] == ["Firma", "Thema", "Bereich", "Region", "Ort", "Personen", "Beginn ab", "Beginn bis",
                       "passende Angebote", "knapp daneben", "Gruppe für gemeinsamen Kurs", "erfasst am",
                       "Status (Koordinierungsstelle)", "Notizen der Koordinierungsstelle"]
    [row] = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert (row["Firma"], row["Thema"], row["Bereich"]) == ("Metallbau Arnold", "'=Schweißen", "Schweißtechnik")
    assert (row["Personen"], row["Beginn ab"], row["Beginn bis"], row["Gruppe für gemeinsamen Kurs"]) == (
        "4", "01.02.2027", "", "")
    assert re.fullmatch(r"\d\d\.\d\d\.20\d\d \d\d:\d\d", row["erfasst am"]), row["erfasst am"]


def test_matrix_export_is_german_excel_csv_and_reads_back(app):
    firm = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    anna = firm.add_person("-Anna Berger", "Lager")
    firm.add_person("Paul Lehrling", "")
    firm.hold(anna, "ersthelfer", date(2025, 5, 5), date(2027, 5, 5))
    response = firm.get("/qualifikationen/export.csv")
    assert_one_content_type(response)
    rows = read_csv(response)
    assert rows[0] == ["Name", "Tätigkeit", "Qualifikation", "erworben am", "gültig bis"]
    assert ["'-Anna Berger", "Lager", "Ersthelfer (Aus- oder Fortbildung)", "05.05.2025", "05.05.2027"] in rows
    assert ["Paul Lehrling", "", "", "", ""] in rows
    again = firm.post("/qualifikationen/import", {"datei": (io.BytesIO(response.get_data()), "export.csv")},
                      content_type="multipart/form-data").get_data(as_text=True)
    assert "1 Einträge für 2 Personen lesbar, 0 Zeilen nicht" in again, again
    assert "<td>-Anna Berger</td>" in again and "&#39;-Anna" not in again  # the escape is removed again


# -- pages and mails ------------------------------------------------------------------------------

def test_office_pages_show_no_iso_time_stamps(app):
    firm = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    create_need(firm.client)
    app.extensions["catalogue"].record_run(source="sta", job="night", started="2027-01-02T23:30:00+00:00",
                                           finished="2027-01-02T23:40:00+00:00", status="ok", pages=3,
                                           offers_valid=7)
    buero = office(app)
    args = {"key": "sta", "user_id": firm.user.id, "company_id": firm.company_id}
    pages = []
    with app.test_request_context():
        from flask import url_for
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("admin.") and "GET" in rule.methods:
                pages.append(url_for(rule.endpoint, **{a: args[a] for a in rule.arguments}))
    assert "/koordinierung/" in pages and "/koordinierung/bedarf" in pages
    for path in pages:
        text = buero.text(path)
        assert not ISO_STAMP.search(text), (path, ISO_STAMP.search(text)[0])
    assert "03.01.2027 00:30" in buero.text("/koordinierung/")  # the run at 23:30 UTC, on the Berlin clock


def test_offer_page_shows_last_check_as_german_date(client):
    page = client.get("/angebot/a-1").get_data(as_text=True)
    assert "Zuletzt geprüft: 24.11.2026." in page


def test_digest_mail_uses_german_dates_and_a_berlin_date_header(mail_client, smtp):  # noqa: F811
    inbox, port = smtp
    register(mail_client, "chef@metall.example", "Metallbau Arnold")
    create_need(mail_client)
    assert run_digest(mail_client, port) == 1
    message = inbox.messages[0]
    body = message.get_payload(decode=True).decode("utf-8")
    assert "MAG-Schweißen Grundlehrgang (ErzWerk Bildungszentrum GmbH), Termin: 01.03.2027 – 12.03.2027" in body
    assert not re.search(r"\d{4}-\d{2}-\d{2}", body)
    sent = email.utils.parsedate_to_datetime(message["Date"])
    assert sent.utcoffset() in (timedelta(hours=1), timedelta(hours=2))


def test_invitation_mail_says_until_when_the_link_works(app):
    mailer = app.extensions["mailer"] = FakeMailer()
    firm = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    assert firm.post("/firma/einladen", {"email": "azubi@arnold.example"}).status_code == 302
    [(_, _, body)] = mailer.sent
    assert re.search(r"gilt 24 Stunden, bis \d\d\.\d\d\.20\d\d \d\d:\d\d Uhr", body), body


def test_excel_cells_and_streamed_chunks():
    from datetime import datetime, timezone

    from wbportal.csvsafe import excel_csv, excel_csv_chunks
    row = [-3.5, 7, 60.0, True, date(2027, 1, 4), datetime(2026, 7, 1, 22, 15, tzinfo=timezone.utc), "-3,5", " ", None]
    text = excel_csv(["a"] * len(row), [row] * 50)
    assert text.splitlines()[1] == "-3,5;7;60;ja;04.01.2027;02.07.2026 00:15;'-3,5;;"  # a number is never escaped
    chunks = list(excel_csv_chunks(["a"] * len(row), [row] * 50, size=100))
    assert len(chunks) > 5 and "".join(chunks) == text and chunks[0].startswith("\ufeff")


def test_email_change_mail_says_until_when_the_link_works(app):
    mailer = app.extensions["mailer"] = FakeMailer()
    firm = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    response = firm.post("/konto/email", {"new_email": "neu@arnold.example", "email_password": firm.password})
    assert response.status_code == 302, response.get_data(as_text=True)
    [(to, _, body)] = mailer.sent
    assert to == "neu@arnold.example"
    assert re.search(r"gilt 24 Stunden, bis \d\d\.\d\d\.20\d\d \d\d:\d\d Uhr", body), body
