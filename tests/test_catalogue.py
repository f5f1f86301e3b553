"""The offer catalogue on a real SQLite file."""
from __future__ import annotations

import sqlite3

from dbhelpers import catalogue_at


def test_database_from_an_older_version_gets_new_columns(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the runs table as created before 'unparsed' existed
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, source VARCHAR(80) NOT NULL, job VARCHAR(80),"
                   " started VARCHAR(32) NOT NULL, finished VARCHAR(32), status VARCHAR(16) NOT NULL,"
                   " pages INTEGER, raw_items INTEGER, offers_valid INTEGER, offers_invalid INTEGER, added INTEGER,"
                   " changed INTEGER, removed INTEGER, duration_s FLOAT, errors TEXT, raw_path TEXT, coverage TEXT)")
        db.execute("INSERT INTO runs (source, started, status, errors, coverage) VALUES ('a', 'x', 'ok', '[]', '{}')")
    catalogue = catalogue_at(f"sqlite:///{path}")
    assert catalogue.last_run("a")["unparsed"] == {}
    catalogue.record_run(source="a", job="manual", started="y", status="degraded",
                         unparsed={"price": [["auf Nachfrage", 3]]})
    assert catalogue.last_run("a")["unparsed"] == {"price": [["auf Nachfrage", 3]]}
    assert [r["status"] for r in catalogue.runs("a")] == ["degraded", "ok"]
