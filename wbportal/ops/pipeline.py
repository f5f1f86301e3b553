"""crawl (subprocess) -> normalize -> catalogue -> index, one source at a time.

A broken provider site must not wipe that provider's offers: a failed run changes nothing, a
degraded run updates but never removes, and only an ok run may retire vanished offers.
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from normalize import OfferError, build_offer, merge_duplicates

from ..catalogue import Catalogue, ChangeSet, content_hash, now_iso
from ..config import Source
from ..paths import DataDir
from ..providers.corrections import overlay
from .locks import source_lock
from .quality import coverage, coverage_drops, unparsed

# Crawl processes of this process, so that a scheduler stopping on SIGTERM can end them cleanly
# (their runs are recorded as failed and change nothing).
RUNNING: set[subprocess.Popen] = set()
ABANDONED: set[subprocess.Popen] = set()  # the crawls a shutdown ended: never judged, never applied
_LOCK = threading.Lock()


def abandon_running_crawls() -> None:
    with _LOCK:
        for proc in list(RUNNING):
            ABANDONED.add(proc)
            proc.terminate()


MAX_DROP_SHARE = 0.5      # more vanished than this share: keep them, call the run degraded
MAX_INVALID_SHARE = 0.2   # more invalid raw items than this: degraded
CRAWL_TIMEOUT_S = 30 * 60


@dataclass
class RunReport:
    source: str
    status: str = "ok"
    pages: int = 0
    raw_items: int = 0
    valid: int = 0
    invalid: int = 0
    changes: ChangeSet = field(default_factory=ChangeSet)
    errors: list[str] = field(default_factory=list)
    invalid_fields: Counter = field(default_factory=Counter)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    """(raw JSONL line, field, message) of the first rejected raw items, as `errors` lists them."""
    raw_path: str = ""
    duration_s: float = 0.0
    coverage: dict = field(default_factory=dict)
    unparsed: dict = field(default_factory=dict)

    def line(self) -> str:
        c = self.changes
        return (f"{self.source}: {self.status} — {self.pages} pages, {self.raw_items} raw items, "
                f"{self.valid} offers ({self.invalid} invalid); +{len(c.added)} new, "
                f"{len(c.changed)} changed, -{len(c.removed)} removed")


def run_crawler(source: Source, raw_dir: Path, *, progress: bool, timeout: float = CRAWL_TIMEOUT_S,
                limit: int | None = None, cache_dir: Path | None = None) -> tuple[Path, dict, str]:
    """Run the generic spider in its own process; returns raw JSONL path, stats and stderr tail."""
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    out, stats_path = raw_dir / f"{stamp}.jsonl", raw_dir / f"{stamp}.stats.json"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(source.crawl_config(), fh)
        config_path = fh.name
    cmd = [sys.executable, "-m", "crawlers.run", config_path, str(out), str(stats_path)]
    if progress:
        cmd.append("--progress")
    if limit:
        cmd += ["--limit", str(limit)]
    if cache_dir:
        cmd += ["--cache-dir", str(cache_dir)]
    root = Path(__file__).resolve().parents[2]  # the checkout, for crawlers/
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=None if progress else subprocess.PIPE,
                            text=True, env=env)
    with _LOCK:
        RUNNING.add(proc)
    try:
        _, stderr = proc.communicate(timeout=timeout)
        tail = (stderr or "")[-2000:]
        returncode = proc.returncode
        if returncode and returncode < 0:
            tail = f"crawl process ended by signal {-returncode}" + (" (abandoned: shutting down)" if proc in ABANDONED else "")
        elif proc in ABANDONED:
            # Scrapy takes SIGTERM as a graceful stop and exits 0 with half the pages: a crawl that
            # ended while we shut down is abandoned, never judged (it would retire unseen offers).
            tail, returncode = "crawl abandoned: the scheduler was shutting down", -15
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        tail, returncode = f"crawl timed out after {timeout:.0f} s", -1
    finally:
        with _LOCK:
            RUNNING.discard(proc)
            ABANDONED.discard(proc)
        os.unlink(config_path)
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    stats["returncode"] = returncode
    return out, stats, tail


def normalize_file(path: Path, source: Source, reference: date | None = None) -> tuple[list[dict], RunReport]:
    """Raw JSONL -> valid offer records (deduplicated by id) and a report of what failed."""
    report = RunReport(source.key, raw_path=str(path))
    defaults = source.defaults.model_dump(exclude_none=True) | {"provider": source.provider, "source": source.key}
    records: dict[str, dict] = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                report.raw_items += 1
                try:
                    offer = build_offer(json.loads(line), defaults, reference=reference)
                except (OfferError, ValueError) as exc:
                    report.invalid += 1
                    report.invalid_fields[getattr(exc, "field", None) or "item"] += 1
                    if len(report.errors) < 20:
                        report.errors.append(f"{path.name}:{lineno}: {exc}")
                        report.rejected.append((lineno, getattr(exc, "field", None) or "item", str(exc)))
                    continue
                records.setdefault(offer.id, offer.to_record())
    report.valid = len(records)
    report.coverage = coverage(list(records.values()))
    report.unparsed = unparsed(list(records.values()))
    garbled = sum(1 for r in records.values() if "\ufffd" in r["title"] + r.get("description", ""))
    if garbled:
        report.errors.append(f"{garbled} offers contain characters that could not be decoded: the site may "
                             f"declare the wrong charset (e.g. ISO-8859-1 pages sent as UTF-8)")
    return list(records.values()), report


def judge(report: RunReport, stats: dict, previous_active: int, last_good_coverage: dict | None = None,
          max_drop_share: float = MAX_DROP_SHARE) -> str:
    """ok / degraded / failed, from what the crawl saw compared with the last good state."""
    if stats.get("returncode", 0) != 0 or not stats.get("finish_reason"):
        return "failed"
    if report.valid == 0:
        return "failed"
    drops = coverage_drops(report.coverage, last_good_coverage)
    if drops:
        report.errors[:0] = drops
        return "degraded"
    if previous_active and report.valid < previous_active * (1 - max_drop_share):
        return "degraded"
    if report.raw_items and report.invalid / report.raw_items > MAX_INVALID_SHARE:
        return "degraded"
    return "ok"


def crawl_source(source: Source, data: DataDir, catalogue: Catalogue, index_store, *, job: str = "manual",
                 progress: bool = False, timeout: float = CRAWL_TIMEOUT_S) -> RunReport:
    """Crawl, normalize, judge and apply one source; raises SourceBusy if it is being crawled."""
    with source_lock(data.lock_dir, source.key):
        return _crawl_source(source, data, catalogue, index_store, job=job, progress=progress, timeout=timeout)


def _crawl_source(source: Source, data: DataDir, catalogue: Catalogue, index_store, *, job: str,
                  progress: bool, timeout: float) -> RunReport:
    started, t0 = now_iso(), time.monotonic()
    raw_path, stats, tail = run_crawler(source, data.raw_dir(source.key), progress=progress, timeout=timeout,
                                        cache_dir=data.cache_dir(source.key))
    records, report = normalize_file(raw_path, source)
    report.pages = stats.get("pages", 0)
    report.errors = stats.get("errors", []) + report.errors
    if stats.get("returncode", 0) != 0:
        report.errors.insert(0, f"crawler exited with {stats.get('returncode')}: {tail.strip()[-300:]}")
    return _judge_apply_record(source, catalogue, index_store, report, records, stats, job=job, started=started,
                               t0=t0, raw_path=raw_path)


def _judge_apply_record(source: Source, catalogue: Catalogue, index_store, report: RunReport, records: list[dict],
                        stats: dict, *, job: str, started: str, t0: float, raw_path: Path) -> RunReport:
    """Judge a run against the last good one, apply it only as far as its status allows, update
    the index, and record the run."""
    last_good = catalogue.last_run(source.key, status="ok")
    report.status = judge(report, stats, catalogue.active_count(source.key),
                          last_good["coverage"] if last_good else None, source.max_drop_share)
    if report.status != "failed":
        ok = report.status == "ok"
        records = overlay(catalogue.db, source.key, records)  # providers' corrections win; hidden offers stay out
        report.changes = catalogue.apply(source.key, records, remove_missing=ok, update_existing=ok)
        if index_store is not None:
            update_index(catalogue, index_store, report.changes)
    report.duration_s = round(time.monotonic() - t0, 2)
    catalogue.record_run(
        source=source.key, job=job, started=started, finished=now_iso(), status=report.status,
        pages=report.pages, raw_items=report.raw_items, offers_valid=report.valid, offers_invalid=report.invalid,
        added=len(report.changes.added), changed=len(report.changes.changed), removed=len(report.changes.removed),
        duration_s=report.duration_s, errors=report.errors, raw_path=str(raw_path), coverage=report.coverage,
        unparsed=report.unparsed)
    return report


def renormalize_source(source: Source, data: DataDir, catalogue: Catalogue, index_store, *,
                       job: str = "renormalize") -> RunReport | None:
    """Normalize the latest raw snapshot again (after a parser fix), without crawling."""
    snapshots = sorted(data.raw_dir(source.key).glob("*.jsonl"))
    if not snapshots:
        return None
    with source_lock(data.lock_dir, source.key):
        started, t0 = now_iso(), time.monotonic()
        records, report = normalize_file(snapshots[-1], source)
        stats_path = snapshots[-1].with_suffix(".stats.json")
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {"finish_reason": "finished"}
        stats.setdefault("returncode", 0)
        return _judge_apply_record(source, catalogue, index_store, report, records, stats, job=job,
                                   started=started, t0=t0, raw_path=snapshots[-1])


def update_index(catalogue: Catalogue, index_store, changes: ChangeSet) -> int:
    """Touch only what the run changed. Listings of the same run by several sources are one
    document: every group a changed or removed offer belongs to is merged again."""
    keys = catalogue.dedupe_keys(changes.upserts + changes.removed)
    grouped = {i for i, key in keys.items() if key}
    merged, dropped = merge_duplicates(catalogue.active_with_dedupe_keys(keys.values()))
    singles = catalogue.iter_offers(ids=[i for i in changes.upserts if i not in grouped])
    upserts = ((r, content_hash(r)) for r in itertools.chain(singles, merged))
    return index_store.apply(upserts, deletes=list(dict.fromkeys(changes.removed + list(dropped))))


def rebuild_index(catalogue: Catalogue, index_store) -> int:
    merged, _ = merge_duplicates(catalogue.iter_offers())
    return index_store.rebuild((r, content_hash(r)) for r in merged)
