"""A company's need against the offers: matches ranked by fit, each explained in plain German,
and near misses (what one relaxed condition would add) with counts.

The topic is read by the search's own German analysis (index.QueryBuilder): an offer matches
when it has at least one of the topic's subject words (words like "Grundkurs" only rank), offers
with more of the words first, and the explanation names the words found and missed. The other
conditions (place and radius, start window, price, format, funding, category) are strict; online
and self-paced offers count wherever the company is. When few offers have every word, near misses
relax one condition at a time (drop one word, 75 or 100 km, the window moved by at most three
months, no price limit, any format, any funding, any category), each with its count. The same
matcher serves the company's need page, the digest and the office's demand views.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from index import SearchQuery
from index.grouping import group_courses
from normalize import category_label, gazetteer
from normalize.enums import LANGUAGE_NAMES, MONTH_NAMES

from ..german import datum
from .model import Need

FEW = 3                 # fewer offers with every word than this: near misses are shown
RADII = (75, 100)       # wider circles a near miss may propose
SHIFT_MONTHS = (1, 2, 3)  # how far a near miss may move the start window (never further)
PAGE = 50               # matches listed
NEAR_OFFERS = 10        # offers listed under "Knapp daneben"
EVERY_WORD = 10**6      # as SearchQuery.min_words: every subject word (course-kind words only rank)


@dataclass
class Match:
    record: dict
    fits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    distance_km: float | None = None
    words: list[str] = field(default_factory=list)           # topic words the offer has
    missing_words: list[str] = field(default_factory=list)   # topic words it lacks
    other_runs: list[dict] = field(default_factory=list)     # further dates of the same course


@dataclass
class Relaxation:
    """One condition of a need relaxed: `key` names it in links (?lockern=...), `count` is how
    many offers have every topic word under the relaxed conditions."""

    key: str
    label: str
    need: Need
    count: int = 0


@dataclass
class NeedMatches:
    matches: list[Match]          # best first, at most PAGE
    total: int                    # offers with at least one subject word, all conditions met
    full: int                     # of those, offers with every subject word of the topic
    words: list[str]              # the topic's words as the search reads them
    near: list[Relaxation] = field(default_factory=list)
    near_offers: list[Match] = field(default_factory=list)   # offers missing exactly one condition
    shown: int = 0                # runs behind `matches` (a course with other dates is one match)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def need_town(place: str):
    place = (place or "").strip()
    if not place:
        return None
    if place.isdigit() and len(place) == 5:
        return gazetteer().lookup(None, place)
    return gazetteer().lookup(place)


def need_query(need: Need, all_words: bool = False, page_size: int = PAGE) -> SearchQuery:
    """The search a need stands for: every condition strict; the topic by at least one subject
    word (ranked by how many), or with `all_words` by every subject word."""
    q = SearchQuery(text=need.topic, page_size=page_size, min_words=EVERY_WORD if all_words else 1,
                    online_anywhere=True, suggest=False)
    if need.category:
        q.filters["category"] = [need.category]
    if need.formats:
        q.filters["format"] = list(need.formats)
    if need.funding:
        q.filters["funding"] = list(need.funding)
    q.start_from, q.start_to = need.earliest, need.latest
    q.max_price = need.max_price
    town = need_town(need.place)
    if town:
        q.near = (town.lat, town.lon)
        q.radius_km = float(need.radius_km or 50)
    return q


def explain(need: Need, record: dict, distance: float | None, words: list[str] | None = None,
            all_words: list[str] | None = None) -> Match:
    """Why an offer fits a need and where it does not, in plain German."""
    found = list(words or [])
    missing = [w for w in (all_words or []) if w not in found]
    m = Match(record, distance_km=distance, words=found, missing_words=missing)
    m.fits.append("Thema" if not missing else "Thema zum Teil")
    if distance is not None:
        text = f"{distance:.0f} km entfernt"
        radius = need.radius_km or 50
        (m.fits if distance <= radius else m.misses).append(
            text if distance <= radius else f"{text} (weiter als {radius} km)")
    elif record.get("format") in ("online", "selfpaced"):
        m.fits.append("online, ohne Anfahrt")
    start = _date(record.get("start_date"))
    earliest, latest = need.earliest, need.latest
    if start:
        label = f"Start im {MONTH_NAMES[start.month - 1]}"
        if (earliest and start < earliest) or (latest and start > latest):
            m.misses.append(f"{label} (außerhalb Ihres Zeitraums)")
        else:
            m.fits.append(label)
    else:
        m.fits.append("Termin nach Absprache")
    price, budget = record.get("price_eur"), need.max_price
    if budget is not None and price is not None:
        (m.fits if price <= budget else m.misses).append("Preis im Budget" if price <= budget else "Preis über Budget")
    if need.formats and record.get("format") not in need.formats:
        m.misses.append("andere Lernform")
    if need.category and record.get("category") != need.category:
        m.misses.append("anderer Bereich")
    language = record.get("language") or "de"
    if language != "de":  # a need is for a course taught in German unless its topic names the language
        name = LANGUAGE_NAMES.get(language, language)
        if name.lower() not in (need.topic or "").lower():
            m.misses.append(f"Unterricht auf {name}")
    if need.time_model and record.get("time_model") and record["time_model"] != need.time_model:
        m.misses.append("Vollzeit" if record["time_model"] == "fulltime" else "berufsbegleitend/Teilzeit")
    wanted = set(need.funding)
    if wanted:
        (m.fits if wanted & set(record.get("funding") or []) else m.misses).append(
            "Förderung möglich" if wanted & set(record.get("funding") or []) else "ohne die gewünschte Förderung")
    return m


# -- near misses -------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _without_word(topic: str, word: str) -> str:
    """The topic with one of its words taken out ("Englisch für Gastgeber" - "Gastgeber")."""
    return re.sub(r"(?<!\w)" + re.escape(word) + r"(?!\w)", " ", topic, count=1, flags=re.I).strip(" -")


def relaxations(need: Need, words: list[str], today: date | None = None) -> list[list[Relaxation]]:
    """Candidate relaxations, one condition each, grouped by kind; within a kind the closest
    first (a view shows at most the first of a kind that adds offers)."""
    today = today or date.today()
    kinds: list[list[Relaxation]] = []
    if len(words) >= 2:
        for word in words:
            topic = _without_word(need.topic, word)
            if topic and topic != need.topic:
                kinds.append([Relaxation(f"wort:{word}", f"ohne „{word}“", replace(need, topic=topic))])
    if need_town(need.place):
        kinds.append([Relaxation(f"umkreis:{r}", f"im Umkreis von {r} km", replace(need, radius_km=r))
                      for r in RADII if r > (need.radius_km or 50)])
    if need.latest:
        kinds.append([Relaxation(f"bis:{add_months(need.latest, m).isoformat()}",
                                 f"Start bis {datum(add_months(need.latest, m))}",
                                 replace(need, latest=add_months(need.latest, m))) for m in SHIFT_MONTHS])
    if need.earliest and need.earliest > today:
        earlier = sorted({max(today, add_months(need.earliest, -m)) for m in SHIFT_MONTHS}, reverse=True)
        kinds.append([Relaxation(f"ab:{d.isoformat()}", f"Start ab {datum(d)}", replace(need, earliest=d))
                      for d in earlier])
    if need.max_price is not None:
        kinds.append([Relaxation("preis", "ohne Preisgrenze", replace(need, max_price=None))])
    if need.formats:
        kinds.append([Relaxation("lernform", "in jeder Lernform", replace(need, formats=[]))])
    if need.funding:
        kinds.append([Relaxation("foerderung", "auch ohne die gewünschte Förderung", replace(need, funding=[]))])
    if need.category:
        kinds.append([Relaxation("bereich", f"auch außerhalb von „{category_label(need.category)}“",
                                 replace(need, category=""))])
    return [kind for kind in kinds if kind]


def relaxed(searcher, need: Need, key: str) -> Relaxation | None:
    """The relaxation a link names, if it is one this need offers (nothing else is applied)."""
    if not key:
        return None
    words = searcher.search(need_query(need, page_size=1)).words
    for kind in relaxations(need, words):
        for r in kind:
            if r.key == key:
                return r
    return None


def _count(searcher, need: Need) -> int:
    return searcher.search(need_query(need, all_words=True, page_size=1)).total


def near_misses(searcher, need: Need, words: list[str], full: int) -> list[Relaxation]:
    """Per kind, the closest relaxation that adds offers with every word, with its count."""
    found = []
    for kind in relaxations(need, words):
        for r in kind:
            r.count = _count(searcher, r.need)
            if r.count > full:
                found.append(r)
                break
    return found


def match_need(searcher, need: Need, near: bool = True) -> NeedMatches:
    """Matches of a need, best fit first, one per course (its next date shown, the other
    matching dates in `other_runs`); with `near` and few full matches, the near misses."""
    result = searcher.search(need_query(need))
    words = result.words
    matches = by_course([explain(need, h.record, h.distance_km, h.matched_words, words) for h in result.hits])
    full = _count(searcher, need) if len(words) > 1 else result.total
    out = NeedMatches(matches, result.total, full, words, shown=len(result.hits))
    if near and full < FEW and words:
        out.near = near_misses(searcher, need, words, full)
        seen = {m.record["id"] for m in matches}
        for r in out.near:
            if r.key.startswith("wort:"):
                continue  # offers with fewer words are among the matches already
            for h in searcher.search(need_query(r.need, all_words=True, page_size=NEAR_OFFERS)).hits:
                if h.record["id"] in seen:
                    continue
                m = explain(need, h.record, h.distance_km, h.matched_words, words)
                if m.misses:
                    out.near_offers.append(m)
                    seen.add(h.record["id"])
        out.near_offers = by_course(out.near_offers)[:NEAR_OFFERS]
    return out


def by_course(matches: list[Match]) -> list[Match]:
    """One match per course, in the order of each course's best-ranked run (the search's
    grouping, `index.grouping.group_courses`): the course's next date leads, its other dates
    follow in `other_runs`."""
    by_id = {m.record["id"]: m for m in matches}
    courses = []
    for group in group_courses([m.record for m in matches]):
        lead = by_id[group.first["id"]]
        lead.other_runs = group.others
        courses.append(lead)
    return courses
