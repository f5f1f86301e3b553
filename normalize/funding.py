"""Funding programmes and certificates, detected from the provider's own words only."""
from __future__ import annotations

import re

_NEGATION = re.compile(r"\b(?:nicht|kein|keine|keinen|ohne)\b[^.;]{0,40}$", re.I)
_NEGATED_AFTER = re.compile(r"^[^.;,]{0,60}?\b(?:nicht (?:möglich|förderfähig|zugelassen|anerkannt|gefördert)|"
                            r"ausgeschlossen|entfällt)", re.I)

FUNDING_PATTERNS = {
    "bildungsgutschein": re.compile(r"bildungsgutschein|\bazav\b|azav-|§\s*81\s*SGB\s*III", re.I),
    "qcg": re.compile(r"(?i:qualifizierungschancen|§\s*82\s*SGB\s*III|beschäftigtenqualifizierung)|\bQCG\b"),
    "aufstiegs_bafoeg": re.compile(r"aufstiegs-?\s?baf[öo]e?g|meister-?baf[öo]e?g|\bAFBG\b", re.I),
    "weiterbildungsscheck": re.compile(r"weiterbildungsscheck", re.I),
}

# Strongest first: the first kind found wins.
CERTIFICATE_PATTERNS = (
    ("ihk_exam", re.compile(r"IHK[- ]?(?:Prüfung|Abschluss|Abschlussprüfung|Fortbildungsprüfung)|"
                            r"Prüfung (?:vor|bei) der (?:IHK|Industrie- und Handelskammer)|"
                            r"(?:geprüft|Abschluss)\w*[^.]{0,30}\(IHK\)", re.I)),
    ("hwk_exam", re.compile(r"HWK[- ]?Prüfung|Prüfung (?:vor|bei) der (?:HWK|Handwerkskammer)|"
                            r"Handwerkskammer[- ]?Prüfung|Meisterprüfung", re.I)),
    ("state_exam", re.compile(r"staatlich(?:e|er)? (?:anerkannt|Prüfung|Abschluss)|staatliche Anerkennung", re.I)),
    ("dguv", re.compile(r"DGUV|Befähigungsnachweis|Fahrausweis|Bedienberechtigung", re.I)),
    ("attendance", re.compile(r"Teilnahme(?:bescheinigung|bestätigung|nachweis|zertifikat)", re.I)),
    ("provider_certificate", re.compile(r"Zertifikat|Qualifizierungsnachweis|Prüfungsbescheinigung|"
                                        r"Schweißerprüfung", re.I)),
)


def _affirmed(pattern: re.Pattern, text: str) -> bool:
    for m in pattern.finditer(text):
        before, after = text[max(0, m.start() - 60): m.start()], text[m.end(): m.end() + 80]
        if not _NEGATION.search(before) and not _NEGATED_AFTER.search(after):
            return True
    return False


def detect_funding(text: str | None) -> list[str]:
    """Sorted programme ids the text names (a negated mention such as "nicht ... AZAV" does not count)."""
    if not text:
        return []
    return sorted(k for k, p in FUNDING_PATTERNS.items() if _affirmed(p, text))


def detect_certificate(text: str | None) -> str | None:
    """The strongest certificate kind named in the text, or None."""
    if not text:
        return None
    for kind, pattern in CERTIFICATE_PATTERNS:
        if _affirmed(pattern, text):
            return kind
    return None
