"""A run's rhythm as data: weekdays, daily times, session days and the days left out.

The crawler hands over either the sessions of an iCalendar series (expanded RRULE minus
EXDATE, as `[start, end]` local date-times) or a wording that parse_dates() has read
("montags 17:00-20:15 Uhr, 20 Termine"). Both become one `Schedule`, so the web UI can say it
in German and the calendar download can rebuild the series, without either of them having to
read iCalendar lines or the provider's text again.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from .dates import DateParse
from .schema import Schedule

# A weekly rhythm is only claimed when it explains the sessions: at most this many days of the
# rhythm without a session per session held (holidays, school breaks), else the days are irregular.
_MAX_GAPS_PER_SESSION = 1.0


def _hhmm(value: time | None) -> str | None:
    return f"{value.hour:02d}:{value.minute:02d}" if value is not None else None


def _session_days(sessions: list) -> tuple[list[date], tuple[time, time] | None] | None:
    """The days of single-day sessions and their common daily times (None for all-day or
    differing times); None when a session spans several days (one block, not a series)."""
    days, clocks = [], set()
    for start_raw, end_raw in sessions:
        start, end = datetime.fromisoformat(str(start_raw)), datetime.fromisoformat(str(end_raw))
        all_day = start.time() == time(0) and end.time() == time(0)
        if all_day:
            if (end - start) > timedelta(days=1):
                return None
            clocks.add(None)
        else:
            if end.date() != start.date():
                return None
            clocks.add((start.time(), end.time()))
        days.append(start.date())
    common = next(iter(clocks)) if len(clocks) == 1 else None
    return sorted(set(days)), common


def rhythm_gaps(days: list[date], weekdays: list[int]) -> list[date]:
    """Days of the weekly rhythm between the first and last session that have no session."""
    held, wanted = set(days), set(weekdays)
    gaps, day = [], days[0]
    while day <= days[-1]:
        if day.weekday() in wanted and day not in held:
            gaps.append(day)
        day += timedelta(days=1)
    return gaps


def _rhythm(days: list[date]) -> tuple[list[int], list[date], list[date]]:
    """Weekdays of the weekly rhythm, its days without a session and the session days outside it.

    A weekday belongs to the rhythm when it holds at least two sessions and a quarter as many as
    the busiest weekday: a single session moved from Monday to Tuesday is an extra day, not a
    second weekday with fifteen days left out."""
    if len(days) < 2:
        return [], [], []
    counts = {wd: sum(1 for d in days if d.weekday() == wd) for wd in {d.weekday() for d in days}}
    busiest = max(counts.values())
    weekdays = sorted(wd for wd, n in counts.items() if n >= 2 and n >= busiest / 4)
    if not weekdays:
        return [], [], []
    extra = [d for d in days if d.weekday() not in weekdays]
    gaps = rhythm_gaps(days, weekdays)
    if len(gaps) + len(extra) > _MAX_GAPS_PER_SESSION * len(days):
        return [], [], []
    return weekdays, gaps, extra


def derive_schedule(sessions: list | None, parsed: DateParse | None, *, stated: int | None = None) -> Schedule | None:
    """One `Schedule` from a session list (preferred: it is exact) or the parsed wording; None
    when neither says anything about weekdays, times or sessions.

    A session list (iCalendar series, XML `<termine>`, a session table) gives the session days,
    their count (days with a session: a morning and an afternoon session are one Termin) and
    their common times; sessions without times take the wording's daily times ("18:00–21:00 Uhr"
    in a field of its own). A session that spans several days is a block, not a series: the
    wording speaks for it. Without a list, the count is the wording's ("10 Termine"), else
    `stated` (the duration text's "5 Termine" or "3 Tage"), else the number of course days the
    wording pins down (`parsed.days`: one date with its times, listed dates, an unambiguous
    block). Days the text names one by one become `dates` when they agree with the count; a
    block's days are counted, not listed (its range says them: "vom 15. bis 19.03.2027")."""
    if sessions:
        found = _session_days(sessions)
        if found is not None:
            days, clocks = found
            weekdays, gaps, extra = _rhythm(days)
            if clocks is None and parsed is not None and all("T" not in str(s) for s, _ in sessions):
                clocks = (parsed.start_time, parsed.end_time) if parsed.start_time else None
            return Schedule(weekdays=weekdays, start_time=_hhmm(clocks[0]) if clocks else None,
                            end_time=_hhmm(clocks[1]) if clocks else None, session_count=len(days),
                            dates=days, exceptions=gaps, extra_dates=extra)
    if parsed is None:
        return Schedule(session_count=stated) if stated else None
    days = parsed.days if (len(parsed.days) > 1 or parsed.start_time) else []
    count = parsed.session_count or stated or len(days) or None
    if days and len(days) != count:
        days = []  # the provider's count and the dates disagree: the count is said, the days are read
    if not (parsed.weekdays or parsed.start_time or count):
        return None
    return Schedule(weekdays=parsed.weekdays, start_time=_hhmm(parsed.start_time), end_time=_hhmm(parsed.end_time),
                    session_count=count, dates=days if parsed.listed else [])


# Machine formats that are not anyone's wording: iCalendar properties, compact or ISO date-times,
# ISO 8601 durations and bare numbers such as a JSON price "129.0".
_ICAL_PROPERTY = re.compile(r"\b(?:DTSTART|DTEND|DTSTAMP|RRULE|EXDATE|RDATE|DURATION|UNTIL|FREQ)\s*[:;=]")
_COMPACT_DATETIME = re.compile(r"\b\d{8}T\d{4,6}Z?\b")
_ISO_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")  # ISO 8601 and SQL's "2027-01-25 07:00:00"
_ISO_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:\s*[-–/]\s*\d{4}-\d{2}-\d{2})?\s*$")
_ISO_DURATION = re.compile(r"(?<![\w-])P(?=\d|T\d)(?:\d+(?:[.,]\d+)?[YMWD])*(?:T(?:\d+(?:[.,]\d+)?[HMS])+)?(?![\w])")
_BARE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


def is_machine_text(text: str | None) -> bool:
    """True when `text` holds machine data rather than words a provider wrote for people."""
    if not text:
        return False
    return bool(_ICAL_PROPERTY.search(text) or _COMPACT_DATETIME.search(text) or _ISO_DATETIME.search(text)
                or _ISO_DATE_ONLY.match(text) or _ISO_DURATION.search(text) or _BARE_NUMBER.match(text))
