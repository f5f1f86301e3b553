"""Raw crawler items -> validated `Offer` records.

The raw item contract (what crawlers emit) is the `RawItem` type in raw_item.py, shared with the
crawlers and described in ARCHITECTURE.md: all values are strings as found on the page, except
`price` (may be a number) and `sessions` (list of [start, end]: ISO, or a German day and time).

Length and sessions (`duration_hours`, `schedule.session_count`) come from, in this order:
1. Hours the provider states: the duration text ("40 UE", "16 Std.", "10 Termine à 90 Minuten",
   "PT30H"), else, when there is no duration text, "N UE" in the description. They win over
   hours derived from sessions because they are the course time the provider sells and funders
   count: a session's clock span includes breaks (08:00–16:00 is 8 h, the course "8 UE" = 6 h),
   and a session list may be partial (a table of the next dates, a feed's window). One exception:
   a stated length that equals one session's length while several sessions are known ("90
   Minuten" with "10 Termine") is the length per session, so it is multiplied.
2. Sessions: a session list (iCalendar series, XML `<termine>`, a session table) sums the
   lengths of its timed sessions; start and end as date-times on one day (The Events Calendar's
   "2027-03-12 09:00:00" / "2027-03-12 16:00:00") are one session. A session from 00:00 to 23:59
   is an all-day event and a session over several days is a block: neither has a length.
3. Wording: a session count times the daily time range. The count is the schedule's ("dienstags
   18:00–19:30 Uhr, 10 Termine"), else the duration text's ("5 Termine", "10 x 2 UE"; "N Tage"
   when daily times are given), else the course days the dates pin down: one date ("12.03.2027"
   with "09:00–16:00 Uhr": 1 session, 7 h), listed dates ("05.10., 12.10. und 19.10.2027"), or a
   block of at most a week where "täglich", "jeweils" or "Mo–Fr" says the times hold each day.
   A bare number ("5", KuferSQL's `dauer`) is neither hours nor a count; weeks are no count
   except for one session a week; "15.03.–19.03.2027, 8:00–15:30 Uhr" without such a word stays
   without hours (Monday 8:00 to Friday 15:30, or each day?).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from .categories import classify
from .dates import FORTNIGHTLY, DateParse, course_days, parse_dates, parse_deadline, parse_iso_date
from .durations import DurationParse, detect_time_model, parse_duration
from .enums import Format
from .formats import parse_format
from .funding import detect_certificate, detect_funding
from .places import parse_place
from .prices import parse_price
from .raw_item import RawItem
from .schedule import derive_schedule, is_machine_text
from .sessions import parse_sessions, timed
from .schema import Contact, Location, Offer, Schedule
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
_ISO_DURATION_TOKEN = re.compile(r"\s*\(?\bP(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?\b\)?")
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


def _lengths(sessions: list) -> list[float]:
    return [(datetime.fromisoformat(str(e)) - datetime.fromisoformat(str(s))).total_seconds() / 3600
            for s, e in sessions]


def _session_hours(sessions: list) -> float | None:
    return round(sum(_lengths(sessions)), 2) if sessions else None


def _one_session(raw: RawItem) -> list[list[str]]:
    """Start and end as date-times of one day ("2027-03-12 09:00:00" / "2027-03-12 16:00:00", or
    "12.03.2027 09:00" / "16:00") are one session; anything else is none."""
    if not (raw.get("start") and raw.get("end")):
        return []
    pair, _ = parse_sessions([[plain_text(raw["start"]), plain_text(raw["end"])]])
    return pair if timed(pair) else []


def _derived_hours(sessions: list, schedule: Schedule | None, dates: DateParse) -> float | None:
    """Hours from sessions (their lengths) or from a session count times the daily time range."""
    if timed(sessions):
        return _session_hours(sessions)
    if any("T" in str(s) for s, _ in sessions):
        return None  # sessions with differing or missing times: the wording's one time range is not theirs
    count, per = (schedule.session_count if schedule else None), dates.session_hours
    return round(count * per, 2) if count and per else None


def _whole(value: float | None) -> int | None:
    return int(value) if value and float(value).is_integer() else None


def _stated_count(duration: DurationParse, dates: DateParse, schedule_text: str) -> int | None:
    """The number of sessions the duration text gives: "5 Termine", "10 x 2 UE"; "3 Tage" where
    daily times say how long each day is; "10 Wochen" for one session a week ("dienstags")."""
    if duration.sessions:
        return duration.sessions
    if dates.start_time and _whole(duration.days):
        return _whole(duration.days)
    if len(dates.weekdays) == 1 and _whole(duration.weeks) and not FORTNIGHTLY.search(schedule_text):
        return _whole(duration.weeks)
    return None


def _per_session(sessions: list, dates: DateParse) -> float | None:
    """The length of each session where all are equally long."""
    if timed(sessions):
        lengths = {round(x, 2) for x in _lengths(sessions)}
        return lengths.pop() if len(lengths) == 1 else None
    return dates.session_hours


def _coordinates(raw: RawItem) -> tuple[float, float] | None:
    """The venue's own coordinates where the source gives them (Events Calendar venues, schema.org
    geo): closer than the town centre for distances. Nonsense (0/0, out of range) is ignored."""
    try:
        lat, lon = float(str(raw.get("lat")).replace(",", ".")), float(str(raw.get("lon")).replace(",", "."))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return round(lat, 5), round(lon, 5)


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
        if (start, end) != (dates.start, dates.end):  # the run's days are the fields', its times the wording's
            days = course_days(start, end, dates.weekdays, dates.daily) if raw.get("end") else []
            dates = replace(dates, start=start, end=end, days=days, listed=bool(days) and start == end)
    sessions, _ = parse_sessions(raw.get("sessions"))  # ISO pairs; stamps that are no dates are left out
    sessions = sessions or _one_session(raw)
    if sessions:
        start = parse_iso_date(sessions[0][0])
        end = parse_iso_date(sessions[-1][1])
    rolling = dates.rolling_start or bool(_ROLLING_WORDS.search(plain_text(raw.get("duration")) + " " + description))

    duration_text = plain_text(raw.get("duration"))
    duration = parse_duration(duration_text)
    # "4 Stunden pro Woche P6W" (MOOChub workload + duration): the ISO part is data, the rest wording
    duration_text = _ISO_DURATION_TOKEN.sub("", duration_text).strip()
    if is_machine_text(duration_text):
        duration_text = ""  # "PT12H" is in duration_hours; it is nobody's wording
    schedule = derive_schedule(sessions, dates, stated=_stated_count(duration, dates, schedule_text))
    if is_machine_text(schedule_text):
        schedule_text = ""  # iCalendar lines or ISO date-times are data (kept in `schedule`), not wording
    # Precedence (see the module docstring): stated hours, then sessions, then count x daily times.
    hours = duration.hours
    count = schedule.session_count if schedule else None
    per = _per_session(sessions, dates)
    if hours is not None and not duration.sessions and count and count > 1 and per and abs(hours - per) < 0.01:
        hours = round(count * per, 2)  # "90 Minuten" with "10 Termine": the length of each session
    time_model = duration.time_model or detect_time_model(f"{schedule_text} {title}")
    if hours is None and not duration_text:
        hours = parse_duration(description).hours if _UE_IN_TEXT.search(description) else None
    if hours is None:
        hours = _derived_hours(sessions, schedule, dates)
    if hours is None and duration.per_week and start and end and (end - start).days >= 6:
        hours = round(duration.per_week * round((end - start).days / 7), 2)  # weekly load x the run's weeks

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
            lat, lon = _coordinates(raw) or (place.lat, place.lon)
            location = Location(name=name or None, street=street or None, postal_code=place.postal_code,
                                town=place.town, lat=lat, lon=lon)
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
