"""Per-offer quality warnings for the provider: what a searcher misses in one offer (no dates,
price, place, duration, description; category "sonstiges"; dates in the past; a text the
normalizer did not understand). The same tests as the office's field coverage
(`wbportal.ops.quality`), applied to one record instead of counted over a run.

Each warning names the correction field that fixes it, so the provider's page can link to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..ops.quality import COVERED, NOT_UNDERSTOOD

# coverage field -> correction field (wbportal.providers.corrections.FIELDS)
FIX = {"description": "description", "start_date": "dates", "end_date": "dates", "price": "price",
       "duration": "duration", "place": "place", "category": "category", "schedule": "schedule_text"}


@dataclass(frozen=True)
class OfferWarning:
    field: str          # coverage field of wbportal.ops.quality ("price", "start_date", ...)
    kind: str           # "missing", "not_understood", "past", "other_category"
    text: str = ""      # the text not understood
    fix: str = ""       # the correction field that fixes it

    def __post_init__(self):
        if not self.fix:
            object.__setattr__(self, "fix", FIX.get(self.field, ""))


def offer_warnings(record: dict, today: date | None = None) -> list[OfferWarning]:
    """The warnings of one offer, in the order of the coverage fields."""
    today = today or date.today()
    warnings: list[OfferWarning] = []
    for name, (text_field, not_understood) in NOT_UNDERSTOOD.items():
        if not_understood(record):
            warnings.append(OfferWarning(name, "not_understood", record.get(text_field) or ""))
    understood_badly = {w.field for w in warnings}
    for name, covered in COVERED.items():
        if name == "end_date" and (record.get("rolling_start") or not record.get("start_date")):
            continue  # said once, as a missing start; an open-ended run needs no end
        if name == "category":
            if not covered(record):
                warnings.append(OfferWarning(name, "other_category"))
            continue
        if not covered(record):
            if name == "start_date" and "schedule" in understood_badly:
                continue
            if name == "price" and "price" in understood_badly:
                continue
            if name == "duration" and "duration" in understood_badly:
                continue
            warnings.append(OfferWarning(name, "missing"))
    last_day = record.get("end_date") or record.get("start_date")
    if last_day and date.fromisoformat(last_day) < today:
        warnings.append(OfferWarning("end_date" if record.get("end_date") else "start_date", "past"))
    elif record.get("start_date") and date.fromisoformat(record["start_date"]) < today:
        warnings.append(OfferWarning("start_date", "past"))
    return warnings
