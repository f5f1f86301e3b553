"""`publish`: what people entered in the portal goes into the catalogue and the index.

Three kinds of offers do not come from a crawl: offers providers entered by hand (one source
per provider, `manuell-<id>`), the network's confirmed joint courses (source `verbundkurs`),
and providers' corrections and hidings of crawled offers. The web side only stores them; this
job (started by the web after a change, by the CLI, or by the scheduler) applies them the same
way a crawl applies a run: catalogue first, then only the touched index documents.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import ChangeSet
from .pipeline import update_index


@dataclass
class PublishReport:
    manual: dict[str, ChangeSet]
    verbund: ChangeSet
    corrections: ChangeSet

    def line(self) -> str:
        def counts(c: ChangeSet) -> str:
            return f"+{len(c.added)} new, {len(c.changed)} changed, -{len(c.removed)} removed"
        manual = ChangeSet()
        for c in self.manual.values():
            manual.added += c.added
            manual.changed += c.changed
            manual.removed += c.removed
        return (f"hand-entered offers of {len(self.manual)} providers: {counts(manual)}; "
                f"Verbundkurse: {counts(self.verbund)}; corrections: {counts(self.corrections)}")


def publish(portal) -> PublishReport:
    from ..calls.publish import verbund_records
    from ..providers import VERBUND_SOURCE
    from ..providers.corrections import reapply
    from ..providers.manual import manual_source_records

    catalogue, index_store = portal.catalogue, portal.index_store
    manual = {}
    for key, records in manual_source_records(portal.db, portal.base_url).items():
        manual[key] = catalogue.apply(key, records, remove_missing=True)
        update_index(catalogue, index_store, manual[key])
    verbund = catalogue.apply(VERBUND_SOURCE, verbund_records(portal.db, portal.base_url), remove_missing=True)
    update_index(catalogue, index_store, verbund)
    corrections = reapply(portal.db, catalogue)
    update_index(catalogue, index_store, corrections)
    return PublishReport(manual, verbund, corrections)
