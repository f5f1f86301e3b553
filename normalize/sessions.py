"""Session stamps as crawlers hand them over -> ISO date-times the schedule and hours rely on.

iCalendar series arrive as ISO date-times; XML exports (KuferSQL `<termine>`) and session tables
on detail pages give a German day plus a time of day ("12.03.2027 09:00", "Sa., 14.03.2027,
9.30 Uhr"). Both become `[start, end]` ISO strings: a date-time when a time is known, a bare
date when not (an all-day session: its day counts, its length does not). A stamp that is not a
date is dropped with a warning; it never becomes a date of another year (a time is not a year).
A stamp with a UTC offset ("2027-03-12T08:00:00Z") is read in Europe/Berlin (09:00), the clock the
course keeps; a session from 00:00 to 23:59 is how calendars write an all-day event, so it becomes
its day, not 24 hours.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from .dates import BERLIN

_GERMAN = re.compile(
    r"^\s*(?:[A-Za-zÄÖÜäöü]{2,10}\.?,?\s*)?"              # optional weekday: "Sa.," "Montag,"
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)"
    r"(?:\s*,?\s*(?:ab\s*|um\s*)?(?P<H>\d{1,2})(?:[:.](?P<M>\d{2}))?\s*(?:Uhr|h)?)?\s*$", re.I)
_TIME = re.compile(r"^\s*(?P<H>\d{1,2})(?:[:.](?P<M>\d{2}))?\s*(?:Uhr|h)?\s*$", re.I)


def parse_stamp(text: str) -> str | None:
    """ISO form of one session stamp ("2027-03-12T09:00:00" or "2027-03-12"), None if not a date."""
    text = " ".join(str(text).split())
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
        if value.tzinfo is not None:
            value = value.astimezone(BERLIN)
        return value.replace(tzinfo=None).isoformat() if "T" in text or " " in text else value.date().isoformat()
    except ValueError:
        pass
    m = _GERMAN.match(text)
    if not m:
        return None
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    try:
        day = date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"] is None:
        return day.isoformat()
    clock = _clock(m["H"], m["M"])
    return datetime.combine(day, clock).isoformat() if clock else None


def _clock(hour: str, minute: str | None) -> time | None:
    """A time of day as written; "24:00" is the day's last minute, 25:00 or :60 no time at all."""
    h, m = int(hour), int(minute or 0)
    if h > 24 or m > 59:
        return None
    return time(23, 59) if h == 24 else time(h, m)


def _end(start_iso: str, end_text: str) -> str | None:
    """The end stamp; a bare time ("16:00") belongs to the start's day."""
    if m := _TIME.match(str(end_text)):
        clock = _clock(m["H"], m["M"]) if "T" in start_iso else None
        return datetime.combine(date.fromisoformat(start_iso[:10]), clock).isoformat() if clock else None
    return parse_stamp(end_text)


def parse_sessions(raw) -> tuple[list[list[str]], list[str]]:
    """ISO `[start, end]` pairs in time order, and warnings for the stamps that were left out.

    An end before its start, or an end without a time where the start has one, keeps the start as
    the end: the session's day is certain, its length is not claimed."""
    sessions, warnings = [], []
    for pair in raw or []:
        if not isinstance(pair, (list, tuple)) or not pair:
            warnings.append(f"session {pair!r} is not a [start, end] pair")
            continue
        start = parse_stamp(pair[0])
        if start is None:
            warnings.append(f"session start {str(pair[0])[:40]!r} is not a date")
            continue
        end = _end(start, pair[1]) if len(pair) > 1 and pair[1] else start
        if end is None or ("T" in start) != ("T" in end) or end < start:
            end = start
        if _all_day(start, end):
            start = end = start.split("T")[0]
        sessions.append([start, end])
    sessions.sort()
    return sessions, warnings


def _all_day(start: str, end: str) -> bool:
    """00:00 to 23:59 (or 24:00, i.e. 00:00 of the next day) on one day: a calendar's all-day event."""
    if "T" not in start or "T" not in end:
        return False
    begin, finish = datetime.fromisoformat(start), datetime.fromisoformat(end)
    if begin.time() != time(0):
        return False
    same_day = finish.date() == begin.date() and finish.time() >= time(23, 59)
    return same_day or (finish.date() == date.fromordinal(begin.toordinal() + 1) and finish.time() == time(0))


def timed(sessions: list[list[str]]) -> bool:
    """True when every session has a time of day and ends on its own day: only then do their
    lengths add up to hours. One session from Monday 08:00 to Friday 15:30 is a block whose
    nights are no course time."""
    return bool(sessions) and all("T" in s and "T" in e and s != e and s[:10] == e[:10] for s, e in sessions)
