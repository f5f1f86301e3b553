"""The qualification matrix's due dates as an iCalendar feed for a Kümmerer's calendar app: one
all-day event per held qualification with a valid-until date (entered, or acquired + validity) on
that date, with a reminder the qualification's lead time before. Pure: the web layer passes the company's people and holdings.

Calendar apps sync to servers outside the firm, so an event names the person by first name and
initial only ("Anna M."); the portal page behind the link shows the rest.

UIDs are "qualification-<staff id>-<qualification id>@<portal>": one per holding (a person holds a
qualification at most once), unchanged when the holding is renewed, so a subscribed calendar moves
the event to the new date instead of adding a second one.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from .model import Holding, Person, Qualification
from .rules import valid_until

PRODID = "-//Weiterbildungsportal Erzgebirge//Qualifikationen//DE"
UID_DOMAIN = "weiterbildungsportal-erzgebirge"


def short_name(name: str) -> str:
    """ "Anna Müller" and "Müller, Anna" -> "Anna M."; a single word (a pseudonym) stays as it is."""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}"
    words = name.split()
    if len(words) < 2:
        return name.strip()
    return f"{' '.join(words[:-1])} {words[-1][0]}."


def uid(holding: Holding) -> str:
    return f"qualification-{holding.staff_id}-{holding.qualification}@{UID_DOMAIN}"


def due_calendar(company_name: str, people: Iterable[Person], holdings: Iterable[Holding],
                 qualifications: dict[str, Qualification], *, base_url: str,
                 now: datetime | None = None) -> bytes:
    """The iCalendar (bytes) of the company's due qualifications. An event per holding that has a
    valid-until date by the matrix's rule (rules.valid_until: the entered date, else acquired + the
    validity), expired ones included. `base_url` is the portal's (or the matrix page's) address,
    linked from every event; `now` (UTC) is the DTSTAMP, default the current time. Archived people,
    holdings of people not given and unknown qualifications have no event."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = f"Fällige Qualifikationen – {company_name}"
    cal.add("x-wr-calname", title)
    cal.add("name", title)
    cal.add("x-wr-caldesc", f"Ablaufende Schulungen und Nachweise aus dem Weiterbildungsportal Erzgebirge: {base_url}")
    cal.add("x-published-ttl", "PT12H")
    stamp = now or datetime.now(timezone.utc)
    by_id = {p.id: p for p in people if p.id is not None and not p.archived}
    events = []
    for h in holdings:
        person, q = by_id.get(h.staff_id), qualifications.get(h.qualification)
        if person is None or q is None:
            continue
        due = valid_until(q, h.acquired, h.valid_until)
        if due is None:
            continue
        events.append((due, person.name.casefold(), q.label, _event(person, h, q, due, stamp, base_url)))
    for *_, event in sorted(events, key=lambda e: e[:3]):
        cal.add_component(event)
    return cal.to_ical()


def _event(person: Person, holding: Holding, q: Qualification, due: date, stamp: datetime,
           base_url: str) -> Event:
    who = short_name(person.name)
    event = Event()
    event.add("uid", uid(holding))
    event.add("dtstamp", stamp)
    event.add("summary", f"{q.label} fällig: {who}")
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
    event.add("categories", ["Qualifikation"])
    lines = [f"{q.label} von {who} ist gültig bis {due:%d.%m.%Y}."]
    if q.legal_basis:
        lines.append(f"Grundlage: {q.legal_basis}")
    lines.append(f"Passende Kurse und die Qualifikationsmatrix: {base_url}")
    event.add("description", "\n".join(lines))
    event.add("url", base_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"In {q.lead_days} Tagen fällig: {q.label} ({who})")
    alarm.add("trigger", timedelta(days=-q.lead_days))
    event.add_component(alarm)
    return event
