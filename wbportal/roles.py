"""The one definition of who may do what: user roles and the kinds of organisation a user
belongs to. Every layer imports these enums instead of repeating the strings.

A user belongs to one organisation (`companies` row): a firm with needs, the coordination
office, a training provider, or a labour-market actor (employment agency, job centre, chamber,
economic development). The role says what the user may do; the organisation's kind says what
kind of record it is (only firms have needs, staff and seats).
"""
from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    company = "company"    # a user of a firm: needs, matches, seats in joint courses
    admin = "admin"        # the coordination office
    provider = "provider"  # a training provider: its offers, corrections, answers to calls, anonymised demand
    labour = "labour"      # a labour-market actor: anonymised demand only

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {Role.company: "Firma", Role.admin: "Koordinierungsstelle", Role.provider: "Bildungsanbieter",
               Role.labour: "Arbeitsmarktakteur"}


class OrgKind(str, Enum):
    firm = "firm"
    office = "office"
    provider = "provider"
    labour = "labour"

    @property
    def label(self) -> str:
        return {"firm": "Firma", "office": "Koordinierungsstelle", "provider": "Bildungsanbieter",
                "labour": "Arbeitsmarktakteur"}[self.value]


ROLE_OF_KIND = {OrgKind.firm: Role.company, OrgKind.office: Role.admin, OrgKind.provider: Role.provider,
                OrgKind.labour: Role.labour}
