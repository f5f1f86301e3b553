"""Least privilege, checked on every route: the test walks the app's URL map and asks each route
as every role (anonymous visitor, company user, Kümmerer, coordination office, training
provider, labour-market actor). The expected access is written down here per endpoint, by hand:
a route added without an entry fails the test, so nobody adds a page without deciding who may
see it.

Refused means: anonymous -> redirect to the login page, logged in -> 403. Allowed means neither
(the answer may still be 404 for a made-up id, 400 for a broken token, a redirect elsewhere).
POST routes are only asked by the roles that must be refused (a refused POST changes nothing)."""
from __future__ import annotations

import re

import pytest

from wbportal.roles import OrgKind

pytestmark = pytest.mark.one_database  # access rules do not depend on the database back end

PASSWORD = "sicheres-passwort-1"
EVERYONE = {"anonymous", "company", "kuemmerer", "admin", "provider", "labour"}
LOGGED_IN = EVERYONE - {"anonymous"}
COMPANY_SIDE = {"company", "kuemmerer", "admin"}   # needs and matches: the office has always seen them
KUEMMERER = {"kuemmerer"}
MATRIX_READERS = {"kuemmerer"}                    # a colleague only if the firm allows it (off here)
OFFICE = {"admin"}
PROVIDER = {"provider"}
DEMAND_READERS = {"provider", "labour", "admin"}
FIRMS = {"company", "kuemmerer"}

# endpoint -> roles allowed. Public pages (search, offers, open data, legal pages, login) and
# pages reached by a secret link (reset, opt-out, calendar feed, e-mail confirmation, answer
# link) are open to everyone; the secret is checked by the page itself.
POLICY: dict[str, set[str]] = {
    "static": EVERYONE, "search.index": EVERYONE, "search.suggest": EVERYONE,
    "offers.detail": EVERYONE, "offers.detail_ics": EVERYONE, "offers.provider": EVERYONE,
    "api.export_csv": EVERYONE, "api.export_ics": EVERYONE, "api.offer": EVERYONE, "api.offers": EVERYONE,
    "api.openapi": EVERYONE, "info.funding": EVERYONE, "info.legal": EVERYONE,
    "opendata.download_csv": EVERYONE, "opendata.download_jsonl": EVERYONE, "opendata.page": EVERYONE,
    "accounts.forgot": EVERYONE, "accounts.login": EVERYONE, "accounts.logout": EVERYONE,
    "accounts.opt_out": EVERYONE, "accounts.register": EVERYONE, "accounts.reset": EVERYONE,
    "konto.confirm_email": EVERYONE, "workspace.calendar_feed": EVERYONE,
    "accounts.invite": COMPANY_SIDE,
    "konto.index": LOGGED_IN, "konto.email": LOGGED_IN, "konto.leave": LOGGED_IN, "konto.my_data": LOGGED_IN,
    "konto.notifications": LOGGED_IN, "konto.password": LOGGED_IN,
    "konto.company": KUEMMERER, "konto.reinvite": KUEMMERER, "konto.remove_colleague": KUEMMERER,
    "needs.create": COMPANY_SIDE, "needs.delete": COMPANY_SIDE, "needs.edit": COMPANY_SIDE,
    "needs.index": COMPANY_SIDE, "needs.pause": COMPANY_SIDE, "needs.show": COMPANY_SIDE,
    "needs.toggle_watch": COMPANY_SIDE, "needs.watchlist": COMPANY_SIDE,
    "network.directory": {"kuemmerer", "admin"}, "network.join": COMPANY_SIDE, "network.joint_courses": COMPANY_SIDE,
    "network.delete_account": KUEMMERER, "network.export_data": KUEMMERER, "network.matrix_visibility": KUEMMERER,
    "network.profile": KUEMMERER, "network.set_role": KUEMMERER, "network.team": KUEMMERER,
    "workspace.matrix": MATRIX_READERS, "workspace.staff": MATRIX_READERS, "workspace.risks": MATRIX_READERS,
    "workspace.export_csv": MATRIX_READERS,
    **{f"workspace.{name}": KUEMMERER for name in (
        "calendar_settings", "holding_remove", "holding_set", "import_sheet", "own_add", "own_delete", "person_add",
        "person_archive", "person_delete", "person_edit", "requirement_set", "risk_need")},
    **{f"anfragen.{name}": OFFICE for name in (
        "index", "new", "show", "edit", "send", "revoke", "renew", "ask", "accept", "confirm", "seat_request", "cancel")},
    "antwort.page": EVERYONE,  # the provider's signed answer link
    "antwort.mine": PROVIDER, "antwort.mine_answer": PROVIDER,
    "verbundkurse.index": COMPANY_SIDE,  # the office is sent on to its own call pages
    "verbundkurse.show": COMPANY_SIDE, "verbundkurse.seats": FIRMS, "verbundkurse.request_seat": FIRMS,
    "verbundkurse.course": EVERYONE,  # a confirmed Verbundkurs is public, like any offer
    **{f"anbieter.{name}": PROVIDER for name in (
        "index", "offer", "correct", "hide", "unhide", "keep_correction", "remove_correction", "manual_new",
        "manual_edit", "manual_withdraw")},
    **{f"anbieter_verwaltung.{name}": OFFICE for name in ("index", "invite", "organisation", "reinvite", "sources")},
    "nachfrage.index": DEMAND_READERS, "nachfrage.download_csv": DEMAND_READERS,
    "nachfrage.download_json": DEMAND_READERS,
    **{f"admin.{name}": OFFICE for name in (
        "need_status", "accounts_list", "block_user", "crawl", "crawl_all", "delete_company", "delete_user", "demand", "demand_csv",
        "source", "sources")},
}


@pytest.fixture
def logins(app):
    """One user of every role; returns role -> (e-mail, password) (anonymous: None)."""
    accounts = app.extensions["accounts"]
    firm = accounts.register(company="Bäckerei Roth", postal_code="09456", size="1-9", sector="Handwerk", contact="",
                             email="chef@baeckerei.example", password=PASSWORD)
    accounts.add_user(firm.company_id, "geselle@baeckerei.example", PASSWORD)
    accounts.add_admin("buero@verbund.example", PASSWORD + "x")
    provider = accounts.add_organisation(OrgKind.provider, "Bildungswerk Erzgebirge")
    accounts.add_organisation_user(provider, "kurse@bildungswerk.example", PASSWORD)
    labour = accounts.add_organisation(OrgKind.labour, "Agentur für Arbeit Annaberg-Buchholz")
    accounts.add_organisation_user(labour, "arbeitgeberservice@arbeitsagentur.example", PASSWORD)
    return {"anonymous": None, "kuemmerer": ("chef@baeckerei.example", PASSWORD),
            "company": ("geselle@baeckerei.example", PASSWORD), "admin": ("buero@verbund.example", PASSWORD + "x"),
            "provider": ("kurse@bildungswerk.example", PASSWORD),
            "labour": ("arbeitgeberservice@arbeitsagentur.example", PASSWORD)}


def _paths(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, path) of every route, parameters filled with made-up values."""
    out = []
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<int:[a-z_]+>", "1", rule.rule)
        path = re.sub(r"<(?:[a-z]+:)?[a-z_]+>", "x", path)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, method, path))
    return out


def _client_as(app, login):
    client = app.test_client()
    if login is not None:
        response = client.post("/konto/anmelden", data={"email": login[0], "password": login[1]})
        assert response.status_code == 302, f"login of {login[0]} failed"
    return client


def test_every_route_has_a_written_policy(app):
    missing = sorted({endpoint for endpoint, _, _ in _paths(app)} - POLICY.keys())
    assert not missing, f"routes without an entry in POLICY of tests/test_roles.py: {missing}"


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_each_role_reaches_exactly_its_routes(app, logins, role):
    app.config["WTF_CSRF_ENABLED"] = False  # a refused POST must be refused by its role, not its token
    client = _client_as(app, logins[role])
    wrong = []
    for endpoint, method, path in _paths(app):
        allowed = role in POLICY[endpoint]
        if method != "GET" and allowed:
            continue  # allowed POSTs have effects; their own tests cover them
        response = client.open(path, method=method)
        response.close()  # streamed downloads end here
        to_login = response.status_code == 302 and "/konto/anmelden" in response.headers.get("Location", "")
        refused = to_login if role == "anonymous" else response.status_code == 403
        if allowed and (refused or response.status_code == 403 or to_login):
            wrong.append(f"{method} {path} ({endpoint}): refused with {response.status_code}, but allowed")
        if not allowed and not refused:
            wrong.append(f"{method} {path} ({endpoint}): answered {response.status_code}, must be refused")
        if response.status_code >= 500:
            wrong.append(f"{method} {path} ({endpoint}): {response.status_code}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role, home", [("company", "/bedarfe"), ("admin", "/koordinierung/"),
                                        ("provider", "/anbieter/"), ("labour", "/nachfrage")])
def test_each_role_lands_on_its_own_first_page(app, logins, role, home):
    app.config["WTF_CSRF_ENABLED"] = False  # the login's token is not the subject here
    client = app.test_client()
    response = client.post("/konto/anmelden", data={"email": logins[role][0], "password": logins[role][1]})
    assert response.headers["Location"] == home
    assert client.get(home).status_code == 200
