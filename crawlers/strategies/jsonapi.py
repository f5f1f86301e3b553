"""`json`: JSON APIs with a record path, JMESPath field mappings and paging by a next-link
path, a page-number parameter or an offset parameter (bounded by max_pages).

Records and runs. `api.records` finds the records of a page; `api.fields` are read from each
record. A record may hold several runs of a course (MOOChub v3 gives `startDate[]` and
`endDate[]`): `api.runs` is a JMESPath, relative to the record, to a list of runs, and
`api.run_fields` are read from each run on top of the record's fields (a run's value wins). One
raw item is made per run; a record whose runs path finds nothing (a self-paced course without
dates) is one raw item of its own fields. `api.sessions` (item/date/start/end, see
crawlers.extract.extract_sessions) reads the sessions of the run, or of the record without runs.

JMESPath functions beyond the standard ones, usable in every expression of this strategy
(records, next, runs, fields, sessions):
- `zip(a, b, ...)`: arrays side by side, one list per element of the FIRST array, the others
  padded with null: `zip(startDate, endDate)` of ["2027-03-01", "2027-09-06"] and
  ["2027-04-12"] is [["2027-03-01", "2027-04-12"], ["2027-09-06", null]]; a run's start is then
  `[0]` and its end `[1]`. null counts as an empty array, a single value as an array of one.

When the FIRST page of a start URL is not JSON, or the records path finds no list there, a
source with a `fallback` switches to it (GenericSpider.fall_back); without one, or on later
pages, this is a problem in the run report as before.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jmespath
from jmespath import functions
from jmespath.exceptions import JMESPathError

from ..extract import extract_fields, extract_json, extract_sessions


class JsonFunctions(functions.Functions):
    """The strategy's own JMESPath functions (see the module docstring)."""

    @functions.signature({"types": []}, {"types": [], "variadic": True})
    def _func_zip(self, first, *rest):
        def as_list(value):
            return [] if value is None else value if isinstance(value, list) else [value]

        first, rest = as_list(first), [as_list(r) for r in rest]
        return [[value, *(r[i] if i < len(r) else None for r in rest)] for i, value in enumerate(first)]


OPTIONS = jmespath.Options(custom_functions=JsonFunctions())


def search(expression: str, data):
    """JMESPath with the strategy's own functions."""
    return jmespath.search(expression, data, options=OPTIONS)


def extract(record, spec):
    """crawlers.extract.extract_json (joining, regex, default, template...) with the value found
    by `search`, so that the strategy's own functions work in field mappings too."""
    spec = {"path": spec} if isinstance(spec, str) else dict(spec)
    if spec.get("const") is not None:
        return spec["const"]
    expression = spec.pop("path", None) or spec.pop("css", None) or spec.pop("xpath", None)
    return extract_json(search(expression, record), {**spec, "path": "@"})


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
        nxt = search(api["next"], data)
        return nxt if isinstance(nxt, str) and nxt else None
    if api.get("page_param") and count:
        return with_param(url, api["page_param"], param(url, api["page_param"], 1) + 1)
    if api.get("offset_param") and count >= api["page_size"]:
        return with_param(url, api["offset_param"], param(url, api["offset_param"], 0) + count)
    return None


def runs_of(spider, api: dict, record) -> list:
    """The runs of one record; [None] (the record alone) without a runs path or when it finds none."""
    if not api.get("runs"):
        return [None]
    try:
        runs = search(api["runs"], record)
    except JMESPathError as exc:
        spider.problem_once(("runs", str(exc)), f"runs path '{api['runs']}' failed: {exc}")
        return [None]
    if runs in (None, []):
        return [None]
    return runs if isinstance(runs, list) else [runs]


def _sessions_of(target, selector: str) -> list:
    found = search(selector, target)
    return [] if found is None else found if isinstance(found, list) else [found]


def items_of(spider, api: dict, record, response):
    """The raw items of one record: one per run, record fields under run fields."""
    course = extract_fields(record, api.get("fields"), extract)
    for run in runs_of(spider, api, record):
        item = dict(course)
        target = record
        if run is not None:
            item.update(extract_fields(run, api.get("run_fields"), extract))
            target = run
        sessions = extract_sessions(target, api.get("sessions"), _sessions_of, extract)
        if sessions:
            item["sessions"] = sessions
        url = item.pop("url", None)
        yield spider.raw_item(response, item, url=response.urljoin(str(url)) if url else response.url)


def _failed(spider, response, reason: str, first: bool) -> list:
    """A first page that is unusable switches to the source's fallback (if it has one)."""
    requests = spider.fall_back(response.url, reason) if first else None
    if requests is None:
        spider.problem(reason)
        return []
    return requests


def parse_page(spider, response, first: bool = False):
    api = spider.config["api"]
    try:
        data = json.loads(response.text)
    except json.JSONDecodeError as exc:
        yield from _failed(spider, response, f"broken JSON at {response.url}: {exc.msg} (line {exc.lineno})", first)
        return
    records = search(api["records"], data)
    if not isinstance(records, list):
        fallback = _failed(spider, response, f"records path '{api['records']}' found no list at {response.url}", first)
        if fallback:
            yield from fallback
            return
        records = []
    for record in records:
        yield from items_of(spider, api, record, response)
    nxt = next_url(api, data, response.url, len(records))
    if nxt:
        request = spider.follow(response, nxt, parse_page, page=True)
        if request is not None:
            yield request


def parse_start(spider, response):
    yield from parse_page(spider, response, first=True)
