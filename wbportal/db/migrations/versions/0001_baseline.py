"""Baseline: the schema as main 84c2aa6 left it (offers, runs, companies, users, mailed, watch,
login_failures, needs).

Databases of that and earlier versions have no alembic_version table: this revision adopts
them. It creates only the tables that are missing and adds the columns that earlier versions
lacked (offers.dedupe_key, runs.unparsed), so every existing row is kept. On an empty database
it simply creates the schema.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> dict[str, tuple[list, list]]:
    """name -> (columns, indexes) as of 84c2aa6; fresh objects for every call."""
    return {
        "offers": ([
            sa.Column("id", sa.String(80), primary_key=True),
            sa.Column("source", sa.String(80), nullable=False),
            sa.Column("course_key", sa.String(80), nullable=False),
            sa.Column("record", sa.Text, nullable=False),
            sa.Column("content_hash", sa.String(64), nullable=False),
            sa.Column("first_seen", sa.String(32), nullable=False),
            sa.Column("last_seen", sa.String(32), nullable=False),
            sa.Column("active", sa.Boolean, nullable=False),
            sa.Column("gone_since", sa.String(32)),
            sa.Column("dedupe_key", sa.String(40)),
        ], ["source", "course_key", "active", "dedupe_key"]),
        "runs": ([
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("source", sa.String(80), nullable=False),
            sa.Column("job", sa.String(80), nullable=False),
            sa.Column("started", sa.String(32), nullable=False),
            sa.Column("finished", sa.String(32)),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("pages", sa.Integer),
            sa.Column("raw_items", sa.Integer),
            sa.Column("offers_valid", sa.Integer),
            sa.Column("offers_invalid", sa.Integer),
            sa.Column("added", sa.Integer),
            sa.Column("changed", sa.Integer),
            sa.Column("removed", sa.Integer),
            sa.Column("duration_s", sa.Float),
            sa.Column("errors", sa.Text),
            sa.Column("raw_path", sa.Text),
            sa.Column("coverage", sa.Text),
            sa.Column("unparsed", sa.Text, server_default="{}"),
        ], ["source"]),
        "companies": ([
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("postal_code", sa.String(5), nullable=False),
            sa.Column("size", sa.String(20), nullable=False),
            sa.Column("sector", sa.String(200), nullable=False),
            sa.Column("contact", sa.String(200), nullable=False),
            sa.Column("created", sa.String(32), nullable=False),
        ], []),
        "users": ([
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
            sa.Column("email", sa.String(254), nullable=False, unique=True),
            sa.Column("password_hash", sa.String(300), nullable=False),
            sa.Column("role", sa.String(20), nullable=False),
            sa.Column("digest", sa.Boolean, nullable=False),
            sa.Column("created", sa.String(32), nullable=False),
        ], ["company_id"]),
        "mailed": ([
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
            sa.Column("offer_id", sa.String(80), primary_key=True),
            sa.Column("at", sa.String(32), nullable=False),
        ], []),
        "watch": ([
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
            sa.Column("offer_id", sa.String(80), primary_key=True),
            sa.Column("at", sa.String(32), nullable=False),
        ], []),
        "login_failures": ([
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("key", sa.String(300), nullable=False),
            sa.Column("at", sa.String(32), nullable=False),
        ], ["key"]),
        "needs": ([
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
            sa.Column("topic", sa.String(300), nullable=False),
            sa.Column("category", sa.String(80), nullable=False),
            sa.Column("employees", sa.Integer, nullable=False),
            sa.Column("earliest", sa.String(10)),
            sa.Column("latest", sa.String(10)),
            sa.Column("place", sa.String(80), nullable=False),
            sa.Column("radius_km", sa.Integer, nullable=False),
            sa.Column("formats", sa.String(100), nullable=False),
            sa.Column("time_model", sa.String(20), nullable=False),
            sa.Column("max_price", sa.Integer),
            sa.Column("funding", sa.String(200), nullable=False),
            sa.Column("notes", sa.Text, nullable=False),
            sa.Column("paused", sa.Boolean, nullable=False),
            sa.Column("last_viewed", sa.String(32)),
            sa.Column("created", sa.String(32), nullable=False),
            sa.Column("updated", sa.String(32), nullable=False),
        ], ["company_id"]),
    }


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = set(inspector.get_table_names())
    for name, (columns, indexed) in _tables().items():  # in foreign-key order
        if name not in present:
            op.create_table(name, *columns)
            for column in indexed:
                op.create_index(f"ix_{name}_{column}", name, [column])
            continue
        # a table of an earlier version: add the columns it lacks (they are all nullable)
        have = {c["name"] for c in inspector.get_columns(name)}
        have_indexes = {i["name"] for i in inspector.get_indexes(name)}
        for column in columns:
            if column.name not in have:
                op.add_column(name, column)
        for column in indexed:
            if f"ix_{name}_{column}" not in have_indexes:
                op.create_index(f"ix_{name}_{column}", name, [column])


def downgrade() -> None:
    for name in reversed(list(_tables())):
        op.drop_table(name)
