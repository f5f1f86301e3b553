"""Venue addresses and towns, canonicalised with the bundled gazetteer of Saxony's municipalities."""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import fold

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.csv"

_POSTAL_TOWN = re.compile(r"(?<!\d)(?P<plz>0\d{4}|[1-9]\d{4})(?!\d)\s*(?P<town>[A-ZÄÖÜ][^,;\n()]*?)?\s*(?=$|[,;\n(])")
_STREET = re.compile(r"[A-ZÄÖÜ][\wäöüß.\- ]*?(?:straße|strasse|str\.|weg|platz|gasse|ring|allee|damm|markt|"
                     r"berg|hof|ufer|steig|chaussee|promenade|zeile|park|höhe|grund|tal)\s*\d+\s*[a-zA-Z]?(?:\s*-\s*\d+)?",
                     re.I)
_STREET_LEAD = re.compile(r"^(?:Am|An der|An den|Auf dem|Auf der|Im|In der|Zum|Zur)\s+\S.*\d+\s*[a-zA-Z]?$")
_GENERIC_STREET = re.compile(r"[A-ZÄÖÜ][^\d,]*?\s\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+)?")
_ROOM = re.compile(r"^(?:Raum|Räume|Zimmer|Saal|Haus|Gebäude|Etage|Halle|Werkstatt|Seminarraum|Schulungsraum)\b", re.I)
_NUMBERED_ROOM = re.compile(r"^(?:Raum|Zimmer|Seminarraum|Schulungsraum|Saal|Etage|Stockwerk|Geschoss)\s+[A-Z]?\d[\d.]*\w*"
                            r"(?:\s*\([^)]*\))?$", re.I)
_ONLINE = re.compile(r"^\s*(?:online|virtuell\w*|webinar|live-online|e-learning|digital)\b", re.I)
_INHOUSE_WORDS = re.compile(r"\W*(?:inhouse|inhouse-schulung|vor ort|bei ihnen|firmenintern)\W*", re.I)
_INHOUSE = re.compile(r"inhouse|in ihrem (?:unternehmen|betrieb)|in ihrer (?:einrichtung|firma)|bei ihnen vor ort|im unternehmen", re.I)


@dataclass(frozen=True)
class Town:
    """A municipality of the gazetteer."""

    name: str
    district: str
    lat: float
    lon: float
    postal_codes: tuple[str, ...]


@dataclass
class PlaceParse:
    """A venue text split into its parts; `town` is canonical where the gazetteer knows it."""

    name: str | None = None
    street: str | None = None
    postal_code: str | None = None
    town: str | None = None
    lat: float | None = None
    lon: float | None = None
    district: str | None = None
    online: bool = False
    inhouse: bool = False


class Gazetteer:
    """Look-ups by name, alias and postal code; loaded once from CSV data."""

    def __init__(self, rows: list[dict]):
        self.towns: dict[str, Town] = {}
        self._by_key: dict[str, Town] = {}
        self._by_short: dict[str, Town | None] = {}  # None: the short form is ambiguous
        self._by_plz: dict[str, Town] = {}
        for row in rows:
            town = Town(
                name=row["name"].strip(),
                district=row.get("district", "").strip(),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                postal_codes=tuple(p.strip() for p in row.get("postal_codes", "").split(";") if p.strip()),
            )
            self.towns[town.name] = town
            for key in [town.name, *row.get("aliases", "").split(";")]:
                if key.strip():
                    self._by_key.setdefault(self._key(key), town)
                    short = self._short(key)
                    if self._by_short.get(short, town) is not town:
                        self._by_short[short] = None
                    else:
                        self._by_short[short] = town
            for plz in town.postal_codes:
                self._by_plz.setdefault(plz, town)

    @staticmethod
    @lru_cache(maxsize=8192)
    def _key(name: str) -> str:
        """Exact form, only case, umlauts and punctuation folded ("Oelsnitz/Vogtl." stays apart)."""
        name = re.sub(r"\berzgebirge\b", "erzgeb", fold(name.strip()))
        name = re.sub(r"\bvogtland\b", "vogtl", name)
        return re.sub(r"[^a-z0-9]+", " ", name).strip()

    @classmethod
    @lru_cache(maxsize=8192)
    def _short(cls, name: str) -> str:
        """Without a regional suffix ("Stollberg (Erzgeb.)" -> "stollberg"); used only if unique."""
        return re.sub(r"\s+(erzgeb|sachsen|sa|vogtl)$", "", cls._key(name))

    def lookup(self, name: str | None = None, postal_code: str | None = None) -> Town | None:
        """The municipality for a written town name, else for the postal code."""
        if name:
            for candidate in (name, re.split(r"\s+(?:OT|Ortsteil)\s+", name)[0]):
                town = self._by_key.get(self._key(candidate)) or self._by_short.get(self._short(candidate))
                if town:
                    return town
        if postal_code:
            return self._by_plz.get(postal_code)
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer (read once per process)."""
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        return Gazetteer(list(csv.DictReader(fh)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _split_parts(text: str) -> list[str]:
    """Comma/line parts; a parenthesis stays inside a venue name ("Akademie (Standort Aue)") but is
    split off when it holds an address or follows a street or postal code; numbered rooms
    ("Raum 2", "Raum 1 (Erdgeschoss)") are not part of the venue name and are dropped."""
    text = re.sub(r"\(([^()]*)\)",
                  lambda m: f", {m[1]}," if "," in m[1] or _POSTAL_TOWN.search(m[1]) or _STREET.search(m[1])
                  else m[0], text)
    parts = []
    for part in re.split(r"[,;|\n]|\s[–-]\s", text):
        part = part.strip()
        if not part or _NUMBERED_ROOM.match(part):
            continue
        head = part.split("(", 1)[0].strip()
        if "(" in part and (not head or _STREET.search(head) or _GENERIC_STREET.fullmatch(head)
                            or _POSTAL_TOWN.search(head)):
            parts.extend(p.strip() for p in re.split(r"[()]", part) if p.strip())
        else:
            parts.append(part)
    return parts


def parse_place(text: str | None, town: str | None = None, postal_code: str | None = None) -> PlaceParse:
    """Split "Venue, Street 1, 09456 Annaberg" into parts; "Online"/"Inhouse" are flagged."""
    result = PlaceParse()
    text = "\n".join(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())
    if text and _ONLINE.match(text):
        result.online = True
        return result
    result.inhouse = bool(_INHOUSE.search(text))
    parts = _split_parts(text)
    names: list[str] = []
    street_at = next((i for i, p in enumerate(parts) if _STREET.fullmatch(p) or _STREET_LEAD.match(p)), None)
    if street_at is None:  # "Amtsseite 48": no street suffix, but a house number and no room word
        street_at = next((i for i, p in enumerate(parts) if _GENERIC_STREET.fullmatch(p)
                          and not _ROOM.match(p) and not _POSTAL_TOWN.search(p)), None)
    for i, part in enumerate(parts):
        m = _POSTAL_TOWN.fullmatch(part) or _POSTAL_TOWN.search(part)
        if m and not result.postal_code:
            result.postal_code = m["plz"]
            result.town = (m["town"] or "").strip() or result.town
            rest = part[: m.start()].strip()
            if rest and _STREET.search(rest):
                result.street = rest
            continue
        if i == street_at and not result.street:
            result.street = part
        elif _INHOUSE.search(part) or _INHOUSE_WORDS.fullmatch(part):
            continue  # "Inhouse bei Ihnen vor Ort" names no venue
        elif not result.street and not result.postal_code and not re.search(r"\d", part) or _ROOM.match(part):
            names.append(part)
        elif not result.town and not result.postal_code and result.street:
            result.town = part
    result.name = ", ".join(names) or None
    if not result.town and not result.postal_code and not result.street and len(parts) == 1:
        found = gazetteer().lookup(parts[0])
        if found or not result.inhouse:
            result.name, result.town = (None, parts[0]) if found else (parts[0], None)
    result.town = town or result.town
    result.postal_code = postal_code or result.postal_code
    found = gazetteer().lookup(result.town, result.postal_code)
    if found:
        result.town, result.lat, result.lon, result.district = found.name, found.lat, found.lon, found.district
    elif result.name and not result.town:
        found = gazetteer().lookup(result.name)
        if found:
            result.town, result.lat, result.lon, result.district = found.name, found.lat, found.lon, found.district
            result.name = None
    return result
