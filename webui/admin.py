"""The coordination office (admin role): source health with run history, a page per source and
crawl buttons (one source, or all), demand across companies (grouped, unmet, joint-course
candidates, supply that fits, the office's follow-up of each need) with CSV, charts, and the list of companies and users with block and delete.

The web side never crawls or writes the index itself: a button starts `wbportal crawl` in the
background, and the per-source lock (wbportal/ops/locks.py) tells whether one is running."""
from __future__ import annotations


from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from index import SearchQuery
from normalize import category_label
from wbportal import office
from wbportal.audit import record
from wbportal.catalogue import Catalogue
from wbportal.config import load_sources
from wbportal.csvsafe import excel_csv
from wbportal.german import berlin, datum_zeit
from wbportal.needs.demand import by_category_and_area, joint_groups, need_rows, supply_by_category
from wbportal.needs.model import OfficeStatus
from wbportal.ops.locks import is_locked
from wbportal.yamlfile import ConfigError

from .accounts import admin_required
from .background import data_dir, start_cli
from .charts import bar_chart
from .downloads import csv_download
from .need_status_form import STATUS_VALUES, NeedStatusForm
from .office_labels import coverage_items, status_label, unparsed_items, warning

bp = Blueprint("admin", __name__, url_prefix="/koordinierung")


def _catalogue() -> Catalogue:
    return current_app.extensions["catalogue"]


def _running(key: str) -> bool:
    return is_locked(data_dir().lock_dir, key)


def _run_view(run: dict) -> dict:
    """A runs-table row with German words and Berlin times for the templates."""
    return dict(run, when=datum_zeit(run["started"]), status_label=status_label(run["status"]),
                warnings=[warning(e) for e in run.get("errors") or []],
                coverage_items=coverage_items(run.get("coverage")), unparsed_items=unparsed_items(run.get("unparsed")))


def _sources_or_flash():
    """The configured sources, or None after a German message on what is wrong with sources.yaml
    (the pages that act on a source go back to the sources list then)."""
    try:
        return load_sources(current_app.config["SOURCES_FILE"])
    except ConfigError as exc:
        flash(f"sources.yaml ist fehlerhaft: {exc}")
        return None


def _offers_chart(key: str, runs: list[dict]) -> str:
    """Offers found in each run, oldest first."""
    return bar_chart([(f"{r['when']} {r['status_label']}", float(r["offers_valid"] or 0)) for r in reversed(runs)],
                     f"Angebote je Abruf: {key}", bar=14,
                     desc=f"Gültige Angebote in den letzten {len(runs)} Abrufen der Quelle {key}, der älteste oben.")


@bp.route("/")
@admin_required
def sources():
    error, configured = None, []
    try:
        configured = list(load_sources(current_app.config["SOURCES_FILE"]).sources.values())
    except ConfigError as exc:
        error = str(exc)
    catalogue = _catalogue()
    rows = [{"source": s, "runs": [_run_view(r) for r in catalogue.runs(s.key, limit=10)],
             "live": catalogue.active_count(s.key), "running": _running(s.key)} for s in configured]
    for r in rows:
        r["chart"] = _offers_chart(r["source"].key, r["runs"])
    history = [(r["source"].key, float(r["runs"][0]["offers_valid"] or 0)) for r in rows if r["runs"]]
    idle = [r["source"].key for r in rows if r["source"].enabled and not r["running"]]
    return render_template("admin_sources.html", rows=rows, error=error, idle=idle,
                           chart=bar_chart(history, "Angebote je Quelle im letzten Lauf",
                                           desc="Gültige Angebote im jeweils letzten Abruf jeder Quelle."))


@bp.route("/quelle/<key>")
@admin_required
def source(key: str):
    """One source: its settings at a glance, whether it runs, and its run history with a chart."""
    sources = _sources_or_flash()
    if sources is None:
        return redirect(url_for("admin.sources"))
    configured = sources.sources
    if key not in configured:
        abort(404)
    catalogue = _catalogue()
    runs = [_run_view(r) for r in catalogue.runs(key, limit=30)]
    return render_template("admin_source.html", source=configured[key], runs=runs, running=_running(key),
                           live=catalogue.active_count(key), chart=_offers_chart(key, runs))


def _start_crawl(sources_path, keys: list[str]) -> None:
    """Starts `wbportal crawl KEY...` in the background (one process, the sources one after the
    other); the lock keeps it from overlapping a crawl started elsewhere."""
    start_cli("crawl", *keys, "--quiet", "--sources", str(sources_path))


def _back(key: str | None = None):
    target = request.form.get("zurueck")
    return redirect(url_for("admin.source", key=key) if key and target == "quelle" else url_for("admin.sources"))


@bp.route("/quelle/<key>/crawlen", methods=["POST"])
@admin_required
def crawl(key: str):
    sources = _sources_or_flash()
    if sources is None:
        return redirect(url_for("admin.sources"))
    if key not in sources.sources:
        return redirect(url_for("admin.sources"))
    if _running(key):
        flash(f"Der Abruf von „{key}“ läuft bereits. Das Ergebnis erscheint, sobald er fertig ist.")
        return _back(key)
    _start_crawl(sources.path, [key])
    flash(f"Der Abruf von „{key}“ ist gestartet. Das Ergebnis erscheint hier in einigen Minuten.")
    return _back(key)


@bp.route("/quellen/alle-abrufen", methods=["POST"])
@admin_required
def crawl_all():
    """Every enabled source whose crawl is not running, one after the other in one background
    process; running ones are skipped (and named), so a click never waits behind a lock."""
    sources = _sources_or_flash()
    if sources is None:
        return redirect(url_for("admin.sources"))
    enabled = [s.key for s in sources.sources.values() if s.enabled]
    busy = [key for key in enabled if _running(key)]
    keys = [key for key in enabled if key not in busy]
    if keys:
        _start_crawl(sources.path, keys)
        flash(f"Der Abruf von {len(keys)} Quellen ist gestartet ({', '.join(keys)}); sie werden nacheinander "
              f"abgerufen. Die Ergebnisse erscheinen hier nach und nach.")
    if busy:
        flash(f"Übersprungen, weil ihr Abruf gerade läuft: {', '.join(busy)}.")
    if not enabled:
        flash("Es ist keine Quelle aktiviert.")
    return redirect(url_for("admin.sources"))


def _status_filter() -> str:
    """The office status the lists are narrowed to (?status=...); unknown values mean all."""
    value = request.args.get("status", "")
    return value if value in STATUS_VALUES else ""


def _demand():
    rows = need_rows(current_app.extensions["needs"], current_app.extensions["searcher"])
    return rows, by_category_and_area(rows), [r for r in rows if r.matches == 0], joint_groups(rows)


def _demand_page(failed: tuple[int, NeedStatusForm] | None = None):
    """The demand page; `failed`: a need's status form that did not validate, shown at its row."""
    rows, table, unmet, groups = _demand()
    status = _status_filter()
    listed = [r for r in rows if not status or r.need.office_status == status]
    facets = current_app.extensions["searcher"].search(SearchQuery(page_size=1)).facets
    supply = supply_by_category(rows, dict(facets.get("category", [])))
    offer_months = sorted(facets.get("start_month", []))
    over_time: dict[tuple[str, str], int] = {}
    for r in rows:
        created = berlin(r.need.created)  # the month on the Berlin calendar, sortable; shown as mm/yyyy
        key = (created.strftime("%Y-%m") if created else "", category_label(r.need.category) if r.need.category else "ohne Bereich")
        over_time[key] = over_time.get(key, 0) + 1
    counts = {s.value: sum(r.need.office_status == s.value for r in rows) for s in OfficeStatus}
    errors, typed = {}, {}
    if failed is not None:
        errors[failed[0]] = failed[1].first_errors()
        typed[failed[0]] = {"status": failed[1].status.data, "notes": failed[1].notes.data}
    return render_template("admin_demand.html", rows=rows, listed=listed, table=table,
                           unmet=[r for r in unmet if not status or r.need.office_status == status], groups=groups, supply=supply,
                           status=status, statuses=list(OfficeStatus), status_counts=counts, errors=errors, typed=typed,
                           over_time=sorted(over_time.items()), offer_months=offer_months,
                           months_chart=bar_chart([(f"{m[4:]}/{m[:4]}", float(n)) for m, n in offer_months],
                                                  "Angebote je Startmonat"),
                           category_chart=bar_chart([(category_label(c), float(n)) for c, n in facets.get("category", [])],
                                                    "Angebote je Bereich"),
                           chart=bar_chart([(s.label, float(s.persons)) for s in supply], "Nachgefragte Personen je Bereich"),
                           supply_chart=bar_chart([(s.label, float(s.fitting)) for s in supply],
                                                  "Passende Angebote je Bereich (im Umkreis und Zeitraum der Bedarfe)"))


@bp.route("/bedarf")
@admin_required
def demand():
    return _demand_page()


@bp.route("/bedarf/<int:need_id>/status", methods=["POST"])
@admin_required
def need_status(need_id: int):
    """The office's follow-up of one need: status and notes (companies never see them)."""
    found = current_app.extensions["needs"].by_ids([need_id])
    if not found:
        abort(404)
    need, company = found[0]
    form = NeedStatusForm()
    if not form.validate():
        return _demand_page(failed=(need_id, form)), 422
    new = OfficeStatus(form.status.data)
    notes_changed = form.notes.data != need.office_notes
    current_app.extensions["needs"].set_office_status(need_id, new, form.notes.data)
    record(_db(), g.user.email, "need.status", f"need:{need_id}", status=new.value, previous=need.office_status,
           notes_changed=notes_changed)
    flash(f"Bedarf „{need.topic}“ ({company}): {new.label}" + (", Notizen gespeichert." if notes_changed else "."))
    return redirect(url_for("admin.demand", status=_status_filter() or None) + f"#bedarf-{need_id}")


@bp.route("/bedarf.csv")
@admin_required
def demand_csv():
    rows, _, _, groups = _demand()
    group_of = {id(r): i + 1 for i, g in enumerate(groups) for r in g.rows}
    status = _status_filter()
    header = ["Firma", "Thema", "Bereich", "Region", "Ort", "Personen", "Beginn ab", "Beginn bis",
              "passende Angebote", "knapp daneben", "Gruppe für gemeinsamen Kurs", "erfasst am",
              "Status (Koordinierungsstelle)", "Notizen der Koordinierungsstelle"]
    text = excel_csv(header, ([r.company, r.need.topic, category_label(r.need.category) if r.need.category else None,
                               r.district, r.town, r.need.employees, r.need.earliest, r.need.latest, r.matches,
                               r.near_misses, group_of.get(id(r)), berlin(r.need.created),
                               OfficeStatus(r.need.office_status).label, r.need.office_notes]
                              for r in rows if not status or r.need.office_status == status))
    return csv_download(text, "bedarf.csv")


# -- companies and users: spotting and removing bogus sign-ups ------------------------------------
def _db():
    return current_app.extensions["db"]


@bp.route("/konten")
@admin_required
def accounts_list():
    return render_template("admin_accounts.html", companies=office.company_rows(_db()), users=office.user_rows(_db()))


def _not_self(user_id: int) -> bool:
    if user_id == g.user.id:
        flash("Ihr eigenes Konto können Sie hier nicht sperren oder löschen.")
        return False
    return True


@bp.route("/benutzer/<int:user_id>/sperren", methods=["POST"], defaults={"on": True})
@bp.route("/benutzer/<int:user_id>/entsperren", methods=["POST"], defaults={"on": False})
@admin_required
def block_user(user_id: int, on: bool):
    row = office.user_row(_db(), user_id)
    if row is None:
        abort(404)
    if _not_self(user_id):
        office.set_disabled(_db(), user_id, on)
        flash(f"{row.email} ist gesperrt und kann sich nicht mehr anmelden." if on else f"{row.email} ist entsperrt.")
    return redirect(url_for("admin.accounts_list"))


@bp.route("/benutzer/<int:user_id>/loeschen", methods=["GET", "POST"])
@admin_required
def delete_user(user_id: int):
    row = office.user_row(_db(), user_id)
    if row is None:
        abort(404)
    if not _not_self(user_id):
        return redirect(url_for("admin.accounts_list"))
    if request.method == "POST":
        office.delete_user(_db(), current_app.extensions["accounts"], user_id)
        flash(f"Der Benutzer {row.email} ist gelöscht. Die Firma {row.company_name} und ihre Bedarfe bleiben erhalten.")
        return redirect(url_for("admin.accounts_list"))
    return render_template("admin_delete.html", kind="user", user=row, company=None)


@bp.route("/firma/<int:company_id>/loeschen", methods=["GET", "POST"])
@admin_required
def delete_company(company_id: int):
    row = office.company_row(_db(), company_id)
    if row is None:
        abort(404)
    if row.office:
        flash("Der Eintrag der Koordinierungsstelle selbst kann nicht gelöscht werden.")
        return redirect(url_for("admin.accounts_list"))
    if request.method == "POST":
        office.delete_whole_company(_db(), company_id)
        flash(f"Die Firma {row.name} ist mit allen ihren Benutzern und Daten gelöscht.")
        return redirect(url_for("admin.accounts_list"))
    return render_template("admin_delete.html", kind="company", company=row, user=None)
