"""Shared fixtures: real temp catalogues (SQLite, and PostgreSQL when asked for), real Whoosh
indexes, the real demo server.

Database back ends: `--db sqlite,postgresql` (or $WBP_TEST_DATABASES) runs every test that uses
`database_url` (directly or through `client`) once per back end; PostgreSQL needs
$WBP_TEST_POSTGRES_URL, an admin URL of a running server (.ci/run starts one). Each test gets a
database of its own, created and dropped around it."""
from __future__ import annotations

import json
import os
import uuid
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


def pytest_addoption(parser):
    parser.addoption("--db", default=os.environ.get("WBP_TEST_DATABASES", "sqlite"),
                     help="database back ends for database tests, comma-separated: sqlite,postgresql")


def pytest_generate_tests(metafunc):
    if "db_backend" in metafunc.fixturenames:
        backends = [b.strip() for b in metafunc.config.getoption("--db").split(",") if b.strip()]
        unknown = set(backends) - {"sqlite", "postgresql"}
        if unknown:
            raise pytest.UsageError(f"--db: unknown back end(s) {', '.join(sorted(unknown))}; expected sqlite, postgresql")
        if metafunc.definition.get_closest_marker("one_database"):
            backends = backends[:1]  # the page or the crawl is the subject; storage is tested elsewhere on both
        metafunc.parametrize("db_backend", backends)


def _postgres_admin_url() -> str:
    url = os.environ.get("WBP_TEST_POSTGRES_URL")
    if not url:  # asked for PostgreSQL but given none: an error, never a silent skip
        raise RuntimeError("--db postgresql needs $WBP_TEST_POSTGRES_URL, e.g. "
                           "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql")
    return url


@pytest.fixture
def database_url(db_backend, tmp_path):
    """A fresh, empty database of the back end (not migrated yet)."""
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'c.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(_postgres_admin_url())
    name = f"wbp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migrated_url(database_url):
    """A database at the newest schema, as `wbportal db upgrade` leaves it."""
    from dbhelpers import migrated

    migrated(database_url).dispose()
    return database_url


@pytest.fixture
def app(index_store, migrated_url):
    """The web UI over the fixture index and a migrated database."""
    from webui import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_store.root), "DATABASE_URL": migrated_url})
    yield app
    app.extensions["db"].dispose()


@pytest.fixture
def client(app):
    """Flask test client of the web UI over the fixture index."""
    return app.test_client()


# --- end-to-end: the `wbportal` command, the demo sites, local provider servers ----------------
# Tests that start subprocesses or a browser are marked `e2e`; `pytest -m "not e2e"` is the fast
# inner loop. A test that uses one of E2E_FIXTURES (directly or through another fixture), or whose
# own code uses the subprocess module, gets the mark here, so it needs no decorator of its own.
import contextlib  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import tomllib  # noqa: E402
from http.server import ThreadingHTTPServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
E2E_FIXTURES = {"cli", "demo_url", "serve", "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        code = getattr(getattr(item, "function", None), "__code__", None)
        uses_subprocess = code is not None and "subprocess" in (*code.co_names, *code.co_varnames)
        if uses_subprocess or E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


def _entry_point() -> str:
    """`module:function` of the `wbportal` command as pyproject.toml declares it."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["scripts"]["wbportal"]


class Cli:
    """The `wbportal` command in a subprocess of the interpreter running the tests, in the repo:
    `serve` and `demo` through the pyproject.toml entry point (webui.launcher), every other
    command through `python -m wbportal.cli`, which the entry point hands them to (without
    importing the web UI: about 0.3 s less per call).

    `cli("crawl", "--quiet", data_dir=..., demo_url=...)` waits and returns the CompletedProcess;
    its exit code must be `returncode` (None: any), else the assertion shows the command, stdout
    and stderr. `cli.start(...)` starts a long-running command (serve, demo, scheduler) and
    returns the Popen.

    Environment: the test's os.environ plus WBP_LOCAL_FAST=1, without WBPORTAL_DATABASE_URL (a
    developer's database is never touched), plus `data_dir` (WBPORTAL_DATA_DIR), `demo_url`
    (WBP_DEMO_URL) and `env` (variables to set; a value of None removes the variable).
    """

    WEB_COMMANDS = {"serve", "demo"}  # the commands webui.launcher adds to wbportal.cli's

    def __init__(self):
        module, func = _entry_point().split(":")
        self.entry_point = [sys.executable, "-c",
                            f"import sys; sys.argv[0] = 'wbportal'; from {module} import {func}; sys.exit({func}())"]
        self.core = [sys.executable, "-m", "wbportal.cli"]

    def command(self, args: list[str]) -> list[str]:
        return [*(self.entry_point if args and args[0] in self.WEB_COMMANDS else self.core), *args]

    @staticmethod
    def environ(env: dict | None = None, data_dir=None, demo_url: str | None = None) -> dict:
        result = dict(os.environ, WBP_LOCAL_FAST="1")
        result.pop("WBPORTAL_DATABASE_URL", None)
        if data_dir is not None:
            result["WBPORTAL_DATA_DIR"] = str(data_dir)
        if demo_url is not None:
            result["WBP_DEMO_URL"] = demo_url
        for name, value in (env or {}).items():
            if value is None:
                result.pop(name, None)
            else:
                result[name] = str(value)
        return result

    def __call__(self, *args, env: dict | None = None, data_dir=None, demo_url: str | None = None,
                 returncode: int | None = 0, timeout: float = 600) -> subprocess.CompletedProcess:
        args = [str(a) for a in args]
        proc = subprocess.run(self.command(args), cwd=ROOT, env=self.environ(env, data_dir, demo_url),
                              capture_output=True, text=True, timeout=timeout)
        if returncode is not None and proc.returncode != returncode:
            raise AssertionError(f"wbportal {' '.join(args)} exited {proc.returncode}, expected {returncode}\n"
                                 f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}")
        return proc

    def start(self, *args, env: dict | None = None, data_dir=None, demo_url: str | None = None,
              **popen) -> subprocess.Popen:
        return subprocess.Popen(self.command([str(a) for a in args]), cwd=ROOT,
                                env=self.environ(env, data_dir, demo_url), **popen)


run_cli = Cli()


@pytest.fixture(scope="session")
def cli() -> Cli:
    """The one CLI runner (see Cli); session-scoped so that module-scoped fixtures can use it."""
    return run_cli


@pytest.fixture(scope="session")
def demo_url():
    """The demo provider sites (demo/sites) on a free local port: one server for the whole session."""
    from wbportal.demo import DemoServer

    with DemoServer() as url:
        yield url


@contextlib.contextmanager
def _serve(handler):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def serve():
    """`with serve(Handler) as url:` a local HTTP server with the test's own request handler (a
    provider whose behaviour the test controls) on a free port, until the block ends."""
    return _serve
