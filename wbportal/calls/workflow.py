"""The steps of a call for offers, without the web: a call drafted from needs, sending (which
recipients count as reached), answers, acceptance, seats, confirmation, cancellation; each step
with its status move and audit entry.

Mails are not sent here: the caller sends the texts of `mails.py` and marks a recipient as
reached only when its mail went out, so that a mail server that is down loses nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from normalize import distance_km

from .. import audit
from ..needs.matching import need_town
from ..needs.model import Need, OfficeStatus
from .model import Answer, AnswerStatus, Call, CallStatus, Proposal, Recipient, SeatStatus
from .store import CallStore

DEADLINE_DAYS = 14


def subject(call_id: int) -> str:
    return f"call:{call_id}"


def _town(place: str | None):
    """A need's or answer's place in the gazetteer: the matcher's one reading of a town or postal code."""
    return need_town(place or "")


# -- a draft from needs ---------------------------------------------------------------------------
def _window(needs: list[Need]) -> tuple[date | None, date | None]:
    """The intersection of the needs' start windows (an open end does not narrow it); where they do
    not overlap, the widest window, so that the office sees the spread and narrows it by hand."""
    earliest = max((n.earliest for n in needs if n.earliest), default=None)
    latest = min((n.latest for n in needs if n.latest), default=None)
    if earliest and latest and earliest > latest:
        return (min(n.earliest for n in needs if n.earliest), max(n.latest for n in needs if n.latest))
    return earliest, latest


def _central_place(needs: list[Need]) -> str:
    """The need place nearest to all others (smallest largest distance); the biggest group's
    place where the gazetteer knows none of them."""
    located = [(n, _town(n.place)) for n in needs if n.place]
    known = [(n, t) for n, t in located if t is not None]
    if not known:
        return max(needs, key=lambda n: n.employees).place if any(n.place for n in needs) else ""
    def spread(town):
        return max(distance_km(town.lat, town.lon, t.lat, t.lon) for _, t in known)
    best = min(known, key=lambda nt: (spread(nt[1]), -nt[0].employees))
    return best[1].name


def _formats(needs: list[Need]) -> list[str]:
    """Formats every need accepts; where they share none, any a need accepts; [] = any format."""
    wanted = [set(n.formats) for n in needs if n.formats]
    if not wanted:
        return []
    common = set.intersection(*wanted)
    return sorted(common or set.union(*wanted))


def draft_from_needs(needs: list[Need], today: date | None = None) -> Call:
    """The call form's proposal for these needs; the office edits every field before saving."""
    today = today or date.today()
    topics = list(dict.fromkeys(n.topic.strip() for n in needs if n.topic.strip()))
    categories = Counter(n.category for n in needs if n.category)
    earliest, latest = _window(needs)
    prices = [n.max_price for n in needs if n.max_price is not None]
    return Call(topic=" / ".join(topics)[:300], category=categories.most_common(1)[0][0] if categories else "",
                head_count=sum(n.employees for n in needs) or 1,
                company_count=len({n.company_id for n in needs}) or 1, earliest=earliest, latest=latest,
                place=_central_place(needs), radius_km=max((n.radius_km for n in needs), default=50),
                formats=_formats(needs), budget_per_person=min(prices) if prices else None,
                deadline=today + timedelta(days=DEADLINE_DAYS), notes="")


def region(call: Call) -> str:
    """Where the course is wanted, for providers: town and district, never a firm."""
    town = _town(call.place)
    if town is None:
        where = call.place or "Erzgebirge und Umgebung"
    else:
        where = f"{town.name} ({town.district})" if town.district else town.name
    return f"{where}, Umkreis {call.radius_km} km"


def create(store: CallStore, db, call: Call, needs: list[Need], actor: str, created_by: int | None) -> int:
    call_id = store.create(call, [(n.id, n.company_id, n.employees) for n in needs], created_by)
    audit.record(db, actor, "call.created", subject(call_id), topic=call.topic, needs=[n.id for n in needs],
                 heads=call.head_count)
    return call_id


# -- sending --------------------------------------------------------------------------------------
def mark_reached(store: CallStore, db, need_store, call: Call, reached: list[Recipient], actor: str) -> bool:
    """After the mails went out: the reached recipients count as sent; the first sending moves the
    call to "sent" and its needs to "in a call". Returns whether the call was moved."""
    for r in reached:
        store.mark_sent(r.id)
    if not reached:
        return False
    moved = store.move(call.id, CallStatus.sent) if call.status is CallStatus.draft else False
    if moved:
        for n in store.needs(call.id):
            need_store.set_office_status(n.need_id, OfficeStatus.in_call)
    else:
        store.touch(call.id)
    audit.record(db, actor, "call.sent", subject(call.id), recipients=[r.provider_name for r in reached],
                 emails=[r.email for r in reached])
    return moved


# -- answers --------------------------------------------------------------------------------------
def answer(store: CallStore, db, call: Call, recipient: Recipient, actor: str, **values) -> bool:
    """Stores an offer or a decline; the first answer to the call moves it to "answers".
    Returns whether this is the recipient's first answer."""
    _, first = store.save_answer(recipient, **values)
    if call.status is CallStatus.sent:
        store.move(call.id, CallStatus.answers)
    else:
        store.touch(call.id)
    declined = values.get("status") is AnswerStatus.declined
    audit.record(db, actor, "call.declined" if declined else ("call.answered" if first else "call.answer_changed"),
                 subject(call.id), provider=recipient.provider_name,
                 **({"reason": values.get("decline_reason", "")} if declined else
                    {"price_per_person": values.get("price_per_person"), "proposals": len(values.get("proposals") or [])}))
    return first


def accepted(store: CallStore, call: Call) -> tuple[Answer, Proposal, Recipient] | None:
    """The accepted answer, its chosen proposal and its provider, once the office accepted one."""
    if call.accepted_answer_id is None:
        return None
    chosen = store.answer(call.accepted_answer_id)
    if chosen is None or call.accepted_proposal is None or not 0 <= call.accepted_proposal < len(chosen.proposals):
        return None
    return chosen, chosen.proposals[call.accepted_proposal], store.recipient(chosen.recipient_id)


def accept(store: CallStore, db, call: Call, chosen: Answer, proposal: int, actor: str) -> bool:
    if chosen.call_id != call.id or not chosen.is_offer or not 0 <= proposal < len(chosen.proposals):
        return False
    if not store.move(call.id, CallStatus.accepted, accepted_answer_id=chosen.id, accepted_proposal=proposal):
        return False
    recipient = store.recipient(chosen.recipient_id)
    p = chosen.proposals[proposal]
    audit.record(db, actor, "call.accepted", subject(call.id), provider=recipient.provider_name if recipient else "",
                 answer=chosen.id, start=p.start_date.isoformat(), end=p.end_date.isoformat(),
                 price_per_person=chosen.price_per_person)
    return True


# -- distances from an answer's place to the firms' need places -----------------------------------
@dataclass
class Distance:
    online: bool = False
    low: float | None = None   # km to the nearest firm's need place
    high: float | None = None  # km to the farthest


def distances(chosen: Answer, need_places: list[str]) -> Distance:
    if chosen.online:
        return Distance(online=True)
    town = _town(chosen.town)
    towns = [t for t in (_town(p) for p in need_places) if t is not None]
    if town is None or not towns:
        return Distance()
    km = [distance_km(town.lat, town.lon, t.lat, t.lon) for t in towns]
    return Distance(False, min(km), max(km))


# -- seats ----------------------------------------------------------------------------------------
def capacity(store: CallStore, call: Call) -> int | None:
    """The course's most seats: the accepted answer's maximum head count."""
    chosen = accepted(store, call)
    return chosen[0].max_heads if chosen else None


def seats_left(store: CallStore, call: Call, except_company: int | None = None) -> int | None:
    """Free seats, not counting `except_company`'s own (it may change them); None: no maximum."""
    most = capacity(store, call)
    if most is None:
        return None
    return max(0, most - store.confirmed_seats(call.id, except_company))


def minimum_reached(store: CallStore, call: Call) -> bool:
    chosen = accepted(store, call)
    if chosen is None:
        return False
    return store.confirmed_seats(call.id) >= (chosen[0].min_heads or 1)


def confirm(store: CallStore, db, need_store, call: Call, actor: str) -> bool:
    """The course takes place: status confirmed; needs of firms with seats are served."""
    if not minimum_reached(store, call) or not store.move(call.id, CallStatus.confirmed):
        return False
    with_seats = {s.company_id for s in store.seats(call.id) if s.status is SeatStatus.confirmed and s.seats > 0}
    for n in store.needs(call.id):
        if n.company_id in with_seats:
            need_store.set_office_status(n.need_id, OfficeStatus.served)
    audit.record(db, actor, "call.confirmed", subject(call.id), seats=store.confirmed_seats(call.id),
                 companies=len(with_seats))
    return True


def cancel(store: CallStore, db, need_store, call: Call, actor: str, reason: str = "") -> bool:
    """Called off at any step; its needs, marked "in a call" or "served" by it, go back to
    "contacted" (the office did act on them), so that the office's lists show them again."""
    if not store.move(call.id, CallStatus.cancelled):
        return False
    mine = {n.need_id for n in store.needs(call.id)}
    for need, _ in need_store.by_ids(mine):
        if need.office_status in (OfficeStatus.in_call.value, OfficeStatus.served.value):
            need_store.set_office_status(need.id, OfficeStatus.contacted)
    audit.record(db, actor, "call.cancelled", subject(call.id), reason=reason, was=call.status.value)
    return True
