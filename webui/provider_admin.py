"""The office's management of provider and labour-market accounts (`/koordinierung/anbieter`,
admin only): the list of provider organisations (linked sources, users, hand-entered offers,
corrections flagged "Seite geändert") and labour-market organisations; inviting one (the
organisation, its user with a random password and a mailed set-password link); changing the
sources a provider owns. Every action goes into the audit log.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from wbportal import audit
from wbportal.config import load_sources
from wbportal.providers import accounts as orgs
from wbportal.providers import corrections
from wbportal.providers.directory import linked_sources
from wbportal.roles import OrgKind
from wbportal.users import AccountError
from wbportal.yamlfile import ConfigError

from .accounts import accounts, admin_required, send_reset_link
from .provider_forms import FIELD_LABELS, KIND_LABELS, KINDS, InviteForm, SourcesForm, show

bp = Blueprint("anbieter_verwaltung", __name__, url_prefix="/koordinierung/anbieter")

MAIL_DOWN = ("Die Einladung konnte gerade nicht verschickt werden, weil der E-Mail-Versand gestört ist. Es wurde kein "
             "Zugang angelegt. Bitte versuchen Sie es später erneut.")


def _db():
    return current_app.extensions["db"]


def _sources() -> dict:
    """sources.yaml key -> provider name; empty (with a message) when the file is broken."""
    try:
        return {key: s.provider for key, s in load_sources(current_app.config["SOURCES_FILE"]).sources.items()}
    except ConfigError as exc:
        flash(f"sources.yaml ist fehlerhaft: {exc}")
        return {}


def invitation_text(kind: OrgKind, name: str) -> str:
    """The opening of the invitation mail, in the words of the account's kind."""
    if kind is OrgKind.provider:
        return (f"die Koordinierungsstelle des Weiterbildungsverbunds Erzgebirge hat für {name} einen Zugang als "
                f"Bildungsanbieter im Weiterbildungsportal Erzgebirge angelegt. Dort sehen Sie Ihre Angebote so, wie "
                f"das Portal sie von Ihrer Webseite liest, mit Hinweisen auf fehlende Angaben; Sie können Angaben "
                f"korrigieren, nicht mehr buchbare Angebote verbergen, Angebote von Hand eintragen und auf Anfragen "
                f"der Koordinierungsstelle antworten.")
    return (f"die Koordinierungsstelle des Weiterbildungsverbunds Erzgebirge hat für {name} einen Zugang als "
            f"Arbeitsmarktakteur im Weiterbildungsportal Erzgebirge angelegt. Dort sehen Sie den Weiterbildungsbedarf "
            f"der Firmen in der Region, zusammengefasst und anonymisiert.")


def _index_page(form=None, errors=None, status: int = 200, error: str | None = None, values=None):
    sources = _sources()
    owners = orgs.source_owners(_db())
    providers = orgs.organisation_rows(_db(), OrgKind.provider)
    names = {p.id: p.name for p in providers}
    return render_template("provider_admin.html", providers=providers,
                           labour=orgs.organisation_rows(_db(), OrgKind.labour), sources=sources,
                           owners={key: names.get(org, "") for key, org in owners.items()},
                           kinds=list(KIND_LABELS.items()), errors=errors or {}, error=error,
                           values=values or {"art": "anbieter", "name": "", "email": "", "sources": []}), status


@bp.route("/")
@admin_required
def index():
    return _index_page()


@bp.route("/einladen", methods=["POST"])
@admin_required
def invite():
    sources = _sources()
    form = InviteForm(formdata=request.form)
    form.sources.choices = list(sources)
    values = {"art": request.form.get("art", "anbieter"), "name": request.form.get("name", "")[:200],
              "email": request.form.get("email", "")[:254], "sources": request.form.getlist("sources")}
    errors = form.first_errors() if not form.validate() else {}
    kind, labour_type = KINDS.get(form.art.data, (OrgKind.provider, ""))
    keys = list(dict.fromkeys(form.sources.data or []))
    if not errors:
        problems = orgs.check_sources(_db(), None, keys, set(sources))
        if problems:
            errors["sources"] = " ".join(problems.values())
    if not errors and accounts().user_by_email(form.email.data):
        errors["email"] = "Zu dieser E-Mail-Adresse gibt es schon einen Zugang. Bitte geben Sie eine andere an."
    if errors:
        return _index_page(errors=errors, status=422, values=values)
    try:
        invited = orgs.invite(_db(), accounts(), kind=kind, name=form.name.data, email=form.email.data, sources=keys,
                              labour_type=labour_type)
    except AccountError as exc:
        return _index_page(errors={"email": str(exc)}, status=422, values=values)
    try:
        send_reset_link(invited.user, invitation=invitation_text(kind, form.name.data))
    except OSError:  # no mail server: nothing is kept, so no account waits for a mail that never came
        current_app.logger.exception("invitation mail to a provider or labour-market actor not sent")
        orgs.withdraw_invitation(_db(), invited.organisation_id)
        return _index_page(status=503, error=MAIL_DOWN, values=values)
    audit.record(_db(), g.user.email, "provider.invited", f"org:{invited.organisation_id}", kind=kind.value,
                 name=form.name.data, email=invited.user.email, sources=keys, labour_type=labour_type)
    flash(f"Die Einladung an {invited.user.email} ({form.name.data}) ist verschickt.")
    return redirect(url_for("anbieter_verwaltung.index"))


def _organisation(company_id: int) -> dict:
    found = orgs.organisation(_db(), company_id)
    if found is None:
        abort(404)
    return found


def _organisation_page(found: dict, errors=None, status: int = 200, selected=None):
    sources = _sources()
    owners = orgs.source_owners(_db())
    linked = linked_sources(_db(), found["id"])
    names = {r.id: r.name for r in orgs.organisation_rows(_db(), OrgKind.provider)}
    changed = [{"o": record, "label": FIELD_LABELS.get(c.field, c.field), "value": show(c.field, c.value),
                "page_value": show(c.field, c.page_value)}
               for record, c in corrections.flagged(_db(), linked)] if found["kind"] == OrgKind.provider.value else []
    return render_template("provider_admin_org.html", org=found, users=accounts().users_of(found["id"]),
                           linked=linked, selected=linked if selected is None else selected, sources=sources,
                           owners={key: names.get(org, "") for key, org in owners.items() if org != found["id"]},
                           changed=changed, errors=errors or {},
                           row=next((r for r in orgs.organisation_rows(_db(), OrgKind(found["kind"]))
                                     if r.id == found["id"]), None)), status


@bp.route("/<int:company_id>")
@admin_required
def organisation(company_id: int):
    return _organisation_page(_organisation(company_id))


@bp.route("/<int:company_id>/quellen", methods=["POST"])
@admin_required
def sources(company_id: int):
    found = _organisation(company_id)
    if found["kind"] != OrgKind.provider.value:
        abort(404)
    known = _sources()
    form = SourcesForm(formdata=request.form)
    form.sources.choices = list(known)
    selected = request.form.getlist("sources")
    if not form.validate():
        return _organisation_page(found, form.first_errors(), 422, selected)
    keys = list(dict.fromkeys(form.sources.data or []))
    problems = orgs.check_sources(_db(), company_id, keys, set(known))
    if problems:
        return _organisation_page(found, {"sources": " ".join(problems.values())}, 422, selected)
    added, removed = orgs.set_sources(_db(), company_id, keys)
    if added or removed:
        audit.record(_db(), g.user.email, "provider.sources", f"org:{company_id}", added=added, removed=removed,
                     sources=sorted(keys))
        flash(f"Die Quellen von „{found['name']}“ sind gespeichert: {', '.join(sorted(keys)) or 'keine'}.")
    else:
        flash("Die Quellen sind unverändert.")
    return redirect(url_for("anbieter_verwaltung.organisation", company_id=company_id))


@bp.route("/<int:company_id>/erneut-einladen", methods=["POST"])
@admin_required
def reinvite(company_id: int):
    """The set-password link again (the first one expired after 24 hours), to every user of it."""
    found = _organisation(company_id)
    kind = OrgKind(found["kind"])
    try:
        for user in accounts().users_of(company_id):
            send_reset_link(user, invitation=invitation_text(kind, found["name"]))
    except OSError:
        current_app.logger.exception("invitation mail sent again not delivered")
        flash("Die Einladung konnte gerade nicht verschickt werden, weil der E-Mail-Versand gestört ist. Bitte "
              "versuchen Sie es später erneut.")
        return redirect(url_for("anbieter_verwaltung.organisation", company_id=company_id))
    audit.record(_db(), g.user.email, "provider.reinvited", f"org:{company_id}")
    flash(f"Die Einladung an {found['name']} ist erneut verschickt.")
    return redirect(url_for("anbieter_verwaltung.organisation", company_id=company_id))
