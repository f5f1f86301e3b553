"""Shared fixtures: real temp SQLite catalogues, real Whoosh indexes, the real demo server."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def offer_records() -> list[dict]:
    with (FIXTURES / "offers.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture
def index_store(tmp_path, offer_records):
    from index import IndexStore

    from wbportal.catalogue import content_hash

    store = IndexStore(tmp_path / "index")
    store.rebuild((r, content_hash(r)) for r in offer_records)
    return store


@pytest.fixture
def client(index_store, tmp_path):
    """Flask test client of the web UI over the fixture index."""
    from webui import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_store.root),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}"})
    return app.test_client()
