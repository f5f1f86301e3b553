"""Companies and the coordination office in headless Chromium: register, save a search as a
need, see explained matches, receive the digest mail from a local SMTP server, and the office's
sources and demand pages; screenshots go to test-artifacts/ with axe checks on the new pages."""
from __future__ import annotations

import os
import re

import pytest

from test_browser import AXE, By, WebDriverWait, browser, live, live_url, screenshot  # noqa: F401
from test_mail import Inbox, body, smtp  # noqa: F401
from wbportal.mail import Mailer
from wbportal.needs import Need

# The browser layer does not depend on the database back end; the same flows run on SQLite and
# PostgreSQL through the test client in the matching non-browser modules (suite time budget).
pytestmark = pytest.mark.one_database


def fill(browser, **fields):
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def submit(browser, css="form.form button[type=submit]"):
    old = browser.find_element(By.TAG_NAME, "h1")
    browser.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.TAG_NAME, "h1") != old)


def _axe_missing() -> bool:
    """True if axe-core is not installed (no npm); with WBP_REQUIRE_BROWSER=1 that is an error."""
    if AXE.exists():
        return False
    if os.environ.get("WBP_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"axe-core missing at {AXE}: run `make test` with npm installed")
    return True


def axe_serious(browser) -> list:
    """Serious and critical WCAG violations (ids) on the current page. Without axe-core the test is
    skipped (failed with WBP_REQUIRE_BROWSER=1), as in test_browser.test_accessibility_with_axe:
    never an empty list for a page nobody checked."""
    if _axe_missing():
        pytest.skip("axe-core not installed (needs npm)")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)))")


class AxeCheck:
    """axe_serious() for a test that has more to check after a page: without axe-core (no npm) the
    page is not checked, the test goes on with its other checks and then ends as skipped
    (`finish`), never as a silent pass; with WBP_REQUIRE_BROWSER=1 it fails at once."""

    def __init__(self):
        self.unchecked: list[str] = []

    def check(self, browser, page: str) -> None:
        if _axe_missing():
            self.unchecked.append(page)
            return
        serious = axe_serious(browser)
        assert serious == [], (page, serious)

    def finish(self) -> None:
        if self.unchecked:
            pytest.skip(f"axe-core not installed (needs npm): {', '.join(self.unchecked)} not checked")


@pytest.fixture
def axe():
    return AxeCheck()


def test_company_registers_saves_a_search_and_gets_the_digest(live, live_url, browser, smtp, axe):
    inbox, port = smtp
    browser.get(live_url + "/konto/registrieren")
    fill(browser, company="Metallbau Arnold", postal_code="09456", email="chef@arnold.example",
         password="sicheres-passwort", password2="sicheres-passwort")
    submit(browser)
    assert "Firmenkonto ist angelegt" in browser.page_source
    browser.get(live_url + "/?q=Schweißen&near=Annaberg-Buchholz&radius=50")
    browser.find_element(By.LINK_TEXT, "Diese Suche als Bedarf speichern").click()
    assert browser.find_element(By.ID, "topic").get_attribute("value") == "Schweißen"
    fill(browser, employees="3", max_price="1500")
    submit(browser)
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == "Bedarf: Schweißen"
    why = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".why")]
    assert any(w.startswith("passt: Thema, 0 km entfernt") for w in why)
    screenshot(browser, "need-matches-1280")
    axe.check(browser, "need matches")
    browser.set_window_size(390, 900)
    screenshot(browser, "need-matches-390")
    # the nightly digest, read from the local SMTP server
    from wbportal.needs.digest import send_digests
    app = live.app
    send_digests(app.extensions["accounts"], app.extensions["needs"], app.extensions["searcher"], Mailer("127.0.0.1", port),
                 base_url=live_url, secret=app.config["SECRET_KEY"])
    text = body(inbox.messages[0])
    assert "MAG-Schweißen Grundlehrgang" in text
    link = re.search(r"(http://127\.0\.0\.1:\d+/angebot/\S+)", text)[1]
    browser.get(link)
    assert browser.find_element(By.TAG_NAME, "h1").text
    axe.finish()


def test_office_sources_and_demand_pages(live, live_url, browser, axe):
    app = live.app
    accounts = app.extensions["accounts"]
    accounts.add_admin("buero@verbund.example", "buero-passwort-1")
    for email, company, place, topic, category in (
            ("a@a.example", "Metallbau Arnold", "Annaberg-Buchholz", "Schweißen", "schweissen"),
            ("b@b.example", "Schlosserei Beyer", "Schwarzenberg/Erzgeb.", "Schweißen", "schweissen"),
            ("c@c.example", "Pflegedienst Curt", "Marienberg", "Palliativpflege", "pflege")):
        user = accounts.register(company=company, postal_code="09456", size="1-9", sector="", contact="",
                                 email=email, password="sicheres-passwort")
        app.extensions["needs"].save(user.company_id, Need(topic=topic, category=category, employees=3, place=place,
                                                           radius_km=50))
    browser.get(live_url + "/konto/anmelden")
    fill(browser, email="buero@verbund.example", password="buero-passwort-1")
    submit(browser)
    browser.get(live_url + "/koordinierung/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Quellen und letzte Abrufe"
    screenshot(browser, "office-sources-1280")
    axe.check(browser, "office sources")
    browser.find_element(By.LINK_TEXT, "Zum Weiterbildungsbedarf der Firmen").click()
    WebDriverWait(browser, 10).until(lambda b: "/koordinierung/bedarf" in b.current_url)
    groups = browser.find_element(By.CSS_SELECTOR, "ul.groups").text
    assert "2 Firmen, 6 Personen" in groups
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    screenshot(browser, "office-demand-1280")
    axe.check(browser, "office demand")
    axe.finish()
