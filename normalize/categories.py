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
    keywords: tuple[str, ...]  # folded; each matches at the start of a word


@lru_cache(maxsize=4)
def taxonomy(path: Path = TAXONOMY_PATH) -> dict[str, Category]:
    """Categories by id, in the file's order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {cid: Category(cid, spec["label"], tuple(fold(k) for k in spec.get("keywords") or []))
            for cid, spec in data["categories"].items()}


_WORD_START = re.compile(r"(?<![a-z0-9])\S")


@lru_cache(maxsize=4)
def _keyword_index(path: Path = TAXONOMY_PATH) -> dict[str, tuple[tuple[str, str], ...]]:
    """(keyword, category id) pairs by their first two characters: one dict lookup per word
    start instead of one regex per keyword (the classifier was most of normalization's time)."""
    index: dict[str, list] = {}
    for cat in taxonomy(path).values():
        for kw in cat.keywords:
            index.setdefault(kw[:2], []).append((kw, cat.id))
    return {k: tuple(v) for k, v in index.items()}


def _hits(text: str) -> list[tuple[int, str, str]]:
    """(position, keyword, category id) of every keyword found at a word start."""
    index = _keyword_index()
    found = []
    for m in _WORD_START.finditer(text):
        pos = m.start()
        for kw, cid in index.get(text[pos:pos + 2], ()) + index.get(text[pos:pos + 1], ()):
            if text.startswith(kw, pos):
                found.append((pos, kw, cid))
    return found


def category_label(cid: str) -> str:
    cat = taxonomy().get(cid)
    return cat.label if cat else cid


def _title_head(title: str) -> str:
    """The part of a title before a dash or colon names the subject; the rest often the audience."""
    return re.split(r"\s[–—-]\s|:\s|\(", title, maxsplit=1)[0]


@lru_cache(maxsize=4096)  # the runs of one course share title and description
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
    folded_head = fold(_title_head(title)) + " "
    in_head = [(pos, -len(kw), cid) for pos, kw, cid in _hits(folded_head)]
    if in_head:
        return min(in_head)[2]
    folded_title = fold(title) + " "
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for text, weight in ((folded_title, 3.0), (fold(hint or "") + " ", 3.0), (fold(description or "") + " ", 1.0)):
        for pos, _, cid in _hits(text):
            score[cid] = score.get(cid, 0.0) + weight
            if text is folded_title:
                first[cid] = min(first.get(cid, 10**6), pos)
    if not score:
        return FALLBACK
    order = list(cats)
    return max(score, key=lambda cid: (score[cid], -first.get(cid, 10**6), -order.index(cid)))
