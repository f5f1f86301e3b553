"""A realistic offer corpus for the search benchmarks, deterministic and cached.

Why not the demo offers multiplied: a benchmark whose descriptions come from a few dozen filler
words keeps every query word in the per-word postings cache and measures the cache. Here:

- titles: the few hundred distinct real course titles of the demo and replay sites
  (`demo/sites/*/expected.jsonl`, `tests/replay/*/expected.jsonl`), each with the category,
  format, certificate, funding, duration and price its provider gave it;
- descriptions: the course's own description (where it has one) followed by 80-260 words drawn
  from the 60,000 most frequent German words with their real frequencies (wordfreq's "large"
  German list, installed by `pip install -e '.[bench]'`): a Zipf-shaped vocabulary, so most
  query words are rare and their postings are not cached;
- 300 providers, each with a home town; runs take place at the home town or, for a quarter of
  them, at any town of the gazetteer (all 827 occur);
- courses of 1-6 runs (course_key per provider and title), start dates from 2026 to 2028
  (some past, some without a date), prices varied around the original.

The corpus is written to `<cache>/corpus-<n>-v<VERSION>.jsonl` once and read from there.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np

from normalize import gazetteer

ROOT = Path(__file__).resolve().parent.parent
VERSION = 2
VOCABULARY_SIZE = 60_000
PROVIDERS = 300
SEED = 20271
PROVIDER_KINDS = ["Bildungszentrum", "Akademie", "Bildungswerk", "Schulungszentrum", "Technikum",
                  "Volkshochschule", "Weiterbildung", "Fachschule", "Lernwerkstatt", "Seminarhaus"]
SURNAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
            "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Schmid",
            "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs",
            "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich",
            "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
            "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
            "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
            "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel",
            "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer"]
LEGAL = ["GmbH", "e. V.", "gGmbH", "GmbH & Co. KG", "", ""]


@dataclass(frozen=True)
class TitleTemplate:
    """A real course title with the facts its provider gave it."""

    title: str
    category: str
    format: str
    certificate: str | None
    funding: tuple[str, ...]
    duration_hours: float | None
    price_eur: float | None
    description: str


def title_templates() -> list[TitleTemplate]:
    """The distinct real course titles of the demo and replay sites (first listing wins)."""
    seen: dict[str, TitleTemplate] = {}
    paths = sorted(ROOT.glob("demo/sites/*/expected.jsonl")) + sorted(ROOT.glob("tests/replay/*/expected.jsonl"))
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            title = (r.get("title") or "").strip()
            if not title or title in seen:
                continue
            seen[title] = TitleTemplate(
                title=title, category=r.get("category") or "sonstiges", format=r.get("format") or "onsite",
                certificate=r.get("certificate"), funding=tuple(r.get("funding") or ()),
                duration_hours=r.get("duration_hours"), price_eur=r.get("price_eur"),
                description=(r.get("description") or "").strip())
    if len(seen) < 200:
        raise SystemExit(f"bench corpus: only {len(seen)} distinct titles found under demo/ and tests/replay/")
    return list(seen.values())


@lru_cache(maxsize=1)
def vocabulary(size: int = VOCABULARY_SIZE) -> tuple[list[str], np.ndarray]:
    """The `size` most frequent alphabetic German words and their probabilities (sum 1)."""
    try:
        import wordfreq
    except ImportError:  # no silent fallback: a small vocabulary is exactly what flatters
        raise SystemExit("bench corpus needs the German word list: pip install -e '.[bench]' (wordfreq)") from None
    words = [w for w in wordfreq.top_n_list("de", int(size * 1.5), wordlist="large")
             if w.isalpha() and len(w) >= 2][:size]
    if len(words) < size:
        raise SystemExit(f"bench corpus: wordfreq gave only {len(words)} German words, {size} wanted")
    freq = np.array([wordfreq.word_frequency(w, "de", wordlist="large") for w in words], dtype=np.float64)
    return words, freq / freq.sum()


def providers(rng: random.Random) -> list[tuple[str, str]]:
    """(name, home town) of each provider; home towns from the Erzgebirge and around first."""
    towns = list(gazetteer().towns.values())
    near = [t.name for t in towns if t.district in ("Erzgebirgskreis", "Chemnitz", "Mittelsachsen", "Zwickau")]
    names, out = set(), []
    while len(out) < PROVIDERS:
        home = rng.choice(near) if rng.random() < 0.7 else rng.choice(towns).name
        name = f"{rng.choice(PROVIDER_KINDS)} {rng.choice(SURNAMES)} {home} {rng.choice(LEGAL)}".strip()
        if name not in names:
            names.add(name)
            out.append((name, home))
    return out


def _sentences(words: list[str], rng: random.Random) -> str:
    out, i = [], 0
    while i < len(words):
        n = rng.randint(7, 18)
        part = words[i:i + n]
        i += n
        out.append(part[0][:1].upper() + part[0][1:] + (" " + " ".join(part[1:]) if len(part) > 1 else "") + ".")
    return " ".join(out)


_TITLE_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")


class _Words:
    """Description words drawn from the vocabulary in chunks (fast with numpy, deterministic,
    and bounded in memory at a million offers)."""

    CHUNK = 2_000_000

    def __init__(self, rng: np.random.Generator):
        self.words, self.probs = vocabulary()
        self.rng = rng
        self.buffer = np.zeros(0, np.int64)
        self.cursor = 0

    def take(self, count: int) -> list[str]:
        if self.cursor + count > len(self.buffer):
            rest = self.buffer[self.cursor:]
            self.buffer = np.concatenate([rest, self.rng.choice(len(self.words), size=self.CHUNK, p=self.probs)])
            self.cursor = 0
        ids = self.buffer[self.cursor:self.cursor + count]
        self.cursor += count
        return [self.words[k] for k in ids]


def generate(n: int):
    """The n records, one by one."""
    rng = random.Random(SEED)
    draw = _Words(np.random.default_rng(SEED))
    templates = title_templates()
    count = 0
    towns = list(gazetteer().towns.values())
    by_name = {t.name: t for t in towns}
    people = providers(rng)
    course = 0
    while count < n:
        p_index = rng.randrange(len(people))
        provider, home = people[p_index]
        tpl = rng.choice(templates)
        course += 1
        runs = rng.choice([1, 1, 2, 2, 3, 4, 6])
        base_price = tpl.price_eur if tpl.price_eur is not None else rng.choice([None, 95.0, 290.0, 890.0])
        for _ in range(runs):
            if count >= n:
                break
            i = count
            count += 1
            body = draw.take(rng.randint(80, 260))
            subject = _TITLE_WORD.findall(tpl.title)
            for word in rng.sample(subject, min(len(subject), rng.randint(0, 3))):
                body.insert(rng.randrange(len(body) + 1), word)
            description = (tpl.description + " " if tpl.description else "") + _sentences(body, rng)
            town = by_name[home] if rng.random() < 0.75 else rng.choice(towns)
            fmt = tpl.format
            roll = rng.random()
            if roll < 0.05:
                start, end = None, None
            else:
                start = date(2026, 9, 1) + timedelta(days=rng.randrange(0, 660))
                end = start + timedelta(days=rng.choice([0, 0, 1, 2, 4, 11, 30, 90, 300]))
            price = None if base_price is None else round(base_price * rng.choice([0.8, 0.9, 1.0, 1.0, 1.1, 1.25]), 2)
            yield {
                "id": f"b{i:07d}", "course_key": f"k{course:07d}", "source": f"p{p_index:03d}",
                "provider": provider, "title": tpl.title, "description": description,
                "url": f"https://anbieter-{p_index:03d}.example/kurs/{course}/{i}",
                "start_date": start.isoformat() if start else None,
                "end_date": end.isoformat() if end else None,
                "rolling_start": start is None,
                "duration_hours": tpl.duration_hours, "price_eur": price, "format": fmt,
                "location": None if fmt in ("online", "selfpaced") else {
                    "name": None, "street": None, "postal_code": town.postal_codes[0] if town.postal_codes else None,
                    "town": town.name, "lat": town.lat, "lon": town.lon},
                "category": tpl.category, "funding": list(tpl.funding), "certificate": tpl.certificate,
                "language": "de"}


def corpus(n: int, cache: Path) -> list[dict]:
    """The n-offer corpus, generated once and cached as JSON lines."""
    path = cache / f"corpus-{n}-v{VERSION}.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    _write(n, path)
    return corpus(n, cache)


def _write(n: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for r in generate(n):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(path)


def iter_corpus(n: int, cache: Path):
    """The corpus record by record (the 1M build must not hold a million dicts)."""
    path = cache / f"corpus-{n}-v{VERSION}.jsonl"
    if not path.exists():
        _write(n, path)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)
