#!/usr/bin/env python3
"""Generator of the demo site `wak` (Wirtschaftsakademie Erzgebirge, Annaberg-Buchholz).

The academy publishes its seminars as iCalendar feeds (RFC 5545):

    /wak/kalender.ics          seminars on site (and the blended Fachwirt course)
    /wak/online.ics            online seminars (the blended course is listed here as well)
    /wak/seminar/<slug>.html   one human page per seminar; all runs of a seminar share it
    /wak/index.html            start page linking both feeds (<link rel="alternate">)

Every VEVENT is one run. Part-time courses are series (RRULE with UNTIL or COUNT, EXDATE for
Saxon school holidays and public holidays); multi-day blocks are FREQ=DAILY series. The
generator expands every series itself, and `expected.jsonl` (start/end = first/last session,
duration = sum of the session lengths) is computed from those sessions, never from the files.

Run: python demo/generators/wak.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

SITE = "wak"
PROVIDER = "Wirtschaftsakademie Erzgebirge"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 10), date(2027, 12, 15)
DTSTAMP = "20261120T071500Z"
DOMAIN = "wirtschaftsakademie-erzgebirge.de"


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def span(a: date, b: date) -> set[date]:
    return {a + timedelta(days=i) for i in range((b - a).days + 1)}


# Saxony 2027: public holidays and school holidays (Schulferien), used for EXDATEs.
PUBLIC_HOLIDAYS = {d(2027, 1, 1), d(2027, 3, 26), d(2027, 3, 29), d(2027, 5, 1), d(2027, 5, 6),
                   d(2027, 5, 17), d(2027, 10, 3), d(2027, 10, 31), d(2027, 11, 17), d(2027, 12, 25),
                   d(2027, 12, 26)}
SCHOOL_HOLIDAYS = (span(d(2027, 2, 8), d(2027, 2, 19)) | span(d(2027, 3, 26), d(2027, 4, 2))
                   | span(d(2027, 5, 15), d(2027, 5, 18)) | span(d(2027, 7, 10), d(2027, 8, 20))
                   | span(d(2027, 10, 11), d(2027, 10, 23)) | span(d(2027, 12, 23), d(2027, 12, 31)))
NO_CLASS = PUBLIC_HOLIDAYS | SCHOOL_HOLIDAYS

# Venues: (name, room, street, postal code, canonical town).
VENUES = {
    "ab2": ("Wirtschaftsakademie Erzgebirge", "Raum 2", "Adam-Ries-Straße 16", "09456", "Annaberg-Buchholz"),
    "ab1": ("Wirtschaftsakademie Erzgebirge", "Raum 1 (Erdgeschoss)", "Adam-Ries-Straße 16", "09456",
            "Annaberg-Buchholz"),
    "au": ("Wirtschaftsakademie Erzgebirge (Standort Aue)", None, "Schneeberger Str. 32", "08280",
           "Aue-Bad Schlema"),
    "mb": ("Bildungsstätte Marienberg", "Seminarraum 3", "Zschopauer Straße 40", "09496", "Marienberg"),
}
ONLINE = {"on": "Online", "zoom": "Online (Zoom)", "teams": "Live-Online via MS Teams",
          "virt": "virtueller Seminarraum"}

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
WEEKDAY_ADVERBS = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"]

# Funding wordings; each names exactly the programmes listed.
FUNDING = {
    "afbg": ("Förderung: Aufstiegs-BAföG möglich (Zuschuss zu Lehrgangs- und Prüfungsgebühren)",
             ["aufstiegs_bafoeg"]),
    "afbg_wbs": ("Förderung: Aufstiegs-BAföG; alternativ Förderung über den Weiterbildungsscheck Sachsen möglich",
                 ["aufstiegs_bafoeg", "weiterbildungsscheck"]),
    "wbs": ("Förderung: Weiterbildungsscheck Sachsen möglich", ["weiterbildungsscheck"]),
    "wbs2": ("Förderung über den Weiterbildungsscheck Sachsen möglich.", ["weiterbildungsscheck"]),
    "azav_qcg": ("Förderung: AZAV-zertifiziert – förderfähig mit Bildungsgutschein; für Beschäftigte "
                 "auch nach dem Qualifizierungschancengesetz", ["bildungsgutschein", "qcg"]),
    "azav_wbs": ("Förderung: AZAV-zertifiziert – förderfähig mit Bildungsgutschein oder über den "
                 "Weiterbildungsscheck Sachsen", ["bildungsgutschein", "weiterbildungsscheck"]),
    "none_bgs": ("Förderung: Eine Förderung mit Bildungsgutschein ist für dieses Seminar nicht möglich.", []),
}
CERTS = {
    "ihk": ("Abschluss: IHK-Prüfung", "ihk_exam"),
    "zert": ("Abschluss: Zertifikat der Wirtschaftsakademie", "provider_certificate"),
    "zert_no_ihk": ("Abschluss: Zertifikat der Wirtschaftsakademie (keine IHK-Prüfung)", "provider_certificate"),
    "tn": ("Abschluss: Teilnahmebescheinigung", "attendance"),
    None: (None, None),
}


def run(feed: str, where: str, start: date, t_from: str, t_to: str, rule=None, **extra) -> dict:
    """One VEVENT. rule: None, ("DAILY", count) or ("WEEKLY", "TU,TH", until_date|None, count|None)."""
    return {"feed": feed, "where": where, "start": start, "t_from": t_from, "t_to": t_to, "rule": rule, **extra}


def daily(count: int) -> tuple:
    return ("DAILY", count)


def weekly(days: str, until: date | None = None, count: int | None = None) -> tuple:
    return ("WEEKLY", days, until, count)


# ---------------------------------------------------------------------------------------------
# Seminars (courses) and their runs
# ---------------------------------------------------------------------------------------------
COURSES = [
    {
        "key": "wak-fuehrungskraefte-training", "slug": "fuehrungskraefte-training",
        "title": "Führungskräfte-Training: Vom Kollegen zur Führungskraft",
        "cats": ["Führung & Management"], "category": "fuehrung",
        "text": [
            "Gestern noch im Team, heute verantwortlich: Der Rollenwechsel ist für viele neue Vorarbeiter, "
            "Schichtleiter und Meister die größte Hürde. In drei Tagen klären Sie Ihre neue Rolle, trainieren "
            "schwierige Gesprächssituationen und lernen, Aufgaben klar zu delegieren.",
            "Zwischen den Seminartagen erhalten Sie kleine Praxisaufträge für Ihren Betrieb.",
        ],
        "price": "Preis: 1.190,00 € zzgl. MwSt.", "price_eur": 1190.0, "funding": "wbs", "cert": "zert",
        "umfang": "UE",
        "runs": [
            run("kalender", "ab2", d(2027, 2, 22), "09:00", "16:30", daily(3)),
            run("kalender", "mb", d(2027, 9, 27), "09:00", "16:30", daily(3)),
        ],
    },
    {
        "key": "wak-fuehren-kleinbetrieb", "slug": "fuehren-im-kleinbetrieb",
        "title": "Führen im Kleinbetrieb – Kompaktseminar für Inhaber und Meister",
        "cats": ["Führung & Management", "Handwerk"], "category": "fuehrung",
        "text": [
            "In Betrieben mit fünf oder zehn Beschäftigten führt der Chef meist nebenbei – zwischen Baustelle, "
            "Angebot und Buchhaltung. Das Kompaktseminar zeigt einfache Werkzeuge: kurze Teambesprechungen, "
            "klare Zuständigkeiten und Anerkennung, die nichts kostet.",
            "Viele Beispiele stammen aus Handwerks- und Industriebetrieben des Erzgebirges.",
        ],
        "price": "Preis: 390 EUR", "price_eur": 390.0, "cert": "tn",
        "runs": [
            run("kalender", "ab2", d(2027, 3, 10), "08:30", "15:30"),
            run("kalender", "au", d(2027, 6, 16), "08:30", "15:30"),
            run("kalender", "mb", d(2027, 11, 10), "08:30", "15:30"),
        ],
    },
    {
        "key": "wak-mitarbeitergespraeche", "slug": "mitarbeitergespraeche",
        "title": "Mitarbeitergespräche wirksam führen",
        "cats": ["Führung & Management"], "category": "fuehrung",
        "text": [
            "Jahresgespräch, Kritikgespräch, Rückkehrgespräch nach Krankheit: Jedes verlangt eine eigene "
            "Vorbereitung. Sie üben mit Gesprächsleitfäden und erhalten Rückmeldung zu Ihrer Gesprächsführung.",
        ],
        "price": "Preis: 290,00 €", "price_eur": 290.0, "cert": "tn",
        "runs": [
            run("online", "zoom", d(2027, 4, 13), "09:00", "12:30", daily(2)),
            run("kalender", "au", d(2027, 10, 5), "09:00", "16:00"),
        ],
    },
    {
        "key": "wak-industriemeister-metall", "slug": "industriemeister-metall",
        "title": "Geprüfter Industriemeister Metall (IHK) – berufsbegleitend",
        "cats": ["Aufstiegsfortbildung", "Meister"], "category": "meister",
        "text": [
            "Der berufsbegleitende Lehrgang bereitet Facharbeiter aus Metallbearbeitung, Maschinenbau und "
            "Zulieferindustrie auf die Prüfung zum Geprüften Industriemeister Metall vor.",
            "Inhalte sind die Basisqualifikationen (Recht, Betriebswirtschaft, Naturwissenschaften) und die "
            "handlungsspezifischen Qualifikationen Technik, Organisation sowie Führung und Personal. Der "
            "Unterricht findet an drei Abenden pro Woche statt, in den sächsischen Schulferien ist frei.",
        ],
        "price": "Entgelt: 4.850,00 € zzgl. IHK-Prüfungsgebühr, zahlbar auch in 10 Raten à 485,00 €",
        "price_eur": 4850.0, "funding": "afbg", "cert": "ihk", "umfang": "h",
        "runs": [
            run("kalender", "ab1", d(2027, 1, 11), "16:30", "20:30", weekly("MO,TU,TH", until=d(2027, 12, 9)),
                holidays=True),
        ],
    },
    {
        "key": "wak-infoabend-aufstieg", "slug": "infoabend-meister-fachwirt",
        "title": "Infoabend: Meister- und Fachwirtlehrgänge 2027/2028",
        "cats": ["Aufstiegsfortbildung"], "category": "meister",
        "text": [
            "Sie überlegen, sich zum Industriemeister oder Fachwirt weiterzubilden? Am Infoabend stellen wir "
            "Ablauf, Prüfungsteile und Zeitaufwand der Lehrgänge vor und beantworten Ihre Fragen zur "
            "Finanzierung.",
            "Eine Anmeldung hilft uns bei der Planung, ist aber nicht erforderlich.",
        ],
        "price": "Preis: kostenfrei", "price_eur": 0.0, "cert": None,
        "runs": [
            run("kalender", "ab2", d(2027, 1, 13), "18:00", "19:30"),
            run("online", "zoom", d(2027, 9, 1), "18:00", "19:30"),
        ],
    },
    {
        "key": "wak-wirtschaftsfachwirt", "slug": "wirtschaftsfachwirt",
        "title": "Geprüfter Wirtschaftsfachwirt (IHK) – Teilzeit",
        "cats": ["Aufstiegsfortbildung"], "category": "meister",
        "text": [
            "Der Wirtschaftsfachwirt ist die kaufmännische Aufstiegsfortbildung für Fachkräfte aus Industrie, "
            "Handel und Dienstleistung und entspricht dem Niveau eines Bachelors (DQR 6).",
            "Der Lehrgang ist als Blended Learning organisiert: zwei Präsenzabende pro Woche in Annaberg-Buchholz, "
            "dazu Selbstlernphasen und Übungsklausuren auf unserer Lernplattform.",
        ],
        "price": "Teilnahmegebühr: 3.980,- € zzgl. Prüfungsgebühr der IHK", "price_eur": 3980.0,
        "funding": "afbg_wbs", "cert": "ihk", "blended": True,
        "runs": [
            run("kalender", "ab2", d(2027, 2, 22), "17:00", "20:15", weekly("MO,WE", until=d(2027, 12, 8)),
                holidays=True, also_in="online"),
        ],
    },
    {
        "key": "wak-ada", "slug": "ausbildung-der-ausbilder",
        "title": "Ausbildung der Ausbilder (AdA) – Vorbereitung auf die IHK-Prüfung",
        "cats": ["Ausbildung"], "category": "ausbilder",
        "text": [
            "Wer im Betrieb ausbilden will, braucht die Ausbildereignung nach AEVO. Der Lehrgang führt durch "
            "alle vier Handlungsfelder – von der Planung der Ausbildung bis zur Prüfungsvorbereitung der "
            "Azubis – und übt die praktische Unterweisung vor der Gruppe.",
            "Die schriftliche und die praktische Prüfung legen Sie vor der IHK Chemnitz ab.",
        ],
        "price": "Preis: 590,00 € zzgl. Prüfungsgebühr der IHK", "price_eur": 590.0,
        "funding": "azav_wbs", "cert": "ihk", "umfang": "UE",
        "runs": [
            run("kalender", "ab2", d(2027, 3, 1), "08:00", "15:30", weekly("MO,TU,WE,TH,FR", count=15),
                note="Vollzeitkurs über drei Wochen."),
            run("kalender", "mb", d(2027, 4, 20), "17:00", "20:00", weekly("TU,TH", count=30), holidays=True,
                note="Berufsbegleitend am Abend."),
            run("online", "teams", d(2027, 9, 6), "18:00", "21:00", weekly("MO,WE", count=20), holidays=True,
                note="Live-Online-Unterricht, die Prüfung findet in Präsenz bei der IHK statt."),
        ],
    },
    {
        "key": "wak-buchfuehrung", "slug": "buchfuehrung-grundlagen",
        "title": "Buchführung Grundlagen – von der Belegerfassung bis zur EÜR",
        "cats": ["Rechnungswesen"], "category": "buchhaltung",
        "text": [
            "Für Büro- und Verwaltungskräfte sowie Selbstständige, die ihre Buchhaltung verstehen und "
            "vorbereiten wollen. Sie lernen Kontenrahmen, Buchungssätze und Umsatzsteuer kennen und erstellen "
            "eine Einnahmen-Überschuss-Rechnung an einem durchgehenden Fallbeispiel.",
            "Vorkenntnisse sind nicht erforderlich; ein Taschenrechner genügt.",
        ],
        "price": "Preis: 420,00 €", "price_eur": 420.0, "funding": "wbs2", "cert": "zert_no_ihk",
        "runs": [
            run("kalender", "ab2", d(2027, 1, 13), "17:30", "20:45", weekly("WE", until=d(2027, 3, 17)),
                holidays=True),
            run("kalender", "mb", d(2027, 9, 7), "17:30", "20:45", weekly("TU", until=d(2027, 11, 16)),
                holidays=True),
        ],
    },
    {
        "key": "wak-lohn-grundkurs", "slug": "lohn-und-gehaltsabrechnung",
        "title": "Lohn- und Gehaltsabrechnung – Grundkurs",
        "cats": ["Rechnungswesen", "Personal"], "category": "buchhaltung",
        "text": [
            "Vom Bruttolohn zum Auszahlungsbetrag: Der Grundkurs erklärt Lohnsteuer, Sozialversicherung, "
            "Minijobs und Sachbezüge und rechnet typische Fälle aus kleinen Betrieben durch.",
            "Zum Einsatz kommt eine verbreitete Lohnsoftware; die Übungen lassen sich aber auf jedes Programm "
            "übertragen.",
        ],
        "funding": "wbs", "cert": "zert",
        "runs": [
            run("kalender", "ab2", d(2027, 3, 16), "08:30", "15:30", daily(3),
                price=("Preis: 690,00 €", 690.0)),
            run("online", "on", d(2027, 10, 26), "08:30", "15:30", daily(3),
                price=("Preis: 640,00 € (Online-Teilnahme)", 640.0)),
        ],
    },
    {
        "key": "wak-lohn-jahreswechsel", "slug": "jahreswechsel-lohnabrechnung",
        "title": "Jahreswechsel in der Lohnabrechnung 2027/2028",
        "cats": ["Rechnungswesen", "Personal"], "category": "buchhaltung",
        "text": [
            "Neue Beitragsbemessungsgrenzen, geänderte Freibeträge, neue Meldeverfahren: Das Update fasst "
            "zusammen, was Lohnbuchhalter zum Jahreswechsel umstellen müssen.",
        ],
        "price": "Preis: 185 € zzgl. MwSt.", "price_eur": 185.0, "cert": "tn",
        "runs": [
            run("online", "virt", d(2027, 12, 7), "09:00", "13:00"),
            run("kalender", "au", d(2027, 12, 9), "09:00", "13:00"),
        ],
    },
    {
        "key": "wak-jahresabschluss", "slug": "jahresabschluss-kleinbetrieb",
        "title": "Jahresabschluss im Kleinbetrieb: Vorbereitung und Zusammenarbeit mit dem Steuerbüro",
        "cats": ["Rechnungswesen"], "category": "buchhaltung",
        "text": [
            "Inventur, Abgrenzungen, Abschreibungen und offene Posten: Mit guter Vorbereitung sparen Sie "
            "Rückfragen und Honorar beim Steuerberater.",
            "Das Seminar zeigt, welche Unterlagen das Steuerbüro braucht und wie Sie den Abschluss im eigenen "
            "Haus vorbereiten.",
        ],
        "price": "Preis: 560,00 €", "price_eur": 560.0, "cert": "zert",
        "runs": [run("kalender", "ab2", d(2027, 1, 26), "09:00", "16:00", daily(2))],
    },
    {
        "key": "wak-e-rechnung", "slug": "e-rechnung-2027",
        "title": "E-Rechnung ab 2027: Pflichten für die Buchhaltung im Kleinbetrieb",
        "cats": ["Rechnungswesen", "Digitalisierung"], "category": "buchhaltung",
        "text": [
            "Ab 2027 müssen viele Unternehmen Rechnungen an andere Unternehmen elektronisch ausstellen, "
            "empfangen können müssen sie sie schon heute. Was bedeuten XRechnung und ZUGFeRD für die "
            "Buchhaltung, und wie prüft und archiviert man eingehende E-Rechnungen richtig?",
            "Das Online-Seminar gibt einen kompakten Überblick mit Checkliste zur Umstellung.",
        ],
        "price": "Preis: 95,00 €", "price_eur": 95.0, "cert": "tn",
        "runs": [
            run("online", "virt", d(2027, 1, 19), "09:00", "12:00"),
            run("online", "virt", d(2027, 3, 9), "09:00", "12:00"),
            run("online", "on", d(2027, 6, 8), "09:00", "12:00"),
        ],
    },
    {
        "key": "wak-ki-mittelstand", "slug": "ki-im-mittelstand",
        "title": "KI im Mittelstand: Praxiswerkstatt für Geschäftsführung und Verwaltung",
        "cats": ["Digitalisierung"], "category": "digitalisierung",
        "text": [
            "Texte entwerfen, Angebote vorbereiten, Protokolle zusammenfassen: Generative KI kann in der "
            "Verwaltung kleiner Unternehmen viel Routinearbeit abnehmen. In der Werkstatt probieren Sie "
            "verbreitete Werkzeuge an eigenen Beispielen aus.",
            "Wir sprechen auch über Grenzen, Datenschutz und die Pflichten aus der KI-Verordnung der EU.",
        ],
        "funding": "wbs", "cert": "zert",
        "runs": [
            run("kalender", "ab2", d(2027, 4, 27), "09:00", "16:00", daily(2),
                price=("Preis: 480,00 €", 480.0)),
            run("online", "teams", d(2027, 9, 2), "14:00", "16:30", weekly("TH", count=4),
                price=("Preis: 380,00 €", 380.0), note="Online in vier Nachmittagsmodulen."),
        ],
    },
    {
        "key": "wak-digitale-auftragsabwicklung", "slug": "digitale-auftragsabwicklung",
        "title": "Digitale Auftragsabwicklung im Handwerksbetrieb",
        "cats": ["Digitalisierung", "Handwerk"], "category": "digitalisierung",
        "text": [
            "Vom Aufmaß auf dem Tablet über das Angebot bis zur Rechnung ohne Papier: Anhand von drei "
            "Betrieben aus dem Erzgebirge zeigen wir, wie digitale Auftragsabwicklung im Alltag funktioniert "
            "und welche Software-Lösungen sich für kleine Betriebe eignen.",
        ],
        "price": "Preis: 195,- €", "price_eur": 195.0, "cert": "tn",
        "runs": [run("kalender", "mb", d(2027, 5, 26), "09:00", "15:00")],
    },
    {
        "key": "wak-dsgvo", "slug": "datenschutz-dsgvo",
        "title": "Datenschutz im Kleinbetrieb: DSGVO praxisnah umsetzen",
        "cats": ["Recht"], "category": "recht_personal",
        "text": [
            "Verarbeitungsverzeichnis, Auftragsverarbeitung, Umgang mit Bewerberdaten und Kundenlisten: Das "
            "Seminar zeigt, was ein kleines Unternehmen wirklich dokumentieren muss.",
            "Sie gehen mit Mustervorlagen und einer Prioritätenliste nach Hause.",
        ],
        "price": "Preis: 249,- €", "price_eur": 249.0, "cert": "tn",
        "runs": [
            run("kalender", "mb", d(2027, 2, 3), "09:00", "15:00"),
            run("online", "teams", d(2027, 8, 25), "09:00", "15:00"),
        ],
    },
    {
        "key": "wak-arbeitsrecht", "slug": "arbeitsrecht-kleinbetriebe",
        "title": "Arbeitsrecht für Kleinbetriebe – Update 2027",
        "cats": ["Recht", "Personal"], "category": "recht_personal",
        "text": [
            "Arbeitsverträge, Befristung, Urlaub und Kündigung in Betrieben unter zehn Beschäftigten: Ein "
            "Fachanwalt für Arbeitsrecht erklärt die aktuelle Rechtsprechung und beantwortet Fragen aus der "
            "Praxis.",
        ],
        "price": "Preis: 320,00 € (Mitglieder der IHK: 280,00 €)", "price_eur": 320.0,
        "funding": "none_bgs", "cert": "tn",
        "runs": [
            run("kalender", "ab2", d(2027, 2, 24), "09:00", "16:00"),
            run("kalender", "au", d(2027, 9, 15), "09:00", "16:00"),
        ],
    },
    {
        "key": "wak-social-media", "slug": "social-media-marketing",
        "title": "Social Media Marketing für kleine Unternehmen",
        "cats": ["Marketing/Vertrieb"], "category": "marketing_vertrieb",
        "text": [
            "Instagram, Facebook oder LinkedIn? In vier Abenden entwickeln Sie einen Redaktionsplan für Ihr "
            "Unternehmen, gestalten Beiträge mit dem Smartphone und lernen, Reichweite und Anfragen auszuwerten.",
            "Ideal für Handwerksbetriebe, Händler und Gastgeber, die neue Kunden und Azubis erreichen wollen.",
        ],
        "price": "Preis: 290 €", "price_eur": 290.0, "funding": "wbs", "cert": "zert",
        "runs": [
            run("online", "zoom", d(2027, 3, 4), "17:00", "20:00", weekly("TH", count=4)),
            run("kalender", "ab2", d(2027, 9, 30), "17:00", "20:00", weekly("TH", until=d(2027, 11, 4)),
                holidays=True),
        ],
    },
    {
        "key": "wak-verkaufstraining", "slug": "verkaufstraining",
        "title": "Verkaufstraining: Kunden gewinnen und Angebote erfolgreich nachfassen",
        "cats": ["Marketing/Vertrieb"], "category": "marketing_vertrieb",
        "text": [
            "Viele Angebote verlaufen im Sand, weil niemand nachfragt. Das Training zeigt, wie Sie Angebote "
            "verständlich aufbereiten, telefonisch nachfassen und Preisgespräche souverän führen.",
            "Mit Rollenspielen und Videofeedback in kleiner Gruppe.",
        ],
        "price": "Preis: 540,00 € zzgl. MwSt.", "price_eur": 540.0, "cert": "zert",
        "runs": [
            run("kalender", "au", d(2027, 5, 4), "09:00", "16:30", daily(2)),
            run("kalender", "ab2", d(2027, 11, 23), "09:00", "16:30", daily(2)),
        ],
    },
    {
        "key": "wak-google-profil", "slug": "lokales-online-marketing",
        "title": "Lokales Online-Marketing: Mit dem Google-Unternehmensprofil neue Kunden gewinnen",
        "cats": ["Marketing/Vertrieb"], "category": "marketing_vertrieb",
        "text": [
            "Wer im Erzgebirge nach „Tischler in der Nähe“ sucht, sieht zuerst die Einträge auf Google Maps. "
            "Sie richten Ihr Unternehmensprofil vollständig ein, lernen mit Bewertungen umzugehen und "
            "verknüpfen das Profil mit Ihrer Website.",
        ],
        "price": "Preis: 79,00 €", "price_eur": 79.0, "cert": None,
        "runs": [run("online", "on", d(2027, 3, 2), "09:00", "12:30")],
    },
    {
        "key": "wak-business-english", "slug": "business-english-technical-staff",
        "title": "Business English for Technical Staff (B1/B2)",
        "cats": ["Sprachen"], "category": "sprachen", "language": "en",
        "text": [
            "Telefonate mit Lieferanten, E-Mails an Kunden, Besprechungen mit der Konzernmutter: Der Kurs "
            "trainiert das Englisch, das Technikerinnen, Einkäufer und Projektleiter täglich brauchen.",
            "Unterrichtssprache: Englisch. Voraussetzung sind gute Schulkenntnisse (Niveau B1).",
        ],
        "price": "Preis: 360,00 €", "price_eur": 360.0, "cert": "zert",
        "runs": [
            run("kalender", "ab2", d(2027, 3, 1), "17:30", "19:00", weekly("MO", until=d(2027, 6, 28)),
                holidays=True, moved=(d(2027, 4, 26), d(2027, 4, 27))),
            run("online", "zoom", d(2027, 9, 8), "17:30", "19:00", weekly("WE", count=12), holidays=True),
        ],
    },
    {
        "key": "wak-englisch-a2", "slug": "englisch-fuer-den-beruf-a2",
        "title": "Englisch für den Beruf – Grundkurs (A2)",
        "cats": ["Sprachen"], "category": "sprachen",
        "text": [
            "Für Beschäftigte mit geringen Vorkenntnissen, die am Arbeitsplatz einfache Gespräche führen und "
            "kurze E-Mails schreiben wollen. Grammatik wird dort erklärt, wo sie gebraucht wird.",
            "Kleine Gruppe mit höchstens zehn Teilnehmenden.",
        ],
        "price": "Preis: 240 €", "price_eur": 240.0, "cert": "tn",
        "runs": [
            run("kalender", "mb", d(2027, 1, 13), "17:30", "19:00", weekly("WE", until=d(2027, 4, 21)),
                holidays=True),
        ],
    },
    {
        "key": "wak-rhetorik", "slug": "praesentieren-und-reden",
        "title": "Überzeugend präsentieren und sicher reden",
        "cats": ["Kommunikation"], "category": "kommunikation",
        "text": [
            "Ob Kundenpräsentation, Betriebsversammlung oder Vortrag beim Unternehmerstammtisch: Sie lernen, "
            "Inhalte zu strukturieren, frei zu sprechen und mit Lampenfieber umzugehen.",
            "Jede Übung wird auf Video aufgezeichnet und gemeinsam ausgewertet.",
        ],
        "price": None, "price_eur": None, "cert": "zert",
        "runs": [run("kalender", "ab2", d(2027, 6, 1), "09:00", "16:00", daily(2))],
    },
    {
        "key": "wak-zeitmanagement", "slug": "zeit-und-selbstmanagement",
        "title": "Zeit- und Selbstmanagement im Arbeitsalltag",
        "cats": ["Kommunikation"], "category": "kommunikation",
        "text": [
            "Unterbrechungen, volle Postfächer, ständig neue Prioritäten: In drei kurzen Online-Einheiten "
            "lernen Sie Methoden zur Tages- und Wochenplanung kennen und probieren sie zwischen den Terminen "
            "im eigenen Alltag aus.",
        ],
        "price": "Preis: 145 €", "price_eur": 145.0, "cert": "tn",
        "runs": [run("online", "on", d(2027, 5, 4), "09:00", "11:00", weekly("TU", count=3))],
    },
]


# ---------------------------------------------------------------------------------------------
# Series expansion (our own, from the source data)
# ---------------------------------------------------------------------------------------------
def expand(r: dict) -> tuple[list[date], list[date]]:
    """(generated occurrence dates, EXDATE dates) of one run."""
    rule, start = r["rule"], r["start"]
    if rule is None:
        occ = [start]
    elif rule[0] == "DAILY":
        occ = [start + timedelta(days=i) for i in range(rule[1])]
    else:
        _, days, until, count = rule
        wanted = {WEEKDAYS[x] for x in days.split(",")}
        assert start.weekday() in wanted, (r, "DTSTART must be an occurrence")
        occ, day = [], start
        while True:
            if until and day > until:
                break
            if count and len(occ) == count:
                break
            if day.weekday() in wanted:
                occ.append(day)
            day += timedelta(days=1)
    exdates = [x for x in occ if x in NO_CLASS] if r.get("holidays") else []
    return occ, exdates


def sessions_of(r: dict) -> list[date]:
    occ, exdates = expand(r)
    dates = [x for x in occ if x not in exdates]
    if r.get("moved"):
        old, new = r["moved"]
        assert old in dates and new not in dates
        dates = sorted(new if x == old else x for x in dates)
    return dates


def hours_between(t_from: str, t_to: str) -> float:
    a, b = (datetime.combine(date(2027, 1, 1), time.fromisoformat(t)) for t in (t_from, t_to))
    return (b - a).total_seconds() / 3600


def berlin_offset(moment: datetime) -> int:
    return 2 if datetime(2027, 3, 28, 2) <= moment < datetime(2027, 10, 31, 3) else 1


# ---------------------------------------------------------------------------------------------
# iCalendar writing
# ---------------------------------------------------------------------------------------------
def esc(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1) without splitting UTF-8 sequences."""
    data = line.encode("utf-8")
    parts, limit = [], 75
    while len(data) > limit:
        cut = limit
        while (data[cut] & 0xC0) == 0x80:  # do not cut inside a multi-byte character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with one space
    parts.append(data)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def ical_dt(day: date, t: str) -> str:
    return datetime.combine(day, time.fromisoformat(t)).strftime("%Y%m%dT%H%M%S")


VTIMEZONE = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]


def german_hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def schedule_line(r: dict, n_sessions: int) -> str:
    times = f"{r['t_from'].lstrip('0')}–{r['t_to']} Uhr"
    rule = r["rule"]
    if rule is None:
        return f"Zeit: {times}"
    if rule[0] == "DAILY":
        return f"Termine: {rule[1]} aufeinanderfolgende Tage, jeweils {times}"
    adverbs = [WEEKDAY_ADVERBS[WEEKDAYS[x]] for x in rule[1].split(",")]
    days = adverbs[0] if len(adverbs) == 1 else ", ".join(adverbs[:-1]) + " und " + adverbs[-1]
    if len(adverbs) == 5:
        days = "montags bis freitags"
    text = f"Termine: {days}, {times}, {n_sessions} Termine"
    if r.get("holidays"):
        text += " (nicht an Feiertagen und in den sächsischen Schulferien)"
    return text


def build():
    feeds = {"kalender": [], "online": []}
    expected, pages = [], {}
    for course in COURSES:
        cert_line, cert_kind = CERTS[course.get("cert")]
        funding_line, funding = FUNDING[course["funding"]] if course.get("funding") else (None, [])
        url = f"/{SITE}/seminar/{course['slug']}.html"
        page_runs = []
        for n, r in enumerate(course["runs"], start=1):
            sessions = sessions_of(r)
            occ, exdates = expand(r)
            for day in sessions:
                assert FIRST_DAY <= day <= LAST_DAY, (course["key"], day)
                assert day not in PUBLIC_HOLIDAYS and day.weekday() < 5, (course["key"], day)
            length = hours_between(r["t_from"], r["t_to"])
            total = round(len(sessions) * length, 2)
            online = r["feed"] == "online" and r["where"] in ONLINE
            blended = bool(course.get("blended"))
            fmt = "blended" if blended else ("online" if online else "onsite")
            if online:
                location_text, location = ONLINE[r["where"]], None
            else:
                name, room, street, plz, town = VENUES[r["where"]]
                location_text = ", ".join(x for x in (name, room, street, f"{plz} {town}") if x)
                location = {"name": name, "street": street, "postal_code": plz, "town": town}
            price_line, price_eur = r.get("price") or (course.get("price"), course.get("price_eur"))
            lines = ["\n\n".join(course["text"])]
            if r.get("note"):
                lines[0] += "\n" + r["note"]
            meta = [schedule_line(r, len(sessions))]
            if price_line:
                meta.append(price_line)
            if funding_line:
                meta.append(funding_line)
            if cert_line:
                meta.append(cert_line)
            if course.get("umfang"):
                ue = total / 0.75
                if course["umfang"] == "UE" and abs(ue - round(ue)) < 1e-9:
                    meta.append(f"Umfang: {round(ue)} UE")
                else:
                    meta.append(f"Umfang: {german_hours(total)} Zeitstunden")
            description = lines[0] + "\n\n" + "\n".join(meta)
            uid = f"{course['slug']}-{n}-2027@{DOMAIN}"
            vevent = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{DTSTAMP}",
                      f"DTSTART;TZID=Europe/Berlin:{ical_dt(r['start'], r['t_from'])}",
                      f"DTEND;TZID=Europe/Berlin:{ical_dt(r['start'], r['t_to'])}"]
            rule = r["rule"]
            if rule and rule[0] == "DAILY":
                vevent.append(f"RRULE:FREQ=DAILY;COUNT={rule[1]}")
            elif rule:
                parts = ["FREQ=WEEKLY", f"BYDAY={rule[1]}"]
                if rule[2]:
                    last = datetime.combine(rule[2], time(23, 59, 59))
                    utc = last - timedelta(hours=berlin_offset(last))
                    parts.append(f"UNTIL={utc:%Y%m%dT%H%M%SZ}")
                else:
                    parts.append(f"COUNT={rule[3]}")
                if n % 2 == 0:
                    parts.append("WKST=MO")
                vevent.append("RRULE:" + ";".join(parts))
            if exdates:
                stamps = [ical_dt(x, r["t_from"]) for x in exdates]
                if len(course["runs"]) % 2 == 0:  # one EXDATE line per date
                    vevent += [f"EXDATE;TZID=Europe/Berlin:{s}" for s in stamps]
                else:  # one comma-separated list
                    vevent.append("EXDATE;TZID=Europe/Berlin:" + ",".join(stamps))
            vevent += [f"SUMMARY:{esc(course['title'])}", f"DESCRIPTION:{esc(description)}",
                       f"LOCATION:{esc(location_text)}", f"URL:{url}",
                       "CATEGORIES:" + ",".join(esc(c) for c in course["cats"]),
                       "STATUS:CONFIRMED", "TRANSP:OPAQUE", "SEQUENCE:0", "END:VEVENT"]
            if r.get("moved"):
                old, new = r["moved"]
                vevent += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{DTSTAMP}",
                           f"RECURRENCE-ID;TZID=Europe/Berlin:{ical_dt(old, r['t_from'])}",
                           f"DTSTART;TZID=Europe/Berlin:{ical_dt(new, r['t_from'])}",
                           f"DTEND;TZID=Europe/Berlin:{ical_dt(new, r['t_to'])}",
                           f"SUMMARY:{esc(course['title'])}", f"DESCRIPTION:{esc(description)}",
                           f"LOCATION:{esc(location_text)}", f"URL:{url}",
                           "CATEGORIES:" + ",".join(esc(c) for c in course["cats"]),
                           "COMMENT:Termin wegen Raumbelegung auf Dienstag verschoben",
                           "STATUS:CONFIRMED", "SEQUENCE:1", "END:VEVENT"]
            feeds[r["feed"]].append((sessions[0], vevent))
            if r.get("also_in"):
                feeds[r["also_in"]].append((sessions[0], vevent))
            expected.append({
                "url": url, "course_key": course["key"], "source": SITE, "provider": PROVIDER,
                "title": course["title"], "description": " ".join(description.split()),
                "start_date": sessions[0].isoformat(), "end_date": sessions[-1].isoformat(),
                "rolling_start": False, "duration_hours": total, "price_eur": price_eur, "format": fmt,
                "location": location, "category": course["category"], "funding": sorted(funding),
                "certificate": cert_kind, "language": course.get("language", "de"),
            })
            page_runs.append({"sessions": sessions, "r": r, "location_text": location_text, "fmt": fmt,
                              "price": price_line, "total": total})
        pages[course["slug"]] = (course, page_runs, funding_line, cert_line)
    return feeds, expected, pages


def calendar(name: str, events: list) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Wirtschaftsakademie Erzgebirge//Seminarkalender 3.2//DE",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{esc(name)}", "X-WR-TIMEZONE:Europe/Berlin",
             "REFRESH-INTERVAL;VALUE=DURATION:P1D", *VTIMEZONE]
    for _, vevent in sorted(events, key=lambda e: (e[0], e[1][1])):
        lines += vevent
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# ---------------------------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------------------------
WEEKDAY_SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]


def head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)} | Wirtschaftsakademie Erzgebirge</title>
  <link rel="alternate" type="text/calendar" title="Seminarkalender" href="/{SITE}/kalender.ics">
  <link rel="alternate" type="text/calendar" title="Online-Seminare" href="/{SITE}/online.ics">
</head>
<body>
  <header><a href="/{SITE}/index.html">Wirtschaftsakademie Erzgebirge</a> · Adam-Ries-Straße 16 · 09456 Annaberg-Buchholz</header>
"""


def seminar_page(course: dict, runs: list, funding_line, cert_line) -> str:
    items = []
    for info in runs:
        s = info["sessions"]
        r = info["r"]
        if len(s) == 1:
            when = f"{WEEKDAY_SHORT[s[0].weekday()]}., {s[0]:%d.%m.%Y}, {r['t_from']}–{r['t_to']} Uhr"
        else:
            when = (f"{s[0]:%d.%m.%Y} bis {s[-1]:%d.%m.%Y}, {len(s)} Termine, jeweils {r['t_from']}–{r['t_to']} Uhr")
        price = html.escape(info["price"]) if info["price"] else "Preis: bitte erfragen"
        items.append(f"      <li><strong>{html.escape(when)}</strong><br>{html.escape(info['location_text'])}"
                     f"<br>{price}</li>")
    body = "\n".join(f"  <p>{html.escape(p)}</p>" for p in course["text"])
    facts = "".join(f"  <p>{html.escape(x)}</p>\n" for x in (funding_line, cert_line) if x)
    return head(course["title"]) + f"""  <main>
  <h1>{html.escape(course['title'])}</h1>
{body}
{facts}  <h2>Termine</h2>
    <ul class="termine">
{chr(10).join(items)}
    </ul>
  <p>Alle Termine auch im <a href="/{SITE}/kalender.ics">Seminarkalender (iCal)</a>.</p>
  </main>
</body>
</html>
"""


def index_page(pages: dict) -> str:
    items = "\n".join(f'    <li><a href="/{SITE}/seminar/{slug}.html">{html.escape(c["title"])}</a></li>'
                      for slug, (c, *_rest) in sorted(pages.items(), key=lambda kv: kv[1][0]["title"]))
    return head("Seminare 2027") + f"""  <main>
  <h1>Seminare und Lehrgänge 2027</h1>
  <p>Die Wirtschaftsakademie Erzgebirge bietet Seminare für Fach- und Führungskräfte in Annaberg-Buchholz,
     Aue-Bad Schlema und Marienberg sowie online an.</p>
  <p>Abonnieren Sie unsere Termine:
     <a href="/{SITE}/kalender.ics">Seminarkalender (iCal)</a> ·
     <a href="/{SITE}/online.ics">Online-Seminare (iCal)</a></p>
  <ul>
{items}
  </ul>
  </main>
</body>
</html>
"""


def main() -> None:
    feeds, expected, pages = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "seminar").mkdir(parents=True)
    with (OUT / "kalender.ics").open("w", encoding="utf-8", newline="") as fh:
        fh.write(calendar("Wirtschaftsakademie Erzgebirge – Seminare", feeds["kalender"]))
    with (OUT / "online.ics").open("w", encoding="utf-8", newline="") as fh:
        fh.write(calendar("Wirtschaftsakademie Erzgebirge – Online-Seminare", feeds["online"]))
    for slug, (course, runs, funding_line, cert_line) in pages.items():
        (OUT / "seminar" / f"{slug}.html").write_text(seminar_page(course, runs, funding_line, cert_line),
                                                       encoding="utf-8")
    (OUT / "index.html").write_text(index_page(pages), encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    vevents = sum(sum(1 for line in v if line == "BEGIN:VEVENT") for feed in feeds.values() for _, v in feed)
    print(f"{SITE}: {len(pages)} courses, {len(expected)} offers, {vevents} VEVENTs -> {OUT}")


if __name__ == "__main__":
    main()
