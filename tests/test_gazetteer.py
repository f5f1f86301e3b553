"""The gazetteer beyond the district (#16 part 7): every municipality of Saxony, the neighbouring
Thuringian districts and the Bohemian border towns, with postal codes and coordinates; same names told
apart by the postal code; places no town answers listed per source by `wbportal quality`.

Expected values are written from the map, not read from the gazetteer: coordinates of town centres to
about 5 km, postal codes as the towns use them."""
from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest

from normalize import build_offer, gazetteer, parse_place
from normalize.places import GAZETTEER_PATH, Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SAXONY = (50.17, 51.69, 11.87, 15.04)  # lat min, lat max, lon min, lon max


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def near(town, lat: float, lon: float, tolerance: float = 0.06) -> bool:
    return abs(town.lat - lat) < tolerance and abs(town.lon - lon) < tolerance


# --- coverage --------------------------------------------------------------------------------------

def test_every_saxon_municipality_has_coordinates_inside_saxony(rows):
    saxon = [r for r in rows if r["ags"].startswith("14")]
    assert len(saxon) >= 400
    assert len({r["ags"] for r in saxon}) == len(saxon)
    outside = [r["name"] for r in saxon
               if not (SAXONY[0] <= float(r["lat"]) <= SAXONY[1] and SAXONY[2] <= float(r["lon"]) <= SAXONY[3])]
    assert outside == []
    by_district = {}
    for r in saxon:
        by_district[r["district"]] = by_district.get(r["district"], 0) + 1
    assert by_district["Erzgebirgskreis"] == 59  # the district's municipalities since Aue-Bad Schlema (2019)
    assert set(by_district) == {"Chemnitz", "Dresden", "Leipzig", "Erzgebirgskreis", "Mittelsachsen",
                                "Vogtlandkreis", "Zwickau", "Bautzen", "Görlitz", "Meißen",
                                "Sächsische Schweiz-Osterzgebirge", "Landkreis Leipzig", "Nordsachsen"}


def test_neighbouring_districts_are_covered(rows):
    counts = {}
    for r in rows:
        counts[r["district"]] = counts.get(r["district"], 0) + 1
    assert counts["Altenburger Land"] >= 20 and counts["Greiz"] >= 30 and counts["Saale-Orla-Kreis"] >= 40
    assert counts["Gera"] == 1
    for okres in ("Chomutov", "Most", "Teplice", "Ústí nad Labem", "Karlovy Vary", "Cheb", "Sokolov", "Děčín",
                  "Liberec"):
        assert counts[f"Okres {okres}"] >= 5, okres
    assert all(r["lat"] and r["lon"] for r in rows)
    assert sum(1 for r in rows if r["country"] == "CZ") >= 150


@pytest.mark.parametrize("german, czech, lat, lon", [
    ("Komotau", "Chomutov", 50.46, 13.42), ("Brüx", "Most", 50.50, 13.64), ("Teplitz", "Teplice", 50.64, 13.82),
    ("Aussig", "Ústí nad Labem", 50.66, 14.03), ("Karlsbad", "Karlovy Vary", 50.23, 12.87),
    ("Eger", "Cheb", 50.08, 12.37), ("Klösterle an der Eger", "Klášterec nad Ohří", 50.38, 13.17),
    ("Görkau", "Jirkov", 50.50, 13.45), ("Kaaden", "Kadaň", 50.38, 13.27), ("Weipert", "Vejprty", 50.49, 13.03),
    ("Gottesgab", "Boží Dar", 50.41, 12.92), ("Schlackenwerth", "Ostrov", 50.31, 12.94),
    ("Tetschen", "Děčín", 50.78, 14.21), ("Reichenberg", "Liberec", 50.77, 15.06),
])
def test_bohemian_border_towns_answer_to_their_german_names(german, czech, lat, lon):
    town = gazetteer().lookup(german)
    assert town is not None and town.name == czech
    assert town.country == "CZ" and near(town, lat, lon)
    assert gazetteer().lookup(czech) is town


def test_hand_curated_spellings_are_kept():
    gaz = gazetteer()
    for written, canonical in [("Annaberg", "Annaberg-Buchholz"), ("Aue (Sachsen)", "Aue-Bad Schlema"),
                               ("Aue", "Aue-Bad Schlema"), ("Hammerunterwiesenthal", "Oberwiesenthal"),
                               ("Kurort Seiffen", "Seiffen/Erzgeb."), ("Rittersgrün", "Breitenbrunn/Erzgeb."),
                               ("Karl-Marx-Stadt", "Chemnitz")]:
        assert gaz.lookup(written).name == canonical, written
    assert gaz.towns["Annaberg-Buchholz"].postal_codes == ("09456",)
    assert set(gaz.towns["Aue-Bad Schlema"].postal_codes) == {"08280", "08301"}


@pytest.mark.parametrize("written, canonical", [
    ("Zöblitz", "Marienberg"), ("Kohren-Sahlis", "Frohburg"), ("Mylau", "Reichenbach im Vogtland"),
    ("Geising", "Altenberg"), ("Eibau", "Kottmar"), ("Schildau", "Belgern-Schildau"), ("Zwota", "Klingenthal"),
])
def test_merged_municipalities_name_their_successor(written, canonical):
    assert gazetteer().lookup(written).name == canonical


# --- parsing beyond the district ---------------------------------------------------------------------

def test_thuringian_address_gets_postal_code_town_and_coordinates():
    got = parse_place("Berufsbildungszentrum, Straße des Friedens 1, 07973 Greiz")
    assert (got.name, got.street, got.postal_code, got.town, got.district) == (
        "Berufsbildungszentrum", "Straße des Friedens 1", "07973", "Greiz", "Greiz")
    assert abs(got.lat - 50.66) < 0.05 and abs(got.lon - 12.20) < 0.05
    gera = parse_place("Bildungswerk, Heinrichstraße 30, 07545 Gera")
    assert (gera.town, gera.district) == ("Gera", "Gera") and abs(gera.lat - 50.88) < 0.05


def test_bohemian_address_with_czech_postal_code():
    got = parse_place("Střední odborná škola, Palackého 4, 430 01 Chomutov")
    assert (got.street, got.postal_code, got.town, got.district) == ("Palackého 4", "43001", "Chomutov",
                                                                     "Okres Chomutov")
    assert abs(got.lat - 50.46) < 0.05 and abs(got.lon - 13.42) < 0.05
    spelt = parse_place("Infozentrum, CZ-36301 Boží Dar")
    assert (spelt.postal_code, spelt.town) == ("36301", "Boží Dar")
    assert abs(spelt.lat - 50.41) < 0.05 and abs(spelt.lon - 12.92) < 0.05


def test_czech_codes_never_answer_a_german_one():
    gaz = gazetteer()
    assert gaz.lookup(None, "43001") is None
    assert gaz.lookup(None, "CZ-43001").name == "Chomutov"
    assert gaz.towns["Chomutov"].postal_codes == ()  # forms offering German codes never see a Czech one
    assert parse_place("Werkhalle, 43001 Irgendwo").town == "Irgendwo"


@pytest.mark.parametrize("text, town", [
    ("Rathaus, Markt 1, 01844 Neustadt", "Neustadt in Sachsen"),
    ("Volkshochschule, Hauptstraße 2, 07806 Neustadt", "Neustadt an der Orla"),
    ("Gemeindeamt, Hauptstraße 3, 08223 Neustadt", "Neustadt/Vogtl."),
    ("Kulturhaus, Ernst-Thälmann-Straße 1, 02994 Bernsdorf", "Bernsdorf (Bautzen)"),
    ("Gasthof, Hauptstraße 5, 09337 Bernsdorf", "Bernsdorf"),
    ("Bahnhofstraße 8, 08606 Oelsnitz", "Oelsnitz/Vogtl."),
])
def test_same_named_towns_told_apart_by_postal_code(text, town):
    assert parse_place(text).town == town


def test_without_postal_code_home_wins_or_the_name_stays_ambiguous():
    gaz = gazetteer()
    assert gaz.lookup("Hartmannsdorf").district == "Mittelsachsen"  # not Hartmannsdorf (Greiz)
    assert gaz.lookup("Bernsdorf").district == "Zwickau"  # not the town near Hoyerswerda
    # three Neustadts, none written so: the Vogtland one is the neighbour, the others are farther away
    assert gaz.lookup("Neustadt").name == "Neustadt/Vogtl."
    assert gaz.lookup("Oelsnitz") is None  # Erzgebirge or Vogtland: both at home
    assert [t.name for t in gaz.candidates("Oelsnitz")] == ["Oelsnitz/Erzgeb.", "Oelsnitz/Vogtl."]
    got = parse_place("Oelsnitz")
    assert (got.town, got.lat, got.name) == ("Oelsnitz", None, None)  # a town, not a venue name


def test_every_town_answers_to_its_own_name():
    gaz = gazetteer()
    assert [name for name, town in gaz.towns.items() if gaz.lookup(name) is not town] == []
    assert gaz.lookup("Ebersbach").district == "Meißen"  # a municipality, not the part of Döbeln


def test_lookups_stay_fast_with_the_bigger_gazetteer(rows):
    started = time.perf_counter()
    gaz = Gazetteer(rows)
    loaded = time.perf_counter() - started
    names = [r["name"] for r in rows] + ["Oelsnitz", "Neustadt", "Komotau", "Unbekanntdorf"]
    started = time.perf_counter()
    for _ in range(10):
        for name in names:
            gaz.lookup(name, "09456")
    looked_up = time.perf_counter() - started
    assert loaded < 2.0 and looked_up < 2.0, (loaded, looked_up)


# --- wbportal quality: places no town answers -------------------------------------------------------

def offer(source: str, n: int, place: str, **raw) -> dict:
    return build_offer({"source": source, "provider": "Anbieter", "url": f"https://{source}.example/kurs/{n}",
                        "fetched_at": "2026-11-24T08:00:00+00:00", "title": f"Staplerschein {n}", "place": place,
                        **raw}).to_record()


def records() -> list[dict]:
    return [
        offer("vhs", 1, "Volkshochschule, Klosterstraße 7, 09456 Annaberg-Buchholz"),
        offer("vhs", 2, "Gemeindesaal, Dorfstraße 1, 09999 Neudorf am Wald"),
        offer("vhs", 3, "Gemeindesaal, Dorfstraße 1, 09999 Neudorf am Wald"),
        offer("vhs", 4, "Oelsnitz"),
        offer("vhs", 5, "Online"),
        offer("bwa", 6, "Schulungszentrum, Teplitzer Straße 3, 430 01 Chomutov"),
        offer("bwa", 7, "Werkhalle Süd"),
    ]


def test_unknown_places_are_grouped_per_source_with_counts():
    from wbportal.ops.quality import unknown_places, unparsed

    report = unknown_places(records())
    assert report["vhs"] == [
        {"place": "09999 Neudorf am Wald", "offers": 2, "candidates": []},
        {"place": "Oelsnitz", "offers": 1, "candidates": ["Oelsnitz/Erzgeb.", "Oelsnitz/Vogtl."]},
    ]
    assert report["bwa"] == [{"place": "Werkhalle Süd", "offers": 1, "candidates": []}]
    assert unparsed(records())["place"] == [["09999 Neudorf am Wald", 2], ["Oelsnitz", 1], ["Werkhalle Süd", 1]]


def test_quality_command_lists_unknown_places(cli, tmp_path):
    from dbhelpers import catalogue_at
    from wbportal.paths import DataDir

    data_dir = tmp_path / "data"
    catalogue = catalogue_at(DataDir.resolve(data_dir).database_url)
    for source in ("vhs", "bwa"):
        mine = [r for r in records() if r["source"] == source]
        catalogue.apply(source, mine, remove_missing=True)
        catalogue.record_run(source=source, job="manual", started="2026-11-24T08:00:00", finished="2026-11-24T08:01:00",
                             status="ok", offers_valid=len(mine), offers_invalid=0)
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n" + "".join(
        f"  {key}:\n    provider: Anbieter {key}\n    strategy: html\n    start_urls: ['https://{key}.example/']\n"
        f"    list: {{item: 'article', fields: {{title: 'h2'}}}}\n" for key in ("vhs", "bwa")), encoding="utf-8")
    report = json.loads(cli("quality", "--json", "--sources", sources, data_dir=data_dir).stdout)
    assert report["vhs"]["unknown_places"][0] == {"place": "09999 Neudorf am Wald", "offers": 2, "candidates": []}
    assert [e["place"] for e in report["bwa"]["unknown_places"]] == ["Werkhalle Süd"]
    text = cli("quality", "--sources", sources, data_dir=data_dir).stdout
    assert ("places not in the gazetteer (2): '09999 Neudorf am Wald' (2x); "
            "'Oelsnitz' (1x, could be Oelsnitz/Erzgeb. or Oelsnitz/Vogtl.)") in text
