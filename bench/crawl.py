"""Crawl benchmark: the generic spider on the demo sites multiplied, against a bare fetch-only spider.

    python -m bench.crawl [--copies 20] [--json]

Serves K copies of demo/sites on K local ports, crawls every demo source over all copies with
politeness off (WORKERS crawl processes side by side, as the two cores allow), then fetches
exactly the same URLs with bare Scrapy spiders that extract nothing, one process per source
too. Prints pages/s and CPU seconds per 1,000 pages for both, and the ratio (what
extraction costs). Both runs happen in this invocation, on this machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wbportal.config import load_sources
from wbportal.demo import DemoServer

ROOT = Path(__file__).resolve().parent.parent
BARE = '''
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
urls = json.load(open(sys.argv[1]))
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for u in urls:
            yield scrapy.Request(u, dont_filter=True)
    def parse(self, response):
        pass
p = CrawlerProcess({"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "CONCURRENT_REQUESTS": 16,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "TELNETCONSOLE_ENABLED": False})
p.crawl(Bare); p.start()
'''


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl_one(source, bases: list[str], workdir: Path) -> tuple[int, list[str]]:
    config = source.crawl_config()
    first = bases[0]
    config["start_urls"] = [u.replace(first, base) for base in bases for u in config["start_urls"]]
    config["max_pages"] = 100000
    config["concurrency"] = 16
    cfg, out, stats = workdir / f"{source.key}.json", workdir / f"{source.key}.jsonl", workdir / f"{source.key}.stats.json"
    cfg.write_text(json.dumps(config))
    env = dict(os.environ, WBP_LOCAL_FAST="1", WBP_URL_LOG=str(workdir / f"{source.key}.urls"),
               PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "crawlers.run", str(cfg), str(out), str(stats)], check=True, env=env)
    return json.loads(stats.read_text())["pages"], (workdir / f"{source.key}.urls").read_text().split()


def run_generic(sources, bases: list[str], workdir: Path, workers: int) -> tuple[int, float, float, list[list[str]]]:
    """Every source over every copy; returns pages, wall s, CPU s and the fetched URLs per source."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(lambda s: crawl_one(s, bases, workdir), sources))
    pages = sum(p for p, _ in done)
    return pages, time.perf_counter() - t0, _children_cpu() - cpu0, [us for _, us in done]


def run_bare(url_groups: list[list[str]], workdir: Path, workers: int) -> tuple[int, float, float]:
    """The same URLs, one bare process per source as the generic run has, so that the ratio
    isolates extraction (process start-up costs both runs alike)."""
    script = workdir / "bare.py"
    script.write_text(BARE)
    parts = []
    for n, urls in enumerate(url_groups):
        path = workdir / f"urls-{n}.json"
        path.write_text(json.dumps(urls))
        parts.append(path)
    cpu0, t0 = _children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda p: subprocess.run([sys.executable, str(script), str(p)], check=True), parts))
    return sum(map(len, url_groups)), time.perf_counter() - t0, _children_cpu() - cpu0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="crawl processes side by side")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    servers = [DemoServer() for _ in range(args.copies)]
    bases = [s.start() for s in servers]
    os.environ["WBP_DEMO_URL"] = bases[0]
    sources = load_sources(ROOT / "sources.yaml").enabled()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pages, wall, cpu, urls = run_generic(sources, bases, Path(tmp), args.workers)
            bare_pages, bare_wall, bare_cpu = run_bare(urls, Path(tmp), args.workers)
    finally:
        for s in servers:
            s.stop()
    result = {
        "copies": args.copies, "sources": len(sources), "workers": args.workers,
        "generic": {"pages": pages, "seconds": round(wall, 2), "pages_per_s": round(pages / wall, 1),
                    "cpu_s_per_1000_pages": round(1000 * cpu / pages, 2)},
        "bare": {"pages": bare_pages, "seconds": round(bare_wall, 2), "pages_per_s": round(bare_pages / bare_wall, 1),
                 "cpu_s_per_1000_pages": round(1000 * bare_cpu / bare_pages, 2)},
    }
    result["extraction_overhead_cpu"] = round(result["generic"]["cpu_s_per_1000_pages"]
                                              / result["bare"]["cpu_s_per_1000_pages"] - 1, 3)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        g, b = result["generic"], result["bare"]
        print(f"generic spider: {g['pages']} pages in {g['seconds']} s = {g['pages_per_s']} pages/s, "
              f"{g['cpu_s_per_1000_pages']} CPU s / 1000 pages")
        print(f"bare fetch:     {b['pages']} pages in {b['seconds']} s = {b['pages_per_s']} pages/s, "
              f"{b['cpu_s_per_1000_pages']} CPU s / 1000 pages")
        print(f"extraction adds {result['extraction_overhead_cpu']:.0%} CPU over the bare fetch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
