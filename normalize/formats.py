"""Delivery format from the provider's words: Präsenz, Online/Webinar, Blended/Hybrid, E-Learning."""
from __future__ import annotations

import re

from .enums import Format

_RULES = (
    (Format.blended.value, re.compile(r"blended|hybrid|mixedeventattendance|präsenz\w*[^.;]{0,40}(?:e-learning|online|fern)|"
                           r"(?:e-learning|online|fern)\w*[^.;]{0,40}präsenz|präsenz\s*(?:und|\+|&|/)\s*online|online\s*(?:und|\+|&|/)\s*präsenz|"
                           r"kombin\w* aus präsenz", re.I)),
    (Format.selfpaced.value, re.compile(r"selbstlern|e-learning|elearning|selbststudium|fernlehrgang|fernunterricht|"
                             r"self-paced|selfpaced|\bwbt\b|lernplattform.*jederzeit", re.I)),
    (Format.online.value, re.compile(r"online|webinar|virtuell|virtual|live-stream|videokonferenz|\bzoom\b|\bteams\b|"
                          r"^\W*digital\W*$", re.I)),
    (Format.onsite.value, re.compile(r"präsenz|vor ort|vor-ort|inhouse|onsite|on-site|offline|schulungsraum|seminarraum", re.I)),
)


def parse_format(text: str | None) -> str | None:
    """A `Format` value (onsite/online/blended/selfpaced), or None if the text does not say."""
    if not text:
        return None
    text = str(text).replace("https://schema.org/", "").replace("http://schema.org/", "")
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    return None
