"""One crawl of a source at a time, across processes (the CLI, the scheduler, a second shell)."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class SourceBusy(RuntimeError):
    """Another process is crawling this source right now."""


@contextmanager
def source_lock(lock_dir: Path, source: str):
    """An exclusive, non-blocking lock file per source; released when the holder ends, even on
    kill -9 (the kernel drops flock locks with the process)."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_dir / f"{source}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SourceBusy(f"{source} is being crawled by another process; skipped") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)


def is_locked(lock_dir: Path, source: str) -> bool:
    """Whether a process holds the source's crawl lock right now (the office shows "läuft").

    Probes with a second, non-blocking flock on a fresh descriptor and lets go at once; a missing
    lock file means no crawl has ever run, so nothing is held and nothing is created."""
    path = Path(lock_dir) / f"{source}.lock"
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
