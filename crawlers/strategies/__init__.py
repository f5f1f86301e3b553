"""Extraction strategies, one module each; the generic spider picks one per source.

This package's `__init__` is the registry of strategy names, the one list of them: the spider
maps a source's `strategy` to its module through it, and sources.yaml validation
(wbportal/config.py) accepts exactly these names and requires the settings block each one reads.
It imports nothing (no Scrapy), so the orchestration can read the names without loading the
crawler; `load(name)` imports a strategy's module.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Strategy:
    """One strategy: the module that implements it, and the source settings it reads."""

    module: str
    needs_one_of: tuple[str, ...] = ()
    """Settings blocks of a source (sources.yaml keys) of which at least one must be given."""


REGISTRY: dict[str, Strategy] = {
    "html": Strategy("html", ("list", "detail")),
    "structured": Strategy("structured", ("list", "detail")),
    "json": Strategy("jsonapi", ("api",)),
    "feed": Strategy("feed"),
    "xml": Strategy("xml", ("xml",)),
    "sitemap": Strategy("sitemap", ("sitemap",)),
}
"""Strategy name as written in sources.yaml -> Strategy."""

STRATEGY_NAMES: tuple[str, ...] = tuple(REGISTRY)

SITEMAP_EXTRACTS: tuple[str, ...] = ("structured", "html")
"""Strategies whose detail-page extraction `sitemap.extract` may choose; the first is the default."""


def load(name: str) -> ModuleType:
    """The module implementing the named strategy (imports Scrapy and the strategy's libraries)."""
    return importlib.import_module(f"{__name__}.{REGISTRY[name].module}")
