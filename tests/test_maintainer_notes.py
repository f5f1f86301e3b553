"""What the maintainers' guide in the README promises about edge cases, checked: a start page
that forwards by meta refresh, a `regex` that does not match, how `format` is inferred, and
choosing between two JSON fields."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from parsel import Selector

from crawlers.extract import extract_html, extract_json
from normalize import build_offer

from replay.crawl import crawl_source

LISTING = """<html><head><meta charset="utf-8"><title>Kurse</title></head><body>
<article class="kurs"><h2>Staplerfahrer-Ausbildung</h2><p class="termin">12.04.2027</p><p class="ort">09456 Annaberg-Buchholz</p></article>
<article class="kurs"><h2>Erste Hilfe im Betrieb</h2><p class="termin">03.05.2027</p><p class="ort">Online</p></article>
</body></html>"""


class Forwarding(BaseHTTPRequestHandler):
    """A provider whose address forwards to the course list by <meta http-equiv="refresh">."""

    def do_GET(self):  # noqa: N802
        if self.path == "/":
            body = b'<html><head><meta http-equiv="refresh" content="0; URL=/kurse/liste.html"></head><body></body></html>'
        elif self.path == "/kurse/liste.html":
            body = LISTING.encode()
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_meta_refresh_start_page_is_followed(cli, serve, tmp_path):
    with serve(Forwarding) as url:
        crawl, records = crawl_source(cli, tmp_path, f"""sources:
  fwd:
    provider: Weiterleitung GmbH
    strategy: html
    start_urls: ["{url}/"]
    list:
      item: "article.kurs"
      fields: {{title: "h2", schedule: "p.termin", place: "p.ort"}}
""")
    assert "fwd: ok" in crawl.stdout
    assert sorted(r["title"] for r in records) == ["Erste Hilfe im Betrieb", "Staplerfahrer-Ausbildung"]
    assert {r["url"].split("#")[0] for r in records} == {f"{url}/kurse/liste.html"}


def test_regex_without_match_gives_default_or_nothing():
    sel = Selector(text="<p class='preis'>Preis auf Anfrage</p>")
    assert extract_html(sel, {"css": "p.preis", "regex": r"(\d+,\d\d)\s*€"}) is None
    assert extract_html(sel, {"css": "p.preis", "regex": r"(\d+,\d\d)\s*€", "default": "auf Anfrage"}) == "auf Anfrage"
    assert extract_html(Selector(text="<p class='preis'>Preis: 250,00 €</p>"),
                        {"css": "p.preis", "regex": r"(\d+,\d\d)\s*€"}) == "250,00"


CHOICE = "(ue && join('', [to_string(ue), ' UE'])) || (stunden && join('', [to_string(stunden), ' Std.']))"


@pytest.mark.parametrize("record, expected", [
    ({"ue": 40, "stunden": None}, "40 UE"),
    ({"ue": None, "stunden": 30}, "30 Std."),
    ({"ue": None, "stunden": None}, None),
])
def test_json_choice_between_two_fields(record, expected):
    assert extract_json(record, CHOICE) == expected


def _offer(defaults=None, **raw):
    return build_offer({"source": "t", "url": "https://t.example/k/1", "page_url": "https://t.example/k",
                        "fetched_at": "2026-12-01T00:00:00+00:00", "provider": "T", "title": "Excel Grundlagen",
                        **raw}, defaults)


def test_format_inference_order():
    assert _offer(format="Blended Learning", place="Annaberg-Buchholz").format == "blended"  # the wording
    assert _offer(place="Online").format == "online"                                        # the place says online
    assert _offer(place="Annaberg-Buchholz").format == "onsite"                              # nothing said: on site
    assert _offer({"format": "online"}).format == "online"                                  # the source's default
    assert _offer({"format": "online"}, format="Präsenz").format == "onsite"                 # wording beats default
