"""German analysis: tokenise, lower-case, spell out umlauts, drop stop words, Snowball stem."""
from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.german import GermanStemmer

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold_umlauts(text: str) -> str:
    return text.translate(_FOLD)


class UmlautFoldFilter(Filter):
    """"Schweißen" and "Schweissen", "März" and "Maerz" become the same token."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(_FOLD)
            yield t


def german_analyzer():
    """The analyzer for title, description and provider (the same at index and query time)."""
    stops = frozenset(fold_umlauts(w) for w in stopwords_for_language("de"))
    return (RegexTokenizer(r"\w+(\.?\w+)*") | LowercaseFilter() | UmlautFoldFilter()
            | StopFilter(stoplist=stops, minsize=1) | StemFilter(stemfn=GermanStemmer().stem, cachesize=50000))
