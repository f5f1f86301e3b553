"""Closing the loop (#14): organisations of other kinds (companies.kind: firm, office, provider,
labour), the office's follow-up of needs (needs.office_status, office_notes), provider accounts
linked to sources, providers' corrections and hand-entered offers, calls for offers with their
recipients, answers, messages and seats, and the audit log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OFFICE = "Koordinierungsstelle Weiterbildungsverbund Erzgebirge"  # wbportal.users.OFFICE when this was written
NEW_TABLES = ("audit_log", "call_seats", "call_messages", "call_answers", "call_recipients", "call_needs", "calls",
              "manual_offers", "offer_corrections", "provider_sources")


def upgrade() -> None:
    op.add_column("companies", sa.Column("kind", sa.String(20), nullable=False, server_default="firm"))
    op.execute(sa.text("UPDATE companies SET kind = 'office' WHERE name = :office").bindparams(office=OFFICE))
    op.add_column("needs", sa.Column("office_status", sa.String(20), nullable=False, server_default="open"))
    op.add_column("needs", sa.Column("office_notes", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "provider_sources",
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), primary_key=True),
        sa.Column("source_key", sa.String(80), primary_key=True),
    )
    op.create_table(
        "offer_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("offer_id", sa.String(80), nullable=False),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("crawled", sa.Text, nullable=False),
        sa.Column("page_changed", sa.Boolean, nullable=False),
        sa.Column("page_value", sa.Text),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.UniqueConstraint("offer_id", "field", name="uq_offer_corrections_offer_field"),
    )
    op.create_index("ix_offer_corrections_offer_id", "offer_corrections", ["offer_id"])
    op.create_index("ix_offer_corrections_company_id", "offer_corrections", ["company_id"])
    op.create_table(
        "manual_offers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_index("ix_manual_offers_company_id", "manual_offers", ["company_id"])
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("topic", sa.String(300), nullable=False),
        sa.Column("category", sa.String(80), nullable=False),
        sa.Column("head_count", sa.Integer, nullable=False),
        sa.Column("company_count", sa.Integer, nullable=False),
        sa.Column("earliest", sa.String(10)),
        sa.Column("latest", sa.String(10)),
        sa.Column("place", sa.String(80), nullable=False),
        sa.Column("radius_km", sa.Integer, nullable=False),
        sa.Column("formats", sa.String(100), nullable=False),
        sa.Column("budget_per_person", sa.Integer),
        sa.Column("deadline", sa.String(10)),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("accepted_answer_id", sa.Integer),
        sa.Column("accepted_proposal", sa.Integer),
        sa.Column("offer_id", sa.String(80)),
        sa.Column("origin", sa.String(120), nullable=False),
        sa.Column("created_by", sa.Integer),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_table(
        "call_needs",
        sa.Column("call_id", sa.Integer, sa.ForeignKey("calls.id"), primary_key=True),
        sa.Column("need_id", sa.Integer, primary_key=True),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("heads", sa.Integer, nullable=False),
    )
    op.create_index("ix_call_needs_company_id", "call_needs", ["company_id"])
    op.create_table(
        "call_recipients",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Integer, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id")),
        sa.Column("source_key", sa.String(80)),
        sa.Column("provider_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("sent_at", sa.String(32)),
    )
    op.create_index("ix_call_recipients_call_id", "call_recipients", ["call_id"])
    op.create_table(
        "call_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Integer, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("recipient_id", sa.Integer, sa.ForeignKey("call_recipients.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("proposals", sa.Text, nullable=False),
        sa.Column("online", sa.Boolean, nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("town", sa.String(80), nullable=False),
        sa.Column("price_per_person", sa.Float),
        sa.Column("min_heads", sa.Integer),
        sa.Column("max_heads", sa.Integer),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("decline_reason", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_index("ix_call_answers_call_id", "call_answers", ["call_id"])
    op.create_index("ix_call_answers_recipient_id", "call_answers", ["recipient_id"])
    op.create_table(
        "call_messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Integer, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("recipient_id", sa.Integer, sa.ForeignKey("call_recipients.id"), nullable=False),
        sa.Column("sender", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_call_messages_call_id", "call_messages", ["call_id"])
    op.create_table(
        "call_seats",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Integer, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("seats", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.UniqueConstraint("call_id", "company_id", name="uq_call_seats_call_company"),
    )
    op.create_index("ix_call_seats_call_id", "call_seats", ["call_id"])
    op.create_index("ix_call_seats_company_id", "call_seats", ["company_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])


def downgrade() -> None:
    for name in NEW_TABLES:
        op.drop_table(name)
    with op.batch_alter_table("needs") as batch:
        batch.drop_column("office_notes")
        batch.drop_column("office_status")
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("kind")
