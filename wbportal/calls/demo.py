"""A call in progress for `wbportal demo`: drafted from the largest joint-course group of the demo
needs, sent to two providers of the directory that have an e-mail address, with two answers in
(different prices and dates). Nothing is mailed: the recipients are marked as sent, as if the
mails had gone out, so that the office's comparison page has something to show.
"""
from __future__ import annotations

from datetime import date, timedelta

from ..needs.demand import joint_groups, need_rows
from ..providers.directory import provider_directory
from .model import AnswerStatus, Proposal
from .store import CallStore
from .workflow import answer, create, draft_from_needs, mark_reached

ACTOR = "demo"


def seed_demo_call(db, accounts, need_store, sources, base_url: str, today: date | None = None) -> int | None:
    """The demo call's id, or None when there is already a call, no joint-course group of two
    firms, or fewer than two providers with an e-mail address (the demo then shows no call)."""
    store = CallStore(db)
    if store.count():
        return None
    groups = joint_groups(need_rows(need_store, None))
    providers = [e for e in provider_directory(db, sources) if e.email][:2]
    if not groups or len(providers) < 2:
        return None
    today = today or date.today()
    needs = [r.need for r in groups[0].rows]
    call = draft_from_needs(needs, today)
    call.notes = "Gern als Blockkurs an zwei bis drei aufeinanderfolgenden Tagen, auch samstags möglich."
    call.origin = "demo"
    call_id = create(store, db, call, needs, ACTOR, None)
    for entry in providers:
        store.add_recipient(call_id, provider_name=entry.name, email=entry.email, company_id=entry.company_id,
                            source_key=entry.source_keys[0] if entry.source_keys and entry.company_id is None else None)
    mark_reached(store, db, need_store, store.get(call_id), store.recipients(call_id), ACTOR)
    first, second = store.recipients(call_id)
    start = today + timedelta(days=45)
    answer(store, db, store.get(call_id), first, f"Anbieter-Link: {first.provider_name}", status=AnswerStatus.offer,
           proposals=[Proposal(start, start + timedelta(days=2), "8:00–15:30 Uhr", 3),
                      Proposal(start + timedelta(days=21), start + timedelta(days=23), "8:00–15:30 Uhr", 3)],
           town="Annaberg-Buchholz", place="Schulungszentrum, Buchholzer Straße 2", price_per_person=890.0,
           min_heads=6, max_heads=12, notes="Schweißplätze und Material sind im Preis enthalten.")
    later = today + timedelta(days=70)
    answer(store, db, store.get(call_id), second, f"Anbieter-Link: {second.provider_name}", status=AnswerStatus.offer,
           proposals=[Proposal(later, later + timedelta(days=4), "Mo–Fr 7:30–14:00 Uhr", 5)],
           town="Aue-Bad Schlema", place="Lehrwerkstatt", price_per_person=1040.0, min_heads=5, max_heads=10,
           notes="Mit Prüfung nach DIN EN ISO 9606-1 auf Wunsch (Prüfungsgebühr extra).")
    return call_id
