"""The coordination office's view of demand: needs grouped by category and area, unmet needs,
supply that fits (offers within a need's radius and time window, by the need page's matcher),
and groups of companies whose needs could share one course (a joint course)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from normalize import category_label, distance_km

from .matching import Relaxation, match_need, need_query, need_town
from .model import Need


@dataclass
class NeedRow:
    need: Need
    company: str
    district: str
    town: str | None
    lat: float | None
    lon: float | None
    matches: int = 0              # offers the need matches (at least one subject word, every condition)
    near_misses: int = 0          # offers that miss exactly one condition (the company's "Knapp daneben")
    full: int = 0                 # offers with every word of the topic
    near: list[Relaxation] = field(default_factory=list)   # what one relaxed condition would add
    offer_ids: frozenset[str] = frozenset()   # every offer (run) the need matches, for the supply that fits


@dataclass
class JointGroup:
    category: str
    rows: list[NeedRow] = field(default_factory=list)

    @property
    def head_count(self) -> int:
        return sum(r.need.employees for r in self.rows)

    @property
    def companies(self) -> list[str]:
        return sorted({r.company for r in self.rows})

    @property
    def joining(self) -> int:
        """People the companies have confirmed with "wir sind dabei"."""
        return sum(r.need.joining or 0 for r in self.rows)

    def has_company(self, company_id: int) -> bool:
        return any(r.need.company_id == company_id for r in self.rows)


def need_rows(need_store, searcher, near: bool = True) -> list[NeedRow]:
    """Every active need with its company, area and how many offers match it, by the matcher of
    the company's need page (no searcher: the counts stay 0, for views that only group needs;
    `near=False` skips the near misses, for views that only count matches)."""
    rows = []
    for need, company in need_store.all_with_company():
        if need.paused:
            continue
        town = need_town(need.place)
        found = match_need(searcher, need, near=near) if searcher is not None else None
        row = NeedRow(need, company, town.district if town else "ohne Ort", town.name if town else None,
                      town.lat if town else None, town.lon if town else None)
        if found is not None:
            row.matches, row.near_misses = found.total, len(found.near_offers)
            row.full, row.near = found.full, found.near
            row.offer_ids = _matched_ids(searcher, need, found)
        rows.append(row)
    return rows


def _matched_ids(searcher, need: Need, found) -> frozenset[str]:
    """The ids of every offer the matcher found: the listed ones (and their courses' other
    matching dates), and when more matched than a page holds, all of them by the same query."""
    ids = {m.record["id"] for m in found.matches} | {r["id"] for m in found.matches for r in m.other_runs}
    if found.total > len(ids):
        ids |= {h.record["id"] for h in searcher.search(need_query(need, page_size=found.total)).hits}
    return frozenset(ids)


@dataclass
class Supply:
    """Demand and supply of one category: persons with a need, the distinct offers that fit at
    least one of those needs (place radius and time window, by the matcher), and all current
    offers of the category however far or late (None for needs without a category)."""

    category: str     # taxonomy id, "" = needs without a category
    label: str
    persons: int
    fitting: int
    all_offers: int | None


def supply_by_category(rows: list[NeedRow], category_offers: dict[str, int]) -> list[Supply]:
    """Per category of the needs, most persons first; `category_offers` = all current offers per
    category (the search's category facet)."""
    persons: dict[str, int] = defaultdict(int)
    offers: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        persons[r.need.category] += r.need.employees
        offers[r.need.category] |= r.offer_ids
    return [Supply(c, category_label(c) if c else "ohne Bereich", n, len(offers[c]),
                   category_offers.get(c, 0) if c else None)
            for c, n in sorted(persons.items(), key=lambda kv: (-kv[1], kv[0]))]


def by_category_and_area(rows: list[NeedRow]) -> list[tuple[str, str, int, int]]:
    """(category label, area, needs, employees), most employees first."""
    table = defaultdict(lambda: [0, 0])
    for r in rows:
        key = (category_label(r.need.category) if r.need.category else "ohne Bereich", r.district)
        table[key][0] += 1
        table[key][1] += r.need.employees
    return sorted(((c, a, n, e) for (c, a), (n, e) in table.items()), key=lambda t: (-t[3], t[0], t[1]))


def _compatible(a: NeedRow, b: NeedRow) -> bool:
    if a.need.category != b.need.category or not a.need.category:
        return False
    if a.lat is not None and b.lat is not None:
        if distance_km(a.lat, a.lon, b.lat, b.lon) > min(a.need.radius_km, b.need.radius_km):
            return False
    earliest = max(filter(None, (a.need.earliest, b.need.earliest)), default=None)
    latest = min(filter(None, (a.need.latest, b.need.latest)), default=None)
    return not (earliest and latest and earliest > latest)


def joint_groups(rows: list[NeedRow]) -> list[JointGroup]:
    """Groups of needs of at least two companies that one course could serve (same category,
    each within the other's radius, overlapping time windows), largest head count first."""
    groups: list[JointGroup] = []
    for row in rows:
        for group in groups:
            if all(_compatible(row, other) for other in group.rows):
                group.rows.append(row)
                break
        else:
            groups.append(JointGroup(row.need.category, [row]))
    return sorted((g for g in groups if len(g.companies) >= 2), key=lambda g: -g.head_count)
