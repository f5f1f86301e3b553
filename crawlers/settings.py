"""Scrapy settings shared by every crawl: polite, identifiable, bounded."""

BOT_NAME = "wbportal"
USER_AGENT = ("WeiterbildungsportalErzgebirge/0.1 (+https://github.com/weiterbildungsportal-erzgebirge/wbportal; "
              "offer aggregation for the regional Weiterbildungsverbund)")
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1   # one request at a time per provider host
# Items of one response are written to a JSONL feed, nothing slow: Scrapy's default of 100
# parallel item workers per response costs ~100 asyncio tasks per page (bench/crawl.py).
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Retries wait 2 s, then 4 s (capped at 60 s or the server's Retry-After, whichever is larger).
WBP_RETRY_BACKOFF = 2.0
WBP_RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
}
# Hard caps per source against traps (endless calendars, huge pages): pages via max_pages in
# sources.yaml, bytes here (overridable per source with max_bytes).
WBP_MAX_BYTES = 50 * 1024 * 1024
# Conditional re-crawls: cached pages are revalidated with If-Modified-Since / ETag, so an
# unchanged page costs a 304 (enabled when the orchestrator passes a cache directory).
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 408, 429]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# The fragment distinguishes offer cards on one page; requests themselves never carry it.
DUPEFILTER_DEBUG = False
EXTENSIONS = {"crawlers.progress.Progress": 500}

# Settings for crawling our own local demo sites (set by `wbportal demo` and tests via env).
LOCAL_FAST = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "WBP_RETRY_BACKOFF": 0.5,
}
# Revalidate every cached page (no heuristic freshness): unchanged pages answer 304.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,text/calendar;q=0.8,*/*;q=0.5",
    "Accept-Language": "de",
    "Cache-Control": "max-age=0",
}
