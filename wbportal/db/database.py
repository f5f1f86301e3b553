"""One `Database(url)` per process: the engine with its per-backend settings, and the schema's
migration state.

SQLite (the embedded default) gets WAL and a busy timeout so that the web process reads while
a crawl writes; PostgreSQL gets a pre-ping pool so that a restarted server does not break the
next request. Nothing here creates tables: that is `upgrade()`, run by `wbportal db upgrade`,
`crawl`, `demo` and the scheduler, never by the web side.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaOutdated(RuntimeError):
    """The database is older (or newer) than the code: `wbportal db upgrade` fixes the former."""


class Database:
    def __init__(self, url: str):
        self.url = url
        self.backend = make_url(url).get_backend_name()  # "sqlite" or "postgresql"
        if self.backend == "sqlite":
            self.engine: Engine = create_engine(url, future=True)

            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _):
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()
        else:
            self.engine = create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=10)

    def __repr__(self) -> str:
        return f"Database({make_url(self.url).render_as_string(hide_password=True)!r})"

    # -- migrations -------------------------------------------------------------------------------
    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = self.engine
        return config

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def current_revision(self) -> str | None:
        from alembic.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self) -> tuple[str | None, str]:
        """Brings the schema to the newest revision (idempotent); returns (before, after).

        A database written before migrations existed (no alembic_version table) is adopted by the
        baseline revision, which creates only what is missing and keeps every row."""
        from alembic import command

        before = self.current_revision()
        command.upgrade(self._alembic_config(), "head")
        return before, self.current_revision()

    def require_current(self) -> None:
        """Raises SchemaOutdated with a message that says what to run."""
        current, head = self.current_revision(), self.head_revision()
        if current != head:
            state = "has no schema yet" if current is None and not self.table_names() else f"is at revision {current}"
            raise SchemaOutdated(f"the database {self!r} {state}, this version needs {head}: "
                                 f"run `wbportal db upgrade`")

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()
