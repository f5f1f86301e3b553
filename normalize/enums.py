"""The schema's closed value sets, defined once: formats, funding programmes, certificates, time
models, and the German names of months and values.

Everything that lists these values derives it from here: the `Offer` model (schema.py), the
parsers in this package, the index (funding bits, default format), the web UI (facet and badge
labels, month names) and sources.yaml validation (a source's default format). Add a value here
and nowhere else; tests/test_enums.py fails when a list is restated elsewhere and drifts.

Imports nothing (no pydantic, no parsers): the value sets do not depend on how they are parsed.
"""
from __future__ import annotations

from enum import Enum


# The enums' docstrings end up in the published JSON Schema (schema.offer_json_schema).
class Format(str, Enum):
    """How a run is delivered (the Federal Employment Agency's families)."""

    onsite = "onsite"
    online = "online"
    blended = "blended"
    selfpaced = "selfpaced"


# Funding's order is part of the index format: index/fields.py gives each programme the bit
# 1 << position, so append new programmes at the end (or rebuild the index).
class Funding(str, Enum):
    """Public funding programmes a run is eligible for, as stated by the provider."""

    bildungsgutschein = "bildungsgutschein"
    qcg = "qcg"
    aufstiegs_bafoeg = "aufstiegs_bafoeg"
    weiterbildungsscheck = "weiterbildungsscheck"


class Certificate(str, Enum):
    """What participants get at the end, strongest first."""

    ihk_exam = "ihk_exam"
    hwk_exam = "hwk_exam"
    state_exam = "state_exam"
    dguv = "dguv"
    provider_certificate = "provider_certificate"
    attendance = "attendance"


class TimeModel(str, Enum):
    """Full-time or part-time study, when the provider says which."""

    fulltime = "fulltime"   # Vollzeit
    parttime = "parttime"   # Teilzeit, berufsbegleitend, evenings


def values(enum: type[Enum]) -> tuple[str, ...]:
    """The enum's values in definition order, e.g. for `Literal[values(Format)]`."""
    return tuple(member.value for member in enum)


FORMATS: tuple[str, ...] = values(Format)
FUNDINGS: tuple[str, ...] = values(Funding)
CERTIFICATES: tuple[str, ...] = values(Certificate)
TIME_MODELS: tuple[str, ...] = values(TimeModel)

# German labels as the web UI shows them, keyed by the plain string value (templates look up
# record values, which are strings).
FORMAT_LABELS: dict[str, str] = {
    Format.onsite.value: "Präsenz",
    Format.online.value: "Online",
    Format.blended.value: "Blended Learning",
    Format.selfpaced.value: "Selbstlernkurs",
}
FUNDING_LABELS: dict[str, str] = {
    Funding.bildungsgutschein.value: "Bildungsgutschein",
    Funding.qcg.value: "Qualifizierungschancengesetz",
    Funding.aufstiegs_bafoeg.value: "Aufstiegs-BAföG",
    Funding.weiterbildungsscheck.value: "Weiterbildungsscheck Sachsen",
}
CERTIFICATE_LABELS: dict[str, str] = {
    Certificate.ihk_exam.value: "IHK-Prüfung",
    Certificate.hwk_exam.value: "HWK-Prüfung",
    Certificate.state_exam.value: "Staatliche Prüfung",
    Certificate.dguv.value: "Befähigungsnachweis (DGUV)",
    Certificate.provider_certificate.value: "Zertifikat",
    Certificate.attendance.value: "Teilnahmebescheinigung",
}
TIME_MODEL_LABELS: dict[str, str] = {
    TimeModel.fulltime.value: "Vollzeit",
    TimeModel.parttime.value: "berufsbegleitend/Teilzeit",
}

MONTH_NAMES: tuple[str, ...] = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                                "September", "Oktober", "November", "Dezember")
"""German month names, January first (MONTH_NAMES[month - 1])."""

LANGUAGE_NAMES: dict[str, str] = {
    "de": "Deutsch", "en": "Englisch", "cs": "Tschechisch", "pl": "Polnisch", "es": "Spanisch",
    "fr": "Französisch", "ru": "Russisch", "it": "Italienisch", "uk": "Ukrainisch", "ar": "Arabisch",
}
"""German names of the languages of instruction the normalizer recognizes (Offer.language)."""
