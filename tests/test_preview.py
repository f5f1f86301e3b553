"""`wbportal preview`: every field of an offer that has a value, and counts that explain
themselves (pages without offers, rejected raw items with their reason, duplicates, caps).

Two real preview runs (subprocess crawl, real HTTP): the demo source `sta` (values checked against
demo/sites/sta/expected.jsonl, which was written by hand) and a small site of this module's own
whose pages are chosen for the counts: an information page, a page without a title, a run
listed twice and a link that the max_pages cap keeps out."""
from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler

import pytest

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title} – Bildungswerk Marienberg</title></head>
<body><nav><a href="kurse.html">Kurse</a> <a href="ueber-uns.html">Über uns</a></nav>
<main>{body}</main></body></html>"""

STAPLER = """
<h1>Gabelstapler-Grundlehrgang nach DGUV Grundsatz 308-001</h1>
<div class="text">Theorie und Fahrpraxis auf Elektro- und Dieselstaplern, mit Prüfung.</div>
<dl class="fakten">
  <dt>Preis</dt><dd class="preis">349,00 € zzgl. MwSt.</dd>
  <dt>Dauer</dt><dd class="dauer">24 UE</dd>
  <dt>Förderung</dt><dd class="foerderung">Förderfähig mit Bildungsgutschein (AZAV-zertifiziert)</dd>
  <dt>Abschluss</dt><dd class="abschluss">Fahrausweis für Flurförderzeuge</dd>
  <dt>Kontakt</dt><dd><a class="mail" href="mailto:kurse@bw-marienberg.example">kurse@bw-marienberg.example</a></dd>
</dl>
<p class="frist">Anmeldeschluss: 29.03.2027</p>
<p class="ort"><span class="haus">Bildungswerk Marienberg, Lehrwerkstatt</span>,
  <span class="strasse">Am Steinhübel 4</span>, <span class="plz">09496</span> <span class="stadt">Marienberg</span></p>
<h2>Termine</h2>
<table class="termine"><thead><tr><th>Termin</th><th>Zeit</th></tr></thead><tbody>
  <tr><td>12.04.2027 – 14.04.2027</td><td>Mo–Mi, 08:00–15:30 Uhr (3 Termine)</td></tr>
  <tr><td>12.04.2027 – 14.04.2027</td><td>Mo–Mi, 08:00–15:30 Uhr (3 Termine)</td></tr>
  <tr><td>07.06.2027 – 09.06.2027</td><td>Mo–Mi, 08:00–15:30 Uhr (3 Termine)</td></tr>
</tbody></table>
"""

OHNE_TITEL = """
<div class="text">Dieser Lehrgang wird gerade überarbeitet. Neue Termine folgen in Kürze.</div>
<p class="ort"><span class="stadt">Marienberg</span></p>
"""

EXCEL = """
<h1>Excel für Einsteiger</h1>
<div class="text">Tabellen anlegen, Formeln und Diagramme: sechs Abende in Olbernhau.</div>
<dl class="fakten"><dt>Preis</dt><dd class="preis">180,00 €</dd></dl>
<p class="ort"><span class="strasse">Grünthaler Straße 28</span>, <span class="plz">09526</span>
  <span class="stadt">Olbernhau</span></p>
"""

SITE = {
    "/kurse.html": PAGE.format(title="Kurse", body="""
        <h1>Unsere Lehrgänge</h1>
        <ul class="kurse">
          <li><a href="kurs-stapler.html">Gabelstapler-Grundlehrgang</a></li>
          <li><a href="kurs-in-vorbereitung.html">Kranführer (in Vorbereitung)</a></li>
          <li><a href="kurs-excel.html">Excel für Einsteiger</a></li>
          <li><a href="kurs-schweissen.html">MAG-Schweißen</a></li>
        </ul>"""),
    "/ueber-uns.html": PAGE.format(title="Über uns", body="""
        <h1>Über uns</h1><p>Das Bildungswerk Marienberg bildet seit 1991 Fachkräfte im Erzgebirge aus.</p>"""),
    "/kurs-stapler.html": PAGE.format(title="Gabelstapler", body=STAPLER),
    "/kurs-in-vorbereitung.html": PAGE.format(title="Kranführer", body=OHNE_TITEL),
    "/kurs-excel.html": PAGE.format(title="Excel", body=EXCEL),
    "/kurs-schweissen.html": PAGE.format(title="Schweißen", body="<h1>MAG-Schweißen</h1>"),
}

SOURCES = """\
sources:
  bwm:
    provider: Bildungswerk Marienberg e.V.
    strategy: html
    start_urls: ["{url}/kurse.html", "{url}/ueber-uns.html"]
    max_pages: 5
    list:
      link: "ul.kurse a::attr(href)"
    detail:
      fields:
        title: "main h1"
        description: "div.text"
        price: "dd.preis"
        duration: "dd.dauer"
        funding: "dd.foerderung"
        certificate: "dd.abschluss"
        deadline: "p.frist"
        contact_email: "a.mail"
        location_name: "span.haus"
        street: "span.strasse"
        postal_code: "span.plz"
        town: "span.stadt"
      runs:
        item: "table.termine tbody tr"
        fields:
          schedule: "./td[1]"
          times: "./td[2]"
"""


COUNT = re.compile(r"^ {2,4}(?P<label>[a-z][a-z ]*[a-z]) +(?P<n>\d+)(?: |$)")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        page = SITE.get(self.path)
        body = (page or "nicht gefunden").encode("utf-8")
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def offer_block(stdout: str, title: str) -> dict[str, str]:
    """The `label  value` lines of the offer headed `[n] title`."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("[") and line.endswith(f"] {title}"))
    fields = {}
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        label, _, value = line.strip().partition("  ")
        fields[label] = value.strip()
    return fields


def section(stdout: str, heading: str) -> list[str]:
    """The lines under a heading up to the next blank line."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.fixture(scope="module")
def own_site(cli, serve, tmp_path_factory):
    with serve(Handler) as url:
        path = tmp_path_factory.mktemp("preview") / "sources.yaml"
        path.write_text(SOURCES.replace("{url}", url), encoding="utf-8")
        proc = cli("preview", "bwm", "--limit", "20", "--sources", path, "--quiet")
    return url, proc.stdout


@pytest.fixture(scope="module")
def sta(cli, demo_url):
    return demo_url, cli("preview", "sta", "--limit", "3", "--quiet", demo_url=demo_url).stdout


def test_demo_offer_shows_address_url_funding_and_certificate(sta):
    url, out = sta
    # demo/sites/sta/expected.jsonl, the offer ".../gabelstaplerfahrer-ausbildung-nach-dguv-grundsatz-308-001-1517.html"
    fields = offer_block(out, "Gabelstaplerfahrer-Ausbildung nach DGUV Grundsatz 308-001")
    assert fields["url"] == f"{url}/sta/veranstaltung/gabelstaplerfahrer-ausbildung-nach-dguv-grundsatz-308-001-1517.html"
    assert fields["provider"] == "Sicherheits- und Technikakademie Erzgebirge GmbH"
    assert (fields["start_date"], fields["end_date"]) == ("2027-01-18", "2027-01-20")
    assert fields["location.name"] == "STA Ausbildungszentrum Zwönitz"
    assert fields["location.street"] == "Ziegelstraße 28"
    assert fields["location.postal_code"] == "08297"
    assert fields["location.town"] == "Zwönitz"
    assert fields["funding"] == "bildungsgutschein"
    assert fields["certificate"] == "dguv"
    assert fields["price_eur"] == "349.00 EUR"
    assert fields["duration_hours"] == "18 h"
    assert fields["category"] == "stapler_kran"
    assert fields["language"] == "de"


def test_demo_preview_says_the_limit_stopped_it(sta):
    _, out = sta
    assert "First 3 of " in out
    assert "stopped early: --limit 3 reached" in out


def test_every_field_with_a_value_is_printed(own_site):
    url, out = own_site
    fields = offer_block(out, "Gabelstapler-Grundlehrgang nach DGUV Grundsatz 308-001")
    assert fields["url"] == f"{url}/kurs-stapler.html"
    assert fields["provider"] == "Bildungswerk Marienberg e.V."
    assert fields["description"] == "Theorie und Fahrpraxis auf Elektro- und Dieselstaplern, mit Prüfung."
    assert (fields["start_date"], fields["end_date"]) == ("2027-04-12", "2027-04-14")
    assert fields["schedule_text"] == "12.04.2027 – 14.04.2027 Mo–Mi, 08:00–15:30 Uhr (3 Termine)"
    assert fields["schedule.weekdays"] == "Mon, Tue, Wed"
    assert fields["schedule.times"] == "08:00-15:30"
    assert fields["schedule.session_count"] == "3"
    assert fields["registration_deadline"] == "2027-03-29"
    assert fields["duration_text"] == "24 UE"
    assert fields["duration_hours"] == "18 h"
    assert fields["price_eur"] == "349.00 EUR"
    assert fields["price_text"] == "349,00 € zzgl. MwSt."
    assert fields["price_remarks"] == "zzgl. MwSt."
    assert fields["format"] == "onsite"
    assert fields["location.name"] == "Bildungswerk Marienberg, Lehrwerkstatt"
    assert fields["location.street"] == "Am Steinhübel 4"
    assert fields["location.postal_code"] == "09496"
    assert fields["location.town"] == "Marienberg"
    lat, lon = (float(x) for x in fields["location.coordinates"].split(", "))
    assert 50.6 < lat < 50.7 and 13.1 < lon < 13.2  # Marienberg (Erzgebirge)
    assert fields["funding"] == "bildungsgutschein"
    assert fields["certificate"] == "dguv"
    assert fields["contact.email"] == "kurse@bw-marienberg.example"
    assert fields["id"].startswith("bwm-")
    excel = offer_block(out, "Excel für Einsteiger")
    assert "start_date" not in excel and "funding" not in excel  # no value, no line


def test_counts_are_explained(own_site):
    url, out = own_site
    crawled = section(out, "What was crawled:")
    numbers = {m["label"]: int(m["n"]) for m in map(COUNT.match, crawled[1:]) if m}
    assert numbers == {
        "pages fetched": 5,        # the list, the information page and three course pages
        "with raw items": 3,       # the three course pages
        "without raw items": 2,    # the list page and "Über uns"
        "raw items": 5,            # three rows of runs, the page without a title, Excel
        "valid offers": 3,
        "rejected": 1,
        "duplicates merged": 1,    # the run listed twice
    }
    assert f"max_pages cap (5) reached: 1 link(s) not followed, e.g. kurs-schweissen.html" in out
    assert "stopped early" not in out
    assert section(out, "Pages without raw items (2):")[1:] == [
        f"  {url}/kurse.html   (start URL)", f"  {url}/ueber-uns.html   (start URL)"]
    rejected = section(out, "Rejected raw items (1;")[1:]
    assert rejected[0].endswith(": title: no title found")
    assert rejected[1].strip() == f"{url}/kurs-in-vorbereitung.html"
