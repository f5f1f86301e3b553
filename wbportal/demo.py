"""The demo: the fictional provider sites (demo/sites) served on 127.0.0.1 from a background
thread, and the demo companies, users and needs of demo/companies.yaml."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITES_DIR = Path(__file__).resolve().parent.parent / "demo" / "sites"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".jsonl": "application/x-ndjson",
    }

    def log_message(self, fmt, *args):  # quiet: the crawl shows progress itself
        pass


class DemoServer:
    """`with DemoServer() as url:` serves the sites until the block ends."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", directory: Path = SITES_DIR):
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self.thread.start()
        return self.url

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


COMPANIES_FILE = Path(__file__).resolve().parent.parent / "demo" / "companies.yaml"


def seed_demo(accounts, need_store, path: Path = COMPANIES_FILE) -> int:
    """Demo companies, users and needs (skipped where already there); returns needs added."""
    import yaml

    from .needs.model import Need

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if accounts.user_by_email(data["office"]["email"]) is None:
        accounts.add_admin(data["office"]["email"], data["office"]["password"])
    added = 0
    for company in data["companies"]:
        if accounts.user_by_email(company["email"]) is not None:
            continue
        user = accounts.register(company=company["name"], postal_code=company["postal_code"], size=company["size"],
                                 sector=company["sector"], contact="", email=company["email"], password=data["password"])
        for need in company["needs"]:
            need_store.save(user.company_id, Need(
                topic=need["topic"], category=need.get("category", ""), employees=need.get("employees", 1),
                earliest=need.get("earliest"), latest=need.get("latest"), place=need.get("place", ""),
                radius_km=need.get("radius_km", 50), max_price=need.get("max_price")))
            added += 1
    return added


def seed_demo_matrices(db, accounts, path: Path = COMPANIES_FILE, today=None) -> int:
    """Staff lists and matrices of demo/companies.yaml (`matrices:`; holdings as months before
    today), then their due renewals as needs; skipped for a company that already has staff."""
    from datetime import date

    import yaml

    from .qualifications.model import Person
    from .qualifications.rules import add_months
    from .qualifications.workspace import Workspace

    today = today or date.today()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    workspace = Workspace(db, today)
    quals = workspace.qualifications(0)
    people_added = 0
    for email, spec in (data.get("matrices") or {}).items():
        user = accounts.user_by_email(email)
        if user is None or workspace.store.people(user.company_id, archived=True):
            continue
        for job, qualification_ids in (spec.get("requirements") or {}).items():
            for qid in qualification_ids:
                workspace.store.set_requirement(user.company_id, job, qid, True)
        for entry in spec["staff"]:
            offset = entry.get("leaving_year_offset")
            person = Person(None, user.company_id, entry["name"], entry.get("job", ""),
                            today.year + offset if offset is not None else None)
            person.id = workspace.store.save_person(user.company_id, person)
            people_added += 1
            for qid, months_ago in (entry.get("holdings") or {}).items():
                workspace.save_holding(user.company_id, person.id, quals[qid], add_months(today, -months_ago), None)
        workspace.sync_renewal_needs(user.company_id, accounts.company(user.company_id)["postal_code"])
    return people_added
