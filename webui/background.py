"""Starting a CLI job from a web request: the web side never crawls or writes the index itself,
it starts `python -m wbportal.cli ...` in the background (its own session, so a restart of the
web server does not kill it) with the app's data directory and database."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flask import current_app

from wbportal.paths import DataDir


def data_dir() -> DataDir:
    """The data directory the CLI works in (the index's parent), where the crawl locks live."""
    return DataDir(Path(current_app.config["INDEX_DIR"]).resolve().parent)


def start_cli(*args: str) -> subprocess.Popen:
    """`python -m wbportal.cli ARGS --data-dir <the app's>`, detached; returns the process (tests wait for it)."""
    proc = subprocess.Popen([sys.executable, "-m", "wbportal.cli", *args, "--data-dir", str(data_dir().root)],
                            cwd=Path(__file__).resolve().parent.parent,
                            env=dict(os.environ, WBPORTAL_DATABASE_URL=current_app.config["DATABASE_URL"],
                                     WBPORTAL_BASE_URL=current_app.config.get("BASE_URL") or ""),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    current_app.extensions.setdefault("background_jobs", []).append(proc)
    return proc


def start_publish() -> None:
    """Brings hand-entered offers, corrections and Verbundkurse into the catalogue and the index
    (`wbportal publish`); a failure to start is logged, the change itself is already saved and the
    scheduler's next publish run picks it up."""
    try:
        start_cli("publish", "--quiet")
    except OSError:
        current_app.logger.exception("could not start 'wbportal publish'")
