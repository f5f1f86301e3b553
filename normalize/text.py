"""Turning scraped markup into clean plain text, and folding text for keyword matching."""
from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_SPACE = re.compile(r"\s+")


def plain_text(value: object) -> str:
    """Markup-free, entity-decoded text with runs of white space collapsed to one space.

    Scraped text is untrusted: tags are dropped (never kept for rendering) and entities decoded
    once, so "&amp;auml;" from double-escaping CMSs becomes "&auml;" text, not markup.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(plain_text(v) for v in value)
    text = str(value)
    if "<" in text:
        text = _SCRIPT.sub(" ", text)
        text = _BLOCK.sub(" ", text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return " ".join(text.split())


def plain_lines(value: object) -> str:
    """Like plain_text, but line breaks survive (an address's lines tell name from street)."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = re.sub(r"<\s*br\s*/?\s*>", "\n", text, flags=re.I)
    lines = (plain_text(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Lower-case text with German umlauts spelled out, for matching "Schweiß" and "schweiss"."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return text
