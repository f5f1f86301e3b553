"""`feed`: iCalendar (series expanded with RRULE/EXDATE/TZID) and RSS/Atom."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from lxml import etree
from parsel import Selector

from ..extract import postprocess, text_lines


def _ical_value(component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if name == "CATEGORIES":
        cats = value if isinstance(value, list) else [value]
        return ", ".join(str(c) for cat in cats for c in cat.cats)
    return str(value)


def _field(props: dict, spec) -> str | None:
    if isinstance(spec, str):
        spec = {"path": spec}
    if spec.get("const") is not None:
        return spec["const"]
    raw = props.get((spec.get("path") or "").upper()) or props.get(spec.get("path") or "")
    return postprocess([raw] if raw else [], spec)


def _as_datetime(value) -> datetime:
    """Local (Europe/Berlin) wall-clock time without zone: a UTC "...T163000Z" session is 17:30."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from zoneinfo import ZoneInfo
            value = value.astimezone(ZoneInfo("Europe/Berlin"))
        return value.replace(tzinfo=None)
    return datetime.combine(value, datetime.min.time())


def parse_ical(spider, response):
    import icalendar
    import recurring_ical_events

    try:
        calendar = icalendar.Calendar.from_ical(response.body)
    except ValueError as exc:
        spider.problem(f"invalid iCalendar at {response.url}: {exc}")
        return
    events = {}
    for event in calendar.walk("VEVENT"):
        if event.get("RECURRENCE-ID") is not None:
            continue  # a moved or changed session of a series, not a run of its own
        uid = str(event.get("UID") or id(event))
        events.setdefault(uid, event)
    horizon_start = date(1970, 1, 1)
    horizon_end = date.today() + timedelta(days=3 * 366)
    occurrences: dict[str, list] = {}
    try:
        for occ in recurring_ical_events.of(calendar).between(horizon_start, horizon_end):
            occurrences.setdefault(str(occ.get("UID")), []).append(occ)
    except Exception as exc:  # the library raises many types on broken rules
        spider.problem(f"cannot expand iCalendar series at {response.url}: {exc}")
        return
    for uid, event in events.items():
        occs = sorted(occurrences.get(uid, []), key=lambda o: _as_datetime(o["DTSTART"].dt))
        sessions = []
        for occ in occs[:1000]:
            start = _as_datetime(occ["DTSTART"].dt)
            end = _as_datetime(occ["DTEND"].dt) if occ.get("DTEND") else start
            sessions.append([start.isoformat(), end.isoformat()])
        props = {name: _ical_value(event, name) for name in
                 ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "UID", "RRULE", "DTSTART", "DTEND")}
        rrule = event.get("RRULE")
        schedule = " ".join(filter(None, [
            f"DTSTART:{event['DTSTART'].to_ical().decode()}" if event.get("DTSTART") else None,
            f"DTEND:{event['DTEND'].to_ical().decode()}" if event.get("DTEND") else None,
            f"RRULE:{rrule.to_ical().decode()}" if rrule else None,
            *[f"EXDATE:{x.to_ical().decode()}" for x in (event.get("EXDATE") if isinstance(event.get("EXDATE"), list)
                                                         else [event["EXDATE"]] if event.get("EXDATE") else [])],
        ]))
        raw = {
            "title": props["SUMMARY"], "description": props["DESCRIPTION"], "place": props["LOCATION"],
            "category": props["CATEGORIES"], "provider_ref": uid, "schedule": schedule,
            "sessions": sessions,
        }
        for name, spec in (spider.config.get("feed") or {}).get("fields", {}).items():
            value = _field(props, spec)
            if value:
                raw[name] = value
        url = props["URL"]
        yield spider.raw_item(response, {k: v for k, v in raw.items() if v},
                              url=response.urljoin(url) if url else response.url)


def _markup(node) -> str:
    """What an RSS/Atom element holds: its text (escaped HTML stays HTML markup) or, for Atom
    type="xhtml" content, its child elements serialized as markup."""
    root = node.root
    if not hasattr(root, "tag"):
        return str(node.get())  # an attribute or a string result
    if len(root):
        return (root.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True)
                                           for child in root)
    return root.text or ""


def _first(entry, queries: tuple[str, ...]) -> str | None:
    for query in queries:
        for node in entry.xpath(query):
            value = _markup(node).strip()
            if value:
                return value
    return None


def _entry_link(entry) -> str | None:
    """The entry's page: Atom's alternate link (not an enclosure or "self"), RSS's <link>, or a
    permalink <guid>."""
    for query in ("link[@rel='alternate']/@href", "link[not(@rel)]/@href", "link[not(@href)]/text()"):
        value = (entry.xpath(query).get() or "").strip()
        if value:
            return value
    guid = (entry.xpath("guid[not(@isPermaLink='false')]/text()").get() or "").strip()
    return guid if guid.startswith(("http://", "https://", "/")) else None


# Built-in raw fields of an entry, first match wins: full content before the excerpt.
_BUILTIN = {
    "title": ("title",),
    "description": ("encoded", "content", "description", "summary"),
    "start": ("startdate", "dtstart"),  # RSS event module (ev:startdate)
    "end": ("enddate", "dtend"),
    "place": ("location",),
}


def parse_rss(spider, response):
    """RSS 2.0/1.0 items and Atom entries, one raw item each.

    Built in: title, description (content:encoded, Atom content, description, summary), link
    (Atom rel="alternate"), category, provider_ref (guid/id) and ev:startdate/enddate/location.
    `feed.fields` (XPath relative to the entry, namespaces removed) replace the built-in value of
    the same name; escaped HTML in them becomes text lines, so a `regex` can pick one line of a
    description. A configured field that finds nothing leaves the field empty (or its `default`).
    An entry without a title is not an offer and is skipped: a conditional title XPath such as
    "title[../category = 'Seminare']" leaves news entries of a mixed feed out.
    """
    sel = Selector(text=response.text, type="xml")
    sel.remove_namespaces()
    entries = sel.xpath("//item | //entry")
    if not entries:
        spider.problem(f"no RSS <item> or Atom <entry> at {response.url}")
        return
    fields = (spider.config.get("feed") or {}).get("fields", {})
    titled = 0
    for entry in entries:
        raw = {name: _first(entry, queries) for name, queries in _BUILTIN.items()}
        raw["category"] = ", ".join(v.strip() for v in entry.xpath(
            "category/text() | category/@term | subject/text()").getall() if v.strip())
        raw["provider_ref"] = (entry.xpath("guid/text() | id/text()").get() or "").strip()
        for name, spec in fields.items():
            spec = {"xpath": spec} if isinstance(spec, str) else spec
            if spec.get("const") is not None:
                raw[name] = spec["const"]
                continue
            query = spec.get("xpath") or spec.get("path") or spec.get("css")
            try:
                nodes = entry.xpath(query)
            except ValueError as exc:
                spider.problem(f"feed field '{name}': invalid XPath '{query}': {exc}")
                continue
            values = [text_lines(_markup(node)) for node in nodes]
            raw[name] = postprocess([v for v in values if v], spec)
        if not raw.get("title"):
            continue
        titled += 1
        link = _entry_link(entry)
        yield spider.raw_item(response, {k: v for k, v in raw.items() if v},
                              url=response.urljoin(link) if link else response.url)
    if not titled:
        spider.problem(f"none of the {len(entries)} feed entries at {response.url} has a title")


def parse_start(spider, response):
    head = response.body[:512].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.upper().startswith(b"BEGIN:VCALENDAR"):
        yield from parse_ical(spider, response)
    else:
        yield from parse_rss(spider, response)
