"""The office's management of provider and labour-market accounts (`/koordinierung/anbieter`):
inviting one through a real local SMTP server (the invited person sets a password by the mailed
link and sees only its own offers), nothing kept when the mail server is down, the form's
checks, changing a provider's sources, the audit log, access, and the demo accounts."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from test_accounts import csrf, login
from test_mail import body, smtp  # noqa: F401 - the aiosmtpd fixture
from test_provider_offers import logout, portal, renormalize, sta_snapshot  # noqa: F401 - fixtures
from wbportal import audit
from wbportal.db.tables import companies, provider_sources, users
from wbportal.mail import Mailer
from wbportal.providers.directory import linked_sources
from wbportal.roles import OrgKind

OFFICE_EMAIL, OFFICE_PASSWORD = "buero@verbund.example", "buero-passwort-1"


@pytest.fixture
def office(client):
    client.application.extensions["accounts"].add_admin(OFFICE_EMAIL, OFFICE_PASSWORD)
    assert login(client, OFFICE_EMAIL, OFFICE_PASSWORD).status_code == 302
    return client


def invite_form(client, **fields):
    data = {"csrf_token": csrf(client, "/koordinierung/anbieter/"), "art": "anbieter",
            "name": "Sicherheits- und Technikakademie", "email": "kurse@sta.example", "sources": ["sta"], **fields}
    return client.post("/koordinierung/anbieter/einladen", data=data)


def count(client, table, *where) -> int:
    with client.application.extensions["db"].engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_office_invites_a_provider_who_sets_a_password_and_sees_only_its_offers(office, smtp, portal, sta_snapshot,
                                                                               offer_records):
    client = office
    inbox, port = smtp
    client.application.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    client.application.config["BASE_URL"] = "https://portal.verbund.test"
    renormalize(portal, sta_snapshot)
    portal.catalogue.apply("c", [r for r in offer_records if r["source"] == "c"], remove_missing=True)
    form = client.get("/koordinierung/anbieter/").get_data(as_text=True)
    assert "sta: Sicherheits- und Technikakademie Erzgebirge GmbH" in form
    response = invite_form(client)
    assert response.status_code == 302
    assert "Die Einladung an kurse@sta.example" in client.get("/koordinierung/anbieter/").get_data(as_text=True)
    (mail,) = inbox.messages
    assert mail["To"] == "kurse@sta.example" and mail["Subject"] == "Einladung zum Weiterbildungsportal Erzgebirge"
    text = body(mail)
    assert "Zugang als Bildungsanbieter" in text and "Sicherheits- und Technikakademie" in text
    assert "Weiterbildungsbedarfe" not in text  # not the firm colleague's wording
    link = re.search(r"https://portal\.verbund\.test(/konto/passwort-neu/\S+)", text)[1]
    org = client.application.extensions["accounts"].user_by_email("kurse@sta.example")
    assert org.role == "provider" and linked_sources(portal.db, org.company_id) == ["sta"]
    (entry,) = audit.entries(portal.db, subject=f"org:{org.company_id}")
    assert (entry.actor, entry.action, entry.details["sources"]) == (OFFICE_EMAIL, "provider.invited", ["sta"])
    # the invited person sets a password by the link and logs in
    logout(client)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"csrf_token": csrf(client, link), "password": "anbieter-passwort-1",
                                       "password2": "anbieter-passwort-1"})
    assert response.status_code == 302
    logout(client)
    assert login(client, "kurse@sta.example", "anbieter-passwort-1").status_code == 302
    page = client.get("/anbieter/").get_data(as_text=True)
    assert "Von Ihrer Webseite gelesen (60)" in page and "MAG-Schweißen Grundlehrgang (Verfahren 135)" in page
    for record in (r for r in offer_records if r["source"] == "c"):
        assert record["title"] not in page


@pytest.mark.one_database  # storage of an invitation is tested on both back ends above
def test_labour_market_actor_is_invited_with_its_own_wording(office, smtp):
    client = office
    inbox, port = smtp
    client.application.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    response = invite_form(client, art="agentur", name="Agentur für Arbeit Annaberg-Buchholz",
                           email="weiterbildung@aa.example", sources=[])
    assert response.status_code == 302
    user = client.application.extensions["accounts"].user_by_email("weiterbildung@aa.example")
    assert user.role == "labour"
    with client.application.extensions["db"].engine.connect() as conn:
        row = conn.execute(select(companies).where(companies.c.id == user.company_id)).first()
    assert (row.kind, row.sector) == ("labour", "Agentur für Arbeit")
    assert "Zugang als Arbeitsmarktakteur" in body(inbox.messages[0])
    page = client.get("/koordinierung/anbieter/").get_data(as_text=True)
    assert "Arbeitsmarktakteure (1)" in page
    assert "Agentur für Arbeit Annaberg-Buchholz</a></th>\n    <td>Agentur für Arbeit</td>" in page


@pytest.mark.one_database  # storage of an invitation is tested on both back ends above
def test_provider_without_a_website_has_no_source(office, smtp):
    client = office
    client.application.extensions["mailer"] = Mailer("127.0.0.1", smtp[1], "portal@verbund.example")
    assert invite_form(client, name="Volkshochschule im Dorf", email="vhs@dorf.example", sources=[]).status_code == 302
    user = client.application.extensions["accounts"].user_by_email("vhs@dorf.example")
    assert linked_sources(client.application.extensions["db"], user.company_id) == []
    assert "keine (ohne Webseite)" in client.get("/koordinierung/anbieter/").get_data(as_text=True)


def test_mail_server_down_keeps_nothing_and_says_so(office):
    client = office

    class Down:
        def send(self, *args, **kwargs):
            raise OSError("connection refused")

    client.application.extensions["mailer"] = Down()
    response = invite_form(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Es wurde kein Zugang angelegt" in page and 'value="kurse@sta.example"' in page
    assert count(client, companies, companies.c.kind == OrgKind.provider.value) == 0
    assert count(client, users, users.c.email == "kurse@sta.example") == 0
    assert count(client, provider_sources) == 0
    assert audit.entries(client.application.extensions["db"]) == []


INVALID_INVITATIONS = [
    ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
    ({"email": OFFICE_EMAIL}, "email", "gibt es schon einen Zugang"),
    ({"name": " "}, "name", "Bitte geben Sie den Namen der Organisation an."),
    ({"art": "jobcenter"}, "sources", "Quellen gehören nur zu Bildungsanbietern"),
    ({"sources": ["gibt-es-nicht"]}, "sources", "Bitte wählen Sie nur angebotene Werte."),
    ({"art": "behoerde"}, "art", "Bitte wählen Sie einen der angebotenen Werte."),
]


@pytest.mark.one_database  # the form's checks; storage is tested on both back ends above
def test_invitation_form_is_checked_at_the_field(office):
    client = office
    for fields, field, message in INVALID_INVITATIONS:
        response = invite_form(client, **fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 422, fields
        assert message in page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0], fields
        assert f'value="{fields.get("email", "kurse@sta.example")}"' in page, fields  # what was typed is kept
    assert count(client, companies, companies.c.kind != OrgKind.office.value) == 0


def test_a_source_belongs_to_one_provider_and_the_office_changes_the_links(office, smtp):
    client = office
    client.application.extensions["mailer"] = Mailer("127.0.0.1", smtp[1], "portal@verbund.example")
    invite_form(client)
    first = client.application.extensions["accounts"].user_by_email("kurse@sta.example").company_id
    taken = invite_form(client, name="Andere Akademie", email="info@andere.example", sources=["sta", "wak"])
    assert taken.status_code == 422
    assert "Die Quelle „sta“ gehört schon zu „Sicherheits- und Technikakademie“." in taken.get_data(as_text=True)
    # the office changes the first provider's sources: wak added, sta kept
    path = f"/koordinierung/anbieter/{first}"
    assert "sta: Sicherheits- und Technikakademie Erzgebirge GmbH" in client.get(path).get_data(as_text=True)
    response = client.post(f"{path}/quellen", data={"csrf_token": csrf(client, path), "sources": ["sta", "wak"]})
    assert response.status_code == 302
    db = client.application.extensions["db"]
    assert linked_sources(db, first) == ["sta", "wak"]
    entry = audit.entries(db, subject=f"org:{first}")[0]
    assert (entry.action, entry.details["added"], entry.details["removed"]) == ("provider.sources", ["wak"], [])
    # ... and then takes sta away: a provider without a website
    client.post(f"{path}/quellen", data={"csrf_token": csrf(client, path)})
    assert linked_sources(db, first) == []
    assert audit.entries(db, subject=f"org:{first}")[0].details["removed"] == ["sta", "wak"]


@pytest.mark.one_database  # access rules do not depend on the database back end
def test_office_pages_are_for_the_office_only(client, portal):
    from wbportal.providers.accounts import invite

    accounts = client.application.extensions["accounts"]
    provider = invite(portal.db, accounts, kind=OrgKind.provider, name="Anbieter", email="a@anbieter.example")
    accounts.set_password(provider.user.id, "anbieter-passwort-1")
    labour = invite(portal.db, accounts, kind=OrgKind.labour, name="Kammer", email="k@kammer.example")
    accounts.set_password(labour.user.id, "kammer-passwort-1")
    firm = accounts.register(company="Firma", postal_code="09456", size="1-9", sector="", contact="",
                             email="f@firma.example", password="firmen-passwort-1")
    assert client.get("/koordinierung/anbieter/").status_code == 302  # anonymous: to the login
    for email, password in (("a@anbieter.example", "anbieter-passwort-1"), ("k@kammer.example", "kammer-passwort-1"),
                            (firm.email, "firmen-passwort-1")):
        login(client, email, password)
        token = csrf(client, "/konto")
        assert client.get("/koordinierung/anbieter/").status_code == 403, email
        assert client.get(f"/koordinierung/anbieter/{provider.organisation_id}").status_code == 403, email
        for path in ("/koordinierung/anbieter/einladen", f"/koordinierung/anbieter/{provider.organisation_id}/quellen",
                     f"/koordinierung/anbieter/{provider.organisation_id}/erneut-einladen"):
            assert client.post(path, data={"csrf_token": token, "name": "x", "email": "x@y.example",
                                            "sources": ["sta"]}).status_code == 403, (email, path)
        logout(client)
    assert linked_sources(portal.db, provider.organisation_id) == []
    assert count(client, companies, companies.c.name == "x") == 0


@pytest.mark.one_database
def test_a_firm_is_no_organisation_of_the_office_page(office):
    client = office
    firm = client.application.extensions["accounts"].register(
        company="Firma", postal_code="09456", size="1-9", sector="", contact="", email="f@firma.example",
        password="firmen-passwort-1")
    assert client.get(f"/koordinierung/anbieter/{firm.company_id}").status_code == 404
    path = f"/koordinierung/anbieter/{firm.company_id}/quellen"
    assert client.post(path, data={"csrf_token": csrf(client, "/koordinierung/anbieter/"),
                                   "sources": ["sta"]}).status_code == 404


def test_demo_accounts_are_seeded_once_and_log_in_with_the_demo_password(client):
    import yaml

    from wbportal.config import load_sources
    from wbportal.providers.demo import COMPANIES_FILE, PROVIDERS_FILE, seed_demo_providers

    db, accounts = client.application.extensions["db"], client.application.extensions["accounts"]
    assert seed_demo_providers(db, accounts) == 2
    assert seed_demo_providers(db, accounts) == 0  # idempotent
    data = yaml.safe_load(PROVIDERS_FILE.read_text(encoding="utf-8"))
    password = yaml.safe_load(COMPANIES_FILE.read_text(encoding="utf-8"))["password"]
    (provider,) = data["providers"]
    (labour,) = data["labour"]
    configured = load_sources("sources.yaml").sources
    assert provider["sources"] and all(configured[key].enabled for key in provider["sources"])
    user = accounts.user_by_email(provider["email"])
    assert user.role == "provider" and linked_sources(db, user.company_id) == provider["sources"]
    assert accounts.user_by_email(labour["email"]).role == "labour"
    assert labour["name"] == "Agentur für Arbeit Annaberg-Buchholz"
    assert login(client, provider["email"], password).status_code == 302
    assert client.get("/anbieter/").status_code == 200


def test_cli_org_add_prints_a_set_password_link_the_web_accepts(client, cli, tmp_path):
    url = client.application.config["DATABASE_URL"]
    env = {"WBPORTAL_DATABASE_URL": url, "WBPORTAL_BASE_URL": "https://portal.verbund.test"}
    out = cli("org", "add", "--kind", "provider", "--name", "Bildungswerk Annaberg", "--email", "info@bwa.example",
              "--source", "bwa", data_dir=tmp_path, env=env).stdout
    link = re.search(r"https://portal\.verbund\.test(/konto/passwort-neu/\S+)", out)[1]
    db = client.application.extensions["db"]
    user = client.application.extensions["accounts"].user_by_email("info@bwa.example")
    assert user.role == "provider" and linked_sources(db, user.company_id) == ["bwa"]
    assert audit.entries(db)[0].action == "provider.invited"
    page = client.get(link)
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)
    taken = cli("org", "add", "--kind", "provider", "--name", "Andere", "--email", "x@andere.example",
                "--source", "bwa", data_dir=tmp_path, env=env, returncode=2)
    assert "gehört schon zu „Bildungswerk Annaberg“" in taken.stderr
    cli("org", "add", "--kind", "labour", "--type", "Kammer", "--name", "IHK Chemnitz", "--email", "ihk@ihk.example",
        data_dir=tmp_path, env=env)
    assert client.application.extensions["accounts"].user_by_email("ihk@ihk.example").role == "labour"


@pytest.mark.one_database
def test_the_cli_link_is_the_webs_set_password_link(app):
    from flask import url_for

    from wbportal.providers.accounts import RESET_PATH, RESET_SALT
    from webui.accounts import RESET_SALT as WEB_SALT

    assert RESET_SALT == WEB_SALT
    with app.test_request_context():
        assert RESET_PATH.format("abc") == url_for("accounts.reset", token="abc")
