"""The "Offene Daten" page (the API in German with examples, the data's licence, the labels of
facet codes), full downloads of all current offers (JSON Lines and CSV, streamed), and CORS
headers so that other sites' scripts may read the GET API and the downloads."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from index import SearchQuery
from normalize import taxonomy
from normalize.enums import CERTIFICATE_LABELS, FORMAT_LABELS, FUNDING_LABELS, TIME_MODEL_LABELS
from wbportal.config import load_sources
from wbportal.csvsafe import CONTENT_TYPE, excel_csv_chunks
from wbportal.opendata import data_licence
from wbportal.yamlfile import ConfigError

from .api import CSV_COLUMNS
from .filters import DURATION_BAND_LABELS, FACET_LABELS, PRICE_BAND_LABELS

bp = Blueprint("opendata", __name__)
PAGE = 100  # offers read from the index per step while streaming a download
CORS_PREFIXES = ("/api/", "/offene-daten/angebote.", "/export.")


@bp.after_app_request
def cors(response):
    """Access-Control-Allow-Origin: * on the read-only data (GET/HEAD of the API, the exports and
    the downloads) – never on pages or form posts, which carry a session."""
    if request.method in ("GET", "HEAD") and request.path.startswith(CORS_PREFIXES):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _providers() -> list[str]:
    try:
        return [s.provider for s in load_sources(current_app.config["SOURCES_FILE"]).sources.values()]
    except ConfigError:
        current_app.logger.exception("sources.yaml unreadable: licence names no providers")
        return []


def _licence():
    """The licence, or None while the operator's legal.yaml is broken (`wbportal legal check`
    says where): the page then says so instead of naming a licence the operator did not choose."""
    try:
        return data_licence(Path(current_app.config["INDEX_DIR"]).parent, _providers())
    except ConfigError:
        current_app.logger.exception("legal.yaml unreadable: open-data page shows no licence")
        return None


def code_tables() -> list[dict]:
    """Facet code -> German label, from the one definition of each value set."""
    return [
        {"facet": "category", "label": FACET_LABELS["category"],
         "rows": [(c.id, c.label) for c in taxonomy().values()]},
        {"facet": "format", "label": FACET_LABELS["format"], "rows": list(FORMAT_LABELS.items())},
        {"facet": "funding", "label": FACET_LABELS["funding"], "rows": list(FUNDING_LABELS.items())},
        {"facet": "certificate", "label": FACET_LABELS["certificate"], "rows": list(CERTIFICATE_LABELS.items())},
        {"facet": "duration_band", "label": FACET_LABELS["duration_band"], "rows": list(DURATION_BAND_LABELS.items())},
        {"facet": "price_band", "label": FACET_LABELS["price_band"], "rows": list(PRICE_BAND_LABELS.items())},
        {"facet": "time_model", "label": "Zeitmodell (Feld time_model)", "rows": list(TIME_MODEL_LABELS.items())},
    ]


def _examples(base: str) -> list[dict]:
    """Example requests with parameters that give hits on the current data where possible."""
    searcher = current_app.extensions["searcher"]
    first = searcher.search(SearchQuery(page_size=1, sort="start"))
    facets = first.facets
    category = (facets.get("category") or [("schweissen", 0)])[0][0]
    town = (facets.get("town") or [("Annaberg-Buchholz", 0)])[0][0]
    offer_id = first.hits[0].record["id"] if first.hits else "ID"
    today = date.today()

    def url(path: str, **params) -> str:
        return f"{base}{path}" + (f"?{urlencode(params)}" if params else "")

    return [
        {"what": "Volltextsuche, 5 Treffer je Seite", "url": url("/api/offers", q="Schweißen", page_size=5)},
        {"what": f"Alle Angebote eines Bereichs ({category}) im Umkreis von 25 km um {town}, das günstigste zuerst",
         "url": url("/api/offers", category=category, near=town, radius=25, sort="price")},
        {"what": "Präsenzkurse mit Bildungsgutschein, Beginn in den nächsten sechs Monaten",
         "url": url("/api/offers", format="onsite", funding="bildungsgutschein",
                    **{"from": today.isoformat(), "to": (today + timedelta(days=182)).isoformat()})},
        {"what": "Ein einzelnes Angebot", "url": url(f"/api/offers/{offer_id}")},
        {"what": "Eine Trefferliste als Tabelle (CSV)", "url": url("/export.csv", category=category)},
        {"what": "Die Beschreibung der Schnittstelle (OpenAPI 3)", "url": url("/api/openapi.json")},
    ]


@bp.route("/offene-daten")
def page():
    base = request.host_url.rstrip("/")
    current = current_app.extensions["searcher"].search(SearchQuery(page_size=1)).total
    return render_template("open_data.html", licence=_licence(), examples=_examples(base), tables=code_tables(),
                           base=base, total=current, csv_fields=[name for name, _ in CSV_COLUMNS])


def current_offers() -> Iterator[dict]:
    """Every current offer (what /api/offers lists without filters: runs not yet ended), in start
    order, read from the index a page at a time so a download never holds them all in memory."""
    searcher = current_app.extensions["searcher"]
    page_no, seen, total = 1, 0, None
    while total is None or seen < total:
        result = searcher.search(SearchQuery(page=page_no, page_size=PAGE, sort="start"))
        total = result.total if total is None else total
        if not result.hits:
            return
        for hit in result.hits[: total - seen]:
            yield hit.record
        seen += len(result.hits)
        page_no += 1


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@bp.route("/offene-daten/angebote.jsonl")
def download_jsonl():
    def lines():
        for record in current_offers():
            yield json.dumps(record, ensure_ascii=False) + "\n"
    return Response(stream_with_context(lines()), mimetype="application/x-ndjson; charset=utf-8",
                    headers=_attachment("angebote.jsonl"))


@bp.route("/offene-daten/angebote.csv")
def download_csv():
    """The columns and cell format of the search export (/export.csv: German headers and labels,
    German Excel), written row by row instead of as one string."""
    chunks = excel_csv_chunks([name for name, _ in CSV_COLUMNS],
                              ([cell(record) for _, cell in CSV_COLUMNS] for record in current_offers()))
    return Response(stream_with_context(chunks), content_type=CONTENT_TYPE,
                    headers=_attachment("angebote.csv"))
