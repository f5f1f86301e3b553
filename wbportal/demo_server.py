"""Serves the demo provider sites (demo/sites) on 127.0.0.1 from a background thread."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITES_DIR = Path(__file__).resolve().parent.parent / "demo" / "sites"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".jsonl": "application/x-ndjson",
    }

    def log_message(self, fmt, *args):  # quiet: the crawl shows progress itself
        pass


class DemoServer:
    """`with DemoServer() as url:` serves the sites until the block ends."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", directory: Path = SITES_DIR):
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self.thread.start()
        return self.url

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
