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


def _title_head(title: str) -> str:
    """The part of a title before a dash or colon names the subject; the rest often the audience."""
    return re.split(r"\s[–—-]\s|:\s|\(", title, maxsplit=1)[0]


def classify(title: str, description: str = "", hint: str | None = None) -> str:
    """The best-scoring category id.

    The keyword found first in the title's head decides ("Englisch für Gastgeber" is a language
    course): German course titles name the subject before the audience. Without one, matches
    in the title and the provider's own category label weigh 3, in the description 1; ties go
    to the keyword found first in the title.
    """
    cats = taxonomy()
    if hint:
        folded_hint = fold(hint.strip())
        for cat in cats.values():
            if folded_hint in (cat.id, fold(cat.label)):
                return cat.id
    title = title or ""
    head = _title_head(title)
    weighted = [(fold(head) + " ", 2.0), (fold(title) + " ", 3.0), (fold(hint or "") + " ", 3.0),
                (fold(description or "") + " ", 1.0)]
    folded_title = fold(title) + " "
    folded_head = fold(head) + " "
    in_head = [(m.start(), -len(m[0]), cat.id)
               for cat in cats.values() for p in cat.patterns for m in [p.search(folded_head)] if m]
    if in_head:
        return min(in_head)[2]
    best, best_key = FALLBACK, (0.0, 0)
    for cat in cats.values():
        score = sum(w * len(p.findall(text)) for text, w in weighted for p in cat.patterns)
        if not score:
            continue
        first = min((m.start() for p in cat.patterns for m in [p.search(folded_title)] if m), default=10**6)
        key = (score, -first)
        if key > best_key:
            best, best_key = cat.id, key
    return best
