""""Mein Konto" end to end through the test client over real SQLite, with mails caught by a real
local SMTP server (aiosmtpd): password change, e-mail change only after the mailed link (expired,
used, forged and other-purpose links refused), company data for Kümmerer only, colleagues removed
and re-invited within the own company only, digest frequency honoured by the digest, own-data
export, leaving, the office's page, and the mail server down (German refusal, nothing changed)."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from itsdangerous import TimestampSigner

from test_accounts import create_need, csrf, login, logout, register
from test_mail import body, smtp  # noqa: F401 - the real SMTP server fixture
from test_mail_down import no_mail  # noqa: F401 - a mail server that refuses connections
from wbportal.mail import Mailer
from wbportal.needs.digest import send_digests

OLD, NEW = "sicheres-passwort", "ein-ganz-neues-passwort"
TUESDAY, MONDAY = date(2026, 12, 8), date(2026, 12, 14)


@pytest.fixture
def mail_client(client, smtp):  # noqa: F811
    _, port = smtp
    client.application.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    client.application.config["BASE_URL"] = "https://portal.verbund.test"
    return client


def accounts(client):
    return client.application.extensions["accounts"]


def post(client, path: str, data: dict | None = None, follow: bool = False):
    return client.post(path, data={"csrf_token": csrf(client, "/konto"), **(data or {})}, follow_redirects=follow)


def colleague(client, email: str, company_email: str, kuemmerer: bool = False):
    """A second user of the company of `company_email`, with a known password."""
    acc = accounts(client)
    user = acc.add_user(acc.user_by_email(company_email).company_id, email, OLD)
    if kuemmerer:
        acc.set_kuemmerer(user.company_id, user.id, True)
    return acc.user_by_id(user.id)


def mailed_path(message, pattern: str) -> str:
    return re.search(rf"https://portal\.verbund\.test({pattern}\S+)", body(message))[1]


# -- password --------------------------------------------------------------------------------------
def test_password_change_needs_the_current_password_then_only_the_new_one_works(client):
    register(client, "chef@metall.example")
    wrong = post(client, "/konto/passwort", {"current_password": "falsch-falsch", "new_password": NEW,
                                            "new_password2": NEW})
    assert wrong.status_code == 422 and "Das aktuelle Passwort stimmt nicht." in wrong.get_data(as_text=True)
    short = post(client, "/konto/passwort", {"current_password": OLD, "new_password": "kurz", "new_password2": "kurz"})
    assert short.status_code == 422 and "mindestens 10 Zeichen" in short.get_data(as_text=True)
    differ = post(client, "/konto/passwort", {"current_password": OLD, "new_password": NEW,
                                             "new_password2": NEW + "x"})
    assert differ.status_code == 422 and "stimmen nicht überein" in differ.get_data(as_text=True)
    done = post(client, "/konto/passwort", {"current_password": OLD, "new_password": NEW, "new_password2": NEW},
                follow=True)
    assert "Ihr neues Passwort ist gespeichert." in done.get_data(as_text=True)
    logout(client)
    assert login(client, "chef@metall.example", OLD).status_code == 400
    assert login(client, "chef@metall.example", NEW).status_code == 302


# -- e-mail address --------------------------------------------------------------------------------
def test_email_changes_only_when_the_link_mailed_to_the_new_address_is_confirmed(mail_client, smtp):  # noqa: F811
    inbox, _ = smtp
    register(mail_client, "chef@metall.example", "Metallbau Arnold")
    page = post(mail_client, "/konto/email", {"new_email": "Neu@Metall.example", "email_password": OLD}, follow=True)
    assert "Bestätigungslink an neu@metall.example" in page.get_data(as_text=True)
    assert accounts(mail_client).user_by_email("chef@metall.example") is not None  # nothing changed yet
    assert len(inbox.messages) == 1 and inbox.messages[0]["To"] == "neu@metall.example"
    path = mailed_path(inbox.messages[0], "/konto/email/")
    logout(mail_client)
    confirm = mail_client.get(path)  # opening the link (or a mail scanner fetching it) shows a button
    assert confirm.status_code == 200 and "neu@metall.example" in confirm.get_data(as_text=True)
    assert accounts(mail_client).user_by_email("neu@metall.example") is None
    mail_client.post(path, data={"csrf_token": csrf(mail_client, path)})
    assert accounts(mail_client).user_by_email("neu@metall.example") is not None
    assert accounts(mail_client).user_by_email("chef@metall.example") is None
    assert inbox.messages[1]["To"] == "chef@metall.example"  # the old address is told
    assert "neu@metall.example" in body(inbox.messages[1])
    assert login(mail_client, "chef@metall.example").status_code == 400
    assert login(mail_client, "neu@metall.example").status_code == 302
    used = mail_client.get(path)  # the link works once
    assert used.status_code == 400 and "schon benutzt" in used.get_data(as_text=True)
    assert mail_client.post(path, data={"csrf_token": csrf(mail_client, "/konto")}).status_code == 400


def test_expired_forged_and_other_purpose_email_links_are_refused(mail_client, smtp, monkeypatch):  # noqa: F811
    inbox, _ = smtp
    register(mail_client, "chef@metall.example")
    post(mail_client, "/konto/email", {"new_email": "neu@metall.example", "email_password": OLD})
    path = mailed_path(inbox.messages[0], "/konto/email/")
    mail_client.post("/konto/passwort-vergessen", data={"csrf_token": csrf(mail_client, "/konto"),
                                                        "email": "chef@metall.example"})
    reset_token = mailed_path(inbox.messages[1], "/konto/passwort-neu/").rsplit("/", 1)[1]
    for bad in (f"/konto/email/{reset_token}", "/konto/email/gefaelscht", path[:-3] + "abc"):
        response = mail_client.get(bad)
        assert response.status_code == 400 and "abgelaufen oder ungültig" in response.get_data(as_text=True), bad
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 25 * 3600)  # a day later
    expired = mail_client.post(path, data={"csrf_token": csrf(mail_client, "/konto")})
    assert expired.status_code == 400 and "abgelaufen" in expired.get_data(as_text=True)
    assert accounts(mail_client).user_by_email("neu@metall.example") is None


def test_email_change_is_refused_for_bad_taken_or_unconfirmed_requests(mail_client, smtp):  # noqa: F811
    inbox, _ = smtp
    register(mail_client, "andere@firma.example", "Andere Firma")
    logout(mail_client)
    register(mail_client, "chef@metall.example")
    for data, message in (({"new_email": "kein-at-zeichen", "email_password": OLD}, "gültige E-Mail-Adresse"),
                          ({"new_email": "andere@firma.example", "email_password": OLD}, "bereits ein anderes Konto"),
                          ({"new_email": "neu@metall.example", "email_password": "falsch-falsch"},
                           "Das aktuelle Passwort stimmt nicht.")):
        response = post(mail_client, "/konto/email", data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), data
    assert inbox.messages == []


def test_email_change_with_mail_down_is_refused_in_german_and_changes_nothing(no_mail):
    register(no_mail, "chef@metall.example")
    response = post(no_mail, "/konto/email", {"new_email": "neu@metall.example", "email_password": OLD})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "E-Mail-Versand gestört" in page and "Es wurde nichts geändert" in page
    assert accounts(no_mail).user_by_email("chef@metall.example") is not None
    assert accounts(no_mail).user_by_email("neu@metall.example") is None


# -- company data ----------------------------------------------------------------------------------
def test_company_data_are_kept_by_kuemmerer_with_a_known_postal_code(client):
    register(client, "chef@metall.example", "Metallbau Arnold")
    company_id = accounts(client).user_by_email("chef@metall.example").company_id
    fields = {"name": "Metallbau Arnold GmbH", "postal_code": "99999", "size": "10-49", "sector": "Metall",
              "contact": "Herr Arnold"}
    unknown = post(client, "/konto/firma", fields)
    assert unknown.status_code == 422 and "Diese Postleitzahl kennen wir nicht" in unknown.get_data(as_text=True)
    assert accounts(client).company(company_id)["postal_code"] == "09456"
    assert post(client, "/konto/firma", dict(fields, postal_code="08280")).status_code == 302
    company = accounts(client).company(company_id)
    assert (company["name"], company["postal_code"], company["size"], company["contact"]) == \
        ("Metallbau Arnold GmbH", "08280", "10-49", "Herr Arnold")
    colleague(client, "kollege@metall.example", "chef@metall.example")
    logout(client)
    login(client, "kollege@metall.example")
    page = client.get("/konto").get_data(as_text=True)
    assert "Ändern können die Firmendaten die Kümmerer Ihrer Firma: chef@metall.example" in page
    assert 'action="/konto/firma"' not in page
    assert post(client, "/konto/firma", dict(fields, name="Übernommen")).status_code == 403
    assert accounts(client).company(company_id)["name"] == "Metallbau Arnold GmbH"


# -- colleagues ------------------------------------------------------------------------------------
def test_a_kuemmerer_removes_a_colleague_after_confirming_and_never_another_firms_user(client):
    register(client, "chef@metall.example", "Metallbau Arnold")
    other = colleague(client, "kollegin@metall.example", "chef@metall.example", kuemmerer=True)
    client.post("/netzwerk/profil", data={"csrf_token": csrf(client, "/konto"), "visible": "1",
                                          "display_name": "Chef", "contact": "0371 1"})
    logout(client)
    login(client, "kollegin@metall.example")  # she has a network entry: removing her removes it too
    client.post("/netzwerk/profil", data={"csrf_token": csrf(client, "/konto"), "visible": "1",
                                          "display_name": "Kollegin", "contact": "0371 2"})
    logout(client)
    register(client, "chef@holz.example", "Tischlerei Neubert")  # firm B's Kümmerer
    assert client.get(f"/konto/kollegen/{other.id}/entfernen").status_code == 404
    assert post(client, f"/konto/kollegen/{other.id}/entfernen").status_code == 404
    assert post(client, f"/konto/kollegen/{other.id}/einladung").status_code == 404
    assert accounts(client).user_by_id(other.id) is not None
    logout(client)
    login(client, "chef@metall.example")
    me = accounts(client).user_by_email("chef@metall.example")
    post(client, f"/konto/kollegen/{me.id}/entfernen")  # not oneself
    assert accounts(client).user_by_id(me.id) is not None
    confirm = client.get(f"/konto/kollegen/{other.id}/entfernen")
    assert confirm.status_code == 200 and "wirklich entfernen" in confirm.get_data(as_text=True)
    assert accounts(client).user_by_id(other.id) is not None  # the confirmation page changes nothing
    done = post(client, f"/konto/kollegen/{other.id}/entfernen", follow=True)
    assert "kollegin@metall.example hat keinen Zugang mehr" in done.get_data(as_text=True)
    assert accounts(client).user_by_id(other.id) is None
    logout(client)
    assert login(client, "kollegin@metall.example").status_code == 400


def test_colleagues_who_are_no_kuemmerer_cannot_remove_or_reinvite(client):
    register(client, "chef@metall.example")
    colleague(client, "kollege@metall.example", "chef@metall.example")
    chef = accounts(client).user_by_email("chef@metall.example")
    logout(client)
    login(client, "kollege@metall.example")
    page = client.get("/konto").get_data(as_text=True)
    assert "chef@metall.example" in page and "Einladung erneut senden" not in page
    assert client.get(f"/konto/kollegen/{chef.id}/entfernen").status_code == 403
    assert post(client, f"/konto/kollegen/{chef.id}/entfernen").status_code == 403
    assert accounts(client).user_by_id(chef.id) is not None


def test_an_invitation_is_sent_again_and_its_link_sets_the_password(mail_client, smtp):  # noqa: F811
    inbox, _ = smtp
    register(mail_client, "chef@metall.example", "Metallbau Arnold")
    post(mail_client, "/firma/einladen", {"email": "kollegin@metall.example"})
    other = accounts(mail_client).user_by_email("kollegin@metall.example")
    done = post(mail_client, f"/konto/kollegen/{other.id}/einladung", follow=True)
    assert "Die Einladung an kollegin@metall.example ist erneut verschickt" in done.get_data(as_text=True)
    assert len(inbox.messages) == 2 and inbox.messages[1]["To"] == "kollegin@metall.example"
    assert "Metallbau Arnold" in body(inbox.messages[1])
    path = mailed_path(inbox.messages[1], "/konto/passwort-neu/")
    logout(mail_client)
    mail_client.post(path, data={"csrf_token": csrf(mail_client, path), "password": NEW, "password2": NEW})
    logout(mail_client)
    assert login(mail_client, "kollegin@metall.example", NEW).status_code == 302


def test_reinviting_with_mail_down_is_refused_in_german(no_mail):
    register(no_mail, "chef@metall.example")
    other = colleague(no_mail, "kollegin@metall.example", "chef@metall.example")
    response = post(no_mail, f"/konto/kollegen/{other.id}/einladung")
    assert response.status_code == 503 and "E-Mail-Versand gestört" in response.get_data(as_text=True)
    assert accounts(no_mail).user_by_id(other.id) is not None


# -- notifications ---------------------------------------------------------------------------------
def run_digest(client, port, today: date) -> int:
    """Mails sent by the digest run on `today`."""
    app = client.application
    return send_digests(app.extensions["accounts"], app.extensions["needs"], app.extensions["searcher"],
                        Mailer("127.0.0.1", port), base_url="http://portal.test", secret=app.config["SECRET_KEY"],
                        today=today)


def test_weekly_digest_comes_on_monday_only_with_everything_since_the_last(mail_client, smtp, index_store,  # noqa: F811
                                                                           offer_records):
    inbox, port = smtp
    register(mail_client, "taeglich@metall.example", "Metallbau Arnold")
    create_need(mail_client)
    logout(mail_client)
    register(mail_client, "woechentlich@holz.example", "Tischlerei Neubert")
    create_need(mail_client)
    saved = post(mail_client, "/konto/benachrichtigungen", {"frequency": "woechentlich"}, follow=True)
    assert "wöchentlich (montags)" in saved.get_data(as_text=True)
    assert accounts(mail_client).user_by_email("woechentlich@holz.example").digest_weekly
    run_digest(mail_client, port, TUESDAY)
    assert [m["To"] for m in inbox.messages] == ["taeglich@metall.example"]  # the weekly user waits
    from wbportal.catalogue import content_hash
    new = dict(offer_records[0], id="a-9", start_date="2027-09-06", end_date="2027-09-17")
    index_store.apply([(new, content_hash(new))])  # Wednesday: another match
    run_digest(mail_client, port, date(2026, 12, 9))
    assert [m["To"] for m in inbox.messages] == ["taeglich@metall.example"] * 2
    run_digest(mail_client, port, MONDAY)
    weekly = [m for m in inbox.messages if m["To"] == "woechentlich@holz.example"]
    assert len(weekly) == 1
    # all since the last digest: a-9 is a third date of a-1's course, so one line counts them
    assert "/angebot/a-1" in body(weekly[0]) and "(und 2 weitere neue Termine)" in body(weekly[0])
    assert "/konto#benachrichtigungen" in body(weekly[0])
    run_digest(mail_client, port, date(2026, 12, 21))  # the next Monday: nothing new, no mail
    assert len([m for m in inbox.messages if m["To"] == "woechentlich@holz.example"]) == 1


def test_notifications_off_and_back_on(client):
    register(client, "chef@metall.example")
    post(client, "/konto/benachrichtigungen", {"frequency": "aus"})
    user = accounts(client).user_by_email("chef@metall.example")
    assert not user.digest and user not in accounts(client).digest_users()
    assert 'value="aus" checked' in client.get("/konto").get_data(as_text=True)
    post(client, "/konto/benachrichtigungen", {"frequency": "werktaeglich"})
    user = accounts(client).user_by_email("chef@metall.example")
    assert user.digest and not user.digest_weekly
    bad = post(client, "/konto/benachrichtigungen", {"frequency": "stündlich"})
    assert bad.status_code == 422 and "wie oft Sie benachrichtigt werden" in bad.get_data(as_text=True)


# -- own data, leaving, the office ----------------------------------------------------------------
def test_own_data_export_holds_the_own_rows_only(client):
    register(client, "chef@metall.example")
    colleague(client, "kollege@metall.example", "chef@metall.example")
    logout(client)
    login(client, "kollege@metall.example")
    response = client.get("/konto/meine-daten.json")
    data = json.loads(response.get_data(as_text=True))
    assert data["user"]["email"] == "kollege@metall.example"
    assert "password_hash" not in response.get_data(as_text=True)
    assert "chef@metall.example" not in response.get_data(as_text=True)
    assert client.get("/konto/daten.json").status_code == 403  # the company's export is the Kümmerer's


def test_leaving_removes_the_own_user_and_the_last_user_takes_the_company(client):
    register(client, "chef@metall.example", "Metallbau Arnold")
    company_id = accounts(client).user_by_email("chef@metall.example").company_id
    colleague(client, "kollege@metall.example", "chef@metall.example")
    refused = client.get("/konto/austreten").get_data(as_text=True)  # the only Kümmerer, with a colleague
    assert "einzige Kümmerer" in refused
    post(client, "/konto/austreten", {"password": OLD})
    assert accounts(client).user_by_email("chef@metall.example") is not None
    logout(client)
    login(client, "kollege@metall.example")
    wrong = post(client, "/konto/austreten", {"password": "falsch-falsch"})
    assert wrong.status_code == 400 and accounts(client).user_by_email("kollege@metall.example") is not None
    post(client, "/konto/austreten", {"password": OLD})
    assert accounts(client).user_by_email("kollege@metall.example") is None
    assert accounts(client).company(company_id) is not None  # the company stays with its Kümmerer
    login(client, "chef@metall.example")
    create_need(client)
    assert "ganze Firmenkonto gelöscht" in client.get("/konto/austreten").get_data(as_text=True)
    post(client, "/konto/austreten", {"password": OLD})
    assert accounts(client).company(company_id) is None
    assert accounts(client).user_by_email("chef@metall.example") is None


def test_the_office_gets_the_personal_sections_only(client):
    accounts(client).add_admin("amt@verbund.example", "amtspasswort-123")
    login(client, "amt@verbund.example", "amtspasswort-123")
    page = client.get("/konto").get_data(as_text=True)
    assert "Passwort ändern" in page and "E-Mail-Adresse ändern" in page and "Mein Konto" in page
    assert "Firmendaten" not in page and "Kolleginnen und Kollegen" not in page
    assert post(client, "/konto/firma", {"name": "X", "postal_code": "09456", "size": "1-9"}).status_code == 403
    done = post(client, "/konto/passwort", {"current_password": "amtspasswort-123", "new_password": NEW,
                                           "new_password2": NEW})
    assert done.status_code == 302
    refused = client.get("/konto/austreten").get_data(as_text=True)  # the office keeps one user at least
    assert "einzige Zugang der Koordinierungsstelle" in refused


def test_the_account_page_needs_a_login(client):
    assert client.get("/konto").status_code == 302
    assert client.get("/konto/meine-daten.json").status_code == 302


def test_garbage_on_every_account_route_gives_no_server_error(no_mail):
    """Every /konto route (GET and POST) with nonsense, missing fields, huge ids and the mail
    server down: a German refusal or a redirect, never a 500."""
    register(no_mail, "chef@metall.example")
    colleague(no_mail, "kollege@metall.example", "chef@metall.example")
    garbage = {"current_password": "\x00", "new_password": "x" * 500, "new_password2": "y", "new_email": "a@\x00.de",
               "email_password": "", "name": "\x00" * 300, "postal_code": "abcde", "size": "gross",
               "frequency": "\x00", "password": "falsch"}
    rules = [r for r in no_mail.application.url_map.iter_rules() if r.rule.startswith("/konto")
             and r.endpoint.startswith("konto.")]
    assert len(rules) >= 9
    for rule in rules:
        for values in ({"user_id": 2, "token": "x"}, {"user_id": 2**31 - 1, "token": "x" * 2000}):
            url = rule.build(values, append_unknown=False)[1]
            for method in rule.methods & {"GET", "POST"}:
                data = {"csrf_token": csrf(no_mail, "/konto"), **garbage} if method == "POST" else None
                response = no_mail.open(url, method=method, data=data)
                assert response.status_code < 500 or (response.status_code == 503 and "gestört" in
                                                       response.get_data(as_text=True)), (method, url)
    assert no_mail.application.extensions["accounts"].user_by_email("chef@metall.example") is not None
