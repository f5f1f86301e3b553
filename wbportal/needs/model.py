"""A company's training need ("Weiterbildungsbedarf") as one typed value.

Needs travel from the form to the store, the matcher, the digest and the office's demand
views; a dataclass with lists and dates (instead of a row dict with comma strings) lets each
of them rely on the same shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import Enum

# What a company can set; the rest (id, company, state, times) is kept by the store.
EDITABLE = ("topic", "category", "employees", "earliest", "latest", "place", "radius_km", "formats", "time_model",
            "max_price", "funding", "notes")


class OfficeStatus(str, Enum):
    """The coordination office's follow-up of a need (needs.office_status); companies never see it."""

    open = "open"            # nobody has acted on it yet
    contacted = "contacted"  # the office has spoken with the firm or a provider
    in_call = "in_call"      # part of a call for offers (set when the call is sent)
    served = "served"        # the firm has a course (a confirmed Verbundkurs or an offer it booked)
    dropped = "dropped"      # no longer pursued

    @property
    def label(self) -> str:
        return {"open": "offen", "contacted": "Kontakt aufgenommen", "in_call": "in einer Angebotsanfrage",
                "served": "versorgt", "dropped": "nicht weiter verfolgt"}[self.value]


@dataclass
class Need:
    topic: str
    category: str = ""                 # taxonomy id, "" = any
    employees: int = 1                 # head count of the company for this need
    earliest: date | None = None       # start window
    latest: date | None = None
    place: str = ""                    # town or postal code ("" = anywhere)
    radius_km: int = 50
    formats: list[str] = field(default_factory=list)   # normalize's format ids; empty = any
    time_model: str = ""               # "", fulltime, parttime
    max_price: int | None = None       # euros per person
    funding: list[str] = field(default_factory=list)   # funding programme ids; empty = any
    notes: str = ""
    origin: str = ""                   # "" = entered by the company; "renewal:<qualification id>" = generated
    reason: str = ""                   # why a generated need exists, in German
    joining: int | None = None         # "wir sind dabei": people sent to a joint course of its group
    office_status: str = OfficeStatus.open.value   # the office's follow-up (OfficeStatus)
    office_notes: str = ""             # the office's notes; never shown to the company
    id: int | None = None
    company_id: int | None = None
    paused: bool = False
    last_viewed: str | None = None     # ISO time the company last looked at its matches
    created: str | None = None
    updated: str | None = None

    @property
    def generated(self) -> bool:
        return bool(self.origin)

    def editable(self) -> dict:
        return {name: getattr(self, name) for name in EDITABLE}

    def with_changes(self, **changes) -> "Need":
        return replace(self, **changes)


def _day(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _ids(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return [v for v in value if v]


def need_from_row(row: dict) -> Need:
    """A stored row (dates as ISO text, lists as comma text) -> Need."""
    known = {f.name for f in fields(Need)}
    values = {k: v for k, v in row.items() if k in known}
    values["earliest"], values["latest"] = _day(values.get("earliest")), _day(values.get("latest"))
    values["formats"], values["funding"] = _ids(values.get("formats")), _ids(values.get("funding"))
    values["paused"] = bool(values.get("paused"))
    return Need(**values)


def need_to_row(need: Need) -> dict:
    """The editable part of a Need as stored column values."""
    row = need.editable()
    row["earliest"] = need.earliest.isoformat() if need.earliest else None
    row["latest"] = need.latest.isoformat() if need.latest else None
    row["formats"], row["funding"] = ",".join(need.formats), ",".join(need.funding)
    return row
