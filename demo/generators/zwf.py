#!/usr/bin/env python3
"""Generator of the demo site `zwf` (Zentrum für Weiterbildung Freiberg-Erzgebirge).

The centre's CMS has no programme list worth crawling, but a sitemap:

    /zwf/sitemap.xml              sitemap index -> the two sitemaps below
    /zwf/sitemap-kurse.xml        every page under /zwf/kurse/ with <lastmod>
    /zwf/sitemap-seiten.xml       start page, news, contact, imprint
    /zwf/kurse/<slug>.html        one page per course: schema.org Course with one CourseInstance per
                                  run in MICRODATA (itemscope/itemprop), in three template styles
    /zwf/kurse/index.html         course overview: Course teasers (name, url) in an ItemList
    /zwf/kurse/foerderung.html    information page (no course)
    /zwf/kurse/archiv/<slug>.html old course pages (runs in 2024) with a <lastmod> before 2026

Messiness: German dates without `datetime`, prices as visible text ("1.290,00" + "EUR") or in
`content`, courseMode as words or eventAttendanceMode links, VirtualLocation for online runs, one
course without runs (in-house, on request), one self-paced course with rolling start, two pages
that also carry an SEO plugin's JSON-LD of the same course (one with runs, one without), sitemap
entries with and without time of day, one without <lastmod>. Links in the sitemaps are
root-relative because the demo server's port is not known in advance.

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/zwf.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

SITE = "zwf"
PROVIDER = "Zentrum für Weiterbildung Freiberg-Erzgebirge"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 11), date(2027, 12, 17)
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, locality as the page writes it, canonical town.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "fg": ("ZWF Schulungszentrum Freiberg", "Halsbrücker Straße 34", "09599", "Freiberg", "Freiberg"),
    "fg2": ("ZWF Schulungszentrum Freiberg, Haus 2", "Chemnitzer Straße 89", "09599", "Freiberg (Sachsen)",
            "Freiberg"),
    "ab": ("ZWF Außenstelle Annaberg-Buchholz", "Buchholzer Straße 61", "09456", "Annaberg-Buchholz",
           "Annaberg-Buchholz"),
    "mb": ("ZWF Lernzentrum Marienberg", "Zschopauer Straße 22", "09496", "Marienberg", "Marienberg"),
    "be": ("Bürgerhaus Brand-Erbisdorf", "Großhartmannsdorfer Straße 5", "09618", "Brand-Erbisdorf",
           "Brand-Erbisdorf"),
    "zs": ("Technologiezentrum Zschopau", "Am Schloss 4", "09405", "Zschopau", "Zschopau"),
}
ONLINE_LABELS = ["Live-Online (Zoom)", "Online-Seminar (MS Teams)", "Live-Online im virtuellen Klassenzimmer"]
MODE_WORDS = {"onsite": "Präsenz", "online": "Live-Online", "blended": "Blended Learning",
              "selfpaced": "Selbstlernkurs (E-Learning)"}
MODE_CODES = {"onsite": "onsite", "online": "online", "blended": "blended"}
ATTENDANCE = {"onsite": "https://schema.org/OfflineEventAttendanceMode",
              "online": "https://schema.org/OnlineEventAttendanceMode",
              "blended": "https://schema.org/MixedEventAttendanceMode"}
WD = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]

F_BG = ("Förderung mit Bildungsgutschein möglich (AZAV-zertifiziert)", ["bildungsgutschein"])
F_BG_QCG = ("AZAV-zertifiziert: Bildungsgutschein; für Beschäftigte Förderung nach dem "
            "Qualifizierungschancengesetz", ["bildungsgutschein", "qcg"])
F_SCHECK = ("Weiterbildungsscheck Sachsen", ["weiterbildungsscheck"])
C_TN = ("Teilnahmebescheinigung", "attendance")
C_ZERT = ("ZWF-Zertifikat", "provider_certificate")


def L(text: str, hours: float | None) -> tuple[str, float | None]:
    """A length as the page writes it, and its hours."""
    return text, hours


def UE(n: int) -> tuple[str, float]:
    return f"{n} UE", n * 0.75


def R(start: date | None, end: date | None, fmt: str, venue: str | None, price: float | None, **kw) -> dict:
    """One run. kw: length (overrides the course's), time ("9:00–16:00 Uhr"), online (label index),
    one_day_end (write endDate for a one-day run), schedule (text when there is no start)."""
    return {"start": start, "end": end, "fmt": fmt, "venue": venue, "price": price, **kw}


# ---------------------------------------------------------------------------------------------
# Courses. about: the provider's subject label (Course.about); style: template 0/1/2.
# ---------------------------------------------------------------------------------------------
COURSES = [
    {
        "slug": "excel-grundlagen", "code": "ZWF-OF-101", "cat": "office", "about": "Office-Anwendungen",
        "title": "Excel Grundlagen – Tabellen, Formeln, Diagramme",
        "desc": ["Sie lernen, Tabellen sauber aufzubauen, mit Formeln und Funktionen zu rechnen und Ergebnisse "
                 "in Diagrammen darzustellen.",
                 "Der Kurs richtet sich an Einsteigerinnen und Einsteiger sowie an alle, die Excel bisher nur "
                 "nebenbei genutzt haben."],
        "length": L("3 Tage à 8 UE", 18.0), "funding": F_SCHECK, "cert": C_ZERT, "style": 0,
        "runs": [
            R(d(2027, 2, 15), d(2027, 2, 17), "onsite", "fg", 390.0),
            R(d(2027, 4, 19), d(2027, 4, 21), "onsite", "ab", 390.0),
            R(d(2027, 6, 7), d(2027, 6, 18), "online", None, 350.0, length=L("6 Vormittage à 4 UE", 18.0)),
            R(d(2027, 9, 13), d(2027, 9, 15), "onsite", "mb", 390.0),
            R(d(2027, 11, 15), d(2027, 11, 17), "onsite", "fg2", 410.0),
        ],
    },
    {
        "slug": "excel-aufbau", "code": "ZWF-OF-102", "cat": "office", "about": "Office-Anwendungen",
        "title": "Excel für Fortgeschrittene – Pivot-Tabellen, SVERWEIS und Datenanalyse",
        "desc": ["Für alle, die Excel täglich nutzen und schneller zu Ergebnissen kommen wollen: "
                 "Pivot-Tabellen, SVERWEIS und XVERWEIS, bedingte Formatierung, Datenüberprüfung und der "
                 "Einstieg in Power Query."],
        "length": UE(16), "funding": F_SCHECK, "cert": C_ZERT, "style": 1, "jsonld": "course",
        "runs": [
            R(d(2027, 3, 8), d(2027, 3, 9), "onsite", "fg", 320.0),
            R(d(2027, 5, 10), d(2027, 5, 11), "online", None, 290.0),
            R(d(2027, 10, 18), d(2027, 10, 19), "onsite", "ab", 320.0),
        ],
    },
    {
        "slug": "word-grundlagen", "code": "ZWF-OF-110", "cat": "office", "about": "Office-Anwendungen",
        "title": "Word Grundlagen – Briefe, Berichte und Serienbriefe",
        "desc": ["Geschäftsbriefe nach DIN 5008, Formatvorlagen, Inhaltsverzeichnisse und Serienbriefe: "
                 "Nach zwei Tagen gestalten Sie Dokumente schnell und einheitlich."],
        "length": UE(16), "funding": None, "cert": C_TN, "style": 2,
        "runs": [
            R(d(2027, 2, 22), d(2027, 2, 23), "onsite", "fg", 290.0),
            R(d(2027, 5, 31), d(2027, 6, 1), "online", None, 270.0),
            R(d(2027, 9, 27), d(2027, 9, 28), "onsite", "be", 290.0),
        ],
    },
    {
        "slug": "microsoft-365-team", "code": "ZWF-OF-120", "cat": "office", "about": "Office-Anwendungen",
        "title": "Microsoft 365 im Team – Teams, SharePoint und OneDrive",
        "desc": ["Gemeinsam an Dateien arbeiten, Besprechungen organisieren, Ablagen sinnvoll strukturieren: "
                 "Der Workshop zeigt, wie kleine Teams Microsoft 365 im Alltag wirklich nutzen."],
        "length": UE(8), "funding": None, "cert": C_TN, "style": 2,
        "runs": [
            R(d(2027, 3, 16), d(2027, 3, 16), "online", None, 190.0, time=("09:00", "15:30")),
            R(d(2027, 10, 5), d(2027, 10, 5), "onsite", "fg2", 210.0, time=("09:00", "15:30")),
        ],
    },
    {
        "slug": "outlook-effizient", "code": "ZWF-OF-125", "cat": "office", "about": "Office-Anwendungen",
        "title": "Outlook effizient nutzen – E-Mails, Kalender und Aufgaben",
        "desc": ["Regeln, Kategorien, Suchordner und geteilte Kalender: Sie bringen Ordnung in Ihr Postfach "
                 "und planen Termine und Aufgaben mit weniger Aufwand."],
        "length": UE(4), "funding": None, "cert": C_TN, "style": 0,
        "runs": [
            R(d(2027, 1, 26), d(2027, 1, 26), "online", None, 95.0, one_day_end=False),
            R(d(2027, 6, 29), d(2027, 6, 29), "onsite", "mb", 110.0, one_day_end=True),
        ],
    },
    {
        "slug": "projektmanagement-grundlagen", "code": "ZWF-PM-201", "cat": "fuehrung", "about": "Projektmanagement",
        "title": "Projektmanagement Grundlagen – Projekte planen, steuern und abschließen",
        "desc": ["Vom Projektauftrag über Strukturplan, Zeitplan und Risikoanalyse bis zum Abschlussbericht: "
                 "Sie lernen die Werkzeuge des klassischen Projektmanagements an einem durchgehenden "
                 "Praxisbeispiel kennen.",
                 "Bringen Sie gern ein eigenes Projekt mit."],
        "length": UE(24), "funding": F_BG_QCG, "cert": C_ZERT, "style": 1,
        "runs": [
            R(d(2027, 1, 25), d(2027, 1, 27), "onsite", "fg", 690.0),
            R(d(2027, 4, 26), d(2027, 4, 28), "onsite", "ab", 690.0),
            R(d(2027, 7, 5), d(2027, 7, 7), "online", None, 640.0),
            R(d(2027, 11, 8), d(2027, 11, 10), "onsite", "fg", 690.0),
        ],
    },
    {
        "slug": "scrum", "code": "ZWF-PM-210", "cat": "fuehrung", "about": "Projektmanagement",
        "title": "Agiles Projektmanagement mit Scrum",
        "desc": ["Rollen, Artefakte und Ereignisse von Scrum, Kanban-Boards und die Frage, wann agiles Arbeiten "
                 "in kleinen Unternehmen passt – mit vielen Übungen in wechselnden Teams."],
        "length": UE(16), "funding": F_SCHECK, "cert": C_ZERT, "style": 2,
        "runs": [
            R(d(2027, 3, 22), d(2027, 3, 23), "onsite", "fg", 540.0),
            R(d(2027, 9, 20), d(2027, 9, 21), "online", None, 490.0),
            R(d(2027, 11, 29), d(2027, 11, 30), "onsite", "fg", 540.0),
        ],
    },
    {
        "slug": "prince2-foundation", "code": "ZWF-PM-230", "cat": "fuehrung", "about": "Projektmanagement",
        "title": "PRINCE2® Foundation – Projektmanagement-Zertifizierung",
        "desc": ["Prinzipien, Themen und Prozesse der Methode PRINCE2® in der aktuellen Fassung. Drei "
                 "Präsenztage in Freiberg werden durch Online-Lerneinheiten ergänzt; die Prüfung legen Sie "
                 "online ab."],
        "length": L("PT21H", 21.0), "funding": F_BG, "cert": ("Zertifikat PRINCE2® Foundation nach Prüfung",
                                                              "provider_certificate"),
        "style": 2,
        # style 2 writes eventAttendanceMode https://schema.org/MixedEventAttendanceMode for this run;
        # normalize/formats.py does not map "Mixed..." to blended yet, so this one offer comes out onsite
        "runs": [R(d(2027, 5, 24), d(2027, 5, 26), "blended", "fg", 1290.0)],
    },
    {
        "slug": "it-sicherheit-beschaeftigte", "code": "ZWF-IT-301", "cat": "it", "about": "IT und Netzwerke",
        "title": "IT-Sicherheit für Beschäftigte – Phishing erkennen, sicher arbeiten",
        "desc": ["Die meisten Angriffe beginnen mit einer E-Mail. Die Schulung zeigt an echten Beispielen, wie "
                 "Sie Phishing, gefälschte Rechnungen und Schadsoftware erkennen und was im Ernstfall zu tun "
                 "ist."],
        "length": UE(4), "funding": None, "cert": C_TN, "style": 1,
        "runs": [
            R(d(2027, 2, 9), d(2027, 2, 9), "online", None, 0.0),
            R(d(2027, 6, 15), d(2027, 6, 15), "onsite", "fg", 0.0),
            R(d(2027, 10, 26), d(2027, 10, 26), "onsite", "ab", 0.0),
        ],
    },
    {
        "slug": "netzwerktechnik-grundlagen", "code": "ZWF-IT-310", "cat": "it", "about": "IT und Netzwerke",
        "title": "Netzwerktechnik Grundlagen – TCP/IP, WLAN und Router im Betrieb",
        "desc": ["Adressierung, Subnetze, DHCP und DNS, WLAN-Planung und die Konfiguration von Routern und "
                 "Switches – praxisnah an einem Übungsnetz im Schulungsraum."],
        "length": UE(40), "funding": F_BG, "cert": C_ZERT, "style": 0,
        "runs": [R(d(2027, 4, 12), d(2027, 4, 16), "onsite", "fg2", 1150.0)],
    },
    {
        "slug": "python-einsteiger", "code": "ZWF-IT-320", "cat": "it", "about": "IT und Netzwerke",
        "title": "Python-Programmierung für Einsteiger",
        "desc": ["Variablen, Schleifen, Funktionen und der Umgang mit Dateien: Sie schreiben kleine Programme, "
                 "die Routinearbeiten im Büro automatisieren. Vorkenntnisse im Programmieren sind nicht nötig."],
        "length": L("8 Abende à 3 Stunden", 24.0), "funding": F_SCHECK, "cert": C_ZERT, "style": 1,
        "runs": [
            R(d(2027, 3, 1), d(2027, 4, 19), "online", None, 480.0),
            R(d(2027, 9, 6), d(2027, 10, 25), "onsite", "fg2", 520.0),
        ],
    },
    {
        "slug": "linux-administration", "code": "ZWF-IT-330", "cat": "it", "about": "IT und Netzwerke",
        "title": "Linux-Administration Grundlagen",
        "desc": ["Installation, Benutzer und Rechte, Paketverwaltung, Dienste und Protokolle: Der Lehrgang "
                 "bereitet auf die Verwaltung von Linux-Servern in kleinen Unternehmen vor."],
        "length": UE(40), "funding": F_BG_QCG, "cert": C_ZERT, "style": 2,
        "runs": [R(d(2027, 6, 21), d(2027, 6, 25), "onsite", "fg2", 1390.0)],
    },
    {
        "slug": "ki-im-buero", "code": "ZWF-DI-401", "cat": "digitalisierung", "about": "Digitalisierung",
        "title": "KI im Büroalltag – ChatGPT, Copilot & Co. sinnvoll nutzen",
        "desc": ["Texte entwerfen, Protokolle zusammenfassen, Tabellen auswerten: Sie probieren KI-Werkzeuge an "
                 "eigenen Aufgaben aus und klären, was mit Kundendaten erlaubt ist."],
        "length": UE(8), "funding": F_SCHECK, "cert": C_TN, "style": 0, "jsonld": "runs",
        "runs": [
            R(d(2027, 1, 21), d(2027, 1, 21), "onsite", "fg", 195.0),
            R(d(2027, 3, 11), d(2027, 3, 11), "online", None, 175.0),
            R(d(2027, 5, 20), d(2027, 5, 20), "onsite", "ab", 195.0),
            R(d(2027, 9, 9), d(2027, 9, 9), "onsite", "mb", 195.0),
            R(d(2027, 11, 18), d(2027, 11, 18), "online", None, 175.0),
        ],
    },
    {
        "slug": "digitale-geschaeftsprozesse", "code": "ZWF-DI-410", "cat": "digitalisierung",
        "about": "Digitalisierung",
        "title": "Digitalisierung von Geschäftsprozessen im Kleinbetrieb",
        "desc": ["Angebote, Rechnungen, Urlaubsanträge: Sie nehmen typische Abläufe Ihres Betriebs auf, finden "
                 "Medienbrüche und planen Schritt für Schritt die Umstellung auf digitale Werkzeuge."],
        "length": UE(16), "funding": F_SCHECK, "cert": C_ZERT, "style": 1,
        "runs": [
            R(d(2027, 4, 7), d(2027, 4, 8), "onsite", "be", 420.0),
            R(d(2027, 10, 13), d(2027, 10, 14), "onsite", "zs", 420.0),
        ],
    },
    {
        "slug": "power-bi", "code": "ZWF-DI-420", "cat": "digitalisierung", "about": "Digitalisierung",
        "title": "Datenanalyse mit Power BI – Berichte und Dashboards",
        "desc": ["Daten aus Excel und Datenbanken laden, bereinigen, verknüpfen und in interaktiven Berichten "
                 "darstellen."],
        "length": UE(16), "funding": None, "cert": C_ZERT, "style": 0,
        "runs": [
            R(d(2027, 5, 3), d(2027, 5, 4), "onsite", "fg", 560.0),
            R(d(2027, 11, 22), d(2027, 11, 23), "online", None, 520.0),
        ],
    },
    {
        "slug": "social-media-marketing", "code": "ZWF-DI-430", "cat": "marketing_vertrieb", "about": "Marketing",
        "title": "Social Media Marketing für kleine Unternehmen",
        "desc": ["Welche Kanäle passen zu Ihrem Betrieb, wie planen Sie Beiträge mit wenig Aufwand, und wie "
                 "messen Sie den Erfolg? Mit Redaktionsplan-Vorlage zum Mitnehmen."],
        "length": UE(8), "funding": F_SCHECK, "cert": C_TN, "style": 2,
        "runs": [
            R(d(2027, 3, 18), d(2027, 3, 18), "onsite", "fg", 240.0),
            R(d(2027, 8, 26), d(2027, 8, 26), "online", None, 220.0),
        ],
    },
    {
        "slug": "lokale-suche", "code": "ZWF-DI-435", "cat": "marketing_vertrieb", "about": "Marketing",
        "title": "Online-Marketing vor Ort – Google-Unternehmensprofil und lokale Suche",
        "desc": ["Wie Kundinnen und Kunden aus der Region Sie über Suchmaschinen und Karten finden: Profil "
                 "einrichten, Bewertungen beantworten, die eigene Website für die lokale Suche verbessern."],
        "length": UE(4), "funding": None, "cert": C_TN, "style": 1,
        "runs": [R(d(2027, 4, 20), d(2027, 4, 20), "online", None, 120.0)],
    },
    {
        "slug": "business-english-b1", "code": "ZWF-SP-501", "cat": "sprachen", "about": "Sprachen",
        "title": "Business English B1 – Meetings, E-Mails und Telefonate", "lang": "en",
        "desc": ["Practise the English you need at work: small talk with customers, phone calls, e-mails and "
                 "short presentations. The course is taught in English."],
        "length": L("16 Termine à 90 Minuten", 24.0), "funding": F_SCHECK,
        "cert": ("Teilnahmebescheinigung mit Niveauangabe", "attendance"), "style": 0,
        "runs": [
            R(d(2027, 2, 2), d(2027, 5, 25), "onsite", "fg", 320.0),
            R(d(2027, 9, 7), d(2027, 12, 14), "online", None, 320.0),
        ],
    },
    {
        "slug": "deutsch-beruf-b2", "code": "ZWF-SP-510", "cat": "sprachen", "about": "Sprachen",
        "title": "Deutsch für den Beruf B2 – Berufssprachkurs",
        "desc": ["Der Berufssprachkurs verbessert Ihr Deutsch für Bewerbung und Arbeitsalltag: Gespräche mit "
                 "Kolleginnen und Vorgesetzten, Telefonate, E-Mails und Fachwortschatz. Am Ende steht die "
                 "telc-Prüfung Deutsch B2 Beruf."],
        "length": UE(400), "funding": None, "cert": ("telc Zertifikat Deutsch B2 Beruf", "provider_certificate"),
        "style": 1,
        "runs": [R(d(2027, 3, 1), d(2027, 8, 27), "onsite", "fg", 0.0)],
    },
    {
        "slug": "tschechisch-a1", "code": "ZWF-SP-520", "cat": "sprachen", "about": "Sprachen",
        "title": "Tschechisch für Einsteiger A1 – Sprachkurs für die Grenzregion",
        "desc": ["Begrüßen, einkaufen, nach dem Weg fragen, einfache Gespräche mit Kunden und Kollegen aus "
                 "Tschechien: Der Kurs vermittelt die Grundlagen der Nachbarsprache."],
        "length": L("12 Abende à 2 UE", 18.0), "funding": None, "cert": C_TN, "style": 2,
        "runs": [
            R(d(2027, 2, 24), d(2027, 6, 16), "onsite", "mb", 180.0),
            R(d(2027, 9, 8), d(2027, 12, 15), "onsite", "ab", 180.0),
        ],
    },
    {
        "slug": "datenschutzbeauftragter", "code": "ZWF-RE-601", "cat": "recht_personal", "about": "Recht",
        "title": "Datenschutzbeauftragte/r im Unternehmen – Fachkunde nach DSGVO",
        "desc": ["Aufgaben und Haftung des betrieblichen Datenschutzbeauftragten, Verarbeitungsverzeichnis, "
                 "Datenschutz-Folgenabschätzung und technische Maßnahmen. Mit schriftlicher Abschlussprüfung."],
        "length": UE(32), "funding": F_SCHECK, "cert": ("Zertifikat nach bestandener Prüfung",
                                                        "provider_certificate"),
        "style": 0,
        "runs": [R(d(2027, 10, 4), d(2027, 10, 7), "onsite", "fg", 1190.0)],
    },
    {
        "slug": "office-inhouse", "code": "ZWF-OF-190", "cat": "office", "about": "Office-Anwendungen",
        "title": "Office-Schulungen als Inhouse-Seminar – Excel, Word und Outlook nach Maß",
        "desc": ["Wir schulen Ihr Team in Ihren Räumen oder in unserem Schulungszentrum, abgestimmt auf Ihre "
                 "Vorlagen und Abläufe. Termin, Dauer und Inhalte vereinbaren wir mit Ihnen."],
        "length": None, "funding": None, "cert": C_TN, "style": 1, "no_runs": True,
        "runs": [R(None, None, "onsite", None, None)],
    },
    {
        "slug": "zehnfingerschreiben-elearning", "code": "ZWF-OF-195", "cat": "office", "about": "Office-Anwendungen",
        "title": "Zehnfingerschreiben am PC – E-Learning für Büro und Textverarbeitung",
        "desc": ["Mit kurzen Übungen lernen Sie das Tastschreiben in Ihrem eigenen Tempo; eine Lernstandsanzeige "
                 "zeigt Ihre Fortschritte."],
        "length": L("PT12H", 12.0), "funding": None, "cert": C_ZERT, "style": 0,
        "runs": [R(None, None, "selfpaced", None, 89.0, schedule="Einstieg jederzeit")],
    },
]

# Old course pages still listed in the sitemap, modified long ago (runs in 2024).
ARCHIVE = [
    {"slug": "excel-2016-umsteiger", "lastmod": "2023-11-02", "title": "Umstieg auf Excel 2016",
     "runs": [(d(2024, 2, 12), d(2024, 2, 13), "fg")]},
    {"slug": "dsgvo-einfuehrung", "lastmod": "2024-01", "title": "Die neue DSGVO – was Betriebe jetzt tun müssen",
     "runs": [(d(2024, 3, 5), d(2024, 3, 5), "ab")]},
    {"slug": "windows-10-umstieg", "lastmod": "2024-05-17T10:22:00+02:00", "title": "Umstieg auf Windows 10",
     "runs": [(d(2024, 6, 4), d(2024, 6, 4), "fg"), (d(2024, 6, 11), d(2024, 6, 11), "mb")]},
]


# ---------------------------------------------------------------------------------------------
# Expected records
# ---------------------------------------------------------------------------------------------
def course_url(course: dict) -> str:
    return f"/{SITE}/kurse/{course['slug']}.html"


def length_of(course: dict, run: dict) -> tuple[str, float | None] | None:
    return run.get("length", course["length"])


def build() -> list[dict]:
    expected = []
    seen = set()
    for course in COURSES:
        assert course["slug"] not in seen
        seen.add(course["slug"])
        for i, run in enumerate(course["runs"]):
            run["ref"] = f"{course['code']}-{27}{i + 1:02d}"
            if run["start"]:
                assert FIRST_DAY <= run["start"] <= run["end"] <= LAST_DAY, (course["slug"], run)
            venue = VENUES[run["venue"]] if run["venue"] and run["fmt"] in ("onsite", "blended") else None
            length = length_of(course, run)
            expected.append({
                "url": course_url(course),
                "course_key": f"{SITE}-{course['code']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": " ".join(" ".join(course["desc"]).split()),
                "start_date": run["start"].isoformat() if run["start"] else None,
                "end_date": run["end"].isoformat() if run["end"] else None,
                "rolling_start": run.get("schedule") == "Einstieg jederzeit",
                "duration_hours": length[1] if length else None,
                "price_eur": run["price"],
                "format": run["fmt"],
                "location": ({"name": venue[0], "street": venue[1], "postal_code": venue[2], "town": venue[4]}
                             if venue else None),
                "category": course["cat"],
                "funding": sorted(course["funding"][1]) if course["funding"] else [],
                "certificate": course["cert"][1] if course["cert"] else None,
                "language": course.get("lang", "de"),
            })
    return expected


# ---------------------------------------------------------------------------------------------
# HTML with microdata
# ---------------------------------------------------------------------------------------------
def e(text: str) -> str:
    return html.escape(text, quote=False)


def a(text: str) -> str:
    return html.escape(text, quote=True)


def ger(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def money(amount: float) -> str:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    return f"{whole:,}".replace(",", ".") + f",{cents:02d}"


def iso_hours(hours: float) -> str:
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    return f"PT{whole}H" + (f"{minutes}M" if minutes else "")


def workload(course: dict, run: dict, iso: bool) -> str:
    length = length_of(course, run)
    if not length:
        return ""
    text, hours = length
    if iso and hours and not text.startswith("PT"):
        text = iso_hours(hours)
    return text


def place_md(run: dict, style: int, n: int) -> str:
    """The run's location as microdata: Place + PostalAddress, Place with address text, VirtualLocation."""
    if run["fmt"] in ("online", "selfpaced"):
        label = "Lernplattform des ZWF (Browser)" if run["fmt"] == "selfpaced" else ONLINE_LABELS[n % 3]
        if style == 1:
            return f'<span itemprop="location">{e(label)}</span>'
        return (f'<span itemprop="location" itemscope itemtype="https://schema.org/VirtualLocation">'
                f'<span itemprop="name">{e(label)}</span></span>')
    name, street, plz, written, _ = VENUES[run["venue"]]
    if style == 1:
        return (f'<span itemprop="location" itemscope itemtype="https://schema.org/Place">'
                f'<span itemprop="name">{e(name)}</span>, '
                f'<span itemprop="address">{e(street)}, {plz} {e(written)}</span></span>')
    return (f'<span itemprop="location" itemscope itemtype="https://schema.org/Place">'
            f'<span itemprop="name">{e(name)}</span><br>\n'
            f'          <span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
            f'<span itemprop="streetAddress">{e(street)}</span>, <span itemprop="postalCode">{plz}</span> '
            f'<span itemprop="addressLocality">{e(written)}</span></span></span>')


def offer_md(run: dict, style: int) -> str:
    price = run["price"]
    if price is None:
        return ('<span itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
                '<span itemprop="description">Preis auf Anfrage</span></span>')
    if style == 1:  # visible text only
        shown = "kostenfrei" if price == 0 else ""
        value = f'<span itemprop="price">{money(price)}</span> <span itemprop="priceCurrency">EUR</span>'
        if shown:
            value = f'<meta itemprop="price" content="0"><meta itemprop="priceCurrency" content="EUR">{shown}'
        return f'<span itemprop="offers" itemscope itemtype="https://schema.org/Offer">{value}</span>'
    shown = "kostenfrei" if price == 0 else f"{money(price)}&nbsp;€"
    content = f"{price:.2f}" if style == 0 else (str(int(price)) if price == int(price) else f"{price:.2f}")
    return (f'<span itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
            f'<meta itemprop="priceCurrency" content="EUR"><span itemprop="price" content="{content}">{shown}</span>'
            f'</span>')


def run_row(course: dict, run: dict, n: int) -> str:
    style = course["style"]
    fmt = run["fmt"]
    ident = f'<meta itemprop="identifier" content="{run["ref"]}">'
    if run["start"] is None:
        when = f'<span itemprop="courseSchedule">{e(run["schedule"])}</span>'
    elif style == 0:
        end = ""
        if run["end"] != run["start"] or run.get("one_day_end", True):
            end = (f' – <time itemprop="endDate" datetime="{run["end"].isoformat()}">{ger(run["end"])}</time>'
                   if run["end"] != run["start"] else
                   f'<meta itemprop="endDate" content="{run["end"].isoformat()}">')
        when = f'<time itemprop="startDate" datetime="{run["start"].isoformat()}">{ger(run["start"])}</time>{end}'
    elif style == 1:
        when = f'Beginn: <span itemprop="startDate">{ger(run["start"])}</span>'
        if run["end"] != run["start"]:
            when += f', Ende: <span itemprop="endDate">{ger(run["end"])}</span>'
    else:
        t0, t1 = run.get("time", ("09:00", "16:00"))
        off = "+02:00" if 4 <= run["start"].month <= 10 else "+01:00"
        when = (f'<meta itemprop="startDate" content="{run["start"].isoformat()}T{t0}:00{off}">'
                f'<meta itemprop="endDate" content="{run["end"].isoformat()}T{t1}:00{off}">'
                f'{WD[run["start"].weekday()]}, {ger(run["start"])}')
        if run["end"] != run["start"]:
            when += f' – {WD[run["end"].weekday()]}, {ger(run["end"])}'
        when += f', {t0.lstrip("0")}–{t1.lstrip("0")} Uhr'
    if style == 0:
        mode = f'<meta itemprop="courseMode" content="{MODE_CODES.get(fmt, "online")}">{MODE_WORDS[fmt]}'
        if fmt == "selfpaced":
            mode = f'<span itemprop="courseMode">{MODE_WORDS[fmt]}</span>'
    elif style == 1:
        mode = f'<span itemprop="courseMode">{MODE_WORDS[fmt]}</span>'
    else:
        mode = f'<link itemprop="eventAttendanceMode" href="{ATTENDANCE[fmt]}">{MODE_WORDS[fmt]}'
    load = workload(course, run, iso=style == 2)
    load_md = ""
    if load:
        load_md = (f'<meta itemprop="courseWorkload" content="{a(load)}">' if style == 2
                   else f'<span itemprop="courseWorkload">{e(load)}</span>')
    place = place_md(run, style, n)
    offer = offer_md(run, style)
    attrs = 'itemprop="hasCourseInstance" itemscope itemtype="https://schema.org/CourseInstance"'
    if style == 0:
        return f"""      <tr {attrs}>
        <td>{ident}{when}</td>
        <td>{mode}</td>
        <td>{place}</td>
        <td>{load_md}</td>
        <td>{offer}</td>
      </tr>"""
    if style == 1:
        return f"""    <div class="termin" {attrs}>
      <h3>Kursnummer <span itemprop="identifier">{run["ref"]}</span></h3>
      <p>{when}</p>
      <p>Form: {mode}</p>
      <p>Ort: {place}</p>
      <p>Umfang: {load_md}</p>
      <p>Preis: {offer}</p>
    </div>"""
    return f"""      <li {attrs}>{ident}
        <strong>{when}</strong> &middot; {mode} &middot; {place} &middot; {offer}{load_md}
      </li>"""


def jsonld(course: dict) -> str:
    """What the CMS's SEO plugin adds: a leaner copy of the course (with or without its runs)."""
    data = {"@context": "https://schema.org", "@type": "Course", "name": course["title"],
            "description": course["desc"][0][:120].rsplit(" ", 1)[0] + " …",
            "provider": {"@type": "Organization", "name": PROVIDER, "sameAs": f"/{SITE}/index.html"}}
    if course["jsonld"] == "runs":
        data["hasCourseInstance"] = [
            {"@type": "CourseInstance", "courseMode": MODE_CODES.get(r["fmt"], "online"),
             "startDate": f"{r['start'].isoformat()}T09:00:00+01:00"} for r in course["runs"]]
    return ('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False)
            + "</script>")


NAV = [("Start", f"/{SITE}/index.html"), ("Kurse", f"/{SITE}/kurse/index.html"),
       ("Förderung", f"/{SITE}/kurse/foerderung.html"), ("Kontakt", f"/{SITE}/kontakt.html"),
       ("Impressum", f"/{SITE}/impressum.html")]


def page(title: str, body: str, head: str = "") -> str:
    nav = "\n".join(f'      <li><a href="{href}">{e(label)}</a></li>' for label, href in NAV)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} | ZWF Freiberg-Erzgebirge</title>{head}
</head>
<body>
  <header>
    <p class="logo"><a href="/{SITE}/index.html">Zentrum für Weiterbildung Freiberg-Erzgebirge</a></p>
    <nav><ul>
{nav}
    </ul></nav>
  </header>
  <main>
{body}
  </main>
  <footer>
    <p>Zentrum für Weiterbildung Freiberg-Erzgebirge &middot; Halsbrücker Straße 34 &middot; 09599 Freiberg
       &middot; <a href="/{SITE}/impressum.html">Impressum</a></p>
  </footer>
</body>
</html>
"""


def course_page(course: dict) -> str:
    style = course["style"]
    rows = [run_row(course, run, i) for i, run in enumerate(course["runs"]) if not course.get("no_runs")]
    if course.get("no_runs"):
        runs = """    <h2>Termine</h2>
    <p>Termin, Ort und Dauer nach Vereinbarung – in Ihrem Unternehmen oder bei uns.</p>
    <p>Preis: <span itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="description">Preis auf Anfrage</span></span></p>"""
    elif style == 0:
        runs = ("    <h2>Termine</h2>\n    <table class=\"termine\">\n      <tr><th>Datum</th><th>Form</th><th>Ort</th>"
                "<th>Umfang</th><th>Preis</th></tr>\n" + "\n".join(rows) + "\n    </table>")
    elif style == 1:
        runs = "    <h2>Termine</h2>\n" + "\n".join(rows)
    else:
        runs = "    <h2>Termine</h2>\n    <ul class=\"termine\">\n" + "\n".join(rows) + "\n    </ul>"
    paras = "\n".join(f"      <p>{e(p)}</p>" for p in course["desc"])
    facts = []
    if course["length"] and style == 2:
        facts.append(f'<dt>Dauer</dt><dd>{e(course["length"][0]) if not course["length"][0].startswith("PT") else str(course["length"][1]).replace(".0", "") + " Zeitstunden"}</dd>')
    facts.append(f'<dt>Abschluss</dt><dd itemprop="educationalCredentialAwarded">{e(course["cert"][0])}</dd>')
    if course["funding"]:
        facts.append(f'<dt>Förderung</dt><dd itemprop="financialAidEligible">{e(course["funding"][0])}</dd>')
    lang = f'\n    <meta itemprop="inLanguage" content="{course["lang"]}">' if course.get("lang") else (
        '\n    <meta itemprop="inLanguage" content="de">' if style == 0 else "")
    url = f'\n    <link itemprop="url" href="{course_url(course)}">' if style != 1 else ""
    head = ("\n" + jsonld(course)) if course.get("jsonld") else ""
    title = e(course["title"]).replace("–", "&ndash;") if style == 1 else e(course["title"])
    body = f"""    <p class="brotkrumen"><a href="/{SITE}/kurse/index.html">Kurse</a> &rsaquo; {e(course['about'])}</p>
    <article itemscope itemtype="https://schema.org/Course">
    <h1 itemprop="name">{title}</h1>{url}
    <meta itemprop="courseCode" content="{course['code']}">{lang}
    <span itemprop="provider" itemscope itemtype="https://schema.org/EducationalOrganization"><meta itemprop="name" content="{a(PROVIDER)}"></span>
    <p class="bereich">Bereich: <span itemprop="about">{e(course['about'])}</span></p>
    <div itemprop="description">
{paras}
    </div>
    <dl class="eckdaten">{''.join(facts)}</dl>
{runs}
    <p><a class="button" href="/{SITE}/kontakt.html">Jetzt anmelden</a></p>
    </article>"""
    return page(course["title"], body, head)


def archive_page(old: dict) -> str:
    rows = []
    for i, (start, end, venue) in enumerate(old["runs"]):
        course = {"style": 0, "length": UE(8)}
        run = R(start, end, "onsite", venue, 150.0, ref=f"ZWF-ALT-{i}")
        rows.append(run_row(course, run, i))
    body = f"""    <article itemscope itemtype="https://schema.org/Course">
    <h1 itemprop="name">{e(old['title'])}</h1>
    <div itemprop="description"><p>Dieser Kurs wird derzeit nicht angeboten.</p></div>
    <table class="termine">
{chr(10).join(rows)}
    </table>
    </article>"""
    return page(old["title"], body)


def overview_page() -> str:
    items = "\n".join(
        f'      <li itemprop="itemListElement" itemscope itemtype="https://schema.org/Course">'
        f'<a itemprop="url" href="{course_url(c)}"><span itemprop="name">{e(c["title"])}</span></a>'
        f'<br><span itemprop="description">{e(c["desc"][0])}</span></li>' for c in COURSES)
    body = f"""    <h1>Unsere Kurse 2027</h1>
    <p>Alle Kurse finden Sie auch in unserem Programmheft. Termine stehen auf der Seite des Kurses.</p>
    <ul class="kursliste" itemscope itemtype="https://schema.org/ItemList">
{items}
    </ul>"""
    return page("Kurse", body)


def simple_page(title: str, paras: list[str]) -> str:
    return page(title, f"    <h1>{e(title)}</h1>\n" + "\n".join(f"    <p>{e(p)}</p>" for p in paras))


STATIC = {
    "index.html": ("Willkommen", ["Das Zentrum für Weiterbildung Freiberg-Erzgebirge bietet Kurse zu Office, IT, "
                                  "Digitalisierung, Projektmanagement und Sprachen in Freiberg, Annaberg-Buchholz "
                                  "und Marienberg sowie live online."]),
    "kontakt.html": ("Kontakt", ["Telefon 03731 4477-0, kurse@zwf-freiberg.example", "Halsbrücker Straße 34, 09599 Freiberg"]),
    "impressum.html": ("Impressum", ["Fiktive Demo-Seite für das Weiterbildungsportal Erzgebirge. Alle Angebote, "
                                     "Personen und Adressen sind erfunden."]),
    "aktuelles/ki-sprechstunde.html": ("Neu: offene KI-Sprechstunde", [
        "Jeden ersten Mittwoch im Monat beantworten unsere Dozenten Ihre Fragen zu KI-Werkzeugen – kostenlos "
        "und ohne Anmeldung."]),
    "kurse/foerderung.html": ("Förderung Ihrer Weiterbildung", [
        "Viele unserer Kurse sind mit Bildungsgutschein, nach dem Qualifizierungschancengesetz oder mit dem "
        "Weiterbildungsscheck Sachsen förderfähig. Welche Förderung möglich ist, steht auf der Seite des Kurses.",
        "Wir beraten Sie gern zu Ihren Möglichkeiten."]),
}


# ---------------------------------------------------------------------------------------------
# Sitemaps
# ---------------------------------------------------------------------------------------------
LASTMODS = ["2026-10-14", "2026-10-14T09:12:44+02:00", "2026-11-02T08:00:00Z", "2026-09-30", "2026-11-19T16:45:10+01:00"]


def urlset(entries: list[tuple[str, str | None, str | None]]) -> str:
    rows = []
    for loc, lastmod, image in entries:
        lm = f"\n    <lastmod>{lastmod}</lastmod>" if lastmod else ""
        img = f"\n    <image:image><image:loc>{image}</image:loc></image:image>" if image else ""
        rows.append(f"  <url>\n    <loc>{loc}</loc>{lm}{img}\n  </url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SM}" '
            f'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n' + "\n".join(rows) + "\n</urlset>\n")


def sitemaps() -> list[tuple[str, str]]:
    courses = [(f"/{SITE}/kurse/index.html", "2026-11-20", None),
               (f"/{SITE}/kurse/foerderung.html", "2026-08-03", None)]
    for i, c in enumerate(COURSES):
        lastmod = None if c["slug"] == "word-grundlagen" else LASTMODS[i % len(LASTMODS)]
        courses.append((course_url(c), lastmod, f"/{SITE}/bilder/{c['slug']}.jpg" if i % 4 == 0 else None))
    for old in ARCHIVE:
        courses.insert(5, (f"/{SITE}/kurse/archiv/{old['slug']}.html", old["lastmod"], None))
    pages = [(f"/{SITE}/index.html", "2026-11-20", None), (f"/{SITE}/aktuelles/ki-sprechstunde.html", "2026-11-05", None),
             (f"/{SITE}/kontakt.html", "2025-03-01", None), (f"/{SITE}/impressum.html", "2024-06-12", None)]
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="{SM}">
  <sitemap>
    <loc>/{SITE}/sitemap-kurse.xml</loc>
    <lastmod>2026-11-20T06:00:00+01:00</lastmod>
  </sitemap>
  <sitemap>
    <loc>/{SITE}/sitemap-seiten.xml</loc>
    <lastmod>2026-11-20T06:00:00+01:00</lastmod>
  </sitemap>
</sitemapindex>
"""
    return [("sitemap.xml", index), ("sitemap-kurse.xml", urlset(courses)), ("sitemap-seiten.xml", urlset(pages))]


# ---------------------------------------------------------------------------------------------
# Validation of the written site
# ---------------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.links, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()


def validate(expected: list[dict]) -> None:
    for path in (p for p in OUT.rglob("*") if p.is_file()):
        if path.suffix == ".xml":
            ET.parse(path)
            for loc in ET.parse(path).getroot().iter(f"{{{SM}}}loc"):
                if not loc.text.endswith(".jpg"):
                    assert (OUT.parent / loc.text.lstrip("/")).is_file(), loc.text
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


def main() -> None:
    expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = [(f"kurse/{c['slug']}.html", course_page(c)) for c in COURSES]
    outputs += [(f"kurse/archiv/{o['slug']}.html", archive_page(o)) for o in ARCHIVE]
    outputs.append(("kurse/index.html", overview_page()))
    outputs += [(rel, simple_page(title, paras)) for rel, (title, paras) in STATIC.items()]
    outputs += sitemaps()
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    print(f"{SITE}: {len(COURSES)} courses, {len(expected)} offers, {len(ARCHIVE)} archived pages -> {OUT}")


if __name__ == "__main__":
    main()
