"""Dates, times and numbers as German readers expect them, in one place for pages, mails and CSV
files: dates dd.mm.yyyy, times hh:mm on the clock in Europe/Berlin, decimal comma.

Why here (the core) and not in the web layer: mails (digest, invitations) and CSV exports are
written without a template, and must show the same text as the pages. The store keeps time stamps
as UTC ISO text ("2026-03-29T00:30:00+00:00") and dates as ISO dates ("2026-03-29"); a time stamp
is converted to Berlin time *before* its date is taken, so a run shortly after midnight in Berlin
is shown on the right day. Unreadable text is returned unchanged: a display helper never raises.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(value: datetime | str | None) -> datetime | None:
    """A time stamp (aware datetime, naive = UTC, or ISO text with time) on the Berlin clock."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(BERLIN)


def _calendar_date(value) -> date | None:
    """A plain date given as date or "yyyy-mm-dd" (no time part), else None."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def datum(value) -> str:
    """dd.mm.yyyy of a date or of a time stamp (its day in Berlin); "" for None or ""."""
    if value is None or value == "":
        return ""
    day = _calendar_date(value)
    if day is None:
        stamp = berlin(value)
        if stamp is None:
            return str(value)
        day = stamp.date()
    return day.strftime("%d.%m.%Y")


def datum_zeit(value) -> str:
    """dd.mm.yyyy hh:mm of a time stamp in Berlin; a plain date is shown as dd.mm.yyyy."""
    if value is None or value == "":
        return ""
    if _calendar_date(value) is not None:
        return datum(value)
    stamp = berlin(value)
    return stamp.strftime("%d.%m.%Y %H:%M") if stamp else str(value)


def zahl(value: float | int | None) -> str:
    """A number with decimal comma and no thousands separator, as German Excel reads it back as a
    number: 22.5 -> "22,5", 60.0 -> "60", 3 -> "3"; None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").replace(".", ",")


def offer_dates(record: dict) -> str:
    """When a run takes place, for pages and mails: "20.01.2027 – 24.02.2027", "ab ...", or what
    a run without dates offers."""
    start, end = record.get("start_date"), record.get("end_date")
    if not start:
        return "Einstieg jederzeit" if record.get("rolling_start") else "Termin auf Anfrage"
    if not end:
        return f"ab {datum(start)}"
    if end == start:
        return datum(start)
    return f"{datum(start)} – {datum(end)}"
