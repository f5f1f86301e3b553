"""Forms of calls for offers: the office's call, the provider's answer or decline, messages,
seats and cancellation. Same rules and German messages as webui/forms.py (which they build on):
invalid input is answered with 422 and shown again as typed."""
from __future__ import annotations

import math
from datetime import date

from wtforms.validators import Optional, StopValidation, ValidationError

from normalize import enums

from .forms import (NOTES_MAX, PLACE_MAX, TOPIC_MAX, Choice, Choices, CleanText, GermanDateField, GermanNumberField,
                    KnownPlace, MaxLength, NotBefore, PortalForm, TrimmedArea, required)

STREET_MAX, TIMES_MAX = 200, 120
PROPOSALS = 3  # date proposals per answer


class Given:
    """A number field that must not be empty (DataRequired would refuse 0)."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.data is None and not field.raw:
            raise StopValidation(self.message)


class NotPast:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.data and field.data < date.today():
            raise ValidationError(self.message)


class CleanArea(TrimmedArea):
    """Multi-line text without control characters other than line breaks and tabs (PostgreSQL refuses NUL)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = "".join(ch for ch in self.data if ch >= " " or ch in "\n\t").strip()


class CallForm(PortalForm):
    """The office's call for offers (prefilled from the needs, every field editable)."""

    topic = CleanText(validators=[required("Bitte geben Sie das Thema des Kurses an."), MaxLength(TOPIC_MAX)])
    category = Choice(choices=[""], default="")
    head_count = GermanNumberField(whole=True, low=1, high=10000, validators=[
        Given("Bitte geben Sie an, wie viele Personen teilnehmen sollen.")])
    company_count = GermanNumberField(whole=True, low=1, high=1000, validators=[
        Given("Bitte geben Sie an, wie viele Firmen beteiligt sind.")])
    earliest = GermanDateField(validators=[Optional()])
    latest = GermanDateField(validators=[Optional(), NotBefore(
        "earliest", "Der späteste Beginn liegt vor dem frühesten. Bitte prüfen Sie die beiden Daten.")])
    place = CleanText(validators=[MaxLength(PLACE_MAX), KnownPlace()])
    radius_km = GermanNumberField(whole=True, low=1, high=500, validators=[
        Given("Bitte geben Sie den Umkreis in km an (1 bis 500).")])
    formats = Choices(choices=list(enums.FORMATS))
    budget_per_person = GermanNumberField(low=0, high=10**6)
    deadline = GermanDateField(validators=[required("Bitte geben Sie an, bis wann die Anbieter antworten sollen."),
                                           NotPast("Die Antwortfrist liegt in der Vergangenheit.")])
    notes = CleanArea(validators=[MaxLength(NOTES_MAX)])

    def set_choices(self, categories) -> "CallForm":
        self.category.choices = ["", *categories]
        return self

    def values(self) -> dict:
        budget = self.budget_per_person.data
        return {"topic": self.topic.data, "category": self.category.data or "", "head_count": int(self.head_count.data),
                "company_count": int(self.company_count.data), "earliest": self.earliest.data,
                "latest": self.latest.data, "place": self.place.data, "radius_km": int(self.radius_km.data),
                "formats": list(self.formats.data or []),
                "budget_per_person": None if budget is None else int(math.ceil(budget)), "deadline": self.deadline.data,
                "notes": self.notes.data}


class AnswerForm(PortalForm):
    """A provider's offer: one to three date proposals, place or online, price per person at the
    stated head count, minimum and maximum head count, notes."""

    start1 = GermanDateField()
    end1 = GermanDateField()
    times1 = CleanText(validators=[MaxLength(TIMES_MAX)])
    sessions1 = GermanNumberField(whole=True, low=1, high=500)
    start2 = GermanDateField()
    end2 = GermanDateField()
    times2 = CleanText(validators=[MaxLength(TIMES_MAX)])
    sessions2 = GermanNumberField(whole=True, low=1, high=500)
    start3 = GermanDateField()
    end3 = GermanDateField()
    times3 = CleanText(validators=[MaxLength(TIMES_MAX)])
    sessions3 = GermanNumberField(whole=True, low=1, high=500)
    online = Choice(choices=["", "1"], default="")
    town = CleanText(validators=[MaxLength(PLACE_MAX), KnownPlace()])
    street = CleanText(validators=[MaxLength(STREET_MAX)])
    price = GermanNumberField(low=0, high=10**6, validators=[Given("Bitte geben Sie den Preis je Person an.")])
    min_heads = GermanNumberField(whole=True, low=1, high=1000, validators=[
        Given("Bitte geben Sie an, ab wie vielen Personen der Kurs stattfindet.")])
    max_heads = GermanNumberField(whole=True, low=1, high=1000, validators=[
        Given("Bitte geben Sie an, wie viele Personen höchstens teilnehmen können.")])
    notes = CleanArea(validators=[MaxLength(NOTES_MAX)])

    def _proposal_problems(self) -> dict[str, str]:
        problems = {}
        for i in range(1, PROPOSALS + 1):
            start, end = self[f"start{i}"], self[f"end{i}"]
            if start.errors or end.errors:
                continue
            used = any((start.raw, end.raw, self[f"times{i}"].data, self[f"sessions{i}"].raw))
            if i > 1 and not used:
                continue
            if start.data is None:
                problems[f"start{i}"] = ("Bitte geben Sie mindestens einen Terminvorschlag an (Beginn und Ende)." if i == 1
                                         else "Bitte geben Sie den Beginn dieses Terminvorschlags an.")
            elif start.data < date.today():
                problems[f"start{i}"] = "Der Beginn liegt in der Vergangenheit."
            if end.data is None:
                problems[f"end{i}"] = "Bitte geben Sie das Ende an (bei einem Tag das gleiche Datum)."
            elif start.data is not None and end.data < start.data:
                problems[f"end{i}"] = "Das Ende liegt vor dem Beginn. Bitte prüfen Sie die beiden Daten."
        if self.online.data != "1" and not self.town.data and not self.town.errors:
            problems["town"] = "Bitte geben Sie den Ort an oder wählen Sie „online“."
        low, high = self.min_heads.data, self.max_heads.data
        if low is not None and high is not None and not self.max_heads.errors and high < low:
            problems["max_heads"] = "Die Höchstzahl liegt unter der Mindestzahl. Bitte prüfen Sie die beiden Zahlen."
        return problems

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        problems = self._proposal_problems()
        for name, message in problems.items():
            self[name].errors = [*self[name].errors, message]
        return ok and not problems

    def proposals(self) -> list[tuple[date, date, str, int | None]]:
        found = []
        for i in range(1, PROPOSALS + 1):
            start, end = self[f"start{i}"].data, self[f"end{i}"].data
            if start is not None and end is not None:
                sessions = self[f"sessions{i}"].data
                found.append((start, end, self[f"times{i}"].data, int(sessions) if sessions is not None else None))
        return found


class DeclineForm(PortalForm):
    reason = CleanArea(validators=[required("Bitte sagen Sie uns kurz, warum Sie kein Angebot abgeben."),
                                   MaxLength(NOTES_MAX)])


class MessageForm(PortalForm):
    text = CleanArea(validators=[required("Bitte schreiben Sie Ihre Nachricht."), MaxLength(NOTES_MAX)])


class CancelForm(PortalForm):
    reason = CleanArea(validators=[MaxLength(NOTES_MAX)])


class SeatsForm(PortalForm):
    """Seats a firm confirms or asks for; the upper bound depends on the firm and the free seats."""

    seats = GermanNumberField(whole=True, low=None, validators=[Given("Bitte geben Sie die Zahl der Personen an.")])

    def __init__(self, *args, most: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.most = most

    def validate_seats(self, field):
        if field.data is not None and not 1 <= field.data <= self.most:
            raise ValidationError(f"Bitte geben Sie eine Zahl von 1 bis {self.most} an." if self.most >= 1 else
                                  "Es sind keine Plätze mehr frei.")



class AcceptChoice:
    """The office's pick on the comparison page: "<answer id>:<proposal index>" (one radio group
    over every answer's proposals)."""

    def __init__(self, answer_id: int, proposal: int):
        self.answer_id, self.proposal = answer_id, proposal

    @classmethod
    def parse(cls, value: str) -> "AcceptChoice | None":
        parts = (value or "").split(":")
        if len(parts) != 2 or not all(p.isdigit() and len(p) < 10 for p in parts):
            return None
        return cls(int(parts[0]), int(parts[1]))
