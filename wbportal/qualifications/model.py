"""The qualification matrix as typed values: what a qualification is (from the shipped catalogue
or a company's own), a person on the staff list, a held qualification (a matrix cell's data) and
what a cell says.

Staff data is personal data: a person is a name or pseudonym, a job and optionally the year they
plan to leave; nothing else is stored about them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

OWN_PREFIX = "c"  # ids of a company's own qualifications: "c<row id>"; catalogue ids never start so


@dataclass(frozen=True)
class Qualification:
    id: str                              # catalogue id ("ersthelfer") or OWN_PREFIX + row id
    label: str                           # German, as shown
    legal_basis: str = ""                # e.g. "§ 26 DGUV Vorschrift 1"
    validity_months: int | None = None   # None: does not expire; 12 for a yearly instruction
    lead_days: int = 60                  # remind (and generate a need) this many days before expiry
    search: str = ""                     # words that find offers for it in the search
    category: str = ""                   # taxonomy id that finds offers for it ("" = any)
    own: bool = False                    # a company's own qualification

    @property
    def expires(self) -> bool:
        return self.validity_months is not None


@dataclass
class Person:
    id: int | None
    company_id: int
    name: str                            # name or pseudonym, as the firm decides
    job: str = ""                        # job/role in the firm; roles can require qualifications
    leaving_year: int | None = None      # planned leaving (retirement, end of contract)
    archived: bool = False


@dataclass
class Holding:
    """A person holds a qualification: since `acquired`, valid until `valid_until` (None: no expiry).
    `valid_until` is computed from the qualification's validity unless the firm entered one."""
    id: int | None
    staff_id: int
    qualification: str
    acquired: date | None = None
    valid_until: date | None = None


class CellState(str, Enum):
    VALID = "valid"        # held, not due within the lead time (or never expires)
    DUE = "due"            # held, expires within the lead time
    EXPIRED = "expired"    # held, expired
    MISSING = "missing"    # not held although the person's job requires it
    EMPTY = "empty"        # not held, not required


@dataclass(frozen=True)
class Cell:
    state: CellState
    text: str                            # German words, never colour alone: "gültig bis 03/2027"
    valid_until: date | None = None
    days_left: int | None = None         # until valid_until (negative: expired since)
