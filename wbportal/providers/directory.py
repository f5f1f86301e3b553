"""The provider directory: whom the office can send a call for offers to.

It joins two lists: the providers of `sources.yaml` (name and, where the source has a
`contact:` block with an e-mail, its address) and the provider accounts (organisations of kind
`provider` with their users' addresses and the sources they are linked to). A provider with an
account is listed once, under its account, with the sources it is linked to; a source without
a contact e-mail is listed too but cannot be picked (the page says why).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..db import Database
from ..db.tables import companies, provider_sources, users
from ..roles import OrgKind


@dataclass(frozen=True)
class DirectoryEntry:
    key: str                      # "org:<id>" for an account, "source:<key>" for a sources.yaml entry
    name: str
    email: str | None             # None: no address known, cannot be picked
    company_id: int | None = None
    source_keys: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_account(self) -> bool:
        return self.company_id is not None


def linked_sources(db: Database, company_id: int) -> list[str]:
    with db.engine.connect() as conn:
        return sorted(r.source_key for r in conn.execute(
            select(provider_sources.c.source_key).where(provider_sources.c.company_id == company_id)))


def provider_directory(db: Database, sources) -> list[DirectoryEntry]:
    """Every provider the office can address, sorted by name; `sources` is a loaded SourcesFile
    (or None when sources.yaml cannot be read: accounts only)."""
    with db.engine.connect() as conn:
        orgs = conn.execute(select(companies.c.id, companies.c.name).where(
            companies.c.kind == OrgKind.provider.value)).all()
        links = conn.execute(select(provider_sources.c.company_id, provider_sources.c.source_key)).all()
        emails = {}
        for row in conn.execute(select(users.c.company_id, users.c.email).where(users.c.disabled.is_(False))
                                .order_by(users.c.id)):
            emails.setdefault(row.company_id, row.email)  # the organisation's first user
    linked: dict[int, list[str]] = {}
    for row in links:
        linked.setdefault(row.company_id, []).append(row.source_key)
    entries = [DirectoryEntry(f"org:{org.id}", org.name, emails.get(org.id), org.id, tuple(sorted(linked.get(org.id, []))))
               for org in orgs]
    taken = {key for keys in linked.values() for key in keys}
    for source in (sources.sources.values() if sources is not None else ()):
        if source.key in taken:
            continue
        email = source.contact.email if source.contact is not None else None
        entries.append(DirectoryEntry(f"source:{source.key}", source.provider, email, None, (source.key,)))
    return sorted(entries, key=lambda e: (e.name.lower(), e.key))


def directory_entry(db: Database, sources, key: str) -> DirectoryEntry | None:
    return next((e for e in provider_directory(db, sources) if e.key == key), None)
