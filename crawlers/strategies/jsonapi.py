"""`json`: JSON APIs with a record path, JMESPath field mappings and paging by a next-link
path, a page-number parameter or an offset parameter (bounded by max_pages)."""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jmespath

from ..extract import extract_fields, extract_json


def with_param(url: str, name: str, value: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return urlunsplit(parts._replace(query=urlencode([*query, (name, str(value))])))


def param(url: str, name: str, default: int) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get(name, "")
    return int(value) if value.isdigit() else default


def next_url(api: dict, data, url: str, count: int) -> str | None:
    """The next page's URL, or None when this page was the last."""
    if api.get("next"):
        nxt = jmespath.search(api["next"], data)
        return nxt if isinstance(nxt, str) and nxt else None
    if api.get("page_param") and count:
        return with_param(url, api["page_param"], param(url, api["page_param"], 1) + 1)
    if api.get("offset_param") and count >= api["page_size"]:
        return with_param(url, api["offset_param"], param(url, api["offset_param"], 0) + count)
    return None


def parse_page(spider, response):
    api = spider.config["api"]
    try:
        data = json.loads(response.text)
    except json.JSONDecodeError as exc:
        spider.problem(f"broken JSON at {response.url}: {exc.msg} (line {exc.lineno})")
        return
    records = jmespath.search(api["records"], data)
    if not isinstance(records, list):
        spider.problem(f"records path '{api['records']}' found no list at {response.url}")
        records = []
    for record in records:
        fields = extract_fields(record, api.get("fields"), extract_json)
        url = fields.pop("url", None)
        yield spider.raw_item(response, fields, url=response.urljoin(str(url)) if url else response.url)
    nxt = next_url(api, data, response.url, len(records))
    if nxt:
        request = spider.follow(response, nxt, parse_page, page=True)
        if request is not None:
            yield request


parse_start = parse_page
