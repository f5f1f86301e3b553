"""The legal pages (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit) as data the
operator edits: `<data dir>/legal.yaml`, else the shipped template `wbportal/data/legal.yaml`.

Validated like sources.yaml (file:line errors); `{operator.name}`-style fields are filled from
the file's `operator` block. Text stays plain (paragraphs, lines): the web side escapes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .yamlfile import ConfigError, load_yaml

TEMPLATE = Path(__file__).resolve().parent / "data" / "legal.yaml"
PAGES = ("impressum", "datenschutz", "barrierefreiheit")
_PLACEHOLDER = re.compile(r"\[bitte ergänzen:[^\]]*\]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Section(_Strict):
    heading: str
    text: str


class Page(_Strict):
    title: str
    sections: list[Section]


class Operator(_Strict):
    name: str
    address: str
    email: str
    phone: str = ""


class OpenData(_Strict):
    """The licence of the offer data on the "Offene Daten" page (wbportal/opendata.py)."""
    licence: str
    url: str = ""
    attribution: str = ""   # "{sources}" is replaced with the providers from sources.yaml


class LegalFile(_Strict):
    operator: Operator
    pages: dict[str, Page]
    open_data: OpenData | None = None


@dataclass(frozen=True)
class LegalPage:
    title: str
    sections: list[tuple[str, list[list[str]]]]  # (heading, paragraphs as lines)
    unfilled: bool                               # still has "[bitte ergänzen: …]"
    template: bool                               # the shipped template, not the operator's copy


def load_legal(path: Path) -> LegalFile:
    data, lines = load_yaml(path)
    try:
        legal = LegalFile.model_validate(data)
    except ValidationError as exc:
        # a misspelt key explains a "missing" one: report unknown keys first
        err = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        where = tuple(err["loc"])
        message = (f"unknown key '{where[-1]}' (expected: heading/text in a section, title/sections in a page, "
                   f"name/address/email/phone in operator, licence/url/attribution in open_data)" if err["type"] == "extra_forbidden" else err["msg"])
        raise ConfigError(path, lines.line_for(where), f"{'.'.join(map(str, where))}: {message}") from None
    missing = [p for p in PAGES if p not in legal.pages]
    if missing:
        raise ConfigError(path, lines.line_for(("pages",)), f"pages: missing {', '.join(missing)}")
    return legal


def legal_page(name: str, data_dir: Path) -> LegalPage:
    """One page, from the operator's file if there is one. KeyError for an unknown page."""
    own = Path(data_dir) / "legal.yaml"
    legal = load_legal(own if own.exists() else TEMPLATE)
    page = legal.pages[name]
    fields = {f"{{operator.{k}}}": v for k, v in legal.operator.model_dump().items()}
    sections, unfilled = [], False
    for section in page.sections:
        text = section.text
        for key, value in fields.items():
            text = text.replace(key, value)
        unfilled |= bool(_PLACEHOLDER.search(text))
        paragraphs = [[line for line in block.splitlines()] for block in re.split(r"\n\s*\n", text.strip())]
        sections.append((section.heading, paragraphs))
    return LegalPage(page.title, sections, unfilled, template=not own.exists())
