"""Legal pages from the operator's file: shipped template with a visible "not filled in" notice,
the operator's copy in the data directory wins, operator fields filled in, text escaped, a
broken file named with its line, footer links on every page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wbportal.legal import TEMPLATE, legal_page
from wbportal.yamlfile import ConfigError


def test_the_template_is_shown_with_a_notice_and_linked_from_every_page(client):
    for path in ("/impressum", "/datenschutz", "/barrierefreiheit"):
        page = client.get(path).get_data(as_text=True)
        assert "noch nicht vollständig ausgefüllt" in page, path
    start = client.get("/").get_data(as_text=True)
    for link in ('href="/impressum"', 'href="/datenschutz"', 'href="/barrierefreiheit"'):
        assert link in start and link in client.get("/gibt-es-nicht").get_data(as_text=True)
    assert "Koordinierungsstelle Weiterbildungsverbund Erzgebirge" in client.get("/impressum").get_data(as_text=True)


def test_the_operators_file_wins_fields_are_filled_and_text_escaped(client):
    data_dir = Path(client.application.config["INDEX_DIR"]).parent
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace('"[bitte ergänzen: Straße Hausnummer, PLZ Ort]"', '"Markt 1, 09456 Annaberg-Buchholz"')
    text = text.replace('"[bitte ergänzen: E-Mail-Adresse]"', '"kontakt@verbund.example"')
    text = text.replace('"[bitte ergänzen: Telefonnummer]"', '"03733 123456"')
    text = text.replace("[bitte ergänzen: vertretungsberechtigte Person]", "<script>alert(1)</script>Erika Muster")
    text = text.replace("[bitte ergänzen: Name und Anschrift der verantwortlichen Person]", "Erika Muster, Markt 1")
    (data_dir / "legal.yaml").write_text(text, encoding="utf-8")
    page = client.get("/impressum").get_data(as_text=True)
    assert "Markt 1, 09456 Annaberg-Buchholz" in page and "kontakt@verbund.example" in page
    assert "noch nicht vollständig ausgefüllt" not in page  # this page is complete now
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;Erika Muster" in page
    assert "noch nicht vollständig ausgefüllt" in client.get("/datenschutz").get_data(as_text=True)


def test_a_broken_file_is_named_with_its_line(tmp_path):
    shutil.copy(TEMPLATE, tmp_path / "legal.yaml")
    text = (tmp_path / "legal.yaml").read_text(encoding="utf-8").replace("    title: \"Impressum\"", "    titel: \"Impressum\"")
    (tmp_path / "legal.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        legal_page("impressum", tmp_path)
    assert "legal.yaml:" in str(err.value) and "titel" in str(err.value)


def test_legal_check_exits_1_while_placeholders_remain(cli, tmp_path):
    proc = cli("legal", "check", "--data-dir", tmp_path, returncode=1)
    assert "shipped template" in proc.stdout and "impressum" in proc.stdout
