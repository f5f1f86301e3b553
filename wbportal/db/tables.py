"""Every table of the portal in one SQLAlchemy MetaData.

Defining them in one module means every process sees the same schema whatever it imported;
the schema itself is created and changed only by the Alembic migrations in `migrations/`
(`wbportal db upgrade`). When you change a table here, add a migration that does the same.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

# -- catalogue: offers and crawl runs -------------------------------------------------------------
offers = Table(
    "offers", metadata,
    Column("id", String(80), primary_key=True),
    Column("source", String(80), nullable=False, index=True),
    Column("course_key", String(80), nullable=False, index=True),
    Column("record", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("active", Boolean, nullable=False, default=True, index=True),
    Column("gone_since", String(32)),
    Column("dedupe_key", String(40), index=True),  # shared by other sources' listings of the run
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(80), nullable=False, index=True),
    Column("job", String(80), nullable=False, default="manual"),
    Column("started", String(32), nullable=False),
    Column("finished", String(32)),
    Column("status", String(16), nullable=False),  # ok / degraded / failed
    Column("pages", Integer, default=0),
    Column("raw_items", Integer, default=0),
    Column("offers_valid", Integer, default=0),
    Column("offers_invalid", Integer, default=0),
    Column("added", Integer, default=0),
    Column("changed", Integer, default=0),
    Column("removed", Integer, default=0),
    Column("duration_s", Float),
    Column("errors", Text, default="[]"),
    Column("raw_path", Text),
    Column("coverage", Text, default="{}"),
    Column("unparsed", Text, default="{}"),  # most common texts not understood, per field
)

# -- companies and their users --------------------------------------------------------------------
companies = Table(
    "companies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("postal_code", String(5), nullable=False),
    Column("size", String(20), nullable=False),
    Column("sector", String(200), nullable=False, default=""),
    Column("contact", String(200), nullable=False, default=""),
    Column("created", String(32), nullable=False),
    Column("matrix_for_all", Boolean, nullable=False, default=False),  # colleagues may read the matrix
    Column("calendar_token", String(64)),                            # secret of the iCal feed URL
    Column("kind", String(20), nullable=False, default="firm"),  # wbportal.roles.OrgKind (0004)
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False, default="company"),  # company / admin
    Column("digest", Boolean, nullable=False, default=True),  # e-mail about new matches
    Column("kuemmerer", Boolean, nullable=False, default=False),  # keeps the firm's matrix (0002)
    Column("digest_weekly", Boolean, nullable=False, default=False),  # digest on Mondays only (0003)
    Column("disabled", Boolean, nullable=False, default=False),  # blocked by the office (0003)
    Column("created", String(32), nullable=False),
)

mailed = Table(  # each match is mailed to a user once
    "mailed", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("offer_id", String(80), primary_key=True),
    Column("at", String(32), nullable=False),
)

watch = Table(  # a user's watch list of offers
    "watch", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("offer_id", String(80), primary_key=True),
    Column("at", String(32), nullable=False),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, index=True),  # "email:<address>" or "ip:<address>"
    Column("at", String(32), nullable=False),
)

# -- companies' training needs --------------------------------------------------------------------
needs = Table(
    "needs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("topic", String(300), nullable=False),
    Column("category", String(80), nullable=False, default=""),
    Column("employees", Integer, nullable=False, default=1),
    Column("earliest", String(10)),
    Column("latest", String(10)),
    Column("place", String(80), nullable=False, default=""),
    Column("radius_km", Integer, nullable=False, default=50),
    Column("formats", String(100), nullable=False, default=""),   # comma list of onsite/online/...
    Column("time_model", String(20), nullable=False, default=""),  # "", fulltime, parttime
    Column("max_price", Integer),
    Column("funding", String(200), nullable=False, default=""),   # comma list of programme ids
    Column("notes", Text, nullable=False, default=""),
    Column("paused", Boolean, nullable=False, default=False),
    Column("last_viewed", String(32)),  # when the company last looked at its matches
    Column("origin", String(120), nullable=False, default=""),  # "renewal:<qualification>", "risk:<q>" (0002)
    Column("reason", Text, nullable=False, default=""),         # why a generated need exists, in German
    Column("joining", Integer),  # "wir sind dabei": people the company sends to a joint course (0002)
    Column("office_status", String(20), nullable=False, default="open"),  # the office's follow-up (0004)
    Column("office_notes", Text, nullable=False, default=""),             # the office's notes (0004)
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

# -- the Kümmerer's workspace: staff, qualification matrix, network (revision 0002) ---------------
# Personal data: a person is a name or pseudonym, a job and optionally a planned leaving year.
# Every row carries its company_id, and every query of the stores filters by it.
staff = Table(
    "staff", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("job", String(120), nullable=False, default=""),
    Column("leaving_year", Integer),
    Column("archived", Boolean, nullable=False, default=False),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

own_qualifications = Table(  # a company's own qualifications (in-house machines, software, ...)
    "own_qualifications", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("validity_months", Integer),  # None: does not expire
    Column("lead_days", Integer, nullable=False, default=60),
    Column("search", String(200), nullable=False, default=""),
    Column("category", String(80), nullable=False, default=""),
)

holdings = Table(  # a person holds a qualification (one matrix cell)
    "holdings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("staff_id", Integer, ForeignKey("staff.id"), nullable=False, index=True),
    Column("qualification", String(80), nullable=False),  # catalogue id or "c<own id>"
    Column("acquired", String(10)),
    Column("valid_until", String(10)),  # entered by the firm; else computed from the validity
    UniqueConstraint("staff_id", "qualification", name="uq_holdings_staff_qualification"),
)

requirements = Table(  # a job requires a qualification ("fehlt" where not held)
    "requirements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("job", String(120), nullable=False),
    Column("qualification", String(80), nullable=False),
    UniqueConstraint("company_id", "job", "qualification", name="uq_requirements_job_qualification"),
)

kuemmerer_profiles = Table(  # opt-in entry in the Kümmerer network directory
    "kuemmerer_profiles", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("visible", Boolean, nullable=False, default=False),
    Column("display_name", String(120), nullable=False, default=""),
    Column("town", String(80), nullable=False, default=""),
    Column("industry", String(120), nullable=False, default=""),
    Column("topics", String(300), nullable=False, default=""),
    Column("contact", String(200), nullable=False, default=""),
    Column("updated", String(32), nullable=False),
)


# -- providers, calls for offers, audit (revision 0004) -------------------------------------------
provider_sources = Table(  # a provider account's organisation and the sources.yaml entries it owns
    "provider_sources", metadata,
    Column("company_id", Integer, ForeignKey("companies.id"), primary_key=True),
    Column("source_key", String(80), primary_key=True),
)

offer_corrections = Table(  # a provider's correction of one field of a crawled offer (wins over the crawl)
    "offer_corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("offer_id", String(80), nullable=False, index=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("field", String(40), nullable=False),        # a schema field, or "hidden" (no longer bookable)
    Column("value", Text, nullable=False),              # JSON
    Column("crawled", Text, nullable=False),            # JSON: the crawl's value when the correction was made
    Column("page_changed", Boolean, nullable=False, default=False),  # the provider's page changed it since
    Column("page_value", Text),                          # JSON: what the page says now
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    UniqueConstraint("offer_id", "field", name="uq_offer_corrections_offer_field"),
)

manual_offers = Table(  # offers a provider entered by hand (a per-provider manual source)
    "manual_offers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("data", Text, nullable=False),               # JSON: the form's fields as a raw item
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

calls = Table(  # calls for offers (Angebotsanfragen) of the office for a group of firms
    "calls", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("topic", String(300), nullable=False),
    Column("category", String(80), nullable=False, default=""),
    Column("head_count", Integer, nullable=False, default=0),
    Column("company_count", Integer, nullable=False, default=0),
    Column("earliest", String(10)),
    Column("latest", String(10)),
    Column("place", String(80), nullable=False, default=""),
    Column("radius_km", Integer, nullable=False, default=50),
    Column("formats", String(100), nullable=False, default=""),
    Column("budget_per_person", Integer),
    Column("deadline", String(10)),
    Column("notes", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False, default="draft"),  # draft/sent/answers/accepted/confirmed/cancelled
    Column("accepted_answer_id", Integer),
    Column("accepted_proposal", Integer),
    Column("offer_id", String(80)),                     # the Verbundkurs in the catalogue, once confirmed
    Column("origin", String(120), nullable=False, default=""),
    Column("created_by", Integer),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

call_needs = Table(  # the needs (and so the firms) a call is for; heads as they were when it was made
    "call_needs", metadata,
    Column("call_id", Integer, ForeignKey("calls.id"), primary_key=True),
    Column("need_id", Integer, primary_key=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("heads", Integer, nullable=False, default=1),
)

call_recipients = Table(  # the providers a call went to, each with its own revocable answer link
    "call_recipients", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("calls.id"), nullable=False, index=True),
    Column("company_id", Integer, ForeignKey("companies.id")),  # a provider account's organisation
    Column("source_key", String(80)),                            # or a provider of sources.yaml
    Column("provider_name", String(200), nullable=False),
    Column("email", String(254), nullable=False),
    Column("nonce", String(64), nullable=False),                 # part of the signed link; changed = revoked
    Column("revoked", Boolean, nullable=False, default=False),
    Column("sent_at", String(32)),
)

call_answers = Table(
    "call_answers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("calls.id"), nullable=False, index=True),
    Column("recipient_id", Integer, ForeignKey("call_recipients.id"), nullable=False, index=True),
    Column("status", String(20), nullable=False, default="offer"),  # offer / declined
    Column("proposals", Text, nullable=False, default="[]"),        # JSON: [{start_date, end_date, times, sessions}]
    Column("online", Boolean, nullable=False, default=False),
    Column("place", String(200), nullable=False, default=""),
    Column("town", String(80), nullable=False, default=""),
    Column("price_per_person", Float),
    Column("min_heads", Integer),
    Column("max_heads", Integer),
    Column("notes", Text, nullable=False, default=""),
    Column("decline_reason", Text, nullable=False, default=""),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

call_messages = Table(  # the office asks back, the provider replies
    "call_messages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("calls.id"), nullable=False, index=True),
    Column("recipient_id", Integer, ForeignKey("call_recipients.id"), nullable=False),
    Column("sender", String(20), nullable=False),  # office / provider
    Column("text", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

call_seats = Table(  # seats a firm confirmed (or asked for) in the accepted proposal
    "call_seats", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("calls.id"), nullable=False, index=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("seats", Integer, nullable=False),
    Column("status", String(20), nullable=False, default="confirmed"),  # confirmed / requested / declined
    Column("user_id", Integer),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    UniqueConstraint("call_id", "company_id", name="uq_call_seats_call_company"),
)

audit_log = Table(  # office actions and the steps of calls; never changed
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(254), nullable=False),
    Column("action", String(60), nullable=False),
    Column("subject", String(120), nullable=False, index=True),
    Column("details", Text, nullable=False, default="{}"),
)
