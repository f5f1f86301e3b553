"""A Verbundkurs (joint_course) is marked as such in search results and on its page, with its
free seats; crawled offers carry no such mark."""
from __future__ import annotations

import pytest

from index import IndexStore
from wbportal.catalogue import content_hash


@pytest.fixture
def client(tmp_path, offer_records, migrated_url):
    from webui import create_app

    base = dict(offer_records[0])
    joint = dict(base, id="verbundkurs-1", course_key="verbundkurs-k1", source="verbundkurs",
                 title="Gabelstaplerschein Verbundkurs Zwönitz", provider="Bildungswerk Erzgebirge",
                 url="http://portal.example/verbundkurse/kurs/1", joint_course=True, seats_free=5, also_at=[])
    full = dict(joint, id="verbundkurs-2", course_key="verbundkurs-k2", title="Kranführerschein Verbundkurs Aue",
                url="http://portal.example/verbundkurse/kurs/2", seats_free=0)
    store = IndexStore(tmp_path / "index")
    store.rebuild((r, content_hash(r)) for r in [*offer_records, joint, full])
    app = create_app({"TESTING": True, "INDEX_DIR": str(store.root), "DATABASE_URL": migrated_url})
    yield app.test_client()
    app.extensions["db"].dispose()


def test_search_marks_a_verbundkurs_and_its_free_seats(client):
    page = client.get("/?q=Gabelstaplerschein+Verbundkurs").get_data(as_text=True)
    card = page[page.index("Gabelstaplerschein Verbundkurs Zwönitz") - 400:]
    assert '<span class="badge joint">Verbundkurs</span>' in card[:1200]
    assert "5 freie Plätze" in card[:1200]
    full = client.get("/?q=Kranführerschein+Verbundkurs").get_data(as_text=True)
    assert "ausgebucht" in full


def test_a_crawled_offer_has_no_verbundkurs_mark(client, offer_records):
    page = client.get(f"/angebot/{offer_records[0]['id']}").get_data(as_text=True)
    assert "badge joint" not in page


def test_the_offer_page_links_to_the_seat_request(client):
    page = client.get("/angebot/verbundkurs-1").get_data(as_text=True)
    assert "Freie Plätze: 5" in page
    assert 'href="http://portal.example/verbundkurse/kurs/1">Plätze anfragen' in page
