"""Normalization benchmark: offers normalized per second over the demo corpus's raw items.

    python -m bench.normalize [--offers 100000] [--json] [--raw DIR]

Crawls the demo sites once into a temp directory (or reads raw JSONL files from --raw), repeats
their raw items up to --offers, and runs build_offer over them on one core: once as shipped
(regex fast paths for dates) and once with the fast paths off (every schedule through
dateparser), on a sample of the same items, since the slow run would take minutes at full size.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from normalize import build_offer, dates
from wbportal.config import load_sources
from wbportal.demo import DemoServer

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = date(2026, 11, 24)


def crawl_demo(data_dir: Path) -> Path:
    with DemoServer() as url:
        env = dict(os.environ, WBP_DEMO_URL=url, WBP_LOCAL_FAST="1", WBPORTAL_DATA_DIR=str(data_dir))
        subprocess.run([sys.executable, "-m", "wbportal.cli", "crawl", "--quiet"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
    return data_dir / "raw"


def load_raw(raw_dir: Path) -> list[tuple[dict, dict]]:
    """(raw item, source defaults) pairs from every source's latest raw file."""
    sources = {s.key: s for s in load_sources(ROOT / "sources.yaml").sources.values()}
    items = []
    for folder in sorted(p for p in raw_dir.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.jsonl"))
        source = sources.get(folder.name)
        if not files or source is None:
            continue
        defaults = source.defaults.model_dump(exclude_none=True) | {"provider": source.provider, "source": source.key}
        with files[-1].open(encoding="utf-8") as fh:
            items += [(json.loads(line), defaults) for line in fh if line.strip()]
    return items


def copies(items: list[tuple[dict, dict]], n: int) -> list[tuple[dict, dict]]:
    """n raw items: the corpus repeated, each copy's titles and descriptions made its own, so that
    caches help only as much as in a real crawl (within the runs of one course), not across copies."""
    batch = []
    for k, (raw, defaults) in enumerate(itertools.islice(itertools.cycle(items), n)):
        copy = k // len(items)
        batch.append((dict(raw, title=f"{raw.get('title') or ''} {copy}",
                           description=f"{raw.get('description') or ''} ({copy})"), defaults))
    return batch


def rate(items: list[tuple[dict, dict]], n: int) -> tuple[float, float]:
    """Offers per second and CPU seconds for n offers."""
    batch = copies(items, n)
    cpu0, t0 = time.process_time(), time.perf_counter()
    for raw, defaults in batch:
        try:
            build_offer(raw, defaults, reference=REFERENCE, seen_at="2026-11-24T00:00:00+00:00")
        except ValueError:
            pass
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return n / wall, cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--slow-sample", type=int, default=2_000, help="offers for the dateparser-only run")
    parser.add_argument("--raw", type=Path, help="raw/ folder of a data directory (default: crawl the demo)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        items = load_raw(args.raw or crawl_demo(Path(tmp)))
    rate(items, min(len(items), 500))  # warm caches (gazetteer, taxonomy, regexes, dateparser import)
    fast, fast_cpu = rate(items, args.offers)
    dates.FAST_PATHS = False
    try:
        rate(items, 50)
        slow, slow_cpu = rate(items, args.slow_sample)
    finally:
        dates.FAST_PATHS = True
    result = {"raw_items": len(items), "offers": args.offers, "offers_per_s": round(fast, 1),
              "cpu_s": round(fast_cpu, 2), "dateparser_only": {"offers": args.slow_sample,
                                                                 "offers_per_s": round(slow, 1)},
              "speedup": round(fast / slow, 1)}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{len(items)} raw demo items repeated to {args.offers}: {fast:,.0f} offers/s on one core "
              f"({fast_cpu:.1f} CPU s)")
        print(f"dateparser only ({args.slow_sample} offers): {slow:,.0f} offers/s; fast paths are "
              f"{result['speedup']}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
