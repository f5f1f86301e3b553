"""The one generic spider: its behaviour comes from the source's configuration."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

import scrapy

from .strategies import STRATEGY_NAMES, load

if TYPE_CHECKING:  # the shared raw item contract; for type checkers only, the crawl imports no normalize
    from normalize.raw_item import RawItem

STRATEGIES = {name: load(name) for name in STRATEGY_NAMES}


class GenericSpider(scrapy.Spider):
    name = "generic"

    def __init__(self, source_config: dict, **kwargs):
        super().__init__(**kwargs)
        self.config = source_config
        self.source_key = source_config["key"]
        self.allowed_domains = source_config.get("allowed_domains") or []
        self.start_urls = source_config["start_urls"]
        self.max_pages = source_config.get("max_pages", 200)
        self.pages_requested = len(self.start_urls)
        self.strategy = STRATEGIES[source_config["strategy"]]
        self.problems: list[str] = []
        self.headers = source_config.get("headers") or None  # e.g. MOOChub's versioned Accept header
        if source_config.get("download_delay") is not None:
            self.download_delay = source_config["download_delay"]

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self._start, dont_filter=True, headers=self.headers)

    def start_requests(self):  # Scrapy < 2.13
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self._start, dont_filter=True, headers=self.headers)

    def _start(self, response):
        yield from self.strategy.parse_start(self, response)

    def problem(self, message: str) -> None:
        """Record something a maintainer should see in the run report (not an exception)."""
        self.logger.warning(message)
        self.problems.append(message)

    def follow(self, response, link: str, callback, *, partial: dict | None = None, page: bool = False):
        """A request to a link found on a page, bounded by max_pages (calendar traps, endless lists)."""
        if self.pages_requested >= self.max_pages:
            if page or partial is not None:
                self.problem(f"max_pages ({self.max_pages}) reached; not following {link}")
            return None
        self.pages_requested += 1
        url = response.urljoin(link)
        return scrapy.Request(url, callback=lambda r: callback(self, r), headers=self.headers,
                              meta={"partial": partial or {}})

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
