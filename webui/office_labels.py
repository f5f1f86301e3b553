"""German words for what the crawl pipeline records in English: run status, coverage fields and
the warnings of a run. One table for every office page (sources list, source page, charts), so a
field is called the same everywhere.

Warnings come from the pipeline and the crawler as English sentences; the known kinds are put
into German here. An unknown one is shown as it is (it is technical detail for the maintainer),
marked as such by the template.
"""
from __future__ import annotations

import re


STATUS_LABELS = {"ok": "in Ordnung", "degraded": "eingeschränkt", "failed": "fehlgeschlagen"}

# The fields of wbportal/ops/quality.py (COVERED, NOT_UNDERSTOOD, SELECTOR_FIELD).
FIELD_LABELS = {"description": "Beschreibung", "start_date": "Beginn", "end_date": "Ende", "price": "Preis",
                "duration": "Dauer", "place": "Ort", "category": "Bereich", "schedule": "Termine"}

LOW_COVERAGE = 0.5  # a field found on fewer offers than this is pointed out


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", "noch nie abgerufen" if status is None else status)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def _pct(text: str) -> str:
    return text.replace("%", " %")


def _field(name: str) -> str:
    return f"„{field_label(name)}“"


_EXPLAINED = {
    "download cancelled (a page larger than the 10 MB limit, or the crawl was stopped)":
        "Download abgebrochen (Seite größer als 10 MB oder Abruf angehalten)",
    "download cancelled: a page larger than the maximum size (10 MB)":
        "Download abgebrochen: Seite größer als 10 MB",
    "the site did not answer in time": "die Seite hat nicht rechtzeitig geantwortet",
    "host name not found (DNS): is the address right?": "Rechnername nicht gefunden (DNS): Stimmt die Adresse?",
    "connection refused: the site is down": "Verbindung abgelehnt: Die Seite ist nicht erreichbar",
    "the connection broke before an answer came": "Die Verbindung brach ab, bevor eine Antwort kam",
}

# (pattern, German template) for the warnings the pipeline and the crawler write.
_WARNINGS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"^(\w+) found on (\d+%) of offers, was (\d+%) in the last good run$"),
     lambda m: f"{_field(m[1])} nur noch bei {_pct(m[2])} der Angebote gefunden (im letzten guten Abruf {_pct(m[3])})"),
    (re.compile(r"^(\w+) found on 0 of (\d+) offers: check selector '(\w+)'$"),
     lambda m: f"{_field(m[1])} bei keinem der {m[2]} Angebote gefunden: Selektor „{m[3]}“ prüfen"),
    (re.compile(r"^(\w+) found on only (\d+) of (\d+) offers$"),
     lambda m: f"{_field(m[1])} nur bei {m[2]} von {m[3]} Angeboten gefunden"),
    (re.compile(r"^(\d+)x (\w+): (.+)$"),
     lambda m: f"{m[1]}× {m[2]}: {_EXPLAINED.get(m[3], m[3])}"),
    (re.compile(r"^HTTP (\d+) (\S+)$"), lambda m: f"HTTP-Fehler {m[1]} bei {m[2]}"),
    (re.compile(r"^(\d+) pages forbidden by the site's robots\.txt$"),
     lambda m: f"{m[1]} Seiten durch die robots.txt der Seite gesperrt"),
    (re.compile(r"^(\d+) redirects and no offer: a redirect loop or too many redirects\?$"),
     lambda m: f"{m[1]} Weiterleitungen und kein Angebot: Weiterleitungsschleife oder zu viele Weiterleitungen?"),
    (re.compile(r"^(\d+) links or redirects to other hosts not followed.*$"),
     lambda m: f"{m[1]} Links oder Weiterleitungen zu anderen Rechnern nicht verfolgt (gehören sie zum Anbieter, "
               f"in allowed_domains eintragen)"),
    (re.compile(r"^(\d+) offers contain characters that could not be decoded.*$"),
     lambda m: f"{m[1]} Angebote enthalten unlesbare Zeichen: Die Seite gibt vermutlich den falschen Zeichensatz an"),
    (re.compile(r"^crawl timed out after (\d+) s$"), lambda m: f"Abruf nach {m[1]} s abgebrochen (Zeitlimit)"),
    (re.compile(r"^crawl abandoned: the scheduler was shutting down$"),
     lambda m: "Abruf abgebrochen: Der Zeitplaner wurde beendet"),
    (re.compile(r"^crawler exited with (-?\d+): (.*)$", re.S),
     lambda m: f"Der Crawler endete mit Code {m[1]}: {translate_warning(m[2]) if m[2] else 'ohne Meldung'}"),
    (re.compile(r"^crawl process ended by signal (\d+)( \(abandoned: shutting down\))?$"),
     lambda m: f"Abrufprozess durch Signal {m[1]} beendet" + (" (Zeitplaner wurde beendet)" if m[2] else "")),
    (re.compile(r"^([\w.-]+\.jsonl):(\d+): (.+)$", re.S),
     lambda m: f"Angebot in Zeile {m[2]} ungültig: {m[3]}"),
]


def translate_warning(text: str) -> str:
    """German for a known warning; the text unchanged for an unknown one."""
    for pattern, german in _WARNINGS:
        match = pattern.match(text.strip())
        if match:
            return german(match)
    return text


def warning(text: str) -> dict:
    """A warning for the template: its German text and, when it differs, the original (kept for
    the maintainer, who may search logs and code for it)."""
    german = translate_warning(text)
    return {"text": german, "original": text if german != text else None}


def coverage_items(coverage: dict | None) -> list[dict]:
    """Coverage as (German field label, percent, low?) in the pipeline's field order."""
    return [{"field": field_label(name), "percent": round(share * 100), "low": share < LOW_COVERAGE}
            for name, share in (coverage or {}).items()]


def unparsed_items(unparsed: dict | None) -> list[dict]:
    """Texts the normalizer did not understand, per field, with their counts."""
    return [{"field": field_label(name), "texts": [(text, n) for text, n in values]}
            for name, values in (unparsed or {}).items()]
