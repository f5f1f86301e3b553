"""Declarative field extraction: a selector plus small post-processing, as configured in YAML.

A spec is either a plain selector string or a mapping (css/xpath/path, attr, regex, join, all,
default, strip_label, const, template). Plain CSS selectors give the element's whole text;
`::text`/`::attr()` and XPath string results are taken as they are.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

import jmespath
from parsel import Selector

_XPATH_START = ("/", "./", "(", "string(", "normalize-space(", "concat(", "@")


def _spec(spec: str | dict) -> dict:
    if isinstance(spec, str):
        key = "xpath" if spec.startswith(_XPATH_START) else "css"
        return {key: spec}
    return spec


def is_xpath(query: str) -> bool:
    return query.startswith(_XPATH_START)


def select(sel: Selector, query: str):
    """CSS or XPath, recognised by the query's first characters."""
    return sel.xpath(query) if is_xpath(query) else sel.css(query)


def _node_texts(nodes, query: str | None, attr: str | None) -> list[str]:
    out = []
    for node in nodes:
        if attr:
            value = node.attrib.get(attr)
        elif query and (query.endswith("::text") or "::attr(" in query) or not hasattr(node.root, "tag"):
            value = node.get()
        else:
            value = _element_text(node)
        if value is not None:
            value = _squeeze(str(value))
            if value:
                out.append(value)
    return out


_BLOCKS = {"br", "p", "div", "li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "address"}


def _element_text(node) -> str:
    """All text inside an element; <br> and block boundaries become line breaks (addresses need them)."""
    parts: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            if el.tail:
                parts.append(el.tail)
            return
        if el.tag in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if el.tag in _BLOCKS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    root = node.root
    if root.text:
        parts.append(root.text)
    for child in root:
        walk(child)
    return "".join(parts)


def text_lines(markup: str) -> str:
    """Feed text that may itself be escaped HTML: tags out, <br>/<p> as line breaks."""
    if "<" in markup:
        markup = re.sub(r"<\s*(?:br|/p|/div|/li)\b[^>]*>", "\n", markup, flags=re.I)
        markup = re.sub(r"<[^>]+>", " ", markup)
    return _squeeze(html.unescape(markup))


def _squeeze(text: str) -> str:
    """Collapse spaces within lines and blank lines, keep single line breaks."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def postprocess(values: list[str], spec: dict) -> str | None:
    """Join, strip a leading label such as "Gebühr:", take a regex group, apply default/template."""
    if not spec.get("all", True):
        values = values[:1]
    value = (spec.get("join") or " ").join(values).strip() if values else ""
    labels = spec.get("strip_label")
    if labels and value:
        for label in [labels] if isinstance(labels, str) else labels:
            value = re.sub(rf"^\s*{re.escape(label)}\s*:?\s*", "", value, flags=re.I)
    if spec.get("regex") and value:
        m = re.search(spec["regex"], value, flags=re.I | re.S)
        value = (m.group(1) if m and m.groups() else m.group(0) if m else "").strip()
    if not value:
        return spec.get("default")
    if spec.get("template"):
        value = spec["template"].replace("{}", value)
    return value


def extract_html(sel: Selector, spec: str | dict) -> str | None:
    spec = _spec(spec)
    if spec.get("const") is not None:
        return spec["const"]
    query = spec.get("css") or spec.get("xpath")
    nodes = select(sel, query) if query else [sel]
    return postprocess(_node_texts(nodes, query, spec.get("attr")), spec)


def extract_json(record: Any, spec: str | dict) -> Any:
    """JMESPath look-up; lists of scalars are joined, numbers pass through untouched."""
    spec = _spec(spec)
    if spec.get("const") is not None:
        return spec["const"]
    expr = spec.get("path") or spec.get("css") or spec.get("xpath")
    value = jmespath.search(expr, record)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not (spec.get("regex") or spec.get("template")):
        return value
    if isinstance(value, list):
        values = [json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
                  for v in value if v not in (None, "", [])]
    elif isinstance(value, dict):
        values = [json.dumps(value, ensure_ascii=False)]
    elif value is None or value == "":
        values = []
    else:
        values = [str(value)]
    return postprocess(values, spec)


def extract_fields(target, fields: dict, extractor) -> dict:
    """All configured fields of one record; empty results are left out."""
    out = {}
    for name, spec in (fields or {}).items():
        value = extractor(target, spec)
        if value not in (None, ""):
            out[name] = value
    return out


def extract_sessions(target, spec: dict | None, items_of, extractor) -> list[list[str]]:
    """The sessions of one run as `[start, end]` strings, as found (normalize parses them).

    `items_of(target, selector)` gives the session elements (HTML rows, XML elements, JSON
    records), `extractor(element, field_spec)` one value of a session. With a `date` field the
    start and end are that day plus the times ("12.03.2027 09:00"); without, they are whole
    date-times as the source writes them. A session without a start is left out; a session
    without an end ends when it starts (normalize then knows its day but not its length)."""
    if not spec:
        return []
    sessions = []
    for element in items_of(target, spec["item"]) or []:
        day = extractor(element, spec["date"]) if spec.get("date") else None
        start = extractor(element, spec["start"])
        end = extractor(element, spec["end"]) if spec.get("end") else None
        if start in (None, "") and not day:
            continue
        start, end = (str(v) if v not in (None, "") else "" for v in (start, end))
        if day:
            start, end = f"{day} {start}".strip(), f"{day} {end}".strip() if end else ""
        sessions.append([start, end or start])
    return sessions
