"""`html`: list pages (items, links, pagination) -> optional detail pages with a table of runs."""
from __future__ import annotations

from ..extract import extract_fields, extract_html, extract_sessions, select


def parse_list(spider, response):
    cfg = spider.config
    listing = cfg.get("list") or {}
    detail = cfg.get("detail")
    if listing.get("item"):
        items = select(response, listing["item"])
        if not items:
            spider.problem(f"no list items matched '{listing['item']}' on {response.url}")
        for node in items:
            partial = extract_fields(node, listing.get("fields"), extract_html)
            link = extract_html(node, listing["link"]) if listing.get("link") else None
            if detail and link:
                yield spider.follow(response, link, parse_detail, partial=partial)
            else:
                url = partial.pop("url", None)
                yield spider.raw_item(response, partial, url=response.urljoin(url) if url else response.url)
    elif listing.get("link"):
        for link in select(response, listing["link"]).getall():
            yield spider.follow(response, link, parse_detail, partial={})
    elif detail:  # start URLs are detail pages themselves
        yield from parse_detail(spider, response)
    yield from follow_next(spider, response, listing, parse_list)


def follow_next(spider, response, listing: dict, callback):
    if listing.get("next"):
        for link in select(response, listing["next"]).getall():
            request = spider.follow(response, link, callback, page=True)
            if request is not None:
                yield request


def session_table(target, spec: dict | None) -> list[list[str]]:
    """The sessions of a session table (`sessions`: one row per session) in `target`."""
    return extract_sessions(target, spec, select, extract_html)


def with_sessions(fields: dict, target, spec: dict | None) -> dict:
    """`fields` plus the session table found in `target`, if any."""
    sessions = session_table(target, spec)
    return fields | {"sessions": sessions} if sessions else fields


def parse_detail(spider, response):
    cfg = spider.config.get("detail") or {}
    course = dict(response.meta.get("partial") or {})
    course.update(extract_fields(response, cfg.get("fields"), extract_html))
    runs = cfg.get("runs")
    nodes = select(response, runs["item"]) if runs else []
    if not nodes:
        yield spider.raw_item(response, with_sessions(course, response, cfg.get("sessions")))
        return
    if cfg.get("sessions") and len(nodes) > 1:
        spider.problem_once(("sessions", "several runs"),
                            f"detail.sessions is not used on {response.url}: the page has {len(nodes)} runs; "
                            f"give detail.runs.sessions (relative to each run's element; further pages not listed)")
    for node in nodes:
        run = dict(course)
        run.update(extract_fields(node, runs.get("fields"), extract_html))
        # a run's own session list (runs.sessions, relative to the run's element) comes first
        run = with_sessions(run, node, runs.get("sessions"))
        if "sessions" not in run and len(nodes) == 1:
            run = with_sessions(run, response, cfg.get("sessions"))  # the page's table belongs to its one run
        yield spider.raw_item(response, run)


def parse_start(spider, response):
    yield from parse_list(spider, response)
