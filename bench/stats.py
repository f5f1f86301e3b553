"""The one percentile definition of the benchmarks, so that figures of bench.search, its peers
and bench.web are read the same way."""
from __future__ import annotations


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (the value at position int(share * n) of the sorted values),
    rounded to 0.1; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)
