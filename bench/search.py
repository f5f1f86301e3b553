"""Search benchmark: build, incremental update and faceted queries over a synthetic corpus.

    python -m bench.search [--offers 100000] [--json] [--data-dir var/bench]

The corpus is deterministic (German titles and descriptions, 50 providers, 60 towns of the
gazetteer, 30 categories, ~1.7 KB of text per offer) and cached under the data directory.
Queries: 200 mixed ones (one or two words, phrases, facet filters, date/price/radius filters),
each returning the top 20 with every facet count, on a warm searcher. The same queries run on
SQLite FTS5 over the same corpus (MATCH + bm25 + GROUP BY per facet) as the yardstick.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from index import IndexStore, SearchQuery, Searcher
from normalize import gazetteer

SUBJECTS = [("MAG-Schweißen", "schweissen"), ("WIG-Schweißen", "schweissen"), ("Schweißerprüfung", "schweissen"),
            ("CNC-Drehen", "metall_cnc"), ("CNC-Fräsen", "metall_cnc"), ("Gabelstaplerfahrer", "stapler_kran"),
            ("Kranführer", "stapler_kran"), ("Elektrofachkraft", "elektro"), ("SPS-Programmierung", "automatisierung"),
            ("Erste Hilfe", "erste_hilfe"), ("Brandschutzhelfer", "arbeitssicherheit"), ("Excel", "office"),
            ("Word", "office"), ("Buchhaltung", "buchhaltung"), ("Lohnabrechnung", "buchhaltung"),
            ("Englisch", "sprachen"), ("Tschechisch", "sprachen"), ("Pflegebasiskurs", "pflege"),
            ("Führungskräfte", "fuehrung"), ("Projektmanagement", "fuehrung"), ("Kommunikation", "kommunikation"),
            ("Datenschutz", "recht_personal"), ("Online-Marketing", "marketing_vertrieb"), ("Holzschnitzen", "holz"),
            ("Industriemeister Metall", "meister"), ("Ausbildereignung", "ausbilder"), ("Qualitätsmanagement",
            "qualitaet_umwelt"), ("Lagerlogistik", "logistik"), ("Digitalisierung", "digitalisierung"), ("Python", "it")]
LEVELS = ["Grundkurs", "Aufbaukurs", "für Einsteiger", "für Fortgeschrittene", "kompakt", "Intensivkurs",
          "im Betrieb", "Praxisseminar", "Zertifikatslehrgang", "Auffrischung"]
FILLER = ("Die Teilnehmenden lernen praxisnah die Grundlagen und vertiefen ihr Wissen an realen Beispielen "
          "aus kleinen und mittleren Unternehmen der Region. Übungen an modernen Arbeitsplätzen, Gruppenarbeit "
          "und Fallstudien wechseln sich ab. Voraussetzung sind Interesse und Grundkenntnisse; Material und "
          "Skript sind im Preis enthalten. Die Schulung endet mit einer Lernerfolgskontrolle und einem "
          "Zertifikat des Anbieters. Förderung über den Weiterbildungsscheck Sachsen ist möglich. ").split()
FORMATS = ["onsite"] * 6 + ["online"] * 3 + ["blended"]
FUNDING = [[], [], ["bildungsgutschein"], ["weiterbildungsscheck"], ["bildungsgutschein", "qcg"], ["aufstiegs_bafoeg"]]


def corpus(n: int, cache: Path) -> list[dict]:
    path = cache / f"corpus-{n}.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    rng = random.Random(20271)
    towns = list(gazetteer().towns.values())[:60]
    providers = [f"{rng.choice(['Bildungszentrum', 'Akademie', 'Bildungswerk', 'Schulungszentrum'])} "
                 f"{rng.choice(towns).name} {i}" for i in range(50)]
    records = []
    for i in range(n):
        subject, category = rng.choice(SUBJECTS)
        town = rng.choice(towns)
        fmt = rng.choice(FORMATS)
        start = date(2027, 1, 4) + timedelta(days=rng.randrange(0, 700))
        words = [rng.choice(FILLER) for _ in range(rng.randint(180, 260))]
        words[rng.randrange(len(words))] = subject
        records.append({
            "id": f"bench-{i}", "course_key": f"bench-c{i // 3}", "source": f"src{i % 50}",
            "provider": providers[i % 50], "title": f"{subject} {rng.choice(LEVELS)}",
            "description": " ".join(words), "url": f"https://example.org/kurs/{i}",
            "start_date": start.isoformat(), "end_date": (start + timedelta(days=rng.randint(0, 30))).isoformat(),
            "rolling_start": False, "duration_hours": float(rng.choice([4, 8, 16, 24, 40, 80, 120, 600])),
            "price_eur": float(rng.choice([0, 49, 95, 290, 450, 890, 1450, 3200])), "format": fmt,
            "location": None if fmt == "online" else {"name": None, "street": None, "postal_code": None,
                                                      "town": town.name, "lat": town.lat, "lon": town.lon},
            "category": category, "funding": rng.choice(FUNDING), "certificate": rng.choice(
                [None, "provider_certificate", "attendance", "ihk_exam"]), "language": "de"})
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def queries(n: int = 200) -> list[SearchQuery]:
    rng = random.Random(7)
    words = ["Schweißen", "Excel", "Stapler", "Erste Hilfe", "Führungskräfte", "Englisch", "CNC", "Kurs",
             "Grundkurs", "Praxisseminar", "Buchhaltung", "Pflege", "SPS", "Datenschutz", "Meister Metall"]
    annaberg = gazetteer().lookup("Annaberg-Buchholz")
    out = []
    for i in range(n):
        q = SearchQuery(text=rng.choice(words) if i % 5 else f'"{rng.choice(SUBJECTS)[0]} {rng.choice(LEVELS[:2])}"')
        if i % 3 == 0:
            q.filters = {"format": ["onsite"]}
        if i % 4 == 0:
            q.filters = dict(q.filters, category=[rng.choice(SUBJECTS)[1]])
        if i % 6 == 0:
            q.start_from, q.start_to = date(2027, 3, 1), date(2027, 9, 30)
        if i % 7 == 0:
            q.max_price = 1000
        if i % 10 == 0:
            q.near, q.radius_km = (annaberg.lat, annaberg.lon), 50
        if i % 11 == 0:
            q.text = ""
        out.append(q)
    return out


def timed(fn, items) -> list[float]:
    times = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def p(values: list[float], share: float) -> float:
    return round(sorted(values)[min(len(values) - 1, int(share * len(values)))], 1)


def fts5(records: list[dict], qs: list[SearchQuery], workdir: Path) -> float:
    db = sqlite3.connect(workdir / "fts.sqlite")
    db.execute("CREATE VIRTUAL TABLE o USING fts5(title, description, provider, category UNINDEXED, "
               "town UNINDEXED, format UNINDEXED, funding UNINDEXED, start UNINDEXED, price UNINDEXED)")
    db.executemany("INSERT INTO o VALUES (?,?,?,?,?,?,?,?,?)", [
        (r["title"], r["description"], r["provider"], r["category"], (r["location"] or {}).get("town", ""),
         r["format"], ",".join(r["funding"]), r["start_date"], r["price_eur"]) for r in records])
    db.commit()

    def run(q: SearchQuery):
        where, args = ["1=1"], []
        if q.text:
            terms = " ".join(f'"{w}"' for w in q.text.replace('"', " ").split())
            where.append("o MATCH ?")
            args.append(terms)
        for name, values in q.filters.items():
            where.append(f"{name} IN ({','.join('?' * len(values))})")
            args += values
        if q.start_from:
            where += ["start >= ?", "start <= ?"]
            args += [q.start_from.isoformat(), q.start_to.isoformat()]
        if q.max_price is not None:
            where.append("price <= ?")
            args.append(q.max_price)
        cond = " AND ".join(where)
        order = "ORDER BY bm25(o)" if q.text else "ORDER BY start"
        db.execute(f"SELECT rowid FROM o WHERE {cond} {order} LIMIT 20", args).fetchall()
        for facet in ("category", "town", "format", "funding"):
            db.execute(f"SELECT {facet}, count(*) FROM o WHERE {cond} GROUP BY {facet}", args).fetchall()

    return p(timed(run, qs), 0.95)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"))
    parser.add_argument("--no-fts5", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    records = corpus(args.offers, args.data_dir)
    qs = queries()
    with tempfile.TemporaryDirectory(dir=args.data_dir) as tmp:
        store = IndexStore(Path(tmp) / "index")
        t0 = time.perf_counter()
        store.rebuild((r, "") for r in records)
        build_s = time.perf_counter() - t0
        changed = [dict(r, title=r["title"] + " (aktualisiert)") for r in records[:1000]]
        t0 = time.perf_counter()
        store.apply((r, "x") for r in changed)
        update_s = time.perf_counter() - t0
        searcher = Searcher(store)
        t0 = time.perf_counter()
        searcher.search(SearchQuery(text="Excel"))
        warmup_ms = (time.perf_counter() - t0) * 1000
        timed(searcher.search, qs[:20])
        times = timed(searcher.search, qs)
        searcher.close()
        fts = None if args.no_fts5 else fts5(records, qs, Path(tmp))
    result = {"offers": args.offers, "build_s": round(build_s, 1), "update_1000_s": round(update_s, 2),
              "first_query_ms": round(warmup_ms), "p50_ms": p(times, 0.5), "p95_ms": p(times, 0.95),
              "fts5_p95_ms": fts, "p95_vs_fts5": round(p(times, 0.95) / fts, 2) if fts else None}
    print(json.dumps(result, indent=1) if args.json else
          "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
