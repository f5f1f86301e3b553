"""`json`: JSON APIs with a record path, a next-page path and JMESPath field mappings."""
from __future__ import annotations

import json

from ..extract import extract_fields, extract_json


def parse_page(spider, response):
    api = spider.config["api"]
    try:
        data = json.loads(response.text)
    except json.JSONDecodeError as exc:
        spider.problem(f"broken JSON at {response.url}: {exc.msg} (line {exc.lineno})")
        return
    import jmespath

    records = jmespath.search(api["records"], data)
    if not isinstance(records, list):
        spider.problem(f"records path '{api['records']}' found no list at {response.url}")
        records = []
    for record in records:
        fields = extract_fields(record, api.get("fields"), extract_json)
        url = fields.pop("url", None)
        yield spider.raw_item(response, fields, url=response.urljoin(str(url)) if url else response.url)
    if api.get("next"):
        nxt = jmespath.search(api["next"], data)
        if isinstance(nxt, str) and nxt:
            request = spider.follow(response, nxt, parse_page, page=True)
            if request is not None:
                yield request


parse_start = parse_page
