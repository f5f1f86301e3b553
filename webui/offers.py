"""Offer detail (with schema.org JSON-LD and iCalendar download) and provider pages."""
from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from index import SearchQuery
from normalize.enums import LANGUAGE_NAMES, Format

from .accounts import local_path
from .calendar import offers_calendar
from .wording import language_note, provider_wording, schedule_wording

bp = Blueprint("offers", __name__)
bp.app_template_filter("de_schedule")(schedule_wording)
bp.app_template_filter("provider_wording")(provider_wording)
bp.app_template_filter("language_note")(language_note)


@bp.record_once
def _template_globals(state) -> None:
    state.app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES

_contacts_cache: dict = {}


def source_contact(source: str) -> dict | None:
    """The source's `contact:` from sources.yaml (re-read when the file changes); None when the
    file is missing or invalid, which the admin's source page reports, not the offer page."""
    from wbportal.config import ConfigError, load_sources

    path = current_app.config.get("SOURCES_FILE") or "sources.yaml"
    try:
        stamp = (path, os.stat(path).st_mtime_ns)
        if _contacts_cache.get("stamp") != stamp:
            configured = load_sources(path).sources
            _contacts_cache.update(stamp=stamp, contacts={
                key: s.contact.model_dump(mode="json", exclude_none=True) for key, s in configured.items() if s.contact})
    except (OSError, ConfigError, ValueError):
        return None
    return _contacts_cache["contacts"].get(source) or None


def back_to_search() -> str:
    """Where "Zur Suche" leads: the search the visitor came from (the card passes it as
    `zurueck`, else a same-site Referer to the search page), else the empty search."""
    search = url_for("search.index")
    target = local_path(request.args.get("zurueck"), "")
    if not target and request.referrer:
        ref = urlsplit(request.referrer)
        if ref.netloc == request.host:
            target = ref.path + (f"?{ref.query}" if ref.query else "")
    return target if target.split("?")[0] == search else search

# schema.org courseMode per format (schema.org has no self-paced mode: that is online).
COURSE_MODES = {Format.onsite.value: "onsite", Format.online.value: "online", Format.blended.value: "blended",
                Format.selfpaced.value: "online"}


def course_json_ld(record: dict, runs: list[dict]) -> str:
    """schema.org Course with one CourseInstance per run, as JSON safe to embed in <script>."""
    def instance(r: dict) -> dict:
        loc = r.get("location") or {}
        data = {"@type": "CourseInstance", "name": r["title"], "url": r["url"],
                "courseMode": COURSE_MODES.get(r.get("format"), COURSE_MODES[Format.onsite.value])}
        if r.get("start_date"):
            data["startDate"] = r["start_date"]
        if r.get("end_date"):
            data["endDate"] = r["end_date"]
        if loc.get("town"):
            data["location"] = {"@type": "Place", "name": loc.get("name") or loc["town"],
                                "address": {"@type": "PostalAddress", "streetAddress": loc.get("street"),
                                            "postalCode": loc.get("postal_code"), "addressLocality": loc["town"],
                                            "addressCountry": "DE"}}
        if r.get("price_eur") is not None:
            data["offers"] = {"@type": "Offer", "price": r["price_eur"], "priceCurrency": "EUR", "url": r["url"]}
        return data

    data = {"@context": "https://schema.org", "@type": "Course", "name": record["title"],
            "description": record.get("description") or "", "inLanguage": record.get("language") or "de",
            "provider": {"@type": "Organization", "name": record["provider"]},
            "hasCourseInstance": [instance(r) for r in runs]}
    # no "<", ">" or "&" in the script element: scraped text cannot close it or open another
    return (json.dumps(data, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@bp.route("/angebot/<offer_id>")
def detail(offer_id: str):
    searcher = current_app.extensions["searcher"]
    record = searcher.get(offer_id[:100])
    if record is None:
        abort(404)
    runs = searcher.runs_of(record["course_key"])
    contact = record.get("contact") or source_contact(record["source"])
    return render_template("offer.html", o=record, runs=runs, json_ld=course_json_ld(record, runs),
                           contact=contact, back_url=back_to_search())


@bp.route("/angebot/<offer_id>.ics")
def detail_ics(offer_id: str):
    record = current_app.extensions["searcher"].get(offer_id[:100])
    if record is None or not record.get("start_date"):
        abort(404)
    return Response(offers_calendar([record], request.host_url), mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="angebot-{record["id"]}.ics"'})


@bp.route("/anbieter/<path:name>")
def provider(name: str):
    searcher = current_app.extensions["searcher"]
    page = request.args.get("page", "1")
    q = SearchQuery(filters={"provider_facet": [name[:200]]}, sort="start", page_size=50,
                    page=int(page) if page.isdigit() and 0 < int(page) < 1000 else 1)
    if searcher.search(SearchQuery(filters=q.filters, include_past=True, page_size=1)).total == 0:
        abort(404)
    result = searcher.search(q)
    return render_template("provider.html", name=name, result=result,
                           search_url=url_for("search.index", provider_facet=name),
                           provider_page_url=lambda p: url_for("offers.provider", name=name, page=p))
