"""German date and schedule parsing: "15.06. - 25.06.2027", "vom 3. bis 7. März 2027", ISO ...

A regex fast path covers the spellings providers use; dateparser is only the fallback for odd
wording. Measured with dateparser 1.5.0 (languages=['de'], DATE_ORDER DMY) on a 2-core machine:
dateparser took ~800 µs per parse (its first call ~130 ms), the regex fast path for dd.mm.yyyy,
"12. März 2027", weekday prefixes and ISO ~3 µs and got all 10,000 test dates right. dateparser
also returned None for "ab 03.02.2027" (strip prefixes such as "ab", "vom", "bis" first), and with
PREFER_DATES_FROM='future' read the two-digit year in "5.1.26" as 2126. `python -m bench.normalize`
compares the two on the demo corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .enums import MONTH_NAMES

# Month words -> number: the full names ("märz") plus the abbreviations and variants providers write.
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "jänner": 1,
    "feb": 2, "febr": 2,
    "maerz": 3, "mrz": 3, "mär": 3, "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9, "sep": 9,
    "okt": 10,
    "nov": 11,
    "dez": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
# A number after a date is its year only when it is no time of day: "14.03. 10:00", "11.11. 09.15",
# "12.9. 14Uhr", "4. Februar 1630 Uhr" carry times, not the years 2010, 2009, 2014 or 1630.
_NOT_A_TIME = r"(?!\d)(?!\s*(?:[:.]\d|Uhr\b|h\b))"
_NUM = rf"(?<![\d.])(?P<nd>\d{{1,2}})\.\s?(?P<nm>\d{{1,2}})\.(?:\s?(?P<ny>\d{{4}}|\d{{2}}){_NOT_A_TIME})?"
_TXT = rf"(?<!\d)(?P<td>\d{{1,2}})\.?\s*(?P<tm>{_MONTH_ALT})\.?(?![a-zäöü])(?:\s*(?P<ty>\d{{4}}){_NOT_A_TIME})?"
_DAY = r"(?<![\d.])(?P<dd>\d{1,2})\.?(?=\s*(?:-|–|—|bis(?:\s+zum)?|/|und|u\.|\+|&)\s*\d{1,2}\.)"
_KW = r"\b(?:KW|Kalenderwoche)\s*(?P<kw>\d{1,2})(?:\s*[-–]\s*(?P<kw2>\d{1,2}))?\s*[/.]\s*(?P<kwy>\d{4})"
_TOKEN = re.compile("|".join(f"(?:{p})" for p in (_ISO, _KW, _TXT, _NUM, _DAY)), re.I)

_ROLLING = re.compile(r"laufende[rn]? Einstieg|Einstieg jederzeit|jederzeit (?:möglich|buchbar|starten)|"
                      r"Start jederzeit|fortlaufend|Einstieg jede[nr]? \w+ möglich|Einstieg (?:ist )?jede[nr]? ", re.I)
_ON_REQUEST = re.compile(r"auf Anfrage|nach Vereinbarung|nach Absprache|Termin(?:e)? folg|"
                         r"in Planung|wird noch bekannt|tba\b|n\.\s?V\.", re.I)
_FROM = re.compile(r"(?:^|[\s,(])(?:ab|ab dem|Beginn|Start|Kursbeginn|Kursstart|Starttermin|Einstieg|"
                   r"Lehrgangsbeginn)\W*(?:am|dem|ist|der)?\W*(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?|[MDFS]\w+tag|Mittwoch)?\W*$",
                   re.I)
# A deadline is not a course date: "Anmeldeschluss: 15.12.2026" is dropped before parsing.
_DEADLINE = re.compile(r"(?:Anmeldeschluss|Anmeldefrist|Anmeldung\s+bis|anmelden\s+bis|Buchung\s+bis|buchbar\s+bis|"
                       r"Frühbucher\w*(?:\s+bis)?)\s*:?\s*(?:zum\s+|spätestens\s+)?\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?", re.I)


_CLOCK = r"(?P<{0}h>[01]?\d|2[0-3])(?:[:.](?P<{0}m>[0-5]\d))?"
_TIMES = re.compile(rf"(?<![\d.:]){_CLOCK.format('a')}\s*(?:Uhr\s*)?(?:-|–|—|bis)\s*{_CLOCK.format('b')}\s*Uhr"
                    rf"|(?<![\d.:]){_CLOCK.format('c')}\s*Uhr", re.I)
_WEEKDAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
_WEEKLY = re.compile(r"\b(?:jeden\s+(?:\d\.\s*)?(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b"
                     r"|(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?:s|en)\b)", re.I)
_DAY_ABBR = r"(Mo|Di|Mi|Do|Fr|Sa|So)\.?"
_WEEKDAY_RANGE = re.compile(rf"\b{_DAY_ABBR}\s*(?:-|–|bis)\s*{_DAY_ABBR}(?![\w.])(?!\s*,?\s*\d{{1,2}}\.\d)", re.I)
_WEEKDAY_LIST = re.compile(rf"\b{_DAY_ABBR}(?:\s*(?:\+|/|&|und|,)\s*{_DAY_ABBR})+(?![\w.])(?!\s*,?\s*\d{{1,2}}\.\d)", re.I)
_COUNT = re.compile(r"\b(\d{1,3})\s*(?:Termine|Terminen|Termin|Abende|Abenden|Nachmittage|Vormittage|Treffen|Sitzungen|"
                    r"Kurstage|Kurstagen|Kursabende|(?:Mon|Diens|Donners|Frei|Sams|Sonn)tage[n]?|Mittwoche[n]?|"
                    r"x)\b", re.I)
# "10 Wochen" is a number of sessions only for a rhythm of one session a week ("dienstags"); with
# "Mo–Fr" it is 50 days less the holidays, which the text does not say.
_WEEKS_COUNT = re.compile(r"\b(\d{1,2})\s*Wochen\b", re.I)
FORTNIGHTLY = re.compile(r"14-tägig|vierzehntägig|alle (?:zwei|2) Wochen", re.I)
# The daily times hold on every day of the run: "täglich 8–15:30 Uhr", "jeweils 9–16 Uhr".
_DAILY = re.compile(r"\b(?:täglich|tgl\.|jeweils|pro Tag|je Tag|an allen Tagen)", re.I)
# What stands between the dates of a list ("05.10., 12.10. und 19.10.2027", "15./16.03.", "Sa. 13.03. und So.
# 14.03.") and between the two ends of a range ("15.03.–19.03.2027", "Mo., 12.04. – Fr., 16.04.", "16. bis 17.").
_WD = r"(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?|(?:Mon|Diens|Donners|Frei|Sams|Sonn)tag|Mittwoch)"
_LIST_SEP = re.compile(rf"\s*(?:,|und|u\.|sowie|/|\+|&)(?:\s*(?:und|sowie))?\s*(?:{_WD},?\s*)?", re.I)
_RANGE_SEP = re.compile(rf"\s*,?\s*(?:-|–|—|bis(?:\s+zum)?|bis\s+einschl(?:\.|ießlich))\s*(?:{_WD},?\s*)?", re.I)
# A block of days with daily times is only spelt out day by day when it is at most a week long: over
# a longer span, holidays and free days make any count a guess (the calendar export's limit too).
MAX_BLOCK_DAYS = 7


@dataclass
class DateParse:
    """What a schedule text says about when a run happens.

    `start_time`/`end_time` are the daily hours ("jeweils 8:00 - 15:30 Uhr"), `weekdays` a weekly
    rhythm ("dienstags": [1]) and `session_count` "10 Termine" (with both times they give the
    course's hours). `days` are the course days where the wording pins them down: the one date of
    a one-day run, the listed dates ("05.10., 12.10. und 19.10.2027"), or the days of a block of at
    most a week that "täglich", "jeweils" or a weekday range ("Mo–Fr") makes unambiguous; empty
    otherwise. `listed` says the text names each of those days (one date, a list), rather than
    a range they were counted from. `sessions`, by contrast, are all dates the text mentions (a
    range's two ends). `warnings` says why nothing was found, never a guess.
    """

    start: date | None = None
    end: date | None = None
    sessions: list[date] = field(default_factory=list)
    rolling_start: bool = False
    on_request: bool = False
    start_time: time | None = None
    end_time: time | None = None
    weekdays: list[int] = field(default_factory=list)
    session_count: int | None = None
    daily: bool = False
    days: list[date] = field(default_factory=list)
    listed: bool = False
    time_ranges: list[tuple[time, time]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def session_hours(self) -> float | None:
        """Length of one session in hours, where both times are given. Several time ranges count
        only when they follow one another within a day ("9:00–12:15 Uhr und 13:00–16:30 Uhr": the
        lunch break is no course time); ranges of different days ("freitags 14–18 Uhr und
        samstags 8–15 Uhr") give no one length."""
        ranges = self.time_ranges or ([(self.start_time, self.end_time)] if self.start_time and self.end_time else [])
        if not ranges:
            return None
        total = 0
        for i, (begin, end) in enumerate(ranges):
            minutes = _minutes(end) - _minutes(begin)
            if minutes <= 0 or (i and _minutes(begin) < _minutes(ranges[i - 1][1])):
                return None
            total += minutes
        return round(total / 60, 2)


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_ISO_START = re.compile(r"\d{4}-\d\d-\d\d[T ]\d")
BERLIN = ZoneInfo("Europe/Berlin")

# A course date further than this from the crawl day is a misreading (a time, a phone number), not
# a date: it is dropped with a warning.
MAX_YEARS_AWAY = 5

# Switched off only by the benchmark (bench/normalize.py) to measure what the fast path saves.
FAST_PATHS = True


@dataclass
class _Mention:
    day: int
    month: int | None
    year: int | None
    pos: int
    week: tuple[int, int] | None = None
    end: int = 0


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return 2000 + y if y < 100 else y


def _mentions(text: str) -> list[_Mention]:
    found = []
    for m in _TOKEN.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            found.append(_Mention(int(g["id"]), int(g["im"]), int(g["iy"]), m.start()))
        elif g["kw"]:
            found.append(_Mention(0, None, int(g["kwy"]), m.start(),
                                  week=(int(g["kwy"]), int(g["kw"]), int(g["kw2"] or g["kw"]))))
        elif g["td"]:
            found.append(_Mention(int(g["td"]), MONTHS[g["tm"].lower()], _year(g["ty"]), m.start()))
        elif g["nd"]:
            found.append(_Mention(int(g["nd"]), int(g["nm"]), _year(g["ny"]), m.start()))
        elif g["dd"]:
            found.append(_Mention(int(g["dd"]), None, None, m.start()))
        else:
            continue
        found[-1].end = m.end()
    return found


def _next_after(reference: date, month: int, day: int) -> date | None:
    for year in (reference.year, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= reference:
            return candidate
    return None


def _resolve(mentions: list[_Mention], reference: date) -> list[date]:
    """Fill missing months/years from the following mention ("07.-10.08.2027")."""
    dates: list[date] = []
    for i in range(len(mentions) - 1, -1, -1):
        m = mentions[i]
        if m.week:
            try:
                monday = date.fromisocalendar(m.week[0], m.week[1], 1)
                friday = date.fromisocalendar(m.week[0], max(m.week[1], m.week[2]), 5)
            except ValueError:  # "KW 54/2027", "KW 0/0000"
                continue
            dates[:0] = [monday, friday]
            continue
        nxt = dates[0] if dates else None
        month = m.month or (nxt.month if nxt else None)
        if month is None:
            continue
        try:
            if m.year:
                d = date(m.year, month, m.day)
            elif nxt:
                d = date(nxt.year, month, m.day)
                if d > nxt:
                    d = date(nxt.year - 1, month, m.day)
            else:
                d = _next_after(reference, month, m.day)
        except ValueError:
            continue
        if d:
            dates.insert(0, d)
    return dates


def _fallback(text: str, reference: date) -> date | None:
    """dateparser for wording the fast path does not know; needs a four-digit year to trust it."""
    if not re.search(r"\b20\d{2}\b", text):
        return None
    import dateparser  # slow import, only when needed

    cleaned = re.sub(r"^\W*(ab|vom|am|bis|beginn)\b", "", text, flags=re.I)
    parsed = dateparser.parse(
        cleaned,
        languages=["de"],
        settings={"DATE_ORDER": "DMY", "RELATIVE_BASE": datetime.combine(reference, datetime.min.time()),
                  "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def _dateparser_only(text: str, reference: date) -> list[date]:
    """The benchmark's baseline: every part of a range through dateparser, no regex fast path."""
    import dateparser

    found = []
    for part in re.split(r"\s(?:-|–|bis)\s", re.sub(r"^\W*(ab|vom|am|beginn)\b", "", text, flags=re.I)):
        parsed = dateparser.parse(part, languages=["de"], settings={
            "DATE_ORDER": "DMY", "RELATIVE_BASE": datetime.combine(reference, datetime.min.time()),
            "PREFER_DATES_FROM": "future"})
        if parsed:
            found.append(parsed.date())
    return found


def _rhythm(text: str, result: DateParse) -> None:
    """Daily times, weekdays and number of sessions: the parts of a schedule that are not dates."""
    spans = list(_TIMES.finditer(text))
    result.time_ranges = [(time(int(m["ah"]), int(m["am"] or 0)), time(int(m["bh"]), int(m["bm"] or 0)))
                          for m in spans if m["ah"] is not None]
    if spans:
        first, last = spans[0], spans[-1]
        if first["ah"] is not None:
            result.start_time = time(int(first["ah"]), int(first["am"] or 0))
        else:
            result.start_time = time(int(first["ch"]), int(first["cm"] or 0))
        if last["bh"] is not None:  # "9:00 – 12:15 Uhr und 13:00 – 16:30 Uhr" ends at 16:30
            result.end_time = time(int(last["bh"]), int(last["bm"] or 0))
    days = set()
    for m in _WEEKLY.finditer(text):
        days.add(_WEEKDAYS[(m[1] or m[2])[:2].lower()])
    for m in _WEEKDAY_RANGE.finditer(text):
        a, b = _WEEKDAYS[m[1].lower()], _WEEKDAYS[m[2].lower()]
        days.update(range(a, b + 1) if a <= b else ())
    for m in _WEEKDAY_LIST.finditer(text):
        days.update(_WEEKDAYS[d.lower()] for d in re.findall(_DAY_ABBR, m[0], re.I))
    result.weekdays = sorted(days)
    if m := _COUNT.search(text):
        result.session_count = int(m[1])
    elif len(result.weekdays) == 1 and (m := _WEEKS_COUNT.search(text)) and not FORTNIGHTLY.search(text):
        result.session_count = int(m[1])
    result.daily = bool(_DAILY.search(text))


def course_days(start: date | None, end: date | None, weekdays: list[int] | tuple = (),
                daily: bool = False) -> list[date]:
    """The course days of a run from `start` to `end` where they are unambiguous, else [].

    One day is one course day (unless a weekly rhythm makes it the first of several). A block of
    at most MAX_BLOCK_DAYS days counts its days on the rhythm's weekdays ("Mo–Fr"), or, where the
    times hold "täglich"/"jeweils", every day, provided the block does not mix working days and a
    weekend (is Saturday taught?). Longer runs: holidays make every count a guess."""
    if start is None or end is None or end < start:
        return []
    if start == end:
        return [] if weekdays else [start]
    if (end - start).days >= MAX_BLOCK_DAYS:
        return []
    span = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    if weekdays:
        return [d for d in span if d.weekday() in weekdays]
    if daily and len({d.weekday() >= 5 for d in span}) == 1:
        return span
    return []


def _wording_days(text: str, mentions: list[_Mention], dates: list[date], result: DateParse) -> list[date]:
    """Course days a date wording pins down: one date, a list of dates, or a block (see course_days)."""
    if result.end is None or len(dates) != (len(mentions) + sum(1 for m in mentions if m.week)):
        return []  # an open end, or a mention that gave no date
    if len(mentions) == 1 or len(set(dates)) == 1:
        if mentions[0].week and mentions[0].week[1] != mentions[0].week[2]:
            return []
        result.listed = result.start == result.end
        return course_days(result.start, result.end, result.weekdays, result.daily)
    between = [text[a.end:b.pos] for a, b in zip(mentions, mentions[1:])]
    if any(m.week for m in mentions):
        return []
    if all(_LIST_SEP.fullmatch(sep) for sep in between):
        result.listed = True
        return sorted(set(dates))
    if len(mentions) == 2 and _RANGE_SEP.fullmatch(between[0]):
        return course_days(result.start, result.end, result.weekdays, result.daily)
    return []


def _localize_iso(text: str) -> str:
    """ISO date-times in Europe/Berlin: "2027-03-14T23:00:00Z" is the 15th, 00:00 Uhr."""
    def local(m: re.Match) -> str:
        try:
            moment = datetime.fromisoformat(m[0].replace("Z", "+00:00"))
        except ValueError:
            return m[0]
        if moment.tzinfo is not None:
            moment = moment.astimezone(BERLIN)
        return f"{moment:%Y-%m-%d} {moment:%H:%M} Uhr"
    return _ISO_DATETIME.sub(local, text)


def parse_dates(text: str | None, reference: date | None = None) -> DateParse:
    """Start, end and session dates of a German schedule text.

    A date without a year is the next such date on or after `reference` (the crawl day).
    "ab <date>" gives a start without an end; a single date is a one-day run. A weekly rhythm
    ("dienstags 18:00-19:30 Uhr, 10 Termine") is kept in its own fields, not turned into dates.
    """
    result = DateParse()
    if not text:
        return result
    reference = reference or date.today()
    text = " ".join(str(text).split())
    if _ISO_START.search(text):
        text = _localize_iso(text)
    lowered = text.lower()
    if "anmeld" in lowered or "buch" in lowered:
        text = _DEADLINE.sub(" ", text)
    result.rolling_start = bool(_ROLLING.search(text))
    _rhythm(text, result)
    mentions = _mentions(text)
    dates = _resolve(mentions, reference) if FAST_PATHS else _dateparser_only(text, reference)
    if not dates and FAST_PATHS:
        d = _fallback(text, reference)
        dates = [d] if d else []
    far = sorted({d.year for d in dates if abs(d.year - reference.year) > MAX_YEARS_AWAY})
    if far:
        result.warnings.append(f"year {far[0]} is more than {MAX_YEARS_AWAY} years from {reference.year}: "
                               f"date ignored in {text[:80]!r}")
        dates = [d for d in dates if d.year not in far]
    if not dates:
        result.on_request = bool(_ON_REQUEST.search(text))
        if not (result.on_request or result.rolling_start or result.start_time or result.weekdays):
            result.warnings.append(f"no date found in {text[:80]!r}")
        return result
    result.sessions = sorted(set(dates))
    result.start = min(dates)
    first = _TOKEN.search(text)
    if len(dates) == 1 and first and _FROM.search(text[:first.start()]):
        result.end = None  # also with "dienstags, 10 Termine": holidays make any computed end a guess
    elif len(dates) == 1 and (result.session_count or 1) > 1:
        result.end = None  # "Di. 02.03., 17:00–20:15 Uhr, 10 Termine": the first of ten sessions
    else:
        result.end = max(dates)
    if FAST_PATHS and not far:
        result.days = _wording_days(text, mentions, dates, result)
    return result


def parse_iso_date(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or date-time string ("2027-03-15T08:00:00+01:00")."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_deadline(text: str | None, reference: date | None = None) -> date | None:
    """The registration deadline a text names ("Anmeldeschluss: 15.12.2026"); parse_dates leaves
    it out of the course dates, this keeps it for the detail page."""
    if not text or not ("anmeld" in text.lower() or "buch" in text.lower()):
        return None
    m = _DEADLINE.search(" ".join(str(text).split()))
    if not m or m[0].lower().startswith("frühbucher"):
        return None  # an early-bird price date is not the last day to register
    dates = _resolve(_mentions(m[0]), reference or date.today())
    return dates[0] if dates else None
