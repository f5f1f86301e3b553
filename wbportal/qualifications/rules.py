"""Due-date rules of the qualification matrix: pure functions on the model's values, no database.

Dates:
- A holding is valid until `valid_until` inclusive: the firm's entered date wins, else acquired +
  validity months (month ends clamped: 31.01. + 1 month = 28.02., or 29.02. in a leap year).
- On that day it is "fällig heute"; from the next day on it has expired.
- It is due from `lead_days` days before that day (inclusive) on.

A matrix cell (German words, never colour alone):
- held, valid beyond the lead time    VALID    "gültig bis 03/2027"
- held, does not expire               VALID    "vorhanden"
- held, expires within the lead time  DUE      "fällig in 45 Tagen", "fällig in 1 Tag", "fällig heute"
- held, expired                       EXPIRED  "abgelaufen seit 12.01.2027" (the valid-until date)
- held, expires, but neither the acquired nor the valid-until date is known:
                                      DUE      "Datum fehlt": nobody can tell whether it is still
  valid, so it asks for action (enter the date) without claiming it has expired. Such holdings
  generate no renewal need (there is no date to be due by) and do not count as held in the
  knowledge risks.
- not held, the person's job requires it  MISSING  "fehlt"
- not held, not required                  EMPTY    ""
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .model import Cell, CellState, Holding, Person, Qualification


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; a day that the target month lacks becomes its last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def valid_until(q: Qualification, acquired: date | None, entered: date | None = None) -> date | None:
    """The last valid day: the firm's entered date wins; else acquired + the validity; None when
    the qualification does not expire or the acquired date is unknown."""
    if entered is not None:
        return entered
    if q.validity_months is None or acquired is None:
        return None
    return add_months(acquired, q.validity_months)


def _holding_until(q: Qualification, h: Holding) -> date | None:
    return valid_until(q, h.acquired, h.valid_until)


def due_text(days_left: int) -> str:
    if days_left == 0:
        return "fällig heute"
    return f"fällig in {days_left} {'Tag' if days_left == 1 else 'Tagen'}"


def cell(q: Qualification, holding: Holding | None, required: bool, today: date) -> Cell:
    """What one matrix cell says for a person and a qualification (see the module docstring)."""
    if holding is None:
        return Cell(CellState.MISSING, "fehlt") if required else Cell(CellState.EMPTY, "")
    if holding.qualification != q.id:
        raise ValueError(f"holding of '{holding.qualification}' given for qualification '{q.id}'")
    until = _holding_until(q, holding)
    if until is None:
        if q.expires:
            return Cell(CellState.DUE, "Datum fehlt")
        return Cell(CellState.VALID, "vorhanden")
    days_left = (until - today).days
    if days_left < 0:
        return Cell(CellState.EXPIRED, f"abgelaufen seit {until:%d.%m.%Y}", until, days_left)
    if days_left <= q.lead_days:
        return Cell(CellState.DUE, due_text(days_left), until, days_left)
    return Cell(CellState.VALID, f"gültig bis {until:%m/%Y}", until, days_left)


def renewal_reason(q: Qualification, count: int, earliest: date, today: date | None = None) -> str:
    """The German reason of a generated need: "Ersthelfer: 3 Personen fällig bis 30.04.2027".
    Counted in people, because a label ("Ersthelfer", a company's own "Kettensägenschein") has no
    plural the code could derive. With `today` after `earliest`: "... fällig seit 12.01.2027"."""
    if count < 1:
        raise ValueError("a renewal reason needs at least one person")
    people = "1 Person" if count == 1 else f"{count} Personen"
    since = today is not None and earliest < today
    return f"{q.label}: {people} fällig {'seit' if since else 'bis'} {earliest:%d.%m.%Y}"


@dataclass(frozen=True)
class DueRenewal:
    """People whose qualification is due within its lead time or has expired."""

    qualification: Qualification
    people: tuple[Person, ...]     # by their valid-until date, earliest first
    earliest: date                 # the earliest valid-until among them (may be past)

    def reason(self, today: date | None = None) -> str:
        return renewal_reason(self.qualification, len(self.people), self.earliest, today)


@dataclass(frozen=True)
class KnowledgeRisk:
    """A qualification the firm may lose: held by one active person only, or only by people who
    plan to leave within the horizon."""

    qualification: Qualification
    holders: tuple[Person, ...]    # active people holding it validly (or without expiry)
    single: bool                   # exactly one holder
    leaving: bool                  # every holder plans to leave by `leaving_by`
    leaving_by: int | None = None  # the last holder's leaving year, when `leaving`

    @property
    def text(self) -> str:
        if self.single:
            name = self.holders[0].name
            return f"nur {name}, geht {self.leaving_by}" if self.leaving else f"nur {name}"
        return f"alle {len(self.holders)} Personen gehen bis {self.leaving_by}"


def _as_list(qualifications: Mapping[str, Qualification] | Iterable[Qualification]) -> list[Qualification]:
    return list(qualifications.values()) if isinstance(qualifications, Mapping) else list(qualifications)


NO_EXPIRY = date.max  # internal: a held qualification that does not expire


def _latest_until(qualifications: list[Qualification], people: Iterable[Person],
                  holdings: Iterable[Holding]) -> dict[str, dict[int, tuple[Person, date | None]]]:
    """Per qualification id, per active person: their latest valid-until (NO_EXPIRY: held, does
    not expire; None: expires, but no date known). A renewed qualification's older holdings do
    not count; a dated holding beats an undated one of an expiring qualification."""
    by_id = {q.id: q for q in qualifications}
    active = {p.id: p for p in people if not p.archived}
    result: dict[str, dict[int, tuple[Person, date | None]]] = {}
    for h in holdings:
        q, person = by_id.get(h.qualification), active.get(h.staff_id)
        if q is None or person is None:
            continue
        until = _holding_until(q, h)
        if until is None and not q.expires:
            until = NO_EXPIRY
        per_person = result.setdefault(q.id, {})
        known = per_person.get(person.id)
        if known is None or (until is not None and (known[1] is None or until > known[1])):
            per_person[person.id] = (person, until)
    return result


def due_holdings(qualifications: Mapping[str, Qualification] | Iterable[Qualification],
                 people: Iterable[Person], holdings: Iterable[Holding], today: date) -> list[DueRenewal]:
    """Per qualification, the active people whose (latest) holding expires within the
    qualification's lead time or has expired; earliest first. Holdings of archived or unlisted
    people, of unlisted qualifications and without a valid-until date are left out."""
    qualifications = _as_list(qualifications)
    latest = _latest_until(qualifications, people, holdings)
    result = []
    for q in qualifications:
        due = sorted(((until, person.name, person) for person, until in latest.get(q.id, {}).values()
                      if until not in (None, NO_EXPIRY) and (until - today).days <= q.lead_days),
                     key=lambda t: (t[0], t[1]))
        if due:
            result.append(DueRenewal(q, tuple(p for _, _, p in due), due[0][0]))
    result.sort(key=lambda d: (d.earliest, d.qualification.label))
    return result


def knowledge_risks(qualifications: Mapping[str, Qualification] | Iterable[Qualification],
                    people: Iterable[Person], holdings: Iterable[Holding], today: date,
                    years: int = 3) -> list[KnowledgeRisk]:
    """Qualifications held (validly, due or without expiry; not expired, not undated) by exactly
    one active person, or only by people planning to leave by today.year + years; in the order
    of `qualifications`."""
    horizon = today.year + years
    latest = _latest_until(_as_list(qualifications), people, holdings)
    risks = []
    for q in _as_list(qualifications):
        holders = tuple(sorted((person for person, until in latest.get(q.id, {}).values()
                                if until is not None and until >= today),
                               key=lambda p: p.name))
        if not holders:
            continue
        leaving = all(p.leaving_year is not None and p.leaving_year <= horizon for p in holders)
        if len(holders) == 1 or leaving:
            risks.append(KnowledgeRisk(q, holders, single=len(holders) == 1, leaving=leaving,
                                       leaving_by=max(p.leaving_year for p in holders) if leaving else None))
    return risks
