"""The coordination office's pages: landing after login, a page per source with its run history in
German, "läuft" while a crawl holds the source's lock (the real lock module), "alle abrufen", and
the list of companies and users with block, unblock and delete (each company isolated)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from test_accounts import create_need, csrf, login, logout, register
from test_browser import WebDriverWait, browser, live, live_url, screenshot  # noqa: F401
from test_browser_accounts import axe  # noqa: F401
from wbportal.db.tables import companies, needs, users
from wbportal.ops.locks import source_lock
from wbportal.paths import DataDir

OFFICE_EMAIL, OFFICE_PASSWORD = "buero@verbund.example", "buero-passwort-1"


@pytest.fixture
def office(client):
    accounts = client.application.extensions["accounts"]
    accounts.add_admin(OFFICE_EMAIL, OFFICE_PASSWORD)
    return accounts


def office_login(client):
    response = login(client, OFFICE_EMAIL, OFFICE_PASSWORD)
    assert response.status_code == 302
    return response


def lock_dir(client) -> Path:
    return DataDir(Path(client.application.config["INDEX_DIR"]).resolve().parent).lock_dir


@pytest.fixture
def started(monkeypatch):
    """The commands the office's buttons start (the real crawl is tested end to end in
    test_accounts.test_office_starts_a_crawl_of_one_source); nothing is run here."""
    import webui.background

    commands: list[list[str]] = []

    class Recorder:
        def __init__(self, args, **kwargs):
            commands.append(list(args))

    monkeypatch.setattr(webui.background.subprocess, "Popen", Recorder)
    return commands


def count(client, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with client.application.extensions["db"].engine.connect() as conn:
        return conn.execute(query).scalar_one()


# -- access and landing ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/koordinierung/quelle/sta", "/koordinierung/konten",
                                  "/koordinierung/benutzer/1/loeschen", "/koordinierung/firma/1/loeschen"])
def test_office_pages_are_office_only(client, office, path):
    assert client.get(path).status_code == 302  # anonymous: to the login
    register(client, "firma@x.example")
    assert client.get(path).status_code == 403
    token = csrf(client, "/bedarfe")
    for post in ("/koordinierung/quellen/alle-abrufen", "/koordinierung/benutzer/1/sperren",
                 "/koordinierung/benutzer/1/entsperren", "/koordinierung/firma/1/loeschen"):
        assert client.post(post, data={"csrf_token": token}).status_code == 403, post
    assert count(client, users, disabled=True) == 0


def test_office_lands_on_its_pages_and_a_company_on_its_needs(client, office):
    assert office_login(client).headers["Location"] == "/koordinierung/"
    logout(client)
    token = csrf(client, "/konto/anmelden")
    response = client.post("/konto/anmelden?weiter=/koordinierung/konten",
                           data={"csrf_token": token, "email": OFFICE_EMAIL, "password": OFFICE_PASSWORD})
    assert response.headers["Location"] == "/koordinierung/konten"  # a `weiter` still wins
    logout(client)
    register(client, "firma@x.example")
    logout(client)
    assert login(client, "firma@x.example").headers["Location"] == "/bedarfe"


# -- sources --------------------------------------------------------------------------------------
def test_source_page_shows_its_run_history_in_german(client, office):
    catalogue = client.application.extensions["catalogue"]
    catalogue.record_run(source="sta", job="night", started="2027-01-07T02:00:00+00:00", status="ok", pages=12,
                         offers_valid=40, added=40, coverage={"price": 0.9, "start_date": 1.0})
    catalogue.record_run(source="sta", job="night", started="2027-07-08T01:30:00+00:00", status="degraded", pages=11,
                         offers_valid=38, offers_invalid=2, added=3, changed=5, removed=4,
                         coverage={"price": 0.4, "start_date": 1.0},
                         errors=["price found on 40% of offers, was 90% in the last good run", "odd thing happened"])
    catalogue.record_run(source="sta", job="manual", started="2027-07-09T10:00:00+00:00", status="failed",
                         errors=["3x DNSLookupError: host name not found (DNS): is the address right?"])
    catalogue.record_run(source="wak", job="night", started="2027-07-09T10:00:00+00:00", status="ok",
                         offers_valid=777)
    office_login(client)
    page = re.sub(r">\s+<", "><", client.get("/koordinierung/quelle/sta").get_data(as_text=True))
    assert "<h1>Quelle sta</h1>" in page
    # dd.mm.yyyy hh:mm on the Berlin clock: winter UTC+1, summer UTC+2
    assert "07.01.2027 03:00" in page and "08.07.2027 03:30" in page and "09.07.2027 12:00" in page
    assert "2027-01-07" not in page
    assert "in Ordnung" in page and "eingeschränkt" in page and "fehlgeschlagen" in page
    assert "<td>11</td><td>38</td><td>2</td><td>3</td><td>5</td><td>4</td>" in page  # pages, offers, +, ~, −
    assert '<th scope="row">Preis</th><td>40 % (wenig)</td>' in page and '<th scope="row">Beginn</th><td>100 %</td>' in page
    assert "„Preis“ nur noch bei 40 % der Angebote gefunden (im letzten guten Abruf 90 %)" in page
    assert "Rechnername nicht gefunden (DNS)" in page
    assert "odd thing happened" in page  # an unknown warning is shown as it is
    assert "777" not in page  # another source's runs are not mixed in
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<title id="chart-title-' in svg and "Angebote je Abruf: sta" in svg and "<desc" in svg
    assert svg.count("<rect") == 3
    sources = client.get("/koordinierung/").get_data(as_text=True)
    assert 'href="/koordinierung/quelle/sta"' in sources and "09.07.2027 12:00" in sources
    assert client.get("/koordinierung/quelle/gibt-es-nicht").status_code == 404


def test_a_running_crawl_shows_laeuft_and_its_buttons_refuse(client, office, started):
    office_login(client)
    with source_lock(lock_dir(client), "sta"):  # a crawl of sta is running (e.g. the nightly one)
        overview = client.get("/koordinierung/").get_data(as_text=True)
        row = overview.split('<th scope="row">sta</th>', 1)[1].split("</tr>", 1)[0]
        assert "läuft" in row and "<button type=\"submit\" disabled>läuft</button>" in row
        other = overview.split('<th scope="row">wak</th>', 1)[1].split("</tr>", 1)[0]
        assert "läuft" not in other and "Jetzt abrufen" in other
        detail = client.get("/koordinierung/quelle/sta").get_data(as_text=True)
        assert "<button type=\"submit\" disabled>läuft</button>" in detail
        token = csrf(client, "/koordinierung/")
        refused = client.post("/koordinierung/quelle/sta/crawlen", data={"csrf_token": token}, follow_redirects=True)
        assert "läuft bereits" in refused.get_data(as_text=True)
        assert started == []  # no second crawl of sta
        everything = client.post("/koordinierung/quellen/alle-abrufen", data={"csrf_token": token}, follow_redirects=True)
        assert "Übersprungen, weil ihr Abruf gerade läuft: sta." in everything.get_data(as_text=True)
    assert len(started) == 1
    command = started[0]
    keys = command[command.index("crawl") + 1:command.index("--quiet")]
    from wbportal.config import load_sources
    enabled = [s.key for s in load_sources(client.application.config["SOURCES_FILE"]).sources.values() if s.enabled]
    assert keys == [k for k in enabled if k != "sta"] and len(keys) >= 2
    assert command[command.index("--data-dir") + 1] == str(lock_dir(client).parent)
    # the lock is gone with its holder: the button is back
    overview = client.get("/koordinierung/").get_data(as_text=True)
    row = overview.split('<th scope="row">sta</th>', 1)[1].split("</tr>", 1)[0]
    assert "läuft" not in row and "Jetzt abrufen" in row
    client.post("/koordinierung/quelle/sta/crawlen", data={"csrf_token": csrf(client, "/koordinierung/")})
    assert started[-1][started[-1].index("crawl") + 1] == "sta"


# -- companies and users --------------------------------------------------------------------------
def seed_two_companies(client):
    register(client, "a@arnold.example", "Metallbau Arnold")
    create_need(client, topic="Schweißen")
    create_need(client, topic="Stapler")
    logout(client)
    register(client, "b@beyer.example", "Schlosserei Beyer")
    create_need(client, topic="Erste Hilfe")
    logout(client)
    accounts = client.application.extensions["accounts"]
    return accounts.user_by_email("a@arnold.example"), accounts.user_by_email("b@beyer.example")


def test_office_lists_companies_and_users(client, office):
    seed_two_companies(client)
    office_login(client)
    page = client.get("/koordinierung/konten").get_data(as_text=True)
    arnold = page.split('<th scope="row">Metallbau Arnold</th>', 1)[1].split("</tr>", 1)[0]
    assert "<td>09456</td><td>1-9 Beschäftigte</td>" in arnold and "<td>1</td><td>2</td>" in arnold
    beyer = page.split('<th scope="row">Schlosserei Beyer</th>', 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td><td>1</td>" in beyer
    user = page.split('<th scope="row">a@arnold.example</th>', 1)[1].split("</tr>", 1)[0]
    assert "Metallbau Arnold" in user and "Firma" in user and "aktiv" in user and "sperren" in user
    own = page.split(f'<th scope="row">{OFFICE_EMAIL}</th>', 1)[1].split("</tr>", 1)[0]
    assert "Ihr Konto" in own and "sperren" not in own  # the office cannot lock itself out here


def test_blocked_user_cannot_log_in_and_is_logged_out(client, office, app):
    arnold, _ = seed_two_companies(client)
    other = app.test_client()  # Arnold, logged in in another browser
    login(other, "a@arnold.example")
    assert other.get("/bedarfe").status_code == 200
    office_login(client)
    response = client.post(f"/koordinierung/benutzer/{arnold.id}/sperren",
                           data={"csrf_token": csrf(client, "/koordinierung/konten")}, follow_redirects=True)
    assert "a@arnold.example ist gesperrt" in response.get_data(as_text=True)
    assert count(client, users, id=arnold.id, disabled=True) == 1
    assert other.get("/bedarfe").status_code == 302  # treated as logged out at once
    logout(client)
    refused = login(client, "a@arnold.example")
    assert refused.status_code == 403 and "von der Koordinierungsstelle gesperrt" in refused.get_data(as_text=True)
    wrong = login(client, "a@arnold.example", "falsches-passwort")
    assert "gesperrt" not in wrong.get_data(as_text=True)  # only the right password learns it is blocked
    office_login(client)
    client.post(f"/koordinierung/benutzer/{arnold.id}/entsperren", data={"csrf_token": csrf(client, "/koordinierung/konten")})
    logout(client)
    assert login(client, "a@arnold.example").status_code == 302
    assert count(client, needs, company_id=arnold.company_id) == 2  # nothing was lost by blocking


def test_deleting_a_company_removes_only_its_users_and_needs(client, office):
    arnold, beyer = seed_two_companies(client)
    client.application.extensions["accounts"].add_user(arnold.company_id, "kollege@arnold.example", "kollegen-passwort")
    office_login(client)
    confirm = client.get(f"/koordinierung/firma/{arnold.company_id}/loeschen").get_data(as_text=True)
    assert "Firma Metallbau Arnold löschen?" in confirm and "2 Benutzer" in confirm and "2 Bedarfe" in confirm
    assert count(client, companies, id=arnold.company_id) == 1  # the confirmation page deletes nothing
    response = client.post(f"/koordinierung/firma/{arnold.company_id}/loeschen",
                           data={"csrf_token": csrf(client, "/koordinierung/konten")}, follow_redirects=True)
    assert "Metallbau Arnold ist mit allen ihren Benutzern und Daten gelöscht" in response.get_data(as_text=True)
    assert count(client, companies, id=arnold.company_id) == 0
    assert count(client, users, company_id=arnold.company_id) == 0
    assert count(client, needs, company_id=arnold.company_id) == 0
    assert count(client, users, company_id=beyer.company_id) == 1 and count(client, needs, company_id=beyer.company_id) == 1
    logout(client)
    assert login(client, "b@beyer.example").status_code == 302


def test_deleting_a_user_keeps_the_company_and_its_needs(client, office):
    arnold, _ = seed_two_companies(client)
    colleague = client.application.extensions["accounts"].add_user(arnold.company_id, "kollege@arnold.example",
                                                                    "kollegen-passwort")
    office_login(client)
    assert "kollege@arnold.example löschen?" in client.get(f"/koordinierung/benutzer/{colleague.id}/loeschen").get_data(as_text=True)
    client.post(f"/koordinierung/benutzer/{colleague.id}/loeschen", data={"csrf_token": csrf(client, "/koordinierung/konten")})
    assert count(client, users, id=colleague.id) == 0
    assert count(client, users, company_id=arnold.company_id) == 1 and count(client, needs, company_id=arnold.company_id) == 2


def test_office_cannot_delete_or_block_itself(client, office):
    office_login(client)
    me = office.user_by_email(OFFICE_EMAIL)
    token = csrf(client, "/koordinierung/konten")
    client.post(f"/koordinierung/benutzer/{me.id}/sperren", data={"csrf_token": token})
    client.post(f"/koordinierung/benutzer/{me.id}/loeschen", data={"csrf_token": token})
    client.post(f"/koordinierung/firma/{me.company_id}/loeschen", data={"csrf_token": token})
    assert count(client, users, id=me.id, disabled=False) == 1
    assert client.get("/koordinierung/konten").status_code == 200


# -- in the browser, with axe -----------------------------------------------------------------------
def test_office_pages_in_the_browser_pass_axe(live, live_url, browser, axe):
    from test_browser import By
    from test_browser_accounts import fill, submit

    app = live.app
    app.extensions["accounts"].add_admin(OFFICE_EMAIL, OFFICE_PASSWORD)
    app.extensions["accounts"].register(company="Metallbau Arnold", postal_code="09456", size="1-9", sector="",
                                        contact="", email="a@arnold.example", password="sicheres-passwort")
    catalogue = app.extensions["catalogue"]
    catalogue.record_run(source="sta", job="night", started="2027-01-07T02:00:00+00:00", status="ok", pages=12,
                         offers_valid=40, added=40, coverage={"price": 0.9, "start_date": 1.0})
    catalogue.record_run(source="sta", job="night", started="2027-01-08T02:00:00+00:00", status="degraded", pages=11,
                         offers_valid=38, coverage={"price": 0.4, "start_date": 1.0},
                         errors=["price found on 40% of offers, was 90% in the last good run"])
    browser.get(live_url + "/konto/anmelden")
    fill(browser, email=OFFICE_EMAIL, password=OFFICE_PASSWORD)
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Quellen und letzte Abrufe"  # landed on the office
    with source_lock(DataDir(Path(app.config["INDEX_DIR"]).resolve().parent).lock_dir, "wak"):
        browser.get(live_url + "/koordinierung/")
        assert not browser.find_element(By.XPATH, "//button[text()='läuft']").is_enabled()
        axe.check(browser, "office sources with a running crawl")
    browser.get(live_url + "/koordinierung/quelle/sta")
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart title").get_attribute("textContent") == "Angebote je Abruf: sta"
    screenshot(browser, "office-source-1280")
    axe.check(browser, "source page")
    browser.get(live_url + "/koordinierung/konten")
    screenshot(browser, "office-accounts-1280")
    axe.check(browser, "companies and users")
    browser.find_element(By.XPATH, "//tr[th='a@arnold.example']//button").click()
    WebDriverWait(browser, 10).until(lambda b: "ist gesperrt" in b.page_source)
    company_id = app.extensions["accounts"].user_by_email("a@arnold.example").company_id
    browser.get(live_url + f"/koordinierung/firma/{company_id}/loeschen")
    axe.check(browser, "delete confirmation")
    browser.find_element(By.CSS_SELECTOR, "button.danger").click()
    WebDriverWait(browser, 10).until(lambda b: "mit allen ihren Benutzern und Daten gelöscht" in b.page_source)
    assert app.extensions["accounts"].user_by_email("a@arnold.example") is None
    axe.finish()


@pytest.mark.one_database
def test_alle_abrufen_crawls_every_enabled_source_but_the_running_one(client, office, demo_url, monkeypatch):
    """End to end: the button's background `wbportal crawl` against the demo sites."""
    import time

    from wbportal.config import load_sources

    monkeypatch.setenv("WBP_DEMO_URL", demo_url)
    monkeypatch.setenv("WBP_LOCAL_FAST", "1")
    enabled = [s.key for s in load_sources(client.application.config["SOURCES_FILE"]).sources.values() if s.enabled]
    busy, others = enabled[0], enabled[1:]
    catalogue = client.application.extensions["catalogue"]
    office_login(client)
    with source_lock(lock_dir(client), busy):
        client.post("/koordinierung/quellen/alle-abrufen", data={"csrf_token": csrf(client, "/koordinierung/")})
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not all(catalogue.runs(k) for k in others):
            time.sleep(1)
        assert {k for k in others if catalogue.runs(k)} == set(others)
    assert catalogue.runs(busy) == []  # skipped, not queued behind the lock
    page = client.get("/koordinierung/").get_data(as_text=True)
    assert page.count("in Ordnung") >= len(others)
