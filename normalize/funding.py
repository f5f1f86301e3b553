"""Funding programmes and certificates, detected from the provider's own words only."""
from __future__ import annotations

import re
from functools import lru_cache

from .enums import Certificate, Funding

# A negation reaches up to the next clause ("Kein Aufstiegs-BAföG möglich, aber Weiterbildungsscheck").
_NEGATION = re.compile(r"\b(?:nicht|kein|keine|keinen|ohne)\b[^.;,]{0,40}$", re.I)
_NEGATED_AFTER = re.compile(r"^[^.;,]{0,60}?\b(?:nicht (?:möglich|förderfähig|zugelassen|anerkannt|gefördert|akzeptiert|"
                            r"anwendbar|einlösbar)|ausgeschlossen|entfällt)|^\s*:?\s*(?:nein|entfällt)\b", re.I)

FUNDING_PATTERNS = {
    Funding.bildungsgutschein.value: re.compile(r"bildungsgutschein|\bazav\b|azav-|§\s*81\s*SGB\s*III", re.I),
    Funding.qcg.value: re.compile(r"(?i:qualifizierungschancen|§\s*82\s*SGB\s*III|beschäftigtenqualifizierung)|\bQCG\b"),
    Funding.aufstiegs_bafoeg.value: re.compile(r"aufstiegs-?\s?baf[öo]e?g|meister-?baf[öo]e?g|\bAFBG\b", re.I),
    Funding.weiterbildungsscheck.value: re.compile(r"weiterbildungsscheck", re.I),
}

# Strongest first: the first kind found wins ("Teilnahmebescheinigung, auf Wunsch Zertifikat" is a
# certificate; "Teilnahmezertifikat" stays attendance, as its pattern takes the whole word).
CERTIFICATE_PATTERNS = (
    (Certificate.ihk_exam.value, re.compile(r"IHK[- ]?(?:Prüfung|Abschluss|Abschlussprüfung|Fortbildungsprüfung)|"
                            r"prüfung\b[^.;]{0,50}(?:vor|bei) der (?:IHK|Industrie- und Handelskammer)|"
                            r"(?:geprüft|Abschluss)\w*[^.]{0,80}\(IHK\)", re.I)),
    (Certificate.hwk_exam.value, re.compile(r"HWK[- ]?Prüfung|prüfung\b[^.;]{0,50}(?:vor|bei) der (?:HWK|Handwerkskammer)|"
                            r"Handwerkskammer[- ]?Prüfung|Meisterprüfung", re.I)),
    (Certificate.state_exam.value, re.compile(r"staatlich(?:e|er)? (?:anerkannt|Prüfung|Abschluss|geprüft)|staatliche Anerkennung", re.I)),
    (Certificate.dguv.value, re.compile(r"DGUV|Befähigungsnachweis|Fahrausweis|Bedienberechtigung", re.I)),
    (Certificate.provider_certificate.value, re.compile(r"Zertifikat|Qualifizierungsnachweis|Prüfungsbescheinigung|"
                                        r"Schweißerprüfung|Leistungsnachweis|Record of Achievement|"
                                        r"Certificate of Achievement", re.I)),
    (Certificate.attendance.value, re.compile(r"Teilnahme(?:bescheinigung|bestätigung|nachweis|zertifikat)|"
                              r"Bescheinigung über die (?:erfolgreiche )?Teilnahme|"
                              r"(?:Certificate|Confirmation) of (?:Participation|Attendance)", re.I)),
)


def _combined(patterns) -> re.Pattern:
    """One alternation with a named group per kind (each keeping its own flags): one scan of the
    text instead of one per kind."""
    parts = []
    for kind, pattern in patterns:
        body = pattern.pattern if not pattern.flags & re.I else f"(?i:{pattern.pattern})"
        parts.append(f"(?P<{kind}>{body})")
    return re.compile("|".join(parts))


_FUNDING_ONE = {kind: _combined([(kind, pattern)]) for kind, pattern in FUNDING_PATTERNS.items()}
_CERTIFICATE_ANY = _combined(CERTIFICATE_PATTERNS)
_CERTIFICATE_ORDER = [kind for kind, _ in CERTIFICATE_PATTERNS]


# Substrings one of which every mention of a programme contains: most descriptions name none or
# one, and a substring test is far cheaper than a regex scan of the text (bench/normalize.py).
_KIND_HINTS = {Funding.bildungsgutschein.value: ("gutschein", "azav", "§"),
               Funding.qcg.value: ("qualifizierung", "qcg", "§"),
               Funding.aufstiegs_bafoeg.value: ("baf", "afbg"),
               Funding.weiterbildungsscheck.value: ("scheck",)}
_FUNDING_HINTS = tuple(h for hints in _KIND_HINTS.values() for h in hints)


def _affirmed_kinds(pattern: re.Pattern, text: str) -> set[str]:
    kinds = set()
    for m in pattern.finditer(text):
        if m.lastgroup in kinds:
            continue
        before, after = text[max(0, m.start() - 60): m.start()], text[m.end(): m.end() + 80]
        if not _NEGATION.search(before) and not _NEGATED_AFTER.search(after):
            kinds.add(m.lastgroup)
    return kinds


def detect_funding(text: str | None) -> list[str]:
    """Sorted programme ids the text names (a negated mention such as "nicht ... AZAV" does not count)."""
    return list(_funding(text)) if text else []


@lru_cache(maxsize=4096)  # the runs of one course share their description
def _funding(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    kinds = set()
    for kind, hints in _KIND_HINTS.items():
        if any(hint in lowered for hint in hints) and _affirmed_kinds(_FUNDING_ONE[kind], text):
            kinds.add(kind)
    return tuple(sorted(kinds))


@lru_cache(maxsize=4096)
def _certificate(text: str) -> str | None:
    kinds = _affirmed_kinds(_CERTIFICATE_ANY, text)
    return next((kind for kind in _CERTIFICATE_ORDER if kind in kinds), None)


def detect_certificate(text: str | None) -> str | None:
    """The strongest certificate kind named in the text, or None."""
    return _certificate(text) if text else None
