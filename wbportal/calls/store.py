"""Calls for offers in the database (tables of migration 0004: calls, call_needs,
call_recipients, call_answers, call_messages, call_seats).

The store is deliberately dumb about who asks: the office's pages may read every call, while the
provider's and the firms' pages go through the narrow readers (`recipient`, `calls_of_company`,
`recipients_of_organisation`) and check the result belongs to them. Status changes are
conditional updates (`move`), so two clicks at once cannot skip or repeat a step.
"""
from __future__ import annotations

import json
import secrets
from datetime import date

from sqlalchemy import delete, func, select, update

from ..catalogue import now_iso
from ..db import Database
from ..db.tables import call_answers, call_messages, call_needs, call_recipients, call_seats, calls
from .model import (MOVES, Answer, AnswerStatus, Call, CallNeed, CallStatus, Message, Proposal, Recipient, Seat,
                    SeatStatus, Sender)


def _day(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _call(row) -> Call:
    r = row._mapping
    return Call(topic=r["topic"], category=r["category"] or "", head_count=r["head_count"],
                company_count=r["company_count"], earliest=_day(r["earliest"]), latest=_day(r["latest"]),
                place=r["place"] or "", radius_km=r["radius_km"], formats=[f for f in (r["formats"] or "").split(",") if f],
                budget_per_person=r["budget_per_person"], deadline=_day(r["deadline"]), notes=r["notes"] or "",
                status=CallStatus(r["status"]), accepted_answer_id=r["accepted_answer_id"],
                accepted_proposal=r["accepted_proposal"], offer_id=r["offer_id"], origin=r["origin"] or "",
                created_by=r["created_by"], id=r["id"], created=r["created"], updated=r["updated"])


def _call_values(call: Call) -> dict:
    return {"topic": call.topic[:300], "category": call.category or "", "head_count": int(call.head_count),
            "company_count": int(call.company_count),
            "earliest": call.earliest.isoformat() if call.earliest else None,
            "latest": call.latest.isoformat() if call.latest else None, "place": (call.place or "")[:80],
            "radius_km": int(call.radius_km), "formats": ",".join(call.formats),
            "budget_per_person": call.budget_per_person,
            "deadline": call.deadline.isoformat() if call.deadline else None, "notes": call.notes or "",
            "origin": (call.origin or "")[:120]}


def _recipient(row) -> Recipient:
    r = row._mapping
    return Recipient(id=r["id"], call_id=r["call_id"], provider_name=r["provider_name"], email=r["email"],
                     nonce=r["nonce"], revoked=bool(r["revoked"]), sent_at=r["sent_at"], company_id=r["company_id"],
                     source_key=r["source_key"])


def _answer(row) -> Answer:
    r = row._mapping
    return Answer(id=r["id"], call_id=r["call_id"], recipient_id=r["recipient_id"], status=AnswerStatus(r["status"]),
                  proposals=[Proposal.from_json(p) for p in json.loads(r["proposals"] or "[]")], online=bool(r["online"]),
                  place=r["place"] or "", town=r["town"] or "", price_per_person=r["price_per_person"],
                  min_heads=r["min_heads"], max_heads=r["max_heads"], notes=r["notes"] or "",
                  decline_reason=r["decline_reason"] or "", created=r["created"], updated=r["updated"])


def _seat(row) -> Seat:
    r = row._mapping
    return Seat(id=r["id"], call_id=r["call_id"], company_id=r["company_id"], seats=r["seats"],
                status=SeatStatus(r["status"]), user_id=r["user_id"], created=r["created"], updated=r["updated"])


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


class CallStore:
    def __init__(self, db: Database):
        self.db = db
        self.engine = db.engine

    # -- calls ------------------------------------------------------------------------------------
    def create(self, call: Call, need_rows: list[tuple[int, int, int]], created_by: int | None = None) -> int:
        """A draft with its needs: (need id, company id, heads) each."""
        stamp = now_iso()
        with self.engine.begin() as conn:
            call_id = conn.execute(calls.insert().values(status=CallStatus.draft.value, created_by=created_by,
                                                         created=stamp, updated=stamp, **_call_values(call))
                                   ).inserted_primary_key[0]
            if need_rows:
                conn.execute(call_needs.insert(), [{"call_id": call_id, "need_id": n, "company_id": c, "heads": h}
                                                   for n, c, h in need_rows])
        return call_id

    def update(self, call_id: int, call: Call) -> bool:
        """Changes the call's details (the office edits a draft)."""
        with self.engine.begin() as conn:
            return conn.execute(update(calls).where(calls.c.id == call_id)
                                .values(updated=now_iso(), **_call_values(call))).rowcount > 0

    def get(self, call_id: int) -> Call | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(calls).where(calls.c.id == call_id)).first()
        return _call(row) if row else None

    def all(self, status: CallStatus | None = None) -> list[Call]:
        query = select(calls).order_by(calls.c.id.desc())
        if status is not None:
            query = query.where(calls.c.status == status.value)
        with self.engine.connect() as conn:
            return [_call(r) for r in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(calls)).scalar_one()

    def move(self, call_id: int, to: CallStatus, **values) -> bool:
        """The status step `to` if the call's current status allows it (MOVES); False when it does
        not (already done by a second click, or not allowed at this step)."""
        allowed_from = [s.value for s, targets in MOVES.items() if to in targets]
        with self.engine.begin() as conn:
            return conn.execute(update(calls).where(calls.c.id == call_id, calls.c.status.in_(allowed_from))
                                .values(status=to.value, updated=now_iso(), **values)).rowcount > 0

    def touch(self, call_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(calls).where(calls.c.id == call_id).values(updated=now_iso()))

    # -- needs and firms -------------------------------------------------------------------------
    def needs(self, call_id: int) -> list[CallNeed]:
        with self.engine.connect() as conn:
            return [CallNeed(r.call_id, r.need_id, r.company_id, r.heads) for r in conn.execute(
                select(call_needs).where(call_needs.c.call_id == call_id).order_by(call_needs.c.need_id))]

    def heads_of_company(self, call_id: int, company_id: int) -> int:
        """The firm's heads in the call (0: the firm is not in the call)."""
        return sum(n.heads for n in self.needs(call_id) if n.company_id == company_id)

    def calls_of_company(self, company_id: int) -> list[Call]:
        """Calls a firm's needs are in, newest first (drafts are the office's business only)."""
        query = (select(calls).where(calls.c.id.in_(select(call_needs.c.call_id).where(call_needs.c.company_id == company_id)),
                                     calls.c.status != CallStatus.draft.value).order_by(calls.c.id.desc()))
        with self.engine.connect() as conn:
            return [_call(r) for r in conn.execute(query)]

    # -- recipients ------------------------------------------------------------------------------
    def add_recipient(self, call_id: int, *, provider_name: str, email: str, company_id: int | None = None,
                      source_key: str | None = None) -> int:
        with self.engine.begin() as conn:
            return conn.execute(call_recipients.insert().values(
                call_id=call_id, provider_name=provider_name[:200], email=email[:254], company_id=company_id,
                source_key=source_key, nonce=new_nonce(), revoked=False)).inserted_primary_key[0]

    def recipients(self, call_id: int) -> list[Recipient]:
        with self.engine.connect() as conn:
            return [_recipient(r) for r in conn.execute(
                select(call_recipients).where(call_recipients.c.call_id == call_id).order_by(call_recipients.c.id))]

    def recipient(self, recipient_id: int) -> Recipient | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(call_recipients).where(call_recipients.c.id == recipient_id)).first()
        return _recipient(row) if row else None

    def recipients_of_organisation(self, company_id: int) -> list[Recipient]:
        """A provider account's recipients of calls that were sent to it (newest call first)."""
        query = (select(call_recipients).where(call_recipients.c.company_id == company_id,
                                               call_recipients.c.sent_at.is_not(None))
                 .order_by(call_recipients.c.call_id.desc()))
        with self.engine.connect() as conn:
            return [_recipient(r) for r in conn.execute(query)]

    def mark_sent(self, recipient_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(call_recipients).where(call_recipients.c.id == recipient_id).values(sent_at=now_iso()))

    def revoke(self, recipient_id: int) -> None:
        """The link stops working at once: a new nonce, and the flag the pages show."""
        with self.engine.begin() as conn:
            conn.execute(update(call_recipients).where(call_recipients.c.id == recipient_id)
                         .values(nonce=new_nonce(), revoked=True))

    def renew(self, recipient_id: int) -> str:
        """A new link for the recipient (the old one stops working); returns the new nonce."""
        nonce = new_nonce()
        with self.engine.begin() as conn:
            conn.execute(update(call_recipients).where(call_recipients.c.id == recipient_id)
                         .values(nonce=nonce, revoked=False))
        return nonce

    # -- answers ---------------------------------------------------------------------------------
    def answers(self, call_id: int) -> list[Answer]:
        with self.engine.connect() as conn:
            return [_answer(r) for r in conn.execute(
                select(call_answers).where(call_answers.c.call_id == call_id).order_by(call_answers.c.id))]

    def answer(self, answer_id: int) -> Answer | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(call_answers).where(call_answers.c.id == answer_id)).first()
        return _answer(row) if row else None

    def answer_of(self, recipient_id: int) -> Answer | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(call_answers).where(call_answers.c.recipient_id == recipient_id)
                               .order_by(call_answers.c.id.desc())).first()
        return _answer(row) if row else None

    def save_answer(self, recipient: Recipient, *, status: AnswerStatus, proposals: list[Proposal] = (),
                    online: bool = False, place: str = "", town: str = "", price_per_person: float | None = None,
                    min_heads: int | None = None, max_heads: int | None = None, notes: str = "",
                    decline_reason: str = "") -> tuple[int, bool]:
        """Stores the recipient's answer (one per recipient, replaced when changed); returns the
        answer's id and whether it is the recipient's first."""
        values = dict(status=status.value, proposals=json.dumps([p.to_json() for p in proposals]), online=online,
                      place=place[:200], town=town[:80], price_per_person=price_per_person, min_heads=min_heads,
                      max_heads=max_heads, notes=notes, decline_reason=decline_reason, updated=now_iso())
        with self.engine.begin() as conn:
            row = conn.execute(select(call_answers.c.id).where(call_answers.c.recipient_id == recipient.id)).first()
            if row is not None:
                conn.execute(update(call_answers).where(call_answers.c.id == row.id).values(**values))
                return row.id, False
            return conn.execute(call_answers.insert().values(call_id=recipient.call_id, recipient_id=recipient.id,
                                                             created=values["updated"], **values)
                                ).inserted_primary_key[0], True

    # -- the conversation ------------------------------------------------------------------------
    def add_message(self, recipient: Recipient, sender: Sender, text: str) -> int:
        with self.engine.begin() as conn:
            return conn.execute(call_messages.insert().values(call_id=recipient.call_id, recipient_id=recipient.id,
                                                              sender=sender.value, text=text, at=now_iso())
                                ).inserted_primary_key[0]

    def messages(self, call_id: int, recipient_id: int | None = None) -> list[Message]:
        query = select(call_messages).where(call_messages.c.call_id == call_id).order_by(call_messages.c.id)
        if recipient_id is not None:
            query = query.where(call_messages.c.recipient_id == recipient_id)
        with self.engine.connect() as conn:
            return [Message(r.id, r.call_id, r.recipient_id, Sender(r.sender), r.text, r.at) for r in conn.execute(query)]

    # -- seats -----------------------------------------------------------------------------------
    def seats(self, call_id: int) -> list[Seat]:
        with self.engine.connect() as conn:
            return [_seat(r) for r in conn.execute(select(call_seats).where(call_seats.c.call_id == call_id)
                                                   .order_by(call_seats.c.id))]

    def seat(self, call_id: int, company_id: int) -> Seat | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(call_seats).where(call_seats.c.call_id == call_id,
                                                        call_seats.c.company_id == company_id)).first()
        return _seat(row) if row else None

    def seat_by_id(self, call_id: int, seat_id: int) -> Seat | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(call_seats).where(call_seats.c.call_id == call_id,
                                                        call_seats.c.id == seat_id)).first()
        return _seat(row) if row else None

    def confirmed_seats(self, call_id: int, except_company: int | None = None) -> int:
        query = select(func.coalesce(func.sum(call_seats.c.seats), 0)).where(
            call_seats.c.call_id == call_id, call_seats.c.status == SeatStatus.confirmed.value)
        if except_company is not None:
            query = query.where(call_seats.c.company_id != except_company)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def set_seat(self, call_id: int, company_id: int, seats: int, status: SeatStatus, user_id: int | None) -> int:
        """The firm's one seat row in the call (made or replaced); returns its id."""
        stamp = now_iso()
        with self.engine.begin() as conn:
            row = conn.execute(select(call_seats.c.id).where(call_seats.c.call_id == call_id,
                                                             call_seats.c.company_id == company_id)).first()
            if row is not None:
                conn.execute(update(call_seats).where(call_seats.c.id == row.id).values(
                    seats=seats, status=status.value, user_id=user_id, updated=stamp))
                return row.id
            return conn.execute(call_seats.insert().values(call_id=call_id, company_id=company_id, seats=seats,
                                                           status=status.value, user_id=user_id, created=stamp,
                                                           updated=stamp)).inserted_primary_key[0]

    def delete_call(self, call_id: int) -> None:
        """Removes a call with everything of it (tests and a discarded draft)."""
        with self.engine.begin() as conn:
            for table in (call_seats, call_messages, call_answers, call_recipients, call_needs):
                conn.execute(delete(table).where(table.c.call_id == call_id))
            conn.execute(delete(calls).where(calls.c.id == call_id))
