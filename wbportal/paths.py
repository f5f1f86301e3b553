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

    def secret_key(self) -> str:
        """$WBPORTAL_SECRET_KEY, else a random key kept in the data directory, so that sessions and
        opt-out links survive restarts and the CLI (digest mails) and the web UI agree."""
        if os.environ.get("WBPORTAL_SECRET_KEY"):
            return os.environ["WBPORTAL_SECRET_KEY"]
        path = self.root / "secret.key"
        if not path.exists():
            path.write_text(os.urandom(32).hex())
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def lock_dir(self) -> Path:
        return self.root / "locks"

    def raw_dir(self, source: str) -> Path:
        path = self.root / "raw" / source
        path.mkdir(parents=True, exist_ok=True)
        return path
