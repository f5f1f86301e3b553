#!/usr/bin/env python3
"""Generator of the demo site `bwa` (Bildungswerk Annaberg e.V.).

An association website as it was built around 2005 and never relaunched: table layout, <font>
tags, tags partly in upper case, served as ISO-8859-1 (declared only in a <meta http-equiv>),
umlauts partly as raw Latin-1 bytes and partly as named entities. Every run of a course has a
page of its own:

    /bwa/index.html                      start page ("Aktuelles")
    /bwa/programm.html                   course programme, page 1: a <table> with ONE ROW PER RUN
    /bwa/programm-2.html, -3.html        further pages, linked by "nächste Seite >>" (no rel)
    /bwa/kurse/<nr>.html                 one page per run: title, a two-column table of facts
                                         (Kurs-Nr., Termin, Zeit, Dauer, Ort, Gebühr, Förderung,
                                         Abschluss, ...) and the course description
    /bwa/kontakt.html, /bwa/impressum.html

The programme table also holds a header row, month rows, spacer rows/cells, an info row
("Sommerpause – keine Kurse im August") and an "ausgebucht" marker; none of these is an offer.
Runs of one course share the course part of their "Kurs-Nr." ("27-101/2" -> course 27-101).

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/bwa.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import random
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

SITE = "bwa"
PROVIDER = "Bildungswerk Annaberg e.V."
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 4), date(2027, 12, 17)
PAGES = 3
RNG = random.Random(20050427)

WD = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WD_SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
WD_LONG = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
WD_ADV = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, the locality as written, canonical gazetteer town.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "bwa": ("Bildungswerk Annaberg e.V.", "Buchholzer Straße 41", "09456", "Annaberg-Buchholz",
            "Annaberg-Buchholz"),
    "pz": ("Seniorenzentrum Pöhlberg", "Pöhlbergstraße 20", "09456", "Annaberg-Buchholz", "Annaberg-Buchholz"),
    "halle": ("Schulungshalle Buchholz", "Karlsbader Straße 118", "09456", "Annaberg-Buchholz",
              "Annaberg-Buchholz"),
    "frohnau": ("Schnitzstube Frohnau", "Sehmatalstraße 3", "09456", "Annaberg-Buchholz OT Frohnau",
                "Annaberg-Buchholz"),
    "geyer": ("Vereinshaus Geyer", "Altmarkt 4", "09468", "Geyer", "Geyer"),
    "schloss": ("Klöppelstube im Schloss Schlettau", "Schloßplatz 8", "09487", "Schlettau", "Schlettau"),
    "bergmann": ("Gasthof „Zum Bergmann“", "Markt 12", "09487", "Schlettau", "Schlettau"),
    "werkstatt": ("Lehrwerkstatt Ehrenfriedersdorf", "Am Sauberg 3", "09427", "Ehrenfriedersdorf",
                  "Ehrenfriedersdorf"),
    "buergerhaus": ("Bürgerhaus Ehrenfriedersdorf", "Chemnitzer Straße 12", "09427", "Ehrenfriedersdorf",
                    "Ehrenfriedersdorf"),
    "ow": ("Gästehaus Fichtelbergblick", "Vierenstraße 20", "09484", "Kurort Oberwiesenthal", "Oberwiesenthal"),
}
TOWN_SHORT = {"Annaberg-Buchholz": "Annaberg-B.", "Oberwiesenthal": "Oberwiesenthal"}


# ---------------------------------------------------------------------------------------------
# Wording helpers. Each returns the page text plus the values a careful reader takes from it.
# ---------------------------------------------------------------------------------------------
def long_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def one(a: date, style: str = "wd") -> dict:
    """A one-day run: "Mo., 12.01.2027", "Samstag, 6. März 2027", "13.03.2027"."""
    text = {"wd": f"{WD[a.weekday()]}, {a:%d.%m.%Y}", "long": f"{WD_LONG[a.weekday()]}, {long_date(a)}",
            "plain": f"{a:%d.%m.%Y}"}[style]
    return {"termin": text, "start": a, "end": a}


def rng(a: date, b: date, style: str = "dots", suffix: str = "") -> dict:
    """A run over several days: "15.06. - 25.06.2027", "vom 3. bis 7. März 2027", ..."""
    assert a < b
    if style == "dots":
        text = f"{a:%d.%m.} - {b:%d.%m.%Y}"
    elif style == "full":
        text = f"{a:%d.%m.%Y} - {b:%d.%m.%Y}"
    elif style == "vom":
        if a.month == b.month:
            text = f"vom {a.day}. bis {b.day}. {MONTHS[b.month - 1]} {b.year}"
        else:
            text = f"vom {a.day}. {MONTHS[a.month - 1]} bis {long_date(b)}"
    elif style == "wd":
        text = f"{WD[a.weekday()]}, {a:%d.%m.} - {WD[b.weekday()]}, {b:%d.%m.%Y}"
    elif style == "pair":  # "Fr./Sa., 05./06.02.2027"
        assert b - a == timedelta(days=1)
        text = f"{WD[a.weekday()]}/{WD[b.weekday()]}, {a:%d.}/{b:%d.%m.%Y}"
    else:
        raise ValueError(style)
    return {"termin": text + suffix, "start": a, "end": b}


def days(*dates: date, wd: bool = False) -> dict:
    """Separate days: "09.03., 16.03. und 23.03.2027", "Sa., 13.03. und So., 14.03.2027"."""
    def fmt(x: date, last: bool) -> str:
        core = f"{x:%d.%m.%Y}" if last else f"{x:%d.%m.}"
        return f"{WD[x.weekday()]}, {core}" if wd else core
    parts = [fmt(x, i == len(dates) - 1) for i, x in enumerate(dates)]
    text = ", ".join(parts[:-1]) + " und " + parts[-1]
    return {"termin": text, "start": min(dates), "end": max(dates)}


def ab(a: date) -> dict:
    """Start of a series without an end date on the page: the end stays unknown."""
    return {"termin": f"ab {WD[a.weekday()]}, {a:%d.%m.%Y}", "start": a, "end": None}


def anfrage(text: str = "Termin auf Anfrage") -> dict:
    return {"termin": text, "start": None, "end": None}


def weekly(a: date, times: str, count: int, noun: str = "Termine", post: str = "") -> str:
    """The "Zeit:" text of a weekly series, the weekday taken from the start date."""
    return f"{WD_ADV[a.weekday()]} {times} Uhr, {count} {noun}{post}"


def UE(n: int, post: str = "", word: str = "UE") -> tuple[str, float]:
    return f"{n} {word}{post}", n * 0.75


def STD(n: float, pre: str = "", word: str = "Std.") -> tuple[str, float]:
    num = str(n).replace(".", ",") if n != int(n) else str(int(n))
    return f"{pre}{num} {word}", float(n)


def SESS(n: int, noun: str, length: float, unit: str) -> tuple[str, float]:
    per = length / 60 if unit == "Minuten" else length * 0.75 if unit == "UE" else float(length)
    num = str(length).replace(".", ",") if length != int(length) else str(int(length))
    return f"{n} {noun} à {num} {unit}", n * per


def EUR(amount: float, style: str = "dash", post: str = "") -> tuple[str, float]:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    thousands = f"{whole:,}".replace(",", ".")
    text = {
        "dash": f"{thousands},- EUR",
        "cents": f"{thousands},{cents:02d} EUR",
        "plain": f"{whole} EUR",
        "euro": f"{thousands},{cents:02d} €",
        "euro_pre": f"€ {thousands},-",
    }[style]
    return text + post, float(amount)


FREE_K = ("kostenfrei", 0.0)
FREE_G = ("gebührenfrei", 0.0)
ANFRAGE = ("auf Anfrage", None)
ANFRAGE_P = ("Preis auf Anfrage", None)

# Funding wordings (the association's own words) and the programme ids they name.
F_SCHECK = ("Weiterbildungsscheck Sachsen möglich", ["weiterbildungsscheck"])
F_BG = ("Bildungsgutschein möglich (AZAV-zertifiziert)", ["bildungsgutschein"])
F_BG_SCHECK = ("Bildungsgutschein der Agentur für Arbeit (Maßnahme nach AZAV zugelassen) oder "
               "Weiterbildungsscheck Sachsen", ["bildungsgutschein", "weiterbildungsscheck"])
F_BG_100 = ("100 % Förderung mit Bildungsgutschein der Agentur für Arbeit oder des Jobcenters möglich "
            "(AZAV-zertifiziert)", ["bildungsgutschein"])
F_NONE = ("–", [])

C_TN = ("Teilnahmebescheinigung", "attendance")
C_ZERT = ("Zertifikat des Bildungswerkes", "provider_certificate")


def ort(key: str, style: str = "br") -> dict:
    """A venue as the page writes it: lines ("br"), one line ("comma"), with a room, without name."""
    name, street, plz, written, town = VENUES[key]
    loc = {"name": name, "street": street, "postal_code": plz, "town": town}
    if style == "br":
        text = f"{name}\n{street}\n{plz} {written}"
    elif style == "comma":
        text = f"{name}, {street}, {plz} {written}"
    elif style == "room":  # a numbered room is not part of the venue's name
        text = f"{name}, Schulungsraum 2\n{street}\n{plz} {written}"
    elif style == "noname":
        text = f"{street}, {plz} {written}"
        loc["name"] = None
    else:
        raise ValueError(style)
    return {"text": text, "location": loc, "short": TOWN_SHORT.get(town, town)}


def online(text: str = "online per Zoom (Zugangsdaten nach Anmeldung)") -> dict:
    return {"text": text, "location": None, "short": "online"}


def inhouse(text: str = "in Ihrem Betrieb (Inhouse-Schulung)") -> dict:
    return {"text": text, "location": None, "short": "Inhouse"}


def R(when: dict, where: dict, zeit: str | None = None, fmt: str = "onsite", **kw) -> dict:
    """One run (one detail page); kw overrides course fields (gebuehr, dauer, ...)."""
    return {"when": when, "where": where, "zeit": zeit, "fmt": fmt, **kw}


# ---------------------------------------------------------------------------------------------
# Courses. Fields: key, nr (course part of the Kurs-Nr.), title, cat, desc (paragraphs),
# dauer (text, hours), gebuehr (text, amount), foerderung (text, ids) or None,
# abschluss (text, kind) or None, optional sprache (text, code), runs.
# ---------------------------------------------------------------------------------------------
COURSES = [
    # ============================================================ EDV und Büro
    {
        "key": "excel-grundlagen", "nr": "101", "cat": "office", "title": "Excel Grundlagen",
        "desc": ["Sie lernen den Aufbau einer Tabelle kennen, geben Daten ein, rechnen mit einfachen Formeln und "
                 "Funktionen (Summe, Mittelwert, Wenn) und gestalten Ihre Tabellen übersichtlich. Zum Abschluss "
                 "erstellen wir gemeinsam ein Diagramm und drucken es aus.",
                 "Voraussetzung sind Grundkenntnisse in Windows. Gearbeitet wird mit Microsoft 365."],
        "dauer": UE(16), "gebuehr": EUR(120, "cents"), "foerderung": F_SCHECK, "abschluss": C_TN,
        "leitung": "Andrea Kreißig",
        "runs": [
            R(rng(d(2027, 1, 18), d(2027, 1, 21), "vom"), ort("bwa", "room"), "jeweils 17:00 - 20:00 Uhr"),
            R(rng(d(2027, 3, 15), d(2027, 3, 18)), ort("bwa", "br"), "jeweils 17:00-20:00 Uhr"),
            R(days(d(2027, 6, 12), d(2027, 6, 19), wd=True), ort("geyer", "comma"), "jeweils 8:30 - 15:00 Uhr"),
            R(rng(d(2027, 10, 4), d(2027, 10, 7), "vom"), ort("bwa", "room"), "jeweils 17:00 - 20:00 Uhr"),
        ],
    },
    {
        "key": "excel-aufbau", "nr": "102", "cat": "office",
        "title": "Excel Aufbau – Pivot-Tabellen, SVERWEIS & Diagramme",
        "desc": ["Für alle, die Excel im Büro regelmäßig nutzen und mehr daraus machen wollen: große Listen "
                 "sortieren und filtern, Daten mit SVERWEIS und XVERWEIS zusammenführen, Auswertungen mit "
                 "Pivot-Tabellen und aussagekräftige Diagramme für die Vorstandssitzung."],
        "dauer": UE(16), "gebuehr": EUR(135, "cents"), "foerderung": F_SCHECK, "abschluss": C_TN,
        "leitung": "Andrea Kreißig",
        "runs": [
            R(rng(d(2027, 2, 22), d(2027, 2, 25)), ort("bwa", "room"), "jeweils 17:00 - 20:00 Uhr"),
            R(rng(d(2027, 11, 8), d(2027, 11, 11), "vom"), ort("bwa", "room"), "jeweils 17:00 - 20:00 Uhr"),
        ],
    },
    {
        "key": "word", "nr": "103", "cat": "office", "title": "Word – Briefe, Serienbriefe und Einladungen gestalten",
        "desc": ["Ob Geschäftsbrief nach DIN 5008, Einladung zur Mitgliederversammlung oder Serienbrief an alle "
                 "Vereinsmitglieder: Sie lernen, Dokumente sauber zu formatieren, Vorlagen anzulegen und "
                 "Adresslisten für Serienbriefe zu nutzen."],
        "dauer": UE(12), "gebuehr": EUR(98), "foerderung": None, "abschluss": C_TN, "leitung": "Jens Uhlig",
        "runs": [
            R(days(d(2027, 2, 10), d(2027, 2, 17), wd=True), ort("bwa", "room"), "jeweils 16:00 - 20:30 Uhr"),
            R(days(d(2027, 10, 20), d(2027, 10, 27), wd=True), ort("bwa", "br"), "jeweils 16:00 - 20:30 Uhr"),
        ],
    },
    {
        "key": "pc-50plus", "nr": "104", "cat": "office", "title": "PC-Grundkurs für Einsteiger 50+",
        "desc": ["Ohne Vorkenntnisse und in ruhigem Tempo: Maus und Tastatur, Windows, Dateien und Ordner, ein "
                 "erster Brief mit der Textverarbeitung und das Surfen im Internet.",
                 "In kleinen Gruppen mit höchstens acht Teilnehmern – Fragen sind ausdrücklich erwünscht. "
                 "Übungsrechner stehen bereit, Sie können aber auch Ihren eigenen Laptop mitbringen."],
        "dauer": ("20 UE (10 x 2 UE)", 15.0), "gebuehr": ("85 EUR (ermäßigt 60 EUR)", 85.0),
        "foerderung": None, "abschluss": None, "leitung": "Jens Uhlig",
        "runs": [
            R(ab(d(2027, 1, 12)), ort("bwa", "room"), weekly(d(2027, 1, 12), "9:00 - 10:30", 10), full=True),
            # "10 x 2 UE" alone is read as 2 UE by normalize/durations.py (see the final report).
            R(rng(d(2027, 4, 13), d(2027, 6, 15)), ort("bwa", "room"), weekly(d(2027, 4, 13), "9:00-10:30", 10),
              dauer=("10 x 2 UE", 15.0)),
            R(ab(d(2027, 9, 9)), ort("buergerhaus", "br"), weekly(d(2027, 9, 9), "14:00 - 15:30", 10)),
        ],
    },
    {
        "key": "sicher-im-internet", "nr": "105", "cat": "digitalisierung",
        "title": "Sicher im Internet – E-Mail, Online-Banking & Co. für Senioren",
        "desc": ["Wie erkenne ich eine betrügerische E-Mail? Ist Online-Banking sicher? Und was mache ich, wenn "
                 "mein Passwort in falsche Hände geraten ist? An drei Abenden zeigen wir Schritt für Schritt, wie "
                 "Sie sich im Netz schützen – mit vielen Beispielen und Zeit für Ihre Fragen.",
                 "Eine Veranstaltung in Zusammenarbeit mit dem Seniorenbeirat der Stadt."],
        "dauer": ("3 Abende", None), "gebuehr": FREE_G, "foerderung": None, "abschluss": None,
        "leitung": "Jens Uhlig",
        "runs": [
            R(days(d(2027, 3, 9), d(2027, 3, 16), d(2027, 3, 23)), ort("geyer", "comma"), "jeweils ab 18:00 Uhr"),
            R(days(d(2027, 10, 5), d(2027, 10, 12), d(2027, 10, 19)), ort("bwa", "br"), "jeweils ab 18:00 Uhr"),
        ],
    },
    {
        "key": "datenschutz", "nr": "106", "cat": "recht_personal",
        "title": "Datenschutz im Verein und im Kleinbetrieb (DSGVO)",
        "desc": ["Mitgliederlisten, Fotos auf der Homepage, die WhatsApp-Gruppe der Übungsleiter: Auch kleine "
                 "Vereine und Betriebe müssen die Datenschutz-Grundverordnung beachten. Der Abend erklärt, welche "
                 "Pflichten gelten, wie ein Verzeichnis der Verarbeitungstätigkeiten aussieht und welche Muster "
                 "Sie sofort nutzen können."],
        "dauer": STD(4), "gebuehr": EUR(49), "foerderung": None, "abschluss": C_TN, "leitung": "RA Dr. Petra Lorenz",
        "runs": [
            R(one(d(2027, 2, 24)), ort("bwa", "br"), "17:00 - 21:00 Uhr"),
            R(one(d(2027, 9, 22)), online(), "17:00 - 21:00 Uhr", fmt="online"),
        ],
    },
    # ============================================================ Buchhaltung und Lohn
    {
        "key": "fibu-datev", "nr": "201", "cat": "buchhaltung", "title": "Finanzbuchhaltung mit DATEV – Einführung",
        "desc": ["Der Kurs vermittelt die Grundlagen der Finanzbuchhaltung am PC mit DATEV Kanzlei-Rechnungswesen: "
                 "Kontenrahmen, Buchen von Eingangs- und Ausgangsrechnungen, Bank und Kasse, Umsatzsteuer-"
                 "Voranmeldung und die Abstimmung der Konten.",
                 "Geeignet für Mitarbeiterinnen und Mitarbeiter aus Buchhaltung und Steuerbüro sowie für "
                 "Wiedereinsteiger mit kaufmännischen Grundkenntnissen."],
        "dauer": UE(40), "gebuehr": EUR(390, "cents"), "foerderung": F_BG_SCHECK, "abschluss": C_ZERT,
        "leitung": "Steffen Bochmann",
        "runs": [
            R(rng(d(2027, 3, 1), d(2027, 3, 5)), ort("bwa", "room"), "jeweils 8:00 - 14:30 Uhr"),
            R(rng(d(2027, 9, 13), d(2027, 9, 17), "vom"), ort("bwa", "room"), "jeweils 8:00 - 14:30 Uhr"),
        ],
    },
    {
        "key": "lohn-datev", "nr": "202", "cat": "buchhaltung", "title": "Lohn und Gehalt mit DATEV LODAS",
        "desc": ["Von der Stammdatenerfassung bis zur fertigen Abrechnung: Sie legen Mitarbeiter an, rechnen "
                 "Minijobs, Teilzeit- und Vollzeitkräfte ab, berücksichtigen Sachbezüge und Sonderzahlungen und "
                 "erstellen die Meldungen an Krankenkassen und Finanzamt."],
        "dauer": UE(24), "gebuehr": EUR(290), "foerderung": F_SCHECK, "abschluss": C_ZERT,
        "leitung": "Steffen Bochmann",
        "runs": [
            R(days(d(2027, 4, 17), d(2027, 4, 24), d(2027, 5, 8), wd=False), ort("bwa", "room"),
              "samstags, jeweils 8:00 - 14:00 Uhr"),
            R(rng(d(2027, 11, 6), d(2027, 11, 20), "dots", " (3 Samstage)"), ort("bwa", "room"),
              "jeweils 8:00 - 14:00 Uhr"),
        ],
    },
    {
        "key": "vereinskasse", "nr": "203", "cat": "buchhaltung",
        "title": "Vereinskasse und Buchführung für Schatzmeister",
        "desc": ["Einnahmen-Überschuss-Rechnung, die vier Sphären des gemeinnützigen Vereins, Spendenquittungen "
                 "und der Kassenbericht für die Mitgliederversammlung: Der Kurs gibt neuen und erfahrenen "
                 "Kassenwarten Sicherheit im Umgang mit dem Vereinsgeld."],
        "dauer": UE(9, " (3 Abende)"), "gebuehr": ("35 EUR (Mitglieder 25 EUR)", 35.0), "foerderung": None,
        "abschluss": None, "leitung": "Steffen Bochmann",
        "runs": [
            R(rng(d(2027, 2, 2), d(2027, 2, 4), "vom"), ort("bwa", "br"), "jeweils 18:00-20:15 Uhr"),
            R(days(d(2027, 11, 9), d(2027, 11, 10), d(2027, 11, 11), wd=True), ort("geyer", "comma"),
              "jeweils 18:00 - 20:15 Uhr"),
        ],
    },
    # ============================================================ Sprachen
    {
        "key": "englisch-a1", "nr": "301", "cat": "sprachen", "title": "Englisch für Einsteiger (A1)",
        "desc": ["Sie haben noch nie Englisch gelernt oder die Schulzeit liegt lange zurück? In entspannter "
                 "Atmosphäre lernen Sie, sich vorzustellen, nach dem Weg zu fragen, im Restaurant zu bestellen und "
                 "einfache Gespräche zu führen. Lehrbuch: \"Great! A1\" (nicht in der Gebühr enthalten)."],
        "dauer": SESS(10, "Termine", 90, "Minuten"), "gebuehr": EUR(95, "cents"), "foerderung": None,
        "abschluss": C_TN, "leitung": "Mandy Seidel",
        "runs": [
            R(ab(d(2027, 1, 11)), ort("bwa", "br"), weekly(d(2027, 1, 11), "18:00-19:30", 10)),
            R(rng(d(2027, 9, 6), d(2027, 11, 22)), ort("bwa", "br"),
              weekly(d(2027, 9, 6), "18:00 - 19:30", 10, post=" (nicht in den Herbstferien)")),
        ],
    },
    {
        "key": "english-conversation", "nr": "302", "cat": "sprachen",
        "title": "English Conversation (B1) – Auffrischung für den Beruf",
        "desc": ["Talking to customers, suppliers and colleagues: Wir sprechen über Alltag und Beruf, üben "
                 "Telefonate und kleine Präsentationen und frischen dabei Grammatik und Wortschatz auf. "
                 "Der Kurs findet ausschließlich auf Englisch statt; Kenntnisse auf Niveau A2/B1 werden "
                 "vorausgesetzt."],
        "dauer": UE(24), "gebuehr": EUR(120, "cents"), "foerderung": None, "abschluss": C_TN,
        "sprache": ("Englisch", "en"), "leitung": "Sarah Whitfield",
        "runs": [
            R(rng(d(2027, 2, 2), d(2027, 4, 27)), ort("bwa", "br"), weekly(d(2027, 2, 2), "19:00 - 20:30", 12)),
            R(ab(d(2027, 9, 15)), ort("bwa", "br"), weekly(d(2027, 9, 15), "19:00-20:30", 12)),
        ],
    },
    {
        "key": "tschechisch", "nr": "303", "cat": "sprachen", "title": "Tschechisch für den Grenzverkehr – Grundkurs",
        "desc": ["Kunden, Gäste und Kollegen aus Tschechien gehören im oberen Erzgebirge zum Alltag. Der Grundkurs "
                 "vermittelt Begrüßung und Höflichkeitsformen, Zahlen und Preise, Wegbeschreibungen und einfache "
                 "Gespräche in Geschäft, Gaststätte und Betrieb.",
                 "Mit Aussprachetraining und vielen Redewendungen für die Arbeit auf beiden Seiten der Grenze. "
                 "Keine Vorkenntnisse nötig."],
        "dauer": UE(30), "gebuehr": EUR(110), "foerderung": None, "abschluss": C_TN, "leitung": "Jana Nováková",
        "runs": [
            R(ab(d(2027, 1, 14)), ort("ow", "br"), weekly(d(2027, 1, 14), "17:30 - 19:45", 10)),
            R(rng(d(2027, 7, 12), d(2027, 7, 16), "vom"), ort("ow", "comma"), "täglich 9:00 - 14:00 Uhr (Intensivwoche)",
              gebuehr=EUR(125)),
            R(rng(d(2027, 9, 7), d(2027, 11, 16), "wd"), ort("bwa", "br"), weekly(d(2027, 9, 7), "17:30 - 19:45", 10)),
        ],
    },
    # ============================================================ Pflege
    {
        "key": "pflegebasiskurs", "nr": "401", "cat": "pflege", "title": "Pflegebasiskurs für pflegende Angehörige",
        "desc": ["Wer einen Angehörigen zu Hause pflegt, steht vor vielen Fragen. Der Kurs vermittelt Grundlagen "
                 "der häuslichen Pflege: rückenschonendes Heben und Lagern, Körperpflege im Bett, Ernährung und "
                 "Trinken, Vorbeugen von Stürzen und Druckgeschwüren.",
                 "Außerdem informieren wir über Leistungen der Pflegeversicherung, Entlastungsangebote in der Region "
                 "und den Umgang mit der eigenen Belastung. Die Kosten übernimmt die Pflegekasse nach § 45 SGB XI."],
        "dauer": SESS(4, "Nachmittage", 3, "Std."), "gebuehr": ("kostenfrei (Kostenübernahme durch die Pflegekasse)", 0.0),
        "foerderung": None, "abschluss": C_TN, "leitung": "Schwester Karin Auerswald",
        "runs": [
            R(days(d(2027, 2, 3), d(2027, 2, 10), d(2027, 2, 17), d(2027, 2, 24), wd=False), ort("pz", "br"),
              "mittwochs, jeweils 14:00 - 17:00 Uhr"),
            R(rng(d(2027, 6, 7), d(2027, 6, 10), "vom"), ort("pz", "comma"), "täglich 14:00 - 17:00 Uhr"),
            R(rng(d(2027, 10, 5), d(2027, 10, 8), "wd"), ort("buergerhaus", "br"), "täglich 14:00 - 17:00 Uhr"),
        ],
    },
    {
        "key": "betreuungskraft", "nr": "402", "cat": "pflege",
        "title": "Zusätzliche Betreuungskraft nach § 53c SGB XI",
        "desc": ["Betreuungskräfte begleiten pflegebedürftige Menschen in Heimen und Tagespflegen im Alltag: beim "
                 "Spaziergang, beim Vorlesen, beim gemeinsamen Singen und Basteln. Die Qualifizierung folgt den "
                 "Betreuungskräfte-Richtlinien und umfasst Basiskurs, Orientierungspraktikum und Aufbaumodul.",
                 "Inhalte sind unter anderem Demenz und andere Krankheitsbilder, Kommunikation mit "
                 "Pflegebedürftigen, Beschäftigungsangebote für Gruppen, Erste Hilfe und rechtliche Grundlagen."],
        "dauer": UE(160, " zzgl. 2 Wochen Orientierungspraktikum", "Unterrichtsstunden"),
        "gebuehr": EUR(1980, "cents"), "foerderung": F_BG_100,
        "abschluss": ("Zertifikat nach den Betreuungskräfte-Richtlinien (§ 53c SGB XI)", "provider_certificate"),
        "leitung": "Schwester Karin Auerswald",
        "runs": [
            R(rng(d(2027, 2, 15), d(2027, 4, 23)), ort("pz", "br"), "Mo. - Fr. 8:00 - 14:30 Uhr (Vollzeit)"),
            R(rng(d(2027, 9, 13), d(2027, 11, 19), "vom"), ort("pz", "br"), "Mo. - Fr. 8:00 - 14:30 Uhr (Vollzeit)"),
        ],
    },
    # ============================================================ Erste Hilfe
    {
        "key": "erste-hilfe", "nr": "501", "cat": "erste_hilfe",
        "title": "Erste-Hilfe-Kurs für Führerscheinbewerber und Interessierte",
        "desc": ["Richtig helfen bei Unfällen und Notfällen: Eigenschutz und Absichern, Notruf, stabile "
                 "Seitenlage, Herz-Lungen-Wiederbelebung mit dem Defibrillator (AED), Blutungen stillen und "
                 "Verbände anlegen. Mit vielen praktischen Übungen – bitte bequeme Kleidung tragen."],
        "dauer": UE(9), "gebuehr": EUR(45),
        "foerderung": None, "abschluss": ("Teilnahmebescheinigung (gültig für alle Führerscheinklassen)", "attendance"),
        "leitung": "DRK-Ausbilder Thomas Weigel",
        "runs": [
            R(one(d(2027, 1, 16), "long"), ort("bwa", "br"), "8:00 - 16:00 Uhr"),
            R(one(d(2027, 3, 20)), ort("geyer", "comma"), "8:00 - 16:00 Uhr"),
            R(one(d(2027, 6, 19)), ort("ow", "br"), "8:00 - 16:00 Uhr"),
            R(one(d(2027, 10, 16), "long"), ort("bwa", "noname"), "8:00 - 16:00 Uhr"),
        ],
    },
    {
        "key": "ersthelfer", "nr": "502", "cat": "erste_hilfe",
        "title": "Ersthelfer im Betrieb – Aus- und Fortbildung (DGUV Grundsatz 304-001)",
        "desc": ["Betriebe müssen ausgebildete Ersthelfer in ausreichender Zahl bereitstellen, und alle zwei "
                 "Jahre ist eine Fortbildung fällig. Der Lehrgang nach DGUV Grundsatz 304-001 eignet sich als "
                 "Ausbildung und als Fortbildung und geht auf typische Notfälle in Werkstatt, Büro und Baustelle "
                 "ein.",
                 "Die Lehrgangsgebühren rechnen wir direkt mit der Berufsgenossenschaft ab; bitte bringen Sie das "
                 "ausgefüllte Anmeldeformular Ihres Betriebes mit."],
        "dauer": UE(9), "gebuehr": ("gebührenfrei (Abrechnung über die Berufsgenossenschaft)", 0.0),
        "foerderung": None,
        "abschluss": ("Teilnahmebescheinigung (zur Vorlage bei der Berufsgenossenschaft)", "attendance"),
        "leitung": "DRK-Ausbilder Thomas Weigel",
        "runs": [
            R(one(d(2027, 1, 27)), ort("bwa", "br"), "7:30 - 15:30 Uhr"),
            R(one(d(2027, 4, 14)), ort("werkstatt", "comma"), "7:30 - 15:30 Uhr"),
            R(one(d(2027, 6, 23)), ort("bwa", "br"), "7:30 - 15:30 Uhr"),
            R(one(d(2027, 11, 10), "plain"), ort("bwa", "noname"), "7:30 - 15:30 Uhr"),
            R(anfrage(), inhouse(), None, gebuehr=ANFRAGE),
        ],
    },
    {
        "key": "erste-hilfe-kind", "nr": "503", "cat": "erste_hilfe", "title": "Erste Hilfe am Kind",
        "desc": ["Für Eltern, Großeltern, Tagesmütter und alle, die Kinder betreuen: Verschlucken, Fieberkrampf, "
                 "Verbrühungen, Stürze und die Wiederbelebung bei Säuglingen und Kleinkindern – praktisch geübt an "
                 "Übungspuppen."],
        "dauer": STD(8), "gebuehr": EUR(35, "plain"), "foerderung": None, "abschluss": C_TN,
        "leitung": "DRK-Ausbilderin Claudia Weigel",
        "runs": [
            R(one(d(2027, 2, 27)), ort("bwa", "br"), "8:30 - 16:30 Uhr"),
            R(one(d(2027, 9, 25), "long"), ort("geyer", "comma"), "8:30 - 16:30 Uhr"),
        ],
    },
    # ============================================================ Erzgebirgisches Handwerk
    {
        "key": "schnitzkurs", "nr": "601", "cat": "holz", "title": "Schnitzkurs für Anfänger – Erzgebirgische Figuren",
        "desc": ["Unter Anleitung eines erfahrenen Schnitzers entsteht Ihre erste Figur aus Lindenholz – ein "
                 "Bergmann, ein Engel oder ein Räuchermännchen. Sie lernen den sicheren Umgang mit Schnitzmesser "
                 "und Hohleisen, das Übertragen der Vorlage und das Bemalen.",
                 "Werkzeug kann ausgeliehen werden. Die Schnitzstube liegt direkt am Frohnauer Hammer."],
        "dauer": UE(18, " (6 Abende)"), "gebuehr": EUR(145, "dash", " zzgl. Materialkosten ca. 25,- EUR"),
        "foerderung": None, "abschluss": None, "leitung": "Holzbildhauer Gottfried Kaden",
        "runs": [
            R(ab(d(2027, 1, 18)), ort("frohnau", "br"), weekly(d(2027, 1, 18), "18:00 - 20:15", 6, "Abende"),
              full=True),
            R(rng(d(2027, 10, 4), d(2027, 11, 15), "wd"), ort("frohnau", "br"),
              weekly(d(2027, 10, 4), "18:00-20:15", 6, "Abende", " (nicht in den Herbstferien)")),
            R(anfrage("Termin auf Anfrage (für Gruppen ab 6 Personen)"), ort("frohnau", "comma"), None,
              gebuehr=EUR(145, "dash", " pro Person zzgl. Materialkosten ca. 25,- EUR")),
        ],
    },
    {
        "key": "schnitzen-fortgeschrittene", "nr": "602", "cat": "holz",
        "title": "Schnitzen für Fortgeschrittene: Pyramidenfiguren",
        "desc": ["Eine Woche lang schnitzen Sie Figuren für Ihre eigene Weihnachtspyramide: Bergleute, "
                 "Kurrendesänger oder Tiere. Im Mittelpunkt stehen Proportionen, Bewegung und Gewandfalten. "
                 "Voraussetzung ist die Teilnahme an einem Anfängerkurs oder vergleichbare Erfahrung."],
        "dauer": SESS(5, "Tage", 6, "UE"), "gebuehr": EUR(260, "cents", " zzgl. Material"), "foerderung": None,
        "abschluss": C_TN, "leitung": "Holzbildhauer Gottfried Kaden",
        "runs": [R(rng(d(2027, 3, 1), d(2027, 3, 5), "vom"), ort("frohnau", "br"), "täglich 9:00 - 13:30 Uhr")],
    },
    {
        "key": "kloeppeln-anfaenger", "nr": "603", "cat": "sonstiges", "title": "Klöppelkurs für Anfänger",
        "desc": ["Klöppeln gehört seit Barbara Uthmanns Zeiten zum Erzgebirge. Im Kurs lernen Sie Schritt für "
                 "Schritt die Grundschläge, das Arbeiten nach Klöppelbrief und Ihre ersten kleinen Spitzen.",
                 "Klöppelsack und Klöppel können gegen eine kleine Leihgebühr gestellt werden."],
        "dauer": UE(16, " (8 Abende)"), "gebuehr": EUR(55, "dash", " (Mitglieder 40,- EUR)"), "foerderung": None,
        "abschluss": None, "leitung": "Brigitte Schönherr",
        "runs": [
            R(ab(d(2027, 1, 21)), ort("schloss", "br"), weekly(d(2027, 1, 21), "18:30 - 20:00", 8, "Abende")),
            R(ab(d(2027, 9, 16)), ort("schloss", "br"), weekly(d(2027, 9, 16), "18:30-20:00", 8, "Abende")),
        ],
    },
    {
        "key": "kloeppeln-aufbau", "nr": "604", "cat": "sonstiges",
        "title": "Klöppeln – Aufbaukurs: Torchonspitze und erzgebirgische Muster",
        "desc": ["Für Klöpplerinnen und Klöppler mit Grundkenntnissen: Wir arbeiten Torchongründe, Spinnen und "
                 "Ecken und setzen traditionelle Muster aus Schlettau und Annaberg um. Eigene Klöppelbriefe "
                 "können mitgebracht werden."],
        "dauer": UE(12), "gebuehr": EUR(48, "dash", " (Mitglieder 36,- EUR)"), "foerderung": None,
        "abschluss": None, "leitung": "Brigitte Schönherr",
        "runs": [R(days(d(2027, 3, 13), d(2027, 3, 14), wd=True), ort("schloss", "br"), "jeweils 9:00 - 13:30 Uhr")],
    },
    # ============================================================ Tourismus und Gastronomie
    {
        "key": "servicekraefte", "nr": "701", "cat": "tourismus_gastro",
        "title": "Servicekräfte in Gastronomie und Hotellerie – Qualifizierung für Quer- und Wiedereinsteiger",
        "desc": ["Hotels und Gaststätten zwischen Fichtelberg und Pöhlberg suchen freundliches Servicepersonal. "
                 "In vier Wochen lernen Sie Tischkultur und Eindecken, Getränke- und Speisenkunde, das Servieren "
                 "und Abräumen, den Umgang mit dem Kassensystem und mit Reklamationen.",
                 "Praxistage finden im Restaurant unseres Partnerhauses in Oberwiesenthal statt."],
        "dauer": UE(160), "gebuehr": EUR(1280, "cents"), "foerderung": F_BG, "abschluss": ("Zertifikat", "provider_certificate"),
        "leitung": "Restaurantmeisterin Ines Göckeritz",
        "runs": [
            R(rng(d(2027, 3, 1), d(2027, 3, 26), "full"), ort("ow", "br"), "Mo. - Fr. 8:00 - 14:30 Uhr"),
            R(rng(d(2027, 10, 4), d(2027, 10, 29)), ort("ow", "br"), "Mo. - Fr. 8:00 - 14:30 Uhr"),
        ],
    },
    {
        "key": "hygiene", "nr": "702", "cat": "tourismus_gastro", "title": "Hygieneschulung nach § 4 LMHV",
        "desc": ["Wer gewerbsmäßig mit leicht verderblichen Lebensmitteln umgeht – in Gaststätte, Imbiss, "
                 "Bäckerei oder beim Vereinsfest –, muss nach § 4 der Lebensmittelhygiene-Verordnung geschult "
                 "sein. Themen: Küchenhygiene, Temperaturkontrolle, Allergene und das HACCP-Konzept."],
        "dauer": UE(4), "gebuehr": EUR(39), "foerderung": None,
        "abschluss": ("Teilnahmebescheinigung nach § 4 LMHV", "attendance"), "leitung": "Dipl.-Ing. Uwe Lässig",
        "runs": [
            R(one(d(2027, 1, 25)), ort("bwa", "br"), "9:00 - 12:00 Uhr"),
            R(one(d(2027, 4, 13)), ort("bergmann", "comma"), "14:00 - 17:00 Uhr"),
            R(one(d(2027, 6, 7), "long"), ort("ow", "br"), "9:00 - 12:00 Uhr"),
            R(one(d(2027, 9, 13)), ort("bwa", "br"), "9:00 - 12:00 Uhr"),
        ],
    },
    # ============================================================ Technik
    {
        "key": "schweissen-mag", "nr": "801", "cat": "schweissen", "title": "Grundkurs Schweißen (MAG) für Einsteiger",
        "desc": ["Der Einstieg ins Metall-Aktivgas-Schweißen für Heimwerker, Landwirte und Beschäftigte, die im "
                 "Betrieb gelegentlich schweißen: Aufbau und Einstellung des Schweißgeräts, Arbeitsschutz, "
                 "Kehlnähte und Stumpfnähte an Stahlblech in verschiedenen Positionen.",
                 "Schutzausrüstung wird gestellt; bitte feste Arbeitskleidung aus Baumwolle mitbringen."],
        "dauer": SESS(5, "Tage", 8, "UE"), "gebuehr": EUR(690, "cents"), "foerderung": F_SCHECK,
        "abschluss": ("Teilnahmebescheinigung (keine Schweißerprüfung nach DIN EN ISO 9606)", "attendance"),
        "leitung": "Schweißfachmann Ronny Ullmann",
        "runs": [
            R(rng(d(2027, 2, 22), d(2027, 2, 26), "vom"), ort("werkstatt", "br"), "täglich 7:30 - 14:00 Uhr"),
            R(rng(d(2027, 6, 15), d(2027, 6, 25)), ort("werkstatt", "br"),
              "Di. bis Fr. jeweils 16:00 - 20:30 Uhr (berufsbegleitend, 8 Termine)", dauer=UE(40)),
            R(rng(d(2027, 10, 18), d(2027, 10, 22), "vom"), ort("werkstatt", "comma"), "täglich 7:30 - 14:00 Uhr"),
        ],
    },
    {
        "key": "gabelstapler", "nr": "802", "cat": "stapler_kran",
        "title": "Gabelstaplerfahrer – Ausbildung mit Fahrausweis (DGUV Grundsatz 308-001)",
        "desc": ["Wer einen Gabelstapler im Betrieb fahren will, braucht eine Ausbildung und einen schriftlichen "
                 "Fahrauftrag. Der Lehrgang vermittelt Rechtsgrundlagen, Aufbau und Standsicherheit, das Aufnehmen "
                 "und Absetzen von Lasten und das sichere Fahren im Lager.",
                 "Nach der theoretischen und praktischen Prüfung erhalten Sie den Fahrausweis."],
        "dauer": UE(20, " (2 Tage)"), "gebuehr": EUR(249, "cents"), "foerderung": F_BG,
        "abschluss": ("Fahrausweis für Flurförderzeuge", "dguv"), "leitung": "Frank Meinel",
        "runs": [
            R(rng(d(2027, 2, 5), d(2027, 2, 6), "pair"), ort("halle", "br"), "jeweils 7:30 - 15:00 Uhr"),
            R(rng(d(2027, 4, 16), d(2027, 4, 17), "pair"), ort("halle", "br"), "jeweils 7:30 - 15:00 Uhr"),
            R(rng(d(2027, 6, 18), d(2027, 6, 19), "pair"), ort("halle", "comma"), "jeweils 7:30 - 15:00 Uhr"),
            R(rng(d(2027, 11, 12), d(2027, 11, 13), "pair"), ort("halle", "br"), "jeweils 7:30 - 15:00 Uhr"),
            R(anfrage(), inhouse("in Ihrem Betrieb mit Ihren eigenen Fahrzeugen"), None, gebuehr=ANFRAGE_P),
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Build runs and expected records
# ---------------------------------------------------------------------------------------------


def build() -> tuple[list[dict], list[dict]]:
    runs: list[dict] = []
    nr = 2700
    keys, numbers = set(), set()
    for course in COURSES:
        assert course["key"] not in keys and course["nr"] not in numbers
        keys.add(course["key"])
        numbers.add(course["nr"])
        for i, run in enumerate(course["runs"], 1):
            nr += RNG.randint(2, 9)
            when = run["when"]
            if when["start"]:
                assert FIRST_DAY <= when["start"] <= LAST_DAY, (course["key"], when)
                assert when["start"].month != 8, "Sommerpause: no courses in August"
            if when["end"]:
                assert when["start"] <= when["end"] <= LAST_DAY and when["end"].month != 8, (course["key"], when)
            fields = {k: run.get(k, course.get(k)) for k in ("dauer", "gebuehr", "foerderung", "abschluss", "sprache")}
            runs.append({"nr": nr, "kursnr": f"27-{course['nr']}/{i}", "course": course, "run": run, **fields})
    expected = []
    for item in runs:
        course, run = item["course"], item["run"]
        when, where = run["when"], run["where"]
        expected.append({
            "url": f"/{SITE}/kurse/{item['nr']}.html",
            "course_key": f"bwa-{course['key']}",
            "source": SITE,
            "provider": PROVIDER,
            "title": course["title"],
            "description": " ".join(" ".join(course["desc"]).split()),
            "start_date": when["start"].isoformat() if when["start"] else None,
            "end_date": when["end"].isoformat() if when["end"] else None,
            "rolling_start": False,
            "duration_hours": item["dauer"][1] if item["dauer"] else None,
            "price_eur": item["gebuehr"][1],
            "format": run["fmt"],
            "location": where["location"] if run["fmt"] in ("onsite", "blended") else None,
            "category": course["cat"],
            "funding": sorted((item["foerderung"] or ("", []))[1]),
            "certificate": item["abschluss"][1] if item["abschluss"] else None,
            "language": item["sprache"][1] if item["sprache"] else "de",
        })
    return runs, expected


# ---------------------------------------------------------------------------------------------
# HTML (ISO-8859-1). Characters outside Latin-1 always become entities; umlauts only where the
# editor of the day used them.
# ---------------------------------------------------------------------------------------------
NOT_LATIN1 = {"–": "&ndash;", "—": "&mdash;", "„": "&bdquo;", "“": "&ldquo;", "”": "&rdquo;", "€": "&euro;",
              "…": "&hellip;"}
UMLAUTS = {"ä": "&auml;", "ö": "&ouml;", "ü": "&uuml;", "Ä": "&Auml;", "Ö": "&Ouml;", "Ü": "&Uuml;",
           "ß": "&szlig;", "§": "&sect;", "é": "&eacute;"}


def h(text: str, ent: bool = False) -> str:
    """Escape for the page; `ent` spells umlauts and ß as named entities."""
    text = html.escape(text, quote=False)
    for a, b in NOT_LATIN1.items():
        text = text.replace(a, b)
    if ent:
        for a, b in UMLAUTS.items():
            text = text.replace(a, b)
    return text


def nb(text: str) -> str:
    """Non-breaking spaces before units, as the old editor put them."""
    for unit in (" EUR", " UE", " Std.", " Uhr", " Unterrichtsstunden"):
        text = text.replace(unit, "&nbsp;" + unit[1:])
    return text


FONT = '<font face="Verdana, Arial, Helvetica" size="2">'
FONT_UP = '<FONT FACE="Verdana, Arial, Helvetica" SIZE="2">'

NAV = [("Startseite", "/bwa/index.html"), ("Kursprogramm", "/bwa/programm.html"),
       ("Kontakt", "/bwa/kontakt.html"), ("Impressum", "/bwa/impressum.html")]


def page(title: str, content: str, ent: bool = False) -> str:
    nav = "\n".join(
        f'      <tr><td bgcolor="#EFE8D4">{FONT}&nbsp;&raquo;&nbsp;<a href="{href}">{h(label, ent)}</a></font></td></tr>'
        for label, href in NAV)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<TITLE>{title} - Bildungswerk Annaberg e.V.</TITLE>
<meta name="keywords" content="Bildungswerk, Annaberg, Weiterbildung, Kurse, Erzgebirge">
</HEAD>
<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#7A1E1E" VLINK="#7A1E1E" topmargin="0" leftmargin="0">
<TABLE WIDTH="760" BORDER="0" CELLPADDING="0" CELLSPACING="0" ALIGN="center">
  <TR>
    <TD COLSPAN="3" BGCOLOR="#7A1E1E" HEIGHT="70">
      <font face="Georgia, Times New Roman" size="5" color="#FFFFFF">&nbsp;Bildungswerk Annaberg e.V.</font><br>
      <font face="Verdana, Arial" size="1" color="#F3E6C0">&nbsp;&nbsp;Weiterbildung im oberen Erzgebirge &ndash; seit 1991</font>
    </TD>
  </TR>
  <TR>
    <TD WIDTH="150" VALIGN="top" BGCOLOR="#EFE8D4">
      <table width="150" border="0" cellpadding="4" cellspacing="0">
{nav}
      </table>
      <br>
      <center><font face="Verdana, Arial" size="1">Sie sind Besucher<br>Nr. 048213</font></center>
    </TD>
    <TD WIDTH="10">&nbsp;</TD>
    <TD WIDTH="600" VALIGN="top">
<br>
{content}
<br><br>
    </TD>
  </TR>
  <TR>
    <TD COLSPAN="3" BGCOLOR="#EFE8D4" ALIGN="center">
      <font face="Verdana, Arial" size="1">Bildungswerk Annaberg e.V. &middot; Buchholzer Stra&szlig;e 41 &middot;
      09456 Annaberg-Buchholz &middot; Tel. 03733 / 22 41 90 &middot;
      <a href="/bwa/impressum.html">Impressum</a><br>optimiert f&uuml;r 800x600 und Internet Explorer</font>
    </TD>
  </TR>
</TABLE>
</BODY>
</HTML>
"""


def label_cell(label: str, index: int) -> str:
    style = index % 3
    if style == 0:
        return f'<td width="130" valign="top">{FONT}<b>{h(label)}</b></font></td>'
    if style == 1:
        return f'<TD WIDTH="130" VALIGN="top"><B>{FONT_UP}{h(label, True)}</FONT></B></TD>'
    return f'<td width="130" valign="top" nowrap><b>{h(label, True)}</b></td>'


def value_cell(text_html: str, index: int) -> str:
    if index % 3 == 1:
        return f"<TD VALIGN=\"top\">{FONT_UP}{text_html}</FONT></TD>"
    return f'<td valign="top">{FONT}{text_html}</font></td>'


def detail_page(item: dict, index: int) -> str:
    course, run = item["course"], item["run"]
    ent = index % 2 == 1  # every other page was typed with umlaut entities
    lines = lambda text: "<br>".join(h(x, ent) for x in text.split("\n"))  # noqa: E731
    rows: list[tuple[str, str]] = [("Kurs-Nr.:", item["kursnr"])]
    termin_label = "Termine:" if run["when"]["termin"].count(".") > 6 else "Termin:"
    rows.append((termin_label, nb(h(run["when"]["termin"], ent))))
    if run["zeit"]:
        rows.append(("Uhrzeit:" if index % 4 == 3 else "Zeit:", nb(h(run["zeit"], ent))))
    if item["dauer"]:
        rows.append(("Dauer:", nb(h(item["dauer"][0], ent))))
    rows.append(("Kursort:" if index % 5 == 2 else "Ort:", lines(run["where"]["text"])))
    fee_label = ["Gebühr:", "Kursgebühr:", "Gebühr:", "Teilnahmegebühr:"][index % 4]
    fee = h(item["gebuehr"][0], ent)
    if index % 3 == 0:
        fee = fee.replace("€", "&euro;")
    rows.append((fee_label, nb(fee) if index % 2 == 0 else fee))
    if item["foerderung"]:
        rows.append(("Förderung:", h(item["foerderung"][0], ent)))
    if item["abschluss"]:
        rows.append(("Abschluss:", h(item["abschluss"][0], ent)))
    if item["sprache"]:
        rows.append(("Unterrichtssprache:", h(item["sprache"][0], ent)))
    rows.append(("Kursleitung:", h(course["leitung"], ent)))
    body_rows = []
    for n, (label, value) in enumerate(rows):
        if label in ("Ort:", "Kursort:", "Kursleitung:"):  # spacer row before these groups
            body_rows.append('  <tr><td colspan="2" height="6"><font size="1">&nbsp;</font></td></tr>')
        body_rows.append(f"  <tr>{label_cell(label, index + n)}{value_cell(value, index)}</tr>")
    table = "\n".join(body_rows)
    booked = ""
    if run.get("full"):
        booked = ('<p><font face="Verdana, Arial" size="2" color="#CC0000"><b>Dieser Kurs ist leider ausgebucht. '
                  'Gern setzen wir Sie auf die Warteliste.</b></font></p>\n')
    desc = "\n".join(f'<P align="justify">{FONT_UP if index % 2 else FONT}{h(p, not ent)}'
                     f'{"</FONT>" if index % 2 else "</font>"}</P>' for p in course["desc"])
    title_font = ('<FONT FACE="Georgia, Times New Roman" SIZE="4" COLOR="#7A1E1E">' if index % 2
                  else '<font face="Georgia, Times New Roman" size="4" color="#7A1E1E">')
    content = f"""<!-- Kursdetails -->
{title_font}<b>{h(course['title'], ent)}</b>{'</FONT>' if index % 2 else '</font>'}<br>
<hr size="1" noshade color="#7A1E1E">
{booked}<table width="100%" border="0" cellpadding="3" cellspacing="0" bgcolor="#F7F2E4">
{table}
</table>
<br>
{FONT}<b>Kursinhalt:</b></font>
{desc}
<p>{FONT}Anmeldung bitte schriftlich, telefonisch unter 03733 / 22 41 90 oder per
<a href="mailto:kurse@bildungswerk-annaberg.example">E-Mail</a>.</font></p>
<p>{FONT}<a href="javascript:history.back()">&lt;&lt; zur&uuml;ck</a> &nbsp;|&nbsp;
<a href="/bwa/programm.html">zum Kursprogramm</a></font></p>
"""
    return page(h(course["title"], ent), content, ent)


def list_date(when: dict) -> str:
    a, b = when["start"], when["end"]
    if a is None:
        return "auf Anfrage"
    if b is None:
        return f"ab {WD_SHORT[a.weekday()]} {a:%d.%m.}"
    if a == b:
        return f"{WD_SHORT[a.weekday()]} {a:%d.%m.}"
    return f"{a:%d.%m.}&ndash;{b:%d.%m.}"


def list_pages(runs: list[dict]) -> list[tuple[str, str]]:
    order = sorted(runs, key=lambda r: (r["run"]["when"]["start"] or date.max, r["course"]["title"], r["nr"]))
    size = -(-len(order) // PAGES)
    chunks = [order[i * size:(i + 1) * size] for i in range(PAGES)]
    assert all(chunks)
    files = ["programm.html"] + [f"programm-{n}.html" for n in range(2, PAGES + 1)]
    out = []
    index = 0
    summer_done = False
    for p, (file, chunk) in enumerate(zip(files, chunks)):
        rows = ["""<TR BGCOLOR="#7A1E1E">
    <TD WIDTH="95"><font face="Verdana, Arial" size="2" color="#FFFFFF"><b>Termin</b></font></TD>
    <TD WIDTH="6">&nbsp;</TD>
    <TD><font face="Verdana, Arial" size="2" color="#FFFFFF"><b>Kurs</b></font></TD>
    <TD WIDTH="6">&nbsp;</TD>
    <TD WIDTH="100"><font face="Verdana, Arial" size="2" color="#FFFFFF"><b>Ort</b></font></TD>
    <TD WIDTH="6">&nbsp;</TD>
    <TD WIDTH="95" ALIGN="right"><font face="Verdana, Arial" size="2" color="#FFFFFF"><b>Geb&uuml;hr</b></font></TD>
  </TR>"""]
        month = None
        for item in chunk:
            when = item["run"]["when"]
            this = (when["start"].year, when["start"].month) if when["start"] else None
            if this != month or len(rows) == 1:
                if when["start"] and when["start"].month >= 9 and not summer_done:
                    summer_done = True  # the info row is not a course and must not become an offer
                    rows.append("""  <tr><td colspan="7" height="8"><font size="1">&nbsp;</font></td></tr>
  <tr><td colspan="7" align="center" bgcolor="#FFF6D5">
    <font face="Verdana, Arial" size="2" color="#7A1E1E"><b>Sommerpause &ndash; keine Kurse im August</b><br>
    Unsere Gesch&auml;ftsstelle ist vom 2. bis 20. August geschlossen. <a href="/bwa/index.html">Aktuelles</a></font>
  </td></tr>""")
                head = f"{MONTHS[when['start'].month - 1]} {when['start'].year}" if when["start"] \
                    else "Termine auf Anfrage"
                rows.append(f"""  <tr><td colspan="7" height="8"><font size="1">&nbsp;</font></td></tr>
  <TR><TD COLSPAN="7" BGCOLOR="#E9E2CC"><font face="Verdana, Arial" size="2"><b>{h(head, True)}</b></font></TD></TR>""")
                month = this
            course = item["course"]
            ent = index % 2 == 0
            fee = h(item["gebuehr"][0].split(" (")[0].split(" zzgl")[0], ent)
            if item["run"].get("full"):
                fee = '<font color="#CC0000"><b>ausgebucht</b></font>'
            bg = "#FFFFFF" if index % 2 else "#F7F2E4"
            rows.append(f"""  <tr bgcolor="{bg}">
    <td valign="top" nowrap>{FONT}{list_date(when)}</font></td>
    <td>&nbsp;</td>
    <td valign="top">{FONT}<a href="/bwa/kurse/{item['nr']}.html">{h(course['title'], ent)}</a><br>
      <font size="1" color="#666666">Kurs-Nr. {item['kursnr']}</font></font></td>
    <td>&nbsp;</td>
    <td valign="top">{FONT}{h(item['run']['where']['short'], ent)}</font></td>
    <td>&nbsp;</td>
    <td valign="top" align="right" nowrap>{FONT}{nb(fee)}</font></td>
  </tr>""")
            index += 1
        links = " ".join(f"<b>{n}</b>" if n == p + 1 else f'<a href="/bwa/{f}">{n}</a>'
                         for n, f in enumerate(files, 1))
        prev = f'<a href="/bwa/{files[p - 1]}">&lt;&lt; vorherige Seite</a> &nbsp;' if p > 0 else ""
        nxt = f'&nbsp; <a href="/bwa/{files[p + 1]}">n&auml;chste Seite &gt;&gt;</a>' if p + 1 < len(files) else ""
        table = "\n".join(rows)
        content = f"""<font face="Georgia, Times New Roman" size="4" color="#7A1E1E"><b>Kursprogramm 2027</b></font><br>
<font face="Verdana, Arial" size="2">Alle Kurse auf einen Blick &ndash; nach Datum sortiert. Klicken Sie auf einen Kurs
f&uuml;r n&auml;here Informationen und zur Anmeldung.</font>
<br><br>
<TABLE WIDTH="100%" BORDER="0" CELLPADDING="3" CELLSPACING="0">
{table}
</TABLE>
<br>
<center>{FONT}{prev}Seite: {links} {nxt}</font></center>
"""
        out.append((file, page(f"Kursprogramm 2027 - Seite {p + 1}", content)))
    return out


def static_pages() -> list[tuple[str, str]]:
    home = """<font face="Georgia, Times New Roman" size="4" color="#7A1E1E"><b>Herzlich willkommen!</b></font>
<p><font face="Verdana, Arial" size="2">Das Bildungswerk Annaberg e.V. ist ein gemeinn&uuml;tziger Verein und bietet
seit 1991 Kurse f&uuml;r Beruf und Freizeit an &ndash; in Annaberg-Buchholz, Schlettau, Ehrenfriedersdorf, Geyer
und Oberwiesenthal.</font></p>
<table width="100%" border="0" cellpadding="4" cellspacing="0" bgcolor="#F7F2E4">
  <tr><td><font face="Verdana, Arial" size="2"><b>Aktuelles</b><br>
  +++ Das neue <a href="/bwa/programm.html">Kursprogramm 2027</a> ist da! +++<br>
  +++ Sommerpause: keine Kurse im August, Gesch&auml;ftsstelle vom 2. bis 20. August geschlossen +++<br>
  +++ Neu: Tschechisch f&uuml;r den Grenzverkehr auch in Oberwiesenthal +++</font></td></tr>
</table>"""
    kontakt = """<font face="Georgia, Times New Roman" size="4" color="#7A1E1E"><b>Kontakt</b></font>
<p><font face="Verdana, Arial" size="2">Bildungswerk Annaberg e.V.<br>Gesch&auml;ftsstelle<br>Buchholzer Stra&szlig;e 41<br>
09456 Annaberg-Buchholz</font></p>
<p><font face="Verdana, Arial" size="2">Tel. 03733 / 22 41 90<br>Fax 03733 / 22 41 91<br>
<a href="mailto:kurse@bildungswerk-annaberg.example">kurse@bildungswerk-annaberg.example</a><br>
Sprechzeiten: Mo, Di, Do 9 - 12 Uhr, Di 14 - 17 Uhr</font></p>"""
    impressum = """<font face="Georgia, Times New Roman" size="4" color="#7A1E1E"><b>Impressum</b></font>
<p><font face="Verdana, Arial" size="2">Bildungswerk Annaberg e.V. (fiktive Demo-Seite f&uuml;r das
Weiterbildungsportal Erzgebirge). Alle Kurse, Personen und Adressen auf dieser Website sind erfunden.</font></p>"""
    return [("index.html", page("Startseite", home)), ("kontakt.html", page("Kontakt", kontakt)),
            ("impressum.html", page("Impressum", impressum))]


# ---------------------------------------------------------------------------------------------
# Validation of the written site
# ---------------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

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
        assert path.stat().st_size < 200_000, path
        if path.suffix != ".html":
            continue
        raw = path.read_bytes()
        assert b"charset=iso-8859-1" in raw, path
        text = raw.decode("iso-8859-1")
        checker = _Checker()
        checker.feed(text)
        checker.close()
        assert not checker.errors and not checker.stack, (path, checker.errors, checker.stack)
        for link in checker.links:
            if link.startswith(("mailto:", "javascript:")):
                continue
            assert link.startswith(f"/{SITE}/"), (path, link)
            assert (OUT.parent / link.lstrip("/")).is_file(), (path, link)
    keys = [(r["url"], r["start_date"] or "") for r in expected]
    assert len(keys) == len(set(keys)), "duplicate (url, start_date)"
    for r in expected:
        assert (OUT.parent / r["url"].lstrip("/")).is_file(), r["url"]


def main() -> None:
    runs, expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = static_pages() + list_pages(runs)
    outputs += [(f"kurse/{item['nr']}.html", detail_page(item, i)) for i, item in enumerate(runs)]
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("iso-8859-1"))  # raises on anything Latin-1 cannot hold
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    courses = len({rec["course_key"] for rec in expected})
    print(f"{SITE}: {courses} courses, {len(expected)} offers, "
          f"{sum(1 for rel, _ in outputs if rel.startswith('programm'))} list pages -> {OUT}")


if __name__ == "__main__":
    main()
