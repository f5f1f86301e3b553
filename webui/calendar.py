"""iCalendar export of offers (one VEVENT per run, all-day dates) with the icalendar library."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event


def offers_calendar(records: list[dict], base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Weiterbildungsportal Erzgebirge//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Weiterbildungsangebote Erzgebirge")
    stamp = datetime.now(timezone.utc)
    for r in records:
        if not r.get("start_date"):
            continue  # "Termin auf Anfrage" has no place in a calendar
        start = date.fromisoformat(r["start_date"])
        end = date.fromisoformat(r.get("end_date") or r["start_date"])
        event = Event()
        event.add("uid", f"{r['id']}@weiterbildungsportal-erzgebirge")
        event.add("dtstamp", stamp)
        event.add("summary", r["title"])
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))
        loc = r.get("location") or {}
        where = ", ".join(p for p in (loc.get("name"), loc.get("street"),
                                      " ".join(x for x in (loc.get("postal_code"), loc.get("town")) if x)) if p)
        if where:
            event.add("location", where)
        event.add("description", f"{r['provider']}\n{r.get('schedule_text') or ''}\n{base_url}angebot/{r['id']}")
        event.add("url", r["url"])
        cal.add_component(event)
    return cal.to_ical()
