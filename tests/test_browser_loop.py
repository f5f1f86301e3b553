"""The whole loop of #14 in headless Chromium, on a real crawl of the demo source `sta`, a real
SMTP server and the real `wbportal publish` the pages start in the background:

office creates a call from a joint-course group -> the provider answers through the mailed link
-> the office compares and accepts -> two firms confirm seats -> the office confirms -> the course
is searchable as a Verbundkurs with free seats. Then the provider (account linked to `sta`)
corrects a crawled title and enters an offer by hand: both are searchable after the index update,
and a re-crawl of `sta` keeps the correction. axe finds no serious or critical violation on any
new page; screenshots of the answer comparison and of the anonymised demand page go to
test-artifacts/."""
from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import select

from test_browser import By, WebDriverWait, browser, screenshot  # noqa: F401
from test_browser_accounts import AxeCheck, fill
from test_mail import body, smtp  # noqa: F401

pytestmark = pytest.mark.one_database  # the loop's database work is tested on both back ends by the client tests

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ("buero@verbund.example", "buero-passwort-1")
PASSWORD = "demo-passwort-1"
PROVIDER = "kurse@sta-erzgebirge.example"       # demo/providers.yaml: linked to the source sta
LABOUR = "weiterbildung@aa-annaberg.example"
FIRMS = {"Metallbau Arnold GmbH": "chef@metallbau-arnold.example", "Schlosserei Beyer": "info@schlosserei-beyer.example",
         "Stahlbau Erzgebirge KG": "personal@stahlbau-erz.example"}


@pytest.fixture
def world(tmp_path, cli, demo_url, migrated_url, smtp):  # noqa: F811
    from waitress.server import create_server

    from webui import create_app
    from wbportal.demo import seed_demo
    from wbportal.mail import Mailer
    from wbportal.providers.demo import seed_demo_providers

    data = tmp_path / "data"
    env = {"WBPORTAL_DATABASE_URL": migrated_url}
    cli("crawl", "sta", "--sources", ROOT / "sources.yaml", "--data-dir", data, env=env, demo_url=demo_url)
    app = create_app({"INDEX_DIR": str(data / "index"), "DATABASE_URL": migrated_url,
                      "SOURCES_FILE": str(ROOT / "sources.yaml")})
    inbox, port = smtp
    app.extensions["mailer"] = Mailer("127.0.0.1", port, "portal@verbund.example")
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}"
    app.config["BASE_URL"] = url
    seed_demo(app.extensions["accounts"], app.extensions["needs"])
    seed_demo_providers(app.extensions["db"], app.extensions["accounts"])

    class World:
        def recrawl(self):
            cli("crawl", "sta", "--sources", ROOT / "sources.yaml", "--data-dir", data, env=env, demo_url=demo_url)

        def wait_for_publish(self):
            """The pages start `wbportal publish` in the background; the test waits for it to end."""
            jobs = app.extensions.get("background_jobs", [])
            assert jobs, "no background publish was started"
            for proc in jobs:
                assert proc.wait(timeout=120) == 0, proc.args
            jobs.clear()

    w = World()
    w.app, w.url, w.inbox = app, url, inbox
    yield w
    server.close()
    app.extensions["db"].dispose()


def log_in(browser, world, email: str, password: str = PASSWORD) -> None:
    browser.delete_all_cookies()
    browser.get(world.url + "/konto/anmelden")
    fill(browser, email=email, password=password)
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "form[action$='/konto/abmelden']"))


def click(browser, text: str) -> None:
    """Clicks the button or link with this text and waits for the next page."""
    old = browser.find_element(By.TAG_NAME, "html")
    element = browser.find_element(By.XPATH, f"//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']")
    element.click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "html") != old)


def set_value(browser, name: str, value: str) -> None:
    """A date input takes the ISO value whatever the browser's locale shows."""
    browser.execute_script("document.getElementsByName(arguments[0])[0].value = arguments[1]", name, value)


def text(browser) -> str:
    return browser.find_element(By.TAG_NAME, "body").text


def test_the_whole_loop_in_the_browser(world, browser):
    axe = AxeCheck()
    db = world.app.extensions["db"]
    # -- the office: a call for offers from the welding group, sent to the provider account --------
    log_in(browser, world, *OFFICE)
    browser.get(world.url + "/koordinierung/bedarf")
    link = browser.find_element(By.XPATH, "//li[contains(., 'Schweißtechnik')]//a[normalize-space()="
                                          "'Angebotsanfrage für diese Gruppe erstellen']")
    old = browser.find_element(By.TAG_NAME, "html")
    link.click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "html") != old)
    axe.check(browser, "call form")
    assert browser.find_element(By.NAME, "category").get_attribute("value") == "schweissen"
    click(browser, "Als Entwurf speichern")
    call_id = int(re.search(r"/koordinierung/anfragen/(\d+)", browser.current_url)[1])
    from wbportal.db.tables import call_needs, companies
    with db.engine.connect() as conn:
        firms = [r.name for r in conn.execute(select(companies.c.name).join(
            call_needs, call_needs.c.company_id == companies.c.id).where(call_needs.c.call_id == call_id))]
    assert len(firms) >= 2, firms
    org = world.app.extensions["accounts"].user_by_email(PROVIDER).company_id
    browser.find_element(By.CSS_SELECTOR, f"input[name=anbieter][value='org:{org}']").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=anbieter][value='source:wak']").click()  # contact: in sources.yaml
    click(browser, "Anfrage verschicken")
    assert "versandt" in text(browser)
    axe.check(browser, "call page (sent)")
    [mail] = [m for m in world.inbox.messages if m["To"] == PROVIDER]
    answer_link = re.search(re.escape(world.url) + r"/antwort/\S+", body(mail))[0]
    assert not any(firm in body(mail) for firm in firms), "firm names in the call mail"

    # -- the provider answers through the mailed link, without logging in -------------------------
    browser.delete_all_cookies()
    browser.get(answer_link)
    axe.check(browser, "answer page")
    start = date.today() + timedelta(days=40)
    fill(browser, start1=start.strftime("%d.%m.%Y"), end1=(start + timedelta(days=2)).strftime("%d.%m.%Y"),
         times1="8:00–15:30 Uhr", sessions1="3", town="Annaberg-Buchholz", street="Buchholzer Straße 2",
         price="950", min_heads="5", max_heads="12", notes="Material und Prüfung inklusive.")
    click(browser, "Angebot senden")
    assert "Vielen Dank, Ihr Angebot ist gespeichert" in text(browser), text(browser)[:500]

    # -- a second provider (a source with a contact address, no account) answers dearer and later ----
    [mail] = [m for m in world.inbox.messages if m["To"] == "seminare@wak.example"]
    browser.delete_all_cookies()
    browser.get(re.search(re.escape(world.url) + r"/antwort/\S+", body(mail))[0])
    later = start + timedelta(days=28)
    fill(browser, start1=later.strftime("%d.%m.%Y"), end1=(later + timedelta(days=4)).strftime("%d.%m.%Y"),
         times1="Mo–Fr 7:30–14:00 Uhr", sessions1="5", town="Aue-Bad Schlema", street="Lehrwerkstatt",
         price="1.180,50", min_heads="6", max_heads="10")
    click(browser, "Angebot senden")
    assert "Vielen Dank, Ihr Angebot ist gespeichert" in text(browser), text(browser)[:500]

    # -- the office compares and accepts -------------------------------------------------------------
    log_in(browser, world, *OFFICE)
    browser.get(f"{world.url}/koordinierung/anfragen/{call_id}")
    page = text(browser)
    assert "950 €" in page and "1.180,50 €" in page and "Sicherheits- und Technikakademie" in page
    browser.set_window_size(1280, 1300)
    browser.execute_script("[...document.querySelectorAll('h2')].find(h => h.textContent.includes('Antworten im "
                           "Vergleich')).scrollIntoView()")
    screenshot(browser, "loop-answer-comparison")
    browser.set_window_size(1280, 900)
    axe.check(browser, "answer comparison")
    browser.find_element(By.CSS_SELECTOR, "input[name=wahl]").click()
    click(browser, "Gewähltes Angebot mit diesem Termin annehmen")

    # -- two firms confirm seats -----------------------------------------------------------------------
    seats = {firms[0]: 3, firms[1]: 2}
    for firm, people in seats.items():
        log_in(browser, world, FIRMS[firm])
        browser.get(f"{world.url}/verbundkurse/{call_id}")
        axe.check(browser, f"seats page of {firm}")
        fill(browser, seats=str(people))
        click(browser, "Plätze zusagen")
        assert "zugesagt" in text(browser).lower(), text(browser)[:500]

    # -- the office confirms: the course becomes a searchable Verbundkurs with free seats ------------
    log_in(browser, world, *OFFICE)
    browser.get(f"{world.url}/koordinierung/anfragen/{call_id}")
    click(browser, "Kurs bestätigen (als Verbundkurs veröffentlichen)")
    world.wait_for_publish()
    browser.get(world.url + "/?q=" + quote("Schweißen"))
    cards = browser.find_elements(By.CSS_SELECTOR, "article")
    verbund = [c for c in cards if "Verbundkurs" in c.text]
    assert verbund, text(browser)[:1500]
    assert f"{12 - sum(seats.values())} freie Plätze" in verbund[0].text, verbund[0].text

    # -- the provider corrects a crawled title and enters an offer by hand ---------------------------
    log_in(browser, world, PROVIDER)
    browser.get(world.url + "/anbieter/")
    axe.check(browser, "provider area")
    first = browser.find_element(By.CSS_SELECTOR, "table th a")
    offer_id = first.get_attribute("href").rstrip("/").split("/")[-1]
    first.click()
    axe.check(browser, "provider offer page")
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/anbieter/angebot/{offer_id}/korrektur/title']").click()
    axe.check(browser, "correction form")
    corrected = "Staplerfahrerausweis kompakt (vom Anbieter korrigiert)"
    fill(browser, title=corrected)
    click(browser, "Korrektur speichern")
    world.wait_for_publish()
    browser.get(world.url + "/anbieter/eigene/neu")
    axe.check(browser, "hand-entered offer form")
    manual = "Höhensicherung für Dachdecker Grundkurs"
    fill(browser, title=manual, description="Persönliche Schutzausrüstung gegen Absturz: Theorie und Praxis.",
         times="Sa 8:00–16:00 Uhr", price="189,00 €", duration_hours="8", town="Annaberg-Buchholz",
         street="Buchholzer Straße 2", postal_code="09456")
    set_value(browser, "start", (date.today() + timedelta(days=60)).isoformat())
    browser.find_element(By.CSS_SELECTOR, "select[name=category] option[value=arbeitssicherheit]").click()
    click(browser, "Speichern")
    world.wait_for_publish()
    for words, title in (("Staplerfahrerausweis kompakt", corrected), ("Höhensicherung Dachdecker", manual)):
        browser.get(world.url + "/?q=" + quote(words))
        assert title in text(browser), (words, text(browser)[:1500])

    # -- a re-crawl of the provider's page keeps the correction --------------------------------------
    world.recrawl()
    browser.get(f"{world.url}/angebot/{offer_id}")
    assert browser.find_element(By.TAG_NAME, "h1").text == corrected

    # -- a labour-market actor sees the anonymised demand ------------------------------------------
    log_in(browser, world, LABOUR)
    browser.get(world.url + "/nachfrage")
    page = text(browser)
    assert "Regionale Nachfrage" in page and not any(firm in page for firm in FIRMS)
    screenshot(browser, "loop-anonymised-demand")
    axe.check(browser, "anonymised demand")
    axe.finish()
