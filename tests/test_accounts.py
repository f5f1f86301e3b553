"""Company accounts and needs through the test client with CSRF protection on: register, login
(no user enumeration, rate limited), needs from a search, matches explained, and one company
never reaching another's needs on any route."""
from __future__ import annotations

import re

import pytest


def csrf(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def register(client, email: str, company: str = "Tischlerei Neubert"):
    token = csrf(client, "/konto/registrieren")
    return client.post("/konto/registrieren", data={
        "csrf_token": token, "company": company, "postal_code": "09456", "size": "1-9", "sector": "Holz",
        "contact": "Frau Neubert", "email": email, "password": "sicheres-passwort", "password2": "sicheres-passwort"})


def logout(client):
    client.post("/konto/abmelden", data={"csrf_token": csrf(client, "/bedarfe")})


def login(client, email: str, password: str = "sicheres-passwort"):
    token = csrf(client, "/konto/anmelden")
    return client.post("/konto/anmelden", data={"csrf_token": token, "email": email, "password": password})


def create_need(client, **fields) -> int:
    token = csrf(client, "/bedarfe/neu")
    data = {"csrf_token": token, "topic": "Schweißen", "employees": "3", "place": "Annaberg-Buchholz",
            "radius_km": "50", "max_price": "1500", **fields}
    response = client.post("/bedarfe/neu", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_register_login_logout(client):
    response = register(client, "info@neubert.example")
    assert response.status_code == 302 and response.headers["Location"].endswith("/bedarfe")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Abmelden (Tischlerei Neubert)" in client.get("/bedarfe").get_data(as_text=True)
    logout(client)
    assert client.get("/bedarfe").status_code == 302  # login required again
    assert login(client, "INFO@neubert.example").status_code == 302


def test_registration_errors_are_clear(client):
    register(client, "a@b.example")
    logout(client)
    again = register(client, "a@b.example")
    assert again.status_code == 400 and "bereits ein Konto" in again.get_data(as_text=True)
    token = csrf(client, "/konto/registrieren")
    short = client.post("/konto/registrieren", data={"csrf_token": token, "company": "X", "postal_code": "0945",
                                                     "email": "x@y.example", "password": "kurz", "password2": "kurz"})
    assert "fünfstellige Postleitzahl" in short.get_data(as_text=True)


def test_login_does_not_tell_who_has_an_account_and_is_rate_limited(client):
    register(client, "chef@firma.example")
    logout(client)
    wrong_password = login(client, "chef@firma.example", "falsch-falsch").get_data(as_text=True)
    unknown_user = login(client, "niemand@firma.example", "falsch-falsch").get_data(as_text=True)
    message = "E-Mail-Adresse oder Passwort ist falsch."
    assert message in wrong_password and message in unknown_user
    for _ in range(4):
        login(client, "chef@firma.example", "falsch-falsch")
    blocked = login(client, "chef@firma.example").get_data(as_text=True)  # even the right password now
    assert "Zu viele Anmeldeversuche" in blocked


def test_every_form_needs_its_csrf_token(client):
    response = client.post("/konto/anmelden", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 400 and "Das Formular ist abgelaufen" in response.get_data(as_text=True)


def test_open_redirect_after_login_is_refused(client):
    register(client, "r@r.example")
    logout(client)
    token = csrf(client, "/konto/anmelden")
    response = client.post("/konto/anmelden?weiter=//evil.example/", data={
        "csrf_token": token, "email": "r@r.example", "password": "sicheres-passwort"})
    assert response.headers["Location"].endswith("/bedarfe")


def test_need_from_a_search_with_explained_matches(client):
    register(client, "info@neubert.example")
    form = client.get("/bedarfe/neu?q=Schwei%C3%9Fen&near=Annaberg-Buchholz&radius=25").get_data(as_text=True)
    assert 'value="Schweißen"' in form and 'value="Annaberg-Buchholz"' in form and 'value="25"' in form
    need_id = create_need(client)
    page = client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    assert "MAG-Schweißen Grundlehrgang" in page
    assert "passt: Thema, 0 km entfernt, Start im März, Preis im Budget" in page
    assert "WIG-Schweissen" in page  # 30 km away, also within 50 km


def test_near_misses_say_what_does_not_fit(client):
    register(client, "info@neubert.example")
    need_id = create_need(client, max_price="500")
    page = client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    near = page.split("Knapp daneben", 1)[1]
    assert "MAG-Schweißen Grundlehrgang" in near and "passt nicht: Preis über Budget" in near


def test_edit_pause_delete(client):
    register(client, "info@neubert.example")
    need_id = create_need(client)
    token = csrf(client, f"/bedarfe/{need_id}/bearbeiten")
    client.post(f"/bedarfe/{need_id}/bearbeiten", data={"csrf_token": token, "topic": "Gabelstapler",
                                                        "employees": "2", "radius_km": "50"})
    assert "Bedarf: Gabelstapler" in client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    client.post(f"/bedarfe/{need_id}/pausieren", data={"csrf_token": token})
    assert "pausiert" in client.get("/bedarfe").get_data(as_text=True)
    client.post(f"/bedarfe/{need_id}/loeschen", data={"csrf_token": token, "bestaetigt": "1"})  # the confirmation page's button
    assert client.get(f"/bedarfe/{need_id}").status_code == 404


@pytest.mark.parametrize("method, path", [("get", "/bedarfe/{id}"), ("get", "/bedarfe/{id}/bearbeiten"),
                                          ("post", "/bedarfe/{id}/bearbeiten"), ("post", "/bedarfe/{id}/pausieren"),
                                          ("post", "/bedarfe/{id}/loeschen")])
def test_one_company_never_reaches_another_companys_need(client, method, path):
    register(client, "a@firma-a.example", "Firma A")
    need_id = create_need(client)
    logout(client)
    register(client, "b@firma-b.example", "Firma B")
    token = csrf(client, "/bedarfe/neu")
    url = path.format(id=need_id)
    response = client.get(url) if method == "get" else client.post(url, data={"csrf_token": token, "topic": "x"})
    assert response.status_code == 404
    assert "Schweißen" not in client.get("/bedarfe").get_data(as_text=True)
    logout(client)
    login(client, "a@firma-a.example")
    assert "Schweißen" in client.get(f"/bedarfe/{need_id}").get_data(as_text=True)  # untouched


@pytest.fixture
def office(client, tmp_path):
    """An admin user of the coordination office, logged in on `client`."""
    accounts = client.application.extensions["accounts"]
    accounts.add_admin("buero@verbund.example", "buero-passwort-1")
    return accounts


def seed_needs(client):
    for email, company, place in (("a@a.example", "Metallbau Arnold", "Annaberg-Buchholz"),
                                  ("b@b.example", "Schlosserei Beyer", "Schwarzenberg/Erzgeb."),
                                  ("c@c.example", "Pflegedienst Curt", "Marienberg")):
        register(client, email, company)
        create_need(client, category="schweissen" if company != "Pflegedienst Curt" else "pflege",
                    topic="Schweißen" if company != "Pflegedienst Curt" else "Palliativpflege", place=place)
        logout(client)


@pytest.mark.parametrize("path", ["/koordinierung/", "/koordinierung/bedarf", "/koordinierung/bedarf.csv"])
def test_office_pages_need_the_admin_role(client, office, path):
    assert client.get(path).status_code == 302  # anonymous: to the login
    register(client, "firma@x.example")
    assert client.get(path).status_code == 403  # a company user
    assert client.post("/koordinierung/quelle/sta/crawlen", data={"csrf_token": csrf(client, "/bedarfe")}).status_code == 403


def test_office_sees_source_health(client, office, offer_records):
    catalogue = client.application.extensions["catalogue"]
    catalogue.record_run(source="sta", job="night", started="2027-01-02T02:00:00+00:00", status="failed",
                         errors=["3x DNSLookupError: host name not found (DNS): is the address right?"])
    login(client, "buero@verbund.example", "buero-passwort-1")
    page = client.get("/koordinierung/").get_data(as_text=True)
    assert "<th scope=\"row\">sta</th>" in page and "fehlgeschlagen" in page and "host name not found" in page
    assert "Jetzt abrufen" in page


def test_office_sees_demand_groups_unmet_needs_and_csv(client, office):
    seed_needs(client)
    login(client, "buero@verbund.example", "buero-passwort-1")
    page = client.get("/koordinierung/bedarf").get_data(as_text=True)
    assert "3 aktive Bedarfe" in page
    groups = page.split("Gruppen für einen gemeinsamen Kurs", 1)[1].split("<h2>", 1)[0]
    assert "2 Firmen, 6 Personen" in groups and "Metallbau Arnold" in groups and "Schlosserei Beyer" in groups
    unmet = page.split("Bedarf ohne passendes Angebot", 1)[1].split("<h2>", 1)[0]
    assert "Pflegedienst Curt" in unmet and "Palliativpflege" in unmet
    assert "<svg" in page and "<table" in page  # a chart, and its data as a table
    csv_text = client.get("/koordinierung/bedarf.csv").get_data(as_text=True)
    assert csv_text.count("\n") == 4 and "Metallbau Arnold;Schweißen" in csv_text


def test_company_names_never_reach_other_companies(client, office):
    seed_needs(client)
    login(client, "a@a.example")
    for path in ("/bedarfe", "/?q=Schweißen"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Abmelden (Metallbau Arnold)" in page, path  # signed in as A
        assert "Schlosserei Beyer" not in page, path
    api = client.get("/api/offers?q=Schweißen")
    assert api.status_code == 200 and api.json["total"] == 3
    assert "Schlosserei Beyer" not in api.get_data(as_text=True)


def test_office_starts_a_crawl_of_one_source(client, office, demo_url, monkeypatch):
    import time
    monkeypatch.setenv("WBP_DEMO_URL", demo_url)
    monkeypatch.setenv("WBP_LOCAL_FAST", "1")
    login(client, "buero@verbund.example", "buero-passwort-1")
    response = client.post("/koordinierung/quelle/sta/crawlen", data={"csrf_token": csrf(client, "/koordinierung/")},
                           follow_redirects=True)
    assert "Der Abruf von „sta“ ist gestartet" in response.get_data(as_text=True)
    catalogue = client.application.extensions["catalogue"]
    deadline = time.monotonic() + 90
    while not catalogue.runs("sta") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert catalogue.runs("sta")[0]["status"] == "ok"
    page = client.get("/koordinierung/").get_data(as_text=True)
    assert "Angebote je Abruf: sta" in page and "in Ordnung" in page


def test_every_post_route_refuses_a_missing_csrf_token(client, office):
    login(client, "buero@verbund.example", "buero-passwort-1")
    values = {"need_id": 1, "key": "sta", "offer_id": "a-1", "token": "x", "person_id": 1, "qualification_id": "c1",
              "user_id": 1, "company_id": 1}
    posts = [rule for rule in client.application.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) >= 10
    for rule in posts:
        url = rule.build({name: values.get(name, 1) for name in rule.arguments}, append_unknown=False)[1]
        response = client.post(url, data={"email": "x@y.example", "password": "irgendwas-langes", "topic": "x"})
        assert response.status_code == 400 and "Das Formular ist abgelaufen" in response.get_data(as_text=True), url


def test_security_headers_on_every_kind_of_page(client, office):
    login(client, "buero@verbund.example", "buero-passwort-1")
    for path in ("/", "/angebot/a-1", "/foerderung", "/bedarfe", "/koordinierung/", "/api/offers", "/export.csv",
                 "/konto/anmelden", "/gibt-es-nicht"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert "script-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path
