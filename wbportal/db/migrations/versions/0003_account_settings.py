"""Account settings and the office's user list: users.digest_weekly (the digest once a week on
Monday instead of every weekday; users.digest stays the on/off switch) and users.disabled (the
office blocks a bogus sign-up without deleting what it entered).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("digest_weekly", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("users", sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled")
        batch.drop_column("digest_weekly")
