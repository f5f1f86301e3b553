#!/usr/bin/env python3
"""Generator of the demo site `oberes` (Bildungsakademie Oberes Erzgebirge gGmbH).

The academy has no detail pages. Each category has one page of offer cards (two pages for
"Pflege" and "Digitales"); every card is one bookable run:

    /oberes/index.html                       start page
    /oberes/angebote/index.html              overview linking the category pages
    /oberes/angebote/pflege.html  (+ pflege-2.html, link text "Nächste Seite")
    /oberes/angebote/tourismus.html
    /oberes/angebote/handwerk.html
    /oberes/angebote/digital.html (+ digital-2.html)
    /oberes/angebote/fuehrung.html
    /oberes/kontakt.html, /oberes/impressum.html

A card is <article class="angebot" id="angebot-<nr>"> with an <h3> title, a <p class="beschreibung">
and a <dl> of dt/dd pairs labelled Termin, Dauer, Kosten, Ort, Form, Förderung, Abschluss (the dd
order varies and some pairs are left out). The offer URL is the card's anchor,
"/oberes/angebote/<page>.html#angebot-<nr>".

The course data below is plain Python (dates, numbers, ids); `expected.jsonl` is written from it,
never by parsing the rendered files.

Run: python demo/generators/oberes.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import random
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

SITE = "oberes"
PROVIDER = "Bildungsakademie Oberes Erzgebirge gGmbH"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
FIRST_DAY, LAST_DAY = date(2027, 1, 10), date(2027, 12, 15)
PER_PAGE = 8
RNG = random.Random(20270226)

WD = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WD_LONG = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# ---------------------------------------------------------------------------------------------
# Venues: name, street, postal code, the locality as written on the cards, canonical town.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "mb": ("Akademie-Standort Marienberg", "Freiberger Straße 12", "09496", "Marienberg", "Marienberg"),
    "pfl": ("Pflegekabinett im Gesundheitszentrum Marienberg", "Zöblitzer Straße 5", "09496", "Marienberg",
            "Marienberg"),
    "ow": ("Seminarhaus Oberwiesenthal", "Karlsbader Straße 14", "09484", "Kurort Oberwiesenthal",
           "Oberwiesenthal"),
    "owk": ("Schulungsrestaurant „Bergwiese“", "Vierenstraße 9", "09484", "Oberwiesenthal", "Oberwiesenthal"),
    "ol": ("Akademie-Standort Olbernhau", "Grünthaler Straße 28", "09526", "Olbernhau", "Olbernhau"),
    "olh": ("Lehrbauhalle Olbernhau", "Blumenauer Straße 51", "09526", "Olbernhau", "Olbernhau"),
    "sf": ("Holzwerkstatt Seiffen", "Hauptstraße 95", "09548", "Kurort Seiffen", "Seiffen/Erzgeb."),
    "sf2": ("Haus des Gastes Seiffen", "Hauptstraße 73", "09548", "Seiffen/Erzgeb.",
            "Seiffen/Erzgeb."),
    "rue": ("Waldlehrgelände Rübenau", "Kühnhaider Straße 2", "09496", "Marienberg OT Rübenau", "Marienberg"),
    "pob": ("Huthaus Pobershau", "Amtsseite 48", "09496", "Pobershau", "Marienberg"),
}

CATEGORIES = [  # page slug, heading, intro
    ("pflege", "Pflege und Betreuung",
     "Qualifizierungen für Pflegehilfe, Betreuung und Fachpflege – in Marienberg, Olbernhau, Oberwiesenthal "
     "und online."),
    ("tourismus", "Tourismus und Gastronomie",
     "Für Gastgeber, Servicekräfte und alle, die Gästen das Erzgebirge zeigen."),
    ("handwerk", "Handwerk und Holzgestaltung",
     "Traditionelle Techniken aus Seiffen und Olbernhau und Fortbildungen für das Bauhandwerk."),
    ("digital", "Digitales für kleine Betriebe",
     "Praxisnahe Kurse rund um Website, Social Media, KI und IT-Sicherheit – vor Ort, live online oder "
     "im Selbstlernkurs."),
    ("fuehrung", "Führung und Meisterschule",
     "Führungskompetenz für kleine Betriebe und Vorbereitung auf die Meisterprüfung."),
]
PAGINATED = {"pflege", "digital"}


# ---------------------------------------------------------------------------------------------
# Wording helpers. Each returns the card text plus the values a careful reader takes from it.
# ---------------------------------------------------------------------------------------------
def long_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def rng(a: date, b: date, style: str = "full", suffix: str = "") -> dict:
    if style == "dots":
        text = f"{a:%d.%m.} - {b:%d.%m.%Y}"
    elif style == "full":
        text = f"{a:%d.%m.%Y} – {b:%d.%m.%Y}"
    elif style == "vom":
        if a.month == b.month:
            text = f"vom {a.day}. bis {b.day}. {MONTHS[b.month - 1]} {b.year}"
        else:
            text = f"vom {a.day}. {MONTHS[a.month - 1]} bis {long_date(b)}"
    elif style == "slash":
        assert b - a == timedelta(days=1)
        text = f"{a:%d.}/{b:%d.%m.%Y}"
    elif style == "wd":
        text = f"{WD[a.weekday()]}, {a:%d.%m.} – {WD[b.weekday()]}, {b:%d.%m.%Y}"
    else:
        raise ValueError(style)
    return {"termin": text + suffix, "start": a, "end": b, "rolling": False}


def one(a: date, style: str = "wd", suffix: str = "") -> dict:
    text = {"wd": f"{WD[a.weekday()]}, {a:%d.%m.%Y}", "long": f"{WD_LONG[a.weekday()]}, {long_date(a)}",
            "plain": f"{a:%d.%m.%Y}"}[style]
    return {"termin": text + suffix, "start": a, "end": a, "rolling": False}


def ab(a: date, short_year: bool = False, suffix: str = "") -> dict:
    text = f"ab {a:%d.%m.%y}" if short_year else f"ab {a:%d.%m.%Y}"
    return {"termin": text + suffix, "start": a, "end": None, "rolling": False}


def anfrage(text: str = "Termin auf Anfrage") -> dict:
    return {"termin": text, "start": None, "end": None, "rolling": False}


def jederzeit(text: str = "Einstieg jederzeit") -> dict:
    return {"termin": text, "start": None, "end": None, "rolling": True}


def period(a: date, b: date) -> dict:
    return {"termin": f"Lernzeitraum {a:%d.%m.} – {b:%d.%m.%Y}", "start": a, "end": b, "rolling": False}


def UE(n: int, word: str = "UE", post: str = "") -> tuple[str, float]:
    return f"{n} {word}{post}", n * 0.75


def STD(n: float, word: str = "Std.", pre: str = "") -> tuple[str, float]:
    num = str(n).replace(".", ",") if n != int(n) else str(int(n))
    return f"{pre}{num} {word}", float(n)


def TAGE(n: int) -> tuple[str, None]:
    return (f"{n} Tag" if n == 1 else f"{n} Tage"), None


def TAGEUE(days: int, ue: int) -> tuple[str, float]:
    return (f"{days} Tag ({ue} UE)" if days == 1 else f"{days} Tage ({ue} UE)"), ue * 0.75


def SESS(n: int, noun: str, length: int, unit: str) -> tuple[str, float]:
    per = length / 60 if unit == "Minuten" else length * 0.75 if unit == "UE" else float(length)
    return f"{n} {noun} à {length} {unit}", n * per


def money(amount: float, decimals: bool = True, thousands: bool = True) -> str:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".") if thousands else str(whole)
    return f"{text},{cents:02d}" if decimals else text


def K(amount: float, style: str, post: str = "") -> tuple[str, float]:
    text = {
        "eur2": f"{money(amount)} €",
        "eur0": f"{money(amount, False)} €",
        "EUR": f"{money(amount, False, False)} EUR",
        "dash": f"{money(amount, False)},- €",
        "prefix": f"€ {money(amount, False)},-",
        "dashEUR": f"{money(amount, False)},- EUR",
        "ab": f"ab {money(amount, False)} €",
    }[style]
    return text + post, float(amount)


FREE_K = ("kostenfrei", 0.0)
FREE_G = ("gebührenfrei", 0.0)
ANFRAGE = ("Preis auf Anfrage", None)

# Funding wordings (the academy's own words) and the programme ids they name.
F_BG = ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein", ["bildungsgutschein"])
F_BG_QCG = ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein; für Beschäftigte Förderung nach dem "
            "Qualifizierungschancengesetz möglich", ["bildungsgutschein", "qcg"])
F_QCG = ("Förderung nach dem Qualifizierungschancengesetz möglich", ["qcg"])
F_SCHECK = ("Förderung über den Weiterbildungsscheck Sachsen möglich", ["weiterbildungsscheck"])
F_AFBG = ("Aufstiegs-BAföG", ["aufstiegs_bafoeg"])
F_NONE_DASH = ("–", [])
F_NONE = ("keine", [])

C_ZERT = ("Zertifikat", "provider_certificate")
C_TN = ("Teilnahmebescheinigung", "attendance")
C_HWK = ("Prüfung vor der Handwerkskammer", "hwk_exam")
C_IHK = ("IHK-Prüfung", "ihk_exam")


def ort(key: str, style: str = "comma", name: str | None = None) -> dict:
    """A venue as the card writes it; `name` overrides the venue's usual name."""
    vname, street, plz, written, town = VENUES[key]
    vname = name or vname
    if style == "comma":
        text = f"{vname}, {street}, {plz} {written}"
    elif style == "br":
        text = f"{vname}\n{street}\n{plz} {written}"
    elif style == "noname":
        text = f"{street}, {plz} {written}"
        vname = None
    elif style == "paren":
        text = f"{vname} ({street}, {plz} {written})"
    else:
        raise ValueError(style)
    return {"text": text, "location": {"name": vname, "street": street, "postal_code": plz, "town": town}}


def online(text: str = "online (Zoom)") -> dict:
    return {"text": text, "location": None}


def R(when: dict, where: dict | None, fmt: str, form: str | None = "default", **kw) -> dict:
    """One card. `form` is the Form label (None: pair left out); kw overrides course fields."""
    return {"when": when, "where": where, "fmt": fmt, "form": form, **kw}


FORM_LABEL = {"onsite": "Präsenz", "online": "Online", "blended": "Blended learning", "selfpaced": "Selbstlernkurs"}

# ---------------------------------------------------------------------------------------------
# Courses. Fields: key, page, title, cat, desc, dauer (text, hours), kosten (text, amount),
# foerderung (text, ids) or None, abschluss (text, kind) or None, runs (cards).
# ---------------------------------------------------------------------------------------------
COURSES = [
    # ================================================================ Pflege
    {
        "key": "pflegehelfer", "page": "pflege", "cat": "pflege",
        "title": "Pflegehelfer/in – Basisqualifizierung für den Einstieg in die Pflege",
        "desc": "Der Lehrgang bereitet Quereinsteigerinnen und Quereinsteiger auf die Arbeit als Pflegehilfskraft "
                "in Heimen, Tagespflegen und ambulanten Diensten vor. Grundpflege, Ernährung, Mobilisation, "
                "Dokumentation und der Umgang mit Menschen mit Demenz stehen auf dem Plan; ein vierwöchiges "
                "Praktikum in einer Einrichtung der Region ist Teil des Lehrgangs.",
        "dauer": UE(320, "UE", " (Vollzeit, 12 Wochen inkl. Praktikum)"), "kosten": K(2388, "eur2"),
        "foerderung": F_BG, "abschluss": C_ZERT,
        "runs": [
            R(rng(d(2027, 2, 1), d(2027, 4, 23), "full"), ort("pfl", "comma"), "onsite"),
            R(rng(d(2027, 8, 30), d(2027, 11, 19), "full"), ort("ol", "br"), "onsite",
              kosten=K(2388, "eur2", " (zahlbar in 12 Raten à 199 €)")),
        ],
    },
    {
        "key": "betreuungskraft", "page": "pflege", "cat": "pflege",
        "title": "Zusätzliche Betreuungskraft nach § 53b SGB XI",
        "desc": "Betreuungskräfte begleiten Pflegebedürftige im Alltag: beim Spaziergang, beim Vorlesen, beim "
                "gemeinsamen Backen oder Singen. Die Qualifizierung folgt den Betreuungskräfte-Richtlinien und "
                "umfasst Basiskurs, Orientierungspraktikum und Aufbaukurs. Sie lernen Krankheitsbilder, die "
                "Kommunikation mit Menschen mit Demenz und die Gestaltung von Gruppenangeboten kennen.",
        "dauer": UE(160, "Unterrichtseinheiten"), "kosten": K(1450, "eur2"),
        "foerderung": F_BG_QCG, "abschluss": ("Zertifikat (Qualifikation gemäß § 53b SGB XI)", "provider_certificate"),
        "runs": [
            R(rng(d(2027, 3, 1), d(2027, 5, 28), "dots"), ort("mb", "comma"), "blended"),
            R(rng(d(2027, 9, 6), d(2027, 12, 3), "dots"), ort("ow", "br"), "onsite"),
        ],
    },
    {
        "key": "demenz", "page": "pflege", "cat": "pflege",
        "title": "Demenz verstehen – Grundlagen für Pflege und Betreuung",
        "desc": "Was geht im Kopf eines Menschen mit Demenz vor, und wie reagiere ich, wenn er mich nicht mehr "
                "erkennt? Der Tageskurs erklärt Formen und Verlauf der Erkrankung, vermittelt Grundlagen der "
                "Validation und gibt viele praktische Tipps für herausfordernde Situationen in Heim und häuslicher "
                "Pflege.",
        "dauer": STD(8, "Zeitstunden"), "kosten": K(129, "eur0"), "foerderung": None,
        "abschluss": ("Teilnahmebescheinigung (8 Fortbildungspunkte für beruflich Pflegende)", "attendance"),
        "runs": [
            R(one(d(2027, 2, 18), "wd", ", 8:30–16:00 Uhr"), ort("ol", "comma"), "onsite", form=None),
            R(one(d(2027, 6, 10), "wd", ", 8:30–16:00 Uhr"), online("online (Zoom) – Zugangsdaten per E-Mail"),
              "online", kosten=K(119, "eur0")),
        ],
    },
    {
        "key": "wundexperte", "page": "pflege", "cat": "pflege",
        "title": "Wundexperte ICW® – Basisseminar",
        "desc": "Chronische Wunden wie Dekubitus, Ulcus cruris oder diabetisches Fußsyndrom verlangen Fachwissen "
                "und sorgfältige Dokumentation. Das Basisseminar nach dem Curriculum der Initiative Chronische "
                "Wunden richtet sich an Pflegefachkräfte, Medizinische Fachangestellte und Podologen. Es umfasst "
                "Präsenztage in Marienberg, Online-Einheiten und eine Hospitation; den Abschluss bildet eine "
                "schriftliche Prüfung.",
        "dauer": UE(56), "kosten": K(1190, "prefix"), "foerderung": F_SCHECK,
        "abschluss": ("Zertifikat nach bestandener Prüfung", "provider_certificate"),
        "runs": [R(rng(d(2027, 4, 12), d(2027, 6, 18), "wd"), ort("pfl", "paren"), "blended")],
    },
    {
        "key": "praxisanleitung", "page": "pflege", "cat": "ausbilder",
        "title": "Praxisanleitung in der Pflege – berufspädagogische Weiterbildung",
        "desc": "Seit dem Pflegeberufegesetz müssen Auszubildende in der Praxis von qualifizierten "
                "Praxisanleiterinnen und Praxisanleitern begleitet werden. Die Weiterbildung vermittelt "
                "Lernpsychologie, Anleitungsmethoden, Beurteilen und Prüfen sowie die rechtlichen Grundlagen und "
                "schließt mit einem Kolloquium ab.",
        "dauer": STD(300, "Stunden"), "kosten": K(2950, "dashEUR"),
        "foerderung": ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein. Förderung nach dem "
                       "Qualifizierungschancengesetz möglich", ["bildungsgutschein", "qcg"]),
        "abschluss": C_ZERT,
        "runs": [R(rng(d(2027, 1, 25), d(2027, 6, 25), "full", " (berufsbegleitend, Blockwochen)"),
                   ort("mb", "comma"), "onsite")],
    },
    {
        "key": "sturzprophylaxe", "page": "pflege", "cat": "pflege",
        "title": "Expertenstandard Sturzprophylaxe – Inhouse-Schulung für Pflegedienste",
        "desc": "Wir schulen Ihr Team direkt in Ihrer Einrichtung zur aktualisierten Fassung des "
                "Expertenstandards: Sturzrisiken erkennen, Maßnahmen planen, Angehörige beraten und alles "
                "nachvollziehbar dokumentieren. Inhalte und Beispiele stimmen wir vorab mit der "
                "Pflegedienstleitung ab.",
        "dauer": UE(4), "kosten": ANFRAGE, "foerderung": None, "abschluss": C_TN,
        "runs": [R(anfrage("Termin nach Vereinbarung"), {"text": "in Ihrer Einrichtung", "location": None},
                   "onsite")],
    },
    {
        "key": "notfall-pflege", "page": "pflege", "cat": "erste_hilfe",
        "title": "Notfälle im Pflegealltag – Erste Hilfe für Pflege- und Betreuungskräfte",
        "desc": "Ein Bewohner stürzt, eine Klientin verschluckt sich, der Blutzucker entgleist: In Pflege und "
                "Betreuung zählt im Notfall jede Minute. Das Training frischt die Herz-Lungen-Wiederbelebung mit "
                "AED auf und übt typische Notfälle aus Heim und ambulanter Pflege in realistischen "
                "Fallbeispielen.",
        "dauer": UE(8), "kosten": K(49, "dash"), "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 3, 20), "wd", ", 8:00–14:30 Uhr"), ort("pfl", "comma"), "onsite"),
            R(one(d(2027, 10, 16), "long"), ort("ol", "noname"), "onsite"),
        ],
    },
    {
        "key": "palliative-care", "page": "pflege", "cat": "pflege",
        "title": "Palliative Care – Basiskurs für Pflegefachkräfte",
        "desc": "Der Basiskurs nach dem Curriculum von Kern, Müller und Aurnhammer befähigt Pflegefachkräfte, "
                "schwerstkranke und sterbende Menschen und ihre Angehörigen kompetent zu begleiten. Schmerz- und "
                "Symptomkontrolle, ethische Entscheidungen am Lebensende und die Zusammenarbeit mit "
                "Hospizdiensten bilden die Schwerpunkte.",
        "dauer": UE(160), "kosten": K(1790, "prefix"), "foerderung": F_SCHECK, "abschluss": C_ZERT,
        "runs": [R(ab(d(2027, 9, 6), suffix=" (berufsbegleitend, vier Blockwochen)"), ort("ow", "comma"),
                   "onsite")],
    },
    {
        "key": "betreuung-jahresfortbildung", "page": "pflege", "cat": "pflege",
        "title": "Jahresfortbildung für Betreuungskräfte nach § 53b SGB XI",
        "desc": "Betreuungskräfte müssen sich jährlich mindestens zwei Tage fortbilden. In diesem Jahr geht es um "
                "Biografiearbeit, Musik und Bewegung in der Gruppe und den Umgang mit Trauer – mit vielen Ideen, "
                "die sich am nächsten Tag umsetzen lassen.",
        "dauer": UE(16), "kosten": K(159, "eur0"), "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(rng(d(2027, 3, 11), d(2027, 3, 12), "slash"), None, "online"),
            R(rng(d(2027, 10, 21), d(2027, 10, 22), "dots"), ort("sf2", "comma"), "onsite"),
        ],
    },
    # ================================================================ Tourismus
    {
        "key": "gaestefuehrer", "page": "tourismus", "cat": "tourismus_gastro",
        "title": "Gästeführer/in Erzgebirge – Zertifikatslehrgang",
        "desc": "Von der Silberstadt Annaberg bis zum Spielzeugdorf Seiffen: Wer Gäste durch das Erzgebirge "
                "führt, braucht fundiertes Wissen über Bergbau, Volkskunst und Landschaft – und das Handwerkszeug, "
                "es spannend zu vermitteln. Der Lehrgang verbindet Seminartage mit Probeführungen vor Ort und "
                "endet mit einer schriftlichen und praktischen Prüfung.",
        "dauer": UE(96), "kosten": ("890 € zzgl. Prüfungsgebühr 160 €", 890.0), "foerderung": None,
        "abschluss": ("Zertifikat nach schriftlicher und praktischer Prüfung", "provider_certificate"),
        "runs": [
            R(rng(d(2027, 2, 27), d(2027, 6, 12), "dots", " (14 Samstage)"), ort("ow", "comma"), "onsite"),
            R(rng(d(2027, 9, 4), d(2027, 12, 4), "dots", " (Samstage)"), ort("pob", "comma"), "onsite"),
        ],
    },
    {
        "key": "servicekraft", "page": "tourismus", "cat": "tourismus_gastro",
        "title": "Servicekraft Gastronomie – Qualifizierung für Quer- und Wiedereinsteiger",
        "desc": "Hotels und Gaststätten zwischen Fichtelberg und Schwartenberg suchen Servicepersonal. In acht "
                "Wochen lernen Sie Tischkultur, Getränkekunde, das Bonieren am Kassensystem und den freundlichen, "
                "professionellen Umgang mit Gästen – mit Praxiseinheiten in unserem Schulungsrestaurant und einem "
                "zweiwöchigen Betriebspraktikum.",
        "dauer": UE(320), "kosten": K(3456, "eur2"), "foerderung": F_BG, "abschluss": C_ZERT,
        "runs": [
            R(rng(d(2027, 1, 18), d(2027, 3, 12), "full", " (Vollzeit)"), ort("owk", "comma"), "onsite"),
            R(rng(d(2027, 9, 13), d(2027, 11, 5), "dots", " (Vollzeit)"), ort("owk", "br"), "onsite"),
        ],
    },
    {
        "key": "hygiene-lmhv", "page": "tourismus", "cat": "tourismus_gastro",
        "title": "Hygieneschulung nach § 4 LMHV",
        "desc": "Wer gewerbsmäßig mit leicht verderblichen Lebensmitteln umgeht, muss nach § 4 der "
                "Lebensmittelhygiene-Verordnung geschult sein. Die Schulung behandelt Küchenhygiene, "
                "Allergenkennzeichnung, Temperaturkontrolle und das HACCP-Konzept – kompakt und mit Beispielen "
                "aus Imbiss, Café und Hotelküche.",
        "dauer": UE(4), "kosten": K(59, "eur0"), "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 1, 26), "wd", ", 9:00–12:00 Uhr"), ort("owk", "comma"), "onsite", form=None),
            R(one(d(2027, 4, 27), "wd", ", 13:00–16:00 Uhr"), ort("ol", "comma"), "onsite"),
            R(one(d(2027, 10, 5), "plain", ", 17:00–20:00 Uhr"), online("Online-Seminar (Zoom)"), "online",
              kosten=K(49, "dash"), form=None),
        ],
    },
    {
        "key": "barista", "page": "tourismus", "cat": "tourismus_gastro",
        "title": "Barista-Grundkurs – Espresso, Milchschaum, Latte Art", "badge": "Neu",
        "desc": "Guter Kaffee ist für viele Gäste der Maßstab eines Hauses. Sie lernen, die Siebträgermaschine "
                "richtig einzustellen, Espresso zu beurteilen, Milch seidig aufzuschäumen und erste "
                "Latte-Art-Motive zu gießen. Maximal sechs Teilnehmende pro Kurs, damit alle ausreichend an der "
                "Maschine üben können.",
        "dauer": STD(8, "Zeitstunden"), "kosten": K(290, "ab", " (Gruppenpreise auf Anfrage)"),
        "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 3, 15), "wd"), ort("owk", "comma"), "onsite"),
            R(one(d(2027, 11, 8), "long"), ort("owk", "comma"), "onsite"),
        ],
    },
    {
        "key": "englisch-gastgeber", "page": "tourismus", "cat": "sprachen",
        "title": "Englisch für Gastgeber – Gäste aus aller Welt empfangen",
        "desc": "Check-in, Wegbeschreibung zum Fichtelberg, Tipps für den Abend: Beschäftigte aus Hotellerie, "
                "Gastronomie und Ferienwohnungsvermietung trainieren die wichtigsten Situationen im Gästekontakt "
                "auf Englisch. Grundkenntnisse auf Niveau A2 werden vorausgesetzt.",
        "dauer": SESS(8, "Termine", 90, "Minuten"), "kosten": K(145, "eur0"), "foerderung": F_SCHECK,
        "abschluss": C_TN,
        "runs": [R(rng(d(2027, 2, 4), d(2027, 3, 25), "full", ", donnerstags 18:00–19:30 Uhr"), None, "online")],
    },
    # ================================================================ Handwerk
    {
        "key": "reifendrehen", "page": "handwerk", "cat": "holz",
        "title": "Reifendrehen – Einführung in eine Seiffener Spezialtechnik",
        "desc": "Nur im Seiffener Winkel ist diese Technik zu Hause: Aus einem Ring aus Fichtenholz entsteht an der "
                "Drehbank ein Profil, das in Scheiben gespalten Dutzende gleicher Tierfiguren ergibt. Ein "
                "Reifendrehermeister führt Sie in Holzauswahl, Vorbereitung, Drehen und Spalten ein. Am Ende des "
                "Kurses nehmen Sie Ihre ersten eigenen Reifentiere mit nach Hause.",
        "dauer": TAGEUE(5, 40), "kosten": K(980, "eur2"), "foerderung": F_SCHECK, "abschluss": C_TN,
        "runs": [
            R(rng(d(2027, 3, 8), d(2027, 3, 12), "dots"), ort("sf", "comma"), "onsite"),
            R(rng(d(2027, 9, 20), d(2027, 9, 24), "dots"), ort("sf", "br"), "onsite"),
        ],
    },
    {
        "key": "drechseln", "page": "handwerk", "cat": "holz",
        "title": "Holzgestaltung: Figuren drechseln und bemalen",
        "desc": "Räuchermann, Nussknacker und Engel – fast alle erzgebirgischen Figuren beginnen an der "
                "Drechselbank. Sie lernen das sichere Arbeiten mit Röhre und Meißel, drechseln Körper, Köpfe und "
                "Arme nach Maß und bemalen Ihre Figur anschließend mit traditionellen Farben.",
        "dauer": UE(40), "kosten": K(890, "EUR"), "foerderung": None, "abschluss": C_ZERT,
        "runs": [
            R(rng(d(2027, 5, 3), d(2027, 5, 7), "vom"), ort("sf", "comma"), "onsite"),
            R(rng(d(2027, 10, 11), d(2027, 10, 15), "full"), ort("ol", "comma"), "onsite"),
        ],
    },
    {
        "key": "kloeppeln", "page": "handwerk", "cat": "sonstiges",
        "title": "Klöppeln für Kunsthandwerk und Schauwerkstatt",
        "desc": "Der Kurs richtet sich an Klöpplerinnen und Klöppler, die in Schauwerkstätten, auf Märkten oder in "
                "Museen vorführen möchten. Neben anspruchsvolleren Mustern üben wir, beim Klöppeln zu erklären, "
                "Fragen der Besucher zu beantworten und die Geschichte der erzgebirgischen Spitze lebendig zu "
                "erzählen.",
        "dauer": TAGE(2), "kosten": K(120, "eur0"), "foerderung": None, "abschluss": None,
        "runs": [R(rng(d(2027, 5, 14), d(2027, 5, 15), "slash"), ort("ol", "comma"), "onsite")],
    },
    {
        "key": "holzrahmenbau", "page": "handwerk", "cat": "holz",
        "title": "Holzrahmenbau und Aufstockung – Fortbildung für Zimmerer",
        "desc": "Aufstockungen in Holzbauweise schaffen Wohnraum, ohne neue Flächen zu versiegeln. Die Fortbildung "
                "behandelt Tragwerk und Anschlüsse, Brand- und Schallschutz sowie die luftdichte Ausführung und "
                "zeigt an Praxisbeispielen aus dem Erzgebirge, worauf es bei Planung und Montage ankommt.",
        "dauer": TAGEUE(3, 24), "kosten": K(1150, "eur2"), "foerderung": F_QCG, "abschluss": C_ZERT,
        "runs": [R(rng(d(2027, 2, 22), d(2027, 2, 24), "full"), ort("olh", "comma"), "onsite")],
    },
    {
        "key": "flachdach", "page": "handwerk", "cat": "bau_handwerk",
        "title": "Flachdachabdichtung nach aktueller Flachdachrichtlinie – Fortbildung für Dachdecker",
        "desc": "Neue Regelwerke, neue Produkte: Das Seminar bringt Dachdeckergesellen und -meister auf den "
                "aktuellen Stand der Flachdachrichtlinie. Auf dem Programm stehen Bitumen- und Kunststoffbahnen, "
                "Anschlüsse an aufgehende Bauteile, Gefälledämmung und typische Schadensbilder – mit praktischen "
                "Übungen in der Lehrbauhalle.",
        "dauer": TAGE(2), "kosten": K(540, "prefix"), "foerderung": F_NONE, "abschluss": C_TN,
        "runs": [
            R(rng(d(2027, 1, 28), d(2027, 1, 29), "slash"), ort("olh", "comma"), "onsite"),
            R(rng(d(2027, 11, 25), d(2027, 11, 26), "dots"), ort("olh", "br"), "onsite"),
        ],
    },
    {
        "key": "motorsaege", "page": "handwerk", "cat": "holz",
        "title": "Motorsägenführer – Grundlehrgang für Forst- und Gartenarbeiten",
        "desc": "Sturmholz, Brennholz, Baumpflege im Garten: Die Motorsäge gehört im Erzgebirge zum Alltag vieler "
                "Betriebe und Privatleute. Der Lehrgang vermittelt Aufbau und Wartung der Säge, Schutzausrüstung "
                "und sichere Schnitttechniken am liegenden Holz und endet mit einer praktischen Prüfung im "
                "Gelände.",
        "dauer": STD(16), "kosten": K(295, "eur0"), "foerderung": None,
        "abschluss": ("Befähigungsnachweis nach DGUV Information 214-059", "dguv"),
        "runs": [
            R(rng(d(2027, 4, 14), d(2027, 4, 15), "dots"), ort("rue", "comma"), "onsite"),
            R(rng(d(2027, 9, 29), d(2027, 9, 30), "dots"), ort("rue", "comma"), "onsite", form=None),
        ],
    },
    # ================================================================ Digitales
    {
        "key": "social-media", "page": "digital", "cat": "marketing_vertrieb",
        "title": "Social Media für Handwerksbetriebe – Instagram & Facebook im Alltag",
        "desc": "Ein Foto von der Baustelle, ein kurzes Video aus der Werkstatt: Handwerksbetriebe haben die "
                "besten Geschichten, erzählen sie aber selten. Sie lernen, mit wenig Zeitaufwand regelmäßig zu "
                "posten, auf Kommentare zu reagieren und mit Beiträgen neue Auszubildende und Kunden zu gewinnen. "
                "Förderung über den Weiterbildungsscheck Sachsen möglich.",
        "dauer": TAGEUE(1, 8), "kosten": K(190, "eur2"), "foerderung": None, "funding_desc": ["weiterbildungsscheck"],
        "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 2, 16), "wd", ", 9:00–15:30 Uhr"), ort("ol", "comma"), "onsite"),
            R(one(d(2027, 6, 22), "wd", ", 9:00–15:30 Uhr"), online("online (MS Teams)"), "online"),
        ],
    },
    {
        "key": "wordpress", "page": "digital", "cat": "it",
        "title": "Website mit WordPress – die eigene Firmenseite erstellen",
        "desc": "Sie bauen an vier Abenden Schritt für Schritt eine einfache Firmenwebsite: Hosting und Domain, "
                "Installation, Theme-Auswahl, Seiten für Leistungen, Referenzen und Kontakt sowie Impressum und "
                "Datenschutzerklärung. Bringen Sie Ihr Logo und ein paar Fotos mit – am Ende geht Ihre Seite "
                "online.",
        "dauer": UE(16, "Unterrichtseinheiten"), "kosten": K(480, "eur0"), "foerderung": None, "abschluss": C_ZERT,
        "runs": [
            R(rng(d(2027, 3, 2), d(2027, 3, 23), "full", ", dienstags 17:00–20:00 Uhr (erster Abend in Präsenz)"),
              ort("mb", "comma"), "blended"),
            R(rng(d(2027, 9, 14), d(2027, 10, 5), "full", ", dienstags 17:00–20:00 Uhr"),
              online("live online (Zoom)"), "online"),
        ],
    },
    {
        "key": "ki-werkzeuge", "page": "digital", "cat": "digitalisierung",
        "title": "KI-Werkzeuge im Handwerksbüro – Angebote, Texte, Bilder", "badge": "Neu",
        "desc": "Angebotstexte formulieren, Kundenanfragen zusammenfassen, Bilder für die Website erzeugen: "
                "KI-Werkzeuge können im Büro eines kleinen Betriebs viel Zeit sparen. Im Workshop testen Sie "
                "verschiedene Anwendungen an eigenen Beispielen und klären Fragen zu Datenschutz, Urheberrecht "
                "und Kosten.",
        "dauer": STD(8, "Zeitstunden"), "kosten": K(240, "eur0"), "foerderung": F_SCHECK, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 4, 8), "long"), ort("ow", "comma"), "onsite"),
            R(one(d(2027, 10, 14), "wd"), online(), "online"),
        ],
    },
    {
        "key": "cyber-live", "page": "digital", "cat": "it",
        "title": "Cybersicherheit für Kleinbetriebe – Grundschutz in zehn Schritten",
        "desc": "Ein Klick auf den falschen Anhang genügt, und die Auftragsdaten sind verschlüsselt. Das "
                "Live-Online-Seminar zeigt an realen Vorfällen aus sächsischen Betrieben, wie Sie mit zehn "
                "Maßnahmen – von Updates über Backups bis zur Zwei-Faktor-Anmeldung – das Risiko deutlich senken.",
        "dauer": SESS(2, "Vormittage", 4, "UE"), "kosten": FREE_K, "foerderung": None, "abschluss": C_TN,
        "runs": [R(rng(d(2027, 5, 18), d(2027, 5, 19), "dots", ", jeweils 9:00–12:00 Uhr"), online(), "online")],
    },
    {
        "key": "cyber-elearning", "page": "digital", "cat": "it",
        "title": "Cybersicherheit kompakt – E-Learning für alle Beschäftigten",
        "desc": "Phishing erkennen, sichere Passwörter nutzen, verdächtige Vorfälle melden: Der Selbstlernkurs "
                "bringt alle Beschäftigten in kurzen Lektionen auf einen gemeinsamen Stand. Jede Lektion endet mit "
                "einem Quiz; nach dem Abschlusstest kann das Zertifikat heruntergeladen werden.",
        "dauer": STD(3, "Stunden Lernzeit", "ca. "), "kosten": K(49, "dash", " pro Lizenz"), "foerderung": None,
        "abschluss": C_ZERT,
        "runs": [R(jederzeit(), online("Lernplattform der Akademie (Browser)"), "selfpaced")],
    },
    {
        "key": "e-rechnung", "page": "digital", "cat": "buchhaltung",
        "title": "E-Rechnung empfangen und schreiben – Umstellung im Kleinbetrieb",
        "desc": "Seit 2025 müssen alle Betriebe E-Rechnungen empfangen können, ab 2027 gilt für viele auch die "
                "Pflicht zum Versand. Das Seminar erklärt XRechnung und ZUGFeRD, zeigt, wie Rechnungen "
                "revisionssicher archiviert werden, und vergleicht Softwarelösungen für Handwerk und Handel.",
        "dauer": UE(4), "kosten": K(95, "eur0"), "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 1, 19), "wd", ", 17:00–20:00 Uhr"), None, "online"),
            R(one(d(2027, 3, 9), "wd", ", 17:00–20:00 Uhr"), ort("mb", "comma"), "onsite"),
        ],
    },
    {
        "key": "excel-selbstlern", "page": "digital", "cat": "office",
        "title": "Excel im Handwerksbüro – Selbstlernkurs mit Tutor",
        "desc": "Aufmaß, Materialliste, Stundenzettel: Im Selbstlernkurs bearbeiten Sie Aufgaben aus dem "
                "Büroalltag eines Handwerksbetriebs in Ihrem eigenen Tempo. Ein Tutor beantwortet Fragen per Chat "
                "und korrigiert Ihre Übungsdateien; zweimal im Monat gibt es eine offene Online-Sprechstunde.",
        "dauer": STD(20), "kosten": K(149, "eur0"), "foerderung": None, "abschluss": C_ZERT,
        "runs": [R(period(d(2027, 3, 1), d(2027, 5, 31)), online("Lernplattform (Moodle)"), "selfpaced")],
    },
    {
        "key": "datenschutz-elearning", "page": "digital", "cat": "recht_personal",
        "title": "Datenschutz-Grundlagen für Mitarbeitende (E-Learning)",
        "desc": "Welche Kundendaten dürfen ins Handy, was gehört nicht in eine WhatsApp-Gruppe, und was tun, wenn "
                "ein Laptop verloren geht? Das E-Learning vermittelt die Grundlagen der DSGVO für Beschäftigte "
                "und eignet sich als jährliche Datenschutzunterweisung.",
        "dauer": STD(1.5), "kosten": K(29, "eur0"), "foerderung": None, "abschluss": C_TN,
        "runs": [R(jederzeit("Einstieg jederzeit – Zugang 6 Monate gültig"), None, "selfpaced")],
    },
    # ================================================================ Führung
    {
        "key": "fuehren-kleinbetrieb", "page": "fuehrung", "cat": "fuehrung",
        "title": "Führen im Kleinbetrieb – vom Kollegen zur Führungskraft",
        "desc": "Gestern noch Kollege, heute Vorgesetzter: Der Rollenwechsel ist gerade in kleinen Betrieben eine "
                "Herausforderung. Im Seminar klären Sie Ihre neue Rolle, lernen Aufgaben klar zu delegieren, "
                "Mitarbeitende zu motivieren und schwierige Gespräche vorzubereiten.",
        "dauer": TAGE(2), "kosten": K(590, "eur2"), "foerderung": F_SCHECK, "abschluss": C_ZERT,
        "runs": [
            R(rng(d(2027, 2, 11), d(2027, 2, 12), "dots"), ort("mb", "comma"), "onsite"),
            R(rng(d(2027, 9, 16), d(2027, 9, 17), "vom"), ort("ow", "comma"), "onsite"),
        ],
    },
    {
        "key": "konfliktmanagement", "page": "fuehrung", "cat": "kommunikation",
        "title": "Konfliktmanagement im Team",
        "desc": "Unausgesprochene Spannungen kosten Kraft und Kunden. Sie lernen, Konflikte früh zu erkennen, "
                "Konfliktgespräche strukturiert zu führen und als Vermittler zwischen Streitparteien aufzutreten – "
                "mit Rollenspielen zu Fällen aus Werkstatt, Küche und Pflegestation.",
        "dauer": UE(8), "kosten": K(260, "eur0"), "foerderung": None, "abschluss": C_TN,
        "runs": [
            R(one(d(2027, 3, 25), "wd", ", 8:30–15:00 Uhr"), ort("ol", "comma"), "onsite"),
            R(rng(d(2027, 10, 26), d(2027, 10, 27), "slash", ", jeweils 8:30–11:45 Uhr"), online(), "online",
              dauer=SESS(2, "Vormittage", 4, "UE"), foerderung=F_NONE_DASH),
        ],
    },
    {
        "key": "meister-teil3", "page": "fuehrung", "cat": "meister",
        "title": "Meisterkurs Teil III – Betriebswirtschaft und Recht (Vorbereitung)",
        "desc": "Teil III der Meisterprüfung ist für alle Gewerke gleich: Rechnungswesen, Kalkulation, Marketing, "
                "Personalwesen und Recht. Der Vorbereitungslehrgang vermittelt das Wissen, das Sie als "
                "Betriebsinhaber brauchen, und trainiert die Prüfungssituation mit Übungsklausuren.",
        "dauer": UE(240), "kosten": K(2390, "eur2", " zzgl. Prüfungsgebühr der Handwerkskammer"),
        "foerderung": F_AFBG, "abschluss": C_HWK,
        "runs": [
            R(rng(d(2027, 3, 12), d(2027, 9, 11), "full",
                  " (berufsbegleitend: freitags 16–21 Uhr, samstags 8–15 Uhr)"), ort("mb", "comma"), "onsite"),
            R(rng(d(2027, 10, 4), d(2027, 12, 3), "dots", " (Vollzeit)"), ort("ol", "comma"), "onsite",
              kosten=K(2390, "prefix", " zzgl. Prüfungsgebühr der Handwerkskammer")),
        ],
    },
    {
        "key": "meister-teil4", "page": "fuehrung", "cat": "meister",
        "title": "Meisterkurs Teil IV – Berufs- und Arbeitspädagogik",
        "desc": "Mit Teil IV weisen angehende Meisterinnen und Meister ihre Eignung als Ausbilder nach. Sie planen "
                "Ausbildung, wählen Methoden aus, führen eine praktische Unterweisung durch und bereiten sich "
                "gezielt auf die schriftliche und praktische Prüfung vor. Die bestandene Prüfung gilt zugleich als "
                "Ausbildereignung nach AEVO.",
        "dauer": UE(120), "kosten": ("890 € zzgl. Prüfungsgebühr 160 €", 890.0), "foerderung": F_AFBG,
        "abschluss": C_HWK,
        "runs": [
            R(rng(d(2027, 1, 11), d(2027, 2, 5), "dots", " (Vollzeit)"), ort("mb", "comma"), "onsite"),
            R(rng(d(2027, 9, 13), d(2027, 11, 22), "full", " (berufsbegleitend, Präsenz und online)"),
              ort("ol", "br"), "blended"),
        ],
    },
    {
        "key": "nachfolge", "page": "fuehrung", "cat": "fuehrung",
        "title": "Unternehmensnachfolge im Familienbetrieb – Informationsabend",
        "desc": "Viele Inhaberinnen und Inhaber im Erzgebirge gehen in den nächsten Jahren in den Ruhestand, und "
                "oft ist die Nachfolge ungeklärt. Am Informationsabend berichten ein Steuerberater, eine "
                "Nachfolgemoderatorin und ein Unternehmer, der seinen Betrieb an die Tochter übergeben hat, über "
                "Zeitplan, Fallstricke und Fördermöglichkeiten.",
        "dauer": STD(3), "kosten": FREE_G, "foerderung": None, "abschluss": None,
        "runs": [R(one(d(2027, 6, 17), "wd", ", 18:00–21:00 Uhr"), ort("mb", "comma"), "onsite", form=None)],
    },
    {
        "key": "fachwirt-gastgewerbe", "page": "fuehrung", "cat": "meister",
        "title": "Geprüfte/r Fachwirt/in im Gastgewerbe (IHK)",
        "desc": "Der Aufstiegslehrgang richtet sich an Fachkräfte aus Hotellerie und Gastronomie mit "
                "Berufserfahrung, die Verantwortung für eine Abteilung oder einen eigenen Betrieb übernehmen "
                "wollen. Betriebswirtschaft, Personalführung, Marketing und gastgewerbliche Prozesse werden "
                "berufsbegleitend in Abendkursen und an Samstagen vermittelt.",
        "dauer": UE(600), "kosten": K(4788, "eur2", " (zahlbar in 12 Raten à 399 €)"), "foerderung": F_AFBG,
        "abschluss": C_IHK,
        "runs": [R(ab(d(2027, 9, 13), True, ", berufsbegleitend (ca. 18 Monate)"), ort("ow", "comma"), "onsite")],
    },
]

# ---------------------------------------------------------------------------------------------
# Build cards and expected records
# ---------------------------------------------------------------------------------------------
ORDER = ["Termin", "Dauer", "Kosten", "Ort", "Form", "Förderung", "Abschluss"]


def build() -> tuple[dict[str, list[dict]], list[dict]]:
    cards: dict[str, list[dict]] = {slug: [] for slug, _, _ in CATEGORIES}
    nr = 2100
    keys = set()
    for course in COURSES:
        assert course["key"] not in keys
        keys.add(course["key"])
        for run in course["runs"]:
            nr += RNG.randint(3, 17)
            fields = {k: run.get(k, course.get(k)) for k in ("dauer", "kosten", "foerderung", "abschluss")}
            when = run["when"]
            if when["start"]:
                assert FIRST_DAY <= when["start"] <= LAST_DAY, (course["key"], when)
            if when["end"]:
                assert when["start"] <= when["end"] <= LAST_DAY, (course["key"], when)
            cards[course["page"]].append({"nr": nr, "course": course, "run": run, **fields})
    # Pages: the paginated categories split after PER_PAGE cards.
    expected = []
    pages: dict[str, list[dict]] = {}
    for slug, _, _ in CATEGORIES:
        items = cards[slug]
        if slug in PAGINATED:
            pages[f"{slug}.html"] = items[:PER_PAGE]
            pages[f"{slug}-2.html"] = items[PER_PAGE:]
            assert items[PER_PAGE:], slug
        else:
            pages[f"{slug}.html"] = items
    for file, items in pages.items():
        for card in items:
            course, run = card["course"], card["run"]
            when, where = run["when"], run["where"]
            funding = sorted(set((card["foerderung"] or ("", []))[1]) | set(course.get("funding_desc", [])))
            location = where["location"] if where and run["fmt"] in ("onsite", "blended") else None
            expected.append({
                "url": f"/{SITE}/angebote/{file}#angebot-{card['nr']}",
                "course_key": f"oberes-{course['key']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": " ".join(course["desc"].split()),
                "start_date": when["start"].isoformat() if when["start"] else None,
                "end_date": when["end"].isoformat() if when["end"] else None,
                "rolling_start": when["rolling"],
                "duration_hours": card["dauer"][1] if card["dauer"] else None,
                "price_eur": card["kosten"][1],
                "format": run["fmt"],
                "location": location,
                "category": course["cat"],
                "funding": funding,
                "certificate": card["abschluss"][1] if card["abschluss"] else None,
                "language": "de",
            })
    return pages, expected


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------
def e(text: str) -> str:
    return html.escape(text, quote=False)


def entity_text(text: str) -> str:
    """The CMS's editor stores umlauts and ß as named entities."""
    text = html.escape(text, quote=False)
    for a, b in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ä", "&Auml;"), ("Ö", "&Ouml;"),
                 ("Ü", "&Uuml;"), ("ß", "&szlig;"), ("®", "&reg;"), ("–", "&ndash;"), ("„", "&bdquo;"),
                 ("“", "&ldquo;")):
        text = text.replace(a, b)
    return text


def nbsp(text: str) -> str:
    for unit in (" €", " EUR", " UE", " Unterrichtseinheiten", " Std.", " Stunden", " Zeitstunden", " Uhr"):
        text = text.replace(unit, "&nbsp;" + unit[1:])
    return text


def card_html(card: dict, index: int) -> str:
    course, run = card["course"], card["run"]
    enc = entity_text if index % 3 == 1 else e
    pairs = {"Termin": nbsp(enc(run["when"]["termin"])) if index % 2 else enc(run["when"]["termin"])}
    if card["dauer"]:
        pairs["Dauer"] = nbsp(enc(card["dauer"][0]))
    pairs["Kosten"] = nbsp(enc(card["kosten"][0])) if index % 4 != 3 else enc(card["kosten"][0])
    where = run["where"]
    if where:
        pairs["Ort"] = "<br>".join(enc(line) for line in where["text"].split("\n"))
    form = run["form"]
    if form == "default":
        form = FORM_LABEL[run["fmt"]]
    if form:
        pairs["Form"] = enc(form)
    if card["foerderung"]:
        pairs["Förderung"] = enc(card["foerderung"][0])
    if card["abschluss"]:
        pairs["Abschluss"] = enc(card["abschluss"][0])
    order = [k for k in ORDER if k in pairs]
    if index % 5 in (1, 3):  # some editors order the facts differently
        head, rest = order[:1], order[1:]
        RNG.shuffle(rest)
        order = head + rest if index % 5 == 1 else rest[:2] + head + rest[2:]
    dl = "\n".join(f"        <dt>{k}</dt>\n        <dd>{pairs[k]}</dd>" for k in order)
    badge = f' <span class="badge">{course["badge"]}</span>' if course.get("badge") else ""
    return f"""    <article class="angebot" id="angebot-{card['nr']}">
      <h3>{enc(course['title'])}{badge}</h3>
      <p class="beschreibung">{enc(course['desc'])}</p>
      <dl class="eckdaten">
{dl}
      </dl>
      <p class="aktion"><a class="anfrage" href="/oberes/kontakt.html">Platz anfragen</a></p>
    </article>"""


NAV = [("Start", "/oberes/index.html"), ("Angebote", "/oberes/angebote/index.html"),
       ("Kontakt", "/oberes/kontakt.html"), ("Impressum", "/oberes/impressum.html")]


def page(title: str, body: str, sidebar: bool = True) -> str:
    nav = "\n".join(f'        <li><a href="{href}">{label}</a></li>' for label, href in NAV)
    side = ""
    if sidebar:
        cats = "\n".join(f'        <li><a href="/oberes/angebote/{slug}.html">{e(head)}</a></li>'
                         for slug, head, _ in CATEGORIES)
        side = f"""
    <aside class="seitenleiste">
      <h2>Bereiche</h2>
      <ul>
{cats}
      </ul>
      <p class="hinweis">Alle Angebote auch als Inhouse-Schulung – sprechen Sie uns an.</p>
    </aside>"""
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Bildungsakademie Oberes Erzgebirge</title>
</head>
<body>
  <div id="kopf">
    <p class="name"><a href="/oberes/index.html">Bildungsakademie Oberes Erzgebirge gGmbH</a></p>
    <nav id="menue">
      <ul>
{nav}
      </ul>
    </nav>
  </div>
  <div id="seite">
    <main id="inhalt">
{body}
    </main>{side}
  </div>
  <div id="fuss">
    <p>Bildungsakademie Oberes Erzgebirge gGmbH &middot; Oberwiesenthal &middot; Marienberg &middot; Olbernhau
       &middot; Seiffen/Erzgeb. &middot; <a href="/oberes/impressum.html">Impressum</a></p>
  </div>
</body>
</html>
"""


def category_pages(pages: dict[str, list[dict]]) -> list[tuple[str, str]]:
    out = []
    index = 0
    for slug, head, intro in CATEGORIES:
        files = [f"{slug}.html"] + ([f"{slug}-2.html"] if slug in PAGINATED else [])
        for n, file in enumerate(files):
            cards = []
            for card in pages[file]:
                cards.append(card_html(card, index))
                index += 1
            nav = ""
            if len(files) > 1:
                if n == 0:
                    nav = (f'    <nav class="blaettern">Seite 1 von 2 &middot; '
                           f'<a class="weiter" href="/oberes/angebote/{files[1]}">Nächste Seite</a></nav>')
                else:
                    nav = (f'    <nav class="blaettern"><a class="zurueck" href="/oberes/angebote/{files[0]}">'
                           f'Vorherige Seite</a> &middot; Seite 2 von 2</nav>')
            extra = ""
            if slug == "pflege" and n == 0:
                extra = ("    <div class=\"infobox\">\n      <h3>Gut zu wissen</h3>\n      <p>Für Einrichtungen "
                         "mit eigenem Fortbildungsplan stellen wir gern ein Jahresprogramm zusammen.</p>\n"
                         "    </div>\n")
            body = f"""    <h1>{e(head)}</h1>
    <p class="einleitung">{e(intro)}</p>
{extra}{chr(10).join(cards)}
{nav}"""
            out.append((f"angebote/{file}", page(e(head) + (" – Seite 2" if n else ""), body)))
    return out


def static_pages(pages: dict[str, list[dict]]) -> list[tuple[str, str]]:
    counts = {slug: sum(len(v) for k, v in pages.items() if k.startswith(slug)) for slug, _, _ in CATEGORIES}
    tiles = "\n".join(f"""      <li class="bereich">
        <h2><a href="/oberes/angebote/{slug}.html">{e(head)}</a></h2>
        <p>{e(intro)} <span class="anzahl">({counts[slug]} Termine)</span></p>
      </li>""" for slug, head, intro in CATEGORIES)
    overview = f"""    <h1>Unsere Angebote 2027</h1>
    <p class="einleitung">Wählen Sie einen Bereich. Jede Karte ist ein buchbarer Termin.</p>
    <ul class="bereiche">
{tiles}
    </ul>"""
    home = """    <h1>Bildungsakademie Oberes Erzgebirge</h1>
    <p class="einleitung">Gemeinnützige Weiterbildung für Pflege, Tourismus, Handwerk und kleine Betriebe –
       an unseren Standorten in Oberwiesenthal, Marienberg, Olbernhau und Seiffen/Erzgeb.</p>
    <p><a class="button" href="/oberes/angebote/index.html">Zu den Angeboten</a></p>"""
    kontakt = """    <h1>Kontakt</h1>
    <p>Bildungsakademie Oberes Erzgebirge gGmbH<br>Karlsbader Straße 14<br>09484 Kurort Oberwiesenthal</p>
    <p>Telefon 037348 1520-0 &middot; Anmeldung und Beratung Mo.–Fr. 8–15 Uhr</p>
    <p>Standorte: Freiberger Straße 12, 09496 Marienberg &middot; Grünthaler Straße 28, 09526 Olbernhau
       &middot; Holzwerkstatt, Hauptstraße 95, 09548 Kurort Seiffen</p>"""
    impressum = """    <h1>Impressum</h1>
    <p>Bildungsakademie Oberes Erzgebirge gGmbH (fiktive Demo-Seite für das Weiterbildungsportal Erzgebirge).</p>
    <p>Alle Angebote, Personen und Adressen auf dieser Website sind erfunden.</p>"""
    return [("index.html", page("Start", home)), ("angebote/index.html", page("Angebote", overview)),
            ("kontakt.html", page("Kontakt", kontakt, sidebar=False)),
            ("impressum.html", page("Impressum", impressum, sidebar=False))]


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
        if tag == "a" and attrs.get("href"):
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
    ids_by_file = {}
    for path in (p for p in OUT.rglob("*") if p.is_file()):
        assert path.stat().st_size < 200_000, path
        if path.suffix != ".html":
            continue
        checker = _Checker()
        checker.feed(path.read_text(encoding="utf-8"))
        checker.close()
        assert not checker.errors and not checker.stack, (path, checker.errors, checker.stack)
        ids_by_file["/" + str(path.relative_to(OUT.parent))] = checker.ids
        for link in checker.links:
            assert link.startswith(f"/{SITE}/"), (path, link)
            assert (OUT.parent / link.split("#")[0].lstrip("/")).is_file(), (path, link)
    keys = [(r["url"], r["start_date"] or "") for r in expected]
    assert len(keys) == len(set(keys)), "duplicate (url, start_date)"
    for r in expected:
        path, frag = r["url"].split("#")
        assert frag in ids_by_file[path], r["url"]


def main() -> None:
    pages, expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = static_pages(pages) + category_pages(pages)
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    courses = len({rec["course_key"] for rec in expected})
    print(f"{SITE}: {courses} courses, {len(expected)} offers, "
          f"{sum(1 for rel, _ in outputs if rel.startswith('angebote/') and rel != 'angebote/index.html')} "
          f"category pages -> {OUT}")


if __name__ == "__main__":
    main()
