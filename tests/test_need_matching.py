"""Needs matching that explains (#15 part 2): a need's topic matches offers with some of its
words, more words first, with the words found and missed named; few full matches bring near
misses that relax one condition (a word, the radius, the window by at most three months, ...)
with counts and links; compound words ("Palliativpflege") find their head ("Palliative Care")
in search too; the office's demand views use the same matcher.

The index is a real Whoosh index over the offers written below (dates relative to today, so
the cases never age); the web tests run the Flask app over that same index."""
from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from index import IndexStore, SearchQuery, Searcher
from normalize import gazetteer
from wbportal.catalogue import content_hash
from wbportal.needs import Need
from wbportal.needs.demand import NeedRow, need_rows
from wbportal.needs.matching import add_months, match_need, relaxations

from test_accounts import create_need, login, logout, register
from test_browser import By, WebDriverWait, browser, live, live_url  # noqa: F401
from test_browser_accounts import axe  # noqa: F401

TODAY = date.today()


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _offer(oid: str, title: str, start: int, town: str | None, category: str, fmt: str = "onsite",
           price: float = 200.0, description: str = "") -> dict:
    place = gazetteer().lookup(town) if town else None
    return {"id": oid, "course_key": oid, "source": "t", "provider": "Testakademie Erzgebirge",
            "title": title, "description": description or title, "url": f"http://t.test/{oid}",
            "start_date": _day(start), "end_date": _day(start + 2), "rolling_start": False,
            "duration_hours": 16.0, "price_eur": price, "format": fmt, "category": category,
            "funding": [], "certificate": None, "language": "de", "first_seen": "2026-01-01T00:00:00+00:00",
            "location": ({"name": None, "street": None, "postal_code": None, "town": place.name,
                          "lat": place.lat, "lon": place.lon} if place else None)}


OFFERS = [
    _offer("en-beruf", "Englisch im Beruf", 40, "Annaberg-Buchholz", "sprachen"),
    _offer("en-hotel", "Englisch für Hotellerie und Gastronomie", 60, "Annaberg-Buchholz", "sprachen",
           description="Englisch für Beschäftigte in Hotels und Restaurants."),
    _offer("en-online", "Business English online", 30, None, "sprachen", fmt="online"),
    _offer("en-freiberg", "Englisch Konversation", 50, "Freiberg", "sprachen"),          # 61 km away
    _offer("en-gast-late", "Englisch für Gastgeber", 140, "Annaberg-Buchholz", "sprachen"),  # after the window
    _offer("en-gast-far", "Englisch für Gastgeber – Sommerkurs", 270, "Annaberg-Buchholz", "sprachen"),  # ~6 months off
    _offer("gast-social", "Social Media für Gastgeber", 45, "Annaberg-Buchholz", "marketing"),
    _offer("palliativ", "Palliative Care Basiskurs", 70, "Oberwiesenthal", "pflege"),
    _offer("wund", "Wundversorgung kompakt", 35, "Marienberg", "pflege", price=250),
    _offer("demenz-aufbau", "Aufbaukurs Demenzbegleitung", 35, "Marienberg", "pflege", price=250),
]
WINDOW = dict(earliest=TODAY + timedelta(days=10), latest=TODAY + timedelta(days=100))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("needs") / "index")
    store.rebuild((r, content_hash(r)) for r in OFFERS)
    s = Searcher(store)
    yield s
    s.close()


def _ids(found) -> list[str]:
    return [m.record["id"] for m in found.matches]


def test_some_words_match_and_more_words_rank_first(searcher):
    need = Need(topic="Englisch für Gastgeber", category="sprachen", place="Oberwiesenthal", radius_km=50)
    found = match_need(searcher, need)
    assert found.words == ["Englisch", "Gastgeber"]        # "für" is a stop word
    ids = _ids(found)
    assert set(ids[:2]) == {"en-gast-late", "en-gast-far"}   # both words first
    assert {"en-beruf", "en-hotel", "en-online"} <= set(ids[2:])
    assert "gast-social" not in ids and "en-freiberg" not in ids   # other category; 61 km
    assert found.full == 2 and found.total == 5
    first = found.matches[0]
    assert first.words == ["Englisch", "Gastgeber"] and first.missing_words == [] and first.fits[0] == "Thema"
    partial = next(m for m in found.matches if m.record["id"] == "en-beruf")
    assert partial.words == ["Englisch"] and partial.missing_words == ["Gastgeber"]
    assert partial.fits[0] == "Thema zum Teil"


def test_online_offers_count_wherever_the_company_is(searcher):
    need = Need(topic="Englisch", category="sprachen", place="Oberwiesenthal", radius_km=20)
    online = next(m for m in match_need(searcher, need).matches if m.record["id"] == "en-online")
    assert "online, ohne Anfahrt" in online.fits
    # the search page's radius still means "within the circle"
    town = gazetteer().lookup("Oberwiesenthal")
    plain = searcher.search(SearchQuery(text="Englisch", near=(town.lat, town.lon), radius_km=20))
    assert "en-online" not in [h.record["id"] for h in plain.hits]


def test_near_misses_relax_one_condition_with_counts(searcher):
    need = Need(topic="Englisch für Gastgeber", category="sprachen", place="Oberwiesenthal", radius_km=50, **WINDOW)
    found = match_need(searcher, need)
    assert found.full == 0 and found.total == 3    # Englisch im Beruf, für Hotellerie, online
    near = {r.key: r for r in found.near}
    assert near["wort:Gastgeber"].label == "ohne „Gastgeber“" and near["wort:Gastgeber"].count == 3
    # the window moved by two months takes in the late course; the one six months off never counts
    window = [r for r in found.near if r.key.startswith("bis:")]
    assert len(window) == 1 and window[0].count == 1
    assert window[0].need.latest == add_months(WINDOW["latest"], 2)
    assert window[0].label == f"Start bis {window[0].need.latest.strftime('%d.%m.%Y')}"
    assert not any(k.startswith("umkreis:") for k in near)   # a wider circle adds no full match
    assert "wort:Englisch" not in near                        # "Gastgeber" alone: only another category
    # offers that miss exactly one condition, explained
    late = next(m for m in found.near_offers if m.record["id"] == "en-gast-late")
    assert any("außerhalb Ihres Zeitraums" in miss for miss in late.misses)
    assert "en-gast-far" not in [m.record["id"] for m in found.near_offers]


def test_wider_radius_is_a_near_miss(searcher):
    need = Need(topic="Englisch Konversation", category="sprachen", place="Oberwiesenthal", radius_km=50, **WINDOW)
    found = match_need(searcher, need)
    assert found.full == 0
    radius = [r for r in found.near if r.key.startswith("umkreis:")]
    assert [(r.key, r.label, r.count) for r in radius] == [("umkreis:75", "im Umkreis von 75 km", 1)]


def test_never_more_than_three_months_off():
    need = Need(topic="Englisch", earliest=TODAY + timedelta(days=200), latest=TODAY + timedelta(days=230))
    shifted = [r.need for kind in relaxations(need, ["Englisch"]) for r in kind if r.key[:3] in ("bis", "ab:")]
    assert shifted
    for n in shifted:
        assert n.latest <= add_months(need.latest, 3) and n.earliest >= add_months(need.earliest, -3)


def test_compound_finds_its_head_in_needs_and_search(searcher):
    need = Need(topic="Palliativpflege", category="pflege", place="Marienberg", radius_km=30)
    assert _ids(match_need(searcher, need)) == ["palliativ"]
    hits = searcher.search(SearchQuery(text="Palliativpflege")).hits
    assert [h.record["id"] for h in hits] == ["palliativ"]
    # a word the index has is searched as itself, not by its head
    assert [h.record["id"] for h in searcher.search(SearchQuery(text="Wundversorgung")).hits] == ["wund"]


def test_course_kind_words_rank_but_do_not_match_alone(searcher):
    need = Need(topic="Wundversorgung Aufbaukurs", category="pflege", place="Marienberg", radius_km=25, max_price=300)
    found = match_need(searcher, need)
    assert _ids(found) == ["wund"]     # not "Aufbaukurs Demenzbegleitung"
    assert found.matches[0].missing_words == ["Aufbaukurs"]


def test_course_kind_words_are_not_needed_for_a_full_match(searcher):
    need = Need(topic="Wundversorgung Aufbaukurs", category="pflege", place="Marienberg", radius_km=25, max_price=100)
    found = match_need(searcher, need)
    assert found.total == 0 and found.full == 0
    assert [(r.key, r.count) for r in found.near] == [("preis", 1)]   # "Wundversorgung kompakt" at 250 €
    assert [m.record["id"] for m in found.near_offers] == ["wund"]
    assert found.near_offers[0].misses == ["Preis über Budget"]


def test_plain_search_still_needs_every_word(searcher):
    result = searcher.search(SearchQuery(text="Englisch Gastgeber", page_size=50))
    assert sorted(h.record["id"] for h in result.hits) == ["en-gast-far", "en-gast-late"]
    assert all(h.matched_words == ["Englisch", "Gastgeber"] for h in result.hits)


def test_office_counts_with_the_same_matcher(searcher):
    class Store:
        def all_with_company(self):
            yield Need(topic="Englisch für Gastgeber", category="sprachen", place="Oberwiesenthal", radius_km=50,
                       **WINDOW), "Pension Fichtelblick"
            yield Need(topic="Palliativpflege", category="pflege", place="Marienberg", radius_km=30), "Pflegedienst"
            yield Need(topic="Klöppeln", place="Oberwiesenthal", radius_km=50), "Holzkunst"
    rows = {r.need.topic: r for r in need_rows(Store(), searcher)}
    assert isinstance(rows["Klöppeln"], NeedRow)
    assert rows["Englisch für Gastgeber"].matches == 3 and rows["Englisch für Gastgeber"].full == 0
    assert [r.key for r in rows["Englisch für Gastgeber"].near][0] == "wort:Gastgeber"
    assert rows["Palliativpflege"].matches == 1
    assert rows["Klöppeln"].matches == 0


# -- the web pages ------------------------------------------------------------------------------
@pytest.fixture
def offer_records() -> list[dict]:
    """The app fixture's index holds this module's offers."""
    return OFFERS


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_need_page_explains_words_and_links_near_misses(client):
    register(client, "gast@fichtelblick.example", company="Pension Fichtelblick")
    need_id = create_need(client, topic="Englisch für Gastgeber", category="sprachen", place="Oberwiesenthal",
                          radius_km="50", max_price="", employees="1",
                          earliest=WINDOW["earliest"].isoformat(), latest=WINDOW["latest"].isoformat())
    html = client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    page = _text(html)
    assert "Passende Angebote (3 Termine)" in page
    assert "passt zu: Englisch · nicht gefunden: Gastgeber" in page
    near = page.split("Knapp daneben", 1)[1]
    assert "ohne „Gastgeber“: 3 Angebote" in near
    latest = add_months(WINDOW["latest"], 2).strftime("%d.%m.%Y")
    assert f"Start bis {latest}: 1 Angebot" in near
    links = dict((unescape(text).strip(), unescape(href)) for href, text in
                 re.findall(r'<a href="([^"]*lockern=[^"]*)">([^<]+)</a>', html))
    assert links["ohne „Gastgeber“: 3 Angebote"].startswith(f"/bedarfe/{need_id}?lockern=")
    relaxed = _text(client.get(links[f"Start bis {latest}: 1 Angebot"]).get_data(as_text=True))
    assert f"Angebote Start bis {latest} (4 Termine)" in relaxed and "Englisch für Gastgeber" in relaxed
    assert "Ihr Bedarf bleibt, wie er ist" in relaxed
    # a relaxation the matcher does not propose (six months off) is not applied
    bogus = _text(client.get(f"/bedarfe/{need_id}?lockern=bis:{_day(300)}").get_data(as_text=True))
    assert "Passende Angebote (3 Termine)" in bogus and "Ihr Bedarf bleibt, wie er ist" not in bogus


def test_office_unmet_list_uses_the_matcher(client):
    client.application.extensions["accounts"].add_admin("buero@verbund.example", "buero-passwort-1")
    register(client, "gast@fichtelblick.example", company="Pension Fichtelblick")
    create_need(client, topic="Englisch für Gastgeber", category="sprachen", place="Oberwiesenthal", radius_km="50",
                max_price="", earliest=WINDOW["earliest"].isoformat(), latest=WINDOW["latest"].isoformat())
    create_need(client, topic="Konversation", category="sprachen", place="Oberwiesenthal", radius_km="50",
                max_price="", earliest=WINDOW["earliest"].isoformat(), latest=WINDOW["latest"].isoformat())
    logout(client)
    login(client, "buero@verbund.example", "buero-passwort-1")
    page = _text(client.get("/koordinierung/bedarf").get_data(as_text=True))
    unmet = page.split("Bedarf ohne passendes Angebot", 1)[1].split("Neue Bedarfe im Zeitverlauf", 1)[0]
    assert "Englisch für Gastgeber" not in unmet       # three offers with "Englisch" match it
    row = unmet.split("Konversation", 1)[1]            # the course 61 km away is a near miss
    assert row.split("Pension Fichtelblick")[0].strip().startswith("Oberwiesenthal 3 im Umkreis von 75 km: 1 Angebot")


# -- in the browser --------------------------------------------------------------------------
def test_need_page_in_the_browser_follows_a_near_miss(live, live_url, browser, axe):
    from test_browser_accounts import fill, submit

    accounts, needs = live.app.extensions["accounts"], live.app.extensions["needs"]
    user = accounts.register(company="Pension Fichtelblick", postal_code="09484", size="1-9", sector="", contact="",
                             email="gast@fichtelblick.example", password="sicheres-passwort")
    need_id = needs.save(user.company_id, Need(topic="Englisch für Gastgeber", category="sprachen", employees=1,
                                               place="Oberwiesenthal", radius_km=50, **WINDOW))
    browser.get(live_url + "/konto/anmelden")
    fill(browser, email="gast@fichtelblick.example", password="sicheres-passwort")
    submit(browser)
    browser.get(f"{live_url}/bedarfe/{need_id}")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Passende Angebote (3 Termine)" in main and "passt zu: Englisch · nicht gefunden: Gastgeber" in main
    axe.check(browser, "need with near misses")
    browser.find_element(By.PARTIAL_LINK_TEXT, "ohne „Gastgeber“: 3 Angebote").click()
    WebDriverWait(browser, 10).until(lambda b: "lockern=" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h2").text == "Angebote ohne „Gastgeber“ (3 Termine)"
    axe.check(browser, "need, one condition relaxed")
    browser.find_element(By.LINK_TEXT, "Zurück zu den Angeboten für Ihren Bedarf").click()
    WebDriverWait(browser, 10).until(lambda b: "lockern=" not in b.current_url)
    assert "Knapp daneben" in browser.find_element(By.TAG_NAME, "main").text
    axe.finish()

