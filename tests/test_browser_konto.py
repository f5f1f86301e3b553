""""Mein Konto" in headless Chromium: a Kümmerer with a colleague opens the page from the
navigation, gets the message at the field for a wrong current password, changes the password and
the notification frequency; the page fits a 360 px phone; axe finds nothing serious on the account page (also with an error
shown), the removal confirmation, the leaving page and a colleague's read-only view."""
from __future__ import annotations

import pytest

from test_browser import By, WebDriverWait, browser, live, live_url  # noqa: F401
from test_browser_accounts import axe_serious, fill, submit
from test_browser_workspace import go, no_horizontal_scroll

# The browser layer does not depend on the database back end; the same flows run on SQLite and
# PostgreSQL through the test client in the matching non-browser modules (suite time budget).
pytestmark = pytest.mark.one_database


def test_account_page_in_the_browser(live, live_url, browser):
    browser.get(live_url + "/konto/registrieren")
    fill(browser, company="Metallbau Arnold", postal_code="09456", email="chef@arnold.example",
         password="sicheres-passwort", password2="sicheres-passwort")
    submit(browser)
    accounts = live.app.extensions["accounts"]
    chef = accounts.user_by_email("chef@arnold.example")
    colleague = accounts.add_user(chef.company_id, "kollegin@arnold.example", "kollegin-pass-1")

    browser.find_element(By.LINK_TEXT, "Mein Konto").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Mein Konto")
    assert axe_serious(browser) == []

    fill(browser, current_password="falsch-falsch", new_password="ein-neues-passwort",
         new_password2="ein-neues-passwort")
    submit(browser, "form[action='/konto/passwort'] button")
    error = browser.find_element(By.ID, "current_password-fehler")
    assert error.text == "Das aktuelle Passwort stimmt nicht."
    assert browser.find_element(By.ID, "current_password").get_attribute("aria-describedby") == "current_password-fehler"
    assert axe_serious(browser) == []
    fill(browser, current_password="sicheres-passwort", new_password="ein-neues-passwort",
         new_password2="ein-neues-passwort")
    submit(browser, "form[action='/konto/passwort'] button")
    assert "Ihr neues Passwort ist gespeichert." in browser.find_element(By.CSS_SELECTOR, ".flash").text

    browser.find_element(By.CSS_SELECTOR, "input[name=frequency][value=woechentlich]").click()
    submit(browser, "form[action='/konto/benachrichtigungen'] button")
    assert "wöchentlich (montags)" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert accounts.user_by_id(chef.id).digest_weekly

    browser.set_window_size(360, 800)  # a phone: the page, its forms and the colleagues' table fit
    go(browser, live_url + "/konto")
    assert no_horizontal_scroll(browser)
    browser.set_window_size(1280, 900)

    for path, heading in ((f"/konto/kollegen/{colleague.id}/entfernen", "Zugang entfernen"),
                          ("/konto/austreten", "Meinen Zugang löschen")):
        go(browser, live_url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text == heading
        assert axe_serious(browser) == [], path

    browser.delete_all_cookies()
    go(browser, live_url + "/konto/anmelden")
    fill(browser, email="kollegin@arnold.example", password="kollegin-pass-1")
    submit(browser)
    go(browser, live_url + "/konto")
    assert "Ändern können die Firmendaten die Kümmerer Ihrer Firma" in browser.find_element(By.ID, "inhalt").text
    assert axe_serious(browser) == []
