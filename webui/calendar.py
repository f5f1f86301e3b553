"""iCalendar export of offers with the icalendar library.

A run with daily times becomes a timed event in Europe/Berlin (VTIMEZONE included): a weekly
series is one event for the first session with RRULE (weekdays, until the last day), EXDATE
for the days left out and RDATE for a session moved off the rhythm; a few irregular session
days are one event each. Only a run without times is an all-day event (one per known session day, else one spanning the run): a
part-time evening course must not appear as one event across ten months.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from wbportal.german import BERLIN

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# A run with daily times but no weekdays is held every day only when it is this short (a block
# seminar); longer ones are shown as an all-day span rather than invented daily sessions.
MAX_DAILY_BLOCK_DAYS = 7


def _clock(value: str | None) -> time | None:
    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def _local(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN)


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _base_event(r: dict, uid: str, stamp: datetime, base_url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", r["title"])
    loc = r.get("location") or {}
    where = ", ".join(p for p in (loc.get("name"), loc.get("street"),
                                  " ".join(x for x in (loc.get("postal_code"), loc.get("town")) if x)) if p)
    if where:
        event.add("location", where)
    from .wording import schedule_wording  # German wording, never the source's machine text
    event.add("description", f"{r['provider']}\n{schedule_wording(r)}\n{base_url}angebot/{r['id']}")
    event.add("url", r["url"])
    return event


def run_events(r: dict, stamp: datetime, base_url: str) -> list[Event]:
    """The events of one run (see the module docstring for which shape when)."""
    start = date.fromisoformat(r["start_date"])
    end = date.fromisoformat(r["end_date"]) if r.get("end_date") else None
    sched = r.get("schedule") or {}
    begins, ends = _clock(sched.get("start_time")), _clock(sched.get("end_time"))
    days = [_as_date(d) for d in sched.get("dates") or []]
    weekdays = sched.get("weekdays") or []
    uid = f"{r['id']}@weiterbildungsportal-erzgebirge"

    def event(day: date, suffix: str = "") -> Event:
        ev = _base_event(r, uid.replace("@", f"{suffix}@") if suffix else uid, stamp, base_url)
        if begins:
            ev.add("dtstart", _local(day, begins))
            ev.add("dtend", _local(day, ends) if ends and ends > begins else _local(day, begins) + timedelta(hours=1))
        else:
            ev.add("dtstart", day)
            ev.add("dtend", day + timedelta(days=1))
        return ev

    if begins and weekdays and (end or sched.get("session_count")) and (end != start):
        ev = event(start)
        rule = {"freq": "weekly", "byday": [BYDAY[d] for d in weekdays]}
        if end:
            rule["until"] = _local(end, time(23, 59, 59)).astimezone(timezone.utc)
        else:
            rule["count"] = sched["session_count"]
        ev.add("rrule", rule)
        exdates = [_local(_as_date(d), begins) for d in sched.get("exceptions") or []]
        if exdates:
            ev.add("exdate", exdates)
        extra = [_local(_as_date(d), begins) for d in sched.get("extra_dates") or []]
        if extra:
            ev.add("rdate", extra)  # a moved session outside the weekly rhythm
        return [ev]
    if days and (begins or len(days) > 1):
        return [event(day, f"-{i}" if i else "") for i, day in enumerate(days)]
    if begins and (end is None or end == start):
        return [event(start)]
    if begins and end and (end - start).days < MAX_DAILY_BLOCK_DAYS:
        ev = event(start)
        ev.add("rrule", {"freq": "daily", "until": _local(end, time(23, 59, 59)).astimezone(timezone.utc)})
        return [ev]
    ev = _base_event(r, uid, stamp, base_url)
    ev.add("dtstart", start)
    ev.add("dtend", (end or start) + timedelta(days=1))
    return [ev]


def offers_calendar(records: list[dict], base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Weiterbildungsportal Erzgebirge//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Weiterbildungsangebote Erzgebirge")
    cal.add("x-wr-timezone", "Europe/Berlin")
    stamp = datetime.now(timezone.utc)
    for r in records:
        if not r.get("start_date"):
            continue  # "Termin auf Anfrage" has no place in a calendar
        for ev in run_events(r, stamp, base_url):
            cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
