"""Courses, not rows (#15 part 3): the runs of one course are one result, in group_courses, in
the search (counted and paged as courses, facets still per run), on the search page (one card,
"weitere Termine" behind <details>), in the JSON API as an option; "Merken" on cards and the
detail page returns to the same place; a page number past the last page goes to the last page.
"""
from __future__ import annotations

import re
from html import unescape
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from test_browser import browser, live, live_url  # noqa: F401  (browser fixtures for the last test)
from test_browser_accounts import axe  # noqa: F401

from index import IndexStore, SearchQuery, Searcher
from index.grouping import group_courses
from wbportal.catalogue import content_hash

TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def run(rid: str, course_key: str, start: str | None, *, source: str = "a", title: str = "Staplerfahrer Grundkurs",
        provider: str = "Fahrschule Aue GmbH", town: str = "Aue-Bad Schlema", price: float = 290.0,
        end: str | None = None) -> dict:
    return {"id": rid, "course_key": course_key, "source": source, "provider": provider, "title": title,
            "description": f"{title} bei {provider}", "url": f"https://{source}.example/{rid}",
            "start_date": start, "end_date": end or start, "schedule_text": "", "rolling_start": start is None,
            "duration_hours": 16.0, "duration_text": "", "price_eur": price, "price_text": "", "format": "onsite",
            "location": {"town": town}, "category": "stapler_kran", "funding": [], "certificate": None,
            "language": "de", "also_at": []}


def stapler_runs() -> list[dict]:
    """'Staplerfahrer Grundkurs': 5 runs at Fahrschule Aue, 2 at Bildungswerk Zwönitz, plus one
    run of the Aue course listed only by a regional database (other source, own course_key)."""
    aue = [run(f"aue-{i}", "a-stapler", day(d), price=290.0 + i, town=town)
           for i, (d, town) in enumerate([(40, "Aue-Bad Schlema"), (10, "Aue-Bad Schlema"), (70, "Schwarzenberg/Erzgeb."),
                                          (100, "Aue-Bad Schlema"), (130, "Annaberg-Buchholz")])]
    zwoenitz = [run(f"zw-{i}", "b-stapler", day(d), source="b", provider="Bildungswerk Zwönitz e.V.", town="Zwönitz")
                for i, d in enumerate([20, 50])]
    regio = [run("regio-1", "regio-77", day(160), source="regio", provider="Fahrschule Aue", title="Staplerfahrer-Grundkurs")]
    return aue + zwoenitz + regio


# --- group_courses -----------------------------------------------------------------------------

def test_group_courses_one_group_per_course_with_the_next_date_first():
    records = stapler_runs()
    groups = group_courses(records)
    assert len(groups) == 2
    aue, zw = groups
    assert aue.key == "a-stapler" and aue.first["id"] == "aue-1"        # the soonest run, not the first listed
    assert [r["id"] for r in aue.others] == ["aue-0", "aue-2", "aue-3", "aue-4", "regio-1"]   # date order
    assert zw.first["id"] == "zw-0" and [r["id"] for r in zw.others] == ["zw-1"]
    assert len(aue) == 6 and [r["id"] for r in aue.runs][0] == "aue-1"


def test_group_courses_keeps_the_order_in_which_courses_first_appear():
    records = stapler_runs()
    ordered = [records[5]] + records[:5] + records[6:]    # a Zwönitz run ranked best
    assert [g.key for g in group_courses(ordered)] == ["b-stapler", "a-stapler"]


def test_an_ended_run_is_not_the_shown_one_and_undated_runs_come_last():
    records = [run("past", "k", day(-30)), run("open", "k", None), run("under-way", "k", day(-2), end=day(3)),
               run("later", "k", day(60))]
    (group,) = group_courses(records)
    assert group.first["id"] == "under-way"     # still running: its date is the next one
    assert [r["id"] for r in group.others] == ["past", "later", "open"]
    (only_past,) = group_courses([run("p1", "k", day(-90)), run("p2", "k", day(-30))])
    assert only_past.first["id"] == "p2"        # a search into the past shows the latest run


def test_same_course_other_source_joins_but_same_source_keys_and_other_providers_stay_apart():
    base = run("a1", "a-k", day(5))
    other_source = run("r1", "r-k", day(9), source="regio", title="STAPLERFAHRER-Grundkurs", provider="Fahrschule Aue")
    same_source_other_key = run("a2", "a-other", day(7))             # the source says: another course
    other_provider = run("c1", "c-k", day(8), source="c", provider="Fahrschule Annaberg GmbH")
    groups = group_courses([base, other_source, same_source_other_key, other_provider])
    assert [[r["id"] for r in g.runs] for g in groups] == [["a1", "r1"], ["a2"], ["c1"]]


# --- grouped search on a real Whoosh index -------------------------------------------------------

def filler_courses() -> list[dict]:
    """Four more courses with 'Stapler' in the title, 1 to 3 runs each."""
    records = []
    for n, runs in enumerate([3, 1, 2, 1]):
        records += [run(f"f{n}-{i}", f"f-{n}", day(15 + 11 * i + n), source="f", title=f"Stapler Auffrischung {n}",
                        provider=f"Anbieter {n}", town="Marienberg") for i in range(runs)]
    return records


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("grouping") / "index")
    records = stapler_runs() + filler_courses() + [run("x", "x-k", day(3), title="Excel Grundkurs", provider="VHS")]
    store.rebuild((r, content_hash(r)) for r in records)
    s = Searcher(store)
    yield s
    s.close()


def test_grouped_search_counts_and_pages_courses(searcher):
    ungrouped = searcher.search(SearchQuery(text="Stapler", page_size=100))
    assert ungrouped.total == 15 and ungrouped.total_courses is None and len(ungrouped.hits) == 15
    pages = [searcher.search(SearchQuery(text="Stapler", page_size=2, page=p, group_courses=True)) for p in (1, 2, 3, 4)]
    first = pages[0]
    assert (first.total, first.total_courses, first.pages) == (15, 6, 3)    # 15 runs of 6 courses, 2 per page
    assert [len(p.hits) for p in pages] == [2, 2, 2, 0]
    keys = [h.group.key for p in pages for h in p.hits]
    assert len(keys) == len(set(keys)) == 6                                 # no course on two pages
    runs_seen = sorted(r["id"] for p in pages for h in p.hits for r in h.group.runs)
    assert runs_seen == sorted(h.record["id"] for h in ungrouped.hits)      # every run on exactly one card
    aue = next(h for p in pages for h in p.hits if h.group.key == "a-stapler")
    assert aue.record["id"] == "aue-1" and aue.record is aue.group.first and len(aue.group.others) == 5


def test_grouped_facets_stay_counts_of_runs(searcher):
    result = searcher.search(SearchQuery(text="Stapler", group_courses=True))
    towns = dict(result.facets["town"])
    assert towns["Aue-Bad Schlema"] == 4 and towns["Zwönitz"] == 2 and towns["Marienberg"] == 7
    assert sum(towns.values()) == result.total == 15


def test_grouped_search_shows_only_the_matching_runs_of_a_course(searcher):
    result = searcher.search(SearchQuery(text="Staplerfahrer", filters={"town": ["Aue-Bad Schlema"]}, group_courses=True))
    assert (result.total, result.total_courses) == (4, 1)
    (hit,) = result.hits
    assert hit.record["id"] == "aue-1" and [r["id"] for r in hit.group.others] == ["aue-0", "aue-3", "regio-1"]


def test_grouped_courses_follow_the_sort_of_their_best_run(searcher):
    result = searcher.search(SearchQuery(text="Stapler", sort="start", group_courses=True))
    soonest = [min(r["start_date"] for r in h.group.runs) for h in result.hits]
    assert soonest == sorted(soonest) and result.hits[0].group.key == "a-stapler"


def test_grouping_follows_index_changes_and_is_built_ahead(tmp_path):
    import threading

    store = IndexStore(tmp_path / "index")
    store.rebuild((r, content_hash(r)) for r in stapler_runs()[:5])
    s = Searcher(store)
    try:
        s.search(SearchQuery(text="Excel"))           # opens the generation: the course table is built aside
        for thread in [t for t in threading.enumerate() if t.name == "course-ids"]:
            thread.join(10)
        assert s._courses is not None and s._courses[0] is s._current()
        before = s.search(SearchQuery(text="Stapler", group_courses=True))
        assert (before.total, before.total_courses) == (5, 1)
        extra = run("regio-9", "regio-77", day(200), source="regio", provider="Fahrschule Aue", title="Staplerfahrer-Grundkurs")
        other = run("neu-1", "neu", day(12), source="n", provider="Neue Fahrschule")
        store.apply([(extra, content_hash(extra)), (other, content_hash(other))])
        after = s.search(SearchQuery(text="Stapler", group_courses=True))
        assert (after.total, after.total_courses) == (7, 2)
        aue = next(h for h in after.hits if h.group.key == "a-stapler")
        assert aue.group.others[-1]["id"] == "regio-9"
    finally:
        s.close()


# --- the web page, the API and "Merken" on the demo corpus --------------------------------------

@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    from dbhelpers import migrated
    from test_search_quality import demo_corpus
    from webui import create_app

    root = tmp_path_factory.mktemp("demo-grouping")
    store = IndexStore(root / "index")
    store.rebuild((r, content_hash(r)) for r in demo_corpus())
    url = f"sqlite:///{root / 'c.sqlite'}"
    migrated(url).dispose()
    app = create_app({"TESTING": True, "INDEX_DIR": str(store.root), "DATABASE_URL": url})
    yield app
    app.extensions["db"].dispose()


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


def cards(page: str) -> list[str]:
    return re.findall(r'<li class="hit" id="angebot-[^"]+">(.*?)</li>\s*(?=<li class="hit"|</ol>)', page, re.S)


def test_search_page_shows_one_card_per_course(demo_client):
    runs = demo_client.get("/api/offers?q=Stapler&page_size=100").get_json()
    course_keys = {o["course_key"] for o in runs["offers"]}
    assert runs["total"] == len(runs["offers"]) == 22 and len(course_keys) == 8
    page = demo_client.get("/?q=Stapler").get_data(as_text=True)
    found = cards(page)
    assert len(found) == 8                             # one card per course, not 22 runs
    assert "8 Angebote gefunden (22 Termine)" in page
    assert "Die Zahlen in Klammern zählen Termine" in page
    bwa = next(c for c in found if "Bildungswerk Annaberg" in c)
    assert "<details" in bwa and "4 weitere Termine" in bwa
    listed = re.findall(r'<li><a href="/angebot/([^"?]+)[^"]*">', bwa.split("<details", 1)[1])
    bwa_runs = [o for o in runs["offers"] if o["course_key"] == "bwa-gabelstapler"]
    shown = re.search(r'href="/angebot/([^"?]+)', bwa)[1]
    assert sorted([shown, *listed]) == sorted(o["id"] for o in bwa_runs)
    assert shown == min((o for o in bwa_runs if o["start_date"]), key=lambda o: o["start_date"])["id"]
    assert "Annaberg-Buchholz" in bwa.split("<details", 1)[1] and " €" in bwa.split("<details", 1)[1]


def test_search_page_can_list_every_run(demo_client):
    page = demo_client.get("/?q=Stapler&group=run&page_size=50").get_data(as_text=True)
    assert len(cards(page)) == 22 and "weitere Termine" not in page and "22 Angebote gefunden" in page
    assert 'href="/?q=Stapler&amp;page_size=50">Termine je Kurs zusammenfassen' in page


def test_grouped_pages_count_courses_and_a_page_past_the_last_goes_to_the_last(demo_client):
    page = demo_client.get("/?q=Stapler&page_size=3").get_data(as_text=True)
    assert "Seite 1 von 3" in page                     # 8 courses / 3, not 22 runs / 3
    response = demo_client.get("/?q=Stapler&page_size=3&page=40")
    assert response.status_code == 200                 # the last page, not an empty one
    last = response.get_data(as_text=True)
    assert "Seite 3 von 3" in last and len(cards(last)) == 2
    assert 'rel="prev" href="/?q=Stapler&amp;page_size=3&amp;page=2"' in last
    assert demo_client.get("/?q=Unterwasserkorbflechten&page=7").status_code == 200   # nothing found: no loop


def test_api_lists_runs_by_default_and_courses_on_request(demo_client):
    runs = demo_client.get("/api/offers?q=Stapler&page_size=100").get_json()
    assert "total_courses" not in runs and all("other_runs" not in o for o in runs["offers"])
    courses = demo_client.get("/api/offers?q=Stapler&page_size=100&group=course").get_json()
    assert (courses["total"], courses["total_courses"], len(courses["offers"])) == (22, 8, 8)
    assert courses["facets"] == runs["facets"]                               # facet counts per run either way
    ids = [r["id"] for o in courses["offers"] for r in [o, *o["other_runs"]]]
    assert sorted(ids) == sorted(o["id"] for o in runs["offers"])
    paged = demo_client.get("/api/offers?q=Stapler&page_size=3&group=course").get_json()
    assert paged["pages"] == 3 and len(paged["offers"]) == 3
    spec = demo_client.get("/api/openapi.json").get_json()
    group = next(p for p in spec["paths"]["/api/offers"]["get"]["parameters"] if p["name"] == "group")
    assert group["schema"]["enum"] == ["run", "course"]


def test_merken_on_a_card_returns_to_the_same_search_and_card(demo_app, demo_client):
    from test_accounts import csrf, register

    guest = demo_client.get("/?q=Stapler&page_size=3").get_data(as_text=True)
    login_link = re.search(r'<p class="watch"><a href="([^"]+)">Merken', guest)[1]
    assert parse_qs(urlsplit(login_link.replace("&amp;", "&")).query)["weiter"][0].startswith("/?q=Stapler&page_size=3#angebot-")
    register(demo_client, "merken@grouping.example", "Merken GmbH")
    page = demo_client.get("/?q=Stapler&page_size=3").get_data(as_text=True)
    card = cards(page)[1]
    offer_id = re.search(r'action="/merkliste/([^"]+)"', card)[1]
    back = re.search(r'name="zurueck" value="([^"]+)"', card)[1].replace("&amp;", "&")
    assert back == f"/?q=Stapler&page_size=3#angebot-{offer_id}"
    assert f'id="angebot-{offer_id}"' in page
    response = demo_client.post(f"/merkliste/{offer_id}", data={"csrf_token": csrf(demo_client, "/bedarfe"), "zurueck": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    again = cards(demo_client.get(back.split("#")[0]).get_data(as_text=True))[1]
    assert "Gemerkt – von der Merkliste nehmen" in again
    assert offer_id in demo_client.get("/merkliste").get_data(as_text=True)


def test_merken_on_the_detail_page_returns_to_it(demo_client):
    from test_accounts import csrf, register

    register(demo_client, "detail@grouping.example", "Detail GmbH")
    offer_id = demo_client.get("/api/offers?q=Stapler").get_json()["offers"][0]["id"]
    page = demo_client.get(f"/angebot/{offer_id}").get_data(as_text=True)
    back = re.search(r'name="zurueck" value="([^"]+)"', page)[1]
    assert urlsplit(back).path == f"/angebot/{offer_id}"
    response = demo_client.post(f"/merkliste/{offer_id}", data={"csrf_token": csrf(demo_client, "/bedarfe"), "zurueck": back})
    assert response.headers["Location"] == back
    assert "Gemerkt – von der Merkliste nehmen" in demo_client.get(back).get_data(as_text=True)
    # a foreign target is refused by the redirect guard: the watch list instead
    response = demo_client.post(f"/merkliste/{offer_id}", data={"csrf_token": csrf(demo_client, "/bedarfe"),
                                                                "zurueck": "//evil.example/x"})
    assert response.headers["Location"] == "/merkliste"


# --- in the browser ---------------------------------------------------------------------------------

def test_course_card_and_merken_in_the_browser(live, live_url, browser, axe):
    """A company opens a course card's other dates (no script needed), notes the course and
    lands on the same search and card; axe checks the logged-in search and detail pages."""
    from test_browser import By, WebDriverWait
    from test_browser_accounts import fill, submit

    browser.get(live_url + "/konto/registrieren")
    fill(browser, company="Kursgruppe GmbH", postal_code="09456", email="kurs@gruppe.example",
         password="sicheres-passwort", password2="sicheres-passwort")
    submit(browser)
    browser.get(live_url + "/?q=Schweißen")
    assert browser.find_element(By.ID, "result-heading").text == "2 Angebote gefunden (3 Termine)"
    card = browser.find_element(By.ID, "angebot-a-1")
    runs = card.find_element(By.CSS_SELECTOR, "details.more-runs")
    assert not runs.find_element(By.CSS_SELECTOR, "ul.runs").is_displayed()
    summary = runs.find_element(By.TAG_NAME, "summary")
    assert summary.text == "1 weiterer Termin"
    summary.click()
    listed = runs.find_element(By.CSS_SELECTOR, "ul.runs")
    assert listed.is_displayed() and "07.06.2027" in listed.text and "Schwarzenberg" in listed.text
    axe.check(browser, "grouped search, logged in")
    card.find_element(By.CSS_SELECTOR, "form.watch button").click()
    WebDriverWait(browser, 10).until(lambda b: "Auf die Merkliste gesetzt" in b.page_source)
    assert browser.current_url.endswith("/?q=Schwei%C3%9Fen#angebot-a-1")
    button = browser.find_element(By.CSS_SELECTOR, "#angebot-a-1 form.watch button")
    assert button.text.startswith("Gemerkt")
    browser.get(live_url + "/angebot/a-2")
    browser.find_element(By.CSS_SELECTOR, "form.watch button").click()
    WebDriverWait(browser, 10).until(lambda b: "Auf die Merkliste gesetzt" in b.page_source)
    assert browser.current_url == live_url + "/angebot/a-2"
    axe.check(browser, "detail page, logged in")
    axe.finish()


def test_need_matches_show_courses_not_runs(client):
    """The two runs of the fixture's MAG course (a-1 Annaberg in March, a-2 Schwarzenberg in
    June) are one match with "1 weiterer Termin"; the other course stays its own match."""
    from test_accounts import create_need, register
    register(client, "chef@metall.example", "Metallbau Arnold")
    need_id = create_need(client)   # "Schweißen" in Annaberg-Buchholz, 50 km
    html = client.get(f"/bedarfe/{need_id}").get_data(as_text=True)
    hits = re.findall(r'<li class="hit">(.*?)</li>\s*(?=<li class="hit">|</ol>)', html, re.S)
    mag = [h for h in hits if "MAG-Schweißen Grundlehrgang" in h]
    assert len(mag) == 1, hits
    assert "/angebot/a-1" in mag[0] and "1 weiterer Termin" in mag[0] and "/angebot/a-2" in mag[0]
    assert any("/angebot/b-1" in h and "weitere" not in h for h in hits)
    assert "Passende Angebote (3 Termine in 2 Kursen)" in " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
