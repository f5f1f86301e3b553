"""bench.web: the load generator walks distinct queries over keep-alive connections, and a small
run against the real server answers every request and sees an index update become visible."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.web import Walker, jobs_for, load

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent
REPORT_KEYS = {"offers", "clients", "workers", "seconds", "pages_per_s", "api_per_s", "page_p50_ms", "page_p95_ms",
               "page_p99_ms", "api_p50_ms", "api_p95_ms", "errors", "error_samples", "repeated_queries",
               "first_request_after_update_ms", "new_data_visible_s", "server_peak_rss_mb"}


@pytest.fixture(scope="module")
def bench_queries(tmp_path_factory):
    from bench.corpus import corpus
    from bench.queries import generate

    return generate(corpus(500, tmp_path_factory.mktemp("corpus")), 1300)


@pytest.fixture
def recording_server():
    """A keep-alive HTTP server that records every path it was asked and every connection."""
    seen: list[str] = []
    connections: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            connections.append(1)

        def do_GET(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen, connections
    server.shutdown()
    server.server_close()


def test_jobs_are_distinct_queries_three_pages_in_four(bench_queries):
    jobs = jobs_for(bench_queries)
    assert len({path for _, path in jobs}) == len(jobs)
    assert len({path.split("?", 1)[1] for _, path in jobs}) == len(jobs)  # distinct as queries, not only by kind
    kinds = [kind for kind, _ in jobs]
    assert kinds.count("api") == len(jobs) // 4
    assert all(path.startswith("/api/offers?") for kind, path in jobs if kind == "api")
    assert all(path.startswith("/?") for kind, path in jobs if kind == "page")


def test_load_walks_each_query_once_over_kept_connections(bench_queries, recording_server):
    base, seen, connections = recording_server
    jobs = jobs_for(bench_queries)
    result = load(base, jobs, clients=4, seconds=0.3)
    assert result["errors"] == 0
    assert 0 < len(seen) <= len(jobs) and result["repeated_queries"] == 0
    assert len(set(seen)) == len(seen)                 # no query asked twice
    assert sorted(seen) == sorted(path for _, path in jobs[:len(seen)])  # the walk is the list, in order
    assert len(connections) <= 4                       # keep-alive: one connection per client


def test_a_run_longer_than_the_list_says_how_often_it_repeated(recording_server):
    base, seen, _ = recording_server
    jobs = [("page", f"/?q=w{i}") for i in range(5)]
    result = load(base, jobs, clients=2, seconds=0.2)
    assert result["repeated_queries"] == len(seen) - 5 > 0
    walker = Walker(jobs)
    assert [walker.next() for _ in range(6)][-1] == jobs[0] and walker.repeated == 1


def test_small_run_against_the_real_server(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bench.web", "--offers", "2000", "--clients", "4", "--seconds", "3",
                          "--workers", "1", "--json", "--data-dir", str(tmp_path / "data"),
                          "--corpus-cache", str(tmp_path / "cache")],
                         cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout)
    assert REPORT_KEYS <= set(report)
    assert report["pages"] > 0 and report["api_calls"] > 0
    assert report["errors"] == 0, report["error_samples"]
    assert report["repeated_queries"] == 0
    assert isinstance(report["first_request_after_update_ms"], float)
    assert isinstance(report["new_data_visible_s"], (int, float)), "the updated offers never became visible"
    assert report["server_peak_rss_mb"] > 0
    # the update was written back: the cached index is the corpus again and is reused
    assert json.loads((tmp_path / "data" / "2000" / "bench-index.json").read_text())["offers"] == 2000
