"""`wbportal scheduler`: schedules.yaml run by APScheduler, safely, night after night.

- One APScheduler job per (job, source) for crawls, each with the job's jitter, so that hosts
  are not all hit at 02:00; `max_instances=1` and a lock file per source keep runs of one source
  from overlapping (also against a crawl started by hand).
- Each crawl runs Scrapy as its own subprocess with the job's timeout (pipeline.run_crawler).
- Missed runs: on start-up, a job whose last fire time passed while the scheduler was down, and
  is at most `grace_minutes` late, runs once (coalesced), judged from the run history.
- The files are re-read when they change; a bad edit is logged and the last good version keeps
  running. SIGTERM ends running crawls (recorded as failed, nothing changed) and stops.
"""
from __future__ import annotations

import logging
import logging.handlers
import signal
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from ..catalogue import now_iso
from ..config import load_sources
from ..paths import DataDir
from ..portal import Portal
from ..yamlfile import ConfigError
from . import jobs
from .locks import SourceBusy
from .schedules import Job, load_schedules

log = logging.getLogger("wbportal.scheduler")
NO_SOURCE = "-"  # runs of jobs that concern the whole catalogue (rebuild, cleanup)


def setup_logging(data: DataDir) -> None:
    """Logs to stdout and to a rotating file in the data directory."""
    (data.root / "logs").mkdir(parents=True, exist_ok=True)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    handlers = [logging.StreamHandler(sys.stdout),
                logging.handlers.RotatingFileHandler(data.root / "logs" / "scheduler.log", maxBytes=5_000_000,
                                                     backupCount=5, encoding="utf-8")]
    for handler in handlers:
        handler.setFormatter(fmt)
        log.addHandler(handler)
    log.setLevel(logging.INFO)


class PortalScheduler:
    def __init__(self, schedules_path: str | Path, sources_path: str | Path, data: DataDir,
                 *, reload_seconds: float = 30):
        self.schedules_path, self.sources_path = Path(schedules_path), Path(sources_path)
        self.data = data
        self.portal = Portal.open(data.root, migrate=True)  # the schema is brought up to date on start
        self.catalogue = self.portal.catalogue
        self.reload_seconds = reload_seconds
        self.sources = load_sources(self.sources_path)              # a bad file at start-up: no start
        self.schedules = load_schedules(self.schedules_path, self.sources)
        self._mtimes = self._current_mtimes()
        self.scheduler = BackgroundScheduler(timezone=self.schedules.timezone,
                                             executors={"default": ThreadPoolExecutor(4)})
        self.stopped = threading.Event()

    # -- configuration ----------------------------------------------------------------------
    def _current_mtimes(self) -> tuple:
        return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (self.schedules_path, self.sources_path))

    def reload_if_changed(self) -> None:
        mtimes = self._current_mtimes()
        if mtimes == self._mtimes:
            return
        self._mtimes = mtimes
        try:
            sources = load_sources(self.sources_path)
            schedules = load_schedules(self.schedules_path, sources)
        except ConfigError as exc:
            log.error("configuration not reloaded, the last good one keeps running: %s", exc)
            return
        self.sources, self.schedules = sources, schedules
        self._install()
        log.info("configuration reloaded: %d jobs", len(schedules.jobs))

    def _units(self) -> list[tuple[Job, str]]:
        """(job, source key or NO_SOURCE) pairs: what gets its own APScheduler job."""
        units = []
        for job in self.schedules.jobs.values():
            if not job.enabled:
                continue
            if job.action in ("crawl", "renormalize"):
                units += [(job, key) for key in job.source_keys(self.sources)]
            else:
                units.append((job, NO_SOURCE))
        return units

    def _install(self) -> None:
        for existing in self.scheduler.get_jobs():
            if not existing.id.startswith("__"):
                existing.remove()
        for job, key in self._units():
            self.scheduler.add_job(self.run_unit, trigger=job.trigger(self.schedules.timezone), args=[job.name, key],
                                   id=f"{job.name}:{key}", name=f"{job.name}:{key}", coalesce=True,
                                   max_instances=1, misfire_grace_time=job.grace_minutes * 60, replace_existing=True)

    # -- running ----------------------------------------------------------------------------
    def run_unit(self, job_name: str, key: str) -> None:
        job = self.schedules.jobs.get(job_name)
        if job is None or self.stopped.is_set():
            return
        started = now_iso()
        try:
            keys = [key] if job.action in ("crawl", "renormalize") else None
            result = jobs.run(self.portal, job.action, sources=self.sources, keys=keys, job=job.name,
                              timeout_s=job.timeout_minutes * 60, keep_days=job.keep_days)
            if job.action in ("crawl", "renormalize"):  # their runs are recorded per source by the pipeline
                log.info("%s: %s", job.name, result.message or f"{key}: nothing to do")
            else:
                self._record(job, started, result.status, result.message)
        except SourceBusy as exc:
            log.warning("%s: %s", job.name, exc)
        except Exception as exc:  # noqa: BLE001 - a job's failure must not stop the scheduler
            log.exception("%s (%s) failed", job.name, key)
            self._record(job, started, "failed", f"{type(exc).__name__}: {exc}", source=key)

    def _record(self, job: Job, started: str, status: str, message: str, source: str = NO_SOURCE) -> None:
        self.catalogue.record_run(source=source, job=job.name, started=started, finished=now_iso(), status=status,
                                  errors=[message] if status != "ok" else [], coverage={}, unparsed={})
        log.info("%s: %s — %s", job.name, status, message)

    def catch_up(self, now: datetime | None = None) -> list[str]:
        """Units whose last scheduled time passed without a run, at most grace_minutes ago: run once now."""
        now = now or datetime.now(timezone.utc)
        due = []
        for job, key in self._units():
            trigger = job.trigger(self.schedules.timezone, jitter=False)
            window_start = now - timedelta(minutes=job.grace_minutes)
            previous, fire = None, trigger.get_next_fire_time(None, window_start)
            while fire is not None and fire <= now:
                previous, fire = fire, trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
            if previous is None:
                continue
            last = self.catalogue.last_job_run(job.name, key, statuses=("ok", "degraded"))  # a failed or
            # abandoned run (e.g. stopped by a restart) does not count as done
            if last is None or datetime.fromisoformat(last["started"]) < previous:
                due.append(f"{job.name}:{key}")
                self.scheduler.add_job(self.run_unit, args=[job.name, key], id=f"catch-up:{job.name}:{key}",
                                       name=f"catch-up {job.name}:{key}", replace_existing=True)
                log.info("%s:%s missed its run at %s: running it now", job.name, key, previous.isoformat())
        return due

    def start(self) -> None:
        self._install()
        self.scheduler.add_job(self.reload_if_changed, "interval", seconds=self.reload_seconds, id="__reload__")
        self.scheduler.start()
        self.catch_up()
        for job in self.scheduler.get_jobs():
            if not job.id.startswith("__"):
                log.info("scheduled %s, next run %s", job.id, job.next_run_time)

    def stop(self, *_signal) -> None:
        """Ends running crawls (their runs are recorded as failed and change nothing), then stops."""
        if self.stopped.is_set():
            return
        self.stopped.set()
        log.info("stopping: running crawls are abandoned")
        from .pipeline import abandon_running_crawls
        abandon_running_crawls()
        self.scheduler.shutdown(wait=True)

    def run_forever(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.start()
        while not self.stopped.wait(1.0):
            pass
        log.info("scheduler stopped")
