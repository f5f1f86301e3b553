"""`sitemap`: discovery through sitemap.xml (and sitemap index files), with URL and lastmod filters.

The pages found are extracted like detail pages of the `structured` (schema.org) or `html`
strategy, chosen with `sitemap.extract`. A start URL may be a sitemap, a sitemap index, a
gzipped sitemap (.xml.gz) or a robots.txt with `Sitemap:` lines. `follow` (regexes) limits the
pages crawled, not the sitemaps; `lastmod_after` ("YYYY-MM-DD") skips pages last modified before
that day. W3C dates may be partial ("2024", "2024-05") or carry a time and zone; a partial date
counts as the last day it may mean, and a page without <lastmod> is always crawled.
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from . import SITEMAP_EXTRACTS, load

_W3C_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def lastmod_day(value: str | None) -> date | None:
    """The (latest possible) day of a sitemap <lastmod>, or None if it is not a W3C date."""
    m = _W3C_DATE.match(value or "")
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 12), m[3]
    try:
        return date(year, month, int(day) if day else monthrange(year, month)[1])
    except ValueError:
        return None


def _body(response) -> bytes:
    body = response.body
    if body[:2] == b"\x1f\x8b":  # a .xml.gz served without Content-Encoding
        try:
            return gunzip(body)
        except OSError:
            return b""
    return body


def _entries(body: bytes):
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises assorted errors on non-XML bodies
        return None
    return sitemap if sitemap.type in ("urlset", "sitemapindex") else None


def parse_sitemap(spider, response):
    cfg = spider.config["sitemap"]
    if response.url.endswith("/robots.txt"):
        found = False
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            found = True
            request = spider.follow(response, url, parse_sitemap, page=True)
            if request is not None:
                yield request
        if not found:
            spider.problem(f"no Sitemap: line in {response.url}")
        return
    sitemap = _entries(_body(response))
    if sitemap is None:
        spider.problem(f"not a sitemap: {response.url}")
        return
    follow = [re.compile(p) for p in cfg.get("follow") or []]
    after = date.fromisoformat(str(cfg["lastmod_after"])) if cfg.get("lastmod_after") else None
    extractor = load(cfg.get("extract") or SITEMAP_EXTRACTS[0]).parse_detail
    for entry in sitemap:
        loc = (entry.get("loc") or "").strip()
        if not loc:
            continue
        if sitemap.type == "sitemapindex":
            request = spider.follow(response, loc, parse_sitemap, page=True)
        else:
            if follow and not any(p.search(loc) for p in follow):
                continue
            if after and entry.get("lastmod"):
                day = lastmod_day(entry["lastmod"])
                if day is not None and day < after:
                    continue
            request = spider.follow(response, loc, extractor, partial={})
        if request is not None:
            yield request


parse_start = parse_sitemap
