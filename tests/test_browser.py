"""The search page in real headless Chromium (Debian's chromium + chromium-driver via Selenium)."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from webui import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("WBP_REQUIRE_BROWSER") == "1":
        raise RuntimeError("chromium and chromedriver are required (WBP_REQUIRE_BROWSER=1)")
    pytest.skip("Debian's chromium/chromium-driver not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture
def live(index_store, migrated_url):
    """The web UI under waitress on a free port: .url, and .app for tests that seed data."""
    from types import SimpleNamespace

    from waitress.server import create_server

    app = create_app({"INDEX_DIR": str(index_store.root), "DATABASE_URL": migrated_url})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}", app=app)
    server.close()


@pytest.fixture
def live_url(live):
    return live.url


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="wbp-chromium-")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_search_and_facet_in_browser(live_url, browser):
    browser.get(live_url + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Schweißen")
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    assert wait_heading(browser, "2 Angebote") == "2 Angebote gefunden (3 Termine)"
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit h2")]
    assert "MAG-Schweißen Grundlehrgang" in titles and "WIG-Schweissen für Fortgeschrittene" in titles
    # The facets sit in the "Filter" <details>, shown open on a wide screen by CSS (::details-content);
    # Selenium's visibility rule calls anything in a closed <details> hidden, so click like a mouse.
    town = browser.find_element(By.XPATH, "//details[@class='filters']//a[contains(., 'Zwönitz')]")
    assert browser.execute_script("return arguments[0].checkVisibility()", town)
    ActionChains(browser).move_to_element(town).click().perform()
    assert wait_heading(browser, "1 Angebot") == "1 Angebot gefunden"
    assert "q=Schwei" in browser.current_url and "town=Zw" in browser.current_url
    # Hostile scraped text stays text: no alert, the script tag is visible as text.
    browser.get(live_url + "/?q=Edelstahl")
    assert browser.find_element(By.CSS_SELECTOR, ".hit mark").text == "Edelstahl"
    assert not browser.find_elements(By.CSS_SELECTOR, ".hit script")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text


def wait_heading(browser, start: str) -> str:
    """The result heading once the new page shows it (clicks navigate asynchronously)."""
    def ready(b):
        try:
            text = b.find_element(By.ID, "result-heading").text
        except StaleElementReferenceException:
            return False
        return text if text.startswith(start) else False
    return WebDriverWait(browser, 10).until(ready)


ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("WBP_SCREENSHOT_DIR") or ROOT / "test-artifacts")


def screenshot(browser, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("width", [1280, 390, 360])
def test_no_horizontal_scroll_and_screenshots(live_url, browser, width):
    browser.set_window_size(width, 900)
    for name, path in (("search", "/?q=Schweißen"), ("detail", "/angebot/a-1")):
        browser.get(live_url + path)
        scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
        client_width = browser.execute_script("return document.documentElement.clientWidth")
        assert scroll_width <= client_width, (name, width)
        if width != 360:
            screenshot(browser, f"{name}-{width}")


def test_radius_search_and_detail_page(live_url, browser):
    browser.get(live_url + "/")
    browser.find_element(By.CSS_SELECTOR, "details.more-filters summary").click()
    browser.find_element(By.ID, "near").send_keys("Zwönitz")
    Select(browser.find_element(By.ID, "radius")).select_by_value("10")
    browser.find_element(By.CSS_SELECTOR, "details.more-filters button").click()
    assert "10 km um Zwönitz" in wait_heading(browser, "2 Angebote gefunden")
    browser.find_element(By.LINK_TEXT, "Entfernung").click()
    WebDriverWait(browser, 10).until(lambda b: "sort=distance" in b.current_url)
    browser.find_element(By.LINK_TEXT, "Gabelstaplerfahrer-Ausbildung").click()
    WebDriverWait(browser, 10).until(lambda b: "/angebot/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Gabelstaplerfahrer-Ausbildung"
    assert browser.find_element(By.LINK_TEXT, "Zum Angebot beim Anbieter").get_attribute("href").startswith("http")
    data = browser.execute_script(
        "return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "Course"


def test_suggestions_fill_the_list_while_typing(live_url, browser):
    browser.get(live_url + "/")
    browser.find_element(By.ID, "q").send_keys("Gabel")
    WebDriverWait(browser, 5).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#vorschlaege option"))
    options = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#vorschlaege option")]
    assert options == ["Gabelstaplerfahrer-Ausbildung"]


@pytest.mark.parametrize("path", ["/", "/?q=Schweißen&town=Zwönitz", "/?q=Unterwasserkorbflechten",
                                  "/angebot/a-1", "/anbieter/ErzWerk Bildungszentrum GmbH", "/foerderung"])
def test_accessibility_with_axe(live_url, browser, path):
    if not AXE.exists():
        if os.environ.get("WBP_REQUIRE_BROWSER") == "1":
            raise RuntimeError(f"axe-core missing at {AXE}: run `make test` with npm installed")
        pytest.skip("axe-core not installed (needs npm)")
    browser.get(live_url + path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))))")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_hostile_content_stays_inert_in_the_browser(live_url, browser, index_store, offer_records):
    from wbportal.catalogue import content_hash
    record = dict(offer_records[0], id="hostile", course_key="hostile", url="javascript:alert(4)",
                  title='<img src=x onerror="alert(1)">Kurs', provider='"><svg onload=alert(2)>GmbH',
                  description="<script>alert(3)</script>" + "Langeswort" * 5000)
    index_store.apply([(record, content_hash(record))])
    browser.set_window_size(390, 900)
    for path in ("/?q=Kurs", "/angebot/hostile"):
        browser.get(live_url + path)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
        assert not browser.find_elements(By.CSS_SELECTOR, "main img, main svg")
        assert '<img src=x onerror="alert(1)">Kurs' in browser.find_element(By.TAG_NAME, "main").text, path  # as text
        width = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (path, width)  # a 50,000-letter word does not break the layout
    link = browser.find_element(By.LINK_TEXT, "Zum Angebot beim Anbieter").get_attribute("href")
    assert not link.startswith("javascript:")
