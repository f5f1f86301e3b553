"""Fault injection against a real local provider server whose behaviour each test switches:
every fault gives a clear status and message, and no offer of the last good run is lost."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
GOOD = [{"id": n, "title": f"Erste Hilfe Kurs {n}", "start_date": f"2027-05-{n + 1:02d}", "cost": "60 €",
         "url": f"/kurs/{n}.html"} for n in range(6)]


class Provider(BaseHTTPRequestHandler):
    mode = "good"
    hits = 0

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="application/json", **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/robots.txt":
            return self.send(200, b"" if Provider.mode != "robots" else b"User-agent: *\nDisallow: /\n", "text/plain")
        Provider.hits += 1
        mode, page = Provider.mode, self.path
        if mode == "good" or (mode == "trap" and page.startswith("/api")):
            n = int(page.rsplit("=", 1)[1]) if "=" in page else 1
            nxt = f"/api/offers?page={n + 1}" if mode == "trap" else None
            return self.send(200, json.dumps({"events": GOOD, "next": nxt}).encode())
        if mode == "half":
            return self.send(200, json.dumps({"events": GOOD[:2]}).encode())
        if mode == "500":
            return self.send(503, b"maintenance")
        if mode == "broken_json":
            return self.send(200, b'{"events": [{"id": 1, "title": "Kurs"')
        if mode == "redirect_loop":
            return self.send(302, Location=self.path)
        if mode == "huge":
            return self.send(200, b" " * (11 * 1024 * 1024))
        if mode == "slow":
            time.sleep(8)
            return self.send(200, json.dumps({"events": GOOD}).encode())
        if mode == "html_instead":
            return self.send(200, b"<html><body><h1>Wartungsarbeiten</h1></body></html>", "text/html")
        return self.send(404)


@pytest.fixture(scope="module")
def server(serve):
    with serve(Provider) as url:
        yield url


@pytest.fixture
def env(server, tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"""sources:
  prov:
    provider: Testanbieter
    strategy: json
    start_urls: ["{server}/api/offers"]
    max_pages: 5
    api: {{records: events, next: next, fields: {{url: url, provider_ref: to_string(id), title: title,
                                                  start: start_date, price: cost}}}}
""", encoding="utf-8")
    env = run_cli.environ(data_dir=tmp_path / "data", env={"WBPORTAL_SOURCES": sources})
    Provider.mode = "good"
    first = cli("crawl", env=env)
    assert "prov: ok" in first.stdout and "6 offers" in first.stdout, first.stdout + first.stderr
    return env


def cli(*args, env, timeout=180):
    return run_cli(*args, *(["--quiet"] if args[0] == "crawl" else []), env=env, returncode=None, timeout=timeout)


def offers(env) -> list[str]:
    out = cli("export", env=env).stdout
    return sorted(json.loads(line)["id"] for line in out.splitlines() if line.strip())


@pytest.mark.parametrize("mode, status, message", [
    ("500", "failed", "503"),
    ("broken_json", "failed", "broken JSON"),
    ("redirect_loop", "failed", "redirect"),
    ("huge", "failed", "maximum size"),
    ("html_instead", "failed", "broken JSON"),
    ("robots", "failed", "robots"),
    # 2 of 6 offers: kept as they are, the 4 missing ones are not removed (the run records no error text)
    ("half", "degraded", "2 offers (0 invalid); +0 new, 0 changed, -0 removed"),
])
def test_fault_keeps_the_last_good_offers(env, mode, status, message):
    before = offers(env)
    Provider.mode = mode
    Provider.hits = 0
    proc = cli("crawl", env=env)
    assert f"prov: {status}" in proc.stdout, proc.stdout + proc.stderr
    latest = runs(env)[0]
    assert latest["status"] == status, latest
    assert message and message.lower() in (proc.stdout + proc.stderr + json.dumps(latest)).lower(), (proc.stdout, proc.stderr)
    assert offers(env) == before and len(before) == 6
    if mode == "500":
        assert Provider.hits >= 3  # retried with backoff before giving up


def runs(env) -> list[dict]:
    return json.loads(cli("runs", "--json", env=env).stdout)


def test_endless_pagination_stops_at_max_pages(env):
    Provider.mode = "trap"
    Provider.hits = 0
    proc = cli("crawl", env=env)
    assert "prov: ok" in proc.stdout
    assert Provider.hits == 5 and "max_pages (5) reached" in proc.stderr + json.dumps(runs(env)[0])


def test_slow_server_times_out_as_a_failed_run(env):
    from dbhelpers import catalogue_at
    from wbportal.config import load_sources
    from wbportal.paths import DataDir
    from wbportal.ops.pipeline import crawl_source
    data = DataDir.resolve(env["WBPORTAL_DATA_DIR"])
    source = load_sources(env["WBPORTAL_SOURCES"]).select(["prov"])[0]
    Provider.mode = "slow"
    report = crawl_source(source, data, catalogue_at(data.database_url), None, timeout=3)
    assert report.status == "failed" and "timed out after 3 s" in report.errors[0]
    assert len(offers(env)) == 6


def test_dns_failure_is_a_failed_run(env, tmp_path):
    import re
    sources = Path(env["WBPORTAL_SOURCES"])
    sources.write_text(re.sub(r"http://127\.0\.0\.1:\d+", "http://anbieter.invalid", sources.read_text()),
                       encoding="utf-8")
    proc = cli("crawl", env=env)
    assert "prov: failed" in proc.stdout
    assert len(offers(env)) == 6


def test_same_source_twice_at_once_runs_once(env):
    from wbportal.ops.locks import source_lock
    from wbportal.paths import DataDir
    with source_lock(DataDir.resolve(env["WBPORTAL_DATA_DIR"]).lock_dir, "prov"):
        proc = cli("crawl", env=env)
    assert "prov: skipped — prov is being crawled by another process" in proc.stdout and proc.returncode == 1


def test_kill_9_during_an_index_commit_leaves_a_usable_index(env, tmp_path):
    """kill -9 while an incremental update is committing: WBP_TEST_PAUSE_IN_COMMIT (index/store.py)
    makes the writer stop inside its commit, after writing the new segment and before the table of
    contents that would make it live, and say so by creating a marker file."""
    from index import IndexStore, SearchQuery, Searcher
    index_dir = Path(env["WBPORTAL_DATA_DIR"]) / "index"
    before = Searcher(IndexStore(index_dir)).search(SearchQuery(text="Erste Hilfe", include_past=True, page_size=50))
    assert before.total == 6
    files_before = {p.name for p in (index_dir / "current").resolve().iterdir()}
    marker = tmp_path / "in-commit"
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from index import IndexStore
records = [dict(id=f"x-{{i}}", course_key="x", source="x", provider="P", title=f"Unterbrochen {{i}}",
                url="https://x.example", start_date="2027-05-01") for i in range(500)]
IndexStore({str(index_dir)!r}).apply((r, "h") for r in records)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], env=dict(env, WBP_TEST_PAUSE_IN_COMMIT=str(marker)),
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), (f"the writer never reached its commit (exit {proc.poll()}): "
                                 + (proc.stderr.read() if proc.poll() is not None else "still running"))
        assert proc.poll() is None
        written = {p.name for p in (index_dir / "current").resolve().iterdir()} - files_before
        assert any(name.endswith(".seg") for name in written), written  # the new segment is on disk ...
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # ... but a reader sees exactly the previous committed state
    store = IndexStore(index_dir)
    searcher = Searcher(store)
    after = searcher.search(SearchQuery(text="Erste Hilfe", include_past=True, page_size=50))
    assert ids(after) == ids(before)
    assert searcher.search(SearchQuery(text="Unterbrochen", include_past=True)).total == 0
    assert searcher.search(SearchQuery(include_past=True)).total == 6
    # the write lock died with the process: a writer gets it at once
    store._writer(store.open(), wait_s=0).cancel()
    # and the next write works and is searchable
    extra = dict(id="y-1", course_key="y", source="x", provider="P", title="Nachgetragen", url="https://x.example",
                 start_date="2027-05-01")
    assert store.apply([(extra, "h")]) == 1
    assert ids(Searcher(store).search(SearchQuery(text="Nachgetragen", include_past=True))) == ["y-1"]
    assert Searcher(store).search(SearchQuery(include_past=True)).total == 7
    assert "prov: ok" in cli("crawl", env=env).stdout


def ids(result) -> list[str]:
    return sorted(h.record["id"] for h in result.hits)


def test_disk_full_while_rebuilding_keeps_the_live_index(env):
    from index import IndexStore, SearchQuery, Searcher
    index_dir = Path(env["WBPORTAL_DATA_DIR"]) / "index"
    live = (index_dir / "current").resolve()
    script = f"""
import resource, sys
sys.path.insert(0, {str(ROOT)!r})
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))  # files may not grow past 200 KB
import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # a write fails with EFBIG instead
from index import IndexStore
records = [dict(id=f"x-{{i}}", course_key="x", source="x", provider="P", title=f"Kurs {{i}}",
                description="Text " * 400, url="https://x.example", start_date="2027-05-01") for i in range(3000)]
IndexStore({str(index_dir)!r}).rebuild((r, "h") for r in records)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode != 0 and "File too large" in proc.stderr
    assert (index_dir / "current").resolve() == live
    assert Searcher(IndexStore(index_dir)).search(SearchQuery(text="Erste Hilfe", include_past=True)).total == 6


PAGES = {
    "/kurse.html": ("text/html; charset=utf-8",  # declared UTF-8, sent as ISO-8859-1
                    "<html><body><div class='kurs'><h2>Schweißen für Einsteiger</h2><p class='t'>12.05.2027</p>"
                    "<p class='p'>120 €</p></div></body></html>".encode("iso-8859-1", "replace")),
    "/kaputt.html": ("text/html; charset=utf-8",
                     b"<html><body><div class='kurs'><h2>Erste Hilfe<p class='t'>12.05.2027<div class='kurs'>"
                     b"<h2>Excel</h2><p class='t'>13.05.2027</td></table><p class='p'>90 &euro"),
    "/feed.ics": ("text/calendar", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:2027xx01\r\n"
                                   b"SUMMARY:Kurs\r\nEND:VCALENDAR\r\n"),
}


class Pages(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        ctype, body = PAGES.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in PAGES or self.path == "/robots.txt" else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages(serve):
    with serve(Pages) as url:
        yield url


def crawl_one(tmp_path, entry: str):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n" + entry, encoding="utf-8")
    env = run_cli.environ(data_dir=tmp_path / "data", env={"WBPORTAL_SOURCES": sources})
    return cli("crawl", env=env), env


HTML_ENTRY = """  seite:
    provider: Testanbieter
    strategy: html
    start_urls: ["{url}"]
    list: {{item: "div.kurs", fields: {{title: "h2", schedule: "p.t", price: "p.p"}}}}
"""


def test_wrong_charset_is_reported(pages, tmp_path):
    proc, env = crawl_one(tmp_path, HTML_ENTRY.format(url=pages + "/kurse.html"))
    assert "seite: ok" in proc.stdout
    assert "could not be decoded: the site may declare the wrong charset" in proc.stderr


def test_malformed_html_is_still_read(pages, tmp_path):
    proc, env = crawl_one(tmp_path, HTML_ENTRY.format(url=pages + "/kaputt.html"))
    assert "seite: ok" in proc.stdout and "2 offers" in proc.stdout, proc.stdout + proc.stderr
    titles = sorted(json.loads(line)["title"] for line in cli("export", env=env).stdout.splitlines())
    assert titles[0].startswith("Erste Hilfe") and titles[1].startswith("Excel")


def test_invalid_icalendar_is_a_failed_run_with_a_message(pages, tmp_path):
    proc, _ = crawl_one(tmp_path, f"""  kal:
    provider: Testanbieter
    strategy: feed
    start_urls: ["{pages}/feed.ics"]
""")
    assert "kal: failed" in proc.stdout
    assert "iCalendar" in proc.stderr, proc.stderr
