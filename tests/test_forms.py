"""Forms that say no (#15 part 5): bad input gets a German message at the field (aria-invalid,
aria-describedby), status 422, the typed text stays in the form and nothing is stored; German
spellings ("1.000", "400 €", "1.450,50", dd.mm.yyyy) are stored right."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.test_accounts import create_need, csrf, logout, register


def field_error(page: str, name: str, prefix: str = "") -> str:
    """The message shown at field `name`; the input must point to it and be marked invalid."""
    tag = re.search(rf'<(?:input|select|textarea)[^>]*\bname="{name}"[^>]*>', page)
    assert tag, f"no field {name}"
    assert 'aria-invalid="true"' in tag[0], tag[0]
    assert f'aria-describedby="{prefix}{name}-error' in tag[0] or f'{prefix}{name}-error"' in tag[0], tag[0]
    message = re.search(rf'<p class="field-error" id="{prefix}{name}-error">([^<]*)</p>', page)
    assert message, f"no message for {name}"
    return message[1]


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
    assert 'value="Tischlerei Neubert"' in page or name == "company"  # what was typed stays


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
