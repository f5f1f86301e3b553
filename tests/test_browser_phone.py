"""The portal on a 360 px phone in headless Chromium: every GET page of the app's URL map (route
parameters filled with real ids of the demo data), as anonymous visitor, as a plain company user,
as a Kümmerer and as the coordination office, must fit the screen (no sideways scrolling: wide
tables scroll inside their own box), and start with a skip link. On the search page the filters
come before the results, so that a phone user does not scroll past every result to reach them.

Walking the URL map rather than a list of paths means a page added later is checked too; a new
route parameter without a demo value fails loudly (the `demo` fixture names them) instead of
being skipped; a signed link without a real token of its own is walked with a broken one."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from test_browser import AXE, By, WebDriverWait, browser, live, live_url, screenshot  # noqa: F401
from test_browser_accounts import _axe_missing, fill, submit

# Layout at phone width does not depend on the database back end: one back end is enough.
pytestmark = pytest.mark.one_database

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 360
PASSWORD = "demo-passwort-1"  # demo/companies.yaml
KUEMMERER = "chef@metallbau-arnold.example"  # registered the firm: Kümmerer, has a demo matrix
WORKER = "werkstatt@metallbau-arnold.example"  # invited colleague without the Kümmerer role
OFFICE = ("buero@verbund.example", "buero-passwort-1")
PROVIDER = "kurse@sta-erzgebirge.example"  # demo/providers.yaml
ROLES = {"anonymous": None, "company": (WORKER, PASSWORD), "kuemmerer": (KUEMMERER, PASSWORD), "office": OFFICE,
         "provider": (PROVIDER, PASSWORD)}
DOWNLOAD = re.compile(r"\.(csv|ics|json|xlsx|pdf|zip)$")


@pytest.fixture
def demo(live, offer_records):
    """The demo companies, needs and matrices of demo/companies.yaml in the live app's database,
    plus a colleague without the Kümmerer role; returns the values for route parameters."""
    from types import SimpleNamespace

    from webui.accounts import _serializer
    from wbportal.config import load_sources
    from wbportal.demo import seed_demo, seed_demo_matrices
    from wbportal.needs.digest import opt_out_token
    from wbportal.qualifications.store import MatrixStore

    app = live.app
    accounts, needs = app.extensions["accounts"], app.extensions["needs"]
    seed_demo(accounts, needs)
    seed_demo_matrices(app.extensions["db"], accounts)
    chef = accounts.user_by_email(KUEMMERER)
    worker = accounts.add_user(chef.company_id, WORKER, PASSWORD)
    people = MatrixStore(app.extensions["db"]).people(chef.company_id)
    from wbportal.calls import CallStore
    from wbportal.calls.demo import seed_demo_call
    from wbportal.providers.demo import seed_demo_providers
    seed_demo_providers(app.extensions["db"], accounts)
    call_id = seed_demo_call(app.extensions["db"], accounts, needs, load_sources(ROOT / "sources.yaml"), live.url)
    assert call_id, "the demo call was not seeded"
    recipient_id = next(r.id for r in CallStore(app.extensions["db"]).recipients(call_id) if r.company_id)
    with app.test_request_context():
        reset_token = _serializer().dumps(worker.id)
    offer = offer_records[0]
    params = {
        "offer_id": offer["id"],
        "name": offer["provider"],
        "need_id": needs.of_company(chef.company_id)[0].id,
        "person_id": people[0].id,
        "user_id": worker.id,
        "qualification_id": "ersthelfer",
        "key": next(iter(load_sources(ROOT / "sources.yaml").sources)),
        "source": next(iter(load_sources(ROOT / "sources.yaml").sources)),
        "company_id": accounts.user_by_email("leitung@pflege-sonnenschein.example").company_id,
        "call_id": call_id,
        "recipient_id": recipient_id,
    }
    tokens = {"accounts.reset": reset_token, "accounts.opt_out": opt_out_token(app.config["SECRET_KEY"], worker.id)}
    return SimpleNamespace(app=app, params=params, tokens=tokens)


def page_paths(demo) -> list[str]:
    """Every GET path of the URL map with its parameters filled in; static files and paths that
    name a download (.csv, .ics, .json) are left out, other non-HTML answers are skipped later."""
    paths = set()
    for rule in demo.app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or DOWNLOAD.search(rule.rule):
            continue
        path = rule.rule
        for name in re.findall(r"<(?:[^>:]*:)?([a-z_]+)>", path):
            # a signed link without a real token of its own: the page that answers a broken link
            value = demo.tokens.get(rule.endpoint, "ungueltiger-link") if name == "token" else demo.params.get(name)
            assert value is not None, (f"{rule.rule} ({rule.endpoint}): no demo value for <{name}>; "
                                       "add one to the demo fixture of tests/test_browser_phone.py")
            path = re.sub(rf"<[^>]*\b{name}>", quote(str(value), safe=""), path)
        paths.add(path)
    return sorted(paths)


def log_in(browser, base: str, login) -> None:
    browser.get(base + "/konto/anmelden")
    fill(browser, email=login[0], password=login[1])
    submit(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "form[action$='/konto/abmelden']"), "login failed"


def rendered(browser, element) -> bool:
    """Whether the browser draws the element (Selenium's is_displayed() treats everything in a
    closed <details> as hidden, even where CSS shows the content)."""
    return browser.execute_script("return arguments[0].checkVisibility()", element)


def content_type(browser, url: str) -> str:
    """The status and Content-Type of a GET with the browser's session, as "403 text/html; ..." (a
    JSON or CSV answer is no page; a refused page is the one error page, walked once per role)."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status + ' ' + (r.headers.get('content-type') || '')))"
        ".catch(e => done('error ' + e))", url)


OVERFLOW = """
const w = document.documentElement.clientWidth;
const clipped = e => {  // inside a box that clips it (an absolute element only by a positioned one)
  let position = getComputedStyle(e).position;
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (position === 'fixed') return false;
    const s = getComputedStyle(p);
    if (s.overflowX !== 'visible' && (position !== 'absolute' || s.position !== 'static')) return true;
    if (position === 'absolute' && s.position !== 'static') position = s.position;
  } return false; };
return [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w + 0.5 && !clipped(e))
  .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right).slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
       ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right)
       + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
"""

UNBOXED_TABLES = """
return [...document.querySelectorAll('main table')].filter(t => {
  const box = t.parentElement.closest('.table-scroll');
  return !(box && box.getAttribute('role') === 'region' && box.getAttribute('aria-label') && box.tabIndex === 0
           && getComputedStyle(box).overflowX === 'auto');
}).map(t => (t.querySelector('caption') || t).textContent.trim().slice(0, 60));
"""

FIRST_FOCUSABLE = """
const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled);
const e = all[0];
if (!e) return null;
const target = (e.getAttribute('href') || '').startsWith('#') ? document.getElementById(e.getAttribute('href').slice(1)) : null;
return [e.className, e.textContent.trim(), target !== null];
"""


def _write_axe_report(role: str, lesser: dict[str, list[str]]) -> None:
    """The moderate and minor axe findings per page, for the maintainers' list of what is left
    (WBP_SCREENSHOT_DIR/axe-moderate-<role>.txt; nothing is written without that directory)."""
    target = os.environ.get("WBP_SCREENSHOT_DIR")
    if not target:
        return
    Path(target).mkdir(parents=True, exist_ok=True)
    lines = [f"{path}: {', '.join(found)}" for path, found in sorted(lesser.items()) if found]
    Path(target, f"axe-moderate-{role}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_a_360_px_phone(live_url, demo, browser, role):
    browser.set_window_size(WIDTH, 800)
    if ROLES[role]:
        log_in(browser, live_url, ROLES[role])
    browser.get(live_url + "/")
    assert browser.execute_script("return window.innerWidth") == WIDTH
    walked, failures = [], []
    refused_walked = False
    lesser: dict[str, list[str]] = {}   # moderate and minor axe findings, kept as an artifact
    axe = None if _axe_missing() else AXE.read_text(encoding="utf-8")
    for path in page_paths(demo):
        status, _, kind = content_type(browser, live_url + path).partition(" ")
        if not kind.startswith("text/html"):
            continue  # JSON of the API, suggestions: no page
        if status == "403" and refused_walked:
            continue  # refused to this role: the one error page, already walked once for this role
        refused_walked = refused_walked or status == "403"
        browser.get(live_url + path)
        WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")
        walked.append(path)
        scroll, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > WIDTH or scroll > client:
            failures.append(f"{path} ({browser.current_url}): {scroll} px wide; widest: {browser.execute_script(OVERFLOW)}")
        unboxed = browser.execute_script(UNBOXED_TABLES)
        if unboxed:
            failures.append(f"{path}: tables outside a focusable scroll box (div.table-scroll): {unboxed}")
        if axe:  # at phone width: scroll boxes must be focusable, nothing else serious either
            browser.execute_script(axe)
            found = browser.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
                ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length])))")
            serious = [rule for rule, impact, _ in found if impact in ("serious", "critical")]
            lesser[path] = [f"{rule} ({impact}, {nodes}x)" for rule, impact, nodes in found if rule not in serious]
            if serious:
                failures.append(f"{path}: axe at {WIDTH} px: {serious}")
        first = browser.execute_script(FIRST_FOCUSABLE)
        if not (first and "skip-link" in first[0] and first[2]):
            failures.append(f"{path}: first focusable element is {first}, not a skip link to an element of the page")
    _write_axe_report(role, lesser)
    assert not failures, f"as {role} at {WIDTH} px:\n" + "\n".join(failures)
    # the walk really covered the portal's pages, not just error pages or nothing
    assert {"/", "/angebot/a-1", "/foerderung", "/impressum", "/konto/anmelden"} <= set(walked), walked
    own = {"anonymous": "/bedarfe", "company": "/bedarfe", "kuemmerer": "/qualifikationen", "office": "/koordinierung/anfragen/",
           "provider": "/anbieter/"}[role]
    assert own in walked, walked
    assert len(walked) >= 25, walked
    if axe is None:
        pytest.skip("axe-core not installed (needs npm): widths checked, accessibility not")


def test_search_page_filters_before_results_and_skip_link_first(live_url, demo, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(WIDTH, 800)
    browser.get(live_url + "/?q=Schweißen")
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".hit"))
    # keyboard: the first Tab lands on the skip link to the results, which moves focus there
    ActionChains(browser).send_keys(Keys.TAB).perform()
    active = browser.switch_to.active_element
    assert active.text == "Zu den Ergebnissen springen" and "skip-link" in active.get_attribute("class")
    active.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#ergebnisse")
    assert browser.switch_to.active_element.get_attribute("id") == "ergebnisse"
    browser.get(live_url + "/?q=Schweißen")
    disclosure = browser.find_element(By.CSS_SELECTOR, "details.filters")
    summary = disclosure.find_element(By.TAG_NAME, "summary")
    first_hit = browser.find_element(By.CSS_SELECTOR, ".hit")
    assert summary.text == "Filter"
    assert summary.is_displayed()
    assert summary.rect["y"] < first_hit.rect["y"]
    assert summary.rect["y"] < 800  # within the first screen, not after the results
    # closed on a phone: the results follow at once; opened without any script, the facets show
    assert disclosure.get_attribute("open") is None
    screenshot(browser, "search-360-filter-closed")
    town = disclosure.find_element(By.XPATH, ".//a[contains(@class, 'facet-link') and contains(., 'Zwönitz')]")
    assert not rendered(browser, town)
    summary.click()
    assert rendered(browser, town) and town.rect["y"] < first_hit.rect["y"]
    screenshot(browser, "search-360-filter-open")


def test_search_page_filters_open_on_a_wide_screen(live_url, demo, browser):
    """At 1280 px the facets stand beside the results, visible without opening anything."""
    browser.set_window_size(1280, 900)
    browser.get(live_url + "/?q=Schweißen")
    town = browser.find_element(By.XPATH, "//details[@class='filters']//a[contains(., 'Zwönitz')]")
    assert rendered(browser, town)
    screenshot(browser, "search-1280-filter")
    assert town.rect["x"] < browser.find_element(By.CSS_SELECTOR, ".hit").rect["x"]


def test_an_active_filter_keeps_the_disclosure_open_on_a_phone(live_url, demo, browser):
    browser.set_window_size(WIDTH, 800)
    browser.get(live_url + "/?q=Schweißen&town=Zwönitz")
    assert browser.find_element(By.CSS_SELECTOR, "details.filters").get_attribute("open") is not None


@pytest.mark.parametrize("role", ["kuemmerer", "office"])
def test_wide_tables_scroll_in_a_focusable_box(live_url, demo, browser, role):
    """Every data table sits in a keyboard-scrollable region (role, name, tabindex) that scrolls
    by itself instead of widening the page."""
    browser.set_window_size(WIDTH, 800)
    log_in(browser, live_url, ROLES[role])
    pages = {"kuemmerer": ["/qualifikationen/risiken", "/firma/kuemmerer"],
             "office": ["/koordinierung/", "/koordinierung/bedarf"]}[role]
    for path in pages:
        browser.get(live_url + path)
        tables = browser.find_elements(By.CSS_SELECTOR, "main table")
        assert tables, path
        for table in tables:
            box = table.find_element(By.XPATH, "..")
            assert "table-scroll" in box.get_attribute("class"), (path, box.get_attribute("outerHTML")[:200])
            assert box.get_attribute("role") == "region" and box.get_attribute("aria-label"), path
            assert box.get_attribute("tabindex") == "0", path
            assert browser.execute_script("return getComputedStyle(arguments[0]).overflowX", box) == "auto", path
