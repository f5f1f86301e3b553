"""German analysis: tokenise, lower-case, spell out umlauts, split known compound parts (at
index time), drop stop words, Snowball stem. Synonym groups are expanded at query time."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.german import GermanStemmer

DATA = Path(__file__).parent / "data"
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold_umlauts(text: str) -> str:
    return text.translate(_FOLD)


class UmlautFoldFilter(Filter):
    """"Schweißen" and "Schweissen", "März" and "Maerz" become the same token."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(_FOLD)
            yield t


class CompoundPartFilter(Filter):
    """At index time, a long word also yields the known parts inside it ("gabelstaplerfahrer" ->
    "stapler", "fahrer"), at the same position, so that "Stapler" finds "Gabelstaplerfahrer".
    Parts come from data/compounds.yaml; query words are left whole (a prefix search covers
    parts at the start of a word)."""

    def __init__(self, parts: tuple[str, ...]):
        self.parts = tuple(sorted({fold_umlauts(p.lower()) for p in parts}, key=len, reverse=True))

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            yield t
            if t.mode != "index" or len(text) < 7:
                continue
            found = [p for p in self.parts if p in text[1:] and len(text) > len(p) + 2]
            original = text
            for part in found:
                t.text = part
                yield t
            t.text = original


@lru_cache(maxsize=1)
def compound_parts() -> tuple[str, ...]:
    return tuple(yaml.safe_load((DATA / "compounds.yaml").read_text(encoding="utf-8"))["parts"])


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of equivalent words or phrases (data/synonyms.yaml)."""
    data = yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))
    return tuple(tuple(str(w) for w in group) for group in data["groups"])


def german_analyzer():
    """The analyzer for title, description and provider (the same at index and query time)."""
    stops = frozenset(fold_umlauts(w) for w in stopwords_for_language("de"))
    return (RegexTokenizer(r"\w+(\.?\w+)*") | LowercaseFilter() | UmlautFoldFilter()
            | CompoundPartFilter(compound_parts())
            | StopFilter(stoplist=stops, minsize=1) | StemFilter(stemfn=GermanStemmer().stem, cachesize=50000))


def spelling_analyzer():
    """Whole lower-case words, for "did you mean" and as-you-type suggestions."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter()
