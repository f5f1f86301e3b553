"""Field coverage of a run's offers, the values the normalizer did not understand, the places the
gazetteer does not know, and what a maintainer should look at when coverage drops."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from normalize import gazetteer, parse_dates, parse_duration, parse_price

COVERED = {
    "description": lambda r: bool(r.get("description")),
    "start_date": lambda r: bool(r.get("start_date")) or r.get("rolling_start"),
    "end_date": lambda r: bool(r.get("end_date")),
    "price": lambda r: r.get("price_eur") is not None,
    "duration": lambda r: r.get("duration_hours") is not None,
    "place": lambda r: bool((r.get("location") or {}).get("town")) or r.get("format") in ("online", "selfpaced"),
    "category": lambda r: r.get("category") not in (None, "", "sonstiges"),
}
SELECTOR_FIELD = {"start_date": "schedule", "end_date": "schedule", "place": "place"}
DROP_POINTS = 0.3  # a field that loses 30 percentage points against the last good run


def coverage(records: list[dict]) -> dict[str, float]:
    """Share of offers (0..1) with each field filled."""
    if not records:
        return {name: 0.0 for name in COVERED}
    return {name: round(sum(1 for r in records if test(r)) / len(records), 3) for name, test in COVERED.items()}


def coverage_drops(now: dict[str, float], before: dict[str, float] | None) -> list[str]:
    """Fields that were usually found in the last good run but are now mostly missing."""
    if not before:
        return []
    return [f"{name} found on {now.get(name, 0):.0%} of offers, was {share:.0%} in the last good run"
            for name, share in before.items() if share - now.get(name, 0.0) >= DROP_POINTS]


def coverage_warnings(now: dict[str, float], count: int) -> list[str]:
    """Plain hints for a preview: which selector to check."""
    warnings = []
    for name, share in now.items():
        if share == 0 and count:
            selector = SELECTOR_FIELD.get(name, name)
            warnings.append(f"{name} found on 0 of {count} offers: check selector '{selector}'")
        elif share < 0.5 and count:
            warnings.append(f"{name} found on only {round(share * count)} of {count} offers")
    return warnings


def _price_not_understood(r: dict) -> bool:
    return bool(r.get("price_text")) and r.get("price_eur") is None and not parse_price(r["price_text"]).on_request


def _schedule_not_understood(r: dict) -> bool:
    if not r.get("schedule_text") or r.get("start_date") or r.get("rolling_start"):
        return False
    parsed = parse_dates(r["schedule_text"])
    return not (parsed.on_request or parsed.start_time or parsed.weekdays)


def _duration_not_understood(r: dict) -> bool:
    if not r.get("duration_text") or r.get("duration_hours") is not None:
        return False
    parsed = parse_duration(r["duration_text"])
    return not (parsed.days or parsed.weeks or parsed.months or parsed.time_model)


def unknown_place(r: dict) -> str | None:
    """What an on-site offer says of its place when the gazetteer finds no town in it ("09999 Neudorf",
    "Oelsnitz" that is ambiguous, or a venue name with no town at all), else None. Read against the
    gazetteer as it is now, so an alias added since the crawl clears the entry."""
    loc = r.get("location")
    if not loc or loc.get("lat") is not None or r.get("format") in ("online", "selfpaced"):
        return None
    town, code = loc.get("town"), loc.get("postal_code")
    if town or code:
        if gazetteer().lookup(town, code) is not None:
            return None
        return " ".join(part for part in (code, town) if part)
    return loc.get("name") or None


NOT_UNDERSTOOD = {"price": ("price_text", _price_not_understood),
                  "schedule": ("schedule_text", _schedule_not_understood),
                  "duration": ("duration_text", _duration_not_understood)}


def unparsed(records: list[dict], top: int = 5) -> dict[str, list[list]]:
    """The most common texts a field had but the normalizer could not read: [[text, count], ...];
    "place": place texts naming no town the gazetteer knows."""
    result = {}
    for name, (text_field, test) in NOT_UNDERSTOOD.items():
        counts = Counter(r[text_field] for r in records if test(r))
        if counts:
            result[name] = [[text, n] for text, n in counts.most_common(top)]
    places = Counter(text for text in map(unknown_place, records) if text)
    if places:
        result["place"] = [[text, n] for text, n in places.most_common(top)]
    return result


def unknown_places(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Per source, the place texts of its current offers that name no known town, most offers first:
    {source: [{"place": "09999 Neudorf", "offers": 3, "candidates": []}, ...]}. `candidates` lists
    the towns an ambiguous name could be ("Oelsnitz": Oelsnitz/Erzgeb., Oelsnitz/Vogtl.); a
    maintainer adds the spelling as an alias in normalize/data/gazetteer.csv, or a postal code."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        text = unknown_place(r)
        if text:
            counts[r.get("source") or ""][text] += 1
    gaz = gazetteer()
    result = {}
    for source, texts in counts.items():
        entries = []
        for text, n in sorted(texts.items(), key=lambda item: (-item[1], item[0])):
            town = text.split(" ", 1)[1] if text[:5].isdigit() and " " in text else text
            entries.append({"place": text, "offers": n, "candidates": [t.name for t in gaz.candidates(town)]})
        result[source] = entries
    return result
