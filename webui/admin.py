"""The coordination office (admin role): source health with run history and a crawl button,
demand across companies (grouped, unmet, joint-course candidates) with CSV, and charts."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for

from index import SearchQuery
from normalize import category_label
from wbportal.catalogue import Catalogue
from wbportal.config import load_sources
from wbportal.csvsafe import spreadsheet_cell
from wbportal.needs.demand import by_category_and_area, joint_groups, need_rows
from wbportal.yamlfile import ConfigError

from .accounts import admin_required
from .charts import bar_chart

bp = Blueprint("admin", __name__, url_prefix="/koordinierung")


def _catalogue() -> Catalogue:
    return current_app.extensions["catalogue"]


@bp.route("/")
@admin_required
def sources():
    error, configured = None, []
    try:
        configured = list(load_sources(current_app.config["SOURCES_FILE"]).sources.values())
    except ConfigError as exc:
        error = str(exc)
    catalogue = _catalogue()
    rows = [{"source": s, "runs": catalogue.runs(s.key, limit=10), "live": catalogue.active_count(s.key)}
            for s in configured]
    for r in rows:  # offers found in each of the last runs, oldest first
        r["chart"] = bar_chart([(f"{run['started'][:10]} {run['status']}", float(run["offers_valid"] or 0))
                                for run in reversed(r["runs"])], f"Angebote je Abruf: {r['source'].key}", bar=14)
    history = [(r["source"].key, float(r["runs"][0]["offers_valid"] or 0)) for r in rows if r["runs"]]
    return render_template("admin_sources.html", rows=rows, error=error,
                           chart=bar_chart(history, "Angebote je Quelle im letzten Lauf"))


@bp.route("/quelle/<key>/crawlen", methods=["POST"])
@admin_required
def crawl(key: str):
    """Starts `wbportal crawl KEY` in the background; the lock keeps it from overlapping."""
    sources = load_sources(current_app.config["SOURCES_FILE"])
    if key not in sources.sources:
        return redirect(url_for("admin.sources"))
    data_dir = str(Path(current_app.config["INDEX_DIR"]).parent)
    subprocess.Popen([sys.executable, "-m", "wbportal.cli", "crawl", key, "--quiet", "--sources",
                      str(sources.path), "--data-dir", data_dir], cwd=Path(__file__).resolve().parent.parent,
                     env=dict(os.environ, WBPORTAL_DATABASE_URL=current_app.config["DATABASE_URL"]),
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    flash(f"Der Abruf von „{key}“ ist gestartet. Das Ergebnis erscheint hier in einigen Minuten.")
    return redirect(url_for("admin.sources"))


def _demand():
    rows = need_rows(current_app.extensions["needs"], current_app.extensions["searcher"])
    return rows, by_category_and_area(rows), [r for r in rows if r.matches == 0], joint_groups(rows)


@bp.route("/bedarf")
@admin_required
def demand():
    rows, table, unmet, groups = _demand()
    supply = dict(current_app.extensions["searcher"].search(SearchQuery(page_size=1)).facets.get("category", []))
    demand_by_cat: dict[str, int] = {}
    for r in rows:
        demand_by_cat[r.need.category or "sonstiges"] = demand_by_cat.get(r.need.category or "sonstiges", 0) + r.need.employees
    versus = [(category_label(c), n, supply.get(c, 0)) for c, n in sorted(demand_by_cat.items(), key=lambda kv: -kv[1])]
    facets = current_app.extensions["searcher"].search(SearchQuery(page_size=1)).facets
    offer_months = sorted(facets.get("start_month", []))
    over_time: dict[tuple[str, str], int] = {}
    for r in rows:
        key = ((r.need.created or "")[:7], category_label(r.need.category) if r.need.category else "ohne Bereich")
        over_time[key] = over_time.get(key, 0) + 1
    return render_template("admin_demand.html", rows=rows, table=table, unmet=unmet, groups=groups, versus=versus,
                           over_time=sorted(over_time.items()), offer_months=offer_months,
                           months_chart=bar_chart([(f"{m[4:]}/{m[:4]}", float(n)) for m, n in offer_months],
                                                  "Angebote je Startmonat"),
                           category_chart=bar_chart([(category_label(c), float(n)) for c, n in facets.get("category", [])],
                                                    "Angebote je Bereich"),
                           chart=bar_chart([(c, float(n)) for c, n, _ in versus], "Nachgefragte Personen je Bereich"),
                           supply_chart=bar_chart([(c, float(s)) for c, _, s in versus], "Aktuelle Angebote je Bereich"))


@bp.route("/bedarf.csv")
@admin_required
def demand_csv():
    rows, _, _, groups = _demand()
    group_of = {id(r): i + 1 for i, g in enumerate(groups) for r in g.rows}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Firma", "Thema", "Bereich", "Region", "Ort", "Personen", "Beginn ab", "Beginn bis",
                     "passende Angebote", "knapp daneben", "Gruppe für gemeinsamen Kurs"])
    for r in rows:
        cells = [r.company, r.need.topic, category_label(r.need.category) if r.need.category else "", r.district,
                 r.town or "", r.need.employees, r.need.earliest or "", r.need.latest or "", r.matches,
                 r.near_misses, group_of.get(id(r), "")]
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="bedarf.csv"'})
