"""Per-source progress (pages, items) on stderr, and a stats file for the run record."""
from __future__ import annotations

import json
import os
import sys
import time

from scrapy import signals


EXPLAINED = {
    "CancelledError": "download cancelled (a page larger than the 10 MB limit, or the crawl was stopped)",
    "DownloadCancelledError": "download cancelled: a page larger than the maximum size (10 MB)",
    "TimeoutError": "the site did not answer in time",
    "TCPTimedOutError": "the site did not answer in time",
    "DNSLookupError": "host name not found (DNS): is the address right?",
    "ConnectionRefusedError": "connection refused: the site is down",
    "ResponseNeverReceived": "the connection broke before an answer came",
}


class Progress:
    def __init__(self, crawler):
        self.crawler = crawler
        self.pages = 0
        self.items = 0
        self.bytes = 0
        self.max_bytes = crawler.settings.getint("WBP_MAX_BYTES", 0)
        self.cached = 0
        self.url_log = os.environ.get("WBP_URL_LOG")  # benchmarks replay the fetched URLs
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.tty = crawler.settings.getbool("WBP_PROGRESS", False)
        self.stats_path = crawler.settings.get("WBP_STATS_FILE")
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _show(self, spider, final=False):
        now = time.monotonic()
        if self.tty and (final or now - self.last > 0.2):
            self.last = now
            end = "\n" if final else "\r"
            sys.stderr.write(f"  {spider.source_key}: {self.pages} pages, {self.items} items{end}")
            sys.stderr.flush()

    def response_received(self, response, request, spider):
        self.pages += 1
        self.bytes += len(response.body)
        if self.url_log and not response.url.endswith("/robots.txt"):
            self.urls.append(response.url)
        if "cached" in response.flags:
            self.cached += 1
        if self.max_bytes and self.bytes > self.max_bytes:
            spider.problem(f"byte cap reached ({self.max_bytes // 1024 // 1024} MB); crawl stopped")
            self.crawler.engine.close_spider(spider, "bytes_cap")
        if response.status >= 400 and not response.url.endswith("/robots.txt"):
            self.errors.append(f"HTTP {response.status} {response.url}")
        self._show(spider)

    def item_scraped(self, item, response, spider):
        self.items += 1
        self._show(spider)

    def spider_error(self, failure, response, spider):
        self.errors.append(f"{failure.getErrorMessage()} ({response.url})")

    def spider_closed(self, spider, reason):
        self._show(spider, final=True)
        if self.url_log:
            with open(self.url_log, "w", encoding="utf-8") as fh:
                fh.write("\n".join(self.urls))
        stats = self.crawler.stats.get_stats()
        for key, value in stats.items():
            if key.startswith("downloader/exception_type_count/"):
                name = key.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
                self.errors.append(f"{value}x {name}" + (f": {EXPLAINED[name]}" if name in EXPLAINED else ""))
        # What else stopped pages from being read, in words a maintainer can act on.
        if stats.get("robotstxt/forbidden"):
            self.errors.append(f"{stats['robotstxt/forbidden']} pages forbidden by the site's robots.txt")
        redirects = sum(stats.get(f"downloader/response_status_count/{code}", 0) for code in (301, 302, 303, 307, 308))
        if redirects and not self.items:
            self.errors.append(f"{redirects} redirects and no offer: a redirect loop or too many redirects?")
        if stats.get("offsite/filtered"):
            self.errors.append(f"{stats['offsite/filtered']} links or redirects to other hosts not followed "
                               f"(add them to allowed_domains if they belong to the provider)")

        if self.stats_path:
            with open(self.stats_path, "w", encoding="utf-8") as fh:
                json.dump({
                    "source": spider.source_key, "finish_reason": reason, "pages": self.pages,
                    "items": self.items, "errors": self.errors[:50] + getattr(spider, "problems", [])[:50],
                    "robots_forbidden": stats.get("robotstxt/forbidden", 0),
                    "bytes": self.bytes, "revalidated_304": stats.get("httpcache/revalidate", 0),
                    "cache_hits": stats.get("httpcache/hit", 0),
                    "offsite_filtered": stats.get("offsite/filtered", 0),
                    "responses_4xx_5xx": sum(v for k, v in stats.items()
                                             if k.startswith("downloader/response_status_count/")
                                             and k.rsplit("/", 1)[-1][0] in "45"),
                }, fh, indent=1)
