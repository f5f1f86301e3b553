"""One company's workspace: the catalogue and the company's own qualifications together, the
matrix as rows of cells for the page, filters, and the needs generated from due renewals.

The web layer and the scheduled job call this; it joins the store (rows) with the rules (dates
and German cell texts) so that neither has to know about the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from normalize import gazetteer

from ..db import Database
from ..needs import Need, NeedStore
from .catalogue import load_catalogue
from .model import Cell, CellState, Holding, Person, Qualification
from .rules import DueRenewal, KnowledgeRisk, cell, due_holdings, knowledge_risks, valid_until
from .store import MatrixStore

RENEWAL = "renewal:"   # origin of needs generated from due renewals
RISK = "risk:"         # origin of needs made from a knowledge risk ("zweite Person qualifizieren")
FILTER_DAYS = (30, 90, 180)


@dataclass
class MatrixRow:
    person: Person
    cells: list[tuple[Qualification, Cell]]


@dataclass
class MatrixView:
    columns: list[Qualification]       # shown, after the filters
    rows: list[MatrixRow]
    all_columns: list[Qualification]   # every qualification in use or required (the filter's choices)


def company_place(postal_code: str) -> str:
    """The town of the company's postal code (what the matcher and the office's areas understand),
    else the postal code itself."""
    town = gazetteer().lookup(postal_code=postal_code) if postal_code else None
    return town.name if town else postal_code


class Workspace:
    def __init__(self, db: Database, today: date | None = None):
        self.store = MatrixStore(db)
        self.needs = NeedStore(db)
        self.today = today or date.today()

    def qualifications(self, company_id: int) -> dict[str, Qualification]:
        return load_catalogue() | self.store.own_qualifications(company_id)

    def save_holding(self, company_id: int, staff_id: int, q: Qualification, acquired: date | None,
                     entered_until: date | None) -> None:
        """Stores a held qualification; its valid-until is the firm's entry or computed."""
        self.store.set_holding(company_id, Holding(None, staff_id, q.id, acquired,
                                                   valid_until(q, acquired, entered_until)))

    # -- the matrix page -------------------------------------------------------------------------
    def matrix(self, company_id: int, *, due_days: int | None = None, expired: bool = False,
               qualification: str | None = None) -> MatrixView:
        """People x qualifications in use or required. Filters keep the people (and columns) with a
        cell due within `due_days` (expired ones included), or expired, or of one qualification."""
        quals = self.qualifications(company_id)
        people = self.store.people(company_id)
        held = {(h.staff_id, h.qualification): h for h in self.store.holdings(company_id)}
        required = self.store.requirements(company_id)
        used = {qid for _, qid in held} | {qid for qs in required.values() for qid in qs}
        all_columns = [q for q in quals.values() if q.id in used]
        columns = [q for q in all_columns if q.id == qualification] if qualification else all_columns
        rows = []
        for person in people:
            needed = required.get(person.job, set())
            cells = [(q, cell(q, held.get((person.id, q.id)), q.id in needed, self.today)) for q in columns]
            rows.append(MatrixRow(person, cells))
        if due_days is not None or expired:
            def keep(c: Cell) -> bool:
                if expired:
                    return c.state == CellState.EXPIRED
                return c.state == CellState.EXPIRED or (c.days_left is not None and 0 <= c.days_left <= due_days)
            kept = {q.id for r in rows for q, c in r.cells if keep(c)}
            columns = [q for q in columns if q.id in kept]
            rows = [MatrixRow(r.person, [(q, c) for q, c in r.cells if q.id in kept])
                    for r in rows if any(keep(c) for _, c in r.cells)]
        return MatrixView(columns, rows, all_columns)

    # -- renewals and risks ------------------------------------------------------------------------
    def due(self, company_id: int) -> list[DueRenewal]:
        return due_holdings(self.qualifications(company_id), self.store.people(company_id),
                            self.store.holdings(company_id), self.today)

    def risks(self, company_id: int, years: int = 3) -> list[KnowledgeRisk]:
        return knowledge_risks(self.qualifications(company_id), self.store.people(company_id),
                               self.store.holdings(company_id), self.today, years)

    def sync_renewal_needs(self, company_id: int, postal_code: str) -> tuple[int, int, int]:
        """Turns due renewals into needs, one per qualification: head count = people due, window
        = from today until the earliest expiry (open when already expired), place = the town of the
        company's postal code. Updates those that exist and deletes those no longer due (the people
        were renewed). Returns (created, updated, closed)."""
        place = company_place(postal_code)
        existing = self.needs.generated(company_id, RENEWAL)
        created = updated = 0
        wanted = set()
        for renewal in self.due(company_id):
            q = renewal.qualification
            origin = RENEWAL + q.id
            wanted.add(origin)
            latest = max(renewal.earliest, self.today)
            need = Need(topic=q.search or q.label, category=q.category, employees=len(renewal.people),
                        earliest=self.today, latest=latest if latest > self.today else None, place=place,
                        radius_km=50, origin=origin, reason=renewal.reason(self.today))
            old = existing.get(origin)
            if old is None:
                self.needs.save_generated(company_id, need)
                created += 1
            elif (old.employees, old.latest, old.reason) != (need.employees, need.latest, need.reason):
                # keep what the company changed by hand (place, radius, budget, formats, notes)
                self.needs.save_generated(company_id, old.with_changes(
                    employees=need.employees, earliest=need.earliest, latest=need.latest, reason=need.reason,
                    topic=old.topic or need.topic), old.id)
                updated += 1
        closed = 0
        for origin, old in existing.items():
            if origin not in wanted:
                self.needs.delete(company_id, old.id)
                closed += 1
        return created, updated, closed

    def need_from_risk(self, company_id: int, qualification_id: str, postal_code: str) -> int:
        """"Zweite Person qualifizieren": a need for one more person holding the qualification."""
        place = company_place(postal_code)
        q = self.qualifications(company_id)[qualification_id]
        origin = RISK + q.id
        existing = self.needs.generated(company_id, origin)
        if origin in existing:
            return existing[origin].id
        return self.needs.save_generated(company_id, Need(
            topic=q.search or q.label, category=q.category, employees=1, place=place, radius_km=50, origin=origin,
            reason=f"{q.label}: eine zweite Person qualifizieren (Wissen im Betrieb halten)"))
