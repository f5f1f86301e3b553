"""Source health for monitoring and the maintainer: per source the last run, the last good run,
live offers and whether it has failed for too long; per source the last run's quality (field
coverage, texts the normalizer did not understand). The CLI prints these; nothing here prints."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..catalogue import Catalogue


def source_status(catalogue: Catalogue, keys: list[str], failing_days: float,
                  now: datetime | None = None) -> list[dict]:
    """One row per source; `alarm` when the last run was not ok and no run was ok for `failing_days`."""
    now = now or datetime.now(timezone.utc)
    report = []
    for key in keys:
        last, good = catalogue.last_run(key), catalogue.last_run(key, status="ok")
        since = good["started"] if good else None
        overdue = last is not None and last["status"] != "ok" and (
            since is None or datetime.fromisoformat(since) < now - timedelta(days=failing_days))
        report.append({"source": key, "last_status": last["status"] if last else None,
                       "last_run": last["started"] if last else None, "last_good_run": since,
                       "live_offers": catalogue.active_count(key), "alarm": overdue})
    return report


def quality_report(catalogue: Catalogue, keys: list[str]) -> dict[str, dict | None]:
    """Per source the last run's status, coverage, values not understood and first errors (None: never run)."""
    report = {}
    for key in keys:
        run = catalogue.last_run(key)
        report[key] = None if run is None else {
            "status": run["status"], "finished": run["finished"], "offers": run["offers_valid"],
            "invalid": run["offers_invalid"], "coverage": run["coverage"], "unparsed": run["unparsed"],
            "errors": run["errors"][:5]}
    return report
