"""Web benchmark: search pages and API calls per second through `wbportal serve` under load.

    python -m bench.web [--offers 100000] [--clients 16] [--workers 2] [--seconds 20] [--json]

What is measured: the portal's own server (`wbportal serve --workers W`: gunicorn with W
processes, or waitress for one) on the realistic benchmark corpus (bench/corpus.py, built into a
data directory once and cached under --data-dir), loaded for S seconds by C concurrent clients
over real HTTP with keep-alive connections, as browsers keep them. Three requests in four are
search pages (`/?...`, the HTML a visitor gets, courses grouped), one in four `/api/offers?...`.
Reported: pages and API calls per second, latency percentiles per kind, errors, then the first
search request after an index update of 1,000 offers and how long until the updated offers are
found (bench/serving.py), and the server processes' peak memory.

Why the figures are honest:
- distinct queries (bench/queries.py: words of real titles, Zipf-distributed description words,
  phrases, every facet and filter, sorts, second pages): the clients walk one shared list, each
  query is asked once, so no result or postings cache answers a repeated question; a run that
  outlasts the list starts over and says how often (`repeated_queries`);
- a realistic corpus, not a few demo offers multiplied: most query words are rare, as in German;
- the clients run in a second process (`--load`), so the load generator does not share the
  server's cores' interpreter locks, and their time includes HTTP parsing on both sides;
- the warm-up before the load uses queries of its own, not the ones measured.
The machine's cores are shared by server and clients: the figures are a lower bound for a
server with cores of its own.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import json
import secrets
import string
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bench.stats import percentile
from bench.serving import Server, first_request_after_update, prepare_data_dir

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 40            # queries of their own that open the searcher in every worker before the load
RESERVED = WARMUP + 60  # plus a pool to pick the first request after the update from
QUERIES_PER_SECOND = 400  # distinct queries generated per second of load (more than the server answers)


# -- the request list -------------------------------------------------------------------------
def jobs_for(queries) -> list[tuple[str, str]]:
    """(kind, path) per query: the search page for three in four, the JSON API for the fourth."""
    jobs = []
    for i, q in enumerate(queries):
        params = urlencode(q.url_params())
        jobs.append(("api", "/api/offers?" + params) if i % 4 == 3 else ("page", "/?" + params))
    return jobs


class Walker:
    """Hands out the jobs in order to all client threads, each job once; after the last one it
    starts over, and counts those repeated requests."""

    def __init__(self, jobs: list[tuple[str, str]]):
        self.jobs = jobs
        self._counter = itertools.count()
        self._lock = threading.Lock()
        self.issued = 0

    def next(self) -> tuple[str, str]:
        with self._lock:
            i = next(self._counter)
            self.issued = i + 1
        return self.jobs[i % len(self.jobs)]

    @property
    def repeated(self) -> int:
        return max(0, self.issued - len(self.jobs))


class Client:
    """One keep-alive HTTP connection; reconnects when the server closed an idle one."""

    def __init__(self, base: str, timeout: float = 30.0):
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> int:
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                response.read()
                if response.will_close:
                    self.close()
                return response.status
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or attempt == 2:  # a fresh connection failing is an error
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def load(base: str, jobs: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    """Runs in its own process: C threads, each with its own connection, take the next job of the
    shared walk until the time is up; requests in flight at the deadline are finished."""
    walker = Walker(jobs)
    deadline = time.perf_counter() + seconds
    times: dict[str, list[float]] = {"page": [], "api": []}
    errors: list[str] = []

    def client(_):
        connection = Client(base)
        try:
            while time.perf_counter() < deadline:
                kind, path = walker.next()
                t0 = time.perf_counter()
                try:
                    status = connection.get(path)
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    connection.close()
                    errors.append(f"{type(exc).__name__}: {exc} ({path[:80]})")
                    continue
                if status != 200:
                    errors.append(f"HTTP {status} ({path[:80]})")
                    continue
                times[kind].append((time.perf_counter() - t0) * 1000)
        finally:
            connection.close()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - t0
    page, api = sorted(times["page"]), sorted(times["api"])
    return {"wall_s": round(wall, 2), "pages": len(page), "api_calls": len(api),
            "pages_per_s": round(len(page) / wall, 1), "api_per_s": round(len(api) / wall, 1),
            "page_p50_ms": percentile(page, 0.50), "page_p95_ms": percentile(page, 0.95),
            "page_p99_ms": percentile(page, 0.99), "api_p50_ms": percentile(api, 0.50),
            "api_p95_ms": percentile(api, 0.95), "errors": len(errors), "error_samples": sorted(set(errors))[:5],
            "distinct_requests": min(walker.issued, len(jobs)), "repeated_queries": walker.repeated}


# -- the run ----------------------------------------------------------------------------------
def warm(base: str, jobs: list[tuple[str, str]], clients: int = 4) -> None:
    """Opens the searcher in every worker (requests spread over several connections)."""
    def fetch(job):
        c = Client(base)
        try:
            c.get(job[1])
        finally:
            c.close()

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(fetch, jobs))


def run_load(base: str, jobs: list[tuple[str, str]], clients: int, seconds: float, jobs_file: Path) -> dict:
    """The load generator in a second process (its own interpreter, its own core share)."""
    jobs_file.write_text(json.dumps(jobs))
    out = subprocess.run([sys.executable, "-m", "bench.web", "--load", base, "--jobs", str(jobs_file),
                          "--clients", str(clients), "--seconds", str(seconds)],
                         cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"load generator failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def marker_word() -> str:
    """A word no offer contains (letters only, so the analyzer keeps it one token)."""
    return "zqxmark" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="server processes (wbportal serve --workers)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench-web",
                        help="benchmark data directories (one per corpus size), kept between runs")
    parser.add_argument("--corpus-cache", type=Path, default=ROOT / "var" / "bench",
                        help="where the generated corpus is cached (shared with bench.search)")
    parser.add_argument("--rebuild", action="store_true", help="build the index again even if cached")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # internal: run the load generator
    parser.add_argument("--jobs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load:
        jobs = [tuple(j) for j in json.loads(args.jobs.read_text())]
        print(json.dumps(load(args.load, jobs, args.clients, args.seconds)))
        return 0

    from bench.corpus import corpus
    from bench.queries import generate

    records = corpus(args.offers, args.corpus_cache)
    data_dir = args.data_dir / str(args.offers)
    build_s = prepare_data_dir(data_dir, records, args.rebuild, offers=args.offers)
    count = max(1200, int(args.seconds * QUERIES_PER_SECOND))
    queries = generate(records, count + RESERVED)
    measured, reserved = queries[:count], queries[count:]
    warmup = jobs_for(reserved[:WARMUP])
    first_word = next((q.text for q in reserved[WARMUP:] if q.kind == "title_word"), "Excel")
    with Server(data_dir, args.workers) as server:
        warm(server.base, warmup)
        result = run_load(server.base, jobs_for(measured), args.clients, args.seconds, data_dir / "load-jobs.json")
        update = first_request_after_update(server, data_dir, records, marker_word(), query_word=first_word)
        memory = server.peak_rss_mb()
        log_tail = server.log_tail(1500) if result["errors"] else None
    polls = update["requests"][1:]
    report = {
        "offers": args.offers, "clients": args.clients, "workers": args.workers, "seconds": args.seconds,
        "build_s": None if build_s is None else round(build_s, 1), "queries": len(measured), **result,
        "first_request_after_update_ms": update["first_request_ms"],
        "first_request_after_update_query": first_word, "update_offers": update["changed_offers"],
        "update_s": update["update_s"], "new_data_visible_s": update["new_data_visible_s"],
        "new_data_visible_timed_out": update["visible_timed_out"], "visibility_polls": len(polls),
        "server_peak_rss_mb": memory["max_mb"], "server_peak_rss_sum_mb": memory["sum_mb"],
        "server_processes": memory["processes"],
    }
    if log_tail is not None:
        report["server_log_tail"] = log_tail  # what the server said about the failed requests
    print(json.dumps(report, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
