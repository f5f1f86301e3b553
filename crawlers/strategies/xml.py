"""`xml`: XML exports (open-Qcat, PAS 1045, course-software exports) through XPath mappings.

The element names differ between databases, so nothing is fixed here: a record XPath, optional
run XPath (one offer per run, course fields inherited), per-field XPaths and namespaces.
"""
from __future__ import annotations

from parsel import Selector

from ..extract import extract_fields, extract_html


def parse_page(spider, response):
    cfg = spider.config["xml"]
    try:
        sel = Selector(text=response.text, type="xml")
        for prefix, uri in (cfg.get("namespaces") or {}).items():
            sel.register_namespace(prefix, uri)
        records = sel.xpath(cfg["records"])
    except ValueError as exc:
        spider.problem(f"invalid XML or XPath at {response.url}: {exc}")
        return
    if not records:
        spider.problem(f"records XPath '{cfg['records']}' matched nothing at {response.url}")
    for record in records:
        course = extract_fields(record, cfg.get("fields"), extract_html)
        runs = record.xpath(cfg["runs"]) if cfg.get("runs") else []
        for run in runs or [None]:
            item = dict(course)
            if run is not None:
                item.update(extract_fields(run, cfg.get("run_fields"), extract_html))
            url = item.pop("url", None)
            yield spider.raw_item(response, item, url=response.urljoin(url) if url else response.url)
    if cfg.get("next"):
        for link in sel.xpath(cfg["next"]).getall():
            request = spider.follow(response, link.strip(), parse_page, page=True)
            if request is not None:
                yield request


parse_start = parse_page
