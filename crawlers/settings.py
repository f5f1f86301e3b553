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
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
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
}
