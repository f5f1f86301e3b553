"""German analysis: tokenise, lower-case, spell out umlauts, split known compound parts (at
index time), drop stop words, Snowball stem. Synonym groups are expanded at query time."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml
import re

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.formats import Frequency
from whoosh.system import pack_uint
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
def course_words() -> tuple[str, ...]:
    """Words naming a kind of course, not a subject (data/course_words.yaml)."""
    data = yaml.safe_load((DATA / "course_words.yaml").read_text(encoding="utf-8"))
    return tuple(str(w) for w in data["words"])


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of equivalent words or phrases (data/synonyms.yaml)."""
    data = yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))
    return tuple(tuple(str(w) for w in group) for group in data["groups"])


class GermanAnalyzer(Tokenizer):
    """Tokenise, lower-case, fold umlauts, add compound parts (index time), drop stop words and
    stem, in one pass. The same steps as a chain of Whoosh filters, fused because the chain's
    per-token generator layers were most of the index build time (bench/search.py)."""

    _WORDS = re.compile(r"\w+(?:\.?\w+)*")

    def __init__(self):
        self.stops = frozenset(fold_umlauts(w) for w in stopwords_for_language("de"))
        self.parts = CompoundPartFilter(compound_parts()).parts
        self._stem = GermanStemmer().stem
        self._stems: dict[str, str] = {}
        self._parts_of: dict[str, tuple[str, ...]] = {}
        self._keys_of: dict[str, tuple[str, ...]] = {}

    def __eq__(self, other):
        return type(other) is type(self)

    def __getstate__(self):
        """Pickled into the index's schema at every commit: without the caches of stems and
        compound parts, which grow to every word indexed (their unpickling was most of opening
        an index at 100,000 offers)."""
        state = dict(self.__dict__)
        state["_stems"], state["_parts_of"], state["_keys_of"] = {}, {}, {}
        return state

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stem(word)
        return stem

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stops, index_mode = self.stops, mode == "index"
        pos = start_pos
        for m in self._WORDS.finditer(value.lower().translate(_FOLD) if value.isascii() is False else value.lower()):
            word = m[0]
            if word in stops:
                if not removestops:
                    t.text, t.stopped, t.boost = word, True, 1.0
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar, t.endchar = start_char + m.start(), start_char + m.end()
                    yield t
                pos += 1
                continue
            t.stopped, t.boost = False, 1.0
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + m.start(), start_char + m.end()
            t.text = self.stem(word)
            yield t
            if index_mode:
                for part in self.parts_of(word):
                    t.text = part
                    yield t
            pos += 1


    def parts_of(self, word: str) -> tuple[str, ...]:
        """Stems of the known compound parts inside a word (cached: words repeat)."""
        found = self._parts_of.get(word)
        if found is None:
            found = ()
            if len(word) >= 7:
                found = tuple(self.stem(p) for p in self.parts if p in word[1:] and len(word) > len(p) + 2)
            self._parts_of[word] = found
        return found

    def counts(self, value: str) -> dict[str, int]:
        """Index-time stem counts of a text, without Token objects (see FastFrequency). Words are
        counted first (Counter, in C), then each distinct word is turned once into its index
        terms (stem and compound parts, none for a stop word; cached per word)."""
        counts: dict[str, int] = {}
        keys_of = self.__dict__.get("_keys_of")
        if keys_of is None:   # an analyzer unpickled from an older index's schema
            keys_of = self._keys_of = {}
        text = value.lower()
        if not text.isascii():
            text = text.translate(_FOLD)
        for word, n in Counter(self._WORDS.findall(text)).items():
            keys = keys_of.get(word)
            if keys is None:
                keys = keys_of[word] = () if word in self.stops else (self.stem(word), *self.parts_of(word))
            for key in keys:
                counts[key] = counts.get(key, 0) + n
        return counts


PAIR_SLOP = 3   # a pair's second word may stand up to this many positions after the first


class PairAnalyzer(Tokenizer):
    """Ordered pairs of a title's stems within PAIR_SLOP positions ("erst hilf"), so that a quoted
    phrase is found by looking up its pairs instead of Whoosh's position matching, which was the
    slowest kind of query at 100,000 offers (every candidate title's positions decoded in Python).
    Stop words keep their positions ("Hilfe am Kind" -> "hilf kind"); compound parts pair like the
    whole word. A phrase of three or more words needs each of its consecutive pairs."""

    def __init__(self):
        self.words = GermanAnalyzer()

    def __eq__(self, other):
        return type(other) is type(self)

    def stems_at(self, value: str, mode: str = "index") -> list[tuple[int, str]]:
        return [(t.pos, t.text) for t in self.words(value, positions=True, mode=mode)]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stems = self.stems_at(value, mode or "index")
        seen = set()
        for i, (pos, first) in enumerate(stems):
            for later, second in stems[i + 1:]:
                if later == pos:
                    continue
                if later - pos > PAIR_SLOP:
                    break
                pair = f"{first} {second}"
                if pair not in seen:
                    seen.add(pair)
                    t.text, t.stopped, t.boost = pair, False, 1.0
                    if positions:
                        t.pos = pos
                    yield t


def pairs_of(stems: list[str]) -> list[str]:
    """The pair terms a phrase of query stems needs (consecutive stems)."""
    return [f"{a} {b}" for a, b in zip(stems, stems[1:])]


class FastFrequency(Frequency):
    """Whoosh's Frequency format, fed from GermanAnalyzer.counts: the same postings, built
    without a Token per word (half of the index build time went into the token pipeline)."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, GermanAnalyzer) or kwargs.get("mode") != "index":
            return super().word_values(value, analyzer, **kwargs)
        fb = self.field_boost
        return ((w, n, n * fb, pack_uint(n)) for w, n in analyzer.counts(value).items())


def german_analyzer():
    """The analyzer for title, description and provider (the same at index and query time)."""
    return GermanAnalyzer()


def pair_analyzer():
    """Title stem pairs for phrases (see PairAnalyzer)."""
    return PairAnalyzer()


def spelling_analyzer():
    """Whole lower-case words, for "did you mean" and as-you-type suggestions."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter()
