"""`sitemap`: discovery through sitemap.xml (and sitemap index files), with URL and lastmod filters.

The pages found are extracted like detail pages of the `structured` (schema.org) or `html`
strategy, chosen with `sitemap.extract`.
"""
from __future__ import annotations

import re

from scrapy.utils.sitemap import Sitemap

from . import html, structured


def _entries(response):
    try:
        return Sitemap(response.body)
    except Exception:  # lxml raises assorted errors on non-XML bodies
        return None


def parse_sitemap(spider, response):
    cfg = spider.config["sitemap"]
    sitemap = _entries(response)
    if sitemap is None:
        spider.problem(f"not a sitemap: {response.url}")
        return
    follow = [re.compile(p) for p in cfg.get("follow") or []]
    after = cfg.get("lastmod_after")
    extractor = structured.parse_detail if cfg.get("extract", "structured") == "structured" else html.parse_detail
    for entry in sitemap:
        loc = entry.get("loc", "").strip()
        if not loc:
            continue
        if sitemap.type == "sitemapindex":
            request = spider.follow(response, loc, parse_sitemap, page=True)
        else:
            if follow and not any(p.search(loc) for p in follow):
                continue
            if after and entry.get("lastmod") and entry["lastmod"][:10] < str(after):
                continue
            request = spider.follow(response, loc, extractor, partial={})
        if request is not None:
            yield request


parse_start = parse_sitemap
