"""Persistence: every table in one metadata (`tables.py`), one `Database(url)` object per
process (`database.py`) and the Alembic migrations that create and change the schema
(`migrations/`). SQLite is the embedded default; PostgreSQL works through the same URL setting."""
from .database import Database, SchemaOutdated
from .tables import metadata

__all__ = ["Database", "SchemaOutdated", "metadata"]
