#!/usr/bin/env python3
"""Generator of the demo site `vhs` (Volkshochschule Erzgebirgskreis).

The adult education centre publishes its programme as a paginated list of courses that links to
one detail page per course. Every detail page shows the course for people (HTML) and embeds
schema.org JSON-LD: a `Course` with one `CourseInstance` per run (Kursnummer A, B, C ...).

    /vhs/index.html                              start page
    /vhs/programm/index.html, seite-2.html, ...  programme list, 12 entries per page, rel="next"
    /vhs/kurs/<kursnummer>.html                  course detail page with JSON-LD
    /vhs/info/anmeldebedingungen.html            linked from the list area, no course (WebPage)
    /vhs/info/online-lernen.html                 linked from the list area, no course (WebPage)
    /vhs/regionalstellen.html, /vhs/impressum.html

The course data below is plain Python (dates, numbers, ids); the renderer writes it the way a
municipal CMS does (JSON-LD in several shapes: plain, "@graph", separate BreadcrumbList script,
dates as ISO dates or date-times with offsets, prices as numbers or strings), and
`expected.jsonl` is written from the same source data, never by parsing the rendered files.

Run: python demo/generators/vhs.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import shutil
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

SITE = "vhs"
PROVIDER = "Volkshochschule Erzgebirgskreis"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
PER_PAGE = 12
FIRST_DAY, LAST_DAY = date(2027, 1, 10), date(2027, 12, 15)


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def span(a: date, b: date) -> set[date]:
    return {a + timedelta(days=i) for i in range((b - a).days + 1)}


# Saxony 2027: public holidays and school holidays; weekly courses pause on these days.
PUBLIC_HOLIDAYS = {d(2027, 1, 1), d(2027, 3, 26), d(2027, 3, 29), d(2027, 5, 1), d(2027, 5, 6),
                   d(2027, 5, 17), d(2027, 10, 3), d(2027, 10, 31), d(2027, 11, 17), d(2027, 12, 25),
                   d(2027, 12, 26)}
SCHOOL_HOLIDAYS = (span(d(2027, 2, 8), d(2027, 2, 19)) | span(d(2027, 3, 26), d(2027, 4, 2))
                   | span(d(2027, 5, 15), d(2027, 5, 18)) | span(d(2027, 7, 10), d(2027, 8, 20))
                   | span(d(2027, 10, 11), d(2027, 10, 23)) | span(d(2027, 12, 23), d(2027, 12, 31)))
NO_CLASS = PUBLIC_HOLIDAYS | SCHOOL_HOLIDAYS

# ---------------------------------------------------------------------------------------------
# Venues: name as the vhs writes it, street, postal code, the locality forms the CMS uses (the
# first one on the HTML page; JSON-LD uses `ld_town`), and the canonical town (gazetteer name).
# ---------------------------------------------------------------------------------------------
VENUES = {
    "ab": {"name": "vhs Regionalstelle Annaberg-Buchholz", "street": "Klosterstraße 7", "plz": "09456",
           "town_html": "Annaberg-Buchholz", "ld_town": "Annaberg-Buchholz", "town": "Annaberg-Buchholz"},
    "au": {"name": "vhs Regionalstelle Aue-Bad Schlema", "street": "Schneeberger Straße 17", "plz": "08280",
           "town_html": "Aue-Bad Schlema", "ld_town": "Aue", "town": "Aue-Bad Schlema"},
    "mb": {"name": "vhs Regionalstelle Marienberg", "street": "Zschopauer Straße 30", "plz": "09496",
           "town_html": "Marienberg", "ld_town": "Marienberg", "town": "Marienberg"},
    "st": {"name": "vhs Regionalstelle Stollberg", "street": "Schillerstraße 12", "plz": "09366",
           "town_html": "Stollberg/Erzgeb.", "ld_town": "Stollberg", "town": "Stollberg/Erzgeb."},
    "thum": {"name": "Schnitzerheim Thum", "street": "Jahnsbacher Straße 20", "plz": "09419",
             "town_html": "Thum", "ld_town": "Thum", "town": "Thum"},
    "sbg": {"name": "Vereinshaus der Klöppelgruppe Schneeberg", "street": "Kirchplatz 4", "plz": "08289",
            "town_html": "Schneeberg", "ld_town": "Schneeberg", "town": "Schneeberg"},
    "ow": {"name": "Rathaus Oberwiesenthal, Sitzungssaal", "street": "Markt 8", "plz": "09484",
           "town_html": "Kurort Oberwiesenthal", "ld_town": "Kurort Oberwiesenthal", "town": "Oberwiesenthal"},
    "zs": {"name": "Gymnastikraum im Sportzentrum Zschopau", "street": "August-Bebel-Straße 20", "plz": "09405",
           "town_html": "Zschopau", "ld_town": "Zschopau", "town": "Zschopau"},
}
ONLINE_NAME = "vhs.cloud – virtueller Kursraum"

REGIONALSTELLEN = [
    ("Annaberg-Buchholz", "Klosterstraße 7", "09456 Annaberg-Buchholz", "03733 5610-20"),
    ("Aue-Bad Schlema", "Schneeberger Straße 17", "08280 Aue-Bad Schlema", "03771 2840-0"),
    ("Marienberg", "Zschopauer Straße 30", "09496 Marienberg", "03735 6080-14"),
    ("Stollberg", "Schillerstraße 12", "09366 Stollberg/Erzgeb.", "037296 9310-5"),
]

FACHBEREICHE = {
    "1": "Kultur und Gestalten",
    "2": "Gesundheit",
    "3": "Sprachen",
    "4": "Arbeit, Beruf und EDV",
}

WEEKDAY_ABBR = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WEEKDAY_PLURAL = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"]
WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


# ---------------------------------------------------------------------------------------------
# Runs. kind: weekly (n sessions, skipping holidays), block (consecutive days), day, weekend,
# anfrage (no date). Options: mode (onsite/online/blended), price (overrides the course's),
# pstyle (price spelling), note (extra line on the page).
# ---------------------------------------------------------------------------------------------
def W(start: date, n: int, t: tuple[str, str], v: str | None, mode: str = "onsite", **kw) -> dict:
    return {"kind": "weekly", "start": start, "n": n, "t": t, "v": v, "mode": mode, **kw}


def B(start: date, end: date, t: tuple[str, str], v: str | None, mode: str = "onsite", **kw) -> dict:
    return {"kind": "block", "start": start, "end": end, "t": t, "v": v, "mode": mode, **kw}


def D(day: date, t: tuple[str, str], v: str | None, mode: str = "onsite", **kw) -> dict:
    return {"kind": "day", "start": day, "end": day, "t": t, "v": v, "mode": mode, **kw}


def WE(sat: date, t: tuple[str, str], v: str | None, mode: str = "onsite", **kw) -> dict:
    return {"kind": "weekend", "start": sat, "end": sat + timedelta(days=1), "t": t, "v": v, "mode": mode, **kw}


def A(v: str | None = None, mode: str = "onsite", **kw) -> dict:
    return {"kind": "anfrage", "start": None, "end": None, "t": None, "v": v, "mode": mode, **kw}


# Funding wordings (the vhs's own words) and the programme ids they name.
F_SCHECK = ("Förderung über den Weiterbildungsscheck Sachsen möglich.", ["weiterbildungsscheck"])
F_BG_SCHECK = ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein. Beschäftigte sächsischer Betriebe "
               "können alternativ den Weiterbildungsscheck Sachsen nutzen.", ["bildungsgutschein", "weiterbildungsscheck"])
F_BG_QCG = ("AZAV-zertifiziert – förderfähig mit Bildungsgutschein. Für Beschäftigte ist eine Förderung nach dem "
            "Qualifizierungschancengesetz möglich.", ["bildungsgutschein", "qcg"])

# ---------------------------------------------------------------------------------------------
# Courses. dur: ("sessions", n, minutes) | ("iso", hours) | ("ue", n, word) | ("std", n, word) |
# ("tage", n) | ("tageue", days, ue) | None. ld: JSON-LD shape options.
# ---------------------------------------------------------------------------------------------
COURSES = [
    # ----------------------------------------------------------------- 1 Kultur und Gestalten
    {
        "nr": "27-1101", "title": "Schnitzen für Einsteiger – Erzgebirgische Volkskunst", "cat": "holz",
        "desc": [
            "Lindenholz, ein scharfes Schnitzmesser und etwas Geduld – mehr braucht es nicht für den Einstieg in "
            "eine der bekanntesten Traditionen unserer Region. Unter Anleitung eines erfahrenen Schnitzers aus dem "
            "örtlichen Schnitzverein lernen Sie Messerführung, das Lesen der Holzmaserung und sicheres Arbeiten.",
            "Ihr erstes Werkstück ist ein kleiner Engel oder ein Bergmann im Halbrelief. Werkzeug kann gegen eine "
            "geringe Leihgebühr gestellt werden; Lindenholz-Rohlinge sind im Materialgeld enthalten.",
        ],
        "dur": ("sessions", 8, 150, "Abende"), "price": 96, "pstyle": "eur2_mat",
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 1, 19), 8, ("18:00", "20:30"), "thum"),
                 W(d(2027, 9, 7), 8, ("18:00", "20:30"), "ab")],
    },
    {
        "nr": "27-1102", "title": "Schnitzen für Fortgeschrittene: Figuren und Reliefs", "cat": "holz",
        "desc": [
            "Für alle, die bereits erste Figuren geschnitzt haben und sich an Proportionen, Gewandfalten und "
            "Gesichter wagen möchten. Wir arbeiten nach eigenen Vorlagen oder nach Modellen des Kursleiters, "
            "der seit über dreißig Jahren Pyramidenfiguren fertigt.",
            "Bitte eigenes Schnitzwerkzeug mitbringen. Das Wochenende endet mit einer kleinen Werkschau im "
            "Schnitzerheim.",
        ],
        "dur": ("tage", 2), "price": 118, "pstyle": "eur2",
        "ld": {"dates": "dt", "price": "string", "single": True},
        "runs": [WE(d(2027, 3, 13), None, "thum")],
    },
    {
        "nr": "27-1103", "title": "Klöppeln – Grundkurs für Anfängerinnen und Anfänger", "cat": "sonstiges",
        "desc": [
            "Das Klöppeln gehört seit Barbara Uthmanns Zeiten zum Erzgebirge wie das Schnitzen. Im Grundkurs "
            "lernen Sie die Grundschläge – Ganzschlag, Halbschlag und Leinenschlag – und fertigen nach "
            "Klöppelbrief ein erstes Lesezeichen.",
            "Klöppelsack, Klöppel und Nadeln können für die Dauer des Kurses ausgeliehen werden. Garn ist im "
            "Entgelt enthalten.",
        ],
        "dur": ("sessions", 6, 120, "Termine"), "price": 72, "pstyle": "eur2",
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 1, 26), 6, ("14:00", "16:00"), "ab"),
                 W(d(2027, 4, 14), 6, ("17:00", "19:00"), "mb"),
                 W(d(2027, 9, 8), 6, ("14:00", "16:00"), "au")],
    },
    {
        "nr": "27-1104", "title": "Klöppelwochenende: Erzgebirgische Spitze für Geübte", "cat": "sonstiges",
        "desc": [
            "Ein Wochenende lang widmen wir uns Torchon- und Flechterspitze nach historischen Vorlagen aus dem "
            "Schneeberger Raum. Sie sollten die Grundschläge sicher beherrschen; jede Teilnehmerin arbeitet an "
            "ihrem eigenen Klöppelbrief.",
            "Der Kurs findet in den Räumen der Klöppelgruppe Schneeberg statt, die auch für Kaffee und "
            "Stollen sorgt.",
        ],
        "dur": None, "price": 65, "pstyle": "eur0",
        "ld": {"dates": "date", "price": "number", "context": "http"},
        "runs": [WE(d(2027, 10, 2), None, "sbg")],
    },
    {
        "nr": "27-1105", "title": "Schwibbogen selbst gestalten – Laubsägearbeiten für Erwachsene", "cat": "holz",
        "desc": [
            "Ein Schwibbogen aus eigener Hand: Sie übertragen ein Motiv auf Sperrholz, sägen es mit der Laubsäge "
            "aus und bauen den Bogen mit Beleuchtung zusammen. Vorkenntnisse sind nicht nötig, wohl aber eine "
            "ruhige Hand.",
            "Holz, Sägeblätter und der Lichtbausatz sind im Preis enthalten, die Vorlagen stammen aus der "
            "Sammlung unserer Kursleiterin.",
        ],
        "dur": ("std", 8, "Zeitstunden"), "price": 58, "pstyle": "eur2_inkl",
        "ld": {"dates": "dt", "price": "number", "wrap": "graph"},
        "runs": [D(d(2027, 11, 6), ("09:00", "17:00"), "au"),
                 D(d(2027, 11, 13), ("09:00", "17:00"), "mb")],
    },
    {
        "nr": "27-1106", "title": "Fotografie: Das Erzgebirge im Licht der Jahreszeiten", "cat": "sonstiges",
        "desc": [
            "Zwei Theorieabende zu Bildgestaltung, Belichtung und Licht wechseln sich mit Exkursionen ab – zu "
            "Hochmooren, Bergbaulandschaften und Aussichtspunkten rund um Annaberg-Buchholz. Die "
            "Exkursionsziele richten sich nach Wetter und Jahreszeit.",
            "Mitzubringen sind eine Kamera mit manuellen Einstellmöglichkeiten und wetterfeste Kleidung; ein "
            "Stativ ist hilfreich. Zum Abschluss besprechen wir Ihre besten Bilder gemeinsam.",
        ],
        "dur": ("iso", 12), "price": 79, "pstyle": "eur0",
        "ld": {"dates": "date", "price": "string_dot"},
        "runs": [B(d(2027, 4, 22), d(2027, 5, 8), None, "ab",
                   note="Theorie donnerstags 18–20 Uhr, Exkursionen samstags"),
                 B(d(2027, 9, 23), d(2027, 10, 9), None, "ab",
                   note="Theorie donnerstags 18–20 Uhr, Exkursionen samstags")],
    },
    {
        "nr": "27-1107", "title": "Welterbe Montanregion: Grundkurs für ehrenamtliche Welterbe-Guides",
        "cat": "tourismus_gastro",
        "desc": [
            "Seit 2019 ist die Montanregion Erzgebirge/Krušnohoří UNESCO-Welterbe – und Gäste fragen nach. Der "
            "Grundkurs vermittelt Bergbaugeschichte, die Welterbe-Bestandteile im Landkreis und Methoden der "
            "Gästeführung, damit Sie Besuchergruppen sicher und lebendig durch Ihren Ort führen können.",
            "Präsenztage in Marienberg wechseln sich mit Online-Abenden ab. Dank Unterstützung durch den "
            "Welterbeverein ist die Teilnahme kostenfrei. 40 UE.",
        ],
        "dur": ("ue", 40, "UE"), "price": 0, "pstyle": "frei_k",
        "cert": ("Zertifikat der vhs nach Abschlusspräsentation", "provider_certificate"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [B(d(2027, 3, 6), d(2027, 6, 12), None, "mb", mode="blended",
                   note="6 Präsenzsamstage 9–15 Uhr in Marienberg und 4 Online-Abende")],
    },
    # ----------------------------------------------------------------- 2 Gesundheit
    {
        "nr": "27-2101", "title": "Rückenfit – gesunder Rücken im Arbeitsalltag", "cat": "pflege",
        "desc": [
            "Ob am Schreibtisch, an der Maschine oder in der Pflege: Der Rücken trägt den Arbeitstag mit. Mit "
            "Kräftigungs-, Mobilisations- und Entspannungsübungen stärken Sie Ihre Rumpfmuskulatur und lernen "
            "rückenfreundliche Bewegungsabläufe, die sich in jeden Arbeitsalltag einbauen lassen.",
            "Bitte bequeme Kleidung, eine Matte und ein Handtuch mitbringen.",
        ],
        "dur": ("sessions", 10, 60, "Termine"), "price": 55, "pstyle": "eur2_erm", "reduced": 38,
        "ld": {"dates": "date", "price": "offers_list"},
        "runs": [W(d(2027, 1, 11), 10, ("17:00", "18:00"), "ab"),
                 W(d(2027, 3, 3), 10, ("18:30", "19:30"), "au"),
                 W(d(2027, 9, 2), 10, ("17:30", "18:30"), "st")],
    },
    {
        "nr": "27-2102", "title": "Erste Hilfe am Kind", "cat": "erste_hilfe",
        "desc": [
            "Fieberkrampf, verschluckte Legosteine, ein Sturz vom Klettergerüst: Eltern, Großeltern und "
            "Tagespflegepersonen lernen, bei Notfällen mit Säuglingen und Kleinkindern richtig zu handeln. Wir "
            "üben Wiederbelebung an Baby- und Kinderpuppen, stabile Seitenlage und das Versorgen von Wunden "
            "und Verbrennungen.",
        ],
        "dur": ("ue", 8, "UE"), "price": 35, "pstyle": "dash",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "mid", "price": "number"},
        "runs": [D(d(2027, 1, 23), ("09:00", "15:30"), "mb"),
                 D(d(2027, 4, 10), ("09:00", "15:30"), "ab"),
                 D(d(2027, 9, 18), ("09:00", "15:30"), "au")],
    },
    {
        "nr": "27-2103", "title": "Yoga für Einsteiger – sanft und alltagstauglich", "cat": "pflege",
        "desc": [
            "Hatha-Yoga für alle, die beweglicher werden und abschalten möchten – ganz ohne Vorkenntnisse. "
            "Die Übungen werden an Ihre Möglichkeiten angepasst; Atemübungen und eine Tiefenentspannung "
            "runden jede Stunde ab.",
        ],
        "dur": ("sessions", 8, 75, "Termine"), "price": 64, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number"},
        "runs": [W(d(2027, 1, 12), 8, ("19:00", "20:15"), "zs"),
                 W(d(2027, 4, 15), 8, ("18:00", "19:15"), "mb"),
                 W(d(2027, 9, 9), 8, ("18:00", "19:15"), "ab")],
    },
    {
        "nr": "27-2104", "title": "Resilienz im Berufsalltag – gelassen bleiben unter Druck", "cat": "kommunikation",
        "desc": [
            "Termindruck, Personalmangel, ständige Erreichbarkeit: Wer lange gesund arbeiten will, braucht "
            "innere Widerstandskraft. Sie lernen die sieben Säulen der Resilienz kennen, reflektieren eigene "
            "Stressmuster und erproben kurze Übungen, die auch im Betrieb funktionieren.",
            "Umfang: 16 UE.",
        ],
        "dur": ("ue", 16, "UE"), "price": 98, "pstyle": "eur2",
        "funding": F_SCHECK, "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "dt", "price": "number", "wrap": "two"},
        "runs": [B(d(2027, 2, 25), d(2027, 2, 26), ("09:00", "15:00"), "st"),
                 B(d(2027, 10, 28), d(2027, 10, 29), ("09:00", "15:00"), None, mode="online")],
    },
    {
        "nr": "27-2105", "title": "Ernährung im Schichtdienst – fit durch Früh-, Spät- und Nachtschicht",
        "cat": "pflege",
        "desc": [
            "Schichtarbeit bringt den Biorhythmus durcheinander – und mit ihm Appetit, Verdauung und Schlaf. "
            "Eine Ernährungsfachkraft erklärt, wann welche Mahlzeit sinnvoll ist, welche Snacks durch die "
            "Nacht tragen und wie sich Heißhunger vermeiden lässt.",
            "In Kooperation mit einer regionalen Krankenkasse ist der Online-Vortrag gebührenfrei.",
        ],
        "dur": ("std", 3, "Stunden"), "price": 0, "pstyle": "frei_g",
        "ld": {"dates": "dt", "price": "number", "ascii": True},
        "runs": [D(d(2027, 3, 10), ("18:00", "21:00"), None, mode="online"),
                 D(d(2027, 11, 10), ("18:00", "21:00"), None, mode="online")],
    },
    {
        "nr": "27-2106", "title": "Pflegende Angehörige: Pflegekurs für die Versorgung zu Hause", "cat": "pflege",
        "desc": [
            "Wenn Vater oder Mutter plötzlich Pflege brauchen, stehen Angehörige vor vielen Fragen. Eine "
            "Pflegefachkraft zeigt rückenschonendes Umlagern, Hilfen bei Körperpflege und Mobilität und gibt "
            "einen Überblick über Pflegegrade und Entlastungsleistungen.",
            "Die Kosten übernimmt die Pflegekasse – für Sie ist der Kurs kostenfrei.",
        ],
        "dur": ("std", 9, "Std."), "price": 0, "pstyle": "frei_k",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "string_zero"},
        "runs": [W(d(2027, 4, 7), 3, ("17:00", "20:00"), "mb"),
                 W(d(2027, 10, 6), 3, ("17:00", "20:00"), "ab")],
    },
    # ----------------------------------------------------------------- 3 Sprachen
    {
        "nr": "27-3101", "title": "Englisch A1 – Einstieg", "cat": "sprachen",
        "desc": [
            "Sie möchten Englisch von Anfang an lernen oder nach langer Pause neu beginnen? In entspannter "
            "Atmosphäre üben Sie einfache Gespräche: sich vorstellen, nach dem Weg fragen, im Restaurant "
            "bestellen. Grammatik gibt es in kleinen Portionen, gesprochen wird von der ersten Stunde an.",
            "Lehrbuch: „Great! A1“ (nicht im Entgelt enthalten).",
        ],
        "dur": ("sessions", 10, 90, "Termine"), "price": 89, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung auf Wunsch", "attendance"),
        "ld": {"dates": "date", "price": "number", "lang": "de-DE"},
        "runs": [W(d(2027, 2, 2), 10, ("18:00", "19:30"), "ab"),
                 W(d(2027, 9, 7), 10, ("18:00", "19:30"), "au"),
                 W(d(2027, 9, 8), 10, ("19:00", "20:30"), None, mode="online")],
    },
    {
        "nr": "27-3102", "title": "Englisch A2 – Grundkenntnisse festigen", "cat": "sprachen",
        "desc": [
            "Für Teilnehmende mit Vorkenntnissen auf Niveau A1. Wir erweitern den Wortschatz rund um Arbeit, "
            "Freizeit und Reisen, wiederholen die wichtigsten Zeiten und trainieren das Hörverstehen mit "
            "authentischen Aufnahmen.",
        ],
        "dur": ("iso", 18), "price": 99, "pstyle": "EUR",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "dt", "price": "string_dot", "schedule": True},
        "runs": [W(d(2027, 2, 3), 12, ("18:00", "19:30"), "mb"),
                 W(d(2027, 9, 6), 12, ("18:30", "20:00"), None, mode="online")],
    },
    {
        "nr": "27-3103", "title": "Business English B1 – Telefon, E-Mail und Meetings", "cat": "sprachen",
        "desc": [
            "Ein Anruf aus Pilsen, eine Reklamation per E-Mail, ein Videocall mit dem Zulieferer: Dieser Kurs "
            "trainiert genau die Situationen, die in Betrieben des Erzgebirges auf Englisch anfallen. Sie "
            "arbeiten mit Vorlagen aus der Praxis und bringen gern eigene Beispiele mit.",
            "Förderung über den Weiterbildungsscheck Sachsen möglich.",
        ],
        "dur": ("iso", 15), "price": 120, "pstyle": "eur2", "funding": F_SCHECK,
        "cert": ("VHS-Zertifikat mit Angabe der Niveaustufe", "provider_certificate"),
        "ld": {"dates": "dt", "price": "number", "wrap": "graph"},
        "runs": [W(d(2027, 3, 1), 10, ("17:00", "18:30"), None, mode="online"),
                 W(d(2027, 9, 13), 10, ("16:30", "18:00"), "st")],
    },
    {
        "nr": "27-3104", "title": "English Conversation Club B2", "cat": "sprachen", "lang": "en",
        "desc": [
            "Der Kurs findet ausschließlich auf Englisch statt – Unterrichtssprache: Englisch. Eine "
            "muttersprachliche Kursleiterin aus Manchester bringt aktuelle Themen, Zeitungsartikel und "
            "Podcasts mit; Sie diskutieren, argumentieren und erweitern Ihren Wortschatz ganz nebenbei.",
            "Geeignet für alle, die sicher kommunizieren und ihr Englisch lebendig halten wollen.",
        ],
        "dur": ("sessions", 12, 90, "Termine"), "price": 96, "pstyle": "EUR",
        "ld": {"dates": "date", "price": "number", "lang": "en"},
        "runs": [W(d(2027, 1, 14), 12, ("19:00", "20:30"), "ab"),
                 W(d(2027, 9, 2), 12, ("19:00", "20:30"), "ab")],
    },
    {
        "nr": "27-3105", "title": "Englisch-Intensivwoche A2/B1 (Bildungswoche)", "cat": "sprachen",
        "desc": [
            "Eine Woche lang nur Englisch: Vormittags arbeiten Sie in kleinen Gruppen an Sprechen, Hören und "
            "Schreiben, nach der Mittagspause folgen Rollenspiele und Projektarbeit. Am Freitag präsentieren "
            "Sie ein kleines Projekt auf Englisch.",
            "In Sachsen gibt es keinen gesetzlichen Anspruch auf Bildungsurlaub; viele Arbeitgeber stellen für "
            "die Bildungswoche dennoch frei. Eine Teilnahmebescheinigung für Ihren Arbeitgeber erhalten Sie "
            "am letzten Tag.",
        ],
        "dur": ("ue", 30, "Unterrichtseinheiten"), "price": 245, "pstyle": "eur2",
        "funding": F_SCHECK, "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "dt", "price": "number"},
        "runs": [B(d(2027, 7, 5), d(2027, 7, 9), ("08:30", "13:30"), "ab"),
                 B(d(2027, 10, 25), d(2027, 10, 29), ("08:30", "13:30"), "au")],
    },
    {
        "nr": "27-3201", "title": "Tschechisch A1 für Einsteiger – die Nachbarsprache lernen", "cat": "sprachen",
        "desc": [
            "Dobrý den! Das Nachbarland liegt nur wenige Kilometer entfernt – ob beim Einkauf in Vejprty, "
            "bei der Arbeit mit Kolleginnen und Kollegen aus Tschechien oder im Urlaub. Der Kurs vermittelt "
            "Aussprache, Grundwortschatz und einfache Alltagsdialoge; Unterrichtssprache ist Deutsch.",
            "12 Termine à 90 Minuten.",
        ],
        "dur": ("sessions", 12, 90, "Termine"), "price": 129, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 1, 18), 12, ("18:00", "19:30"), "ab"),
                 W(d(2027, 2, 24), 12, ("17:30", "19:00"), "mb"),
                 W(d(2027, 9, 9), 12, ("18:00", "19:30"), None, mode="online", price=119)],
    },
    {
        "nr": "27-3202", "title": "Tschechisch B1 – Konverzace pro pokročilé", "cat": "sprachen", "lang": "cs",
        "desc": [
            "Konverzační kurz pro všechny, kdo už česky mluví a chtějí se zlepšit. Unterrichtssprache: "
            "Tschechisch – der Kurs wird von einer Muttersprachlerin aus Chomutov vollständig auf Tschechisch "
            "gehalten. Themen sind Alltag, Arbeit, Kultur und aktuelle Nachrichten aus beiden Ländern.",
        ],
        "dur": ("iso", 15), "price": 110, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number", "lang": "cs", "ascii": True},
        "runs": [W(d(2027, 3, 4), 10, ("18:00", "19:30"), "ab"),
                 W(d(2027, 9, 16), 10, ("18:00", "19:30"), None, mode="online")],
    },
    {
        "nr": "27-3203", "title": "Tschechisch im Kundenkontakt – für Handel, Gastronomie und Tourismus",
        "cat": "sprachen",
        "desc": [
            "Immer mehr Gäste und Kunden kommen aus Tschechien. In diesem Kurs lernen Beschäftigte aus "
            "Einzelhandel, Hotellerie und Gastronomie die wichtigsten Sätze für Begrüßung, Beratung, "
            "Bezahlung und Beschwerden – mit vielen Rollenspielen und einer Wortliste zum Mitnehmen.",
            "Auf Wunsch kommen wir auch als Inhouse-Schulung in Ihren Betrieb. Unterrichtssprache ist Deutsch.",
        ],
        "dur": ("ue", 24, "UE"), "price": 149, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 4, 12), 8, ("16:00", "18:15"), "ow"),
                 A(None, mode="onsite", price=None, pstyle="anfrage", note="Inhouse-Schulung in Ihrem Betrieb")],
    },
    {
        "nr": "27-3301", "title": "Spanisch A1 – Reisen und Alltag", "cat": "sprachen",
        "desc": [
            "¡Hola! Sie lernen, sich auf Spanisch vorzustellen, im Hotel einzuchecken, einzukaufen und über "
            "Ihre Hobbys zu sprechen. Der Kurs ist für Anfängerinnen und Anfänger ohne Vorkenntnisse geeignet "
            "und legt großen Wert aufs Sprechen.",
        ],
        "dur": ("sessions", 10, 90, "Termine"), "price": 89, "pstyle": "eur2",
        "ld": {"dates": "date", "price": "string_dot", "wrap": "graph"},
        "runs": [W(d(2027, 2, 23), 10, ("18:00", "19:30"), "au"),
                 W(d(2027, 9, 15), 10, ("18:00", "19:30"), "st")],
    },
    {
        "nr": "27-3302", "title": "Spanisch A2 – Auffrischung kompakt am Wochenende", "cat": "sprachen",
        "desc": [
            "Sie hatten schon einmal Spanisch, aber vieles ist eingerostet? An zwei Tagen frischen wir "
            "Vergangenheitszeiten und Alltagswortschatz auf und üben vor allem das freie Sprechen. Ideal vor "
            "dem nächsten Urlaub in Spanien oder Lateinamerika.",
        ],
        "dur": ("tageue", 2, 6), "price": 69, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number", "single": True},
        "runs": [WE(d(2027, 5, 22), ("09:30", "14:30"), "ab")],
    },
    {
        "nr": "27-3401", "title": "Deutsch am Arbeitsplatz B1 – Kommunikation im Betrieb", "cat": "sprachen",
        "desc": [
            "Für Beschäftigte mit einer anderen Muttersprache, die im Betrieb sicherer kommunizieren wollen: "
            "Arbeitsanweisungen verstehen, Rückfragen stellen, Telefonate führen und kurze Berichte schreiben. "
            "Die Beispiele stammen aus Produktion, Pflege und Handwerk.",
            "Für Beschäftigte aus Betrieben im Erzgebirgskreis ist der Kurs dank Landesmitteln gebührenfrei.",
        ],
        "dur": ("ue", 60, "Unterrichtseinheiten"), "price": 0, "pstyle": "frei_g",
        "cert": ("Teilnahmebescheinigung mit Lernstandsbericht", "attendance"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [B(d(2027, 3, 1), d(2027, 5, 26), ("16:00", "18:15"), "au", note="montags und mittwochs"),
                 B(d(2027, 9, 6), d(2027, 12, 8), ("16:00", "18:15"), "ab", note="montags und mittwochs")],
    },
    # ----------------------------------------------------------------- 4 Arbeit, Beruf und EDV
    {
        "nr": "27-4101", "title": "Excel Grundlagen – Tabellen, Formeln, Diagramme", "cat": "office",
        "desc": [
            "Vom leeren Tabellenblatt zur fertigen Auswertung: Sie lernen Zellen zu formatieren, mit Formeln "
            "und einfachen Funktionen zu rechnen, Daten zu sortieren und zu filtern und aussagekräftige "
            "Diagramme zu erstellen. Geübt wird an Beispielen aus Büro und Werkstatt.",
            "Voraussetzung sind sichere Grundkenntnisse im Umgang mit Windows.",
        ],
        "dur": ("ue", 16, "UE"), "price": 98, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "dt", "price": "number"},
        "runs": [W(d(2027, 1, 25), 4, ("17:30", "20:30"), "ab"),
                 W(d(2027, 4, 19), 4, ("17:30", "20:30"), "st"),
                 W(d(2027, 10, 4), 4, ("17:30", "20:30"), None, mode="online")],
    },
    {
        "nr": "27-4102", "title": "Excel für Fortgeschrittene – Pivot-Tabellen, SVERWEIS & Co.", "cat": "office",
        "desc": [
            "Sie arbeiten regelmäßig mit Excel und wollen mehr aus Ihren Daten holen? Wir behandeln "
            "Verweisfunktionen, verschachtelte WENN-Formeln, Pivot-Tabellen und bedingte Formatierung und "
            "zeigen, wie sich wiederkehrende Auswertungen automatisieren lassen.",
        ],
        "dur": ("iso", 12), "price": 108, "pstyle": "eur0", "funding": F_SCHECK,
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "number", "amp": True},
        "runs": [W(d(2027, 3, 8), 4, ("17:30", "20:30"), "mb"),
                 W(d(2027, 11, 8), 4, ("17:30", "20:30"), None, mode="online")],
    },
    {
        "nr": "27-4103", "title": "Word: Geschäftsbriefe und Serienbriefe nach DIN 5008", "cat": "office",
        "desc": [
            "Briefe, Angebote und Rechnungen sollen professionell aussehen – und schnell erstellt sein. Sie "
            "richten eine Briefvorlage nach DIN 5008 ein, arbeiten mit Formatvorlagen und verbinden Word mit "
            "einer Adressliste zum Serienbrief.",
        ],
        "dur": ("ue", 12, "UE"), "price": 79, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 5, 3), 3, ("17:30", "20:30"), "au"),
                 W(d(2027, 11, 2), 3, ("17:30", "20:30"), "mb")],
    },
    {
        "nr": "27-4104", "title": "KI im Büro – ChatGPT, Copilot & Co. sinnvoll nutzen", "cat": "digitalisierung",
        "desc": [
            "Künstliche Intelligenz schreibt E-Mails, fasst Protokolle zusammen und entwirft Stellenanzeigen – "
            "aber was davon ist im Büroalltag eines kleinen Betriebs wirklich hilfreich? Sie probieren "
            "verschiedene KI-Werkzeuge aus, lernen gute Prompts zu formulieren und erfahren, was Sie beim "
            "Datenschutz beachten müssen.",
            "Förderung über den Weiterbildungsscheck Sachsen möglich.",
        ],
        "dur": ("iso", 6), "price": 79, "pstyle": "eur0", "funding": F_SCHECK,
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "dt", "price": "number", "wrap": "graph", "amp": True},
        "runs": [D(d(2027, 2, 23), ("09:00", "15:30"), "mb"),
                 B(d(2027, 6, 15), d(2027, 6, 17), ("18:00", "21:00"), None, mode="online", price=69,
                   note="2 Abende: Dienstag und Donnerstag"),
                 B(d(2027, 10, 5), d(2027, 10, 7), ("17:00", "20:00"), "ab", mode="blended",
                   note="Dienstag in Präsenz, Donnerstag online")],
    },
    {
        "nr": "27-4105", "title": "Smartphone für Senioren – Grundkurs Android", "cat": "digitalisierung",
        "desc": [
            "Telefonieren, Fotos verschicken, mit den Enkeln per Videoanruf sprechen: In kleiner Gruppe und "
            "ohne Zeitdruck lernen Sie Ihr Android-Smartphone kennen. Wir richten WhatsApp ein, installieren "
            "nützliche Apps und sprechen über Sicherheit im digitalen Alltag.",
            "Bitte bringen Sie Ihr eigenes, aufgeladenes Gerät mit. Der Kurs ist dank einer Förderung durch "
            "den Erzgebirgskreis gebührenfrei.",
        ],
        "dur": ("sessions", 4, 120, "Termine"), "price": 0, "pstyle": "frei_g",
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 3, 3), 4, ("10:00", "12:00"), "ab"),
                 W(d(2027, 9, 22), 4, ("10:00", "12:00"), "st")],
    },
    {
        "nr": "27-4106", "title": "Online-Banking und digitale Behördengänge sicher nutzen", "cat": "digitalisierung",
        "desc": [
            "Überweisungen per App, die Steuererklärung über ELSTER, der Online-Ausweis für den Bauantrag: "
            "Immer mehr Dienste gibt es nur noch digital. Sie lernen, sichere Passwörter zu verwenden, "
            "Phishing-Mails zu erkennen und die wichtigsten Verwaltungsportale zu nutzen.",
        ],
        "dur": ("ue", 6, "UE"), "price": 25, "pstyle": "dash",
        "ld": {"dates": "dt", "price": "number"},
        "runs": [D(d(2027, 5, 12), ("09:00", "13:30"), "au")],
    },
    {
        "nr": "27-4107", "title": "Python für Einsteiger – Programmieren an praktischen Beispielen", "cat": "it",
        "desc": [
            "Python ist leicht zu lesen und vielseitig einsetzbar – vom kleinen Skript, das Dateien umbenennt, "
            "bis zur Auswertung von Messdaten aus der Fertigung. Sie lernen Variablen, Schleifen, Funktionen "
            "und das Arbeiten mit CSV-Dateien und schreiben bis zum Kursende eigene kleine Programme.",
            "Ein eigener Laptop ist von Vorteil, aber nicht Voraussetzung.",
        ],
        "dur": ("sessions", 10, 90, "Termine"), "price": 135, "pstyle": "eur2",
        "cert": ("Zertifikat", "provider_certificate"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 2, 24), 10, ("18:00", "19:30"), None, mode="online"),
                 W(d(2027, 9, 22), 10, ("18:00", "19:30"), "ab")],
    },
    {
        "nr": "27-4108", "title": "Microsoft Teams und Outlook im Betrieb", "cat": "office",
        "desc": [
            "Besprechungen planen, Kalender teilen, Dateien gemeinsam bearbeiten: Viele Betriebe nutzen "
            "Microsoft 365, aber nur einen Bruchteil der Möglichkeiten. Dieser kompakte Kurs zeigt die "
            "Zusammenarbeit von Teams und Outlook an typischen Beispielen aus dem Büroalltag.",
        ],
        "dur": ("ue", 4, "UE"), "price": 39, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number"},
        "runs": [D(d(2027, 5, 19), ("17:00", "20:00"), None, mode="online"),
                 D(d(2027, 11, 24), ("17:00", "20:00"), None, mode="online")],
    },
    {
        "nr": "27-4201", "title": "Buchführung für Kleinunternehmen und Handwerksbetriebe", "cat": "buchhaltung",
        "desc": [
            "Ob Einzelunternehmen, Handwerksbetrieb oder Nebengewerbe: Sie lernen die Grundlagen der doppelten "
            "Buchführung, buchen laufende Geschäftsvorfälle, führen die Kasse und bereiten die "
            "Umsatzsteuer-Voranmeldung vor. Am Ende stehen Einnahmen-Überschuss-Rechnung und ein Blick auf "
            "den Jahresabschluss.",
            "Der Kurs schließt mit einem schriftlichen Test ab.",
        ],
        "dur": ("ue", 80, "Unterrichtseinheiten"), "price": 390, "pstyle": "prefix",
        "funding": F_BG_SCHECK,
        "cert": ("VHS-Zertifikat nach bestandenem Abschlusstest", "provider_certificate"),
        "ld": {"dates": "dt", "price": "number", "wrap": "two"},
        "runs": [B(d(2027, 2, 1), d(2027, 4, 28), ("17:30", "20:45"), "ab", note="montags und mittwochs"),
                 B(d(2027, 9, 6), d(2027, 12, 1), ("17:30", "20:45"), "mb", note="montags und mittwochs")],
    },
    {
        "nr": "27-4202", "title": "Lohn- und Gehaltsabrechnung – Grundlagen", "cat": "buchhaltung",
        "desc": [
            "Brutto, Netto, Sozialversicherung: Sie lernen, wie eine Lohnabrechnung aufgebaut ist, wie "
            "Zuschläge, Sachbezüge und Minijobs behandelt werden und welche Meldungen an Krankenkassen und "
            "Finanzamt gehören. Alle Beispiele werden von Hand und am PC durchgerechnet.",
        ],
        "dur": ("iso", 24), "price": 290, "pstyle": "eur2", "funding": F_SCHECK,
        "cert": ("Zertifikat", "provider_certificate"),
        "ld": {"dates": "date", "price": "string_dot"},
        "runs": [W(d(2027, 4, 12), 8, ("17:00", "20:00"), "st"),
                 A("st", mode="onsite", note="für Firmengruppen ab 6 Personen")],
    },
    {
        "nr": "27-4203", "title": "E-Rechnung im Kleinbetrieb – XRechnung, ZUGFeRD und was 2027 gilt",
        "cat": "buchhaltung",
        "desc": [
            "Seit 2025 müssen Betriebe E-Rechnungen empfangen können, ab 2027 wird der Versand für viele zur "
            "Pflicht. Der Online-Vortrag erklärt die Formate XRechnung und ZUGFeRD, zeigt kostenlose "
            "Werkzeuge zum Erstellen und Prüfen und beantwortet Ihre Fragen.",
            "Bitte beachten Sie: Eine Förderung mit Bildungsgutschein ist für diesen Kurs nicht möglich.",
        ],
        "dur": ("std", 3, "Std."), "price": 39, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number"},
        "runs": [D(d(2027, 1, 21), ("18:00", "21:00"), None, mode="online"),
                 D(d(2027, 3, 18), ("18:00", "21:00"), None, mode="online")],
    },
    {
        "nr": "27-4204", "title": "Existenzgründung im Nebenerwerb – vom Hobby zum Kleingewerbe", "cat": "fuehrung",
        "desc": [
            "Drechselarbeiten auf dem Weihnachtsmarkt verkaufen, Ferienwohnung vermieten, Fotos für Firmen "
            "machen: Viele starten ihre Selbstständigkeit neben dem Beruf. Der Kurs klärt Gewerbeanmeldung, "
            "Kleinunternehmerregelung, Versicherungen und einfache Kalkulation und hilft beim ersten "
            "Geschäftsplan.",
        ],
        "dur": None, "price": 49, "pstyle": "dash",
        "ld": {"dates": "date", "price": "number"},
        "runs": [D(d(2027, 3, 20), None, "ab"),
                 D(d(2027, 10, 9), None, "au")],
    },
    {
        "nr": "27-4205", "title": "Datenschutz im Verein und Kleinbetrieb – DSGVO praktisch", "cat": "recht_personal",
        "desc": [
            "Mitgliederlisten, Fotos auf der Website, Kundendaten im Handy: Auch kleine Vereine und Betriebe "
            "müssen die DSGVO umsetzen. Sie erfahren, welche Dokumente Sie wirklich brauchen, wie ein "
            "Verarbeitungsverzeichnis aussieht und was bei einer Datenpanne zu tun ist.",
        ],
        "dur": ("iso", 3), "price": 29, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number", "single": True},
        "runs": [D(d(2027, 5, 11), ("18:00", "21:00"), None, mode="online")],
    },
    {
        "nr": "27-4206", "title": "Ausbildereignung (AdA) – Vorbereitung auf die IHK-Prüfung", "cat": "ausbilder",
        "desc": [
            "Wer in seinem Betrieb ausbilden möchte, braucht den Nachweis der berufs- und arbeitspädagogischen "
            "Eignung nach AEVO. Der Lehrgang bereitet in allen vier Handlungsfeldern auf die schriftliche und "
            "praktische Prüfung vor – von der Planung der Ausbildung über die Durchführung bis zum Abschluss.",
            "Zur praktischen Prüfung üben Sie Ihre Unterweisung mehrfach vor der Gruppe. Abschluss: "
            "IHK-Prüfung.",
        ],
        "dur": ("ue", 120, "Unterrichtseinheiten"), "price": 590, "pstyle": "exam", "exam_fee": 230,
        "funding": F_BG_QCG, "cert": ("IHK-Prüfung (Ausbildereignungsprüfung)", "ihk_exam"),
        "ld": {"dates": "dt", "price": "number", "wrap": "two"},
        "runs": [B(d(2027, 2, 23), d(2027, 5, 7), None, "ab", mode="blended",
                   note="freitags 8:00–15:00 Uhr in Präsenz, dienstags 17:30–20:30 Uhr online"),
                 B(d(2027, 9, 10), d(2027, 11, 27), ("08:00", "15:00"), "au", note="freitags und samstags")],
    },
    {
        "nr": "27-4207", "title": "Rhetorik – sicher auftreten und überzeugend sprechen", "cat": "kommunikation",
        "desc": [
            "Ob Teambesprechung, Kundengespräch oder Rede zum Firmenjubiläum: Wer frei und klar spricht, "
            "überzeugt. Mit Videofeedback arbeiten Sie an Stimme, Körpersprache und Aufbau Ihrer Beiträge und "
            "lernen, mit Lampenfieber umzugehen.",
        ],
        "dur": ("tage", 2), "price": 129, "pstyle": "eur2",
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "ld": {"dates": "date", "price": "number"},
        "runs": [B(d(2027, 3, 19), d(2027, 3, 20), None, "mb"),
                 B(d(2027, 10, 1), d(2027, 10, 2), None, "au")],
    },
    {
        "nr": "27-4208", "title": "Souverän am Telefon – Kundengespräche im Handwerksbetrieb", "cat": "kommunikation",
        "desc": [
            "Das Telefon ist oft der erste Kontakt zum Kunden – und klingelt meist im ungünstigsten Moment. "
            "Sie üben freundliche Gesprächseröffnungen, das Aufnehmen von Aufträgen und den Umgang mit "
            "verärgerten Anrufern. Auch als Inhouse-Schulung für Ihr Team buchbar.",
        ],
        "dur": ("ue", 4, "UE"), "price": 45, "pstyle": "eur0",
        "ld": {"dates": "dt", "price": "number"},
        "runs": [D(d(2027, 6, 8), ("17:00", "20:00"), None, mode="online"),
                 A(None, mode="onsite", price=None, pstyle="anfrage", note="Inhouse-Schulung in Ihrem Betrieb")],
    },
    {
        "nr": "27-4209", "title": "Social Media für Vereine und kleine Betriebe", "cat": "marketing_vertrieb",
        "desc": [
            "Instagram, Facebook oder doch lieber der WhatsApp-Kanal? Sie lernen, welche Plattform zu Ihrem "
            "Verein oder Betrieb passt, wie ein einfacher Redaktionsplan aussieht und wie Sie mit dem "
            "Smartphone ansprechende Fotos und kurze Videos erstellen.",
            "3 Termine à 3 Stunden.",
        ],
        "dur": ("sessions", 3, 180, "Termine"), "price": 59, "pstyle": "eur0",
        "ld": {"dates": "date", "price": "number"},
        "runs": [W(d(2027, 4, 20), 3, ("18:00", "21:00"), "st"),
                 W(d(2027, 11, 2), 3, ("18:00", "21:00"), None, mode="online")],
    },
]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def money(amount: float, decimals: bool = True, thousands: bool = True) -> str:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".") if thousands else str(whole)
    return f"{text},{cents:02d}" if decimals else text


def price_text(course: dict, run: dict) -> str:
    style = run.get("pstyle", course["pstyle"])
    amount = run.get("price", course["price"]) if "price" in run else course["price"]
    if style == "anfrage":
        return "Preis auf Anfrage"
    return {
        "eur2": lambda: f"{money(amount)} €",
        "eur2_mat": lambda: f"{money(amount)} € zzgl. ca. 15 € Materialkosten (vor Ort zu zahlen)",
        "eur2_inkl": lambda: f"{money(amount)} € inkl. Material",
        "eur2_erm": lambda: f"{money(amount)} € (ermäßigt {money(course['reduced'])} €)",
        "eur0": lambda: f"{money(amount, False)} €",
        "EUR": lambda: f"{money(amount, False, False)} EUR",
        "dash": lambda: f"{money(amount, False)},- €",
        "prefix": lambda: f"€ {money(amount, False)},-",
        "exam": lambda: f"{money(amount, False)} € zzgl. Prüfungsgebühr {money(course['exam_fee'], False)} €",
        "frei_g": lambda: "gebührenfrei",
        "frei_k": lambda: "kostenfrei",
    }[style]()


def run_price(course: dict, run: dict) -> float | None:
    if run.get("pstyle") == "anfrage":
        return None
    amount = run["price"] if "price" in run else course["price"]
    return None if amount is None else float(amount)


def sessions_of(run: dict) -> list[date]:
    """Session days of a weekly run (holidays skipped)."""
    days, day = [], run["start"]
    assert day not in NO_CLASS, ("weekly run starts on a holiday", run)
    while len(days) < run["n"]:
        if day not in NO_CLASS:
            days.append(day)
        day += timedelta(days=7)
    return days


def run_end(run: dict) -> date | None:
    if run["kind"] == "weekly":
        return sessions_of(run)[-1]
    return run["end"]


def duration(course: dict) -> tuple[str | None, float | None]:
    """HTML wording of the length and the clock hours it means."""
    spec = course.get("dur")
    if spec is None:
        return None, None
    kind = spec[0]
    if kind == "sessions":
        n, minutes, noun = spec[1], spec[2], spec[3]
        if minutes % 60 == 0 and minutes > 60:
            return f"{n} {noun} à {minutes // 60} Stunden", n * minutes / 60
        return f"{n} {noun} à {minutes} Minuten", n * minutes / 60
    if kind == "iso":
        return f"{spec[1]} Zeitstunden", float(spec[1])
    if kind == "ue":
        return f"{spec[1]} {spec[2]}", spec[1] * 0.75
    if kind == "std":
        return f"{spec[1]} {spec[2]}", float(spec[1])
    if kind == "tage":
        return f"{spec[1]} Tage", None
    if kind == "tageue":
        return f"{spec[1]} Tage à {spec[2]} UE", spec[1] * spec[2] * 0.75
    raise ValueError(spec)


def berlin_offset(day: date) -> str:
    """UTC offset of Europe/Berlin on a day of 2027 (summer time 28.03.–30.10.)."""
    return "+02:00" if d(2027, 3, 28) <= day <= d(2027, 10, 30) else "+01:00"


def ld_moment(day: date, hhmm: str | None, style: str, end: bool) -> str:
    if style == "date" or hhmm is None:
        return day.isoformat()
    if style == "mid":
        clock = "23:59:59" if end else "00:00:00"
        return f"{day.isoformat()}T{clock}{berlin_offset(day)}"
    return f"{day.isoformat()}T{hhmm}:00{berlin_offset(day)}"


def ger(day: date, weekday: bool = False) -> str:
    text = day.strftime("%d.%m.%Y")
    return f"{WEEKDAY_ABBR[day.weekday()]}, {text}" if weekday else text


def long_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def schedule_text(run: dict, variant: int) -> str:
    """The page's wording of a run's dates (always with a year)."""
    kind = run["kind"]
    if kind == "anfrage":
        return "Termin auf Anfrage"
    t1, t2 = run["t"] or (None, None)
    start, end = run["start"], run_end(run)
    if kind == "weekly":
        wd = WEEKDAY_PLURAL[start.weekday()]
        n = run["n"]
        if variant % 3 == 0:
            return f"{ger(start)} – {ger(end)}, {wd} {t1}–{t2} Uhr ({n} Termine)"
        if variant % 3 == 1:
            return f"ab {ger(start, True)}, {n}x {wd} {t1}–{t2} Uhr, letzter Termin {ger(end)}"
        return (f"{WEEKDAY_ABBR[start.weekday()]}, {start.strftime('%d.%m.')} bis "
                f"{WEEKDAY_ABBR[end.weekday()]}, {ger(end)}, jeweils {t1} bis {t2} Uhr")
    if kind == "day" and t1 is None:
        return ger(start, True) if variant % 2 == 0 else f"Samstag, {long_date(start)}" \
            if start.weekday() == 5 else ger(start, True)
    if kind == "weekend" and t1 is None:
        return f"Sa./So., {start.strftime('%d.')}/{end.strftime('%d.%m.%Y')}"
    if kind == "day":
        if variant % 2 == 0:
            return f"{ger(start, True)}, {t1}–{t2} Uhr"
        return f"{['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'][start.weekday()]}, {long_date(start)}, {t1} bis {t2} Uhr"
    if kind == "weekend":
        return f"Sa./So., {start.strftime('%d.')}/{end.strftime('%d.%m.%Y')}, jeweils {t1}–{t2} Uhr"
    # block
    extra = f" ({run['note']})" if run.get("note") else ""
    if t1 is None:
        extra = f", {run['note']}" if run.get("note") else ""
        if variant % 2 == 0:
            return f"{start.strftime('%d.%m.')} – {ger(end)}{extra}"
        return f"vom {start.day}. {MONTHS[start.month - 1]} bis {long_date(end)}{extra}"
    if variant % 2 == 0:
        return f"{start.strftime('%d.%m.')} – {ger(end)}, {t1}–{t2} Uhr{extra}"
    if start.month == end.month:
        return f"vom {start.day}. bis {end.day}. {MONTHS[end.month - 1]} {end.year}, jeweils {t1} bis {t2} Uhr{extra}"
    return f"vom {start.day}. {MONTHS[start.month - 1]} bis {long_date(end)}, jeweils {t1} bis {t2} Uhr{extra}"


FORM_LABEL = {"onsite": "Präsenz", "online": "Online (live im virtuellen Kursraum)",
              "blended": "Blended Learning (Präsenz und online)"}
MODE_LD = {"onsite": ["onsite", "Präsenz"], "online": ["online", "Online"], "blended": ["blended"]}


def e(text: str) -> str:
    return html.escape(text, quote=False)


def entity_text(text: str) -> str:
    """How the old CMS writes German text: umlauts and ß as named entities, & as &amp;."""
    text = html.escape(text, quote=False)
    for a, b in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ä", "&Auml;"), ("Ö", "&Ouml;"),
                 ("Ü", "&Uuml;"), ("ß", "&szlig;")):
        text = text.replace(a, b)
    return text


def nbsp_units(text: str) -> str:
    """Non-breaking spaces between numbers and units, as the editors type them."""
    for unit in ("Termine", "Minuten", "UE", "Unterrichtseinheiten", "Stunden", "Std.", "Zeitstunden", "€"):
        text = text.replace(f" {unit}", f"&nbsp;{unit}")
    return text


# ---------------------------------------------------------------------------------------------
# Build the model: courses with rendered runs and expected records
# ---------------------------------------------------------------------------------------------
def course_url(course: dict) -> str:
    return f"/{SITE}/kurs/{course['nr']}.html"


def description(course: dict) -> str:
    paragraphs = list(course["desc"])
    return " ".join(" ".join(paragraphs).split())


def location_of(run: dict) -> dict | None:
    if run["mode"] == "online" or run["v"] is None:
        return None
    v = VENUES[run["v"]]
    return {"name": v["name"], "street": v["street"], "postal_code": v["plz"], "town": v["town"]}


def build() -> list[dict]:
    expected = []
    seen_numbers = set()
    for course in COURSES:
        assert course["nr"] not in seen_numbers
        seen_numbers.add(course["nr"])
        _, hours = duration(course)
        funding = sorted(course["funding"][1]) if course.get("funding") else []
        cert_kind = course["cert"][1] if course.get("cert") else None
        starts = set()
        for i, run in enumerate(course["runs"]):
            run["code"] = f"{course['nr']}{'ABCDEFGH'[i]}"
            if run["kind"] != "anfrage":
                end = run_end(run)
                assert FIRST_DAY <= run["start"] <= end <= LAST_DAY, (course["nr"], run)
                if run["kind"] == "weekend":
                    assert run["start"].weekday() == 5, (course["nr"], run["start"])
                if run["kind"] == "weekly" and course["dur"] and course["dur"][0] == "sessions":
                    assert run["n"] == course["dur"][1], course["nr"]
            assert run["start"] not in starts, ("(url, start) must be unique", course["nr"])
            starts.add(run["start"])
            expected.append({
                "url": course_url(course),
                "course_key": f"vhs-{course['nr']}",
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": description(course),
                "start_date": run["start"].isoformat() if run["start"] else None,
                "end_date": run_end(run).isoformat() if run["start"] else None,
                "rolling_start": False,
                "duration_hours": hours,
                "price_eur": run_price(course, run),
                "format": run["mode"],
                "location": location_of(run),
                "category": course["cat"],
                "funding": funding,
                "certificate": cert_kind,
                "language": course.get("lang", "de"),
            })
    return expected


# ---------------------------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------------------------
def ld_place(run: dict, course: dict) -> dict | None:
    if run["mode"] == "online":
        return {"@type": "VirtualLocation", "name": ONLINE_NAME, "url": f"/{SITE}/info/online-lernen.html"}
    if run["v"] is None:
        return None
    v = VENUES[run["v"]]
    return {"@type": "Place", "name": v["name"],
            "address": {"@type": "PostalAddress", "streetAddress": v["street"], "postalCode": v["plz"],
                        "addressLocality": v["ld_town"], "addressCountry": "DE"}}


def ld_offer(course: dict, run: dict, style: str):
    amount = run_price(course, run)
    if amount is None:
        return {"@type": "Offer", "priceCurrency": "EUR", "description": "Preis auf Anfrage"}
    if style == "offers_list":
        return [{"@type": "Offer", "name": "Entgelt", "price": amount, "priceCurrency": "EUR"},
                {"@type": "Offer", "name": "ermäßigt (Schüler, Studierende, Bürgergeld)",
                 "price": float(course["reduced"]), "priceCurrency": "EUR"}]
    if style == "string_dot":
        value = f"{amount:.2f}"
    elif style == "string_zero":
        value = "0"
    else:
        value = int(amount) if amount == int(amount) else amount
    return {"@type": "Offer", "price": value, "priceCurrency": "EUR", "category": "Kursentgelt"}


def ld_instance(course: dict, run: dict, idx: int) -> dict:
    ld = course["ld"]
    modes = MODE_LD[run["mode"]]
    inst: dict = {"@type": "CourseInstance", "identifier": run["code"], "courseMode": modes[idx % len(modes)]}
    if run["start"] is not None:
        t1, t2 = run["t"] or (None, None)
        inst["startDate"] = ld_moment(run["start"], t1, ld["dates"], False)
        inst["endDate"] = ld_moment(run_end(run), t2, ld["dates"], True)
    spec = course.get("dur")
    if spec and spec[0] == "iso":
        inst["courseWorkload"] = f"PT{spec[1]}H"
    if ld.get("schedule") and run["kind"] == "weekly":
        inst["courseSchedule"] = {"@type": "Schedule", "repeatFrequency": "P1W",
                                  "byDay": WEEKDAY_EN[run["start"].weekday()], "startTime": run["t"][0],
                                  "endTime": run["t"][1], "repeatCount": run["n"]}
    place = ld_place(run, course)
    if place:
        inst["location"] = place
    inst["offers"] = ld_offer(course, run, ld["price"])
    return inst


def amp(text: str, on: bool) -> str:
    """A double-escaping CMS writes & as &amp; inside JSON-LD strings."""
    return text.replace("&", "&amp;") if on else text


def course_ld(course: dict) -> list[dict]:
    """The JSON-LD blocks of one detail page (one <script> each)."""
    ld = course["ld"]
    url = course_url(course)
    context = "http://schema.org" if ld.get("context") == "http" else "https://schema.org"
    node: dict = {
        "@type": "Course",
        "@id": f"{url}#kurs",
        "name": amp(course["title"], ld.get("amp", False)),
        "description": amp(description(course), ld.get("amp", False)),
        "url": url,
        "courseCode": course["nr"],
        "provider": {"@type": "Organization", "name": PROVIDER, "url": f"/{SITE}/index.html"},
        "inLanguage": ld.get("lang", "de"),
    }
    if course.get("cert"):
        node["educationalCredentialAwarded"] = course["cert"][0]
    if course.get("funding"):
        node["financialAidEligible"] = course["funding"][0]
    instances = [ld_instance(course, run, i) for i, run in enumerate(course["runs"])]
    node["hasCourseInstance"] = instances[0] if ld.get("single") and len(instances) == 1 else instances
    fb = FACHBEREICHE[course["nr"][3]]
    crumbs = {"@context": context, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Startseite", "item": f"/{SITE}/index.html"},
        {"@type": "ListItem", "position": 2, "name": "Programm", "item": f"/{SITE}/programm/index.html"},
        {"@type": "ListItem", "position": 3, "name": fb},
        {"@type": "ListItem", "position": 4, "name": course["title"]}]}
    wrap = ld.get("wrap", "plain")
    if wrap == "graph":
        page = {"@type": "WebPage", "@id": f"{url}#seite", "name": course["title"], "url": url,
                "isPartOf": {"@type": "WebSite", "name": "vhs Erzgebirgskreis", "url": f"/{SITE}/index.html"},
                "mainEntity": {"@id": f"{url}#kurs"}}
        return [{"@context": context, "@graph": [page, node]}]
    if wrap == "two":
        return [crumbs, {"@context": context, **node}]
    return [{"@context": context, **node}]


def dump_ld(block: dict, ascii_only: bool) -> str:
    text = json.dumps(block, ensure_ascii=ascii_only, indent=2)
    return text.replace("</", "<\\/")


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------
NAV = [("Startseite", "/vhs/index.html"), ("Programm", "/vhs/programm/index.html"),
       ("Regionalstellen", "/vhs/regionalstellen.html"),
       ("Anmeldebedingungen", "/vhs/info/anmeldebedingungen.html"), ("Impressum", "/vhs/impressum.html")]


def page(title: str, body: str, head_extra: str = "", current: str = "") -> str:
    active = ' class="aktiv"'
    nav = "\n".join(
        f'      <li{active if href == current else ""}><a href="{href}">{label}</a></li>'
        for label, href in NAV)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | vhs Erzgebirgskreis</title>
  <meta name="generator" content="KuferWeb-Kursverwaltung 9.4">
{head_extra}</head>
<body class="vhs">
  <header class="kopf">
    <a class="logo" href="/vhs/index.html">vhs <span>Erzgebirgskreis</span></a>
    <nav class="hauptnavigation" aria-label="Hauptnavigation">
    <ul>
{nav}
    </ul>
    </nav>
  </header>
  <main id="inhalt">
{body}
  </main>
  <footer class="fuss">
    <p>Volkshochschule Erzgebirgskreis &middot; Regionalstellen Annaberg-Buchholz, Aue-Bad Schlema, Marienberg
       und Stollberg &middot; <a href="/vhs/impressum.html">Impressum</a></p>
  </footer>
</body>
</html>
"""


def venue_html(run: dict, style: int) -> str:
    if run["mode"] == "online":
        return f'online &ndash; <a href="/vhs/info/online-lernen.html">vhs.cloud</a> (Zugangsdaten per E-Mail)'
    if run["v"] is None:
        return e(run.get("note") or "nach Vereinbarung")
    v = VENUES[run["v"]]
    if style % 2:
        return f"{entity_text(v['name'])}<br>{entity_text(v['street'])}<br>{v['plz']} {entity_text(v['town_html'])}"
    return f"{e(v['name'])}, {e(v['street'])}, {v['plz']} {e(v['town_html'])}"


def detail_page(course: dict, ordinal: int) -> str:
    ld = course["ld"]
    url = course_url(course)
    fb = FACHBEREICHE[course["nr"][3]]
    use_entities = ordinal % 3 == 1
    txt = entity_text if use_entities else e
    paragraphs = "\n".join(f"        <p>{nbsp_units(txt(p)) if ordinal % 4 == 2 else txt(p)}</p>"
                           for p in course["desc"])
    facts = []
    dur_text, _ = duration(course)
    if dur_text:
        facts.append(("Dauer", "dauer", nbsp_units(txt(dur_text))))
    if course.get("cert"):
        facts.append(("Abschluss", "abschluss", txt(course["cert"][0])))
    if course.get("funding"):
        facts.append(("Förderung", "foerderung", txt(course["funding"][0])))
    lang = course.get("lang", "de")
    facts.append(("Unterrichtssprache", "sprache", {"de": "Deutsch", "en": "Englisch", "cs": "Tschechisch"}[lang]))
    facts_html = "\n".join(f'        <dt>{label}</dt><dd class="{cls}">{value}</dd>' for label, cls, value in facts)
    termine = []
    for i, run in enumerate(course["runs"]):
        sched = schedule_text(run, ordinal + i)
        if run["kind"] == "anfrage" and run.get("note"):
            sched += f" – {run['note']}"
        rows = [f'          <h3 class="termin-nr">Kurs {run["code"]}</h3>',
                f'          <p class="zeit"><span class="label">Termin:</span> {txt(sched)}</p>',
                f'          <p class="ort"><span class="label">Ort:</span> {venue_html(run, ordinal + i)}</p>',
                f'          <p class="form"><span class="label">Form:</span> {txt(FORM_LABEL[run["mode"]])}</p>',
                f'          <p class="entgelt"><span class="label">Entgelt:</span> '
                f'{nbsp_units(txt(price_text(course, run)))}</p>']
        if run["kind"] == "weekly" and i % 2 == 0:
            sess = ", ".join(s.strftime("%d.%m.") for s in sessions_of(run))
            rows.append(f'          <p class="einzeltermine"><span class="label">Einzeltermine:</span> {sess}</p>')
        if run["kind"] == "anfrage":
            rows.append('          <p class="hinweis">Bitte sprechen Sie uns an – wir stimmen Termin und Ort '
                        'mit Ihnen ab.</p>')
        termine.append(f'        <section class="termin" id="termin-{run["code"]}">\n' + "\n".join(rows)
                       + "\n        </section>")
    scripts = "".join(
        f'<script type="application/ld+json">\n{dump_ld(block, ld.get("ascii", False))}\n</script>\n'
        for block in course_ld(course))
    title_html = txt(course["title"])
    body = f"""    <nav class="brotkrumen" aria-label="Sie sind hier">
      <a href="/vhs/index.html">Startseite</a> &raquo; <a href="/vhs/programm/index.html">Programm</a> &raquo;
      <span>{e(fb)}</span>
    </nav>
    <article class="kursdetail">
      <h1 class="kurstitel">{title_html}</h1>
      <p class="kursnummer">Kursnummer: <span>{course["nr"]}</span></p>
      <div class="kursbeschreibung">
{paragraphs}
      </div>
      <dl class="kursdaten">
{facts_html}
      </dl>
      <h2>Termine und Orte</h2>
      <div class="termine">
{chr(10).join(termine)}
      </div>
      <p class="anmeldung"><a class="button" href="/vhs/info/anmeldebedingungen.html">Anmeldebedingungen lesen</a>
         &ndash; Anmeldung telefonisch bei Ihrer Regionalstelle oder per E-Mail.</p>
    </article>
{scripts}"""
    if ordinal % 5 == 3:  # some templates put the JSON-LD into <head>
        return page(e(course["title"]), body.replace(scripts, ""), head_extra=scripts)
    return page(e(course["title"]), body)


def list_entry(course: dict, ordinal: int) -> str:
    runs = course["runs"]
    dated = [r for r in runs if r["start"]]
    first = min(dated, key=lambda r: r["start"])["start"] if dated else None
    places = []
    for r in runs:
        place = "online" if r["mode"] == "online" else (VENUES[r["v"]]["town_html"] if r["v"] else "Inhouse")
        if place not in places:
            places.append(place)
    begin = f"ab {ger(first)}" if first else "Termin auf Anfrage"
    more = f" ({len(runs)} Termine)" if len(runs) > 1 else ""
    teaser = course["desc"][0].split(". ")[0].rstrip(".") + "."
    return f"""      <li class="kurs">
        <h2 class="kurs-titel"><a href="{course_url(course)}">{e(course["title"])}</a></h2>
        <p class="kurs-meta"><span class="kursnummer">{course["nr"]}</span> &middot;
          <span class="beginn">{begin}{more}</span> &middot; <span class="orte">{e(", ".join(places))}</span></p>
        <p class="kurs-teaser">{e(teaser)}</p>
      </li>"""


HINWEISE = {
    0: ("Bitte vor der Anmeldung lesen: Anmelde- und Zahlungsbedingungen", "/vhs/info/anmeldebedingungen.html",
        "Rücktritt, Ermäßigungen und Zahlungsweise auf einen Blick."),
    2: ("So funktioniert Lernen in der vhs.cloud", "/vhs/info/online-lernen.html",
        "Technische Voraussetzungen und Zugang zu unseren Online-Kursen."),
}


def list_pages() -> list[tuple[str, str]]:
    entries = []
    for i, course in enumerate(COURSES):
        entries.append(list_entry(course, i))
    # Notices sit between the courses of page 1 and page 3 (same markup as a course entry).
    for page_no, (title, href, text) in sorted(HINWEISE.items(), reverse=True):
        pos = page_no * PER_PAGE + 4
        entries.insert(pos, f"""      <li class="kurs hinweis">
        <h2 class="kurs-titel"><a href="{href}">{e(title)}</a></h2>
        <p class="kurs-teaser">{e(text)}</p>
      </li>""")
    chunks = [entries[i:i + PER_PAGE] for i in range(0, len(entries), PER_PAGE)]
    names = ["index.html"] + [f"seite-{n}.html" for n in range(2, len(chunks) + 1)]
    pages = []
    tip = next(c for c in COURSES if c["nr"] == "27-4104")
    for n, (name, chunk) in enumerate(zip(names, chunks)):
        links = []
        if n > 0:
            links.append(f'<a rel="prev" class="zurueck" href="/vhs/programm/{names[n - 1]}">&laquo; zurück</a>')
        for m, other in enumerate(names):
            if m == n:
                links.append(f'<span class="aktuell">{m + 1}</span>')
            else:
                links.append(f'<a class="seitenzahl" href="/vhs/programm/{other}">{m + 1}</a>')
        if n < len(names) - 1:
            links.append(f'<a rel="next" class="weiter" href="/vhs/programm/{names[n + 1]}">weiter &raquo;</a>')
        tip_html = ""
        if n == 0:
            tip_html = f"""    <aside class="tipp">
      <p class="tipp-label">Unser Tipp</p>
      <h2 class="kurs-titel"><a href="{course_url(tip)}">{e(tip["title"])}</a></h2>
    </aside>
"""
        body = f"""    <h1>Programm 2027</h1>
    <p class="einleitung">Alle Kurse der Volkshochschule Erzgebirgskreis, sortiert nach Fachbereich und
       Kursnummer. Seite {n + 1} von {len(names)}.</p>
{tip_html}    <ul class="kursliste">
{chr(10).join(chunk)}
    </ul>
    <nav class="seitennavigation" aria-label="Seiten">
      {" ".join(links)}
    </nav>"""
        head = ""
        if n > 0:
            head += f'  <link rel="prev" href="/vhs/programm/{names[n - 1]}">\n'
        if n < len(names) - 1:
            head += f'  <link rel="next" href="/vhs/programm/{names[n + 1]}">\n'
        pages.append((f"programm/{name}", page(f"Programm – Seite {n + 1}", body, head, "/vhs/programm/index.html")))
    return pages


def info_page(slug: str, title: str, paragraphs: list[str]) -> str:
    url = f"/vhs/info/{slug}.html"
    block = {"@context": "https://schema.org", "@type": "WebPage", "name": title, "url": url,
             "inLanguage": "de",
             "publisher": {"@type": "Organization", "name": PROVIDER, "url": "/vhs/index.html"}}
    body = f"""    <nav class="brotkrumen"><a href="/vhs/index.html">Startseite</a> &raquo; <span>{e(title)}</span></nav>
    <article class="inhaltsseite">
      <h1>{e(title)}</h1>
{chr(10).join(f"      <p>{e(p)}</p>" for p in paragraphs)}
      <p><a href="/vhs/programm/index.html">Zum Programm</a></p>
    </article>
<script type="application/ld+json">
{dump_ld(block, False)}
</script>
"""
    return page(e(title), body, current=url)


def static_pages() -> list[tuple[str, str]]:
    org = {"@context": "https://schema.org", "@type": "EducationalOrganization", "name": PROVIDER,
           "url": "/vhs/index.html",
           "department": [{"@type": "Organization", "name": f"Regionalstelle {n}",
                           "address": {"@type": "PostalAddress", "streetAddress": s,
                                       "postalCode": z.split()[0], "addressLocality": z.split(" ", 1)[1]}}
                          for n, s, z, _ in REGIONALSTELLEN]}
    rs = "\n".join(f"""      <section class="regionalstelle">
        <h2>Regionalstelle {e(n)}</h2>
        <p>{e(s)}<br>{e(z)}<br>Telefon {e(t)}</p>
      </section>""" for n, s, z, t in REGIONALSTELLEN)
    home_body = f"""    <h1>Volkshochschule Erzgebirgskreis</h1>
    <p class="einleitung">Lernen, wo Sie leben: Sprachen, Gesundheit, EDV, Beruf und erzgebirgische Volkskunst
       in Annaberg-Buchholz, Aue-Bad Schlema, Marienberg und Stollberg &ndash; und online.</p>
    <p><a class="button" href="/vhs/programm/index.html">Zum Programm 2027</a></p>
    <h2>Fachbereiche</h2>
    <ul class="fachbereiche">
{chr(10).join(f"      <li>{e(v)}</li>" for v in FACHBEREICHE.values())}
    </ul>
    <p>Fragen zur Anmeldung? <a href="/vhs/info/anmeldebedingungen.html">Anmeldebedingungen</a> &middot;
       <a href="/vhs/regionalstellen.html">Regionalstellen</a></p>
<script type="application/ld+json">
{dump_ld(org, False)}
</script>
"""
    rs_body = f"""    <h1>Unsere Regionalstellen</h1>
{rs}
"""
    impressum = """    <h1>Impressum</h1>
    <p>Volkshochschule Erzgebirgskreis, Einrichtung des Erzgebirgskreises (fiktive Demo-Seite).</p>
    <p>Diese Website ist ein Beispiel für das Weiterbildungsportal Erzgebirge und enthält erfundene Angebote.</p>
"""
    return [
        ("index.html", page("Startseite", home_body, current="/vhs/index.html")),
        ("regionalstellen.html", page("Regionalstellen", rs_body, current="/vhs/regionalstellen.html")),
        ("impressum.html", page("Impressum", impressum, current="/vhs/impressum.html")),
        ("info/anmeldebedingungen.html", info_page("anmeldebedingungen", "Anmelde- und Zahlungsbedingungen", [
            "Die Anmeldung ist verbindlich, sobald Sie eine Anmeldebestätigung erhalten haben. Sie können sich "
            "persönlich, telefonisch, per E-Mail oder über unsere Website anmelden.",
            "Ein Rücktritt ist bis sieben Tage vor Kursbeginn kostenfrei möglich. Danach berechnen wir das volle "
            "Entgelt, sofern Sie keine Ersatzperson benennen.",
            "Ermäßigung erhalten Schülerinnen und Schüler, Studierende, Auszubildende sowie Empfänger von "
            "Bürgergeld gegen Nachweis, soweit beim Kurs angegeben.",
            "Das Entgelt wird per Lastschrift zu Kursbeginn eingezogen. Materialkosten zahlen Sie direkt bei "
            "der Kursleitung.",
        ])),
        ("info/online-lernen.html", info_page("online-lernen", "Lernen in der vhs.cloud", [
            "Unsere Online-Kurse finden live im virtuellen Kursraum der vhs.cloud statt. Sie brauchen einen "
            "Computer, ein Tablet oder ein Smartphone mit Kamera, Mikrofon und stabiler Internetverbindung.",
            "Die Zugangsdaten erhalten Sie einige Tage vor Kursbeginn per E-Mail. Vor dem ersten Termin bieten "
            "wir einen kurzen Technik-Check an.",
        ])),
    ]


# ---------------------------------------------------------------------------------------------
# Validation of the written site
# ---------------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.links, self.errors, self.scripts = [], [], [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data


def validate(expected: list[dict]) -> None:
    files = {p for p in OUT.rglob("*") if p.is_file()}
    for path in files:
        assert path.stat().st_size < 200_000, path
        if path.suffix != ".html":
            continue
        checker = _Checker()
        checker.feed(path.read_text(encoding="utf-8"))
        checker.close()
        assert not checker.errors and not checker.stack, (path, checker.errors, checker.stack)
        for link in checker.links:
            assert link.startswith(f"/{SITE}/"), (path, link)
            target = OUT.parent / link.split("#")[0].lstrip("/")
            assert target.is_file(), (path, link)
        for script in checker.scripts:
            json.loads(script)
    keys = [(r["url"], r["start_date"] or "") for r in expected]
    assert len(keys) == len(set(keys)), "duplicate (url, start_date)"
    for r in expected:
        assert (OUT.parent / r["url"].lstrip("/")).is_file(), r["url"]


def main() -> None:
    expected = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    outputs = static_pages() + list_pages()
    for i, course in enumerate(COURSES):
        outputs.append((f"kurs/{course['nr']}.html", detail_page(course, i)))
    for rel, text in outputs:
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    validate(expected)
    print(f"{SITE}: {len(COURSES)} courses, {len(expected)} offers, "
          f"{sum(1 for rel, _ in outputs if rel.startswith('programm/'))} list pages -> {OUT}")


if __name__ == "__main__":
    main()
