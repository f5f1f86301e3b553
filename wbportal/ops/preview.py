"""`wbportal preview`: crawl a sample of one source and show what the configuration extracts.

Writes nothing to the catalogue or the index, so a maintainer can try selectors on the live site.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TextIO

from ..config import Source
from .pipeline import normalize_file, run_crawler
from .quality import coverage_warnings


def _offer_line(r: dict) -> str:
    loc = r.get("location") or {}
    when = r.get("start_date") or ("laufend" if r.get("rolling_start") else "auf Anfrage")
    if r.get("end_date") and r.get("end_date") != r.get("start_date"):
        when += f"..{r['end_date']}"
    price = "?" if r.get("price_eur") is None else f"{r['price_eur']:g} EUR"
    hours = "?" if r.get("duration_hours") is None else f"{r['duration_hours']:g} h"
    return (f"- {r['title'][:70]}\n    {when} | {price} | {hours} | {r['format']} | "
            f"{loc.get('town') or '-'} | {r['category']} | {','.join(r.get('funding') or []) or '-'}\n    {r['url']}")


def preview(source: Source, *, limit: int, out: TextIO, progress: bool = False) -> int:
    """Print sample offers, field coverage and warnings; returns the number of valid offers."""
    with tempfile.TemporaryDirectory(prefix="wbportal-preview-") as tmp:
        raw_path, stats, tail = run_crawler(source, Path(tmp), progress=progress, limit=limit, timeout=600)
        records, report = normalize_file(raw_path, source)
    print(f"{source.key} ({source.strategy}): {stats.get('pages', 0)} pages, {report.raw_items} raw items, "
          f"{report.valid} valid offers, {report.invalid} invalid", file=out)
    if stats.get("returncode", 0) != 0:
        print(f"crawler failed: {tail.strip()[-500:]}", file=out)
    for error in (stats.get("errors") or [])[:10] + report.errors[:10]:
        print(f"  ! {error}", file=out)
    for record in records[:limit]:
        print(_offer_line(record), file=out)
    if records:
        print("\nfield coverage:", file=out)
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
