"""The on-disk layout below the data directory (default ./var or $WBPORTAL_DATA_DIR)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataDir:
    root: Path

    @classmethod
    def resolve(cls, path: str | os.PathLike | None = None) -> "DataDir":
        root = Path(path or os.environ.get("WBPORTAL_DATA_DIR") or "var").resolve()
        root.mkdir(parents=True, exist_ok=True)
        return cls(root)

    @property
    def database_url(self) -> str:
        return os.environ.get("WBPORTAL_DATABASE_URL") or f"sqlite:///{self.root / 'catalogue.sqlite'}"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    def cache_dir(self, source: str) -> Path:
        """Scrapy's HTTP cache of one source (revalidated with conditional requests)."""
        return self.root / "httpcache" / source

    @property
    def lock_dir(self) -> Path:
        return self.root / "locks"

    def raw_dir(self, source: str) -> Path:
        path = self.root / "raw" / source
        path.mkdir(parents=True, exist_ok=True)
        return path
