"""Crawl politeness against a real local server whose behaviour we control: retries back off,
redirects off the provider's host are not followed, robots.txt is obeyed."""
from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from crawlers.middlewares import retry_after_seconds


def event(n: int, host: str) -> dict:
    return {"id": n, "title": f"Erste Hilfe Grundkurs {n}", "url": f"http://{host}/kurs/{n}.html",
            "start_date": f"2027-03-{n:02d}", "cost": "60 €"}


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, list[float]] = {}

    def log_message(self, *args):
        pass

    def send(self, status: int, body: bytes = b"", **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.hits.setdefault(self.path, []).append(time.monotonic())
        host = self.headers["Host"]
        if self.path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /intern/\n", Content_Type="text/plain")
        if self.path == "/api/flaky.json":  # two 503s, then the page
            if len(self.hits[self.path]) <= 2:
                return self.send(503, b"busy")
            return self.send(200, json.dumps({"events": [event(1, host)], "next": f"http://{host}/api/moved.json"})
                             .encode(), Content_Type="application/json")
        if self.path == "/api/moved.json":  # the next page redirects to another host
            port = self.server.server_address[1]
            return self.send(302, Location=f"http://localhost:{port}/api/elsewhere.json")
        if self.path == "/api/start.json":
            return self.send(200, json.dumps({"events": [event(2, host)], "next": f"http://{host}/intern/p2.json"})
                             .encode(), Content_Type="application/json")
        return self.send(200, json.dumps({"events": [event(9, host)]}).encode(), Content_Type="application/json")


@pytest.fixture()
def server(serve):
    Handler.hits = {}
    with serve(Handler) as url:
        yield url


@pytest.fixture()
def crawl(cli, tmp_path):
    """crawl(start_url) -> the CompletedProcess of `wbportal crawl` of a json source starting there."""
    def run(start_url: str):
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"""sources:
  flaky:
    provider: Testanbieter
    strategy: json
    start_urls: ["{start_url}"]
    api:
      records: events
      next: next
      fields: {{url: url, title: title, start: start_date, price: cost}}
""", encoding="utf-8")
        return cli("crawl", "--quiet", "--sources", sources, data_dir=tmp_path / "data", returncode=None,
                   timeout=120)
    return run


def test_retries_back_off_and_offsite_redirect_is_dropped(server, crawl):
    proc = crawl(f"{server}/api/flaky.json")
    hits = Handler.hits["/api/flaky.json"]
    assert len(hits) == 3, proc.stdout + proc.stderr
    first_wait, second_wait = hits[1] - hits[0], hits[2] - hits[1]
    assert first_wait >= 0.45 and second_wait >= 1.5 * first_wait  # 0.5 s, then 1 s (LOCAL_FAST base)
    assert "/api/elsewhere.json" not in Handler.hits  # the redirect to localhost left the allowed host
    assert "flaky: ok" in proc.stdout and "1 offers" in proc.stdout, proc.stdout + proc.stderr


def test_robots_txt_is_obeyed(server, crawl):
    proc = crawl(f"{server}/api/start.json")
    assert "/robots.txt" in Handler.hits
    assert "/intern/p2.json" not in Handler.hits
    assert "flaky: ok" in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.parametrize("header, expected", [(b"120", 120.0), (None, None), (b"soon", None),
                                              (b"Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_header(header, expected):
    assert retry_after_seconds(header) == expected
