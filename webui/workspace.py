"""The Kümmerer's workspace: staff list, qualification matrix (with filters, phone view), held
qualifications, job requirements, own qualifications, spreadsheet import with preview, CSV and
iCal export, knowledge risks. Staff data is visible to users of the same company only: Kümmerer
edit; colleagues read when the company allows it; the office never sees it."""
from __future__ import annotations

import base64
import binascii
from datetime import date
from functools import wraps

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   url_for)

from wbportal.qualifications.model import Person, Qualification
from wbportal.qualifications.spreadsheet import read_matrix_csv, write_matrix_csv
from wbportal.qualifications.workspace import FILTER_DAYS, Workspace

from .accounts import accounts, base_url, local_path
from .forms import HoldingForm, OwnQualificationForm, PersonForm, PortalForm, RequirementForm
from .downloads import csv_download
from .query import to_int

bp = Blueprint("workspace", __name__)
MAX_UPLOAD = 1_000_000  # bytes: a spreadsheet of a small firm is a few kB


def workspace() -> Workspace:
    return Workspace(current_app.extensions["db"])


def _may_read() -> bool:
    if g.get("user") is None or g.user.is_admin:
        return False
    if g.user.kuemmerer:
        return True
    company = accounts().company(g.user.company_id)
    return bool(company and company["matrix_for_all"])


def reader_required(view):
    """Users of the company who may see its matrix; the office never sees staff data."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("accounts.login", weiter=request.full_path))
        if not _may_read():
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def kuemmerer_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("accounts.login", weiter=request.full_path))
        if g.user.is_admin or not g.user.kuemmerer:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def _person_or_404(person_id: int) -> Person:
    person = workspace().store.person(g.user.company_id, person_id)
    if person is None:
        abort(404)  # another company's person does not exist for this company
    return person


def _qualification_or_404(qualification_id: str) -> Qualification:
    q = workspace().qualifications(g.user.company_id).get(qualification_id)
    if q is None:
        abort(404)
    return q


def clean_text(value: str | None, limit: int) -> str:
    """Form text as stored: stripped, without control characters (PostgreSQL refuses NUL), cut."""
    text = "".join(ch for ch in (value or "") if ch >= " " or ch == "\t").strip()
    return text[:limit]


def _postal_code(company_id: int) -> str:
    return accounts().company(company_id)["postal_code"]


def _sync(company_id: int) -> None:
    """Generated needs follow every change of the matrix at once."""
    workspace().sync_renewal_needs(company_id, _postal_code(company_id))


# -- the matrix -------------------------------------------------------------------------------------
@bp.route("/qualifikationen")
@reader_required
def matrix():
    ws = workspace()
    due = to_int(request.args.get("faellig"), None, 1, 3650)
    due = due if due in FILTER_DAYS else None
    expired = request.args.get("abgelaufen") == "1"
    quals = ws.qualifications(g.user.company_id)
    selected = request.args.get("qualifikation") or None
    selected = selected if selected in quals else None
    view = ws.matrix(g.user.company_id, due_days=due, expired=expired, qualification=selected)
    return render_template("matrix.html", view=view, due=due, expired=expired, selected=selected,
                           filter_days=FILTER_DAYS, all_columns=view.all_columns,
                           renewals=ws.due(g.user.company_id), can_edit=g.user.kuemmerer)


# -- staff list and held qualifications --------------------------------------------------------------
@bp.route("/mitarbeitende")
@reader_required
def staff():
    return _staff_page()


def _staff_page(failed: str = "", form: PortalForm | None = None):
    """The staff page; after a failed form (`failed` names it: "add", "hold<id>", "req", "own") with
    its messages at the fields and what was typed, answered with 422."""
    ws = workspace()
    company = g.user.company_id
    people = ws.store.people(company, archived=True)
    quals = ws.qualifications(company)
    held: dict[int, list] = {}
    for h in ws.store.holdings(company):
        if h.qualification in quals:
            held.setdefault(h.staff_id, []).append((quals[h.qualification], h))
    errors = {failed: form.first_errors()} if form is not None else {}
    page = render_template("staff.html", people=people, held=held, qualifications=quals,
                           requirements=ws.store.requirements(company),
                           own=ws.store.own_qualifications(company), can_edit=g.user.kuemmerer,
                           error=None, this_year=date.today().year, form_errors=errors,
                           typed={failed: request.form} if form is not None else {})
    return (page, 422) if form is not None else page


@bp.route("/mitarbeitende/neu", methods=["POST"])
@kuemmerer_required
def person_add():
    form = PersonForm(request.form)
    if not form.validate():
        return _staff_page("add", form)
    person = Person(None, g.user.company_id, form.name.data, form.job.data, form.leaving_year.data)
    workspace().store.save_person(g.user.company_id, person)
    flash(f"{person.name} ist in der Liste.")
    return redirect(url_for("workspace.staff"))


@bp.route("/mitarbeitende/<int:person_id>", methods=["GET", "POST"])
@kuemmerer_required
def person_edit(person_id: int):
    old = _person_or_404(person_id)
    if request.method == "POST":
        form = PersonForm(request.form)
        if not form.validate():
            return render_template("person_form.html", person=old, errors=form.first_errors(), typed=request.form), 422
        person = Person(person_id, g.user.company_id, form.name.data, form.job.data, form.leaving_year.data)
        person.archived = old.archived
        workspace().store.save_person(g.user.company_id, person)
        flash("Die Änderungen sind gespeichert.")
        return redirect(url_for("workspace.staff"))
    return render_template("person_form.html", person=old, errors={}, typed=None)


@bp.route("/mitarbeitende/<int:person_id>/archivieren", methods=["POST"])
@kuemmerer_required
def person_archive(person_id: int):
    person = _person_or_404(person_id)
    person.archived = not person.archived
    workspace().store.save_person(g.user.company_id, person)
    _sync(g.user.company_id)
    flash(f"{person.name} ist {'archiviert' if person.archived else 'wieder aktiv'}.")
    return redirect(url_for("workspace.staff"))


@bp.route("/mitarbeitende/<int:person_id>/loeschen", methods=["POST"])
@kuemmerer_required
def person_delete(person_id: int):
    person = _person_or_404(person_id)
    workspace().store.delete_person(g.user.company_id, person_id)
    _sync(g.user.company_id)
    flash(f"{person.name} und alle Angaben zu dieser Person sind gelöscht.")
    return redirect(url_for("workspace.staff"))


@bp.route("/mitarbeitende/<int:person_id>/qualifikation", methods=["POST"])
@kuemmerer_required
def holding_set(person_id: int):
    person = _person_or_404(person_id)
    q = _qualification_or_404(request.form.get("qualification", ""))
    form = HoldingForm(request.form)
    if not form.validate():
        return _staff_page(f"hold{person.id}", form)
    acquired, until = form.acquired.data, form.valid_until.data
    workspace().save_holding(g.user.company_id, person.id, q, acquired, until)
    _sync(g.user.company_id)
    flash(f"{q.label} für {person.name} ist gespeichert.")
    return redirect(local_path(request.form.get("zurueck"), url_for("workspace.staff")))


@bp.route("/mitarbeitende/<int:person_id>/qualifikation/entfernen", methods=["POST"])
@kuemmerer_required
def holding_remove(person_id: int):
    person = _person_or_404(person_id)
    workspace().store.remove_holding(g.user.company_id, person.id, request.form.get("qualification", "")[:80])
    _sync(g.user.company_id)
    flash("Der Eintrag ist entfernt.")
    return redirect(url_for("workspace.staff"))


# -- requirements and own qualifications ------------------------------------------------------------
@bp.route("/qualifikationen/anforderung", methods=["POST"])
@kuemmerer_required
def requirement_set():
    q = _qualification_or_404(request.form.get("qualification", ""))
    form = RequirementForm(request.form)
    if not form.validate():
        return _staff_page("req", form)
    job = form.job.data
    required = request.form.get("required", "1") == "1"
    workspace().store.set_requirement(g.user.company_id, job, q.id, required)
    flash(f"„{job}“ braucht {q.label}." if required else f"„{job}“ braucht {q.label} nicht mehr.")
    return redirect(url_for("workspace.staff"))


@bp.route("/qualifikationen/eigene", methods=["POST"])
@kuemmerer_required
def own_add():
    form = OwnQualificationForm(request.form)
    if not form.validate():
        return _staff_page("own", form)
    label, validity = form.label.data, form.validity_months.data
    lead = form.lead_days.data if form.lead_days.data is not None else 60
    workspace().store.add_own_qualification(g.user.company_id, Qualification(
        "", label, validity_months=validity, lead_days=min(lead, (validity or 1000) * 28),
        search=form.search.data or label, own=True))
    flash(f"„{label}“ ist als eigene Qualifikation angelegt.")
    return redirect(url_for("workspace.staff"))


@bp.route("/qualifikationen/eigene/<qualification_id>/loeschen", methods=["POST"])
@kuemmerer_required
def own_delete(qualification_id: str):
    if not workspace().store.delete_own_qualification(g.user.company_id, qualification_id[:20]):
        abort(404)
    _sync(g.user.company_id)
    flash("Die eigene Qualifikation und alle Einträge dazu sind gelöscht.")
    return redirect(url_for("workspace.staff"))


# -- import and export --------------------------------------------------------------------------------
@bp.route("/qualifikationen/import", methods=["GET", "POST"])
@kuemmerer_required
def import_sheet():
    """Upload -> preview (nothing saved) -> confirm (the same bytes, carried in the form) -> saved."""
    ws = workspace()
    quals = ws.qualifications(g.user.company_id)
    if request.method == "GET":
        return render_template("matrix_import.html", preview=None, payload="", error=None)
    if "datei" in request.files:
        data = request.files["datei"].read(MAX_UPLOAD + 1)
    else:
        try:
            data = base64.b64decode(request.form.get("payload", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
    if not data:
        return render_template("matrix_import.html", preview=None, payload="",
                               error="Bitte wählen Sie eine CSV-Datei aus."), 400
    if len(data) > MAX_UPLOAD:
        return render_template("matrix_import.html", preview=None, payload="",
                               error="Die Datei ist größer als 1 MB. Bitte teilen Sie sie auf."), 400
    preview = read_matrix_csv(data, quals)
    if request.form.get("speichern") != "1" or not preview.rows:
        return render_template("matrix_import.html", preview=preview, payload=base64.b64encode(data).decode(),
                               error=None, qualifications=quals)
    saved = _save_import(ws, preview, quals)
    flash(f"{saved} Einträge aus der Tabelle sind gespeichert. Nicht lesbare Zeilen wurden übersprungen.")
    return redirect(url_for("workspace.matrix"))


def _save_import(ws: Workspace, preview, quals) -> int:
    company = g.user.company_id
    people = {p.name.casefold(): p for p in ws.store.people(company, archived=True)}
    for person in preview.people:
        if person.name.casefold() not in people:
            new = Person(None, company, person.name, person.job)
            new.id = ws.store.save_person(company, new)
            people[person.name.casefold()] = new
    for row in preview.rows:
        ws.save_holding(company, people[row.name.casefold()].id, quals[row.qualification], row.acquired, row.valid_until)
    _sync(company)
    return len(preview.rows)


@bp.route("/qualifikationen/export.csv")
@reader_required
def export_csv():
    ws = workspace()
    company = g.user.company_id
    text = write_matrix_csv(ws.store.people(company, archived=True), ws.store.holdings(company),
                            ws.qualifications(company))
    return csv_download(text, "qualifikationsmatrix.csv")


@bp.route("/qualifikationen/kalender", methods=["GET", "POST"])
@kuemmerer_required
def calendar_settings():
    renew = request.method == "POST"
    token = accounts().calendar_token(g.user.company_id, renew=renew)
    if renew:
        flash("Die Kalender-Adresse ist erneuert. Die alte Adresse funktioniert nicht mehr.")
        return redirect(url_for("workspace.calendar_settings"))
    return render_template("matrix_calendar.html",
                           feed=f"{base_url()}{url_for('workspace.calendar_feed', token=token)}")


@bp.route("/kalender/<token>.ics")
def calendar_feed(token: str):
    """The company's due dates for a calendar app; the URL itself is the secret (renewable)."""
    from wbportal.qualifications.calendar import due_calendar

    company_id = accounts().company_by_calendar_token(token)
    if company_id is None:
        abort(404)
    ws = workspace()
    body = due_calendar(accounts().company(company_id)["name"], ws.store.people(company_id),
                        ws.store.holdings(company_id), ws.qualifications(company_id),
                        base_url=base_url())
    return Response(body, mimetype="text/calendar", headers={"Cache-Control": "private, no-store"})


# -- knowledge risks ------------------------------------------------------------------------------------
@bp.route("/qualifikationen/risiken")
@reader_required
def risks():
    years = to_int(request.args.get("jahre"), 3, 1, 15)
    return render_template("matrix_risks.html", risks=workspace().risks(g.user.company_id, years), years=years,
                           can_edit=g.user.kuemmerer)


@bp.route("/qualifikationen/risiken/<qualification_id>/bedarf", methods=["POST"])
@kuemmerer_required
def risk_need(qualification_id: str):
    _qualification_or_404(qualification_id)
    need_id = workspace().need_from_risk(g.user.company_id, qualification_id, _postal_code(g.user.company_id))
    flash("Der Bedarf „zweite Person qualifizieren“ ist angelegt.")
    return redirect(url_for("needs.show", need_id=need_id))
