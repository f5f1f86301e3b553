"""Calls for offers (Angebotsanfragen) of the coordination office to training providers, their
answers, the firms' seats and the confirmed joint course (Verbundkurs) in the catalogue."""
from .model import Answer, AnswerStatus, Call, CallNeed, CallStatus, Message, Proposal, Recipient, Seat, SeatStatus, Sender
from .store import CallStore

__all__ = ["Answer", "AnswerStatus", "Call", "CallNeed", "CallStatus", "CallStore", "Message", "Proposal", "Recipient",
           "Seat", "SeatStatus", "Sender"]
