"""`structured`: schema.org Course/CourseInstance/EducationEvent/Event in JSON-LD, microdata, RDFa.

One raw item per CourseInstance; the Course's fields are inherited. Pages without a course give
nothing (and no error): listing and legal pages share templates with course pages.

A Course without instances whose `url` names another page is a teaser (overview pages list
courses as Course items with name and url): it gives nothing here, its own page is the source.
Pages often carry the same course twice (theme microdata plus an SEO plugin's JSON-LD): offers
of one page with the same title and start day (and no conflicting run ids) are merged, the
richer one winning field by field, and a course-level copy without runs is dropped when the
same course has runs on the page.

`detail.fields` add what the structured data lacks; on a page with several courses each course
takes them from its own element (see `course_extras`). On list pages (no `list.link`) the
teasers' own pages are followed; a start URL that is a sitemap (or robots.txt) is read as one,
its pages extracted as detail pages (the `schema_org` source template relies on it).
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import extruct
from parsel import Selector

from . import sitemap as sitemap_strategy
from .html import follow_next, session_table, with_sessions
from ..extract import extract_fields, extract_html, is_xpath, select

COURSE_TYPES = {"Course", "EducationalOccupationalProgram"}
RUN_TYPES = {"CourseInstance", "EducationEvent", "Event"}


def _types(obj: dict) -> set[str]:
    t = obj.get("@type") or []
    return {str(x).rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def _walk(data):
    """Every dict inside the extracted data, @graph and nesting included."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("value") or value.get("@id"))
    return str(value)


def _place(location) -> str | None:
    if isinstance(location, list):
        location = location[0] if location else None
    if not isinstance(location, dict):
        return _text(location)
    if "VirtualLocation" in _types(location):
        return "Online"
    address = location.get("address")
    parts = [location.get("name")]
    if isinstance(address, dict):
        parts += [address.get("streetAddress"),
                  " ".join(p for p in (address.get("postalCode"), address.get("addressLocality")) if p)]
    elif address:
        parts.append(str(address))
    return ", ".join(str(p) for p in parts if p) or None


def _offer_price(offers) -> str | float | None:
    if isinstance(offers, list):
        offers = offers[0] if offers else None
    if not isinstance(offers, dict):
        return None
    price = offers.get("price")
    if price is None:
        spec = offers.get("priceSpecification")
        price = spec.get("price") if isinstance(spec, dict) else None
    if isinstance(price, (int, float)):
        return float(price)
    if price is None:
        return None
    currency = offers.get("priceCurrency", "")
    return f"{price} {currency}".strip()


def _course_fields(course: dict, response) -> dict:
    provider = course.get("provider") or course.get("organizer")
    out = {
        "title": _text(course.get("name")),
        "description": _text(course.get("description")),
        "url": response.urljoin(str(course["url"])) if course.get("url") else None,
        "course_ref": _text(course.get("courseCode") or course.get("identifier")),
        "provider": _text(provider),
        "certificate": _text(course.get("educationalCredentialAwarded")),
        "funding": _text(course.get("financialAidEligible")),
        "language": _text(course.get("inLanguage")),
        "category": _text(course.get("about") or course.get("genre")),
        "duration": _text(course.get("timeRequired")),
    }
    return {k: v for k, v in out.items() if v}


def _run_fields(run: dict, response) -> dict:
    out = {
        "format": _text(run.get("courseMode") or run.get("eventAttendanceMode")),
        "start": _text(run.get("startDate")),
        "end": _text(run.get("endDate")),
        "duration": _text(run.get("courseWorkload") or run.get("duration")),
        "schedule": _text(run.get("courseSchedule")) if isinstance(run.get("courseSchedule"), str) else None,
        "place": _place(run.get("location")),
        "price": _offer_price(run.get("offers")),
        "provider_ref": _text(run.get("identifier")),
    }
    if "Event" in _types(run) or "EducationEvent" in _types(run):
        out.update({k: v for k, v in _course_fields(run, response).items() if k not in ("provider_ref",)})
    return {k: v for k, v in out.items() if v not in (None, "")}


def _elsewhere(url: str | None, response) -> bool:
    """True if `url` names another page than the one being parsed (scheme and host aside)."""
    if not url:
        return False
    there, here = urlsplit(url), urlsplit(response.url)
    if there.path.rstrip("/") != here.path.rstrip("/"):
        return True
    return bool(there.query) and there.query != here.query


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")


def _day(value) -> str | None:
    """The calendar day of a start value (ISO date/date-time or German date), for matching copies."""
    if not value:
        return None
    text = str(value)
    if m := _ISO_DAY.search(text):
        return m.group(0)
    if m := _GERMAN_DAY.search(text):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return " ".join(text.split()).casefold()


def _same_run(a: dict, b: dict) -> bool:
    if " ".join(a["title"].split()).casefold() != " ".join(b["title"].split()).casefold():
        return False
    if _day(a.get("start")) != _day(b.get("start")):
        return False
    ra, rb = a.get("provider_ref"), b.get("provider_ref")
    return not (ra and rb and ra != rb)


def _merge(offers: list[dict]) -> list[dict]:
    """One offer per run: copies from several syntaxes are merged, the richer copy wins per field."""
    merged: list[dict] = []
    for offer in offers:
        for i, seen in enumerate(merged):
            if _same_run(seen, offer):
                rich, poor = (seen, offer) if _richness(seen) >= _richness(offer) else (offer, seen)
                merged[i] = poor | rich | {"_course_only": seen["_course_only"] and offer["_course_only"]}
                break
        else:
            merged.append(offer)
    with_runs = {" ".join(o["title"].split()).casefold() for o in merged if not o["_course_only"]}
    return [o for o in merged
            if not (o["_course_only"] and " ".join(o["title"].split()).casefold() in with_runs)]


# A syntax is only parsed when its marker is in the page: RDFa in particular is slow, and most
# pages carry one syntax or none (bench/crawl.py).
SYNTAX_MARKERS = {"json-ld": "application/ld+json", "microdata": "itemscope", "rdfa": "typeof="}


def _structured_data(response, syntaxes: list[str]) -> dict:
    """extruct's items per syntax. JSON-LD and microdata are read from the response's own parsed
    tree, so that a microdata item's `htmlNode` is an element selectors on the response can
    reach (per-course scoping); RDFa needs extruct's XML-DOM parse of the text."""
    data = {}
    try:
        tree_syntaxes = [s for s in syntaxes if s != "rdfa"]
        if tree_syntaxes:
            data |= extruct.extract(response.selector.root, base_url=response.url, uniform=True,
                                    syntaxes=tree_syntaxes, errors="ignore", return_html_node=True)
        if "rdfa" in syntaxes:
            data |= extruct.extract(response.text, base_url=response.url, uniform=True, syntaxes=["rdfa"],
                                    errors="ignore")
    except (ValueError, json.JSONDecodeError):
        return {}
    return data


def _element(node: dict):
    """The page element a microdata item was read from; None for JSON-LD and RDFa items."""
    element = node.get("htmlNode")
    return element if element is not None and isinstance(getattr(element, "tag", None), str) else None


def _private(course_only: bool, element) -> dict:
    """Bookkeeping keys of an offer until it leaves extract (the element only when known, so a
    merge keeps the copy's element that has one)."""
    return {"_course_only": course_only} | ({"_element": element} if element is not None else {})


def _richness(offer: dict) -> int:
    return sum(1 for key in offer if not key.startswith("_"))


def _same_title(offer: dict) -> str:
    return " ".join(offer["title"].split()).casefold()


def _extract(response) -> tuple[list[dict], list[str]]:
    """Offers of one page, each with `_element` when its course's element is known (microdata),
    and the links of course teasers (Course items and ItemList entries naming another page)."""
    text = response.text
    syntaxes = [name for name, marker in SYNTAX_MARKERS.items() if marker in text]
    if not syntaxes:
        return [], []
    nodes = [n for syntax in _structured_data(response, syntaxes).values() for n in _walk(syntax)]
    offers, seen_runs, teasers = [], set(), []
    for course in (n for n in nodes if _types(n) & COURSE_TYPES):
        base = _course_fields(course, response)
        element = _element(course)
        runs = course.get("hasCourseInstance") or []
        runs = runs if isinstance(runs, list) else [runs]
        runs = [r for r in runs if isinstance(r, dict)]
        for run in runs:
            seen_runs.add(id(run))
            offers.append(base | _run_fields(run, response) | _private(False, element))
        if not runs:
            if _elsewhere(base.get("url"), response):
                teasers.append(base["url"])
            else:
                offers.append(base | _run_fields(course, response) | _private(True, element))
    for run in (n for n in nodes if _types(n) & RUN_TYPES and id(n) not in seen_runs):
        if "CourseInstance" in _types(run) and not run.get("name"):
            continue  # an instance outside any course has no title to show
        offers.append(_run_fields(run, response) | _private(False, _element(run)))
    for listing in (n for n in nodes if "ItemList" in _types(n)):
        entries = listing.get("itemListElement") or []
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict) and isinstance(entry.get("url"), str) and _elsewhere(entry["url"], response):
                teasers.append(response.urljoin(entry["url"]))
    offers = _merge([o for o in offers if o.get("title")])
    # A copy without an element (JSON-LD beside microdata, an extra run) belongs to the element of
    # the same-titled course when there is exactly one.
    elements: dict[str, dict] = {}  # title -> the distinct elements of the courses so named
    for offer in offers:
        if "_element" in offer:
            elements.setdefault(_same_title(offer), {})[id(offer["_element"])] = offer["_element"]
    for offer in offers:
        known = list(elements.get(_same_title(offer), {}).values())
        if "_element" not in offer and len(known) == 1:
            offer["_element"] = known[0]
        del offer["_course_only"]
    return offers, list(dict.fromkeys(teasers))


def extract_offers(response) -> list[dict]:
    """Raw offers from the structured data of one page."""
    return [{k: v for k, v in offer.items() if not k.startswith("_")} for offer in _extract(response)[0]]


# ------------------------------------------------------------------ detail.fields, per course
# On a page with one course `detail.fields` are read from the whole page. On a page with several
# courses a field is read inside each course's own element: the microdata item's element, or the
# element around it that `detail.item` selects, or for a course without an element of its own
# (JSON-LD) the `detail.item` element that holds its title. Matches that belong to no course, and
# fields of a course without an element, are not used (never joined across courses); the run
# report then says how to scope them (once per field and run).

_ABSOLUTE_STEP = re.compile(r"(^|[(|,]\s*)(?=/)")


def _within(spec) -> dict:
    """A field spec as a mapping whose XPath, if absolute ("//p"), is read inside the element."""
    spec = dict(spec) if isinstance(spec, dict) else {("xpath" if is_xpath(spec) else "css"): spec}
    if spec.get("xpath"):
        spec["xpath"] = _ABSOLUTE_STEP.sub(r"\1.", spec["xpath"])
    return spec


def _filled(sel, spec: dict) -> int:
    """How many non-blank matches the spec's selector has in `sel`."""
    query = spec.get("css") or spec.get("xpath")
    count = 0
    for node in select(sel, query):
        text = node.get() if isinstance(node.root, str) else node.xpath("string(.)").get()
        count += bool((text or "").strip())
    return count


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _item_of_title(offer: dict, items: list, response):
    """The one `detail.item` element holding a course without an element of its own: the item
    containing the course's title; among several, the one linking to the course's page or with
    an element whose whole text is the title. None when that leaves not exactly one."""
    title = _words(offer["title"])
    hits = [item for item in items if title in _words(" ".join(item.itertext()))]
    if len(hits) > 1 and offer.get("url") and offer["url"] != response.url:
        linked = [i for i in hits if any(response.urljoin(a.get("href")) == offer["url"] for a in i.iter("a") if a.get("href"))]
        hits = linked or hits
    if len(hits) > 1:
        hits = [i for i in hits if any(_words(" ".join(e.itertext())) == title for e in i.iter() if isinstance(e.tag, str))]
    return hits[0] if len(hits) == 1 else None


def _scopes(response, offers: list[dict], item_query: str | None) -> list:
    """Each offer's course element (or None) on a page with several courses."""
    items = [n.root for n in select(response, item_query) if not isinstance(n.root, str)] if item_query else []
    in_items = set(items)
    scopes = []
    for offer in offers:
        element = offer.get("_element")
        if element is None:
            scopes.append(_item_of_title(offer, items, response) if items else None)
            continue
        holder = next((e for e in (element, *element.iterancestors()) if e in in_items), None)
        scopes.append(holder if holder is not None else element)
    # An element shared by offers of different courses is no course's own.
    titles: dict = {}
    for offer, scope in zip(offers, scopes):
        if scope is not None:
            titles.setdefault(scope, set()).add(_same_title(offer))
    return [s if s is not None and len(titles[s]) == 1 else None for s in scopes]


def course_extras(spider, response, offers: list[dict], detail: dict) -> list[dict]:
    """`detail.fields` for each offer of the page (see above), in the offers' order."""
    fields = detail.get("fields") or {}
    if not fields or not offers:
        return [{} for _ in offers]
    courses = {id(o["_element"]) if "_element" in o else _same_title(o) for o in offers}
    if len(courses) < 2:
        extra = extract_fields(response, fields, extract_html)
        return [dict(extra) for _ in offers]
    scopes = _scopes(response, offers, detail.get("item"))
    own = {id(s): s for s in scopes if s is not None}
    values = {key: extract_fields(Selector(root=scope, type="html"), {n: _within(s) for n, s in fields.items()},
                                  extract_html) for key, scope in own.items()}
    without = sorted({o["title"] for o, s in zip(offers, scopes) if s is None})
    for name, spec in fields.items():
        spec = _within(spec)
        if spec.get("const") is not None or not (spec.get("css") or spec.get("xpath")):
            continue
        page = _filled(response, spec)  # ".//p" from the page's root finds what "//p" finds
        if not page:
            continue
        outside = page - sum(_filled(Selector(root=s, type="html"), spec) for s in own.values())
        if without:
            how = (f"detail.item '{detail['item']}' gives none of its own (one item element must hold exactly "
                   f"one course, found by its microdata element or its title)" if detail.get("item") else
                   "give detail.item (a selector for the element of one course, e.g. \"article.kurs\") so the field "
                   "is taken per course")
            spider.problem_once(("unscoped", name),
                         f"detail.fields.{name} matched {page} element(s) on {response.url}, a page with "
                         f"{len(courses)} courses, but {len(without)} of them ({', '.join(without[:3])}) have no "
                         f"element of their own: {how}; not used for them (further pages not listed)")
        elif outside > 0:
            spider.problem_once(("outside", name),
                         f"detail.fields.{name} matched {outside} element(s) outside the courses' own elements on "
                         f"{response.url}, a page with {len(courses)} courses; not used. Give detail.item (the "
                         f"element holding one course, e.g. \"article.kurs\") so they are taken per course, or "
                         f"{{const: ...}} for a value of the whole page (further pages not listed)")
    consts = {n: s["const"] for n, s in fields.items() if isinstance(s, dict) and s.get("const") is not None}
    return [consts | (values[id(s)] if s is not None else {}) for s in scopes]


def parse_detail(spider, response, follow_teasers: bool = False):
    detail = spider.config.get("detail") or {}
    partial = response.meta.get("partial") or {}
    offers, teasers = _extract(response)
    if not offers and not (follow_teasers and teasers):
        yield from fields_offer(spider, response, detail, partial)
    sessions = run_sessions(spider, response, detail, offers)
    for offer, extra in zip(offers, course_extras(spider, response, offers, detail)):
        offer = {k: v for k, v in offer.items() if not k.startswith("_")}
        url = offer.pop("url", None) or response.url
        item = partial | extra | offer
        if sessions and not item.get("sessions"):
            item["sessions"] = sessions
        yield spider.raw_item(response, item, url=url)
    if follow_teasers:  # a list page whose courses are teasers: their own pages carry the data
        for link in teasers:
            request = spider.follow(response, link, parse_detail, partial={})
            if request is not None:
                yield request


def parse_list(spider, response):
    listing = spider.config.get("list") or {}
    if listing.get("link"):
        for link in select(response, listing["link"]).getall():
            yield spider.follow(response, link, parse_detail, partial={})
    else:
        yield from parse_detail(spider, response, follow_teasers=True)
    yield from follow_next(spider, response, listing, parse_list)


def _is_sitemap(response) -> bool:
    if response.url.endswith("/robots.txt"):
        return True
    head = response.body[:1000]
    return head[:2] == b"\x1f\x8b" or b"<urlset" in head or b"<sitemapindex" in head  # gzip: a .xml.gz sitemap


def parse_start(spider, response):
    """A start URL is a list page, or a sitemap (robots.txt) whose pages are read as detail pages."""
    if _is_sitemap(response):
        spider.config["sitemap"] = spider.config.get("sitemap") or {}  # defaults: every page, extract structured
        yield from sitemap_strategy.parse_sitemap(spider, response)
    else:
        yield from parse_list(spider, response)


# ------------------------------------------------------------ pages without structured data
# Publishing systems such as KuferWEB put schema.org on their newer installations only; older
# ones show the same course as a label/value table and a table of sessions. On a page without
# structured course data `detail.fields` make the offer (as the `html` strategy reads them; they
# must give a title, so a source whose fields only add to the structured data, such as a
# `duration`, still gets nothing from listing and legal pages), and `detail.sessions` its
# sessions. On a page with structured data the session table belongs to its one run.

def fields_offer(spider, response, detail: dict, partial: dict):
    """The offer of a page without structured course data, from `detail.fields` and
    `detail.sessions`; nothing when the fields give no title."""
    item = partial | extract_fields(response, detail.get("fields"), extract_html)
    if not item.get("title"):
        return
    item = with_sessions(item, response, detail.get("sessions"))
    url = item.pop("url", None)
    yield spider.raw_item(response, item, url=response.urljoin(url) if url else response.url)


def run_sessions(spider, response, detail: dict, offers: list[dict]) -> list[list[str]]:
    """`detail.sessions` for the structured offers of a page: the page's session table when the
    page has one run; with several runs the rows cannot be told apart, so none (reported once)."""
    if not detail.get("sessions") or not offers:
        return []
    sessions = session_table(response, detail.get("sessions"))
    if sessions and len(offers) > 1:
        spider.problem_once(("sessions", "several runs"),
                     f"detail.sessions matched {len(sessions)} session(s) on {response.url}, a page with "
                     f"{len(offers)} runs in its structured data; a page's session table is used only for a "
                     f"page with one run, not here (further pages not listed)")
        return []
    return sessions
