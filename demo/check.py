"""Crawl demo sites into a throw-away data directory and print their field accuracy.

For whoever writes or changes a demo site or its sources.yaml entry:
    .venv/bin/python demo/check.py [--sources sources.yaml] [-v] [SITE ...]
Serves demo/sites locally, runs `wbportal crawl` for the given sources (default: all with an
expected.jsonl), exports, and compares with each site's expected.jsonl (tests/accuracy.py).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from accuracy import score_site, sites, table  # noqa: E402
from wbportal.demo import DemoServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="*", help="site folders / source keys (default: all in the sources file)")
    parser.add_argument("--sources", default=str(ROOT / "sources.yaml"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list mismatches")
    args = parser.parse_args()
    from wbportal.config import load_sources
    known = {s.key for s in load_sources(Path(args.sources)).enabled()}
    chosen = args.sites or [site for site in sites() if site in known]
    with tempfile.TemporaryDirectory() as data, DemoServer() as url:
        env = dict(os.environ, WBP_DEMO_URL=url, WBP_LOCAL_FAST="1", WBPORTAL_DATA_DIR=data)
        cli = [sys.executable, "-m", "wbportal.cli"]
        crawl = subprocess.run([*cli, "crawl", "--quiet", "--sources", args.sources, *chosen],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        print(crawl.stdout + crawl.stderr)
        out = Path(data) / "export.jsonl"
        subprocess.run([*cli, "export", "--format", "jsonl", "--out", str(out)],
                       cwd=ROOT, env=env, check=True)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    scores = [score_site(site, records) for site in chosen]
    print(table(scores))
    if args.verbose:
        for s in scores:
            for name, rows in s.mismatches.items():
                for key, exp, act in rows[:8]:
                    print(f"{s.site} {name} {key}: expected {exp!r} got {act!r}")
    return crawl.returncode


if __name__ == "__main__":
    sys.exit(main())
