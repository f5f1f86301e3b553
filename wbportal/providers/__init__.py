"""Training providers as the network deals with them: the directory the office picks call
recipients from, provider accounts with their linked sources, corrections of crawled offers and
offers entered by hand."""

VERBUND_SOURCE = "verbundkurs"            # the network's own source: confirmed joint courses (Verbundkurse)
VERBUND_PROVIDER = "Weiterbildungsverbund Erzgebirge"
MANUAL_PREFIX = "manuell-"               # per-provider source of hand-entered offers: manuell-<organisation id>


def manual_source_key(organisation_id: int) -> str:
    return f"{MANUAL_PREFIX}{organisation_id}"
