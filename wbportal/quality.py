"""Field coverage of a run's offers, and what a maintainer should look at when it drops."""
from __future__ import annotations

COVERED = {
    "description": lambda r: bool(r.get("description")),
    "start_date": lambda r: bool(r.get("start_date")) or r.get("rolling_start"),
    "end_date": lambda r: bool(r.get("end_date")),
    "price": lambda r: r.get("price_eur") is not None,
    "duration": lambda r: r.get("duration_hours") is not None,
    "place": lambda r: bool((r.get("location") or {}).get("town")) or r.get("format") in ("online", "selfpaced"),
    "category": lambda r: r.get("category") not in (None, "", "sonstiges"),
}
SELECTOR_FIELD = {"start_date": "schedule", "end_date": "schedule", "place": "place"}
DROP_POINTS = 0.3  # a field that loses 30 percentage points against the last good run


def coverage(records: list[dict]) -> dict[str, float]:
    """Share of offers (0..1) with each field filled."""
    if not records:
        return {name: 0.0 for name in COVERED}
    return {name: round(sum(1 for r in records if test(r)) / len(records), 3) for name, test in COVERED.items()}


def coverage_drops(now: dict[str, float], before: dict[str, float] | None) -> list[str]:
    """Fields that were usually found in the last good run but are now mostly missing."""
    if not before:
        return []
    return [f"{name} found on {now.get(name, 0):.0%} of offers, was {share:.0%} in the last good run"
            for name, share in before.items() if share - now.get(name, 0.0) >= DROP_POINTS]


def coverage_warnings(now: dict[str, float], count: int) -> list[str]:
    """Plain hints for a preview: which selector to check."""
    warnings = []
    for name, share in now.items():
        if share == 0 and count:
            selector = SELECTOR_FIELD.get(name, name)
            warnings.append(f"{name} found on 0 of {count} offers: check selector '{selector}'")
        elif share < 0.5 and count:
            warnings.append(f"{name} found on only {round(share * count)} of {count} offers")
    return warnings
