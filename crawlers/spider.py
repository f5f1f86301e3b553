"""The one generic spider: its behaviour comes from the source's configuration.

Fallback. A source may name a `fallback` (wbportal.config.FallbackSpec): another strategy with
its own start URLs and settings blocks, e.g. a WordPress site's iCal export when its REST API is
switched off. When a start URL fails (an HTTP error status after retries, a network error, or,
for the json strategy, a first page that is not JSON or has no records list), the spider
switches once to the fallback: its strategy and blocks replace the source's, its start URLs are
requested, and the run report says so. Responses of the abandoned configuration that are still
under way are dropped. Later pages' errors are reported as always and never switch.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from .strategies import STRATEGY_NAMES, load

if TYPE_CHECKING:  # the shared raw item contract; for type checkers only, the crawl imports no normalize
    from normalize.raw_item import RawItem

STRATEGIES = {name: load(name) for name in STRATEGY_NAMES}
BLOCKS = ("list", "detail", "api", "feed", "xml", "sitemap")
"""A source's strategy settings blocks (sources.yaml keys); a fallback replaces all of them."""


class GenericSpider(scrapy.Spider):
    name = "generic"

    def __init__(self, source_config: dict, **kwargs):
        super().__init__(**kwargs)
        self.config = source_config
        self.source_key = source_config["key"]
        self.fallback = source_config.get("fallback") or None
        self.fell_back = False
        self.generation = 0  # 1 after the switch to the fallback; older responses are dropped
        self.allowed_domains = list(source_config.get("allowed_domains") or [])
        if self.allowed_domains and self.fallback:
            self.allowed_domains += sorted({urlsplit(u).hostname for u in self.fallback["start_urls"]}
                                           - set(self.allowed_domains))
        self.start_urls = source_config["start_urls"]
        self.max_pages = source_config.get("max_pages", 200)
        self.pages_requested = len(self.start_urls)
        self.strategy = STRATEGIES[source_config["strategy"]]
        self.problems: list[str] = []
        self._reported: set = set()  # keys of problem_once
        self.headers = source_config.get("headers") or None  # e.g. MOOChub's versioned Accept header
        if source_config.get("download_delay") is not None:
            self.download_delay = source_config["download_delay"]

    async def start(self):
        for url in self.start_urls:
            yield self.start_request(url)

    def start_requests(self):  # Scrapy < 2.13
        for url in self.start_urls:
            yield self.start_request(url)

    def start_request(self, url: str) -> scrapy.Request:
        """A start URL's request; with a fallback, its failure comes back to `_start_failed`."""
        return scrapy.Request(url, callback=self._start, dont_filter=True, headers=self.headers,
                              errback=self._start_failed if self.fallback else None,
                              meta={"wbp_generation": self.generation})

    def _start(self, response):
        if response.meta.get("wbp_generation", 0) != self.generation:
            return  # the source's own start page, answered after the switch to the fallback
        yield from self.strategy.parse_start(self, response)

    def _start_failed(self, failure):
        request = failure.request
        if request.meta.get("wbp_generation", 0) != self.generation:
            return []
        if failure.check(HttpError):
            reason = f"{request.url} answered HTTP {failure.value.response.status}"
        else:
            reason = f"{request.url} could not be fetched ({failure.type.__name__}: {failure.getErrorMessage()})"
        requests = self.fall_back(request.url, reason)
        if requests is None and self.fell_back:
            self.problem(f"the fallback failed too: {reason}")
        return requests or []

    def fall_back(self, url: str, reason: str) -> list[scrapy.Request] | None:
        """Switch to the source's fallback because start URL `url` failed (`reason`), once per
        crawl: the requests of the fallback's start URLs, or None without a fallback (or after
        the switch), when the caller reports the failure as usual."""
        if not self.fallback or self.fell_back:
            return None
        fallback = self.fallback
        self.fell_back = True
        self.generation += 1
        self.config = {**self.config, "strategy": fallback["strategy"], "start_urls": fallback["start_urls"],
                       **{block: fallback.get(block) for block in BLOCKS}}
        self.strategy = STRATEGIES[fallback["strategy"]]
        self.start_urls = fallback["start_urls"]
        self.pages_requested += len(self.start_urls)
        self.problem(f"{reason}; crawled the fallback instead: {fallback['strategy']} strategy at "
                     f"{', '.join(self.start_urls)}")
        return [self.start_request(u) for u in self.start_urls]

    def problem(self, message: str) -> None:
        """Record something a maintainer should see in the run report (not an exception)."""
        self.logger.warning(message)
        self.problems.append(message)

    def problem_once(self, key, message: str) -> None:
        """A problem once per crawl for `key`: a site's pages share one layout, and the same
        report from every page would push the others out of the run report (it keeps 50)."""
        if key not in self._reported:
            self._reported.add(key)
            self.problem(message)

    def follow(self, response, link: str, callback, *, partial: dict | None = None, page: bool = False):
        """A request to a link found on a page, bounded by max_pages (calendar traps, endless lists)."""
        if self.pages_requested >= self.max_pages:
            if page or partial is not None:
                self.problem(f"max_pages ({self.max_pages}) reached; not following {link}")
            return None
        self.pages_requested += 1
        url = response.urljoin(link)
        generation = self.generation

        def parse(r):  # a page of the configuration given up for the fallback is dropped
            return callback(self, r) if generation == self.generation else []

        return scrapy.Request(url, callback=parse, headers=self.headers, meta={"partial": partial or {}})

    def raw_item(self, response, fields: dict, url: str | None = None) -> RawItem:
        """The raw item contract (normalize/raw_item.py): strings as found, plus where and when
        they were found. Every raw item a strategy yields is made here."""
        item: RawItem = dict(fields)  # type: ignore[assignment]  # keys as configured for the source
        item["url"] = url or fields.get("url") or response.url
        item.setdefault("provider", self.config["provider"])
        item["source"] = self.source_key
        item["page_url"] = response.url
        item["fetched_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return item
