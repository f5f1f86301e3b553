"""Mails through a real local SMTP server (aiosmtpd): the digest of new matches (each match once,
with a working opt-out link), password reset and invitations by signed links; the watch list and
"new since your last visit"."""
from __future__ import annotations

import email
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from test_accounts import create_need, csrf, login, logout, register
from wbportal.needs.digest import send_digests
from wbportal.mail import Mailer


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def mail_client(client, smtp):
    _, port = smtp
    client.application.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    client.application.config["BASE_URL"] = "https://portal.verbund.test"  # WBPORTAL_BASE_URL: links in mails
    return client


def body(message) -> str:
    return message.get_payload(decode=True).decode("utf-8")


def run_digest(client, port) -> int:
    app = client.application
    return send_digests(app.extensions["accounts"], app.extensions["needs"], app.extensions["searcher"], Mailer("127.0.0.1", port),
                        base_url="http://portal.test", secret=app.config["SECRET_KEY"])


def test_digest_mails_each_match_once_and_can_be_cancelled(mail_client, smtp, index_store, offer_records):
    inbox, port = smtp
    register(mail_client, "chef@metall.example", "Metallbau Arnold")
    create_need(mail_client)
    assert run_digest(mail_client, port) == 1
    first = body(inbox.messages[0])
    assert inbox.messages[0]["To"] == "chef@metall.example"
    assert "MAG-Schweißen Grundlehrgang" in first and "http://portal.test/angebot/a-1" in first
    assert run_digest(mail_client, port) == 0  # nothing new: no second mail
    from wbportal.catalogue import content_hash
    new = dict(offer_records[0], id="a-9", start_date="2027-09-06", end_date="2027-09-17")
    index_store.apply([(new, content_hash(new))])
    assert run_digest(mail_client, port) == 1
    second = body(inbox.messages[1])
    assert "/angebot/a-9" in second and "/angebot/a-1" not in second
    link = re.search(r"http://portal\.test(/benachrichtigungen/abbestellen/\S+)", second)[1]
    assert "keine E-Mails" in mail_client.get(link).get_data(as_text=True)
    index_store.apply([(dict(new, id="a-10"), "h")])
    assert run_digest(mail_client, port) == 0  # opted out
    assert mail_client.get("/benachrichtigungen/abbestellen/gefaelscht").status_code == 404


def test_password_reset_by_mailed_link(mail_client, smtp):
    inbox, _ = smtp
    register(mail_client, "chef@metall.example")
    logout(mail_client)
    for address in ("chef@metall.example", "niemand@metall.example"):
        token = csrf(mail_client, "/konto/passwort-vergessen")
        page = mail_client.post("/konto/passwort-vergessen", data={"csrf_token": token, "email": address},
                                follow_redirects=True).get_data(as_text=True)
        assert "Wenn zu dieser Adresse ein Konto besteht" in page  # the same answer for both
    assert len(inbox.messages) == 1
    path = re.search(r"https://portal\.verbund\.test(/konto/passwort-neu/\S+)", body(inbox.messages[0]))[1]
    token = csrf(mail_client, path)
    mail_client.post(path, data={"csrf_token": token, "password": "ganz-neues-passwort",
                                 "password2": "ganz-neues-passwort"})
    logout(mail_client)
    assert login(mail_client, "chef@metall.example", "ganz-neues-passwort").status_code == 302
    assert mail_client.get("/konto/passwort-neu/kaputt").status_code == 400


def test_invite_a_colleague_of_the_same_company(mail_client, smtp):
    inbox, _ = smtp
    register(mail_client, "chef@metall.example", "Metallbau Arnold")
    need_id = create_need(mail_client)
    token = csrf(mail_client, "/firma/einladen")
    mail_client.post("/firma/einladen", data={"csrf_token": token, "email": "kuemmerer@metall.example"})
    message = inbox.messages[0]
    assert message["To"] == "kuemmerer@metall.example" and "Metallbau Arnold" in body(message)
    path = re.search(r"https://portal\.verbund\.test(/konto/passwort-neu/\S+)", body(message))[1]
    logout(mail_client)
    token = csrf(mail_client, path)
    mail_client.post(path, data={"csrf_token": token, "password": "kuemmerer-pass-1", "password2": "kuemmerer-pass-1"})
    assert "Schweißen" in mail_client.get(f"/bedarfe/{need_id}").get_data(as_text=True)  # the company's need


def test_watch_list_and_new_since_last_visit(mail_client, index_store, offer_records):
    register(mail_client, "chef@metall.example")
    need_id = create_need(mail_client)
    first = mail_client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    assert "neu seit Ihrem letzten Besuch" not in first
    from wbportal.catalogue import content_hash
    new = dict(offer_records[0], id="a-9", start_date="2027-09-06", end_date="2027-09-17",
               first_seen="2099-01-01T00:00:00+00:00")
    index_store.apply([(new, content_hash(new))])
    second = mail_client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    assert "1 neu seit Ihrem letzten Besuch" in second
    token = csrf(mail_client, f"/bedarfe/{need_id}")
    mail_client.post("/merkliste/a-1", data={"csrf_token": token})
    assert "MAG-Schweißen Grundlehrgang" in mail_client.get("/merkliste").get_data(as_text=True)
    mail_client.post("/merkliste/a-1", data={"csrf_token": token})
    assert "Ihre Merkliste ist leer" in mail_client.get("/merkliste").get_data(as_text=True)
