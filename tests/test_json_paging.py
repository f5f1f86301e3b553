"""The json strategy's three ways of paging, and a MOOChub v3 (JSON:API) feed in a few YAML lines,
crawled from a real local server."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

COURSES = [f"Excel Kurs {n}" for n in range(1, 8)]  # seven records behind every API


def record(n: int) -> dict:
    return {"id": n, "name": COURSES[n], "start": f"2027-05-{n + 1:02d}", "link": f"/kurs/{n}"}


class Api(BaseHTTPRequestHandler):
    requested: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.requested.append(self.path)
        url = urlsplit(self.path)
        q = {k: int(v[0]) for k, v in parse_qs(url.query).items() if v[0].isdigit()}
        if url.path == "/robots.txt":
            body = {}
        elif url.path == "/paged":  # three records a page, ?page=1.. ; an empty page ends it
            page = q.get("page", 1)
            body = {"items": [record(n) for n in range((page - 1) * 3, min(page * 3, 7))]}
        elif url.path == "/offset":  # ?offset=K&limit=3
            offset = q.get("offset", 0)
            body = {"result": {"rows": [record(n) for n in range(offset, min(offset + 3, 7))]}}
        else:  # MOOChub v3: JSON:API with links.next
            page = q.get("page", 1)
            body = {"links": {"next": f"/moochub?page={page + 1}" if page < 3 else None},
                    "data": [{"id": str(n), "type": "courses",
                              "attributes": {"name": COURSES[n], "url": f"https://example.org/c/{n}",
                                             "startDate": [f"2027-06-{n + 1:02d}"], "inLanguage": ["de"],
                                             "courseMode": ["online"]}}
                             for n in range((page - 1) * 3, min(page * 3, 7))]}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture()
def api(serve):
    Api.requested = []
    with serve(Api) as url:
        yield url


@pytest.fixture()
def crawl_and_export(cli, tmp_path):
    """crawl_and_export(entry) -> the exported offers of a source `api` with these YAML lines."""
    def crawl(source_yaml: str) -> list[dict]:
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  api:\n    provider: Testanbieter\n    strategy: json\n" + source_yaml,
                           encoding="utf-8")
        proc = cli("crawl", "--quiet", "--sources", sources, data_dir=tmp_path / "data", timeout=120)
        assert "api: ok" in proc.stdout, proc.stdout + proc.stderr
        out = tmp_path / "export.jsonl"
        cli("export", "--out", out, data_dir=tmp_path / "data")
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return crawl


def test_page_parameter(api, crawl_and_export):
    records = crawl_and_export(f"""    start_urls: ["{api}/paged?page=1&sort=start"]
    api: {{records: items, page_param: page, fields: {{title: name, start: start, url: link}}}}
""")
    assert sorted(r["title"] for r in records) == sorted(COURSES)
    assert "/paged?sort=start&page=4" in Api.requested and not any("page=5" in p for p in Api.requested)


def test_offset_parameter(api, crawl_and_export):
    records = crawl_and_export(f"""    start_urls: ["{api}/offset?limit=3"]
    api: {{records: result.rows, offset_param: offset, page_size: 3, fields: {{title: name, start: start, url: link}}}}
""")
    assert sorted(r["title"] for r in records) == sorted(COURSES)
    assert [p for p in Api.requested if p.startswith("/offset")] == ["/offset?limit=3", "/offset?limit=3&offset=3",
                                                                     "/offset?limit=3&offset=6"]


def test_moochub_json_api(api, crawl_and_export):
    records = crawl_and_export(f"""    start_urls: ["{api}/moochub?page=1"]
    allowed_domains: [127.0.0.1, example.org]
    api:
      records: data
      next: links.next
      fields: {{title: attributes.name, url: attributes.url, start: "attributes.startDate[0]",
               format: "attributes.courseMode[0]", language: "attributes.inLanguage[0]"}}
""")
    assert len(records) == 7
    first = min(records, key=lambda r: r["start_date"])
    assert (first["title"], first["url"], first["start_date"], first["format"]) == (
        "Excel Kurs 1", "https://example.org/c/0", "2027-06-01", "online")


def test_two_ways_of_paging_are_refused(tmp_path):
    from wbportal.config import ConfigError, load_sources
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  a:\n    provider: P\n    strategy: json\n    start_urls: [https://a.example/x]\n"
                    "    api: {records: items, next: links.next, page_param: page}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="choose one way of paging"):
        load_sources(path)
