"""Serve a replay site: a folder whose `routes.yaml` maps requested URLs to files.

    "/index.php?kathaupt=1&katid=5": {file: liste.html}
    "/wp-json/tribe/events/v1/events?per_page=50": {file: events-1.json, type: application/json}
    "/api/v1/courses": {file: courses.json, require_headers: {Accept: "application/vnd.api+json; moochub-version=3"}}
    "/events/?ical=1": {status: 404}

Keys are path plus query as requested (query parameters in any order match). `{base}` in a
served file becomes the server's address, so absolute links (`next_rest_url`, `links.next`) point
back at it. A route with `require_headers` answers 406 when a header is missing or differs, as a
MOOChub server that insists on its version does. `requests` records every request's path, so a
test can check what the crawler asked for. `served_file(site, url)` is the file a URL maps to.
"""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
         ".ics": "text/calendar; charset=utf-8"}


def _key(url: str) -> tuple[str, tuple]:
    parts = urlsplit(url)
    return parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def load_routes(site: Path) -> dict[tuple, dict]:
    routes = yaml.safe_load((site / "routes.yaml").read_text(encoding="utf-8"))
    return {_key(url): (spec or {}) for url, spec in routes.items()}


def served_file(site: Path, url: str) -> Path | None:
    """The file of `site` that the path and query of `url` are served from (None: no such route)."""
    spec = load_routes(site).get(_key(url)) or {}
    return site / spec["file"] if spec.get("file") else None


def replay_handler(site: Path, requests: list | None = None):
    """A request handler class serving `site` (for the `serve` fixture)."""
    routes = load_routes(site)

    class Replay(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            if requests is not None:
                requests.append({"path": self.path, "headers": dict(self.headers)})
            spec = routes.get(_key(self.path))
            if spec is None:
                return self._answer(404, b"not found", "text/plain")
            for name, wanted in (spec.get("require_headers") or {}).items():
                if self.headers.get(name) != wanted:
                    return self._answer(406, f"{name} must be {wanted}".encode(), "text/plain")
            if "file" not in spec:
                return self._answer(int(spec.get("status", 404)), b"", "text/plain")
            path = site / spec["file"]
            body = path.read_bytes()
            base = f"http://{self.headers.get('Host')}".encode()
            body = body.replace(b"{base}", base)
            self._answer(int(spec.get("status", 200)), body, spec.get("type") or TYPES.get(path.suffix, "text/plain"))

        def _answer(self, status: int, body: bytes, content_type: str):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Replay
