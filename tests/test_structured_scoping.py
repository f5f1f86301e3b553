"""`structured`: `detail.fields` on a page with several courses belong to each course's own element
(issue #16, part 2). Before, a field was read from the whole page and every course got the
matches of all courses joined ("Bildungsgutschein (AZAV) Aufstiegs-BAföG" on each).

Pages are scrapy HtmlResponse objects handed to the strategy's callbacks, no crawl process. Also:
a list page follows its Course/ItemList teasers, and a sitemap given as start URL is read as one.
"""
from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawlers.spider import GenericSpider
from crawlers.strategies import structured

URL = "https://www.bildung-erzgebirge.example/kurse/liste.html"


def spider(detail: dict | None = None, listing: dict | None = None) -> GenericSpider:
    return GenericSpider(source_config={
        "key": "test", "provider": "Bildungszentrum Erzgebirge", "strategy": "structured",
        "start_urls": [URL], "detail": detail, "list": listing, "sitemap": None})


def page(body: str, url: str = URL) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode("utf-8"), encoding="utf-8", request=Request(url))


def items_of(results) -> list[dict]:
    return [r for r in results if not isinstance(r, Request)]


def funding_by_title(items: list[dict]) -> dict:
    return {item["title"]: item.get("funding") for item in items}


def microdata_course(name: str, start: str, inside: str = "", after: str = "") -> str:
    """One course card: a microdata Course with one instance; `inside` goes into the item's
    element, `after` beside it in the card."""
    return f"""
  <article class="kurs">
    <div itemscope itemtype="https://schema.org/Course">
      <h2 itemprop="name">{name}</h2>
      <div itemprop="hasCourseInstance" itemscope itemtype="https://schema.org/CourseInstance">
        <time itemprop="startDate" datetime="{start}">{start}</time>
        <meta itemprop="courseMode" content="onsite">
      </div>
      {inside}
    </div>
    {after}
  </article>"""


AZAV = '<p class="foerderung">Förderung: Bildungsgutschein (AZAV-zertifiziert)</p>'
AFBG = '<p class="foerderung">Förderung: Aufstiegs-BAföG</p>'
STAPLER, MEISTER, EXCEL = ("Gabelstaplerfahrer (DGUV 308-001)", "Industriemeister Metall (IHK)",
                           "Excel Grundlagen")


def microdata_list(where: str) -> str:
    """Three microdata courses: one with Bildungsgutschein, one with Aufstiegs-BAföG, one without;
    the funding line inside the item's element (`where="inside"`) or beside it in the card."""
    return "<html><body><main>" + "".join([
        microdata_course(STAPLER, "2027-03-01", **{where: AZAV}),
        microdata_course(MEISTER, "2027-09-03", **{where: AFBG}),
        microdata_course(EXCEL, "2027-05-04"),
    ]) + "</main></body></html>"


def test_microdata_courses_each_get_their_own_funding():
    sp = spider({"fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(microdata_list("inside"))))
    assert funding_by_title(items) == {STAPLER: "Förderung: Bildungsgutschein (AZAV-zertifiziert)",
                                       MEISTER: "Förderung: Aufstiegs-BAföG", EXCEL: None}
    assert sp.problems == []


def test_absolute_xpath_is_read_inside_the_course_element():
    sp = spider({"fields": {"funding": "//p[@class='foerderung']"}})
    items = items_of(structured.parse_detail(sp, page(microdata_list("inside"))))
    assert funding_by_title(items) == {STAPLER: "Förderung: Bildungsgutschein (AZAV-zertifiziert)",
                                       MEISTER: "Förderung: Aufstiegs-BAföG", EXCEL: None}


def test_matches_outside_the_course_elements_are_not_joined_but_reported():
    sp = spider({"fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(microdata_list("after"))))
    assert funding_by_title(items) == {STAPLER: None, MEISTER: None, EXCEL: None}
    assert sp.problems == [
        f"detail.fields.funding matched 2 element(s) outside the courses' own elements on {URL}, a page with "
        "3 courses; not used. Give detail.item (the element holding one course, e.g. \"article.kurs\") so they "
        "are taken per course, or {const: ...} for a value of the whole page (further pages not listed)"]


def test_detail_item_scopes_fields_beside_the_microdata_element():
    sp = spider({"item": "article.kurs", "fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(microdata_list("after"))))
    assert funding_by_title(items) == {STAPLER: "Förderung: Bildungsgutschein (AZAV-zertifiziert)",
                                       MEISTER: "Förderung: Aufstiegs-BAföG", EXCEL: None}
    assert sp.problems == []


def test_detail_item_holding_every_course_is_no_course_element():
    sp = spider({"item": "main", "fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(microdata_list("after"))))
    assert funding_by_title(items) == {STAPLER: None, MEISTER: None, EXCEL: None}
    assert len(sp.problems) == 1
    assert sp.problems[0].startswith(f"detail.fields.funding matched 2 element(s) on {URL}, a page with 3 courses, "
                                     "but 3 of them")
    assert "detail.item 'main' gives none of its own" in sp.problems[0]


JSONLD_LIST = """<html><head>
<script type="application/ld+json">
[{"@context": "https://schema.org", "@type": "Course", "name": "Gabelstaplerfahrer (DGUV 308-001)",
  "hasCourseInstance": {"@type": "CourseInstance", "startDate": "2027-03-01", "courseMode": "onsite"}},
 {"@context": "https://schema.org", "@type": "Course", "name": "Industriemeister Metall (IHK)",
  "hasCourseInstance": {"@type": "CourseInstance", "startDate": "2027-09-03", "courseMode": "blended"}},
 {"@context": "https://schema.org", "@type": "Course", "name": "Excel Grundlagen",
  "hasCourseInstance": {"@type": "CourseInstance", "startDate": "2027-05-04", "courseMode": "online"}}]
</script></head><body>
<div class="kurs"><h3>Gabelstaplerfahrer (DGUV 308-001)</h3><p class="foerderung">Bildungsgutschein (AZAV)</p></div>
<div class="kurs"><h3>Industriemeister Metall (IHK)</h3><p class="foerderung">Aufstiegs-BAföG</p></div>
<div class="kurs"><h3>Excel Grundlagen</h3></div>
</body></html>"""


def test_jsonld_courses_without_detail_item_get_no_field_and_the_problem_says_how():
    sp = spider({"fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(JSONLD_LIST)))
    assert funding_by_title(items) == {STAPLER: None, MEISTER: None, EXCEL: None}
    assert sp.problems == [
        f"detail.fields.funding matched 2 element(s) on {URL}, a page with 3 courses, but 3 of them "
        f"({EXCEL}, {STAPLER}, {MEISTER}) have no element of their own: give detail.item (a selector for the "
        "element of one course, e.g. \"article.kurs\") so the field is taken per course; not used for them "
        "(further pages not listed)"]


def test_jsonld_courses_find_their_detail_item_by_title():
    sp = spider({"item": "div.kurs", "fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(JSONLD_LIST)))
    assert funding_by_title(items) == {STAPLER: "Bildungsgutschein (AZAV)", MEISTER: "Aufstiegs-BAföG", EXCEL: None}
    assert sp.problems == []


def test_problem_is_reported_once_per_field_not_per_page():
    sp = spider({"fields": {"funding": "p.foerderung"}})
    for n in range(3):
        items_of(structured.parse_detail(sp, page(JSONLD_LIST, url=f"{URL}?seite={n}")))
    assert len(sp.problems) == 1


def test_one_course_with_several_runs_reads_fields_from_the_whole_page():
    body = """<html><body>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Course", "name": "Schweißen MAG",
 "hasCourseInstance": [{"@type": "CourseInstance", "startDate": "2027-03-01"},
                       {"@type": "CourseInstance", "startDate": "2027-08-30"}]}</script>
<dl><dt>Dauer</dt><dd class="dauer">160 Stunden</dd><dt>Förderung</dt><dd class="foerderung">Bildungsgutschein</dd></dl>
</body></html>"""
    sp = spider({"fields": {"duration": "dd.dauer", "funding": "dd.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(body)))
    assert [(i["start"], i["duration"], i["funding"]) for i in items] == [
        ("2027-03-01", "160 Stunden", "Bildungsgutschein"), ("2027-08-30", "160 Stunden", "Bildungsgutschein")]
    assert sp.problems == []


def test_jsonld_copy_of_a_microdata_course_shares_its_element():
    """An SEO plugin's JSON-LD copy of the page's microdata courses, with one run more than the
    microdata shows: that run belongs to the microdata course's element of the same title."""
    copy = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Course",
      "name": "Industriemeister Metall (IHK)", "hasCourseInstance": [
        {"@type": "CourseInstance", "startDate": "2027-09-03"}, {"@type": "CourseInstance", "startDate": "2028-02-04"}]}
    </script>"""
    body = microdata_list("inside").replace("<main>", copy + "<main>")
    sp = spider({"fields": {"funding": "p.foerderung"}})
    items = items_of(structured.parse_detail(sp, page(body)))
    assert sorted((i["title"], i["start"], i.get("funding")) for i in items) == [
        (EXCEL, "2027-05-04", None),
        (STAPLER, "2027-03-01", "Förderung: Bildungsgutschein (AZAV-zertifiziert)"),
        (MEISTER, "2027-09-03", "Förderung: Aufstiegs-BAföG"),
        (MEISTER, "2028-02-04", "Förderung: Aufstiegs-BAföG"),
    ]
    assert sp.problems == []


OVERVIEW = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "url": "/kurse/stapler/"},
  {"@type": "ListItem", "position": 2, "url": "/kurse/schweissen/"}]}
</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "name": "Start", "item": "/"}]}</script></head><body>
<div itemscope itemtype="https://schema.org/Course"><a itemprop="url" href="/kurse/excel/"><span itemprop="name">Excel</span></a></div>
<a rel="next" href="/kurse/seite/2/">Weiter</a>
</body></html>"""


def test_list_page_follows_teasers_and_itemlist_entries_but_gives_no_offer():
    sp = spider(listing={"next": "a[rel=next]::attr(href)"})
    results = list(structured.parse_start(sp, page(OVERVIEW)))
    assert items_of(results) == []
    base = "https://www.bildung-erzgebirge.example"
    assert sorted(r.url for r in results if isinstance(r, Request)) == [
        f"{base}/kurse/excel/", f"{base}/kurse/schweissen/", f"{base}/kurse/seite/2/", f"{base}/kurse/stapler/"]


def test_detail_page_does_not_follow_teasers():
    """Pages found in a sitemap are detail pages: the sitemap, not their teasers, lists the pages."""
    results = list(structured.parse_detail(spider(listing={}), page(OVERVIEW)))
    assert results == []


def test_sitemap_start_url_is_read_as_a_sitemap():
    body = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.bildung-erzgebirge.example/kurse/stapler/</loc></url>
  <url><loc>https://www.bildung-erzgebirge.example/impressum/</loc></url>
</urlset>"""
    url = "https://www.bildung-erzgebirge.example/sitemap.xml"
    response = HtmlResponse(url=url, body=body.encode(), encoding="utf-8", request=Request(url))
    results = list(structured.parse_start(spider(listing={}), response))
    assert [r.url for r in results] == ["https://www.bildung-erzgebirge.example/kurse/stapler/",
                                        "https://www.bildung-erzgebirge.example/impressum/"]


def test_constant_field_reaches_every_course_on_a_page_of_several():
    sp = spider({"fields": {"language": {"const": "de"}}})
    items = items_of(structured.parse_detail(sp, page(JSONLD_LIST)))
    assert [i["language"] for i in items] == ["de", "de", "de"]
    assert sp.problems == []
