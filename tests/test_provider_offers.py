"""The provider area end to end: a provider account linked to the demo source `sta` (crawled for
real once per module from the demo sites) sees its offers with quality warnings, corrects a field
(the search shows the correction after `publish`, and a re-crawl keeps it), is told when its page
changes the corrected field (a modified raw snapshot, renormalized), hides and unhides an offer,
and enters, edits and withdraws offers by hand. Every save starts `wbportal publish` in the
background; the tests run the same `publish` in-process so that they can wait for it.
"""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from index import SearchQuery
from test_accounts import csrf, login
from wbportal.db.tables import offer_corrections, offers
from wbportal.ops import jobs
from wbportal.ops.publish import publish
from wbportal.portal import Portal
from wbportal.providers import corrections
from wbportal.providers.accounts import invite
from wbportal.roles import OrgKind

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "anbieter-passwort-1"
PROVIDER_EMAIL = "kurse@sta.example"
MAG = ("MAG-Schweißen Grundlehrgang (Verfahren 135)", "2027-01-25")  # provider_ref 1960, 1.480,00 €
SANI = ("Betriebssanitäter – Grundlehrgang", "2027-05-03")          # provider_ref 2607


@pytest.fixture(scope="module")
def sta_snapshot(cli, demo_url, tmp_path_factory) -> Path:
    """The raw items of one real crawl of the demo source `sta` (JSON API of the demo sites)."""
    data = tmp_path_factory.mktemp("sta-crawl")
    cli("crawl", "sta", "--quiet", data_dir=data, demo_url=demo_url)
    return sorted((data / "raw" / "sta").glob("*.jsonl"))[-1]


@pytest.fixture
def portal(app, tmp_path):
    """The CLI's view of the app's data directory and database (what `wbportal publish` opens)."""
    p = Portal.open(tmp_path, database_url=app.config["DATABASE_URL"])
    yield p
    p.db.dispose()


@pytest.fixture
def started(monkeypatch):
    """The background commands the web starts (`wbportal publish`), recorded instead of run."""
    import webui.background

    commands: list[list[str]] = []
    monkeypatch.setattr(webui.background, "start_cli", lambda *args: commands.append(list(args)))
    return commands


def renormalize(portal, snapshot: Path, items: list[dict] | None = None) -> str:
    """Puts a raw snapshot (optionally with other items) into the data directory as the newest and
    normalizes it through the crawl pipeline (as `renormalize` does after a crawl)."""
    from wbportal.config import load_sources

    raw_dir = portal.data.raw_dir("sta")
    existing = sorted(raw_dir.glob("*.jsonl"))
    target = raw_dir / f"2999{len(existing):04d}T000000-1.jsonl"
    if items is None:
        shutil.copy(snapshot, target)
    else:
        target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    result = jobs.run(portal, "renormalize", sources=load_sources(ROOT / "sources.yaml"), keys=["sta"])
    assert result.reports and result.reports[0].status == "ok", result.message
    return result.message


def raw_items(snapshot: Path) -> list[dict]:
    return [json.loads(line) for line in snapshot.read_text(encoding="utf-8").splitlines() if line.strip()]


def changed_items(snapshot: Path, provider_ref: str, **fields) -> list[dict]:
    items = raw_items(snapshot)
    for item in items:
        if item["provider_ref"] == provider_ref:
            item.update(fields)
    return items


def offer_id(portal, title_start: tuple[str, str]) -> str:
    title, start = title_start
    found = [r["id"] for r in portal.catalogue.iter_offers(active_only=False)
             if r["title"] == title and r["start_date"] == start]
    assert len(found) == 1, found
    return found[0]


def search(client, text: str, **query) -> list[dict]:
    return [h.record for h in client.application.extensions["searcher"].search(
        SearchQuery(text=text, page_size=100, **query)).hits]


@pytest.fixture
def provider(client, portal, sta_snapshot):
    """A provider organisation linked to `sta` with one user, the crawl loaded, logged in."""
    renormalize(portal, sta_snapshot)
    invited = invite(portal.db, portal.accounts, kind=OrgKind.provider, name="Sicherheits- und Technikakademie",
                     email=PROVIDER_EMAIL, sources=["sta"])
    portal.accounts.set_password(invited.user.id, PASSWORD)
    assert login(client, PROVIDER_EMAIL, PASSWORD).status_code == 302
    return invited


def logout(client):
    client.post("/konto/abmelden", data={"csrf_token": csrf(client, "/konto")})


def post(client, path: str, form_page: str, **data):
    return client.post(path, data={"csrf_token": csrf(client, form_page), **data})


def correction_row(portal, oid: str, field: str):
    with portal.db.engine.connect() as conn:
        return conn.execute(select(offer_corrections).where(offer_corrections.c.offer_id == oid,
                                                            offer_corrections.c.field == field)).first()


# -- the provider's list and its warnings --------------------------------------------------------
def test_provider_sees_its_crawled_offers_with_warnings_and_nothing_else(client, portal, provider, offer_records):
    others = [r for r in offer_records if r["source"] == "c"]
    portal.catalogue.apply("c", others, remove_missing=True)
    page = client.get("/anbieter/").get_data(as_text=True)
    assert "Von Ihrer Webseite gelesen (60)" in page
    assert "MAG-Schweißen Grundlehrgang (Verfahren 135)" in page
    assert 'href="/antwort/meine"' in page  # "Anfragen an Sie"
    for record in others:
        assert record["title"] not in page and record["id"] not in page
    # "Betriebssanitäter" has no price on the page; "Hubarbeitsbühnen" gives "1 Tag", no hours
    sani = page.split("Betriebssanitäter – Grundlehrgang", 1)[1].split("</tr>", 1)[0]
    assert "Preis: fehlt" in sani
    detail = client.get(f"/anbieter/angebot/{offer_id(portal, SANI)}").get_data(as_text=True)
    assert "Preis: fehlt" in detail.split('id="feld-price"', 1)[1].split("</tr>", 1)[0]


def test_offer_warnings_per_field():
    from wbportal.providers.quality import offer_warnings

    record = {"title": "Kurs", "description": "", "start_date": "2020-01-10", "end_date": "2020-01-12",
              "price_eur": None, "price_text": "pro Teilnehmer gestaffelt", "duration_hours": None,
              "duration_text": "", "format": "onsite", "location": None, "category": "sonstiges",
              "schedule_text": "", "rolling_start": False}
    found = {(w.field, w.kind, w.fix) for w in offer_warnings(record, today=date(2026, 12, 1))}
    assert found == {("price", "not_understood", "price"), ("description", "missing", "description"),
                     ("duration", "missing", "duration"), ("place", "missing", "place"),
                     ("category", "other_category", "category"), ("end_date", "past", "dates")}
    online = dict(record, format="online", description="x", category="it", price_eur=10.0, duration_hours=8.0,
                  start_date=None, end_date=None, rolling_start=True)
    assert offer_warnings(online, today=date(2026, 12, 1)) == []


# -- corrections ----------------------------------------------------------------------------------
def test_correction_reaches_the_search_and_survives_a_real_recrawl(client, portal, provider, started, cli, demo_url,
                                                                   app):
    oid = offer_id(portal, MAG)
    form = client.get(f"/anbieter/angebot/{oid}/korrektur/price").get_data(as_text=True)
    assert 'value="1.480,00 €"' in form
    response = post(client, f"/anbieter/angebot/{oid}/korrektur/price", f"/anbieter/angebot/{oid}/korrektur/price",
                    price="1.290,00 €")
    assert response.status_code == 302
    assert any("publish" in command for command in started)  # the web starts `wbportal publish`
    row = correction_row(portal, oid, "price")
    assert json.loads(row.crawled) == {"price_eur": 1480.0, "price_remarks": [], "price_text": "1.480,00 €"}
    assert [r["id"] for r in search(client, "MAG Schweißen", max_price=1300)] == []  # not before publish
    publish(portal)
    hits = {r["id"]: r for r in search(client, "MAG Schweißen", max_price=1300)}
    assert hits[oid]["price_eur"] == 1290.0 and hits[oid]["price_text"] == "1.290,00 €"
    assert "<dt>Preis</dt><dd>1.290 €" in client.get(f"/angebot/{oid}").get_data(as_text=True)
    # a real crawl of the provider's site (which still says 1.480,00 €) does not undo it
    cli("crawl", "sta", "--quiet", data_dir=portal.data.root, demo_url=demo_url,
        env={"WBPORTAL_DATABASE_URL": app.config["DATABASE_URL"]})
    assert portal.catalogue.last_run("sta")["job"] == "manual"
    assert portal.catalogue.get(oid)["price_eur"] == 1290.0
    assert {r["id"]: r for r in search(client, "MAG Schweißen", max_price=1300)}[oid]["price_eur"] == 1290.0
    assert not correction_row(portal, oid, "price").page_changed
    # publishing again changes nothing (idempotent)
    assert corrections.reapply(portal.db, portal.catalogue).upserts == []


def test_changed_page_raises_the_flag_keep_or_take_the_page_value(client, portal, provider, sta_snapshot, started):
    oid = offer_id(portal, MAG)
    post(client, f"/anbieter/angebot/{oid}/korrektur/price", f"/anbieter/angebot/{oid}/korrektur/price",
         price="1.290,00 €")
    publish(portal)
    renormalize(portal, sta_snapshot, changed_items(sta_snapshot, "1960", price="1.520,00 €"))
    row = correction_row(portal, oid, "price")
    assert row.page_changed and json.loads(row.page_value)["price_eur"] == 1520.0
    assert portal.catalogue.get(oid)["price_eur"] == 1290.0  # the correction still wins
    page = client.get(f"/anbieter/angebot/{oid}").get_data(as_text=True)
    assert "Ihre Seite zeigt jetzt: 1.520,00 €" in page
    assert "<strong>Seite geändert:</strong> Preis" in client.get("/anbieter/").get_data(as_text=True)
    # the office sees it on the provider's page too
    logout(client)
    portal.accounts.add_admin("buero@verbund.example", "buero-passwort-1")
    login(client, "buero@verbund.example", "buero-passwort-1")
    office = client.get(f"/koordinierung/anbieter/{provider.organisation_id}").get_data(as_text=True)
    assert "1.290,00 €" in office and "1.520,00 €" in office
    assert "<strong>1</strong>" in client.get("/koordinierung/anbieter/").get_data(as_text=True)  # "Seite geändert"
    logout(client)
    login(client, PROVIDER_EMAIL, PASSWORD)
    # keep my correction: the page's value becomes the reference, the flag goes off and stays off
    assert post(client, f"/anbieter/angebot/{oid}/korrektur/price/behalten", f"/anbieter/angebot/{oid}").status_code == 302
    row = correction_row(portal, oid, "price")
    assert not row.page_changed and json.loads(row.crawled)["price_eur"] == 1520.0
    renormalize(portal, sta_snapshot, changed_items(sta_snapshot, "1960", price="1.520,00 €"))
    assert not correction_row(portal, oid, "price").page_changed
    assert "Ihre Seite zeigt jetzt" not in client.get(f"/anbieter/angebot/{oid}").get_data(as_text=True)
    # the page changes again; now the provider takes the page's value: the correction goes
    renormalize(portal, sta_snapshot, changed_items(sta_snapshot, "1960", price="1.560,00 €"))
    assert correction_row(portal, oid, "price").page_changed
    assert post(client, f"/anbieter/angebot/{oid}/korrektur/price/entfernen", f"/anbieter/angebot/{oid}").status_code == 302
    publish(portal)
    assert correction_row(portal, oid, "price") is None
    assert portal.catalogue.get(oid)["price_eur"] == 1560.0
    assert {r["id"]: r for r in search(client, "MAG Schweißen")}[oid]["price_eur"] == 1560.0


def test_removed_correction_restores_the_crawled_value_at_publish(client, portal, provider, started):
    oid = offer_id(portal, MAG)
    post(client, f"/anbieter/angebot/{oid}/korrektur/title", f"/anbieter/angebot/{oid}/korrektur/title",
         title="MAG-Schweißen kompakt für Einsteiger")
    publish(portal)
    assert [r["id"] for r in search(client, "kompakt Einsteiger")] == [oid]
    post(client, f"/anbieter/angebot/{oid}/korrektur/title/entfernen", f"/anbieter/angebot/{oid}")
    publish(portal)
    assert search(client, "kompakt Einsteiger") == []
    assert portal.catalogue.get(oid)["title"] == MAG[0]


KINDS_OF_CORRECTION = [
    ("dates", {"start": "01.02.2027", "end": "05.02.2027"},
     {"start_date": "2027-02-01", "end_date": "2027-02-05", "rolling_start": False}),
    ("place", {"street": "Am Markt 1", "postal_code": "", "town": "Annaberg-Buchholz"},
     {"location": {"name": None, "street": "Am Markt 1", "postal_code": "09456", "town": "Annaberg-Buchholz",
                   "lat": 50.5795, "lon": 13.0063}}),
    ("duration", {"duration_hours": "7,5"}, {"duration_hours": 7.5, "duration_text": "7,5 Stunden"}),
    ("funding", {"funding": ["bildungsgutschein", "qcg"]}, {"funding": ["bildungsgutschein", "qcg"]}),
    ("category", {"category": "elektro"}, {"category": "elektro"}),
    ("contact", {"contact_email": "kurse@sta.example", "contact_phone": "03733 555-0"},
     {"contact": {"email": "kurse@sta.example", "phone": "03733 555-0"}}),
]


def test_each_kind_of_correction_is_stored_as_schema_values(client, portal, provider, started):
    oid = offer_id(portal, MAG)
    for key, data, value in KINDS_OF_CORRECTION:
        path = f"/anbieter/angebot/{oid}/korrektur/{key}"
        assert post(client, path, path, **data).status_code == 302, key
        assert json.loads(correction_row(portal, oid, key).value) == value
    publish(portal)
    record = portal.catalogue.get(oid)
    for key, data, value in KINDS_OF_CORRECTION:
        assert {k: record[k] for k in value} == value, key


INVALID_CORRECTIONS = [
    ("price", {"price": "teuer"}, "price", "Diesen Preis verstehen wir nicht"),
    ("dates", {"start": "31.02.2027"}, "start", "Bitte geben Sie ein Datum wie 31.12.2026 an."),
    ("dates", {"start": "10.02.2027", "end": "01.02.2027"}, "end", "Das Ende liegt vor dem Beginn"),
    ("place", {"town": "Annaberch"}, "town", "Meinten Sie: Annaberg-Buchholz"),
    ("place", {"town": "Zwönitz", "postal_code": "09456"}, "postal_code", "gehört nicht zu Zwönitz"),
    ("duration", {"duration_hours": "viel"}, "duration_hours", "Dauer in Stunden als Zahl"),
    ("category", {"category": "gibt-es-nicht"}, "category", "einen der angebotenen Werte"),
    ("contact", {"contact_email": "kein-at"}, "contact_email", "gültige E-Mail-Adresse"),
]


@pytest.mark.one_database  # the form's checks; what is stored is tested on both back ends
def test_an_invalid_correction_is_refused_at_the_field(client, portal, provider, started):
    oid = offer_id(portal, MAG)
    for key, data, field, message in INVALID_CORRECTIONS:
        path = f"/anbieter/angebot/{oid}/korrektur/{key}"
        response = post(client, path, path, **data)
        page = response.get_data(as_text=True)
        assert response.status_code == 422, (key, data)
        assert message in page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0], (key, data)
        if key != "category":  # a select shows the choice, not a value attribute
            assert f'value="{next(iter(data.values()))}"' in page, (key, data)  # what was typed is still there
        assert correction_row(portal, oid, key) is None
    assert started == []


# -- hiding -----------------------------------------------------------------------------------------
def test_hidden_offer_leaves_the_search_stays_hidden_after_a_recrawl_and_comes_back(client, portal, provider,
                                                                                     sta_snapshot, started):
    oid = offer_id(portal, SANI)
    assert [r["id"] for r in search(client, "Betriebssanitäter")] == [oid]
    assert post(client, f"/anbieter/angebot/{oid}/verbergen", f"/anbieter/angebot/{oid}").status_code == 302
    assert any("publish" in command for command in started)
    publish(portal)
    assert search(client, "Betriebssanitäter") == []
    assert client.get(f"/angebot/{oid}").status_code == 404
    renormalize(portal, sta_snapshot)  # the site still lists it
    assert search(client, "Betriebssanitäter") == []
    with portal.db.engine.connect() as conn:
        assert conn.execute(select(offers.c.active).where(offers.c.id == oid)).scalar_one() is False
    page = client.get("/anbieter/").get_data(as_text=True)
    assert "verborgen" in page.split("Betriebssanitäter – Grundlehrgang", 1)[1].split("</tr>", 1)[0]
    assert post(client, f"/anbieter/angebot/{oid}/zeigen", f"/anbieter/angebot/{oid}").status_code == 302
    publish(portal)
    assert [r["id"] for r in search(client, "Betriebssanitäter")] == [oid]
    assert correction_row(portal, oid, corrections.HIDDEN) is None


def test_unhiding_an_offer_the_site_dropped_meanwhile_does_not_bring_it_back(client, portal, provider, sta_snapshot,
                                                                              started):
    oid = offer_id(portal, SANI)
    post(client, f"/anbieter/angebot/{oid}/verbergen", f"/anbieter/angebot/{oid}")
    publish(portal)
    renormalize(portal, sta_snapshot, [i for i in raw_items(sta_snapshot) if i["provider_ref"] != "2607"])
    post(client, f"/anbieter/angebot/{oid}/zeigen", f"/anbieter/angebot/{oid}")
    publish(portal)
    assert search(client, "Betriebssanitäter") == []


# -- offers entered by hand ----------------------------------------------------------------------------
def own_offer_link(client) -> str:
    """The id in the first "bearbeiten" link of the provider's hand-entered offers."""
    import re
    return re.search(r'href="/anbieter/eigene/(\d+)"', client.get("/anbieter/").get_data(as_text=True))[1]


def manual_form(**fields) -> dict:
    start = date.today() + timedelta(days=60)
    return {"title": "Motorsägenkurs für Waldarbeiter", "description": "Sicherer Umgang mit der Motorsäge im Forst.",
            "start": start.strftime("%d.%m.%Y"), "end": (start + timedelta(days=1)).strftime("%d.%m.%Y"),
            "times": "jeweils 8:00–16:00 Uhr", "price": "390,00 €", "duration_hours": "16", "format": "onsite",
            "street": "Waldweg 3", "postal_code": "", "town": "Marienberg", "category": "arbeitssicherheit",
            "funding": ["bildungsgutschein"], "certificate": "attendance", "deadline": "", "url": "",
            "contact_email": "kurse@sta.example", "contact_phone": "", **fields}


def test_hand_entered_offer_is_searchable_after_publish_edited_and_withdrawn(client, portal, provider, started):
    response = post(client, "/anbieter/eigene/neu", "/anbieter/eigene/neu", **manual_form())
    assert response.status_code == 302, response.get_data(as_text=True)
    assert any("publish" in command for command in started)
    assert search(client, "Motorsägenkurs") == []
    publish(portal)
    hits = search(client, "Motorsägenkurs")
    assert len(hits) == 1
    hit = hits[0]
    assert hit["provider"] == "Sicherheits- und Technikakademie"
    assert hit["source"] == f"manuell-{provider.organisation_id}"
    assert hit["url"] == f"http://127.0.0.1:5000/angebot/{hit['id']}"
    assert (hit["price_eur"], hit["duration_hours"], hit["category"], hit["funding"], hit["certificate"]) == (
        390.0, 16.0, "arbeitssicherheit", ["bildungsgutschein"], "attendance")
    assert hit["location"]["town"] == "Marienberg"
    assert "Motorsägenkurs für Waldarbeiter" in client.get(f"/angebot/{hit['id']}").get_data(as_text=True)
    # edit: the same offer (same id), a new title
    edit = own_offer_link(client)
    form = client.get(f"/anbieter/eigene/{edit}").get_data(as_text=True)
    assert 'value="Motorsägenkurs für Waldarbeiter"' in form and 'value="390,00 €"' in form
    post(client, f"/anbieter/eigene/{edit}", f"/anbieter/eigene/{edit}",
         **manual_form(title="Motorsägenkurs Modul 1 und 2"))
    publish(portal)
    assert [r["id"] for r in search(client, "Motorsägenkurs Modul")] == [hit["id"]]
    # withdraw: gone at the next publish
    assert post(client, f"/anbieter/eigene/{edit}/zurueckziehen", "/anbieter/").status_code == 302
    publish(portal)
    assert search(client, "Motorsägenkurs") == []
    assert client.get(f"/anbieter/eigene/{edit}").status_code == 404


def test_online_offer_without_place_and_rolling_start(client, portal, provider, started):
    data = manual_form(title="Excel-Selbstlernkurs", format="selfpaced", town="", street="", start="", end="",
                       rolling="1", category="office", funding=[], certificate="", price="kostenfrei")
    assert post(client, "/anbieter/eigene/neu", "/anbieter/eigene/neu", **data).status_code == 302
    publish(portal)
    hit = search(client, "Excel Selbstlernkurs")[0]
    assert hit["rolling_start"] is True and hit["location"] is None and hit["price_eur"] == 0.0


INVALID_OFFERS = [
    ({"title": ""}, "title", "Bitte geben Sie einen Titel an."),
    ({"price": "pro Teilnehmer gestaffelt"}, "price", "Diesen Preis verstehen wir nicht"),
    ({"start": "1.1.2020", "end": ""}, "end", "liegt in der Vergangenheit"),
    ({"start": "", "end": ""}, "start", "oder wählen Sie „laufender Einstieg“"),
    ({"town": ""}, "town", "Bitte geben Sie den Ort an"),
    ({"town": "Marienbergg"}, "town", "Meinten Sie: Marienberg"),
    ({"category": ""}, "category", "Bitte wählen Sie den Bereich"),
    ({"duration_hours": "zwei Tage"}, "duration_hours", "Dauer in Stunden als Zahl"),
    ({"url": "www.example"}, "url", "mit https:// beginnt"),
    ({"contact_phone": "Ruf an!"}, "contact_phone", "Telefonnummer"),
]


@pytest.mark.one_database  # the form's checks; what is stored is tested on both back ends
def test_hand_entered_offer_is_validated_at_the_field(client, portal, provider, started):
    for fields, field, message in INVALID_OFFERS:
        response = post(client, "/anbieter/eigene/neu", "/anbieter/eigene/neu", **manual_form(**fields))
        page = response.get_data(as_text=True)
        assert response.status_code == 422, fields
        assert message in page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0], fields
        assert "Sicherer Umgang mit der Motorsäge im Forst.</textarea>" in page  # what was typed is kept
        assert 'value="kurse@sta.example"' in page
    assert started == []
    from wbportal.providers import manual
    assert manual.of_company(portal.db, provider.organisation_id) == []


@pytest.mark.one_database  # the form's checks; what is stored is tested on both back ends
def test_schema_check_through_build_offer_answers_at_the_field(client, portal, provider, started, monkeypatch):
    """A value the form lets through but the normalizer refuses comes back at its field (422)."""
    from normalize import OfferError
    from wbportal.providers import manual

    def refuse(data, **kwargs):
        raise OfferError("price_eur: Input should be greater than or equal to 0", "price_eur")

    monkeypatch.setattr(manual, "build_manual_offer", refuse)
    response = post(client, "/anbieter/eigene/neu", "/anbieter/eigene/neu", **manual_form())
    assert response.status_code == 422
    assert "passt nicht zum Kursschema" in response.get_data(as_text=True).split('id="price-error">', 1)[1]


# -- isolation ------------------------------------------------------------------------------------------
def test_another_provider_company_and_labour_cannot_reach_the_offers(client, portal, provider, started):
    oid = offer_id(portal, MAG)
    post(client, "/anbieter/eigene/neu", "/anbieter/eigene/neu", **manual_form())
    edit = own_offer_link(client)
    logout(client)
    other = invite(portal.db, portal.accounts, kind=OrgKind.provider, name="Bildungswerk Annaberg",
                   email="info@bwa.example", sources=["bwa"])
    portal.accounts.set_password(other.user.id, PASSWORD)
    login(client, "info@bwa.example", PASSWORD)
    assert "MAG-Schweißen" not in client.get("/anbieter/").get_data(as_text=True)
    token = csrf(client, "/anbieter/")
    for path in (f"/anbieter/angebot/{oid}", f"/anbieter/angebot/{oid}/korrektur/price", f"/anbieter/eigene/{edit}"):
        assert client.get(path).status_code == 404, path
    for path in (f"/anbieter/angebot/{oid}/korrektur/price", f"/anbieter/angebot/{oid}/verbergen",
                 f"/anbieter/angebot/{oid}/zeigen", f"/anbieter/angebot/{oid}/korrektur/price/entfernen",
                 f"/anbieter/eigene/{edit}", f"/anbieter/eigene/{edit}/zurueckziehen"):
        assert client.post(path, data={"csrf_token": token, "price": "1 €"}).status_code == 404, path
    with portal.db.engine.connect() as conn:
        assert conn.execute(select(offer_corrections)).all() == []
    logout(client)
    labour = invite(portal.db, portal.accounts, kind=OrgKind.labour, name="Jobcenter Erzgebirgskreis",
                    email="jc@jobcenter.example", labour_type="Jobcenter")
    portal.accounts.set_password(labour.user.id, PASSWORD)
    firm = portal.accounts.register(company="Metallbau Arnold", postal_code="09456", size="1-9", sector="", contact="",
                                    email="chef@arnold.example", password=PASSWORD)
    for email in ("jc@jobcenter.example", firm.email):
        login(client, email, PASSWORD)
        assert client.get("/anbieter/").status_code == 403, email
        assert client.get(f"/anbieter/angebot/{oid}").status_code == 403, email
        assert client.post(f"/anbieter/angebot/{oid}/verbergen",
                           data={"csrf_token": csrf(client, "/konto")}).status_code == 403, email
        logout(client)
    assert client.get("/anbieter/").status_code == 302  # anonymous: to the login
    assert client.get("/anbieter/Sicherheits- und Technikakademie Erzgebirge GmbH").status_code == 200  # public page
