"""Confirmed calls as catalogue offers of the network's own source (`verbundkurs`).

Each confirmed, not cancelled call becomes one offer built the way a crawl builds one (a raw item
through `normalize.build_offer`), so that it passes the schema, gets the same parsing of dates,
price and place, and is searchable like any other run; it is marked `joint_course` and carries
its free seats. `wbportal.ops.publish.publish` applies the list with remove_missing, so a
cancelled course leaves the catalogue and the index on the next publish.
"""
from __future__ import annotations

from normalize import Offer, build_offer, taxonomy

from ..db import Database
from ..providers import VERBUND_PROVIDER, VERBUND_SOURCE
from .mails import proposal_text
from .model import CallStatus
from .store import CallStore
from .workflow import accepted


def course_url(base_url: str, call_id: int) -> str:
    return f"{base_url.rstrip('/')}/verbundkurse/kurs/{call_id}"


def _description(call, proposal) -> str:
    text = (f"Verbundkurs des {VERBUND_PROVIDER}: ein gemeinsamer Kurs für Beschäftigte mehrerer Firmen aus der "
            f"Region, organisiert von der Koordinierungsstelle. Firmen können freie Plätze anfragen.")
    if proposal.sessions:
        text += f" {proposal.sessions} Termine."
    return f"{text} {call.notes}".strip() if call.notes else text


def verbund_record(store: CallStore, call, base_url: str) -> dict | None:
    chosen = accepted(store, call)
    if chosen is None:
        return None
    answer, proposal, recipient = chosen
    raw = {"source": VERBUND_SOURCE, "url": course_url(base_url, call.id), "page_url": course_url(base_url, call.id),
           "provider": recipient.provider_name if recipient else VERBUND_PROVIDER, "title": call.topic,
           "description": _description(call, proposal), "start": proposal.start_date.isoformat(),
           "end": proposal.end_date.isoformat(), "times": proposal.times or "",
           "price": float(answer.price_per_person) if answer.price_per_person is not None else "",
           "format": "online" if answer.online else "Präsenz", "provider_ref": f"call-{call.id}",
           "course_ref": f"call-{call.id}", "category": call.category or ""}
    if not answer.online:
        raw.update(town=answer.town, street=answer.place, place=", ".join(x for x in (answer.place, answer.town) if x))
    record = build_offer(raw).to_record()
    if call.category in taxonomy():
        record["category"] = call.category  # the office chose it; the classifier only guesses from the title
    if not record.get("schedule_text"):
        record["schedule_text"] = proposal_text(proposal)
    record["joint_course"] = True
    if answer.max_heads is not None:
        record["seats_free"] = max(0, answer.max_heads - store.confirmed_seats(call.id))
    return Offer.model_validate(record).to_record()


def verbund_records(db: Database, base_url: str) -> list[dict]:
    """Every confirmed, not cancelled call as a normalized offer record."""
    store = CallStore(db)
    records = []
    for call in store.all(CallStatus.confirmed):
        record = verbund_record(store, call, base_url)
        if record is not None:
            records.append(record)
    return records
