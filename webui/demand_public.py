"""Regional demand, anonymised, for training providers, labour-market actors and the office:
/nachfrage (page), /nachfrage.csv and /nachfrage.json show the same figures
(wbportal.needs.anonymised): no company name, and no figure from fewer than three companies,
directly or through sums."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, current_app, render_template

from wbportal.csvsafe import excel_csv
from wbportal.german import datum_zeit
from wbportal.needs.anonymised import (CSV_HEADER, FEW, FEW_REASON, HIDDEN, HIDDEN_REASON, MIN_COMPANIES, RULE,
                                       Report, anonymise, as_json, csv_rows, facts, firm_ids)
from wbportal.needs.demand import need_rows
from wbportal.roles import Role

from .accounts import roles_required
from .charts import bar_chart
from .downloads import csv_download, json_download

bp = Blueprint("nachfrage", __name__)
demand_readers = roles_required(Role.provider, Role.labour, Role.admin)


def _report() -> Report:
    rows = need_rows(current_app.extensions["needs"], current_app.extensions["searcher"], near=False)
    return anonymise(facts(rows, firm_ids(current_app.extensions["db"])))


@bp.route("/nachfrage")
@demand_readers
def index():
    report, as_of = _report(), datum_zeit(datetime.now(timezone.utc))
    trend = [(f.labels[0], float(f.needs)) for f in report.table("recorded") if f.shown]
    by_category = [(f.labels[0], float(f.persons)) for f in report.table("category") if f.shown]
    return render_template(
        "nachfrage.html", report=report, as_of=as_of, rule=RULE, min_companies=MIN_COMPANIES,
        few=FEW, few_reason=FEW_REASON, hidden=HIDDEN, hidden_reason=HIDDEN_REASON,
        trend_chart=bar_chart(trend, "Erfasste Bedarfe je Quartal (nur ausgewiesene Werte)",
                              desc="Zahl der noch aktiven Bedarfe nach dem Quartal, in dem sie erfasst wurden."),
        category_chart=bar_chart(by_category, "Personen mit Bedarf je Bereich (nur ausgewiesene Werte)",
                                 desc="Zahl der Beschäftigten, für die Firmen einen Bedarf im Bereich erfasst haben."))


@bp.route("/nachfrage.csv")
@demand_readers
def download_csv():
    return csv_download(excel_csv(CSV_HEADER, csv_rows(_report())), "nachfrage.csv")


@bp.route("/nachfrage.json")
@demand_readers
def download_json():
    as_of = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return json_download(as_json(_report(), as_of), "nachfrage.json")
