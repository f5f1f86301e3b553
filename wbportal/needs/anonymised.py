"""Regional demand for training providers and labour-market actors, anonymised: figures by
category, district and wanted start, by format, per quarter recorded, unmet and generated, with
no company named and no figure that rests on fewer than three companies, directly or through
sums.

Why more than hiding small cells: the tables overlap (the categories add up to the total, the
district cells of a category add up to the category, the formats add up to the total too), so
with only the small cells hidden a reader could subtract the published figures and get a hidden
one back. Every published figure is therefore treated as a sum over "fine cells", one per
combination of every attribute any table uses (category, district, start quarter, format,
quarter recorded, unmet, generated). After the primary suppression (fewer than MIN_COMPANIES
companies), figures are suppressed in addition until no hidden figure is pinned by the published
ones: for each hidden figure there must be a second data set that agrees with every published
figure, has no negative fine cell, keeps every listed hidden figure at one or more (a listed row
has at least one need and one person: "two hidden rows that add up to 2" pins both at 1), and
gives the hidden figure another value, for needs and for persons alike. The second data set is
found by an integer program over whole fine-cell counts (scipy's milp): counts are whole numbers,
and a reader who knows that can pin figures a real-valued argument leaves open. Each time one is
pinned, the smallest published figure related to it whose hiding frees it is hidden too (or the
smallest related one, and again).

The limits of the rule: the number of companies of a shown figure is published, so it can bound
the number of companies behind a hidden one; and a shown figure of three companies tells two of
them the third one's share (no dominance rule).

Nothing here holds a company's name; a company's id is used only to count distinct companies and
never leaves `anonymise` (a Figure carries counts only).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from sqlalchemy import select

from normalize import category_label
from normalize.enums import FORMAT_LABELS

from ..db import Database
from ..db.tables import companies
from ..german import berlin
from ..roles import OrgKind
from .demand import NeedRow
from .model import Need

MIN_COMPANIES = 3
RULE = "Werte aus weniger als drei Firmen werden nicht ausgewiesen, auch nicht über Summen."
FEW = "< 3"          # what a figure of fewer than MIN_COMPANIES companies shows instead of numbers
HIDDEN = "x"         # what a figure hidden to protect another one shows
FEW_REASON = "weniger als drei Firmen"
HIDDEN_REASON = "gesperrt, weil sich sonst ein Wert aus weniger als drei Firmen errechnen ließe"
GENERATED_ORIGINS = ("renewal:", "risk:")   # needs made from the Kümmerer's qualification matrix
ANY_FORMAT, SEVERAL_FORMATS = "any", "several"
_TRIES = 12          # complementary candidates tried per exposed figure before taking the smallest


@dataclass(frozen=True)
class Fact:
    """One active need of a firm, reduced to what the tables use."""

    company: int            # only to count companies; never published
    category: str           # taxonomy id, "" = none
    district: str           # district (Landkreis or city) of the need's place, "" = no place
    start_quarter: str      # quarter of the earliest wanted start, "2027-Q1"; "" = no start wanted
    format: str             # a format id, SEVERAL_FORMATS, or ANY_FORMAT
    recorded_quarter: str   # quarter the need was recorded (Berlin calendar)
    unmet: bool             # the matcher finds no offer for it
    generated: bool         # made from the qualification matrix (renewal or knowledge risk)
    persons: int


ATTRIBUTES = ("category", "district", "start_quarter", "format", "recorded_quarter", "unmet", "generated")


def quarter(day: date | None) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else ""


def quarter_label(key: str) -> str:
    if not key:
        return "ohne Zeitraum"
    year, q = key.split("-Q")
    return f"{q}. Quartal {year}"


def format_key(formats: list[str]) -> str:
    if not formats:
        return ANY_FORMAT
    return formats[0] if len(set(formats)) == 1 else SEVERAL_FORMATS


def label(dimension: str, key: str) -> str:
    """The German label of a dimension's value."""
    if dimension == "category":
        return category_label(key) if key else "ohne Bereich"
    if dimension == "district":
        return key or "ohne Ort"
    if dimension in ("start_quarter", "recorded_quarter"):
        return quarter_label(key)
    if dimension == "format":
        return {ANY_FORMAT: "jede Lernform", SEVERAL_FORMATS: "mehrere Lernformen"}.get(key) or FORMAT_LABELS.get(key, key)
    raise KeyError(dimension)


def fact_of(row: NeedRow) -> Fact:
    need: Need = row.need
    recorded = berlin(need.created)
    return Fact(company=need.company_id, category=need.category or "",
                district="" if row.town is None else row.district, start_quarter=quarter(need.earliest),
                format=format_key(need.formats), recorded_quarter=quarter(recorded.date() if recorded else None),
                unmet=row.matches == 0, generated=need.origin.startswith(GENERATED_ORIGINS),
                persons=need.employees)


def firm_ids(db: Database) -> set[int]:
    """Organisations that are firms: only their needs count (not the office's, a provider's ...)."""
    with db.engine.connect() as conn:
        return set(conn.scalars(select(companies.c.id).where(companies.c.kind == OrgKind.firm.value)))


def facts(rows: Iterable[NeedRow], firms: set[int]) -> list[Fact]:
    """The active needs of firms (need_rows already leaves paused needs out)."""
    return [fact_of(r) for r in rows if r.need.company_id in firms and not r.need.paused]


# -- the tables --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str
    dimensions: tuple[str, ...]
    only: str = ""          # "unmet" or "generated": the table counts only such needs
    note: str = ""


TABLES = (
    TableSpec("total", "Alle aktiven Bedarfe", ()),
    TableSpec("category", "Nach Bereich", ("category",)),
    TableSpec("category_district_quarter", "Nach Bereich, Region und gewünschtem Beginn",
              ("category", "district", "start_quarter"),
              note="Region: Landkreis oder kreisfreie Stadt des Orts, an dem die Firma den Kurs sucht; "
                   "Beginn: Quartal des frühesten gewünschten Beginns."),
    TableSpec("format", "Nach Lernform", ("format",)),
    TableSpec("recorded", "Entwicklung: erfasste Bedarfe je Quartal", ("recorded_quarter",),
              note="Quartal, in dem die Firma den Bedarf erfasst hat (nur noch aktive Bedarfe)."),
    TableSpec("unmet", "Bedarf ohne passendes Angebot", ("category",), only="unmet",
              note="Bedarfe, zu denen derzeit kein Angebot passt (Thema, Umkreis, Zeitraum und die übrigen "
                   "Bedingungen der Firma)."),
    TableSpec("generated", "Aus Qualifikationsmatrizen erzeugte Bedarfe", ("category",), only="generated",
              note="Fällige Auffrischungen und Wissen, das nur eine Person im Betrieb hat; erzeugt aus den "
                   "Qualifikationsmatrizen der Firmen."),
)

SHOWN, FEWER, SECONDARY = "shown", "fewer", "secondary"


@dataclass
class Figure:
    """One published cell: needs, persons and companies, or a marker instead of all three."""

    table: str
    keys: tuple[str, ...]        # one value per dimension of the table
    labels: tuple[str, ...]
    needs: int
    persons: int
    companies: int
    state: str = SHOWN
    cells: frozenset[int] = field(default=frozenset(), repr=False)   # fine cells it sums over

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def marker(self) -> str | None:
        return None if self.shown else (FEW if self.state == FEWER else HIDDEN)

    @property
    def reason(self) -> str | None:
        return None if self.shown else (FEW_REASON if self.state == FEWER else HIDDEN_REASON)


@dataclass
class Report:
    tables: list[tuple[TableSpec, list[Figure]]]
    fine_cells: int = 0

    @property
    def figures(self) -> list[Figure]:
        return [f for _, figures in self.tables for f in figures]

    def table(self, key: str) -> list[Figure]:
        return next(figures for spec, figures in self.tables if spec.key == key)


def _sort_key(dimensions: tuple[str, ...], keys: tuple[str, ...]):
    # "" (no category, no place, no start) last; quarters sort as text ("2027-Q1" < "2027-Q2")
    return tuple((k == "", label(d, k).lower() if d in ("category", "format") else k) for d, k in zip(dimensions, keys))


def anonymise(facts: list[Fact], min_companies: int = MIN_COMPANIES) -> Report:
    fine: dict[tuple, int] = {}
    cell_of = [fine.setdefault(tuple(getattr(f, a) for a in ATTRIBUTES), len(fine)) for f in facts]
    needs = np.zeros(len(fine))
    persons = np.zeros(len(fine))
    for f, c in zip(facts, cell_of):
        needs[c] += 1
        persons[c] += f.persons
    tables = []
    for spec in TABLES:
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, f in enumerate(facts):
            if spec.only and not getattr(f, spec.only):
                continue
            groups[tuple(getattr(f, d) for d in spec.dimensions)].append(i)
        figures = []
        for keys in sorted(groups, key=lambda k: _sort_key(spec.dimensions, k)):
            members = groups[keys]
            n_companies = len({facts[i].company for i in members})
            figures.append(Figure(spec.key, keys, tuple(label(d, k) for d, k in zip(spec.dimensions, keys)),
                                  len(members), sum(facts[i].persons for i in members), n_companies,
                                  SHOWN if n_companies >= min_companies else FEWER,
                                  frozenset(cell_of[i] for i in members)))
        tables.append((spec, figures))
    report = Report(tables, len(fine))
    _secondary_suppression(report.figures, needs, persons)
    return report


# -- secondary suppression ------------------------------------------------------------------------------
def alternative(target: np.ndarray, published: np.ndarray, hidden: np.ndarray, values: np.ndarray,
                sign: int) -> np.ndarray | None:
    """Whole-number fine-cell values of a second data set that agrees with every published figure
    (rows of `published`), has no negative cell, keeps every hidden figure (rows of `hidden`) at 1
    or more (a listed cell has at least one need and person) and gives `target` a value at least
    one above (sign +1) or below (-1) its real one; None when no such data set exists.

    An integer program (scipy's milp with HiGHS, zero objective: only feasibility counts). Counts
    are whole numbers, and a reader who knows that can pin a figure that real-valued moves still
    leave open: with x3 = x4 forced by two published sums a hidden x3 + x4 moves only in steps of
    two (found here: +2 is another value), and where only fractional alternatives exist the figure
    is worked out exactly (the real-valued check this replaces accepted those)."""
    real = float(target @ values)
    rows = np.vstack([published, target[None, :], hidden])
    wanted = (real + 1, np.inf) if sign > 0 else (-np.inf, real - 1)
    low = np.concatenate([published @ values, [wanted[0]], np.ones(len(hidden))])
    high = np.concatenate([published @ values, [wanted[1]], np.full(len(hidden), np.inf)])
    found = milp(np.zeros(len(values)), constraints=LinearConstraint(rows, low, high),
                 integrality=np.ones(len(values)), bounds=Bounds(0, np.inf))
    return np.round(found.x) if found.status == 0 else None


def _pinned(target: np.ndarray, published: np.ndarray, hidden: np.ndarray, needs: np.ndarray,
            persons: np.ndarray) -> bool:
    """True unless both its needs and its persons can take another value (`alternative`)."""
    return not all(any(alternative(target, published, hidden, values, sign) is not None for sign in (1, -1))
                   for values in (needs, persons))


def _secondary_suppression(figures: list[Figure], needs: np.ndarray, persons: np.ndarray) -> None:
    """Hides published figures, smallest first among those that help, until no hidden figure is
    pinned. A figure once protected stays so: hiding another one only drops its equation (its old
    value, at least 1, still satisfies the new inequality)."""
    width = len(needs)
    if not figures or not width:
        return
    matrix = np.zeros((len(figures), width))
    for i, f in enumerate(figures):
        matrix[i, list(f.cells)] = 1.0

    def cost(i: int):
        return (figures[i].needs, figures[i].persons, i)

    protected: set[int] = set()
    while True:
        published = [i for i, f in enumerate(figures) if f.shown]
        hidden = [i for i, f in enumerate(figures) if not f.shown]
        pinned = None
        for i in hidden:
            if i in protected:
                continue
            if _pinned(matrix[i], matrix[published], matrix[hidden], needs, persons):
                pinned = i
                break
            protected.add(i)
        if pinned is None:
            return
        target = matrix[pinned]
        # candidates: published figures that share a fine cell with it, or with a figure that does
        near = [i for i in published if matrix[i] @ target > 0]
        reach = matrix[near].sum(axis=0) > 0 if near else np.zeros(width, dtype=bool)
        related = set(near) | {i for i in published if (matrix[i] > 0)[reach].any()}
        candidates = sorted(related, key=cost) or sorted(published, key=cost)
        chosen = candidates[0]
        for i in candidates[:_TRIES]:
            rest = [j for j in published if j != i]
            if not _pinned(target, matrix[rest], matrix[hidden + [i]], needs, persons):
                chosen = i
                break
        figures[chosen].state = SECONDARY


# -- exports ---------------------------------------------------------------------------------------------
CSV_HEADER = ["Tabelle", "Bereich", "Region", "Beginn (Quartal)", "Lernform", "erfasst im Quartal",
              "Bedarfe", "Personen", "Firmen", "Hinweis"]
_CSV_COLUMNS = ("category", "district", "start_quarter", "format", "recorded_quarter")


def csv_rows(report: Report) -> list[list]:
    """One row per figure, long format; a hidden figure has its marker in all three number columns."""
    out = []
    for spec, figures in report.tables:
        for f in figures:
            by_dim = dict(zip(spec.dimensions, f.labels))
            numbers = [f.needs, f.persons, f.companies] if f.shown else [f.marker] * 3
            out.append([spec.title, *(by_dim.get(d) for d in _CSV_COLUMNS), *numbers, f.reason])
    return out


def as_json(report: Report, as_of: str | None = None) -> dict:
    """The report for machines: per figure its dimension keys and labels, and either the three
    counts or `suppressed: true` with the marker shown instead (no numbers)."""
    tables = []
    for spec, figures in report.tables:
        rows = []
        for f in figures:
            row: dict = {}
            for d, k, text in zip(spec.dimensions, f.keys, f.labels):
                row[d] = k or None
                row[f"{d}_label"] = text
            if f.shown:
                row.update(suppressed=False, needs=f.needs, persons=f.persons, companies=f.companies)
            else:
                row.update(suppressed=True, shown_as=f.marker, reason=f.reason)
            rows.append(row)
        tables.append({"key": spec.key, "title": spec.title, "dimensions": list(spec.dimensions),
                       "only": spec.only or None, "note": spec.note or None, "rows": rows})
    return {"rule": RULE, "min_companies": MIN_COMPANIES, "as_of": as_of,
            "markers": {FEW: FEW_REASON, HIDDEN: HIDDEN_REASON}, "tables": tables}
