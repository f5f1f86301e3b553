"""Web benchmark: search pages and API calls per second under concurrent load.

    python -m bench.web [--offers 100000] [--clients 16] [--seconds 20] [--json]

Multiplies the demo corpus (the demo sites' expected offers) to N offers, builds the index in
a temporary data directory (cached under --data-dir), starts `wbportal serve` (waitress) as
its own process, and loads it from a second process with C concurrent clients for S seconds:
search pages (words, facets, radius, sort) and /api/offers. Prints requests/s and latency
percentiles per kind.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [{"q": "Schweißen"}, {"q": "Excel"}, {"q": "Stapler", "sort": "start"}, {"q": "Erste Hilfe"},
           {"q": "Meister Metall Teilzeit"}, {"category": "office"}, {"q": "Pflege", "town": "Marienberg"},
           {"q": "Englisch", "format": "online"}, {"near": "Annaberg-Buchholz", "radius": "25"},
           {"q": "Datenschutz", "funding": "weiterbildungsscheck"}, {}, {"q": "KI", "page": "2"},
           {"q": "Buchhaltung", "max_price": "500"}, {"q": "\"Erste Hilfe am Kind\""}, {"q": "Schweisen"}]


def demo_records() -> list[dict]:
    from normalize import gazetteer
    records = []
    for path in sorted((ROOT / "demo" / "sites").glob("*/expected.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            r = json.loads(line)
            loc = r.get("location")
            if loc and loc.get("town"):
                town = gazetteer().lookup(loc["town"])
                loc = dict(loc, lat=town.lat if town else None, lon=town.lon if town else None)
            records.append(dict(r, id=f"{r['source']}-{n}", url=f"https://example.org{r['url']}", location=loc))
    return records


def build(n: int, data_dir: Path) -> None:
    from index import IndexStore
    marker = data_dir / f"built-{n}"
    if marker.exists():
        return
    base = demo_records()
    records = []
    for i in range(n):
        r = base[i % len(base)]
        copy = i // len(base)
        records.append(dict(r, id=f"{r['id']}-{copy}", course_key=f"{r['course_key']}-{copy}"))
    IndexStore(data_dir / "index").rebuild((r, "") for r in records)
    marker.touch()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(base: str, clients: int, seconds: float) -> dict:
    """Runs in its own process: C threads issuing requests until the time is up."""
    rng = random.Random(5)
    jobs = [("page", "/?" + urlencode(q)) if i % 4 else ("api", "/api/offers?" + urlencode(q))
            for i, q in enumerate(QUERIES * 4)]
    rng.shuffle(jobs)
    deadline = time.perf_counter() + seconds
    times: dict[str, list[float]] = {"page": [], "api": []}
    errors = []

    def client(k: int):
        i = k
        while time.perf_counter() < deadline:
            kind, path = jobs[i % len(jobs)]
            i += clients
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=30) as response:
                    response.read()
                times[kind].append((time.perf_counter() - t0) * 1000)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors.append(str(exc))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - t0

    def stats(values):
        values = sorted(values)
        if not values:
            return {"requests": 0}
        return {"requests": len(values), "per_s": round(len(values) / wall, 1),
                "p50_ms": round(statistics.median(values), 1), "p95_ms": round(values[int(0.95 * len(values)) - 1], 1)}

    return {"page": stats(times["page"]), "api": stats(times["api"]),
            "all_per_s": round((len(times["page"]) + len(times["api"])) / wall, 1), "errors": len(errors),
            "error_samples": sorted(set(errors))[:3], "wall_s": round(wall, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="server processes (wbportal serve --workers)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench-web"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # internal: run the load generator
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(load(args.load, args.clients, args.seconds)))
        return 0
    data_dir = args.data_dir / str(args.offers)
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build(args.offers, data_dir)
    build_s = time.perf_counter() - t0
    port = free_port()
    env = dict(os.environ, WBPORTAL_DATA_DIR=str(data_dir))
    server = subprocess.Popen([sys.executable, "-m", "webui.launcher", "serve", "--port", str(port),
                               "--workers", str(args.workers)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/?q=Excel", timeout=30).read()  # also warms the searcher
                break
            except OSError:
                time.sleep(0.3)
        out = subprocess.run([sys.executable, "-m", "bench.web", "--load", base, "--clients", str(args.clients),
                              "--seconds", str(args.seconds)], cwd=ROOT, capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"offers": args.offers, "clients": args.clients, "workers": args.workers, "build_s": round(build_s, 1),
              **result}
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
