"""Alembic environment: runs on the engine the `Database` object hands over (never a URL in an
ini file), so `wbportal db upgrade` migrates exactly the database the portal uses."""
from alembic import context

from wbportal.db.tables import metadata

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        # batch mode: SQLite cannot ALTER most things, Alembic copies the table instead
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():  # pragma: no cover - we always migrate a live database
    raise SystemExit("offline migrations are not supported: run `wbportal db upgrade`")
run_migrations_online()
