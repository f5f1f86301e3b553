#!/usr/bin/env python3
"""Generator of the demo site `khs` (Kreishandwerkerschaft Erzgebirge).

The association of the district's craft guilds announces its seminars in its website's feeds:

    /khs/feed.xml                       RSS 2.0: seminars on site (and one news item)
    /khs/atom.xml                       Atom 1.0: online seminars and longer courses (and one news
                                        entry); two entries are also in the RSS feed (same id)
    /khs/veranstaltungen/<slug>.html    one page per event (the item link; not crawled)
    /khs/aktuelles/<slug>.html          news pages
    /khs/index.html                     start page linking both feeds

Every item/entry is one run. The facts are lines inside the HTML description, escaped as the
feeds require: "Termin: 12.03.2027, 8:00–15:30 Uhr", "Ort: ...", "Gebühr: 95,00 €", "Dauer: 8 UE",
"Abschluss: ...", "Förderung: ..." and, for online and blended runs, "Form: ...". The labels vary
(Datum/Wann, Veranstaltungsort, Kosten/Teilnahmegebühr/Lehrgangsgebühr, Umfang), umlauts are
sometimes named entities inside the escaped HTML, titles use numeric references (&#8211;), and
the Atom feed mixes content type="html" and type="xhtml", puts an enclosure link before the
alternate link in some entries and has a plain-text <summary> before <content>. News items carry
the category "Aktuelles" instead of "Veranstaltungen".

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/khs.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

SITE = "khs"
PROVIDER = "Kreishandwerkerschaft Erzgebirge"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 11), date(2027, 12, 10)
TAG = "tag:khs-erzgebirge.de,2026:veranstaltung-"
ATOM = "http://www.w3.org/2005/Atom"

WD = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WD_LONG = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, town as written, canonical town.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "ab": ("Schulungszentrum der Kreishandwerkerschaft", "Wolkensteiner Straße 21", "09456", "Annaberg-Buchholz",
           "Annaberg-Buchholz"),
    "aue": ("Innungshaus Aue", "Wettinerstraße 8", "08280", "Aue", "Aue-Bad Schlema"),
    "sto": ("Bildungsstätte der Bauinnung", "Hohensteiner Straße 21", "09366", "Stollberg", "Stollberg/Erzgeb."),
    "mb": ("Handwerkerhaus Marienberg", "Gebirgsstraße 3", "09496", "Marienberg", "Marienberg"),
    "sbg": ("Feuerwehrtechnisches Zentrum Schwarzenberg", "An der Feuerwache 2", "08340", "Schwarzenberg/Erzgeb.",
            "Schwarzenberg/Erzgeb."),
}


# ---------------------------------------------------------------------------------------------
# Wording helpers: each returns the text and the value a careful reader takes from it.
# ---------------------------------------------------------------------------------------------
def ger(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def DAY(a: date, times: str = "8:00–15:30 Uhr", style: str = "plain") -> dict:
    text = {"plain": f"{ger(a)}, {times}", "wd": f"{WD[a.weekday()]}, {ger(a)}, {times}",
            "long": f"{WD_LONG[a.weekday()]}, {a.day}. {MONTHS[a.month - 1]} {a.year}, {times}",
            "beginn": f"{ger(a)} (Beginn {times})"}[style]
    return {"text": text, "start": a, "end": a}


def SPAN(a: date, b: date, style: str = "full", post: str = "") -> dict:
    if style == "full":
        text = f"{ger(a)} – {ger(b)}"
    elif style == "dots":
        text = f"{a:%d.%m.}–{ger(b)}"
    elif style == "und":
        text = f"{a:%d.%m.} und {ger(b)}"
    elif style == "bis":
        text = f"{a.day}. bis {b.day}. {MONTHS[b.month - 1]} {b.year}"
    else:
        raise ValueError(style)
    return {"text": text + post, "start": a, "end": b}


ANFRAGE = {"text": "auf Anfrage", "start": None, "end": None}


def EUR(amount: float, style: str, post: str = "") -> tuple[str, float]:
    whole = int(amount)
    cents = f"{round((amount - whole) * 100):02d}"
    grouped = f"{whole:,}".replace(",", ".")
    text = {"eur2": f"{grouped},{cents} €", "EUR": f"{whole} EUR", "dash": f"{grouped},- €",
            "prefix": f"€ {grouped},-", "eur0": f"{grouped} €"}[style]
    return text + post, float(amount)


FREE_BG = ("kostenfrei (Abrechnung über die Berufsgenossenschaft)", 0.0)
FREE = ("kostenfrei", 0.0)
ON_REQUEST = ("auf Anfrage", None)

C_TN = ("Teilnahmebescheinigung", "attendance")
C_EH = ("Teilnahmebescheinigung zur Vorlage bei der Berufsgenossenschaft (DGUV Grundsatz 304-001)", "dguv")
C_BSH = ("Teilnahmebescheinigung nach DGUV Information 205-023", "dguv")
C_HWK = ("Prüfung vor der Handwerkskammer Chemnitz", "hwk_exam")
C_ZERT = ("Zertifikat der Kreishandwerkerschaft", "provider_certificate")
F_SCHECK = ("Weiterbildungsscheck Sachsen möglich", ["weiterbildungsscheck"])
F_BG = ("mit Bildungsgutschein möglich (AZAV-zertifiziert)", ["bildungsgutschein"])


def ONSITE(key: str) -> dict:
    name, street, plz, written, town = VENUES[key]
    return {"text": f"{name}, {street}, {plz} {written}", "fmt": "onsite", "form": None,
            "location": {"name": name, "street": street, "postal_code": plz, "town": town}}


def ONLINE(text: str = "Online-Seminar (Zoom)", form: str | None = None) -> dict:
    return {"text": text, "fmt": "online", "form": form, "location": None}


def BLENDED(key: str, form: str = "Präsenz und online (Blended Learning)") -> dict:
    place = ONSITE(key)
    return place | {"fmt": "blended", "form": form}


INHOUSE = {"text": "in Ihrem Betrieb", "fmt": "onsite", "form": None, "location": None}


def R(nr: int, when: dict, where: dict, price: tuple[str, float | None], feed: str = "rss", **kw) -> dict:
    """One event (item). nr: the CMS's event id; feed: rss, atom or both."""
    return {"nr": nr, "when": when, "where": where, "price": price, "feed": feed, **kw}


# ---------------------------------------------------------------------------------------------
# Courses: each run is one feed item. cats: the feed categories besides "Veranstaltungen".
# ---------------------------------------------------------------------------------------------
COURSES = [
    {
        "key": "erste-hilfe-grund", "slug": "erste-hilfe-grundkurs", "cat": "erste_hilfe", "cats": ["Erste Hilfe"],
        "title": "Erste Hilfe Grundkurs für Betriebe",
        "desc": ["Betriebliche Ersthelferinnen und Ersthelfer lernen, in Notfällen richtig zu handeln: "
                 "Notruf, stabile Seitenlage, Herz-Lungen-Wiederbelebung mit Defibrillator und die Versorgung "
                 "von Wunden und Verbrennungen aus dem Werkstattalltag."],
        "dauer": ("9 UE", 6.75), "cert": C_EH, "funding": None,
        "runs": [
            R(4101, DAY(d(2027, 1, 23), "8:00–15:30 Uhr", "wd"), ONSITE("ab"), FREE_BG),
            R(4102, DAY(d(2027, 3, 12)), ONSITE("aue"), FREE_BG),
            R(4103, DAY(d(2027, 5, 15), "8:00–15:30 Uhr", "wd"), ONSITE("sto"), EUR(65, "eur2", " (Innungsmitglieder 55,00 €)")),
            R(4104, DAY(d(2027, 9, 11), "8:00–15:30 Uhr", "long"), ONSITE("mb"), FREE_BG),
            R(4105, DAY(d(2027, 11, 20)), ONSITE("ab"), EUR(65, "EUR")),
        ],
    },
    {
        "key": "erste-hilfe-fortbildung", "slug": "erste-hilfe-fortbildung", "cat": "erste_hilfe",
        "cats": ["Erste Hilfe"], "title": "Erste Hilfe Fortbildung für betriebliche Ersthelfer",
        "desc": ["Ersthelfer müssen ihr Wissen alle zwei Jahre auffrischen. Die Fortbildung wiederholt die "
                 "Wiederbelebung und übt typische Notfälle aus Handwerksbetrieben: Schnittverletzungen, Stürze "
                 "von der Leiter, Stromunfälle."],
        "dauer": ("9 UE", 6.75), "cert": C_EH, "funding": None,
        "runs": [
            R(4111, DAY(d(2027, 2, 6), "8:00–15:30 Uhr", "wd"), ONSITE("aue"), FREE_BG),
            R(4112, DAY(d(2027, 6, 19), "8:00–15:30 Uhr", "wd"), ONSITE("sbg"), FREE_BG),
            R(4113, DAY(d(2027, 10, 16), "8:00–15:30 Uhr", "wd"), ONSITE("ab"), EUR(65, "eur2")),
        ],
    },
    {
        "key": "brandschutzhelfer", "slug": "brandschutzhelfer", "cat": "arbeitssicherheit", "cats": ["Arbeitsschutz"],
        "title": "Brandschutzhelfer &#8211; Ausbildung nach ASR A2.2", "plain_title":
            "Brandschutzhelfer – Ausbildung nach ASR A2.2",
        "desc": ["Jeder Betrieb braucht ausgebildete Brandschutzhelfer. Theorie zu Brandentstehung, "
                 "Löschmitteln und Evakuierung, danach praktische Löschübungen mit Feuerlöschern am "
                 "Übungsgelände der Feuerwehr."],
        "dauer": ("4 Std.", 4.0), "cert": C_BSH, "funding": None,
        "runs": [
            R(4121, DAY(d(2027, 3, 3), "8:00–12:00 Uhr"), ONSITE("sbg"), EUR(95, "eur2")),
            R(4122, DAY(d(2027, 6, 9), "13:00–17:00 Uhr"), ONSITE("sbg"), EUR(95, "EUR")),
            R(4123, DAY(d(2027, 10, 6), "8:00–12:00 Uhr", "beginn"), ONSITE("sto"), EUR(95, "eur2")),
        ],
    },
    {
        "key": "brandschutzhelfer-inhouse", "slug": "brandschutzhelfer-inhouse", "cat": "arbeitssicherheit",
        "cats": ["Arbeitsschutz"], "title": "Brandschutzhelfer-Ausbildung als Inhouse-Schulung",
        "desc": ["Ab sechs Teilnehmenden kommen wir mit Übungsfeuerlöschern und Löschtrainer zu Ihnen. Termin "
                 "und Ablauf stimmen wir mit Ihnen ab."],
        "dauer": ("4 Std.", 4.0), "cert": C_BSH, "funding": None,
        "runs": [R(4129, ANFRAGE, INHOUSE, ON_REQUEST)],
    },
    {
        "key": "unternehmermodell", "slug": "arbeitsschutz-unternehmermodell", "cat": "arbeitssicherheit",
        "cats": ["Arbeitsschutz"],
        "title": "Arbeitsschutz im Handwerksbetrieb – Unternehmermodell (Grundschulung)",
        "desc": ["Im Unternehmermodell der Berufsgenossenschaften betreuen Inhaberinnen und Inhaber kleiner "
                 "Betriebe den Arbeitsschutz selbst. Die Grundschulung vermittelt Pflichten, "
                 "Gefährdungsbeurteilung, Unterweisung und Organisation."],
        "dauer": ("2 Tage (16 UE)", 12.0), "cert": C_TN, "funding": None,
        "runs": [
            R(4131, SPAN(d(2027, 4, 15), d(2027, 4, 16), "und", ", jeweils 8:00–15:30 Uhr"), ONSITE("ab"),
              EUR(180, "eur0", " zzgl. MwSt.")),
            R(4132, SPAN(d(2027, 11, 11), d(2027, 11, 12), "und", ", jeweils 8:00–15:30 Uhr"), ONSITE("aue"),
              EUR(180, "eur0", " zzgl. MwSt.")),
        ],
    },
    {
        "key": "gefaehrdungsbeurteilung", "slug": "gefaehrdungsbeurteilung", "cat": "arbeitssicherheit",
        "cats": ["Arbeitsschutz"], "title": "Gefährdungsbeurteilung erstellen – Praxisworkshop",
        "desc": ["Sie erstellen die Gefährdungsbeurteilung für Ihren Betrieb mit Vorlagen der "
                 "Berufsgenossenschaft: Tätigkeiten erfassen, Gefährdungen bewerten, Maßnahmen festlegen und "
                 "dokumentieren."],
        "dauer": ("4 UE", 3.0), "cert": C_TN, "funding": None,
        "runs": [
            R(4141, DAY(d(2027, 2, 9), "17:00–20:00 Uhr", "wd"), ONLINE(), EUR(49, "dash"), feed="atom"),
            R(4142, DAY(d(2027, 9, 22), "9:00–12:00 Uhr"), ONSITE("mb"), EUR(49, "dash")),
        ],
    },
    {
        "key": "leitern", "slug": "leitern-tritte-befaehigte-person", "cat": "arbeitssicherheit",
        "cats": ["Arbeitsschutz"],
        "title": "Prüfung von Leitern und Tritten – Ausbildung zur befähigten Person (Arbeitsschutz)",
        "desc": ["Leitern und Tritte müssen regelmäßig geprüft werden. Sie lernen Prüfumfang, typische Mängel "
                 "und die Dokumentation und prüfen anschließend selbst an mitgebrachten Leitern."],
        "dauer": ("8 Unterrichtseinheiten", 6.0), "cert": ("Befähigungsnachweis zur Prüfung von Leitern und Tritten",
                                                          "dguv"),
        "funding": None,
        "runs": [R(4151, DAY(d(2027, 4, 28), "8:00–14:30 Uhr"), ONSITE("sto"), EUR(120, "prefix"))],
    },
    {
        "key": "ladungssicherung", "slug": "ladungssicherung", "cat": "logistik", "cats": ["Arbeitsschutz"],
        "title": "Ladungssicherung für Handwerksbetriebe",
        "desc": ["Material, Werkzeug und Maschinen sicher im Transporter und auf dem Anhänger: Physik der "
                 "Ladungssicherung, Zurrmittel, Verantwortung von Fahrer und Halter, mit praktischen Übungen "
                 "am Fahrzeug."],
        "dauer": ("4 Std.", 4.0), "cert": C_TN, "funding": None,
        "runs": [
            R(4161, DAY(d(2027, 3, 17), "8:00–12:00 Uhr"), ONSITE("sto"), EUR(85, "eur2")),
            R(4162, DAY(d(2027, 8, 25), "13:00–17:00 Uhr"), ONSITE("aue"), EUR(85, "eur2")),
        ],
    },
    {
        "key": "stapler", "slug": "gabelstaplerfahrer", "cat": "stapler_kran", "cats": ["Arbeitsschutz"],
        "title": "Gabelstaplerfahrer – Ausbildung nach DGUV Grundsatz 308-001",
        "desc": ["Theorie und Praxis für Fahrerinnen und Fahrer von Gabelstaplern in Werkstatt und Lager: "
                 "Standsicherheit, Lastaufnahme, Verkehrsregeln im Betrieb. Mit theoretischer und praktischer "
                 "Prüfung."],
        "dauer": ("20 UE", 15.0), "cert": ("Fahrausweis für Flurförderzeuge", "dguv"), "funding": F_SCHECK,
        "runs": [
            R(4171, SPAN(d(2027, 5, 10), d(2027, 5, 12), "dots"), ONSITE("sto"), EUR(290, "eur2")),
            R(4172, SPAN(d(2027, 10, 25), d(2027, 10, 27), "dots"), ONSITE("sto"), EUR(290, "eur2")),
        ],
    },
    {
        "key": "ada", "slug": "ausbildung-der-ausbilder", "cat": "ausbilder", "cats": ["Ausbildung"],
        "title": "Ausbildung der Ausbilder (AdA) – Vorbereitung auf die AEVO-Prüfung",
        "desc": ["Wer ausbilden will, muss seine berufs- und arbeitspädagogische Eignung nachweisen. Der "
                 "Lehrgang bereitet auf die schriftliche und praktische Prüfung nach der "
                 "Ausbilder-Eignungsverordnung vor."],
        "dauer": ("115 UE", 86.25), "cert": C_HWK, "funding": F_SCHECK,
        "runs": [
            R(4181, SPAN(d(2027, 5, 3), d(2027, 6, 28), "dots", ", montags und mittwochs 17:00–20:15 Uhr"),
              BLENDED("ab"), EUR(590, "eur2", " zzgl. Prüfungsgebühr der HWK 150,00 €"), feed="atom"),
            R(4182, SPAN(d(2027, 9, 6), d(2027, 9, 24), "full", " (Vollzeit)"), ONSITE("ab"),
              EUR(590, "eur2", " zzgl. Prüfungsgebühr der HWK 150,00 €"), feed="both"),
            R(4183, SPAN(d(2027, 10, 18), d(2027, 12, 8), "dots", ", montags und mittwochs 17:00–20:15 Uhr"),
              ONLINE("Live-Online (virtueller Klassenraum)", "Online"), EUR(560, "eur2", " zzgl. Prüfungsgebühr der HWK 150,00 €"),
              feed="atom"),
        ],
    },
    {
        "key": "buchfuehrung", "slug": "buchfuehrung-handwerker", "cat": "buchhaltung", "cats": ["Betriebsführung"],
        "title": "Buchführung für Handwerker – Grundlagen der Finanzbuchhaltung",
        "desc": ["Belege ordnen, buchen, Umsatzsteuer-Voranmeldung verstehen: Der Kurs richtet sich an "
                 "Inhaber, mitarbeitende Ehepartner und Büroangestellte kleiner Handwerksbetriebe."],
        "dauer": ("24 UE", 18.0), "cert": C_TN, "funding": F_SCHECK,
        "runs": [
            R(4191, SPAN(d(2027, 2, 16), d(2027, 3, 9), "full", ", dienstags 17:00–21:00 Uhr"), ONSITE("ab"),
              EUR(295, "EUR")),
            R(4192, SPAN(d(2027, 9, 14), d(2027, 10, 5), "full", ", dienstags 17:00–21:00 Uhr"),
              ONLINE("online via Zoom"), EUR(275, "EUR"), feed="atom"),
        ],
    },
    {
        "key": "kostenrechnung", "slug": "buchfuehrung-kostenrechnung-lehrgang", "cat": "buchhaltung",
        "cats": ["Betriebsführung"],
        "title": "Buchführung und Kostenrechnung im Handwerksbetrieb – Zertifikatslehrgang",
        "desc": ["Der Lehrgang führt von der Finanzbuchhaltung über die Kosten- und Leistungsrechnung bis zur "
                 "Kalkulation von Stundenverrechnungssätzen und endet mit einer schriftlichen Prüfung."],
        "dauer": ("80 UE", 60.0), "cert": C_ZERT, "funding": F_BG,
        "runs": [R(4201, SPAN(d(2027, 3, 1), d(2027, 6, 21), "full", ", montags 16:00–20:00 Uhr"),
                   BLENDED("aue", "Blended Learning (Präsenz und online)"), EUR(1450, "eur2"), feed="atom")],
    },
    {
        "key": "digital-auftrag", "slug": "digitale-auftragsabwicklung", "cat": "digitalisierung",
        "cats": ["Digitalisierung"],
        "title": "Digitalisierung im Handwerk – digitale Auftragsabwicklung vom Angebot bis zur Rechnung",
        "desc": ["Handwerkersoftware, mobile Zeiterfassung, digitale Baustellendokumentation: Sie lernen "
                 "Werkzeuge kennen, mit denen kleine Betriebe Zettelwirtschaft und Doppelerfassung loswerden."],
        "dauer": ("8 UE", 6.0), "cert": C_TN, "funding": F_SCHECK,
        "runs": [
            R(4211, DAY(d(2027, 2, 24), "9:00–15:00 Uhr"), ONSITE("mb"), EUR(140, "eur2")),
            R(4212, DAY(d(2027, 6, 2), "9:00–15:00 Uhr"), ONLINE("Online-Seminar (MS Teams)", "Online"),
              EUR(120, "eur2"), feed="atom"),
        ],
    },
    {
        "key": "ki-handwerk", "slug": "ki-im-handwerksbetrieb", "cat": "digitalisierung", "cats": ["Digitalisierung"],
        "title": "KI im Handwerksbetrieb – Angebote, Texte und Social Media mit ChatGPT",
        "desc": ["Wie künstliche Intelligenz im Büro eines Handwerksbetriebs Zeit spart: Angebotstexte, "
                 "Kundenanschreiben, Beiträge für Social Media – mit Hinweisen zu Datenschutz und Grenzen der "
                 "Werkzeuge."],
        "dauer": ("3 Stunden", 3.0), "cert": None, "funding": None,
        "runs": [
            R(4221, DAY(d(2027, 1, 27), "17:00–20:00 Uhr", "wd"), ONLINE(), FREE, feed="both"),
            R(4222, DAY(d(2027, 9, 8), "18:00–21:00 Uhr", "long"), ONSITE("aue"), EUR(35, "eur2")),
        ],
    },
    {
        "key": "website", "slug": "website-handwerksbetrieb", "cat": "it", "cats": ["Digitalisierung"],
        "title": "Die eigene Website für den Handwerksbetrieb – Workshop",
        "desc": ["Was eine gute Handwerker-Website braucht, wie Sie Inhalte pflegen und was rechtlich im "
                 "Impressum und in der Datenschutzerklärung stehen muss."],
        "dauer": ("4 UE", 3.0), "cert": C_TN, "funding": None,
        "runs": [R(4231, DAY(d(2027, 4, 14), "17:00–20:00 Uhr"), ONLINE("online (Zoom)"), EUR(60, "eur2"),
                   feed="atom")],
    },
    {
        "key": "datenschutz", "slug": "datenschutz-handwerksbetrieb", "cat": "recht_personal",
        "cats": ["Betriebsführung"], "title": "Datenschutz im Handwerksbetrieb – DSGVO kompakt",
        "desc": ["Kundendaten, Fotos von Baustellen, Messenger auf dem Diensthandy: Der Abend klärt, was "
                 "Betriebe beim Datenschutz beachten müssen und welche Dokumente vorhanden sein sollten."],
        "dauer": ("3 Stunden", 3.0), "cert": C_TN, "funding": None,
        "runs": [
            R(4241, DAY(d(2027, 3, 23), "18:00–21:00 Uhr", "wd"), ONSITE("ab"), EUR(45, "eur2")),
            R(4242, DAY(d(2027, 11, 3), "18:00–21:00 Uhr", "wd"), ONLINE("Live-Online (Zoom)", "Online-Seminar"),
              EUR(45, "eur2"), feed="atom"),
        ],
    },
]

NEWS = {
    "rss": {"nr": 900, "slug": "geschaeftsstelle-zwischen-den-jahren", "title": "Geschäftsstelle zwischen den Jahren geschlossen",
            "text": "Vom 23.12.2026 bis 01.01.2027 bleibt die Geschäftsstelle geschlossen. Anmeldungen zu "
                    "Seminaren nehmen wir ab dem 04.01.2027 wieder entgegen."},
    "atom": {"nr": 901, "slug": "neues-seminarprogramm-2027", "title": "Das Seminarprogramm 2027 ist online",
             "text": "Ab sofort finden Sie alle Seminare und Lehrgänge für 2027 auf unserer Website. Termin: "
                     "Die Anmeldung ist ab 01.12.2026 möglich."},
}


# ---------------------------------------------------------------------------------------------
# Items and expected records
# ---------------------------------------------------------------------------------------------
def title_of(course: dict) -> str:
    return course.get("plain_title", course["title"])


def item_url(course: dict, run: dict) -> str:
    when = run["when"]["start"]
    suffix = f"-{when:%Y-%m-%d}" if when else ""
    return f"/{SITE}/veranstaltungen/{course['slug']}{suffix}.html"


def build() -> tuple[list[tuple[dict, dict]], list[dict]]:
    items, expected, nrs = [], [], set()
    for course in COURSES:
        for run in course["runs"]:
            assert run["nr"] not in nrs
            nrs.add(run["nr"])
            when, where = run["when"], run["where"]
            if when["start"]:
                assert FIRST_DAY <= when["start"] <= when["end"] <= LAST_DAY, (course["key"], when)
            items.append((course, run))
            expected.append({
                "url": item_url(course, run),
                "course_key": f"{SITE}-{course['key']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": title_of(course),
                "description": " ".join(" ".join(course["desc"]).split()),
                "start_date": when["start"].isoformat() if when["start"] else None,
                "end_date": when["end"].isoformat() if when["end"] else None,
                "rolling_start": False,
                "duration_hours": course["dauer"][1] if course["dauer"] else None,
                "price_eur": run["price"][1],
                "format": where["fmt"],
                "location": where["location"] if where["fmt"] in ("onsite", "blended") else None,
                "category": course["cat"],
                "funding": sorted(course["funding"][1]) if course["funding"] else [],
                "certificate": course["cert"][1] if course["cert"] else None,
                "language": "de",
            })
    return items, expected


# ---------------------------------------------------------------------------------------------
# Feed markup
# ---------------------------------------------------------------------------------------------
def e(text: str) -> str:
    return html.escape(text, quote=False)


def entities(text: str) -> str:
    """Some editors' umlauts as named HTML entities (inside the escaped HTML of the feed)."""
    for a, b in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ä", "&Auml;"), ("ß", "&szlig;"),
                 ("–", "&ndash;"), ("€", "&euro;")):
        text = text.replace(a, b)
    return text


LABELS = {  # variant index -> labels used for (date, place, price, length)
    0: ("Termin", "Ort", "Gebühr", "Dauer"),
    1: ("Datum", "Veranstaltungsort", "Kosten", "Umfang"),
    2: ("Wann", "Ort", "Teilnahmegebühr", "Dauer"),
    3: ("Termin", "Ort", "Lehrgangsgebühr", "Umfang"),
}


def facts(course: dict, run: dict, variant: int) -> list[tuple[str, str]]:
    when, where = run["when"], run["where"]
    l_date, l_place, l_price, l_len = LABELS[variant % 4]
    rows = [(l_date, when["text"]), (l_place, where["text"])]
    if where.get("form"):
        rows.append(("Form", where["form"]))
    if course["dauer"]:
        rows.append((l_len, course["dauer"][0]))
    rows.append((l_price, run["price"][0]))
    if course["cert"]:
        rows.append(("Abschluss", course["cert"][0]))
    if course["funding"]:
        rows.append(("Förderung", course["funding"][0]))
    return rows


def description_html(course: dict, run: dict, variant: int) -> str:
    """The item's HTML (to be escaped into the feed)."""
    intro = "".join(f"<p>{e(p)}</p>" for p in course["desc"])
    rows = facts(course, run, variant)
    if variant % 3 == 2:  # a list instead of <br> lines
        body = "<ul>" + "".join(f"<li><strong>{e(k)}:</strong> {e(v)}</li>" for k, v in rows) + "</ul>"
    else:
        body = "<p>" + "<br />\n".join(f"<strong>{e(k)}:</strong> {e(v)}" for k, v in rows) + "</p>"
    more = f'<p><a href="{item_url(course, run)}">Mehr erfahren und anmelden</a></p>'
    markup = f"{intro}\n{body}\n{more}"
    return entities(markup) if variant % 4 == 1 else markup


def xhtml_content(course: dict, run: dict, variant: int) -> str:
    """Atom content type="xhtml": the same markup as real elements (not escaped)."""
    intro = "".join(f"<p>{e(p)}</p>" for p in course["desc"])
    rows = facts(course, run, variant)
    body = "<p>" + "<br/>".join(f"<strong>{e(k)}:</strong> {e(v)}" for k, v in rows) + "</p>"
    return f'<div xmlns="http://www.w3.org/1999/xhtml">{intro}{body}</div>'


def published(run: dict) -> datetime:
    """When the CMS published the event: some weeks before the crawl, from the event id."""
    return datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc) + timedelta(hours=7 * (run["nr"] % 1000))


def rss_item(course: dict, run: dict, variant: int) -> str:
    title = course["title"] if "&#" in course["title"] else e(course["title"])
    cats = "".join(f"\n      <category>{e(c)}</category>" for c in ["Veranstaltungen", *course["cats"]])
    return f"""    <item>
      <title>{title}</title>
      <link>{item_url(course, run)}</link>
      <guid isPermaLink="false">{TAG}{run['nr']}</guid>
      <pubDate>{format_datetime(published(run))}</pubDate>{cats}
      <description>{e(description_html(course, run, variant))}</description>
    </item>"""


def atom_entry(course: dict, run: dict, variant: int) -> str:
    title = course["title"] if "&#" in course["title"] else e(course["title"])
    links = f'<link rel="alternate" type="text/html" href="{item_url(course, run)}"/>'
    if variant % 2 == 0:  # a flyer first: the entry's page is the alternate link, not the first link
        links = (f'<link rel="enclosure" type="application/pdf" length="182044" '
                 f'href="/{SITE}/media/flyer-{course["slug"]}.pdf"/>\n    ' + links)
    elif variant % 3 == 1:
        links = f'<link href="{item_url(course, run)}"/>'
    cats = "".join(f'\n    <category term="{c.lower().replace(" ", "-")}" label="{e(c)}"/>'
                   for c in ["Veranstaltungen", *course["cats"]])
    summary = e(course["desc"][0][:90].rsplit(" ", 1)[0] + " …")
    if variant % 5 == 3:
        content = f'<content type="xhtml">{xhtml_content(course, run, variant)}</content>'
    else:
        content = f'<content type="html">{e(description_html(course, run, variant))}</content>'
    stamp = published(run).isoformat().replace("+00:00", "Z")
    return f"""  <entry>
    <title type="html">{e(title) if variant % 2 else title}</title>
    {links}
    <id>{TAG}{run['nr']}</id>
    <published>{stamp}</published>
    <updated>{stamp}</updated>{cats}
    <summary>{summary}</summary>
    {content}
  </entry>"""


def news_rss(news: dict) -> str:
    return f"""    <item>
      <title>{e(news['title'])}</title>
      <link>/{SITE}/aktuelles/{news['slug']}.html</link>
      <guid isPermaLink="false">tag:khs-erzgebirge.de,2026:beitrag-{news['nr']}</guid>
      <pubDate>{format_datetime(datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc))}</pubDate>
      <category>Aktuelles</category>
      <description>{e('<p>' + e(news['text']) + '</p>')}</description>
    </item>"""


def news_atom(news: dict) -> str:
    return f"""  <entry>
    <title>{e(news['title'])}</title>
    <link rel="alternate" type="text/html" href="/{SITE}/aktuelles/{news['slug']}.html"/>
    <id>tag:khs-erzgebirge.de,2026:beitrag-{news['nr']}</id>
    <updated>2026-11-25T08:00:00Z</updated>
    <category term="aktuelles" label="Aktuelles"/>
    <content type="html">{e('<p>' + e(news['text']) + '</p>')}</content>
  </entry>"""


def feeds(items: list[tuple[dict, dict]]) -> tuple[str, str]:
    rss, atom = [], []
    for n, (course, run) in enumerate(items):
        if run["feed"] in ("rss", "both"):
            rss.append(rss_item(course, run, n))
        if run["feed"] in ("atom", "both"):
            atom.append(atom_entry(course, run, n))
    rss.insert(3, news_rss(NEWS["rss"]))
    atom.insert(2, news_atom(NEWS["atom"]))
    rss_doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="{ATOM}" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Kreishandwerkerschaft Erzgebirge – Seminare und Aktuelles</title>
    <link>/{SITE}/index.html</link>
    <atom:link href="/{SITE}/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Seminare, Lehrgänge und Neuigkeiten der Kreishandwerkerschaft Erzgebirge</description>
    <language>de-DE</language>
    <lastBuildDate>{format_datetime(datetime(2026, 11, 25, 7, 30, tzinfo=timezone.utc))}</lastBuildDate>
{chr(10).join(rss)}
  </channel>
</rss>
"""
    atom_doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="{ATOM}" xml:lang="de">
  <title>Kreishandwerkerschaft Erzgebirge – Online-Seminare und Lehrgänge</title>
  <link rel="self" type="application/atom+xml" href="/{SITE}/atom.xml"/>
  <link rel="alternate" type="text/html" href="/{SITE}/index.html"/>
  <id>tag:khs-erzgebirge.de,2026:feed-atom</id>
  <updated>2026-11-25T07:30:00Z</updated>
  <author><name>Kreishandwerkerschaft Erzgebirge</name></author>
{chr(10).join(atom)}
</feed>
"""
    return rss_doc, atom_doc


# ---------------------------------------------------------------------------------------------
# Human pages (not crawled)
# ---------------------------------------------------------------------------------------------
def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{e(title)} – Kreishandwerkerschaft Erzgebirge</title>
<link rel="alternate" type="application/rss+xml" title="Seminare (RSS)" href="/{SITE}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Online-Seminare (Atom)" href="/{SITE}/atom.xml">
</head>
<body>
  <header><p><a href="/{SITE}/index.html">Kreishandwerkerschaft Erzgebirge</a></p></header>
  <main>
{body}
  </main>
  <footer><p>Fiktive Demo-Seite für das Weiterbildungsportal Erzgebirge. Alle Angebote sind erfunden.</p></footer>
</body>
</html>
"""


def event_page(course: dict, run: dict) -> str:
    rows = "\n".join(f"      <dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts(course, run, 0))
    paras = "\n".join(f"    <p>{e(p)}</p>" for p in course["desc"])
    return page(title_of(course), f"""    <h1>{e(title_of(course))}</h1>
{paras}
    <dl>
{rows}
    </dl>
    <p><a href="/{SITE}/index.html">Alle Veranstaltungen</a></p>""")


def index_page(items: list[tuple[dict, dict]]) -> str:
    lis = "\n".join(f'      <li><a href="{item_url(c, r)}">{e(title_of(c))}</a> – {e(r["when"]["text"])}</li>'
                    for c, r in items)
    return page("Seminare und Lehrgänge", f"""    <h1>Seminare und Lehrgänge</h1>
    <p>Alle Termine auch als <a href="/{SITE}/feed.xml">RSS-Feed</a> und
       <a href="/{SITE}/atom.xml">Atom-Feed</a> (Online-Seminare und Lehrgänge).</p>
    <ul>
{lis}
    </ul>""")


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.links, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>")
            return
        self.stack.pop()


def validate(expected: list[dict]) -> None:
    for path in (p for p in OUT.rglob("*") if p.is_file()):
        if path.suffix == ".xml":
            root = ET.parse(path).getroot()
            for link in list(root.iter("link")) + list(root.iter(f"{{{ATOM}}}link")):
                href = link.get("href") or link.text
                if "/media/" not in href:
                    assert (OUT.parent / href.lstrip("/")).is_file(), (path, href)
        elif path.suffix == ".html":
            checker = _Checker()
            checker.feed(path.read_text(encoding="utf-8"))
            checker.close()
            assert not checker.errors and not checker.stack, (path, checker.errors, checker.stack)
            for link in checker.links:
                assert link.startswith(f"/{SITE}/"), (path, link)
                assert (OUT.parent / link.lstrip("/")).is_file(), (path, link)
    keys = [(r["url"], r["start_date"] or "") for r in expected]
    assert len(keys) == len(set(keys)), "duplicate (url, start_date)"
    for r in expected:
        assert (OUT.parent / r["url"].lstrip("/")).is_file(), r["url"]


def main() -> None:
    items, expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    rss, atom = feeds(items)
    outputs = [("feed.xml", rss), ("atom.xml", atom), ("index.html", index_page(items))]
    outputs += [(item_url(c, r).removeprefix(f"/{SITE}/"), event_page(c, r)) for c, r in items]
    outputs += [(f"aktuelles/{n['slug']}.html", page(n["title"], f"    <h1>{e(n['title'])}</h1>\n    <p>{e(n['text'])}</p>"))
                for n in NEWS.values()]
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    n_rss = sum(1 for _, r in items if r["feed"] in ("rss", "both"))
    n_atom = sum(1 for _, r in items if r["feed"] in ("atom", "both"))
    print(f"{SITE}: {len(COURSES)} courses, {len(expected)} offers ({n_rss} in RSS, {n_atom} in Atom) -> {OUT}")


if __name__ == "__main__":
    main()
