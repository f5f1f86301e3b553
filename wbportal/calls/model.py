"""Calls for offers (Angebotsanfragen) as typed values: the call's status with its German label
and the moves it allows, the providers it went to, their answers with date proposals, the
conversation, and the firms' seats.

Why dataclasses and enums instead of row dicts: the office's pages, the provider's answer page,
the firms' seat pages, the mails and the catalogue record (publish.py) all read the same call;
one shape keeps the status words and the JSON of the proposals in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class CallStatus(str, Enum):
    draft = "draft"          # being prepared by the office; no provider has seen it
    sent = "sent"            # mailed to at least one provider
    answers = "answers"      # at least one provider answered (an offer or a decline)
    accepted = "accepted"    # the office accepted one answer and one of its date proposals
    confirmed = "confirmed"  # enough seats confirmed: the course takes place (a Verbundkurs)
    cancelled = "cancelled"  # called off at any step

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {CallStatus.draft: "Entwurf", CallStatus.sent: "versandt", CallStatus.answers: "Antworten eingegangen",
                 CallStatus.accepted: "Angebot angenommen", CallStatus.confirmed: "Kurs bestätigt",
                 CallStatus.cancelled: "abgesagt"}

# the moves the workflow allows; "cancelled" is reachable from every status but itself
MOVES = {
    CallStatus.draft: {CallStatus.sent, CallStatus.cancelled},
    CallStatus.sent: {CallStatus.answers, CallStatus.cancelled},
    CallStatus.answers: {CallStatus.accepted, CallStatus.cancelled},
    CallStatus.accepted: {CallStatus.confirmed, CallStatus.cancelled},
    CallStatus.confirmed: {CallStatus.cancelled},
    CallStatus.cancelled: set(),
}
OPEN_FOR_ANSWERS = (CallStatus.sent, CallStatus.answers)       # providers may answer and change their answer
OPEN_FOR_RECIPIENTS = (CallStatus.draft, CallStatus.sent, CallStatus.answers)  # the office may add providers
SEAT_STATUSES = (CallStatus.accepted, CallStatus.confirmed)     # firms see the proposal and confirm seats


class AnswerStatus(str, Enum):
    offer = "offer"
    declined = "declined"

    @property
    def label(self) -> str:
        return {"offer": "Angebot", "declined": "abgelehnt"}[self.value]


class SeatStatus(str, Enum):
    confirmed = "confirmed"  # a firm of the call (or a granted request) takes this many seats
    requested = "requested"  # a firm outside the call asks for seats in a confirmed course
    declined = "declined"    # the firm does not take part, or the office declined its request

    @property
    def label(self) -> str:
        return {"confirmed": "zugesagt", "requested": "angefragt", "declined": "abgesagt"}[self.value]


class Sender(str, Enum):
    office = "office"
    provider = "provider"


@dataclass
class Call:
    topic: str
    category: str = ""
    head_count: int = 1
    company_count: int = 1
    earliest: date | None = None
    latest: date | None = None
    place: str = ""
    radius_km: int = 50
    formats: list[str] = field(default_factory=list)
    budget_per_person: int | None = None
    deadline: date | None = None
    notes: str = ""
    status: CallStatus = CallStatus.draft
    accepted_answer_id: int | None = None
    accepted_proposal: int | None = None
    offer_id: str | None = None
    origin: str = ""
    created_by: int | None = None
    id: int | None = None
    created: str | None = None
    updated: str | None = None

    EDITABLE = ("topic", "category", "head_count", "company_count", "earliest", "latest", "place", "radius_km",
                "formats", "budget_per_person", "deadline", "notes")

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass
class CallNeed:
    """A need the call is for, with the firm and its heads as they were when the call was made."""
    call_id: int
    need_id: int
    company_id: int
    heads: int


@dataclass
class Recipient:
    id: int
    call_id: int
    provider_name: str
    email: str
    nonce: str
    revoked: bool = False
    sent_at: str | None = None
    company_id: int | None = None     # a provider account's organisation
    source_key: str | None = None     # or a provider of sources.yaml

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


@dataclass
class Proposal:
    """One date proposal of an answer."""
    start_date: date
    end_date: date
    times: str = ""
    sessions: int | None = None

    def to_json(self) -> dict:
        return {"start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat(), "times": self.times,
                "sessions": self.sessions}

    @classmethod
    def from_json(cls, data: dict) -> "Proposal":
        return cls(date.fromisoformat(data["start_date"]), date.fromisoformat(data["end_date"]), data.get("times") or "",
                   data.get("sessions"))


@dataclass
class Answer:
    id: int
    call_id: int
    recipient_id: int
    status: AnswerStatus
    proposals: list[Proposal] = field(default_factory=list)
    online: bool = False
    place: str = ""          # street / venue
    town: str = ""           # gazetteer town
    price_per_person: float | None = None
    min_heads: int | None = None
    max_heads: int | None = None
    notes: str = ""
    decline_reason: str = ""
    created: str | None = None
    updated: str | None = None

    @property
    def is_offer(self) -> bool:
        return self.status is AnswerStatus.offer

    def total(self, heads: int) -> float | None:
        """The price for the call's head count (the price per person is quoted at that count)."""
        return None if self.price_per_person is None else round(self.price_per_person * heads, 2)


@dataclass
class Message:
    id: int
    call_id: int
    recipient_id: int
    sender: Sender
    text: str
    at: str


@dataclass
class Seat:
    id: int
    call_id: int
    company_id: int
    seats: int
    status: SeatStatus
    user_id: int | None = None
    created: str | None = None
    updated: str | None = None


# the German words of a call's history (audit entries with subject "call:<id>")
HISTORY_LABELS = {
    "call.created": "Anfrage angelegt", "call.updated": "Anfrage geändert", "call.sent": "an Anbieter verschickt",
    "call.link_revoked": "Link widerrufen", "call.link_renewed": "neuer Link verschickt",
    "call.answered": "Angebot eingegangen", "call.answer_changed": "Angebot geändert", "call.declined": "Absage eines Anbieters",
    "call.asked": "Rückfrage an Anbieter", "call.replied": "Nachricht eines Anbieters",
    "call.accepted": "Angebot angenommen", "seat.confirmed": "Plätze zugesagt", "seat.declined": "Teilnahme abgesagt",
    "seat.requested": "Plätze angefragt", "seat.granted": "Platzanfrage zugesagt", "seat.refused": "Platzanfrage abgelehnt",
    "call.confirmed": "Kurs bestätigt", "call.cancelled": "Anfrage abgesagt",
}


def history_label(action: str) -> str:
    return HISTORY_LABELS.get(action, action)
