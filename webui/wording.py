"""German wording of an offer's structured data for the detail page and result cards.

The normalizer keeps a run's rhythm as data (`Offer.schedule`: weekdays, daily times, session
days, days left out); this module says it the way a German provider would write it:
"montags und mittwochs, 17:00–20:15 Uhr, 20 Termine vom 22.02. bis 08.12.2027 (ohne 06.04.)".
Machine text (iCalendar lines, ISO date-times, "PT12H", "129.0") is never shown as the
provider's wording: `provider_wording` drops it.
"""
from __future__ import annotations

from datetime import date, timedelta

from normalize.enums import LANGUAGE_NAMES
from normalize.schedule import is_machine_text

WEEKDAY_ADVERBS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
# More groups of days left out than this are summed up instead of listed.
MAX_LISTED_GAPS = 8


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} und {parts[-1]}"


def weekdays_text(weekdays: list[int]) -> str:
    """"montags", "montags und mittwochs", "montags bis freitags" (three or more in a row)."""
    days = sorted(set(weekdays))
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{WEEKDAY_ADVERBS[days[0]]} bis {WEEKDAY_ADVERBS[days[-1]]}"
    return _join([WEEKDAY_ADVERBS[d] for d in days])


def times_text(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}–{end} Uhr"
    return f"ab {start} Uhr" if start else ""


def _day(value: date, year_of: date | None) -> str:
    """dd.mm. when the year is that of `year_of` (said once, at the end), else dd.mm.yyyy."""
    return f"{value:%d.%m.}" if year_of and value.year == year_of.year else f"{value:%d.%m.%Y}"


def _gap_groups(gaps: list[date], weekdays: list[int]) -> list[tuple[date, date]]:
    """Days left out, grouped where they follow each other in the weekly rhythm (a school break
    is one "08.02.–18.02.", not six days)."""
    wanted, groups = set(weekdays), []
    for gap in sorted(gaps):
        if groups:
            nxt = groups[-1][1] + timedelta(days=1)
            while nxt.weekday() not in wanted:
                nxt += timedelta(days=1)
            if nxt == gap:
                groups[-1] = (groups[-1][0], gap)
                continue
        groups.append((gap, gap))
    return groups


def gaps_text(gaps: list[date], weekdays: list[int], year_of: date | None) -> str:
    groups = _gap_groups(gaps, weekdays)
    if not groups:
        return ""
    if len(groups) > MAX_LISTED_GAPS:
        return f"ohne {len(gaps)} Tage dazwischen"
    return "ohne " + ", ".join(_day(a, year_of) if a == b else f"{_day(a, year_of)}–{_day(b, year_of)}"
                              for a, b in groups)


def schedule_wording(record: dict) -> str:
    """The run's dates and times in German, from the record's structured fields only."""
    start = date.fromisoformat(record["start_date"]) if record.get("start_date") else None
    end = date.fromisoformat(record["end_date"]) if record.get("end_date") else None
    sched = record.get("schedule") or {}
    days = [date.fromisoformat(d) if isinstance(d, str) else d for d in sched.get("dates") or []]
    gaps = [date.fromisoformat(d) if isinstance(d, str) else d for d in sched.get("exceptions") or []]
    weekdays, count = sched.get("weekdays") or [], sched.get("session_count")
    clock = times_text(sched.get("start_time"), sched.get("end_time"))
    if start is None:
        rhythm = ", ".join(p for p in (weekdays_text(weekdays) if weekdays else "", clock) if p)
        lead = "Einstieg jederzeit" if record.get("rolling_start") else "Termin auf Anfrage"
        return f"{lead}; {rhythm}" if rhythm else lead
    if end == start or (end is None and count == 1):
        return f"{WEEKDAY_NAMES[start.weekday()]}, {start:%d.%m.%Y}" + (f", {clock}" if clock else "")
    parts = []
    if weekdays:
        parts.append(weekdays_text(weekdays))
    elif days and len(days) <= MAX_LISTED_GAPS:  # a few irregular days: name them all
        listed = _join([_day(d, end) for d in days[:-1]] + [f"{days[-1]:%d.%m.%Y}"])
        return f"{len(days)} Termine: {listed}" + (f", jeweils {clock}" if clock else "")
    if clock:
        parts.append(clock if weekdays or not days else f"jeweils {clock}")
    if end is None:
        span = f"ab {start:%d.%m.%Y}"
    elif not parts and not count:
        span = f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"  # a plain range, as on the result cards
    else:
        span = f"vom {_day(start, end)} bis {end:%d.%m.%Y}"
    if count:
        span = f"{count} {'Termin' if count == 1 else 'Termine'} {span}"
    parts.append(span)
    text = ", ".join(parts)
    notes = [gaps_text(gaps, weekdays, end) if weekdays and end else ""]
    extra = [date.fromisoformat(d) if isinstance(d, str) else d for d in sched.get("extra_dates") or []]
    if weekdays and extra:
        notes.append("zusätzlich am " + _join([_day(d, end) for d in extra]))
    notes = [n for n in notes if n]
    return f"{text} ({'; '.join(notes)})" if notes else text


def provider_wording(text: str | None) -> str:
    """The provider's own words, or "" when the text is machine data nobody wrote for people."""
    return "" if not text or is_machine_text(text) else text


def language_note(code: str | None) -> str:
    """"auf Englisch" for a course not taught in German; "" for German (or no language given)."""
    if not code or code == "de":
        return ""
    name = LANGUAGE_NAMES.get(code)
    return f"auf {name}" if name else f"in einer anderen Sprache ({code})"
