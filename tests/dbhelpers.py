"""Databases for tests: a migrated `Database` for a URL, and the catalogue on it.

Tests go through `Database.upgrade()` like `wbportal db upgrade` does, so the schema they run on
is the one the migrations make, never one created from the metadata behind their back."""
from __future__ import annotations

from wbportal.catalogue import Catalogue
from wbportal.db import Database


def migrated(url: str) -> Database:
    db = Database(url)
    db.upgrade()
    return db


def catalogue_at(url: str) -> Catalogue:
    return Catalogue(migrated(url))
