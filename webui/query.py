"""Request arguments -> SearchQuery, shared by the search page, the JSON API and the exports.

All search state lives in the query string (shareable URLs). Nonsense values are ignored,
never an error: a malformed query must not give a 500.
"""
from __future__ import annotations

from datetime import date

from index import SearchQuery
from index.search import SORTS
from index.fields import FACETS
from normalize import gazetteer

RADII = (10, 25, 50, 100)
MAX_PAGE_SIZE = 100


def to_int(value, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(int(value), high))
    except (TypeError, ValueError):
        return default


def _float(value) -> float | None:
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 1e9 else None


def to_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def place(text: str | None):
    """A town name or postal code -> gazetteer town (with coordinates), or None."""
    text = (text or "").strip()[:80]
    if not text:
        return None
    if text.isdigit() and len(text) == 5:
        return gazetteer().lookup(None, text)
    return gazetteer().lookup(text)


def query_from_args(args, page_size: int = 20) -> tuple[SearchQuery, dict]:
    """The query, and notes for the page (e.g. a place that was not found)."""
    notes = {}
    filters = {name: [v[:200] for v in args.getlist(name) if v][:20] for name in FACETS if args.getlist(name)}
    q = SearchQuery(
        text=args.get("q", "")[:500],
        filters=filters,
        page=to_int(args.get("page"), 1, 1, 1000),
        page_size=to_int(args.get("page_size"), page_size, 1, MAX_PAGE_SIZE),
        start_from=to_date(args.get("from")),
        start_to=to_date(args.get("to")),
        include_rolling=args.get("rolling", "1") != "0",
        max_price=_float(args.get("max_price")),
        max_hours=_float(args.get("max_hours")),
        include_past=args.get("past") == "1",
    )
    sort = args.get("sort", "relevance")
    q.sort = sort if sort in SORTS else "relevance"
    near = args.get("near", "")
    if near:
        town = place(near)
        if town is None:
            notes["unknown_place"] = near[:80]
        else:
            q.near = (town.lat, town.lon)
            q.radius_km = float(to_int(args.get("radius"), 50, 1, 500))
            notes["place"] = town.name
    if q.sort == "distance" and not q.near:
        q.sort = "relevance"
    return q, notes
