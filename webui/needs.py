"""A company's training needs: create (also from the current search), edit, pause, delete, and
the matching offers with explanations. A company only ever sees its own needs."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from normalize import enums, taxonomy
from wbportal.needs import Need
from wbportal.needs.matching import match_need, relaxed

from .accounts import accounts, local_path, login_required
from .forms import NeedForm
from .query import to_date, to_int

bp = Blueprint("needs", __name__)
FORMATS, FUNDING = enums.FORMATS, enums.FUNDINGS


def need_form(formdata=None, need: Need | None = None) -> NeedForm:
    """The need form, checked against the offered categories, formats and funding programmes."""
    data = None
    if need is not None and formdata is None:
        data = {name: getattr(need, name) for name in ("topic", "category", "employees", "earliest", "latest", "place",
                                                         "radius_km", "formats", "time_model", "max_price", "funding",
                                                         "notes")}
    form = NeedForm(formdata=formdata, data=data)
    return form.set_choices(taxonomy(), FORMATS, FUNDING)


def need_from_search(args) -> Need:
    """"Diese Suche als Bedarf speichern": the search's words and filters as a need."""
    category = (args.getlist("category") or [""])[0]
    return Need(topic=args.get("q", "")[:300], category=category if category in taxonomy() else "",
                earliest=to_date(args.get("from")), latest=to_date(args.get("to")),
                place=args.get("near", "")[:80], radius_km=to_int(args.get("radius"), 50, 1, 500),
                formats=[f for f in args.getlist("format") if f in FORMATS],
                max_price=to_int(args.get("max_price"), None, 0, 10**6),
                funding=[f for f in args.getlist("funding") if f in FUNDING])


def needs_store():
    return current_app.extensions["needs"]


def _own(need_id: int) -> Need:
    need = needs_store().get(g.user.company_id, need_id)
    if need is None:
        abort(404)  # another company's need does not exist for this company
    return need


@bp.route("/bedarfe")
@login_required
def index():
    return render_template("needs.html", needs=needs_store().of_company(g.user.company_id))


SUBMITTED = "need_forms_submitted"  # session: one-time token of a need form -> the need it saved


def _form_page(form: NeedForm, need_id: int | None, status: int = 200, token: str = ""):
    errors = form.first_errors() if status != 200 else {}
    return render_template("need_form.html", form=form, need_id=need_id, errors=errors, form_token=token,
                           **_choices()), status


@bp.route("/bedarfe/neu", methods=["GET", "POST"])
@login_required
def create():
    import secrets
    if request.method == "POST":
        token = request.form.get("form_token", "")[:64]
        done = session.get(SUBMITTED, {})
        if token and token in done and needs_store().get(g.user.company_id, done[token]) is not None:
            # the same form sent again (double click, reload after saving): show the need saved the first time
            flash("Dieser Bedarf war schon gespeichert; er wurde nicht doppelt angelegt.")
            return redirect(url_for("needs.show", need_id=done[token]))
        form = need_form(request.form)
        if not form.validate():
            return _form_page(form, None, 422, token)
        need_id = needs_store().save(g.user.company_id, Need(**form.values()))
        if token:
            session[SUBMITTED] = dict(list(done.items())[-19:] + [(token, need_id)])  # the last 20 forms
        flash("Der Bedarf ist gespeichert.")
        return redirect(url_for("needs.show", need_id=need_id))
    return _form_page(need_form(need=need_from_search(request.args)), None, token=secrets.token_urlsafe(16))


@bp.route("/bedarfe/<int:need_id>/bearbeiten", methods=["GET", "POST"])
@login_required
def edit(need_id: int):
    need = _own(need_id)
    if request.method == "POST":
        form = need_form(request.form)
        if not form.validate():
            return _form_page(form, need_id, 422)
        needs_store().save(g.user.company_id, Need(**form.values()), need_id)
        flash("Die Änderungen sind gespeichert.")
        return redirect(url_for("needs.show", need_id=need_id))
    return _form_page(need_form(need=need), need_id)


@bp.route("/bedarfe/<int:need_id>/pausieren", methods=["POST"])
@login_required
def pause(need_id: int):
    need = _own(need_id)
    needs_store().set_paused(g.user.company_id, need_id, not need.paused)
    flash("Der Bedarf ist fortgesetzt; passende Angebote werden Ihnen wieder gemeldet." if need.paused else
          "Der Bedarf ist pausiert; bis Sie ihn fortsetzen, bekommen Sie dazu keine Benachrichtigungen.")
    return redirect(url_for("needs.show", need_id=need_id))


@bp.route("/bedarfe/<int:need_id>/loeschen", methods=["GET", "POST"])
@login_required
def delete(need_id: int):
    """GET (or a POST without the confirmation) asks first; works without JavaScript."""
    need = _own(need_id)
    if request.method == "POST" and request.form.get("bestaetigt") == "1":
        needs_store().delete(g.user.company_id, need_id)
        flash(f"Der Bedarf „{need.topic}“ ist gelöscht.")
        return redirect(url_for("needs.index"))
    return render_template("need_delete.html", need=need)


@bp.route("/bedarfe/<int:need_id>")
@login_required
def show(need_id: int):
    """The need's matches and near misses; ?lockern=<key> shows the offers one near miss adds
    (only relaxations the matcher itself proposes for this need are applied)."""
    need = _own(need_id)
    searcher = current_app.extensions["searcher"]
    relaxation = relaxed(searcher, need, request.args.get("lockern", "")[:120])
    found = match_need(searcher, relaxation.need if relaxation else need, near=relaxation is None)
    seen = need.last_viewed
    # runs first seen since the last visit; a course card is "neu" when one of its dates is
    new = {r["id"] for m in found.matches for r in (m.record, *m.other_runs)
           if seen and (r.get("first_seen") or "") > seen}
    new_courses = {m.record["id"] for m in found.matches
                   if new & {r["id"] for r in (m.record, *m.other_runs)}}
    if relaxation is None:
        needs_store().mark_viewed(g.user.company_id, need_id)
    return render_template("need.html", need=need, found=found, matches=found.matches, relaxation=relaxation,
                           new=new, new_courses=new_courses, first_visit=not seen, watched=set(accounts().watched(g.user.id)))


@bp.route("/merkliste")
@login_required
def watchlist():
    searcher = current_app.extensions["searcher"]
    records = [r for r in (searcher.get(i) for i in accounts().watched(g.user.id)) if r]
    return render_template("watchlist.html", records=records)


@bp.route("/merkliste/<offer_id>", methods=["POST"])
@login_required
def toggle_watch(offer_id: str):
    if current_app.extensions["searcher"].get(offer_id[:100]) is None:
        abort(404)
    on = accounts().toggle_watch(g.user.id, offer_id[:100])
    flash("Auf die Merkliste gesetzt." if on else "Von der Merkliste genommen.")
    target = request.form.get("zurueck", "")
    return redirect(local_path(target, url_for("needs.watchlist")))


def _choices() -> dict:
    return {"categories": [(c.id, c.label) for c in taxonomy().values()], "formats": FORMATS, "funding": FUNDING}
