"""The guards around calls for offers: who may see which page, the answer link (expired, revoked,
tampered, another purpose's token), the rate limit on the answer form, the mail server down while
sending, German validation messages with 422, cancelling, and the demo's call."""
from __future__ import annotations

import socket
import time

import pytest
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from test_accounts import csrf, login, logout
from test_calls import (BASE, OFFER, OFFICE, PASSWORD, answer, answer_path, create_call, day, de, mails_to, office_login,
                        page, portal, post, send_call)  # noqa: F401 - the portal fixture
from test_mail import body, smtp  # noqa: F401 - the SMTP server fixture
from wbportal import audit
from wbportal.calls import CallStatus
from wbportal.calls.links import answer_token
from wbportal.db.tables import needs
from wbportal.mail import Mailer


def sent_call(p) -> tuple[int, str]:
    """A call sent to Alpha and Beta by the office (logged out afterwards); Alpha's answer path."""
    office_login(p.client)
    call_id = create_call(p)
    assert send_call(p, call_id, "source:alpha", "source:beta").status_code == 302
    logout(p.client)
    return call_id, answer_path(mails_to(p, "kurse@alpha.example")[-1])


def accepted_call(p) -> tuple[int, str]:
    call_id, alpha = sent_call(p)
    assert answer(p.app.test_client(), alpha, OFFER).status_code == 302
    office_login(p.client)
    chosen = p.calls.answers(call_id)[0]
    assert post(p.client, f"/koordinierung/anfragen/{call_id}/annehmen", {"wahl": f"{chosen.id}:0"},
                f"/koordinierung/anfragen/{call_id}").status_code == 302
    logout(p.client)
    return call_id, alpha


# -- roles ------------------------------------------------------------------------------------------
def test_only_the_office_reaches_the_office_pages_and_only_firms_of_the_call_their_page(portal):
    p, c = portal, portal.client
    call_id, alpha = sent_call(p)
    office_pages = ["/koordinierung/anfragen/", "/koordinierung/anfragen/neu", f"/koordinierung/anfragen/{call_id}",
                    f"/koordinierung/anfragen/{call_id}/bearbeiten"]
    office_posts = [f"/koordinierung/anfragen/{call_id}/{action}" for action in
                    ("senden", "annehmen", "bestaetigen", "absagen", "nachfrage/1", "empfaenger/1/widerrufen",
                     "empfaenger/1/neuer-link", "platz/1")]
    for path in office_pages:
        assert c.get(path).status_code == 302, path  # anonymous: to the login
    for who in (p.firms["Metallbau Arnold"].email, "kurse@gamma.example"):  # a firm in the call, a provider
        login(c, who)
        token = csrf(c, "/")
        for path in office_pages:
            assert c.get(path).status_code == 403, (who, path)
        for path in office_posts:
            assert c.post(path, data={"csrf_token": token, "wahl": "1:0", "anbieter": "source:alpha"}).status_code == 403
        logout(c)
    assert p.calls.get(call_id).status is CallStatus.sent  # nothing changed

    # a firm not in the call: 404 for the call's page and its seat form
    login(c, p.firms["Pflegedienst Curt"].email)
    assert c.get(f"/verbundkurse/{call_id}").status_code == 404
    assert c.post(f"/verbundkurse/{call_id}/plaetze", data={"csrf_token": csrf(c, "/verbundkurse/"),
                                                          "seats": "1"}).status_code == 404
    assert "Schweißen (MAG) Grundkurs" not in page(c.get("/verbundkurse/"))
    logout(c)
    # providers and the anonymous do not reach the firms' pages; the office is sent to its own page
    login(c, "kurse@gamma.example")
    assert c.get("/verbundkurse/").status_code == 403 and c.get(f"/verbundkurse/{call_id}").status_code == 403
    logout(c)
    assert c.get("/verbundkurse/").status_code == 302
    office_login(c)
    assert c.get(f"/verbundkurse/{call_id}").headers["Location"] == f"/koordinierung/anfragen/{call_id}"
    logout(c)

    # a provider account the call did not go to cannot answer it, nor see it in its list
    rid = p.calls.recipients(call_id)[0].id
    login(c, "info@epsilon.example")
    assert "Schweißen (MAG) Grundkurs" not in page(c.get("/antwort/meine"))
    assert c.get(f"/antwort/meine/{rid}").status_code == 404
    assert c.post(f"/antwort/meine/{rid}", data={"csrf_token": csrf(c, "/antwort/meine"), **OFFER}).status_code == 404
    logout(c)
    login(c, p.firms["Metallbau Arnold"].email)
    assert c.get("/antwort/meine").status_code == 403  # firms have no answer pages
    logout(c)
    assert p.calls.answers(call_id) == []


# -- the answer link --------------------------------------------------------------------------------
@pytest.mark.one_database  # the page's checks are the subject; storage is tested on both back ends
def test_expired_revoked_tampered_and_foreign_links_are_refused_in_german(portal, monkeypatch):
    p, c = portal, portal.client
    call_id, alpha = sent_call(p)
    provider = p.app.test_client()
    assert provider.get(alpha).status_code == 200
    ptoken = csrf(provider, alpha)
    secret = p.app.config["SECRET_KEY"]
    recipient = next(r for r in p.calls.recipients(call_id) if r.source_key == "alpha")

    tampered = alpha[:-3] + ("AAA" if not alpha.endswith("AAA") else "BBB")
    for path in (tampered, "/antwort/kaputt", "/antwort/" + "x" * 600):
        response = provider.get(path)
        assert response.status_code == 400 and "Dieser Link ist ungültig" in page(response), path
    # the same payload signed for another purpose (the password reset's salt) is not an answer link
    foreign = URLSafeTimedSerializer(secret, salt="password-reset").dumps([recipient.id, recipient.nonce])
    assert provider.get(f"/antwort/{foreign}").status_code == 400
    assert provider.post(f"/antwort/{foreign}", data={"csrf_token": ptoken, **OFFER}).status_code == 400
    # signed 46 days ago: expired (the link lives 45 days)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 46 * 24 * 3600)
    old = answer_token(secret, recipient.id, recipient.nonce)
    monkeypatch.undo()
    expired = provider.get(f"/antwort/{old}")
    assert expired.status_code == 410 and "Dieser Link ist abgelaufen" in page(expired)
    assert answer_token(secret, recipient.id, recipient.nonce) != old
    assert p.calls.answers(call_id) == []

    # the office revokes the link: it stops working, a new one is mailed and works
    office_login(c)
    token = csrf(c, f"/koordinierung/anfragen/{call_id}")
    assert c.post(f"/koordinierung/anfragen/{call_id}/empfaenger/{recipient.id}/widerrufen",
                  data={"csrf_token": token}).status_code == 302
    revoked = provider.get(alpha)
    assert revoked.status_code == 410 and "Dieser Link gilt nicht mehr" in page(revoked)
    assert provider.post(alpha, data={"csrf_token": ptoken, **OFFER}).status_code == 410
    assert c.post(f"/koordinierung/anfragen/{call_id}/empfaenger/{recipient.id}/neuer-link",
                  data={"csrf_token": token}).status_code == 302
    renewed = answer_path(mails_to(p, "kurse@alpha.example")[-1])
    assert renewed != alpha and provider.get(renewed).status_code == 200 and provider.get(alpha).status_code == 410
    actions = [e.action for e in audit.entries(p.db, subject=f"call:{call_id}")]
    assert "call.link_revoked" in actions and "call.link_renewed" in actions


def test_the_answer_form_is_rate_limited(portal):
    p = portal
    call_id, alpha = sent_call(p)
    beta = answer_path(mails_to(p, "angebote@beta.example")[-1])
    provider = p.app.test_client()
    token = csrf(provider, alpha)
    for _ in range(10):  # invalid answers count too: the limit is on requests
        assert provider.post(alpha, data={"csrf_token": token, "art": "angebot"}).status_code == 422
    limited = provider.post(alpha, data={"csrf_token": token, **OFFER})
    assert limited.status_code == 429 and "Zu viele Versuche" in page(limited)
    assert p.calls.answers(call_id) == []
    # the same client address on another recipient's link: limited as well
    assert provider.post(beta, data={"csrf_token": token, **OFFER}).status_code == 429
    # the same recipient from another address: limited by the recipient's key
    elsewhere = p.app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert elsewhere.post(alpha, data={"csrf_token": csrf(elsewhere, alpha), **OFFER}).status_code == 429
    # another recipient from another address is not affected
    assert elsewhere.post(beta, data={"csrf_token": csrf(elsewhere, beta), **OFFER}).status_code == 302
    assert len(p.calls.answers(call_id)) == 1


# -- the mail server down -----------------------------------------------------------------------------
def test_sending_with_the_mail_server_down_loses_nothing_and_can_be_repeated(portal):
    p, c = portal, portal.client
    working = p.app.extensions["mailer"]
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    p.app.extensions["mailer"] = Mailer("127.0.0.1", dead, "portal@verbund.example")
    office_login(c)
    call_id = create_call(p)
    response = send_call(p, call_id, "source:alpha", "source:beta")
    assert response.status_code == 302
    shown = page(c.get(response.headers["Location"]))
    assert "konnte die Anfrage nicht verschickt werden, weil der E-Mail-Versand gestört ist" in shown
    assert shown.count("noch nicht verschickt") == 2
    assert p.calls.get(call_id).status is CallStatus.draft
    assert [r.sent for r in p.calls.recipients(call_id)] == [False, False]
    with p.db.engine.connect() as conn:
        assert {r.office_status for r in conn.execute(select(needs.c.office_status))} == {"open"}
    assert p.inbox.messages == []
    # the server is back: sending again reaches both, no provider twice
    p.app.extensions["mailer"] = working
    assert send_call(p, call_id).status_code == 302
    assert p.calls.get(call_id).status is CallStatus.sent
    assert sorted(m["To"] for m in p.inbox.messages) == ["angebote@beta.example", "kurse@alpha.example"]
    assert send_call(p, call_id).status_code == 422  # nobody left to reach, nothing picked
    assert len(p.inbox.messages) == 2
    # a step whose mails fail is kept, and the office is told
    p.app.extensions["mailer"] = Mailer("127.0.0.1", dead, "portal@verbund.example")
    rid = p.calls.recipients(call_id)[0].id
    asked = post(c, f"/koordinierung/anfragen/{call_id}/nachfrage/{rid}", {"text": "Noch Fragen?"},
                 f"/koordinierung/anfragen/{call_id}")
    assert asked.status_code == 302
    assert "konnte aber gerade nicht verschickt werden" in page(c.get(asked.headers["Location"]))
    assert [m.text for m in p.calls.messages(call_id)] == ["Noch Fragen?"]


# -- validation ---------------------------------------------------------------------------------------
@pytest.mark.one_database  # the page's checks are the subject; storage is tested on both back ends
def test_the_call_form_says_what_is_wrong_in_german(portal):
    p, c = portal, portal.client
    office_login(c)
    ids = [p.firms["Metallbau Arnold"].need_id]
    response = c.post("/koordinierung/anfragen/neu", data={
        "csrf_token": csrf(c, "/koordinierung/anfragen/neu"), "bedarf": ids, "topic": " ", "head_count": "fünf",
        "company_count": "1", "earliest": de(day(50)), "latest": de(day(40)), "place": "Annaberg-Buchhloz",
        "radius_km": "40", "budget_per_person": "viel", "deadline": de(day(-1))})
    shown = page(response)
    assert response.status_code == 422
    for message in ("Bitte geben Sie das Thema des Kurses an.", "Bitte geben Sie eine Zahl an",
                    "Der späteste Beginn liegt vor dem frühesten.", "Den Ort „Annaberg-Buchhloz“ kennen wir nicht. Meinten Sie: Annaberg-Buchholz",
                    "Die Antwortfrist liegt in der Vergangenheit."):
        assert message in shown, message
    assert 'value="viel"' in shown and 'value="Annaberg-Buchhloz"' in shown  # kept as typed
    nothing = c.post("/koordinierung/anfragen/neu", data={"csrf_token": csrf(c, "/koordinierung/anfragen/neu"),
                                                          "topic": "X", "head_count": "1", "company_count": "1",
                                                          "radius_km": "10", "deadline": de(day(3))})
    assert nothing.status_code == 422 and "Bitte wählen Sie mindestens einen Bedarf aus." in page(nothing)
    assert p.calls.count() == 0
    # a draft can be edited (same checks), a sent call no longer
    call_id = create_call(p)
    edit = f"/koordinierung/anfragen/{call_id}/bearbeiten"
    fields = {"topic": "Schweißen kompakt", "head_count": "5", "company_count": "2", "radius_km": "30",
              "deadline": de(day(10))}
    refused = post(c, edit, dict(fields, radius_km="900"))
    assert refused.status_code == 422 and "Bitte geben Sie höchstens 500 an." in page(refused)
    assert post(c, edit, fields).status_code == 302
    assert p.calls.get(call_id).topic == "Schweißen kompakt" and p.calls.get(call_id).deadline == day(10)
    assert send_call(p, call_id, "source:alpha").status_code == 302
    assert c.get(edit).headers["Location"] == f"/koordinierung/anfragen/{call_id}"


@pytest.mark.one_database  # the page's checks are the subject; storage is tested on both back ends
def test_the_answer_form_says_what_is_wrong_in_german(portal):
    p = portal
    call_id, alpha = sent_call(p)
    provider = p.app.test_client()
    bad = dict(OFFER, start1="", end1="", start2=de(day(90)), end2=de(day(80)), town="Nirgendwo", price="zwölf",
               min_heads="8", max_heads="4")
    response = answer(provider, alpha, bad)
    shown = page(response)
    assert response.status_code == 422
    for message in ("Bitte geben Sie mindestens einen Terminvorschlag an (Beginn und Ende).",
                    "Das Ende liegt vor dem Beginn.", "Den Ort „Nirgendwo“ kennen wir nicht.",
                    "Bitte geben Sie eine Zahl an", "Die Höchstzahl liegt unter der Mindestzahl."):
        assert message in shown, message
    assert 'value="zwölf"' in shown
    no_town = answer(provider, alpha, dict(OFFER, town="", street=""))
    assert no_town.status_code == 422 and "Bitte geben Sie den Ort an oder wählen Sie „online“." in page(no_town)
    online = answer(provider, alpha, dict(OFFER, town="", street="", online="1"))
    assert online.status_code == 302 and p.calls.answers(call_id)[0].online is True
    decline = answer(provider, alpha, {"art": "absage", "reason": ""})
    assert decline.status_code == 422 and "Bitte sagen Sie uns kurz, warum Sie kein Angebot abgeben." in page(decline)
    empty = answer(provider, alpha, {"art": "nachricht", "text": "  "})
    assert empty.status_code == 422 and "Bitte schreiben Sie Ihre Nachricht." in page(empty)
    # a change replaces the answer; a decline too
    assert answer(provider, alpha, dict(OFFER, price="999")).status_code == 302
    assert [a.price_per_person for a in p.calls.answers(call_id)] == [999.0]
    assert answer(provider, alpha, {"art": "absage", "reason": "Doch keine Zeit."}).status_code == 302
    assert [(a.status.value, a.decline_reason) for a in p.calls.answers(call_id)] == [("declined", "Doch keine Zeit.")]


@pytest.mark.one_database  # the page's checks are the subject; storage is tested on both back ends
def test_seats_are_checked_against_heads_and_free_seats(portal):
    p, c = portal, portal.client
    call_id, _ = accepted_call(p)  # Alpha: at least 4, at most 10 people
    login(c, p.firms["Metallbau Arnold"].email)  # 3 heads in the call
    for seats, message in (("0", "Bitte geben Sie eine Zahl von 1 bis 3 an."), ("4", "Bitte geben Sie eine Zahl von 1 bis 3 an."),
                           ("", "Bitte geben Sie die Zahl der Personen an."), ("drei", "Bitte geben Sie eine Zahl an")):
        response = post(c, f"/verbundkurse/{call_id}/plaetze", {"aktion": "zusagen", "seats": seats}, f"/verbundkurse/{call_id}")
        assert response.status_code == 422 and message in page(response), seats
    assert p.calls.seats(call_id) == []
    assert post(c, f"/verbundkurse/{call_id}/plaetze", {"aktion": "absagen"}, f"/verbundkurse/{call_id}").status_code == 302
    assert p.calls.seat(call_id, p.firms["Metallbau Arnold"].company_id).status.value == "declined"
    assert "Metallbau Arnold sagt ab" in body(mails_to(p, OFFICE)[-1])


def test_cancelling_tells_everyone_and_closes_the_answer_page(portal):
    p, c = portal, portal.client
    call_id, alpha = accepted_call(p)
    office_login(c)
    assert post(c, f"/koordinierung/anfragen/{call_id}/absagen", {"reason": "Zu wenige Zusagen."},
                f"/koordinierung/anfragen/{call_id}").status_code == 302
    assert p.calls.get(call_id).status is CallStatus.cancelled
    for address in ("kurse@alpha.example", "angebote@beta.example", p.firms["Metallbau Arnold"].email,
                    p.firms["Schlosserei Beyer"].email):
        last = mails_to(p, address)[-1]
        assert "abgesagt" in last["Subject"] and "Zu wenige Zusagen." in body(last), address
    assert mails_to(p, p.firms["Pflegedienst Curt"].email) == []
    shown = page(p.app.test_client().get(alpha))
    assert "hat diese Anfrage abgesagt" in shown and 'name="art" value="angebot"' not in shown
    with p.db.engine.connect() as conn:
        statuses = {r.office_status for r in conn.execute(select(needs.c.office_status).where(
            needs.c.id.in_([p.firms["Metallbau Arnold"].need_id, p.firms["Schlosserei Beyer"].need_id])))}
    assert statuses == {"contacted"}
    assert "Anfrage abgesagt" in page(c.get("/koordinierung/anfragen/?status=cancelled"))


# -- the demo's call ------------------------------------------------------------------------------------
@pytest.mark.one_database
def test_the_demo_call_has_two_answers_and_mails_nobody(client, smtp, tmp_path):  # noqa: F811
    from wbportal.calls import CallStore
    from wbportal.calls.demo import seed_demo_call
    from wbportal.config import load_sources
    from wbportal.demo import seed_demo
    from wbportal.roles import OrgKind
    from test_calls import SOURCES

    inbox, port = smtp
    app = client.application
    app.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    db, accounts, store = app.extensions["db"], app.extensions["accounts"], app.extensions["needs"]
    seed_demo(accounts, store)
    org = accounts.add_organisation(OrgKind.provider, "Schulungszentrum Gamma")
    accounts.add_organisation_user(org, "kurse@gamma.example", PASSWORD)
    sources = load_sources(tmp_path / "sources.yaml")
    call_id = seed_demo_call(db, accounts, store, sources, BASE)
    calls = CallStore(db)
    call = calls.get(call_id)
    # the demo's welding group: Metallbau Arnold (3), Schlosserei Beyer (2), Stahlbau Erzgebirge (4)
    assert call.status is CallStatus.answers and call.topic == "Schweißen / MAG-Schweißen / Schweißerprüfung"
    assert call.head_count == 9 and call.company_count == 3 and len(calls.needs(call_id)) == 3
    recipients = calls.recipients(call_id)
    assert [r.provider_name for r in recipients] == ["Bildungswerk Alpha", "Schulungszentrum Gamma"]
    assert all(r.sent for r in recipients)
    answers = calls.answers(call_id)
    assert len(answers) == 2 and len({a.price_per_person for a in answers}) == 2
    assert len({a.proposals[0].start_date for a in answers}) == 2
    assert inbox.messages == []
    assert seed_demo_call(db, accounts, store, sources, BASE) is None  # once
    app.config["SOURCES_FILE"] = str(tmp_path / "sources.yaml")
    login(client, "buero@verbund.example", "buero-passwort-1")
    shown = page(client.get(f"/koordinierung/anfragen/{call_id}"))
    assert "890 €" in shown and "1.040 €" in shown and "Antworten eingegangen" in shown
