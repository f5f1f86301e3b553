"""The office's demand page, #14 parts 6 and 7: supply that fits (offers within a need's radius
and time window by the need page's matcher, each counted once per category, not every offer of
the category), and the office's follow-up of every need (status and notes, a form per row with
an audit entry, lists and CSV filtered by status) that companies never see.

The offers are tests/fixtures/offers.jsonl: three welding courses in the Erzgebirge (Annaberg-
Buchholz, Schwarzenberg, Zwönitz, 2027), one forklift course in Zwönitz, nothing on "Quantenphysik"."""
from __future__ import annotations

import csv
import io
import re
from html import unescape

from sqlalchemy import select, update

from test_accounts import create_need, csrf, login, logout, register
from test_office import OFFICE_EMAIL, office, office_login  # noqa: F401
from wbportal.audit import entries
from wbportal.db.tables import needs

NOTE = "Rückruf bei Frau Arnold am 12.03., will 2 Plätze – VERTRAULICH-7731"


def _section(page: str, heading: str) -> str:
    """The part of the page from the <h2> with this text to the next <h2>."""
    start = page.index(heading)
    end = page.find("<h2", start + 1)
    return page[start:end if end != -1 else len(page)]


def _row(table: str, label: str) -> list[str]:
    """The cells (text) of the row whose header cell is `label`."""
    row = re.search(r'<th scope="row">' + re.escape(label) + r"</th>(.*?)</tr>", table, re.S)
    assert row is not None, f"no row {label!r} in {table}"
    return [unescape(c) for c in re.findall(r"<td>(.*?)</td>", row[1])]


def _csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# -- 6. supply that fits --------------------------------------------------------------------------
def test_supply_counts_offers_that_fit_a_need_not_every_offer_of_the_category(client, office):
    register(client, "a@arnold.example", "Metallbau Arnold")
    create_need(client, topic="Schweißen", category="schweissen", place="Annaberg-Buchholz")
    create_need(client, topic="Schweißen", category="schweissen", place="Zwönitz", employees="2")
    far = create_need(client, topic="Gabelstapler", category="stapler_kran", place="Leipzig", radius_km="20")
    logout(client)
    office_login(client)
    table = _section(client.get("/koordinierung/bedarf").get_data(as_text=True), "Nachfrage und Angebot je Bereich")
    # persons, fitting offers, all offers of the category. The two welding needs fit the same three
    # courses: counted once (3, not 6)
    assert _row(table, "Schweißtechnik") == ["5", "3", "3"]
    # the forklift course is in Zwönitz, 90 km from Leipzig: the category has an offer, none fits
    assert _row(table, "Stapler, Kran &amp; Hebetechnik") == ["3", "0", "1"]
    svg = table.split("Passende Angebote je Bereich", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<rect") == 2 and ">3</text>" in svg and ">0</text>" in svg

    # the same need in Zwönitz: now the course fits (it was the distance, not the topic)
    with client.application.extensions["db"].engine.begin() as conn:
        conn.execute(update(needs).where(needs.c.id == far).values(place="Zwönitz"))
    table = _section(client.get("/koordinierung/bedarf").get_data(as_text=True), "Nachfrage und Angebot je Bereich")
    assert _row(table, "Stapler, Kran &amp; Hebetechnik") == ["3", "1", "1"]


def test_supply_of_needs_without_a_category_has_no_category_total(client, office):
    register(client, "a@arnold.example", "Metallbau Arnold")
    create_need(client, topic="Schweißen", place="Annaberg-Buchholz")
    logout(client)
    office_login(client)
    table = _section(client.get("/koordinierung/bedarf").get_data(as_text=True), "Nachfrage und Angebot je Bereich")
    assert _row(table, "ohne Bereich") == ["3", "3", "–"]


# -- 7. follow-up for the office -------------------------------------------------------------------
def _seed(client) -> dict[str, int]:
    register(client, "a@arnold.example", "Metallbau Arnold")
    ids = {"schweissen": create_need(client, topic="Schweißen", category="schweissen"),
           "quanten": create_need(client, topic="Quantenphysik")}
    logout(client)
    register(client, "b@beyer.example", "Schlosserei Beyer")
    ids["chinesisch"] = create_need(client, topic="Chinesisch für Monteure", category="sprachen")
    logout(client)
    return ids


def _set_status(client, need_id: int, status: str, notes: str = "", query: str = ""):
    return client.post(f"/koordinierung/bedarf/{need_id}/status{query}",
                       data={"csrf_token": csrf(client, "/koordinierung/"), "status": status, "notes": notes})


def _stored(client, need_id: int):
    with client.application.extensions["db"].engine.connect() as conn:
        return conn.execute(select(needs.c.office_status, needs.c.office_notes).where(needs.c.id == need_id)).one()


def _listed_ids(section: str) -> set[int]:
    return {int(i) for i in re.findall(r'action="/koordinierung/bedarf/(\d+)/status', section)}


def test_office_sets_status_and_notes_with_an_audit_entry(client, office):
    ids = _seed(client)
    office_login(client)
    page = client.get("/koordinierung/bedarf").get_data(as_text=True)
    every = _section(page, "Alle Bedarfe und ihre Bearbeitung")
    assert _listed_ids(every) == set(ids.values())
    assert every.count('name="csrf_token"') == 3 and every.count('<option value="open" selected>offen</option>') == 3
    assert '<label for="alle-{0}-notes">Notizen</label>'.format(ids["quanten"]) in every

    response = _set_status(client, ids["schweissen"], "contacted", NOTE, query="?status=open")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/koordinierung/bedarf?status=open#bedarf-{ids['schweissen']}"
    assert tuple(_stored(client, ids["schweissen"])) == ("contacted", NOTE)
    audit = entries(client.application.extensions["db"], subject=f"need:{ids['schweissen']}")
    assert [(e.actor, e.action) for e in audit] == [(OFFICE_EMAIL, "need.status")]
    assert audit[0].details == {"status": "contacted", "previous": "open", "notes_changed": True}
    page = client.get("/koordinierung/bedarf").get_data(as_text=True)
    assert "Bedarf „Schweißen“ (Metallbau Arnold): Kontakt aufgenommen, Notizen gespeichert." in unescape(page)
    row = page.split(f'<tr id="bedarf-{ids["schweissen"]}">', 1)[1].split("</tr>", 1)[0]
    assert '<td class="need-status-label">Kontakt aufgenommen</td>' in row
    assert '<option value="contacted" selected>Kontakt aufgenommen</option>' in row
    assert f">{NOTE}</textarea>" in unescape(row)

    # status only: the notes stay as typed in the form (the form always carries them)
    _set_status(client, ids["schweissen"], "served", NOTE)
    assert tuple(_stored(client, ids["schweissen"])) == ("served", NOTE)
    assert entries(client.application.extensions["db"], subject=f"need:{ids['schweissen']}")[0].details == {
        "status": "served", "previous": "contacted", "notes_changed": False}


def test_lists_and_csv_filter_by_status(client, office):
    ids = _seed(client)
    office_login(client)
    _set_status(client, ids["schweissen"], "contacted", NOTE)
    _set_status(client, ids["quanten"], "dropped", "kein Anbieter in Sicht")

    page = client.get("/koordinierung/bedarf?status=contacted").get_data(as_text=True)
    assert _listed_ids(_section(page, "Alle Bedarfe und ihre Bearbeitung")) == {ids["schweissen"]}
    assert _listed_ids(_section(page, "Bedarf ohne passendes Angebot")) == set()
    assert '<option value="contacted" selected>Kontakt aufgenommen (1)</option>' in page

    page = client.get("/koordinierung/bedarf?status=dropped").get_data(as_text=True)
    assert _listed_ids(_section(page, "Alle Bedarfe und ihre Bearbeitung")) == {ids["quanten"]}
    assert _listed_ids(_section(page, "Bedarf ohne passendes Angebot")) == {ids["quanten"]}

    page = client.get("/koordinierung/bedarf?status=open").get_data(as_text=True)
    assert _listed_ids(_section(page, "Alle Bedarfe und ihre Bearbeitung")) == {ids["chinesisch"]}
    assert _listed_ids(_section(page, "Bedarf ohne passendes Angebot")) == {ids["chinesisch"]}
    # the form of a filtered list comes back to the same filter
    assert f'action="/koordinierung/bedarf/{ids["chinesisch"]}/status?status=open"' in page

    unfiltered = client.get("/koordinierung/bedarf?status=gibt-es-nicht").get_data(as_text=True)
    assert _listed_ids(_section(unfiltered, "Alle Bedarfe und ihre Bearbeitung")) == set(ids.values())

    rows = _csv(client.get("/koordinierung/bedarf.csv"))
    header = rows[0]
    assert header[-2:] == ["Status (Koordinierungsstelle)", "Notizen der Koordinierungsstelle"]
    by_topic = {r[1]: r for r in rows[1:]}
    assert by_topic["Schweißen"][-2:] == ["Kontakt aufgenommen", NOTE]
    assert by_topic["Quantenphysik"][-2:] == ["nicht weiter verfolgt", "kein Anbieter in Sicht"]
    assert by_topic["Chinesisch für Monteure"][-2:] == ["offen", ""]
    only = _csv(client.get("/koordinierung/bedarf.csv?status=dropped"))
    assert [r[1] for r in only[1:]] == ["Quantenphysik"]


def test_a_bad_status_form_is_refused_at_its_row_and_changes_nothing(client, office):
    ids = _seed(client)
    office_login(client)
    bogus = _set_status(client, ids["quanten"], "erledigt", "x")
    assert bogus.status_code == 422
    page = unescape(bogus.get_data(as_text=True))
    field = f'id="alle-{ids["quanten"]}-status" name="status" aria-invalid="true"'
    assert field in page and "Bitte wählen Sie einen der angebotenen Werte." in page
    assert "Der Status wurde nicht gespeichert." in page
    too_long = _set_status(client, ids["quanten"], "contacted", "a" * 2001)
    assert too_long.status_code == 422
    assert "Bitte kürzen Sie auf höchstens 2000 Zeichen (jetzt 2001)." in unescape(too_long.get_data(as_text=True))
    assert tuple(_stored(client, ids["quanten"])) == ("open", "")
    no_token = client.post(f"/koordinierung/bedarf/{ids['quanten']}/status", data={"status": "contacted", "notes": ""})
    assert no_token.status_code == 400
    assert _set_status(client, 9999, "contacted").status_code == 404
    assert tuple(_stored(client, ids["quanten"])) == ("open", "")
    assert entries(client.application.extensions["db"], subject=f"need:{ids['quanten']}") == []


def test_a_company_cannot_set_a_status(client, office):
    ids = _seed(client)
    login(client, "b@beyer.example")
    response = client.post(f"/koordinierung/bedarf/{ids['chinesisch']}/status",
                           data={"csrf_token": csrf(client, "/bedarfe"), "status": "served", "notes": "selbst"})
    assert response.status_code == 403
    assert tuple(_stored(client, ids["chinesisch"])) == ("open", "")


def _company_pages(client, need_id: int) -> dict[str, str]:
    return {path: client.get(path).get_data(as_text=True)
            for path in ("/bedarfe", f"/bedarfe/{need_id}", f"/bedarfe/{need_id}/bearbeiten", "/gemeinsame-kurse",
                         "/konto", "/konto/meine-daten.json")}


def test_companies_never_see_the_office_status_or_notes(client, office):
    ids = _seed(client)
    office_login(client)
    assert _set_status(client, ids["schweissen"], "contacted", NOTE).status_code == 302
    logout(client)
    login(client, "a@arnold.example")
    for path, text in _company_pages(client, ids["schweissen"]).items():
        assert client.get(path).status_code == 200, path
        assert "VERTRAULICH-7731" not in unescape(text), path
        assert "Kontakt aufgenommen" not in text and "contacted" not in text, path
        assert "office_notes" not in text and "office_status" not in text, path


def test_the_company_data_export_leaves_out_the_office_status_and_notes(client, office):
    ids = _seed(client)
    office_login(client)
    _set_status(client, ids["schweissen"], "contacted", NOTE)
    logout(client)
    login(client, "a@arnold.example")  # the first user of the firm: its Kümmerer
    export = client.get("/konto/daten.json")
    assert export.status_code == 200
    text = export.get_data(as_text=True)
    assert "VERTRAULICH-7731" not in text and "office_notes" not in text and "office_status" not in text


def test_a_group_and_an_unmet_need_lead_to_a_prefilled_call(client, office):
    """The demand page's links start a call for offers with exactly the group's needs (or the one unmet need)."""
    import re
    ids = _seed(client)
    office_login(client)
    page = client.get("/koordinierung/bedarf").get_data(as_text=True)
    links = re.findall(r'href="(/koordinierung/anfragen/neu\?[^"]+)"', page)
    assert links, "no link to a call for offers on the demand page"
    for link in links:
        chosen = sorted(int(v) for v in re.findall(r"bedarf=(\d+)", link.replace("&amp;", "&")))
        form = client.get(link.replace("&amp;", "&"))
        assert form.status_code == 200
        assert chosen and set(chosen) <= set(ids.values())
        text = form.get_data(as_text=True)
        topics = {"schweissen": "Schweißen", "quanten": "Quantenphysik", "chinesisch": "Chinesisch für Monteure"}
        for key, need_id in ids.items():  # the chosen needs' topics are in the form, the others' are not
            assert (topics[key] in text) == (need_id in chosen), (link, key)
