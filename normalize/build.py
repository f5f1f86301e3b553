"""Raw crawler items -> validated `Offer` records.

The raw item contract (what crawlers emit) is the `RawItem` type in raw_item.py, shared with the
crawlers and described in ARCHITECTURE.md: all values are strings as found on the page, except
`price` (may be a number) and `sessions` (list of [start, end]: ISO, or a German day and time).
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from .categories import classify
from .dates import parse_dates, parse_deadline, parse_iso_date
from .durations import detect_time_model, parse_duration
from .enums import Format
from .formats import parse_format
from .funding import detect_certificate, detect_funding
from .places import parse_place
from .prices import parse_price
from .raw_item import RawItem
from .schedule import derive_schedule, is_machine_text
from .sessions import parse_sessions, timed
from .schema import Contact, Location, Offer
from .text import fold, plain_lines, plain_text

LANGUAGES = {
    "deutsch": "de", "german": "de", "englisch": "en", "english": "en", "tschechisch": "cs",
    "czech": "cs", "čeština": "cs", "polnisch": "pl", "spanisch": "es", "französisch": "fr",
    "russisch": "ru", "italienisch": "it", "ukrainisch": "uk", "arabisch": "ar",
}
_TEACHING_LANGUAGE = re.compile(r"(?:Unterrichts|Kurs|Seminar)sprache\s*:?\s*([A-Za-zäöüÄÖÜčš]+)", re.I)


class OfferError(ValueError):
    """A raw item that cannot become a valid offer; `field` names the culprit."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


_LANG_CODE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?")
_ROLLING_WORDS = re.compile(r"Einstieg jederzeit|laufender Einstieg", re.I)
_UE_IN_TEXT = re.compile(r"\d\s*(?:UE|Unterrichtseinheiten)\b")


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def canonical_url(url: str) -> str:
    """Scheme/host lower-cased, default ports and trailing slashes removed: a stable id basis."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, parts.fragment))


def _language(raw: RawItem, description: str, default: str) -> str:
    value = plain_text(raw.get("language"))
    if not value:
        m = _TEACHING_LANGUAGE.search(description)
        value = m[1] if m else ""
    value = value.strip().lower()
    if _LANG_CODE.fullmatch(value):
        return value[:2]
    return LANGUAGES.get(value, default)


def _session_hours(sessions: list) -> float | None:
    total = 0.0
    for start, end in sessions:
        delta = datetime.fromisoformat(str(end)) - datetime.fromisoformat(str(start))
        total += delta.total_seconds() / 3600
    return round(total, 2) if sessions else None


def _contact(found: dict) -> Contact | None:
    """The page's contact data; a malformed value is left out rather than failing the offer."""
    good = {}
    for key, value in found.items():
        try:
            Contact(**{key: value})
        except ValidationError:
            continue
        good[key] = value
    return Contact(**good) if good else None


def build_offer(raw: RawItem, defaults: dict | None = None, *, reference: date | None = None,
                seen_at: str | None = None) -> Offer:
    """Normalize one raw item; `defaults` are the source's fallbacks from sources.yaml."""
    defaults = defaults or {}
    source = raw.get("source") or defaults.get("source")
    url = (raw.get("url") or "").strip()
    if not url:
        raise OfferError("no URL for this offer", "url")
    title = plain_text(raw.get("title"))
    if not title:
        raise OfferError("no title found", "title")
    description = plain_text(raw.get("description"))
    provider = plain_text(raw.get("provider")) or defaults.get("provider") or ""

    schedule_text = plain_text(" ".join(plain_text(raw.get(k)) for k in ("schedule", "times") if raw.get(k)))
    dates = parse_dates(schedule_text, reference)
    start, end = dates.start, dates.end
    if raw.get("start"):
        start = parse_iso_date(raw["start"]) or parse_dates(plain_text(raw["start"]), reference).start
        end = parse_iso_date(raw.get("end")) or (parse_dates(plain_text(raw.get("end")), reference).start
                                                 if raw.get("end") else start)
        if not schedule_text:
            schedule_text = " – ".join(plain_text(raw[k]) for k in ("start", "end") if raw.get(k))
    sessions, _ = parse_sessions(raw.get("sessions"))  # ISO pairs; stamps that are no dates are left out
    if sessions:
        start = parse_iso_date(sessions[0][0])
        end = parse_iso_date(sessions[-1][1])
    schedule = derive_schedule(sessions, dates)
    if is_machine_text(schedule_text):
        schedule_text = ""  # iCalendar lines or ISO date-times are data (kept in `schedule`), not wording
    rolling = dates.rolling_start or bool(_ROLLING_WORDS.search(plain_text(raw.get("duration")) + " " + description))

    duration_text = plain_text(raw.get("duration"))
    duration = parse_duration(duration_text)
    if is_machine_text(duration_text):
        duration_text = ""  # "PT12H" is in duration_hours; it is nobody's wording
    hours = _session_hours(sessions) if timed(sessions) else duration.hours
    time_model = duration.time_model or detect_time_model(f"{schedule_text} {title}")
    if hours is None and not duration_text:
        hours = parse_duration(description).hours if _UE_IN_TEXT.search(description) else None
    if hours is None and not duration_text and dates.session_count and dates.session_hours:
        hours = round(dates.session_count * dates.session_hours, 2)  # "dienstags 18:00-19:30 Uhr, 10 Termine"

    numeric_price = isinstance(raw.get("price"), (int, float))
    price_text = "" if numeric_price else plain_text(raw.get("price"))
    price = parse_price(raw["price"] if numeric_price else price_text)
    if is_machine_text(price_text):
        price_text = ""  # "129.0" from a JSON field: the amount is in price_eur
    deadline = (parse_deadline(plain_text(raw.get("deadline")) or None, reference)
                or parse_deadline(f"{schedule_text} {description}", reference))
    contact = {k: plain_text(raw.get(f"contact_{k}")) for k in ("email", "phone", "url")}
    contact = {k: v for k, v in contact.items() if v}

    place_text = plain_lines(raw.get("place"))
    place = parse_place(place_text, town=plain_text(raw.get("town")) or None,
                        postal_code=plain_text(raw.get("postal_code")) or None)
    fmt = (parse_format(plain_text(raw.get("format")))
           or (Format.online.value if place.online else None)
           or defaults.get("format") or Format.onsite.value)
    location = None
    if fmt in (Format.onsite, Format.blended) and not place.online and not (place.inhouse and not place.town):
        name = plain_text(raw.get("location_name")) or place.name
        street = plain_text(raw.get("street")) or place.street
        if any((name, street, place.postal_code, place.town)):
            location = Location(name=name or None, street=street or None, postal_code=place.postal_code,
                                town=place.town, lat=place.lat, lon=place.lon)
        elif defaults.get("location"):
            location = Location(**defaults["location"])

    funding_text = " ".join([plain_text(raw.get("funding")), description])
    certificate = detect_certificate(plain_text(raw.get("certificate"))) or detect_certificate(description)
    category = classify(title, description, hint=plain_text(raw.get("category")) or None)
    if category == "sonstiges" and defaults.get("category"):
        category = defaults["category"]

    ref = raw.get("provider_ref") or canonical_url(url)
    course_ref = raw.get("course_ref") or fold(title)
    try:
        return Offer(
            id=f"{source}-{_hash(ref, start)}",
            course_key=f"{source}-{_hash(course_ref)}",
            source=source, provider=provider, title=title, description=description, url=url,
            start_date=start, end_date=end, schedule_text=schedule_text, schedule=schedule,
            registration_deadline=deadline, rolling_start=rolling,
            duration_hours=hours, duration_text=duration_text, time_model=time_model, price_eur=price.amount,
            price_text=price_text, price_remarks=price.remarks, format=fmt, location=location, category=category,
            funding=detect_funding(funding_text), certificate=certificate,
            language=_language(raw, description, defaults.get("language", "de")),
            contact=_contact(contact), first_seen=seen_at, last_seen=seen_at,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        raise OfferError(f"{'.'.join(map(str, err['loc']))}: {err['msg']}", str(err["loc"][0])) from exc
