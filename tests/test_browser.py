"""The search page in real headless Chromium (Debian's chromium + chromium-driver via Selenium)."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading

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
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture
def live_url(index_store, tmp_path):
    from waitress.server import create_server

    app = create_app({"INDEX_DIR": str(index_store.root), "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}"})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


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
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_search_and_facet_in_browser(live_url, browser):
    browser.get(live_url + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Schweißen")
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    heading = browser.find_element(By.ID, "result-heading").text
    assert heading == "3 Angebote gefunden"
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit h2")]
    assert "MAG-Schweißen Grundlehrgang" in titles and "WIG-Schweissen für Fortgeschrittene" in titles
    browser.find_element(By.PARTIAL_LINK_TEXT, "Zwönitz").click()
    assert browser.find_element(By.ID, "result-heading").text == "1 Angebot gefunden"
    assert "q=Schwei" in browser.current_url and "town=Zw" in browser.current_url
    # Hostile scraped text stays text: no alert, the script tag is visible as text.
    browser.get(live_url + "/?q=Edelstahl")
    assert browser.find_element(By.CSS_SELECTOR, ".hit mark").text == "Edelstahl"
    assert not browser.find_elements(By.CSS_SELECTOR, ".hit script")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text


def test_phone_width_has_no_horizontal_scroll(live_url, browser):
    browser.set_window_size(360, 740)
    browser.get(live_url + "/?q=Schweißen")
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
    client_width = browser.execute_script("return document.documentElement.clientWidth")
    assert scroll_width <= client_width
    path = os.environ.get("WBP_SCREENSHOT_DIR")
    if path:
        browser.save_screenshot(os.path.join(path, "search-360.png"))
