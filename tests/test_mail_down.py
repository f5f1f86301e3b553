"""With the mail server unreachable no user action ends in a 500: an invitation is refused with a
German message and creates no account, a password reset answers as usual and logs the failure,
and every other form still works. Errors that do happen get a German page in the site's layout."""
from __future__ import annotations

import socket

import pytest

from test_accounts import csrf, login, register
from wbportal.mail import Mailer


@pytest.fixture
def no_mail(client):
    with socket.socket() as s:  # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client.application.extensions["mailer"] = Mailer("127.0.0.1", port)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    return client


def test_an_invitation_without_mail_is_refused_and_creates_no_account(no_mail):
    register(no_mail, "chef@metall.example")
    response = no_mail.post("/firma/einladen", data={"csrf_token": csrf(no_mail, "/firma/einladen"),
                                                     "email": "kollegin@metall.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "E-Mail-Versand gestört" in page and "Es wurde kein Konto angelegt" in page
    assert no_mail.application.extensions["accounts"].user_by_email("kollegin@metall.example") is None
    assert "Abmelden" in page  # in the site's layout, still logged in


def test_a_password_reset_without_mail_answers_as_usual(no_mail):
    register(no_mail, "chef@metall.example")
    no_mail.post("/konto/abmelden", data={"csrf_token": csrf(no_mail, "/bedarfe")})
    response = no_mail.post("/konto/passwort-vergessen", data={
        "csrf_token": csrf(no_mail, "/konto/passwort-vergessen"), "email": "chef@metall.example"}, follow_redirects=True)
    assert response.status_code == 200 and "Wenn zu dieser Adresse ein Konto besteht" in response.get_data(as_text=True)


def test_every_form_with_the_mail_server_down_gives_no_server_error(no_mail):
    register(no_mail, "chef@metall.example")
    token = csrf(no_mail, "/bedarfe")
    values = {"need_id": 1, "key": "sta", "offer_id": "a-1", "token": "x", "person_id": 1, "qualification_id": "c1",
              "user_id": 1, "company_id": 1}
    data = {"csrf_token": token, "email": "neu@metall.example", "topic": "Schweißen", "name": "Anna M.",
            "label": "Säge", "job": "Lager", "qualification": "ersthelfer", "password": "sicheres-passwort",
            "password2": "sicheres-passwort", "display_name": "Anna", "contact": "0371 1", "dabei": "1",
            "personen": "2"}
    walked = []
    for rule in no_mail.application.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule in ("/konto/abmelden", "/konto/loeschen"):
            continue
        url = rule.build({name: values.get(name, 1) for name in rule.arguments}, append_unknown=False)[1]
        response = no_mail.post(url, data=data)
        # a refusal because mail is down is a 503 with a German explanation; nothing is a 500
        assert response.status_code < 500 or (response.status_code == 503 and "gestört" in
                                               response.get_data(as_text=True)), (url, response.status_code)
        walked.append(url)
        if "Abmelden" not in no_mail.get("/bedarfe", follow_redirects=True).get_data(as_text=True):
            login(no_mail, "chef@metall.example")  # a form may have logged us out (reset sets a session)
    assert "/firma/einladen" in walked and "/konto/passwort-vergessen" in walked and len(walked) >= 25


def test_an_unexpected_error_gets_a_german_page(client):
    app = client.application
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/test-kaputt")
    def broken():
        raise RuntimeError("boom")

    response = client.get("/test-kaputt")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Entschuldigung, hier ist etwas schiefgegangen" in page and "Weiterbildungsportal Erzgebirge" in page
    assert "Internal Server Error" not in page and "boom" not in page


def test_with_the_database_down_search_works_and_other_pages_say_sorry(client):
    """The accounts tables gone (a broken or unreachable database): the index-backed search still
    answers a logged-in user, database pages give the German error page, never a bare 500."""
    from sqlalchemy import text

    app = client.application
    app.config["PROPAGATE_EXCEPTIONS"] = False
    register(client, "chef@metall.example")
    with app.extensions["db"].engine.begin() as conn:
        for table in ("watch", "mailed", "kuemmerer_profiles", "holdings", "requirements", "own_qualifications",
                      "staff", "needs", "users"):
            conn.execute(text(f"DROP TABLE {table}"))
    search = client.get("/?q=Schweißen")
    assert search.status_code == 200 and "Angebote gefunden" in search.get_data(as_text=True)
    register_page = client.post("/konto/registrieren", data={"csrf_token": csrf(client, "/konto/registrieren"),
                                                            "company": "X", "postal_code": "09456", "size": "1-9",
                                                            "email": "x@y.example", "password": "sicheres-passwort",
                                                            "password2": "sicheres-passwort"})
    assert register_page.status_code == 500
    assert "Entschuldigung, hier ist etwas schiefgegangen" in register_page.get_data(as_text=True)
