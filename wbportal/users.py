"""Companies and their users: registration, login with throttling, the office's admin users,
watch lists and which matches were mailed to whom.

Passwords are hashed with werkzeug (scrypt); failed logins are counted per e-mail address and
per client address so that guessing is slowed down without telling who has an account.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum

from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from .catalogue import now_iso
from .db import Database
from .db.tables import companies, kuemmerer_profiles, login_failures, mailed, users, watch
from .roles import ROLE_OF_KIND, OrgKind, Role

OFFICE = "Koordinierungsstelle Weiterbildungsverbund Erzgebirge"
MAX_FAILURES = 5            # per e-mail address or client address ...
FAILURE_WINDOW = timedelta(minutes=15)  # ... within this window


class AccountError(ValueError):
    """A request the user can fix; the message is German and safe to show."""


class DigestFrequency(str, Enum):
    """How often a user gets the digest mail. Stored as two columns: users.digest (on/off, also
    switched off by the opt-out link in every mail) and users.digest_weekly (Mondays only)."""

    workdays = "werktaeglich"
    weekly = "woechentlich"
    off = "aus"

    @property
    def label(self) -> str:
        return {"werktaeglich": "werktäglich", "woechentlich": "wöchentlich (montags)", "aus": "aus"}[self.value]


@dataclass
class User:
    id: int
    company_id: int
    email: str
    role: str
    company_name: str
    digest: bool = True
    kuemmerer: bool = False   # keeps the firm's qualification matrix; the first user of a company is one
    digest_weekly: bool = False  # the digest on Mondays only, with everything since the last one

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin.value

    @property
    def is_provider(self) -> bool:
        return self.role == Role.provider.value

    @property
    def is_labour(self) -> bool:
        return self.role == Role.labour.value

    @property
    def is_company(self) -> bool:
        """A user of a firm (needs, matrix, seats); not the office, a provider or a labour-market actor."""
        return self.role == Role.company.value

    @property
    def digest_frequency(self) -> DigestFrequency:
        if not self.digest:
            return DigestFrequency.off
        return DigestFrequency.weekly if self.digest_weekly else DigestFrequency.workdays


class Accounts:
    def __init__(self, db: Database):
        self.engine = db.engine

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
            conn.execute(users.insert().values(company_id=company_id, email=email, role="company", kuemmerer=True,
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
                name=OFFICE, postal_code="09456", size="1-9", sector="", contact="", created=now_iso(),
                kind=OrgKind.office.value)).inserted_primary_key[0]
        return self.add_user(office, email, password, role="admin")

    def add_organisation(self, kind: OrgKind, name: str, *, postal_code: str = "", contact: str = "") -> int:
        """A provider or labour-market organisation (a `companies` row of that kind, without needs)."""
        if kind in (OrgKind.firm, OrgKind.office):
            raise ValueError("firms register themselves; the office has its one record")
        with self.engine.begin() as conn:
            return conn.execute(companies.insert().values(
                name=name.strip()[:200], postal_code=postal_code.strip()[:5], size="", sector="", contact=contact.strip()[:200],
                created=now_iso(), kind=kind.value)).inserted_primary_key[0]

    def add_organisation_user(self, organisation_id: int, email: str, password: str) -> User:
        """A user of a provider or labour-market organisation, with the role its kind gives."""
        organisation = self.company(organisation_id)
        if organisation is None:
            raise LookupError(organisation_id)
        return self.add_user(organisation_id, email, password, role=ROLE_OF_KIND[OrgKind(organisation["kind"])].value)

    def organisations(self, kind: OrgKind) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(companies).where(companies.c.kind == kind.value).order_by(companies.c.name))]

    def delete_user(self, company_id: int, user_id: int) -> bool:
        """Removes a user of the company with their watch list, mailed matches and network entry."""
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.id == user_id, users.c.company_id == company_id)).first() is None:
                return False
            conn.execute(delete(watch).where(watch.c.user_id == user_id))
            conn.execute(delete(mailed).where(mailed.c.user_id == user_id))
            conn.execute(delete(kuemmerer_profiles).where(kuemmerer_profiles.c.user_id == user_id))
            conn.execute(delete(users).where(users.c.id == user_id))
        return True

    def set_password(self, user_id: int, password: str) -> None:
        if len(password) < 10:
            raise AccountError("Bitte wählen Sie ein Passwort mit mindestens 10 Zeichen.")
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(password_hash=generate_password_hash(password)))

    def change_email(self, user_id: int, old: str, new: str) -> None:
        """Sets the confirmed new address; `old` must still be the current one, so a confirmation
        link works once and not after a later change."""
        new = new.strip().lower()
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.email == new, users.c.id != user_id)).first():
                raise AccountError("Mit dieser E-Mail-Adresse ist bereits ein anderes Konto angelegt.")
            changed = conn.execute(update(users).where(users.c.id == user_id, users.c.email == old.strip().lower())
                                   .values(email=new)).rowcount
        if not changed:
            raise AccountError("Dieser Bestätigungslink ist schon benutzt oder gehört zu einer älteren Anfrage.")

    def update_company(self, company_id: int, *, name: str, postal_code: str, size: str, sector: str,
                       contact: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(companies).where(companies.c.id == company_id).values(
                name=name, postal_code=postal_code, size=size, sector=sector, contact=contact))

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

    def set_digest_frequency(self, user_id: int, frequency: DigestFrequency) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                digest=frequency is not DigestFrequency.off, digest_weekly=frequency is DigestFrequency.weekly))

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

    def user_by_email(self, email: str) -> User | None:
        return self._user(users.c.email == email.strip().lower())

    def user_by_id(self, user_id: int) -> User | None:
        return self._user(users.c.id == user_id)

    def _user(self, condition) -> User | None:
        query = (select(users.c.id, users.c.company_id, users.c.email, users.c.role, companies.c.name, users.c.digest,
                        users.c.kuemmerer, users.c.digest_weekly)
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


    # -- the Kümmerer role and company settings -----------------------------------------------
    def set_kuemmerer(self, company_id: int, user_id: int, on: bool) -> None:
        """Grants or revokes the role within one company; the last Kümmerer cannot be revoked."""
        with self.engine.begin() as conn:
            row = conn.execute(select(users.c.id).where(users.c.id == user_id, users.c.company_id == company_id,
                                                        users.c.role == "company")).first()
            if row is None:
                raise LookupError(user_id)
            if not on:
                others = conn.execute(select(func.count()).select_from(users).where(
                    users.c.company_id == company_id, users.c.kuemmerer.is_(True), users.c.id != user_id)).scalar_one()
                if not others:
                    raise AccountError("Ihre Firma braucht mindestens einen Kümmerer. Bitte ernennen Sie zuerst "
                                       "eine andere Person.")
            conn.execute(update(users).where(users.c.id == user_id).values(kuemmerer=on))

    def company(self, company_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(companies).where(companies.c.id == company_id)).first()
        return dict(row._mapping) if row else None

    def set_matrix_for_all(self, company_id: int, on: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(companies).where(companies.c.id == company_id).values(matrix_for_all=on))

    def calendar_token(self, company_id: int, renew: bool = False) -> str:
        """The secret of the company's iCal feed URL, made on first use; renewing kills the old URL."""
        import secrets

        with self.engine.begin() as conn:
            token = conn.execute(select(companies.c.calendar_token).where(companies.c.id == company_id)).scalar_one()
            if token is None or renew:
                token = secrets.token_urlsafe(32)
                conn.execute(update(companies).where(companies.c.id == company_id).values(calendar_token=token))
        return token

    def company_by_calendar_token(self, token: str) -> int | None:
        if not token or len(token) > 64:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(companies.c.id).where(companies.c.calendar_token == token)).first()
        return row.id if row else None


_DUMMY_HASH = generate_password_hash("no such user: compare against something")
