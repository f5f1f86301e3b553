"""One job runner for the CLI and the scheduler: `run(portal, action, ...)`.

Each action is one function here, so a crawl started by hand, by the office's button or by the
scheduler does the same thing, and the digest is wired up (mailer, base URL, secret) once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from ..config import SourcesFile
from ..portal import Portal
from .pipeline import RunReport, crawl_source, rebuild_index, renormalize_source
from .schedules import ACTIONS


@dataclass
class JobResult:
    action: str
    status: str = "ok"                    # ok / degraded / failed / skipped
    message: str = ""
    reports: list[RunReport] = field(default_factory=list)   # crawl and renormalize: one per source


def run(portal: Portal, action: str, *, sources: SourcesFile | None = None, keys: list[str] | None = None,
        job: str = "manual", timeout_s: float | None = None, keep_days: int = 90, progress: bool = False,
        mailer=None) -> JobResult:
    """Runs one action; crawl/renormalize go over `keys` (default: every enabled source).

    Raises SourceBusy (crawl/renormalize of one source) when another process holds its lock."""
    if action == "crawl":
        result = JobResult(action)
        for source in sources.select(keys):
            kwargs = {"timeout": timeout_s} if timeout_s else {}
            report = crawl_source(source, portal.data, portal.catalogue, portal.index_store, job=job,
                                  progress=progress, **kwargs)
            result.reports.append(report)
        result.status = _worst([r.status for r in result.reports])
        result.message = "; ".join(r.line() for r in result.reports)
        return result
    if action == "renormalize":
        result = JobResult(action)
        for source in sources.select(keys):
            report = renormalize_source(source, portal.data, portal.catalogue, portal.index_store, job=job)
            if report is None:
                result.message += f"{source.key}: no raw snapshot; "
                continue
            result.reports.append(report)
        result.status = _worst([r.status for r in result.reports])
        result.message += "; ".join(r.line() for r in result.reports)
        return result
    if action == "rebuild_index":
        n = rebuild_index(portal.catalogue, portal.index_store)
        return JobResult(action, message=f"index rebuilt with {n} offers")
    if action == "digest":
        from ..mail import Mailer
        from ..needs.digest import send_digests
        from ..qualifications.renewals import sync_all_companies
        sync_all_companies(portal.db)  # due renewals become needs first, so the mail lists them
        sent = send_digests(portal.accounts, portal.needs, portal.searcher(), mailer or Mailer(),
                            base_url=portal.base_url, secret=portal.secret_key())
        return JobResult(action, message=f"{sent} digest mails sent")
    if action == "renewals":
        from ..qualifications.renewals import sync_all_companies
        return JobResult(action, message=sync_all_companies(portal.db))
    if action == "publish":
        from .publish import publish
        return JobResult(action, message=publish(portal).line())
    if action == "cleanup":
        return JobResult(action, message=portal.catalogue.cleanup(keep_days, portal.data.root / "raw"))
    raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")


def _worst(statuses: list[str]) -> str:
    order = ("ok", "degraded", "failed")
    return max(statuses, key=order.index) if statuses else "ok"
