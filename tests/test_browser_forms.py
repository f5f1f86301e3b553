"""Forms that say no, in a real browser (#15 part 5): the need form's messages at the fields and
the delete confirmation page pass axe; German spellings typed into the form are saved right."""
from __future__ import annotations

import pytest

from test_browser import By, browser, live, live_url  # noqa: F401
from test_browser_accounts import axe, fill, submit  # noqa: F401

# The browser layer does not depend on the database back end; the same flows run on SQLite and
# PostgreSQL through the test client in the matching non-browser modules (suite time budget).
pytestmark = pytest.mark.one_database


def test_need_form_errors_and_delete_confirmation(live, live_url, browser, axe):
    browser.get(live_url + "/konto/registrieren")
    fill(browser, company="Metallbau Arnold", postal_code="09456", email="chef@arnold.example",
         password="sicheres-passwort", password2="sicheres-passwort")
    submit(browser)
    browser.get(live_url + "/bedarfe/neu")
    fill(browser, topic="Schweißen", place="Anneberg", max_price="viel")
    submit(browser)
    price = browser.find_element(By.ID, "max_price")
    assert price.get_attribute("aria-invalid") == "true"
    assert price.get_attribute("value") == "viel"  # what was typed stays
    message = browser.find_element(By.ID, price.get_attribute("aria-describedby")).text
    assert "1.000 oder 1.450,50" in message
    place = browser.find_element(By.ID, "place")
    assert "Annaberg-Buchholz" in browser.find_element(By.ID, place.get_attribute("aria-describedby")).text
    axe.check(browser, "need form with errors")
    fill(browser, place="Annaberg-Buchholz", max_price="1.000")
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Bedarf: Schweißen"
    [need] = live.app.extensions["needs"].of_company(
        live.app.extensions["accounts"].user_by_email("chef@arnold.example").company_id)
    assert need.max_price == 1000
    browser.get(f"{live_url}/bedarfe/{need.id}/loeschen")
    assert "Wollen Sie den Bedarf „Schweißen“ wirklich löschen?" in browser.page_source
    axe.check(browser, "delete confirmation")
    submit(browser, "main form button[type=submit]")
    assert "ist gelöscht" in browser.page_source
    company = live.app.extensions["accounts"].user_by_email("chef@arnold.example").company_id
    assert live.app.extensions["needs"].get(company, need.id) is None
    axe.finish()
