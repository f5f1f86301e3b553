"""The shipped qualification catalogue (wbportal/data/qualifications.yaml) and its validation:
every training of DOMAIN.md's coordinator table is there with its interval, and every broken
file names its line, the entry and the problem."""
from __future__ import annotations

import tomllib
from argparse import Namespace
from pathlib import Path

import pytest

from wbportal.qualifications.catalogue import (DEFAULT_PATH, check_catalogue, cmd_qualifications_check,
                                               load_catalogue)
from wbportal.yamlfile import ConfigError

BAD = Path(__file__).parent / "fixtures" / "qualifications" / "bad"
ROOT = Path(__file__).resolve().parent.parent

# DOMAIN.md "In-company coordinators", row by row: the catalogue ids and validity in months
# (None: does not expire) the rules there ask for.
DOMAIN_TRAININGS = {
    "unterweisung_allgemein": 12,          # general safety instruction: at least yearly
    "unterweisung_jugendliche": 6,         # ... half-yearly for under-18s
    "ersthelfer": 24,                      # first-aider refresher every 2 years
    "staplerfahrer": None,                 # forklift: written authorisation once
    "stapler_unterweisung": 12,            # ... instruction yearly
    "schweisser_iso9606": 24,              # welder ISO 9606-1: revalidation every 2 years
    "brandschutzhelfer": 36,               # fire-safety assistant: every 3-5 years
    "eup_unterweisung": 12,                # electrically instructed person: yearly
    "kranfuehrer": None,                   # crane operator: written authorisation
    "kran_unterweisung": 12,               # ... instruction yearly
    "hubarbeitsbuehne": None,              # mobile elevating work platform: written authorisation
    "hubarbeitsbuehne_unterweisung": 12,   # ... instruction yearly
    "berufskraftfahrer": 60,               # professional driver: every 5 years
    "adr_fahrer": 60,                      # ADR driver: certificate valid 5 years
    "gefahrgutbeauftragter": 60,           # dangerous-goods officer: certificate valid 5 years
    "ifsg_belehrung": 24,                  # food handling (§ 43 IfSG): every 2 years
    "datenschutz": 24,                     # data protection: yearly to every 2 years in practice
    "sicherheitsbeauftragter": 36,         # safety officer: every 3-5 years recommended
}


def test_shipped_catalogue_has_every_domain_training():
    catalogue = load_catalogue()
    assert {qid: q.validity_months for qid, q in catalogue.items()} == DOMAIN_TRAININGS
    for q in catalogue.values():
        assert q.label and q.legal_basis and (q.search or q.category), q.id
        assert not q.own


def test_renewals_that_need_a_long_run_up_are_reminded_early():
    catalogue = load_catalogue()
    # ADR and the dangerous-goods officer renew in the certificate's last year without losing time.
    assert catalogue["adr_fahrer"].lead_days == catalogue["gefahrgutbeauftragter"].lead_days == 365
    # ISO 9606-1 revalidation welds come from the last six months of the validity.
    assert catalogue["schweisser_iso9606"].lead_days == 180
    assert catalogue["ersthelfer"].legal_basis == "§ 26 DGUV Vorschrift 1"


def test_default_load_is_cached_but_callers_get_their_own_dict():
    first = load_catalogue()
    first.pop("ersthelfer")
    assert "ersthelfer" in load_catalogue()
    assert load_catalogue(DEFAULT_PATH) == load_catalogue()


def test_catalogue_file_is_package_data():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.yaml" in pyproject["tool"]["setuptools"]["package-data"]["wbportal"]
    assert DEFAULT_PATH == ROOT / "wbportal" / "data" / "qualifications.yaml"


def test_own_file_loads(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("qualifications:\n"
                    "  - {id: motorsaege, label: Motorsägenschein, validity: none, category: holz}\n"
                    "  - {id: unterweisung, label: Unterweisung, validity: yearly, search: Unterweisung}\n"
                    "  - {id: hygiene, label: Hygieneschulung, validity: {months: 18}, lead_days: 0, search: Hygiene}\n",
                    encoding="utf-8")
    got = load_catalogue(path)
    assert [(q.id, q.validity_months, q.lead_days, q.category, q.search) for q in got.values()] == [
        ("motorsaege", None, 60, "holz", ""), ("unterweisung", 12, 60, "", "Unterweisung"),
        ("hygiene", 18, 0, "", "Hygiene")]


@pytest.mark.parametrize("name, line, words", [
    ("unknown_key.yaml", 7, ["qualification 'brandschutzhelfer'", "unknown key 'lable'", "did you mean 'label'"]),
    ("duplicate_id.yaml", 7, ["qualification 'ersthelfer'", "duplicate id", "first defined on line 2"]),
    ("bad_validity.yaml", 5, ["qualification 'datenschutz'", "validity", "'2 Jahre'",
                              "expected 'yearly', 'none' or 'months: N'"]),
    ("bad_months.yaml", 5, ["qualification 'ersthelfer'", "validity: months", "1 to 600", "got 0"]),
    ("missing_validity.yaml", 2, ["qualification 'staplerfahrer'", "validity: required but missing"]),
    ("negative_lead.yaml", 9, ["qualification 'eup_unterweisung'", "lead_days", "0 or more", "-30"]),
    ("lead_too_long.yaml", 5, ["qualification 'unterweisung_allgemein'", "lead_days", "400",
                               "not shorter than the validity (12 months)"]),
    ("unknown_category.yaml", 6, ["qualification 'ersthelfer'", "category", "unknown category 'erstehilfe'",
                                  "did you mean 'erste_hilfe'"]),
    ("no_search.yaml", 6, ["qualification 'brandschutzhelfer'", "needs 'search'", "'category'"]),
    ("bad_id.yaml", 2, ["qualification 'Erste-Hilfe'", "id:", "snake_case"]),
    ("own_prefix_id.yaml", 2, ["qualification 'c12'", "must not start with 'c'"]),
    ("duplicate_key.yaml", 5, ["duplicate key 'label'", "line 3"]),
    ("wrong_top.yaml", 1, ["top-level key 'qualifications:'"]),
])
def test_bad_catalogue_files_are_explained(name, line, words):
    with pytest.raises(ConfigError) as info:
        check_catalogue(BAD / name)
    err = info.value
    assert err.file.endswith(name)
    assert err.line == line, str(err)
    assert str(err).startswith(f"{BAD / name}:{line}: ")
    for word in words:
        assert word in str(err), str(err)


def test_check_command_prints_one_line_per_entry(capsys):
    assert cmd_qualifications_check(Namespace(file=None)) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(DOMAIN_TRAININGS) + 1
    assert out[-1] == f"{DEFAULT_PATH}: {len(DOMAIN_TRAININGS)} qualifications OK"
    assert out[0].startswith("unterweisung_allgemein: yearly, remind 30 days ahead")
    assert any(line.startswith("staplerfahrer: no expiry") for line in out)


def test_check_command_fails_on_a_bad_file(capsys):
    with pytest.raises(ConfigError, match=r"negative_lead\.yaml:9"):
        cmd_qualifications_check(Namespace(file=str(BAD / "negative_lead.yaml")))
    assert "OK" not in capsys.readouterr().out
