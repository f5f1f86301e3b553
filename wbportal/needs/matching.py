"""A company's need against the offers: matches ranked by fit, each explained in plain German,
and near misses (offers that fit the topic but miss one condition) shown apart."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from index import SearchQuery
from normalize import gazetteer
from normalize.enums import LANGUAGE_NAMES, MONTH_NAMES

from .model import Need




@dataclass
class Match:
    record: dict
    fits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    distance_km: float | None = None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def need_query(need: Need, strict: bool = True) -> SearchQuery:
    """The search a need stands for; without `strict` only topic and category count."""
    q = SearchQuery(text=need.topic, page_size=50)
    if need.category:
        q.filters["category"] = [need.category]
    if strict:
        if need.formats:
            q.filters["format"] = list(need.formats)
        if need.funding:
            q.filters["funding"] = list(need.funding)
        q.start_from, q.start_to = need.earliest, need.latest
        q.max_price = need.max_price
    town = gazetteer().lookup(need.place) if need.place else None
    if town:
        q.near = (town.lat, town.lon)
        if strict:
            q.radius_km = float(need.radius_km or 50)
    return q


def explain(need: Need, record: dict, distance: float | None) -> Match:
    m = Match(record, distance_km=distance)
    m.fits.append("Thema")
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


def match_need(searcher, need: Need) -> tuple[list[Match], list[Match]]:
    """(matches, near misses) of a need, best fit first."""
    strict = searcher.search(need_query(need, strict=True))
    matched_ids = {h.record["id"] for h in strict.hits}
    matches = [explain(need, h.record, h.distance_km) for h in strict.hits]
    relaxed = searcher.search(need_query(need, strict=False))
    near = [explain(need, h.record, h.distance_km) for h in relaxed.hits if h.record["id"] not in matched_ids]
    near = [m for m in near if m.misses][:10]
    return matches, near
