#!/usr/bin/env python3
"""Generator of the demo site `sta` (Sicherheits- und Technikakademie Erzgebirge GmbH).

The site imitates a WordPress events plugin with a JSON REST API:

    /sta/api/events/page-1.json, page-2.json, ...   15 events (runs) per page
    /sta/veranstaltung/<slug>-<id>.html              a small human detail page per event
    /sta/index.html                                  the provider's start page

Every event is one bookable run. The course data below is plain Python (dates, numbers, ids);
the renderer spells it the way a WordPress site does (HTML entities in titles, escaped slashes
in JSON, cost strings in many spellings) and `expected.jsonl` is written from the same source
data, never by parsing the rendered files.

Run: python demo/generators/sta.py   (standard library only, deterministic)
"""
from __future__ import annotations

import html
import json
import random
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

SITE = "sta"
PROVIDER = "Sicherheits- und Technikakademie Erzgebirge GmbH"
OUT = Path(__file__).resolve().parent.parent / "sites" / SITE
PER_PAGE = 15
FIRST_DAY, LAST_DAY = date(2027, 1, 10), date(2027, 12, 15)
RNG = random.Random(20270415)

# ---------------------------------------------------------------------------------------------
# Venues. `city` is written as the provider's staff typed it; `town` is the canonical name.
# ---------------------------------------------------------------------------------------------
VENUES = {
    "zw": {"venue": "STA Ausbildungszentrum Zwönitz", "address": "Ziegelstraße 28", "zip": "08297",
           "city": "Zwönitz", "town": "Zwönitz"},
    "st": {"venue": "STA Schulungsstätte Stollberg", "address": "Hohensteiner Straße 61", "zip": "09366",
           "city": "Stollberg", "town": "Stollberg/Erzgeb."},
    "au": {"venue": "Seminarzentrum im Gewerbepark Aue", "address": "Lößnitzer Str. 44", "zip": "08280",
           "city": "Aue", "town": "Aue-Bad Schlema"},
    "th": {"venue": "STA Schweißwerkstatt Thalheim", "address": "Stollberger Straße 15", "zip": "09380",
           "city": "Thalheim/Erzgeb.", "town": "Thalheim/Erzgeb."},
    "sb": {"venue": "Hotel Am Hammerwerk, Tagungsraum „Bergschmiede“", "address": "Erlaer Straße 2",
           "zip": "08340", "city": "Schwarzenberg/Erzgeb.", "town": "Schwarzenberg/Erzgeb."},
}
VENUE_IDS = {"zw": 311, "st": 312, "au": 315, "th": 318, "sb": 342}

# Funding sentences (the provider's own words); each names exactly the listed programmes.
FUNDING_TEXT = {
    ("bildungsgutschein",): "AZAV-zertifiziert – förderfähig mit Bildungsgutschein der Agentur für Arbeit "
                            "oder des Jobcenters.",
    ("bildungsgutschein", "qcg"): "Der Lehrgang ist nach AZAV zugelassen: Arbeitsuchende können ihn mit "
                                  "Bildungsgutschein besuchen, für Beschäftigte ist eine Förderung nach dem "
                                  "Qualifizierungschancengesetz möglich.",
    ("weiterbildungsscheck",): "Förderung über den Weiterbildungsscheck Sachsen möglich.",
    ("bildungsgutschein", "weiterbildungsscheck"): "AZAV-zertifiziert – förderfähig mit Bildungsgutschein. "
                                                   "Beschäftigte sächsischer Betriebe können alternativ den "
                                                   "Weiterbildungsscheck Sachsen nutzen.",
}
FUNDING_TAGS = {
    "bildungsgutschein": ["AZAV", "Bildungsgutschein"],
    "qcg": ["Qualifizierungschancengesetz"],
    "weiterbildungsscheck": ["Weiterbildungsscheck Sachsen"],
}


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def run(start: date, t_from: str, end: date | None, t_to: str, venue: str | None, fmt: str = "onsite",
        **extra) -> dict:
    """One event. `fmt` is onsite/online/blended; extra: price, style, fee, all_day, fmt_label."""
    return {"start": start, "end": end or start, "t_from": t_from, "t_to": t_to, "venue": venue,
            "fmt": fmt, **extra}


# ---------------------------------------------------------------------------------------------
# Courses: title (plain text), wp category, our category id, text paragraphs, optional bullet
# list, duration spec, certificate (text, kind), price (amount, cost style), funding and runs.
# ---------------------------------------------------------------------------------------------
COURSES = [
    {
        "key": "sta-stapler-grund",
        "title": "Gabelstaplerfahrer-Ausbildung nach DGUV Grundsatz 308-001",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "In drei Tagen lernen Ihre Mitarbeiter, Frontstapler sicher und vorausschauend zu bedienen – "
            "vom Aufnehmen der Last bis zum Stapeln im Hochregal. Theorie und Fahrpraxis wechseln sich ab, "
            "geübt wird auf Elektro- und Dieselstaplern auf unserem Übungsgelände.",
            "Am Ende stehen eine theoretische und eine praktische Prüfung; wer beide besteht, erhält den "
            "Fahrausweis. Bitte bringen Sie Sicherheitsschuhe und den Personalausweis mit.",
        ],
        "bullets": ["Rechtliche Grundlagen und Pflichten des Fahrers", "Standsicherheit und Tragfähigkeitsdiagramm",
                    "Abfahrtskontrolle und Wartung", "Fahrübungen mit und ohne Last"],
        "duration": ("UE", 24),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 308-001 (Fahrausweis)", "dguv"),
        "price": (349, "eur2"), "funding": ["bildungsgutschein"], "funding_in": "both",
        "runs": [
            run(d(2027, 1, 18), "07:30", d(2027, 1, 20), "14:45", "zw"),
            run(d(2027, 3, 8), "07:30", d(2027, 3, 10), "14:45", "st"),
            run(d(2027, 5, 25), "07:30", d(2027, 5, 27), "14:45", "zw"),
            run(d(2027, 9, 13), "07:30", d(2027, 9, 15), "14:45", "st", fmt_label=None),
        ],
    },
    {
        "key": "sta-stapler-unterweisung",
        "title": "Jährliche Unterweisung für Staplerfahrer",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Staplerfahrer müssen mindestens einmal im Jahr unterwiesen werden. Unsere kompakte Auffrischung "
            "frischt Verkehrsregeln im Betrieb, typische Unfallursachen und die Abfahrtskontrolle auf und "
            "geht auf Fragen aus Ihrem Arbeitsalltag ein.",
        ],
        "duration": ("UE", 4),
        "cert": ("Teilnahmebescheinigung (Nachweis der jährlichen Unterweisung)", "attendance"),
        "price": (89, "eur0"),
        "runs": [
            run(d(2027, 2, 26), "08:00", None, "11:15", "zw"),
            run(d(2027, 10, 29), "08:00", None, "11:15", "st"),
        ],
    },
    {
        "key": "sta-stapler-cz",
        "title": "Gabelstaplerfahrer-Ausbildung für tschechischsprachige Beschäftigte",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Viele Betriebe im Erzgebirge beschäftigen Kolleginnen und Kollegen aus Tschechien. Diese "
            "Ausbildung vermittelt dieselben Inhalte wie unser Grundlehrgang, Unterrichtssprache: Tschechisch. "
            "Die Prüfungsunterlagen liegen zweisprachig vor.",
            "Kurz probíhá v češtině, závěrečná zkouška je teoretická i praktická.",
        ],
        "duration": ("UE", 24),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 308-001", "dguv"),
        "price": (349, "eur0"), "language": "cs",
        "runs": [run(d(2027, 4, 19), "07:30", d(2027, 4, 21), "14:45", "zw")],
    },
    {
        "key": "sta-mitgaenger",
        "title": "Mitgänger-Flurförderzeuge und „Ameise“ sicher bedienen",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Elektrische Hubwagen und Mitgänger-Stapler werden oft unterschätzt: Quetschungen an Füßen und "
            "Händen gehören zu den häufigsten Lagerunfällen. Im Kurs üben die Teilnehmer Rangieren auf engem "
            "Raum, Be- und Entladen von Lkw über die Ladebrücke und das richtige Abstellen.",
        ],
        "duration": ("UE", 8),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 308-001", "dguv"),
        "price": (145, "dash"),
        "runs": [run(d(2027, 6, 14), "08:00", None, "15:00", "zw")],
    },
    {
        "key": "sta-brueckenkran",
        "title": "Kranführer – Brückenkran und Portalkran (flurbedient)",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Für Beschäftigte in Metallbau, Gießerei und Lager, die flurbediente Brücken- und Portalkrane "
            "mit Hängetaster oder Funkfernsteuerung führen. Neben Anschlagmitteln und Lastaufnahme geht es um "
            "Handzeichen, Pendeln der Last und die tägliche Prüfung vor Arbeitsbeginn.",
            "Die praktische Ausbildung findet an unserem 5-t-Brückenkran in Stollberg statt.",
        ],
        "duration": ("UE", 16),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 309-003 (Kranführerschein)", "dguv"),
        "price": (260, "ab"),
        "runs": [
            run(d(2027, 3, 22), "07:30", d(2027, 3, 23), "14:30", "st"),
            run(d(2027, 10, 25), "07:30", d(2027, 10, 26), "14:30", "st"),
        ],
    },
    {
        "key": "sta-ladekran",
        "title": "Ladekranführer (Lkw-Ladekran) nach DGUV Grundsatz 309-003",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Fahrer von Baustoffhandel, Garten- und Landschaftsbau und Forst bedienen täglich den Ladekran am "
            "eigenen Fahrzeug. Wir trainieren Aufstellen und Abstützen auf unterschiedlichem Untergrund, das "
            "Lesen der Lastkurve und das Arbeiten in der Nähe von Freileitungen.",
            "Eigene Fahrzeuge können nach Absprache mitgebracht werden.",
        ],
        "duration": ("TageUE", 3, 8),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 309-003", "dguv"),
        "price": (690, "mwst"), "funding": ["weiterbildungsscheck"], "funding_in": "text",
        "runs": [
            run(d(2027, 4, 12), "07:30", d(2027, 4, 14), "14:30", "zw"),
            run(d(2027, 9, 20), "07:30", d(2027, 9, 22), "14:30", "zw"),
        ],
    },
    {
        "key": "sta-hubarbeitsbuehne",
        "title": "Bediener von Hubarbeitsbühnen (PEMP) nach DGUV Grundsatz 308-008",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Ob Scheren-, Gelenkteleskop- oder Lkw-Arbeitsbühne: Wer in der Höhe arbeitet, muss die Maschine "
            "und ihre Notablässe sicher beherrschen. Der eintägige Lehrgang verbindet Theorie mit Übungen an "
            "zwei Bühnentypen, inklusive Anlegen der Auffanggurte.",
        ],
        "duration": ("Tage", 1),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 308-008", "dguv"),
        "price": (199, "EUR"),
        "runs": [
            run(d(2027, 2, 3), "07:30", None, "15:30", "zw"),
            run(d(2027, 6, 23), "00:00", None, "23:59", "st", all_day=True),
        ],
    },
    {
        "key": "sta-erdbau",
        "title": "Baumaschinenführer Erdbau: Bagger und Radlader",
        "wpcat": ("Baumaschinen", "baumaschinen"), "category": "bau_handwerk",
        "text": [
            "Der Wochenlehrgang richtet sich an Beschäftigte aus Tief-, Straßen- und Landschaftsbau sowie an "
            "Quereinsteiger. Auf unserem Übungsgelände in Zwönitz fahren die Teilnehmer Mobil- und Kettenbagger "
            "sowie Radlader, heben Gräben aus und verladen Schüttgut.",
            "Weitere Themen sind Leitungsauskunft, Böschungswinkel und der sichere Transport der Maschine auf "
            "dem Tieflader.",
        ],
        "duration": ("Tage", 5),
        "cert": ("Befähigungsnachweis für Erdbaumaschinenführer (DGUV Vorschrift 38)", "dguv"),
        "price": (1190, "eur2"), "funding": ["bildungsgutschein", "qcg"], "funding_in": "text",
        "runs": [run(d(2027, 8, 23), "07:00", d(2027, 8, 27), "15:30", "zw")],
    },
    {
        "key": "sta-eup",
        "title": "Elektrotechnisch unterwiesene Person (EuP)",
        "wpcat": ("Elektrosicherheit", "elektrosicherheit"), "category": "elektro",
        "text": [
            "Mitarbeiter ohne elektrotechnische Ausbildung dürfen einfache Tätigkeiten an elektrischen Anlagen "
            "nur nach Unterweisung ausführen. Das Seminar erklärt die Gefahren des elektrischen Stroms, die fünf "
            "Sicherheitsregeln und die Grenzen dessen, was eine EuP tun darf.",
            "Praktische Übungen am Schaltschrankmodell runden den Tag ab.",
        ],
        "duration": ("UE", 8),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (240, "eur2"),
        "runs": [
            run(d(2027, 1, 27), "08:00", None, "15:00", "au"),
            run(d(2027, 7, 7), "08:00", None, "15:00", "st"),
        ],
    },
    {
        "key": "sta-efkfft",
        "title": "Elektrofachkraft für festgelegte Tätigkeiten (EFKffT)",
        "wpcat": ("Elektrosicherheit", "elektrosicherheit"), "category": "elektro",
        "text": [
            "Instandhalter, Haustechniker und Mechatroniker ohne Elektro-Abschluss werden in zwei Wochen "
            "befähigt, festgelegte, gleichartige Tätigkeiten selbstständig auszuführen – zum Beispiel das "
            "Tauschen von Motoren, Sensoren oder Leuchten.",
            "Die Festlegung der Tätigkeiten erfolgt gemeinsam mit Ihrem Betrieb. Den Abschluss bildet eine "
            "Prüfung vor der Handwerkskammer Chemnitz.",
        ],
        "bullets": ["Grundlagen der Elektrotechnik", "Schutzmaßnahmen nach DIN VDE 0100-410",
                    "Messen und Prüfen", "Dokumentation und Verantwortung"],
        "duration": ("UE", 80),
        "cert": ("Prüfung vor der Handwerkskammer", "hwk_exam"),
        "price": (1650, "eur2"), "funding": ["bildungsgutschein", "weiterbildungsscheck"], "funding_in": "text",
        "runs": [run(d(2027, 5, 31), "07:30", d(2027, 6, 11), "15:00", "st")],
    },
    {
        "key": "sta-dguv-v3",
        "title": "Prüfung ortsveränderlicher elektrischer Geräte nach DGUV Vorschrift 3",
        "wpcat": ("Elektrosicherheit", "elektrosicherheit"), "category": "elektro",
        "text": [
            "Bohrmaschinen, Verlängerungskabel, Kaffeemaschinen: Ortsveränderliche Geräte müssen regelmäßig "
            "geprüft werden. Sie lernen die Sichtprüfung, die Messung von Schutzleiter- und Isolationswiderstand "
            "und den Umgang mit gängigen Prüfgeräten.",
            "Voraussetzung ist eine elektrotechnische Berufsausbildung.",
        ],
        "duration": ("UE", 16),
        "cert": ("Zertifikat „Befähigte Person für die Prüfung ortsveränderlicher Geräte“", "provider_certificate"),
        "price": (520, "eur0"),
        "runs": [
            run(d(2027, 3, 3), "08:00", d(2027, 3, 4), "15:00", "au"),
            run(d(2027, 11, 9), "08:00", d(2027, 11, 10), "15:00", "au"),
        ],
    },
    {
        "key": "sta-normen-update",
        "title": "Normen-Update für Elektrofachkräfte 2027",
        "wpcat": ("Elektrosicherheit", "elektrosicherheit"), "category": "elektro",
        "text": [
            "Was hat sich in der VDE 0100 und VDE 0105-100 geändert, und was bedeutet das für die tägliche "
            "Arbeit? Der Nachmittag fasst die wichtigsten Neuerungen zusammen und lässt Raum für Fragen.",
        ],
        "duration": ("Std", 4),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (149, "eur0"),
        "runs": [
            run(d(2027, 2, 17), "13:00", None, "17:00", None, "online"),
            run(d(2027, 9, 29), "13:00", None, "17:00", "st"),
        ],
    },
    {
        "key": "sta-mag",
        "title": "MAG-Schweißen Grundlehrgang (Verfahren 135)",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Metallaktivgasschweißen ist das wichtigste Verfahren im Stahl- und Metallbau der Region. Im "
            "zweiwöchigen Grundlehrgang schweißen die Teilnehmer Kehl- und Stumpfnähte an Blech und Rohr in "
            "verschiedenen Positionen, jeder an einem eigenen Schweißplatz.",
            "Der Lehrgang bereitet gezielt auf die Schweißerprüfung vor, die am letzten Tag in unserer "
            "Werkstatt abgenommen wird.",
        ],
        "duration": ("UE", 80),
        "cert": ("Schweißerprüfung nach DIN EN ISO 9606-1 – Prüfungsbescheinigung", "provider_certificate"),
        "price": (1480, "eur2"), "funding": ["bildungsgutschein", "qcg"], "funding_in": "tags",
        "runs": [
            run(d(2027, 1, 25), "07:00", d(2027, 2, 5), "14:30", "th"),
            run(d(2027, 8, 30), "07:00", d(2027, 9, 10), "14:30", "th"),
            run(d(2027, 11, 15), "07:00", d(2027, 11, 26), "14:30", "th"),
        ],
    },
    {
        "key": "sta-wig",
        "title": "WIG-Schweißen an Edelstahl und Aluminium",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Für Schweißer mit Grundkenntnissen, die in Behälter-, Anlagen- oder Fahrzeugbau dünnwandige "
            "Edelstahl- und Aluminiumbauteile verbinden. Schwerpunkte sind die Wahl des Schutzgases, die "
            "Wurzelschutzbegasung und das Vermeiden von Anlauffarben.",
            "Auf Wunsch kann im Anschluss eine Schweißerprüfung abgelegt werden (gesonderte Gebühr).",
        ],
        "duration": ("UE", 60),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (1290, "ab"), "funding": ["weiterbildungsscheck"], "funding_in": "text",
        "runs": [
            run(d(2027, 3, 15), "07:00", d(2027, 3, 22), "14:30", "th"),
            run(d(2027, 10, 11), "07:00", d(2027, 10, 18), "14:30", "th"),
        ],
    },
    {
        "key": "sta-ehand",
        "title": "E-Hand-Schweißen (Lichtbogenhandschweißen) für Einsteiger",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Der Einstieg ins Schweißen für Schlosser, Landwirte und Hausmeister: Elektrodenwahl, Zünden und "
            "Führen des Lichtbogens, Schweißen von Kehlnähten in Wannenlage und steigend.",
            "Kleine Gruppen mit höchstens acht Teilnehmern sorgen für viel Zeit am Schweißplatz.",
        ],
        "duration": ("UE", 40),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (790, "eur0"), "funding": ["bildungsgutschein"], "funding_in": "text",
        "runs": [run(d(2027, 6, 21), "07:00", d(2027, 6, 25), "14:30", "th")],
    },
    {
        "key": "sta-schweisserpruefung",
        "title": "Schweißerprüfung – Verlängerung und Wiederholungsprüfung",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Ihre Schweißerprüfungsbescheinigung läuft ab? An diesem Prüfungstag schweißen Sie nach kurzer "
            "Einweisung die Prüfstücke; die Bewertung übernimmt ein externer Prüfer.",
            "Bitte geben Sie bei der Anmeldung Verfahren, Werkstoff und Position Ihrer bisherigen Prüfung an.",
        ],
        "duration": ("Std", 8),
        "cert": ("Schweißerprüfungsbescheinigung nach DIN EN ISO 9606-1", "provider_certificate"),
        "price": (310, "ab"),
        "runs": [
            run(d(2027, 4, 9), "07:00", None, "15:00", "th"),
            run(d(2027, 11, 19), "07:00", None, "15:00", "th"),
        ],
    },
    {
        "key": "sta-schweissaufsicht",
        "title": "Schweißaufsichtsperson mit Basiskenntnissen nach DIN EN ISO 14731",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Betriebe, die nach DIN EN 1090 fertigen, brauchen eine Schweißaufsicht. Dieser Lehrgang "
            "qualifiziert erfahrene Schweißer und Meister für die Basisstufe.",
            "Die Theorie (Werkstoffe, Normen, Qualitätssicherung) läuft an vier Vormittagen live online, "
            "anschließend folgt eine Präsenzwoche in Thalheim mit Übungen zur Schweißanweisung (WPS) und "
            "zur Nahtprüfung.",
        ],
        "duration": ("UE", 40),
        "cert": ("Zertifikat Schweißaufsicht (Basiskenntnisse)", "provider_certificate"),
        "price": (1150, "eur2"), "funding": ["weiterbildungsscheck"], "funding_in": "text",
        "runs": [run(d(2027, 9, 6), "08:00", d(2027, 9, 24), "15:00", "th", "blended")],
    },
    {
        "key": "sta-autogen",
        "title": "Gasschmelzschweißen und Brennschneiden – Kompaktkurs",
        "wpcat": ("Schweißtechnik", "schweisstechnik"), "category": "schweissen",
        "text": [
            "Autogentechnik ist in Instandhaltung, Heizungsbau und Landwirtschaft nach wie vor gefragt. "
            "Sie üben Schweißen von Rohrverbindungen, Hartlöten und Brennschneiden bis 30 mm Blechstärke "
            "sowie den sicheren Umgang mit Gasflaschen.",
        ],
        "duration": ("UE", 24),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (None, "anfrage"),
        "runs": [run(d(2027, 7, 12), "07:00", d(2027, 7, 14), "14:30", "th")],
    },
    {
        "key": "sta-sifa",
        "title": "Ausbildung zur Fachkraft für Arbeitssicherheit (Sifa)",
        "wpcat": ("Arbeitsschutz", "arbeitsschutz"), "category": "arbeitssicherheit",
        "text": [
            "Meister, Techniker und Ingenieure werden zur Fachkraft für Arbeitssicherheit ausgebildet, die "
            "Unternehmen nach dem Arbeitssicherheitsgesetz bestellen müssen.",
            "Präsenzmodule in Stollberg wechseln sich mit Live-Online-Terminen ab; dazwischen bearbeiten die "
            "Teilnehmer ein Praxisprojekt im eigenen Betrieb. Den Abschluss bildet ein Kolloquium.",
        ],
        "duration": ("UE", 120),
        "cert": ("Zertifikat nach erfolgreicher Abschlussprüfung", "provider_certificate"),
        "price": (3490, "eur2"), "funding": ["bildungsgutschein", "qcg"], "funding_in": "both",
        "runs": [run(d(2027, 3, 1), "08:00", d(2027, 6, 25), "15:00", "st", "blended",
                     fmt_label="Blended Learning (Präsenz + Online)")],
    },
    {
        "key": "sta-sibe",
        "title": "Sicherheitsbeauftragte im Betrieb – Grundseminar",
        "wpcat": ("Arbeitsschutz", "arbeitsschutz"), "category": "arbeitssicherheit",
        "text": [
            "Sicherheitsbeauftragte unterstützen den Unternehmer als Kollegen unter Kollegen. Im Seminar "
            "klären wir Rolle und Rechte, üben Betriebsbegehungen mit Checkliste und besprechen, wie man "
            "Kollegen auf unsicheres Verhalten anspricht, ohne zu belehren.",
        ],
        "duration": ("UE", 16),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (320, "plain"),
        "runs": [
            run(d(2027, 2, 10), "08:30", d(2027, 2, 11), "15:30", "au"),
            run(d(2027, 6, 2), "08:30", d(2027, 6, 3), "15:30", "zw"),
            run(d(2027, 10, 6), "08:30", d(2027, 10, 7), "15:30", "zw"),
        ],
    },
    {
        "key": "sta-gbu",
        "title": "Gefährdungsbeurteilung praxisnah erstellen",
        "wpcat": ("Arbeitsschutz", "arbeitsschutz"), "category": "arbeitssicherheit",
        "text": [
            "Die Gefährdungsbeurteilung ist Pflicht – und in vielen Kleinbetrieben eine Baustelle. Im "
            "Live-Online-Seminar erarbeiten Sie Schritt für Schritt eine Gefährdungsbeurteilung für einen "
            "typischen Arbeitsplatz und erhalten Vorlagen, die Sie sofort nutzen können.",
        ],
        "duration": ("UE", 8),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (225, "eur2"), "funding": ["weiterbildungsscheck"], "funding_in": "tags",
        "runs": [
            run(d(2027, 3, 17), "08:30", None, "15:00", None, "online"),
            run(d(2027, 11, 24), "08:30", None, "15:00", None, "online", fmt_label="Live-Online"),
        ],
    },
    {
        "key": "sta-psyche",
        "title": "Psychische Belastungen in der Gefährdungsbeurteilung – Webinar",
        "wpcat": ("Arbeitsschutz", "arbeitsschutz"), "category": "arbeitssicherheit",
        "text": [
            "Termindruck, Schichtarbeit, ständige Erreichbarkeit: Seit 2013 gehören psychische Belastungen "
            "ausdrücklich in die Gefährdungsbeurteilung. Das kostenfreie Webinar zeigt, wie kleine Betriebe "
            "das mit vertretbarem Aufwand angehen.",
            "Die Zugangsdaten erhalten Sie nach der Anmeldung per E-Mail.",
        ],
        "duration": ("Std", 4, "Zeitstunden"),
        "cert": ("", None),
        "price": (0, "free"),
        "runs": [run(d(2027, 5, 12), "09:00", None, "13:00", None, "online", fmt_label="Online")],
    },
    {
        "key": "sta-psa-absturz",
        "title": "PSA gegen Absturz – Anwenderschulung",
        "wpcat": ("Arbeitsschutz", "arbeitsschutz"), "category": "arbeitssicherheit",
        "text": [
            "Für Dachdecker, Monteure und Instandhalter, die mit Auffanggurt und Verbindungsmittel arbeiten. "
            "Nach der Theorie zu Anschlagpunkten, Fallhöhe und Hängetrauma üben die Teilnehmer am Übungsgerüst "
            "das Anlegen, Einhängen und die Rettung einer hängenden Person.",
            "Eigene Ausrüstung kann mitgebracht und geprüft werden.",
        ],
        "duration": ("UE", 8),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (210, "eur2"),
        "runs": [
            run(d(2027, 4, 28), "08:00", None, "15:00", "zw"),
            run(d(2027, 8, 18), "08:00", None, "15:00", "zw"),
        ],
    },
    {
        "key": "sta-ersthelfer",
        "title": "Erste-Hilfe-Ausbildung für betriebliche Ersthelfer",
        "wpcat": ("Erste Hilfe", "erste-hilfe"), "category": "erste_hilfe",
        "text": [
            "Die Grundausbildung für betriebliche Ersthelfer nach DGUV Vorschrift 1. Im Mittelpunkt stehen "
            "praktische Übungen: Wiederbelebung mit Defibrillator, stabile Seitenlage, Versorgen von Wunden "
            "und Verbrennungen.",
            "Mitgliedsbetriebe der Berufsgenossenschaften zahlen nichts: Die Lehrgangsgebühr rechnen wir "
            "direkt mit der BG ab. Bitte bringen Sie das Abrechnungsformular Ihres Unfallversicherungsträgers mit.",
        ],
        "duration": ("UE", 9),
        "cert": ("Teilnahmebescheinigung (von allen Berufsgenossenschaften anerkannt)", "attendance"),
        "price": (0, "free_bg"),
        "runs": [
            run(d(2027, 1, 14), "08:00", None, "16:00", "zw"),
            run(d(2027, 4, 12), "00:00", None, "23:59", "au", all_day=True),
            run(d(2027, 7, 5), "08:00", None, "16:00", "sb"),
            run(d(2027, 11, 3), "08:00", None, "16:00", "st"),
        ],
    },
    {
        "key": "sta-eh-fortbildung",
        "title": "Erste-Hilfe-Fortbildung für Ersthelfer (Training)",
        "wpcat": ("Erste Hilfe", "erste-hilfe"), "category": "erste_hilfe",
        "text": [
            "Ersthelfer müssen ihr Wissen alle zwei Jahre auffrischen. Das Training wiederholt die "
            "lebensrettenden Maßnahmen und greift typische Notfälle aus Werkstatt und Büro auf, etwa "
            "Schnittverletzungen, Stromunfälle oder einen Herzinfarkt am Arbeitsplatz.",
        ],
        "duration": ("UE", 9),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (0, "free_bg"),
        "runs": [
            run(d(2027, 2, 24), "08:00", None, "16:00", "zw"),
            run(d(2027, 6, 9), "08:00", None, "16:00", "au"),
            run(d(2027, 12, 1), "08:00", None, "16:00", "zw"),
        ],
    },
    {
        "key": "sta-betriebssanitaeter",
        "title": "Betriebssanitäter – Grundlehrgang",
        "wpcat": ("Erste Hilfe", "erste-hilfe"), "category": "erste_hilfe",
        "text": [
            "Größere Betriebe und Baustellen brauchen Betriebssanitäter. Der Grundlehrgang nach DGUV Grundsatz "
            "304-001 baut auf der Ersthelfer-Ausbildung auf und vertieft Notfallmedizin, Rettungstechnik und "
            "die Zusammenarbeit mit dem Rettungsdienst.",
            "Voraussetzung ist eine Erste-Hilfe-Ausbildung, die nicht älter als zwei Jahre ist.",
        ],
        "duration": ("UE", 63),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (None, "empty"),
        "runs": [run(d(2027, 5, 3), "08:00", d(2027, 5, 12), "16:00", "st")],
    },
    {
        "key": "sta-brandschutzhelfer",
        "title": "Brandschutzhelfer & Evakuierungshelfer",
        "wpcat": ("Brandschutz", "brandschutz"), "category": "arbeitssicherheit",
        "text": [
            "Nach ASR A2.2 müssen in der Regel fünf Prozent der Beschäftigten als Brandschutzhelfer ausgebildet "
            "sein. Der Kurs folgt der DGUV Information 205-023: Brandentstehung, Verhalten im Brandfall, "
            "Räumung des Gebäudes.",
            "Im praktischen Teil löschen alle Teilnehmer selbst mit Feuerlöschern an einer gasbetriebenen "
            "Brandsimulationsanlage.",
        ],
        "duration": ("UE", 4),
        "cert": ("Teilnahmebescheinigung", "attendance"),
        "price": (95, "dash"),
        "runs": [
            run(d(2027, 1, 21), "08:00", None, "11:15", "zw"),
            run(d(2027, 5, 20), "12:30", None, "15:45", "sb", price_style="prefix"),
            run(d(2027, 9, 9), "08:00", None, "11:15", "au"),
        ],
    },
    {
        "key": "sta-ladungssicherung",
        "title": "Ladungssicherung nach VDI 2700 für Fahrer und Verlader",
        "wpcat": ("Logistik & Transport", "logistik-transport"), "category": "logistik",
        "text": [
            "Schlecht gesicherte Ladung ist eine der häufigsten Beanstandungen bei Verkehrskontrollen – und "
            "Fahrer wie Verlader haften. Anhand von Paletten, Stahlteilen und Maschinen aus der Region üben wir "
            "Niederzurren, Direktzurren und formschlüssiges Laden.",
        ],
        "duration": ("UE", 8),
        "cert": ("Teilnahmebescheinigung nach VDI 2700a", "attendance"),
        "price": (169, "eur0"),
        "runs": [
            run(d(2027, 3, 31), "08:00", None, "15:00", "zw"),
            run(d(2027, 10, 20), "08:00", None, "15:00", "st", no_format=True),
        ],
    },
    {
        "key": "sta-bkf-woche",
        "title": "Berufskraftfahrer-Weiterbildung: alle fünf Module 95 im Wochenkurs",
        "wpcat": ("Logistik & Transport", "logistik-transport"), "category": "logistik",
        "text": [
            "Alle fünf Module der Berufskraftfahrer-Weiterbildung in einer Woche: Eco-Training, "
            "Sozialvorschriften, Sicherheitstechnik und Ladungssicherung, Gesundheit und Notfall sowie "
            "Kundenorientierung.",
            "Nach Abschluss können Sie die Schlüsselzahl 95 in den Führerschein eintragen lassen.",
        ],
        "duration": ("Std", 35),
        "cert": ("Teilnahmebescheinigung nach BKrFQG (Eintrag der Schlüsselzahl 95)", "attendance"),
        "price": (465, "eur2"), "funding": ["bildungsgutschein"], "funding_in": "text",
        "runs": [
            run(d(2027, 2, 15), "07:30", d(2027, 2, 19), "15:00", "st"),
            run(d(2027, 11, 8), "07:30", d(2027, 11, 12), "15:00", "st"),
        ],
    },
    {
        "key": "sta-bkf-modul3",
        "title": "Berufskraftfahrer-Modul 3: Sozialvorschriften und Fahrtenschreiber (Samstagskurs)",
        "wpcat": ("Logistik & Transport", "logistik-transport"), "category": "logistik",
        "text": [
            "Lenk- und Ruhezeiten, der digitale Fahrtenschreiber der zweiten Generation und die Regeln bei "
            "Grenzübertritten nach Tschechien – ein Modul, das Fahrer neben dem Beruf am Samstag besuchen "
            "können.",
            "Hinweis: Die einzelnen Samstagsmodule sind nicht nach AZAV zugelassen; eine Förderung mit "
            "Bildungsgutschein ist für diesen Kurs daher leider nicht möglich.",
        ],
        "duration": ("Std", 7),
        "cert": ("Teilnahmebescheinigung nach BKrFQG", "attendance"),
        "price": (95, "EUR"),
        "runs": [
            run(d(2027, 4, 24), "08:00", None, "15:00", "st", weekend=True),
            run(d(2027, 9, 18), "08:00", None, "15:00", "st", weekend=True),
        ],
    },
    {
        "key": "sta-adr",
        "title": "Beauftragte Personen im Gefahrgutversand (Unterweisung nach 1.3 ADR)",
        "wpcat": ("Logistik & Transport", "logistik-transport"), "category": "logistik",
        "text": [
            "Wer Gefahrgut verpackt, kennzeichnet oder verlädt – Spraydosen, Lacke, Gasflaschen, Batterien – "
            "muss nach Kapitel 1.3 ADR unterwiesen sein. Die Online-Schulung erklärt Klassifizierung, "
            "Kennzeichnung und Begleitpapiere an Beispielen aus dem Versandalltag.",
        ],
        "duration": ("UE", 8),
        "cert": ("Zertifikat", "provider_certificate"),
        "price": (179, "eur0"),
        "runs": [run(d(2027, 6, 16), "08:30", None, "15:00", None, "online", fmt_label="Online-Seminar (Live)")],
    },
    {
        "key": "sta-kran-pruefung-exam",
        "title": "Kranführer Fahrzeugkran – Lehrgang mit Prüfung",
        "wpcat": ("Stapler & Krane", "stapler-krane"), "category": "stapler_kran",
        "text": [
            "Für angehende Fahrer von Mobil- und Autokranen bis 60 t. Die Ausbildung umfasst Kranphysik, "
            "Abstützung, Anschlagen und Kommunikation mit dem Einweiser sowie umfangreiche Praxis am "
            "Fahrzeugkran eines Partnerunternehmens.",
            "Die Prüfungsgebühr des externen Sachverständigen wird gesondert berechnet.",
        ],
        "duration": ("UE", 40),
        "cert": ("Befähigungsnachweis nach DGUV Grundsatz 309-003", "dguv"),
        "price": (890, "exam", 160),
        "runs": [run(d(2027, 7, 19), "07:30", d(2027, 7, 23), "15:00", "zw")],
    },
]


# ---------------------------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------------------------
def money(amount: float, decimals: bool = True, thousands: bool = True) -> str:
    whole = int(amount)
    cents = round((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".") if thousands else str(whole)
    return f"{text},{cents:02d}" if decimals else text


def render_cost(amount, style: str, fee: float | None = None) -> tuple[str, list[str]]:
    """The WordPress `cost` string and `cost_details.values` for one price spelling."""
    if style == "empty":
        return "", []
    if style == "anfrage":
        return "Preis auf Anfrage", []
    if style == "free":
        return "kostenfrei", ["0"]
    if style == "free_bg":
        return "kostenfrei (Abrechnung über die BG)", ["0"]
    values = [str(int(amount))]
    text = {
        "plain": str(int(amount)),
        "eur2": f"{money(amount)} €",
        "eur0": f"{money(amount, False)} €",
        "ab": f"ab {money(amount, False)} €",
        "EUR": f"{money(amount, False, False)} EUR",
        "prefix": f"€ {money(amount, False)}",
        "dash": f"{money(amount, False)},- €",
        "mwst": f"{money(amount)} € zzgl. MwSt.",
        "exam": f"{money(amount, False)} € zzgl. Prüfungsgebühr {money(fee or 0, False)} €",
    }[style]
    if style == "exam":
        values.append(str(int(fee)))
    return text, values


def render_duration(spec: tuple) -> tuple[str, float | None]:
    """Provider wording and the clock hours it means (None where only days are given)."""
    kind = spec[0]
    if kind == "UE":
        n = spec[1]
        return f"{n} UE", n * 0.75
    if kind == "Std":
        n = spec[1]
        word = spec[2] if len(spec) > 2 else "Std."
        return f"{n} {word}", float(n)
    if kind == "Tage":
        n = spec[1]
        return ("1 Tag" if n == 1 else f"{n} Tage"), None
    if kind == "TageUE":
        days, ue = spec[1], spec[2]
        return f"{days} Tage à {ue} UE", days * ue * 0.75
    raise ValueError(spec)


FORMAT_LABELS = {"onsite": ["Präsenz", "Präsenz", "Präsenzveranstaltung", "Präsenzkurs"],
                 "online": ["Online", "Live-Online"], "blended": ["Blended Learning"]}


def wp_texturize(text: str) -> str:
    """What WordPress does to a title: entities for &, dashes and typographic quotes."""
    text = html.escape(text, quote=False)
    return (text.replace("–", "&#8211;").replace("„", "&#8222;").replace("“", "&#8220;")
            .replace("’", "&#8217;"))


def slugify(text: str) -> str:
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("&", " "), ("č", "c")):
        text = text.replace(a, b)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return "-".join(text.split("-")[:8])


def berlin_offset(moment: datetime) -> int:
    """UTC offset in hours of Europe/Berlin local time in 2027 (DST 28.03.–31.10.)."""
    dst_start, dst_end = datetime(2027, 3, 28, 2, 0), datetime(2027, 10, 31, 3, 0)
    return 2 if dst_start <= moment < dst_end else 1


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def details(moment: datetime) -> dict:
    return {"year": f"{moment.year}", "month": f"{moment.month:02d}", "day": f"{moment.day:02d}",
            "hour": f"{moment.hour:02d}", "minutes": f"{moment.minute:02d}", "seconds": f"{moment.second:02d}"}


def german_date(day: date) -> str:
    names = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
    return f"{names[day.weekday()]}, {day.strftime('%d.%m.%Y')}"


# ---------------------------------------------------------------------------------------------
# Build events
# ---------------------------------------------------------------------------------------------
def build():
    events, expected = [], []
    post_id = 1480
    label_cycle = 0
    for course in COURSES:
        paragraphs = list(course["text"])
        funding = sorted(course.get("funding", []))
        where = course.get("funding_in")
        if funding and where in ("text", "both"):
            paragraphs.append(FUNDING_TEXT[tuple(funding)])
        bullets = course.get("bullets") or []
        desc_html = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs[:1])
        if bullets:
            desc_html += "\n<p><strong>Inhalte:</strong></p>\n<ul>\n" + "\n".join(
                f"<li>{html.escape(b, quote=False)}</li>" for b in bullets) + "\n</ul>"
        desc_html += "".join(f"\n<p>{html.escape(p, quote=False)}</p>" for p in paragraphs[1:])
        plain_parts = paragraphs[:1] + (["Inhalte:"] + bullets if bullets else []) + paragraphs[1:]
        description = " ".join(" ".join(plain_parts).split())
        first_sentence = re.split(r"(?<=[.!?:])\s", paragraphs[0])[0]
        duration_text, hours = render_duration(course["duration"])
        cert_text, cert_kind = course["cert"]
        for n, r in enumerate(course["runs"]):
            post_id += RNG.randint(3, 41)
            assert FIRST_DAY <= r["start"] <= r["end"] <= LAST_DAY, (course["key"], r)
            if not r.get("weekend"):
                assert r["start"].weekday() < 5 and r["end"].weekday() < 5, (course["key"], r["start"])
            all_day = bool(r.get("all_day"))
            start = datetime.combine(r["start"], datetime.strptime(r["t_from"], "%H:%M").time())
            end = datetime.combine(r["end"], datetime.strptime(r["t_to"], "%H:%M").time())
            if all_day:
                start = datetime.combine(r["start"], datetime.min.time())
                end = datetime.combine(r["end"], datetime.min.time()).replace(hour=23, minute=59, second=59)
            price = course["price"]
            amount, style = price[0], r.get("price_style", price[1])
            fee = price[2] if len(price) > 2 else None
            cost, values = render_cost(amount, style, fee)
            fmt = r["fmt"]
            if "fmt_label" in r:
                label = r["fmt_label"]
            else:
                options = FORMAT_LABELS[fmt]
                label = options[label_cycle % len(options)]
                label_cycle += 1
            tags = []
            if funding and where in ("tags", "both"):
                for f in funding:
                    tags += [{"name": t, "slug": slugify(t), "id": 40 + len(t)} for t in FUNDING_TAGS[f]]
            if "DGUV" in cert_text and n % 2 == 0:
                tags.append({"name": "DGUV", "slug": "dguv", "id": 77})
            if r.get("weekend"):
                tags.append({"name": "Samstag", "slug": "samstag", "id": 81})
            slug = slugify(course["title"])
            url = f"/{SITE}/veranstaltung/{slug}-{post_id}.html"
            venue = VENUES[r["venue"]] if r["venue"] else None
            custom = {}
            if label is not None and not r.get("no_format"):
                custom["format"] = label
            custom["duration"] = duration_text
            if cert_text:
                custom["certificate"] = cert_text
            utc_start = start - timedelta(hours=berlin_offset(start))
            utc_end = end - timedelta(hours=berlin_offset(end))
            title_html = wp_texturize(course["title"])
            event = {
                "id": post_id,
                "global_id": f"sta-akademie.de?id={post_id}",
                "author": "3",
                "status": "publish",
                "date": f"2026-{8 + (post_id % 3):02d}-{1 + post_id % 27:02d} 10:{post_id % 60:02d}:00",
                "url": url,
                "rest_url": f"/{SITE}/api/events/{post_id}",
                "title": title_html,
                "description": desc_html + ("\n<p>&nbsp;</p>" if post_id % 4 == 0 else ""),
                "excerpt": f"<p>{html.escape(first_sentence, quote=False)} [&hellip;]</p>\n",
                "slug": f"{slug}-{post_id}",
                "image": False,
                "all_day": all_day,
                "start_date": stamp(start),
                "start_date_details": details(start),
                "end_date": stamp(end),
                "end_date_details": details(end),
                "utc_start_date": stamp(utc_start),
                "utc_end_date": stamp(utc_end),
                "timezone": "Europe/Berlin",
                "timezone_abbr": "CEST" if berlin_offset(start) == 2 else "CET",
                "cost": cost,
                "cost_details": {"currency_symbol": "€", "currency_code": "EUR",
                                 "currency_position": "postfix", "values": values},
                "website": "",
                "show_map": bool(venue),
                "categories": [{"name": html.escape(course["wpcat"][0], quote=False),
                                "slug": course["wpcat"][1], "id": 10 + len(course["wpcat"][1]),
                                "taxonomy": "tribe_events_cat", "parent": 0}],
                "tags": tags,
                "venue": ({"id": VENUE_IDS[r["venue"]], "venue": html.escape(venue["venue"], quote=False),
                           "address": venue["address"], "city": venue["city"], "country": "Deutschland",
                           "province": "Sachsen", "zip": venue["zip"], "stateprovince": "Sachsen"}
                          if venue else []),
                "organizer": [{"id": 7, "organizer": PROVIDER, "phone": "037754 7799-0",
                               "email": "kurse@sta-erzgebirge.de"}],
                "custom_fields": custom,
            }
            events.append(event)
            if fmt == "online":
                location = None
            else:
                location = {"name": venue["venue"], "street": venue["address"], "postal_code": venue["zip"],
                            "town": venue["town"]}
            expected.append({
                "url": url,
                "course_key": course["key"],
                "source": SITE,
                "provider": PROVIDER,
                "title": course["title"],
                "description": description,
                "start_date": r["start"].isoformat(),
                "end_date": r["end"].isoformat(),
                "rolling_start": False,
                # "1 Tag" from 07:30 to 15:30 (not all-day): one session of 8 clock hours
                "duration_hours": hours if hours is not None or all_day or r["start"] != r["end"]
                else (end - start).total_seconds() / 3600,
                "price_eur": None if amount is None else float(amount),
                "format": fmt,
                "location": location,
                "category": course["category"],
                "funding": funding,
                "certificate": cert_kind,
                "language": course.get("language", "de"),
            })
            event["_detail"] = {"course": course, "description_html": desc_html, "run": r, "venue": venue,
                                "label": label, "duration": duration_text, "cost": cost, "cert": cert_text,
                                "start": start, "end": end, "all_day": all_day}
    return events, expected


def detail_page(event: dict) -> str:
    info = event["_detail"]
    course, r, venue = info["course"], info["run"], info["venue"]
    title = event["title"]
    if info["start"].date() == info["end"].date():
        when = german_date(info["start"].date())
        if not info["all_day"]:
            when += f", {info['start']:%H:%M} – {info['end']:%H:%M} Uhr"
    else:
        when = (f"{german_date(info['start'].date())}, {info['start']:%H:%M} Uhr bis "
                f"{german_date(info['end'].date())}, {info['end']:%H:%M} Uhr")
    rows = [("Termin", html.escape(when))]
    if venue:
        rows.append(("Veranstaltungsort", f"{html.escape(venue['venue'])}<br>{html.escape(venue['address'])}<br>"
                                          f"{venue['zip']} {html.escape(venue['city'])}"))
    else:
        rows.append(("Veranstaltungsort", "Online (virtueller Schulungsraum)"))
    if info["label"] and not r.get("no_format"):
        rows.append(("Format", html.escape(info["label"])))
    rows.append(("Dauer", html.escape(info["duration"])))
    rows.append(("Kosten", html.escape(info["cost"]) if info["cost"] else "–"))
    if info["cert"]:
        rows.append(("Abschluss", html.escape(info["cert"])))
    if event["tags"]:
        rows.append(("Schlagworte", ", ".join(html.escape(t["name"]) for t in event["tags"])))
    table = "\n".join(f"      <tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>{title} &#8211; Sicherheits- und Technikakademie Erzgebirge</title>
</head>
<body class="tribe_events-template-default single single-tribe_events postid-{event['id']}">
  <header><a href="/{SITE}/index.html">Sicherheits- und Technikakademie Erzgebirge GmbH</a></header>
  <main id="tribe-events-content" class="tribe-events-single">
    <p class="tribe-events-back"><a href="/{SITE}/index.html">&laquo; Alle Veranstaltungen</a></p>
    <h1 class="tribe-events-single-event-title">{title}</h1>
    <table class="tribe-events-meta-group">
{table}
    </table>
    <div class="tribe-events-single-event-description tribe-events-content">
{info['description_html']}
    </div>
    <p><a href="mailto:kurse@sta-erzgebirge.de?subject=Anmeldung%20{event['id']}">Jetzt anmelden</a></p>
  </main>
  <footer>STA Erzgebirge GmbH · Ziegelstraße 28 · 08297 Zwönitz · Tel. 037754 7799-0</footer>
</body>
</html>
"""


def index_page(events: list[dict]) -> str:
    items = "\n".join(
        f'      <li><a href="{e["url"]}">{e["title"]}</a> – {german_date(e["_detail"]["start"].date())}</li>'
        for e in events)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Veranstaltungen &#8211; Sicherheits- und Technikakademie Erzgebirge</title>
  <link rel="alternate" type="application/json" href="/{SITE}/api/events/page-1.json">
</head>
<body>
  <h1>Sicherheits- und Technikakademie Erzgebirge GmbH</h1>
  <p>Stapler, Krane, Elektrosicherheit, Schweißtechnik, Arbeitsschutz und Erste Hilfe – an unseren
     Standorten in Zwönitz, Stollberg, Aue und Thalheim.</p>
  <p>Für Partner und Portale: <a href="/{SITE}/api/events/page-1.json">Veranstaltungen als JSON (REST-API)</a></p>
  <h2>Kommende Veranstaltungen</h2>
  <ul>
{items}
  </ul>
</body>
</html>
"""


def wp_json(data) -> str:
    """WordPress style: ASCII only, escaped slashes."""
    return json.dumps(data, ensure_ascii=True, indent=None, separators=(",", ":")).replace("/", "\\/")


def main() -> None:
    events, expected = build()
    order = sorted(range(len(events)), key=lambda i: (events[i]["start_date"], events[i]["id"]))
    events = [events[i] for i in order]
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "api" / "events").mkdir(parents=True)
    (OUT / "veranstaltung").mkdir(parents=True)
    pages = [events[i:i + PER_PAGE] for i in range(0, len(events), PER_PAGE)]
    for number, chunk in enumerate(pages, start=1):
        data = {
            "events": [{k: v for k, v in e.items() if not k.startswith("_")} for e in chunk],
            "rest_url": f"/{SITE}/api/events/page-{number}.json",
            "total": len(events),
            "total_pages": len(pages),
            "next_rest_url": f"/{SITE}/api/events/page-{number + 1}.json" if number < len(pages) else None,
        }
        if number > 1:
            data["previous_rest_url"] = f"/{SITE}/api/events/page-{number - 1}.json"
        (OUT / "api" / "events" / f"page-{number}.json").write_text(wp_json(data) + "\n", encoding="utf-8")
    for event in events:
        path = OUT / event["url"].removeprefix(f"/{SITE}/")
        path.write_text(detail_page(event), encoding="utf-8")
    (OUT / "index.html").write_text(index_page(events), encoding="utf-8")
    expected.sort(key=lambda rec: (rec["url"], rec["start_date"] or ""))
    with (OUT / "expected.jsonl").open("w", encoding="utf-8") as fh:
        for rec in expected:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    courses = len({rec["course_key"] for rec in expected})
    print(f"{SITE}: {courses} courses, {len(expected)} offers, {len(pages)} API pages -> {OUT}")


if __name__ == "__main__":
    main()
