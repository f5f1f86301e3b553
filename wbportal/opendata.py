"""The licence under which the portal publishes its offer data, and who must be named.

The operator decides it, so it is configuration, looked up in this order:
1. the `open_data:` block of the operator's `<data dir>/legal.yaml` (licence, url, attribution);
2. $WBPORTAL_DATA_LICENCE (a licence name such as "CC0 1.0" or "dl-de/by-2-0");
3. the default, CC BY 4.0.
The attribution names the providers the data comes from (sources.yaml), because the offers are
their statements; `{sources}` in an operator's attribution is replaced with that list.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .legal import load_legal

DEFAULT_LICENCE = "CC BY 4.0"
LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
    "dl-de/by-2-0": "https://www.govdata.de/dl-de/by-2-0",
    "dl-de/zero-2-0": "https://www.govdata.de/dl-de/zero-2-0",
}
DEFAULT_ATTRIBUTION = ("Weiterbildungsportal Erzgebirge ({operator}), nach Angaben der Bildungsanbieter: {sources}")


@dataclass(frozen=True)
class DataLicence:
    licence: str          # e.g. "CC BY 4.0"
    url: str              # the licence text ("" if unknown)
    attribution: str      # the line to copy when reusing the data
    providers: tuple[str, ...]
    origin: str           # "operator" (legal.yaml), "environment" or "default": shown to nobody, for tests and logs


def data_licence(data_dir: Path, providers: list[str]) -> DataLicence:
    """The licence in force for the data directory's portal."""
    providers = tuple(dict.fromkeys(p for p in providers if p))  # sources.yaml order, each once
    listed = ", ".join(providers) or "die jeweiligen Bildungsanbieter"
    own = Path(data_dir) / "legal.yaml"
    legal = load_legal(own) if own.exists() else None
    operator = legal.operator.name if legal else "Koordinierungsstelle Weiterbildungsverbund Erzgebirge"
    default_attribution = DEFAULT_ATTRIBUTION.format(operator=operator, sources=listed)
    if legal and legal.open_data:
        block = legal.open_data
        return DataLicence(block.licence, block.url or LICENCE_URLS.get(block.licence, ""),
                           (block.attribution or DEFAULT_ATTRIBUTION).replace("{sources}", listed)
                           .replace("{operator}", operator), providers, "operator")
    from_env = os.environ.get("WBPORTAL_DATA_LICENCE", "").strip()
    if from_env:
        return DataLicence(from_env, LICENCE_URLS.get(from_env, ""), default_attribution, providers, "environment")
    return DataLicence(DEFAULT_LICENCE, LICENCE_URLS[DEFAULT_LICENCE], default_attribution, providers, "default")
