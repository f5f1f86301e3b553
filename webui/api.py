"""Read-only open-data API: /api/offers (the search page's filters and facets as JSON),
/api/offers/<id>, CSV and iCalendar exports of a result list, and the OpenAPI description.

/api/offers lists runs (one record per bookable date), as the exports do; `group=course` lists
courses as the search page does: one record per course (its next run) with the course's other
matching runs in `other_runs`, pages counting courses."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, jsonify, request

from normalize import category_label
from normalize.enums import CERTIFICATE_LABELS, FORMAT_LABELS, FUNDING_LABELS
from wbportal.csvsafe import excel_csv

from .calendar import offers_calendar
from .downloads import csv_download
from .query import MAX_PAGE_SIZE, query_from_args

bp = Blueprint("api", __name__)
EXPORT_LIMIT = 1000
# The export's columns: German header -> the cell of one offer record. Codes become the labels the
# pages show (one definition each: normalize.enums and the category taxonomy); dates and numbers
# are formatted by wbportal.csvsafe (dd.mm.yyyy, decimal comma).
CSV_COLUMNS = (
    ("Kennung", lambda r: r.get("id")),
    ("Titel", lambda r: r.get("title")),
    ("Anbieter", lambda r: r.get("provider")),
    ("Beginn", lambda r: _day(r.get("start_date"))),
    ("Ende", lambda r: _day(r.get("end_date"))),
    ("Einstieg jederzeit", lambda r: "ja" if r.get("rolling_start") else ""),
    ("Terminangabe des Anbieters", lambda r: r.get("schedule_text")),
    ("Dauer (Stunden)", lambda r: r.get("duration_hours")),
    ("Preis (Euro)", lambda r: r.get("price_eur")),
    ("Lernform", lambda r: FORMAT_LABELS.get(r.get("format"), r.get("format"))),
    ("Ort", lambda r: (r.get("location") or {}).get("town")),
    ("PLZ", lambda r: (r.get("location") or {}).get("postal_code")),
    ("Themenbereich", lambda r: category_label(r["category"]) if r.get("category") else None),
    ("Förderung", lambda r: ", ".join(FUNDING_LABELS.get(f, f) for f in r.get("funding") or [])),
    ("Abschluss", lambda r: CERTIFICATE_LABELS.get(r.get("certificate"), r.get("certificate"))),
    ("Link", lambda r: r.get("url")),
)


def _day(value: str | None):
    """An ISO date as a date, so the CSV writer puts it as dd.mm.yyyy; other text stays as it is."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return value


def _search(page_size: int = 20):
    q, notes = query_from_args(request.args, page_size)
    return q, notes, current_app.extensions["searcher"].search(q)


@bp.route("/api/offers")
def offers():
    q, notes = query_from_args(request.args, 20)
    q.group_courses = request.args.get("group") == "course"
    result = current_app.extensions["searcher"].search(q)
    body = {
        "total": result.total, "page": result.page, "page_size": result.page_size, "pages": result.pages,
        "suggestion": result.suggestion, "unknown_place": notes.get("unknown_place"),
        "facets": {name: [{"value": v, "count": c} for v, c in counts] for name, counts in result.facets.items()},
        "offers": [dict(h.record, distance_km=h.distance_km) for h in result.hits],
    }
    if result.grouped:
        body["total_courses"] = result.total_courses
        for item, hit in zip(body["offers"], result.hits):
            item["other_runs"] = hit.group.others
    return jsonify(body)


@bp.route("/api/offers/<offer_id>")
def offer(offer_id: str):
    record = current_app.extensions["searcher"].get(offer_id[:100])
    if record is None:
        return jsonify({"error": "not found", "id": offer_id[:100]}), 404
    return jsonify(record)


def _all_hits():
    """Up to EXPORT_LIMIT hits of the current search, from the first page on, page by page
    (a `page` parameter is ignored: an export is the whole list)."""
    q, _ = query_from_args(request.args, MAX_PAGE_SIZE)
    searcher = current_app.extensions["searcher"]
    records: list[dict] = []
    q.page = 1
    while len(records) < EXPORT_LIMIT:
        hits = searcher.search(q).hits
        if not hits:
            break
        records += [h.record for h in hits]
        q.page += 1
    return records[:EXPORT_LIMIT]


@bp.route("/export.csv")
def export_csv():
    """The current search as a CSV file for German Excel (see wbportal.csvsafe)."""
    text = excel_csv([name for name, _ in CSV_COLUMNS], ([cell(r) for _, cell in CSV_COLUMNS] for r in _all_hits()))
    return csv_download(text, "weiterbildung.csv")


@bp.route("/export.ics")
def export_ics():
    return Response(offers_calendar(_all_hits(), request.host_url), mimetype="text/calendar",
                    headers={"Content-Disposition": 'attachment; filename="weiterbildung.ics"'})


@bp.route("/api/openapi.json")
def openapi():
    from index.fields import FACETS
    from index.search import SORTS
    from normalize import offer_json_schema

    facet_params = [{"name": name, "in": "query", "required": False, "style": "form", "explode": True,
                     "schema": {"type": "array", "items": {"type": "string", "maxLength": 200}},
                     "description": f"facet value(s) of '{name}' (OR within, AND across facets)"} for name in FACETS]

    def param(name, schema, description):
        return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}

    search_params = [
        param("q", {"type": "string", "maxLength": 500}, "words; \"quoted\" words are a phrase"),
        param("page", {"type": "integer", "minimum": 1, "maximum": 1000}, "page number"),
        param("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, "hits per page"),
        param("sort", {"type": "string", "enum": list(SORTS)}, "order"),
        param("near", {"type": "string", "maxLength": 80}, "town or postal code for the radius"),
        param("radius", {"type": "integer", "minimum": 1, "maximum": 500}, "radius in km around 'near'"),
        param("from", {"type": "string", "format": "date"}, "earliest start"),
        param("to", {"type": "string", "format": "date"}, "latest start"),
        param("rolling", {"type": "string", "enum": ["0", "1"]}, "include runs without a date (default 1)"),
        param("max_price", {"type": "number", "minimum": 0}, "maximum price in euros"),
        param("max_hours", {"type": "number", "minimum": 0}, "maximum length in hours"),
        param("past", {"type": "string", "enum": ["0", "1"]}, "include ended runs"),
        *facet_params,
    ]
    group_param = param("group", {"type": "string", "enum": ["run", "course"]},
                        "'run' (default): one record per run. 'course': one record per course (its next "
                        "matching run) with the other matching runs in 'other_runs'; 'pages' and 'page_size' "
                        "count courses, 'total' still counts runs and 'total_courses' is added; facet counts "
                        "are per run either way. Runs of one course share 'course_key'; the same course "
                        "listed by another source (same title and provider) is one course too.")
    offer_schema = offer_json_schema()
    defs = offer_schema.pop("$defs", {})
    offer_schema.pop("$schema", None)
    offer_schema.pop("$id", None)
    text = lambda: {"type": "string"}  # noqa: E731
    schema = {
        "openapi": "3.0.3",
        "info": {"title": "Weiterbildungsportal Erzgebirge – Open Data API", "version": "1.0",
                 "description": "Read-only access to the current continuing-education offers of the region."},
        "servers": [{"url": request.host_url.rstrip("/")}],
        "paths": {
            "/api/offers": {"get": {"summary": "Search offers", "parameters": [*search_params, group_param], "responses": {
                "200": {"description": "hits, total and facet counts (per run; see 'group')",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}}}}},
            "/api/offers/{offer_id}": {"get": {"summary": "One offer", "parameters": [
                {"name": "offer_id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 100}}],
                "responses": {"200": {"description": "the offer", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Offer"}}}},
                    "404": {"description": "no such offer", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"error": text(), "id": text()}}}}}}}},
            "/export.csv": {"get": {"summary": "Search results as CSV for German Excel (UTF-8 with BOM, semicolon, "
                                               "decimal comma, dates dd.mm.yyyy, German headers and labels)",
                                    "parameters": search_params, "responses": {"200": {
                                        "description": "CSV", "content": {"text/csv": {"schema": text()}}}}}},
            "/export.ics": {"get": {"summary": "Search results as iCalendar", "parameters": search_params,
                                    "responses": {"200": {"description": "iCalendar",
                                                          "content": {"text/calendar": {"schema": text()}}}}}},
        },
        "components": {"schemas": {
            **{k: v for k, v in _openapi_defs(defs).items()},
            "Offer": _openapi_refs(offer_schema),
            "SearchResult": {"type": "object", "properties": {
                "total": {"type": "integer", "description": "matching runs"},
                "total_courses": {"type": "integer", "description": "matching courses (only with group=course)"},
                "page": {"type": "integer"}, "page_size": {"type": "integer"},
                "pages": {"type": "integer"}, "suggestion": {"type": "string", "nullable": True},
                "unknown_place": {"type": "string", "nullable": True},
                "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
                    "type": "object", "properties": {"value": text(), "count": {"type": "integer"}}}}},
                "offers": {"type": "array", "items": {"allOf": [
                    {"$ref": "#/components/schemas/Offer"},
                    {"type": "object", "properties": {
                        "distance_km": {"type": "number", "nullable": True,
                                        "description": "from 'near', where the place is known"},
                        "other_runs": {"type": "array", "items": {"$ref": "#/components/schemas/Offer"},
                                       "description": "only with group=course: the course's other "
                                                      "matching runs in date order"}}}]}}}},
        }},
    }
    return jsonify(schema)


def _openapi_refs(node):
    """JSON Schema refs (#/$defs/X) -> OpenAPI refs (#/components/schemas/X); anyOf null -> nullable."""
    if isinstance(node, dict):
        node = {k: _openapi_refs(v) for k, v in node.items()}
        if "$ref" in node:
            node["$ref"] = node["$ref"].replace("#/$defs/", "#/components/schemas/")
        options = node.get("anyOf")
        if options and any(o.get("type") == "null" for o in options):
            rest = [o for o in options if o.get("type") != "null"]
            node.pop("anyOf")
            if len(rest) == 1 and "$ref" in rest[0]:
                node["allOf"] = rest  # a $ref takes no siblings in OpenAPI 3.0
            else:
                node.update(rest[0] if len(rest) == 1 else {"anyOf": rest})
            node["nullable"] = True
        return node
    if isinstance(node, list):
        return [_openapi_refs(v) for v in node]
    return node


def _openapi_defs(defs: dict) -> dict:
    return {name: _openapi_refs(schema) for name, schema in defs.items()}
