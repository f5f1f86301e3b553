"""Forms that say no (#15 part 5): bad input gets a German message at the field (aria-invalid,
aria-describedby), status 422, the typed text stays in the form and nothing is stored; German
spellings ("1.000", "400 €", "1.450,50", dd.mm.yyyy) are stored right."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.test_accounts import create_need, csrf, logout, register


def field_error(page: str, name: str, prefix: str = "") -> str:
    """The message shown at field `name` (of the form whose ids start with `prefix`); the input must
    point to it with aria-describedby and be marked aria-invalid."""
    error_id = f"{prefix}{name}-error"
    tags = [t for t in re.findall(rf'<(?:input|select|textarea)[^>]*\bname="{name}"[^>]*>', page)
            if re.search(rf'aria-describedby="[^"]*\b{re.escape(error_id)}\b', t)]
    assert len(tags) == 1, f"no field {name} pointing to {error_id}"
    assert 'aria-invalid="true"' in tags[0], tags[0]
    message = re.search(rf'<p class="field-error" id="{error_id}">([^<]*)</p>', page)
    assert message, f"no message for {name}"
    return html.unescape(message[1])


def needs_of(app, email: str):
    accounts, store = app.extensions["accounts"], app.extensions["needs"]
    return store.of_company(accounts.user_by_email(email).company_id)


# -- registration, login, reset, invitation ---------------------------------------------------------
def _register_form(client, **fields):
    data = {"csrf_token": csrf(client, "/konto/registrieren"), "company": "Tischlerei Neubert", "postal_code": "09456",
            "size": "1-9", "email": "info@neubert.example", "password": "sicheres-passwort",
            "password2": "sicheres-passwort", **fields}
    return client.post("/konto/registrieren", data=data)


@pytest.mark.parametrize("fields, name, message", [
    ({"email": "keine-mail"}, "email", "gültige E-Mail-Adresse"),
    ({"email": "a@b"}, "email", "gültige E-Mail-Adresse"),
    ({"password": "kurz", "password2": "kurz"}, "password", "mindestens 10 Zeichen"),
    ({"password": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa"}, "password", "nicht nur aus einem Zeichen"),
    ({"password": "info@neubert.example", "password2": "info@neubert.example"}, "password", "nicht Ihre E-Mail-Adresse"),
    ({"password2": "anderes-passwort"}, "password2", "stimmen nicht überein"),
    ({"postal_code": "0945"}, "postal_code", "fünfstellige Postleitzahl"),
    ({"company": "   "}, "company", "Firmennamen"),
    ({"company": "X" * 201}, "company", "höchstens 200 Zeichen"),
    ({"size": "1000+"}, "size", "angebotenen Werte"),
])
def test_registration_says_no_at_the_field_and_creates_no_account(app, client, fields, name, message):
    response = _register_form(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in field_error(page, name)
    assert app.extensions["accounts"].user_by_email(fields.get("email", "info@neubert.example")) is None
    # what was typed stays, the wrong value included (the company cases type a blank or a too long name)
    assert f'value="{fields.get("company", "Tischlerei Neubert")}"' in page


def test_registration_with_good_input_still_works(app, client):
    assert _register_form(client, email=" Info@Neubert.example ").status_code == 302
    assert app.extensions["accounts"].user_by_email("info@neubert.example") is not None


def test_login_forgot_invite_and_reset_check_their_fields(app, client):
    empty = client.post("/konto/anmelden", data={"csrf_token": csrf(client, "/konto/anmelden"), "email": "",
                                                   "password": ""})
    assert empty.status_code == 422
    assert "E-Mail-Adresse an" in field_error(empty.get_data(as_text=True), "email")
    assert "Passwort ein" in field_error(empty.get_data(as_text=True), "password")
    forgot = client.post("/konto/passwort-vergessen", data={"csrf_token": csrf(client, "/konto/passwort-vergessen"),
                                                             "email": "keine-mail"})
    assert forgot.status_code == 422 and 'value="keine-mail"' in forgot.get_data(as_text=True)
    assert "gültige E-Mail-Adresse" in field_error(forgot.get_data(as_text=True), "email")

    register(client, "chef@neubert.example")
    before = len(app.extensions["accounts"].users_of(app.extensions["accounts"].user_by_email("chef@neubert.example").company_id))
    for address, message in (("keine-mail", "gültige E-Mail-Adresse"), ("chef@neubert.example", "schon einen Zugang")):
        invite = client.post("/firma/einladen", data={"csrf_token": csrf(client, "/firma/einladen"), "email": address})
        assert invite.status_code == 422
        assert message in field_error(invite.get_data(as_text=True), "email")
    company = app.extensions["accounts"].user_by_email("chef@neubert.example").company_id
    assert len(app.extensions["accounts"].users_of(company)) == before

    from webui.accounts import _serializer
    user = app.extensions["accounts"].user_by_email("chef@neubert.example")
    with app.test_request_context():
        token = _serializer().dumps(user.id)
    url = f"/konto/passwort-neu/{token}"
    reset = client.post(url, data={"csrf_token": csrf(client, url), "password": "chef@neubert.example",
                                   "password2": "chef@neubert.example"})
    assert reset.status_code == 422
    assert "nicht Ihre E-Mail-Adresse" in field_error(reset.get_data(as_text=True), "password")
    logout(client)
    # the old password still works: nothing was changed
    login = client.post("/konto/anmelden", data={"csrf_token": csrf(client, "/konto/anmelden"),
                                                  "email": "chef@neubert.example", "password": "sicheres-passwort"})
    assert login.status_code == 302


# -- the need form ------------------------------------------------------------------------------------
def _need_post(client, url="/bedarfe/neu", **fields):
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1], "topic": "Schweißen",
            "employees": "3", "place": "Annaberg-Buchholz", "radius_km": "50"}
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    if token:
        data["form_token"] = token[1]
    data.update(fields)
    return client.post(url, data=data)


@pytest.mark.parametrize("fields, name, message", [
    ({"max_price": "viel"}, "max_price", "1.000 oder 1.450,50"),
    ({"max_price": "-5"}, "max_price", "Zahl"),
    ({"earliest": "2027-05-01", "latest": "2027-04-01"}, "latest", "vor dem frühesten"),
    ({"earliest": "31.02.2027"}, "earliest", "Datum wie 31.12.2026"),
    ({"place": "Anneberg"}, "place", "Meinten Sie: "),
    ({"place": "Xyzzyq"}, "place", "kennen wir nicht"),
    ({"topic": ""}, "topic", "Bitte beschreiben Sie das Thema."),
    ({"topic": "S" * 301}, "topic", "höchstens 300 Zeichen"),
    ({"notes": "n" * 2001}, "notes", "höchstens 2000 Zeichen"),
    ({"employees": "2,5"}, "employees", "ganze Zahl"),
    ({"radius_km": "900"}, "radius_km", "höchstens 500"),
    ({"category": "gibt-es-nicht"}, "category", "angebotenen Werte"),
])
def test_need_form_says_no_at_the_field_and_stores_nothing(app, client, fields, name, message):
    register(client, "info@neubert.example")
    response = _need_post(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in field_error(page, name)
    assert needs_of(app, "info@neubert.example") == []
    if name != "topic":
        assert 'value="Schweißen"' in page  # the form keeps what was typed


def test_unknown_place_suggests_the_gazetteer_town(client):
    register(client, "info@neubert.example")
    page = _need_post(client, place="Anneberg").get_data(as_text=True)
    assert "Annaberg-Buchholz" in field_error(page, "place")
    assert 'value="Anneberg"' in page


@pytest.mark.parametrize("typed, stored", [("1.000", 1000), ("400 €", 400), ("1.450,50", 1451), ("900", 900), ("", None)])
def test_german_prices_are_stored_right(app, client, typed, stored):
    register(client, "info@neubert.example")
    assert _need_post(client, max_price=typed).status_code == 302
    [need] = needs_of(app, "info@neubert.example")
    assert need.max_price == stored


def test_german_numbers_dates_and_places_are_stored_right(app, client):
    register(client, "info@neubert.example")
    response = _need_post(client, employees="1.000", earliest="01.03.2027", latest="2027-06-30", place="09456",
                          radius_km="25 ")
    assert response.status_code == 302, response.get_data(as_text=True)
    [need] = needs_of(app, "info@neubert.example")
    assert (need.employees, need.earliest, need.latest, need.place, need.radius_km) == \
        (1000, date(2027, 3, 1), date(2027, 6, 30), "09456", 25)


def test_editing_a_need_checks_the_same_way(app, client):
    register(client, "info@neubert.example")
    need_id = create_need(client)
    response = _need_post(client, url=f"/bedarfe/{need_id}/bearbeiten", max_price="400 €", latest="2020-01-01",
                          earliest="2021-01-01")
    assert response.status_code == 422
    assert "vor dem frühesten" in field_error(response.get_data(as_text=True), "latest")
    [need] = needs_of(app, "info@neubert.example")
    assert need.max_price == 1500 and need.latest is None  # unchanged
    assert _need_post(client, url=f"/bedarfe/{need_id}/bearbeiten", max_price="400 €").status_code == 302
    assert needs_of(app, "info@neubert.example")[0].max_price == 400


def test_sending_the_same_need_form_twice_stores_one_need(app, client):
    register(client, "info@neubert.example")
    page = client.get("/bedarfe/neu").get_data(as_text=True)
    data = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1],
            "form_token": re.search(r'name="form_token" value="([^"]+)"', page)[1],
            "topic": "Schweißen", "employees": "3", "radius_km": "50"}
    first = client.post("/bedarfe/neu", data=data)
    second = client.post("/bedarfe/neu", data=data)  # double click / reload
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(needs_of(app, "info@neubert.example")) == 1
    # a new form (a fresh token) is a new need
    assert _need_post(client, topic="Gabelstapler").status_code == 302
    assert len(needs_of(app, "info@neubert.example")) == 2


def test_deleting_a_need_asks_first(app, client):
    register(client, "info@neubert.example")
    need_id = create_need(client)
    ask = client.get(f"/bedarfe/{need_id}/loeschen")
    page = ask.get_data(as_text=True)
    assert ask.status_code == 200
    assert "Wollen Sie den Bedarf „Schweißen“ wirklich löschen?" in page
    assert re.search(r'<form method="post"[^>]*action="/bedarfe/\d+/loeschen"', page)
    assert 'name="bestaetigt" value="1"' in page
    token = csrf(client, f"/bedarfe/{need_id}/loeschen")
    unconfirmed = client.post(f"/bedarfe/{need_id}/loeschen", data={"csrf_token": token})
    assert "wirklich löschen" in unconfirmed.get_data(as_text=True)
    assert len(needs_of(app, "info@neubert.example")) == 1
    done = client.post(f"/bedarfe/{need_id}/loeschen", data={"csrf_token": token, "bestaetigt": "1"})
    assert done.status_code == 302
    assert needs_of(app, "info@neubert.example") == []
    assert "ist gelöscht" in client.get("/bedarfe").get_data(as_text=True)


def test_pausing_and_resuming_say_so(app, client):
    register(client, "info@neubert.example")
    need_id = create_need(client)
    token = csrf(client, "/bedarfe")
    client.post(f"/bedarfe/{need_id}/pausieren", data={"csrf_token": token})
    assert needs_of(app, "info@neubert.example")[0].paused
    assert "Der Bedarf ist pausiert" in client.get("/bedarfe").get_data(as_text=True)
    client.post(f"/bedarfe/{need_id}/pausieren", data={"csrf_token": token})
    assert not needs_of(app, "info@neubert.example")[0].paused
    assert "Der Bedarf ist fortgesetzt" in client.get("/bedarfe").get_data(as_text=True)


# -- the Kümmerer's workspace and the network -----------------------------------------------------------
@pytest.fixture
def firm(app):
    from tests.test_workspace import Firm
    return Firm.register(app, "chef@arnold.example", "Metallbau Arnold")


def _store(app):
    from tests.test_workspace import store
    return store(app)


def test_person_form_says_no_at_the_field_and_keeps_the_input(app, firm):
    response = firm.post("/mitarbeitende/neu", {"name": "Erika Mustermann", "job": "J" * 121, "leaving_year": "2031"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "höchstens 120 Zeichen" in field_error(page, "job", "add-")
    assert 'value="Erika Mustermann"' in page and 'value="2031"' in page
    assert _store(app).people(firm.company_id, archived=True) == []
    person = firm.add_person("Erika Mustermann", "Schweißerin", 2031)
    edit = firm.post(f"/mitarbeitende/{person}", {"name": "Erika M.", "leaving_year": "bald"})
    assert edit.status_code == 422
    assert "„bald“ ist kein Jahr" in field_error(edit.get_data(as_text=True), "leaving_year")
    assert 'value="Erika M."' in edit.get_data(as_text=True)
    [stored] = _store(app).people(firm.company_id, archived=True)
    assert (stored.name, stored.leaving_year) == ("Erika Mustermann", 2031)


def test_held_qualification_dates_are_checked_and_german_dates_stored(app, firm):
    person = firm.add_person("Erika Mustermann")
    bad = firm.post(f"/mitarbeitende/{person}/qualifikation", {"qualification": "ersthelfer",
                                                              "acquired": "01.03.2025", "valid_until": "01.02.2025"})
    assert bad.status_code == 422
    assert "vor „erworben am“" in field_error(bad.get_data(as_text=True), "valid_until", f"hold{person}-")
    assert 'value="01.03.2025"' in bad.get_data(as_text=True)
    assert _store(app).holdings(firm.company_id) == []
    good = firm.post(f"/mitarbeitende/{person}/qualifikation", {"qualification": "ersthelfer",
                                                               "acquired": "01.03.2025", "valid_until": "28.02.2027"})
    assert good.status_code == 302
    [held] = _store(app).holdings(firm.company_id)
    assert (held.acquired, held.valid_until) == (date(2025, 3, 1), date(2027, 2, 28))


def test_own_qualification_and_requirement_forms_say_no(app, firm):
    for data, name, message in (
            ({"label": "Säge", "validity_months": "zwölf"}, "validity_months", "in Monaten angeben"),
            ({"label": "Säge", "lead_days": "1.000"}, "lead_days", "0 bis 365"),
            ({"label": "S" * 201}, "label", "höchstens 200 Zeichen")):
        response = firm.post("/qualifikationen/eigene", data)
        assert response.status_code == 422, data
        assert message in field_error(response.get_data(as_text=True), name, "own-")
    assert _store(app).own_qualifications(firm.company_id) == {}
    assert firm.post("/qualifikationen/eigene", {"label": "Säge", "validity_months": "12",
                                                 "lead_days": "30"}).status_code == 302
    [own] = _store(app).own_qualifications(firm.company_id).values()
    assert (own.label, own.validity_months, own.lead_days) == ("Säge", 12, 30)
    empty = firm.post("/qualifikationen/anforderung", {"job": " ", "qualification": "ersthelfer"})
    assert empty.status_code == 422
    assert "Tätigkeit an" in field_error(empty.get_data(as_text=True), "job", "req-")
    assert _store(app).requirements(firm.company_id) == {}


def test_network_profile_wants_a_known_town(app, firm):
    from sqlalchemy import select

    from wbportal.db.tables import kuemmerer_profiles
    data = {"visible": "1", "display_name": "Anke Arnold", "town": "Chemniz", "contact": "03733 1234"}
    response = firm.post("/netzwerk/profil", data)
    assert response.status_code == 422
    assert "Meinten Sie: Chemnitz" in field_error(response.get_data(as_text=True), "town")
    assert 'value="Chemniz"' in response.get_data(as_text=True)
    with app.extensions["db"].engine.connect() as conn:
        assert conn.execute(select(kuemmerer_profiles)).first() is None
    assert firm.post("/netzwerk/profil", {**data, "town": "09456"}).status_code == 302
    with app.extensions["db"].engine.connect() as conn:
        assert conn.execute(select(kuemmerer_profiles.c.town)).scalar() == "09456"


def test_team_switches_take_only_their_two_values(app, firm):
    refused = firm.post(f"/firma/kuemmerer/{firm.user.id}", {"kuemmerer": "vielleicht"})
    assert refused.status_code == 422 and "nicht verarbeiten" in refused.get_data(as_text=True)
    assert app.extensions["accounts"].user_by_id(firm.user.id).kuemmerer
    assert firm.post("/firma/matrix-sichtbarkeit", {"alle": "ja"}).status_code == 422
