"""Field-by-field comparison of crawled offers with the demo sites' hand-checked expected.jsonl.

Also runnable on its own to print the accuracy table for a closing note:
    python tests/accuracy.py EXPORT.jsonl
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SITES = Path(__file__).resolve().parent.parent / "demo" / "sites"
FIELDS = ("title", "provider", "description", "start_date", "end_date", "rolling_start", "duration_hours",
          "price_eur", "format", "location.name", "location.street", "location.postal_code", "location.town",
          "category", "funding", "certificate", "language")


def url_key(url: str) -> str:
    parts = urlsplit(url)
    key = parts.path + (f"?{parts.query}" if parts.query else "")
    return key + (f"#{parts.fragment}" if parts.fragment else "")


def value(record: dict, name: str):
    if name.startswith("location."):
        return (record.get("location") or {}).get(name.split(".", 1)[1])
    v = record.get(name)
    if name == "funding":
        return sorted(v or [])
    if name == "description":
        return " ".join((v or "").split())
    return v


def same(name: str, expected, actual) -> bool:
    if name == "duration_hours" or name == "price_eur":
        if expected is None or actual is None:
            return expected is None and actual is None
        return abs(float(expected) - float(actual)) < 0.01
    return expected == actual


@dataclass
class SiteScore:
    site: str
    expected: int = 0
    matched: int = 0
    extra: int = 0
    correct: dict = field(default_factory=lambda: defaultdict(int))
    mismatches: dict = field(default_factory=lambda: defaultdict(list))
    course_groups_ok: bool = True


def load_expected(site: str, name: str = "expected.jsonl") -> list[dict]:
    with (SITES / site / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_site(site: str, actual: list[dict], expected: list[dict] | None = None) -> SiteScore:
    expected = load_expected(site) if expected is None else expected
    score = SiteScore(site, expected=len(expected))
    by_key = {(url_key(a["url"]), a.get("start_date")): a for a in actual if a["source"] == site}
    used = set()
    pairs = []
    for exp in expected:
        key = (exp["url"], exp.get("start_date"))
        act = by_key.get(key)
        if act is None:
            for name in FIELDS:
                score.mismatches[name].append((key, value(exp, name), "<missing offer>"))
            continue
        used.add(key)
        score.matched += 1
        pairs.append((exp, act))
        for name in FIELDS:
            if same(name, value(exp, name), value(act, name)):
                score.correct[name] += 1
            else:
                score.mismatches[name].append((key, value(exp, name), value(act, name)))
    score.extra = len(set(by_key) - used)
    # Runs that share the generator's course id must share the crawled course_key, and vice versa.
    exp_groups = defaultdict(set)
    act_groups = defaultdict(set)
    for exp, act in pairs:
        exp_groups[exp["course_key"]].add(act["id"])
        act_groups[act["course_key"]].add(act["id"])
    score.course_groups_ok = sorted(map(sorted, exp_groups.values())) == sorted(map(sorted, act_groups.values()))
    return score


def sites() -> list[str]:
    return sorted(p.parent.name for p in SITES.glob("*/expected.jsonl"))


def table(scores: list[SiteScore]) -> str:
    total = sum(s.expected for s in scores)
    lines = [f"| field | {' | '.join(s.site for s in scores)} | all |", "|---" * (len(scores) + 2) + "|"]
    lines.append(f"| offers found | {' | '.join(f'{s.matched}/{s.expected}' for s in scores)} | "
                 f"{sum(s.matched for s in scores)}/{total} |")
    for name in FIELDS:
        cells = [f"{100 * s.correct[name] / s.expected:.1f}" if s.expected else "-" for s in scores]
        overall = 100 * sum(s.correct[name] for s in scores) / total if total else 0
        lines.append(f"| {name} | {' | '.join(cells)} | {overall:.1f} |")
    lines.append(f"| course grouping | {' | '.join('ok' if s.course_groups_ok else 'off' for s in scores)} | |")
    lines.append(f"| extra offers | {' | '.join(str(s.extra) for s in scores)} | {sum(s.extra for s in scores)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    results = [score_site(site, records) for site in sites()]
    print(table(results))
    if "-v" in sys.argv:
        for s in results:
            for name, rows in s.mismatches.items():
                for key, exp, act in rows[:6]:
                    print(f"{s.site} {name} {key}: expected {exp!r} got {act!r}")
