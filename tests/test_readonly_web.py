"""The web side only reads: with no index built yet it shows an empty result that says why and
creates nothing on disk; one Database (one engine and pool) serves every request of an app."""
from __future__ import annotations

from index import IndexStore, SearchQuery, Searcher
from index.store import IndexMissing

import pytest


def test_a_missing_index_is_an_empty_result_and_nothing_is_written(tmp_path):
    store = IndexStore(tmp_path / "index")
    searcher = Searcher(store)
    result = searcher.search(SearchQuery(text="Schweißen"))
    assert (result.total, result.hits, result.index_missing) == (0, [], True)
    assert searcher.get("x") is None and searcher.runs_of("c") == [] and searcher.suggest("Schw") == []
    with pytest.raises(IndexMissing, match="wbportal crawl"):
        store.open()
    assert not (tmp_path / "index").exists()


def test_the_search_page_without_an_index_says_so(migrated_url, tmp_path):
    from webui import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": migrated_url, "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    for path in ("/", "/?q=Schweißen", "/api/offers?q=Stapler", "/vorschlaege?q=Schw", "/export.csv"):
        assert client.get(path).status_code == 200, path
    page = client.get("/?q=Schweißen").get_data(as_text=True)
    assert "wird gerade erst aufgebaut" in page
    assert client.get("/angebot/nicht-da").status_code == 404
    assert not (tmp_path / "index").exists()
    app.extensions["db"].dispose()


def test_one_database_per_app_not_per_request(client):
    app = client.application
    engine = app.extensions["db"].engine
    for path in ("/", "/konto/anmelden", "/konto/registrieren"):
        client.get(path)
    assert app.extensions["db"].engine is engine
    assert app.extensions["catalogue"].engine is engine and app.extensions["accounts"].engine is engine
    assert app.extensions["needs"].engine is engine
