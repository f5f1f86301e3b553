#!/usr/bin/env python3
"""Generator of the demo site `bzh` (Bildungszentrum des Handwerks Erzgebirge).

The training centre of the crafts publishes its programme as an XML course export of the kind
course databases import (open-Qcat / DIN PAS 1045 style, German element names, one default
namespace), split over two files:

    /bzh/export/kurse.xml      first page; <Seiteninfo><NaechsteSeite> names the second page
    /bzh/export/kurse-2.xml    second page (older export module: German dates and prices)
    /bzh/kurse/<slug>.html     one human page per course (the offers' URLs; not crawled)
    /bzh/index.html            start page linking the export

An <Angebot> is a course with nested <Termin> runs (<Durchfuehrungen>). Runs carry start and
end (ISO, ISO date-time or German), the length as a number with a unit attribute, the price as a
number with a currency attribute, the delivery form and a venue (<Veranstaltungsort> with name,
street, postal code and town). Descriptions are CDATA with some HTML (or escaped HTML); funding
programmes are listed with a `zulaessig="ja|nein"` flag; one <Angebot typ="Hinweis"> is a notice,
not a course. One course gives a booking link per run (with a query) instead of its course page.

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/bzh.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

SITE = "bzh"
PROVIDER = "Bildungszentrum des Handwerks Erzgebirge"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
NS = "http://www.bzh-erzgebirge.de/schema/kursexport/1.2"
FIRST_DAY, LAST_DAY = date(2027, 1, 4), date(2027, 12, 17)
PAGE_ONE = 9  # courses on the first export page


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, the town as the export writes it, canonical town.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "ab": ("BZH Annaberg-Buchholz, Lehrwerkstätten", "Schlettauer Straße 40", "09456", "Annaberg-Buchholz",
           "Annaberg-Buchholz"),
    "abs": ("Schweißtechnische Lehranstalt des BZH", "Schlettauer Straße 42", "09456", "Annaberg-Buchholz",
            "Annaberg-Buchholz"),
    "abt": ("BZH Annaberg-Buchholz, Theoriegebäude", "Schlettauer Straße 38", "09456", "Annaberg",
            "Annaberg-Buchholz"),
    "aue": ("BZH Standort Aue", "Lößnitzer Straße 15", "08280", "Aue", "Aue-Bad Schlema"),
    "sbg": ("BZH Standort Schwarzenberg", "Karlsbader Straße 9", "08340", "Schwarzenberg",
            "Schwarzenberg/Erzgeb."),
    "mb": ("Technologiezentrum Marienberg", "Am Steinweg 6", "09496", "Marienberg", "Marienberg"),
}
ONLINE_NAME = "Online (virtuelles Klassenzimmer)"

# Delivery forms as the export writes them (<Lernform>), by format id.
FORMS = {"onsite": ["Präsenz", "Präsenzunterricht"],
         "online": ["Live-Online (virtuelles Klassenzimmer)", "Online"],
         "blended": ["Blended Learning (Präsenz und online)", "Blended Learning"]}

# Funding programmes: the export's code and label, the schema id.
FUNDING = {"AFBG": ("Aufstiegs-BAföG", "aufstiegs_bafoeg"),
           "BGS": ("Bildungsgutschein (AZAV)", "bildungsgutschein"),
           "QCG": ("Qualifizierungschancengesetz", "qcg"),
           "WBS": ("Weiterbildungsscheck Sachsen", "weiterbildungsscheck")}

C_HWK = ("Prüfung vor der Handwerkskammer Chemnitz", "hwk_exam")
C_ZERT = ("Zertifikat des Bildungszentrums", "provider_certificate")
C_TN = ("Teilnahmebescheinigung", "attendance")
C_SCHWEISS = ("Schweißerprüfungsbescheinigung nach DIN EN ISO 9606-1", "provider_certificate")


def R(start: date | None, end: date | None, fmt: str, venue: str | None, price: float | None, **kw) -> dict:
    """One run. kw: ue/std/tage (length), zeiten, hinweis (date note), form (label index), exam (fee)."""
    return {"start": start, "end": end, "fmt": fmt, "venue": venue, "price": price, **kw}


# ---------------------------------------------------------------------------------------------
# Courses. desc: paragraphs; items: bullet list (rendered as <ul>, part of the description).
# length: ("UE"|"Std"|"Tage", n) for the course (a run may override it with `length`).
# ---------------------------------------------------------------------------------------------
COURSES = [
    {
        "id": "BZH-M12-TI", "slug": "meister-tischler", "cat": "meister", "fach": "Meisterschule",
        "title": "Meistervorbereitung Teil I und II – Tischler-Handwerk",
        "desc": ["Der Lehrgang bereitet Tischlergesellinnen und -gesellen auf die fachpraktische und "
                 "fachtheoretische Meisterprüfung vor. Im Mittelpunkt stehen Entwurf, Konstruktion und "
                 "Fertigung eines Meisterstücks sowie Kalkulation und Auftragsabwicklung im Tischlerbetrieb.",
                 "Die Werkstattphasen finden in unseren Lehrwerkstätten mit CNC-Bearbeitungszentrum statt."],
        "items": ["Gestaltung und Konstruktion", "Fertigungstechnik und Arbeitsplanung", "Meisterprüfungsprojekt"],
        "length": ("UE", 1160), "funding": ["AFBG", "-BGS"], "cert": C_HWK,
        "runs": [
            R(d(2027, 1, 11), d(2027, 7, 2), "onsite", "ab", 8950.0, zeiten="Vollzeit, Mo–Fr 7:30–15:45 Uhr",
              exam=1150.0),
            R(d(2027, 8, 16), d(2027, 12, 17), "onsite", "ab", 8950.0, zeiten="Vollzeit, Mo–Fr 7:30–15:45 Uhr",
              exam=1150.0, form=1),
        ],
    },
    {
        "id": "BZH-M12-EL", "slug": "meister-elektro", "cat": "meister", "fach": "Meisterschule",
        "title": "Meistervorbereitung Teil I und II – Elektrotechniker-Handwerk",
        "desc": ["Angehende Meisterinnen und Meister im Elektrotechniker-Handwerk (Schwerpunkt Energie- und "
                 "Gebäudetechnik) erarbeiten die Inhalte der Prüfungsteile I und II: Planung und Errichtung "
                 "elektrischer Anlagen, Gebäudesystemtechnik, Photovoltaik und Ladeinfrastruktur."],
        "items": ["Elektrische Anlagen planen und prüfen", "KNX und Gebäudeautomation", "Auftragsabwicklung"],
        "length": ("UE", 1240), "funding": ["AFBG"], "cert": C_HWK,
        "runs": [
            R(d(2027, 2, 1), d(2027, 9, 24), "onsite", "abt", 9480.0, zeiten="Vollzeit", exam=1280.0),
            R(d(2027, 3, 6), d(2027, 12, 11), "blended", "abt", 9780.0,
              zeiten="berufsbegleitend: Fr 15:00–20:15 Uhr online, Sa 7:30–14:45 Uhr in Präsenz", exam=1280.0),
        ],
    },
    {
        "id": "BZH-M12-KFZ", "slug": "meister-kfz", "cat": "meister", "fach": "Meisterschule",
        "title": "Meistervorbereitung Teil I und II – Kraftfahrzeugtechniker-Handwerk",
        "desc": ["Vorbereitung auf die Meisterprüfung im Kraftfahrzeugtechniker-Handwerk mit den Schwerpunkten "
                 "System- und Hochvolttechnik sowie Karosserie- und Fahrzeugbautechnik. Diagnose an modernen "
                 "Fahrzeugen übt die Gruppe in der Kfz-Lehrwerkstatt in Aue."],
        "items": [], "length": ("UE", 1300), "funding": ["AFBG", "-WBS"], "cert": C_HWK,
        "runs": [R(d(2027, 1, 18), d(2027, 10, 29), "onsite", "aue", 9950.0, zeiten="Vollzeit", exam=1390.0)],
    },
    {
        "id": "BZH-M3", "slug": "meister-teil-3", "cat": "meister", "fach": "Meisterschule",
        "title": "Meistervorbereitung Teil III – Betriebswirtschaft und Recht",
        "desc": ["Teil III ist für alle Gewerke gleich: Rechnungswesen, Kalkulation, Marketing, Personalwesen "
                 "und Recht. Sie lernen, einen Handwerksbetrieb wirtschaftlich zu führen und bereiten sich mit "
                 "Übungsklausuren gezielt auf die Prüfung vor."],
        "items": ["Wettbewerbsfähigkeit von Unternehmen beurteilen", "Gründungs- und Übernahmeaktivitäten",
                  "Unternehmensführungsstrategien entwickeln"],
        "length": ("UE", 240), "funding": ["AFBG", "-BGS"], "cert": C_HWK,
        "runs": [
            R(d(2027, 1, 4), d(2027, 2, 26), "onsite", "abt", 2450.0, zeiten="Vollzeit, Mo–Fr 8:00–15:15 Uhr",
              exam=395.0),
            R(d(2027, 4, 9), d(2027, 11, 27), "onsite", "sbg", 2450.0,
              zeiten="berufsbegleitend, Fr 16:00–20:15 Uhr und Sa 8:00–13:00 Uhr", exam=395.0, form=1),
            R(d(2027, 9, 6), d(2027, 12, 16), "online", None, 2290.0,
              zeiten="Teilzeit online, Mo und Do 17:30–20:45 Uhr", exam=395.0),
        ],
    },
    {
        "id": "BZH-M4", "slug": "meister-teil-4", "cat": "meister", "fach": "Meisterschule",
        "title": "Meistervorbereitung Teil IV – Berufs- und Arbeitspädagogik",
        "desc": ["Mit Teil IV weisen Sie Ihre Eignung als Ausbilderin oder Ausbilder nach. Die bestandene "
                 "Prüfung gilt zugleich als Ausbildereignungsprüfung nach AEVO."],
        "items": ["Ausbildungsvoraussetzungen prüfen", "Ausbildung vorbereiten und durchführen",
                  "Ausbildung abschließen"],
        "length": ("UE", 120), "funding": ["AFBG", "-QCG"], "cert": C_HWK,
        "runs": [
            R(d(2027, 3, 1), d(2027, 3, 19), "onsite", "abt", 690.0, zeiten="Vollzeit (Kompaktkurs)", exam=240.0),
            R(d(2027, 4, 12), d(2027, 6, 28), "online", None, 640.0, zeiten="Mo und Mi 17:30–20:45 Uhr",
              exam=240.0, form=1),
            R(d(2027, 6, 7), d(2027, 6, 25), "onsite", "aue", 690.0, zeiten="Vollzeit (Kompaktkurs)", exam=240.0),
            R(d(2027, 10, 4), d(2027, 10, 22), "onsite", "sbg", 690.0, zeiten="Vollzeit", exam=240.0),
        ],
    },
    {
        "id": "BZH-REST", "slug": "restaurator-im-handwerk", "cat": "meister", "fach": "Holz und Gestaltung",
        "title": "Restaurator/in im Handwerk – Fortbildung für Meister und Gesellen",
        "desc": ["Die Aufstiegsfortbildung vermittelt Befund, Dokumentation und Restaurierung historischer "
                 "Bausubstanz und Ausstattung – vom Fachwerkhaus bis zur Kirchenbank. Zugelassen sind "
                 "Meisterinnen und Meister sowie Gesellinnen und Gesellen mit Berufserfahrung der Gewerke "
                 "Tischler, Maler und Lackierer, Maurer, Zimmerer und Stuckateur."],
        "items": ["Denkmalpflege und Baugeschichte", "Restaurierungsethik", "Praxisprojekte an Baudenkmalen im Erzgebirge"],
        "length": ("UE", 620), "funding": ["AFBG"], "cert": ("Fortbildungsprüfung vor der Handwerkskammer", "hwk_exam"),
        "runs": [R(d(2027, 2, 19), d(2027, 12, 4), "onsite", "mb", 5890.0,
                   zeiten="berufsbegleitend, 14-tägig Fr 14:00–19:15 Uhr und Sa 8:00–15:15 Uhr", exam=640.0)],
    },
    {
        "id": "BZH-BW", "slug": "betriebswirt-hwo", "cat": "meister", "fach": "Unternehmensführung",
        "title": "Betriebswirt/in (HwO) – Unternehmensführung im Handwerk",
        "desc": ["Die höchste kaufmännische Fortbildung im Handwerk für Meisterinnen und Meister, die einen "
                 "Betrieb führen oder übernehmen wollen: Unternehmensstrategie, Personalmanagement, "
                 "Innovationsmanagement und Finanzierung. Präsenztage in Marienberg wechseln mit "
                 "Online-Abenden."],
        "items": [], "length": ("UE", 500), "funding": ["AFBG", "-BGS", "-WBS"],
        "cert": ("Prüfung vor der Handwerkskammer Chemnitz zum Abschluss Betriebswirt/in (HwO)", "hwk_exam"),
        "runs": [R(d(2027, 3, 5), d(2027, 12, 10), "blended", "mb", 4790.0,
                   zeiten="berufsbegleitend, Fr online, Sa in Präsenz", exam=520.0)],
    },
    {
        "id": "BZH-S135", "slug": "mag-schweissen", "cat": "schweissen", "fach": "Schweißtechnik",
        "title": "MAG-Schweißen (135) – Lehrgang mit Schweißerprüfung nach DIN EN ISO 9606-1",
        "desc": ["Metallaktivgasschweißen von Kehl- und Stumpfnähten an Blech und Rohr in allen Positionen. "
                 "Die Schweißerprüfung legen Sie am Ende des Lehrgangs vor dem Prüfer der Lehranstalt ab; "
                 "Einstiegsniveau und Übungszeit stimmen wir nach einer Arbeitsprobe mit Ihnen ab."],
        "items": ["Gerätetechnik und Schutzgase", "Kehlnähte P FW, Stumpfnähte P BW", "Prüfungsvorbereitung"],
        "length": ("UE", 80), "funding": ["BGS", "WBS"], "cert": C_SCHWEISS, "booking": True,
        "runs": [
            R(d(2027, 1, 25), d(2027, 2, 5), "onsite", "abs", 1450.0, ref="BZH-S135-2701"),
            R(d(2027, 4, 5), d(2027, 4, 16), "onsite", "abs", 1450.0, ref="BZH-S135-2704"),
            R(d(2027, 6, 14), d(2027, 6, 25), "onsite", "aue", 1450.0, ref="BZH-S135-2706"),
            R(d(2027, 9, 13), d(2027, 9, 24), "onsite", "abs", 1490.0, ref="BZH-S135-2709"),
        ],
    },
    {
        "id": "BZH-S141", "slug": "wig-schweissen", "cat": "schweissen", "fach": "Schweißtechnik",
        "title": "WIG-Schweißen (141) an Edelstahl und Aluminium",
        "desc": ["Wolfram-Inertgasschweißen für Fachkräfte aus Metallbau, Anlagenbau und SHK: Nahtvorbereitung, "
                 "Zusatzwerkstoffe, Formiergas und das Schweißen dünnwandiger Rohre aus Edelstahl und "
                 "Aluminium."],
        "items": [], "length": ("UE", 60), "funding": ["WBS"], "cert": C_SCHWEISS,
        "runs": [
            R(d(2027, 3, 8), d(2027, 3, 17), "onsite", "abs", 1290.0),
            R(d(2027, 10, 11), d(2027, 10, 20), "onsite", "abs", 1290.0),
        ],
    },
    # ------------------------------------------------------------------ second export page
    {
        "id": "BZH-S111", "slug": "lichtbogenhandschweissen", "cat": "schweissen", "fach": "Schweißtechnik",
        "title": "Lichtbogenhandschweißen (111) – Grundlehrgang",
        "desc": ["Der Einstieg in das Schweißen mit Stabelektroden: Arbeitsschutz, Elektrodenwahl, Zünden und "
                 "Führen des Lichtbogens, Kehlnähte in Wannen- und Horizontalposition."],
        "items": [], "length": ("Std", 40), "funding": [], "cert": C_TN,
        "runs": [
            R(d(2027, 2, 15), d(2027, 2, 19), "onsite", "abs", 590.0),
            R(d(2027, 11, 8), d(2027, 11, 12), "onsite", "sbg", 590.0),
        ],
    },
    {
        "id": "BZH-SWP", "slug": "schweisser-wiederholungspruefung", "cat": "schweissen", "fach": "Schweißtechnik",
        "title": "Schweißer-Wiederholungsprüfung und Verlängerung nach DIN EN ISO 9606-1",
        "desc": ["Verlängerung und Wiederholungsprüfung Ihrer Schweißerprüfung in den Prozessen 111, 135, 136 "
                 "und 141. Termin und Umfang der Übungszeit richten sich nach Ihren Prüfungen."],
        "items": [], "length": None, "funding": [], "cert": C_SCHWEISS,
        "runs": [R(None, None, "onsite", "abs", None, hinweis="Termin nach Vereinbarung",
                   preis_hinweis="Preis auf Anfrage")],
    },
    {
        "id": "BZH-LOET", "slug": "hartloeten-kupferrohr", "cat": "schweissen", "fach": "Sanitär, Heizung, Klima",
        "title": "Hartlöten von Kupferrohr – Lötkurs für SHK-Handwerker",
        "desc": ["Weich- und Hartlöten von Kupferrohren für Trinkwasser-, Heizungs- und Gasinstallationen "
                 "nach DVGW-Arbeitsblatt GW 2. Mit praktischen Übungen am Brenner."],
        "items": [], "length": ("UE", 16), "funding": ["WBS"], "cert": C_TN,
        "runs": [
            R(d(2027, 2, 26), d(2027, 2, 27), "onsite", "aue", 340.0),
            R(d(2027, 9, 3), d(2027, 9, 4), "onsite", "abs", 340.0),
        ],
    },
    {
        "id": "BZH-KAELTE", "slug": "kaelteschein-kategorie-1", "cat": "qualitaet_umwelt",
        "fach": "Kälte- und Klimatechnik",
        "title": "Kälteschein Kategorie I – Sachkunde nach Chemikalien-Klimaschutzverordnung",
        "desc": ["Wer an Kälte- und Klimaanlagen oder Wärmepumpen mit fluorierten Treibhausgasen arbeitet, "
                 "braucht den Sachkundenachweis nach EU-Verordnung 2024/573. Theorie und praktische Prüfung an "
                 "Übungsanlagen finden an drei Tagen statt."],
        "items": ["Dichtheitskontrolle", "Rückgewinnung von Kältemitteln", "Umgang mit natürlichen Kältemitteln"],
        "length": ("UE", 24), "funding": ["WBS"],
        "cert": ("Zertifikat Kategorie I nach bestandener Prüfung", "provider_certificate"),
        "runs": [
            R(d(2027, 1, 27), d(2027, 1, 29), "onsite", "ab", 895.0, exam=120.0),
            R(d(2027, 5, 19), d(2027, 5, 21), "onsite", "aue", 895.0, exam=120.0),
            R(d(2027, 11, 17), d(2027, 11, 19), "onsite", "ab", 925.0, exam=120.0),
        ],
    },
    {
        "id": "BZH-EFKFFT", "slug": "efkfft", "cat": "elektro", "fach": "Elektro- und Fahrzeugtechnik",
        "title": "Elektrofachkraft für festgelegte Tätigkeiten (EFKffT) im Handwerk",
        "desc": ["SHK-Betriebe tauschen Pumpen und Steuerungen, Tischler schließen Küchengeräte an: Der Lehrgang "
                 "qualifiziert Fachkräfte anderer Gewerke, genau festgelegte elektrotechnische Arbeiten sicher "
                 "und nach DGUV Vorschrift 3 auszuführen."],
        "items": [], "length": ("UE", 80), "funding": ["BGS", "QCG"],
        "cert": ("Zertifikat Elektrofachkraft für festgelegte Tätigkeiten", "provider_certificate"),
        "runs": [
            R(d(2027, 3, 15), d(2027, 3, 26), "onsite", "ab", 1380.0),
            R(d(2027, 9, 20), d(2027, 10, 1), "onsite", "aue", 1380.0),
        ],
    },
    {
        "id": "BZH-HV2S", "slug": "hochvolt-stufe-2s", "cat": "elektro", "fach": "Elektro- und Fahrzeugtechnik",
        "title": "Hochvolt-Qualifizierung für Kfz-Werkstätten – Stufe 2S",
        "desc": ["Arbeiten an spannungsfrei geschalteten Hochvolt-Systemen von Elektro- und Hybridfahrzeugen: "
                 "Freischalten, Sichern gegen Wiedereinschalten, Feststellen der Spannungsfreiheit."],
        "items": [], "length": ("Tage", 2), "funding": ["WBS"],
        "cert": ("Befähigungsnachweis nach DGUV Information 209-093", "dguv"),
        "runs": [
            R(d(2027, 4, 22), d(2027, 4, 23), "onsite", "aue", 520.0),
            R(d(2027, 10, 28), d(2027, 10, 29), "onsite", "aue", 520.0, price_style="de"),
        ],
    },
    {
        "id": "BZH-AU", "slug": "au-schulung", "cat": "bau_handwerk", "fach": "Elektro- und Fahrzeugtechnik",
        "title": "AU-Schulung für Kfz-Werkstätten – Abgasuntersuchung Otto und Diesel",
        "desc": ["Pflichtschulung für verantwortliche Personen in anerkannten AU-Werkstätten: Rechtsgrundlagen, "
                 "Messtechnik und Ablauf der Abgasuntersuchung an Otto- und Dieselmotoren, OBD-Prüfung."],
        "items": [], "length": ("UE", 8), "funding": [], "cert": C_TN,
        "runs": [
            R(d(2027, 2, 10), d(2027, 2, 10), "onsite", "aue", 185.0, zeiten="8:00–15:00 Uhr"),
            R(d(2027, 6, 9), d(2027, 6, 9), "online", None, 165.0, zeiten="8:30–15:00 Uhr", form=1),
            R(d(2027, 11, 24), d(2027, 11, 24), "onsite", "aue", 185.0, zeiten="8:00–15:00 Uhr"),
        ],
    },
    {
        "id": "BZH-OBERFL", "slug": "oberflaechentechnik-tischler", "cat": "holz", "fach": "Holz und Gestaltung",
        "title": "Oberflächentechnik für Tischler – Lackieren und Ölen von Massivholz",
        "desc": ["Vom Schleifen über das Beizen bis zur fertigen Oberfläche: Sie vergleichen Lacksysteme, Öle "
                 "und Wachse, üben Spritztechnik in der Lackierkabine und lernen, typische Fehler zu vermeiden."],
        "items": [], "length": ("UE", 24), "funding": ["WBS"], "cert": C_ZERT,
        "runs": [
            R(d(2027, 3, 4), d(2027, 3, 6), "onsite", "ab", 560.0),
            R(d(2027, 9, 23), d(2027, 9, 25), "onsite", "mb", 560.0),
        ],
    },
    {
        "id": "BZH-GEB", "slug": "gebaeudeenergieberater", "cat": "qualitaet_umwelt", "fach": "Energie und Umwelt",
        "title": "Energieberatung für Wohngebäude – Gebäudeenergieberater/in (HWK)",
        "desc": ["Die Fortbildung befähigt Meisterinnen und Meister sowie Technikerinnen und Techniker der "
                 "Bau- und Ausbaugewerke, Wohngebäude energetisch zu bewerten, Sanierungsfahrpläne zu erstellen "
                 "und Fördermittel für ihre Kunden zu beantragen."],
        "items": ["Bauphysik und Anlagentechnik", "Gebäudeenergiegesetz", "Individueller Sanierungsfahrplan"],
        "length": ("UE", 240), "funding": ["BGS", "QCG"],
        "cert": ("Abschlussprüfung vor der Handwerkskammer, Zertifikat „Gebäudeenergieberater/in (HWK)“",
                 "hwk_exam"),
        "runs": [
            R(d(2027, 2, 5), d(2027, 6, 26), "blended", "mb", 3650.0, zeiten="berufsbegleitend"),
            R(d(2027, 9, 10), d(2027, 12, 17), "online", None, 3450.0, zeiten="Live-Online, Fr und Sa", form=1),
        ],
    },
    {
        "id": "BZH-MAG-CZ", "slug": "mag-schweissen-cz", "cat": "schweissen", "fach": "Schweißtechnik",
        "title": "MAG-Schweißen (135) für Fachkräfte aus Tschechien",
        "desc": ["Lehrgang für Fachkräfte aus dem böhmischen Grenzgebiet, die in sächsischen Metallbaubetrieben "
                 "arbeiten. Inhalte wie im MAG-Lehrgang mit Schweißerprüfung; Unterricht durch einen "
                 "tschechischsprachigen Schweißfachmann."],
        "items": [], "length": ("UE", 80), "funding": ["WBS"], "cert": C_SCHWEISS, "lang": ("tschechisch", "cs"),
        "runs": [R(d(2027, 5, 3), d(2027, 5, 14), "onsite", "sbg", 1450.0)],
    },
]

NOTICE = {
    "id": "BZH-HINWEIS-01", "title": "Kursverwaltung zwischen den Jahren geschlossen",
    "text": "Vom 23.12.2026 bis 01.01.2027 ist die Kursverwaltung nicht besetzt. Anmeldungen per E-Mail "
            "bearbeiten wir ab dem 04.01.2027.",
}


# ---------------------------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------------------------
def length_of(course: dict, run: dict) -> tuple[str, int] | None:
    return run.get("length", course["length"])


def hours_of(length: tuple[str, int] | None) -> float | None:
    if not length:
        return None
    unit, n = length
    return n * 0.75 if unit == "UE" else float(n) if unit == "Std" else None


def iso_or_german(day: date, style: int) -> str:
    return [day.isoformat(), f"{day:%d.%m.%Y}", f"{day.isoformat()}T08:00:00+01:00"][style]


def desc_markup(course: dict, style: int) -> str:
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in course["desc"])
    if course["items"]:
        lis = "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in course["items"])
        body += f"\n<p><strong>Inhalte:</strong></p>\n<ul>{lis}</ul>"
    if style == 1:  # the editor stores umlauts as entities
        for a, b in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("ß", "&szlig;"), ("–", "&ndash;")):
            body = body.replace(a, b)
    return body


def expected_description(course: dict) -> str:
    parts = list(course["desc"])
    if course["items"]:
        parts += ["Inhalte:", *course["items"]]
    return " ".join(" ".join(parts).split())


def course_url(course: dict) -> str:
    return f"/{SITE}/kurse/{course['slug']}.html"


def run_url(course: dict, run: dict) -> str:
    if course.get("booking"):
        return f"{course_url(course)}?termin={run['ref']}"
    return course_url(course)


def build() -> tuple[list[list[dict]], list[dict]]:
    expected = []
    ids = set()
    for course in COURSES:
        assert course["id"] not in ids
        ids.add(course["id"])
        for i, run in enumerate(course["runs"]):
            run.setdefault("ref", f"{course['id']}-{i + 1:02d}")
            if run["start"]:
                assert FIRST_DAY <= run["start"] <= run["end"] <= LAST_DAY, (course["id"], run)
            venue = VENUES[run["venue"]] if run["venue"] and run["fmt"] != "online" else None
            funding = sorted(FUNDING[c][1] for c in course["funding"] if not c.startswith("-"))
            expected.append({
                "url": run_url(course, run),
                "course_key": f"{SITE}-{course['id']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": expected_description(course),
                "start_date": run["start"].isoformat() if run["start"] else None,
                "end_date": run["end"].isoformat() if run["end"] else None,
                "rolling_start": False,
                "duration_hours": hours_of(length_of(course, run)),
                "price_eur": run["price"],
                "format": run["fmt"],
                "location": ({"name": venue[0], "street": venue[1], "postal_code": venue[2], "town": venue[4]}
                             if venue else None),
                "category": course["cat"],
                "funding": funding,
                "certificate": course["cert"][1] if course["cert"] else None,
                "language": course.get("lang", ("deutsch", "de"))[1],
            })
    pages = [COURSES[:PAGE_ONE], COURSES[PAGE_ONE:]]
    return pages, expected


# ---------------------------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------------------------
def x(text: str) -> str:
    return html.escape(text, quote=False)


def price_text(amount: float, style: str) -> str:
    if style == "de":  # the older module writes German numbers
        whole = int(amount)
        return f"{whole:,}".replace(",", ".") + f",{round((amount - whole) * 100):02d}"
    if style == "int" and amount == int(amount):
        return str(int(amount))
    return f"{amount:.2f}"


def run_xml(course: dict, run: dict, page: int, index: int) -> str:
    ind = " " * 8
    lines = [f'      <Termin id="{run["ref"]}">']
    if run["start"]:
        style = 1 if page == 2 else (2 if index % 7 == 3 else 0)
        lines.append(f"{ind}<Beginn>{iso_or_german(run['start'], style)}</Beginn>")
        lines.append(f"{ind}<Ende>{iso_or_german(run['end'], 1 if page == 2 else 0)}</Ende>")
    else:
        lines.append(f"{ind}<Beginn/>")
        lines.append(f"{ind}<Terminhinweis>{x(run['hinweis'])}</Terminhinweis>")
    if run.get("zeiten"):
        lines.append(f"{ind}<Zeiten>{x(run['zeiten'])}</Zeiten>")
    lines.append(f"{ind}<Lernform>{x(FORMS[run['fmt']][run.get('form', 0)])}</Lernform>")
    length = run.get("length")
    if length:
        lines.append(f'{ind}<Umfang einheit="{length[0]}">{length[1]}</Umfang>')
    if run["price"] is not None:
        style = run.get("price_style") or ("de" if page == 2 and index % 2 else "int" if index % 3 == 2 else "dec")
        lines.append(f'{ind}<Preis waehrung="EUR">{price_text(run["price"], style)}</Preis>')
    else:
        lines.append(f'{ind}<Preis waehrung="EUR"/>')
        lines.append(f"{ind}<Preishinweis>{x(run['preis_hinweis'])}</Preishinweis>")
    if run.get("exam"):
        lines.append(f'{ind}<Pruefungsgebuehr waehrung="EUR">{run["exam"]:.2f}</Pruefungsgebuehr>')
    if run["fmt"] == "online":
        lines.append(f"{ind}<Veranstaltungsort>\n{ind}  <Name>{x(ONLINE_NAME)}</Name>\n{ind}</Veranstaltungsort>")
    elif run["venue"]:
        name, street, plz, written, _ = VENUES[run["venue"]]
        lines.append(f"{ind}<Veranstaltungsort>\n{ind}  <Name>{x(name)}</Name>\n{ind}  <Strasse>{x(street)}</Strasse>\n"
                     f"{ind}  <PLZ>{plz}</PLZ>\n{ind}  <Ort>{x(written)}</Ort>\n{ind}</Veranstaltungsort>")
    if course.get("booking"):
        lines.append(f"{ind}<Buchungslink>{x(run_url(course, run))}</Buchungslink>")
    lines.append("      </Termin>")
    return "\n".join(lines)


def course_xml(course: dict, page: int, index: int) -> str:
    style = index % 3
    if style == 2:  # escaped HTML instead of CDATA
        desc = f"<Beschreibung>{x(desc_markup(course, 0))}</Beschreibung>"
    else:
        desc = f"<Beschreibung><![CDATA[{desc_markup(course, style)}]]></Beschreibung>"
    funding = ""
    if course["funding"]:
        rows = []
        for code in course["funding"]:
            allowed = "nein" if code.startswith("-") else "ja"
            code = code.lstrip("-")
            rows.append(f'        <Foerderart code="{code}" zulaessig="{allowed}">{x(FUNDING[code][0])}</Foerderart>')
        funding = "\n      <Foerderungen>\n" + "\n".join(rows) + "\n      </Foerderungen>"
    length = ""
    if course["length"]:
        length = f'\n      <Umfang einheit="{course["length"][0]}">{course["length"][1]}</Umfang>'
    link = "" if course.get("booking") else f"\n    <Link>{x(course_url(course))}</Link>"
    lang = course.get("lang", ("deutsch", "de"))[0]
    runs = "\n".join(run_xml(course, run, page, index + i) for i, run in enumerate(course["runs"]))
    typ = "Lehrgang" if (course["length"] and course["length"][0] == "UE" and course["length"][1] >= 200) else "Seminar"
    return f"""  <Angebot id="{course['id']}" typ="{typ}">
    <Kursnummer>{course['id']}</Kursnummer>
    <Titel>{x(course['title'])}</Titel>
    {desc}{link}
    <Fachbereich>{x(course['fach'])}</Fachbereich>
    <Abschluss>{x(course['cert'][0])}</Abschluss>
    <Unterrichtssprache>{lang}</Unterrichtssprache>
    <Kursdaten>{length}{funding}
    </Kursdaten>
    <Durchfuehrungen>
{runs}
    </Durchfuehrungen>
  </Angebot>"""


def notice_xml() -> str:
    return f"""  <Angebot id="{NOTICE['id']}" typ="Hinweis">
    <Titel>{x(NOTICE['title'])}</Titel>
    <Beschreibung>{x(NOTICE['text'])}</Beschreibung>
    <Link>/{SITE}/index.html</Link>
  </Angebot>"""


def export_xml(courses: list[dict], page: int, pages: int) -> str:
    body = []
    index = 0
    for n, course in enumerate(courses):
        if page == 1 and n == 3:
            body.append(notice_xml())
        body.append(course_xml(course, page, index))
        index += len(course["runs"])
    nxt = f"<NaechsteSeite>/{SITE}/export/kurse-{page + 1}.xml</NaechsteSeite>" if page < pages else "<NaechsteSeite/>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Kursexport Bildungszentrum des Handwerks Erzgebirge, Schnittstelle angelehnt an PAS 1045 -->
<Weiterbildungsangebote xmlns="{NS}" version="1.2" erstellt="2026-11-20T05:30:00+01:00">
  <Anbieter>
    <Name>{x(PROVIDER)}</Name>
    <Strasse>Schlettauer Straße 40</Strasse>
    <PLZ>09456</PLZ>
    <Ort>Annaberg-Buchholz</Ort>
    <Web>/{SITE}/index.html</Web>
  </Anbieter>
  <Seiteninfo seite="{page}" seiten="{pages}">
    {nxt}
  </Seiteninfo>
{chr(10).join(body)}
</Weiterbildungsangebote>
"""


# ---------------------------------------------------------------------------------------------
# Human pages (not crawled: the export is the source)
# ---------------------------------------------------------------------------------------------
def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{x(title)} – Bildungszentrum des Handwerks Erzgebirge</title>
<link rel="alternate" type="application/xml" title="Kursexport" href="/{SITE}/export/kurse.xml">
</head>
<body>
  <header><p><a href="/{SITE}/index.html">Bildungszentrum des Handwerks Erzgebirge</a></p></header>
  <main>
{body}
  </main>
  <footer><p>Fiktive Demo-Seite für das Weiterbildungsportal Erzgebirge. Alle Angebote sind erfunden.</p></footer>
</body>
</html>
"""


def ger(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def course_page(course: dict) -> str:
    rows = []
    for run in course["runs"]:
        when = f"{ger(run['start'])} – {ger(run['end'])}" if run["start"] else x(run["hinweis"])
        where = ONLINE_NAME if run["fmt"] == "online" else ", ".join(VENUES[run["venue"]][:2])
        price = "Preis auf Anfrage" if run["price"] is None else f"{run['price']:,.2f} €".replace(",", "X").replace(
            ".", ",").replace("X", ".")
        anchor = f' id="{run["ref"]}"' if course.get("booking") else ""
        rows.append(f"      <tr{anchor}><td>{when}</td><td>{x(where)}</td><td>{price}</td></tr>")
    paras = "\n".join(f"    <p>{x(p)}</p>" for p in course["desc"])
    return page(course["title"], f"""    <h1>{x(course['title'])}</h1>
{paras}
    <table class="termine">
      <tr><th>Termin</th><th>Ort</th><th>Preis</th></tr>
{chr(10).join(rows)}
    </table>
    <p><a href="/{SITE}/index.html">Zur Übersicht</a></p>""")


def index_page() -> str:
    items = "\n".join(f'      <li><a href="{course_url(c)}">{x(c["title"])}</a></li>' for c in COURSES)
    return page("Kursprogramm 2027", f"""    <h1>Kursprogramm 2027</h1>
    <p>Unser Programm steht auch als <a href="/{SITE}/export/kurse.xml">XML-Kursexport</a> für
       Weiterbildungsdatenbanken bereit.</p>
    <ul class="kurse">
{items}
    </ul>""")


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
            root = ET.parse(path).getroot()  # well-formed, default namespace
            assert root.tag == f"{{{NS}}}Weiterbildungsangebote", path
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
        assert (OUT.parent / r["url"].split("?")[0].lstrip("/")).is_file(), r["url"]


def main() -> None:
    pages, expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = [(f"export/kurse{'' if n == 1 else f'-{n}'}.xml", export_xml(courses, n, len(pages)))
               for n, courses in enumerate(pages, 1)]
    outputs += [(f"kurse/{c['slug']}.html", course_page(c)) for c in COURSES]
    outputs.append(("index.html", index_page()))
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    print(f"{SITE}: {len(COURSES)} courses, {len(expected)} offers, {len(pages)} export pages -> {OUT}")


if __name__ == "__main__":
    main()
