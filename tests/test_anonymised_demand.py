"""Anonymised regional demand (#14 part 5): /nachfrage, /nachfrage.csv and /nachfrage.json for
training providers, labour-market actors and the office.

What must hold, whatever the firms enter:
(a) every figure shown rests on at least three companies (and is the right sum);
(b) no hidden figure can be worked out from the published ones: for each, this test builds a
    second data set itself (fine cells = every combination of the attributes, the published
    figures as a 0/1 matrix over them, whole cell counts found by an integer program, scipy's
    milp) that agrees with every published number, has no negative cell, keeps every listed
    hidden figure at one or more, and gives the hidden figure another value; needs and persons
    alike;
(c) no company name (and no id field) appears in the page, the CSV or the JSON.
The property tests check random firms and needs, once on the pure computation and once through
the web (real database, real matcher on the fixture index); the example test has known numbers.

The test's own model of the tables (which attribute each table groups by, which needs it
counts) is written down here, independently of wbportal.needs.anonymised.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from html import unescape

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp
from sqlalchemy import delete

from test_accounts import login
from wbportal.db.tables import companies, needs
from wbportal.needs.anonymised import Fact, anonymise, as_json, csv_rows
from wbportal.roles import OrgKind

pytestmark = pytest.mark.one_database  # the page is the subject; storage is tested elsewhere on both

EXAMPLES = int(os.environ.get("WBP_FUZZ_EXAMPLES", "40"))
WEB_EXAMPLES = max(8, EXAMPLES // 20)
PASSWORD = "sicheres-passwort-1"
READERS = {"provider": ("kurse@bildungswerk.example", OrgKind.provider, "Bildungswerk Erzgebirge"),
           "labour": ("arbeitgeberservice@arbeitsagentur.example", OrgKind.labour, "Agentur für Arbeit Annaberg")}

# -- the test's own model ---------------------------------------------------------------------------
ATTRIBUTES = ("category", "district", "start_quarter", "format", "recorded_quarter", "unmet", "generated")
TABLES = {  # key -> (dimensions, only needs with this attribute true)
    "total": ((), None),
    "category": (("category",), None),
    "category_district_quarter": (("category", "district", "start_quarter"), None),
    "format": (("format",), None),
    "recorded": (("recorded_quarter",), None),
    "unmet": (("category",), "unmet"),
    "generated": (("category",), "generated"),
}
JSON_KEYS = {"rule", "min_companies", "as_of", "markers", "tables", "key", "title", "dimensions", "only", "note",
             "rows", "suppressed", "shown_as", "reason", "needs", "persons", "companies",
             *(d for d in ATTRIBUTES[:5]), *(f"{d}_label" for d in ATTRIBUTES[:5])}


@dataclass(frozen=True)
class Row:
    """One active need of a firm as the tables should see it (JSON keys: None = none)."""

    company: int
    name: str
    category: str | None
    district: str | None
    start_quarter: str | None
    format: str
    recorded_quarter: str
    unmet: bool
    generated: bool
    persons: int


def _members(table: str, row: dict, data: list[Row]) -> list[int]:
    dimensions, only = TABLES[table]
    return [i for i, r in enumerate(data)
            if (only is None or getattr(r, only)) and all(getattr(r, d) == row[d] for d in dimensions)]


def _alternative(target, published, values, hidden, sign):
    """A second data set, found exactly: whole non-negative cell counts x with published @ x equal
    to the published figures, hidden @ x >= 1 and target @ x at least one more (sign +1) or at
    least one less (-1) than the real value; None when no such data set exists. An integer program
    (scipy's milp, HiGHS), so the answer does not hang on a search heuristic or on fractions of a
    need: the computation under test moves real-valued along the target's own direction, this
    test asks for any whole-number data set that tells a different figure."""
    real = target @ values
    rows = np.vstack([published, target, hidden])
    low = np.concatenate([published @ values, [real + 1 if sign > 0 else -np.inf], np.ones(len(hidden))])
    high = np.concatenate([published @ values, [np.inf if sign > 0 else real - 1], np.full(len(hidden), np.inf)])
    found = milp(np.zeros(len(values)), constraints=LinearConstraint(rows, low, high),
                 integrality=np.ones(len(values)), bounds=Bounds(0, np.inf))
    return np.round(found.x) if found.status == 0 else None


def check_report(report: dict, data: list[Row]) -> None:
    """(a) and (b) on a report in the JSON shape; `data` are the active needs of firms."""
    assert {t["key"] for t in report["tables"]} == set(TABLES)
    cells: dict[tuple, int] = {}
    cell_of = [cells.setdefault(tuple(getattr(r, a) for a in ATTRIBUTES), len(cells)) for r in data]
    needs_x, persons_x = np.zeros(len(cells)), np.zeros(len(cells))
    for r, c in zip(data, cell_of):
        needs_x[c] += 1
        persons_x[c] += r.persons
    published, hidden = [], []
    for table in report["tables"]:
        listed = set()
        for row in table["rows"]:
            members = _members(table["key"], row, data)
            assert members, f"listed row without a need: {row}"
            key = tuple(row[d] for d in TABLES[table["key"]][0])
            assert key not in listed
            listed.add(key)
            vector = np.zeros(len(cells))
            for i in members:
                vector[cell_of[i]] = 1
            firms = len({data[i].company for i in members})
            if row["suppressed"]:
                assert not {"needs", "persons", "companies"} & row.keys(), row
                assert row["shown_as"] == ("< 3" if firms < 3 else "x"), (row, firms)
                hidden.append(vector)
            else:  # (a)
                assert firms >= 3, (row, firms)
                assert (row["needs"], row["persons"], row["companies"]) == (
                    len(members), sum(data[i].persons for i in members), firms), row
                published.append((vector, row["needs"], row["persons"]))
        dimensions, only = TABLES[table["key"]]
        every = {tuple(getattr(r, d) for d in dimensions) for r in data if only is None or getattr(r, only)}
        assert listed == every, table["key"]  # no group left out
    if not hidden:
        return
    p = np.array([v for v, _, _ in published]).reshape(len(published), len(cells))
    h = np.array(hidden)
    assert np.allclose(p @ needs_x, [n for _, n, _ in published])
    assert np.allclose(p @ persons_x, [n for _, _, n in published])
    for target in h:  # (b)
        for values in (needs_x, persons_x):
            found = [_alternative(target, p, values, h, sign) for sign in (1, -1)]
            other = next((x for x in found if x is not None), None)
            assert other is not None, "a hidden figure can be worked out from the published ones"
            assert np.allclose(p @ other, p @ values) and (other >= -1e-9).all() and (h @ other >= 1 - 1e-9).all()
            assert abs(target @ other - target @ values) >= 1 - 1e-9


# -- the pure computation, random facts -------------------------------------------------------------
@st.composite
def FACTS(draw):
    """Random needs over a few values per attribute: how many values each attribute has is drawn
    too, so that some data sets spread thin (nearly everything hidden) and some crowd into few
    cells (many figures shown, and the hidden ones next to them)."""
    def values(options):
        return draw(st.lists(st.sampled_from(options), min_size=1, max_size=len(options), unique=True))
    categories, districts = values(["schweissen", "sprachen", "office", ""]), values(["Erzgebirgskreis", "Chemnitz", ""])
    starts, formats = values(["2027-Q1", "2027-Q2", ""]), values(["any", "onsite", "online", "several"])
    recorded = values(["2026-Q4", "2027-Q1"])
    firms = draw(st.integers(1, 12))
    fact = st.builds(Fact, st.integers(0, firms - 1), st.sampled_from(categories), st.sampled_from(districts),
                     st.sampled_from(starts), st.sampled_from(formats), st.sampled_from(recorded),
                     st.sampled_from([False, False, True]), st.sampled_from([False, False, True]), st.integers(1, 9))
    return draw(st.lists(fact, min_size=1, max_size=60))


def _row_of(f: Fact) -> Row:
    return Row(f.company, "", f.category or None, f.district or None, f.start_quarter or None, f.format,
               f.recorded_quarter, f.unmet, f.generated, f.persons)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FACTS())
def test_no_hidden_figure_can_be_worked_out(facts):
    report = anonymise(facts)
    check_report(as_json(report), [_row_of(f) for f in facts])
    # the CSV carries the same marks: a hidden figure has no number in any of its three columns
    for row, figure in zip(csv_rows(report), report.figures):
        assert row[6:9] == ([figure.needs, figure.persons, figure.companies] if figure.shown else [figure.marker] * 3)


# -- through the web ---------------------------------------------------------------------------------
NOW = "2027-01-05T12:00:00+00:00"
PLACES = {"Annaberg-Buchholz": "Erzgebirgskreis", "Zwönitz": "Erzgebirgskreis", "Chemnitz": "Chemnitz",
          "Leipzig": "Leipzig", "": None}
CREATED = {"2026-08-10T12:00:00+00:00": "2026-Q3", "2026-11-15T12:00:00+00:00": "2026-Q4",
           "2027-01-05T12:00:00+00:00": "2027-Q1"}
FORMATS = {"": "any", "onsite": "onsite", "online": "online", "onsite,online": "several"}


@dataclass(frozen=True)
class Entered:
    firm: int
    met: bool            # topic with offers in reach ("Schweißen", "Excel") or without ("Quantenphysik")
    category: str
    place: str
    earliest: str | None
    formats: str
    created: str
    origin: str
    persons: int
    paused: bool
    provider: bool       # entered under a provider organisation (not a firm): never counted


def _quarter(day: str | None) -> str | None:
    if not day:
        return None
    d = date.fromisoformat(day)
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


# needs with offers in reach: welding in the Erzgebirge or Chemnitz before June 2027 on site,
# or Excel (an online course from 20.01.2027, so reachable anywhere) online or in any format
MET = st.one_of(
    st.builds(lambda place, earliest, fmt: ("schweissen", "Schweißen", place, earliest, fmt),
              st.sampled_from(["Annaberg-Buchholz", "Zwönitz", "Chemnitz", ""]),
              st.sampled_from([None, "2027-01-10", "2027-02-15"]), st.sampled_from(["", "onsite", "onsite,online"])),
    st.builds(lambda place, earliest, fmt: ("office", "Excel", place, earliest, fmt),
              st.sampled_from(list(PLACES)), st.sampled_from([None, "2027-01-10"]),
              st.sampled_from(["", "online", "onsite,online"])))
UNMET = st.builds(lambda category, place, earliest, fmt: (category, "Quantenphysik", place, earliest, fmt),
                  st.sampled_from(["schweissen", "sprachen", "office", ""]), st.sampled_from(list(PLACES)),
                  st.sampled_from([None, "2027-01-10", "2027-04-01", "2027-08-01"]), st.sampled_from(list(FORMATS)))
NEED = st.tuples(st.integers(0, 7), st.one_of(MET, UNMET), st.sampled_from(list(CREATED)),
                 st.sampled_from(["", "", "renewal:staplerschein", "risk:schweisser"]), st.integers(1, 6),
                 st.sampled_from([False, False, False, True]), st.sampled_from([False] * 9 + [True]))
NAMES = st.lists(st.text("BCDFGHJKLMNPQRSTVWXZ", min_size=6, max_size=6), min_size=8, max_size=8, unique=True)


@pytest.fixture
def reader(client):
    """The client logged in as a labour-market actor."""
    email, kind, name = READERS["labour"]
    accounts = client.application.extensions["accounts"]
    accounts.add_organisation_user(accounts.add_organisation(kind, name), email, PASSWORD)
    assert login(client, email, PASSWORD).status_code == 302
    return client


def _store(client, entered: list[tuple], names: list[str]) -> tuple[list[Row], list[str]]:
    """Writes firms and needs straight into the database; returns the rows the tables should see."""
    engine = client.application.extensions["db"].engine
    with engine.begin() as conn:
        conn.execute(delete(needs))
        conn.execute(delete(companies).where(companies.c.kind.in_([OrgKind.firm.value, "test-provider"])))
        firm_ids = [conn.execute(companies.insert().values(
            name=f"{n} Metallbau GmbH", postal_code="09456", size="1-9", created=NOW, kind=OrgKind.firm.value)
        ).inserted_primary_key[0] for n in names]
        provider_id = conn.execute(companies.insert().values(
            name="Zzprovider Kursanbieter", postal_code="09456", size="", created=NOW, kind="test-provider")
        ).inserted_primary_key[0]
        data = []
        for firm, (category, topic, place, earliest, fmt), created, origin, persons, paused, provider in entered:
            company = provider_id if provider else firm_ids[firm]
            conn.execute(needs.insert().values(
                company_id=company, topic=topic, category=category, employees=persons, earliest=earliest,
                place=place, radius_km=50, formats=fmt, origin=origin, paused=paused, created=created, updated=created))
            if not paused and not provider:
                data.append(Row(company, names[firm], category or None, PLACES[place], _quarter(earliest),
                                FORMATS[fmt], CREATED[created], topic == "Quantenphysik", bool(origin), persons))
    return data, [f"{n} Metallbau GmbH" for n in names] + ["Zzprovider Kursanbieter"]


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | set().union(*(_keys(v) for k, v in value.items() if k != "markers"))
    if isinstance(value, list):
        return set().union(set(), *(_keys(v) for v in value))
    return set()


@settings(max_examples=WEB_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(NEED, min_size=1, max_size=24), NAMES)
def test_pages_and_exports_never_reveal_a_company(reader, entered, names):
    data, all_names = _store(reader, entered, names)
    page = reader.get("/nachfrage")
    export = reader.get("/nachfrage.csv")
    answer = reader.get("/nachfrage.json")
    assert (page.status_code, export.status_code, answer.status_code) == (200, 200, 200)
    report = answer.get_json(force=True)
    check_report(report, data)
    assert _keys(report) <= JSON_KEYS  # no id or name field anywhere
    texts = {"page": page.get_data(as_text=True), "csv": export.get_data(as_text=True), "json": json.dumps(report)}
    for what, text in texts.items():  # (c)
        for name in all_names:
            assert name.split()[0] not in unescape(text), (what, name)
    rows = list(csv.reader(io.StringIO(texts["csv"].lstrip("\ufeff")), delimiter=";"))
    assert len(rows) - 1 == sum(len(t["rows"]) for t in report["tables"])


# -- known numbers -------------------------------------------------------------------------------------
def _section(page: str, heading: str) -> str:
    start = page.index(f">{heading}</h2>")
    end = page.find("<h2", start)
    return page[start:end if end != -1 else len(page)]


def _cells(section: str, label: str) -> list[str]:
    row = re.search(r'<th scope="row">' + re.escape(label) + r"</th>(.*?)</tr>", section, re.S)
    assert row is not None, f"no row {label!r}"
    return [unescape(c) for c in re.findall(r"<td>(.*?)</td>", row[1])]


KNOWN = [  # firm, (category, topic, place, earliest, formats), created, origin, persons, paused, provider
    (0, ("schweissen", "Schweißen", "Annaberg-Buchholz", "2027-01-10", ""), "2026-11-15T12:00:00+00:00", "", 2, False, False),
    (1, ("schweissen", "Schweißen", "Zwönitz", "2027-02-15", ""), "2026-11-15T12:00:00+00:00", "", 3, False, False),
    (2, ("schweissen", "Schweißen", "Annaberg-Buchholz", "2027-01-10", ""), "2026-11-15T12:00:00+00:00", "", 4, False, False),
    (3, ("sprachen", "Quantenphysik", "Annaberg-Buchholz", "2027-01-10", ""), "2026-11-15T12:00:00+00:00", "", 5, False, False),
    (4, ("sprachen", "Quantenphysik", "Annaberg-Buchholz", "2027-01-10", ""), "2026-11-15T12:00:00+00:00", "", 7, True, False),
    (0, ("sprachen", "Quantenphysik", "Annaberg-Buchholz", "2027-01-10", ""), "2026-11-15T12:00:00+00:00", "", 9, False, True),
]


@pytest.mark.parametrize("role", ["labour", "provider", "admin"])
def test_known_numbers_hide_the_small_category_and_what_would_give_it_away(client, role):
    """Four active needs of four firms: welding (3 firms, 9 persons), languages (1 firm, 5 persons).
    Hiding languages alone is not enough: total 4 needs / 14 persons minus welding 3 / 9 gives
    languages 1 / 5. So welding is hidden too ("x"), in every table where it stands alone; the
    total stays. A paused need and a provider's need do not count."""
    accounts = client.application.extensions["accounts"]
    if role == "admin":
        accounts.add_admin("buero@verbund.example", PASSWORD)
        assert login(client, "buero@verbund.example", PASSWORD).status_code == 302
    else:
        email, kind, name = READERS[role]
        accounts.add_organisation_user(accounts.add_organisation(kind, name), email, PASSWORD)
        assert login(client, email, PASSWORD).status_code == 302
    data, all_names = _store(client, KNOWN, ["ARNOLD", "BEYER", "CASPAR", "DIETZE", "EBERT"])
    page = unescape(client.get("/nachfrage").get_data(as_text=True))
    assert "Werte aus weniger als drei Firmen werden nicht ausgewiesen, auch nicht über Summen." in page
    assert _cells(_section(page, "Alle aktiven Bedarfe"), "alle") == ["4", "14", "4"]
    by_category = _section(page, "Nach Bereich")
    assert _cells(by_category, "Schweißtechnik") == ["x", "x", "x"]
    assert _cells(by_category, "Sprachen") == ["< 3", "< 3", "< 3"]
    cross = _section(page, "Nach Bereich, Region und gewünschtem Beginn")
    assert _cells(cross, "Schweißtechnik") == ["Erzgebirgskreis", "1. Quartal 2027", "x", "x", "x"]
    assert _cells(cross, "Sprachen") == ["Erzgebirgskreis", "1. Quartal 2027", "< 3", "< 3", "< 3"]
    assert _cells(_section(page, "Nach Lernform"), "jede Lernform") == ["4", "14", "4"]
    assert _cells(_section(page, "Entwicklung: erfasste Bedarfe je Quartal"), "4. Quartal 2026") == ["4", "14", "4"]
    assert _cells(_section(page, "Bedarf ohne passendes Angebot"), "Sprachen") == ["< 3", "< 3", "< 3"]
    assert "Schweißtechnik" not in _section(page, "Bedarf ohne passendes Angebot")
    assert "Derzeit keine." in _section(page, "Aus Qualifikationsmatrizen erzeugte Bedarfe")
    assert ">9<" not in page and ">5<" not in page  # neither welding's nor languages' persons

    report = client.get("/nachfrage.json").get_json(force=True)
    category = next(t for t in report["tables"] if t["key"] == "category")["rows"]
    assert category == [
        {"category": "schweissen", "category_label": "Schweißtechnik", "suppressed": True, "shown_as": "x",
         "reason": "gesperrt, weil sich sonst ein Wert aus weniger als drei Firmen errechnen ließe"},
        {"category": "sprachen", "category_label": "Sprachen", "suppressed": True, "shown_as": "< 3",
         "reason": "weniger als drei Firmen"}]
    check_report(report, data)

    rows = list(csv.reader(io.StringIO(client.get("/nachfrage.csv").get_data(as_text=True).lstrip("\ufeff")),
                           delimiter=";"))
    assert rows[0] == ["Tabelle", "Bereich", "Region", "Beginn (Quartal)", "Lernform", "erfasst im Quartal",
                       "Bedarfe", "Personen", "Firmen", "Hinweis"]
    assert ["Alle aktiven Bedarfe", "", "", "", "", "", "4", "14", "4", ""] in rows
    assert ["Nach Bereich", "Sprachen", "", "", "", "", "< 3", "< 3", "< 3", "weniger als drei Firmen"] in rows
    assert ["Nach Bereich", "Schweißtechnik", "", "", "", "", "x", "x", "x",
            "gesperrt, weil sich sonst ein Wert aus weniger als drei Firmen errechnen ließe"] in rows
    everything = page + json.dumps(report, ensure_ascii=False) + "\n".join(";".join(r) for r in rows)
    for name in all_names:
        assert name.split()[0] not in everything


def test_three_firms_per_cell_are_shown(client):
    accounts = client.application.extensions["accounts"]
    email, kind, name = READERS["provider"]
    accounts.add_organisation_user(accounts.add_organisation(kind, name), email, PASSWORD)
    login(client, email, PASSWORD)
    welding = ("schweissen", "Schweißen", "Annaberg-Buchholz", "2027-01-10", "onsite")
    _store(client, [(i, welding, "2026-11-15T12:00:00+00:00", "renewal:schweisser" if i else "", 2 + i, False, False)
                    for i in range(3)], ["ARNOLD", "BEYER", "CASPAR"])
    page = unescape(client.get("/nachfrage").get_data(as_text=True))
    assert _cells(_section(page, "Nach Bereich, Region und gewünschtem Beginn"), "Schweißtechnik") == [
        "Erzgebirgskreis", "1. Quartal 2027", "3", "9", "3"]
    assert _cells(_section(page, "Nach Lernform"), "Präsenz") == ["3", "9", "3"]
    # two of the three are renewals from the matrix: fewer than three firms
    assert _cells(_section(page, "Aus Qualifikationsmatrizen erzeugte Bedarfe"), "Schweißtechnik") == ["< 3"] * 3
    assert "< 3" not in _section(page, "Nach Lernform")


@pytest.mark.parametrize("path", ["/nachfrage", "/nachfrage.csv", "/nachfrage.json"])
def test_firms_and_visitors_do_not_see_it(client, path):
    assert client.get(path).status_code == 302  # to the login
    client.application.extensions["accounts"].register(
        company="Bäckerei Roth", postal_code="09456", size="1-9", sector="", contact="",
        email="chef@baeckerei.example", password=PASSWORD)
    login(client, "chef@baeckerei.example", PASSWORD)
    assert client.get(path).status_code == 403
