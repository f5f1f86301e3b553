"""Venue addresses and towns, canonicalised with the bundled gazetteer: every municipality of Saxony, the
neighbouring Thuringian districts and the Bohemian towns along the border (normalize/data/gazetteer.csv,
built by scripts/build_gazetteer.py; sources and licences in normalize/data/GAZETTEER_LICENSE)."""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import fold

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.csv"

_POSTAL_TOWN = re.compile(r"(?<!\d)(?P<plz>0\d{4}|[1-9]\d{4})(?!\d)\s*(?P<town>[A-ZÄÖÜÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^,;\n()]*?)?\s*"
                          r"(?=$|[,;\n(])")
# Czech postal codes: "430 01 Chomutov", "CZ-43001 Chomutov"
_CZ_POSTAL = re.compile(r"(?:\bCZ\s*[-–]?\s*)(?P<a>\d{3})\s?(?P<b>\d{2})\b|(?<![\d.,])\b(?P<c>[1-7]\d{2}) (?P<d>\d{2})\b"
                        r"(?=\s+[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])")
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


# Where a name is shared and nothing else decides, the portal's own district and its neighbours win
# over places farther away ("Hartmannsdorf" is the one near Chemnitz, not the one in Thuringia); two
# candidates that are both at home stay ambiguous ("Oelsnitz": Erzgebirge or Vogtland).
HOME_DISTRICTS = {"Erzgebirgskreis": 0, "Chemnitz": 1, "Zwickau": 1, "Mittelsachsen": 1, "Vogtlandkreis": 1}
# A regional addition to a town's name: after "/" or "(" always, after "an der", "im", "in" ... only
# when it names a region or river ("Neustadt in Sachsen", "Reichenbach im Vogtland"; not "Neudorf am Wald").
_ADDITION = re.compile(r"\s*(?:/|\()|\s+(?:b\.|bei|a\.\s?d\.|a\.|an der|am|im|in|i\.\s?d\.|auf dem|auf der)\s+")
_REGIONS = {"sa", "sachs", "erzgeb", "vogtl", "o l", "ol", "lausitz", "orla", "elster", "mulde", "pleisse", "spree",
            "saale", "eigen", "thuer", "thueringen", "elbe", "eger", "sachs schw", "saechs schw"}


@dataclass(frozen=True)
class Town:
    """A municipality (or a Bohemian town) of the gazetteer. `postal_codes` holds German five-digit
    codes only; a Czech town's codes are in `foreign_postal_codes` ("CZ-43001"), so a German form
    or address never takes them for German ones."""

    name: str
    district: str
    lat: float
    lon: float
    postal_codes: tuple[str, ...]
    country: str = "DE"
    foreign_postal_codes: tuple[str, ...] = ()
    population: int = 0

    @property
    def home(self) -> int:
        """0 for the Erzgebirgskreis, 1 for its neighbours, 2 elsewhere."""
        return HOME_DISTRICTS.get(self.district, 2)


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


# Rank of a spelling: a town's own name before another town's alias ("Ebersbach" is the municipality
# near Großenhain, not the former one now part of Döbeln), hand-curated rows (the Erzgebirge and
# around it) before generated ones.
_CURATED_NAME, _NAME, _CURATED_ALIAS, _ALIAS = range(4)


class Gazetteer:
    """Look-ups by name, alias and postal code; loaded once from CSV data.

    A written name is matched exactly (case, umlauts, accents and punctuation folded), else in its
    short form without a regional addition ("Stollberg" for "Stollberg/Erzgeb.", "Neustadt" for
    "Neustadt in Sachsen"). Where several towns answer, the postal code decides; else the best-ranked
    spelling; else the one town at home (HOME_DISTRICTS); else the name is ambiguous and the look-up
    gives None (`candidates` tells which towns it could be)."""

    def __init__(self, rows: list[dict]):
        self.towns: dict[str, Town] = {}
        self._exact: dict[str, dict[Town, int]] = {}
        self._short: dict[str, dict[Town, int]] = {}
        self._by_plz: dict[str, list[Town]] = {}
        for row in rows:
            codes = [p.strip() for p in (row.get("postal_codes") or "").split(";") if p.strip()]
            town = Town(
                name=row["name"].strip(),
                district=(row.get("district") or "").strip(),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                postal_codes=tuple(c for c in codes if c.isdigit()),
                country=(row.get("country") or "DE").strip(),
                foreign_postal_codes=tuple(c for c in codes if not c.isdigit()),
                population=int(row.get("population") or 0),
            )
            self.towns[town.name] = town
            curated = (row.get("source") or "curated") == "curated"
            aliases = [a for a in (row.get("aliases") or "").split(";") if a.strip()]
            for i, written in enumerate([town.name, *aliases]):
                rank = (_CURATED_NAME if curated else _NAME) if i == 0 else (_CURATED_ALIAS if curated else _ALIAS)
                for table, k in ((self._exact, self.lookup_key(written)), (self._short, self._short_key(written))):
                    entries = table.setdefault(k, {})
                    entries[town] = min(rank, entries.get(town, rank))
            for code in codes:
                self._by_plz.setdefault(code, []).append(town)
        for towns in self._by_plz.values():  # a shared postal code names its biggest town first
            towns.sort(key=lambda t: -t.population)
        self.foreign_codes = frozenset(code for code in self._by_plz if not code.isdigit())

    @staticmethod
    @lru_cache(maxsize=65536)
    def lookup_key(name: str) -> str:
        """Exact form, only case, umlauts, accents and punctuation folded ("Oelsnitz/Vogtl." stays apart)."""
        name = fold(name.strip())
        if not name.isascii():  # Czech and other accents: "Ústí" -> "usti"
            name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = re.sub(r"\berzgebirge\b", "erzgeb", name)
        name = re.sub(r"\bvogtland\b", "vogtl", name)
        name = re.sub(r"\boberlausitz\b", "o l", name)
        name = re.sub(r"\bsachsen\b", "sa", name)
        name = re.sub(r"\bst\b\.?", "sankt", name)
        return re.sub(r"[^a-z0-9]+", " ", name).strip()

    @classmethod
    @lru_cache(maxsize=65536)
    def _short_key(cls, name: str) -> str:
        """Without a regional addition ("Stollberg (Erzgeb.)", "Neustadt in Sachsen"); used where
        the exact form is unknown."""
        name = name.strip()
        m = _ADDITION.search(name)
        if m and m.start() > 0 and (m[0].strip() in ("/", "(") or cls.lookup_key(name[m.end():]) in _REGIONS):
            name = name[:m.start()]
        return re.sub(r"\s+(erzgeb|sa|vogtl)$", "", cls.lookup_key(name))

    @staticmethod
    def _choose(entries: dict[Town, int], postal_code: str | None) -> tuple[Town | None, list[Town]]:
        """The one town among the candidates, or None and the candidates it could be."""
        if len(entries) == 1:
            return next(iter(entries)), []
        if postal_code:
            fitting = {t: r for t, r in entries.items() if postal_code in t.postal_codes + t.foreign_postal_codes}
            if len(fitting) == 1:
                return next(iter(fitting)), []
            entries = fitting or entries
        best = min(entries.values())
        top = [t for t, r in entries.items() if r == best]
        if len(top) == 1:
            return top[0], []
        home = [t for t in top if t.home <= 1]
        if len(home) == 1:
            return home[0], []
        return None, sorted(top, key=lambda t: (t.home, t.name))

    def resolve(self, name: str | None = None, postal_code: str | None = None) -> tuple[Town | None, list[Town]]:
        """The municipality for a written town name (the postal code decides between towns of the
        same name), else for the postal code; with the candidates when the name is ambiguous."""
        if name:
            for candidate in dict.fromkeys((name, re.split(r"\s+(?:OT|Ortsteil)\s+", name)[0])):
                entries = self._exact.get(self.lookup_key(candidate)) or self._short.get(self._short_key(candidate))
                if entries:
                    town, others = self._choose(entries, postal_code)
                    if town or (others and postal_code not in self._by_plz):
                        return town, others
                    if others:
                        break  # an ambiguous name and a postal code of another town: the code says where
        if postal_code:
            towns = self._by_plz.get(postal_code)
            return (towns[0] if towns else None), []
        return None, []

    def lookup(self, name: str | None = None, postal_code: str | None = None) -> Town | None:
        """The municipality for a written town name, else for the postal code (None: unknown or ambiguous)."""
        return self.resolve(name, postal_code)[0]

    def candidates(self, name: str) -> list[Town]:
        """The towns an ambiguous name could be (empty when it names one town or none)."""
        return self.resolve(name)[1]


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


def _czech_postal_codes(text: str, czech: set[str]) -> str:
    """Czech codes the gazetteer knows ("430 01", "CZ-43001") written as five digits; the digits go
    into `czech`, so the look-up asks for the Czech town and never a German one of the same digits."""
    def join(m: re.Match) -> str:
        code = (m["a"] or m["c"]) + (m["b"] or m["d"])
        if f"CZ-{code}" not in gazetteer().foreign_codes:
            return m[0]
        czech.add(code)
        return code
    return _CZ_POSTAL.sub(join, text) if any(ch.isdigit() for ch in text) else text


def parse_place(text: str | None, town: str | None = None, postal_code: str | None = None) -> PlaceParse:
    """Split "Venue, Street 1, 09456 Annaberg" into parts; "Online"/"Inhouse" are flagged."""
    result = PlaceParse()
    czech: set[str] = set()
    text = "\n".join(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())
    text = _czech_postal_codes(text, czech)
    if postal_code and re.fullmatch(r"(?:CZ\s*[-–]?\s*)\d{3}\s?\d{2}|\d{3} \d{2}", postal_code.strip()):
        digits = re.sub(r"\D", "", postal_code)  # a postal-code field written the Czech way: "430 01"
        if f"CZ-{digits}" in gazetteer().foreign_codes:
            postal_code = digits
            czech.add(digits)
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
        found, ambiguous = gazetteer().resolve(parts[0])
        if found or ambiguous or not result.inhouse:  # an ambiguous town ("Neustadt") is still a town
            result.name, result.town = (None, parts[0]) if found or ambiguous else (parts[0], None)
    result.town = town or result.town
    result.postal_code = postal_code or result.postal_code
    code = result.postal_code
    found = gazetteer().lookup(result.town, f"CZ-{code}" if code in czech else code)
    if found:
        result.town, result.lat, result.lon, result.district = found.name, found.lat, found.lon, found.district
    elif result.name and not result.town:
        found = gazetteer().lookup(result.name)
        if found:
            result.town, result.lat, result.lon, result.district = found.name, found.lat, found.lon, found.district
            result.name = None
    return result
