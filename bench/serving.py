"""Running the real web server (`wbportal serve`) against a benchmark data directory.

The web benchmark measures what a visitor gets: the portal's own server command as its own
process (waitress, or gunicorn with --workers N), a migrated database, and an index built from
the benchmark corpus the way `wbportal index rebuild` builds it. Nothing here imports the Flask
app into the measuring process, so the numbers include HTTP, the WSGI server and the workers.

- `prepare_data_dir`: migrates the database and builds the index once per corpus (cached);
- `Server`: starts and stops the server, reports its processes' peak memory;
- `first_request_after_update`: commits an incremental index update as the crawl pipeline does
  and times the first search request after it and how long until the new offers are found.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
MARKER = "bench-index.json"
UPDATE_OFFERS = 1000
VISIBLE_TIMEOUT_S = 60.0
POLL_INTERVAL_S = 0.02


# -- data directory ---------------------------------------------------------------------------
def server_environ(data_dir: Path) -> dict:
    """The environment of the server and CLI subprocesses: the benchmark's own data directory
    and its SQLite database (a WBPORTAL_DATABASE_URL of the caller, e.g. a test PostgreSQL,
    would point the server at someone else's catalogue)."""
    env = dict(os.environ, WBPORTAL_DATA_DIR=str(Path(data_dir).resolve()))
    env.pop("WBPORTAL_DATABASE_URL", None)
    return env


def _marker_content(offers: int) -> dict:
    from bench.corpus import VERSION

    return {"offers": offers, "corpus_version": VERSION}


def _marker_path(data_dir: Path) -> Path:
    return Path(data_dir) / MARKER


def index_is_built(data_dir: Path, offers: int) -> bool:
    """The index of this corpus (size and generator version) is there and was left unmodified."""
    path = _marker_path(data_dir)
    try:
        return json.loads(path.read_text()) == _marker_content(offers)
    except (OSError, ValueError):
        return False


def prepare_data_dir(data_dir: Path, records_iter: Iterable[dict], rebuild: bool = False, *,
                     offers: int | None = None) -> float | None:
    """Migrates the data directory's database (the web refuses to start otherwise) and builds the
    index of `records_iter` unless the same corpus is already built there.

    Returns the build seconds, or None when the cached index was used. `offers` is the corpus
    size for the cache marker; a list's length is used when it is not given."""
    from index import IndexStore
    from wbportal.paths import DataDir

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "webui.launcher", "db", "upgrade", "--data-dir", str(data_dir),
                    "--quiet"], cwd=ROOT, env=server_environ(data_dir), check=True,
                   stdout=subprocess.DEVNULL)
    if offers is None:
        offers = len(records_iter)  # type: ignore[arg-type]
    if not rebuild and index_is_built(data_dir, offers):
        return None
    _marker_path(data_dir).unlink(missing_ok=True)
    t0 = time.perf_counter()
    IndexStore(DataDir(data_dir.resolve()).index_dir).rebuild((r, "") for r in records_iter)
    seconds = time.perf_counter() - t0
    _marker_path(data_dir).write_text(json.dumps(_marker_content(offers)))
    return seconds


# -- HTTP -------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, timeout: float = 30.0) -> tuple[int, bytes, float]:
    """One GET on a fresh connection: (status, body, milliseconds including the connect)."""
    host, port = base.removeprefix("http://").split(":")
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, body, (time.perf_counter() - t0) * 1000
    finally:
        conn.close()


# -- the server -------------------------------------------------------------------------------
class Server:
    """`python -m webui.launcher serve --port P --workers W` on the data directory, as a context
    manager: started and answering `/` on enter, terminated (SIGTERM, then SIGKILL) on exit."""

    def __init__(self, data_dir: Path, workers: int = 1, port: int | None = None, start_timeout_s: float = 120.0):
        self.data_dir = Path(data_dir)
        self.workers = workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.start_timeout_s = start_timeout_s
        self.log_path = self.data_dir / "server.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "webui.launcher", "serve", "--port", str(self.port), "--workers", str(self.workers),
             "--data-dir", str(self.data_dir.resolve())],
            cwd=ROOT, env=server_environ(self.data_dir), stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_up()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                status, _, _ = get(self.base, "/", timeout=10)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer / within {self.start_timeout_s:.0f} s: {self.log_tail()}")

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def pids(self) -> list[int]:
        """The server process and all its descendants (gunicorn's workers), from /proc."""
        if self.process is None:
            return []
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            for children in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    todo += [int(c) for c in children.read_text().split()]
                except OSError:
                    pass
        return found

    def peak_rss_mb(self) -> dict:
        """Peak resident memory (VmHWM) of the server's processes: the largest one and the sum.
        The sum over-counts what forked workers share with the master (copy-on-write pages), the
        maximum under-counts a multi-process server: both are reported."""
        peaks = []
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return {"max_mb": round(max(peaks), 1) if peaks else None, "sum_mb": round(sum(peaks), 1),
                "processes": len(peaks)}

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


# -- the first request after an index update --------------------------------------------------
def changed_offers(records: list[dict], marker_word: str, count: int = UPDATE_OFFERS) -> list[dict]:
    """`count` offers spread over the corpus whose title got the extra word `marker_word`."""
    step = max(1, len(records) // count)
    return [dict(r, title=f"{r['title']} {marker_word}") for r in records[::step][:count]]


def _total(body: bytes) -> int | None:
    try:
        return json.loads(body)["total"]
    except (ValueError, KeyError, TypeError):
        return None


def first_request_after_update(server: Server, data_dir: Path, records: list[dict], marker_word: str,
                               query_word: str = "Excel", count: int = UPDATE_OFFERS,
                               timeout_s: float = VISIBLE_TIMEOUT_S) -> dict:
    """Commits an update of `count` changed offers to the index as the crawl pipeline does
    (`IndexStore.apply` with content hashes, one commit), then at once times the first search
    page (`/?q=<query_word>`), then polls `/api/offers?q=<marker_word>&past=1` (past offers too,
    so every changed offer counts) until its total is `count`.

    - `update_s`: the commit (what a crawl adds before readers can see anything);
    - `first_request_ms`: the first search after the commit, whichever generation serves it;
    - `new_data_visible_s`: commit until the marker is found in all changed offers, None after
      `timeout_s` (then `visible_timed_out` is True).

    The original records are written back afterwards, so the cached index stays the corpus;
    the cache marker is removed meanwhile, so an interrupted run makes the next one rebuild."""
    from index import IndexStore
    from wbportal.catalogue import content_hash
    from wbportal.paths import DataDir

    store = IndexStore(DataDir(Path(data_dir).resolve()).index_dir)
    changed = changed_offers(records, marker_word, count)
    originals = {r["id"]: r for r in records}
    marker = _marker_path(data_dir)
    saved_marker = marker.read_text() if marker.exists() else None
    marker.unlink(missing_ok=True)
    requests: list[dict] = []
    try:
        t0 = time.perf_counter()
        store.apply((r, content_hash(r)) for r in changed)
        committed = time.perf_counter()
        first_path = "/?" + urlencode({"q": query_word})
        status, _, ms = get(server.base, first_path)
        requests.append({"path": first_path, "status": status, "ms": round(ms, 1),
                         "at_s": round(time.perf_counter() - committed, 3)})
        poll_path = "/api/offers?" + urlencode({"q": marker_word, "past": "1"})
        visible_s = None
        while time.perf_counter() - committed < timeout_s:
            status, body, ms = get(server.base, poll_path)
            total = _total(body) if status == 200 else None
            requests.append({"path": poll_path, "status": status, "ms": round(ms, 1), "total": total,
                             "at_s": round(time.perf_counter() - committed, 3)})
            if total == len(changed):
                visible_s = time.perf_counter() - committed
                break
            time.sleep(POLL_INTERVAL_S)
    finally:
        store.apply((originals[r["id"]], content_hash(originals[r["id"]])) for r in changed)
        if saved_marker is not None:
            marker.write_text(saved_marker)
    return {"changed_offers": len(changed), "update_s": round(committed - t0, 2),
            "first_request_ms": requests[0]["ms"], "first_request_status": requests[0]["status"],
            "new_data_visible_s": None if visible_s is None else round(visible_s, 3),
            "visible_timed_out": visible_s is None, "visible_timeout_s": timeout_s, "requests": requests}
