"""Companies, their users and their training needs ("Weiterbildungsbedarfe"), in the catalogue
database through the same data layer (SQLAlchemy Core: SQLite by default, PostgreSQL by URL).

Passwords are hashed with werkzeug (scrypt); failed logins are counted per e-mail address and
per client address so that guessing is slowed down without telling who has an account.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text, delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from .catalogue import metadata, now_iso

companies = Table(
    "companies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("postal_code", String(5), nullable=False),
    Column("size", String(20), nullable=False),
    Column("sector", String(200), nullable=False, default=""),
    Column("contact", String(200), nullable=False, default=""),
    Column("created", String(32), nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company_id", Integer, ForeignKey("companies.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False, default="company"),  # company / admin
    Column("digest", Boolean, nullable=False, default=True),  # e-mail about new matches
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
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, index=True),  # "email:<address>" or "ip:<address>"
    Column("at", String(32), nullable=False),
)

OFFICE = "Koordinierungsstelle Weiterbildungsverbund Erzgebirge"
MAX_FAILURES = 5            # per e-mail address or client address ...
FAILURE_WINDOW = timedelta(minutes=15)  # ... within this window
NEED_FIELDS = ("topic", "category", "employees", "earliest", "latest", "place", "radius_km", "formats",
               "time_model", "max_price", "funding", "notes")


class AccountError(ValueError):
    """A request the user can fix; the message is German and safe to show."""


@dataclass
class User:
    id: int
    company_id: int
    email: str
    role: str
    company_name: str
    digest: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class Accounts:
    def __init__(self, url: str):
        from .catalogue import Catalogue
        self.engine = Catalogue(url).engine  # same engine setup (WAL, busy timeout) and tables

    # -- companies and users ------------------------------------------------------------------
    def register(self, *, company: str, postal_code: str, size: str, sector: str, contact: str, email: str,
                 password: str) -> User:
        email = email.strip().lower()
        if len(password) < 10:
            raise AccountError("Bitte wählen Sie ein Passwort mit mindestens 10 Zeichen.")
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.email == email)).first():
                raise AccountError("Mit dieser E-Mail-Adresse ist bereits ein Konto angelegt. Bitte melden Sie sich an.")
            company_id = conn.execute(companies.insert().values(
                name=company.strip(), postal_code=postal_code.strip(), size=size, sector=sector.strip(),
                contact=contact.strip(), created=now_iso())).inserted_primary_key[0]
            conn.execute(users.insert().values(company_id=company_id, email=email, role="company",
                                               password_hash=generate_password_hash(password), created=now_iso()))
        return self.user_by_email(email)

    def add_user(self, company_id: int, email: str, password: str, role: str = "company") -> User:
        email = email.strip().lower()
        with self.engine.begin() as conn:
            conn.execute(users.insert().values(company_id=company_id, email=email, role=role,
                                               password_hash=generate_password_hash(password), created=now_iso()))
        return self.user_by_email(email)

    def add_admin(self, email: str, password: str) -> User:
        """A coordination-office user (admin role), in the office's own company record."""
        if len(password) < 12:
            raise AccountError("Das Passwort für die Koordinierungsstelle braucht mindestens 12 Zeichen.")
        with self.engine.begin() as conn:
            row = conn.execute(select(companies.c.id).where(companies.c.name == OFFICE)).first()
            office = row.id if row else conn.execute(companies.insert().values(
                name=OFFICE, postal_code="09456", size="1-9", sector="", contact="", created=now_iso())
            ).inserted_primary_key[0]
        return self.add_user(office, email, password, role="admin")

    def set_password(self, user_id: int, password: str) -> None:
        if len(password) < 10:
            raise AccountError("Bitte wählen Sie ein Passwort mit mindestens 10 Zeichen.")
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(password_hash=generate_password_hash(password)))

    def users_of(self, company_id: int) -> list[User]:
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(select(users.c.id).where(users.c.company_id == company_id))]
        return [self.user_by_id(i) for i in ids]

    def digest_users(self) -> list[User]:
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(select(users.c.id).where(users.c.digest.is_(True), users.c.role == "company"))]
        return [self.user_by_id(i) for i in ids]

    def set_digest(self, user_id: int, on: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(digest=on))

    def unmailed(self, user_id: int, offer_ids: list[str]) -> list[str]:
        with self.engine.connect() as conn:
            done = {r.offer_id for r in conn.execute(select(mailed.c.offer_id).where(mailed.c.user_id == user_id))}
        return [o for o in offer_ids if o not in done]

    def mark_mailed(self, user_id: int, offer_ids: list[str]) -> None:
        if offer_ids:
            with self.engine.begin() as conn:
                conn.execute(mailed.insert(), [{"user_id": user_id, "offer_id": o, "at": now_iso()} for o in offer_ids])

    def watched(self, user_id: int) -> list[str]:
        with self.engine.connect() as conn:
            return [r.offer_id for r in conn.execute(select(watch.c.offer_id).where(watch.c.user_id == user_id)
                                                     .order_by(watch.c.at))]

    def toggle_watch(self, user_id: int, offer_id: str) -> bool:
        """True if the offer is on the watch list afterwards."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(watch).where(watch.c.user_id == user_id, watch.c.offer_id == offer_id)).rowcount
            if not gone:
                conn.execute(watch.insert().values(user_id=user_id, offer_id=offer_id, at=now_iso()))
        return not gone

    def mark_viewed(self, company_id: int, need_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                         .values(last_viewed=now_iso()))

    def user_by_email(self, email: str) -> User | None:
        return self._user(users.c.email == email.strip().lower())

    def user_by_id(self, user_id: int) -> User | None:
        return self._user(users.c.id == user_id)

    def _user(self, condition) -> User | None:
        query = (select(users.c.id, users.c.company_id, users.c.email, users.c.role, companies.c.name, users.c.digest)
                 .join(companies, companies.c.id == users.c.company_id).where(condition))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return User(*row) if row else None

    def login(self, email: str, password: str, client: str) -> User:
        """The user, or AccountError with one message for every failure (no enumeration)."""
        email = email.strip().lower()
        keys = [f"email:{email}", f"ip:{client}"]
        since = (datetime.now(timezone.utc) - FAILURE_WINDOW).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            recent = conn.execute(select(func.count()).select_from(login_failures).where(
                login_failures.c.key.in_(keys), login_failures.c.at >= since)).scalar_one()
            if recent >= MAX_FAILURES:
                blocked, ok, row = True, False, None
            else:
                blocked = False
                row = conn.execute(select(users.c.id, users.c.password_hash).where(users.c.email == email)).first()
                # the hash is checked even for unknown addresses, so that timing reveals nothing
                ok = check_password_hash(row.password_hash if row else _DUMMY_HASH, password) and row is not None
                if ok:
                    conn.execute(delete(login_failures).where(login_failures.c.key == keys[0]))
                else:
                    conn.execute(login_failures.insert(), [{"key": k, "at": now_iso()} for k in keys])
        # raised after the transaction, so that the recorded failure is kept
        if blocked:
            raise AccountError("Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es erneut.")
        if not ok:
            raise AccountError("E-Mail-Adresse oder Passwort ist falsch.")
        return self.user_by_id(row.id)

    # -- needs ---------------------------------------------------------------------------------
    def all_needs(self) -> list[tuple[dict, str]]:
        """Every need with its company's name (for the coordination office only)."""
        query = select(needs, companies.c.name.label("company_name")).join(companies, companies.c.id == needs.c.company_id)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query.order_by(needs.c.id))]
        return [({k: v for k, v in r.items() if k != "company_name"}, r["company_name"]) for r in rows]

    def needs_of(self, company_id: int) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(needs).where(needs.c.company_id == company_id).order_by(needs.c.id))
            return [dict(r._mapping) for r in rows]

    def need(self, company_id: int, need_id: int) -> dict | None:
        """A need of this company only: another company's id is simply not found."""
        with self.engine.connect() as conn:
            row = conn.execute(select(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)).first()
        return dict(row._mapping) if row else None

    def save_need(self, company_id: int, values: dict, need_id: int | None = None) -> int:
        values = {k: values.get(k) for k in NEED_FIELDS} | {"updated": now_iso()}
        with self.engine.begin() as conn:
            if need_id is None:
                return conn.execute(needs.insert().values(company_id=company_id, created=now_iso(), **values)
                                    ).inserted_primary_key[0]
            changed = conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                                   .values(**values)).rowcount
        if not changed:
            raise LookupError(need_id)
        return need_id

    def set_paused(self, company_id: int, need_id: int, paused: bool) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(update(needs).where(needs.c.id == need_id, needs.c.company_id == company_id)
                                     .values(paused=paused, updated=now_iso())).rowcount)

    def delete_need(self, company_id: int, need_id: int) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(needs).where(needs.c.id == need_id,
                                                         needs.c.company_id == company_id)).rowcount)


_DUMMY_HASH = generate_password_hash("no such user: compare against something")


def seed_demo(accounts: Accounts, path) -> int:
    """Demo companies, users and needs from demo/companies.yaml (skipped if already there)."""
    import yaml
    data = yaml.safe_load(open(path, encoding="utf-8"))
    if accounts.user_by_email(data["office"]["email"]) is None:
        accounts.add_admin(data["office"]["email"], data["office"]["password"])
    added = 0
    for company in data["companies"]:
        if accounts.user_by_email(company["email"]) is not None:
            continue
        user = accounts.register(company=company["name"], postal_code=company["postal_code"], size=company["size"],
                                 sector=company["sector"], contact="", email=company["email"], password=data["password"])
        for need in company["needs"]:
            accounts.save_need(user.company_id, {k: need.get(k) for k in NEED_FIELDS} | {
                "category": need.get("category", ""), "formats": "", "funding": "", "notes": "", "time_model": ""})
            added += 1
    return added
