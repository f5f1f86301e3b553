"""The database layer: Alembic migrations (a database written by main 84c2aa6 and one of an
earlier version upgrade in place and keep every row), the schema the migrations make equals the
tables the code uses, the web side refuses an unmigrated database, and concurrent writers and
readers on each back end (SQLite, and PostgreSQL with --db postgresql)."""
from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from dbhelpers import migrated
from wbportal.catalogue import Catalogue
from wbportal.db import Database, SchemaOutdated
from wbportal.db.tables import metadata, offers
from wbportal.users import Accounts
from wbportal.needs import NeedStore

FIXTURES = Path(__file__).parent / "fixtures" / "db"
MAIN_84C2AA6 = FIXTURES / "catalogue-main-84c2aa6.sqlite"
BEFORE_ACCOUNTS = FIXTURES / "catalogue-before-accounts.sqlite"
DEMO = yaml.safe_load((Path(__file__).parent.parent / "demo" / "companies.yaml").read_text(encoding="utf-8"))


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with plain sqlite3 (not through the code under test)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
        return {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}


def test_database_of_main_84c2aa6_upgrades_in_place_and_keeps_every_row(tmp_path):
    path = tmp_path / "catalogue.sqlite"
    shutil.copy(MAIN_84C2AA6, path)
    before = _rows(path)
    assert {n: len(r) for n, r in before.items()} == {  # what the fixture holds (made by 84c2aa6)
        "offers": 261, "runs": 4, "companies": 7, "users": 7, "needs": 10, "mailed": 2, "watch": 1,
        "login_failures": 2}
    db = Database(f"sqlite:///{path}")
    with pytest.raises(SchemaOutdated, match="wbportal db upgrade"):
        db.require_current()
    assert db.upgrade() == (None, db.head_revision())
    db.require_current()
    after = _rows(path)
    for table, rows in before.items():  # not one row or value changed; later revisions add columns
        assert [row[:len(rows[0])] for row in after[table]] == rows, table
    # revision 0002: the first user of each company keeps its matrix (Kümmerer), the office does not
    with sqlite3.connect(path) as conn:
        kuemmerer = conn.execute("SELECT email FROM users WHERE kuemmerer ORDER BY id").fetchall()
    assert [e for (e,) in kuemmerer] == [c["email"] for c in DEMO["companies"]]
    assert db.upgrade() == (db.head_revision(), db.head_revision())  # idempotent
    # and the new code reads the old data
    catalogue, accounts, needs = Catalogue(db), Accounts(db), NeedStore(db)
    assert len(list(catalogue.iter_offers())) == 261
    assert [r["source"] for r in catalogue.runs()] == ["vhs", "wak", "sta", "erzwerk"]
    first = DEMO["companies"][0]
    user = accounts.login(first["email"], DEMO["password"], "127.0.0.1")
    assert user.company_name == first["name"]
    assert [n.topic for n in needs.of_company(user.company_id)] == [n["topic"] for n in first["needs"]]
    assert accounts.watched(user.id) and len(accounts.unmailed(user.id, ["x"])) == 1
    assert accounts.login(DEMO["office"]["email"], DEMO["office"]["password"], "127.0.0.1").is_admin


def test_database_of_an_earlier_version_gets_the_missing_columns_and_tables(tmp_path):
    path = tmp_path / "catalogue.sqlite"
    shutil.copy(BEFORE_ACCOUNTS, path)
    before = _rows(path)
    assert set(before) == {"offers", "runs"}
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    after = _rows(path)
    assert set(after) == {t.name for t in metadata.sorted_tables}
    # old rows keep every value; the added columns are empty (dedupe_key: NULL, unparsed: "{}")
    assert [row[:-1] for row in after["offers"]] == before["offers"] and {r[-1] for r in after["offers"]} == {None}
    assert [row[:-1] for row in after["runs"]] == before["runs"] and {r[-1] for r in after["runs"]} == {"{}"}
    assert after["users"] == [] and after["staff"] == []
    catalogue = Catalogue(db)
    assert catalogue.last_run("vhs")["unparsed"] == {}
    assert len(list(catalogue.iter_offers())) == 261


def test_the_migrations_make_exactly_the_tables_the_code_uses(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = migrated(database_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    db.dispose()
    assert diff == []


def test_upgrade_is_idempotent_and_reports_the_revision(database_url, cli, tmp_path):
    env = {"WBPORTAL_DATABASE_URL": database_url}
    assert cli("db", "status", "--data-dir", tmp_path, env=env, returncode=1).stdout.endswith(
        "run `wbportal db upgrade`\n")
    first = cli("db", "upgrade", "--data-dir", tmp_path, env=env).stdout
    assert "upgraded from no revision" in first
    assert "already current" in cli("db", "upgrade", "--data-dir", tmp_path, env=env).stdout
    assert cli("db", "status", "--data-dir", tmp_path, env=env).returncode == 0


def test_readers_refuse_an_unmigrated_database_with_what_to_run(database_url, cli, tmp_path):
    env = {"WBPORTAL_DATABASE_URL": database_url}
    proc = cli("runs", "--data-dir", tmp_path, env=env, returncode=2)
    assert "has no schema yet" in proc.stderr and "run `wbportal db upgrade`" in proc.stderr
    from webui import create_app
    with pytest.raises(SchemaOutdated, match="wbportal db upgrade"):
        create_app({"DATABASE_URL": database_url, "INDEX_DIR": str(tmp_path / "index")})
    db = Database(database_url)
    assert db.table_names() == []  # neither of them created a table
    db.dispose()


def _record(source: str, i: int) -> dict:
    return {"id": f"{source}-{i}", "course_key": f"{source}-c{i}", "source": source, "title": f"Kurs {i}",
            "provider": source, "url": f"https://{source}.example/{i}", "start_date": "2027-03-01"}


def test_two_sources_finishing_at_once_both_land(migrated_url):
    """Two crawls applying and recording their runs in the same moment (a barrier lines up the
    transactions): both runs and all offers are there, nothing lost to a lock or a conflict."""
    db = Database(migrated_url)
    catalogue = Catalogue(db)
    barrier, errors = threading.Barrier(2), []

    def crawl(source: str) -> None:
        try:
            records = [_record(source, i) for i in range(300)]
            barrier.wait(timeout=10)
            catalogue.apply(source, records, remove_missing=True)
            catalogue.record_run(source=source, job="night", started="2027-01-01T02:00:00+00:00", status="ok",
                                 offers_valid=len(records))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=crawl, args=(s,)) for s in ("erzwerk", "sta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert catalogue.active_count("erzwerk") == 300 and catalogue.active_count("sta") == 300
    assert sorted(r["source"] for r in catalogue.runs()) == ["erzwerk", "sta"]
    db.dispose()


def test_a_reader_during_a_crawl_sees_the_old_or_the_new_catalogue_never_half(migrated_url):
    db = Database(migrated_url)
    catalogue = Catalogue(db)
    catalogue.apply("vhs", [_record("vhs", i) for i in range(100)], remove_missing=True)
    seen, stop = set(), threading.Event()

    def read() -> None:
        with db.engine.connect() as conn:  # a web request's read, in its own connection
            while not stop.is_set():
                seen.add(conn.execute(select(func.count()).select_from(offers)
                                      .where(offers.c.active.is_(True))).scalar_one())
                conn.rollback()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):  # a run adding 400, then one removing them again, then adding again
            catalogue.apply("vhs", [_record("vhs", i) for i in range(500)], remove_missing=True)
            catalogue.apply("vhs", [_record("vhs", i) for i in range(100)], remove_missing=True)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert seen and seen <= {100, 500}, seen
    db.dispose()


def test_two_crawl_processes_at_once_on_one_database(database_url, cli, demo_url, tmp_path):
    """Two `wbportal crawl` processes (different sources) against the same database at once."""
    env = {"WBPORTAL_DATABASE_URL": database_url}
    cli("db", "upgrade", "--data-dir", tmp_path / "a", env=env)
    procs = [cli.start("crawl", "--quiet", key, "--data-dir", tmp_path / key, env=env, demo_url=demo_url,
                       stdout=-1, stderr=-1, text=True) for key in ("sta", "wak")]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    db = Database(database_url)
    catalogue = Catalogue(db)
    assert (catalogue.active_count("sta"), catalogue.active_count("wak")) == (60, 41)  # demo/sites/*/expected.jsonl
    assert sorted(r["status"] for r in catalogue.runs()) == ["ok", "ok"]
    db.dispose()
