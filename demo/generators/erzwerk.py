#!/usr/bin/env python3
"""Generator of the demo site `erzwerk` (ErzWerk Bildungszentrum GmbH).

A technical training centre (welding, metal/CNC, electrical safety, automation, forklifts and
cranes, Industriemeister) with locations in Annaberg-Buchholz, Schwarzenberg, Zschopau and
Olbernhau. It publishes a paginated course list that links to one detail page per course; each
detail page has a facts block and a table of runs ("Termine"), one row per bookable run:

    /erzwerk/index.html                         start page
    /erzwerk/kurse/index.html                   Kursübersicht, page 1 (10 courses per page)
    /erzwerk/kurse/seite-2.html, seite-3.html   further pages (page numbers, a rel="next" "Weiter »")
    /erzwerk/kurse/<slug>.html                  course detail page
    /erzwerk/aktuelles.html, ueber-uns.html     news and "Über uns" (no courses)
    /erzwerk/anmeldung.html, kontakt.html, impressum.html, datenschutz.html

Detail page: <main> with <h1>, <div class="kursbeschreibung"> (paragraphs, sometimes a list of
contents), <dl class="fakten"> (dt/dd: Kursnummer, Fachbereich, Dauer|Umfang, Preis|Kosten|
Lehrgangsgebühr, Abschluss, Förderung|Fördermöglichkeiten, Voraussetzungen; order and presence
vary) and <table class="termine"> whose tbody rows are the runs: td 1 Termin, 2 Zeit, 3 Ort,
4 Form, then an optional <td class="preis"> (only where runs differ in price) and the booking
link. The offer URL is the detail page; runs of one course share it and differ by start date.

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/erzwerk.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import re
import json
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

SITE = "erzwerk"
PROVIDER = "ErzWerk Bildungszentrum GmbH"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 4), date(2027, 12, 15)
PER_PAGE = 10

WD = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WD_LONG = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def d(m: int, day: int) -> date:
    return date(2027, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, canonical town (gazetteer name), town spellings used on the
# site (the first is the usual one).
# ---------------------------------------------------------------------------------------------
VENUES = {
    "anb": ("ErzWerk Bildungszentrum Annaberg", "Robert-Koch-Straße 24", "09456", "Annaberg-Buchholz",
            ["Annaberg-Buchholz", "Annaberg-Buchholz/Erzgebirge"]),
    "kran": ("ErzWerk Kranhalle Annaberg", "Sehmatalstraße 3", "09456", "Annaberg-Buchholz",
             ["Annaberg-Buchholz"]),
    "swb": ("ErzWerk Schweißtechnikum Schwarzenberg", "Gewerbering 7", "08340", "Schwarzenberg/Erzgeb.",
            ["Schwarzenberg", "Schwarzenberg/Erzgeb.", "Schwarzenberg (Erzgeb.)"]),
    "zsch": ("ErzWerk Standort Zschopau", "August-Bebel-Straße 52", "09405", "Zschopau", ["Zschopau"]),
    "stap": ("ErzWerk Staplerhalle Zschopau", "Gewerbestraße 9", "09405", "Zschopau", ["Zschopau"]),
    "olb": ("ErzWerk Standort Olbernhau", "Am Hüttengrund 11", "09526", "Olbernhau", ["Olbernhau"]),
}

FACHBEREICHE = {
    "schweiss": "Schweißtechnik",
    "metall": "Metall & CNC",
    "elektro": "Elektrotechnik",
    "auto": "Automatisierung",
    "foerder": "Stapler & Krane",
    "aufstieg": "Aufstiegsfortbildung",
    "qs": "Qualitätssicherung",
    "sicher": "Arbeitssicherheit & Erste Hilfe",
}


# ---------------------------------------------------------------------------------------------
# Wording helpers. Each returns the text as written plus the values a careful reader takes from it.
# ---------------------------------------------------------------------------------------------
def rng(a: date, b: date, style: str = "full") -> dict:
    assert a < b
    if style == "full":
        text = f"{a:%d.%m.%Y} - {b:%d.%m.%Y}"
    elif style == "ndash":
        text = f"{a:%d.%m.%Y} – {b:%d.%m.%Y}"
    elif style == "dots":
        text = f"{a:%d.%m.} - {b:%d.%m.%Y}"
    elif style == "compact":  # 07.-10.08.2027
        assert a.month == b.month
        text = f"{a:%d.}-{b:%d.%m.%Y}"
    elif style == "compact_nd":  # 22.–26.02.2027
        assert a.month == b.month
        text = f"{a:%d.}–{b:%d.%m.%Y}"
    elif style == "vom":
        if a.month == b.month:
            text = f"vom {a.day}. bis {b.day}. {MONTHS[b.month - 1]} {b.year}"
        else:
            text = f"vom {a.day}. {MONTHS[a.month - 1]} bis {b.day}. {MONTHS[b.month - 1]} {b.year}"
    elif style == "wd":
        text = f"{WD[a.weekday()]}, {a:%d.%m.} – {WD[b.weekday()]}, {b:%d.%m.%Y}"
    elif style == "short":
        text = f"{a:%d.%m.%y} – {b:%d.%m.%y}"
    elif style == "slash":  # 13./14.09.2027
        assert (b - a).days == 1
        text = f"{a:%d.}/{b:%d.%m.%Y}"
    else:
        raise ValueError(style)
    return {"termin": text, "start": a, "end": b}


def one(a: date, style: str = "wd") -> dict:
    text = {"wd": f"{WD[a.weekday()]}, {a:%d.%m.%Y}", "plain": f"{a:%d.%m.%Y}",
            "long": f"{WD_LONG[a.weekday()]}, {a.day}. {MONTHS[a.month - 1]} {a.year}"}[style]
    return {"termin": text, "start": a, "end": a}


def ab(a: date, short_year: bool = False) -> dict:
    return {"termin": f"ab {a:%d.%m.%y}" if short_year else f"ab {a:%d.%m.%Y}", "start": a, "end": None}


def anfrage(text: str = "Termin auf Anfrage") -> dict:
    return {"termin": text, "start": None, "end": None}


def UE(n: int, word: str = "UE", post: str = "", pre: str = "") -> tuple[str, float]:
    return f"{pre}{n} {word}{post}", n * 0.75


def STD(n: int, word: str = "Stunden") -> tuple[str, float]:
    return f"{n} {word}", float(n)


def TAGE(n: int) -> tuple[str, None]:
    return (f"{n} Tag" if n == 1 else f"{n} Tage"), None


def TAGE_A(days: int, ue: int) -> tuple[str, float]:
    return f"{days} Tage à {ue} UE", days * ue * 0.75


def TAGE_UE(days: int, ue: int) -> tuple[str, float]:
    return (f"{days} Tag ({ue} UE)" if days == 1 else f"{days} Tage ({ue} UE)"), ue * 0.75


def block_hours(when: dict, zeit: str) -> float | None:
    """Hours of a run whose length is given in days only: a block of at most a week on working
    days with daily times ("jeweils 7:30–15:00 Uhr") is days x daily hours; otherwise unknown."""
    m = re.fullmatch(r"jeweils (\d+):(\d+)–(\d+):(\d+) Uhr", zeit or "")
    start, end = when.get("start"), when.get("end")
    if not (m and start and end) or (end - start).days >= 7:
        return None
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    if any(day.weekday() >= 5 for day in days):
        return None
    daily = (int(m[3]) * 60 + int(m[4]) - int(m[1]) * 60 - int(m[2])) / 60
    return len(days) * daily


def money(amount: float, decimals: bool = True, thousands: bool = True) -> str:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".") if thousands else str(whole)
    return f"{text},{cents:02d}" if decimals else text


def P(amount: float, style: str, post: str = "") -> tuple[str, float]:
    text = {
        "eur2": f"{money(amount)} €",             # 1.450,00 €
        "eur0": f"{money(amount, False)} €",      # 2.690 €
        "EUR": f"{money(amount, False, False)} EUR",   # 1450 EUR
        "EUR2": f"{money(amount)} EUR",           # 2.980,00 EUR
        "dash": f"{money(amount, False)},- €",    # 490,- €
        "dashEUR": f"{money(amount, False)},- EUR",
        "prefix": f"€ {money(amount, False)},-",  # € 1.790,-
    }[style]
    return text + post, float(amount)


FREE = ("kostenfrei", 0.0)
ANFRAGE = ("Preis auf Anfrage", None)

F_BG = ("Bildungsgutschein (AZAV-zertifiziert)", ["bildungsgutschein"])
F_SCHECK = ("Weiterbildungsscheck Sachsen", ["weiterbildungsscheck"])
F_BG_SCHECK = ("Bildungsgutschein (AZAV-zertifiziert), Weiterbildungsscheck Sachsen",
               ["bildungsgutschein", "weiterbildungsscheck"])
F_BG_QCG = ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein; für Beschäftigte Förderung nach dem "
            "Qualifizierungschancengesetz möglich", ["bildungsgutschein", "qcg"])
F_AFBG = ("Aufstiegs-BAföG (Zuschuss zu Lehrgangs- und Prüfungsgebühren)", ["aufstiegs_bafoeg"])
F_NONE = ("keine", [])
F_DASH = ("–", [])

C_ZERT = ("Zertifikat", "provider_certificate")
C_TN = ("Teilnahmebescheinigung", "attendance")
C_IHK = ("IHK-Prüfung", "ihk_exam")


def ort(key: str, style: str = "br", town_variant: int = 0) -> dict:
    name, street, plz, town, written = VENUES[key]
    place = written[town_variant]
    if style == "br":
        text = f"{name}\n{street}\n{plz} {place}"
    elif style == "comma":
        text = f"{name}, {street}, {plz} {place}"
    elif style == "noname":
        text = f"{street}, {plz} {place}"
        name = None
    else:
        raise ValueError(style)
    return {"text": text, "location": {"name": name, "street": street, "postal_code": plz, "town": town}}


def online(text: str = "Online") -> dict:
    return {"text": text, "location": None}


INHOUSE = {"text": "Inhouse – in Ihrem Betrieb", "location": None}

FORM = {"onsite": "Präsenz", "online": "Online", "blended": "Blended Learning"}


def R(when: dict, where: dict, fmt: str = "onsite", zeit: str = "", **kw) -> dict:
    """One run (a row of the Termine table); kw: form (label override), price, badge."""
    return {"when": when, "where": where, "fmt": fmt, "zeit": zeit, **kw}


# ---------------------------------------------------------------------------------------------
# Courses. Fields: key (= slug), fb (Fachbereich), cat (expected category id), title, desc
# (paragraphs), items (optional contents list, part of the description), dauer (text, hours),
# preis (text, amount), foerderung (text, ids) or None, abschluss (text, kind) or None,
# voraus (Voraussetzungen) or None, runs.
# ---------------------------------------------------------------------------------------------
COURSES = [
    # ================================================================ Schweißtechnik
    {
        "key": "mag-schweissen", "nr": "EW-S-101", "fb": "schweiss", "cat": "schweissen",
        "title": "MAG-Schweißen (135) – Grundlehrgang Kehlnaht",
        "desc": ["Im Grundlehrgang lernen Sie das Metall-Aktivgas-Schweißen von Grund auf: Einrichten der "
                 "Stromquelle, Wahl von Draht und Schutzgas, Brennerhaltung und das sichere Schweißen von "
                 "Kehlnähten an Blech und Profil in verschiedenen Positionen.",
                 "Der Praxisanteil liegt bei über 80 Prozent. Jede Teilnehmerin und jeder Teilnehmer hat eine "
                 "eigene Schweißkabine; unsere Schweißlehrer sind DVS-geprüft."],
        "items": ["Arbeitsschutz beim Lichtbogenschweißen", "Werkstoffe und Schweißzusätze",
                  "Kehlnähte in PA, PB und PF", "Sicht- und Bruchprüfung der eigenen Nähte"],
        "dauer": UE(80), "preis": P(1450, "eur2"), "foerderung": F_BG, "abschluss": C_ZERT,
        "voraus": "keine Vorkenntnisse erforderlich",
        "runs": [
            R(rng(d(1, 11), d(1, 22), "full"), ort("swb"), zeit="Mo–Fr 7:00–13:30 Uhr"),
            R(rng(d(3, 8), d(3, 19), "dots"), ort("anb"), zeit="Mo–Fr 7:00–13:30 Uhr"),
            R(rng(d(6, 7), d(6, 18), "wd"), ort("swb", "comma", 1), zeit="Mo–Fr 7:00–13:30 Uhr"),
            R(rng(d(9, 6), d(9, 17), "full"), ort("swb"), zeit="Mo–Fr 7:00–13:30 Uhr", badge="Restplätze"),
            R(rng(d(11, 8), d(11, 19), "compact"), ort("anb", "comma"), zeit="Mo–Fr 12:30–19:00 Uhr"),
        ],
    },
    {
        "key": "wig-schweisskurs", "nr": "EW-S-102", "fb": "schweiss", "cat": "schweissen",
        "title": "Schweißkurs WIG (141) für Einsteiger",
        "desc": ["Wolfram-Inertgas-Schweißen ist das Verfahren für saubere, hochwertige Nähte an Edelstahl und "
                 "Aluminium. Der Kurs führt Einsteiger in fünf Tagen vom Zünden des Lichtbogens bis zur "
                 "gleichmäßigen Stumpfnaht am Blech.",
                 "Geeignet für Beschäftigte aus Metallbau, Anlagenbau und Instandhaltung sowie für alle, die "
                 "nach einem MAG-Lehrgang ein zweites Verfahren lernen möchten."],
        "dauer": TAGE_A(5, 8), "preis": P(1180, "EUR"), "foerderung": F_SCHECK,
        "abschluss": ("ErzWerk-Zertifikat", "provider_certificate"), "voraus": None,
        "runs": [
            R(rng(d(2, 1), d(2, 5), "compact"), ort("swb"), zeit="jeweils 7:30–14:00 Uhr"),
            R(rng(d(4, 12), d(4, 16), "full"), ort("anb"), zeit="jeweils 7:30–14:00 Uhr"),
            R(rng(d(10, 4), d(10, 8), "vom"), ort("swb", "br", 2), zeit="jeweils 7:30–14:00 Uhr"),
        ],
    },
    {
        "key": "e-hand-schweissen", "nr": "EW-S-103", "fb": "schweiss", "cat": "schweissen",
        "title": "E-Hand-Schweißen (111) – Aufbaukurs Stumpfnaht",
        "desc": ["Lichtbogenhandschweißen mit umhüllten Stabelektroden ist auf Baustellen und in der Reparatur "
                 "unverzichtbar. Im Aufbaukurs schweißen Sie Stumpfnähte an Blech und Rohr in steigender und "
                 "Überkopf-Position und lernen, Nahtfehler zu erkennen und zu vermeiden.",
                 "Wer möchte, kann im Anschluss die Schweißerprüfung ablegen (gesonderte Gebühr)."],
        "dauer": UE(120, "Unterrichtseinheiten"), "preis": P(1790, "prefix"), "foerderung": F_BG_SCHECK,
        "abschluss": ("Zertifikat; auf Wunsch Schweißerprüfung nach DIN EN ISO 9606-1", "provider_certificate"),
        "voraus": "Grundkenntnisse im Lichtbogenschweißen",
        "runs": [
            R(rng(d(2, 15), d(3, 5), "ndash"), ort("swb"), zeit="Mo–Fr 7:00–13:30 Uhr"),
            R(rng(d(8, 23), d(9, 10), "dots"), ort("olb", "comma"), zeit="Mo–Fr 7:00–13:30 Uhr"),
        ],
    },
    {
        "key": "schweisserpruefung", "nr": "EW-S-110", "fb": "schweiss", "cat": "schweissen",
        "title": "Schweißerprüfung nach DIN EN ISO 9606-1 – Vorbereitung und Prüfung",
        "desc": ["Eine Woche intensives Training an den Prüfstücken Ihres Verfahrens (MAG, WIG oder E-Hand), "
                 "danach die Prüfung vor einem unabhängigen Prüfer. Nach bestandener Prüfung erhalten Sie die "
                 "Prüfungsbescheinigung, die alle zwei Jahre bestätigt werden muss.",
                 "Bitte geben Sie bei der Anmeldung Verfahren, Werkstoff und Position an, die geprüft werden "
                 "sollen."],
        "dauer": STD(40), "preis": ("490,- € zzgl. Prüfungsgebühr 160 €", 490.0), "foerderung": None,
        "abschluss": ("Schweißerprüfungsbescheinigung nach DIN EN ISO 9606-1", "provider_certificate"),
        "voraus": "Schweißpraxis im gewählten Verfahren",
        "runs": [
            R(rng(d(1, 25), d(1, 29), "full"), ort("swb"), zeit="Mo–Fr 7:00–15:00 Uhr"),
            R(rng(d(4, 19), d(4, 23), "full"), ort("swb", "br", 1), zeit="Mo–Fr 7:00–15:00 Uhr"),
            R(rng(d(6, 21), d(6, 25), "dots"), ort("anb"), zeit="Mo–Fr 7:00–15:00 Uhr"),
            R(rng(d(11, 22), d(11, 26), "wd"), ort("swb"), zeit="Mo–Fr 7:00–15:00 Uhr"),
        ],
    },
    {
        "key": "rohrschweisser", "nr": "EW-S-120", "fb": "schweiss", "cat": "schweissen",
        "title": "Rohrschweißer MAG/WIG – Qualifizierung für den Rohrleitungs- und Anlagenbau",
        "desc": ["Rohrleitungsbauer und Anlagenbauer in der Region suchen qualifizierte Rohrschweißer. Die "
                 "achtwöchige Qualifizierung verbindet WIG-Wurzellagen mit MAG-Füll- und Decklagen an Rohren "
                 "verschiedener Durchmesser und endet mit Schweißerprüfungen in beiden Verfahren.",
                 "Voraussetzung sind Grundkenntnisse im Schweißen; ein Eignungstest vor Lehrgangsbeginn ist "
                 "kostenlos."],
        "dauer": UE(320, "UE", " (Vollzeit, 8 Wochen)"), "preis": P(6240, "eur2", " (zahlbar in 4 Raten)"),
        "foerderung": F_BG_QCG,
        "abschluss": ("Zertifikat und Schweißerprüfungen nach DIN EN ISO 9606-1 (MAG und WIG)",
                      "provider_certificate"),
        "voraus": "Grundkenntnisse im MAG- oder WIG-Schweißen",
        "runs": [
            R(rng(d(3, 1), d(4, 23), "full"), ort("swb", "comma"), zeit="Vollzeit, Mo–Fr 7:00–14:45 Uhr"),
            R(ab(d(9, 13)), ort("swb"), zeit="Vollzeit, Mo–Fr 7:00–14:45 Uhr"),
        ],
    },
    {
        "key": "schnupperkurs-schweissen", "nr": "EW-S-001", "fb": "schweiss", "cat": "schweissen",
        "title": "Schweißen ausprobieren – Schnupperkurs für Schülerinnen und Schüler",
        "desc": ["Funken, Hitze und am Ende eine eigene Naht: Schülerinnen und Schüler ab Klasse 8 probieren in "
                 "unserer Lehrwerkstatt MAG- und WIG-Schweißen unter Anleitung aus und lernen die Metallberufe "
                 "der Region kennen.",
                 "Schutzkleidung stellen wir. Eltern sind zur Abschlussrunde herzlich eingeladen."],
        "dauer": STD(4, "Zeitstunden"), "preis": FREE, "foerderung": None, "abschluss": C_TN,
        "voraus": "Schülerinnen und Schüler ab Klasse 8",
        "runs": [
            R(one(d(4, 22), "wd"), ort("anb"), zeit="9:00–13:00 Uhr"),
            R(one(d(10, 9), "long"), ort("swb", "comma"), zeit="9:00–13:00 Uhr"),
        ],
    },
    {
        "key": "gasschweissen", "nr": "EW-S-130", "fb": "schweiss", "cat": "schweissen",
        "title": "Gasschweißen (311) und Brennschneiden",
        "desc": ["Autogentechnik ist in Schlosserei, Heizungsbau und Reparaturwerkstatt noch immer gefragt. "
                 "Sie lernen den sicheren Umgang mit Acetylen und Sauerstoff, das Gasschmelzschweißen an "
                 "dünnen Stahlblechen und Rohren sowie das Brennschneiden von Hand."],
        "items": ["Gase, Armaturen und Flaschenlagerung", "Flammeneinstellung", "Nach-links- und "
                  "Nach-rechts-Schweißen", "Brennschneiden und Fugenhobeln"],
        "dauer": TAGE(3), "preis": P(690, "eur2"), "foerderung": F_DASH, "abschluss": C_TN, "voraus": None,
        "runs": [
            R(rng(d(5, 10), d(5, 12), "compact_nd"), ort("olb"), zeit="jeweils 7:30–15:00 Uhr"),
            R(rng(d(10, 25), d(10, 27), "short"), ort("swb"), zeit="jeweils 7:30–15:00 Uhr"),
        ],
    },
    {
        "key": "wig-rohr-pruefung", "nr": "EW-S-111", "fb": "schweiss", "cat": "schweissen",
        "title": "Schweißerprüfung WIG (141) am Rohr – Prüfungslehrgang",
        "desc": ["Für erfahrene WIG-Schweißer aus Rohrleitungs- und Behälterbau: Zwei Wochen gezieltes Training "
                 "an Rohren in Zwangslagen (PH, PC, H-L045), anschließend die Prüfung der Schweißer vor einem "
                 "unabhängigen Prüfer.",
                 "Gruppen mit höchstens sechs Personen, damit jeder ausreichend Zeit am Prüfstück hat."],
        "dauer": ("2 Wochen (80 UE)", 60.0), "preis": P(1350, "eur0", " inkl. Prüfungsgebühr"),
        "foerderung": None,
        # The welder's qualification certificate, as the provider writes it. The normalizer does not
        # yet know this spelling (see the report), the expected value is what it is.
        "abschluss": ("Schweißerprüfung DIN EN ISO 9606-1", "provider_certificate"),
        "voraus": "mehrjährige Praxis im WIG-Schweißen",
        "runs": [R(rng(d(6, 14), d(6, 25), "full"), ort("swb"), zeit="Mo–Fr 7:00–14:00 Uhr")],
    },
    # ================================================================ Metall & CNC
    {
        "key": "cnc-drehen", "nr": "EW-M-201", "fb": "metall", "cat": "metall_cnc",
        "title": "CNC-Drehen mit Siemens Sinumerik – Grundlagen",
        "desc": ["Vom Zeichnungslesen über die Programmierung nach DIN 66025 bis zum ersten eigenen Werkstück: "
                 "Der Lehrgang vermittelt die Grundlagen des CNC-Drehens an Maschinen mit Sinumerik-Steuerung "
                 "und ShopTurn-Oberfläche.",
                 "Sie programmieren an Simulationsplätzen und fertigen Ihre Teile anschließend an unseren "
                 "Drehmaschinen in Zschopau."],
        "items": ["Koordinatensysteme und Nullpunkte", "Werkzeuge, Schnittwerte, Korrekturen",
                  "Konturprogrammierung und Zyklen", "Einrichten und Fertigen an der Maschine"],
        "dauer": UE(80), "preis": P(2180, "eur2"), "foerderung": F_BG_SCHECK, "abschluss": C_ZERT,
        "voraus": "Grundkenntnisse Metallbearbeitung",
        "runs": [
            R(rng(d(1, 18), d(1, 29), "full"), ort("zsch"), zeit="Mo–Fr 7:30–14:00 Uhr"),
            R(rng(d(5, 10), d(5, 21), "dots"), ort("zsch", "comma"), zeit="Mo–Fr 7:30–14:00 Uhr"),
            R(rng(d(9, 27), d(10, 8), "wd"), ort("anb"), zeit="Mo–Fr 7:30–14:00 Uhr"),
        ],
    },
    {
        "key": "cnc-fraesen", "nr": "EW-M-202", "fb": "metall", "cat": "metall_cnc",
        "title": "CNC-Fräsen mit Heidenhain TNC 640",
        "desc": ["Klartextprogrammierung, Bearbeitungszyklen und 3+2-Achs-Bearbeitung an der "
                 "Heidenhain-Steuerung TNC 640: Der Lehrgang richtet sich an Zerspanungsmechaniker, "
                 "Werkzeugmacher und Quereinsteiger mit Erfahrung an konventionellen Maschinen.",
                 "Zum Abschluss fertigt jede Teilnehmerin und jeder Teilnehmer ein Prüfstück nach Zeichnung, "
                 "das gemeinsam vermessen und ausgewertet wird."],
        "dauer": UE(120), "preis": P(2690, "eur0"), "foerderung": F_BG, "abschluss": C_ZERT,
        "voraus": "Erfahrung an konventionellen Fräsmaschinen",
        "runs": [
            R(rng(d(3, 1), d(3, 19), "full"), ort("zsch"), zeit="Mo–Fr 7:30–14:00 Uhr"),
            R(rng(d(8, 30), d(9, 17), "ndash"), ort("zsch"), zeit="Mo–Fr 7:30–14:00 Uhr"),
            R(rng(d(11, 15), d(12, 3), "dots"), ort("anb", "br", 1), zeit="Mo–Fr 7:30–14:00 Uhr"),
        ],
    },
    {
        "key": "metallbearbeitung", "nr": "EW-M-210", "fb": "metall", "cat": "metall_cnc",
        "title": "Metallbearbeitung Grundlagen – Feilen, Bohren, Drehen, Fräsen",
        "desc": ["Der Einstieg in die Metallberufe für Quer- und Wiedereinsteiger: In vier Wochen lernen Sie "
                 "Messen und Anreißen, manuelle Bearbeitung sowie das Drehen und Fräsen an konventionellen "
                 "Maschinen.",
                 "Förderung nach dem Qualifizierungschancengesetz für Beschäftigte möglich – wir beraten Sie "
                 "gern."],
        "funding_desc": ["qcg"],
        "dauer": UE(160, "UE", " (4 Wochen Vollzeit)"), "preis": P(2980, "EUR2"), "foerderung": F_BG,
        "abschluss": C_ZERT, "voraus": None,
        "runs": [
            R(rng(d(1, 4), d(1, 29), "full"), ort("anb"), zeit="Mo–Fr 7:00–14:00 Uhr"),
            R(rng(d(8, 2), d(8, 27), "dots"), ort("olb"), zeit="Mo–Fr 7:00–14:00 Uhr"),
        ],
    },
    {
        "key": "technisches-zeichnen", "nr": "EW-M-220", "fb": "metall", "cat": "metall_cnc",
        "title": "Technisches Zeichnen und Zeichnungslesen für Metallberufe",
        "desc": ["Ansichten, Schnitte, Bemaßung, Toleranzen und Passungen, Oberflächenangaben und "
                 "Schweißsymbole: Nach dem Seminar lesen Sie Fertigungszeichnungen sicher und erstellen "
                 "einfache Skizzen selbst.",
                 "Mit vielen Übungen an Originalzeichnungen aus Betrieben der Region."],
        "dauer": TAGE_UE(3, 24), "preis": P(540, "dashEUR"), "foerderung": F_SCHECK, "abschluss": C_TN,
        "voraus": None,
        "runs": [
            R(rng(d(2, 8), d(2, 10), "compact"), ort("zsch"), zeit="jeweils 8:00–14:30 Uhr"),
            R(rng(d(9, 14), d(9, 16), "full"), ort("anb", "noname"), zeit="jeweils 8:00–14:30 Uhr"),
        ],
    },
    {
        "key": "cad-solidworks", "nr": "EW-M-230", "fb": "metall", "cat": "metall_cnc",
        "title": "CAD-Konstruktion mit SolidWorks – Einstieg",
        "desc": ["Sie modellieren Bauteile, erstellen Baugruppen und leiten normgerechte Zeichnungen ab. Der "
                 "Kurs ist für Konstrukteure, Techniker und Facharbeiter gedacht, die den Umstieg vom Brett "
                 "oder von 2D-Programmen auf 3D-CAD schaffen wollen.",
                 "Der Online-Termin findet als Live-Seminar statt; die Software stellen wir für die Kursdauer "
                 "als Testlizenz bereit."],
        "dauer": TAGE_A(5, 8), "preis": P(1390, "eur2"), "foerderung": F_SCHECK, "abschluss": C_ZERT,
        "voraus": "sicherer Umgang mit dem PC",
        "runs": [
            R(rng(d(2, 22), d(2, 26), "compact_nd"), ort("zsch"), zeit="jeweils 8:00–15:00 Uhr"),
            R(rng(d(6, 14), d(6, 18), "full"), online("Live-Online (MS Teams)"), "online",
              zeit="jeweils 8:30–14:30 Uhr"),
            R(rng(d(10, 18), d(10, 22), "dots"), ort("anb", "comma"), zeit="jeweils 8:00–15:00 Uhr"),
        ],
    },
    # ================================================================ Elektrotechnik
    {
        "key": "efkfft", "nr": "EW-E-301", "fb": "elektro", "cat": "elektro",
        "title": "Elektrofachkraft für festgelegte Tätigkeiten (EFKffT)",
        "desc": ["Mechaniker, Schlosser und Anlagenführer, die im Betrieb gleichartige, wiederkehrende "
                 "elektrotechnische Arbeiten ausführen sollen – etwa das Tauschen von Motoren, Sensoren oder "
                 "Leuchten –, werden in diesem Lehrgang nach DGUV Grundsatz 303-001 qualifiziert.",
                 "Die festgelegten Tätigkeiten werden vorab mit Ihrem Betrieb abgestimmt. Der Lehrgang endet "
                 "mit einer theoretischen und praktischen Prüfung."],
        "dauer": UE(200), "preis": P(2450, "eur2"),
        "foerderung": ("Bildungsgutschein (AZAV-zertifiziert); für Beschäftigte Förderung nach dem "
                       "Qualifizierungschancengesetz", ["bildungsgutschein", "qcg"]),
        "abschluss": ("Zertifikat nach bestandener Prüfung", "provider_certificate"),
        "voraus": "abgeschlossene Berufsausbildung in einem Metall- oder technischen Beruf",
        "runs": [
            R(rng(d(1, 11), d(2, 12), "full"), ort("anb"), zeit="Mo–Fr 7:30–14:30 Uhr"),
            R(rng(d(4, 12), d(5, 14), "dots"), ort("zsch"), "blended",
              zeit="Theorie live online, Praxis in Zschopau"),
            R(rng(d(9, 13), d(10, 15), "ndash"), ort("olb"), zeit="Mo–Fr 7:30–14:30 Uhr"),
        ],
    },
    {
        "key": "eup", "nr": "EW-E-310", "fb": "elektro", "cat": "elektro",
        "title": "Elektrotechnisch unterwiesene Person (EuP)",
        "desc": ["Bedienen, Reinigen, einfache Sichtprüfungen: Auch wer keine Elektrofachkraft ist, arbeitet "
                 "oft an elektrischen Anlagen. Die Unterweisung vermittelt die Gefahren des elektrischen Stroms, "
                 "die fünf Sicherheitsregeln und die Grenzen der eigenen Befugnisse.",
                 "Inhalte nach DGUV Vorschrift 3 und DIN VDE 0105-100."],
        "dauer": UE(16), "preis": P(320, "EUR"), "foerderung": None, "abschluss": C_TN, "voraus": None,
        "runs": [
            R(rng(d(2, 22), d(2, 23), "wd"), ort("anb"), zeit="jeweils 8:00–14:00 Uhr"),
            R(rng(d(6, 7), d(6, 8), "slash"), ort("zsch"), zeit="jeweils 8:00–14:00 Uhr"),
            R(rng(d(11, 8), d(11, 9), "full"), ort("olb", "comma"), zeit="jeweils 8:00–14:00 Uhr"),
        ],
    },
    {
        "key": "dguv-v3-pruefung", "nr": "EW-E-320", "fb": "elektro", "cat": "elektro",
        "title": "Prüfung ortsveränderlicher elektrischer Geräte nach DGUV Vorschrift 3",
        "desc": ["Bohrmaschinen, Verlängerungskabel, Kaffeemaschinen: Ortsveränderliche Geräte müssen "
                 "regelmäßig geprüft werden. Sie lernen den Prüfablauf nach DIN VDE 0701-0702, den Umgang mit "
                 "Prüfgeräten und die rechtssichere Dokumentation.",
                 "Am zweiten Tag prüfen Sie selbst mitgebrachte und von uns vorbereitete Geräte mit Fehlern."],
        "dauer": TAGE(2), "preis": P(640, "dash"), "foerderung": F_SCHECK,
        "abschluss": ("Zertifikat (befähigte Person für die Geräteprüfung)", "provider_certificate"),
        "voraus": "Elektrofachkraft oder EFKffT",
        "runs": [
            R(rng(d(3, 15), d(3, 16), "slash"), ort("anb"), zeit="jeweils 8:00–15:30 Uhr"),
            R(rng(d(10, 18), d(10, 19), "dots"), ort("zsch"), zeit="jeweils 8:00–15:30 Uhr"),
        ],
    },
    # ================================================================ Automatisierung
    {
        "key": "sps-tia-grundkurs", "nr": "EW-A-401", "fb": "auto", "cat": "automatisierung",
        "title": "SPS-Programmierung mit SIMATIC S7 und TIA Portal – Grundkurs",
        "desc": ["Hardware konfigurieren, Variablen anlegen, in KOP, FUP und SCL programmieren, testen und "
                 "Fehler suchen: Der Grundkurs führt Instandhalter und Elektriker an die Steuerungstechnik "
                 "mit SIMATIC S7-1500 und TIA Portal heran.",
                 "Jeder Platz ist mit einem Trainingskoffer und einer Bandmodell-Anlage ausgestattet."],
        "dauer": TAGE_A(5, 8), "preis": P(1690, "eur2"), "foerderung": F_BG_SCHECK, "abschluss": C_ZERT,
        "voraus": "elektrotechnische Grundkenntnisse",
        "runs": [
            R(rng(d(1, 25), d(1, 29), "full"), ort("zsch"), zeit="jeweils 8:00–15:00 Uhr"),
            R(rng(d(5, 3), d(5, 7), "vom"), ort("zsch", "comma"), zeit="jeweils 8:00–15:00 Uhr"),
            R(rng(d(9, 20), d(9, 24), "full"), ort("anb"), zeit="jeweils 8:00–15:00 Uhr", badge="nur noch 2 Plätze frei"),
        ],
    },
    {
        "key": "sps-aufbaukurs", "nr": "EW-A-402", "fb": "auto", "cat": "automatisierung",
        "title": "SPS-Aufbaukurs – Fehlersuche und Inbetriebnahme mit TIA Portal",
        "desc": ["Aufbauend auf dem Grundkurs üben Sie die systematische Fehlersuche an laufenden Anlagen, "
                 "arbeiten mit Diagnosepuffer, Trace und Beobachtungstabellen und nehmen PROFINET-Geräte in "
                 "Betrieb.",
                 "Eigene Projekte aus Ihrem Betrieb können Sie gern mitbringen."],
        "dauer": STD(40, "Std."), "preis": P(1890, "eur2"), "foerderung": F_SCHECK, "abschluss": C_ZERT,
        "voraus": "SPS-Grundkurs oder vergleichbare Kenntnisse",
        "runs": [
            R(rng(d(6, 7), d(6, 11), "dots"), ort("zsch"), zeit="jeweils 7:30–15:45 Uhr"),
            R(rng(d(11, 22), d(11, 26), "full"), ort("zsch"), zeit="jeweils 7:30–15:45 Uhr"),
        ],
    },
    {
        "key": "pneumatik", "nr": "EW-A-410", "fb": "auto", "cat": "automatisierung",
        "title": "Pneumatik & Elektropneumatik – Grundlagen für Instandhalter",
        "desc": ["Druckluft bewegt in vielen Betrieben Greifer, Klemmungen und Vorschübe. Sie lernen Aufbau und "
                 "Funktion pneumatischer Bauelemente, lesen Schaltpläne nach DIN ISO 1219 und bauen "
                 "elektropneumatische Steuerungen selbst auf."],
        "items": ["Drucklufterzeugung und -aufbereitung", "Zylinder, Ventile, Sensoren",
                  "Schaltpläne lesen und aufbauen", "Fehlersuche an Übungsanlagen"],
        "dauer": TAGE_A(3, 8), "preis": P(890, "eur0"), "foerderung": F_NONE, "abschluss": C_TN,
        "voraus": None,
        "runs": [
            R(rng(d(3, 1), d(3, 3), "compact"), ort("olb"), zeit="jeweils 8:00–15:00 Uhr"),
            R(rng(d(10, 6), d(10, 8), "full"), ort("olb", "comma"), zeit="jeweils 8:00–15:00 Uhr"),
        ],
    },
    {
        "key": "hydraulik", "nr": "EW-A-411", "fb": "auto", "cat": "automatisierung",
        "title": "Hydraulik in der Instandhaltung",
        "desc": ["Pressen, Hebebühnen und Baumaschinen arbeiten hydraulisch – und fallen oft wegen kleiner "
                 "Ursachen aus. Das Seminar vermittelt Grundlagen der Ölhydraulik, das Lesen von "
                 "Hydraulikschaltplänen und eine systematische Fehlersuche.",
                 "Sicherheit beim Arbeiten an Druckspeichern und Schlauchleitungen ist ein eigener "
                 "Schwerpunkt."],
        "dauer": UE(24, "Unterrichtseinheiten"), "preis": P(960, "prefix"), "foerderung": F_SCHECK,
        "abschluss": C_TN, "voraus": None,
        "runs": [
            R(rng(d(3, 15), d(3, 17), "ndash"), ort("olb"), zeit="jeweils 8:00–14:30 Uhr"),
            R(rng(d(11, 10), d(11, 12), "compact_nd"), ort("olb"), zeit="jeweils 8:00–14:30 Uhr"),
        ],
    },
    # ================================================================ Stapler & Krane
    {
        "key": "gabelstapler", "nr": "EW-F-501", "fb": "foerder", "cat": "stapler_kran",
        "title": "Gabelstaplerfahrer – Ausbildung nach DGUV Grundsatz 308-001",
        "desc": ["Wer im Betrieb einen Gabelstapler fährt, braucht eine Ausbildung und einen schriftlichen "
                 "Fahrauftrag. Der Lehrgang vermittelt Rechtsgrundlagen, Standsicherheit, Lastschwerpunkt und "
                 "Tragfähigkeitsdiagramm und trainiert das sichere Fahren und Stapeln auf unserem "
                 "Übungsparcours.",
                 "Theoretische und praktische Prüfung am letzten Tag."],
        "dauer": TAGE_UE(3, 20), "preis": P(390, "dash"), "foerderung": F_BG,
        "abschluss": ("Fahrausweis für Flurförderzeuge (DGUV Grundsatz 308-001)", "dguv"),
        "voraus": "Mindestalter 18 Jahre",
        "runs": [
            R(rng(d(1, 18), d(1, 20), "full"), ort("stap"), zeit="jeweils 7:30–13:30 Uhr"),
            R(rng(d(3, 15), d(3, 17), "dots"), ort("kran", "comma"), zeit="jeweils 7:30–13:30 Uhr"),
            R(rng(d(6, 14), d(6, 16), "compact"), ort("stap"), zeit="jeweils 7:30–13:30 Uhr"),
            R(rng(d(9, 13), d(9, 15), "wd"), ort("swb", "noname"), zeit="jeweils 7:30–13:30 Uhr"),
        ],
    },
    {
        "key": "stapler-unterweisung", "nr": "EW-F-502", "fb": "foerder", "cat": "stapler_kran",
        "title": "Jährliche Unterweisung für Staplerfahrer",
        "desc": ["Staplerfahrer müssen mindestens einmal im Jahr unterwiesen werden. Wir frischen die "
                 "wichtigsten Regeln auf, besprechen typische Unfälle und aktuelle Änderungen und üben "
                 "kritische Situationen auf dem Parcours.",
                 "Gern kommen wir auch mit einem Trainer zu Ihnen in den Betrieb."],
        "dauer": UE(4), "preis": P(75, "eur2"), "foerderung": None, "abschluss": C_TN, "voraus": None,
        "price_column": True,
        "runs": [
            R(one(d(3, 1), "wd"), ort("stap"), zeit="13:00–16:15 Uhr"),
            R(one(d(10, 4), "plain"), ort("stap"), zeit="13:00–16:15 Uhr"),
            R(anfrage("Termin nach Vereinbarung"), INHOUSE, price=("auf Anfrage", None)),
        ],
    },
    {
        "key": "kranfuehrer", "nr": "EW-F-510", "fb": "foerder", "cat": "stapler_kran",
        "title": "Kranführer für flurgesteuerte Krane (Brückenkran, Hallenkran)",
        "desc": ["Der Lehrgang qualifiziert Beschäftigte, die Brücken- und Hallenkrane vom Boden aus mit "
                 "Hängetaster oder Funkfernsteuerung bedienen. Neben Recht und Technik stehen das Anschlagen "
                 "von Lasten und das pendelfreie Fahren im Mittelpunkt.",
                 "Geübt wird in unserer Kranhalle in Annaberg-Buchholz mit zwei Brückenkranen."],
        "dauer": TAGE_A(2, 8), "preis": P(420, "eur2"), "foerderung": F_BG,
        "abschluss": ("Befähigungsnachweis nach DGUV Grundsatz 309-003", "dguv"), "voraus": None,
        "runs": [
            R(rng(d(2, 1), d(2, 2), "full"), ort("kran"), zeit="jeweils 7:30–15:00 Uhr"),
            R(rng(d(4, 26), d(4, 27), "slash"), ort("kran"), zeit="jeweils 7:30–15:00 Uhr"),
            R(rng(d(10, 11), d(10, 12), "dots"), ort("kran", "comma"), zeit="jeweils 7:30–15:00 Uhr"),
        ],
    },
    {
        "key": "anschlaeger", "nr": "EW-F-511", "fb": "foerder", "cat": "stapler_kran",
        "title": "Anschläger – Lasten sicher anschlagen",
        "desc": ["Falsch angeschlagene Lasten sind eine der häufigsten Unfallursachen beim Kranbetrieb. Sie "
                 "lernen Anschlagmittel auszuwählen und zu prüfen, Neigungswinkel und Tragfähigkeiten richtig "
                 "zu berücksichtigen und sich mit dem Kranführer eindeutig zu verständigen."],
        "dauer": UE(8), "preis": P(185, "eur0"), "foerderung": None, "abschluss": C_TN, "voraus": None,
        "runs": [
            R(one(d(2, 3), "wd"), ort("kran"), zeit="7:30–14:00 Uhr"),
            R(one(d(10, 13), "wd"), ort("kran"), zeit="7:30–14:00 Uhr"),
        ],
    },
    {
        "key": "hubarbeitsbuehnen", "nr": "EW-F-520", "fb": "foerder", "cat": "stapler_kran",
        "title": "Bediener von Hubarbeitsbühnen nach DGUV Grundsatz 308-008",
        "desc": ["Scheren-, Gelenkteleskop- und LKW-Arbeitsbühnen dürfen nur unterwiesene und beauftragte "
                 "Personen bedienen. Die Schulung verbindet Theorie mit praktischen Übungen an "
                 "Mietgeräten und wird für Gruppen ab vier Personen angesetzt."],
        "dauer": TAGE_UE(1, 8), "preis": ANFRAGE,
        "foerderung": ("Eine Förderung mit Bildungsgutschein ist für diese Schulung nicht möglich.", []),
        "abschluss": ("Bedienberechtigung nach DGUV Grundsatz 308-008", "dguv"), "voraus": None,
        "runs": [R(anfrage(), ort("zsch", "comma"))],
    },
    # ================================================================ Aufstiegsfortbildung
    {
        "key": "industriemeister-metall", "nr": "EW-IM-601", "fb": "aufstieg", "cat": "meister",
        "title": "Geprüfte/r Industriemeister/in Metall (IHK) – berufsbegleitend",
        "desc": ["Der Lehrgang bereitet Facharbeiterinnen und Facharbeiter der Metallberufe auf die "
                 "Fortbildungsprüfung vor der IHK Chemnitz vor: fachrichtungsübergreifende Basisqualifikationen, "
                 "handlungsspezifische Qualifikationen sowie auf Wunsch die Ausbildereignung.",
                 "Unterricht freitags am Nachmittag und samstags, dazu wenige Blockwochen vor den Prüfungen. "
                 "Die Prüfungsgebühren der IHK werden gesondert erhoben."],
        "dauer": UE(900, "UE", ", berufsbegleitend (ca. 24 Monate)", "ca. "),
        "preis": ("€ 5.890,- zzgl. Prüfungsgebühren der IHK (auch in 24 Monatsraten à 245,42 €)", 5890.0),
        "foerderung": F_AFBG, "abschluss": C_IHK,
        "voraus": "Facharbeiterabschluss in einem Metallberuf und Berufspraxis",
        "runs": [
            R(ab(d(9, 3)), ort("anb"), zeit="Fr 15:00–20:00 Uhr, Sa 8:00–14:30 Uhr"),
            R(ab(d(9, 10), short_year=True), ort("zsch", "comma"), zeit="Fr 15:00–20:00 Uhr, Sa 8:00–14:30 Uhr"),
        ],
    },
    # ================================================================ Qualitätssicherung
    {
        "key": "qmb-iso-9001", "nr": "EW-Q-701", "fb": "qs", "cat": "qualitaet_umwelt",
        "title": "Qualitätsmanagement-Beauftragte/r (QMB) nach ISO 9001",
        "desc": ["Sie lernen Anforderungen und Aufbau eines QM-Systems nach DIN EN ISO 9001 kennen, "
                 "beschreiben Prozesse, planen interne Audits und bereiten die Managementbewertung vor – mit "
                 "Beispielen aus kleinen und mittleren Fertigungsbetrieben.",
                 "Der Kurs wird in Präsenz und als Live-Online-Seminar angeboten; der Online-Termin ist "
                 "günstiger."],
        "dauer": TAGE_A(5, 8), "preis": ("1.290,00 € (online 1.190,00 €)", 1290.0), "foerderung": F_SCHECK,
        "abschluss": C_ZERT, "voraus": None,
        "price_column": True,
        "runs": [
            R(rng(d(2, 15), d(2, 19), "full"), ort("anb"), zeit="jeweils 8:30–15:30 Uhr", price=P(1290, "eur2")),
            R(rng(d(5, 10), d(5, 14), "dots"), online("Online (Zoom)"), "online", zeit="jeweils 8:30–15:30 Uhr",
              price=P(1190, "eur2")),
            R(rng(d(11, 8), d(11, 12), "full"), ort("zsch"), zeit="jeweils 8:30–15:30 Uhr", price=P(1290, "eur2")),
        ],
    },
    {
        "key": "messtechnik", "nr": "EW-Q-710", "fb": "qs", "cat": "qualitaet_umwelt",
        "title": "Messtechnik und Prüfmittel in der Fertigung",
        "desc": ["Messschieber, Bügelmessschraube, Messuhr und Lehren richtig einsetzen, Messfehler erkennen "
                 "und Prüfmittel überwachen: Das Seminar richtet sich an Facharbeiter, Prüfer und "
                 "Qualitätsverantwortliche in der Metallfertigung."],
        "dauer": UE(16), "preis": P(480, "EUR"), "foerderung": None, "abschluss": C_TN, "voraus": None,
        "runs": [
            R(rng(d(4, 19), d(4, 20), "slash"), ort("zsch"), zeit="jeweils 8:00–14:00 Uhr"),
            R(rng(d(11, 29), d(11, 30), "full"), ort("zsch", "comma"), zeit="jeweils 8:00–14:00 Uhr"),
        ],
    },
    # ================================================================ Erste Hilfe
    {
        "key": "erste-hilfe", "nr": "EW-AS-801", "fb": "sicher", "cat": "erste_hilfe",
        "title": "Erste Hilfe – Aus- und Fortbildung betrieblicher Ersthelfer",
        "desc": ["Verbrennungen, Schnittverletzungen, ein Kollege bricht zusammen: In Werkstatt und Halle "
                 "müssen Ersthelfer schnell und richtig handeln. Der Kurs gilt als Ausbildung und als "
                 "Fortbildung für betriebliche Ersthelfer und übt Herz-Lungen-Wiederbelebung mit AED an "
                 "typischen Notfällen aus Metall- und Elektrobetrieben.",
                 "Die Kosten übernimmt für betriebliche Ersthelfer die Berufsgenossenschaft; bitte bringen Sie "
                 "das Abrechnungsformular Ihres Unternehmens mit."],
        "dauer": UE(9), "preis": ("kostenfrei – Abrechnung direkt mit der Berufsgenossenschaft", 0.0),
        "foerderung": None, "abschluss": C_TN, "voraus": None,
        "runs": [
            R(one(d(1, 16), "wd"), ort("anb"), zeit="8:00–15:30 Uhr"),
            R(one(d(3, 10), "wd"), ort("swb"), zeit="8:00–15:30 Uhr"),
            R(one(d(6, 5), "plain"), ort("zsch", "comma"), zeit="8:00–15:30 Uhr"),
            R(one(d(9, 3), "wd"), ort("olb"), zeit="8:00–15:30 Uhr"),
            R(one(d(12, 4), "long"), ort("anb"), zeit="8:00–15:30 Uhr"),
        ],
    },
]


# ---------------------------------------------------------------------------------------------
# Expected records
# ---------------------------------------------------------------------------------------------
def description(course: dict) -> str:
    return " ".join(" ".join(course["desc"] + course.get("items", [])).split())


def build_expected() -> list[dict]:
    expected = []
    keys, titles = set(), set()
    for course in COURSES:
        assert course["key"] not in keys and course["title"] not in titles, course["key"]
        keys.add(course["key"])
        titles.add(course["title"])
        starts = set()
        for run in course["runs"]:
            when = run["when"]
            assert when["start"] not in starts, (course["key"], when)  # (url, start_date) unique
            starts.add(when["start"])
            if when["start"]:
                assert FIRST_DAY <= when["start"] <= LAST_DAY, (course["key"], when)
            if when["end"]:
                assert when["start"] < when["end"] or when["start"] == when["end"]
                assert when["end"] <= LAST_DAY, (course["key"], when)
            price = run.get("price") or course["preis"]
            funding = sorted(set((course["foerderung"] or ("", []))[1]) | set(course.get("funding_desc", [])))
            location = run["where"]["location"] if run["fmt"] in ("onsite", "blended") else None
            expected.append({
                "url": f"/{SITE}/kurse/{course['key']}.html",
                "course_key": f"erzwerk-{course['key']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": description(course),
                "start_date": when["start"].isoformat() if when["start"] else None,
                "end_date": when["end"].isoformat() if when["end"] else None,
                "rolling_start": False,
                "duration_hours": course["dauer"][1] if course["dauer"][1] is not None
                else block_hours(when, run["zeit"]),
                "price_eur": price[1],
                "format": run["fmt"],
                "location": location,
                "category": course["cat"],
                "funding": funding,
                "certificate": course["abschluss"][1] if course["abschluss"] else None,
                "language": "de",
            })
    return expected


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------
def e(text: str) -> str:
    return html.escape(text, quote=False)


def ent(text: str) -> str:
    """The older CMS templates store dashes, umlauts and spaces before units as named entities."""
    text = html.escape(text, quote=False)
    for a, b in (("–", "&ndash;"), ("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ä", "&Auml;"),
                 ("Ö", "&Ouml;"), ("Ü", "&Uuml;"), ("ß", "&szlig;"), ("à", "&agrave;"), ("„", "&bdquo;"),
                 ("“", "&ldquo;")):
        text = text.replace(a, b)
    return text


def nbsp(text: str) -> str:
    for unit in (" €", " EUR", " UE", " Unterrichtseinheiten", " Std.", " Stunden", " Zeitstunden", " Uhr"):
        text = text.replace(unit, "&nbsp;" + unit[1:])
    return text


NAV = [("Start", "/erzwerk/index.html"), ("Kurse &amp; Termine", "/erzwerk/kurse/index.html"),
       ("Aktuelles", "/erzwerk/aktuelles.html"), ("Über uns", "/erzwerk/ueber-uns.html"),
       ("Kontakt", "/erzwerk/kontakt.html")]

COOKIE = """  <div id="cookie-banner" class="cookie-hinweis" role="dialog" aria-label="Cookie-Einstellungen">
    <p>Wir verwenden Cookies, um unsere Website f&uuml;r Sie optimal zu gestalten. Technisch notwendige
       Cookies sind immer aktiv; Statistik-Cookies setzen wir nur mit Ihrer Einwilligung.
       <a href="/erzwerk/datenschutz.html">Mehr erfahren</a></p>
    <button type="button" class="btn-akzeptieren">Alle akzeptieren</button>
    <button type="button" class="btn-ablehnen">Nur notwendige</button>
  </div>"""


def page(title: str, body: str, crumbs: list[tuple[str, str | None]] | None = None) -> str:
    nav = "\n".join(f'        <li><a href="{href}">{label}</a></li>' for label, href in NAV)
    crumb = ""
    if crumbs:
        parts = [f'<a href="{href}">{label}</a>' if href else f"<span>{label}</span>" for label, href in crumbs]
        crumb = f'\n    <nav class="breadcrumb">{" &rsaquo; ".join(parts)}</nav>'
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | ErzWerk Bildungszentrum</title>
<link rel="stylesheet" href="/erzwerk/assets/style.css">
<script>window.dataLayer = window.dataLayer || []; /* Statistik erst nach Einwilligung */</script>
</head>
<body>
{COOKIE}
  <header class="kopf">
    <a class="logo" href="/erzwerk/index.html">ErzWerk <span>Bildungszentrum</span></a>
    <p class="service">Kursberatung: 03733 55 48-0 &middot; Mo&ndash;Fr 7:30&ndash;16:00 Uhr</p>
    <nav class="hauptnavigation">
      <ul>
{nav}
      </ul>
    </nav>
  </header>{crumb}
  <main id="inhalt">
{body}
  </main>
  <footer class="fuss">
    <p><strong>ErzWerk Bildungszentrum GmbH</strong> &middot; Robert-Koch-Stra&szlig;e 24 &middot;
       09456 Annaberg-Buchholz</p>
    <p>Standorte: Annaberg-Buchholz &middot; Schwarzenberg &middot; Zschopau &middot; Olbernhau</p>
    <p>Zugelassener Träger nach AZAV &middot; <a href="/erzwerk/impressum.html">Impressum</a> &middot;
       <a href="/erzwerk/datenschutz.html">Datenschutz</a></p>
  </footer>
</body>
</html>
"""


def facts_html(course: dict, index: int) -> str:
    enc = ent if index % 3 == 0 else e
    units = nbsp if index % 2 else (lambda s: s)
    dauer_label = "Umfang" if index % 4 == 2 else "Dauer"
    preis_label = ["Preis", "Kosten", "Preis", "Lehrgangsgebühr"][index % 4]
    foerd_label = "Fördermöglichkeiten" if index % 5 == 3 else "Förderung"
    pairs = [("Kursnummer", e(course["nr"])),
             ("Fachbereich", f'<a href="/erzwerk/kurse/index.html">{e(FACHBEREICHE[course["fb"]])}</a>'),
             (dauer_label, units(enc(course["dauer"][0]))),
             (preis_label, units(enc(course["preis"][0])))]
    if course["abschluss"]:
        pairs.append(("Abschluss", enc(course["abschluss"][0])))
    if course["foerderung"]:
        pairs.append((foerd_label, enc(course["foerderung"][0])))
    if course["voraus"]:
        pairs.append(("Voraussetzungen", enc(course["voraus"])))
    if index % 5 == 1:  # some pages put the price first
        pairs = pairs[:2] + [pairs[3], pairs[2]] + pairs[4:]
    if index % 7 == 4:
        pairs = pairs[:2] + pairs[4:] + pairs[2:4]
    rows = "\n".join(f"        <dt>{k}</dt>\n        <dd>{v}</dd>" for k, v in pairs)
    return f"""      <dl class="fakten">
{rows}
      </dl>"""


def place_html(where: dict, enc) -> str:
    return "<br>".join(enc(line) for line in where["text"].split("\n"))


def runs_html(course: dict, index: int) -> str:
    enc = ent if index % 3 == 0 else e
    price_col = course.get("price_column")
    head = "<th>Termin</th><th>Zeit</th><th>Ort</th><th>Form</th>" + ("<th>Preis</th>" if price_col else "") + \
           "<th></th>"
    rows = []
    for n, run in enumerate(course["runs"], 1):
        termin = enc(run["when"]["termin"])
        if run.get("badge"):
            termin += f'<br><span class="badge">{e(run["badge"])}</span>'
        zeit = nbsp(enc(run["zeit"])) if run["zeit"] else ""
        form = run.get("form") or FORM[run["fmt"]]
        cells = [f'<td class="termin">{termin}</td>', f"<td>{zeit}</td>",
                 f"<td>{place_html(run['where'], enc)}</td>", f"<td>{e(form)}</td>"]
        if price_col:
            price = run.get("price") or course["preis"]
            cells.append(f'<td class="preis">{nbsp(enc(price[0]))}</td>')
        if run.get("badge", "").startswith("nur noch"):
            cells.append('<td><a href="/erzwerk/anmeldung.html?kurs={}&amp;termin={}">Warteliste</a></td>'
                         .format(course["nr"], n))
        else:
            cells.append('<td><a class="button" href="/erzwerk/anmeldung.html?kurs={}&amp;termin={}">Anmelden</a>'
                         '</td>'.format(course["nr"], n))
        rows.append("          <tr>\n            " + "\n            ".join(cells) + "\n          </tr>")
    body = "\n".join(rows)
    return f"""      <table class="termine">
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>
{body}
        </tbody>
      </table>"""


def detail_page(course: dict, index: int) -> str:
    enc = ent if index % 3 == 0 else e
    paras = "\n".join(f"        <p>{enc(p)}</p>" for p in course["desc"])
    items = ""
    if course.get("items"):
        lis = "\n".join(f"          <li>{enc(i)}</li>" for i in course["items"])
        items = f'\n        <ul class="inhalte">\n{lis}\n        </ul>'
    others = [c for c in COURSES if c["fb"] == course["fb"] and c is not course][:3]
    side = "\n".join(f'        <li><a href="/erzwerk/kurse/{c["key"]}.html">{e(c["title"])}</a></li>'
                     for c in others)
    aside = f"""
    <aside class="verwandte">
      <h2>Weitere Kurse im Fachbereich</h2>
      <ul>
{side}
      </ul>
    </aside>""" if others else ""
    body = f"""    <article class="kursdetail">
      <h1>{enc(course['title'])}</h1>
      <div class="kursbeschreibung">
{paras}{items}
      </div>
      <h2>Eckdaten</h2>
{facts_html(course, index)}
      <h2>Termine &amp; Orte</h2>
{runs_html(course, index)}
      <p class="hinweis">Alle Preise sind nach &sect;&nbsp;4 Nr.&nbsp;21 UStG umsatzsteuerbefreit.
         Firmenschulungen auf Anfrage.</p>
    </article>{aside}"""
    crumbs = [("Start", "/erzwerk/index.html"), ("Kurse", "/erzwerk/kurse/index.html"),
              (e(FACHBEREICHE[course["fb"]]), None)]
    return page(e(course["title"]), body, crumbs)


def list_file(n: int) -> str:
    return "index.html" if n == 1 else f"seite-{n}.html"


def next_date_text(course: dict) -> str:
    starts = [r["when"]["start"] for r in course["runs"] if r["when"]["start"]]
    if not starts:
        return "Termin auf Anfrage"
    return f"nächster Termin: {min(starts):%d.%m.%Y}" + (f" (+{len(starts) - 1} weitere)" if len(starts) > 1 else "")


def list_pages() -> list[tuple[str, str]]:
    chunks = [COURSES[i:i + PER_PAGE] for i in range(0, len(COURSES), PER_PAGE)]
    total = len(chunks)
    out = []
    for n, chunk in enumerate(chunks, 1):
        entries = []
        for i, course in enumerate(chunk):
            teaser = course["desc"][0].split(". ")[0].rstrip(".") + " …"
            entries.append(f"""      <article class="kurs">
        <p class="fachbereich">{e(FACHBEREICHE[course['fb']])}</p>
        <h2><a href="/erzwerk/kurse/{course['key']}.html">{e(course['title'])}</a></h2>
        <p class="teaser">{e(teaser)}</p>
        <p class="meta">{e(next_date_text(course))} &middot; {nbsp(e(course['dauer'][0]))}</p>
        <a class="mehr" href="/erzwerk/kurse/{course['key']}.html">Details &amp; Termine &raquo;</a>
      </article>""")
            if n == 2 and i == 3:  # a promotion between the courses, no course
                entries.append("""      <article class="promo">
        <h2><a href="/erzwerk/ueber-uns.html#foerderung">Kostenlose Förderberatung</a></h2>
        <p>Bildungsgutschein, Weiterbildungsscheck, Aufstiegs-BAföG: Wir prüfen gemeinsam mit Ihnen, welche
           Förderung für Ihren Kurs in Frage kommt.</p>
      </article>""")
        numbers = []
        for k in range(1, total + 1):
            if k == n:
                numbers.append(f'<span class="aktuell">{k}</span>')
            else:
                numbers.append(f'<a href="/erzwerk/kurse/{list_file(k)}">{k}</a>')
        prev = f'<a rel="prev" href="/erzwerk/kurse/{list_file(n - 1)}">&laquo; Zurück</a> ' if n > 1 else ""
        nxt = f' <a rel="next" href="/erzwerk/kurse/{list_file(n + 1)}">Weiter &raquo;</a>' if n < total else ""
        pager = f'    <nav class="pagination">{prev}{" ".join(numbers)}{nxt}</nav>'
        filters = "\n".join(f'        <li><a href="/erzwerk/kurse/index.html">{e(v)}</a></li>'
                            for v in FACHBEREICHE.values())
        body = f"""    <h1>Kursübersicht 2027</h1>
    <p class="einleitung">{len(COURSES)} Lehrgänge und Seminare an vier Standorten im Erzgebirge &ndash;
       Seite {n} von {total}.</p>
    <aside class="filter">
      <h2>Fachbereiche</h2>
      <ul>
{filters}
      </ul>
    </aside>
    <div class="kursliste">
{chr(10).join(entries)}
    </div>
{pager}"""
        crumbs = [("Start", "/erzwerk/index.html"), ("Kurse", None)]
        out.append((f"kurse/{list_file(n)}", page("Kursübersicht" + (f" – Seite {n}" if n > 1 else ""), body,
                                                  crumbs)))
    return out


def static_pages() -> list[tuple[str, str]]:
    upcoming = sorted(((r["when"]["start"], c) for c in COURSES for r in c["runs"] if r["when"]["start"]),
                      key=lambda x: (x[0], x[1]["key"]))[:5]
    tips = "\n".join(f'        <li>{s:%d.%m.%Y} &ndash; <a href="/erzwerk/kurse/{c["key"]}.html">{e(c["title"])}</a>'
                     f'</li>' for s, c in upcoming)
    home = f"""    <section class="buehne">
      <h1>Technische Weiterbildung im Erzgebirge</h1>
      <p>Schweißen, CNC, Elektro, Automatisierung, Stapler und Krane, Industriemeister &ndash; praxisnah in
         Annaberg-Buchholz, Schwarzenberg, Zschopau und Olbernhau.</p>
      <p><a class="button" href="/erzwerk/kurse/index.html">Alle Kurse &amp; Termine</a></p>
    </section>
    <section class="naechste">
      <h2>Die nächsten Termine</h2>
      <ul>
{tips}
      </ul>
    </section>
    <section class="news-teaser">
      <h2>Aktuelles</h2>
      <p><a href="/erzwerk/aktuelles.html">Neue Schweißkabinen in Schwarzenberg &raquo;</a></p>
    </section>"""
    news = """    <h1>Aktuelles</h1>
    <article class="news">
      <h2>Zwölf neue Schweißkabinen in Schwarzenberg</h2>
      <p class="datum">12.11.2026</p>
      <p>Unser Schweißtechnikum am Gewerbering hat zwölf neue Kabinen mit Absaugung und
         Multiprozess-Stromquellen bekommen. Ab Januar 2027 finden dort alle MAG- und WIG-Lehrgänge statt.</p>
    </article>
    <article class="news">
      <h2>Tag der offenen Werkstatt am 6. März 2027</h2>
      <p class="datum">02.11.2026</p>
      <p>Von 10 bis 15 Uhr zeigen wir in Annaberg-Buchholz unsere Werkstätten. Schülerinnen und Schüler
         können Schweißen, Drehen und Fräsen ausprobieren &ndash; Eintritt frei, Anmeldung nicht nötig.</p>
    </article>
    <article class="news">
      <h2>Kursprogramm 2027 online</h2>
      <p class="datum">15.10.2026</p>
      <p>Alle Lehrgänge und Termine für 2027 finden Sie ab sofort in der
         <a href="/erzwerk/kurse/index.html">Kursübersicht</a>.</p>
    </article>"""
    about = """    <h1>Über uns</h1>
    <p>Die ErzWerk Bildungszentrum GmbH wurde 1991 von Metall- und Elektrobetrieben des Erzgebirges
       gegründet. Heute bilden wir an vier Standorten jährlich rund 2.500 Fachkräfte weiter &ndash; vom
       Schnupperkurs bis zum Industriemeister.</p>
    <h2>Standorte</h2>
    <ul class="standorte">
      <li>Bildungszentrum Annaberg, Robert-Koch-Stra&szlig;e 24, 09456 Annaberg-Buchholz</li>
      <li>Schweißtechnikum, Gewerbering 7, 08340 Schwarzenberg/Erzgeb.</li>
      <li>Standort Zschopau, August-Bebel-Stra&szlig;e 52, 09405 Zschopau</li>
      <li>Standort Olbernhau, Am Hüttengrund 11, 09526 Olbernhau</li>
    </ul>
    <h2 id="foerderung">Förderung</h2>
    <p>Wir sind als Träger nach AZAV zugelassen. Viele Lehrgänge sind mit Bildungsgutschein oder über den
       Weiterbildungsscheck Sachsen förderfähig; die Angaben finden Sie beim jeweiligen Kurs.</p>"""
    contact = """    <h1>Kontakt</h1>
    <p>ErzWerk Bildungszentrum GmbH<br>Robert-Koch-Stra&szlig;e 24<br>09456 Annaberg-Buchholz</p>
    <p>Telefon 03733 55 48-0 &middot; kurse@erzwerk.example</p>"""
    anmeldung = """    <h1>Anmeldung</h1>
    <p>Bitte melden Sie sich telefonisch unter 03733 55 48-0 oder per E-Mail an kurse@erzwerk.example an.
       Nennen Sie dabei Kursnummer und Termin.</p>"""
    impressum = """    <h1>Impressum</h1>
    <p>ErzWerk Bildungszentrum GmbH (fiktive Demo-Seite für das Weiterbildungsportal Erzgebirge).</p>
    <p>Alle Angebote, Personen und Adressen auf dieser Website sind erfunden.</p>"""
    privacy = """    <h1>Datenschutz</h1>
    <p>Diese Demo-Seite setzt keine Cookies und erhebt keine Daten.</p>"""
    return [("index.html", page("Start", home)), ("aktuelles.html", page("Aktuelles", news)),
            ("ueber-uns.html", page("Über uns", about)), ("kontakt.html", page("Kontakt", contact)),
            ("anmeldung.html", page("Anmeldung", anmeldung)), ("impressum.html", page("Impressum", impressum)),
            ("datenschutz.html", page("Datenschutz", privacy))]


CSS = """body { font-family: sans-serif; margin: 0; color: #222; }
.cookie-hinweis { position: fixed; bottom: 0; left: 0; right: 0; background: #333; color: #fff; padding: 1em; }
.kopf { background: #6b2d1a; color: #fff; padding: 1em 2em; }
.kopf a { color: #fff; }
main { max-width: 60em; margin: 0 auto; padding: 1em; }
.kurs, .promo { border-bottom: 1px solid #ccc; padding: .5em 0; }
.promo { background: #fdf3d8; }
table.termine { border-collapse: collapse; width: 100%; }
table.termine td, table.termine th { border: 1px solid #ccc; padding: .3em; vertical-align: top; }
dl.fakten dt { font-weight: bold; }
.badge { background: #c33; color: #fff; font-size: .8em; padding: 0 .3em; }
"""


# ---------------------------------------------------------------------------------------------
# Validation of the written site
# ---------------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.links, self.errors, self.ids = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("id"):
            assert attrs["id"] not in self.ids, attrs["id"]
            self.ids.add(attrs["id"])
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
        assert path.stat().st_size < 200_000, path
        if path.suffix != ".html":
            continue
        checker = _Checker()
        checker.feed(path.read_text(encoding="utf-8"))
        checker.close()
        assert not checker.errors and not checker.stack, (path, checker.errors, checker.stack)
        for link in checker.links:
            assert link.startswith(f"/{SITE}/"), (path, link)
            assert (OUT.parent / link.split("#")[0].split("?")[0].lstrip("/")).is_file(), (path, link)
    keys = [(r["url"], r["start_date"] or "") for r in expected]
    assert len(keys) == len(set(keys)), "duplicate (url, start_date)"
    for r in expected:
        assert (OUT.parent / r["url"].lstrip("/")).is_file(), r["url"]


def main() -> None:
    expected = build_expected()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = static_pages() + list_pages()
    outputs += [(f"kurse/{c['key']}.html", detail_page(c, i)) for i, c in enumerate(COURSES)]
    outputs.append(("assets/style.css", CSS))
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    pages = sum(1 for rel, _ in outputs if rel.startswith("kurse/") and "seite-" not in rel
                and rel != "kurse/index.html")
    print(f"{SITE}: {len(COURSES)} courses, {len(expected)} offers, {pages} detail pages -> {OUT}")


if __name__ == "__main__":
    main()
