"""`xml`: XML exports (open-Qcat, PAS 1045, course-software exports) through XPath mappings.

The element names differ between databases, so nothing is fixed here: a record XPath, optional
run XPath (one offer per run, course fields inherited), per-field XPaths and namespaces.
`sessions` (a SessionsSpec) lists a run's sessions (KuferSQL `<termine><termin>`): its `item`
XPath is relative to the run when `runs` is set, else to the record, and its `date`/`start`/`end`
XPaths relative to each session element; the raw item gets them as `sessions` ([start, end]
strings as found, "12.03.2027 09:00"), from which normalize derives dates, schedule and hours.

Every selector here is XPath (a plain string such as "q:Titel" or "Titel" is not CSS). With no
`namespaces` configured, the document's namespaces are removed so that plain element names work
even when the export declares a default namespace; with `namespaces`, the prefixes are
registered and must be used. An element's value is its text content (CDATA and escaped HTML stay
as found; child elements become lines), an attribute's or XPath function's value is the string.
"""
from __future__ import annotations

from parsel import Selector

from ..extract import extract_sessions, postprocess

# Inline (X)HTML elements (local names) stay within a line of an element's text content; every
# other child element (XHTML blocks, the parts of an address element) is a line of its own.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
           "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}


def _local(tag) -> str | None:
    if not isinstance(tag, str):
        return None  # comment or processing instruction
    return tag.rsplit("}", 1)[-1]


def element_text(root) -> str:
    """The text content of an XML element; child elements are separated by line breaks."""
    parts: list[str] = []

    def walk(el, top: bool = False) -> None:
        name = _local(el.tag)
        if name is not None:
            block = not top and name not in _INLINE
            parts.append("\n" if block else "")
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
            parts.append("\n" if block else "")
        if el.tail and not top:
            parts.append(el.tail)

    walk(root, top=True)
    return "".join(parts)


def _squeeze(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def node_text(node) -> str:
    """The string value of a selected node: element text content, attribute or string result."""
    if hasattr(node.root, "tag"):
        return _squeeze(element_text(node.root))
    return _squeeze(str(node.get()))


def xml_value(sel: Selector, spec) -> str | None:
    """One configured field of a record: XPath (default), optional `attr`, then postprocessing."""
    spec = {"xpath": spec} if isinstance(spec, str) else dict(spec)
    if spec.get("const") is not None:
        return spec["const"]
    if spec.get("css"):
        nodes = sel.css(spec["css"])
    else:
        query = spec.get("xpath") or spec.get("path")
        nodes = sel.xpath(query) if query else [sel]
    values = []
    for node in nodes:
        if spec.get("attr"):
            attrib = getattr(node.root, "attrib", {})
            value = attrib.get(spec["attr"])
            if value is None:  # a namespaced attribute: match by its local name
                value = next((v for k, v in attrib.items() if k.rsplit("}", 1)[-1] == spec["attr"]), None)
            value = _squeeze(value) if value else None
        else:
            value = node_text(node)
        if value:
            values.append(value)
    return postprocess(values, spec)


def _fields(spider, sel: Selector, fields: dict | None, url: str) -> dict:
    out = {}
    for name, spec in (fields or {}).items():
        try:
            value = xml_value(sel, spec)
        except ValueError as exc:  # an invalid XPath (or an unregistered prefix)
            spider.problem(f"field '{name}': invalid XPath at {url}: {exc}")
            continue
        if value not in (None, ""):
            out[name] = value
    return out


def _sessions(spider, target: Selector, spec: dict | None, url: str) -> list[list[str]]:
    """The sessions of one run (or record): [start, end] strings as the export writes them."""
    try:
        return extract_sessions(target, spec, lambda el, query: el.xpath(query), xml_value)
    except ValueError as exc:  # an invalid XPath (or an unregistered prefix)
        spider.problem(f"sessions: invalid XPath at {url}: {exc}")
        return []


def _hint(sel: Selector, configured: dict) -> str:
    root = sel.root if hasattr(sel.root, "nsmap") else None
    default_ns = root.nsmap.get(None) if root is not None else None
    if default_ns and configured and default_ns not in configured.values():
        return (f"; the document's default namespace is {default_ns}: register it under "
                f"'namespaces' and prefix the element names, or leave 'namespaces' out")
    return ""


def parse_page(spider, response):
    cfg = spider.config["xml"]
    namespaces = cfg.get("namespaces") or {}
    try:
        sel = Selector(text=response.text, type="xml")
    except (ValueError, AttributeError) as exc:
        spider.problem(f"invalid XML at {response.url}: {exc}")
        return
    if not hasattr(sel.root, "tag"):
        spider.problem(f"not an XML document: {response.url}")
        return
    hint = _hint(sel, namespaces)
    if namespaces:
        for prefix, uri in namespaces.items():
            sel.register_namespace(prefix, uri)
    else:
        sel.remove_namespaces()
    try:
        records = sel.xpath(cfg["records"])
    except ValueError as exc:
        spider.problem(f"invalid records XPath '{cfg['records']}' at {response.url}: {exc}")
        return
    if not records:
        spider.problem(f"records XPath '{cfg['records']}' matched nothing at {response.url}{hint}")
    for record in records:
        course = _fields(spider, record, cfg.get("fields"), response.url)
        runs = []
        if cfg.get("runs"):
            try:
                runs = record.xpath(cfg["runs"])
            except ValueError as exc:
                spider.problem(f"invalid runs XPath '{cfg['runs']}' at {response.url}: {exc}")
        for run in runs or [None]:
            item = dict(course)
            if run is not None:
                item.update(_fields(spider, run, cfg.get("run_fields"), response.url))
            sessions = _sessions(spider, record if run is None else run, cfg.get("sessions"), response.url)
            if sessions:
                item["sessions"] = sessions
            url = item.pop("url", None)
            yield spider.raw_item(response, item, url=response.urljoin(url) if url else response.url)
    if cfg.get("next"):
        try:
            links = [node_text(n) for n in sel.xpath(cfg["next"])]
        except ValueError as exc:
            spider.problem(f"invalid next XPath '{cfg['next']}' at {response.url}: {exc}")
            links = []
        for link in links:
            if not link.strip():
                continue  # an empty <next/> on the last page
            request = spider.follow(response, link.strip(), parse_page, page=True)
            if request is not None:
                yield request


parse_start = parse_page
