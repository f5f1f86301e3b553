"""Search benchmark: build, update and faceted search over a realistic corpus, with peers.

    python -m bench.search [--offers 100000] [--queries 1200] [--json] [--no-fts5] [--no-tantivy]
                           [--no-serve] [--data-dir var/bench]
    python -m bench.search --offers 1000000 --streamed --json     # the million-offer build

What is measured, and why it does not flatter (see bench/corpus.py and bench/queries.py):

- corpus: real course titles, descriptions from the 60,000 most frequent German words with their
  real frequencies, 300 providers, all gazetteer towns; deterministic and cached;
- queries: at least 1,000 distinct (text, filters) pairs of every kind, each returning the top 20
  as the search page does (runs grouped into courses) with all ten facet counts;
- build_s: a full rebuild of the index (`IndexStore.rebuild`, as `wbportal index rebuild`);
- update_1000_s: 1,000 changed offers applied in one commit (as a crawl does);
- open_first_query_ms: a new process's first query (open the index, load columns, link courses);
- cold: every query once with the searcher's word and distance caches emptied before it (what a
  user meets whose words nobody searched since the last update); warm: the same query right
  again (what the caches give);
- first_query_ms: through `wbportal serve --workers 2` (its own process, real HTTP): the first
  search request right after 1,000 offers were updated, and new_data_visible_s until the update
  is found (the server warms the new generation before switching to it);
- peak_rss_mb: the largest serving process's peak resident memory during that;
- peers in the same run on the same records and queries: SQLite FTS5 (narrow indexed table for
  filters and facets, text matched once) and tantivy (bench/peers.py); their cold pass is the
  first run of each query on a freshly opened engine.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import corpus, iter_corpus
from bench.queries import generate
from bench.stats import percentile
from index import IndexStore, Searcher


def measure_ours(records, queries: list, workdir: Path, first: list[dict] | None = None) -> tuple[dict, IndexStore]:
    """Build, update and query our index. `records` may be a stream (the --streamed build never
    holds the corpus); `first` are its first 1,000 records, changed for the update."""
    store = IndexStore(workdir / "index")
    t0 = time.perf_counter()
    store.rebuild((r, "") for r in records)
    build_s = time.perf_counter() - t0
    build_rss = _peak_rss_mb()
    changed = [dict(r, title=r["title"] + " (aktualisiert)") for r in (first if first is not None else records)[:1000]]
    t0 = time.perf_counter()
    store.apply((r, "x") for r in changed)
    update_s = time.perf_counter() - t0
    searcher = Searcher(store)
    t0 = time.perf_counter()
    searcher.search(queries[0].to_search_query(group_courses=True))
    open_ms = (time.perf_counter() - t0) * 1000
    cold, warm, by_kind = [], [], {}
    for q in queries:
        sq = q.to_search_query(group_courses=True)
        searcher.forget_queries()
        t0 = time.perf_counter()
        searcher.search(sq)
        ms = (time.perf_counter() - t0) * 1000
        cold.append(ms)
        by_kind.setdefault(q.kind, []).append(ms)
        t0 = time.perf_counter()
        searcher.search(sq)
        warm.append((time.perf_counter() - t0) * 1000)
    searcher.close()
    return {
        "build_s": round(build_s, 1), "update_1000_s": round(update_s, 2), "open_first_query_ms": round(open_ms),
        "cold_p50_ms": percentile(cold, 0.5), "cold_p95_ms": percentile(cold, 0.95),
        "cold_p99_ms": percentile(cold, 0.99), "cold_mean_ms": round(statistics.fmean(cold), 1),
        "warm_p50_ms": percentile(warm, 0.5), "warm_p95_ms": percentile(warm, 0.95),
        "cold_p95_by_kind_ms": {k: percentile(v, 0.95) for k, v in sorted(by_kind.items())},
        "index_mb": round(sum(f.stat().st_size for f in (workdir / "index").rglob("*") if f.is_file()) / 2**20),
        "build_peak_rss_mb": build_rss,
    }, store


def _peak_rss_mb() -> int:
    """The largest peak resident memory of this process and of its finished children (the two
    writer processes of a big rebuild)."""
    return round(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                     resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)


def measure_streamed(offers: int, query_count: int, data_dir: Path) -> dict:
    """The large build (--streamed, for 1,000,000 offers): records streamed from the cached corpus
    file into the index, never all in memory; queries drawn from the first 100,000 records (every
    title, provider and town occurs among them). No serving and no peers at this size."""
    sample = list(itertools.islice(iter_corpus(offers, data_dir), 100_000))
    queries = generate(sample, query_count)
    with tempfile.TemporaryDirectory(dir=data_dir) as tmp:
        figures, _ = measure_ours(iter_corpus(offers, data_dir), queries, Path(tmp), first=sample[:1000])
    return {"offers": offers, "queries": len(queries), "distinct_queries": len({q.key() for q in queries}),
            **figures}


def measure_serving(records: list[dict], data_dir: Path, workers: int) -> dict:
    """The first search after an update through `wbportal serve`, and the server's memory."""
    from bench.serving import Server, first_request_after_update, prepare_data_dir

    prepare_data_dir(data_dir, records, offers=len(records))
    with Server(data_dir, workers=workers) as server:
        # the workers' watchers open and warm the index at start (both at once on two cores: up to
        # 5 s at 100,000 offers); what is measured is the first search after an update, not a start
        time.sleep(10)
        after = first_request_after_update(server, data_dir, records, marker_word="Benchmarkmarke")
        rss = server.peak_rss_mb()
    return {"first_query_ms": after["first_request_ms"], "new_data_visible_s": after["new_data_visible_s"],
            "serve_update_1000_s": after["update_s"], "peak_rss_mb": rss}


def _machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1200)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"))
    parser.add_argument("--workers", type=int, default=2, help="server processes for first_query_ms")
    parser.add_argument("--no-fts5", action="store_true")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--no-serve", action="store_true", help="skip the wbportal serve measurement")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--streamed", action="store_true",
                        help="stream the corpus into the build (1,000,000 offers); ours only, no serve, no peers")
    args = parser.parse_args(argv)
    if args.streamed:
        result = {"machine": _machine(), **measure_streamed(args.offers, args.queries, args.data_dir)}
        print(json.dumps(result, indent=1, ensure_ascii=False) if args.json else
              "\n".join(f"{k}: {v}" for k, v in result.items()))
        return 0
    records = corpus(args.offers, args.data_dir)
    queries = generate(records, args.queries)
    result: dict = {"offers": len(records), "queries": len(queries),
                    "distinct_queries": len({q.key() for q in queries}),
                    "machine": _machine()}
    with tempfile.TemporaryDirectory(dir=args.data_dir) as tmp:
        ours, _ = measure_ours(records, queries, Path(tmp))
    result.update(ours)
    if not args.no_serve:
        result.update(measure_serving(records, args.data_dir / f"serve-{args.offers}", args.workers))
    else:
        result.update(first_query_ms=None, peak_rss_mb=None)
    from bench.peers import PEERS, measure

    for name, skip in (("fts5", args.no_fts5), ("tantivy", args.no_tantivy)):
        if skip:
            result[f"{name}_cold_p95_ms"] = None
            continue
        workdir = Path(tempfile.mkdtemp(dir=args.data_dir))
        try:
            peer = PEERS[name](workdir)
            figures = measure(peer, records, queries)
            peer.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        for key in ("build_s", "update_1000_s", "cold_p50_ms", "cold_p95_ms", "cold_p99_ms", "warm_p50_ms",
                    "warm_p95_ms"):
            result[f"{name}_{key}"] = figures[key]
        result[f"cold_p95_vs_{name}"] = round(result["cold_p95_ms"] / max(figures["cold_p95_ms"], 0.01), 2)
    if isinstance(result.get("peak_rss_mb"), dict):   # the largest serving process, and the sum
        rss = result.pop("peak_rss_mb")
        result["peak_rss_mb"] = rss.get("max_mb")
        result["peak_rss_sum_mb"] = rss.get("sum_mb")
    print(json.dumps(result, indent=1, ensure_ascii=False) if args.json else
          "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
