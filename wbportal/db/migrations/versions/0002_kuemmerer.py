"""The Kümmerer's workspace: staff list, a company's own qualifications, held qualifications
(the matrix), job requirements, network profiles; users.kuemmerer (the first user of each
existing company becomes one), companies.matrix_for_all and calendar_token, needs.origin and
reason for needs generated from due renewals, needs.joining ("wir sind dabei" in a joint-course
group).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (a constant default): SQLite does it in place, no table copy
    op.add_column("users", sa.Column("kuemmerer", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("companies", sa.Column("matrix_for_all", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("companies", sa.Column("calendar_token", sa.String(64)))
    op.add_column("needs", sa.Column("origin", sa.String(120), nullable=False, server_default=""))
    op.add_column("needs", sa.Column("reason", sa.Text, nullable=False, server_default=""))
    op.add_column("needs", sa.Column("joining", sa.Integer))
    # the first user of every company (not the office's admins) keeps its matrix
    op.execute("UPDATE users SET kuemmerer = TRUE WHERE role = 'company' AND id IN "
               "(SELECT MIN(id) FROM users WHERE role = 'company' GROUP BY company_id)")

    op.create_table(
        "staff",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("job", sa.String(120), nullable=False),
        sa.Column("leaving_year", sa.Integer),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_index("ix_staff_company_id", "staff", ["company_id"])
    op.create_table(
        "own_qualifications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("validity_months", sa.Integer),
        sa.Column("lead_days", sa.Integer, nullable=False),
        sa.Column("search", sa.String(200), nullable=False),
        sa.Column("category", sa.String(80), nullable=False),
    )
    op.create_index("ix_own_qualifications_company_id", "own_qualifications", ["company_id"])
    op.create_table(
        "holdings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("qualification", sa.String(80), nullable=False),
        sa.Column("acquired", sa.String(10)),
        sa.Column("valid_until", sa.String(10)),
        sa.UniqueConstraint("staff_id", "qualification", name="uq_holdings_staff_qualification"),
    )
    op.create_index("ix_holdings_company_id", "holdings", ["company_id"])
    op.create_index("ix_holdings_staff_id", "holdings", ["staff_id"])
    op.create_table(
        "requirements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("job", sa.String(120), nullable=False),
        sa.Column("qualification", sa.String(80), nullable=False),
        sa.UniqueConstraint("company_id", "job", "qualification", name="uq_requirements_job_qualification"),
    )
    op.create_index("ix_requirements_company_id", "requirements", ["company_id"])
    op.create_table(
        "kuemmerer_profiles",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("visible", sa.Boolean, nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("town", sa.String(80), nullable=False),
        sa.Column("industry", sa.String(120), nullable=False),
        sa.Column("topics", sa.String(300), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for name in ("kuemmerer_profiles", "requirements", "holdings", "own_qualifications", "staff"):
        op.drop_table(name)
    with op.batch_alter_table("needs") as batch:
        batch.drop_column("joining")
        batch.drop_column("reason")
        batch.drop_column("origin")
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("calendar_token")
        batch.drop_column("matrix_for_all")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("kuemmerer")
