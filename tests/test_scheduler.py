"""The scheduler with real crawl subprocesses against the demo server, short waits only: a job
fires and is recorded, overlapping runs of a source do not happen, a killed crawl is a failed
run that changes nothing, a restart catches up a missed run once, a bad edit keeps the old
configuration, SIGTERM stops cleanly."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from wbportal.ops.locks import source_lock
from wbportal.paths import DataDir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(demo_url, tmp_path, monkeypatch):
    monkeypatch.setenv("WBP_DEMO_URL", demo_url)
    monkeypatch.setenv("WBP_LOCAL_FAST", "1")
    monkeypatch.setenv("WBPORTAL_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def write_schedules(path: Path, cron: str, extra: str = "") -> Path:
    path.write_text(f"""timezone: UTC
jobs:
  night:
    cron: "{cron}"
    action: crawl
    sources: [oberes]
    grace_minutes: 60
{extra}""", encoding="utf-8")
    return path


def cron_minutes_ago(minutes: int) -> str:
    t = datetime.now(timezone.utc) - timedelta(minutes=minutes)
    return f"{t.minute} {t.hour} * * *"


def make_scheduler(env, cron: str):
    from wbportal.ops.scheduler import PortalScheduler
    schedules = write_schedules(env / "schedules.yaml", cron)
    return PortalScheduler(schedules, ROOT / "sources.yaml", DataDir.resolve(env / "data"), reload_seconds=0.2)


def runs(env, job="night"):
    from dbhelpers import catalogue_at
    return catalogue_at(DataDir.resolve(env / "data").database_url).runs("oberes", job=job)


def wait_for(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_schedules_check_reports_file_line_and_problem(cli, tmp_path):
    bad = tmp_path / "schedules.yaml"
    bad.write_text("timezone: Europe/Berlin\njobs:\n  night:\n    cron: \"0 25 * * *\"\n", encoding="utf-8")
    proc = cli("schedules", "check", "--schedules", bad, returncode=None)
    assert proc.returncode == 2 and f"{bad}:4: job 'night': cron: not a cron expression" in proc.stderr
    bad.write_text("jobs:\n  night:\n    cron: \"0 2 * * *\"\n    action: crawl\n    sources: [nirgends]\n")
    proc = cli("schedules", "check", "--schedules", bad, returncode=None)
    assert proc.returncode == 2 and ":5: job 'night': unknown source(s) nirgends" in proc.stderr
    ok = cli("schedules", "check", returncode=None)
    assert ok.returncode == 0 and "jobs OK" in ok.stdout


def test_a_job_fires_and_its_run_is_recorded(env):
    sched = make_scheduler(env, "0 3 * * *")
    sched.start()
    try:
        sched.scheduler.modify_job("night:oberes", next_run_time=datetime.now(timezone.utc) + timedelta(seconds=0.5))
        assert wait_for(lambda: runs(env))
        assert runs(env)[0]["status"] == "ok" and runs(env)[0]["offers_valid"] == 56
    finally:
        sched.stop()


def test_runs_of_one_source_never_overlap(env):
    sched = make_scheduler(env, "0 3 * * *")
    data = DataDir.resolve(env / "data")
    with source_lock(data.lock_dir, "oberes"):  # e.g. a crawl started by hand
        sched.run_unit("night", "oberes")
    assert runs(env) == []  # skipped, not run twice
    threads = [threading.Thread(target=sched.run_unit, args=("night", "oberes")) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(runs(env)) == 1


def test_killed_crawl_is_a_failed_run_and_changes_nothing(cli, env):
    from wbportal.ops import pipeline
    sched = make_scheduler(env, "0 3 * * *")
    sched.run_unit("night", "oberes")
    before = export(cli, env)
    worker = threading.Thread(target=sched.run_unit, args=("night", "oberes"))
    worker.start()
    assert wait_for(lambda: pipeline.RUNNING, 20)
    for proc in list(pipeline.RUNNING):
        os.kill(proc.pid, signal.SIGKILL)
    worker.join(60)
    latest = runs(env)[0]
    assert latest["status"] == "failed" and "signal 9" in latest["errors"][0]
    assert export(cli, env) == before


def export(cli, env) -> list[dict]:
    out = env / "export.jsonl"
    cli("export", "--out", out)
    return sorted((json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()), key=lambda r: r["id"])


def test_restart_catches_up_a_missed_run_once(env):
    sched = make_scheduler(env, cron_minutes_ago(5))  # fired 5 minutes ago while "down"
    sched.scheduler.start(paused=True)
    assert sched.catch_up() == ["night:oberes"]
    sched.scheduler.resume()
    try:
        assert wait_for(lambda: runs(env))
    finally:
        sched.stop()
    again = make_scheduler(env, cron_minutes_ago(5))
    assert again.catch_up() == []  # the run is recorded: no second catch-up
    late = make_scheduler(env, cron_minutes_ago(120))  # beyond the 60 minutes' grace
    assert late.catch_up() == [] and len(runs(env)) == 1


def test_bad_edit_while_running_keeps_the_old_configuration(env, caplog):
    caplog.set_level(logging.INFO, logger="wbportal.scheduler")  # else only "not reloaded" (ERROR) is seen
    sched = make_scheduler(env, "0 3 * * *")
    sched.start()
    try:
        (env / "schedules.yaml").write_text("jobs:\n  night:\n    cron: [nonsense\n", encoding="utf-8")
        assert wait_for(lambda: "not reloaded" in caplog.text, 10)
        assert [j.id for j in sched.scheduler.get_jobs() if not j.id.startswith("__")] == ["night:oberes"]
        write_schedules(env / "schedules.yaml", "15 4 * * *")
        assert wait_for(lambda: "configuration reloaded" in caplog.text and str(sched.scheduler.get_job("night:oberes").trigger)
                        .startswith("cron[month='*', day='*', day_of_week='*', hour='4', minute='15']"), 10)
    finally:
        sched.stop()


class _Stalling(SimpleHTTPRequestHandler):
    """The demo sites, but a request for `stalled` (a path, or "*" for every page) is held until
    the test releases it, then answered 503: a crawl is certainly running, waiting for that page,
    when the test sends SIGTERM."""
    stalled = ""
    requested = threading.Event()
    release = threading.Event()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(ROOT / "demo" / "sites"), **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        if _Stalling.stalled in ("*", self.path.split("?")[0]) and self.path != "/robots.txt":
            _Stalling.requested.set()
            _Stalling.release.wait(60)
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture
def stalling_site(serve):
    _Stalling.stalled = ""
    _Stalling.requested.clear()
    _Stalling.release.clear()
    with serve(_Stalling) as url:
        yield url
        _Stalling.release.set()


def sigterm_while_stalled(cli, env, site: str, cron: str) -> str:
    """Starts `wbportal scheduler` (its job is due: caught up at start), sends SIGTERM as soon as
    the crawl has asked for the stalled page, then lets that request end; returns the output."""
    schedules = write_schedules(env / "schedules.yaml", cron)
    proc = cli.start("scheduler", "--schedules", schedules, demo_url=site, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, text=True)
    try:
        assert _Stalling.requested.wait(30), "the caught-up crawl never asked for the stalled page"
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        log = env / "data" / "logs" / "scheduler.log"
        assert wait_for(lambda: "stopping:" in log.read_text(encoding="utf-8"), 10), "no 'stopping:' logged"
        _Stalling.release.set()  # the held request ends (503) once the scheduler is stopping
        out, _ = proc.communicate(timeout=30)
        assert time.monotonic() - sent < 15, out  # stopped promptly, not after retries or timeouts
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, out
    assert "stopping: running crawls are abandoned" in out and "scheduler stopped" in out, out
    return out


def test_sigterm_stops_the_scheduler_and_a_restart_runs_the_crawl_again(cli, env, stalling_site):
    _Stalling.stalled = "*"  # every page: SIGTERM while the crawl waits for its first one
    cron = cron_minutes_ago(2)
    sigterm_while_stalled(cli, env, stalling_site, cron)
    recorded = runs(env)
    assert len(recorded) == 1 and recorded[0]["status"] == "failed", recorded
    assert export(cli, env) == []  # nothing applied
    # restarted in the middle of its run: the unfinished run does not count, it runs again once
    assert make_scheduler(env, cron).catch_up() == ["night:oberes"]


def test_sigterm_abandons_a_half_done_crawl_and_changes_nothing(cli, env, stalling_site):
    cli("crawl", "oberes", "--quiet", demo_url=stalling_site)  # a good run, by hand
    before = export(cli, env)
    assert len(before) == 56
    _Stalling.stalled = "/oberes/angebote/fuehrung.html"  # one of five start pages
    cron = cron_minutes_ago(2)
    sigterm_while_stalled(cli, env, stalling_site, cron)
    latest = runs(env)[0]
    assert latest["status"] == "failed" and "abandoned" in latest["errors"][0], latest
    assert export(cli, env) == before
    assert make_scheduler(env, cron).catch_up() == ["night:oberes"]


def test_runs_and_status_for_the_office_and_monitoring(cli, env):
    from dbhelpers import catalogue_at
    catalogue = catalogue_at(DataDir.resolve(env / "data").database_url)
    old = (datetime.now(timezone.utc) - timedelta(days=5)).isoformat(timespec="seconds")
    catalogue.record_run(source="oberes", job="night", started=old, status="ok", offers_valid=56)
    catalogue.record_run(source="oberes", job="night", started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                         status="failed", errors=["no list items matched 'article.angebot'"])
    history = json.loads(cli("runs", "--source", "oberes", "--json").stdout)
    assert [r["status"] for r in history] == ["failed", "ok"]
    text = cli("runs", returncode=None).stdout
    assert "no list items matched" in text
    status = cli("status", "--failing-days", "2", returncode=None)
    assert status.returncode == 1 and "oberes     failed" in status.stdout and "ALARM" in status.stdout
    relaxed = cli("status", "--failing-days", "7", returncode=None)
    assert relaxed.returncode == 0


def test_bad_edit_of_sources_yaml_keeps_the_scheduler_running(env, caplog):
    import shutil
    from wbportal.ops.scheduler import PortalScheduler
    sources = env / "sources.yaml"
    shutil.copy(ROOT / "sources.yaml", sources)
    sched = PortalScheduler(write_schedules(env / "schedules.yaml", "0 3 * * *"), sources,
                            DataDir.resolve(env / "data"), reload_seconds=0.2)
    sched.start()
    try:
        sources.write_text(sources.read_text(encoding="utf-8").replace("strategy: html", "strategy: htm", 1),
                           encoding="utf-8")
        assert wait_for(lambda: "not reloaded" in caplog.text and "unknown strategy 'htm'" in caplog.text, 10)
        assert sched.scheduler.get_job("night:oberes") is not None
        assert sched.sources.sources["oberes"].strategy == "html"  # the last good configuration
    finally:
        sched.stop()
