"""Course length: "40 UE" (45 min each), "16 Std.", "10 Termine à 90 Minuten", "3 Tage", "PT30H".

A count of sessions ("5 Termine", "10 Termine à 90 Minuten") is kept apart from the hours: alone it
is no length, but with the sessions' daily times (normalize/build.py) it gives one. A bare number
("5", KuferSQL's `dauer`) names no unit and is read as nothing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .enums import TimeModel

UE_HOURS = 0.75  # one Unterrichtseinheit is 45 minutes

# "1.200 UE" (thousands dot), "7,5 Std." (decimal comma), "2.5 h" (decimal dot)
_NUM = r"(\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_UE = re.compile(rf"{_NUM}\s*(?:UE\b|U\.?E\.?\b|Unterrichtseinheiten|Unterrichtsstunden|Lerneinheiten|LE\b|"
                 rf"Ustd\.?|Unterrichtseinheit)", re.I)
_HOURS = re.compile(rf"{_NUM}\s*(?:Zeitstunden|Stunden|Std\.?|h\b|Zeitstd\.?)", re.I)
_SESSIONS = re.compile(rf"(\d+)\s*(?:(?P<word>Termine|Abende|Nachmittage|Vormittage|Treffen|Sitzungen|Tage|Seminartage|Module|"
                       rf"Samstage|x)\s*(?:(?:à|a|je|zu|mit|von)|,?\s*\(?\s*(?=jeweils|je\b))|x|×)\s*(?:jeweils\s*|je\s*)?"
                       rf"{_NUM}\s*(Minuten|Min\.?|UE|Zeitstunden|Stunden|Std\.?)", re.I)
# A count of sessions without their length: "5 Termine", "1 Termin", "8 Abende", "3 Kurstage".
_COUNT = re.compile(r"(?<![\d.,])(\d{1,3})\s*(?:Termine|Termin|Terminen|Abende|Nachmittage|Vormittage|Treffen|Sitzungen|"
                    r"Kurstage|Kursabende|Samstage)\b", re.I)
# "60 Stunden à 45 Minuten": teaching hours of 45 minutes are UE
_UE_HOURS = re.compile(rf"{_NUM}\s*(?:Stunden|Std\.?|Unterrichtsstunden)\s*(?:à|a|zu|je|von)\s*45\s*(?:Minuten|Min\.?)", re.I)
_MINUTES = re.compile(rf"^\D{{0,20}}{_NUM}\s*(?:Minuten|Min\.?)(?!\w)", re.I)
_WEEKLY = re.compile(rf"{_NUM}\s*(?:Zeitstunden|Stunden|Std\.?|h)\s*(?:/\s*|pro\s+|je\s+|in\s+der\s+)Woche|"
                     rf"{_NUM}\s*(?:Zeitstunden|Stunden|Std\.?|h)\s+wöchentlich", re.I)
_ISO_WEEKS = re.compile(r"\bP(\d+)W\b")
_PER_PERIOD = re.compile(r"^\s*(?:/|pro|je|in der|die)\s*(?:Woche|Tag|Monat)|^\s*(?:wöchentlich|täglich)", re.I)
_DAYS = re.compile(rf"{_NUM}\s*(?:Tage|Tag|Seminartage|Schulungstage|-?tägig)\b", re.I)
_YEARS = re.compile(rf"{_NUM}\s*(?:Jahre|Jahr)\b", re.I)
_WEEKS = re.compile(rf"{_NUM}\s*(?:Wochen|Woche)\b", re.I)
_MONTHS = re.compile(rf"{_NUM}\s*(?:Monate|Monat)\b", re.I)
_ISO = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+)M)?)?$", re.I)
_FULL = re.compile(r"Vollzeit", re.I)
_PART = re.compile(r"Teilzeit|berufsbegleitend|abends|Abendkurs|Abendlehrgang|Wochenend", re.I)


@dataclass
class DurationParse:
    """Length of a course; only `hours` is comparable across offers."""

    hours: float | None = None
    days: float | None = None
    weeks: float | None = None
    per_week: float | None = None  # a weekly load ("4 Stunden pro Woche", MOOChub workload)
    months: float | None = None
    time_model: str | None = None  # a TimeModel value: "fulltime" / "parttime"
    sessions: int | None = None  # "10 Termine à 90 Minuten", "5 Termine": the number of sessions the text states
    warnings: list[str] = field(default_factory=list)


def _num(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        raw = raw.replace(".", "")
    return float(raw.replace(",", "."))


def parse_duration(text: str | None) -> DurationParse:
    """Hours where UE, clock hours or sessions are given; days/weeks/months alone stay apart."""
    result = DurationParse()
    if not text:
        return result
    text = " ".join(str(text).split())
    iso = _ISO.match(text.strip())
    if iso and any(iso.groups()):
        days, hours, minutes = iso.groups()
        if hours or minutes:
            result.hours = round(_num(hours or "0") + int(minutes or 0) / 60, 2)
        if days:
            result.days = float(days)
        return result
    if m := _SESSIONS.search(text):
        count, length, unit = int(m[1]), _num(m[3]), m[4].lower()
        per = length / 60 if unit.startswith("min") else length * UE_HOURS if unit == "ue" else length
        result.hours = round(count * per, 2)
        if (m["word"] or "").lower() != "module":  # a module is a part of the syllabus, not a session
            result.sessions = count
    elif m := _UE_HOURS.search(text):
        result.hours = round(_num(m[1]) * UE_HOURS, 2)
    elif m := _UE.search(text):
        result.hours = round(_num(m[1]) * UE_HOURS, 2)
    elif m := next((h for h in _HOURS.finditer(text) if not _PER_PERIOD.match(text[h.end():])), None):
        result.hours = _num(m[1])  # "35 Std./Woche" is a weekly load, not the course's length
    elif m := _MINUTES.search(text):
        result.hours = round(_num(m[1]) / 60, 2)
    if result.sessions is None and (m := _COUNT.search(text)):
        result.sessions = int(m[1])
    if m := _DAYS.search(text):
        result.days = _num(m[1])
    if m := _WEEKS.search(text):
        result.weeks = _num(m[1])
    elif m := _ISO_WEEKS.search(text):
        result.weeks = float(m[1])  # MOOChub's duration "P6W" beside its workload
    if m := _WEEKLY.search(text):
        result.per_week = _num(m[1] or m[2])
        if result.hours is None and result.weeks:
            result.hours = round(result.per_week * result.weeks, 2)  # "4 Stunden pro Woche, 6 Wochen"
    if m := _MONTHS.search(text):
        result.months = _num(m[1])
    elif m := _YEARS.search(text):
        result.months = _num(m[1]) * 12
    result.time_model = detect_time_model(text)
    if not any((result.hours, result.days, result.weeks, result.months, result.time_model, result.sessions,
                result.per_week)):
        result.warnings.append(f"no duration found in {text[:80]!r}")
    return result


def detect_time_model(text: str | None) -> str | None:
    """"fulltime" (Vollzeit), "parttime" (Teilzeit, berufsbegleitend, evenings) or None."""
    if not text:
        return None
    if _FULL.search(text):
        return TimeModel.fulltime.value
    if _PART.search(text):
        return TimeModel.parttime.value
    return None
