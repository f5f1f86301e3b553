"""Joint courses from the companies' side: a company sees the groups its needs belong to, other
firms by name only when they opted into the network, says "wir sind dabei" with a head count for
its own needs only, and the office sees the confirmed head count."""
from __future__ import annotations

import re

from test_accounts import create_need, csrf, login, logout, register


def _join(client, need_id: int, people: str):
    return client.post(f"/gemeinsame-kurse/{need_id}",
                       data={"csrf_token": csrf(client, "/gemeinsame-kurse"), "dabei": "1", "personen": people})


def _opt_in(client, name: str):
    client.post("/netzwerk/profil", data={"csrf_token": csrf(client, "/netzwerk/profil"), "visible": "1",
                                          "display_name": name, "town": "Annaberg-Buchholz", "industry": "Metall",
                                          "topics": "Schweißen", "contact": "03733 1234"})


def test_groups_name_only_opted_in_firms_and_take_commitments(client):
    client.application.extensions["accounts"].add_admin("buero@verbund.example", "buero-passwort-1")
    register(client, "a@arnold.example", company="Metallbau Arnold")
    need_a = create_need(client, category="schweissen", place="Annaberg-Buchholz")
    logout(client)
    register(client, "b@beyer.example", company="Schlosserei Beyer")
    need_b = create_need(client, category="schweissen", place="Schwarzenberg/Erzgeb.", employees="2")
    page = client.get("/gemeinsame-kurse").get_data(as_text=True)
    assert "2 Firmen, 5 Personen" in page
    assert "Metallbau Arnold" not in page and "eine Firma aus Annaberg-Buchholz: 3 Personen" in page
    # B cannot commit A's need (another company's need does not exist for B)
    assert _join(client, need_a, "3").status_code == 404
    assert _join(client, need_b, "2").status_code == 302
    logout(client)

    login(client, "a@arnold.example")
    page = client.get("/gemeinsame-kurse").get_data(as_text=True)
    assert "Schlosserei Beyer" not in page and "dabei mit 2" in page  # B did not opt in: anonymous
    _opt_in(client, "Frau Arnold")
    logout(client)
    login(client, "b@beyer.example")
    page = client.get("/gemeinsame-kurse").get_data(as_text=True)
    assert "Metallbau Arnold (Annaberg-Buchholz): 3 Personen" in page  # A opted in: named
    logout(client)

    login(client, "buero@verbund.example", "buero-passwort-1")
    demand = client.get("/koordinierung/bedarf").get_data(as_text=True)
    assert re.search(r"2 Firmen, 5 Personen \(2 fest zugesagt\)", demand)
    assert client.get("/gemeinsame-kurse").status_code == 302  # the office has its own page


def test_withdrawing_a_commitment(client):
    register(client, "a@arnold.example", company="Metallbau Arnold")
    need = create_need(client, category="schweissen")
    assert _join(client, need, "3").status_code == 302
    assert client.application.extensions["needs"].get(1, need).joining == 3
    client.post(f"/gemeinsame-kurse/{need}", data={"csrf_token": csrf(client, "/bedarfe")})
    assert client.application.extensions["needs"].get(1, need).joining is None
