"""Entry point of one crawl process: `python -m crawlers.run CONFIG.json OUT.jsonl STATS.json`.

Each crawl runs in a fresh process because Twisted's reactor cannot be restarted.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from . import settings as default_settings
from .spider import GenericSpider


def crawl_settings(out: str, stats: str, *, progress: bool, local_fast: bool, concurrency: int | None) -> Settings:
    s = Settings()
    s.setmodule(default_settings, priority="project")
    s.set("FEEDS", {out: {"format": "jsonlines", "encoding": "utf8", "overwrite": True}})
    s.set("WBP_STATS_FILE", stats)
    s.set("WBP_PROGRESS", progress)
    if local_fast:
        s.update(default_settings.LOCAL_FAST, priority="cmdline")
    if concurrency:
        s.set("CONCURRENT_REQUESTS_PER_DOMAIN", concurrency, priority="cmdline")
    return s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="source configuration as JSON")
    parser.add_argument("out", help="raw items JSONL")
    parser.add_argument("stats", help="run statistics JSON")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="stop after this many items (preview)")
    parser.add_argument("--cache-dir", default=None, help="HTTP cache for conditional re-crawls")
    args = parser.parse_args(argv)
    with open(args.config, encoding="utf-8") as fh:
        config = json.load(fh)
    settings = crawl_settings(args.out, args.stats, progress=args.progress,
                              local_fast=os.environ.get("WBP_LOCAL_FAST") == "1", concurrency=config.get("concurrency"))
    if args.limit:
        settings.set("CLOSESPIDER_ITEMCOUNT", args.limit, priority="cmdline")
    if args.cache_dir:
        settings.set("HTTPCACHE_ENABLED", True, priority="cmdline")
        settings.set("HTTPCACHE_DIR", args.cache_dir, priority="cmdline")
    if config.get("max_bytes"):
        settings.set("WBP_MAX_BYTES", config["max_bytes"], priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(GenericSpider, source_config=config)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
