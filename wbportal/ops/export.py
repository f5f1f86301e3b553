"""Export of the catalogue's current offers (JSON Lines with the schema's field names)."""
from __future__ import annotations

import json
from typing import IO

from ..catalogue import Catalogue


def export_jsonl(catalogue: Catalogue, out: IO[str]) -> int:
    count = 0
    for record in catalogue.iter_offers():
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count
