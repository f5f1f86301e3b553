"""Retries that give a struggling provider server room: exponential backoff and Retry-After."""
from __future__ import annotations

from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import deferred_to_future
from twisted.internet.task import deferLater


def retry_after_seconds(value: bytes | None) -> float | None:
    """The Retry-After header as seconds (delta-seconds or an HTTP date), None if absent/garbled."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, (parsedate_to_datetime(text) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry (RETRY_TIMES, RETRY_HTTP_CODES), waiting WBP_RETRY_BACKOFF seconds before the
    first retry and twice as long before each further one, at most WBP_RETRY_BACKOFF_MAX; a
    server's Retry-After (429/503) is honoured up to that maximum."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("WBP_RETRY_BACKOFF", 1.0)
        self.cap = settings.getfloat("WBP_RETRY_BACKOFF_MAX", 60.0)

    def delay(self, retry: Request, response=None) -> float:
        wait = self.base * 2 ** (retry.meta.get("retry_times", 1) - 1)
        if response is not None:
            wait = max(wait, retry_after_seconds(response.headers.get(b"Retry-After")) or 0.0)
        return min(wait, self.cap)

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            from twisted.internet import reactor
            await deferred_to_future(deferLater(reactor, seconds, lambda: None))

    async def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(self.delay(result, response))
        return result

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(self.delay(result))
        return result
