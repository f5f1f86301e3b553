"""Provider and labour-market organisations as the office manages them: inviting one (an
organisation, its first user with a random password, and for a provider the sources of
sources.yaml it owns), changing a provider's sources, and the office's overview.

A source belongs to at most one provider organisation: its offers, their corrections and their
quality warnings are that provider's to see and to change. A provider may own no source at all
(no website): it enters its offers by hand.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from ..company_data import delete_company
from ..db import Database
from ..db.tables import companies, manual_offers, offer_corrections, offers, provider_sources, users
from ..roles import OrgKind
from ..users import AccountError, Accounts, User
from . import MANUAL_PREFIX, manual_source_key
from .directory import linked_sources

# The kinds of labour-market actor the office can invite; kept in companies.sector (German, shown as is).
LABOUR_TYPES = ("Agentur für Arbeit", "Jobcenter", "Kammer", "Wirtschaftsförderung")


@dataclass(frozen=True)
class Invited:
    organisation_id: int
    user: User


@dataclass(frozen=True)
class OrganisationRow:
    """One provider or labour-market organisation on the office's page."""

    id: int
    name: str
    kind: str                     # OrgKind value
    labour_type: str              # "" for providers
    created: str
    emails: tuple[str, ...]       # its users
    sources: tuple[str, ...]      # linked sources.yaml keys (providers)
    manual_offers: int            # hand-entered offers not withdrawn
    page_changed: int             # corrections whose offer's page has changed since ("Seite geändert")
    hidden: int                   # offers it hid as no longer bookable


def source_owners(db: Database) -> dict[str, int]:
    """sources.yaml key -> the provider organisation linked to it."""
    with db.engine.connect() as conn:
        return {r.source_key: r.company_id for r in conn.execute(select(provider_sources))}


def check_sources(db: Database, organisation_id: int | None, keys: list[str], known: set[str]) -> dict[str, str]:
    """Problems with linking `keys` to an organisation: key -> German message (empty: fine). A
    source may belong to one provider only; unknown keys are refused."""
    owners, problems = source_owners(db), {}
    names = {}
    if owners:
        with db.engine.connect() as conn:
            names = {r.id: r.name for r in conn.execute(select(companies.c.id, companies.c.name)
                                                        .where(companies.c.id.in_(set(owners.values()))))}
    for key in keys:
        if key not in known:
            problems[key] = f"Die Quelle „{key}“ steht nicht in sources.yaml."
        elif owners.get(key) not in (None, organisation_id):
            problems[key] = f"Die Quelle „{key}“ gehört schon zu „{names.get(owners[key], '?')}“."
    return problems


def invite(db: Database, accounts: Accounts, *, kind: OrgKind, name: str, email: str, sources: list[str] = (),
           labour_type: str = "") -> Invited:
    """Creates the organisation and its first user (a random password: the user sets one through
    the mailed link). Raises AccountError when the address already has an account."""
    if accounts.user_by_email(email) is not None:
        raise AccountError("Zu dieser E-Mail-Adresse gibt es schon einen Zugang. Bitte geben Sie eine andere an.")
    organisation_id = accounts.add_organisation(kind, name)
    try:
        if kind is OrgKind.labour and labour_type:
            with db.engine.begin() as conn:
                conn.execute(update(companies).where(companies.c.id == organisation_id).values(sector=labour_type[:200]))
        if kind is OrgKind.provider:
            set_sources(db, organisation_id, list(sources))
        user = accounts.add_organisation_user(organisation_id, email, secrets.token_urlsafe(24))
    except Exception:
        delete_company(db, organisation_id)
        raise
    return Invited(organisation_id, user)


def withdraw_invitation(db: Database, organisation_id: int) -> None:
    """Removes an organisation just created by `invite` (its invitation could not be mailed):
    nothing of it is kept."""
    delete_company(db, organisation_id)


def set_sources(db: Database, organisation_id: int, keys: list[str]) -> tuple[list[str], list[str]]:
    """Links exactly `keys` to the provider organisation; returns (added, removed)."""
    before = set(linked_sources(db, organisation_id))
    wanted = set(keys)
    with db.engine.begin() as conn:
        removed = sorted(before - wanted)
        if removed:
            conn.execute(delete(provider_sources).where(provider_sources.c.company_id == organisation_id,
                                                        provider_sources.c.source_key.in_(removed)))
        added = sorted(wanted - before)
        for key in added:
            conn.execute(provider_sources.insert().values(company_id=organisation_id, source_key=key))
    return added, removed


def organisation(db: Database, organisation_id: int, kind: OrgKind | None = None) -> dict | None:
    """The organisation's companies row if it is a provider or labour-market organisation (of `kind`)."""
    with db.engine.connect() as conn:
        row = conn.execute(select(companies).where(companies.c.id == organisation_id)).first()
    if row is None or row.kind not in (OrgKind.provider.value, OrgKind.labour.value):
        return None
    if kind is not None and row.kind != kind.value:
        return None
    return dict(row._mapping)


def organisation_rows(db: Database, kind: OrgKind) -> list[OrganisationRow]:
    """The office's list of provider (or labour-market) organisations, by name."""
    with db.engine.connect() as conn:
        orgs = conn.execute(select(companies).where(companies.c.kind == kind.value)
                            .order_by(func.lower(companies.c.name), companies.c.id)).all()
        ids = [o.id for o in orgs]
        emails: dict[int, list[str]] = {}
        for r in conn.execute(select(users.c.company_id, users.c.email).where(users.c.company_id.in_(ids))
                              .order_by(users.c.id)):
            emails.setdefault(r.company_id, []).append(r.email)
        links: dict[int, list[str]] = {}
        for r in conn.execute(select(provider_sources).where(provider_sources.c.company_id.in_(ids))):
            links.setdefault(r.company_id, []).append(r.source_key)
        manual = dict(conn.execute(select(manual_offers.c.company_id, func.count())
                                   .where(manual_offers.c.company_id.in_(ids), manual_offers.c.withdrawn.is_(False))
                                   .group_by(manual_offers.c.company_id)).all())
    flagged, hidden = _correction_counts(db, links)
    return [OrganisationRow(o.id, o.name, o.kind, o.sector if o.kind == OrgKind.labour.value else "", o.created,
                            tuple(emails.get(o.id, [])), tuple(sorted(links.get(o.id, []))), int(manual.get(o.id, 0)),
                            flagged.get(o.id, 0), hidden.get(o.id, 0)) for o in orgs]


def _correction_counts(db: Database, links: dict[int, list[str]]) -> tuple[dict[int, int], dict[int, int]]:
    """Per organisation: corrections flagged "Seite geändert" and hidden offers, counted over the
    offers of the sources it owns (a correction belongs to the offer, whoever made it)."""
    owner = {key: org for org, keys in links.items() for key in keys}
    flagged: dict[int, int] = {}
    hidden: dict[int, int] = {}
    with db.engine.connect() as conn:
        rows = conn.execute(select(offer_corrections.c.field, offer_corrections.c.value, offer_corrections.c.page_changed,
                                   offers.c.source)
                            .join(offers, offers.c.id == offer_corrections.c.offer_id)).all()
    for r in rows:
        org = owner.get(r.source)
        if org is None or r.value == "null":
            continue
        if r.field == "hidden":
            hidden[org] = hidden.get(org, 0) + 1
        elif r.page_changed:
            flagged[org] = flagged.get(org, 0) + 1
    return flagged, hidden


def owned_sources(db: Database, organisation_id: int) -> list[str]:
    """The sources whose offers the organisation sees: the linked ones and its own manual source."""
    return [*linked_sources(db, organisation_id), manual_source_key(organisation_id)]


def owns_offer_source(db: Database, organisation_id: int, source: str) -> bool:
    if source.startswith(MANUAL_PREFIX):
        return source == manual_source_key(organisation_id)
    return source in linked_sources(db, organisation_id)


def offers_of(db: Database, organisation_id: int) -> list[dict]:
    """The organisation's offers as the catalogue has them: the active ones of its linked sources
    and of its manual source, and those it hid (inactive, so that it can unhide them); by title."""
    import json

    from .corrections import hidden_offer_ids

    sources = owned_sources(db, organisation_id)
    hidden = set(hidden_offer_ids(db, sources))
    with db.engine.connect() as conn:
        rows = conn.execute(select(offers.c.id, offers.c.record, offers.c.active).where(
            offers.c.source.in_(sources), offers.c.active.is_(True) | offers.c.id.in_(hidden or {""}))).all()
    records = [json.loads(r.record) for r in rows]
    return sorted(records, key=lambda r: (r["title"].lower(), r.get("start_date") or "", r["id"]))


def offer_of(db: Database, organisation_id: int, offer_id: str) -> dict | None:
    """One offer of the organisation's sources (active or not), else None: another provider's offer
    does not exist for it."""
    import json

    with db.engine.connect() as conn:
        row = conn.execute(select(offers.c.source, offers.c.record).where(offers.c.id == offer_id)).first()
    if row is None or not owns_offer_source(db, organisation_id, row.source):
        return None
    return json.loads(row.record)


RESET_SALT = "password-reset"  # webui.accounts.RESET_SALT: the web's set-password links (a test keeps them equal)
RESET_PATH = "/konto/passwort-neu/{}"  # webui.accounts.reset


def set_password_link(secret_key: str, base_url: str, user_id: int) -> str:
    """The web's set-password link (valid 24 hours) for a user, for `wbportal org add`, which
    prints it instead of mailing it."""
    from itsdangerous import URLSafeTimedSerializer

    token = URLSafeTimedSerializer(secret_key, salt=RESET_SALT).dumps(user_id)
    return f"{base_url.rstrip('/')}{RESET_PATH.format(token)}"


def add_from_cli(portal, sources_file, *, kind: str, name: str, email: str, source_keys: list[str],
                 labour_type: str = "") -> tuple[Invited, str]:
    """`wbportal org add`: the organisation and its user as the office's invitation makes them;
    returns them and the set-password link. Raises AccountError (German) for what the operator can fix."""
    org_kind = OrgKind(kind)
    if org_kind is OrgKind.labour and source_keys:
        raise AccountError("Quellen gehören nur zu Bildungsanbietern (--kind provider).")
    if org_kind is OrgKind.labour and labour_type and labour_type not in LABOUR_TYPES:
        raise AccountError(f"--type muss eines von {', '.join(LABOUR_TYPES)} sein.")
    if "@" not in email or not name.strip():
        raise AccountError("Bitte Name und eine gültige E-Mail-Adresse angeben.")
    problems = check_sources(portal.db, None, source_keys, set(sources_file.sources) if sources_file else set())
    if problems:
        raise AccountError(" ".join(problems.values()))
    invited = invite(portal.db, portal.accounts, kind=org_kind, name=name, email=email, sources=source_keys,
                     labour_type=labour_type)
    from ..audit import record
    record(portal.db, "wbportal org add", "provider.invited", f"org:{invited.organisation_id}", kind=org_kind.value,
           name=name, email=invited.user.email, sources=source_keys, labour_type=labour_type)
    return invited, set_password_link(portal.secret_key(), portal.base_url, invited.user.id)
