"""The portal's settings and the things every command, job and web process works on, opened
once: the data directory, the one `Database`, the index store, the public base URL.

One place for the settings means the CLI, the scheduler and the web side cannot disagree (the
digest used to be wired twice with two default base URLs).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from .db import Database
from .paths import DataDir

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def public_base_url() -> str:
    """Where users reach the portal ($WBPORTAL_BASE_URL); used in mailed links."""
    return (os.environ.get("WBPORTAL_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


@dataclass
class Portal:
    data: DataDir
    db: Database
    base_url: str

    @classmethod
    def open(cls, data_dir=None, *, migrate: bool = False, database_url: str | None = None) -> "Portal":
        """The portal of a data directory; with `migrate` the schema is brought up to date first
        (writers do that: crawl, demo, scheduler, db upgrade), else it must already be current."""
        data = DataDir.resolve(data_dir)
        db = Database(database_url or data.database_url)
        if migrate:
            db.upgrade()
        else:
            db.require_current()
        return cls(data, db, public_base_url())

    @cached_property
    def catalogue(self):
        from .catalogue import Catalogue
        return Catalogue(self.db)

    @cached_property
    def accounts(self):
        from .users import Accounts
        return Accounts(self.db)

    @cached_property
    def needs(self):
        from .needs import NeedStore
        return NeedStore(self.db)

    @cached_property
    def index_store(self):
        from index import IndexStore
        return IndexStore(self.data.index_dir)

    def searcher(self):
        from index import Searcher
        return Searcher(self.index_store)

    def secret_key(self) -> str:
        return self.data.secret_key()
