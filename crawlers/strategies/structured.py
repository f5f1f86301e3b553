"""`structured`: schema.org Course/CourseInstance/EducationEvent/Event in JSON-LD, microdata, RDFa.

One raw item per CourseInstance; the Course's fields are inherited. Pages without a course give
nothing (and no error): listing and legal pages share templates with course pages.

A Course without instances whose `url` names another page is a teaser (overview pages list
courses as Course items with name and url): it gives nothing here, its own page is the source.
Pages often carry the same course twice (theme microdata plus an SEO plugin's JSON-LD): offers
of one page with the same title and start day (and no conflicting run ids) are merged, the
richer one winning field by field, and a course-level copy without runs is dropped when the
same course has runs on the page.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import extruct

from .html import follow_next
from ..extract import extract_fields, extract_html, select

COURSE_TYPES = {"Course", "EducationalOccupationalProgram"}
RUN_TYPES = {"CourseInstance", "EducationEvent", "Event"}


def _types(obj: dict) -> set[str]:
    t = obj.get("@type") or []
    return {str(x).rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def _walk(data):
    """Every dict inside the extracted data, @graph and nesting included."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("value") or value.get("@id"))
    return str(value)


def _place(location) -> str | None:
    if isinstance(location, list):
        location = location[0] if location else None
    if not isinstance(location, dict):
        return _text(location)
    if "VirtualLocation" in _types(location):
        return "Online"
    address = location.get("address")
    parts = [location.get("name")]
    if isinstance(address, dict):
        parts += [address.get("streetAddress"),
                  " ".join(p for p in (address.get("postalCode"), address.get("addressLocality")) if p)]
    elif address:
        parts.append(str(address))
    return ", ".join(str(p) for p in parts if p) or None


def _offer_price(offers) -> str | float | None:
    if isinstance(offers, list):
        offers = offers[0] if offers else None
    if not isinstance(offers, dict):
        return None
    price = offers.get("price")
    if price is None:
        spec = offers.get("priceSpecification")
        price = spec.get("price") if isinstance(spec, dict) else None
    if isinstance(price, (int, float)):
        return float(price)
    if price is None:
        return None
    currency = offers.get("priceCurrency", "")
    return f"{price} {currency}".strip()


def _course_fields(course: dict, response) -> dict:
    provider = course.get("provider") or course.get("organizer")
    out = {
        "title": _text(course.get("name")),
        "description": _text(course.get("description")),
        "url": response.urljoin(str(course["url"])) if course.get("url") else None,
        "course_ref": _text(course.get("courseCode") or course.get("identifier")),
        "provider": _text(provider),
        "certificate": _text(course.get("educationalCredentialAwarded")),
        "funding": _text(course.get("financialAidEligible")),
        "language": _text(course.get("inLanguage")),
        "category": _text(course.get("about") or course.get("genre")),
        "duration": _text(course.get("timeRequired")),
    }
    return {k: v for k, v in out.items() if v}


def _run_fields(run: dict, response) -> dict:
    out = {
        "format": _text(run.get("courseMode") or run.get("eventAttendanceMode")),
        "start": _text(run.get("startDate")),
        "end": _text(run.get("endDate")),
        "duration": _text(run.get("courseWorkload") or run.get("duration")),
        "schedule": _text(run.get("courseSchedule")) if isinstance(run.get("courseSchedule"), str) else None,
        "place": _place(run.get("location")),
        "price": _offer_price(run.get("offers")),
        "provider_ref": _text(run.get("identifier")),
    }
    if "Event" in _types(run) or "EducationEvent" in _types(run):
        out.update({k: v for k, v in _course_fields(run, response).items() if k not in ("provider_ref",)})
    return {k: v for k, v in out.items() if v not in (None, "")}


def _elsewhere(url: str | None, response) -> bool:
    """True if `url` names another page than the one being parsed (scheme and host aside)."""
    if not url:
        return False
    there, here = urlsplit(url), urlsplit(response.url)
    if there.path.rstrip("/") != here.path.rstrip("/"):
        return True
    return bool(there.query) and there.query != here.query


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")


def _day(value) -> str | None:
    """The calendar day of a start value (ISO date/date-time or German date), for matching copies."""
    if not value:
        return None
    text = str(value)
    if m := _ISO_DAY.search(text):
        return m.group(0)
    if m := _GERMAN_DAY.search(text):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return " ".join(text.split()).casefold()


def _same_run(a: dict, b: dict) -> bool:
    if " ".join(a["title"].split()).casefold() != " ".join(b["title"].split()).casefold():
        return False
    if _day(a.get("start")) != _day(b.get("start")):
        return False
    ra, rb = a.get("provider_ref"), b.get("provider_ref")
    return not (ra and rb and ra != rb)


def _merge(offers: list[dict]) -> list[dict]:
    """One offer per run: copies from several syntaxes are merged, the richer copy wins per field."""
    merged: list[dict] = []
    for offer in offers:
        for i, seen in enumerate(merged):
            if _same_run(seen, offer):
                rich, poor = (seen, offer) if len(seen) >= len(offer) else (offer, seen)
                merged[i] = poor | rich | {"_course_only": seen["_course_only"] and offer["_course_only"]}
                break
        else:
            merged.append(offer)
    with_runs = {" ".join(o["title"].split()).casefold() for o in merged if not o["_course_only"]}
    return [o for o in merged
            if not (o["_course_only"] and " ".join(o["title"].split()).casefold() in with_runs)]


# A syntax is only parsed when its marker is in the page: RDFa in particular is slow, and most
# pages carry one syntax or none (bench/crawl.py).
SYNTAX_MARKERS = {"json-ld": "application/ld+json", "microdata": "itemscope", "rdfa": "typeof="}


def extract_offers(response) -> list[dict]:
    """Raw offers from the structured data of one page."""
    text = response.text
    syntaxes = [name for name, marker in SYNTAX_MARKERS.items() if marker in text]
    if not syntaxes:
        return []
    try:
        data = extruct.extract(text, base_url=response.url, uniform=True, syntaxes=syntaxes, errors="ignore")
    except (ValueError, json.JSONDecodeError):
        return []
    nodes = [n for syntax in data.values() for n in _walk(syntax)]
    offers, seen_runs = [], set()
    for course in (n for n in nodes if _types(n) & COURSE_TYPES):
        base = _course_fields(course, response)
        runs = course.get("hasCourseInstance") or []
        runs = runs if isinstance(runs, list) else [runs]
        runs = [r for r in runs if isinstance(r, dict)]
        for run in runs:
            seen_runs.add(id(run))
            offers.append(base | _run_fields(run, response) | {"_course_only": False})
        if not runs and not _elsewhere(base.get("url"), response):
            offers.append(base | _run_fields(course, response) | {"_course_only": True})
    for run in (n for n in nodes if _types(n) & RUN_TYPES and id(n) not in seen_runs):
        if "CourseInstance" in _types(run) and not run.get("name"):
            continue  # an instance outside any course has no title to show
        offers.append(_run_fields(run, response) | {"_course_only": False})
    offers = _merge([o for o in offers if o.get("title")])
    for offer in offers:
        del offer["_course_only"]
    return offers


def parse_detail(spider, response):
    extra = extract_fields(response, (spider.config.get("detail") or {}).get("fields"), extract_html)
    partial = response.meta.get("partial") or {}
    for offer in extract_offers(response):
        url = offer.pop("url", None) or response.url
        yield spider.raw_item(response, partial | extra | offer, url=url)


def parse_list(spider, response):
    listing = spider.config.get("list") or {}
    if listing.get("link"):
        for link in select(response, listing["link"]).getall():
            yield spider.follow(response, link, parse_detail, partial={})
    else:
        yield from parse_detail(spider, response)
    yield from follow_next(spider, response, listing, parse_list)


def parse_start(spider, response):
    yield from parse_list(spider, response)
