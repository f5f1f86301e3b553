"""The shared course schema: one record per bookable run ("offer").

This module is the single place where the offer's fields and their types are defined; their
closed value sets (formats, funding programmes, certificates, time models) come from enums.py
and are re-exported here. Everything else (catalogue columns, index fields, export, web UI) follows it. The
JSON Schema used for validation and published with the open-data export is generated from it.
"""
from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .enums import TIME_MODELS, Certificate, Format, Funding


class Location(BaseModel):
    """Where an on-site (or blended) run takes place."""

    model_config = ConfigDict(extra="forbid")

    name: Optional[str] = Field(None, description="Venue name as the provider writes it.")
    street: Optional[str] = Field(None, description="Street and house number.")
    postal_code: Optional[str] = Field(
        None, pattern=r"^\d{5}$", description="German five-digit postal code."
    )
    town: Optional[str] = Field(
        None, description="Canonical municipality name from the gazetteer where known."
    )
    lat: Optional[float] = Field(None, ge=-90, le=90, description="WGS84 latitude (the venue where the source gives it, else the town centre).")
    lon: Optional[float] = Field(None, ge=-180, le=180, description="WGS84 longitude (the venue where the source gives it, else the town centre).")


class Listing(BaseModel):
    """Another source's listing of the same run (see normalize/dedupe.py)."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(..., description="Key of the other source in sources.yaml.")
    provider: str = Field(..., description="Provider name as that source gives it.")
    url: str = Field(..., pattern=r"^https?://", description="The run's page at that source.")


class Schedule(BaseModel):
    """The run's rhythm as data (weekdays, daily times, sessions), so that the web UI can say it
    in German and calendars can carry the series; derived by normalize/schedule.py."""

    model_config = ConfigDict(extra="forbid")

    weekdays: list[int] = Field(default_factory=list, description="Weekly rhythm, 0 = Monday ... 6 = Sunday.")
    start_time: Optional[str] = Field(None, pattern=r"^\d{2}:\d{2}$", description="Daily start, HH:MM Europe/Berlin.")
    end_time: Optional[str] = Field(None, pattern=r"^\d{2}:\d{2}$", description="Daily end, HH:MM Europe/Berlin.")
    session_count: Optional[int] = Field(None, ge=1, description="Number of sessions (\"20 Termine\").")
    dates: list[date] = Field(default_factory=list,
                              description="Every session's day where the source lists them (iCalendar series).")
    exceptions: list[date] = Field(default_factory=list,
                                   description="Days of the weekly rhythm between first and last session without a session.")
    extra_dates: list[date] = Field(default_factory=list,
                                    description="Session days outside the weekly rhythm (a moved session).")

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        if any(not 0 <= d <= 6 for d in value):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        return sorted(set(value))


class Contact(BaseModel):
    """Who to ask about a run: from the offer's page or the source's `contact:` in sources.yaml."""

    model_config = ConfigDict(extra="forbid")

    email: Optional[str] = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: Optional[str] = Field(None, pattern=r"^[+\d][\d /()\-]{4,30}$")
    url: Optional[str] = Field(None, pattern=r"^https?://")


class Offer(BaseModel):
    """One bookable run of a course; runs of the same course share `course_key`."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    id: str = Field(
        ...,
        min_length=3,
        description="Stable across crawls: source + provider's own id or canonical URL + start.",
    )
    course_key: str = Field(..., min_length=3, description="Shared by all runs of one course.")
    source: str = Field(..., min_length=1, description="Key of the source in sources.yaml.")
    provider: str = Field(..., min_length=1, description="Name of the training provider.")
    title: str = Field(..., min_length=1, description="Course title, plain text.")
    description: str = Field("", description="Plain-text description (no markup).")
    url: str = Field(..., pattern=r"^https?://", description="Page where the run can be booked.")
    start_date: Optional[date] = Field(None, description="First day of the run; null if open.")
    end_date: Optional[date] = Field(None, description="Last day of the run; null if unknown.")
    schedule_text: str = Field("", description="The provider's original wording of dates/times (never machine "
                                                "text such as iCalendar lines or ISO date-times).")
    schedule: Optional[Schedule] = Field(None, description="Weekdays, daily times, sessions and exceptions; "
                                                          "null when the provider says nothing about them.")
    registration_deadline: Optional[date] = Field(None, description="Last day to register (\"Anmeldeschluss\").")
    rolling_start: bool = Field(False, description="Participants can start at any time.")
    duration_hours: Optional[float] = Field(
        None, ge=0, description="Total length in clock hours (1 UE = 0.75 h); null if unknown."
    )
    duration_text: str = Field("", description="The provider's original wording of the length.")
    time_model: Optional[Literal[TIME_MODELS]] = Field(
        None, description='"fulltime" (Vollzeit) or "parttime" (Teilzeit, berufsbegleitend, evenings); null if not said.')
    price_eur: Optional[float] = Field(
        None, ge=0, description="Price per participant in euros; 0.0 free, null unknown."
    )
    price_text: str = Field("", description="The provider's original wording of the price (empty when the "
                                             "source gives a bare number).")
    price_remarks: list[str] = Field(default_factory=list,
                                     description='What the price text says besides the amount ("zzgl. MwSt.", '
                                                 '"zzgl. IHK-Prüfungsgebühr", "Mitglieder: 280,00 €").')
    format: Format = Field(Format.onsite, description="Delivery format.")
    location: Optional[Location] = Field(None, description="Venue; null for online/self-paced.")
    category: str = Field("sonstiges", description="Category id from categories.yaml.")
    funding: list[Funding] = Field(
        default_factory=list, description="Funding programmes named by the provider."
    )
    certificate: Optional[Certificate] = Field(None, description="Kind of final certificate.")
    language: str = Field("de", pattern=r"^[a-z]{2}$", description="ISO 639-1 language of instruction.")
    contact: Optional[Contact] = Field(None, description="Contact for this run as the offer's page gives it.")
    joint_course: bool = Field(False, description="A Verbundkurs: a course the network's coordination office "
                                                  "arranged with a provider for several firms (source `verbundkurs`).")
    seats_free: Optional[int] = Field(None, ge=0, description="Free seats of a Verbundkurs firms can still ask for; "
                                                             "null when unknown (crawled offers).")
    first_seen: Optional[str] = Field(None, description="ISO timestamp of the first crawl that saw it.")
    last_seen: Optional[str] = Field(None, description="ISO timestamp of the latest crawl that saw it.")
    also_at: list[Listing] = Field(
        default_factory=list,
        description="Other sources listing the same run (same title, provider, start and town); "
                    "filled when offers are merged across sources, empty in a single source's records.",
    )

    @field_validator("funding")
    @classmethod
    def _sorted_unique(cls, value: list) -> list:
        return sorted(set(value), key=lambda f: f.value if isinstance(f, Enum) else f)

    @field_validator("end_date")
    @classmethod
    def _end_not_before_start(cls, value, info):
        start = info.data.get("start_date")
        if value is not None and start is not None and value < start:
            raise ValueError("end_date lies before start_date")
        return value

    def to_record(self) -> dict:
        """JSON-ready dict with the export's field names and ISO dates."""
        return self.model_dump(mode="json")


def offer_json_schema() -> dict:
    """The JSON Schema of one offer, generated from the model (published with exports)."""
    schema = Offer.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/weiterbildungsportal-erzgebirge/wbportal/offer.schema.json"
    return schema


FIELD_NAMES: tuple[str, ...] = tuple(Offer.model_fields)
