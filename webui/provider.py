"""The provider area (`/anbieter`, provider role only): the organisation's offers as the portal
crawled them with per-field quality warnings, corrections of crawled fields (flagged when the
provider's page changes the field later), hiding an offer that can no longer be booked, and
offers entered by hand.

Everything here is stored only; `webui.background.start_publish()` then brings it into the
catalogue and the index (`wbportal publish`). An offer of another organisation's sources does not
exist for this one (404 on every route).
"""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from normalize import OfferError, category_label, enums, taxonomy
from normalize.enums import CERTIFICATE_LABELS, FORMAT_LABELS
from wbportal.providers import MANUAL_PREFIX, corrections, manual
from wbportal.providers.accounts import offer_of, offers_of
from wbportal.providers.directory import linked_sources
from wbportal.providers.quality import offer_warnings

from . import background
from .accounts import base_url, provider_required
from .provider_forms import (BUILD_FIELDS, CORRECTION_FORMS, FIELD_LABELS, ManualOfferForm, correction_form_data,
                             manual_form_data, show, warning_text)

bp = Blueprint("anbieter", __name__, url_prefix="/anbieter")
ANSWERS_URL = "/antwort/meine"  # "Anfragen an Sie" (webui/answers.py, endpoint antwort.mine)
SUBMITTED = "manual_forms_submitted"  # session: one-time token of a new-offer form -> the offer it saved


def _choices() -> dict:
    return {"categories": [(c, category_label(c)) for c in taxonomy()],
            "formats": [(f, FORMAT_LABELS[f]) for f in enums.FORMATS], "fundings": enums.FUNDINGS,
            "certificates": [(c, CERTIFICATE_LABELS[c]) for c in enums.CERTIFICATES]}


def _db():
    return current_app.extensions["db"]


def _catalogue():
    return current_app.extensions["catalogue"]


def _own_crawled(offer_id: str) -> dict:
    """A crawled offer of the organisation's sources; anything else is 404."""
    record = offer_of(_db(), g.user.company_id, offer_id[:100])
    if record is None or record["source"].startswith(MANUAL_PREFIX):
        abort(404)
    return record


def _field(key: str) -> str:
    if key not in corrections.FIELDS:
        abort(404)
    return key


def _published() -> None:
    background.start_publish()


@bp.route("/")
@provider_required
def index():
    db = _db()
    everything = offers_of(db, g.user.company_id)
    records = [r for r in everything if not r["source"].startswith(MANUAL_PREFIX)]
    fixes = corrections.corrections_of(db, [r["id"] for r in records])
    rows = []
    for record in records:
        own = fixes.get(record["id"], {})
        hidden = own.get(corrections.HIDDEN)
        rows.append({"o": record, "warnings": [warning_text(w) for w in offer_warnings(record)],
                     "hidden": hidden is not None and not hidden.removed,
                     "corrected": [FIELD_LABELS[f] for f, c in own.items() if f in FIELD_LABELS and not c.removed],
                     "changed": [FIELD_LABELS[f] for f, c in own.items()
                                 if f in FIELD_LABELS and not c.removed and c.page_changed]})
    hand = manual.of_company(db, g.user.company_id)
    live = {r["id"] for r in everything if r["source"].startswith(MANUAL_PREFIX)}
    own_rows = []
    for m in hand:
        record_id = manual.record_id(db, m, g.user.company_name, base_url())
        own_rows.append({"m": m, "record_id": record_id, "live": record_id in live})
    return render_template("provider_index.html", rows=rows, own_rows=own_rows, sources=linked_sources(db, g.user.company_id),
                           flagged=sum(1 for r in rows if r["changed"]), answers_url=ANSWERS_URL)


@bp.route("/angebot/<offer_id>")
@provider_required
def offer(offer_id: str):
    record = _own_crawled(offer_id)
    own = corrections.corrections_of(_db(), [record["id"]]).get(record["id"], {})
    hidden = own.get(corrections.HIDDEN)
    warnings_by_fix: dict[str, list[str]] = {}
    for w in offer_warnings(record):
        warnings_by_fix.setdefault(w.fix, []).append(warning_text(w))
    fields = []
    for key in corrections.FIELDS:
        correction = own.get(key)
        standing = correction is not None and not correction.removed
        fields.append({"key": key, "label": FIELD_LABELS[key], "now": show(key, corrections.page_part(record, key)),
                       "corrected": standing,
                       "crawled": show(key, correction.crawled) if standing else "",
                       "page_changed": standing and correction.page_changed,
                       "page_value": show(key, correction.page_value) if standing and correction.page_changed else "",
                       "pending": correction is not None and correction.removed,
                       "warnings": warnings_by_fix.get(key, [])})
    return render_template("provider_offer.html", o=record, fields=fields,
                           hidden=hidden is not None and not hidden.removed,
                           unhiding=hidden is not None and hidden.removed)


def _correction_page(record: dict, key: str, form, status: int = 200):
    errors = form.first_errors() if status != 200 else {}
    own = corrections.corrections_of(_db(), [record["id"]]).get(record["id"], {}).get(key)
    return render_template("provider_correct.html", o=record, key=key, label=FIELD_LABELS[key], form=form,
                           errors=errors, now=show(key, corrections.page_part(record, key)),
                           crawled=show(key, own.crawled) if own is not None and not own.removed else "",
                           **_choices()), status


@bp.route("/angebot/<offer_id>/korrektur/<key>", methods=["GET", "POST"])
@provider_required
def correct(offer_id: str, key: str):
    record = _own_crawled(offer_id)
    key = _field(key)
    form_class = CORRECTION_FORMS[key]
    if request.method == "POST":
        form = form_class(formdata=request.form)
        if not form.validate():
            return _correction_page(record, key, form, 422)
        value = form.value(record)
        corrections.save(_db(), _catalogue(), g.user.company_id, record["id"], key, value)
        _published()
        flash(f"Ihre Korrektur von „{FIELD_LABELS[key]}“ ist gespeichert. Sie erscheint in wenigen Minuten in der "
              f"Suche und gilt auch nach jedem neuen Abruf Ihrer Seite.")
        return redirect(url_for("anbieter.offer", offer_id=record["id"]))
    return _correction_page(record, key, form_class(formdata=None, data=correction_form_data(key, record)))


@bp.route("/angebot/<offer_id>/korrektur/<key>/entfernen", methods=["POST"])
@provider_required
def remove_correction(offer_id: str, key: str):
    """Also "Wert Ihrer Seite übernehmen" when the page changed: the correction goes, the page's value counts."""
    record = _own_crawled(offer_id)
    key = _field(key)
    if corrections.remove(_db(), record["id"], key):
        _published()
        flash(f"„{FIELD_LABELS[key]}“ zeigt wieder den Wert Ihrer Seite.")
    return redirect(url_for("anbieter.offer", offer_id=record["id"]))


@bp.route("/angebot/<offer_id>/korrektur/<key>/behalten", methods=["POST"])
@provider_required
def keep_correction(offer_id: str, key: str):
    record = _own_crawled(offer_id)
    key = _field(key)
    if corrections.acknowledge(_db(), record["id"], key):
        flash(f"Ihre Korrektur von „{FIELD_LABELS[key]}“ bleibt. Wir melden uns wieder, wenn Ihre Seite den Wert "
              f"erneut ändert.")
    return redirect(url_for("anbieter.offer", offer_id=record["id"]))


@bp.route("/angebot/<offer_id>/verbergen", methods=["POST"])
@provider_required
def hide(offer_id: str):
    record = _own_crawled(offer_id)
    corrections.hide(_db(), g.user.company_id, record["id"])
    _published()
    flash("Das Angebot ist verborgen: Es verschwindet in wenigen Minuten aus der Suche und bleibt auch nach neuen "
          "Abrufen Ihrer Seite verborgen.")
    return redirect(url_for("anbieter.offer", offer_id=record["id"]))


@bp.route("/angebot/<offer_id>/zeigen", methods=["POST"])
@provider_required
def unhide(offer_id: str):
    record = _own_crawled(offer_id)
    if corrections.unhide(_db(), record["id"]):
        _published()
        flash("Das Angebot wird wieder gezeigt, sobald es auf Ihrer Seite steht; in wenigen Minuten ist es in der Suche.")
    return redirect(url_for("anbieter.offer", offer_id=record["id"]))


# -- offers entered by hand ---------------------------------------------------------------------------
def _manual_page(form: ManualOfferForm, manual_id: int | None, status: int = 200, errors: dict | None = None,
                 token: str = ""):
    if errors is None:
        errors = form.first_errors() if status != 200 else {}
    return render_template("provider_manual.html", form=form, manual_id=manual_id, errors=errors, form_token=token,
                           **_choices()), status


def _checked(form: ManualOfferForm) -> tuple[dict | None, dict]:
    """The raw item if the form and the schema accept it, else the field messages."""
    if not form.validate():
        return None, form.first_errors()
    raw = form.raw_item()
    try:
        manual.build_manual_offer(raw, organisation_id=g.user.company_id, provider=g.user.company_name,
                                  base_url=base_url())
    except OfferError as exc:
        field = BUILD_FIELDS.get(getattr(exc, "field", "") or "", "title")
        return None, {field: f"Diese Angabe passt nicht zum Kursschema: {exc}"}
    return raw, {}


@bp.route("/eigene/neu", methods=["GET", "POST"])
@provider_required
def manual_new():
    if request.method == "POST":
        token = request.form.get("form_token", "")[:64]
        done = session.get(SUBMITTED, {})
        if token and token in done and manual.get(_db(), g.user.company_id, done[token]) is not None:
            flash("Dieses Angebot war schon gespeichert; es wurde nicht doppelt angelegt.")
            return redirect(url_for("anbieter.index"))
        form = ManualOfferForm(formdata=request.form)
        raw, errors = _checked(form)
        if raw is None:
            return _manual_page(form, None, 422, errors, token)
        manual_id = manual.add(_db(), g.user.company_id, raw)
        if token:
            session[SUBMITTED] = dict(list(done.items())[-20:], **{token: manual_id})
        _published()
        flash(f"Ihr Angebot „{raw['title']}“ ist gespeichert und in wenigen Minuten in der Suche zu finden.")
        return redirect(url_for("anbieter.index"))
    return _manual_page(ManualOfferForm(formdata=None), None, token=secrets.token_urlsafe(16))


def _own_manual(offer_id: str) -> manual.ManualOffer:
    if not offer_id.isdigit() or len(offer_id) > 9:
        abort(404)
    found = manual.get(_db(), g.user.company_id, int(offer_id))
    if found is None or found.withdrawn:
        abort(404)
    return found


@bp.route("/eigene/<offer_id>", methods=["GET", "POST"])
@provider_required
def manual_edit(offer_id: str):
    own = _own_manual(offer_id)
    if request.method == "POST":
        form = ManualOfferForm(formdata=request.form)
        raw, errors = _checked(form)
        if raw is None:
            return _manual_page(form, own.id, 422, errors)
        manual.change(_db(), g.user.company_id, own.id, raw)
        _published()
        flash(f"Ihre Änderungen an „{raw['title']}“ sind gespeichert.")
        return redirect(url_for("anbieter.index"))
    return _manual_page(ManualOfferForm(formdata=None, data=manual_form_data(own.data)), own.id)


@bp.route("/eigene/<offer_id>/zurueckziehen", methods=["POST"])
@provider_required
def manual_withdraw(offer_id: str):
    own = _own_manual(offer_id)
    manual.withdraw(_db(), g.user.company_id, own.id)
    _published()
    flash(f"„{own.data.get('title', '')}“ ist zurückgezogen und verschwindet in wenigen Minuten aus der Suche.")
    return redirect(url_for("anbieter.index"))
