"""Calls for offers end to end through the test client, with mail through a real local SMTP
server: the office drafts a call from needs, sends it to providers of the directory, providers
answer by the mailed link or in their account, the office compares (prices, totals, distances),
asks back, accepts, firms confirm seats, the office confirms the course, and the course is a
searchable Verbundkurs with free seats. Plus the guards: roles, links (expired, revoked,
tampered, another purpose), the rate limit, the mail server down, firm names hidden from
providers until a firm confirmed, and validation messages."""
from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from test_accounts import csrf, login, logout
from test_mail import body, smtp  # noqa: F401 - the SMTP server fixture
from wbportal import audit
from wbportal.calls import CallStatus, CallStore
from wbportal.db.tables import call_needs, needs
from wbportal.mail import Mailer
from wbportal.needs.model import Need
from wbportal.roles import OrgKind

OFFICE, OFFICE_PASSWORD = "buero@verbund.example", "buero-passwort-1"
PASSWORD = "sicheres-passwort"
BASE = "https://portal.verbund.test"
SOURCES = """\
sources:
  alpha:
    provider: Bildungswerk Alpha
    strategy: feed
    start_urls: ["http://127.0.0.1:9/alpha.ics"]
    contact: {email: kurse@alpha.example}
  beta:
    provider: Schweißtechnik Beta
    strategy: feed
    start_urls: ["http://127.0.0.1:9/beta.ics"]
    contact: {email: angebote@beta.example}
  delta:
    provider: Akademie Delta ohne Adresse
    strategy: feed
    start_urls: ["http://127.0.0.1:9/delta.ics"]
"""


def day(offset: int) -> date:
    return date.today() + timedelta(days=offset)


def de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


class Publishes:
    """Records the background commands the pages start instead of running them."""

    def __init__(self):
        self.commands: list[list[str]] = []

    def __call__(self, args, **kwargs):
        self.commands.append(list(args))
        return SimpleNamespace(pid=0)

    @property
    def publishes(self) -> int:
        return sum(1 for c in self.commands if "publish" in c)


@pytest.fixture
def portal(client, smtp, tmp_path, monkeypatch):  # noqa: F811
    """The app with mail to the local SMTP server, its own sources.yaml (two providers with an
    address, one without), the office, three firms with needs and a provider account."""
    import webui.background
    import wbportal.users
    from werkzeug.security import generate_password_hash

    # cheap password hashes for the test's many users and logins (the hashing is not the subject here)
    monkeypatch.setattr(wbportal.users, "generate_password_hash",
                        lambda password: generate_password_hash(password, "pbkdf2:sha256:1000"))
    inbox, port = smtp
    app = client.application
    app.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    app.config["BASE_URL"] = BASE
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    app.config["SOURCES_FILE"] = str(tmp_path / "sources.yaml")
    publishes = Publishes()
    monkeypatch.setattr(webui.background.subprocess, "Popen", publishes)
    accounts, store = app.extensions["accounts"], app.extensions["needs"]
    accounts.add_admin(OFFICE, OFFICE_PASSWORD)
    firms = {}
    for email, name, need in (
            ("chef@arnold.example", "Metallbau Arnold", Need("Schweißen", "schweissen", 3, day(20), day(120),
                                                              "Annaberg-Buchholz", 30, max_price=1500)),
            ("info@beyer.example", "Schlosserei Beyer", Need("MAG-Schweißen", "schweissen", 2, day(40), day(150),
                                                               "Schwarzenberg/Erzgeb.", 40, max_price=1300)),
            ("pflege@curt.example", "Pflegedienst Curt", Need("Palliativpflege", "pflege", 2, place="Marienberg"))):
        user = accounts.register(company=name, postal_code="09456", size="1-9", sector="", contact="", email=email,
                                 password=PASSWORD)
        firms[name] = SimpleNamespace(email=email, company_id=user.company_id,
                                      need_id=store.save(user.company_id, need))
    org = accounts.add_organisation(OrgKind.provider, "Schulungszentrum Gamma")
    accounts.add_organisation_user(org, "kurse@gamma.example", PASSWORD)
    other = accounts.add_organisation(OrgKind.provider, "Kursanbieter Epsilon")
    accounts.add_organisation_user(other, "info@epsilon.example", PASSWORD)
    return SimpleNamespace(client=client, app=app, inbox=inbox, port=port, firms=firms, gamma=org, epsilon=other,
                           publishes=publishes, db=app.extensions["db"], calls=CallStore(app.extensions["db"]))


def page(response) -> str:
    return response.get_data(as_text=True)


def office_login(client):
    assert login(client, OFFICE, OFFICE_PASSWORD).status_code == 302


def post(client, path: str, data: dict, token_page: str | None = None):
    return client.post(path, data={"csrf_token": csrf(client, token_page or path), **data})


def mails_to(p, address: str) -> list:
    return [m for m in p.inbox.messages if m["To"] == address]


def answer_path(message) -> str:
    return re.search(re.escape(BASE) + r"(/antwort/[^\s]+)", body(message))[1]


CALL_FORM = {"topic": "Schweißen (MAG) Grundkurs", "category": "schweissen", "head_count": "5", "company_count": "2",
             "place": "Annaberg-Buchholz", "radius_km": "40", "budget_per_person": "1.300",
             "notes": "Gern als Blockkurs."}


def create_call(p, form: dict | None = None) -> int:
    """The office drafts a call from the two welding needs; returns its id."""
    c = p.client
    ids = [p.firms["Metallbau Arnold"].need_id, p.firms["Schlosserei Beyer"].need_id]
    response = c.post("/koordinierung/anfragen/neu", data={
        "csrf_token": csrf(c, "/koordinierung/anfragen/neu"), "bedarf": ids, "earliest": de(day(40)),
        "latest": de(day(120)), "deadline": de(day(14)), **CALL_FORM, **(form or {})})
    assert response.status_code == 302, page(response)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def send_call(p, call_id: int, *keys: str):
    return post(p.client, f"/koordinierung/anfragen/{call_id}/senden", {"anbieter": list(keys)},
                f"/koordinierung/anfragen/{call_id}")


OFFER = {"art": "angebot", "start1": de(day(60)), "end1": de(day(62)), "times1": "8:00–15:30 Uhr", "sessions1": "3",
         "start2": de(day(90)), "end2": de(day(92)), "times2": "8:00–15:30 Uhr", "sessions2": "3",
         "town": "Annaberg-Buchholz", "street": "Buchholzer Straße 2", "price": "1.250,50", "min_heads": "4",
         "max_heads": "10", "notes": "Material inklusive."}


def answer(client, path: str, data: dict):
    return post(client, path, data)


def test_the_whole_loop_from_needs_to_a_searchable_verbundkurs(portal, index_store):
    p, c = portal, portal.client
    arnold, beyer, curt = p.firms["Metallbau Arnold"], p.firms["Schlosserei Beyer"], p.firms["Pflegedienst Curt"]
    office_login(c)

    # the picker: active needs with company names, and the welding group as a ready pick
    picker = page(c.get("/koordinierung/anfragen/neu"))
    assert "Metallbau Arnold" in picker and "Pflegedienst Curt" in picker and "Palliativpflege" in picker
    assert f"/koordinierung/anfragen/neu?bedarf={arnold.need_id}&amp;bedarf={beyer.need_id}" in picker

    # the form, prefilled from the two needs
    form = page(c.get(f"/koordinierung/anfragen/neu?bedarf={arnold.need_id}&bedarf={beyer.need_id}"))
    assert 'value="Schweißen / MAG-Schweißen"' in form
    assert 'id="head_count" name="head_count" inputmode="numeric" value="5"' in form
    assert 'id="company_count" name="company_count" inputmode="numeric" value="2"' in form
    assert f'value="{de(day(40))}"' in form and f'value="{de(day(120))}"' in form  # the windows' intersection
    assert 'id="place" name="place" maxlength="80" value="Annaberg-Buchholz"' in form
    assert 'id="radius_km" name="radius_km" inputmode="numeric" value="40"' in form  # the larger radius
    assert 'id="budget_per_person" name="budget_per_person" inputmode="decimal" placeholder="z. B. 1.000" value="1300"' in form
    assert f'id="deadline" name="deadline" placeholder="TT.MM.JJJJ" value="{de(day(14))}"' in form
    assert '<option value="schweissen" selected>' in form

    call_id = create_call(p)
    call = p.calls.get(call_id)
    assert call.status is CallStatus.draft and call.head_count == 5 and call.budget_per_person == 1300
    assert sorted(n.need_id for n in p.calls.needs(call_id)) == sorted([arnold.need_id, beyer.need_id])

    # the directory: providers with an address can be picked, the one without says why
    show = page(c.get(f"/koordinierung/anfragen/{call_id}"))
    assert 'value="source:alpha"> Bildungswerk Alpha (kurse@alpha.example)' in show
    assert re.search(r'value="source:delta" disabled> Akademie Delta ohne Adresse – nicht wählbar: keine E-Mail-Adresse', show)
    assert f'value="org:{p.gamma}"> Schulungszentrum Gamma (kurse@gamma.example, mit Konto)' in show

    assert send_call(p, call_id, "source:alpha", "source:beta", f"org:{p.gamma}").status_code == 302
    assert p.calls.get(call_id).status is CallStatus.sent
    assert len(p.inbox.messages) == 3
    mail = body(mails_to(p, "kurse@alpha.example")[0])
    for fact in ("Thema: Schweißen (MAG) Grundkurs", "Teilnehmende: 5 Personen aus 2 Firmen",
                 "Region: Annaberg-Buchholz (Erzgebirgskreis), Umkreis 40 km",
                 f"Zeitraum: Beginn zwischen {de(day(40))} und {de(day(120))}", "Budget je Person: 1.300 €",
                 f"Antwort erbeten bis: {de(day(14))}", "Lernform: jede Lernform", "Der Link gilt bis"):
        assert fact in mail, fact
    assert "Metallbau Arnold" not in mail and "Schlosserei Beyer" not in mail
    alpha_path, beta_path = answer_path(mails_to(p, "kurse@alpha.example")[0]), answer_path(mails_to(p, "angebote@beta.example")[0])
    assert alpha_path != beta_path
    with p.db.engine.connect() as conn:
        statuses = {r.id: r.office_status for r in conn.execute(select(needs.c.id, needs.c.office_status))}
    assert statuses == {arnold.need_id: "in_call", beyer.need_id: "in_call", curt.need_id: "open"}
    actions = [(e.action, e.actor) for e in audit.entries(p.db, subject=f"call:{call_id}")]
    assert ("call.created", OFFICE) in actions and ("call.sent", OFFICE) in actions
    sent = next(e for e in audit.entries(p.db, subject=f"call:{call_id}") if e.action == "call.sent")
    assert sorted(sent.details["recipients"]) == ["Bildungswerk Alpha", "Schulungszentrum Gamma", "Schweißtechnik Beta"]
    logout(c)

    # provider Alpha answers through its link, without an account; no firm is named
    provider = p.app.test_client()
    view = page(provider.get(alpha_path))
    assert "Schweißen (MAG) Grundkurs" in view and "5 Personen aus 2 Firmen" in view and "Annaberg-Buchholz (Erzgebirgskreis)" in view
    assert "Metallbau Arnold" not in view and "Schlosserei Beyer" not in view
    assert answer(provider, alpha_path, OFFER).status_code == 302
    assert p.calls.get(call_id).status is CallStatus.answers
    assert "Bildungswerk Alpha hat ein Angebot geschickt" in body(mails_to(p, OFFICE)[-1])
    # Beta declines
    assert answer(p.app.test_client(), beta_path, {"art": "absage", "reason": "Keine Schweißkabinen frei."}).status_code == 302
    # Gamma answers logged in, in its account
    gamma = p.app.test_client()
    login(gamma, "kurse@gamma.example")
    mine = page(gamma.get("/antwort/meine"))
    assert "Schweißen (MAG) Grundkurs" in mine and "noch keine" in mine
    gamma_rid = next(r.id for r in p.calls.recipients(call_id) if r.company_id == p.gamma)
    assert answer(gamma, f"/antwort/meine/{gamma_rid}", dict(
        OFFER, start2="", end2="", times2="", sessions2="", town="Chemnitz", price="980", min_heads="6",
        max_heads="12")).status_code == 302

    # the office compares: prices, totals for 5 people, distances to the firms' places, the decline
    office_login(c)
    show = page(c.get(f"/koordinierung/anfragen/{call_id}"))
    compare = show.split("Antworten im Vergleich", 1)[1].split("Rückfragen an Anbieter", 1)[0]
    assert compare.index("Schulungszentrum Gamma") < compare.index("Bildungswerk Alpha")  # the cheaper first
    assert '<td class="price">980 €</td><td class="price">1.250,50 €</td>' in compare
    assert '<td class="total">4.900 €</td><td class="total">6.252,50 €</td>' in compare
    # Chemnitz: 29 km to Annaberg-Buchholz, 35 km to Schwarzenberg; Annaberg-Buchholz: 0 and 16 km
    assert '<td class="distance">29 km – 35 km</td><td class="distance">0,0 km – 16 km</td>' in compare
    assert "mindestens 6, höchstens 12" in compare and "mindestens 4, höchstens 10" in compare
    assert f"{de(day(60))} – {de(day(62))} (8:00–15:30 Uhr, 3 Termine)" in compare
    assert "Schweißtechnik Beta: Keine Schweißkabinen frei." in compare

    # asking back: a mail with the link; the provider sees it and replies
    alpha_rid = next(r.id for r in p.calls.recipients(call_id) if r.source_key == "alpha")
    assert post(c, f"/koordinierung/anfragen/{call_id}/nachfrage/{alpha_rid}", {"text": "Ist die Prüfung inklusive?"},
                f"/koordinierung/anfragen/{call_id}").status_code == 302
    asked = mails_to(p, "kurse@alpha.example")[-1]
    assert "Ist die Prüfung inklusive?" in body(asked)
    assert "Ist die Prüfung inklusive?" in page(provider.get(answer_path(asked)))  # a fresh link of the same recipient
    assert "Ist die Prüfung inklusive?" in page(provider.get(alpha_path))  # and the first one still works
    assert answer(provider, alpha_path, {"art": "nachricht", "text": "Ja, die Prüfungsgebühr ist enthalten."}).status_code == 302
    assert "Ja, die Prüfungsgebühr ist enthalten." in page(c.get(f"/koordinierung/anfragen/{call_id}"))
    assert "Ja, die Prüfungsgebühr ist enthalten." in body(mails_to(p, OFFICE)[-1])

    # the office accepts Alpha's second date
    alpha_answer = p.calls.answer_of(alpha_rid)
    assert post(c, f"/koordinierung/anfragen/{call_id}/annehmen", {"wahl": f"{alpha_answer.id}:1"},
                f"/koordinierung/anfragen/{call_id}").status_code == 302
    call = p.calls.get(call_id)
    assert call.status is CallStatus.accepted and call.accepted_answer_id == alpha_answer.id and call.accepted_proposal == 1
    assert "Ihr Angebot ist angenommen" in mails_to(p, "kurse@alpha.example")[-1]["Subject"]
    assert mails_to(p, "kurse@gamma.example")[-1]["Subject"].startswith("Anfrage vergeben")
    invitation = body(mails_to(p, arnold.email)[-1])
    assert "Bildungswerk Alpha" in invitation and f"{de(day(90))} – {de(day(92))}" in invitation
    assert f"{BASE}/verbundkurse/{call_id}" in invitation
    assert "call.accepted" in [e.action for e in audit.entries(p.db, subject=f"call:{call_id}")]
    # the changed answer is refused now
    assert answer(provider, alpha_path, dict(OFFER, price="1.100")).status_code == 302
    assert p.calls.answer_of(alpha_rid).price_per_person == 1250.5
    logout(c)

    # before any firm confirmed, the provider sees no firm's name
    assert "Metallbau Arnold" not in page(provider.get(alpha_path))

    # the firms confirm seats; a firm outside the call does not see it
    login(c, curt.email)
    assert c.get(f"/verbundkurse/{call_id}").status_code == 404
    logout(c)
    login(c, arnold.email)
    own = page(c.get(f"/verbundkurse/{call_id}"))
    assert "Bildungswerk Alpha" in own and f"{de(day(90))} – {de(day(92))}" in own and "1.250,50 €" in own
    assert "Schlosserei Beyer" not in own
    assert "bitte Plätze bestätigen" in page(c.get("/verbundkurse/"))
    assert post(c, f"/verbundkurse/{call_id}/plaetze", {"aktion": "zusagen", "seats": "3"},
                f"/verbundkurse/{call_id}").status_code == 302
    assert "Metallbau Arnold nimmt mit 3 Personen teil" in body(mails_to(p, OFFICE)[-1])
    logout(c)
    office_login(c)
    assert 'Kurs bestätigen</button> <span class="hint">' in page(c.get(f"/koordinierung/anfragen/{call_id}"))  # 3 < 4
    assert post(c, f"/koordinierung/anfragen/{call_id}/bestaetigen", {}, f"/koordinierung/anfragen/{call_id}").status_code == 302
    assert p.calls.get(call_id).status is CallStatus.accepted
    logout(c)
    login(c, beyer.email)
    assert post(c, f"/verbundkurse/{call_id}/plaetze", {"aktion": "zusagen", "seats": "2"},
                f"/verbundkurse/{call_id}").status_code == 302
    logout(c)

    # now the accepted provider sees the two firms that confirmed
    firms = page(provider.get(alpha_path))
    assert "Metallbau Arnold: 3 Plätze" in firms and "Schlosserei Beyer: 2 Plätze" in firms
    assert "Metallbau Arnold" not in page(gamma.get(f"/antwort/meine/{gamma_rid}"))  # not the other providers

    # the office confirms the course
    office_login(c)
    assert post(c, f"/koordinierung/anfragen/{call_id}/bestaetigen", {}, f"/koordinierung/anfragen/{call_id}").status_code == 302
    assert p.calls.get(call_id).status is CallStatus.confirmed
    assert p.publishes.publishes == 1
    confirmed_mail = body(mails_to(p, "kurse@alpha.example")[-1])
    assert "- Metallbau Arnold: 3 Plätze" in confirmed_mail and "- Schlosserei Beyer: 2 Plätze" in confirmed_mail
    assert "Kurs findet statt" in mails_to(p, beyer.email)[-1]["Subject"]
    with p.db.engine.connect() as conn:
        statuses = {r.id: r.office_status for r in conn.execute(select(needs.c.id, needs.c.office_status))}
    assert statuses == {arnold.need_id: "served", beyer.need_id: "served", curt.need_id: "open"}
    assert "call.confirmed" in [e.action for e in audit.entries(p.db, subject=f"call:{call_id}")]
    logout(c)

    # the Verbundkurs in the catalogue and the index
    from index import SearchQuery, Searcher
    from wbportal.calls.publish import verbund_records
    from wbportal.catalogue import Catalogue
    from wbportal.ops.pipeline import update_index
    from wbportal.providers import VERBUND_SOURCE

    records = verbund_records(p.db, BASE)
    assert len(records) == 1
    record = records[0]
    assert record["joint_course"] is True and record["seats_free"] == 5 and record["source"] == "verbundkurs"
    assert record["provider"] == "Bildungswerk Alpha" and record["title"] == "Schweißen (MAG) Grundkurs"
    assert record["url"] == f"{BASE}/verbundkurse/kurs/{call_id}" and record["price_eur"] == 1250.5
    assert record["start_date"] == day(90).isoformat() and record["end_date"] == day(92).isoformat()
    assert record["location"]["town"] == "Annaberg-Buchholz" and record["category"] == "schweissen"
    catalogue = Catalogue(p.db)
    update_index(catalogue, index_store, catalogue.apply(VERBUND_SOURCE, records, remove_missing=True))
    found = Searcher(index_store).search(SearchQuery(text="Schweißen MAG Grundkurs"))
    hit = next(h for h in found.hits if h.record["id"] == record["id"])
    assert hit.record["joint_course"] is True and hit.record["seats_free"] == 5

    # the public page; a firm outside the call asks for seats, the office grants them
    public = page(c.get(f"/verbundkurse/kurs/{call_id}"))
    assert '<dd class="seats-free">5</dd>' in public and "Bildungswerk Alpha" in public
    assert "Metallbau Arnold" not in public and "Schlosserei Beyer" not in public
    login(c, curt.email)
    assert post(c, f"/verbundkurse/kurs/{call_id}/anfragen", {"seats": "2"}, f"/verbundkurse/kurs/{call_id}").status_code == 302
    assert "Pflegedienst Curt fragt 2 Plätze" in body(mails_to(p, OFFICE)[-1])
    assert "Ihre Firma hat 2 Plätze angefragt: angefragt." in page(c.get(f"/verbundkurse/kurs/{call_id}"))
    assert "Schweißen (MAG) Grundkurs</a>: 2 Plätze, angefragt" in page(c.get("/verbundkurse/"))
    logout(c)
    assert "Firmen können freie Plätze anfragen" in page(c.get(f"/verbundkurse/kurs/{call_id}"))  # anonymous
    office_login(c)
    seat = p.calls.seat(call_id, curt.company_id)
    assert seat.status.value == "requested"
    assert "Pflegedienst Curt" in page(c.get(f"/koordinierung/anfragen/{call_id}"))
    assert post(c, f"/koordinierung/anfragen/{call_id}/platz/{seat.id}", {"entscheidung": "zusagen"},
                f"/koordinierung/anfragen/{call_id}").status_code == 302
    assert p.calls.seat(call_id, curt.company_id).status.value == "confirmed"
    assert p.publishes.publishes == 2
    assert "zugesagt" in mails_to(p, curt.email)[-1]["Subject"]
    assert verbund_records(p.db, BASE)[0]["seats_free"] == 3
    history = page(c.get("/koordinierung/anfragen/?status=confirmed"))
    assert "Schweißen (MAG) Grundkurs" in history and "Platzanfrage zugesagt" in history
    assert "Schweißen (MAG) Grundkurs" not in page(c.get("/koordinierung/anfragen/?status=draft"))
