"""Crawl a replay site with a source written as a maintainer would write it, and read back the
catalogue's records (through the real `wbportal crawl` and `wbportal export`)."""
from __future__ import annotations

import json
from pathlib import Path


def crawl_source(cli, data_dir: Path, sources_yaml: str, *keys: str, returncode: int | None = 0) -> tuple:
    """Write `sources_yaml` to data_dir/sources.yaml, crawl it (all sources, or `keys`), export the
    catalogue; returns (crawl CompletedProcess, records as dicts)."""
    sources = data_dir / "sources.yaml"
    sources.write_text(sources_yaml, encoding="utf-8")
    crawl = cli("crawl", "--quiet", "--sources", sources, *keys, data_dir=data_dir, returncode=returncode)
    out = data_dir / "export.jsonl"
    cli("export", "--format", "jsonl", "--out", out, "--sources", sources, data_dir=data_dir)
    with out.open(encoding="utf-8") as fh:
        return crawl, [json.loads(line) for line in fh if line.strip()]
