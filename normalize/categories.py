"""Keyword classification into the maintainers' category taxonomy (data/categories.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .text import fold

TAXONOMY_PATH = Path(__file__).parent / "data" / "categories.yaml"
FALLBACK = "sonstiges"


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    patterns: tuple[re.Pattern, ...]


@lru_cache(maxsize=4)
def taxonomy(path: Path = TAXONOMY_PATH) -> dict[str, Category]:
    """Categories by id, each keyword compiled to match at the start of a word."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = {}
    for cid, spec in data["categories"].items():
        patterns = tuple(re.compile(r"(?<![a-z0-9])" + re.escape(fold(k))) for k in spec.get("keywords") or [])
        result[cid] = Category(cid, spec["label"], patterns)
    return result


def category_label(cid: str) -> str:
    cat = taxonomy().get(cid)
    return cat.label if cat else cid


def classify(title: str, description: str = "", hint: str | None = None) -> str:
    """The best-scoring category id; title and the provider's own category label weigh 3x."""
    cats = taxonomy()
    if hint:
        folded_hint = fold(hint.strip())
        for cat in cats.values():
            if folded_hint in (cat.id, fold(cat.label)):
                return cat.id
    weighted = [(fold(title or ""), 3.0), (fold(hint or ""), 3.0), (fold(description or ""), 1.0)]
    best, best_score = FALLBACK, 0.0
    for cat in cats.values():
        score = sum(w * len(p.findall(text)) for text, w in weighted for p in cat.patterns)
        if score > best_score:
            best, best_score = cat.id, score
    return best
