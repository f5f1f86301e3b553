"""`wbportal preview`: crawl a sample of one source and show what the configuration extracts.

Writes nothing to the catalogue or the index, so a maintainer can try selectors on the live site.
It runs the crawl and the normalizer exactly as `wbportal crawl` does (run_crawler,
normalize_file) and then says, besides every field of the first offers, how the counts came
about: which pages were fetched and which of them gave no offer, which raw items were rejected
and why, how many were duplicates, and whether a cap (--limit, max_pages) ended the crawl early.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from normalize import FIELD_NAMES

from ..config import Source
from .pipeline import RunReport, normalize_file, run_crawler
from .quality import coverage_warnings

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHOWN_PAGES = 10       # pages without offers listed by URL
SHOWN_REJECTED = 10    # rejected raw items listed with their reason
SHOWN_DATES = 6        # session days listed before "... (N in all)"
DESCRIPTION_CHARS = 160
NOT_SHOWN = {"title", "source"}  # the title heads each offer; the source heads the preview
LAST = ("id", "course_key")      # technical: after the provider's facts
_MAX_PAGES = re.compile(r"^max_pages \((\d+)\) reached; not following (.*)$")


# --- the offer, field by field ------------------------------------------------------------------

def _empty(value) -> bool:
    return value is None or value is False or value == "" or value == [] or value == {}


def _plain(value) -> str:
    if value is True:
        return "yes"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _days(days: list[str]) -> str:
    shown = ", ".join(days[:SHOWN_DATES])
    return shown + (f", ... ({len(days)} in all)" if len(days) > SHOWN_DATES else "")


def _schedule(schedule: dict) -> list[tuple[str, str]]:
    rows = []
    if schedule.get("weekdays"):
        rows.append(("weekdays", ", ".join(WEEKDAYS[d] for d in schedule["weekdays"])))
    if schedule.get("start_time") or schedule.get("end_time"):
        rows.append(("times", f"{schedule.get('start_time') or '?'}-{schedule.get('end_time') or '?'}"))
    if schedule.get("session_count"):
        rows.append(("session_count", str(schedule["session_count"])))
    for name in ("dates", "exceptions", "extra_dates"):
        if schedule.get(name):
            rows.append((name, _days(schedule[name])))
    known = {"weekdays", "start_time", "end_time", "session_count", "dates", "exceptions", "extra_dates"}
    rows += [(k, _plain(v)) for k, v in schedule.items() if k not in known and not _empty(v)]
    return rows


def _location(location: dict) -> list[tuple[str, str]]:
    rows = [(k, _plain(v)) for k, v in location.items() if k not in ("lat", "lon") and not _empty(v)]
    if location.get("lat") is not None and location.get("lon") is not None:
        rows.append(("coordinates", f"{location['lat']:.4f}, {location['lon']:.4f}"))
    return rows


def _value_rows(name: str, value) -> list[tuple[str, str]]:
    """(label, text) lines of one schema field; a nested one gives a line per part."""
    if name == "description":
        text = value if len(value) <= DESCRIPTION_CHARS else f"{value[:DESCRIPTION_CHARS].rstrip()}... ({len(value)} chars)"
        return [(name, text.replace("\n", " "))]
    if name == "duration_hours":
        return [(name, f"{value:g} h")]
    if name == "price_eur":
        return [(name, f"{value:.2f} EUR")]
    if name == "price_remarks":
        return [(name, " | ".join(value))]
    if name == "schedule":
        return [(f"schedule.{k}", v) for k, v in _schedule(value)]
    if name == "location":
        return [(f"location.{k}", v) for k, v in _location(value)]
    if name == "also_at":
        return [(name, ", ".join(f"{x.get('source')} ({x.get('url')})" for x in value))]
    if isinstance(value, dict):
        return [(f"{name}.{k}", _plain(v)) for k, v in value.items() if not _empty(v)]
    return [(name, _plain(value))]


def offer_rows(record: dict) -> list[tuple[str, str]]:
    """Every schema field of an offer that has a value, in the schema's order (so a field added
    to the schema is shown without a change here)."""
    rows = []
    for name in [n for n in FIELD_NAMES if n not in LAST] + list(LAST):
        value = record.get(name)
        if name in NOT_SHOWN or _empty(value):
            continue
        rows += _value_rows(name, value)
    return rows


def offer_text(number: int, record: dict) -> str:
    rows = offer_rows(record)
    width = max((len(label) for label, _ in rows), default=0)
    lines = [f"[{number}] {record.get('title')}"]
    lines += [f"    {label:<{width}}  {text}" for label, text in rows]
    return "\n".join(lines)


# --- how the counts came about -----------------------------------------------------------------

@dataclass
class Rejected:
    line: int          # line of the raw item in the crawl's raw JSONL
    url: str           # the offer's URL as found (or the page it was found on)
    field: str         # the culprit as the normalizer names it ("title", "url", "end_date", "item")
    message: str


@dataclass
class Accounting:
    """What happened between the start URLs and the valid offers, for the maintainer."""

    fetched: list[str] = field(default_factory=list)         # pages (responses) in crawl order
    with_offers: list[str] = field(default_factory=list)     # pages some raw item came from
    without_offers: list[str] = field(default_factory=list)  # fetched, but gave no raw item
    raw_items: int = 0
    valid: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_count: int = 0
    duplicates: int = 0
    not_followed: list[str] = field(default_factory=list)    # links the max_pages cap kept out
    max_pages: int | None = None
    stopped_by_limit: bool = False
    problems: list[str] = field(default_factory=list)        # crawl errors besides the cap


def _raw_lines(path: Path) -> list[str]:
    """The raw JSONL's lines as normalize_file numbers them (1-based, blank lines counted)."""
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def account(source: Source, raw_path: Path, stats: dict, report: RunReport, fetched: list[str]) -> Accounting:
    """The counts of a preview crawl, each explained (pages, raw items, rejected, duplicates, caps)."""
    lines = _raw_lines(raw_path)
    items = [json.loads(line) if line.strip() else None for line in lines]
    acc = Accounting(fetched=fetched, raw_items=report.raw_items, valid=report.valid,
                     rejected_count=report.invalid, stopped_by_limit=stats.get("finish_reason") == "closespider_itemcount")
    acc.with_offers = list(dict.fromkeys(i.get("page_url") for i in items if i and i.get("page_url")))
    gave = set(acc.with_offers)
    without = {u for u in fetched if u not in gave}  # start URLs first (as configured), then by address
    acc.without_offers = [u for u in source.start_urls if u in without] + sorted(without - set(source.start_urls))
    acc.duplicates = report.raw_items - report.invalid - report.valid
    for problem in stats.get("errors") or []:
        cap = _MAX_PAGES.match(problem)
        if cap:
            acc.max_pages = int(cap[1])
            acc.not_followed.append(cap[2])
        else:
            acc.problems.append(problem)
    prefix = f"{raw_path.name}:"
    acc.problems += [e for e in report.errors if not e.startswith(prefix)]  # e.g. undecodable characters
    for lineno, field_name, message in report.rejected[:SHOWN_REJECTED]:
        raw = items[lineno - 1] if 0 < lineno <= len(items) else None
        url = (raw.get("url") or raw.get("page_url")) if raw else None
        acc.rejected.append(Rejected(lineno, url or "?", field_name, message))
    return acc


def accounting_text(source: Source, acc: Accounting, limit: int) -> list[str]:
    """The counts in words, each with where to look when it is not what was expected."""
    start = set(source.start_urls)
    listed = "; listed below" if acc.without_offers else ""
    out = ["", "What was crawled:",
           f"  pages fetched       {len(acc.fetched):>5}   (responses, robots.txt not counted)",
           f"    with raw items    {len(acc.with_offers):>5}   (pages the offers were found on)",
           f"    without raw items {len(acc.without_offers):>5}   (list pages leading to offer pages, information "
           f"pages, errors{listed})",
           f"  raw items           {acc.raw_items:>5}   (one per course or run the selectors found)",
           f"    valid offers      {acc.valid:>5}",
           f"    rejected          {acc.rejected_count:>5}" + ("   (listed below)" if acc.rejected_count else ""),
           f"    duplicates merged {acc.duplicates:>5}   (raw items with the same offer id: same course URL or "
           f"provider id, same start)"]
    if acc.stopped_by_limit:
        out.append(f"  stopped early: --limit {limit} reached (pages in flight may add a few raw items); "
                   f"`wbportal crawl` reads every page up to max_pages ({source.max_pages})")
    if acc.not_followed:
        out.append(f"  max_pages cap ({acc.max_pages}) reached: {len(acc.not_followed)} link(s) not followed, "
                   f"e.g. {acc.not_followed[0]}; raise max_pages if they lead to offers")
    if acc.without_offers:
        out += ["", f"Pages without raw items ({len(acc.without_offers)}):"]
        out += [f"  {u}{'   (start URL)' if u in start else ''}" for u in acc.without_offers[:SHOWN_PAGES]]
        if len(acc.without_offers) > SHOWN_PAGES:
            out.append(f"  ... and {len(acc.without_offers) - SHOWN_PAGES} more")
    if acc.rejected_count:
        out += ["", f"Rejected raw items ({acc.rejected_count}; field: reason, then the offer's URL):"]
        for r in acc.rejected:
            out.append(f"  raw item {r.line}: {r.field}: {r.message}\n      {r.url}")
        if acc.rejected_count > len(acc.rejected):
            out.append(f"  ... and {acc.rejected_count - len(acc.rejected)} more")
    if acc.problems:
        out += ["", "Crawl problems:"]
        out += [f"  ! {p}" for p in acc.problems[:10]]
    return out


@contextlib.contextmanager
def _url_log(path: Path):
    """Have the crawl process list the pages it fetched (crawlers/progress.py, WBP_URL_LOG)."""
    before = os.environ.get("WBP_URL_LOG")
    os.environ["WBP_URL_LOG"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("WBP_URL_LOG", None)
        else:
            os.environ["WBP_URL_LOG"] = before


def preview(source: Source, *, limit: int, out: TextIO, progress: bool = False) -> int:
    """Print sample offers field by field, how the counts came about, field coverage and
    warnings; returns the number of valid offers."""
    with tempfile.TemporaryDirectory(prefix="wbportal-preview-") as tmp:
        url_log = Path(tmp) / "urls.txt"
        with _url_log(url_log):
            raw_path, stats, tail = run_crawler(source, Path(tmp), progress=progress, limit=limit, timeout=600)
        records, report = normalize_file(raw_path, source)
        fetched = url_log.read_text(encoding="utf-8").split("\n") if url_log.exists() else []
        acc = account(source, raw_path, stats, report, [u for u in fetched if u])
    template = f", template {source.template}" if source.template else ""
    print(f"{source.key} ({source.strategy}{template}): {source.provider}; preview, nothing is saved", file=out)
    if stats.get("returncode", 0) != 0:
        print(f"crawler failed: {tail.strip()[-500:]}", file=out)
    if records:
        print(f"\nFirst {min(limit, len(records))} of {len(records)} valid offers (every field with a value):",
              file=out)
    for number, record in enumerate(records[:limit], 1):
        print(offer_text(number, record), file=out)
    for line in accounting_text(source, acc, limit):
        print(line, file=out)
    if records:
        print("\nField coverage:", file=out)
        for name, share in report.coverage.items():
            bar = "#" * round(share * 20)
            print(f"  {name:<12} {share:6.0%}  {bar}", file=out)
    for name, values in report.unparsed.items():
        shown = "; ".join(f"{text!r} ({n}x)" for text, n in values)
        print(f"not understood ({name}): {shown}", file=out)
    for warning in coverage_warnings(report.coverage, report.valid) if records else [
            "no offers found: check start_urls and the list/item selectors"]:
        print(f"warning: {warning}", file=out)
    return report.valid
