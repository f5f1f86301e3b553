"""The same run listed by two sources (a provider's own site and a regional database) becomes
one offer that names both listings.

Two records are the same run when they have the same start date, the same title and provider
(compared folded, without punctuation and legal forms) and the same town, or both no town
(online). Undated records are never merged: without a date, equal titles are different runs.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable

from .text import fold

_LEGAL_FORM = re.compile(r"\b(?:ggmbh|gmbh|e\s?v|ev|ag|ug|kg|mbh|co|haftungsbeschraenkt)\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _squash(text: str, legal: bool = False) -> str:
    text = _NOT_ALNUM.sub(" ", fold(text or ""))
    if legal:
        text = _LEGAL_FORM.sub(" ", text)
    return "".join(text.split())


def dedupe_key(record: dict) -> str | None:
    """Key shared by listings of the same run, or None (undated runs are not compared)."""
    if not record.get("start_date"):
        return None
    town = (record.get("location") or {}).get("town") or ""
    basis = "|".join((_squash(record.get("title", "")), _squash(record.get("provider", ""), legal=True),
                      record["start_date"], _squash(town)))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]


def _rank(record: dict) -> tuple:
    """The listing that stays primary: seen first, then the richer record, then a stable order."""
    filled = sum(1 for k in ("price_eur", "duration_hours", "description", "location") if record.get(k))
    return (record.get("first_seen") or "", -filled, record.get("source", ""), record.get("id", ""))


def merge_duplicates(records: Iterable[dict]) -> tuple[list[dict], dict[str, str]]:
    """Merged records (the primary of each group with `also_at` listing the others) and a map of
    every dropped id to the id of its primary."""
    groups: dict[str, list[dict]] = defaultdict(list)
    merged: list[dict] = []
    for record in records:
        key = dedupe_key(record)
        if key is None:
            merged.append(record)
        else:
            groups[key].append(record)
    dropped: dict[str, str] = {}
    for group in groups.values():
        group.sort(key=_rank)
        primary = dict(group[0])
        primary["also_at"] = [{"source": r["source"], "provider": r["provider"], "url": r["url"]} for r in group[1:]]
        merged.append(primary)
        dropped.update({r["id"]: primary["id"] for r in group[1:]})
    return merged, dropped
