"""The demo's provider and labour-market accounts (demo/providers.yaml), seeded by `wbportal demo`
next to the demo companies: one provider linked to a demo source, one labour-market actor."""
from __future__ import annotations

from pathlib import Path

from ..db import Database
from ..roles import OrgKind
from ..users import Accounts
from .accounts import LABOUR_TYPES, invite

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
PROVIDERS_FILE = DEMO_DIR / "providers.yaml"
COMPANIES_FILE = DEMO_DIR / "companies.yaml"


def seed_demo_providers(db: Database, accounts: Accounts, path: Path = PROVIDERS_FILE,
                        companies_file: Path = COMPANIES_FILE) -> int:
    """Creates the accounts of `path` that do not exist yet (by e-mail); returns how many. The
    password is the demo companies' one (demo/companies.yaml)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    password = yaml.safe_load(companies_file.read_text(encoding="utf-8"))["password"]
    added = 0
    entries = [(OrgKind.provider, e) for e in data.get("providers") or []] + \
              [(OrgKind.labour, e) for e in data.get("labour") or []]
    for kind, entry in entries:
        if accounts.user_by_email(entry["email"]) is not None:
            continue
        labour_type = entry.get("type", "")
        if kind is OrgKind.labour and labour_type not in LABOUR_TYPES:
            raise ValueError(f"{path}: type of {entry['name']} must be one of {', '.join(LABOUR_TYPES)}")
        invited = invite(db, accounts, kind=kind, name=entry["name"], email=entry["email"],
                         sources=entry.get("sources") or [], labour_type=labour_type)
        accounts.set_password(invited.user.id, password)
        added += 1
    return added
